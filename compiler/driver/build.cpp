//===- build.cpp - budc build: check, then write the disclosure --------------===//
//
// budc build PATH… [--format F] [-o DIR]
//
// The tables of a budget without errors, in one format, on standard output or as files in
// DIR; nothing at all for a budget with errors (BUD908). DIR is published whole
// (emit::publish): written beside it, then swapped in.
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "compiler/emit/output.h"
#include "compiler/emit/write.h"
#include "compiler/source/utf8.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>

using namespace llvm;

namespace budc::driver {
namespace {

cl::opt<std::string> BuildFormat("format",
                                 cl::desc("Output format: text, md, csv, html, json or xlsx"),
                                 cl::init("text"), cl::value_desc("text|md|csv|html|json|xlsx"),
                                 cl::sub(cmd::build()), cl::cat(category()));
cl::opt<std::string> OutDir("o",
                            cl::desc("Write one file per table (NN-title.ext) into DIR, and "
                                     "disclosure.html or budget.json; without -o the output "
                                     "goes to standard output, as with -o -"),
                            cl::value_desc("DIR"), cl::sub(cmd::build()), cl::cat(category()));
cl::opt<bool> Pretty("pretty",
                     cl::desc("JSON: indent budget.json by two spaces (by default it is one "
                              "line, half the bytes)"),
                     cl::sub(cmd::build()), cl::cat(category()));
cl::opt<bool> Bom("bom", cl::desc("CSV: start each file with a UTF-8 byte-order mark (Excel)"),
                  cl::sub(cmd::build()), cl::cat(category()));

/// Publishes the output of \p C as the whole content of OutDir; the number of files written,
/// or none after reporting why.
unsigned writeFiles(Compilation &C, emit::Format F, ArrayRef<emit::OutputFile> Files,
                    bool &Failed) {
  std::vector<emit::SetFile> Set;
  auto Xlsx = [&](StringRef P) { return emit::xlsx(P, *C.Budget, *C.Tables); };
  std::vector<std::function<std::optional<std::string>(StringRef)>> Writers;
  if (F == emit::Format::Xlsx)
    Set.push_back({"disclosure.xlsx", Xlsx});
  size_t Count = Files.size();
  for (const emit::OutputFile &Out : Files)
    Count += Out.Beside.size();
  Writers.reserve(Count);
  for (const emit::OutputFile &Out : Files) {
    // A file with files beside it writes them too, in the same directory and pass; their own
    // entries of the set (moved and counted like the others) then have nothing left to write.
    Writers.push_back([&Out](StringRef P) {
      std::vector<std::string> Paths{P.str()};
      for (const std::string &Name : Out.Beside) {
        SmallString<256> Path(sys::path::parent_path(P));
        sys::path::append(Path, Name);
        Paths.push_back(std::string(Path));
      }
      return emit::writeNewFiles(Paths, [&](ArrayRef<raw_ostream *> OS) {
        Out.Write(*OS[0], OS.drop_front());
      });
    });
    Set.push_back({Out.Name, Writers.back()});
    for (const std::string &Name : Out.Beside) {
      Writers.push_back([](StringRef) { return std::optional<std::string>(); });
      Set.push_back({Name, Writers.back()});
    }
  }
  if (auto E = emit::publish(OutDir, Set)) {
    C.Diags.report({}, diag::CannotWrite, {E->Path, E->Why})
        .zh({E->Path, E->WhyZh.empty() ? E->Why : E->WhyZh});
    Failed = true;
    return 0;
  }
  return static_cast<unsigned>(Set.size());
}

} // namespace

int runBuild() {
  // -o - is standard output, as for most tools, not a directory named '-'.
  if (OutDir == "-")
    OutDir.setValue(std::string());
  auto I = invocation(Stage::Tables, /*NeedPaths=*/false);
  if (!I)
    return ExitUsage;
  I->CO.ReleaseBodies = true; // the back ends read the model, not the projects' indicator lines
  std::optional<emit::Format> F = emit::parseFormat(BuildFormat);
  if (!F) {
    errs() << "budc: error: --format must be " << emit::formatNames() << ", not '" << BuildFormat
           << "'\n";
    return ExitUsage;
  }
  if (*F == emit::Format::Xlsx && OutDir.empty()) {
    errs() << "budc: error: --format xlsx writes a workbook: give the directory with -o DIR\n";
    return ExitUsage;
  }
  if (Pretty && *F != emit::Format::Json) {
    errs() << "budc: error: --pretty indents JSON: it applies to --format json only\n";
    return ExitUsage;
  }
  if (Bom && *F != emit::Format::Csv) {
    errs() << "budc: error: --bom marks CSV files for Excel: it applies to --format csv only\n";
    return ExitUsage;
  }
  if (Paths.empty()) {
    errs() << "budc: error: no workspace given: name a directory or .bud files\n";
    return ExitUsage;
  }
  return guarded([&] {
    std::unique_ptr<Compilation> C = compile(I->Inputs, I->CO);
    if (C->inputError()) {
      printDiagnostics(*C, I->RO);
      return ExitUsage;
    }
    if (C->Diags.hasErrors())
      C->Diags.report({}, diag::BuildBlocked, {std::to_string(C->Diags.getErrorCount())});
    unsigned Written = 0;
    bool Failed = false;
    if (!C->Diags.hasErrors()) {
      NamedRegionTimer T("tables", "fill and render the tables", "budc", "budc phases",
                         TimePhases);
      emit::Options EO;
      EO.Bom = Bom;
      EO.Pretty = Pretty;
      // (the files are written as they are published: what they point to lives until then)
      std::vector<Diagnostic> Sorted = C->Diags.sorted();
      std::vector<emit::OutputFile> Files =
          emit::render(*C->Budget, *C->Tables, *F, EO, OutDir.empty(), C->SM, Sorted);
      if (!OutDir.empty())
        Written = writeFiles(*C, *F, Files, Failed);
      else
        for (const emit::OutputFile &Out : Files)
          Out.Write(outs(), {});
    }
    printDiagnostics(*C, I->RO);
    if (!Quiet && !OutDir.empty() && !C->Diags.hasErrors()) {
      if (I->RO.Language == Lang::Zh)
        errs() << "已写出 " << Written << " 个文件到 " << escapeControls(OutDir) << "\n";
      else
        errs() << "wrote " << Written << (Written == 1 ? " file" : " files") << " to "
               << escapeControls(OutDir) << "\n";
    }
    if (Failed)
      return ExitUsage;
    return errorStatus(C->Diags);
  });
}

} // namespace budc::driver

//===- build.cpp - budc build: check, then write the disclosure --------------===//
//
// budc build PATH… [--format F] [-o DIR]
//
// The tables of a budget without errors, in one format, on standard output or as files in
// DIR; nothing at all for a budget with errors (BUD908).
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "compiler/emit/output.h"
#include "compiler/emit/write.h"

#include "llvm/Support/Path.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

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
                                     "goes to standard output"),
                            cl::value_desc("DIR"), cl::sub(cmd::build()), cl::cat(category()));
cl::opt<bool> Bom("bom", cl::desc("CSV: start each file with a UTF-8 byte-order mark (Excel)"),
                  cl::sub(cmd::build()), cl::cat(category()));

/// Writes the output of \p C into OutDir; the number of files written.
unsigned writeFiles(Compilation &C, emit::Format F, ArrayRef<emit::OutputFile> Files,
                    bool &Failed) {
  unsigned Written = 0;
  if (auto Why = emit::makeDirectory(OutDir)) {
    C.Diags.report({}, diag::CannotWrite, {OutDir, *Why});
    Failed = true;
    return 0;
  }
  auto Write = [&](StringRef Name, auto &&Writer) {
    SmallString<256> Path(OutDir);
    sys::path::append(Path, Name);
    if (auto Why = Writer(StringRef(Path))) {
      C.Diags.report({}, diag::CannotWrite, {std::string(Path), *Why});
      Failed = true;
      return false;
    }
    ++Written;
    return true;
  };
  if (F == emit::Format::Xlsx)
    Write("disclosure.xlsx", [&](StringRef P) { return emit::xlsx(P, *C.Budget, *C.Tables); });
  else
    for (const emit::OutputFile &Out : Files)
      if (!Write(Out.Name, [&](StringRef P) { return emit::writeAtomically(P, Out.Content); }))
        break;
  return Written;
}

} // namespace

int runBuild() {
  auto I = invocation(Stage::Tables, /*NeedPaths=*/false);
  if (!I)
    return ExitUsage;
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
      std::vector<emit::OutputFile> Files =
          emit::render(*C->Budget, *C->Tables, *F, EO, OutDir.empty(), C->SM, C->Diags.sorted());
      if (!OutDir.empty())
        Written = writeFiles(*C, *F, Files, Failed);
      else
        for (const emit::OutputFile &Out : Files)
          outs() << Out.Content;
    }
    printDiagnostics(*C, I->RO);
    if (!Quiet && !OutDir.empty() && !C->Diags.hasErrors()) {
      if (I->RO.Language == Lang::Zh)
        errs() << "已写出 " << Written << " 个文件到 " << OutDir << "\n";
      else
        errs() << "wrote " << Written << (Written == 1 ? " file" : " files") << " to " << OutDir
               << "\n";
    }
    if (Failed)
      return ExitUsage;
    return C->Diags.hasErrors() ? ExitErrors : ExitOk;
  });
}

} // namespace budc::driver

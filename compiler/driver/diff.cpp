//===- diff.cpp - budc diff: what changed between two versions, semantically --===//
//
// budc diff OLD NEW                 two workspaces (directories or files)
// budc diff REV1 REV2 [-- PATH…]    two git revisions of the paths given
// budc diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
//                                   git's external diff: PATH's workspace with either text
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "compiler/diff/git.h"
#include "compiler/diff/semantic.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace budc::driver {
namespace {

cl::list<std::string> DiffArgs(cl::Positional,
                               cl::desc("OLD NEW | REV1 REV2 [-- PATH…] | git's seven "
                                        "external-diff arguments"),
                               cl::ZeroOrMore, cl::sub(cmd::diff()));
cl::opt<std::string> DiffFormat("format", cl::desc("Report format: text, md or json"),
                                cl::init("text"), cl::value_desc("text|md|json"),
                                cl::sub(cmd::diff()), cl::cat(category()));

/// One version of a workspace, compiled, and what the diff sees of it.
struct Side {
  std::unique_ptr<Compilation> C;
  diff::Version V;
};

Side compileSide(const std::vector<std::string> &Inputs, const StringMap<std::string> *Overrides,
                 const CompileOptions &Base, Lang L) {
  Side S;
  if (Inputs.empty()) { // a side without .bud files is an empty budget (added or removed)
    S.C = std::make_unique<Compilation>();
    return S;
  }
  CompileOptions O = Base;
  O.TablesDespiteErrors = true;
  O.Overrides = Overrides;
  S.C = compile(Inputs, O);
  if (S.C->Budget)
    S.V.Budget = &*S.C->Budget;
  if (S.C->Tables)
    S.V.Tables = &*S.C->Tables;
  S.V.Diagnostics = diff::describeDiagnostics(S.C->Diags.sorted(), L);
  return S;
}

/// git's external diff: path old-file old-hex old-mode new-file new-hex new-mode. Each side is
/// the workspace of path with that file's text from git; exit 0 always (git stops otherwise).
int gitDriver(ArrayRef<std::string> Args, diff::Format F, const CompileOptions &CO, Lang L) {
  const std::string &Path = Args[0];
  // git hands over temporary files (or /dev/null for a side that does not exist); anything
  // else that is not a regular file within the size cap is refused, not waited on.
  StringMap<std::string> Texts[2];
  for (int I = 0; I < 2; ++I) {
    const std::string &File = Args[I ? 4 : 1];
    if (File == "/dev/null")
      continue;
    FileRead R = readRegularFile(File, CO.Load.Limits.FileBytes);
    if (!R) {
      errs() << "budc: error: cannot read '" << File << "': " << R.reason() << "\n";
      return ExitUsage;
    }
    Texts[I][""] = R.Buffer->getBuffer().str();
  }
  SmallString<256> Real;
  Side Old, New;
  if (!sys::fs::real_path(Path, Real)) {
    for (StringMap<std::string> &T : Texts)
      T[Real] = T.lookup("");
    std::vector<std::string> Inputs{workspaceRoot(Path)};
    Old = compileSide(Inputs, &Texts[0], CO, L);
    New = compileSide(Inputs, &Texts[1], CO, L);
  } else {
    // The file is gone from the work tree: compare the two texts alone.
    Old = compileSide({Args[1]}, nullptr, CO, L);
    New = compileSide({Args[4]}, nullptr, CO, L);
  }
  diff::print(outs(), diff::compare(Old.V, New.V), F, "a/" + Path, "b/" + Path);
  return ExitOk;
}

} // namespace

int runDiff() {
  auto RO = renderOptions();
  if (!RO)
    return ExitUsage;
  std::optional<diff::Format> F;
  if (DiffFormat == "text")
    F = diff::Format::Text;
  else if (DiffFormat == "md" || DiffFormat == "markdown")
    F = diff::Format::Markdown;
  else if (DiffFormat == "json")
    F = diff::Format::Json;
  if (!F) {
    errs() << "budc: error: --format must be text, md or json, not '" << DiffFormat << "'\n";
    return ExitUsage;
  }
  auto CO = compileOptions(Stage::Tables);
  if (!CO)
    return ExitUsage;
  std::vector<std::string> Args(DiffArgs.begin(), DiffArgs.end());
  return guarded([&] {
    if (Args.size() == 7)
      return gitDriver(Args, *F, *CO, RO->Language);
    if (Args.size() < 2) {
      errs() << "budc: error: budc diff needs OLD NEW, REV1 REV2 [-- PATH…], or git's seven "
                "external-diff arguments\n";
      return ExitUsage;
    }
    std::vector<std::string> OldInputs{Args[0]}, NewInputs{Args[1]};
    SmallString<128> Temp;
    if (!sys::fs::exists(Args[0]) || !sys::fs::exists(Args[1]) || Args.size() > 2) {
      // Revisions: extract the .bud files of each into a temporary directory.
      std::vector<std::string> Paths(Args.begin() + 2, Args.end());
      auto Prefix = diff::repositoryPrefix();
      if (!Prefix) {
        errs() << "budc: error: '" << Args[0] << "' and '" << Args[1]
               << "' are neither paths nor revisions of a git repository here\n";
        return ExitUsage;
      }
      // Paths are relative to the current directory; git ls-tree --full-tree wants them
      // relative to the top of the repository.
      for (std::string &P : Paths)
        if (!Prefix->empty() && !sys::path::is_absolute(P))
          P = *Prefix + "/" + P;
      if (sys::fs::createUniqueDirectory("budc-diff", Temp)) {
        errs() << "budc: error: cannot make a temporary directory\n";
        return ExitUsage;
      }
      SmallString<256> OldDir(Temp), NewDir(Temp);
      sys::path::append(OldDir, "old");
      sys::path::append(NewDir, "new");
      if (!diff::extractRevision(Args[0], Paths, OldDir) ||
          !diff::extractRevision(Args[1], Paths, NewDir)) {
        errs() << "budc: error: git cannot read the .bud files of '" << Args[0] << "' or '"
               << Args[1] << "'\n";
        sys::fs::remove_directories(Temp);
        return ExitUsage;
      }
      auto Inputs = [&](StringRef Dir) {
        std::vector<std::string> Out;
        for (const std::string &P : Paths) {
          SmallString<256> X(Dir);
          sys::path::append(X, P);
          if (sys::fs::exists(X))
            Out.push_back(std::string(X));
        }
        if (Paths.empty())
          Out.push_back(Dir.str());
        return Out;
      };
      OldInputs = Inputs(OldDir);
      NewInputs = Inputs(NewDir);
    }
    Side Old = compileSide(OldInputs, nullptr, *CO, RO->Language);
    Side New = compileSide(NewInputs, nullptr, *CO, RO->Language);
    if (!Temp.empty())
      sys::fs::remove_directories(Temp);
    for (const Side *S : {&Old, &New})
      if (S->C->inputError() && !S->C->Budget) {
        renderText(errs(), S->C->SM, S->C->Diags.sorted(), *RO);
        return ExitUsage;
      }
    diff::Report R = diff::compare(Old.V, New.V);
    diff::print(outs(), R, *F, Args[0], Args[1]);
    return R.empty() ? ExitOk : ExitErrors;
  });
}

} // namespace budc::driver

//===- fmt.cpp - budc fmt: lay .bud files out canonically --------------------===//
//
// budc fmt [--check | --diff] PATH…
//
// Every file of a workspace that parses cleanly, rewritten only when its meaning is kept.
// Files read from an include root outside the workspace are never rewritten; a file is
// written through a link to its target (when that is in the workspace), keeping its mode and
// owner.
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "compiler/emit/write.h"
#include "compiler/format/format.h"
#include "compiler/source/utf8.h"

#include "llvm/Support/FileSystem.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace budc::driver {
namespace {

cl::opt<bool> FmtCheck("check",
                       cl::desc("Change nothing; list the files that are not formatted and "
                                "exit 1 if there are any"),
                       cl::sub(cmd::fmt()), cl::cat(category()));
cl::opt<bool> FmtDiff("diff", cl::desc("Change nothing; print what would change as a unified diff"),
                      cl::sub(cmd::fmt()), cl::cat(category()));

bool withinRoots(StringRef Real, ArrayRef<std::string> Roots) {
  for (const std::string &R : Roots)
    if (isWithin(Real, R))
      return true;
  return false;
}

} // namespace

int runFmt() {
  auto I = invocation(Stage::Load);
  if (!I)
    return ExitUsage;
  return guarded([&] {
    std::unique_ptr<Compilation> C = compile(I->Inputs, I->CO);
    int Status = ExitOk;
    if (!C->Diags.hasErrors() && !C->inputError()) {
      for (const ast::File *F : C->WS.Files) {
        unsigned ID = F->Range.File;
        if (C->WS.FromExtraRoot.count(ID))
          continue; // read from an include root: not the workspace's to rewrite
        StringRef Old = C->SM.getText(ID), Path = C->SM.getPath(ID);
        std::string New = format::formatFile(C->SM, ID);
        if (New == Old)
          continue;
        if (format::meaning(Old, Path) != format::meaning(New, Path)) {
          errs() << "budc: internal error: the canonical layout of '" << Path
                 << "' would change its meaning, so nothing was written.\nThis is a bug in "
                    "budc, not in your budget: please report it with the input file.\n";
          return ExitInternal;
        }
        if (FmtCheck || FmtDiff) {
          if (FmtDiff)
            outs() << format::unifiedDiff(Path, Path, Old, New);
          else
            outs() << Path << "\n";
          if (FmtCheck)
            Status = ExitErrors;
          continue;
        }
        // Written through a link to its target, but never outside the workspace.
        SmallString<256> Real;
        if (!sys::fs::real_path(Path, Real) && !withinRoots(Real, C->WS.Roots)) {
          C->Diags.report({}, diag::OutsideWorkspace, {Path.str(), C->WS.Roots.empty() ? "." : C->WS.Roots.front(), " (it resolves to '" + Real.str().str() + "')"})
              .zh({Path.str(), C->WS.Roots.empty() ? "." : C->WS.Roots.front(), "（实际指向“" + Real.str().str() + "”）"});
          Status = ExitUsage;
          continue;
        }
        if (auto E = emit::writeAtomically(Path, New)) {
          C->Diags.report({}, diag::CannotWrite, {E->Path, E->Why})
              .zh({E->Path, E->WhyZh.empty() ? E->Why : E->WhyZh});
          Status = ExitUsage;
        } else if (!Quiet) {
          errs() << (I->RO.Language == Lang::Zh ? "已格式化 " : "formatted ") << escapeControls(Path)
                 << "\n";
        }
      }
    }
    printDiagnostics(*C, I->RO);
    if (C->inputError() || Status == ExitUsage)
      return ExitUsage;
    if (Status != ExitOk)
      return Status;
    return C->Diags.hasErrors() ? ExitErrors : ExitOk;
  });
}

} // namespace budc::driver

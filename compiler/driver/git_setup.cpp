//===- git_setup.cpp - budc git-setup: git diff runs budc diff for *.bud -----===//
#include "compiler/driver/driver.h"

#include "compiler/diff/git.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace budc::driver {
namespace {
cl::opt<bool> Global("global", cl::desc("Write the user's git configuration"),
                     cl::sub(cmd::gitSetup()), cl::cat(category()));
} // namespace

int runGitSetup() {
  if (!diff::configureDiffDriver(Global)) {
    errs() << "budc: error: git config failed (is this a git repository, and git installed?)\n";
    return ExitUsage;
  }
  outs() << "git config " << (Global ? "--global" : "--local") << " diff.bud.command 'budc diff'\n"
         << "Add this line to .gitattributes (at the top of the repository) if it is not there:\n"
         << "  *.bud diff=bud\n"
         << "Then `git diff` shows what changed in the budget, not just the lines; "
            "`git diff --no-ext-diff` shows the lines.\n";
  return ExitOk;
}

} // namespace budc::driver

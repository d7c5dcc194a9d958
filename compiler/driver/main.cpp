//===- main.cpp - The budc command line ---------------------------------------===//
//
// budc check PATH…          parse and check a workspace, report diagnostics
// budc build PATH… [--format F] [-o DIR]
//                           check, then write the disclosure tables
// budc fmt [--check|--diff] PATH…
//                           lay .bud files out canonically
// budc diff OLD NEW | REV1 REV2 -- PATH… | (git's 7 external-diff arguments)
//                           what changed between two versions, semantically
// budc git-setup            configure git to use budc diff for *.bud files
// budc parse --dump-ast …   print the syntax tree
// budc init [--template NAME] [--year YYYY] DIR
//                           write a new workspace that checks clean and builds
// budc lsp                  the language server, for editors (standard input and output)
// budc help [COMMAND]       help, with the templates and catalogue years budc ships
//
// Exit codes: 0 no errors, 1 errors found, 2 usage or input error, 3 internal error.
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"
#include "compiler/stdlib/stdlib.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <unistd.h>

#ifdef BUDC_MIMALLOC
#include <mimalloc.h>
#endif

using namespace llvm;

namespace {

const char *Overview = R"(budc — compiler and checker for .bud department budgets (部门预算)

  A .bud workspace holds one department's budget as plain text: income control totals,
  basic expenditure by function and economic classification, projects with their
  performance indicators, and the narrative of the published disclosure. budc checks it
  and reports every problem with its place in the source.
)";

const char *Examples = R"(
EXAMPLES:
  budc check examples/xigang-2024          check a workspace directory
  budc check budget.bud --lang=zh          check one file (and what it includes), in Chinese
  budc check ws/ --format=json             diagnostics as JSON on standard output
  budc check ws/ --format=sarif > budc.sarif   SARIF 2.1.0 for code-scanning services
  budc check ws/ --format=github           annotations on a GitHub pull request
  budc check ws/ -Wno-BUD408 -Werror=cost-ceiling-below-amount
  budc build examples/xigang-2024          the disclosure tables as text on standard output
  budc build ws/ --format html -o out/     out/disclosure.html: the whole disclosure, printable
  budc build ws/ --format csv --bom -o out/  one CSV file per table (NN-title.csv), for Excel
  budc build ws/ --format xlsx -o out/     out/disclosure.xlsx: a workbook, a sheet per table
  budc fmt examples/xigang-2024            lay every .bud file out canonically, in place
  budc fmt --check ws/                     list files that are not formatted (exit 1)
  budc diff old/ new/                      what changed, semantically (exit 1 when something did)
  budc diff HEAD~1 HEAD -- budgets/        the same between two git revisions
  budc git-setup                           git diff shows budc diff for *.bud files
  budc explain BUD401                      what a code means, with a bad and a good example
  budc init --template 上海2026 --year 2026 ws/   a new workspace that checks clean
  budc parse --dump-ast examples/xigang-2024/projects.bud
  budc lsp                                 the language server an editor starts (docs/workflow.md)

EXIT STATUS:
  0 no errors (warnings allowed), 1 errors found, 2 usage, input or output error,
  3 internal error.

Run `budc help COMMAND` for a command's options; docs/language.md describes the language.
)";

} // namespace

#ifdef BUDC_MIMALLOC
/// The heap in 2 MiB pages where the kernel allows them (transparent huge pages, madvise
/// mode): a page fault per 4 KiB of syntax tree and model was a quarter of a large check
/// (166 k faults on 1M lines; 30 k with this). It runs before budc's static initializers, but
/// after mimalloc's own start, whose first segment keeps small pages: a small check does not
/// gain (MIMALLOC_LARGE_OS_PAGES=1 in the environment would reach that segment too).
/// A MIMALLOC_LARGE_OS_PAGES set in the environment is left to decide (tests/robustness/
/// recovery_linear.py sets it to 0 under valgrind, whose address space differs).
__attribute__((constructor(101))) static void hugePages() {
  if (!getenv("MIMALLOC_LARGE_OS_PAGES"))
    mi_option_enable(mi_option_large_os_pages);
}
#endif

int main(int Argc, char **Argv) {
  namespace D = budc::driver;
  InitLLVM X(Argc, Argv);
  setBugReportMsg("budc crashed. This is a bug in budc, not in your budget: please report it "
                  "with the command line and the input file.\n");
  // After LLVM's handler has printed the stack trace, end with the documented status 3
  // instead of the signal's.
  sys::AddSignalHandler([](void *) { _exit(D::ExitInternal); }, nullptr);

  cl::list<std::string> HelpTopic(cl::Positional, cl::desc("[command]"), cl::ZeroOrMore,
                                  cl::sub(D::cmd::help()));
  cl::HideUnrelatedOptions(D::category());
  cl::SetVersionPrinter([](raw_ostream &OS) { OS << "budc 0.1.0\n"; });
  cl::extrahelp Extra(Examples);
  // What the standard library holds: the templates a budget may name, the catalogue years.
  std::string Shipped = "\nTEMPLATES (模板 NAME, budc init --template NAME; docs/tables.md):\n ";
  for (const std::string &T : D::templateNames())
    Shipped += " " + T;
  Shipped += "\n\nCATALOGUE YEARS (a budget of another year uses the nearest earlier one):\n ";
  for (unsigned Y : budc::stdlib::catalogueYears())
    Shipped += " " + std::to_string(Y);
  Shipped += "\n";
  cl::extrahelp ShippedHelp(Shipped.c_str());

  // `budc help check` is `budc check --help`; `budc` alone is `budc --help`.
  std::vector<const char *> Args(Argv, Argv + Argc);
  if (Args.size() >= 2 && StringRef(Args[1]) == "help") {
    std::vector<const char *> Help{Args[0]};
    if (Args.size() >= 3)
      Help.push_back(Args[2]);
    Help.push_back("--help");
    Args = Help;
  }
  if (Args.size() == 1)
    Args.push_back("--help");
  if (!cl::ParseCommandLineOptions(static_cast<int>(Args.size()), Args.data(), Overview, &errs()))
    return D::ExitUsage;

  if (D::cmd::explain())
    return D::runExplain();
  if (D::cmd::init())
    return D::runInit();
  if (D::cmd::gitSetup())
    return D::runGitSetup();
  if (D::cmd::diff())
    return D::runDiff();
  if (D::cmd::check())
    return D::runCheck();
  if (D::cmd::build())
    return D::runBuild();
  if (D::cmd::fmt())
    return D::runFmt();
  if (D::cmd::parse())
    return D::runParse();
  if (D::cmd::lsp())
    return D::runLsp();
  return D::ExitOk;
}

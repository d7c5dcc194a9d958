//===- driver.h - The budc command line: shared options and the subcommands --===//
//
// main.cpp parses the command line and calls the run function of the subcommand given;
// each subcommand lives in its own file with its own options. The options several
// subcommands share, and what they all do around the pipeline (render options, -W, printing
// diagnostics, catching internal errors), are here.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/render.h"
#include "compiler/driver/pipeline.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/CommandLine.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::driver {

constexpr int ExitOk = 0, ExitErrors = 1, ExitUsage = 2, ExitInternal = 3;

/// The subcommands, created on first use so that options in any file can name them.
namespace cmd {
llvm::cl::SubCommand &check();
llvm::cl::SubCommand &build();
llvm::cl::SubCommand &fmt();
llvm::cl::SubCommand &diff();
llvm::cl::SubCommand &gitSetup();
llvm::cl::SubCommand &parse();
llvm::cl::SubCommand &help();
llvm::cl::SubCommand &explain();
llvm::cl::SubCommand &init();
llvm::cl::SubCommand &lsp();
} // namespace cmd

/// The category of every budc option (others, LLVM's own, are hidden).
llvm::cl::OptionCategory &category();

/// Options shared by several subcommands (defined in options.cpp).
extern llvm::cl::list<std::string> Paths;   ///< check, build, fmt, parse
extern llvm::cl::opt<unsigned> Jobs;        ///< check, build, fmt
extern llvm::cl::opt<bool> TimePhases;      ///< check, build
extern llvm::cl::opt<bool> Quiet;           ///< check, build, fmt

/// The render options of --lang, --color and --error-limit; nullopt (after saying why) for
/// an unknown language.
std::optional<RenderOptions> renderOptions();

/// The compile options every command starts from: threads, phase timers, and the -W options
/// (nullopt, after saying why, for an unknown warning name).
std::optional<CompileOptions> compileOptions(Stage Until);

/// What a command that compiles a workspace starts from.
struct Invocation {
  RenderOptions RO;
  CompileOptions CO;
  std::vector<std::string> Inputs; ///< the paths given
};

/// renderOptions() and compileOptions() and the paths given; nullopt (after saying why) when
/// one is wrong or, with \p NeedPaths, no path is given.
std::optional<Invocation> invocation(Stage Until, bool NeedPaths = true);

/// How `budc check` prints diagnostics.
enum class DiagFormat { Text, Json, Sarif, Github };

/// Prints the diagnostics of \p C in \p F, what became of the output (BUD907, BUD908) last,
/// with the totals of the engine in the summary.
void printDiagnostics(const Compilation &C, RenderOptions RO, DiagFormat F = DiagFormat::Text);

/// Runs \p Body; an exception that escapes it is an internal error (exit 3) with a message.
int guarded(llvm::function_ref<int()> Body);

/// The exit status of a compilation's diagnostics: 3 when the parser failed inside (BUD026, a
/// bug in budc), 1 for other errors, else 0.
int errorStatus(const DiagEngine &Diags);

int runCheck();
int runBuild();
int runFmt();
int runDiff();
int runGitSetup();
int runParse();
int runExplain();
int runInit();

/// The names of the standard library's table templates (表样), in the library's order.
std::vector<std::string> templateNames();
int runLsp();

} // namespace budc::driver

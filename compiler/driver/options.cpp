//===- options.cpp - Options shared by several subcommands; printing diagnostics -===//
#include "compiler/driver/driver.h"

#include "llvm/Support/Process.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <exception>

using namespace llvm;

namespace budc::driver {

namespace cmd {
#define BUDC_SUBCOMMAND(Fn, Name, Description)                                                \
  cl::SubCommand &Fn() {                                                                      \
    static cl::SubCommand S(Name, Description);                                               \
    return S;                                                                                 \
  }
BUDC_SUBCOMMAND(check, "check", "Check a workspace and report diagnostics")
BUDC_SUBCOMMAND(build, "build", "Check a workspace, then write its disclosure tables")
BUDC_SUBCOMMAND(fmt, "fmt", "Lay .bud files out canonically (in place)")
BUDC_SUBCOMMAND(diff, "diff", "Compare two versions of a workspace semantically")
BUDC_SUBCOMMAND(gitSetup, "git-setup", "Configure git to use budc diff for .bud files")
BUDC_SUBCOMMAND(parse, "parse", "Parse files and print their syntax tree")
BUDC_SUBCOMMAND(help, "help", "Show help for budc or for one command")
BUDC_SUBCOMMAND(explain, "explain", "Explain a diagnostic code, with a bad and a good example")
BUDC_SUBCOMMAND(init, "init", "Write a new workspace that checks clean and builds")
BUDC_SUBCOMMAND(lsp, "lsp", "Run the language server for editors on standard input and output")
#undef BUDC_SUBCOMMAND
} // namespace cmd

cl::OptionCategory &category() {
  static cl::OptionCategory Cat("budc options");
  return Cat;
}

namespace {
enum class ColorMode { Auto, Always, Never };

cl::opt<std::string> LangOpt("lang",
                             cl::desc("Language of messages: zh or en (default: from "
                                      "LC_ALL, LC_MESSAGES or LANG)"),
                             cl::value_desc("zh|en"), cl::sub(cmd::check()), cl::sub(cmd::build()),
                             cl::sub(cmd::fmt()), cl::sub(cmd::diff()), cl::sub(cmd::parse()),
                             cl::sub(cmd::init()), cl::cat(category()));
cl::opt<ColorMode> Color(
    "color", cl::desc("Colour diagnostics"), cl::init(ColorMode::Auto),
    cl::values(clEnumValN(ColorMode::Auto, "auto", "when standard error is a terminal"),
               clEnumValN(ColorMode::Always, "always", "always"),
               clEnumValN(ColorMode::Never, "never", "never")),
    cl::sub(cmd::check()), cl::sub(cmd::build()), cl::sub(cmd::fmt()), cl::sub(cmd::parse()),
    cl::cat(category()));
cl::opt<unsigned> ErrorLimit("error-limit", cl::desc("Stop after N errors: no more files are read or printed (0: no limit)"),
                             cl::init(100), cl::value_desc("N"), cl::sub(cmd::check()),
                             cl::sub(cmd::build()), cl::sub(cmd::fmt()), cl::sub(cmd::parse()),
                             cl::cat(category()));
cl::list<std::string> Warnings(
    "W", cl::Prefix,
    cl::desc("Warning control: -WNAME, -Wno-NAME, -Werror, -Werror=NAME; NAME is a code "
             "(BUD401) or a name (indicator-kind-mismatch)"),
    cl::value_desc("[no-]NAME|error[=NAME]"), cl::sub(cmd::check()), cl::sub(cmd::build()),
    cl::cat(category()));
cl::opt<std::string> MaxWorkspaceSize(
    "max-workspace-size",
    cl::desc("The most bytes of .bud files one run reads (default 512M; K, M, G suffixes)"),
    cl::value_desc("SIZE"), cl::sub(cmd::check()), cl::sub(cmd::build()), cl::sub(cmd::fmt()),
    cl::sub(cmd::diff()), cl::sub(cmd::parse()), cl::cat(category()));
cl::list<std::string> IncludeRoots(
    "include-root",
    cl::desc("A directory outside the workspace that its includes may read (repeatable)"),
    cl::value_desc("DIR"), cl::sub(cmd::check()), cl::sub(cmd::build()), cl::sub(cmd::fmt()),
    cl::sub(cmd::diff()), cl::sub(cmd::parse()), cl::cat(category()));
cl::opt<bool> AllowRootsFile(
    "allow-roots-file",
    cl::desc("Also allow the directories a .budc-roots file at the workspace root names, one "
             "a line (only for workspaces you trust: the file is part of the workspace)"),
    cl::sub(cmd::check()), cl::sub(cmd::build()), cl::sub(cmd::fmt()), cl::sub(cmd::diff()),
    cl::sub(cmd::parse()), cl::cat(category()));

/// "512M" → 536870912; K, M and G are powers of 1024. Nullopt when it is no size.
std::optional<uint64_t> parseSize(StringRef S) {
  uint64_t Unit = 1;
  if (S.consume_back("K") || S.consume_back("k"))
    Unit = 1ull << 10;
  else if (S.consume_back("M") || S.consume_back("m"))
    Unit = 1ull << 20;
  else if (S.consume_back("G") || S.consume_back("g"))
    Unit = 1ull << 30;
  uint64_t N;
  if (S.empty() || S.getAsInteger(10, N) || N > UINT64_MAX / Unit)
    return std::nullopt;
  return N * Unit;
}
} // namespace

cl::list<std::string> Paths(cl::Positional, cl::desc("<workspace directory or .bud file>..."),
                            cl::ZeroOrMore, cl::sub(cmd::check()), cl::sub(cmd::build()),
                            cl::sub(cmd::fmt()), cl::sub(cmd::parse()), cl::cat(category()));
cl::opt<unsigned> Jobs("jobs",
                       cl::desc("Threads that parse files and read projects (default 0: one per "
                                "core, fewer for a small workspace)"),
                       cl::init(0), cl::value_desc("N"), cl::sub(cmd::check()),
                       cl::sub(cmd::build()), cl::sub(cmd::fmt()), cl::cat(category()));
static cl::alias JobsA("j", cl::desc("Alias for --jobs"), cl::aliasopt(Jobs), cl::cat(category()));
cl::opt<bool> TimePhases("time-phases",
                         cl::desc("Print the time each phase took (reading, parsing, "
                                  "resolving, checking, tables, printing) on standard error"),
                         cl::sub(cmd::check()), cl::sub(cmd::build()), cl::cat(category()));
cl::opt<bool> Quiet("quiet", cl::desc("Print nothing when there is nothing to report"),
                    cl::sub(cmd::check()), cl::sub(cmd::build()), cl::sub(cmd::fmt()),
                    cl::cat(category()));
static cl::alias QuietA("q", cl::desc("Alias for --quiet"), cl::aliasopt(Quiet), cl::cat(category()));

std::optional<RenderOptions> renderOptions() {
  RenderOptions RO;
  if (LangOpt.empty())
    RO.Language = languageFromEnvironment();
  else if (LangOpt == "zh")
    RO.Language = Lang::Zh;
  else if (LangOpt == "en")
    RO.Language = Lang::En;
  else {
    errs() << "budc: error: --lang must be zh or en, not '" << LangOpt << "'\n";
    return std::nullopt;
  }
  RO.Color = Color == ColorMode::Always ||
             (Color == ColorMode::Auto && sys::Process::StandardErrHasColors());
  RO.ErrorLimit = ErrorLimit;
  return RO;
}

std::optional<CompileOptions> compileOptions(Stage Until) {
  CompileOptions O;
  O.Until = Until;
  O.Parse.Jobs = Jobs;
  O.Parse.TimePhases = TimePhases;
  O.Parse.ErrorLimit = ErrorLimit; // the work stops there too, not only the printing
  if (!MaxWorkspaceSize.empty()) {
    auto Size = parseSize(MaxWorkspaceSize);
    if (!Size) {
      errs() << "budc: error: --max-workspace-size must be a number of bytes with an optional "
                "K, M or G, not '"
             << MaxWorkspaceSize << "'\n";
      return std::nullopt;
    }
    O.Load.Limits.TotalBytes = *Size;
  }
  O.Load.IncludeRoots.assign(IncludeRoots.begin(), IncludeRoots.end());
  O.Load.RootsFile = AllowRootsFile;
  for (StringRef W : Warnings)
    if (auto Error = O.Warnings.add(W)) {
      errs() << "budc: error: " << *Error << "\n";
      return std::nullopt;
    }
  return O;
}

std::optional<Invocation> invocation(Stage Until, bool NeedPaths) {
  auto RO = renderOptions();
  if (!RO)
    return std::nullopt;
  auto CO = compileOptions(Until);
  if (!CO)
    return std::nullopt;
  if (NeedPaths && Paths.empty()) {
    errs() << "budc: error: no workspace given: name a directory or .bud files\n";
    return std::nullopt;
  }
  return Invocation{*RO, std::move(*CO), std::vector<std::string>(Paths.begin(), Paths.end())};
}

void printDiagnostics(const Compilation &C, RenderOptions RO, DiagFormat F) {
  NamedRegionTimer T("report", "sort and print diagnostics", "budc", "budc phases", TimePhases);
  std::vector<Diagnostic> Sorted = C.Diags.sorted();
  // What became of the output is the last thing said, after the problems that caused it.
  std::stable_partition(Sorted.begin(), Sorted.end(), [](const Diagnostic &D) {
    return D.Kind != diag::BuildBlocked && D.Kind != diag::CannotWrite;
  });
  RO.TotalErrors = C.Diags.getErrorCount();
  for (const Diagnostic &D : Sorted) // the refusal to build is not one more error
    RO.TotalErrors -= D.Kind == diag::BuildBlocked;
  RO.TotalWarnings = C.Diags.getWarningCount();
  switch (F) {
  case DiagFormat::Json:
    renderJson(outs(), C.SM, Sorted, RO);
    return;
  case DiagFormat::Sarif:
    renderSarif(outs(), C.SM, Sorted, RO);
    return;
  case DiagFormat::Github:
    renderGithub(outs(), C.SM, Sorted, RO);
    return;
  case DiagFormat::Text:
    renderText(errs(), C.SM, Sorted, RO);
    return;
  }
}

int errorStatus(const DiagEngine &Diags) {
  for (const Diagnostic &D : Diags.getDiagnostics())
    if (D.Kind == diag::ParserFailure)
      return ExitInternal;
  return Diags.hasErrors() ? ExitErrors : ExitOk;
}

int guarded(function_ref<int()> Body) {
  try {
    return Body();
  } catch (const std::exception &E) {
    errs() << "budc: internal error: " << E.what()
           << "\nThis is a bug in budc, not in your budget: please report it with the "
              "command line and the input file.\n";
    return ExitInternal;
  }
}

} // namespace budc::driver

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
// budc help [COMMAND]       help
//
// Exit codes: 0 no errors, 1 errors found, 2 usage or input error, 3 internal error.
//
//===----------------------------------------------------------------------===//
#include "compiler/ast/dump.h"
#include "compiler/check/check.h"
#include "compiler/sema/sema.h"
#include "compiler/diag/explain.h"
#include "compiler/diag/render.h"
#include "compiler/diff/semantic.h"
#include "compiler/emit/emit.h"
#include "compiler/emit/write.h"
#include "compiler/format/format.h"
#include "compiler/tables/tables.h"
#include "compiler/workspace/workspace.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <csignal>
#include <unistd.h>
#include <exception>
#include <set>
#include <optional>

#ifdef BUDC_MIMALLOC
#include <mimalloc.h>
#endif

using namespace llvm;

namespace {

constexpr int ExitOk = 0, ExitErrors = 1, ExitUsage = 2, ExitInternal = 3;

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
  budc parse --dump-ast examples/xigang-2024/projects.bud

EXIT STATUS:
  0 no errors (warnings allowed), 1 errors found, 2 usage, input or output error,
  3 internal error.

Run `budc help COMMAND` for a command's options; docs/language.md describes the language.
)";

enum class DiagFormat { Text, Json, Sarif, Github };

} // namespace

namespace budc::driver {

/// The files `budc build` writes, named and rendered: one per table (NN-title.ext), plus
/// disclosure.html for html and budget.json for json. \p ToStdout gives the one stream that
/// goes to standard output instead.
std::vector<std::pair<std::string, std::string>>
render(const model::Budget &B, const tables::Disclosure &D, emit::Format F, bool Bom,
       bool ToStdout, const SourceManager &SM, ArrayRef<Diagnostic> Diags) {
  std::vector<std::pair<std::string, std::string>> Out;
  auto Render = [](auto &&Fn) {
    std::string S;
    raw_string_ostream OS(S);
    Fn(OS);
    OS.flush();
    return S;
  };
  if (F == emit::Format::Html) {
    Out.emplace_back("disclosure.html", Render([&](raw_ostream &OS) { emit::html(OS, B, D); }));
    return Out;
  }
  if (F == emit::Format::Json) {
    Out.emplace_back("budget.json",
                     Render([&](raw_ostream &OS) { emit::modelJson(OS, B, D, SM, Diags); }));
    if (ToStdout)
      return Out;
    for (const tables::Table &T : D.Tables)
      Out.emplace_back(tables::fileStem(T) + ".json",
                       Render([&](raw_ostream &OS) { emit::tableJson(OS, T); }));
    return Out;
  }
  emit::Options O;
  O.Bom = Bom;
  for (const tables::Table &T : D.Tables) {
    std::string Text = Render([&](raw_ostream &OS) { emit::table(OS, T, F, O); });
    if (ToStdout && F == emit::Format::Text)
      Text += "\n";
    Out.emplace_back(tables::fileStem(T) + "." + emit::extension(F).str(), std::move(Text));
  }
  return Out;
}

} // namespace budc::driver

namespace {
enum class ColorMode { Auto, Always, Never };


/// One version of a workspace, loaded and checked, kept alive for the diff.
struct LoadedVersion {
  budc::SourceManager SM;
  budc::ast::Context Ctx;
  budc::DiagEngine Diags;
  std::optional<budc::model::Budget> Budget;
  std::optional<budc::tables::Disclosure> Tables;
  budc::diff::Version V;
  bool InputError = false;
};

std::unique_ptr<LoadedVersion> loadVersion(const std::vector<std::string> &Inputs,
                                           const llvm::StringMap<std::string> *Overrides,
                                           budc::Lang L) {
  auto R = std::make_unique<LoadedVersion>();
  budc::Workspace WS = budc::loadWorkspace(Inputs, R->SM, R->Ctx, R->Diags, {}, Overrides);
  R->InputError = WS.InputError;
  if (!WS.InputError && !R->Diags.hasErrors()) {
    R->Budget = budc::sema::resolve(WS.Files, R->SM, R->Ctx, R->Diags);
    budc::check::run(*R->Budget, R->Diags);
    budc::check::applySuppressions(WS.Files, R->SM, R->Diags);
    if (const budc::model::Template *T = R->Budget->findTemplate())
      R->Tables = budc::tables::build(*R->Budget, *T);
    R->V.Budget = &*R->Budget;
    if (R->Tables)
      R->V.Tables = &*R->Tables;
  }
  // Diagnostics without their places: a reformatting moves them but changes nothing.
  static const llvm::Regex LineNumber("line [0-9]+|第 [0-9]+ 行");
  for (const budc::Diagnostic &D : R->Diags.sorted()) {
    const char *Sev = D.Sev == budc::Severity::Error     ? "error"
                      : D.Sev == budc::Severity::Warning ? "warning"
                                                         : "remark";
    std::string Msg = D.message(L), Clean;
    llvm::StringRef Rest = Msg;
    llvm::SmallVector<llvm::StringRef, 1> M;
    while (LineNumber.match(Rest, &M)) {
      size_t At = M[0].data() - Rest.data();
      Clean += Rest.substr(0, At).str() + (L == budc::Lang::Zh ? "第 N 行" : "line N");
      Rest = Rest.substr(At + M[0].size());
    }
    Clean += Rest.str();
    R->V.Diagnostics.push_back(std::string(Sev) + " " + budc::formatCode(budc::getDiagInfo(D.Kind).Code) + ": " + Clean);
  }
  return R;
}

/// Runs git with \p Args; its standard output is returned, nullopt when it fails.
std::optional<std::string> git(llvm::ArrayRef<std::string> Args) {
  auto Git = sys::findProgramByName("git");
  if (!Git)
    return std::nullopt;
  SmallString<128> Out;
  if (sys::fs::createTemporaryFile("budc-git", "out", Out))
    return std::nullopt;
  std::vector<StringRef> Argv{*Git};
  for (const std::string &A : Args)
    Argv.push_back(A);
  llvm::Optional<StringRef> Redirects[] = {StringRef(""), StringRef(Out), StringRef("")};
  int RC = sys::ExecuteAndWait(*Git, Argv, llvm::None, Redirects);
  auto Buffer = MemoryBuffer::getFile(Out);
  sys::fs::remove(Out);
  if (RC != 0 || !Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

/// Writes the .bud files of \p Paths at revision \p Rev under \p Dir; false when git fails.
bool extractRevision(const std::string &Rev, llvm::ArrayRef<std::string> Paths,
                     llvm::StringRef Dir) {
  std::vector<std::string> Args{"ls-tree", "-r", "-z", "--name-only", "--full-tree", Rev, "--"};
  Args.insert(Args.end(), Paths.begin(), Paths.end());
  auto List = git(Args);
  if (!List)
    return false;
  for (StringRef Name : llvm::split(StringRef(*List), '\0')) {
    if (!Name.endswith(".bud"))
      continue;
    auto Text = git({"show", Rev + ":" + Name.str()});
    if (!Text)
      return false;
    SmallString<256> Path(Dir);
    sys::path::append(Path, Name);
    sys::fs::create_directories(sys::path::parent_path(Path));
    if (budc::emit::writeAtomically(Path, *Text))
      return false;
  }
  return true;
}

int runDiff(std::vector<std::string> Args, budc::diff::Format F, const budc::RenderOptions &RO) {
  // git's external diff: path old-file old-hex old-mode new-file new-hex new-mode. Each side is
  // the workspace of path with that file's text from git; exit 0 always (git stops otherwise).
  if (Args.size() == 7) {
    const std::string &Path = Args[0];
    auto Read = [](const std::string &File) -> std::string {
      if (File == "/dev/null")
        return "";
      auto B = MemoryBuffer::getFile(File, false, false);
      return B ? (*B)->getBuffer().str() : "";
    };
    llvm::StringMap<std::string> OldText, NewText;
    SmallString<256> Real;
    std::vector<std::string> Inputs;
    if (!sys::fs::real_path(Path, Real)) {
      OldText[Real] = Read(Args[1]);
      NewText[Real] = Read(Args[4]);
      Inputs.push_back(budc::workspaceRoot(Path));
      auto Old = loadVersion(Inputs, &OldText, RO.Language);
      auto New = loadVersion(Inputs, &NewText, RO.Language);
      budc::diff::print(outs(), budc::diff::compare(Old->V, New->V), F, "a/" + Path, "b/" + Path);
    } else {
      // The file is gone from the work tree: compare the two texts alone.
      auto Old = loadVersion({Args[1]}, nullptr, RO.Language);
      auto New = loadVersion({Args[4]}, nullptr, RO.Language);
      budc::diff::print(outs(), budc::diff::compare(Old->V, New->V), F, "a/" + Path, "b/" + Path);
    }
    return ExitOk;
  }
  if (Args.size() < 2) {
    errs() << "budc: error: budc diff needs OLD NEW, REV1 REV2 [-- PATH…], or git's seven "
              "external-diff arguments\n";
    return ExitUsage;
  }
  std::vector<std::string> OldInputs{Args[0]}, NewInputs{Args[1]};
  std::string OldName = Args[0], NewName = Args[1];
  SmallString<128> Temp;
  if (!sys::fs::exists(Args[0]) || !sys::fs::exists(Args[1]) || Args.size() > 2) {
    // Revisions: extract the .bud files of each into a temporary directory.
    std::vector<std::string> Paths(Args.begin() + 2, Args.end());
    auto Top = git({"rev-parse", "--show-toplevel"});
    if (!Top) {
      errs() << "budc: error: '" << Args[0] << "' and '" << Args[1]
             << "' are neither paths nor revisions of a git repository here\n";
      return ExitUsage;
    }
    // Paths are relative to the current directory; git ls-tree --full-tree wants them
    // relative to the top of the repository.
    SmallString<256> Cwd;
    sys::fs::current_path(Cwd);
    std::string Prefix = StringRef(Cwd).drop_front(StringRef(*Top).rtrim("\n").size()).ltrim("/").str();
    for (std::string &P : Paths)
      if (!Prefix.empty() && !sys::path::is_absolute(P))
        P = Prefix + "/" + P;
    if (sys::fs::createUniqueDirectory("budc-diff", Temp)) {
      errs() << "budc: error: cannot make a temporary directory\n";
      return ExitUsage;
    }
    SmallString<256> OldDir(Temp), NewDir(Temp);
    sys::path::append(OldDir, "old");
    sys::path::append(NewDir, "new");
    if (!extractRevision(Args[0], Paths, OldDir) || !extractRevision(Args[1], Paths, NewDir)) {
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
  // A side with no .bud files is an empty budget (a workspace added or removed).
  std::unique_ptr<LoadedVersion> Old = OldInputs.empty() ? std::make_unique<LoadedVersion>()
                                                         : loadVersion(OldInputs, nullptr, RO.Language);
  std::unique_ptr<LoadedVersion> New = NewInputs.empty() ? std::make_unique<LoadedVersion>()
                                                         : loadVersion(NewInputs, nullptr, RO.Language);
  if (!Temp.empty())
    sys::fs::remove_directories(Temp);
  if ((Old->InputError && !Old->Budget) || (New->InputError && !New->Budget)) {
    budc::renderText(errs(), Old->InputError ? Old->SM : New->SM,
                     (Old->InputError ? Old : New)->Diags.sorted(), RO);
    return ExitUsage;
  }
  budc::diff::Report R = budc::diff::compare(Old->V, New->V);
  budc::diff::print(outs(), R, F, OldName, NewName);
  return R.empty() ? ExitOk : ExitErrors;
}

/// Configures git so that `git diff` shows budc diff for the files .gitattributes marks
/// `diff=bud`.
int gitSetup(bool Global) {
  std::vector<std::string> Scope{"config", Global ? "--global" : "--local"};
  auto Set = [&](const std::string &Key, const std::string &Value) {
    std::vector<std::string> Args = Scope;
    Args.push_back(Key);
    Args.push_back(Value);
    return git(Args).has_value();
  };
  if (!Set("diff.bud.command", "budc diff") || !Set("diff.bud.binary", "false")) {
    errs() << "budc: error: git config failed (is this a git repository, and git installed?)\n";
    return ExitUsage;
  }
  outs() << "git config " << Scope[1] << " diff.bud.command 'budc diff'\n"
         << "Add this line to .gitattributes (at the top of the repository) if it is not there:\n"
         << "  *.bud diff=bud\n"
         << "Then `git diff` shows what changed in the budget, not just the lines; "
            "`git diff --no-ext-diff` shows the lines.\n";
  return ExitOk;
}

} // namespace

#ifdef BUDC_MIMALLOC
/// The heap in 2 MiB pages where the kernel allows them (transparent huge pages, madvise
/// mode): a page fault per 4 KiB of syntax tree and model was a quarter of a large check
/// (166 k faults on 1M lines; 30 k with this). It runs before budc's static initializers, but
/// after mimalloc's own start, whose first segment keeps small pages: a small check does not
/// gain (MIMALLOC_LARGE_OS_PAGES=1 in the environment would reach that segment too).
__attribute__((constructor(101))) static void hugePages() {
  mi_option_enable(mi_option_large_os_pages);
}
#endif

int main(int Argc, char **Argv) {
  InitLLVM X(Argc, Argv);
  setBugReportMsg("budc crashed. This is a bug in budc, not in your budget: please report it "
                  "with the command line and the input file.\n");
  // After LLVM's handler has printed the stack trace, end with the documented status 3
  // instead of the signal's.
  sys::AddSignalHandler([](void *) { _exit(ExitInternal); }, nullptr);

  cl::SubCommand CheckCmd("check", "Check a workspace and report diagnostics");
  cl::SubCommand BuildCmd("build", "Check a workspace, then write its disclosure tables");
  cl::SubCommand FmtCmd("fmt", "Lay .bud files out canonically (in place)");
  cl::SubCommand DiffCmd("diff", "Compare two versions of a workspace semantically");
  cl::SubCommand GitSetupCmd("git-setup", "Configure git to use budc diff for .bud files");
  cl::SubCommand ParseCmd("parse", "Parse files and print their syntax tree");
  cl::SubCommand HelpCmd("help", "Show help for budc or for one command");
  cl::SubCommand ExplainCmd("explain", "Explain a diagnostic code, with a bad and a good example");

  cl::OptionCategory Cat("budc options");
  cl::list<std::string> Paths(cl::Positional, cl::desc("<workspace directory or .bud file>..."),
                              cl::ZeroOrMore, cl::sub(CheckCmd), cl::sub(BuildCmd), cl::sub(FmtCmd),
                              cl::sub(ParseCmd), cl::cat(Cat));
  cl::list<std::string> DiffArgs(cl::Positional,
                                 cl::desc("OLD NEW | REV1 REV2 [-- PATH…] | git's seven "
                                          "external-diff arguments"),
                                 cl::ZeroOrMore, cl::sub(DiffCmd));
  cl::opt<std::string> DiffFormat("format", cl::desc("Report format: text, md or json"),
                                  cl::init("text"), cl::value_desc("text|md|json"),
                                  cl::sub(DiffCmd), cl::cat(Cat));
  cl::opt<bool> GitGlobal("global", cl::desc("Write the user's git configuration"),
                          cl::sub(GitSetupCmd), cl::cat(Cat));
  cl::list<std::string> HelpTopic(cl::Positional, cl::desc("[command]"), cl::ZeroOrMore,
                                  cl::sub(HelpCmd));
  cl::list<std::string> ExplainCodes(cl::Positional, cl::desc("<BUDnnn>..."), cl::OneOrMore,
                                     cl::sub(ExplainCmd));
  cl::list<std::string> Warnings(
      "W", cl::Prefix,
      cl::desc("Warning control: -WNAME, -Wno-NAME, -Werror, -Werror=NAME; NAME is a code "
               "(BUD401) or a name (indicator-kind-mismatch)"),
      cl::value_desc("[no-]NAME|error[=NAME]"), cl::sub(CheckCmd), cl::sub(BuildCmd),
      cl::cat(Cat));
  cl::opt<std::string> LangOpt("lang",
                               cl::desc("Language of messages: zh or en (default: from "
                                        "LC_ALL, LC_MESSAGES or LANG)"),
                               cl::value_desc("zh|en"), cl::sub(CheckCmd), cl::sub(BuildCmd),
                               cl::sub(FmtCmd), cl::sub(DiffCmd), cl::sub(ParseCmd),
                               cl::cat(Cat));
  cl::opt<ColorMode> Color(
      "color", cl::desc("Colour diagnostics"), cl::init(ColorMode::Auto),
      cl::values(clEnumValN(ColorMode::Auto, "auto", "when standard error is a terminal"),
                 clEnumValN(ColorMode::Always, "always", "always"),
                 clEnumValN(ColorMode::Never, "never", "never")),
      cl::sub(CheckCmd), cl::sub(BuildCmd), cl::sub(FmtCmd), cl::sub(ParseCmd), cl::cat(Cat));
  cl::opt<DiagFormat> Format(
      "format", cl::desc("How diagnostics are printed"), cl::init(DiagFormat::Text),
      cl::values(clEnumValN(DiagFormat::Text, "text", "for people, on standard error"),
                 clEnumValN(DiagFormat::Json, "json", "one JSON document on standard output"),
                 clEnumValN(DiagFormat::Sarif, "sarif",
                            "a SARIF 2.1.0 log on standard output, for code scanning"),
                 clEnumValN(DiagFormat::Github, "github",
                            "GitHub Actions annotations (::error file=…) on standard output")),
      cl::sub(CheckCmd), cl::cat(Cat));
  cl::opt<std::string> BuildFormat(
      "format", cl::desc("Output format: text, md, csv, html, json or xlsx"), cl::init("text"),
      cl::value_desc("text|md|csv|html|json|xlsx"), cl::sub(BuildCmd), cl::cat(Cat));
  cl::opt<std::string> OutDir("o",
                              cl::desc("Write one file per table (NN-title.ext) into DIR, and "
                                       "disclosure.html or budget.json; without -o the output "
                                       "goes to standard output"),
                              cl::value_desc("DIR"), cl::sub(BuildCmd), cl::cat(Cat));
  cl::opt<bool> FmtCheck("check",
                         cl::desc("Change nothing; list the files that are not formatted and "
                                  "exit 1 if there are any"),
                         cl::sub(FmtCmd), cl::cat(Cat));
  cl::opt<bool> FmtDiff("diff", cl::desc("Change nothing; print what would change as a unified diff"),
                        cl::sub(FmtCmd), cl::cat(Cat));
  cl::opt<bool> Bom("bom", cl::desc("CSV: start each file with a UTF-8 byte-order mark (Excel)"),
                    cl::sub(BuildCmd), cl::cat(Cat));
  cl::opt<unsigned> ErrorLimit("error-limit",
                               cl::desc("Stop printing after N errors (0: no limit)"),
                               cl::init(100), cl::value_desc("N"), cl::sub(CheckCmd),
                               cl::sub(BuildCmd), cl::sub(FmtCmd), cl::sub(ParseCmd),
                               cl::cat(Cat));
  cl::opt<bool> Quiet("quiet", cl::desc("Print nothing when there is nothing to report"),
                      cl::sub(CheckCmd), cl::sub(BuildCmd), cl::sub(FmtCmd), cl::cat(Cat));
  cl::alias QuietA("q", cl::desc("Alias for --quiet"), cl::aliasopt(Quiet), cl::cat(Cat));
  cl::opt<bool> DumpAst("dump-ast", cl::desc("Print the syntax tree of each file"),
                        cl::sub(ParseCmd), cl::cat(Cat));
  cl::opt<bool> Containing(
      "containing",
      cl::desc("Check the workspace that contains each path (a pre-commit hook passes the "
               "changed files; sums cross files)"),
      cl::sub(CheckCmd), cl::cat(Cat));
  cl::opt<bool> Stdin("stdin",
                      cl::desc("Read the text of the file named by --stdin-filename from "
                               "standard input (staged content)"),
                      cl::sub(CheckCmd), cl::cat(Cat));
  cl::opt<std::string> StdinFilename("stdin-filename",
                                     cl::desc("The file whose text --stdin reads; its workspace "
                                              "is checked"),
                                     cl::value_desc("PATH"), cl::sub(CheckCmd), cl::cat(Cat));
  cl::opt<unsigned> Jobs("jobs",
                         cl::desc("Threads that parse files and read projects (default 0: one per core, "
                                  "fewer for a small workspace)"),
                         cl::init(0), cl::value_desc("N"), cl::sub(CheckCmd), cl::sub(BuildCmd),
                         cl::sub(FmtCmd), cl::cat(Cat));
  cl::alias JobsA("j", cl::desc("Alias for --jobs"), cl::aliasopt(Jobs), cl::cat(Cat));
  cl::opt<bool> TimePhases("time-phases",
                           cl::desc("Print the time each phase took (reading, parsing, "
                                    "resolving, checking, tables, printing) on standard error"),
                           cl::sub(CheckCmd), cl::sub(BuildCmd), cl::cat(Cat));
  cl::opt<bool> DebugCrash("debug-crash", cl::desc("Crash on purpose (to test the crash path)"),
                           cl::Hidden, cl::sub(CheckCmd));
  cl::opt<std::string> DebugParserThrow(
      "debug-parser-throw",
      cl::desc("Make the parser throw inside files whose path contains TEXT (to test that "
               "budc reports it, BUD026)"),
      cl::value_desc("TEXT"), cl::Hidden, cl::sub(CheckCmd));

  cl::HideUnrelatedOptions(Cat);
  cl::SetVersionPrinter([](raw_ostream &OS) { OS << "budc 0.1.0\n"; });
  cl::extrahelp Extra(Examples);

  // `budc help check` is `budc check --help`.
  std::vector<const char *> Args(Argv, Argv + Argc);
  if (Args.size() >= 2 && StringRef(Args[1]) == "help") {
    std::vector<const char *> Help{Args[0]};
    if (Args.size() >= 3)
      Help.push_back(Args[2]);
    Help.push_back("--help");
    Args = Help;
  }
  if (Args.size() == 1) {
    Args.push_back("--help");
  }

  if (!cl::ParseCommandLineOptions(static_cast<int>(Args.size()), Args.data(), Overview,
                                   &errs()))
    return ExitUsage;

  budc::RenderOptions RO;
  if (LangOpt.empty())
    RO.Language = budc::languageFromEnvironment();
  else if (LangOpt == "zh")
    RO.Language = budc::Lang::Zh;
  else if (LangOpt == "en")
    RO.Language = budc::Lang::En;
  else {
    errs() << "budc: error: --lang must be zh or en, not '" << LangOpt << "'\n";
    return ExitUsage;
  }
  RO.Color = Color == ColorMode::Always ||
             (Color == ColorMode::Auto && sys::Process::StandardErrHasColors());
  RO.ErrorLimit = ErrorLimit;

  if (ExplainCmd) {
    for (const std::string &Code : ExplainCodes) {
      auto Text = budc::explain::text(Code);
      if (!Text) {
        errs() << "budc: error: no diagnostic code '" << Code << "'\n";
        return ExitUsage;
      }
      outs() << *Text;
    }
    return ExitOk;
  }

  if (GitSetupCmd)
    return gitSetup(GitGlobal);
  if (DiffCmd) {
    std::optional<budc::diff::Format> F;
    if (DiffFormat == "text")
      F = budc::diff::Format::Text;
    else if (DiffFormat == "md" || DiffFormat == "markdown")
      F = budc::diff::Format::Markdown;
    else if (DiffFormat == "json")
      F = budc::diff::Format::Json;
    if (!F) {
      errs() << "budc: error: --format must be text, md or json, not '" << DiffFormat << "'\n";
      return ExitUsage;
    }
    return runDiff(std::vector<std::string>(DiffArgs.begin(), DiffArgs.end()), *F, RO);
  }

  // -W options: which warnings to drop, and which to turn into errors.
  std::set<unsigned> Disabled, Promoted; // by code
  bool AllErrors = false;
  auto CodeOf = [](StringRef Name) -> std::optional<unsigned> {
    for (unsigned K = 0; K < budc::diag::NumKinds; ++K) {
      const budc::DiagInfo &I = budc::getDiagInfo(static_cast<budc::diag::Kind>(K));
      if (!I.Code)
        continue;
      // IndicatorKindMismatch → indicator-kind-mismatch
      std::string Kebab;
      for (const char *C = I.Name; *C; ++C) {
        if (isupper(static_cast<unsigned char>(*C)) && C != I.Name)
          Kebab += '-';
        Kebab += static_cast<char>(tolower(static_cast<unsigned char>(*C)));
      }
      if (Name.equals_insensitive(budc::formatCode(I.Code)) || Name == Kebab)
        return I.Code;
    }
    return std::nullopt;
  };
  for (StringRef W : Warnings) {
    bool No = W.consume_front("no-");
    if (W == "error") { // -Werror, -Wno-error
      AllErrors = !No;
      continue;
    }
    bool Error = W.consume_front("error="); // -Werror=NAME, -Wno-error=NAME
    auto Code = CodeOf(W);
    if (!Code) {
      errs() << "budc: error: unknown warning '" << W << "' in -W option\n";
      return ExitUsage;
    }
    std::set<unsigned> &Set = Error ? Promoted : Disabled;
    if (Error != No) // -Werror=NAME promotes, -Wno-NAME disables
      Set.insert(*Code);
    else
      Set.erase(*Code);
  }

  if (DebugCrash)
    std::raise(SIGSEGV); // a fault, handled like any bug

  std::optional<budc::emit::Format> OutFormat;
  if (BuildCmd) {
    OutFormat = budc::emit::parseFormat(BuildFormat);
    if (!OutFormat) {
      errs() << "budc: error: --format must be text, md, csv, html, json or xlsx, not '"
             << BuildFormat << "'\n";
      return ExitUsage;
    }
    if (*OutFormat == budc::emit::Format::Xlsx && OutDir.empty()) {
      errs() << "budc: error: --format xlsx writes a workbook: give the directory with -o DIR\n";
      return ExitUsage;
    }
  }

  // --stdin: the text of one file comes from standard input (a hook checking staged
  // content); --containing: each path names the workspace that contains it.
  llvm::StringMap<std::string> Overrides;
  if (Stdin) {
    if (StdinFilename.empty()) {
      errs() << "budc: error: --stdin needs --stdin-filename PATH: the file whose text it is\n";
      return ExitUsage;
    }
    auto Text = MemoryBuffer::getSTDIN();
    if (!Text) {
      errs() << "budc: error: cannot read standard input: " << Text.getError().message() << "\n";
      return ExitUsage;
    }
    SmallString<256> Real;
    if (sys::fs::real_path(StdinFilename, Real)) {
      errs() << "budc: error: --stdin-filename '" << StdinFilename
             << "' names no file of the workspace\n";
      return ExitUsage;
    }
    Overrides[Real] = (*Text)->getBuffer().str();
  }
  auto RunOnce = [&](const std::vector<std::string> &Inputs) -> int {
  try {
    budc::SourceManager SM;
    budc::ast::Context Ctx;
    budc::DiagEngine Diags;
    budc::syntax::ParseOptions PO;
    PO.Jobs = Jobs;
    PO.TimePhases = TimePhases;
    PO.DebugThrowIn = DebugParserThrow;
    // --error-limit stops the work too: parsing ends once that many errors were reported.
    std::atomic<unsigned> SyntaxErrors{0};
    PO.ErrorLimit = ErrorLimit;
    PO.ErrorCount = &SyntaxErrors;
    budc::Workspace WS = budc::loadWorkspace(Inputs, SM, Ctx, Diags, PO, &Overrides);
    // The checker runs on a workspace that parsed cleanly: after syntax errors the trees
    // are partial and every rule would report their holes again.
    std::optional<budc::model::Budget> Resolved;
    if ((CheckCmd || BuildCmd) && !Diags.hasErrors() && !WS.InputError) {
      budc::sema::ResolveOptions RO2;
      RO2.Templates = static_cast<bool>(BuildCmd); // check needs only the templates' names
      RO2.Jobs = Jobs;
      {
        NamedRegionTimer T("resolve", "resolve names, build the model", "budc", "budc phases",
                           TimePhases);
        Resolved = budc::sema::resolve(WS.Files, SM, Ctx, Diags, RO2);
      }
      NamedRegionTimer T("check", "check the rules", "budc", "budc phases", TimePhases);
      budc::model::Budget &Budget = *Resolved;
      budc::check::run(Budget, Diags);
      budc::check::applySuppressions(WS.Files, SM, Diags);
      Diags.removeIf([&](const budc::Diagnostic &D) {
        return D.Sev == budc::Severity::Warning &&
               Disabled.count(budc::getDiagInfo(D.Kind).Code);
      });
      Diags.remap([&](const budc::Diagnostic &D) -> std::optional<budc::Severity> {
        if (D.Sev == budc::Severity::Warning &&
            (AllErrors || Promoted.count(budc::getDiagInfo(D.Kind).Code)))
          return budc::Severity::Error;
        return std::nullopt;
      });
    }

    // build: the tables of a budget without errors, written only when all of them are ready.
    std::vector<std::pair<std::string, std::string>> Outputs; // file name → content
    std::optional<budc::tables::Disclosure> Workbook;        // xlsx: written by libxlsxwriter
    unsigned Written = 0;                                    // files written to -o DIR
    int OutputStatus = ExitOk;
    if (BuildCmd && !WS.InputError) {
      if (Diags.hasErrors() || !Resolved) {
        Diags.report({}, budc::diag::BuildBlocked, {std::to_string(Diags.getErrorCount())});
      } else if (const budc::model::Template *T = Resolved->findTemplate()) {
        NamedRegionTimer TablesT("tables", "fill and render the tables", "budc", "budc phases",
                                 TimePhases);
        budc::tables::Disclosure D = budc::tables::build(*Resolved, *T);
        if (D.Overflow)
          Diags.report(Resolved->HeaderWhere, budc::diag::MoneyOverflow,
                       {"the sum of a table cell"})
              .zh({"表格单元格的合计"});
        std::vector<budc::Diagnostic> Kept = Diags.sorted();
        if (*OutFormat == budc::emit::Format::Xlsx)
          Workbook = std::move(D);
        else
          Outputs = budc::driver::render(*Resolved, D, *OutFormat, Bom, OutDir.empty(), SM, Kept);
      } else {
        Diags.report(Resolved->HeaderWhere, budc::diag::UnknownTemplate,
                     {"(none)", "; the standard library has no table template"})
            .zh({"（无）", "；标准库中没有表样"});
      }
      if (Diags.hasErrors()) {
        Outputs.clear();
        Workbook.reset();
      } else if (!OutDir.empty()) {
        if (auto Why = budc::emit::makeDirectory(OutDir)) {
          Diags.report({}, budc::diag::CannotWrite, {OutDir, *Why});
          OutputStatus = ExitUsage;
        } else {
          auto Write = [&](StringRef Name, auto &&Writer) {
            SmallString<256> Path(OutDir);
            sys::path::append(Path, Name);
            if (auto Why = Writer(StringRef(Path))) {
              Diags.report({}, budc::diag::CannotWrite, {std::string(Path), *Why});
              OutputStatus = ExitUsage;
              return false;
            }
            ++Written;
            return true;
          };
          if (Workbook)
            Write("disclosure.xlsx",
                  [&](StringRef P) { return budc::emit::xlsx(P, *Resolved, *Workbook); });
          else
            for (const auto &[Name, Content] : Outputs)
              if (!Write(Name, [&](StringRef P) { return budc::emit::writeAtomically(P, Content); }))
                break;
        }
      } else {
        for (const auto &Out : Outputs)
          outs() << Out.second;
      }
    }

    // fmt: every file of a workspace that parses cleanly, only when its meaning is kept.
    int FmtStatus = ExitOk;
    if (FmtCmd && !Diags.hasErrors() && !WS.InputError) {
      for (const budc::ast::File *F : WS.Files) {
        unsigned ID = F->Range.File;
        StringRef Old = SM.getText(ID), Path = SM.getPath(ID);
        std::string New = budc::format::formatFile(SM, ID);
        if (New == Old)
          continue;
        if (budc::format::meaning(Old, Path) != budc::format::meaning(New, Path)) {
          errs() << "budc: internal error: the canonical layout of '" << Path
                 << "' would change its meaning, so nothing was written.\nThis is a bug in "
                    "budc, not in your budget: please report it with the input file.\n";
          return ExitInternal;
        }
        if (FmtCheck || FmtDiff) {
          if (FmtDiff)
            outs() << budc::format::unifiedDiff(Path, Path, Old, New);
          else
            outs() << Path << "\n";
          if (FmtCheck)
            FmtStatus = ExitErrors;
          continue;
        }
        if (auto Why = budc::emit::writeAtomically(Path, New)) {
          Diags.report({}, budc::diag::CannotWrite, {Path.str(), *Why});
          FmtStatus = ExitUsage;
        } else if (!Quiet) {
          errs() << (RO.Language == budc::Lang::Zh ? "已格式化 " : "formatted ") << Path << "\n";
        }
      }
    }

    if (ParseCmd && DumpAst)
      for (const budc::ast::File *F : WS.Files)
        budc::syntax::dump(outs(), *F, SM);

    NamedRegionTimer ReportT("report", "sort and print diagnostics", "budc", "budc phases",
                             TimePhases);
    std::vector<budc::Diagnostic> Sorted = Diags.sorted();
    // What became of the output is the last thing said, after the problems that caused it.
    std::stable_partition(Sorted.begin(), Sorted.end(), [](const budc::Diagnostic &D) {
      return D.Kind != budc::diag::BuildBlocked && D.Kind != budc::diag::CannotWrite;
    });
    RO.TotalErrors = Diags.getErrorCount();
    RO.TotalWarnings = Diags.getWarningCount();
    if (CheckCmd && Format == DiagFormat::Json) {
      budc::renderJson(outs(), SM, Sorted, RO);
    } else if (CheckCmd && Format == DiagFormat::Sarif) {
      budc::renderSarif(outs(), SM, Sorted, RO);
    } else if (CheckCmd && Format == DiagFormat::Github) {
      budc::renderGithub(outs(), SM, Sorted, RO);
    } else {
      budc::renderText(errs(), SM, Sorted, RO);
      if (BuildCmd && !Quiet && !OutDir.empty() && !Diags.hasErrors()) {
        if (RO.Language == budc::Lang::Zh)
          errs() << "已写出 " << Written << " 个文件到 " << OutDir << "\n";
        else
          errs() << "wrote " << Written << (Written == 1 ? " file" : " files")
                 << " to " << OutDir << "\n";
      }
      if (CheckCmd && !Quiet && Sorted.empty()) {
        unsigned N = static_cast<unsigned>(WS.Files.size());
        if (RO.Language == budc::Lang::Zh)
          errs() << "检查通过：" << N << " 个文件，没有错误和警告\n";
        else
          errs() << "checked " << N << (N == 1 ? " file" : " files")
                 << ": no errors, no warnings\n";
      }
    }
    if (WS.InputError || OutputStatus != ExitOk || FmtStatus == ExitUsage)
      return ExitUsage;
    if (FmtStatus != ExitOk)
      return FmtStatus;
    return Diags.hasErrors() ? ExitErrors : ExitOk;
  } catch (const std::exception &E) {
    errs() << "budc: internal error: " << E.what()
           << "\nThis is a bug in budc, not in your budget: please report it with the "
              "command line and the input file.\n";
    return ExitInternal;
  }
  };

  std::vector<std::vector<std::string>> Runs;
  {
    std::vector<std::string> Given(Paths.begin(), Paths.end());
    if (Given.empty() && Stdin)
      Given.push_back(StdinFilename);
    if (Given.empty()) {
      errs() << "budc: error: no workspace given: name a directory or .bud files\n";
      return ExitUsage;
    }
    if (Containing || (Stdin && Paths.empty())) {
      // One run per workspace, in the order first named.
      for (const std::string &P : Given) {
        std::string Root = budc::workspaceRoot(P);
        bool Seen = false;
        for (const auto &R : Runs)
          Seen |= R.front() == Root;
        if (!Seen)
          Runs.push_back({Root});
      }
    } else {
      Runs.push_back(Given);
    }
  }
  int Status = ExitOk;
  for (const std::vector<std::string> &Inputs : Runs) {
    int S = RunOnce(Inputs);
    Status = std::max(Status, S);
  }
  return Status;
}

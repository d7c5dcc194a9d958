//===- main.cpp - The budc command line ---------------------------------------===//
//
// budc check PATH…          parse and check a workspace, report diagnostics
// budc build PATH… [--format F] [-o DIR]
//                           check, then write the disclosure tables
// budc fmt [--check|--diff] PATH…
//                           lay .bud files out canonically
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
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cctype>
#include <csignal>
#include <unistd.h>
#include <exception>
#include <set>
#include <optional>

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

} // namespace

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
  cl::SubCommand ParseCmd("parse", "Parse files and print their syntax tree");
  cl::SubCommand HelpCmd("help", "Show help for budc or for one command");
  cl::SubCommand ExplainCmd("explain", "Explain a diagnostic code, with a bad and a good example");

  cl::OptionCategory Cat("budc options");
  cl::list<std::string> Paths(cl::Positional, cl::desc("<workspace directory or .bud file>..."),
                              cl::ZeroOrMore, cl::sub(CheckCmd), cl::sub(BuildCmd), cl::sub(FmtCmd),
                              cl::sub(ParseCmd), cl::cat(Cat));
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
                               cl::sub(FmtCmd), cl::sub(ParseCmd), cl::cat(Cat));
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
  cl::opt<bool> DebugCrash("debug-crash", cl::desc("Crash on purpose (to test the crash path)"),
                           cl::Hidden, cl::sub(CheckCmd));

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
    budc::Workspace WS = budc::loadWorkspace(Inputs, SM, Ctx, Diags, {}, &Overrides);
    // The checker runs on a workspace that parsed cleanly: after syntax errors the trees
    // are partial and every rule would report their holes again.
    std::optional<budc::model::Budget> Resolved;
    if ((CheckCmd || BuildCmd) && !Diags.hasErrors() && !WS.InputError) {
      Resolved = budc::sema::resolve(WS.Files, SM, Ctx, Diags);
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
    int OutputStatus = ExitOk;
    if (BuildCmd && !WS.InputError) {
      if (Diags.hasErrors() || !Resolved) {
        Diags.report({}, budc::diag::BuildBlocked, {std::to_string(Diags.getErrorCount())});
      } else if (const budc::model::Template *T = Resolved->findTemplate()) {
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
          if (Workbook) {
            SmallString<256> Path(OutDir);
            sys::path::append(Path, "disclosure.xlsx");
            if (auto Why = budc::emit::xlsx(Path, *Resolved, *Workbook)) {
              Diags.report({}, budc::diag::CannotWrite, {std::string(Path), *Why});
              OutputStatus = ExitUsage;
            } else {
              Outputs.emplace_back("disclosure.xlsx", "");
            }
          }
          for (const auto &[Name, Content] : Outputs) {
            if (Workbook)
              break; // already written
            SmallString<256> Path(OutDir);
            sys::path::append(Path, Name);
            if (auto Why = budc::emit::writeAtomically(Path, Content)) {
              Diags.report({}, budc::diag::CannotWrite, {std::string(Path), *Why});
              OutputStatus = ExitUsage;
              break;
            }
          }
        }
      } else {
        for (const auto &Out : Outputs)
          outs() << Out.second;
      }
    }

    // fmt: every file of a workspace that parses cleanly, only when its meaning is kept.
    int FmtStatus = ExitOk;
    unsigned Reformatted = 0;
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
        ++Reformatted;
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
        budc::ast::dump(outs(), *F, SM);

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
          errs() << "已写出 " << Outputs.size() << " 个文件到 " << OutDir << "\n";
        else
          errs() << "wrote " << Outputs.size() << " files to " << OutDir << "\n";
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

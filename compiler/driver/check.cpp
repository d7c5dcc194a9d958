//===- check.cpp - budc check: report the diagnostics of a workspace ---------===//
//
// budc check PATH…                 the workspace of the paths given
// budc check --containing FILE…    each workspace that contains one of the files (hooks)
// budc check --stdin --stdin-filename FILE   FILE's text from standard input (staged text)
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>

using namespace llvm;

namespace budc::driver {
namespace {

cl::opt<DiagFormat> Format(
    "format", cl::desc("How diagnostics are printed"), cl::init(DiagFormat::Text),
    cl::values(clEnumValN(DiagFormat::Text, "text", "for people, on standard error"),
               clEnumValN(DiagFormat::Json, "json", "one JSON document on standard output"),
               clEnumValN(DiagFormat::Sarif, "sarif",
                          "a SARIF 2.1.0 log on standard output, for code scanning"),
               clEnumValN(DiagFormat::Github, "github",
                          "GitHub Actions annotations (::error file=…) on standard output")),
    cl::sub(cmd::check()), cl::cat(category()));
cl::opt<bool> Containing(
    "containing",
    cl::desc("Check the workspace that contains each path (a pre-commit hook passes the "
             "changed files; sums cross files)"),
    cl::sub(cmd::check()), cl::cat(category()));
cl::opt<bool> Stdin("stdin",
                    cl::desc("Read the text of the file named by --stdin-filename from "
                             "standard input (staged content)"),
                    cl::sub(cmd::check()), cl::cat(category()));
cl::opt<std::string> StdinFilename("stdin-filename",
                                   cl::desc("The file whose text --stdin reads; its workspace "
                                            "is checked"),
                                   cl::value_desc("PATH"), cl::sub(cmd::check()),
                                   cl::cat(category()));
cl::opt<bool> DebugCrash("debug-crash", cl::desc("Crash on purpose (to test the crash path)"),
                         cl::Hidden, cl::sub(cmd::check()));
cl::opt<std::string> DebugParserThrow(
    "debug-parser-throw",
    cl::desc("Make the parser throw inside files whose path contains TEXT (to test that budc "
             "reports it, BUD026)"),
    cl::value_desc("TEXT"), cl::Hidden, cl::sub(cmd::check()));

/// The runs a check makes: one per workspace named, in the order first named.
std::vector<std::vector<std::string>> runs() {
  std::vector<std::vector<std::string>> Runs;
  std::vector<std::string> Given(Paths.begin(), Paths.end());
  if (Given.empty() && Stdin)
    Given.push_back(StdinFilename);
  if (!Containing && !(Stdin && Paths.empty())) {
    Runs.push_back(Given);
    return Runs;
  }
  for (const std::string &P : Given) {
    std::string Root = workspaceRoot(P);
    bool Seen = false;
    for (const auto &R : Runs)
      Seen |= R.front() == Root;
    if (!Seen)
      Runs.push_back({Root});
  }
  return Runs;
}

} // namespace

int runCheck() {
  auto I = invocation(Stage::Check, /*NeedPaths=*/false);
  if (!I)
    return ExitUsage;
  CompileOptions *CO = &I->CO;
  const RenderOptions *RO = &I->RO;
  CO->Templates = false; // check needs only the templates' names
  CO->ReleaseBodies = true; // nothing reads the projects' indicators in the tree after sema
  CO->Parse.DebugThrowIn = DebugParserThrow;
  if (DebugCrash)
    std::raise(SIGSEGV); // a fault, handled like any bug

  // --stdin: the text of one file comes from standard input (a hook checking staged content).
  StringMap<std::string> Overrides;
  if (Stdin) {
    if (StdinFilename.empty()) {
      errs() << "budc: error: --stdin needs --stdin-filename PATH: the file whose text it is\n";
      return ExitUsage;
    }
    FileRead Text = readStandardInput(CO->Load.Limits.FileBytes);
    if (!Text) {
      errs() << "budc: error: cannot read standard input: " << Text.reason() << "\n";
      return ExitUsage;
    }
    SmallString<256> Real;
    if (sys::fs::real_path(StdinFilename, Real)) {
      errs() << "budc: error: --stdin-filename '" << StdinFilename
             << "' names no file of the workspace\n";
      return ExitUsage;
    }
    Overrides[Real] = Text.Buffer->getBuffer().str();
  }
  CO->Overrides = &Overrides;
  if (Paths.empty() && !Stdin) {
    errs() << "budc: error: no workspace given: name a directory or .bud files\n";
    return ExitUsage;
  }

  int Status = ExitOk;
  for (const std::vector<std::string> &Inputs : runs())
    Status = std::max(Status, guarded([&] {
      std::unique_ptr<Compilation> C = compile(Inputs, *CO);
      printDiagnostics(*C, *RO, Format);
      if (Format == DiagFormat::Text && !Quiet && C->Diags.getDiagnostics().empty()) {
        unsigned N = static_cast<unsigned>(C->WS.Files.size());
        if (RO->Language == Lang::Zh)
          errs() << "检查通过：" << N << " 个文件，没有错误和警告\n";
        else
          errs() << "checked " << N << (N == 1 ? " file" : " files") << ": no errors, no warnings\n";
      }
      if (C->inputError())
        return ExitUsage;
      return errorStatus(C->Diags);
    }));
  return Status;
}

} // namespace budc::driver

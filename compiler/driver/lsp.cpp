//===- lsp.cpp - budc lsp: the language server on standard input and output -===//
//
// budc lsp [--lang=zh|en]
//
// Editors start it and speak the Language Server Protocol with it over its standard input
// and output (compiler/lsp/server.h); it checks the workspace of each open file as the file is
// edited. Nothing else is written to standard output.
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "compiler/lsp/server.h"

#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <unistd.h>

using namespace llvm;

namespace budc::driver {
namespace {

cl::opt<std::string> LspLang("lang",
                             cl::desc("Language of messages: zh or en (default: the client's "
                                      "locale, else LC_ALL, LC_MESSAGES or LANG)"),
                             cl::value_desc("zh|en"), cl::sub(cmd::lsp()), cl::cat(category()));

} // namespace

int runLsp() {
  lsp::ServerOptions O;
  if (LspLang == "zh")
    O.Language = Lang::Zh;
  else if (LspLang == "en")
    O.Language = Lang::En;
  else if (!LspLang.empty()) {
    errs() << "budc: error: --lang must be zh or en, not '" << LspLang << "'\n";
    return ExitUsage;
  }
  // A client that goes away closes the pipe: writing then fails and the server ends, instead
  // of dying of SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  return guarded([&] { return lsp::serve(STDIN_FILENO, STDOUT_FILENO, O); });
}

} // namespace budc::driver

// budc-tokens FILE…: the tokens budc's lexer makes of each file, as JSON on standard output,
// for tests/editors/grammar.py, which holds the editors' TextMate grammar to them.
//   {"file": PATH, "tokens": [[GRAMMAR_NAME, BEGIN, END], …]}   one line per file, byte offsets
#include "compiler/source/file_reader.h"
#include "compiler/syntax/lexer.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace budc;

int main(int Argc, char **Argv) {
  int Status = 0;
  for (int I = 1; I < Argc; ++I) {
    FileRead R = readRegularFile(Argv[I], ReadLimits::DefaultFileBytes);
    if (!R) {
      llvm::errs() << "budc-tokens: cannot read " << Argv[I] << ": " << R.reason() << "\n";
      Status = 1;
      continue;
    }
    llvm::json::Array Tokens;
    for (const syntax::Token &T : syntax::lex(R.Buffer->getBuffer()))
      Tokens.push_back(llvm::json::Array{syntax::grammarName(T.Kind), T.Begin, T.End});
    llvm::outs() << llvm::json::Object{{"file", Argv[I]}, {"tokens", std::move(Tokens)}} << "\n";
  }
  return Status;
}

//===- fuzz_lexer_diff.cpp - The generated lexer against budc's, on any bytes -===//
//
// The differential test of tests/lexer/ under libFuzzer: the lexer ANTLR generates from
// grammar/BudLexer.g4 and budc's own lexer must give the same kinds and texts on every input.
//
//===----------------------------------------------------------------------===//
#include "tests/lexer/differential.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (auto Diff = budc::lexdiff::compare({reinterpret_cast<const char *>(Data), Size})) {
    std::fprintf(stderr, "the lexers differ: %s\n", Diff->c_str());
    std::abort();
  }
  return 0;
}

//===- differential.h - The generated lexer against budc's lexer ------------===//
//
// grammar/BudLexer.g4 is the specification of the tokens; compiler/syntax/lexer.cpp the lexer
// budc runs. lexBoth() runs the lexer ANTLR generates from the grammar (on the stock runtime)
// and budc's on the same bytes and says where their tokens first differ, by kind or by text.
// Used by budc-lexdiff (ctest, on every .bud file of the repository and on random input) and
// by the fuzz target tests/fuzz/fuzz_lexer_diff.cpp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace budc::lexdiff {

/// Lexes \p Bytes with both lexers; nullopt when they agree, else a description of the first
/// difference.
std::optional<std::string> compare(llvm::StringRef Bytes);

} // namespace budc::lexdiff

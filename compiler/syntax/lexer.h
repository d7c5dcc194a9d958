//===- lexer.h - The tokens of a .bud file ----------------------------------===//
//
// A lexer written for the .bud language, over UTF-8 bytes: one pass, no code-point buffer, a
// token is twelve bytes (kind and byte range). The kinds and the keywords' spellings are the
// ones of compiler/syntax/tokens.def; the rules are grammar/BudLexer.g4's (longest match, and
// the first rule among equals), which the differential test holds it to (tests/lexer/).
//
// Nothing here depends on ANTLR: budc fmt, the language server and the editor grammar's tests
// use the tokens directly; the parser hands them to ANTLR (token_stream.h).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <vector>

namespace budc::syntax {

namespace tok {
/// Every token kind, in the order of tokens.def (and of the grammar's token types).
enum Kind : uint8_t {
  EndOfFile = 0,
#define BUD_KEYWORD(Name, GrammarName, English, Chinese, Noun) Name,
#define BUD_PUNCT(Name, GrammarName, Spelling, OtherSpelling) Name,
#define BUD_TOKEN(Name, GrammarName, English, Chinese) Name,
#include "compiler/syntax/tokens.def"
  NumKinds
};
/// The keywords come first in tokens.def: KwInclude … LastKeyword.
constexpr unsigned NumKeywords = 0
#define BUD_KEYWORD(Name, GrammarName, English, Chinese, Noun) +1
#include "compiler/syntax/tokens.def"
    ;
constexpr Kind LastKeyword = Kind(KwInclude + NumKeywords - 1);
} // namespace tok

/// One token: its kind and its bytes in the file.
struct Token {
  uint32_t Begin = 0, End = 0;
  tok::Kind Kind = tok::EndOfFile;
  /// Set on an ErrorChar made of a byte that is not UTF-8 (reported once per run, as BUD005,
  /// instead of as an invalid character).
  bool InvalidUtf8 = false;

  uint32_t size() const { return End - Begin; }
};

/// What lex() keeps.
struct LexOptions {
  /// Keep runs of spaces as Space tokens (the differential test compares them too).
  bool KeepSpaces = false;
};

/// The tokens of \p Text in order, comments and line breaks included, spaces only when asked.
/// Total: every byte of the text is in exactly one token or one dropped space run, so that an
/// invalid character becomes an ErrorChar token and is never lost.
std::vector<Token> lex(llvm::StringRef Text, const LexOptions &Opts = {});

/// The keyword \p Word spells exactly (in English or Chinese), or tok::Name.
tok::Kind keywordFor(llvm::StringRef Word);

/// Whether \p K is a keyword.
inline bool isKeyword(tok::Kind K) { return K >= tok::KwInclude && K <= tok::LastKeyword; }
/// Whether keyword \p K is also a noun (tokens.def).
bool isNounKeyword(tok::Kind K);
/// The Chinese spelling of keyword \p K ("预算"), or the spelling of punctuation ("{").
llvm::StringRef spelling(tok::Kind K);
/// The English spelling of keyword \p K ("budget"), or "".
llvm::StringRef englishSpelling(tok::Kind K);
/// The rule name of \p K in grammar/BudLexer.g4 ("KW_BUDGET"); "EOF" for EndOfFile.
llvm::StringRef grammarName(tok::Kind K);
/// The word messages use for a token of kind \p K ("name", "名称"); for keywords and
/// punctuation, their spelling.
llvm::StringRef describe(tok::Kind K, bool Chinese);

/// Whether \p CP may stand inside a bare name, and whether it may start one (BudLexer.g4's
/// NAME_CHAR and NAME_START): for the formatter's and the editor's decisions about quoting.
bool isNameStart(char32_t CP);
bool isNameChar(char32_t CP);

} // namespace budc::syntax

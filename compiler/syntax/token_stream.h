//===- token_stream.h - budc's tokens as ANTLR sees them --------------------===//
//
// The generated parser reads tokens through ANTLR's public interfaces: a TokenStream of Token
// objects from a TokenSource. TokenArray implements both over the tokens budc's lexer made, in
// one array (no object per token on the heap), so that the parser sees every token of a file at
// once, looks ahead by index and never asks a lexer for more. Comments and spaces are not in it.
//
// Internal to compiler/syntax: nothing of ANTLR is visible outside this directory.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/source/source_manager.h"
#include "compiler/syntax/lexer.h"

#include "budc_antlr4_runtime.h"

#include <vector>

namespace budc::syntax {

class TokenArray;

/// One token of a file, as an antlr4::Token. Start and stop indexes are byte offsets (ANTLR's
/// own tokens count code points; nothing in budc asks it for those).
class TokenView final : public antlr4::Token {
public:
  TokenView(const TokenArray &Owner, uint32_t Index, const syntax::Token &T)
      : Owner(&Owner), Begin(T.Begin), End(T.End), Index(Index), Kind(T.Kind) {}

  std::string getText() const override;
  size_t getType() const override;
  size_t getLine() const override;
  size_t getCharPositionInLine() const override;
  size_t getChannel() const override { return DEFAULT_CHANNEL; }
  size_t getTokenIndex() const override { return Index; }
  size_t getStartIndex() const override { return Begin; }
  size_t getStopIndex() const override { return End ? End - 1 : 0; }
  antlr4::TokenSource *getTokenSource() const override;
  antlr4::CharStream *getInputStream() const override { return nullptr; }
  std::string toString() const override;

  tok::Kind kind() const { return Kind; }
  Span span(unsigned File) const { return {File, Begin, End}; }

private:
  const TokenArray *Owner;
  uint32_t Begin, End;
  uint32_t Index;
  tok::Kind Kind;
};

/// The parser's tokens of one file: a TokenStream over an array of TokenViews ending in EOF,
/// and the TokenSource they claim to come from.
class TokenArray final : public antlr4::TokenStream {
public:
  /// \p Tokens are the tokens the parser is to see, in order (no comments or spaces); an EOF
  /// token is added at \p EndOffset.
  TokenArray(const SourceManager &SM, unsigned File, llvm::ArrayRef<Token> Tokens,
             uint32_t EndOffset);
  TokenArray(const TokenArray &) = delete;
  TokenArray &operator=(const TokenArray &) = delete;

  // antlr4::TokenStream
  antlr4::Token *LT(ssize_t K) override;
  antlr4::Token *get(size_t Index) const override;
  antlr4::TokenSource *getTokenSource() const override;
  std::string getText(const antlr4::misc::Interval &Interval) override;
  std::string getText() override;
  std::string getText(antlr4::RuleContext *Ctx) override;
  std::string getText(antlr4::Token *Start, antlr4::Token *Stop) override;
  // antlr4::IntStream
  void consume() override;
  size_t LA(ssize_t I) override;
  ssize_t mark() override { return 0; }
  void release(ssize_t) override {}
  size_t index() override { return Pos; }
  void seek(size_t Index) override { Pos = std::min(Index, Views.size() - 1); }
  size_t size() override { return Views.size(); }
  std::string getSourceName() const override;

  /// Whether \p T is one of this array's tokens (error recovery conjures others).
  const TokenView *own(const antlr4::Token *T) const;
  /// The token at \p Index (EOF at the end).
  const TokenView &at(size_t Index) const { return Views[std::min(Index, Views.size() - 1)]; }
  tok::Kind kindAt(size_t Index) const { return at(Index).kind(); }

  const SourceManager &SM;
  const unsigned File;

private:
  friend class TokenView;
  /// The token source every token names: it makes nothing (all tokens are in the array) but
  /// hands error recovery the factory for the tokens it conjures.
  class Source final : public antlr4::TokenSource {
  public:
    explicit Source(const TokenArray &A) : A(A) {}
    std::unique_ptr<antlr4::Token> nextToken() override;
    size_t getLine() const override { return 0; }
    size_t getCharPositionInLine() override { return 0; }
    antlr4::CharStream *getInputStream() override { return nullptr; }
    std::string getSourceName() override { return A.getSourceName(); }
    antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override;

  private:
    const TokenArray &A;
  };

  std::vector<TokenView> Views;
  mutable Source TheSource;
  size_t Pos = 0;
};

/// The ANTLR token type of kind \p K (Token::EOF for tok::EndOfFile).
size_t antlrType(tok::Kind K);

} // namespace budc::syntax

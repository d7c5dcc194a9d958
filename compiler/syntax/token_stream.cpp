//===- token_stream.cpp - budc's tokens as ANTLR sees them ------------------===//
#include "compiler/syntax/token_stream.h"

#include "BudParser.h"

using budc::grammar::BudParser;

namespace budc::syntax {

// The token table and the generated parser's vocabulary are the same list in the same order:
// a kind added to one and not the other, or moved, stops the build here.
#define BUD_KEYWORD(Name, GrammarName, English, Chinese, Noun)                                 \
  static_assert(size_t(tok::Name) == size_t(BudParser::GrammarName), #GrammarName);
#define BUD_PUNCT(Name, GrammarName, Spelling, OtherSpelling)                                 \
  static_assert(size_t(tok::Name) == size_t(BudParser::GrammarName), #GrammarName);
#define BUD_TOKEN(Name, GrammarName, English, Chinese)                                        \
  static_assert(size_t(tok::Name) == size_t(BudParser::GrammarName), #GrammarName);
#include "compiler/syntax/tokens.def"

size_t antlrType(tok::Kind K) {
  return K == tok::EndOfFile ? size_t(antlr4::Token::EOF) : size_t(K);
}

//===----------------------------------------------------------------------===//
// TokenView
//===----------------------------------------------------------------------===//

std::string TokenView::getText() const {
  if (Kind == tok::EndOfFile)
    return "<EOF>";
  return Owner->SM.getText(Owner->File).slice(Begin, End).str();
}

size_t TokenView::getType() const { return antlrType(Kind); }

size_t TokenView::getLine() const { return Owner->SM.getLineCol(Owner->File, Begin).Line; }

size_t TokenView::getCharPositionInLine() const {
  return Owner->SM.getLineCol(Owner->File, Begin).Column - 1;
}

antlr4::TokenSource *TokenView::getTokenSource() const { return &Owner->TheSource; }

std::string TokenView::toString() const {
  return "[@" + std::to_string(Index) + " " + std::string(grammarName(Kind)) + " '" +
         getText() + "']";
}

//===----------------------------------------------------------------------===//
// TokenArray
//===----------------------------------------------------------------------===//

TokenArray::TokenArray(const SourceManager &SM, unsigned File, llvm::ArrayRef<Token> Tokens,
                       uint32_t EndOffset)
    : SM(SM), File(File), TheSource(*this) {
  Views.reserve(Tokens.size() + 1);
  for (const Token &T : Tokens)
    Views.emplace_back(*this, static_cast<uint32_t>(Views.size()), T);
  Token Eof;
  Eof.Begin = Eof.End = EndOffset;
  Eof.Kind = tok::EndOfFile;
  Views.emplace_back(*this, static_cast<uint32_t>(Views.size()), Eof);
}

antlr4::Token *TokenArray::LT(ssize_t K) {
  if (K == 0)
    return nullptr;
  if (K < 0) {
    size_t Back = static_cast<size_t>(-K);
    return Back > Pos ? nullptr : &Views[Pos - Back];
  }
  return &Views[std::min(Pos + static_cast<size_t>(K) - 1, Views.size() - 1)];
}

antlr4::Token *TokenArray::get(size_t Index) const {
  return const_cast<TokenView *>(&at(Index));
}

size_t TokenArray::LA(ssize_t I) {
  antlr4::Token *T = LT(I);
  return T ? static_cast<TokenView *>(T)->getType() : size_t(antlr4::Token::INVALID_TYPE);
}

void TokenArray::consume() {
  if (Views[Pos].kind() == tok::EndOfFile)
    throw antlr4::IllegalStateException("cannot consume EOF");
  ++Pos;
}

antlr4::TokenSource *TokenArray::getTokenSource() const { return &TheSource; }

std::string TokenArray::getSourceName() const { return SM.getPath(File).str(); }

std::string TokenArray::getText(const antlr4::misc::Interval &Interval) {
  if (Interval.a < 0 || Interval.b < Interval.a || Views.size() < 2)
    return "";
  size_t First = static_cast<size_t>(Interval.a);
  size_t Last = std::min(static_cast<size_t>(Interval.b), Views.size() - 2);
  if (First > Last)
    return "";
  return SM.getText(File).slice(Views[First].getStartIndex(), Views[Last].getStopIndex() + 1).str();
}

std::string TokenArray::getText() {
  return getText(antlr4::misc::Interval(size_t(0), Views.size() - 1));
}

std::string TokenArray::getText(antlr4::RuleContext *Ctx) {
  return Ctx ? getText(Ctx->getSourceInterval()) : "";
}

std::string TokenArray::getText(antlr4::Token *Start, antlr4::Token *Stop) {
  const TokenView *A = own(Start), *B = own(Stop);
  if (!A || !B)
    return "";
  return getText(antlr4::misc::Interval(A->getTokenIndex(), B->getTokenIndex()));
}

const TokenView *TokenArray::own(const antlr4::Token *T) const {
  if (!T)
    return nullptr;
  // Only pointers into the array are ours; a token error recovery made is somewhere else.
  auto Addr = reinterpret_cast<uintptr_t>(T);
  auto First = reinterpret_cast<uintptr_t>(static_cast<const antlr4::Token *>(Views.data()));
  if (Addr < First || (Addr - First) % sizeof(TokenView) != 0)
    return nullptr;
  size_t Index = (Addr - First) / sizeof(TokenView);
  return Index < Views.size() ? &Views[Index] : nullptr;
}

std::unique_ptr<antlr4::Token> TokenArray::Source::nextToken() {
  // Every token is in the array already; the parser never asks for more.
  return std::make_unique<antlr4::CommonToken>(antlr4::Token::EOF);
}

antlr4::TokenFactory<antlr4::CommonToken> *TokenArray::Source::getTokenFactory() {
  return antlr4::CommonTokenFactory::DEFAULT.get();
}

} // namespace budc::syntax

//===- builder_parts.h - What the AST builder's files share (syntax only) ---===//
//
// Reading a rule context's children once (Children), token rules front to back
// (TokenReader), and token kinds: shared by builder.cpp and builder_projects.cpp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/syntax/builder.h"

namespace budc::syntax::build {

using namespace antlr4; // (only builder*.cpp include this header)
using grammar::BudParser;

/// The children of a rule context, read once: its rule contexts, and its tokens in order
/// without those error recovery skipped (error nodes).
class Children {
public:
  explicit Children(ParserRuleContext *C) {
    if (!C)
      return;
    for (tree::ParseTree *X : C->children) {
      const std::type_info &T = typeid(*X);
      if (T == typeid(tree::TerminalNodeImpl))
        Toks.push_back(static_cast<tree::TerminalNode *>(X)->getSymbol());
      else if (T != typeid(tree::ErrorNodeImpl))
        Rules.push_back(static_cast<ParserRuleContext *>(X));
    }
  }
  /// The child rule contexts in order: the statements of a list rule.
  llvm::ArrayRef<ParserRuleContext *> rules() const { return Rules; }
  /// The first child of rule \p Index, or null.
  ParserRuleContext *rule(size_t Index) const {
    for (ParserRuleContext *R : Rules)
      if (R->getRuleIndex() == Index)
        return R;
    return nullptr;
  }
  /// The tokens in order.
  llvm::ArrayRef<antlr4::Token *> tokens() const { return Toks; }
  /// The first token of kind \p K, or null.
  antlr4::Token *token(tok::Kind K) const {
    for (antlr4::Token *T : Toks)
      if (T->getType() == antlrType(K))
        return T;
    return nullptr;
  }

private:
  llvm::SmallVector<ParserRuleContext *, 8> Rules;
  llvm::SmallVector<antlr4::Token *, 8> Toks;
};

/// The only rule child of an item rule (projectItem → indicatorStmt), or null.
inline ParserRuleContext *unwrap(ParserRuleContext *Item) {
  Children K(Item);
  return K.rules().empty() ? nullptr : K.rules().front();
}

inline tok::Kind kindOf(const antlr4::Token *T) {
  size_t Type = T->getType();
  return Type == antlr4::Token::EOF || Type >= tok::NumKinds ? tok::EndOfFile : tok::Kind(Type);
}

inline ast::Comparator comparatorOf(tok::Kind K) {
  switch (K) {
  case tok::Ge: return ast::Comparator::Ge;
  case tok::Le: return ast::Comparator::Le;
  case tok::Ne: return ast::Comparator::Ne;
  case tok::Eq: return ast::Comparator::Eq;
  case tok::Gt: return ast::Comparator::Gt;
  case tok::Lt: return ast::Comparator::Lt;
  default: return ast::Comparator::None;
  }
}

/// Reads a rule of tokens front to back.
class TokenReader {
public:
  explicit TokenReader(llvm::ArrayRef<antlr4::Token *> T) : T(T) {}
  bool is(tok::Kind K) const { return I < T.size() && kindOf(T[I]) == K; }
  bool isAny(std::initializer_list<tok::Kind> Ks) const {
    for (tok::Kind K : Ks)
      if (is(K))
        return true;
    return false;
  }
  /// The next token if it is of kind \p K (taken), else null.
  antlr4::Token *take(tok::Kind K) { return is(K) ? T[I++] : nullptr; }
  antlr4::Token *takeAny(std::initializer_list<tok::Kind> Ks) { return isAny(Ks) ? T[I++] : nullptr; }
  antlr4::Token *peek(size_t Ahead = 0) const { return I + Ahead < T.size() ? T[I + Ahead] : nullptr; }
  antlr4::Token *next() { return I < T.size() ? T[I++] : nullptr; }

private:
  llvm::ArrayRef<antlr4::Token *> T;
  size_t I = 0;
};

} // namespace budc::syntax::build

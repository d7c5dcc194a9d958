//===- builder.h - Parse tree to syntax tree --------------------------------===//
//
// Converts one file's ANTLR parse tree into budc's own AST (compiler/ast/ast.h): every node
// with its span, texts decoded, codes and dates checked for their form. It reads what the
// parse tree holds — rule contexts and their tokens, in order — and tolerates the holes error
// recovery leaves (missing children, conjured tokens): it builds what it can and skips the
// rest. Internal to compiler/syntax.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/syntax/token_stream.h"

#include "BudParser.h"

#include "llvm/ADT/DenseSet.h"

namespace budc::syntax {

/// Builds the AST of one file.
class Builder {
public:
  /// \p Unclosed holds the begin offsets of strings whose closing quote is missing (the parser
  /// saw them as strings).
  Builder(const TokenArray &Tokens, DiagEngine &Diags, ast::Context &Ctx,
          const llvm::DenseSet<uint32_t> &Unclosed)
      : Tokens(Tokens), Diags(Diags), Ctx(Ctx), Unclosed(Unclosed) {}

  /// The file, with \p Suppressions; \p Tree may be null (nothing to parse).
  ast::File *file(grammar::BudParser::FileContext *Tree, llvm::ArrayRef<ast::Suppression> Suppressions);
  /// The top-level statements of \p Tree, a piece of a large file parsed on its own.
  llvm::ArrayRef<ast::Node *> piece(grammar::BudParser::FileContext *Tree) {
    return statements(Tree);
  }

private:
  using Rule = antlr4::ParserRuleContext;
  using Tok = antlr4::Token;

  ast::Node *statement(Rule *X);
  llvm::ArrayRef<ast::Node *> statements(Rule *Body);
  ast::Budget *budget(Rule *C);
  ast::Department *department(Rule *C);
  ast::Unit *unit(Rule *C);
  ast::Income *income(Rule *C);
  ast::Basic *basic(Rule *C);
  ast::Project *project(Rule *C);
  ast::Node *functionOrEconomic(Rule *C);
  ast::AmountLine *amountLine(Rule *C);
  ast::Schedule *schedule(Rule *C);
  ast::Goal *goal(Rule *C);
  ast::Indicator *indicator(Rule *C);
  ast::Citation *citation(Rule *C);
  ast::Declare *declare(Rule *C);
  ast::LastYear *lastYear(Rule *C);
  ast::Published *published(Rule *C);
  llvm::ArrayRef<ast::Declare *> declareBody(Rule *Body);
  ast::Code year(const Tok *T);
  ast::Section *section(Rule *C);
  ast::Glossary *glossary(Rule *C);
  ast::Performance *performance(Rule *C);
  ast::Area *area(Rule *C);
  ast::Library *library(Rule *C);
  llvm::ArrayRef<ast::Attr *> rows(Rule *Block);
  ast::Attr *attr(Rule *C);
  ast::Attr *libraryRow(Rule *C);
  ast::Value value(Rule *C);
  ast::Value tag(Rule *C);
  ast::BasicLine *basicLine(Rule *C);
  std::vector<antlr4::ParserRuleContext *> basicItems(Rule *Body);
  ast::Quantity amount(Rule *C);

  ast::Text word(const Tok *T);
  ast::Text clauseWord(const Tok *T);
  ast::Text name(Rule *C);
  ast::Text text(Rule *C);
  ast::Code code(const Tok *T, const char *WhatEn, const char *WhatZh);
  ast::Code anyCode(const Tok *T);
  ast::Text date(const Tok *T);
  void number(const Tok *T, ast::Quantity &Q);
  ast::Quantity signedNumber(Span Range, ast::Comparator Cmp, const Tok *Minus, const Tok *Number);

  Span span(const Tok *T) const;
  Span range(Rule *C) const;
  template <typename T> T *node(Rule *C) {
    T *N = Ctx.make<T>();
    N->Range = range(C);
    return N;
  }
  template <typename T> llvm::ArrayRef<T> keep(const std::vector<T> &V) {
    return Ctx.copy(llvm::ArrayRef<T>(V));
  }
  // Inside a project, its indicators and schedules go to the context's body arena (sema may
  // free them once it has read them; ast::BodyArena); elsewhere to the context.
  ast::BodyArena &arena() { return Ctx.bodies(); }
  template <typename T> T *make() { return InProject ? arena().make<T>() : Ctx.make<T>(); }
  template <typename T> T *bodyNode(Rule *C) {
    T *N = make<T>();
    N->Range = range(C);
    return N;
  }
  template <typename T> llvm::ArrayRef<T> bodyKeep(const std::vector<T> &V) {
    return InProject ? arena().copy(llvm::ArrayRef<T>(V)) : keep(V);
  }

  const TokenArray &Tokens;
  DiagEngine &Diags;
  ast::Context &Ctx;
  const llvm::DenseSet<uint32_t> &Unclosed;
  bool InProject = false; ///< inside a project's body (projects do not nest)
};

} // namespace budc::syntax

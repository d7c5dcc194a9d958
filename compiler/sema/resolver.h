//===- resolver.h - Internal state of name resolution (sema only) -----------===//
#pragma once

#include "compiler/sema/sema.h"

namespace budc::sema {

/// The state of one resolve() call. library.cpp reads the standard-library declarations;
/// sema.cpp reads the budget's facts.
class Resolver {
public:
  Resolver(SourceManager &SM, DiagEngine &Diags) : SM(SM), Diags(Diags) {}

  /// Reads a 科目表, 计量单位表, 指标框架 or 资金来源表 declaration.
  void library(const ast::Library &L, bool FromStdlib);
  /// Reads a 表样 (table template) declaration.
  void tableTemplate(const ast::Library &L);

  /// Reads the facts of the workspace's files.
  void facts(llvm::ArrayRef<ast::File *> Files);

  model::Budget B;

  //===--------------------------------------------------------------------===//
  // Helpers shared by both halves
  //===--------------------------------------------------------------------===//

  /// Parses a number, reporting BUD203/BUD204 at \p Where.
  std::optional<Decimal> number(llvm::StringRef Digits, bool Negative, Span Where);
  /// An amount in 元: a plain number in the budget's money unit or a quantity with a money
  /// unit. Reports BUD201–BUD206.
  std::optional<Decimal> money(const ast::Quantity &Q);
  /// An indicator's or attribute's value with its kind.
  std::optional<model::TypedValue> typed(const ast::Value &V);
  /// Reports BUD201 for an unknown unit, with a suggestion.
  void unknownUnit(llvm::StringRef Unit, Span Where);

  SourceManager &SM;
  DiagEngine &Diags;
};

} // namespace budc::sema

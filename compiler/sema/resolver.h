//===- resolver.h - Internal state of name resolution (sema only) -----------===//
#pragma once

#include "compiler/sema/figures.h"
#include "compiler/sema/references.h"
#include "compiler/sema/sema.h"

namespace budc::sema {

/// Reads numbers, amounts and typed values against a budget's money unit and units, and
/// reports what does not read to \p Diags. It only reads the budget: threads may each use
/// one, with a diagnostics engine of their own.
struct ValueReader {
  const model::Budget &B;
  const SourceManager &SM;
  DiagEngine &Diags;

  /// Parses a number, reporting BUD203/BUD204 at \p Where.
  std::optional<Decimal> number(llvm::StringRef Digits, bool Negative, Span Where) const;
  /// An amount in 元: a plain number in the budget's money unit or a quantity with a money
  /// unit. Reports BUD201–BUD206.
  std::optional<Decimal> money(const ast::Quantity &Q) const;
  /// An indicator's or attribute's value with its kind.
  std::optional<model::TypedValue> typed(const ast::Value &V) const;
  /// Reports BUD201 for an unknown unit, with a suggestion.
  void unknownUnit(llvm::StringRef Unit, Span Where) const;

  /// A unit as written: a declared one (万元, ㎡), or compound, a numerator and after '/'
  /// the parts of a denominator (万元/村, 元/人.年, 万元/年/条), where a numerator or a
  /// denominator part may be a product joined by '.' or '·' (人·天).
  struct UnitReading {
    /// The numerator's unit; null when it is a product.
    const model::UnitDef *Numerator = nullptr;
    llvm::StringRef NumeratorText; ///< 万元 in 万元/年/条
    bool Rate = false;             ///< it has a denominator
  };
  /// Reads \p Unit, written at \p Where; reports BUD201 at the first part that is no
  /// declared unit, and returns nothing then.
  std::optional<UnitReading> unit(llvm::StringRef Unit, Span Where) const;
  /// A weight (指标权重, 分值) or a weights' total: a number, or a number of % or 分.
  /// Reports BUD230 (\p WhatEn, \p WhatZh name what was expected) otherwise.
  std::optional<Decimal> weight(const ast::Quantity &Q, const char *WhatEn,
                                const char *WhatZh) const;
  /// The unit \p Written names (a part of it), if the unit table has it or it is a unit
  /// written as a quantity (次数 for 次, 天数 for 天): then \p Noun is set. Every part of a
  /// compound unit (次/年, 元/人.年, 万元/年/条, 人·天) must be known.
  std::optional<llvm::StringRef> unitOf(llvm::StringRef Written, bool &Noun) const;
};

/// The state of one resolve() call. library.cpp reads the standard-library declarations;
/// facts.h (FactReader) reads the budget's facts.
class Resolver {
public:
  Resolver(SourceManager &SM, DiagEngine &Diags) : SM(SM), Diags(Diags) {}

  /// Reads a 科目表, 计量单位表, 指标框架, 资金来源表, 表样 or 口径 declaration.
  void library(const ast::Library &L, bool FromStdlib);
  /// Reads the tags of catalogue row \p A into \p E (BUD125, BUD126 for those it cannot).
  void catalogueTags(const ast::Attr &A, model::CatalogueEntry &E, unsigned CatYear);
  /// Checks a name written for code \p E of \p Cat against the name of the budget's year:
  /// BUD104, or BUD122 when it is the code's name in another year.
  void catalogueName(const model::Catalogue &Cat, const model::CatalogueEntry &E,
                     const ast::Text &Written, const char *En, const char *Zh);
  /// Reads a 表样 (table template) declaration.
  void tableTemplate(const ast::Library &L, bool FromStdlib);
  /// Reads a row 权重合计 N or 预留 NAME N (of a framework or of the budget header) into
  /// \p W, setting \p HasTotal or \p HasReserve.
  void weights(const ast::Attr &A, model::WeightRule &W, bool &HasTotal, bool &HasReserve);

  /// Reads a published table declared as printed (公开表) into B.Published (published.cpp).
  void published(const ast::Published &P);

  /// Reads the facts of the workspace's files; the projects' own lines (indicators,
  /// schedules, goals) on up to \p Jobs threads (0: one per core); \p Release frees each
  /// project's indicators and schedules from the tree once read (ResolveOptions).
  void facts(llvm::ArrayRef<ast::File *> Files, unsigned Jobs = 1, bool Release = false);

  model::Budget B;
  /// The named figures and the resolution of figures (declared, in templates, in text).
  Figures Figs{*this};
  /// Figure references of texts and the prose vocabulary.
  References Refs{*this};
  /// Last year's workspace, resolved before this one (taken by the 上年 statement).
  std::unique_ptr<model::Budget> LastYearFacts;
  unsigned LastYearErrors = 0; ///< errors resolving last year's workspace

  //===--------------------------------------------------------------------===//
  // Helpers shared by both halves
  //===--------------------------------------------------------------------===//

  /// Numbers, amounts and values, reported to this resolver's engine.
  ValueReader values() const { return {B, SM, Diags}; }
  std::optional<Decimal> number(llvm::StringRef Digits, bool Negative, Span Where) const {
    return values().number(Digits, Negative, Where);
  }
  std::optional<Decimal> money(const ast::Quantity &Q) const { return values().money(Q); }
  std::optional<model::TypedValue> typed(const ast::Value &V) const { return values().typed(V); }
  void unknownUnit(llvm::StringRef Unit, Span Where) const { values().unknownUnit(Unit, Where); }

  SourceManager &SM;
  DiagEngine &Diags;
};

} // namespace budc::sema

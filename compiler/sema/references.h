//===- references.h - Figure references of texts, and the prose vocabulary -----===//
//
// A text's {…} is a figure reference (docs/language.md, "Figure references"): a figure of the
// figure language — a path as a declared key has it, optionally ending in 上年数, 增减额 or
// 增减率 — or a field of the budget ({年度}, {部门名称}), followed by options: a money unit,
// decimals (0位 … 4位), 去零, 千分位, 带符号, 占 FIGURE. This file resolves them with the figure
// language (Figures) and prints them with the model's values (model/values.h), and builds the
// vocabulary the prose checks recognise figures by. Internal to sema.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/sema/figures.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::sema {

class Resolver;

/// The measure the last part of \p Parts names — 上年数 (or 上年), 增减额 (or 增减), 增减率 —
/// taken off; Measure::Value when it names none.
model::Measure takeMeasure(std::vector<FigurePart> &Parts);

/// Why a reference does not resolve, for a caller that reports it in its own words.
struct ReferenceFailure {
  std::string En, Zh;  ///< what is wrong
  std::string Guess;   ///< the closest known word, or ""
  std::string Fixed;   ///< the reference's content with the guess in place, or ""
};

/// Resolves and prints figure references; builds the prose vocabulary.
class References {
public:
  explicit References(Resolver &R) : R(R) {}

  /// Parses and resolves the content \p Content of a reference written at \p Where (from '{'
  /// to '}'). Reports BUD501 or BUD502 unless \p Failure is given, which then says why.
  /// \p Facts: the budget's units and projects may be named (not in a table template).
  std::optional<model::Reference> resolve(llvm::StringRef Content, Span Where, bool Facts,
                                          ReferenceFailure *Failure = nullptr);

  /// A narrative text with its references resolved and printed (BUD501–BUD503 for those that
  /// cannot be), and where each printed byte comes from.
  model::Prose prose(const ast::Text &T, model::Prose::TextKind Kind, llvm::StringRef Title);

  /// \p T as printed, for a text that is not narrative (a project's 用途 and 目标); nullopt
  /// when it names no reference (its value is what prints).
  std::optional<std::string> printed(const ast::Text &T);

  /// Fills B.Vocabulary (the wordings that name figures) and B.ThisYearOnly.
  void vocabulary();

private:
  /// What \p Ref prints, reporting at its place why it cannot be printed.
  std::optional<std::string> output(const model::Reference &Ref);
  void report(Span Where, llvm::StringRef Content, const ReferenceFailure &F, bool Option,
              llvm::StringRef Word);

  Resolver &R;
};

} // namespace budc::sema

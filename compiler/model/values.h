//===- values.h - What a figure gives: this year, last year, change, rate, share ----===//
//
// One figure, resolved into a Query by sema, has several values: this year's (evaluated over
// the facts; in a workspace without money facts, the declared figure of the same query), last
// year's (the 上年 block's figure of the same query, the query over last year's workspace,
// or a 上年数 this year's document declares), the change and its rate. A value read from a
// declared figure is known only to its written precision: Known carries that slack, and the
// comparisons below accept any written figure that a value within it rounds to.
//
// These are the one implementation the declared figures, the references of text, the prose
// checks and the table templates use (tables evaluate last year with lastYear()).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/model.h"

#include "llvm/ADT/ArrayRef.h"

namespace budc::model {

/// A value and how exactly it is known: exact (Slack 0) when derived from the facts, within
/// half a unit of its last written place when declared.
struct Known {
  Decimal Value;
  Decimal Slack;
};

/// Whether two queries add the same facts whatever the budget (the same constraints).
bool sameFigure(const Query &A, const Query &B);

/// \p Q of budget \p From as a query of budget \p To (last year's): funds, units and projects
/// by name (a project by code first); what \p To lacks matches nothing.
Query translate(const Query &Q, const Budget &From, const Budget &To);

/// The figure a unit declares for its part of money held for the department as a whole
/// (heldForDepartment): the declared figure of \p Q, or of Q without its funds where every fact
/// Q would add without them, in any unit, is of Q's funds anyway (广州's basic money is all
/// 一般公共预算, so a unit's declared 基本支出 is also its 一般公共预算 基本支出); null when there
/// is none. \p Among, when given, are the declared figures to look in (the unit's: see
/// declaredOfUnits), and \p Neutral whether Q's funds are so (fundsNeutral), when known.
const Declared *declaredShare(const Budget &B, const Query &Q,
                              const std::vector<const Declared *> *Among = nullptr,
                              std::optional<bool> Neutral = std::nullopt);

/// Whether \p Q has funds and every fact it would add without them, in any unit, is of them.
bool fundsNeutral(const Budget &B, const Query &Q);

/// The declared figures with an amount (their parts too) of one unit each, by unit index.
std::vector<std::vector<const Declared *>> declaredOfUnits(const Budget &B);

/// This year's value of \p Q: over the facts, or in a workspace without money facts the
/// declared figure of the same query; nullopt when unknown (an underivable figure, an
/// overflow, nothing declared).
std::optional<Known> thisYear(const Budget &B, const Query &Q);

/// Last year's value of this year's figure \p Q: from the 上年 block, last year's workspace or,
/// when \p Declared, a 上年数 declared with this year's figures; nullopt when none gives it.
std::optional<Known> lastYear(const Budget &B, const Query &Q, bool Declared = true);

/// Whether the budget has last year's figures at all (a 上年 statement or a declared 上年数).
bool hasLastYear(const Budget &B);

/// The value of measure \p M of \p Q (a rate is not a Known: see rate()).
std::optional<Known> measure(const Budget &B, const Query &Q, Measure M);

/// Whether \p Written (in 元), written with \p Places decimals of the unit worth \p Factor 元,
/// can be the rounding of a value within \p K: for an exact value, the half-up rounding;
/// within a slack, any value of the interval.
bool consistent(Known K, Decimal Written, Decimal Factor, unsigned Places);

/// Whether the percentage \p Percent, written with \p Places decimals, can be Num / Den × 100
/// for values within their slacks; nullopt when Den may be zero (no share of nothing).
std::optional<bool> consistentRatio(Known Num, Known Den, Decimal Percent, unsigned Places);

/// Num / Den × 100 rounded half-up to \p Places decimals, exactly; nullopt when Den is zero
/// or the result is out of range.
std::optional<Decimal> percent(Decimal Num, Decimal Den, unsigned Places);

/// A field of the budget a text names in braces ({年度}, {上年度}, {部门名称} …), or nullopt.
std::optional<std::string> budgetField(const Budget &B, llvm::StringRef Name);

/// Whether the budget is a unit's own (单位预算): no 部门 block and a single unit, which then
/// names the budget as a department would (苏州水务: "单位：苏州市水务局").
bool unitBudget(const Budget &B);

/// The fields budgetField() knows, for messages and suggestions.
llvm::ArrayRef<const char *> budgetFields();

/// What reference \p R prints; nullopt when its figure cannot be known (reported by sema).
std::optional<std::string> render(const Budget &B, const Reference &R);

} // namespace budc::model

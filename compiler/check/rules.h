//===- rules.h - The checker's rules, one function each ----------------------===//
//
// Every rule of rules.def is a function over the resolved budget that reports what it finds.
// check::run applies them in the table's order. Internal to compiler/check.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/diagnostics.h"
#include "compiler/model/model.h"

#include "llvm/ADT/ArrayRef.h"

#include <type_traits>

namespace budc::check {

/// What a rule reads and where it reports.
struct RuleContext {
  const model::Budget &B;
  DiagEngine &Diags;
};

#define BUD_RULE(Function, Family, Codes, Description) void Function(const RuleContext &C);
#include "compiler/check/rules.def"

/// One entry of rules.def.
struct RuleInfo {
  const char *Name;        ///< the function: controlTotals
  const char *Family;      ///< the file it is in: totals
  const char *Codes;       ///< "301 302"
  const char *Description;
  void (*Apply)(const RuleContext &);
};

/// Every rule, in the order of rules.def.
llvm::ArrayRef<RuleInfo> rules();

/// Calls \p F with every indicator of the budget, the projects' and then the department's,
/// and, when it takes two arguments, with the project it belongs to (null: the department).
template <typename Fn> void eachIndicator(const model::Budget &B, Fn F) {
  auto Call = [&](const model::Indicator &I, const model::Project *P) {
    if constexpr (std::is_invocable_v<Fn, const model::Indicator &, const model::Project *>)
      F(I, P);
    else
      F(I);
  };
  for (const model::Project &P : B.Projects)
    for (const model::Indicator &I : P.Indicators)
      Call(I, &P);
  for (const model::Indicator &I : B.DepartmentIndicators)
    Call(I, nullptr);
}

/// An indicator's value as its table shows it, for messages.
inline std::string shownValue(const model::Indicator &I) { return I.shownValue(); }

/// Calls \p F with the indicators of each table a disclosure prints them in: every project's
/// (with the project), then the department's (with null).
template <typename Fn> void eachIndicatorTable(const model::Budget &B, Fn F) {
  for (const model::Project &P : B.Projects)
    F(llvm::ArrayRef<model::Indicator>(P.Indicators), &P);
  F(llvm::ArrayRef<model::Indicator>(B.DepartmentIndicators), static_cast<const model::Project *>(nullptr));
}

/// The place of bytes [\p Begin, \p End) of \p Text, a text written at \p Where (its token,
/// quotes included): exact when the text is the source's own bytes (a bare word, or a quoted
/// string without escapes, whose token is two bytes longer), else the whole token.
inline Span partOf(Span Where, llvm::StringRef Text, size_t Begin, size_t End) {
  size_t Size = Where.End - Where.Begin;
  uint32_t Skip = Size == Text.size() ? 0 : Size == Text.size() + 2 ? 1 : UINT32_MAX;
  if (!Where.isValid() || Skip == UINT32_MAX || Begin > End || End > Text.size())
    return Where;
  return {Where.File, Where.Begin + Skip + static_cast<uint32_t>(Begin),
          Where.Begin + Skip + static_cast<uint32_t>(End)};
}

/// A sum of amounts that reports overflow instead of wrapping: an overflowing sum has no value.
class Sum {
public:
  void add(Decimal D) {
    if (!Ok)
      return;
    auto R = Value.add(D);
    if (!R)
      Ok = false;
    else
      Value = *R;
  }
  std::optional<Decimal> get() const { return Ok ? std::optional<Decimal>(Value) : std::nullopt; }

private:
  Decimal Value;
  bool Ok = true;
};

} // namespace budc::check

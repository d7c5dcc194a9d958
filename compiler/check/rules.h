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

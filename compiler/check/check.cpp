//===- check.cpp - The rules, applied in the order of rules.def -------------===//
#include "compiler/check/check.h"
#include "compiler/check/rules.h"

namespace budc::check {

llvm::ArrayRef<RuleInfo> rules() {
  static const RuleInfo All[] = {
#define BUD_RULE(Function, Family, Codes, Description)                                        \
  {#Function, #Family, Codes, Description, &Function},
#include "compiler/check/rules.def"
  };
  return All;
}

void run(const model::Budget &B, DiagEngine &Diags) {
  RuleContext Context{B, Diags};
  for (const RuleInfo &R : rules())
    R.Apply(Context);
}

} // namespace budc::check

//===- totals.cpp - Money rules: control totals and fund types ---------------===//
#include "compiler/check/rules.h"

#include <map>
#include <tuple>

namespace budc::check {
namespace {

std::string fundLabel(const model::Fund *F, bool CarryOver) {
  return (CarryOver ? "上年结转 " : "") + F->Name;
}

/// The fund's label, prefixed with the unit's name when the department has several units.
std::string fundLabel(const model::Budget &B, size_t Unit, const model::Fund *F, bool CarryOver) {
  std::string Label = fundLabel(F, CarryOver);
  if (B.OrgUnits.size() > 1 && Unit < B.OrgUnits.size())
    Label = B.OrgUnits[Unit].Name + " " + Label;
  return Label;
}

} // namespace

void controlTotals(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  // Amounts are never negative (BUD206), so if neither grand total overflows, no sum of a
  // part of them does; one check here covers every sum below.
  Sum AllIncome, AllSpent;
  for (const model::ControlTotal &C : B.Income)
    AllIncome.add(C.Yuan);
  for (const model::Allocation &A : B.Allocations)
    AllSpent.add(A.Yuan);
  if (!AllIncome.get() || !AllSpent.get()) {
    Span Where = !AllIncome.get() ? B.Income.front().Where : B.Allocations.front().Where;
    Diags.report(Where, diag::MoneyOverflow,
                 {!AllIncome.get() ? std::string("收入总计") : std::string("支出总计")});
    return;
  }

  // Allocations per unit and fund source against the control totals.
  using FundKey = std::tuple<size_t, std::string, bool>;
  std::map<FundKey, std::vector<const model::Allocation *>> ByFund;
  for (const model::Allocation &A : B.Allocations)
    ByFund[{A.UnitIndex, A.Source->Name, A.CarryOver}].push_back(&A);
  for (const model::ControlTotal &C : B.Income) {
    Sum S;
    auto It = ByFund.find({C.UnitIndex, C.Source->Name, C.CarryOver});
    if (It != ByFund.end())
      for (const model::Allocation *A : It->second)
        S.add(A->Yuan);
    std::optional<Decimal> Spent = S.get();
    if (!Spent || *Spent == C.Yuan)
      continue;
    Decimal Diff = Spent->sub(C.Yuan).value_or(Decimal());
    bool More = Diff > Decimal();
    auto D = Diags.report(C.AmountWhere, diag::ControlTotalMismatch,
                          {fundLabel(B, C.UnitIndex, C.Source, C.CarryOver), B.money(*Spent),
                           B.money(C.Yuan), B.money(Diff.abs()),
                           More ? "more than declared" : "less than declared"});
    D.zh({fundLabel(B, C.UnitIndex, C.Source, C.CarryOver), B.money(*Spent), B.money(C.Yuan),
          B.money(Diff.abs()), More ? "多" : "少"});
    // When one line accounts for the whole difference, point at it.
    if (It != ByFund.end())
      for (const model::Allocation *A : It->second)
        if (A->Yuan == Diff.abs()) {
          D.note(A->Where, diag::NoteLineAccounts, {B.money(A->Yuan)});
          break;
        }
  }
  for (const auto &[Key, Allocs] : ByFund) {
    bool Declared = false;
    for (const model::ControlTotal &C : B.Income)
      Declared |= C.UnitIndex == std::get<0>(Key) && C.Source->Name == std::get<1>(Key) &&
                  C.CarryOver == std::get<2>(Key);
    if (Declared)
      continue;
    Sum S;
    for (const model::Allocation *A : Allocs)
      S.add(A->Yuan);
    auto D = Diags.report(Allocs.front()->Where, diag::FundWithoutControlTotal,
                          {fundLabel(B, std::get<0>(Key), Allocs.front()->Source, std::get<2>(Key)),
                           B.money(S.get().value_or(Decimal()))});
    if (!B.Income.empty())
      D.note(B.Income.front().Where, diag::NoteIncomeHere);
  }

}

void fundTypes(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  // Fund types: 政府性基金 money only on 政府性基金 款, and only such money there.
  for (const model::Allocation &A : B.Allocations) {
    const model::CatalogueEntry *Item = B.Functions.find(A.Function);
    const model::CatalogueEntry *Section =
        A.Function.size() >= 5 ? B.Functions.find(A.Function.substr(0, 5)) : nullptr;
    bool FundOnly = (Item && Item->isFundOnly()) || (Section && Section->isFundOnly());
    bool FundAllowed = (Item && Item->GovFund) || (Section && Section->GovFund);
    bool KnownKind = (Item && (Item->General || Item->GovFund || Item->StateCapital)) ||
                     (Section && (Section->General || Section->GovFund || Section->StateCapital));
    if (A.Source->Type == model::FundType::GovFund && KnownKind && !FundAllowed)
      Diags.report(A.Where, diag::FundTypeMismatch,
                   {A.Source->Name, "function code", A.Function,
                    "it is not a 政府性基金 款 of the catalogue"})
          .zh({A.Source->Name, "功能科目", A.Function, "它不是科目表中的政府性基金预算科目"});
    else if (A.Source->Type != model::FundType::GovFund && FundOnly)
      Diags.report(A.Where, diag::FundTypeMismatch,
                   {A.Source->Name, "function code", A.Function,
                    "it is a 政府性基金 款, for 政府性基金 money only"})
          .zh({A.Source->Name, "功能科目", A.Function, "它是政府性基金预算科目，只能安排政府性基金资金"});
  }
}

} // namespace budc::check

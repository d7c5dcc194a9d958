//===- totals.cpp - Money rules: control totals and fund types ---------------===//
#include "compiler/check/rules.h"

#include <map>
#include <set>
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
  else if (B.OrgUnits.size() > 1 && Unit == model::DepartmentLevel)
    Label = B.DepartmentName + " " + Label; // the department as a whole
  return Label;
}

/// Reports BUD309: the money \p What adds up to \p ByFunction by function and \p ByEconomic
/// by economic code.
void reportViews(const RuleContext &R, Span Where, const std::string &What, Decimal ByFunction,
           Decimal ByEconomic, Span FunctionWhere) {
  Decimal Diff = ByFunction.sub(ByEconomic).value_or(Decimal()).abs();
  R.Diags
      .report(Where, diag::ViewsDisagree,
              {What, R.B.money(ByEconomic), R.B.money(ByFunction), R.B.money(Diff)})
      .note(FunctionWhere, diag::NoteFunctionView);
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
    if (!(A.TwoView && A.byEconomicOnly()))
      AllSpent.add(A.Yuan);
  if (!AllIncome.get() || !AllSpent.get()) {
    Span Where = !AllIncome.get() ? B.Income.front().Where : B.Allocations.front().Where;
    Diags.report(Where, diag::MoneyOverflow,
                 {!AllIncome.get() ? std::string("收入总计") : std::string("支出总计")});
    return;
  }

  // Allocations per unit and fund source against the control totals. A fund some of whose
  // facts belong to the department as a whole (a multi-unit department's top level) is
  // compared for the whole department: its units' control totals together against all of
  // its allocations.
  using FundKey = std::tuple<size_t, std::string, bool>;
  std::set<std::pair<std::string, bool>> Whole;
  for (const model::Allocation &A : B.Allocations)
    if (A.UnitIndex == model::DepartmentLevel)
      Whole.insert({A.Source->Name, A.CarryOver});
  for (const model::ControlTotal &C : B.Income)
    if (C.UnitIndex == model::DepartmentLevel)
      Whole.insert({C.Source->Name, C.CarryOver});
  auto KeyOf = [&](size_t Unit, const model::Fund *F, bool CarryOver) -> FundKey {
    bool Dept = Whole.count({F->Name, CarryOver});
    return {Dept ? model::DepartmentLevel : Unit, F->Name, CarryOver};
  };
  struct Group {
    std::vector<const model::ControlTotal *> Totals;
    std::vector<const model::Allocation *> Allocs;
  };
  std::map<FundKey, Group> ByFund;
  for (const model::Allocation &A : B.Allocations)
    if (!(A.TwoView && A.byEconomicOnly())) // (money given twice is counted once: by function)
      ByFund[KeyOf(A.UnitIndex, A.Source, A.CarryOver)].Allocs.push_back(&A);
  for (const model::ControlTotal &C : B.Income)
    ByFund[KeyOf(C.UnitIndex, C.Source, C.CarryOver)].Totals.push_back(&C);
  // In the order of the control totals, then of the funds spent without one.
  std::vector<const Group *> Order;
  for (const model::ControlTotal &C : B.Income) {
    const Group &G = ByFund[KeyOf(C.UnitIndex, C.Source, C.CarryOver)];
    if (G.Totals.front() == &C)
      Order.push_back(&G);
  }
  for (const Group *G : Order) {
    const model::ControlTotal &C = *G->Totals.front();
    Sum S, Declared;
    for (const model::Allocation *A : G->Allocs)
      S.add(A->Yuan);
    for (const model::ControlTotal *T : G->Totals)
      Declared.add(T->Yuan);
    std::optional<Decimal> Spent = S.get(), Total = Declared.get();
    if (!Spent || !Total || *Spent == *Total)
      continue;
    Decimal Diff = Spent->sub(*Total).value_or(Decimal());
    bool More = Diff > Decimal();
    size_t Unit = std::get<0>(KeyOf(C.UnitIndex, C.Source, C.CarryOver));
    auto D = Diags.report(C.AmountWhere, diag::ControlTotalMismatch,
                          {fundLabel(B, Unit, C.Source, C.CarryOver), B.money(*Spent),
                           B.money(*Total), B.money(Diff.abs()),
                           More ? "more than declared" : "less than declared"});
    D.zh({fundLabel(B, Unit, C.Source, C.CarryOver), B.money(*Spent), B.money(*Total),
          B.money(Diff.abs()), More ? "多" : "少"});
    for (size_t I = 1; I < G->Totals.size(); ++I)
      D.note(G->Totals[I]->AmountWhere, diag::NoteControlTotal);
    // When one line accounts for the whole difference, point at it.
    for (const model::Allocation *A : G->Allocs)
      if (A->Yuan == Diff.abs()) {
        D.note(A->Where, diag::NoteLineAccounts, {B.money(A->Yuan)});
        break;
      }
  }
  for (const auto &[Key, G] : ByFund) {
    if (!G.Totals.empty())
      continue;
    Sum S;
    for (const model::Allocation *A : G.Allocs)
      S.add(A->Yuan);
    auto D = Diags.report(G.Allocs.front()->Where, diag::FundWithoutControlTotal,
                          {fundLabel(B, std::get<0>(Key), G.Allocs.front()->Source, std::get<2>(Key)),
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

void views(const RuleContext &R) {
  const model::Budget &B = R.B;
  // Per unit, fund, year and nature: the money by function and by economic code, in all and
  // by cost class (compared only when every line by function says its class).
  struct View {
    Sum All, Personnel, Public;
    const model::Allocation *First = nullptr;
    bool Classed = true;
  };
  using Key = std::tuple<size_t, std::string, bool, unsigned>;
  std::map<Key, std::pair<View, View>> Views; // (by function, by economic code)
  for (const model::Allocation &A : B.Allocations) {
    if (!A.TwoView)
      continue;
    auto &[ByFunction, ByEconomic] = Views[{A.UnitIndex, A.Source->Name, A.CarryOver, unsigned(A.Kind)}];
    View &V = A.byEconomicOnly() ? ByEconomic : ByFunction;
    if (!V.First)
      V.First = &A;
    V.All.add(A.Yuan);
    if (A.Cost == model::CostClass::Personnel)
      V.Personnel.add(A.Yuan);
    else if (A.Cost == model::CostClass::Public)
      V.Public.add(A.Yuan);
    else if (!A.byEconomicOnly())
      V.Classed = false;
  }
  for (const auto &[K, Pair] : Views) {
    // (references, not a structured binding: the lambda below captures them, which C++17 and
    // the clang fuzz build do not allow of a binding)
    const View &ByFunction = Pair.first, &ByEconomic = Pair.second;
    if (!ByFunction.First || !ByEconomic.First)
      continue; // (one view only: nothing to compare)
    std::string Nature = std::get<3>(K) == unsigned(model::Nature::Basic) ? "基本支出" : "项目支出";
    std::string What = fundLabel(B, std::get<0>(K), ByEconomic.First->Source, std::get<2>(K)) + " " + Nature;
    auto Compare = [&](const Sum &F, const Sum &E, const std::string &Part) {
      std::optional<Decimal> X = F.get(), Y = E.get();
      if (!X || !Y || *X == *Y)
        return false;
      reportViews(R, ByEconomic.First->Where, What + Part, *X, *Y, ByFunction.First->Where);
      return true;
    };
    if (!Compare(ByFunction.All, ByEconomic.All, "") && ByFunction.Classed &&
        std::get<3>(K) == unsigned(model::Nature::Basic)) {
      Compare(ByFunction.Personnel, ByEconomic.Personnel, " 人员经费");
      Compare(ByFunction.Public, ByEconomic.Public, " 公用经费");
    }
  }
}

} // namespace budc::check

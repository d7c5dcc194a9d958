//===- figures.cpp - Money rules: declared figures --------------------------===//
//
// A declared figure is compared with the one the facts give, in the unit and at the
// precision it is written in: 10.80万元 agrees with 108,015元 (rounded half-up to two
// decimals of 万元 it is 10.80), 2,616万元 with 26,159,863元, 8265元 with 8,265元 in a budget
// kept in 万元. Declared parts, each rounded on its own, may differ from their declared total
// by their rounding: 0.83 + 9.98 against 10.80 is not an error.
//
//===----------------------------------------------------------------------===//
#include "compiler/check/rules.h"
#include "compiler/model/amount.h"
#include "compiler/model/values.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <functional>
#include <set>

namespace budc::check {
namespace {

using model::inUnit;
using model::spell;

/// How a declared figure writes amounts: its unit, precision and separators.
struct Written {
  Decimal Factor;
  unsigned Places;
  std::string Unit;
  bool Separators;

  explicit Written(const model::Declared &D)
      : Factor(D.Factor), Places(std::min(D.Decimals, Decimal::Scale)), Unit(D.Unit),
        Separators(D.Separators) {}

  /// \p Yuan as this figure would print it; nullopt when it cannot be shown so.
  std::optional<std::string> show(Decimal Yuan, unsigned Extra = 0) const {
    auto V = inUnit(Yuan, Factor, std::min(Places + Extra, Decimal::Scale));
    if (!V)
      return std::nullopt;
    return spell(*V, std::min(Places + Extra, Decimal::Scale), Separators) + Unit;
  }
};

/// \p Q of one unit as the same figure of the department as a whole (every unit and the money
/// held for the department).
model::Query department(model::Query Q) {
  Q.Units.reset();
  return Q;
}

/// Whether \p Derived, rounded as the declared figure is written, is the declared amount. A
/// zero is exact: documents print 0 for nothing, not for a small amount.
bool agrees(const model::Declared &D, Decimal Derived) {
  if (D.Decimals > Decimal::Scale || D.Yuan.isZero()) // finer than budc keeps, or nothing
    return Derived == D.Yuan;
  auto Rounded = inUnit(Derived, D.Factor, D.Decimals);
  auto Declared = inUnit(D.Yuan, D.Factor, D.Decimals);
  return Rounded && Declared && *Rounded == *Declared;
}

/// Half a unit of the last written place, in 元: how far a correctly rounded figure may be
/// from the exact one; nullopt when that is finer than budc's scale (the figure is exact).
std::optional<Decimal> halfPlace(const model::Declared &D) {
  if (D.Yuan.isZero())
    return std::nullopt;
  return model::halfPlace(D.Factor, D.Decimals);
}

/// A declared 上年数, 增减额 or 增减率 (三公经费/上年数 59.62), against last year's figures and
/// this year's; nothing to compare when the budget has no other last-year figure of it.
void measure(const model::Budget &B, const model::Declared &D, DiagEngine &Diags) {
  if (!D.HasAmount)
    return;
  std::string Label = llvm::join(D.Key, "/");
  Written W(D);
  auto Last = model::lastYear(B, D.Figure, /*Declared=*/D.M != model::Measure::LastYear);
  auto This = model::thisYear(B, D.Figure);
  auto Report = [&](const std::string &Shown, const std::string &En, const std::string &Zh,
                    std::optional<std::string> Fix) {
    auto R = Diags.report(D.AmountWhere, diag::DeclaredMeasureMismatch, {Label, Shown, En});
    R.zh({Label, Shown, Zh});
    if (Fix)
      R.fixIt(D.AmountWhere, *Fix);
  };
  auto Exact = [&](const model::Known &K) -> std::optional<std::string> {
    if (!K.Slack.isZero())
      return std::nullopt;
    auto V = inUnit(K.Value, D.Factor, W.Places);
    return V ? std::optional<std::string>(spell(*V, W.Places, W.Separators)) : std::nullopt;
  };
  switch (D.M) {
  case model::Measure::Value:
    return;
  case model::Measure::LastYear:
    if (Last && !model::consistent(*Last, D.Yuan, D.Factor, D.Decimals))
      Report(W.show(D.Yuan).value_or("?"), "last year's figures give " + W.show(Last->Value).value_or("?"),
             "上年数字为 " + W.show(Last->Value).value_or("?"), Exact(*Last));
    return;
  case model::Measure::Change: {
    if (!Last || !This)
      return;
    auto V = This->Value.sub(Last->Value);
    auto S = This->Slack.add(Last->Slack);
    if (!V || !S)
      return;
    model::Known K{*V, *S};
    if (!model::consistent(K, D.Yuan, D.Factor, D.Decimals))
      Report(W.show(D.Yuan).value_or("?"),
             "this year's less last year's is " + W.show(*V).value_or("?"),
             "本年数减上年数为 " + W.show(*V).value_or("?"), Exact(K));
    return;
  }
  case model::Measure::Rate: {
    if (!Last || !This)
      return;
    auto Plus = D.Yuan.add(Decimal::fromRaw(100 * Decimal::One));
    auto Ok = Plus ? model::consistentRatio(*This, *Last, *Plus, D.Decimals) : std::nullopt;
    std::string Shown = D.Yuan.toString(std::min(D.Decimals, Decimal::Scale)) + "%";
    if (!Ok) {
      if (Last->Value.isZero())
        Report(Shown, "last year's figure is 0: a change from nothing has no rate",
               "上年数为 0：从零开始的变动没有增减率", std::nullopt);
      return;
    }
    if (!*Ok) {
      auto Diff = This->Value.sub(Last->Value);
      auto P = Diff ? model::percent(*Diff, Last->Value, std::min(D.Decimals, Decimal::Scale))
                    : std::nullopt;
      std::string Right = P ? P->toString(std::min(D.Decimals, Decimal::Scale)) + "%" : "?";
      Report(Shown, "this year's and last year's figures give " + Right,
             "由本年数和上年数计算为 " + Right, std::nullopt);
    }
    return;
  }
  }
}

void check(const model::Budget &B, const model::Declared &D, DiagEngine &Diags) {
  if (D.M != model::Measure::Value)
    return measure(B, D, Diags);
  std::string Label = llvm::join(D.Key, "/");
  std::optional<Decimal> Derived;
  // A workspace without money facts has nothing to derive from: its figures are as declared.
  // A unit's part of money held for the department as a whole is not in the facts either: the
  // units' parts are compared with the whole (unitShares).
  bool Share = model::heldForDepartment(B, D.Figure);
  if (!D.Figure.Underivable && B.hasFacts() && !Share)
    Derived = model::evaluate(B, D.Figure);
  Written W(D);
  if (D.HasAmount && Derived && !agrees(D, *Derived)) {
    auto Rounded = inUnit(*Derived, D.Factor, W.Places);
    auto Declared = inUnit(D.Yuan, D.Factor, W.Places);
    std::optional<Decimal> Diff;
    if (Rounded && Declared)
      Diff = Rounded->sub(*Declared);
    // The difference as written is never 0: the rounded figures differ in their last place.
    Diags
        .report(D.AmountWhere, diag::DeclaredMismatch,
                {Label, W.show(D.Yuan).value_or("?"), W.show(*Derived).value_or("?"),
                 Diff ? spell(Diff->abs(), W.Places, W.Separators) + W.Unit : "?"})
        .fixIt(D.AmountWhere, Rounded ? spell(*Rounded, W.Places, W.Separators) : "");
  }
  // A declared figure and its declared parts must agree with each other, within the parts'
  // rounding. Parts that are not all of the figure are not compared: they are all of it by
  // the figure's definition (三公经费's three), or when the facts add up so.
  bool AnyPart = std::any_of(D.Children.begin(), D.Children.end(),
                             [](const model::Declared &C) { return C.M == model::Measure::Value; });
  if (D.HasAmount && AnyPart) {
    bool AllParts = true, Partition = D.PartsComplete;
    Sum Parts, PartsDerived, WholeDerived;
    // (a zero, written exactly, adds no slack; the slack is Σ half-places)
    Decimal Slack = halfPlace(D).value_or(Decimal());
    for (const model::Declared &C : D.Children) {
      if (C.M != model::Measure::Value)
        continue; // 上年数, 增减额, 增减率: the figure itself in another measure, no part
      AllParts &= C.HasAmount;
      Parts.add(C.Yuan);
      if (C.Figure.Underivable)
        PartsDerived = Sum();
      else if (auto X = model::evaluate(B, C.Figure))
        PartsDerived.add(*X);
      if (Share)
        if (auto X = model::evaluate(B, department(C.Figure)))
          WholeDerived.add(*X);
      if (auto H = halfPlace(C))
        Slack = Slack.add(*H).value_or(Slack);
    }
    if (!Partition && Derived && PartsDerived.get() && !D.Figure.Underivable)
      Partition = *PartsDerived.get() == *Derived;
    // A unit's parts of the department's money are all of its part when the department's
    // parts are all of the department's.
    if (!Partition && Share && WholeDerived.get())
      Partition = model::evaluate(B, department(D.Figure)) == WholeDerived.get();
    if (AllParts && Partition && Parts.get()) {
      Decimal Off = Parts.get()->sub(D.Yuan).value_or(Decimal()).abs();
      if (Off > Slack)
        Diags.report(D.AmountWhere, diag::DeclaredPartsMismatch,
                     {Label, W.show(D.Yuan).value_or("?"), W.show(*Parts.get()).value_or("?")});
    }
  }
  for (const model::Declared &C : D.Children)
    check(B, C, Diags);
}

/// The units' declared parts of money held for the department as a whole (a figure declared in
/// each 单位 block: 广州 表11's basic expenditure by unit and 类) against the department's facts:
/// all the units' parts add up to the whole, within their rounding; some of them never exceed it.
void unitShares(const model::Budget &B, DiagEngine &Diags) {
  std::vector<const model::Declared *> Shares;
  std::function<void(const std::vector<model::Declared> &)> Walk =
      [&](const std::vector<model::Declared> &Ds) {
        for (const model::Declared &D : Ds) {
          if (D.HasAmount && D.M == model::Measure::Value && !D.Figure.Underivable &&
              D.Figure.Units && D.Figure.Units->size() == 1 && model::heldForDepartment(B, D.Figure))
            Shares.push_back(&D);
          Walk(D.Children);
        }
      };
  Walk(B.DeclaredFigures);
  // The same figure of different units: grouped by its codes first, so that many units'
  // figures are not each compared with all the others.
  std::vector<model::Query> Wholes;
  std::vector<std::string> Keys;
  for (const model::Declared *D : Shares) {
    Wholes.push_back(department(D->Figure));
    std::vector<std::string> Codes = D->Figure.Economics;
    Codes.push_back("|");
    Codes.insert(Codes.end(), D->Figure.Functions.begin(), D->Figure.Functions.end());
    std::sort(Codes.begin(), Codes.end());
    Keys.push_back(llvm::join(Codes, ",") + "|" + std::to_string(D->Figure.Natures));
  }
  std::vector<size_t> Order(Shares.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::stable_sort(Order.begin(), Order.end(), [&](size_t X, size_t Y) { return Keys[X] < Keys[Y]; });
  std::vector<bool> Done(Shares.size());
  for (size_t At = 0; At < Order.size(); ++At) {
    size_t I = Order[At];
    if (Done[I])
      continue;
    const model::Query &Whole = Wholes[I];
    std::vector<const model::Declared *> Group;
    std::set<size_t> Units;
    Sum Parts;
    Decimal Slack;
    for (size_t Next = At; Next < Order.size() && Keys[Order[Next]] == Keys[I]; ++Next) {
      size_t K = Order[Next];
      if (!Done[K] && model::sameFigure(Wholes[K], Whole)) {
        Done[K] = true;
        // (a unit declaring the same figure twice counts once: BUD304 is not the place)
        if (!Units.insert(Shares[K]->Figure.Units->front()).second)
          continue;
        Group.push_back(Shares[K]);
        Parts.add(Shares[K]->Yuan);
        if (auto H = halfPlace(*Shares[K]))
          Slack = Slack.add(*H).value_or(Slack);
      }
    }
    auto Of = model::evaluate(B, Whole);
    if (!Of || !Parts.get())
      continue;
    Decimal Total = *Parts.get();
    bool All = Units.size() == B.OrgUnits.size();
    Decimal Off = Total.sub(*Of).value_or(Decimal());
    if (All ? Off.abs() <= Slack : !(Off > Slack))
      continue;
    const model::Declared &Last = *Group.back();
    Written W(Last);
    std::string Label = llvm::join(Last.Key, "/");
    std::string Shown = W.show(Total).value_or("?"), Facts = W.show(*Of).value_or("?");
    std::string N = std::to_string(Units.size()), M = std::to_string(B.OrgUnits.size());
    auto Rep = Diags.report(
        Last.AmountWhere, diag::UnitSharesMismatch,
        {Label, Shown, Facts,
         All ? "a difference of " + W.show(Off.abs()).value_or("?")
             : "less than what " + N + " of its " + M + " units declare"});
    Rep.zh({Label, Shown, Facts,
            All ? "相差 " + W.show(Off.abs()).value_or("?")
                : "少于其 " + M + " 个单位中 " + N + " 个单位的声明数之和"});
    for (const model::Declared *G : Group)
      if (G != &Last)
        Rep.note(G->AmountWhere, diag::NoteOtherDeclared, {W.show(G->Yuan).value_or("?")});
  }
}

} // namespace

void declaredFigures(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  const model::Declared *In = nullptr, *Out = nullptr;
  unitShares(B, Diags);
  for (const model::Declared &D : B.DeclaredFigures) {
    check(B, D, Diags);
    if (D.HasAmount && D.Key.size() == 1 && D.Figure.Units == std::nullopt) {
      if (D.Key[0] == "收入总计")
        In = &D;
      if (D.Key[0] == "支出总计")
        Out = &D;
    }
  }
  // Equal, as far as the precision each is written at tells: 2,616万元 and 26,159,863元 are.
  auto Slack = [](const model::Declared &D) { return halfPlace(D).value_or(Decimal()); };
  // (an exact figure, one finer than budc's scale or a zero, has none)
  if (In && Out &&
      In->Yuan.sub(Out->Yuan).value_or(Decimal()).abs() >
          Slack(*In).add(Slack(*Out)).value_or(Decimal()))
    Diags
        .report(Out->AmountWhere, diag::IncomeExpenditureMismatch,
                {B.money(In->Yuan), B.money(Out->Yuan),
                 B.money(In->Yuan.sub(Out->Yuan).value_or(Decimal()).abs())})
        .note(In->AmountWhere, diag::NoteOtherDeclared, {B.money(In->Yuan)});
}

} // namespace budc::check

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

#include "llvm/ADT/StringExtras.h"

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

void check(const model::Budget &B, const model::Declared &D, DiagEngine &Diags) {
  std::string Label = llvm::join(D.Key, "/");
  std::optional<Decimal> Derived;
  if (!D.Figure.Underivable)
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
  if (D.HasAmount && !D.Children.empty()) {
    bool AllParts = true, Partition = D.PartsComplete;
    Sum Parts, PartsDerived;
    // (a zero, written exactly, adds no slack; the slack is Σ half-places)
    Decimal Slack = halfPlace(D).value_or(Decimal());
    for (const model::Declared &C : D.Children) {
      AllParts &= C.HasAmount;
      Parts.add(C.Yuan);
      if (C.Figure.Underivable)
        PartsDerived = Sum();
      else if (auto X = model::evaluate(B, C.Figure))
        PartsDerived.add(*X);
      if (auto H = halfPlace(C))
        Slack = Slack.add(*H).value_or(Slack);
    }
    if (!Partition && Derived && PartsDerived.get() && !D.Figure.Underivable)
      Partition = *PartsDerived.get() == *Derived;
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

} // namespace

void declaredFigures(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  const model::Declared *In = nullptr, *Out = nullptr;
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

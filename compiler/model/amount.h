//===- amount.h - Amounts as a document writes them: unit, decimals, separators ---===//
//
// A figure is compared in the unit and at the precision it is written in (10.80万元 agrees
// with 108,015元; 2,616万元 with 26,159,863元), and a figure reference prints in the unit and
// precision it asks for. Both round the exact amount in 元 half-up in that unit, with no
// rounding to budc's own scale first: the one implementation is here, for the declared
// figures, the references of text and the prose checks.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/decimal.h"

#include <optional>
#include <string>

namespace budc::model {

/// \p Yuan in the unit worth \p Factor 元, rounded half-up to \p Places decimals (at most
/// Decimal::Scale), exactly; nullopt for a factor that is not positive or a result out of range.
std::optional<Decimal> inUnit(Decimal Yuan, Decimal Factor, unsigned Places);

/// \p V (in its unit) with \p Places decimals, and thousands separators when \p Separators:
/// "26,159,863", "2,616", "118.96".
std::string spell(Decimal V, unsigned Places, bool Separators);

/// Half a unit of the last place of an amount written with \p Places decimals of the unit worth
/// \p Factor 元, in 元: how far a correctly rounded figure may lie from the exact one; nullopt
/// when that is finer than budc's scale (the written figure is then exact).
std::optional<Decimal> halfPlace(Decimal Factor, unsigned Places);

/// How an amount is written: the unit (its factor in 元 and its name), the decimals and
/// whether it has thousands separators.
struct AmountFormat {
  Decimal Factor = Decimal::fromRaw(Decimal::One);
  std::string Unit;
  unsigned Decimals = 2;
  bool Separators = false;
  /// Trailing zeros (and a trailing point) dropped: 552.50 is written 552.5, 388.00 388.
  bool TrimZeros = false;

  /// \p Yuan as this format writes it, without the unit; nullopt when it cannot be shown.
  std::optional<std::string> number(Decimal Yuan) const;
  /// \p Yuan as this format writes it, with the unit.
  std::optional<std::string> show(Decimal Yuan) const;
};

} // namespace budc::model

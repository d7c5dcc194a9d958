//===- decimal.h - Exact decimal numbers for money and quantities -----------===//
//
// Money is never a double. A Decimal is a signed 64-bit count of ten-thousandths
// (scale 4): 1754.54 is stored as 17545400. Every operation checks for overflow and reports it
// instead of wrapping; rounding for display is half-up (half away from zero), as finance
// tables round. The range is symmetric, ±(2^63 − 1) ten-thousandths (±922,337,203,685,477.5807),
// so that negating or taking the absolute value of any Decimal is exact.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace budc {

class Decimal {
public:
  /// Decimal places kept exactly.
  static constexpr unsigned Scale = 4;
  /// 10^Scale.
  static constexpr int64_t One = 10000;

  constexpr Decimal() = default;
  /// The integer \p N.
  static std::optional<Decimal> fromInt(int64_t N);
  /// \p Raw ten-thousandths.
  static constexpr Decimal fromRaw(int64_t Raw) { return Decimal(Raw); }

  /// Why a text is not a Decimal.
  enum class ParseError { None, Malformed, TooPrecise, Overflow };
  /// Parses digits with an optional '-' and decimal part ("1754.54"). Fails with TooPrecise
  /// when more than Scale decimals are not zero, Overflow when the value does not fit.
  static std::optional<Decimal> parse(llvm::StringRef Text, ParseError *Error = nullptr);

  /// Parses \p Text and multiplies it by \p Factor (positive) exactly, so that "0.000001" 万元
  /// is the exact 0.01 元 although it has more than Scale decimals itself. Fails with
  /// TooPrecise only when the product needs more than Scale decimals, with Overflow when it
  /// does not fit; leading zeros count for nothing, and no intermediate product can wrap.
  static std::optional<Decimal> parseTimes(llvm::StringRef Text, Decimal Factor,
                                           ParseError *Error = nullptr);

  int64_t raw() const { return Value; }
  bool isZero() const { return Value == 0; }
  bool isNegative() const { return Value < 0; }
  /// Whether the value has no fractional part.
  bool isInteger() const { return Value % One == 0; }

  /// Checked arithmetic: std::nullopt on overflow.
  std::optional<Decimal> add(Decimal O) const;
  std::optional<Decimal> sub(Decimal O) const;
  /// Multiplies by the integer \p K.
  std::optional<Decimal> mulInt(int64_t K) const;
  /// Multiplies two decimals; the exact product is rounded half-up to Scale places and
  /// \p Exact tells whether rounding was needed.
  std::optional<Decimal> mul(Decimal O, bool *Exact = nullptr) const;
  /// Divides by \p O (non-zero), rounding half-up to Scale places.
  std::optional<Decimal> div(Decimal O, bool *Exact = nullptr) const;
  Decimal negate() const { return Decimal(-Value); }
  Decimal abs() const { return Value < 0 ? Decimal(-Value) : *this; }

  /// Rounds half-up to \p Places decimals (Places <= Scale); nullopt when the rounded value
  /// is out of range (the largest values, rounded up).
  std::optional<Decimal> round(unsigned Places) const;
  /// The value with exactly \p Places decimals, rounded half-up: "1754.54", "0.00".
  std::string toString(unsigned Places) const;
  /// The shortest exact spelling: "1754.54", "0.5", "16".
  std::string toString() const;

  friend bool operator==(Decimal A, Decimal B) { return A.Value == B.Value; }
  friend bool operator!=(Decimal A, Decimal B) { return A.Value != B.Value; }
  friend bool operator<(Decimal A, Decimal B) { return A.Value < B.Value; }
  friend bool operator<=(Decimal A, Decimal B) { return A.Value <= B.Value; }
  friend bool operator>(Decimal A, Decimal B) { return A.Value > B.Value; }
  friend bool operator>=(Decimal A, Decimal B) { return A.Value >= B.Value; }

private:
  constexpr explicit Decimal(int64_t V) : Value(V) {}
  int64_t Value = 0;
};

} // namespace budc

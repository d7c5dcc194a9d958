//===- decimal.cpp - Exact decimal numbers for money and quantities ---------===//
#include "compiler/model/decimal.h"

#include "llvm/Support/MathExtras.h"

namespace budc {

std::optional<Decimal> Decimal::fromInt(int64_t N) {
  int64_t R;
  if (llvm::MulOverflow(N, One, R) || R == INT64_MIN)
    return std::nullopt;
  return Decimal(R);
}

std::optional<Decimal> Decimal::parse(llvm::StringRef Text, ParseError *Error) {
  return parseTimes(Text, Decimal(One), Error); // exact iff it has at most Scale decimals
}

namespace {

constexpr __int128 Max = INT64_MAX; // and -Max: the range is symmetric

/// Whether \p V is a Decimal's raw value.
bool inRange(__int128 V) { return V <= Max && V >= -Max; }

/// The decimal digits \p S (at most 38) as a number.
unsigned __int128 digitsValue(llvm::StringRef S) {
  unsigned __int128 V = 0;
  for (char C : S)
    V = V * 10 + static_cast<unsigned>(C - '0');
  return V;
}

} // namespace

std::optional<Decimal> Decimal::parseTimes(llvm::StringRef Text, Decimal Factor,
                                           ParseError *Error) {
  auto Fail = [&](ParseError E) -> std::optional<Decimal> {
    if (Error)
      *Error = E;
    return std::nullopt;
  };
  if (Error)
    *Error = ParseError::None;
  bool Neg = Text.consume_front("-");
  llvm::StringRef Int = Text, Frac;
  size_t Dot = Text.find('.');
  if (Dot != llvm::StringRef::npos) {
    Int = Text.take_front(Dot);
    Frac = Text.drop_front(Dot + 1);
    if (Frac.empty())
      return Fail(ParseError::Malformed);
  }
  if (Int.empty() || Int.find_first_not_of("0123456789") != llvm::StringRef::npos ||
      Frac.find_first_not_of("0123456789") != llvm::StringRef::npos)
    return Fail(ParseError::Malformed);
  if (Factor.Value <= 0)
    return Fail(ParseError::Overflow);
  // Leading zeros of the integer part and trailing zeros of the fraction say nothing.
  Int = Int.ltrim('0');
  Frac = Frac.rtrim('0');
  // Value = Int × f + Frac × f / 10^F, with f = Factor.Value ≥ 1. An integer part of 20
  // digits or more is at least 10^19 raw: too large whatever the unit. A fraction of more
  // than 27 digits (its last one not 0) cannot become whole: that needs 5^F or 2^F to divide
  // f, which is below 2^63 < 5^28.
  if (Int.size() > 19)
    return Fail(ParseError::Overflow);
  if (Frac.size() > 27)
    return Fail(ParseError::TooPrecise);
  unsigned __int128 F = static_cast<unsigned __int128>(Factor.Value);
  unsigned __int128 IntRaw;
  if (__builtin_mul_overflow(digitsValue(Int), F, &IntRaw) || IntRaw > static_cast<unsigned __int128>(Max))
    return Fail(ParseError::Overflow);
  // Frac × f / 10^F without a product beyond 128 bits: first cancel the 2s and 5s that f
  // and 10^F share; what is left of 10^F must divide Frac, and (Frac / d) × g < f.
  unsigned __int128 D = 1, G = F;
  for (size_t I = 0; I < Frac.size(); ++I)
    D *= 10;
  for (unsigned P : {2u, 5u})
    while (D % P == 0 && G % P == 0)
      D /= P, G /= P;
  unsigned __int128 FracDigits = digitsValue(Frac);
  if (FracDigits % D != 0)
    return Fail(ParseError::TooPrecise);
  unsigned __int128 FracRaw, Raw;
  if (__builtin_mul_overflow(FracDigits / D, G, &FracRaw) ||
      __builtin_add_overflow(IntRaw, FracRaw, &Raw) || Raw > static_cast<unsigned __int128>(Max))
    return Fail(ParseError::Overflow);
  __int128 R = static_cast<__int128>(Raw);
  return Decimal(static_cast<int64_t>(Neg ? -R : R));
}

std::optional<Decimal> Decimal::add(Decimal O) const {
  int64_t R;
  if (llvm::AddOverflow(Value, O.Value, R) || R == INT64_MIN)
    return std::nullopt;
  return Decimal(R);
}

std::optional<Decimal> Decimal::sub(Decimal O) const {
  int64_t R;
  if (llvm::SubOverflow(Value, O.Value, R) || R == INT64_MIN)
    return std::nullopt;
  return Decimal(R);
}

std::optional<Decimal> Decimal::mulInt(int64_t K) const {
  int64_t R;
  if (llvm::MulOverflow(Value, K, R) || R == INT64_MIN)
    return std::nullopt;
  return Decimal(R);
}

namespace {
/// Divides \p N by \p D (D > 0) rounding half away from zero.
__int128 divRound(__int128 N, __int128 D, bool &Exact) {
  __int128 Q = N / D, R = N % D;
  Exact = R == 0;
  __int128 AbsR = R < 0 ? -R : R;
  if (AbsR * 2 >= D)
    Q += N < 0 ? -1 : 1;
  return Q;
}
std::optional<Decimal> fit(__int128 V) {
  if (!inRange(V))
    return std::nullopt;
  return Decimal::fromRaw(static_cast<int64_t>(V));
}
} // namespace

std::optional<Decimal> Decimal::mul(Decimal O, bool *Exact) const {
  bool E;
  __int128 P = static_cast<__int128>(Value) * O.Value;
  __int128 Q = divRound(P, One, E);
  if (Exact)
    *Exact = E;
  return fit(Q);
}

std::optional<Decimal> Decimal::div(Decimal O, bool *Exact) const {
  if (O.Value == 0)
    return std::nullopt;
  bool E;
  __int128 N = static_cast<__int128>(Value) * One;
  __int128 D = O.Value;
  if (D < 0)
    N = -N, D = -D;
  __int128 Q = divRound(N, D, E);
  if (Exact)
    *Exact = E;
  return fit(Q);
}

namespace {
/// \p V rounded half-up to \p Places decimals, as a raw value that may be out of range.
__int128 roundRaw(int64_t V, unsigned Places) {
  if (Places >= Decimal::Scale)
    return V;
  int64_t Unit = 1;
  for (unsigned I = Places; I < Decimal::Scale; ++I)
    Unit *= 10;
  bool E;
  return divRound(V, Unit, E) * Unit;
}
} // namespace

std::optional<Decimal> Decimal::round(unsigned Places) const {
  return fit(roundRaw(Value, Places));
}

std::string Decimal::toString(unsigned Places) const {
  if (Places > Scale)
    Places = Scale;
  __int128 V = roundRaw(Value, Places); // in 128 bits: the largest values round past int64
  bool Neg = V < 0;
  if (Neg)
    V = -V;
  __int128 IntPart = V / One, FracPart = V % One;
  std::string Int;
  do {
    Int.insert(Int.begin(), static_cast<char>('0' + static_cast<int>(IntPart % 10)));
    IntPart /= 10;
  } while (IntPart);
  std::string Frac;
  for (unsigned I = 0; I < Scale; ++I) {
    Frac.insert(Frac.begin(), static_cast<char>('0' + static_cast<int>(FracPart % 10)));
    FracPart /= 10;
  }
  std::string Out = (Neg ? "-" : "") + Int;
  if (Places)
    Out += "." + Frac.substr(0, Places);
  return Out;
}

std::string Decimal::toString() const {
  std::string S = toString(Scale);
  if (S.find('.') != std::string::npos) {
    while (S.back() == '0')
      S.pop_back();
    if (S.back() == '.')
      S.pop_back();
  }
  return S;
}

} // namespace budc

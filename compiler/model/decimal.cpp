//===- decimal.cpp - Exact decimal numbers for money and quantities ---------===//
#include "compiler/model/decimal.h"

#include "llvm/Support/MathExtras.h"

namespace budc {

std::optional<Decimal> Decimal::fromInt(int64_t N) {
  int64_t R;
  if (llvm::MulOverflow(N, One, R))
    return std::nullopt;
  return Decimal(R);
}

std::optional<Decimal> Decimal::parse(llvm::StringRef Text, ParseError *Error) {
  return parseTimes(Text, Decimal(One), Error); // exact iff it has at most Scale decimals
}

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
    Frac = Text.drop_front(Dot + 1).rtrim('0');
    if (Text.size() == Dot + 1)
      return Fail(ParseError::Malformed);
  }
  if (Int.empty() || Int.find_first_not_of("0123456789") != llvm::StringRef::npos ||
      Frac.find_first_not_of("0123456789") != llvm::StringRef::npos)
    return Fail(ParseError::Malformed);
  if (Int.size() + Frac.size() > 30)
    return Fail(ParseError::Overflow);
  // Digits × Factor.raw / 10^Frac.size(), exactly, in 128 bits.
  __int128 Digits = 0;
  for (char C : Int.str() + Frac.str()) {
    Digits = Digits * 10 + (C - '0');
    if (Digits > (static_cast<__int128>(1) << 100))
      return Fail(ParseError::Overflow);
  }
  __int128 Product = Digits * Factor.Value;
  __int128 Divisor = 1;
  for (size_t I = 0; I < Frac.size(); ++I)
    Divisor *= 10;
  if (Product % Divisor != 0)
    return Fail(ParseError::TooPrecise);
  __int128 R = Product / Divisor;
  if (Neg)
    R = -R;
  if (R > INT64_MAX || R < INT64_MIN)
    return Fail(ParseError::Overflow);
  return Decimal(static_cast<int64_t>(R));
}

std::optional<Decimal> Decimal::add(Decimal O) const {
  int64_t R;
  if (llvm::AddOverflow(Value, O.Value, R))
    return std::nullopt;
  return Decimal(R);
}

std::optional<Decimal> Decimal::sub(Decimal O) const {
  int64_t R;
  if (llvm::SubOverflow(Value, O.Value, R))
    return std::nullopt;
  return Decimal(R);
}

std::optional<Decimal> Decimal::mulInt(int64_t K) const {
  int64_t R;
  if (llvm::MulOverflow(Value, K, R))
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
  if (V > INT64_MAX || V < INT64_MIN)
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

Decimal Decimal::round(unsigned Places) const {
  if (Places >= Scale)
    return *this;
  int64_t Unit = 1;
  for (unsigned I = Places; I < Scale; ++I)
    Unit *= 10;
  bool E;
  __int128 Q = divRound(Value, Unit, E);
  return Decimal(static_cast<int64_t>(Q * Unit)); // |Q*Unit| <= |Value| + Unit/2: no overflow
}

std::string Decimal::toString(unsigned Places) const {
  if (Places > Scale)
    Places = Scale;
  Decimal R = round(Places);
  __int128 V = R.Value;
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

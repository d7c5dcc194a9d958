//===- amount.cpp - Amounts as a document writes them -----------------------===//
#include "compiler/model/amount.h"

namespace budc::model {
namespace {

/// 10^N for N <= 18.
__int128 pow10(unsigned N) {
  __int128 P = 1;
  while (N--)
    P *= 10;
  return P;
}

} // namespace

std::optional<Decimal> inUnit(Decimal Yuan, Decimal Factor, unsigned Places) {
  if (Factor.raw() <= 0 || Places > Decimal::Scale)
    return std::nullopt;
  // Yuan.raw / Factor.raw is the value in the unit; in units of 10^-Places, rounded:
  __int128 Num = __int128(Yuan.raw()) * pow10(Places) * 2 + Factor.raw();
  __int128 Den = __int128(Factor.raw()) * 2;
  __int128 Q = Num / Den;
  if (Num < 0 && Num % Den)
    --Q; // floor: half-up for negative amounts too (a decrease of -0.005 is -0.00)
  __int128 Raw = Q * pow10(Decimal::Scale - Places);
  if (Raw > INT64_MAX || Raw < -INT64_MAX)
    return std::nullopt;
  return Decimal::fromRaw(static_cast<int64_t>(Raw));
}

std::string spell(Decimal V, unsigned Places, bool Separators) {
  std::string S = V.toString(Places);
  if (!Separators)
    return S;
  size_t Dot = S.find('.');
  size_t IntEnd = Dot == std::string::npos ? S.size() : Dot;
  size_t Start = S[0] == '-' ? 1 : 0;
  std::string Out = S.substr(0, Start);
  for (size_t I = Start; I < IntEnd; ++I) {
    if (I > Start && (IntEnd - I) % 3 == 0)
      Out += ',';
    Out += S[I];
  }
  return Out + S.substr(IntEnd);
}

std::optional<Decimal> halfPlace(Decimal Factor, unsigned Places) {
  if (Places >= Decimal::Scale || Factor.raw() <= 0)
    return std::nullopt;
  __int128 H = __int128(Factor.raw()) * 5; // Factor × 0.5 × 10^-Places, in ten-thousandths
  __int128 Div = pow10(Places + 1);
  if (H % Div || H / Div > INT64_MAX)
    return std::nullopt;
  return Decimal::fromRaw(static_cast<int64_t>(H / Div));
}

std::optional<std::string> AmountFormat::number(Decimal Yuan) const {
  unsigned Places = std::min(Decimals, Decimal::Scale);
  auto V = inUnit(Yuan, Factor, Places);
  if (!V)
    return std::nullopt;
  std::string S = spell(*V, Places, Separators);
  if (TrimZeros && S.find('.') != std::string::npos) {
    while (S.back() == '0')
      S.pop_back();
    if (S.back() == '.')
      S.pop_back();
  }
  if (S == "-0")
    S = "0";
  return S;
}

std::optional<std::string> AmountFormat::show(Decimal Yuan) const {
  auto N = number(Yuan);
  if (!N)
    return std::nullopt;
  return *N + Unit;
}

} // namespace budc::model

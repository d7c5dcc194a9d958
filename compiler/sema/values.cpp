//===- values.cpp - Numbers, money, units and typed values -----------------===//
//
// ValueReader (resolver.h) reads numbers, amounts and indicator values against the budget's
// money unit and unit table; it only reads the budget, so threads may share it.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/resolver.h"

#include "compiler/model/values.h"

namespace budc::sema {

//===----------------------------------------------------------------------===//
// Numbers, money, units
//===----------------------------------------------------------------------===//

std::optional<Decimal> ValueReader::number(llvm::StringRef Digits, bool Negative,
                                           Span Where) const {
  Decimal::ParseError Error;
  auto D = Decimal::parse(Digits, &Error);
  if (!D) {
    std::string Shown = (Negative ? "-" : "") + Digits.str();
    if (Error == Decimal::ParseError::TooPrecise)
      Diags.report(Where, diag::TooPrecise, {Shown});
    else
      Diags.report(Where, diag::MoneyOverflow, {Shown});
    return std::nullopt;
  }
  return Negative ? D->negate() : *D;
}

void ValueReader::unknownUnit(llvm::StringRef Unit, Span Where) const {
  std::string Guess = closest(Unit, B.Units.names());
  Diags.report(Where, diag::UnknownUnit,
               {Unit.str(), Guess.empty() ? "" : "; did you mean '" + Guess + "'?"})
      .zh({Unit.str(), Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
}

/// The first part of \p Unit that is no unit of \p Units: \p Unit is a numerator and after
/// each '/' a part of the denominator (万元/年/条), each a unit or a product of units joined by
/// '.' or '·' (元/人.年, 人·天). Nothing when every part is a unit.
static std::optional<llvm::StringRef> unknownPart(const model::UnitTable &Units,
                                                  llvm::StringRef Unit) {
  llvm::SmallVector<llvm::StringRef, 4> Factors;
  Unit.split(Factors, '/');
  for (llvm::StringRef Factor : Factors) {
    if (Units.find(Factor))
      continue;
    for (size_t Begin = 0;;) {
      size_t End = std::min(Factor.find('.', Begin), Factor.find("·", Begin));
      llvm::StringRef Part = Factor.slice(Begin, End);
      if (!Units.find(Part))
        return Part;
      if (End == llvm::StringRef::npos)
        break;
      Begin = End + (Factor[End] == '.' ? 1 : strlen("·"));
    }
  }
  return std::nullopt;
}

std::optional<ValueReader::UnitReading> ValueReader::unit(llvm::StringRef Unit,
                                                           Span Where) const {
  UnitReading R;
  R.NumeratorText = Unit;
  if ((R.Numerator = B.Units.find(Unit)))
    return R; // the common case: one declared unit
  if (auto Part = unknownPart(B.Units, Unit)) {
    uint32_t At = Where.Begin + static_cast<uint32_t>(Part->data() - Unit.data());
    unknownUnit(*Part, {Where.File, At, At + static_cast<uint32_t>(Part->size())});
    return std::nullopt;
  }
  R.NumeratorText = Unit.split('/').first;
  R.Rate = R.NumeratorText.size() < Unit.size();
  R.Numerator = B.Units.find(R.NumeratorText);
  return R;
}

std::optional<Decimal> ValueReader::money(const ast::Quantity &Q) const {
  if (!Q.present())
    return std::nullopt;
  std::string Shown = (Q.Negative ? "-" : "") + Q.Number.str() + Q.Unit.str();
  Decimal Factor = B.MoneyFactor;
  if (!Q.Unit.empty()) {
    auto Read = unit(Q.Unit, Q.unitRange());
    if (!Read)
      return std::nullopt;
    const model::UnitDef *U = Read->Numerator;
    if (!U || Read->Rate || U->Dim != model::Dimension::Money) { // 10台, 2万元/年
      Diags.report(Q.Range, diag::NotMoney, {Shown, B.MoneyUnit});
      return std::nullopt;
    }
    std::string Root;
    auto F = B.Units.toRoot(Q.Unit, Decimal::fromRaw(Decimal::One), Root);
    if (!F) {
      Diags.report(Q.Range, diag::MoneyOverflow, {Shown});
      return std::nullopt;
    }
    Factor = *F;
  }
  Decimal::ParseError Error;
  auto Yuan = Decimal::parseTimes(Q.Number, Factor, &Error);
  if (!Yuan) {
    Diags.report(Q.Range, Error == Decimal::ParseError::TooPrecise ? diag::TooPrecise
                                                                   : diag::MoneyOverflow,
                 {Shown});
    return std::nullopt;
  }
  if (Q.Negative && !Yuan->isZero()) {
    Diags.report(Q.Range, diag::NegativeAmount, {Shown});
    return std::nullopt;
  }
  return Yuan;
}

std::optional<Decimal> ValueReader::weight(const ast::Quantity &Q, const char *WhatEn,
                                           const char *WhatZh) const {
  if (!Q.present())
    return std::nullopt;
  std::string Shown = Q.Number.str() + Q.Unit.str();
  if (!Q.Unit.empty() && Q.Unit != "%" && Q.Unit != "分") {
    Diags.report(Q.Range, diag::InvalidIndicatorColumn,
                 {Shown, WhatEn, "write a number, or a number of % or 分"})
        .zh({Shown, WhatZh, "应为数字，或以 % 或 分 计的数字"});
    return std::nullopt;
  }
  return number(Q.Number, Q.Negative, Q.numberRange());
}

std::optional<llvm::StringRef> ValueReader::unitOf(llvm::StringRef Written, bool &Noun) const {
  Noun = false;
  if (B.Units.find(Written))
    return Written;
  // A known unit followed by 数 (次数, 天数, 个数, 人数) names the quantity, not its unit.
  llvm::StringRef Stem = Written;
  if (Stem.consume_back("数") && !Stem.empty() && B.Units.find(Stem)) {
    Noun = true;
    return Stem;
  }
  // A compound unit (万元/年/条, 人·天): every part a unit.
  if (unknownPart(B.Units, Written))
    return std::nullopt;
  return Written;
}

/// The model's comparator for one written in the source.
static model::Comparator comparator(ast::Comparator C) {
  switch (C) {
  case ast::Comparator::None: return model::Comparator::None;
  case ast::Comparator::Eq: return model::Comparator::Eq;
  case ast::Comparator::Ne: return model::Comparator::Ne;
  case ast::Comparator::Ge: return model::Comparator::Ge;
  case ast::Comparator::Le: return model::Comparator::Le;
  case ast::Comparator::Gt: return model::Comparator::Gt;
  case ast::Comparator::Lt: return model::Comparator::Lt;
  }
  return model::Comparator::None;
}

std::optional<model::TypedValue> ValueReader::typed(const ast::Value &V) const {
  model::TypedValue T;
  T.Where = V.range();
  T.Written = SM.getText(T.Where.File).slice(T.Where.Begin, T.Where.End);
  switch (V.K) {
  case ast::Value::Name:
  case ast::Value::String:
  case ast::Value::CodeWord:
  case ast::Value::Tag:
    T.Kind = model::ValueKind::Qualitative;
    T.Text = V.Word.Value;
    return T;
  case ast::Value::Date:
    T.Kind = model::ValueKind::Date;
    T.Cmp = comparator(V.Num.Cmp);
    T.Text = V.Word.Value;
    return T;
  case ast::Value::Number:
    break;
  }
  const ast::Quantity &Q = V.Num;
  T.Cmp = comparator(Q.Cmp);
  auto N = number(Q.Number, Q.Negative, Q.numberRange());
  if (!N)
    return std::nullopt;
  T.Number = *N;
  T.Unit = Q.Unit;
  if (Q.Unit.empty()) {
    T.Kind = model::ValueKind::Count;
    return T;
  }
  auto Read = unit(Q.Unit, Q.unitRange());
  if (!Read)
    return std::nullopt;
  const model::UnitDef *U = Read->Numerator;
  if (!U) { // a product: 人·天
    T.Kind = model::ValueKind::Measure;
    return T;
  }
  if (U->Dim == model::Dimension::Money) {
    std::string Root;
    auto Yuan = B.Units.toRoot(Read->NumeratorText, T.Number, Root);
    if (!Yuan) {
      Diags.report(Q.Range, diag::MoneyOverflow, {Q.Number.str() + Q.Unit.str()});
      return std::nullopt;
    }
    T.Yuan = *Yuan;
    T.Kind = Read->Rate ? model::ValueKind::MoneyRate : model::ValueKind::Money;
    return T;
  }
  switch (U->Dim) {
  case model::Dimension::Count:
    T.Kind = model::ValueKind::Count;
    break;
  case model::Dimension::Duration:
    T.Kind = model::ValueKind::Duration;
    break;
  case model::Dimension::Percent:
    T.Kind = model::ValueKind::Percent;
    break;
  default:
    T.Kind = model::ValueKind::Measure;
    break;
  }
  if (Read->Rate && T.Kind != model::ValueKind::Percent)
    T.Kind = model::ValueKind::Measure; // a rate of non-money quantities: 人/村
  return T;
}

} // namespace budc::sema

//===- indicators.cpp - Plausibility rules: performance indicators ----------===//
#include "compiler/check/rules.h"

namespace budc::check {
namespace {

const model::FrameworkLevel *findLevel(const model::Budget &B, const model::Indicator &I) {
  for (const model::Framework &F : B.Frameworks)
    for (const model::FrameworkLevel &L : F.Levels)
      if (L.Level1 == I.Level1 && L.Level2 == I.Level2)
        return &L;
  return nullptr;
}

std::string joinKinds(const std::vector<model::ValueKind> &Kinds, Lang L) {
  std::string Out;
  for (size_t I = 0; I < Kinds.size(); ++I) {
    if (I)
      Out += I + 1 == Kinds.size() ? (L == Lang::Zh ? "或" : " or ") : (L == Lang::Zh ? "、" : ", ");
    Out += (L == Lang::Zh ? model::kindWord(Kinds[I]) : model::kindWordEn(Kinds[I])).str();
  }
  return Out;
}

bool isCeilingOrExact(model::Comparator C) {
  return C == model::Comparator::None || C == model::Comparator::Eq || C == model::Comparator::Le ||
         C == model::Comparator::Lt;
}
bool isExact(model::Comparator C) { return C == model::Comparator::None || C == model::Comparator::Eq; }

bool isCost(const model::Indicator &I) {
  return I.Level2 == "成本指标" || I.Level1 == "成本指标";
}


/// Every indicator of the budget: the projects' and the department's.
template <typename Fn> void eachIndicator(const model::Budget &B, Fn F) {
  for (const model::Project &P : B.Projects)
    for (const model::Indicator &I : P.Indicators)
      F(I);
  for (const model::Indicator &I : B.DepartmentIndicators)
    F(I);
}

} // namespace

void indicatorValues(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  eachIndicator(R.B, [&](const model::Indicator &I) {
    if (!I.HasValue) {
      Diags.report(I.Where, diag::IndicatorWithoutValue, {I.Name.str()});
      return;
    }
    const model::TypedValue &V = I.Value;
    if (V.Kind == model::ValueKind::Percent &&
        (V.Number.isNegative() || V.Number > *Decimal::fromInt(100)))
      Diags.report(V.Where, diag::PercentOutOfRange, {V.Written.str()});
  });
}

void indicatorKinds(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  eachIndicator(B, [&](const model::Indicator &I) {
    if (!I.HasValue)
      return;
    const model::TypedValue &V = I.Value;
    if (I.Level2.empty())
      return;
    const model::FrameworkLevel *L = findLevel(B, I);
    if (!L || L->Kinds.empty())
      return;
    for (model::ValueKind K : L->Kinds)
      if (K == V.Kind)
        return;
    Diags
        .report(V.Where, diag::IndicatorKindMismatch,
                {model::kindWordEn(V.Kind).str(), V.Written.str(), I.Level2.str(), joinKinds(L->Kinds, Lang::En)})
        .zh({model::kindWord(V.Kind).str(), V.Written.str(), I.Level2.str(), joinKinds(L->Kinds, Lang::Zh)});
  });
}

void indicatorCategories(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  for (const model::Project &P : R.B.Projects) {
    // A record of money given by function (项目支出 blocks) need not have indicators: BUD806
    // says once that such money has none.
    if (!P.Itemised)
      continue;
    // The categories every project's goals must cover, named together in one warning. An
    // indicator that did not read (reported already) still covers its category.
    std::vector<llvm::StringRef> Missing;
    for (const char *Category : {"产出指标", "效益指标", "满意度指标"}) {
      bool Found = std::find(P.UnreadLevels.begin(), P.UnreadLevels.end(), Category) !=
                   P.UnreadLevels.end();
      for (const model::Indicator &I : P.Indicators)
        Found |= I.Level1 == Category;
      if (!Found)
        Missing.push_back(Category);
    }
    if (Missing.empty())
      continue;
    auto List = [&](const char *Comma, const char *Last) {
      std::string Out;
      for (size_t I = 0; I < Missing.size(); ++I)
        Out += (I == 0 ? "" : I + 1 == Missing.size() ? Last : Comma) + Missing[I].str();
      return Out;
    };
    Diags
        .report(P.NameWhere.isValid() ? P.NameWhere : P.Where, diag::MissingIndicatorCategory,
                {P.Name, List(", ", " or ")})
        .zh({P.Name, List("、", "和")});
  }
}

void costCeilings(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  for (const model::Project &P : B.Projects) {
    // A cost ceiling against the project's own amount. Several money-valued cost indicators
    // are parts of the cost, so only a single one is compared with the whole.
    const model::Indicator *Ceiling = nullptr;
    unsigned MoneyCosts = 0;
    for (const model::Indicator &I : P.Indicators)
      if (isCost(I) && I.HasValue && I.Value.Kind == model::ValueKind::Money) {
        ++MoneyCosts;
        Ceiling = &I;
      }
    if (MoneyCosts == 1 && isCeilingOrExact(Ceiling->Value.Cmp) && !P.Yuan.isZero()) {
      Decimal C = Ceiling->Value.Yuan;
      auto Limit = P.Yuan.mul(*Decimal::parse("1.5"));
      if (C < P.Yuan)
        Diags.report(Ceiling->Value.Where, diag::CostCeilingBelowAmount,
                     {Ceiling->Value.Written.str(), B.money(P.Yuan)})
            .note(P.FirstAmountWhere, diag::NoteProjectAmount, {B.money(P.Yuan)});
      else if (Limit && C > *Limit) {
        auto Ratio = C.div(P.Yuan);
        Diags
            .report(Ceiling->Value.Where, diag::CostCeilingFarAbove,
                    {Ceiling->Value.Written.str(), Ratio ? Ratio->toString(2) : "?", B.money(P.Yuan)})
            .note(P.FirstAmountWhere, diag::NoteProjectAmount, {B.money(P.Yuan)});
      }
    }

  }
}

void unitCosts(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  for (const model::Project &P : B.Projects) {
    // Unit cost × count against the amount, when both are exact: 3.3万元/村 × 16村.
    for (const model::Indicator &Rate : P.Indicators) {
      if (!Rate.HasValue || Rate.Value.Kind != model::ValueKind::MoneyRate ||
          !isExact(Rate.Value.Cmp) || Rate.Value.denominator().contains('.'))
        continue;
      for (const model::Indicator &Count : P.Indicators) {
        if (!Count.HasValue || Count.Value.Kind != model::ValueKind::Count ||
            !isExact(Count.Value.Cmp) || Count.Value.Unit != Rate.Value.denominator())
          continue;
        auto Product = Rate.Value.Yuan.mul(Count.Value.Number);
        if (Product && *Product != P.Yuan)
          Diags
              .report(Rate.Value.Where, diag::UnitCostMismatch,
                      {Rate.Value.Written.str(), Count.Value.Written.str(), B.money(*Product), B.money(P.Yuan)})
              .note(Count.Value.Where, diag::NoteCountHere);
        break;
      }
    }

  }
}

} // namespace budc::check

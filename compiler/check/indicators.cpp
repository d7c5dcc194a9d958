//===- indicators.cpp - Plausibility rules: indicators, schedules, citations -===//
#include "compiler/check/check.h"
#include "compiler/sema/sema.h"

#include "llvm/ADT/StringMap.h"

#include <map>

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

bool isCeilingOrExact(ast::Comparator C) {
  return C == ast::Comparator::None || C == ast::Comparator::Eq || C == ast::Comparator::Le ||
         C == ast::Comparator::Lt;
}
bool isExact(ast::Comparator C) { return C == ast::Comparator::None || C == ast::Comparator::Eq; }

bool isCost(const model::Indicator &I) {
  return I.Level2 == "成本指标" || I.Level1 == "成本指标";
}

std::string percent(Decimal D) { return D.toString() + "%"; }

void indicatorValue(const model::Budget &B, const model::Indicator &I, DiagEngine &Diags) {
  if (!I.HasValue) {
    Diags.report(I.Where, diag::IndicatorWithoutValue, {I.Name.str()});
    return;
  }
  const model::TypedValue &V = I.Value;
  if (V.Kind == model::ValueKind::Percent &&
      (V.Number.isNegative() || V.Number > *Decimal::fromInt(100)))
    Diags.report(V.Where, diag::PercentOutOfRange, {V.Written.str()});
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
}

void project(const model::Budget &B, const model::Project &P, DiagEngine &Diags) {
  for (const model::Indicator &I : P.Indicators)
    indicatorValue(B, I, Diags);

  // The categories every project's goals must cover.
  for (const char *Category : {"产出指标", "效益指标", "满意度指标"}) {
    bool Found = false;
    for (const model::Indicator &I : P.Indicators)
      Found |= I.Level1 == Category;
    if (!Found)
      Diags.report(P.NameWhere.isValid() ? P.NameWhere : P.Where, diag::MissingIndicatorCategory,
                   {P.Name, Category});
  }

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

  // The spending schedule is cumulative and ends at 100%.
  for (size_t I = 1; I < P.Schedule.size(); ++I)
    if (P.Schedule[I].Share < P.Schedule[I - 1].Share)
      Diags.report(P.Schedule[I].Where, diag::ScheduleFalls,
                   {percent(P.Schedule[I - 1].Share), percent(P.Schedule[I].Share)});
  if (!P.Schedule.empty() && P.Schedule.back().Share != *Decimal::fromInt(100))
    Diags.report(P.Schedule.back().Where, diag::ScheduleIncomplete,
                 {percent(P.Schedule.back().Share)});

  // The project code: 6-digit region, 2-digit year, 'P', 12 characters.
  if (P.CodeWhere.isValid()) {
    llvm::StringRef Code = P.Code;
    bool Ok = Code.size() == 21 && Code.take_front(8).find_first_not_of("0123456789") ==
                                       llvm::StringRef::npos &&
              Code[8] == 'P' &&
              Code.drop_front(9).find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
                  llvm::StringRef::npos;
    if (!Ok) {
      Diags.report(P.CodeWhere, diag::MalformedProjectCode, {P.Code});
    } else {
      if (!B.Region.empty() && Code.take_front(6) != B.Region)
        Diags.report(P.CodeWhere, diag::ProjectCodeMismatch,
                     {P.Code, "region code", Code.take_front(6).str(), B.Region})
            .zh({P.Code, "地区编码", Code.take_front(6).str(), B.Region});
      unsigned YY = 0;
      Code.substr(6, 2).getAsInteger(10, YY);
      unsigned Year = 2000 + YY;
      // A project carried over from an earlier year keeps that year's code.
      bool CarryOver = !P.Allocations.empty();
      for (size_t A : P.Allocations)
        CarryOver &= B.Allocations[A].CarryOver;
      if (B.Year && (Year > B.Year || (Year != B.Year && !CarryOver)))
        Diags.report(P.CodeWhere, diag::ProjectCodeMismatch,
                     {P.Code, "year", std::to_string(Year), std::to_string(B.Year)})
            .zh({P.Code, "年度", std::to_string(Year), std::to_string(B.Year)});
    }
  }
}

/// One policy document cited with different numbers.
void citations(const model::Budget &B, DiagEngine &Diags) {
  struct Cite {
    std::string Number;
    Span Where;
    unsigned Uses = 0;
  };
  std::map<std::string, std::vector<Cite>> ByTitle; // title → its spellings, in source order
  std::map<std::string, unsigned> UsesByCitation;
  auto Each = [&](auto Fn) {
    for (const model::Project &P : B.Projects)
      for (const model::Indicator &I : P.Indicators)
        Fn(I);
    for (const model::Indicator &I : B.DepartmentIndicators)
      Fn(I);
  };
  Each([&](const model::Indicator &I) {
    if (I.BasisCitation)
      ++UsesByCitation[I.BasisCitation->Name];
  });
  std::vector<const model::Citation *> Declared;
  for (const auto &E : B.Citations)
    Declared.push_back(&E.second);
  std::sort(Declared.begin(), Declared.end(), [](const auto *A, const auto *C) {
    return std::make_pair(A->Where.File, A->Where.Begin) < std::make_pair(C->Where.File, C->Where.Begin);
  });
  for (const model::Citation *C : Declared)
    if (!C->Title.empty() && !C->Number.empty())
      ByTitle[C->Title].push_back({C->Number, C->Where, UsesByCitation[C->Name]});
  // Bases written out in full count as citations too, at their first use. Each distinct
  // text is parsed once: a budget repeats a handful of bases over hundreds of thousands of
  // indicators.
  llvm::StringMap<std::pair<std::string, std::string>> Parsed; // text → title, number
  Each([&](const model::Indicator &I) {
    if (I.BasisCitation || I.BasisText.empty())
      return;
    auto [It, First] = Parsed.try_emplace(I.BasisText);
    if (First)
      model::parseCitation(I.BasisText, It->second.first, It->second.second);
    const auto &[Title, Number] = It->second;
    if (Title.empty() || Number.empty())
      return;
    if (!First) {
      for (Cite &C : ByTitle[Title])
        if (C.Number == Number)
          ++C.Uses;
      return;
    }
    ByTitle[Title].push_back({Number, I.BasisWhere, 1});
  });
  for (auto &[Title, Cites] : ByTitle) {
    // The number used most is taken as the document's; the others are reported.
    const Cite *Main = &Cites.front();
    for (const Cite &C : Cites)
      if (C.Uses > Main->Uses)
        Main = &C;
    for (const Cite &C : Cites)
      if (C.Number != Main->Number)
        Diags
            .report(C.Where, diag::CitationNumberConflict,
                    {"《" + Title + "》", C.Number, Main->Number})
            .note(Main->Where, diag::NoteCitedHere, {Main->Number});
  }
}

} // namespace

void indicators(const model::Budget &B, DiagEngine &Diags) {
  for (const model::Project &P : B.Projects)
    project(B, P, Diags);
  for (const model::Indicator &I : B.DepartmentIndicators)
    indicatorValue(B, I, Diags);
  citations(B, Diags);
}

} // namespace budc::check

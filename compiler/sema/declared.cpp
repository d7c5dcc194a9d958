//===- declared.cpp - Two views, records, declared figures, last year, texts ---===//
//
// What is read after the money facts, because it refers to them: the economic view of
// basic and project money, records (项目 rows without a code), declared figures, the 上年
// block and the narrative texts with their figure references.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/facts.h"

#include "compiler/ast/pack.h"
#include "compiler/model/values.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstring>
#include <tuple>

namespace budc::sema {

void FactReader::views() {
  auto Key = [](const model::Allocation &A) {
    return std::make_tuple(A.UnitIndex, A.Source, A.CarryOver, unsigned(A.Kind));
  };
  std::set<decltype(Key(B.Allocations[0]))> Keys;
  for (const model::Allocation &A : B.Allocations)
    if (A.byEconomicOnly())
      Keys.insert(Key(A));
  if (Keys.empty())
    return;
  for (model::Allocation &A : B.Allocations)
    if ((A.byEconomicOnly() || A.byFunctionOnly()) && Keys.count(Key(A)))
      A.TwoView = true;
}

void FactReader::records() {
  // Money given in two views counts once: by function when that view is given (the
  // economic view's facts are the same money again), else by economic code.
  bool Blocks = false, ByFunction = false;
  for (const model::Allocation &A : B.Allocations)
    if (A.Kind == model::Nature::Project && A.Project < 0) {
      Blocks = true;
      ByFunction |= !A.byEconomicOnly();
    }
  auto Counted = [&](const model::Allocation &A) {
    return A.Kind == model::Nature::Project && A.Project < 0 &&
           (!ByFunction || !A.byEconomicOnly());
  };
  Decimal Given;
  for (const model::Allocation &A : B.Allocations)
    if (Counted(A))
      Given = Given.add(A.Yuan).value_or(Given);
  if (Blocks && FirstProjectSpending.isValid())
    Diags.report(FirstProjectSpending, diag::ProjectSpendingNotItemised, {B.money(Given)});
  if (!Blocks) {
    for (const auto &[Index, Where] : Records) {
      Diags.report(Where, diag::ProjectWithoutFunction, {B.Projects[Index].Name});
      B.Projects[Index].Itemised = true; // (its money was not taken: nothing to list)
    }
    return;
  }
  std::map<std::pair<const model::Fund *, bool>, std::pair<Decimal, Decimal>> ByFund;
  for (const model::Allocation &A : B.Allocations)
    if (Counted(A)) {
      Decimal &X = ByFund[{A.Source, A.CarryOver}].first;
      X = X.add(A.Yuan).value_or(X);
    }
  for (const auto &[Index, Where] : Records)
    for (const model::ProjectAmount &M : B.Projects[Index].Amounts) {
      Decimal &X = ByFund[{M.Source, M.CarryOver}].second;
      X = X.add(M.Yuan).value_or(X);
    }
  for (const auto &[Key, Sums] : ByFund)
    if (Sums.second > Sums.first) {
      const model::ProjectAmount *First = nullptr;
      for (const auto &[Index, Where] : Records)
        for (const model::ProjectAmount &M : B.Projects[Index].Amounts)
          if (!First && M.Source == Key.first && M.CarryOver == Key.second)
            First = &M;
      std::string Fund = (Key.second ? "上年结转 " : "") + Key.first->Name;
      Diags
          .report(First->Where, diag::ProjectRecordsExceed,
                  {Fund, B.money(Sums.second), B.money(Sums.first)})
          .note(FirstProjectSpending, diag::NoteProjectSpendingHere, {B.money(Sums.first)});
    }
}

void FactReader::declaredFigures() {
  for (const auto &[D, Unit] : Declares) {
    model::Declared M;
    model::Query Scope;
    if (Unit != model::DepartmentLevel)
      Scope.Units = std::vector<size_t>{Unit};
    if (declare(*D, {}, Scope, M))
      B.DeclaredFigures.push_back(std::move(M));
  }
}

void FactReader::written(const ast::Quantity &Q, Decimal Value, model::Declared &M) {
  M.HasAmount = true;
  M.Yuan = Value;
  M.AmountWhere = Q.Range;
  size_t Dot = Q.Number.find('.');
  M.Decimals = Dot == llvm::StringRef::npos ? 0 : Q.Number.size() - Dot - 1;
  M.Separators = Q.Separators;
}

const model::Project *FactReader::codelessRecord(const model::Query &Q) const {
  if (!Q.Projects || (Q.Functions.empty() && Q.Economics.empty() && !Q.CostClasses &&
                      !Q.RunningCosts))
    return nullptr;
  for (int I : *Q.Projects)
    if (!B.Projects[static_cast<size_t>(I)].Itemised)
      return &B.Projects[static_cast<size_t>(I)];
  return nullptr;
}

bool FactReader::declare(const ast::Declare &D, const std::vector<FigurePart> &Parent,
                         const model::Query &Scope, model::Declared &M) {
  std::vector<FigurePart> Parts = Parent;
  for (const ast::Text &K : D.Key) {
    Parts.push_back(FigurePart::of(K));
    M.Key.push_back(K.Value.str());
  }
  std::vector<std::string> Whole;
  for (const FigurePart &P : Parts)
    Whole.push_back(P.Word);
  M.Key = Whole;
  // 三公经费/上年数, 三公经费 { 增减额 -27.07 }: last year's figure, the change, its rate.
  M.M = takeMeasure(Parts);
  if (M.M != model::Measure::Value && (!D.Children.empty() || LastYearBlock)) {
    Diags.report(D.Key.back().Range, diag::BadLastYear,
                 {LastYearBlock ? "上年's figures are last year's own: a key there ends in no 上年数, 增减额 or 增减率"
                                : "上年数, 增减额 and 增减率 end a key: they have no parts",
                  LastYearBlock ? "上年中的数字即上年数字本身：其名称不以上年数、增减额或增减率结尾"
                                : "上年数、增减额、增减率位于名称末尾，不能再有下级"});
    return false;
  }
  M.Where = D.Range;
  if (!D.Key.empty())
    M.KeyWhere = Span::cover(D.Key.front().Range, D.Key.back().Range);
  FigureFailure F;
  std::optional<model::Query> Q = R.Figs.path(Parts, /*Facts=*/true, F);
  if (!Q) {
    std::string Key = llvm::join(Whole, "/");
    Span Where = F.Part < Parts.size() ? Parts[F.Part].Where : M.KeyWhere;
    std::string More = !F.Guess.empty() ? "; did you mean '" + F.Guess + "'?"
                       : F.Explained    ? ""
                                        : "; known: " + R.Figs.known(Lang::En);
    std::string MoreZh = !F.Guess.empty() ? "；是否应为“" + F.Guess + "”？"
                         : F.Explained    ? ""
                                          : "；已知的有：" + R.Figs.known(Lang::Zh);
    auto Report = Diags.report(Where, diag::UnknownDeclaredFigure, {Key, F.En, More});
    Report.zh({Key, F.Zh, MoreZh});
    if (!F.Guess.empty())
      Report.fixIt(Where, F.Guess);
    return false;
  }
  M.Figure = model::Query::intersect(Scope, *Q);
  // A record of project money (a project without a 功能科目) has no codes to narrow by.
  if (const model::Project *P = codelessRecord(M.Figure)) {
    std::string Key = llvm::join(Whole, "/");
    Diags.report(M.KeyWhere, diag::UnknownDeclaredFigure,
                 {Key, "project '" + P->Name + "' has no 功能科目, so no code or cost class narrows its money", ""})
        .zh({Key, "项目“" + P->Name + "”未写功能科目，其资金无法按科目或经费分类细分", ""});
    return false;
  }
  if (D.Amount.present() && M.M == model::Measure::Rate) {
    // A rate is a percentage, signed: 增减率 -34.56%.
    if (D.Amount.Unit != "%") {
      Diags.report(D.Amount.Range, diag::BadLastYear,
                   {"增减率 is a percentage: write it with %, e.g. -34.56%",
                    "增减率为百分比：应带 %，例如 -34.56%"});
      return false;
    }
    auto Rate = R.number(D.Amount.Number, D.Amount.Negative, D.Amount.numberRange());
    if (!Rate)
      return false;
    written(D.Amount, *Rate, M);
    M.Unit = "%";
    M.Factor = Decimal::fromRaw(Decimal::One);
  } else if (D.Amount.present()) {
    // A change may be negative (增减额 -27.07); any other amount is not.
    ast::Quantity Amount = D.Amount;
    bool Negative = M.M == model::Measure::Change && Amount.Negative;
    Amount.Negative &= !Negative;
    auto Yuan = R.money(Amount);
    if (Yuan && Negative)
      Yuan = Yuan->negate();
    if (!Yuan)
      return false;
    written(D.Amount, *Yuan, M);
    // Compared later in the unit it is written in.
    M.Unit = D.Amount.Unit.empty() ? B.MoneyUnit : D.Amount.Unit.str();
    std::string Root;
    if (D.Amount.Unit.empty())
      M.Factor = B.MoneyFactor;
    else if (auto Factor = B.Units.toRoot(D.Amount.Unit, Decimal::fromRaw(Decimal::One), Root))
      M.Factor = *Factor;
  }
  for (const ast::Declare *C : D.Children) {
    model::Declared Child;
    if (declare(*C, Parts, Scope, Child))
      M.Children.push_back(std::move(Child));
  }
  // Whether the declared parts are, by definition, all the parts of the figure.
  std::vector<std::string> Names;
  for (const model::Declared &C : M.Children)
    if (C.Key.size() == Whole.size() + 1)
      Names.push_back(C.Key.back());
  M.PartsComplete = Names.size() == M.Children.size() && R.Figs.completeParts(Parts, Names);
  return true;
}

void FactReader::lastYear() {
  if (!LastYearNode)
    return;
  const ast::LastYear &L = *LastYearNode;
  auto P = std::make_unique<model::LastYear>();
  P->Where = headerOf(L);
  L.Year.Value.getAsInteger(10, P->Year);
  if (B.Year && P->Year + 1 != B.Year) {
    std::string Want = std::to_string(B.Year - 1);
    Diags
        .report(L.Year.Range, diag::BadLastYear,
                {"上年 is the year before the budget's: " + Want + ", not " + L.Year.Value.str(),
                 "上年应为预算年度的前一年：" + Want + "年，而不是" + L.Year.Value.str() + "年"})
        .fixIt(L.Year.Range, Want);
    return;
  }
  if (L.Directory.present()) {
    P->Directory = L.Directory.Value.str();
    P->Facts = std::move(R.LastYearFacts);
    if (R.LastYearErrors) {
      std::string N = std::to_string(R.LastYearErrors);
      Diags.report(L.Directory.Range, diag::BadLastYear,
                   {"last year's workspace '" + P->Directory + "' has " + N +
                        " error(s): budc check it on its own",
                    "上年工作区“" + P->Directory + "”有 " + N + " 个错误：请单独用 budc check 检查"});
    } else if (P->Facts && P->Facts->Year != P->Year) {
      Diags.report(L.Directory.Range, diag::BadLastYear,
                   {"last year's workspace '" + P->Directory + "' is the budget of " +
                        std::to_string(P->Facts->Year) + ", not " + std::to_string(P->Year),
                    "上年工作区“" + P->Directory + "”是" + std::to_string(P->Facts->Year) +
                        "年的预算，不是" + std::to_string(P->Year) + "年的"});
      P->Facts.reset();
    }
  }
  LastYearBlock = true;
  for (const ast::Declare *D : L.Figures) {
    model::Declared M;
    if (declare(*D, {}, model::Query(), M))
      P->Figures.push_back(std::move(M));
  }
  LastYearBlock = false;
  B.Previous = std::move(P);
}

void FactReader::texts() {
  for (const PendingText &T : Texts) {
    model::Prose P = R.Refs.prose(*T.Text, T.Kind, "");
    int Index = static_cast<int>(B.Narrative.size());
    switch (T.Kind) {
    case model::Prose::Section:
      P.Title = B.Sections[T.Index].Title;
      B.Sections[T.Index].Body = P.Rendered;
      B.Sections[T.Index].Text = Index;
      break;
    case model::Prose::PerformanceSection:
      P.Title = B.PerformanceSections[T.Index].Title;
      B.PerformanceSections[T.Index].Body = P.Rendered;
      B.PerformanceSections[T.Index].Text = Index;
      break;
    case model::Prose::Glossary:
      P.Title = B.Glossary[T.Index].Term;
      B.Glossary[T.Index].Definition = P.Rendered;
      B.Glossary[T.Index].Text = Index;
      break;
    }
    B.Narrative.push_back(std::move(P));
  }
  for (const auto &[P, Index] : Bodies) {
    model::Project &M = B.Projects[Index];
    size_t Goal = 0;
    for (const ast::Node *I : P->Items)
      if (auto *G = llvm::dyn_cast<ast::Goal>(I)) {
        if (auto S = R.Refs.printed(G->Statement); S && Goal < M.Goals.size())
          M.Goals[Goal] = *S;
        ++Goal;
      } else if (auto *At = llvm::dyn_cast<ast::Attr>(I)) {
        if (At->Key.Value == "用途" && !At->Values.empty())
          if (auto S = R.Refs.printed(At->Values[0].Word))
            M.Purpose = *S;
      }
  }
  R.Refs.vocabulary();
}

} // namespace budc::sema

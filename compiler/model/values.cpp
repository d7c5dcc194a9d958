//===- values.cpp - What a figure gives: this year, last year, change, rate ---===//
#include "compiler/model/values.h"

#include <algorithm>
#include <functional>

namespace budc::model {
namespace {

std::vector<std::string> sortedSet(std::vector<std::string> V) {
  std::sort(V.begin(), V.end());
  V.erase(std::unique(V.begin(), V.end()), V.end());
  return V;
}

/// The declared figure of \p Q and measure \p M in \p Figures (and their parts).
const Declared *findDeclared(const std::vector<Declared> &Figures, const Query &Q, Measure M) {
  for (const Declared &D : Figures) {
    if (D.HasAmount && D.M == M && sameFigure(D.Figure, Q))
      return &D;
    if (const Declared *C = findDeclared(D.Children, Q, M))
      return C;
  }
  return nullptr;
}

Known known(const Declared &D) {
  // A written zero is exact: documents print 0 for nothing, not for a small amount.
  Decimal Slack = D.Yuan.isZero() ? Decimal() : halfPlace(D.Factor, D.Decimals).value_or(Decimal());
  return {D.Yuan, Slack};
}

/// 10^N for N <= 18.
__int128 pow10(unsigned N) {
  __int128 P = 1;
  while (N--)
    P *= 10;
  return P;
}

/// Amounts far beyond any budget are not compared (their products would not fit 128 bits).
bool tooLarge(Decimal D) { return D.abs().raw() > (int64_t(1) << 56); }

} // namespace

bool sameFigure(const Query &A, const Query &B) {
  if (A.Empty || B.Empty)
    return A.Empty == B.Empty;
  if (A.Income != B.Income || A.Underivable != B.Underivable || A.RunningCosts != B.RunningCosts ||
      A.CarryOver != B.CarryOver || A.Funds != B.Funds || A.Units != B.Units ||
      A.Projects != B.Projects || A.spending() != B.spending())
    return false;
  if (A.spending()) {
    auto N = [](const Query &Q) { return Q.Natures ? Q.Natures : Query::SpentNatures; };
    if (N(A) != N(B) || A.CostClasses != B.CostClasses)
      return false;
  }
  return sortedSet(A.Functions) == sortedSet(B.Functions) &&
         sortedSet(A.Economics) == sortedSet(B.Economics);
}

Query translate(const Query &Q, const Budget &From, const Budget &To) {
  Query T = Q;
  if (Q.Funds) {
    T.Funds.emplace();
    for (const Fund *F : *Q.Funds)
      if (const Fund *G = To.findFund(F->Name))
        T.Funds->push_back(G);
    std::sort(T.Funds->begin(), T.Funds->end(), std::less<>());
    T.Funds->erase(std::unique(T.Funds->begin(), T.Funds->end()), T.Funds->end());
  }
  if (Q.Units) {
    T.Units.emplace();
    for (size_t U : *Q.Units) {
      if (U == DepartmentLevel) {
        T.Units->push_back(U);
        continue;
      }
      for (size_t I = 0; I < To.OrgUnits.size(); ++I)
        if (U < From.OrgUnits.size() && To.OrgUnits[I].Name == From.OrgUnits[U].Name)
          T.Units->push_back(I);
    }
    std::sort(T.Units->begin(), T.Units->end());
  }
  if (Q.Projects) {
    T.Projects.emplace();
    for (int P : *Q.Projects) {
      if (P < 0 || size_t(P) >= From.Projects.size())
        continue;
      const Project &Old = From.Projects[size_t(P)];
      for (size_t I = 0; I < To.Projects.size(); ++I)
        if (Old.Code.empty() ? To.Projects[I].Name == Old.Name : To.Projects[I].Code == Old.Code)
          T.Projects->push_back(static_cast<int>(I));
    }
    std::sort(T.Projects->begin(), T.Projects->end());
  }
  T.Empty |= (T.Funds && T.Funds->empty()) || (T.Units && T.Units->empty()) ||
             (T.Projects && T.Projects->empty());
  return T;
}

bool fundsNeutral(const Budget &B, const Query &Q) {
  if (!Q.Funds)
    return false;
  Query Whole = Q;
  Whole.Funds.reset();
  Whole.Units.reset();
  for (const Allocation &A : B.Allocations)
    if (Whole.matches(B, A) &&
        !std::binary_search(Q.Funds->begin(), Q.Funds->end(), A.Source, std::less<>()))
      return false;
  return true;
}

std::vector<std::vector<const Declared *>> declaredOfUnits(const Budget &B) {
  std::vector<std::vector<const Declared *>> Of(B.OrgUnits.size());
  std::function<void(const std::vector<Declared> &)> Walk = [&](const std::vector<Declared> &Ds) {
    for (const Declared &D : Ds) {
      if (D.HasAmount && D.Figure.Units && D.Figure.Units->size() == 1 &&
          D.Figure.Units->front() < Of.size())
        Of[D.Figure.Units->front()].push_back(&D);
      Walk(D.Children);
    }
  };
  Walk(B.DeclaredFigures);
  return Of;
}

const Declared *declaredShare(const Budget &B, const Query &Q,
                              const std::vector<const Declared *> *Among,
                              std::optional<bool> Neutral) {
  auto Find = [&](const Query &X) -> const Declared * {
    if (!Among)
      return findDeclared(B.DeclaredFigures, X, Measure::Value);
    for (const Declared *D : *Among)
      if (D->M == Measure::Value && sameFigure(D->Figure, X))
        return D;
    return nullptr;
  };
  if (const Declared *D = Find(Q))
    return D;
  if (!Q.Funds || !(Neutral ? *Neutral : fundsNeutral(B, Q)))
    return nullptr;
  Query Any = Q;
  Any.Funds.reset();
  return Find(Any);
}

std::optional<Known> thisYear(const Budget &B, const Query &Q) {
  if (!B.hasFacts()) {
    if (const Declared *D = findDeclared(B.DeclaredFigures, Q, Measure::Value))
      return known(*D);
    return std::nullopt;
  }
  if (Q.Underivable)
    return std::nullopt;
  // A unit's part of money held for the department as a whole: as the unit declares it.
  if (heldForDepartment(B, Q)) {
    if (const Declared *D = declaredShare(B, Q))
      return known(*D);
    return std::nullopt;
  }
  if (auto V = evaluate(B, Q))
    return Known{*V, Decimal()};
  return std::nullopt;
}

std::optional<Known> lastYear(const Budget &B, const Query &Q, bool Declared) {
  if (B.Previous) {
    if (const model::Declared *D = findDeclared(B.Previous->Figures, Q, Measure::Value))
      return known(*D);
    if (B.Previous->Facts)
      if (auto K = thisYear(*B.Previous->Facts, translate(Q, B, *B.Previous->Facts)))
        return K;
  }
  if (Declared)
    if (const model::Declared *D = findDeclared(B.DeclaredFigures, Q, Measure::LastYear))
      return known(*D);
  return std::nullopt;
}

bool hasLastYear(const Budget &B) {
  if (B.Previous)
    return true;
  std::function<bool(const std::vector<Declared> &)> Any = [&](const std::vector<Declared> &V) {
    for (const Declared &D : V)
      if (D.M == Measure::LastYear || Any(D.Children))
        return true;
    return false;
  };
  return Any(B.DeclaredFigures);
}

std::optional<Known> measure(const Budget &B, const Query &Q, Measure M) {
  switch (M) {
  case Measure::Value:
    return thisYear(B, Q);
  case Measure::LastYear:
    return lastYear(B, Q);
  case Measure::Change:
  case Measure::Rate: {
    auto T = thisYear(B, Q), L = lastYear(B, Q);
    if (!T || !L)
      return std::nullopt;
    auto D = T->Value.sub(L->Value), S = T->Slack.add(L->Slack);
    if (!D || !S)
      return std::nullopt;
    return Known{*D, *S};
  }
  }
  return std::nullopt;
}

bool consistent(Known K, Decimal Written, Decimal Factor, unsigned Places) {
  Places = std::min(Places, Decimal::Scale);
  if (K.Slack.isZero() || Written.isZero()) {
    if (Written.isZero() && K.Slack.isZero())
      return K.Value.isZero();
    if (Written.isZero()) // a written zero is exact: only a value that may be zero is 0
      return K.Value.abs() <= K.Slack;
    return inUnit(K.Value, Factor, Places) == inUnit(Written, Factor, Places);
  }
  // Within a slack: the written figure stands for [W − h, W + h]; the value for [V − s, V + s].
  Decimal H = halfPlace(Factor, Places).value_or(Decimal());
  __int128 W = Written.raw(), V = K.Value.raw(), S = K.Slack.raw(), Hh = H.raw();
  return W - Hh <= V + S && W + Hh >= V - S;
}

std::optional<bool> consistentRatio(Known Num, Known Den, Decimal Percent, unsigned Places) {
  Places = std::min(Places, Decimal::Scale);
  if (tooLarge(Num.Value) || tooLarge(Den.Value) || tooLarge(Percent))
    return std::nullopt;
  __int128 NMin = Num.Value.raw() - Num.Slack.raw(), NMax = Num.Value.raw() + Num.Slack.raw();
  __int128 DMin = Den.Value.raw() - Den.Slack.raw(), DMax = Den.Value.raw() + Den.Slack.raw();
  if (DMin <= 0)
    return std::nullopt;
  // The written percentage P (Places decimals) stands for [P − h, P + h), h = ½·10^-Places;
  // C = P·10^Places is an integer, and P ± h = (2C ± 1) / (2·10^Places).
  __int128 C = Percent.raw() / pow10(Decimal::Scale - Places);
  __int128 Scale = 200 * pow10(Places);
  bool Exact = Num.Slack.isZero() && Den.Slack.isZero();
  // P − h ≤ NMax/DMin·100  and  P + h ≥ NMin/DMax·100 (strictly for an exact value: half-up).
  bool Low = (2 * C - 1) * DMin <= Scale * NMax;
  bool High = Exact ? (2 * C + 1) * DMax > Scale * NMin : (2 * C + 1) * DMax >= Scale * NMin;
  return Low && High;
}

std::optional<Decimal> percent(Decimal Num, Decimal Den, unsigned Places) {
  if (Den.isZero() || Den.isNegative())
    return std::nullopt;
  auto N = Num.mulInt(100);
  if (!N)
    return std::nullopt;
  return inUnit(*N, Den, std::min(Places, Decimal::Scale));
}

static const char *const Fields[] = {"年度",     "上年度",   "部门",    "部门名称",
                                     "部门编码", "主体",     "金额单位", "截止日期",
                                     "整体绩效目标"};

bool unitBudget(const Budget &B) {
  return B.DepartmentName.empty() && B.DepartmentCode.empty() && B.OrgUnits.size() == 1;
}

llvm::ArrayRef<const char *> budgetFields() { return Fields; }

std::optional<std::string> budgetField(const Budget &B, llvm::StringRef F) {
  if (F == "年度")
    return std::to_string(B.Year);
  if (F == "上年度")
    return std::to_string(B.Previous ? B.Previous->Year : B.Year - 1);
  if (F == "部门" || F == "部门名称")
    return unitBudget(B) ? B.OrgUnits[0].Name : B.DepartmentName;
  if (F == "部门编码")
    return unitBudget(B) ? B.OrgUnits[0].Code : B.DepartmentCode;
  if (F == "主体")
    return std::string(unitBudget(B) ? "单位" : "部门");
  if (F == "金额单位")
    return B.MoneyUnit;
  if (F == "截止日期") {
    for (const TableFact &Fact : B.Assets)
      if (Fact.Key == "截止日期")
        return Fact.Values.empty() ? std::string() : Fact.Values[0];
    return std::string();
  }
  if (F == "整体绩效目标") { // the department's goals: one as written, several numbered
    std::vector<const std::string *> Goals;
    for (const PerformanceArea &A : B.Areas)
      for (const DepartmentGoal &G : A.Goals)
        if (!G.Statement.empty())
          Goals.push_back(&G.Statement);
    std::string Text;
    for (size_t I = 0; I < Goals.size(); ++I)
      Text += Goals.size() == 1 ? *Goals[I]
                                : (I ? "\n" : "") + std::to_string(I + 1) + "." + *Goals[I];
    return Text;
  }
  return std::nullopt;
}

std::optional<std::string> render(const Budget &B, const Reference &R) {
  if (!R.Field.empty())
    return budgetField(B, R.Field);
  auto Sized = [&](std::optional<std::string> S) -> std::optional<std::string> {
    if (S && !R.Signed && S->size() > 1 && (*S)[0] == '-')
      S->erase(0, 1);
    return S;
  };
  if (R.Base) {
    auto T = thisYear(B, R.Figure), Base = thisYear(B, *R.Base);
    if (!T || !Base)
      return std::nullopt;
    auto P = percent(T->Value, Base->Value, R.Format.Decimals);
    if (!P)
      return std::nullopt;
    AmountFormat F = R.Format;
    F.Factor = Decimal::fromRaw(Decimal::One);
    return Sized(F.number(*P));
  }
  if (R.M == Measure::Rate) {
    auto T = thisYear(B, R.Figure), L = lastYear(B, R.Figure);
    if (!T || !L)
      return std::nullopt;
    auto D = T->Value.sub(L->Value);
    auto P = D ? percent(*D, L->Value, R.Format.Decimals) : std::nullopt;
    if (!P)
      return std::nullopt;
    AmountFormat F = R.Format;
    F.Factor = Decimal::fromRaw(Decimal::One);
    return Sized(F.number(*P));
  }
  auto K = measure(B, R.Figure, R.M);
  if (!K)
    return std::nullopt;
  AmountFormat F = R.Format;
  if (!R.UnitGiven) {
    F.Factor = B.MoneyFactor;
    F.Unit = B.MoneyUnit;
  }
  return Sized(F.number(K->Value));
}

} // namespace budc::model

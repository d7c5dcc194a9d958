//===- model.cpp - The resolved budget: what the source means ---------------===//
#include "compiler/model/model.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>

namespace budc::model {

bool UnitTable::add(UnitDef D) {
  std::string Name = D.Name;
  return Units.try_emplace(Name, std::move(D)).second;
}

const UnitDef *UnitTable::find(llvm::StringRef Name) const {
  auto It = Units.find(Name);
  return It == Units.end() ? nullptr : &It->second;
}

std::optional<Decimal> UnitTable::toRoot(llvm::StringRef From, Decimal Value,
                                         std::string &Root) const {
  const UnitDef *U = find(From);
  for (unsigned Guard = 0; U && !U->Base.empty() && Guard < 16; ++Guard) {
    auto Next = Value.mul(U->Factor);
    if (!Next)
      return std::nullopt;
    Value = *Next;
    const UnitDef *B = find(U->Base);
    if (!B)
      break;
    U = B;
  }
  if (U)
    Root = U->Name;
  return Value;
}

llvm::ArrayRef<std::string> UnitTable::names() const {
  if (Sorted.size() != Units.size()) {
    Sorted.clear();
    for (const auto &E : Units)
      Sorted.push_back(E.first().str());
    std::sort(Sorted.begin(), Sorted.end());
  }
  return Sorted;
}

static const char *const DimensionWords[] = {
    "货币", "计数", "重量", "长度", "面积", "体积", "时长", "百分比", "温度", "速度",
    "功率", "能量", "电压", "电流", "电阻", "频率", "压强", "数据量", "声级", "照度"};
static_assert(std::size(DimensionWords) == static_cast<size_t>(Dimension::Illuminance) + 1,
              "one word per dimension");

llvm::StringRef dimensionWord(Dimension D) { return DimensionWords[static_cast<int>(D)]; }

std::optional<Dimension> dimensionFromWord(llvm::StringRef W) {
  for (size_t I = 0; I < std::size(DimensionWords); ++I)
    if (W == DimensionWords[I])
      return static_cast<Dimension>(I);
  return std::nullopt;
}

std::string dimensionWords(llvm::StringRef Sep) {
  std::string Out;
  for (size_t I = 0; I < std::size(DimensionWords); ++I)
    Out += (I ? Sep.str() : "") + DimensionWords[I];
  return Out;
}

static const char *const KindWords[] = {"货币", "单价", "计数", "度量", "时长", "日期", "百分比", "定性"};
static const char *const KindWordsEn[] = {"money", "money per unit", "count", "measure",
                                          "duration", "date", "percentage", "qualitative"};

llvm::StringRef kindWord(ValueKind K) { return KindWords[static_cast<int>(K)]; }
llvm::StringRef kindWordEn(ValueKind K) { return KindWordsEn[static_cast<int>(K)]; }

std::optional<ValueKind> kindFromWord(llvm::StringRef W) {
  for (int I = 0; I < 8; ++I)
    if (W == KindWords[I])
      return static_cast<ValueKind>(I);
  return std::nullopt;
}

bool CatalogueEntry::isNamed(llvm::StringRef Written) const {
  std::string N = normaliseName(Written);
  if (N == normaliseName(Name))
    return true;
  for (const std::string &A : Aliases)
    if (N == normaliseName(A))
      return true;
  return false;
}

const YearName *CatalogueEntry::otherYearName(llvm::StringRef Written) const {
  std::string N = normaliseName(Written);
  for (const YearName &Y : OtherYears)
    if (N == normaliseName(Y.Name))
      return &Y;
  return nullptr;
}

const CatalogueEntry *Catalogue::find(llvm::StringRef Code) const {
  auto It = Entries.find(Code.str());
  return It == Entries.end() ? nullptr : &It->second;
}

std::string Budget::money(Decimal Yuan) const {
  auto V = Yuan.div(MoneyFactor);
  if (!V)
    return Yuan.toString(2) + "元";
  // With thousands separators, as tables print them (and as the prose checks quote figures);
  // a budget kept in 元 writes whole 元 without decimals.
  std::string S = MoneyUnit != "元" || !V->isInteger() ? V->toString(2) : V->toString(0);
  size_t IntEnd = std::min(S.find('.'), S.size()), Start = S[0] == '-';
  std::string Out = S.substr(0, Start);
  for (size_t I = Start; I < IntEnd; ++I) {
    if (I > Start && (IntEnd - I) % 3 == 0)
      Out += ',';
    Out += S[I];
  }
  return Out + S.substr(IntEnd) + MoneyUnit;
}

const Fund *Budget::findFund(llvm::StringRef Name) const {
  auto It = Funds.find(Name);
  if (It != Funds.end())
    return &It->second;
  auto A = FundAliases.find(Name);
  if (A == FundAliases.end())
    return nullptr;
  It = Funds.find(A->second);
  return It == Funds.end() ? nullptr : &It->second;
}

std::string normaliseName(llvm::StringRef Name) {
  std::string Out;
  Out.reserve(Name.size());
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    if (C == ' ' || C == '\t')
      continue;
    if (C == '(') {
      Out += "（";
      continue;
    }
    if (C == ')') {
      Out += "）";
      continue;
    }
    if (Name.substr(I).startswith("\u3000")) { // full-width space
      I += 2;
      continue;
    }
    Out += C;
  }
  return Out;
}

std::string canonicalLevel(llvm::StringRef Name) {
  std::string N = normaliseName(Name);
  if (!llvm::StringRef(N).endswith("指标"))
    N += "指标";
  return N;
}

void parseCitation(llvm::StringRef Text, std::string &Title, std::string &Number) {
  size_t Open = Text.find("《"), Close = Text.find("》");
  if (Open != llvm::StringRef::npos && Close != llvm::StringRef::npos && Close > Open)
    Title = Text.slice(Open + strlen("《"), Close).str();
  size_t P = Text.rfind("（"), E = Text.rfind("）");
  if (P != llvm::StringRef::npos && E != llvm::StringRef::npos && E > P) {
    llvm::StringRef N = Text.slice(P + strlen("（"), E);
    if (N.endswith("号"))
      Number = N.str();
  }
}

Span Prose::span(uint32_t Begin, uint32_t End) const {
  // The source bytes of the printed byte at At: itself for a literal, the whole {…} for a
  // reference's output (and both source bytes of an escape).
  auto Place = [&](uint32_t At, bool AtEnd) -> std::pair<uint32_t, uint32_t> {
    for (const Piece &P : Pieces) {
      if (At < P.At || At > P.At + P.Length || (At == P.At + P.Length && !AtEnd))
        continue;
      if (P.Reference >= 0 || P.Length != P.SourceLength)
        return {P.Source, P.Source + P.SourceLength};
      uint32_t S = P.Source + (At - P.At);
      return {S, S};
    }
    return {Where.End, Where.End};
  };
  uint32_t B = Place(Begin, false).first;
  uint32_t E = End > Begin ? Place(End, true).second : B;
  return {Where.File, B, std::max(B, E)};
}

const Reference *Prose::referenceAt(uint32_t At) const {
  for (const Piece &P : Pieces)
    if (P.Reference >= 0 && At >= P.At && At < P.At + P.Length)
      return &References[static_cast<size_t>(P.Reference)];
  return nullptr;
}

const Template *Budget::findTemplate() const {
  if (!TemplateName.empty()) {
    for (const Template &T : Templates)
      if (T.Name == TemplateName)
        return &T;
    return nullptr;
  }
  // Without 模板: the workspace's own template (its first), else 河北2024, the layout budc
  // was first built for.
  for (const Template &T : Templates)
    if (!T.Standard)
      return &T;
  for (const Template &T : Templates)
    if (T.Name == DefaultTemplate)
      return &T;
  return Templates.empty() ? nullptr : &Templates.front();
}

const Framework *Budget::framework() const {
  if (FrameworkName.empty())
    return nullptr;
  for (const Framework &F : Frameworks)
    if (F.Name == FrameworkName)
      return &F;
  return nullptr;
}

WeightRule Budget::weights() const {
  WeightRule W;
  if (const Framework *F = framework()) {
    if (F->HasTotal) {
      W.Total = F->Weights.Total;
      W.TotalWhere = F->Weights.TotalWhere;
    }
    if (F->HasReserve) {
      W.ReserveName = F->Weights.ReserveName;
      W.Reserve = F->Weights.Reserve;
      W.ReserveWhere = F->Weights.ReserveWhere;
    }
  }
  if (HasWeightTotal) {
    W.Total = HeaderWeights.Total;
    W.TotalWhere = HeaderWeights.TotalWhere;
  }
  if (HasWeightReserve) {
    W.ReserveName = HeaderWeights.ReserveName;
    W.Reserve = HeaderWeights.Reserve;
    W.ReserveWhere = HeaderWeights.ReserveWhere;
  }
  return W;
}

std::string Indicator::shownValue() const {
  if (!HasValue)
    return "";
  std::string Out = Value.Written.str();
  if (Value.Kind == ValueKind::Qualitative || Value.Kind == ValueKind::Date)
    return Out;
  if (Value.Cmp == Comparator::None && comparatorOf(Sense) != Comparator::None)
    Out = natureWord(Sense).str() + Out;
  if (Columns & UnitFromColumn)
    Out += Value.Unit.str();
  return Out;
}

namespace {
struct NatureSpelling {
  const char *Word;
  ValueSense N;
};
// The first spelling of each nature is its own; the others are what tables also print.
const NatureSpelling NatureSpellings[] = {
    {"≥", ValueSense::Ge}, {">=", ValueSense::Ge}, {"大于等于", ValueSense::Ge}, {"大于或等于", ValueSense::Ge},
    {"≤", ValueSense::Le}, {"<=", ValueSense::Le}, {"小于等于", ValueSense::Le}, {"小于或等于", ValueSense::Le},
    {"=", ValueSense::Eq}, {"等于", ValueSense::Eq}, {">", ValueSense::Gt}, {"大于", ValueSense::Gt},
    {"<", ValueSense::Lt}, {"小于", ValueSense::Lt}, {"≠", ValueSense::Ne}, {"!=", ValueSense::Ne},
    {"定量", ValueSense::Quantitative}, {"quantitative", ValueSense::Quantitative},
    {"定性", ValueSense::Qualitative}, {"qualitative", ValueSense::Qualitative},
    {"正向", ValueSense::Positive}, {"positive", ValueSense::Positive},
    {"反向", ValueSense::Negative}, {"negative", ValueSense::Negative},
};
} // namespace

llvm::StringRef natureWord(ValueSense N) {
  if (N == ValueSense::None)
    return "";
  for (const NatureSpelling &S : NatureSpellings)
    if (S.N == N)
      return S.Word;
  return "";
}

std::optional<ValueSense> natureFromWord(llvm::StringRef W) {
  for (const NatureSpelling &S : NatureSpellings)
    if (W == S.Word)
      return S.N;
  return std::nullopt;
}

Comparator comparatorOf(ValueSense N) {
  switch (N) {
  case ValueSense::Ge: return Comparator::Ge;
  case ValueSense::Le: return Comparator::Le;
  case ValueSense::Eq: return Comparator::Eq;
  case ValueSense::Gt: return Comparator::Gt;
  case ValueSense::Lt: return Comparator::Lt;
  case ValueSense::Ne: return Comparator::Ne;
  default: return Comparator::None;
  }
}

Direction directionOf(Comparator C) {
  switch (C) {
  case Comparator::Ge:
  case Comparator::Gt: return Direction::Up;
  case Comparator::Le:
  case Comparator::Lt: return Direction::Down;
  case Comparator::Eq: return Direction::Exact;
  default: return Direction::None;
  }
}

Direction directionOf(ValueSense N) {
  if (N == ValueSense::Positive)
    return Direction::Up;
  if (N == ValueSense::Negative)
    return Direction::Down;
  return directionOf(comparatorOf(N));
}

llvm::StringRef spelling(Comparator C) {
  switch (C) {
  case Comparator::None: return "";
  case Comparator::Eq: return "=";
  case Comparator::Ne: return "≠";
  case Comparator::Ge: return "≥";
  case Comparator::Le: return "≤";
  case Comparator::Gt: return ">";
  case Comparator::Lt: return "<";
  }
  return "";
}

bool Budget::isAdministrative(size_t Unit) const {
  if (Unit == DepartmentLevel)
    return DepartmentNature == "行政" || DepartmentNature == "参公";
  return Unit < OrgUnits.size() && OrgUnits[Unit].isAdministrative();
}

//===----------------------------------------------------------------------===//
// The figure language
//===----------------------------------------------------------------------===//

namespace {

bool anyPrefix(const std::vector<std::string> &Prefixes, llvm::StringRef Code) {
  if (Prefixes.empty())
    return true;
  for (const std::string &P : Prefixes)
    if (Code.startswith(P))
      return true;
  return false;
}

template <typename T>
std::optional<std::vector<T>> intersectSets(const std::optional<std::vector<T>> &A,
                                            const std::optional<std::vector<T>> &B) {
  if (!A)
    return B;
  if (!B)
    return A;
  std::vector<T> Out;
  std::set_intersection(A->begin(), A->end(), B->begin(), B->end(), std::back_inserter(Out),
                        std::less<>());
  return Out;
}

/// Code prefixes both lists allow: the longer of two where one extends the other.
std::vector<std::string> intersectPrefixes(const std::vector<std::string> &A,
                                           const std::vector<std::string> &B, bool &Empty) {
  if (A.empty())
    return B;
  if (B.empty())
    return A;
  std::vector<std::string> Out;
  for (const std::string &X : A)
    for (const std::string &Y : B) {
      const std::string *Longer = nullptr;
      if (llvm::StringRef(Y).startswith(X))
        Longer = &Y;
      else if (llvm::StringRef(X).startswith(Y))
        Longer = &X;
      if (Longer && std::find(Out.begin(), Out.end(), *Longer) == Out.end())
        Out.push_back(*Longer);
    }
  Empty |= Out.empty();
  return Out;
}

} // namespace

bool Query::matches(const Budget &B, const Allocation &A) const {
  if (A.TwoView && !AnyView) {
    bool Economic = economicView();
    if (A.byEconomicOnly() ? !Economic || !Functions.empty() : Economic)
      return false;
  }
  uint8_t N = Natures ? Natures : SpentNatures;
  if (Empty || !(N >> unsigned(A.Kind) & 1) || (CostClasses && !(CostClasses >> unsigned(A.Cost) & 1)))
    return false;
  if (RunningCosts && (A.Kind != Nature::Basic || A.Cost != CostClass::Public ||
                       !A.Source->Appropriation || !B.isAdministrative(A.UnitIndex)))
    return false;
  if (CarryOver && *CarryOver != A.CarryOver)
    return false;
  if (Funds && !std::binary_search(Funds->begin(), Funds->end(), A.Source, std::less<>()))
    return false;
  if (Units && !std::binary_search(Units->begin(), Units->end(), A.UnitIndex))
    return false;
  if (Projects && !std::binary_search(Projects->begin(), Projects->end(), A.Project))
    return false;
  return anyPrefix(Functions, A.Function) && anyPrefix(Economics, A.Economic);
}

bool Query::matches(const Budget &B, const Project &P, const ProjectAmount &M) const {
  uint8_t N = Natures ? Natures : SpentNatures;
  if (Empty || !(N >> unsigned(Nature::Project) & 1) || CostClasses || RunningCosts ||
      !Functions.empty() || !Economics.empty())
    return false;
  if (CarryOver && *CarryOver != M.CarryOver)
    return false;
  if (Funds && !std::binary_search(Funds->begin(), Funds->end(), M.Source, std::less<>()))
    return false;
  return !Units || std::binary_search(Units->begin(), Units->end(), P.UnitIndex);
}

bool Query::matches(const ControlTotal &C) const {
  if (Empty)
    return false;
  if (CarryOver && *CarryOver != C.CarryOver)
    return false;
  if (Funds && !std::binary_search(Funds->begin(), Funds->end(), C.Source, std::less<>()))
    return false;
  if (Units && !std::binary_search(Units->begin(), Units->end(), C.UnitIndex))
    return false;
  return true;
}

Query Query::intersect(const Query &A, const Query &B) {
  Query Q;
  Q.Income = A.Income || B.Income;
  Q.Empty = A.Empty || B.Empty;
  Q.Underivable = A.Underivable || B.Underivable;
  Q.UnderivableName = A.UnderivableName.empty() ? B.UnderivableName : A.UnderivableName;
  Q.RunningCosts = A.RunningCosts || B.RunningCosts;
  if (A.CarryOver && B.CarryOver && *A.CarryOver != *B.CarryOver)
    Q.Empty = true;
  Q.CarryOver = A.CarryOver ? A.CarryOver : B.CarryOver;
  // An unconstrained kind (0) takes the other query's; two constraints, what both allow.
  auto Both = [&](uint8_t X, uint8_t Y) {
    if (!X || !Y)
      return uint8_t(X | Y);
    uint8_t R = X & Y;
    Q.Empty |= !R;
    return R;
  };
  Q.Natures = Both(A.Natures, B.Natures);
  Q.CostClasses = Both(A.CostClasses, B.CostClasses);
  Q.Funds = intersectSets(A.Funds, B.Funds);
  Q.Units = intersectSets(A.Units, B.Units);
  Q.Projects = intersectSets(A.Projects, B.Projects);
  Q.Empty |= (Q.Funds && Q.Funds->empty()) || (Q.Units && Q.Units->empty()) ||
             (Q.Projects && Q.Projects->empty());
  Q.Functions = intersectPrefixes(A.Functions, B.Functions, Q.Empty);
  Q.Economics = intersectPrefixes(A.Economics, B.Economics, Q.Empty);
  return Q;
}

std::optional<Decimal> evaluate(const Budget &B, const Query &Q) {
  Decimal Total;
  auto Add = [&](Decimal D) {
    auto Next = Total.add(D);
    if (Next)
      Total = *Next;
    return Next.has_value();
  };
  if (Q.Empty)
    return Total;
  if (Q.spending()) {
    for (const Allocation &A : B.Allocations)
      if (Q.matches(B, A) && !Add(A.Yuan))
        return std::nullopt;
    // A project that is a record of money given by function (项目支出 blocks) has no
    // allocations: a figure of that project adds its amounts.
    if (Q.Projects)
      for (int I : *Q.Projects) {
        const Project &P = B.Projects[static_cast<size_t>(I)];
        if (!P.Itemised)
          for (const ProjectAmount &M : P.Amounts)
            if (Q.matches(B, P, M) && !Add(M.Yuan))
              return std::nullopt;
      }
  } else {
    for (const ControlTotal &C : B.Income)
      if (Q.matches(C) && !Add(C.Yuan))
        return std::nullopt;
  }
  return Total;
}

bool heldForDepartment(const Budget &B, const Query &Q) {
  if (B.OrgUnits.size() < 2 || Q.Empty || !Q.spending() || !Q.Units ||
      std::binary_search(Q.Units->begin(), Q.Units->end(), DepartmentLevel))
    return false;
  Query Whole = Q;
  Whole.Units = std::vector<size_t>{DepartmentLevel};
  // Records give a project's money by unit, but by no code (Query::matches on a record).
  bool Records = Q.Functions.empty() && Q.Economics.empty() &&
                 std::any_of(B.Projects.begin(), B.Projects.end(),
                             [](const Project &P) { return !P.Itemised; });
  for (const Allocation &A : B.Allocations)
    if (A.UnitIndex == DepartmentLevel && !A.Yuan.isZero() &&
        !(Records && A.Kind == Nature::Project) && Whole.matches(B, A))
      return true;
  return false;
}

} // namespace budc::model

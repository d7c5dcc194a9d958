//===- model.cpp - The resolved budget: what the source means ---------------===//
#include "compiler/model/model.h"

#include <cstring>

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

std::vector<std::string> UnitTable::names() const {
  std::vector<std::string> Out;
  for (const auto &E : Units)
    Out.push_back(E.first().str());
  std::sort(Out.begin(), Out.end());
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

const CatalogueEntry *Catalogue::find(llvm::StringRef Code) const {
  auto It = Entries.find(Code.str());
  return It == Entries.end() ? nullptr : &It->second;
}

std::string Budget::money(Decimal Yuan) const {
  auto V = Yuan.div(MoneyFactor);
  return (V ? V->toString(2) : Yuan.toString(2)) + MoneyUnit;
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

const Template *Budget::findTemplate() const {
  for (const Template &T : Templates)
    if (TemplateName.empty() || T.Name == TemplateName)
      return &T;
  return nullptr;
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
  Nature N;
};
// The first spelling of each nature is its own; the others are what tables also print.
const NatureSpelling NatureSpellings[] = {
    {"≥", Nature::Ge}, {">=", Nature::Ge}, {"大于等于", Nature::Ge}, {"大于或等于", Nature::Ge},
    {"≤", Nature::Le}, {"<=", Nature::Le}, {"小于等于", Nature::Le}, {"小于或等于", Nature::Le},
    {"=", Nature::Eq}, {"等于", Nature::Eq}, {">", Nature::Gt}, {"大于", Nature::Gt},
    {"<", Nature::Lt}, {"小于", Nature::Lt}, {"≠", Nature::Ne}, {"!=", Nature::Ne},
    {"定量", Nature::Quantitative}, {"quantitative", Nature::Quantitative},
    {"定性", Nature::Qualitative}, {"qualitative", Nature::Qualitative},
    {"正向", Nature::Positive}, {"positive", Nature::Positive},
    {"反向", Nature::Negative}, {"negative", Nature::Negative},
};
} // namespace

llvm::StringRef natureWord(Nature N) {
  if (N == Nature::None)
    return "";
  for (const NatureSpelling &S : NatureSpellings)
    if (S.N == N)
      return S.Word;
  return "";
}

std::optional<Nature> natureFromWord(llvm::StringRef W) {
  for (const NatureSpelling &S : NatureSpellings)
    if (W == S.Word)
      return S.N;
  return std::nullopt;
}

Comparator comparatorOf(Nature N) {
  switch (N) {
  case Nature::Ge: return Comparator::Ge;
  case Nature::Le: return Comparator::Le;
  case Nature::Eq: return Comparator::Eq;
  case Nature::Gt: return Comparator::Gt;
  case Nature::Lt: return Comparator::Lt;
  case Nature::Ne: return Comparator::Ne;
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

Direction directionOf(Nature N) {
  if (N == Nature::Positive)
    return Direction::Up;
  if (N == Nature::Negative)
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

} // namespace budc::model

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

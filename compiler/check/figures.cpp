//===- figures.cpp - Money rules: declared figures --------------------------===//
#include "compiler/check/rules.h"

#include <map>

namespace budc::check {
namespace {

/// What the budget's facts say a declared figure should be.
class Deriver {
public:
  explicit Deriver(const model::Budget &B) : B(B) {}

  /// Known is false for a key budc does not know; the value is empty for a known figure that
  /// cannot be derived from the facts alone (教学科研人员因公出国（境）费).
  std::optional<Decimal> derive(llvm::ArrayRef<std::string> Key, bool &Known) const {
    Known = true;
    llvm::StringRef Top = Key[0];
    auto All = [&](auto Pred) {
      Sum S;
      for (const model::Allocation &A : B.Allocations)
        if (Pred(A))
          S.add(A.Yuan);
      return S.get();
    };
    auto Income = [&](auto Pred) {
      Sum S;
      for (const model::ControlTotal &C : B.Income)
        if (Pred(C))
          S.add(C.Yuan);
      return S.get();
    };
    if (Key.size() == 1) {
      if (Top == "收入总计")
        return Income([](const auto &) { return true; });
      if (Top == "本年收入合计")
        return Income([](const model::ControlTotal &C) { return !C.CarryOver; });
      if (Top == "上年结转" || Top == "上年结转结余")
        return Income([](const model::ControlTotal &C) { return C.CarryOver; });
      if (Top == "支出总计" || Top == "本年支出合计" || Top == "功能科目")
        return All([](const auto &) { return true; });
      if (Top == "基本支出")
        return All([](const model::Allocation &A) { return A.isBasic(); });
      if (Top == "项目支出")
        return All([](const model::Allocation &A) { return !A.isBasic(); });
      if (Top == "经济科目")
        return All([](const model::Allocation &A) { return !A.Economic.empty(); });
      if (Top == "三公经费")
        return sanGong({"因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"});
      if (Top == "机关运行经费")
        return runningCosts("");
    }
    if (Key.size() == 2) {
      llvm::StringRef Sub = Key[1];
      if (Top == "基本支出" && (Sub == "人员经费" || Sub == "公用经费"))
        return All([&](const model::Allocation &A) {
          return A.isBasic() && costClass(A.Economic) == Sub;
        });
      if (Top == "功能科目" && isCode(Sub))
        return All([&](const model::Allocation &A) {
          return llvm::StringRef(A.Function).startswith(Sub);
        });
      if (Top == "经济科目" && isCode(Sub))
        return All([&](const model::Allocation &A) {
          return llvm::StringRef(A.Economic).startswith(Sub);
        });
      if (Top == "三公经费") {
        if (Sub == "公务用车购置及运维费")
          return sanGong({"公务用车购置费", "公务用车运行维护费"});
        if (Sub == "因公出国（境）费" || Sub == "公务用车购置费" || Sub == "公务用车运行维护费" ||
            Sub == "公务接待费")
          return sanGong({Sub});
      }
      if (Top == "机关运行经费" && economicByName(Sub))
        return runningCosts(economicByName(Sub)->Code);
    }
    if (Key.size() == 3 && Top == "三公经费") {
      llvm::StringRef Sub = Key[1], Item = Key[2];
      if (Sub == "公务用车购置及运维费" && (Item == "公务用车购置费" || Item == "公务用车运行维护费"))
        return sanGong({Item});
      if (Sub == "因公出国（境）费" &&
          (Item == "教学科研人员因公出国（境）费" || Item == "其他因公出国（境）费"))
        return std::nullopt; // the split is not in the economic classification
    }
    Known = false;
    return std::nullopt;
  }

  static constexpr const char *KnownFigures =
      "收入总计, 本年收入合计, 上年结转, 支出总计, 基本支出 {人员经费, 公用经费}, 项目支出, "
      "功能科目 {CODE}, 经济科目 {CODE}, 三公经费 {…}, 机关运行经费 {economic 款 name}";

private:
  static bool isCode(llvm::StringRef S) {
    return !S.empty() && S.find_first_not_of("0123456789") == llvm::StringRef::npos;
  }

  std::string costClass(const std::string &Economic) const {
    if (Economic.size() < 3)
      return "";
    if (const model::CatalogueEntry *E = B.Economics.find(Economic.substr(0, 3)))
      return E->CostClass;
    return "";
  }

  std::optional<Decimal> sanGong(std::initializer_list<llvm::StringRef> Items) const {
    Sum S;
    for (const model::Allocation &A : B.Allocations) {
      const model::CatalogueEntry *E = B.Economics.find(A.Economic);
      if (!E || !A.Source->Appropriation)
        continue;
      for (llvm::StringRef I : Items)
        if (E->SanGong == I)
          S.add(A.Yuan);
    }
    return S.get();
  }

  const model::CatalogueEntry *economicByName(llvm::StringRef Name) const {
    for (const auto &[Code, E] : B.Economics.Entries)
      if (Code.size() == 5 && E.isNamed(Name))
        return &E;
    return nullptr;
  }

  /// 机关运行经费: the 公用经费 of administrative units paid by appropriations.
  std::optional<Decimal> runningCosts(const std::string &Economic) const {
    Sum S;
    for (const model::Allocation &A : B.Allocations) {
      if (!A.isBasic() || !A.Source->Appropriation || costClass(A.Economic) != "公用经费")
        continue;
      if (A.UnitIndex < B.OrgUnits.size() && !B.OrgUnits[A.UnitIndex].isAdministrative())
        continue;
      if (Economic.empty() || A.Economic == Economic)
        S.add(A.Yuan);
    }
    return S.get();
  }

  const model::Budget &B;
};

std::string keyLabel(llvm::ArrayRef<std::string> Key) {
  std::string Out;
  for (size_t I = 0; I < Key.size(); ++I)
    Out += (I ? "/" : "") + Key[I];
  return Out;
}

/// Whether \p Derived, printed at the declared figure's precision, is the declared amount.
bool agrees(const model::Budget &B, const model::Declared &D, Decimal Derived) {
  unsigned Places = std::max(2u, D.Decimals);
  auto InUnit = Derived.div(B.MoneyFactor);
  auto Declared = D.Yuan.div(B.MoneyFactor);
  if (!InUnit || !Declared)
    return false;
  return InUnit->round(Places) == *Declared;
}

void declared(const model::Budget &B, const Deriver &Dv, const model::Declared &D,
              DiagEngine &Diags, std::map<std::string, const model::Declared *> &Totals) {
  bool Known;
  std::optional<Decimal> Derived = Dv.derive(D.Key, Known);
  std::string Label = keyLabel(D.Key);
  if (!Known) {
    Diags.report(D.Where, diag::UnknownDeclaredFigure, {Label, Deriver::KnownFigures});
    return; // its parts are unknown too
  }
  if (D.HasAmount && D.Key.size() == 1)
    Totals[D.Key[0]] = &D;
  if (D.HasAmount && Derived && !agrees(B, D, *Derived)) {
    Decimal Diff = D.Yuan.sub(*Derived).value_or(Decimal()).abs();
    auto InUnit = Derived->div(B.MoneyFactor);
    Diags
        .report(D.AmountWhere, diag::DeclaredMismatch,
                {Label, B.money(D.Yuan), B.money(*Derived), B.money(Diff)})
        .fixIt(D.AmountWhere, InUnit ? InUnit->toString(std::max(2u, D.Decimals)) : "");
  }
  // A declared figure and its declared parts must agree with each other, too.
  if (D.HasAmount && !D.Children.empty()) {
    Sum Parts;
    bool AllParts = true;
    for (const model::Declared &C : D.Children) {
      AllParts &= C.HasAmount;
      Parts.add(C.Yuan);
    }
    if (AllParts && Parts.get() && *Parts.get() != D.Yuan)
      Diags.report(D.AmountWhere, diag::DeclaredPartsMismatch,
                   {Label, B.money(D.Yuan), B.money(*Parts.get())});
  }
  for (const model::Declared &C : D.Children)
    declared(B, Dv, C, Diags, Totals);
}

} // namespace

void declaredFigures(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  // Declared figures against the facts, and against each other.
  Deriver Dv(B);
  std::map<std::string, const model::Declared *> Totals;
  for (const model::Declared &D : B.DeclaredFigures)
    declared(B, Dv, D, Diags, Totals);
  if (Totals.count("收入总计") && Totals.count("支出总计") &&
      Totals["收入总计"]->Yuan != Totals["支出总计"]->Yuan) {
    const model::Declared *In = Totals["收入总计"], *Out = Totals["支出总计"];
    Diags
        .report(Out->AmountWhere, diag::IncomeExpenditureMismatch,
                {B.money(In->Yuan), B.money(Out->Yuan),
                 B.money(In->Yuan.sub(Out->Yuan).value_or(Decimal()).abs())})
        .note(In->AmountWhere, diag::NoteOtherDeclared, {B.money(In->Yuan)});
  }

}

} // namespace budc::check

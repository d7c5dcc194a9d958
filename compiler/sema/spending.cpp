//===- spending.cpp - Income, basic expenditure and projects ----------------===//
//
// The money facts: income lines by fund, basic expenditure by function and economic code,
// projects with their amount lines; the codes each names are checked against the year's
// catalogue (BUD1xx).
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

namespace {

const CodeKind FunctionItem{"function code", "功能科目", "function 项 code", "功能科目项级编码",
                            "basic expenditure and projects are classified by a 7-digit 项",
                            "基本支出和项目按7位的项级功能科目分类", 7};
const CodeKind EconomicItem{"economic code", "经济科目", "economic 款 code", "经济科目款级编码",
                            "expenditure is classified by a 5-digit economic 款",
                            "支出按5位的款级经济科目分类", 5};

} // namespace

void FactReader::income(const ast::Income &I, size_t Unit) {
  for (const ast::IncomeLine *L : I.Lines) {
    const model::Fund *F = fund(L->Fund);
    auto Yuan = R.money(L->Amount);
    if (!F || !Yuan)
      continue;
    if (L->CarryForward) {
      // Income kept for next year (年终结转结余): a fact of the expenditure side.
      std::string Key = std::to_string(Unit) + "|结转下年|" + F->Name;
      auto [It, New] = BasicLines.try_emplace(Key, L->Range);
      if (!New) {
        Diags.report(L->Fund.Range, diag::DuplicateDeclaration, {"carry-forward of", F->Name})
            .zh({"结转下年", F->Name})
            .note(It->second, diag::NoteFirstDeclared);
        continue;
      }
      model::Allocation A;
      A.UnitIndex = Unit;
      A.Source = F;
      A.Kind = model::Nature::CarryForward;
      A.Yuan = *Yuan;
      A.Where = L->Range;
      B.Allocations.push_back(A);
      continue;
    }
    for (const model::ControlTotal &C : B.Income)
      if (C.UnitIndex == Unit && C.Source == F && C.CarryOver == L->CarryOver) {
        Diags.report(L->Fund.Range, diag::DuplicateDeclaration,
                     {"control total of", (L->CarryOver ? "上年结转 " : "") + F->Name})
            .zh({"控制数", (L->CarryOver ? "上年结转 " : "") + F->Name})
            .note(C.Where, diag::NoteFirstDeclared);
        F = nullptr;
        break;
      }
    if (!F)
      continue;
    B.Income.push_back({Unit, F, L->CarryOver, *Yuan, L->Range, L->Amount.Range});
  }
}

bool FactReader::code(const model::Catalogue &Cat, const ast::Code &C, const ast::Text &Name,
                      const CodeKind &K) {
  if (!C.present())
    return false;
  llvm::StringRef Code = C.Value;
  // An economic code may go one level below the 款 where the catalogue has that level
  // (重庆: 3010201 规范性津补贴 under 30102 津贴补贴, added in the workspace's 科目表).
  bool Deeper = &K == &EconomicItem && Code.size() == K.Length + 2 && Cat.find(Code);
  if (Code.size() != K.Length && !Deeper) {
    Diags.report(C.Range, diag::MalformedCode, {Code.str(), K.LevelEn, K.WhyEn})
        .zh({Code.str(), K.LevelZh, K.WhyZh});
    return false;
  }
  std::string Year = std::to_string(Cat.Year);
  if (const model::CatalogueEntry *E = Cat.find(Code)) {
    unsigned BudgetYear = B.Year ? B.Year : Cat.Year;
    if (E->isRetiredIn(BudgetYear))
      Diags
          .report(C.Range, diag::RetiredCode,
                  {K.En, Code.str(), E->Name, std::to_string(E->RetiredBy)})
          .zh({K.Zh, Code.str(), E->Name, std::to_string(E->RetiredBy)});
    if (Name.present() && !E->Name.empty())
      R.catalogueName(Cat, *E, Name, K.En, K.Zh);
    return true;
  }
  // Not in the catalogue: impossible when its 类 (or, in a complete catalogue, any
  // ancestor) is unknown; otherwise the catalogue may simply lack it.
  llvm::StringRef Class = Code.take_front(3);
  if (!Cat.find(Class)) {
    Diags.report(C.Range, diag::ImpossibleCode, {K.En, Code.str(), "类", Class.str(), Year})
        .zh({K.Zh, Code.str(), "类", Class.str(), Year});
    return false;
  }
  Diags.report(C.Range, Cat.Complete ? diag::UnknownCodeComplete : diag::UnknownCode,
               {K.En, Code.str(), Year})
      .zh({K.Zh, Code.str(), Year});
  return !Cat.Complete;
}

void FactReader::costClass(llvm::ArrayRef<ast::Value> Tags, model::Allocation &A) {
  llvm::StringRef Class;
  if (A.Economic.size() >= 3)
    if (const model::CatalogueEntry *E = B.Economics.find(A.Economic.substr(0, 3)))
      Class = E->CostClass;
  for (const ast::Value &T : Tags) {
    if (T.K == ast::Value::Tag && (T.Word.Value == "人员经费" || T.Word.Value == "公用经费") &&
        T.Args.empty()) {
      if (A.CostWritten)
        Diags
            .report(T.range(), diag::DuplicateDeclaration,
                    {A.Economic.empty() ? "cost class of the 金额 line of" : "cost class of line",
                     A.Economic.empty() ? A.Function : A.Economic})
            .zh(A.Economic.empty()
                    ? std::vector<std::string>{"功能科目 " + A.Function + " 金额行的", "经费分类"}
                    : std::vector<std::string>{"经费分类", A.Economic});
      A.CostWritten = true;
      Class = T.Word.Value;
      continue;
    }
    Diags.report(T.range(), diag::UnknownAttribute,
                 {T.Word.Value.str(), "a basic-expenditure line", Fate().En,
                  "; a line takes [人员经费] or [公用经费]"})
        .zh({T.Word.Value.str(), "基本支出行", Fate().Zh, "；此处可用 [人员经费] 或 [公用经费]"});
  }
  A.Cost = Class == "人员经费"   ? model::CostClass::Personnel
           : Class == "公用经费" ? model::CostClass::Public
                                 : model::CostClass::None;
}

void FactReader::basic(const ast::Basic &Bs, size_t Unit) {
  bool ByEconomic = !Bs.Function.present();
  bool FunctionOk = ByEconomic || code(B.Functions, Bs.Function, Bs.Name, FunctionItem);
  if (Bs.Projects && !FirstProjectSpending.isValid())
    FirstProjectSpending = headerOf(Bs);
  const model::Fund *Source = B.findFund("一般公共预算拨款");
  bool CarryOver = false;
  for (ast::Node *I : Bs.Items)
    if (auto *S = llvm::dyn_cast<ast::FundSource>(I)) {
      Source = fund(S->Fund);
      CarryOver = S->CarryOver;
    }
  for (ast::Node *I : Bs.Items) {
    if (auto *M = llvm::dyn_cast<ast::AmountLine>(I)) {
      // Money given by function only, without an economic code (the function view); its
      // fund is its own or the block's.
      const model::Fund *F = M->Fund.present() ? fund(M->Fund) : Source;
      bool Carry = M->Fund.present() ? M->CarryOver : CarryOver || M->CarryOver;
      auto Yuan = R.money(M->Amount);
      if (!FunctionOk || !F || !Yuan)
        continue;
      model::Allocation A;
      A.UnitIndex = Unit;
      A.Function = Bs.Function.Value.str();
      A.Source = F;
      A.CarryOver = Carry;
      A.Kind = Bs.Projects ? model::Nature::Project : model::Nature::Basic;
      if (!Bs.Projects)
        costClass(M->Tags, A);
      else
        for (const ast::Value &T : M->Tags)
          Diags.report(T.range(), diag::UnknownAttribute,
                       {T.Word.Value.str(), "project expenditure", Fate().En, ""})
              .zh({T.Word.Value.str(), "项目支出", Fate().Zh, ""});
      A.Yuan = *Yuan;
      A.Where = M->Range;
      B.Allocations.push_back(A);
      continue;
    }
    auto *L = llvm::dyn_cast<ast::BasicLine>(I);
    if (!L)
      continue;
    bool EconomicOk = code(B.Economics, L->Economic, L->Name, EconomicItem);
    auto Yuan = R.money(L->Amount);
    if (!FunctionOk || !EconomicOk || !Yuan || !Source)
      continue;
    std::string Key = std::to_string(Unit) + (Bs.Projects ? "|p|" : "|") +
                      Bs.Function.Value.str() + "|" + L->Economic.Value.str() + "|" +
                      Source->Name + (CarryOver ? "|c" : "");
    auto [It, New] = BasicLines.try_emplace(Key, L->Range);
    if (!New) {
      // Reported, and still counted: the totals then add up what is written (the fix is
      // one line with the sum), instead of a BUD301 that blames the first line.
      std::string Cell = ByEconomic ? L->Economic.Value.str()
                                    : Bs.Function.Value.str() + " × " + L->Economic.Value.str();
      Diags.report(L->Economic.Range, diag::DuplicateLine, {Cell, Source->Name})
          .note(It->second, diag::NoteFirstDeclared);
    }
    model::Allocation A;
    A.UnitIndex = Unit;
    A.Function = Bs.Function.Value.str();
    A.Economic = L->Economic.Value.str();
    A.Source = Source;
    A.CarryOver = CarryOver;
    A.Kind = Bs.Projects ? model::Nature::Project : model::Nature::Basic;
    if (!Bs.Projects)
      costClass(*L, A);
    A.Yuan = *Yuan;
    A.Where = L->Range;
    B.Allocations.push_back(A);
  }
}

void FactReader::project(const ast::Project &P, size_t Unit) {
  model::Project M;
  M.Code = P.Id.Value.str();
  M.Name = P.Name.Value.str();
  M.UnitIndex = Unit;
  M.Where = P.Range;
  M.CodeWhere = P.Id.Range;
  M.NameWhere = P.Name.Range;
  // A project is identified by its code, or by its unit and name when it has none (two
  // units may each have a 机构运行辅助经费: 广州市气象局's 表12).
  std::string Key = M.Code.empty() ? "name:" + std::to_string(Unit) + ":" + M.Name : M.Code;
  auto [It, New] = Projects.try_emplace(Key, P.Range);
  if (!New) {
    Diags.report(P.Id.present() ? P.Id.Range : P.Name.Range, diag::DuplicateProject,
                 {M.Code.empty() ? M.Name : M.Code})
        .note(It->second, diag::NoteFirstDeclared);
    return;
  }
  int Index = static_cast<int>(B.Projects.size());
  bool FunctionOk = false;
  std::string Economic;
  for (ast::Node *I : P.Items) {
    if (auto *F = llvm::dyn_cast<ast::FunctionRef>(I)) {
      FunctionOk = code(B.Functions, F->Id, F->Name, FunctionItem);
      M.Function = F->Id.Value.str();
      M.FunctionWhere = F->Range;
    } else if (auto *E = llvm::dyn_cast<ast::EconomicRef>(I)) {
      if (code(B.Economics, E->Id, E->Name, EconomicItem))
        Economic = E->Id.Value.str();
    }
  }
  // Without a 功能科目, a record of project expenditure given by function only, when the
  // budget has such (decided once every fact is read); else BUD115 then.
  if (M.Function.empty()) {
    M.Itemised = false;
    Records.push_back({Index, headerOf(P)});
  }
  bool HasAmount = false;
  for (ast::Node *I : P.Items) {
    if (auto *A = llvm::dyn_cast<ast::AmountLine>(I)) {
      HasAmount = true;
      const model::Fund *F = fund(A->Fund);
      auto Yuan = R.money(A->Amount);
      if (!F || !Yuan || (!FunctionOk && M.Itemised))
        continue;
      if (!M.FirstAmountWhere.isValid())
        M.FirstAmountWhere = A->Range;
      M.Amounts.push_back({F, A->CarryOver, *Yuan, A->Range});
      if (!M.Itemised) {
        if (auto Sum = M.Yuan.add(*Yuan))
          M.Yuan = *Sum;
        else
          Diags.report(A->Amount.Range, diag::MoneyOverflow, {A->Amount.Number.str()});
        continue;
      }
      model::Allocation Al;
      Al.UnitIndex = Unit;
      Al.Function = M.Function;
      Al.Economic = Economic;
      Al.Project = Index;
      Al.Source = F;
      Al.CarryOver = A->CarryOver;
      Al.Kind = model::Nature::Project;
      Al.Yuan = *Yuan;
      Al.Where = A->Range;
      auto Sum = M.Yuan.add(*Yuan);
      if (!Sum) {
        Diags.report(A->Amount.Range, diag::MoneyOverflow, {A->Amount.Number.str()});
        continue;
      }
      M.Yuan = *Sum;
      if (!A->HasSplit) {
        M.Allocations.push_back(B.Allocations.size());
        B.Allocations.push_back(Al);
        continue;
      }
      // The amount by economic 款: one allocation per line, and the lines add up to it.
      Decimal Parts;
      bool Ok = true;
      std::vector<model::Allocation> Split;
      for (const ast::BasicLine *L : A->Split) {
        bool EconomicOk = code(B.Economics, L->Economic, L->Name, EconomicItem);
        auto Part = R.money(L->Amount);
        if (!EconomicOk || !Part) {
          Ok = false;
          continue;
        }
        for (const ast::Value &T : L->Tags)
          Diags.report(T.range(), diag::UnknownAttribute,
                       {T.Word.Value.str(), "a project amount's split", Fate().En,
                        "; a project's money is 项目支出, not 人员经费 or 公用经费"})
              .zh({T.Word.Value.str(), "项目金额的分解", Fate().Zh,
                   "；项目资金属于项目支出，不分人员经费和公用经费"});
        model::Allocation X = Al;
        X.Economic = L->Economic.Value.str();
        X.Yuan = *Part;
        X.Where = L->Range;
        auto Next = Parts.add(*Part);
        if (!Next) {
          Diags.report(L->Amount.Range, diag::MoneyOverflow, {L->Amount.Number.str()});
          Ok = false;
          continue;
        }
        Parts = *Next;
        Split.push_back(X);
      }
      if (Ok && Parts != *Yuan)
        Diags
            .report(A->Amount.Range, diag::AmountSplitMismatch,
                    {B.money(*Yuan), B.money(Parts),
                     B.money(Yuan->sub(Parts).value_or(Decimal()).abs())})
            .note(A->Split.empty() ? A->Range : A->Split.front()->Range,
                  diag::NoteSplitHere);
      if (!Ok || Parts != *Yuan) {
        // Counted once as written, so that the sums stay right; the split is not used.
        M.Allocations.push_back(B.Allocations.size());
        B.Allocations.push_back(Al);
        continue;
      }
      for (model::Allocation &X : Split) {
        M.Allocations.push_back(B.Allocations.size());
        B.Allocations.push_back(std::move(X));
      }
    }
  }
  if (!HasAmount)
    Diags.report(headerOf(P), diag::ProjectWithoutAmount, {M.Name});
  B.Projects.push_back(std::move(M));
  Bodies.push_back({&P, B.Projects.size() - 1});
}

} // namespace budc::sema

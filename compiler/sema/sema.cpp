//===- sema.cpp - From syntax trees to the budget model ---------------------===//
#include "compiler/sema/resolver.h"

#include "compiler/ast/pack.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>
#include <atomic>
#include <set>
#include <tuple>

namespace budc::sema {
namespace {

struct CodeKind {
  const char *En, *Zh;          ///< "function code", "功能科目"
  const char *LevelEn, *LevelZh; ///< what the place requires: "function 项 code"
  const char *WhyEn, *WhyZh;
  size_t Length;
};

const CodeKind FunctionItem{"function code", "功能科目", "function 项 code", "功能科目项级编码",
                            "basic expenditure and projects are classified by a 7-digit 项",
                            "基本支出和项目按7位的项级功能科目分类", 7};
const CodeKind EconomicItem{"economic code", "经济科目", "economic 款 code", "经济科目款级编码",
                            "expenditure is classified by a 5-digit economic 款",
                            "支出按5位的款级经济科目分类", 5};

} // namespace

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

std::optional<Decimal> ValueReader::money(const ast::Quantity &Q) const {
  if (!Q.present())
    return std::nullopt;
  std::string Shown = (Q.Negative ? "-" : "") + Q.Number.str() + Q.Unit.str();
  Decimal Factor = B.MoneyFactor;
  if (!Q.Unit.empty()) {
    const model::UnitDef *U = B.Units.find(Q.Unit);
    if (!U) {
      unknownUnit(Q.Unit, Q.unitRange());
      return std::nullopt;
    }
    if (U->Dim != model::Dimension::Money) {
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
  auto [Numerator, Denominator] = Written.split('/');
  if (!Written.contains('/')) {
    if (B.Units.find(Written))
      return Written;
    // A known unit followed by 数 (次数, 天数, 个数, 人数) names the quantity, not its unit.
    llvm::StringRef Stem = Written;
    if (Stem.consume_back("数") && !Stem.empty() && B.Units.find(Stem)) {
      Noun = true;
      return Stem;
    }
    return std::nullopt;
  }
  if (!B.Units.find(Numerator))
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 2> Parts;
  Denominator.split(Parts, '.');
  for (llvm::StringRef P : Parts)
    if (!B.Units.find(P))
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
  auto Split = Q.Unit.split('/');
  llvm::StringRef Numerator = Split.first, Denominator = Split.second;
  const model::UnitDef *U = B.Units.find(Numerator);
  Span UnitRange = Q.unitRange();
  Span NumeratorRange{UnitRange.File, UnitRange.Begin,
                      UnitRange.Begin + static_cast<uint32_t>(Numerator.size())};
  if (!U) {
    unknownUnit(Numerator, NumeratorRange);
    return std::nullopt;
  }
  // Every part of a denominator (人.年) must be a unit too.
  if (!Denominator.empty()) {
    llvm::SmallVector<llvm::StringRef, 2> Parts;
    Denominator.split(Parts, '.');
    for (llvm::StringRef P : Parts)
      if (!B.Units.find(P)) {
        unknownUnit(P, UnitRange);
        return std::nullopt;
      }
  }
  if (U->Dim == model::Dimension::Money) {
    std::string Root;
    auto Yuan = B.Units.toRoot(Numerator, T.Number, Root);
    if (!Yuan) {
      Diags.report(Q.Range, diag::MoneyOverflow, {Q.Number.str() + Q.Unit.str()});
      return std::nullopt;
    }
    T.Yuan = *Yuan;
    T.Kind = Denominator.empty() ? model::ValueKind::Money : model::ValueKind::MoneyRate;
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
  if (!Denominator.empty() && T.Kind != model::ValueKind::Percent)
    T.Kind = model::ValueKind::Measure; // a rate of non-money quantities: 人/村
  return T;
}

//===----------------------------------------------------------------------===//
// Facts
//===----------------------------------------------------------------------===//

namespace {

/// Reads the facts of the workspace files into the model.
class FactReader {
public:
  FactReader(Resolver &R) : R(R), B(R.B), Diags(R.Diags) {}

  void run(llvm::ArrayRef<ast::File *> Files, unsigned Jobs) {
    reserve(Files);
    collectUnits(Files);
    for (ast::File *F : Files)
      for (ast::Node *N : F->Items)
        attributes(*N);
    for (ast::File *F : Files)
      for (ast::Node *N : F->Items)
        if (auto *C = llvm::dyn_cast<ast::Citation>(N))
          citation(*C);
    for (ast::File *F : Files)
      for (ast::Node *N : F->Items)
        topLevel(*N);
    bodies(Jobs);
    views();
    records();
    declaredFigures();
  }

private:
  /// Sizes the model's largest vectors before reading: grown by doubling, the 74,000
  /// projects of a million lines were moved several times and touched about twice the
  /// memory they finally hold (fresh memory is a large part of a big check's time).
  void reserve(llvm::ArrayRef<ast::File *> Files) {
    size_t NProjects = 0, NAllocations = 0;
    auto Block = [&](const ast::Node &N) {
      if (auto *P = llvm::dyn_cast<ast::Project>(&N)) {
        ++NProjects;
        for (const ast::Node *I : P->Items)
          NAllocations += llvm::isa<ast::AmountLine>(I);
      } else if (auto *Bs = llvm::dyn_cast<ast::Basic>(&N)) {
        NAllocations += Bs->Items.size();
      }
    };
    for (const ast::File *F : Files)
      for (const ast::Node *N : F->Items) {
        Block(*N);
        if (auto *U = llvm::dyn_cast<ast::Unit>(N))
          for (const ast::Node *I : U->Items)
            Block(*I);
        else if (auto *D = llvm::dyn_cast<ast::Department>(N))
          for (const ast::Node *I : D->Items)
            if (auto *DU = llvm::dyn_cast<ast::Unit>(I))
              for (const ast::Node *J : DU->Items)
                Block(*J);
      }
    B.Projects.reserve(B.Projects.size() + NProjects);
    B.Allocations.reserve(B.Allocations.size() + NAllocations);
  }

  //===-- attributes -------------------------------------------------------===//

  /// Reports attributes a block does not know (a typo in 性质 would silently change which
  /// units count as administrative, for instance).
  void known(llvm::ArrayRef<ast::Node *> Items, llvm::ArrayRef<std::string> Keys,
             const char *En, const char *Zh) {
    for (ast::Node *N : Items)
      if (auto *A = llvm::dyn_cast<ast::Attr>(N))
        known(*A, Keys, En, Zh);
  }
  void known(const ast::Attr &A, llvm::ArrayRef<std::string> Keys, const char *En,
             const char *Zh) {
    if (std::find(Keys.begin(), Keys.end(), A.Key.Value.str()) != Keys.end())
      return;
    std::string Guess = closest(A.Key.Value, Keys);
    auto D = Diags.report(A.Key.Range, diag::UnknownAttribute,
                          {A.Key.Value.str(), En,
                           Guess.empty() ? "; known here: " + join(Keys, ", ")
                                         : "; did you mean '" + Guess + "'?"});
    D.zh({A.Key.Value.str(), Zh,
          Guess.empty() ? "；此处可用：" + join(Keys, "、") : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(A.Key.Range, Guess);
  }
  static std::string join(llvm::ArrayRef<std::string> Items, const char *Sep) {
    std::string Out;
    for (size_t I = 0; I < Items.size(); ++I)
      Out += (I ? Sep : "") + Items[I];
    return Out;
  }

  void attributes(const ast::Node &N) {
    static const std::vector<std::string> Header{"金额单位", "地区", "模板", "框架", "权重合计", "预留"},
        UnitKeys{"性质", "规格", "经费保障"}, DeptKeys{"主管", "性质", "规格", "经费保障"},
        ProjectKeys{"用途", "备注", "重点"},
        AssetKeys{"截止日期", "上年末固定资产金额", "本年拟购置固定资产总额", "资产"},
        RowKeys{"采购"},
        PurchaseKeys{"项目", "品目", "目录序号", "计量单位", "数量", "单价", "采购金额", "中小企业份额"};
    if (auto *H = llvm::dyn_cast<ast::Budget>(&N)) {
      for (const ast::Attr *A : H->Attrs)
        known(*A, Header, "the budget header", "预算声明");
    } else if (auto *D = llvm::dyn_cast<ast::Department>(&N)) {
      known(D->Items, DeptKeys, "the department", "部门");
      for (ast::Node *I : D->Items)
        attributes(*I);
    } else if (auto *U = llvm::dyn_cast<ast::Unit>(&N)) {
      known(U->Items, UnitKeys, "a unit", "单位");
      for (ast::Node *I : U->Items)
        attributes(*I);
    } else if (auto *P = llvm::dyn_cast<ast::Project>(&N)) {
      known(P->Items, ProjectKeys, "a project", "项目");
    } else if (auto *As = llvm::dyn_cast<ast::Assets>(&N)) {
      for (const ast::Attr *A : As->Rows)
        known(*A, AssetKeys, "the state-assets table", "国有资产");
    } else if (auto *Pr = llvm::dyn_cast<ast::Procurement>(&N)) {
      // A procurement row may have any key the budget's template lists as a column.
      std::vector<std::string> Keys = PurchaseKeys;
      for (const std::string &K : templateFields("政府采购"))
        if (std::find(Keys.begin(), Keys.end(), K) == Keys.end())
          Keys.push_back(K);
      for (const ast::Attr *A : Pr->Rows) {
        known(*A, RowKeys, "the procurement table", "政府采购");
        for (const ast::Attr *C : A->Children)
          known(*C, Keys, "a procurement row", "政府采购条目");
      }
    }
  }

  /// The fields the budget's template lists the facts of \p Source (政府采购, 资产) by, in
  /// the order of its columns (逐行 政府采购 大类 专项名称 …), including the keys it groups by.
  std::vector<std::string> templateFields(llvm::StringRef Source) const {
    std::vector<std::string> Keys;
    auto Add = [&](const std::string &K) {
      if (std::find(Keys.begin(), Keys.end(), K) == Keys.end())
        Keys.push_back(K);
    };
    if (const model::Template *T = B.findTemplate())
      for (const model::TableTemplate &Tb : T->Tables)
        for (const model::ListingRow &L : Tb.Lines)
          if (L.Kind == model::ListingRow::Records && L.Source == Source) {
            for (const model::TemplateCell &C : L.Cells)
              if ((C.Kind == model::TemplateCell::Field || C.Kind == model::TemplateCell::Money) &&
                  !C.RowTotal)
                Add(C.Text);
            for (const std::string &K : L.GroupBy)
              Add(K);
          }
    return Keys;
  }

  //===-- units and citations --------------------------------------------===//

  void collectUnits(llvm::ArrayRef<ast::File *> Files) {
    // A unit may be opened in several blocks, in any file and in any order (its attributes in
    // one file, its facts in another): the blocks are one unit, their attributes merged.
    std::vector<std::array<const ast::Attr *, 3>> Given; // 性质, 规格, 经费保障 of each unit
    auto Add = [&](const ast::Unit &U) {
      size_t Index = B.OrgUnits.size();
      for (size_t I = 0; I < B.OrgUnits.size(); ++I)
        if (B.OrgUnits[I].Name == U.Name.Value)
          Index = I;
      if (Index == B.OrgUnits.size()) {
        model::Unit M;
        M.Name = U.Name.Value.str();
        M.Where = U.Range;
        B.OrgUnits.push_back(M);
        Given.push_back({});
      }
      UnitIndex[&U] = Index;
      model::Unit &M = B.OrgUnits[Index];
      if (M.Code.empty())
        M.Code = U.Id.Value.str();
      static const char *Keys[] = {"性质", "规格", "经费保障"};
      std::string *Fields[] = {&M.Nature, &M.Rank, &M.Funding};
      for (ast::Node *N : U.Items)
        if (auto *A = llvm::dyn_cast<ast::Attr>(N))
          for (unsigned K = 0; K < 3; ++K)
            if (A->Key.Value == Keys[K] && !A->Values.empty()) {
              std::string V = A->Values[0].Word.Value.str();
              if (const ast::Attr *Old = Given[Index][K]) {
                if (Old->Values[0].Word.Value != V)
                  Diags.report(A->Range, diag::DuplicateDeclaration,
                               {std::string(Keys[K]) + " of unit", M.Name})
                      .zh({std::string("单位的") + Keys[K], M.Name})
                      .note(Old->Range, diag::NoteFirstDeclared);
                continue;
              }
              Given[Index][K] = A;
              *Fields[K] = V;
            }
    };
    for (ast::File *F : Files)
      for (ast::Node *N : F->Items) {
        if (auto *D = llvm::dyn_cast<ast::Department>(N)) {
          DepartmentName = D->Name.Value.str();
          B.DepartmentName = DepartmentName;
          B.DepartmentCode = D->Id.Value.str();
          for (ast::Node *I : D->Items)
            if (auto *A = llvm::dyn_cast<ast::Attr>(I))
              if (A->Key.Value == "性质" && !A->Values.empty())
                B.DepartmentNature = A->Values[0].Word.Value.str();
          for (ast::Node *I : D->Items)
            if (auto *U = llvm::dyn_cast<ast::Unit>(I))
              Add(*U);
        } else if (auto *U = llvm::dyn_cast<ast::Unit>(N)) {
          Add(*U);
        }
      }
    if (B.OrgUnits.empty()) { // a department without declared units is its own unit
      model::Unit M;
      M.Name = DepartmentName;
      M.Nature = "行政";
      B.OrgUnits.push_back(M);
    }
  }

  void citation(const ast::Citation &C) {
    model::Citation M;
    M.Name = C.Name.Value.str();
    M.Text = C.Document.Value.str();
    M.Where = C.Document.Range;
    model::parseCitation(M.Text, M.Title, M.Number);
    auto [It, New] = B.Citations.try_emplace(M.Name, M);
    if (!New)
      Diags.report(C.Name.Range, diag::DuplicateDeclaration, {"citation", M.Name})
          .zh({"依据", M.Name})
          .note(It->second.Where, diag::NoteFirstDeclared);
  }

private:
  //===-- statements -------------------------------------------------------===//

  void topLevel(const ast::Node &N) {
    switch (N.Kind) {
    case ast::NodeKind::Department:
      for (ast::Node *I : llvm::cast<ast::Department>(N).Items)
        if (auto *U = llvm::dyn_cast<ast::Unit>(I))
          unit(*U);
      return;
    case ast::NodeKind::Unit:
      unit(llvm::cast<ast::Unit>(N));
      return;
    case ast::NodeKind::Income:
    case ast::NodeKind::Basic:
    case ast::NodeKind::Project:
      // Facts at the top level belong to the department's only unit, or, in a department of
      // several units, to the department as a whole (a document that splits some figures by
      // unit and gives others for the whole).
      fact(N, B.OrgUnits.size() > 1 ? model::DepartmentLevel : 0);
      return;
    case ast::NodeKind::Declare:
      Declares.push_back({llvm::cast<ast::Declare>(&N), model::DepartmentLevel});
      return;
    case ast::NodeKind::Performance:
      for (ast::Node *I : llvm::cast<ast::Performance>(N).Items)
        performanceItem(*I, nullptr);
      return;
    case ast::NodeKind::Section: {
      auto &S = llvm::cast<ast::Section>(N);
      B.Sections.push_back({S.Title.Value.str(), S.Body.Value.str(), S.Range});
      return;
    }
    case ast::NodeKind::Glossary:
      for (const ast::GlossaryEntry *E : llvm::cast<ast::Glossary>(N).Entries)
        B.Glossary.emplace_back(E->Term.Value.str(), E->Definition.Value.str());
      return;
    case ast::NodeKind::Procurement: {
      B.HasProcurement = true;
      std::set<std::string> Money = moneyKeys("政府采购");
      for (const ast::Attr *A : llvm::cast<ast::Procurement>(N).Rows)
        B.Procurement.push_back(tableFact(*A, &Money));
      return;
    }
    case ast::NodeKind::Assets: {
      B.HasAssets = true;
      std::set<std::string> Money = moneyKeys("资产");
      for (const ast::Attr *A : llvm::cast<ast::Assets>(N).Rows)
        B.Assets.push_back(tableFact(*A, &Money));
      return;
    }
    default:
      return;
    }
  }

  /// The keys of the facts of \p Source (政府采购, 资产) that the budget's template prints as
  /// amounts (逐行 … KEY [货币]).
  std::set<std::string> moneyKeys(llvm::StringRef Source) const {
    std::set<std::string> Keys;
    if (const model::Template *T = B.findTemplate())
      for (const model::TableTemplate &Tb : T->Tables)
        for (const model::ListingRow &L : Tb.Lines)
          if (L.Kind == model::ListingRow::Records && L.Source == Source)
            for (const model::TemplateCell &C : L.Cells)
              if (C.Kind == model::TemplateCell::Money && !C.RowTotal)
                Keys.insert(C.Text);
    return Keys;
  }

  /// A fact of the procurement or assets table; the values of a row's keys in \p Money are
  /// read as amounts (BUD202 for one that is not).
  model::TableFact tableFact(const ast::Attr &A, const std::set<std::string> *Money = nullptr) {
    model::TableFact F;
    F.Key = A.Key.Value.str();
    for (const ast::Value &V : A.Values)
      F.Values.push_back(V.K == ast::Value::Number ? V.Num.Number.str() + V.Num.Unit.str()
                                                   : V.Word.Value.str());
    for (const ast::Attr *C : A.Children) {
      F.Children.push_back(tableFact(*C));
      if (Money && Money->count(F.Children.back().Key)) {
        const ast::Value *V = C->Values.size() == 1 ? &C->Values[0] : nullptr;
        if (V && V->K == ast::Value::Number && V->Num.Cmp == ast::Comparator::None)
          F.Children.back().Yuan = R.money(V->Num);
        else
          Diags.report(C->Values.empty() ? C->Key.Range : C->Values[0].range(), diag::NotMoney,
                       {C->Values.empty() ? C->Key.Value.str() : F.Children.back().Values[0],
                        B.MoneyUnit});
      }
    }
    return F;
  }

  /// The first line of a block, for diagnostics about the whole block.
  Span headerOf(const ast::Node &N) {
    Span S = N.Range;
    llvm::StringRef Text = R.SM.getText(S.File).slice(S.Begin, S.End);
    size_t Eol = Text.find_first_of("\r\n");
    if (Eol != llvm::StringRef::npos)
      S.End = S.Begin + static_cast<uint32_t>(Eol);
    return S;
  }

  void unit(const ast::Unit &U) {
    size_t Index = UnitIndex.count(&U) ? UnitIndex[&U] : 0;
    for (ast::Node *I : U.Items)
      if (llvm::isa<ast::Income, ast::Basic, ast::Project>(I))
        fact(*I, Index);
      else if (auto *D = llvm::dyn_cast<ast::Declare>(I))
        Declares.push_back({D, Index});
  }

  void fact(const ast::Node &N, size_t Unit) {
    if (auto *I = llvm::dyn_cast<ast::Income>(&N))
      income(*I, Unit);
    else if (auto *Bs = llvm::dyn_cast<ast::Basic>(&N))
      basic(*Bs, Unit);
    else if (auto *P = llvm::dyn_cast<ast::Project>(&N))
      project(*P, Unit);
  }

  const model::Fund *fund(const ast::Text &Name) {
    if (!Name.present())
      return nullptr;
    if (const model::Fund *F = B.findFund(Name.Value))
      return F;
    std::vector<std::string> Names;
    for (const model::Fund *F : B.FundOrder)
      Names.push_back(F->Name);
    std::string Guess = closest(Name.Value, Names);
    auto D = Diags.report(Name.Range, diag::UnknownFund,
                          {Name.Value.str(), Guess.empty() ? "" : "; did you mean '" + Guess + "'?"});
    D.zh({Name.Value.str(), Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(Name.Range, Guess);
    return nullptr;
  }

  void income(const ast::Income &I, size_t Unit) {
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

  /// Checks a code written in the budget against its catalogue. True when it may be used.
  bool code(const model::Catalogue &Cat, const ast::Code &C, const ast::Text &Name,
            const CodeKind &K) {
    if (!C.present())
      return false;
    llvm::StringRef Code = C.Value;
    if (Code.size() != K.Length) {
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

  /// The cost class of basic line \p L: its [人员经费] or [公用经费] tag, else its economic 类's.
  void costClass(const ast::BasicLine &L, model::Allocation &A) { costClass(L.Tags, A); }
  void costClass(llvm::ArrayRef<ast::Value> Tags, model::Allocation &A) {
    llvm::StringRef Class;
    if (A.Economic.size() >= 3)
      if (const model::CatalogueEntry *E = B.Economics.find(A.Economic.substr(0, 3)))
        Class = E->CostClass;
    for (const ast::Value &T : Tags) {
      if (T.K == ast::Value::Tag && (T.Word.Value == "人员经费" || T.Word.Value == "公用经费") &&
          T.Args.empty()) {
        if (A.CostWritten)
          Diags.report(T.range(), diag::DuplicateDeclaration, {"cost class of line", A.Economic})
              .zh({"经费分类", A.Economic});
        A.CostWritten = true;
        Class = T.Word.Value;
        continue;
      }
      Diags.report(T.range(), diag::UnknownAttribute,
                   {T.Word.Value.str(), "a basic-expenditure line",
                    "; a line takes [人员经费] or [公用经费]"})
          .zh({T.Word.Value.str(), "基本支出行", "；此处可用 [人员经费] 或 [公用经费]"});
    }
    A.Cost = Class == "人员经费"   ? model::CostClass::Personnel
             : Class == "公用经费" ? model::CostClass::Public
                                   : model::CostClass::None;
  }

  /// A 基本支出 or 项目支出 block: lines by economic code (and, in a block with a function code,
  /// 金额 lines of money given by function only). Without a function code the block gives money
  /// by economic code only: the economic view of money the function view gives elsewhere
  /// (documents print the two, never the cross table).
  void basic(const ast::Basic &Bs, size_t Unit) {
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
                         {T.Word.Value.str(), "project expenditure", ""})
                .zh({T.Word.Value.str(), "项目支出", ""});
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
        Diags
            .report(L->Economic.Range, diag::DuplicateLine,
                    {Bs.Function.Value.str(), L->Economic.Value.str(), Source->Name})
            .note(It->second, diag::NoteFirstDeclared);
        continue;
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

  void project(const ast::Project &P, size_t Unit) {
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
                         {T.Word.Value.str(), "a project amount's split",
                          "; a project's money is 项目支出, not 人员经费 or 公用经费"})
                .zh({T.Word.Value.str(), "项目金额的分解", "；项目资金属于项目支出，不分人员经费和公用经费"});
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

  /// The lines of project \p P that concern it alone: schedule, goals, indicators, purpose.
  /// They are most of a budget and read after every project's header, on several threads
  /// (bodies()); \p D receives their diagnostics.
  void body(const ast::Project &P, model::Project &M, DiagEngine &D) const {
    size_t Indicators = 0; // exactly, so that the vector holds no spare room
    for (ast::Node *I : P.Items)
      if (auto *G = llvm::dyn_cast<ast::Goal>(I))
        Indicators += G->Indicators.size();
      else
        Indicators += llvm::isa<ast::Indicator>(I);
    M.Indicators.reserve(Indicators);
    for (ast::Node *I : P.Items) {
      if (auto *S = llvm::dyn_cast<ast::Schedule>(I)) {
        M.ScheduleWhere = S->Range;
        schedule(*S, M, D);
      } else if (auto *G = llvm::dyn_cast<ast::Goal>(I)) {
        M.Goals.push_back(G->Statement.Value.str());
        M.GoalsWhere.push_back(G->Statement.Range);
        for (const ast::Indicator *Ind : G->Indicators)
          if (auto X = indicator(*Ind, D))
            M.Indicators.push_back(std::move(*X));
      } else if (auto *Ind = llvm::dyn_cast<ast::Indicator>(I)) {
        if (auto X = indicator(*Ind, D))
          M.Indicators.push_back(std::move(*X));
      } else if (auto *At = llvm::dyn_cast<ast::Attr>(I)) {
        if (At->Key.Value == "用途" && !At->Values.empty()) {
          M.Purpose = At->Values[0].Word.Value.str();
          M.PurposeWhere = At->Values[0].range();
        }
        if (At->Key.Value == "重点")
          key(*At, M, D);
      }
    }
  }

  /// Reads every project's body; on several threads when there are many, each with its own
  /// diagnostics for a run of consecutive projects, kept in project order. The budget is only
  /// read meanwhile (each body writes its own project), and diagnostics are sorted by place
  /// when printed, so the output is the same with any number of threads.
  void bodies(unsigned Jobs) {
    size_t N = Bodies.size();
    if (!Jobs)
      Jobs = llvm::hardware_concurrency().compute_thread_count();
    Jobs = static_cast<unsigned>(std::min<size_t>(Jobs, N / 128));
    if (Jobs < 2) {
      for (const auto &[P, Index] : Bodies)
        body(*P, B.Projects[Index], Diags);
      return;
    }
    size_t Runs = size_t(Jobs) * 8; // runs of consecutive projects, taken in turn
    std::vector<DiagEngine> Engines(Runs);
    {
      llvm::ThreadPool Pool(llvm::hardware_concurrency(Jobs));
      std::atomic<size_t> Next{0};
      for (unsigned W = 0; W < Jobs; ++W)
        Pool.async([&] {
          for (size_t Run = Next++; Run < Runs; Run = Next++)
            for (size_t K = Run * N / Runs; K < (Run + 1) * N / Runs; ++K)
              body(*Bodies[K].first, B.Projects[Bodies[K].second], Engines[Run]);
        });
      Pool.wait();
    }
    for (DiagEngine &E : Engines)
      Diags.absorb(std::move(E));
  }

  /// 重点 [N]: a key project, N its place in the 重点项目 table (1, 2, …).
  static void key(const ast::Attr &A, model::Project &M, DiagEngine &Diags) {
    unsigned N = 0;
    bool Ok = A.Children.empty() &&
              (A.Values.empty() ||
               (A.Values.size() == 1 && A.Values[0].K == ast::Value::Number &&
                A.Values[0].Num.Unit.empty() && !A.Values[0].Num.Number.getAsInteger(10, N) && N > 0));
    if (!Ok) {
      Diags.report(A.Range, diag::UnknownAttribute,
                   {"重点 …", "a project", "; 重点 takes nothing or the project's place in the key projects' table: 重点 1"})
          .zh({"重点 …", "项目", "；重点后不写内容，或写项目在重点项目表中的序位：重点 1"});
      return;
    }
    M.Key = true;
    M.KeyOrder = N;
  }

  void schedule(const ast::Schedule &S, model::Project &M, DiagEngine &Diags) const {
    for (const ast::SchedulePoint &P : S.Points) {
      std::string MonthText = P.Month.Number.str() + P.Month.Unit.str();
      unsigned Month = 0;
      bool MonthOk = (P.Month.Unit == "月" || P.Month.Unit == "月底") &&
                     !P.Month.Number.getAsInteger(10, Month) && Month >= 1 && Month <= 12;
      if (!MonthOk) {
        Diags.report(P.Month.Range, diag::BadScheduleMonth, {MonthText});
        continue;
      }
      if (P.Share.Unit != "%") {
        Diags.report(P.Share.Range, diag::BadSchedulePercent,
                     {P.Share.Number.str() + P.Share.Unit.str()});
        continue;
      }
      auto Share =
          ValueReader{B, R.SM, Diags}.number(P.Share.Number, false, P.Share.numberRange());
      if (!Share)
        continue;
      M.Schedule.push_back({Month, *Share, Span::cover(P.Month.Range, P.Share.Range)});
    }
  }

  /// The framework level of \p Path, or null after reporting BUD110 to \p Diags.
  const model::FrameworkLevel *level(llvm::ArrayRef<ast::Text> Path, DiagEngine &Diags) const {
    // Most paths are written plainly (产出/数量): compared as they are, without building
    // their canonical spelling (two strings for each of hundreds of thousands of indicators).
    auto Plain = [](llvm::StringRef W) {
      return W.find_first_of(" \t()") == llvm::StringRef::npos && !W.contains("\u3000");
    };
    auto Spells = [](llvm::StringRef Canonical, llvm::StringRef W) {
      return W.endswith("指标") ? Canonical == W
                               : Canonical.size() == W.size() + strlen("指标") &&
                                     Canonical.startswith(W) && Canonical.endswith("指标");
    };
    // The chosen framework's levels first (frameworks share level names: 产出/数量).
    const model::Framework *Chosen = B.framework();
    auto Each = [&](auto Match) -> const model::FrameworkLevel * {
      if (Chosen)
        for (const model::FrameworkLevel &L : Chosen->Levels)
          if (Match(L))
            return &L;
      for (const model::Framework &F : B.Frameworks)
        for (const model::FrameworkLevel &L : F.Levels)
          if (Match(L))
            return &L;
      return nullptr;
    };
    if (Plain(Path[0].Value) && Plain(Path[1].Value))
      if (const model::FrameworkLevel *L = Each([&](const model::FrameworkLevel &L) {
            return Spells(L.Level1, Path[0].Value) && Spells(L.Level2, Path[1].Value);
          }))
        return L;
    std::string L1 = model::canonicalLevel(Path[0].Value);
    std::string L2 = model::canonicalLevel(Path[1].Value);
    if (const model::FrameworkLevel *L = Each([&](const model::FrameworkLevel &L) {
          return L.Level1 == L1 && L.Level2 == L2;
        }))
      return L;
    std::vector<std::string> Known; // for the suggestion
    for (const model::Framework &F : B.Frameworks)
      for (const model::FrameworkLevel &L : F.Levels) {
        Known.push_back(L.Level1.substr(0, L.Level1.size() - strlen("指标")) + "/" +
                        L.Level2.substr(0, L.Level2.size() - strlen("指标")));
      }
    std::string Written = Path[0].Value.str() + "/" + Path[1].Value.str();
    std::string Guess = closest(Written, Known);
    Span Where = Span::cover(Path[0].Range, Path[1].Range);
    auto D = Diags.report(Where, diag::UnknownIndicatorPath,
                          {Written, Guess.empty() ? "" : "; did you mean '" + Guess + "'?"});
    D.zh({Written, Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(Where, Guess);
    return nullptr;
  }

  /// An indicator of the model, or none after reporting to \p Diags why it does not read.
  std::optional<model::Indicator> indicator(const ast::Indicator &I, DiagEngine &Diags) const {
    model::Indicator M;
    M.Name = I.Name.Value;
    M.NameWhere = I.Name.Range;
    M.Where = I.Range;
    if (I.Path.size() == 2) {
      const model::FrameworkLevel *L = level(I.Path, Diags);
      if (!L)
        return std::nullopt;
      M.Level1 = L->Level1;
      M.Level2 = L->Level2;
      M.PathWhere = Span::cover(I.Path[0].Range, I.Path[1].Range);
    } else if (!I.Path.empty()) {
      return std::nullopt; // reported by the parser (BUD023)
    }
    if (!columns(I, M, Diags))
      return std::nullopt;
    M.Description = I.Description.Value;
    M.DescriptionWhere = I.Description.Range;
    if (I.Basis.present()) {
      M.BasisWhere = I.Basis.Range;
      if (I.Basis.Style == ast::Text::Bare) {
        auto It = B.Citations.find(I.Basis.Value);
        if (It == B.Citations.end()) {
          Diags.report(I.Basis.Range, diag::UnknownCitation, {I.Basis.Value.str()});
        } else {
          M.BasisCitation = &It->second;
          M.BasisText = It->second.Text;
        }
      } else {
        M.BasisText = I.Basis.Value;
      }
    }
    return M;
  }

  /// The value and the columns of a published table written after it (单位 性质 权重 核心
  /// 内容 评分) into \p M; false after reporting to \p Diags what does not read. A column
  /// that holds what belongs in another (a comparator under 单位, a unit under 性质) is read
  /// as what it is and flagged for the rules of indicator columns.
  bool columns(const ast::Indicator &I, model::Indicator &M, DiagEngine &Diags) const {
    ValueReader VR{B, R.SM, Diags};
    using model::Indicator;
    const ast::IndicatorColumns &In = I.columns();
    // The columns beyond 河北's, made when there is one to keep.
    std::unique_ptr<model::IndicatorColumns> Out;
    auto Extra = [&]() -> model::IndicatorColumns & {
      if (!Out)
        Out = std::make_unique<model::IndicatorColumns>();
      return *Out;
    };
    llvm::StringRef ColumnUnit; // the unit the 单位 (or a swapped 性质) column gives
    Span ColumnUnitWhere;
    bool FromUnitColumn = false;
    if (In.Nature.present()) {
      Extra().NatureColumn = In.Nature.Value;
      Extra().NatureWhere = In.Nature.Range;
      bool Noun = false;
      if (auto N = model::natureFromWord(In.Nature.Value)) {
        M.Sense = *N;
      } else if (VR.unitOf(In.Nature.Value, Noun)) {
        M.Columns |= Indicator::UnitAsNature;
        ColumnUnit = In.Nature.Value;
        ColumnUnitWhere = In.Nature.Range;
      } else {
        Diags.report(In.Nature.Range, diag::InvalidIndicatorColumn,
                     {In.Nature.Value.str(), "an 指标性质",
                      "write ≥, ≤, =, >, <, 定量, 定性, 正向 (more is better) or 反向 (less is better)"})
            .zh({In.Nature.Value.str(), "指标性质", "应为 ≥ ≤ = > < 定量 定性 正向 反向 之一"});
        return false;
      }
    }
    if (In.Unit.present()) {
      Extra().UnitColumn = In.Unit.Value;
      Extra().UnitWhere = In.Unit.Range;
      if (auto N = model::natureFromWord(In.Unit.Value)) {
        M.Columns |= Indicator::NatureAsUnit;
        if (M.Sense == model::ValueSense::None)
          M.Sense = *N;
      } else {
        ColumnUnit = In.Unit.Value; // the 单位 column wins over a unit under 性质
        ColumnUnitWhere = In.Unit.Range;
        FromUnitColumn = true;
      }
    }
    std::optional<llvm::StringRef> Unit;
    if (!ColumnUnit.empty()) {
      bool Noun = false;
      Unit = VR.unitOf(ColumnUnit, Noun);
      if (!Unit) {
        VR.unknownUnit(ColumnUnit, ColumnUnitWhere);
        return false;
      }
      if (Noun) {
        M.Columns |= Indicator::NounUnit;
        Extra().NounUnitWritten = ColumnUnit;
        Extra().NounUnitWhere = ColumnUnitWhere;
      }
    }
    if (I.HasValue) {
      // The value as written, or a copy with the unit it is read in (most values are the first).
      const ast::Value *V = &I.Val;
      ast::Value Read;
      bool Number = I.Val.K == ast::Value::Number;
      llvm::StringRef Written = I.Val.Num.Unit;
      if (Number && !Written.empty() && (Unit || Written.endswith("数"))) {
        bool Noun = false;
        auto Own = VR.unitOf(Written, Noun);
        if (Own && Noun) {
          M.Columns |= Indicator::NounUnit;
          Extra().NounUnitWritten = Written;
          Extra().NounUnitWhere = I.Val.Num.unitRange();
          Read = I.Val;
          Read.Num.Unit = *Own;
          V = &Read;
        }
        if (Own && Unit && FromUnitColumn && *Own != *Unit)
          M.Columns |= Indicator::UnitDisagrees;
      } else if (Number && Written.empty() && Unit) {
        Read = I.Val;
        Read.Num.Unit = *Unit; // 68 单位 "%" is 68%
        V = &Read;
        M.Columns |= Indicator::UnitFromColumn;
      }
      auto T = VR.typed(*V);
      if (!T)
        return false;
      M.HasValue = true;
      M.Value = *T;
    }
    if (In.Weight.present()) {
      auto W = VR.weight(In.Weight, "a weight (指标权重)", "指标权重");
      if (!W)
        return false;
      M.HasWeight = true;
      Extra().Weight = *W;
      Extra().WeightWhere = In.Weight.Range;
    }
    if (In.Core.present()) {
      llvm::StringRef C = In.Core.Value;
      if (C == "是" || C == "yes") {
        M.Core = 1;
      } else if (C == "否" || C == "no") {
        M.Core = 0;
      } else {
        Diags.report(In.Core.Range, diag::InvalidIndicatorColumn,
                     {C.str(), "a 是否核心指标 answer", "write 是 or 否"})
            .zh({C.str(), "是否核心指标的取值", "应为 是 或 否"});
        return false;
      }
      Extra().CoreWhere = In.Core.Range;
    }
    if (In.Content.present()) {
      Extra().Content = In.Content.Value;
      Extra().ContentWhere = In.Content.Range;
    }
    if (In.Scoring.present()) {
      Extra().Scoring = In.Scoring.Value;
      Extra().ScoringWhere = In.Scoring.Range;
    }
    M.Cols = std::move(Out);
    return true;
  }

  /// Reads an item of 整体绩效; \p Area is the enclosing 分项 (null at the top).
  void performanceItem(const ast::Node &N, model::PerformanceArea *Area) {
    auto CurrentArea = [&]() -> model::PerformanceArea & {
      if (Area)
        return *Area;
      if (B.Areas.empty() || !B.Areas.back().Name.empty())
        B.Areas.emplace_back();
      return B.Areas.back();
    };
    if (auto *A = llvm::dyn_cast<ast::Area>(&N)) {
      B.Areas.push_back({A->Name.Value.str(), {}});
      size_t Index = B.Areas.size() - 1;
      for (ast::Node *I : A->Items)
        performanceItem(*I, &B.Areas[Index]);
    } else if (auto *S = llvm::dyn_cast<ast::Section>(&N)) {
      B.PerformanceSections.push_back({S->Title.Value.str(), S->Body.Value.str(), S->Range});
    } else if (auto *G = llvm::dyn_cast<ast::Goal>(&N)) {
      model::DepartmentGoal Goal{G->Statement.Value.str(), {}, G->Statement.Range};
      for (const ast::Indicator *I : G->Indicators)
        if (auto X = indicator(*I, Diags)) {
          Goal.Indicators.push_back(B.DepartmentIndicators.size());
          B.DepartmentIndicators.push_back(std::move(*X));
        }
      CurrentArea().Goals.push_back(std::move(Goal));
    } else if (auto *I = llvm::dyn_cast<ast::Indicator>(&N)) {
      if (auto X = indicator(*I, Diags)) {
        // An indicator directly under a 分项 belongs to the goal before it, or to a goal
        // without a statement.
        model::PerformanceArea &Ar = CurrentArea();
        if (Ar.Goals.empty())
          Ar.Goals.emplace_back();
        Ar.Goals.back().Indicators.push_back(B.DepartmentIndicators.size());
        B.DepartmentIndicators.push_back(std::move(*X));
      }
    }
  }

  //===-- declared figures -------------------------------------------------===//

  /// Money given in two views: where a block gives money of a unit, fund, year and nature by
  /// economic code only, the facts of that money given by function only are its other view.
  /// Both views' facts are marked; queries then add the view they can be answered from, and
  /// checks compare the views (BUD309).
  void views() {
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

  /// Projects without a 功能科目: records of the project expenditure that 项目支出 blocks give
  /// by function, when the budget has any; else BUD115. Per fund, the records may not add up
  /// to more than the blocks (BUD308).
  void records() {
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

  /// The declared figures, resolved once every fact is read: a key may name the budget's
  /// units and projects. A figure declared inside a 单位 block is that unit's.
  void declaredFigures() {
    for (const auto &[D, Unit] : Declares) {
      model::Declared M;
      model::Query Scope;
      if (Unit != model::DepartmentLevel)
        Scope.Units = std::vector<size_t>{Unit};
      if (declare(*D, {}, Scope, M))
        B.DeclaredFigures.push_back(std::move(M));
    }
  }

  /// Reads declared figure \p D under the key \p Parent (its parts as written) and the
  /// scope \p Scope; false when its key does not resolve (reported).
  /// The first project record (not itemised) figure \p Q names while constraining codes or
  /// cost classes, which a record does not have; null when there is none.
  const model::Project *codelessRecord(const model::Query &Q) const {
    if (!Q.Projects || (Q.Functions.empty() && Q.Economics.empty() && !Q.CostClasses &&
                        !Q.RunningCosts))
      return nullptr;
    for (int I : *Q.Projects)
      if (!B.Projects[static_cast<size_t>(I)].Itemised)
        return &B.Projects[static_cast<size_t>(I)];
    return nullptr;
  }

  bool declare(const ast::Declare &D, const std::vector<FigurePart> &Parent,
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
                                          : "; known: " + R.Figs.known();
      std::string MoreZh = !F.Guess.empty() ? "；是否应为“" + F.Guess + "”？"
                           : F.Explained    ? ""
                                            : "；已知的有：" + R.Figs.known();
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
    if (D.Amount.present()) {
      auto Yuan = R.money(D.Amount);
      if (!Yuan)
        return false;
      M.HasAmount = true;
      M.Yuan = *Yuan;
      M.AmountWhere = D.Amount.Range;
      size_t Dot = D.Amount.Number.find('.');
      M.Decimals = Dot == llvm::StringRef::npos ? 0 : D.Amount.Number.size() - Dot - 1;
      M.Separators = D.Amount.Separators;
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

  Resolver &R;
  model::Budget &B;
  DiagEngine &Diags;
  std::string DepartmentName;
  llvm::DenseMap<const ast::Unit *, size_t> UnitIndex;
  llvm::StringMap<Span> BasicLines, Projects;
  /// The header of the first 项目支出 block read.
  Span FirstProjectSpending;
  /// The projects written without a 功能科目, and where.
  std::vector<std::pair<int, Span>> Records;
  /// The declared figures, with the unit whose block holds them (DepartmentLevel: the top).
  std::vector<std::pair<const ast::Declare *, size_t>> Declares;
  /// The projects read so far whose bodies are still to read, with their place in B.Projects.
  std::vector<std::pair<const ast::Project *, size_t>> Bodies;
};

} // namespace

void Resolver::facts(llvm::ArrayRef<ast::File *> Files, unsigned Jobs) {
  FactReader(*this).run(Files, Jobs);
}

//===----------------------------------------------------------------------===//
// resolve()
//===----------------------------------------------------------------------===//

namespace {

/// The money unit each template table prints in: its own 金额单位 (checked to be one, now that
/// the units are known) or the budget's.
void templateUnits(Resolver &R) {
  for (model::Template &T : R.B.Templates)
    for (model::TableTemplate &Tb : T.Tables) {
      Tb.MoneyFactor = R.B.MoneyFactor;
      if (Tb.MoneyUnit.empty())
        continue;
      const model::UnitDef *U = R.B.Units.find(Tb.MoneyUnit);
      std::string Root;
      std::optional<Decimal> F;
      if (!U)
        R.unknownUnit(Tb.MoneyUnit, Tb.MoneyUnitWhere);
      else if (U->Dim != model::Dimension::Money)
        R.Diags.report(Tb.MoneyUnitWhere, diag::NotMoney, {Tb.MoneyUnit, "元"});
      else
        F = R.B.Units.toRoot(U->Name, Decimal::fromRaw(Decimal::One), Root);
      if (F) {
        Tb.MoneyUnit = U->Name;
        Tb.MoneyFactor = *F;
      } else {
        Tb.MoneyUnit.clear();
      }
    }
}

} // namespace

model::Budget resolve(llvm::ArrayRef<ast::File *> Files, SourceManager &SM, ast::Context &Ctx,
                      DiagEngine &Diags, const ResolveOptions &Opts) {
  Resolver R(SM, Diags);
  // The header: year and money unit decide which standard library and how amounts read.
  const ast::Budget *Header = nullptr;
  for (ast::File *F : Files)
    for (ast::Node *N : F->Items)
      if (auto *H = llvm::dyn_cast<ast::Budget>(N)) {
        if (Header) {
          Diags.report(H->Year.Range, diag::DuplicateDeclaration, {"budget header", "预算"})
              .zh({"预算声明", "预算"})
              .note(Header->Range, diag::NoteFirstDeclared);
          continue;
        }
        Header = H;
      }
  unsigned Year = 0;
  if (Header) {
    Header->Year.Value.getAsInteger(10, Year);
    R.B.HeaderWhere = Header->Range;
  } else if (!Files.empty()) {
    Diags.report({Files[0]->Range.File, 0, 0}, diag::MissingBudgetHeader);
  }
  R.B.Year = Year;
  std::string UsedTemplate; // the header's 模板, whose layout budc check reads too
  if (Header)
    for (const ast::Attr *A : Header->Attrs)
      if (A->Key.Value == "模板" && !A->Values.empty())
        UsedTemplate = A->Values[0].Word.Value.str();
  stdlib::Selection Lib = stdlib::selectFor(Year);
  if (Header && Lib.Approximate)
    Diags.report(Header->Year.Range, diag::CatalogueYearApproximate,
                 {std::to_string(Year), std::to_string(Lib.CatalogueYear)});
  std::vector<ast::File *> Stdlib;
  for (const stdlib::EmbeddedFile &E : Lib.Files) {
    if (!Opts.Templates && llvm::StringRef(E.Path).startswith("templates/")) {
      // Only the names: a line "表样 NAME {" declares one. Parsing the layouts is start-up
      // time that only budc build and budc diff need, and budc check for the template the
      // budget uses (its listings name the keys of the procurement and assets facts).
      bool Used = false;
      std::vector<model::Template> Names;
      for (llvm::StringRef Line : llvm::split(E.text(), '\n'))
        if (Line.consume_front("表样 ")) {
          model::Template T;
          T.Name = Line.take_until([](char C) { return C == ' ' || C == '{'; }).str();
          T.Standard = true;
          Used |= T.Name == UsedTemplate;
          Names.push_back(std::move(T));
        }
      if (!Used) {
        for (model::Template &T : Names)
          R.B.Templates.push_back(std::move(T));
        continue;
      }
    }
    unsigned ID = SM.addBuffer(E.text(), std::string("<stdlib>/") + E.Path);
    // Its syntax tree was parsed when budc was built; parse only a file that has none.
    ast::File *F = ast::unpack(stdlib::packedTree(E.Path), ID, Ctx);
    if (!F)
      F = syntax::parseFile(SM, ID, Ctx, Diags);
    Stdlib.push_back(F);
  }
  // The named figures (口径) first, the workspace's after the standard library's, so that a
  // template or a declared figure uses the department's own definition wherever it stands.
  auto Libraries = [&](llvm::ArrayRef<ast::File *> Of, bool FromStdlib, bool Figures) {
    for (ast::File *F : Of)
      for (ast::Node *N : F->Items)
        if (auto *L = llvm::dyn_cast<ast::Library>(N))
          if ((L->What == ast::Library::Figures) == Figures) {
            if (Figures)
              R.Figs.add(*L, FromStdlib);
            else
              R.library(*L, FromStdlib);
          }
  };
  Libraries(Stdlib, true, true);
  Libraries(Files, false, true);
  Libraries(Stdlib, true, false);
  Libraries(Files, false, false);

  if (Header)
    for (const ast::Attr *A : Header->Attrs) {
      if (A->Key.Value == "金额单位" && !A->Values.empty()) {
        const ast::Value &V = A->Values[0];
        const model::UnitDef *U = R.B.Units.find(V.Word.Value);
        if (!U) {
          R.unknownUnit(V.Word.Value, V.range());
        } else if (U->Dim != model::Dimension::Money) {
          Diags.report(V.range(), diag::NotMoney, {V.Word.Value.str(), "元"});
        } else {
          std::string Root;
          if (auto F = R.B.Units.toRoot(U->Name, Decimal::fromRaw(Decimal::One), Root)) {
            R.B.MoneyUnit = U->Name;
            R.B.MoneyFactor = *F;
          }
        }
      } else if (A->Key.Value == "模板" && !A->Values.empty()) {
        R.B.TemplateName = A->Values[0].Word.Value.str();
        R.B.TemplateWhere = A->Values[0].range();
      } else if (A->Key.Value == "框架" && !A->Values.empty()) {
        R.B.FrameworkName = A->Values[0].Word.Value.str();
        R.B.FrameworkWhere = A->Values[0].range();
      } else if (A->Key.Value == "权重合计" || A->Key.Value == "预留") {
        R.weights(*A, R.B.HeaderWeights, R.B.HasWeightTotal, R.B.HasWeightReserve);
      } else if (A->Key.Value == "地区" && !A->Values.empty()) {
        const ast::Value &V = A->Values[0];
        R.B.Region = V.K == ast::Value::Number ? V.Num.Number.str() : V.Word.Value.str();
      }
    }
  if (!R.B.TemplateName.empty() && !R.B.findTemplate()) {
    std::vector<std::string> Names;
    for (const model::Template &T : R.B.Templates)
      Names.push_back(T.Name);
    std::string Guess = closest(R.B.TemplateName, Names);
    auto D = Diags.report(R.B.TemplateWhere, diag::UnknownTemplate,
                          {R.B.TemplateName, Guess.empty() ? "" : "; did you mean '" + Guess + "'?"});
    D.zh({R.B.TemplateName, Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(R.B.TemplateWhere, Guess);
  }
  if (!R.B.FrameworkName.empty() && !R.B.framework()) {
    std::vector<std::string> Names;
    for (const model::Framework &F : R.B.Frameworks)
      Names.push_back(F.Name);
    std::string Guess = closest(R.B.FrameworkName, Names);
    std::string Known;
    for (size_t I = 0; I < Names.size(); ++I)
      Known += (I ? ", " : "") + Names[I];
    auto D = Diags.report(R.B.FrameworkWhere, diag::UnknownFramework,
                          {R.B.FrameworkName, Guess.empty() ? "; known: " + Known
                                                            : "; did you mean '" + Guess + "'?"});
    std::string KnownZh;
    for (size_t I = 0; I < Names.size(); ++I)
      KnownZh += (I ? "、" : "") + Names[I];
    D.zh({R.B.FrameworkName, Guess.empty() ? "；可用的有：" + KnownZh : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(R.B.FrameworkWhere, Guess);
    R.B.FrameworkName.clear();
  }
  templateUnits(R);
  // A template the budget does not use is checked, but its errors never block the build.
  const model::Template *Used = R.B.findTemplate();
  std::vector<Span> Unused;
  for (const model::Template &T : R.B.Templates)
    if (&T != Used && T.Where.isValid())
      Unused.push_back(T.Where);
  if (!Unused.empty())
    Diags.remap([&](const Diagnostic &D) -> std::optional<Severity> {
      if (D.Sev != Severity::Error)
        return std::nullopt;
      for (const Span &S : Unused)
        if (D.Where.File == S.File && D.Where.Begin >= S.Begin && D.Where.End <= S.End)
          return Severity::Warning;
      return std::nullopt;
    });
  R.facts(Files, Opts.Jobs);
  return std::move(R.B);
}

} // namespace budc::sema

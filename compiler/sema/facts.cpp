//===- facts.cpp - Reading the facts: order, attributes, statements ---------===//
//
// FactReader::run reads the files in passes (units and attributes first, so that a unit's
// facts may stand before or after its attributes, in any file), then the statements, the
// projects' bodies, the two views, records, declared figures, last year and the texts.
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

void FactReader::run(llvm::ArrayRef<ast::File *> Files, unsigned Jobs) {
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
  lastYear();
  if (!B.hasFacts() && !B.DeclaredFigures.empty() && B.HeaderWhere.isValid())
    Diags.report(headerOf(B.HeaderWhere), diag::DeclaredOnly);
  texts();
}

void FactReader::reserve(llvm::ArrayRef<ast::File *> Files) {
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

void FactReader::known(llvm::ArrayRef<ast::Node *> Items, llvm::ArrayRef<std::string> Keys,
                       const char *En, const char *Zh) {
  for (ast::Node *N : Items)
    if (auto *A = llvm::dyn_cast<ast::Attr>(N))
      known(*A, Keys, En, Zh);
}

void FactReader::known(const ast::Attr &A, llvm::ArrayRef<std::string> Keys, const char *En,
                       const char *Zh, const Fate &What) {
  if (std::find(Keys.begin(), Keys.end(), A.Key.Value.str()) != Keys.end())
    return;
  std::string Guess = closest(A.Key.Value, Keys);
  auto D = Diags.report(A.Key.Range, diag::UnknownAttribute,
                        {A.Key.Value.str(), En, What.En,
                         Guess.empty() ? "; known here: " + join(Keys, ", ")
                                       : "; did you mean '" + Guess + "'?"});
  D.zh({A.Key.Value.str(), Zh, What.Zh,
        Guess.empty() ? "；此处可用：" + join(Keys, "、") : "；是否应为“" + Guess + "”？"});
  if (!Guess.empty())
    D.fixIt(A.Key.Range, Guess);
}

std::vector<std::string> FactReader::columns(llvm::StringRef Source,
                                             std::vector<std::string> Standard, Fate &What) const {
  const model::Template *T = B.findTemplate();
  if (!T || !T->Where.isValid())
    return Standard; // no template, or only its name was read
  for (const model::TableTemplate &Table : T->Tables)
    for (const model::ListingRow &L : Table.Lines)
      if (L.Kind == model::ListingRow::Records && L.Source == Source)
        for (const model::TemplateCell &C : L.Cells)
          if (C.Text != "名称" &&
              std::find(Standard.begin(), Standard.end(), C.Text) == Standard.end())
            Standard.push_back(C.Text);
  bool Listed = false;
  for (const model::TableTemplate &Table : T->Tables)
    for (const model::ListingRow &L : Table.Lines)
      Listed |= L.Kind == model::ListingRow::Records && L.Source == Source;
  // A template that lists no such rows prints none of their columns: they are facts for
  // the narrative and the JSON model (苏州's vehicles by kind), any key allowed.
  What.Any = !Listed;
  What.En = "no table of template '" + T->Name + "' prints it";
  What.Zh = "表样“" + T->Name + "”的表格都不列出它";
  return Standard;
}

std::string FactReader::join(llvm::ArrayRef<std::string> Items, const char *Sep) {
  std::string Out;
  for (size_t I = 0; I < Items.size(); ++I)
    Out += (I ? Sep : "") + Items[I];
  return Out;
}

void FactReader::attributes(const ast::Node &N) {
  static const std::vector<std::string> Header{"金额单位", "地区", "模板", "框架", "权重合计", "预留"},
      UnitKeys{"性质", "规格", "经费保障"}, DeptKeys{"主管", "性质", "规格", "经费保障"},
      ProjectKeys{"用途", "备注", "重点", "重点专项资金", "概况"},
      SpecialFundKeys{"主管部门", "市级支出", "补助区县"},
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
    for (ast::Node *I : P->Items) {
      auto *A = llvm::dyn_cast<ast::Attr>(I);
      if (!A)
        continue;
      if (std::find(SpecialFundKeys.begin(), SpecialFundKeys.end(), A->Key.Value.str()) !=
          SpecialFundKeys.end()) {
        // The split without the mark: it would print nowhere and check nothing.
        Diags.report(A->Key.Range, diag::SpecialFundForm,
                     {"'" + A->Key.Value.str() + "' is written outside a 重点专项资金 block"})
            .zh({"“" + A->Key.Value.str() + "”写在了重点专项资金块之外"});
        continue;
      }
      known(*A, ProjectKeys, "a project", "项目");
      if (A->Key.Value == "重点专项资金")
        for (const ast::Attr *C : A->Children)
          known(*C, SpecialFundKeys, "a 重点专项资金", "重点专项资金");
    }
  } else if (auto *As = llvm::dyn_cast<ast::Assets>(&N)) {
    Fate What;
    std::vector<std::string> Columns = columns("资产", {"数量", "价值"}, What);
    for (const std::string &K : templateFields("资产"))
      if (K != "名称" && std::find(Columns.begin(), Columns.end(), K) == Columns.end())
        Columns.push_back(K);
    for (const ast::Attr *A : As->Rows) {
      known(*A, AssetKeys, "the state-assets table", "国有资产");
      if (A->Key.Value == "资产" && !What.Any)
        for (const ast::Attr *C : A->Children)
          known(*C, Columns, "an assets row", "资产条目", What);
    }
  } else if (auto *Pr = llvm::dyn_cast<ast::Procurement>(&N)) {
    // A procurement row may have any key the budget's template lists as a column or
    // groups by.
    Fate What;
    std::vector<std::string> Columns = columns("政府采购", PurchaseKeys, What);
    for (const std::string &K : templateFields("政府采购"))
      if (K != "名称" && std::find(Columns.begin(), Columns.end(), K) == Columns.end())
        Columns.push_back(K);
    for (const ast::Attr *A : Pr->Rows) {
      known(*A, RowKeys, "the procurement table", "政府采购");
      for (const ast::Attr *C : A->Children)
        known(*C, Columns, "a procurement row", "政府采购条目", What);
    }
  }
}

std::vector<std::string> FactReader::templateFields(llvm::StringRef Source) const {
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

void FactReader::collectUnits(llvm::ArrayRef<ast::File *> Files) {
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

void FactReader::citation(const ast::Citation &C) {
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

void FactReader::topLevel(const ast::Node &N) {
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
    B.Sections.push_back({S.Title.Value.str(), S.Body.Value.str(), S.Range, S.Body.Value.str()});
    Texts.push_back({&S.Body, model::Prose::Section, B.Sections.size() - 1});
    return;
  }
  case ast::NodeKind::Glossary:
    for (const ast::GlossaryEntry *E : llvm::cast<ast::Glossary>(N).Entries) {
      B.Glossary.push_back(
          {E->Term.Value.str(), E->Definition.Value.str(), E->Definition.Value.str()});
      Texts.push_back({&E->Definition, model::Prose::Glossary, B.Glossary.size() - 1});
    }
    return;
  case ast::NodeKind::LastYear:
    if (LastYearNode)
      Diags
          .report(headerOf(N), diag::BadLastYear,
                  {"a workspace has one 上年 statement", "工作区只能有一条上年语句"})
          .note(headerOf(*LastYearNode), diag::NoteFirstDeclared);
    else
      LastYearNode = llvm::cast<ast::LastYear>(&N);
    return;
  case ast::NodeKind::Published:
    R.published(llvm::cast<ast::Published>(N));
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
      B.Assets.push_back(A->Key.Value == "资产" ? assetRow(*A, &Money) : tableFact(*A, &Money));
    return;
  }
  default:
    return;
  }
}

std::set<std::string> FactReader::moneyKeys(llvm::StringRef Source) const {
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

model::TableFact FactReader::tableFact(const ast::Attr &A, const std::set<std::string> *Money) {
  model::TableFact F;
  F.Key = A.Key.Value.str();
  for (const ast::Value &V : A.Values)
    F.Values.push_back(valueText(V));
  for (const ast::Attr *C : A.Children)
    F.Children.push_back(column(*C, Money));
  return F;
}

model::TableFact FactReader::column(const ast::Attr &C, const std::set<std::string> *Money) {
  model::TableFact F = tableFact(C);
  if (Money && Money->count(F.Key)) {
    const ast::Value *V = C.Values.size() == 1 ? &C.Values[0] : nullptr;
    if (V && V->K == ast::Value::Number && V->Num.Cmp == ast::Comparator::None)
      F.Yuan = R.money(V->Num);
    else
      Diags.report(C.Values.empty() ? C.Key.Range : C.Values[0].range(), diag::NotMoney,
                   {C.Values.empty() ? C.Key.Value.str() : F.Values[0], B.MoneyUnit});
  }
  return F;
}

model::TableFact FactReader::assetRow(const ast::Attr &A, const std::set<std::string> *Money) {
  model::TableFact F;
  F.Key = A.Key.Value.str();
  llvm::StringMap<Span> Columns; // where each column was given
  auto Column = [&](llvm::StringRef Key, const ast::Value &V, Span Where) {
    auto [It, New] = Columns.try_emplace(Key, Where);
    if (!New) {
      Diags.report(Where, diag::DuplicateDeclaration, {"assets column", Key.str()})
          .zh({"资产列", Key.str()})
          .note(It->second, diag::NoteFirstDeclared);
      return;
    }
    model::TableFact C;
    C.Key = Key.str();
    if (Key == "价值" && V.K == ast::Value::Number) {
      C.Yuan = R.money(V.Num);
      if (!C.Yuan)
        return;
    }
    C.Values.push_back(valueText(V));
    F.Children.push_back(std::move(C));
  };
  llvm::ArrayRef<ast::Value> Values = A.Values;
  if (!Values.empty()) {
    F.Values.push_back(valueText(Values[0])); // the name
    Values = Values.drop_front();
  }
  if (Values.size() == 1) {
    const ast::Value &V = Values[0];
    const model::UnitDef *U = V.K == ast::Value::Number && !V.Num.Unit.empty()
                                  ? B.Units.find(V.Num.Unit)
                                  : nullptr;
    bool Quantity = V.K != ast::Value::Number || (U && U->Dim != model::Dimension::Money);
    Column(Quantity ? "数量" : "价值", V, V.range());
  } else if (Values.size() >= 2) {
    Column("数量", Values[0], Values[0].range());
    Column("价值", Values[1], Values[1].range());
    for (const ast::Value &V : Values.drop_front(2))
      Diags.report(V.range(), diag::AssetRowValue, {valueText(V)});
  }
  for (const ast::Attr *C : A.Children) {
    if (C->Key.Value == "数量" || C->Key.Value == "价值") {
      if (!C->Values.empty())
        Column(C->Key.Value, C->Values[0], C->Key.Range);
      continue;
    }
    F.Children.push_back(column(*C, Money));
  }
  return F;
}

std::string FactReader::valueText(const ast::Value &V) {
  return V.K == ast::Value::Number ? (V.Num.Negative ? "-" : "") + V.Num.Number.str() + V.Num.Unit.str()
                                   : V.Word.Value.str();
}

Span FactReader::headerOf(Span S) {
  llvm::StringRef Text = R.SM.getText(S.File).slice(S.Begin, S.End);
  size_t Eol = Text.find_first_of("\r\n");
  if (Eol != llvm::StringRef::npos)
    S.End = S.Begin + static_cast<uint32_t>(Eol);
  return S;
}

void FactReader::unit(const ast::Unit &U) {
  size_t Index = UnitIndex.count(&U) ? UnitIndex[&U] : 0;
  for (ast::Node *I : U.Items)
    if (llvm::isa<ast::Income, ast::Basic, ast::Project>(I))
      fact(*I, Index);
    else if (auto *D = llvm::dyn_cast<ast::Declare>(I))
      Declares.push_back({D, Index});
}

void FactReader::fact(const ast::Node &N, size_t Unit) {
  if (auto *I = llvm::dyn_cast<ast::Income>(&N))
    income(*I, Unit);
  else if (auto *Bs = llvm::dyn_cast<ast::Basic>(&N))
    basic(*Bs, Unit);
  else if (auto *P = llvm::dyn_cast<ast::Project>(&N))
    project(*P, Unit);
}

const model::Fund *FactReader::fund(const ast::Text &Name) {
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

void Resolver::facts(llvm::ArrayRef<ast::File *> Files, unsigned Jobs, bool Release) {
  FactReader F(*this);
  F.Release = Release;
  F.run(Files, Jobs);
}

} // namespace budc::sema

//===- library.cpp - Standard-library declarations into the model -----------===//
#include "compiler/sema/resolver.h"

#include "llvm/ADT/StringExtras.h"

namespace budc::sema {
namespace {

/// The first Name or String value of a row: an entry's name.
const ast::Value *firstWord(const ast::Attr &A) {
  for (const ast::Value &V : A.Values)
    if (V.K == ast::Value::Name || V.K == ast::Value::String)
      return &V;
  return nullptr;
}

/// The tags of a row by name, in order.
std::vector<const ast::Value *> tagsOf(const ast::Attr &A) {
  std::vector<const ast::Value *> Out;
  for (const ast::Value &V : A.Values)
    if (V.K == ast::Value::Tag)
      Out.push_back(&V);
  return Out;
}

std::string tagArg(const ast::Value &Tag) {
  if (Tag.Args.empty())
    return "";
  const ast::Value &A = Tag.Args[0];
  if (A.K == ast::Value::Number)
    return A.Num.Number.str();
  return A.Word.Value.str();
}

/// The tags a catalogue row may carry, and the values each takes.
struct CatalogueTag {
  const char *Name;
  enum Shape : uint8_t { Bare, Word, NameYear, Year } Takes;
  const char *Example;
};
const CatalogueTag CatalogueTags[] = {
    {"一般公共预算", CatalogueTag::Bare, "[一般公共预算]"},
    {"政府性基金", CatalogueTag::Bare, "[政府性基金]"},
    {"国有资本经营", CatalogueTag::Bare, "[国有资本经营]"},
    {"人员经费", CatalogueTag::Bare, "[人员经费]"},
    {"公用经费", CatalogueTag::Bare, "[公用经费]"},
    {"未见", CatalogueTag::Bare, "[未见]"},
    {"三公", CatalogueTag::Word, "[三公 公务接待费]"},
    {"别名", CatalogueTag::Word, "[别名 \"突发公共卫生事件应急处理\"]"},
    {"曾用名", CatalogueTag::NameYear, "[曾用名 \"旧名\" 2025]"},
    {"新名", CatalogueTag::NameYear, "[新名 \"新名\" 2027]"},
    {"停用", CatalogueTag::Year, "[停用 2026]"},
};

bool isName(const ast::Value &V) {
  return (V.K == ast::Value::Name || V.K == ast::Value::String) && !V.Word.Value.empty();
}

/// A four-digit year written as a plain number, or 0.
unsigned yearOf(const ast::Value &V) {
  unsigned Y = 0;
  if (V.K != ast::Value::Number || !V.Num.Unit.empty() || V.Num.Cmp != ast::Comparator::None ||
      V.Num.Negative || V.Num.Number.size() != 4 || V.Num.Number.getAsInteger(10, Y))
    return 0;
  return Y;
}

model::Dimension dimensionOf(llvm::StringRef W, bool &Ok) {
  Ok = true;
  if (W == "货币")
    return model::Dimension::Money;
  if (W == "计数")
    return model::Dimension::Count;
  if (W == "重量")
    return model::Dimension::Weight;
  if (W == "长度")
    return model::Dimension::Length;
  if (W == "面积")
    return model::Dimension::Area;
  if (W == "体积")
    return model::Dimension::Volume;
  if (W == "时长")
    return model::Dimension::Duration;
  if (W == "百分比")
    return model::Dimension::Percent;
  Ok = false;
  return model::Dimension::Count;
}

} // namespace

void Resolver::library(const ast::Library &L, bool FromStdlib) {
  switch (L.What) {
  case ast::Library::FunctionCatalogue:
  case ast::Library::EconomicCatalogue: {
    bool Function = L.What == ast::Library::FunctionCatalogue;
    model::Catalogue &Cat = Function ? B.Functions : B.Economics;
    Cat.Title = Function ? "功能科目" : "经济科目";
    unsigned Year = 0;
    L.Year.Value.getAsInteger(10, Year);
    const char *WhatEn = Function ? "function code" : "economic code";
    const char *WhatZh = Function ? "功能科目" : "经济科目";
    // A workspace's catalogue of another year does not hold for this budget: said, not used.
    if (!FromStdlib && B.Year && Year && Year != B.Year) {
      Diags
          .report(L.Year.Range, diag::CatalogueYearMismatch,
                  {Function ? "function" : "economic", L.Year.Value.str(), std::to_string(B.Year)})
          .zh({WhatZh, L.Year.Value.str(), std::to_string(B.Year)})
          .fixIt(L.Year.Range, std::to_string(B.Year));
      return;
    }
    if (!Cat.Year)
      Cat.Year = Year;
    // Rows nest: each code extends its parent's by two digits.
    std::function<void(const ast::Attr &, llvm::StringRef)> Row = [&](const ast::Attr &A,
                                                                       llvm::StringRef Parent) {
      llvm::StringRef Code = A.Key.Value;
      if (Code == "完整") { // 完整 是|否
        const ast::Value *W = firstWord(A);
        Cat.Complete = W && (W->Word.Value == "是" || W->Word.Value == "yes");
        return;
      }
      bool Digits = !Code.empty() && Code.find_first_not_of("0123456789") == llvm::StringRef::npos;
      size_t Want = Parent.empty() ? 3 : Parent.size() + 2;
      if (!Digits || Code.size() != Want || !Code.startswith(Parent)) {
        if (Digits && !Parent.empty())
          Diags.report(A.Key.Range, diag::CatalogueWrongParent, {WhatEn, Code.str(), Parent.str()})
              .zh({WhatZh, Code.str(), Parent.str()});
        else
          Diags.report(A.Key.Range, diag::MalformedCode,
                       {Code.str(), std::string(WhatEn) + " of this level",
                        "a 类 has 3 digits and each level below adds 2"})
              .zh({Code.str(), std::string(WhatZh) + "编码", "类为3位数字，每下一级增加2位"});
        return;
      }
      model::CatalogueEntry E;
      E.Code = Code.str();
      const ast::Value *W = firstWord(A);
      if (W)
        E.Name = W->Word.Value.str();
      E.Where = A.Range;
      catalogueTags(A, E, Year);
      auto It = Cat.Entries.find(E.Code);
      if (It != Cat.Entries.end() && !FromStdlib) {
        // A workspace may restate a known code, to nest its additions or to add tags (a
        // spelling, a renaming, a budget kind the standard library lacks), but not rename it.
        model::CatalogueEntry &Old = It->second;
        if (W && !Old.Name.empty())
          catalogueName(Cat, Old, W->Word, WhatEn, WhatZh);
        Old.Aliases.insert(Old.Aliases.end(), E.Aliases.begin(), E.Aliases.end());
        Old.OtherYears.insert(Old.OtherYears.end(), E.OtherYears.begin(), E.OtherYears.end());
        Old.General |= E.General;
        Old.GovFund |= E.GovFund;
        Old.StateCapital |= E.StateCapital;
        if (E.RetiredBy)
          Old.RetiredBy = E.RetiredBy;
        if (!E.CostClass.empty())
          Old.CostClass = E.CostClass;
        if (!E.SanGong.empty())
          Old.SanGong = E.SanGong;
      } else {
        Cat.Entries[E.Code] = E;
      }
      for (const ast::Attr *C : A.Children)
        Row(*C, Code);
    };
    for (const ast::Attr *A : L.Rows)
      Row(*A, "");
    return;
  }
  case ast::Library::Template:
    tableTemplate(L, FromStdlib);
    return;
  case ast::Library::Figures:
    return; // read first, before any figure is used (resolve())
  case ast::Library::Measures: {
    std::vector<std::pair<std::string, Span>> BaseRefs;
    for (const ast::Attr *A : L.Rows) {
      model::UnitDef U;
      U.Name = A->Key.Value.str();
      U.Where = A->Range;
      const ast::Value *Dim = firstWord(*A);
      bool Ok = false;
      if (Dim)
        U.Dim = dimensionOf(Dim->Word.Value, Ok);
      if (!Ok) {
        Diags.report(Dim ? Dim->Word.Range : A->Key.Range, diag::UnknownUnit,
                     {Dim ? Dim->Word.Value.str() : U.Name,
                      ": a unit row is 'unit dimension [factor base]', with a dimension among "
                      "货币 计数 重量 长度 面积 体积 时长 百分比"})
            .zh({Dim ? Dim->Word.Value.str() : U.Name,
                 "：计量单位行应为“单位 维度 [倍数 基准单位]”，维度为 货币 计数 重量 长度 面积 体积 时长 百分比 之一"});
        continue;
      }
      // Optional "factor base".
      for (size_t I = 0; I + 1 < A->Values.size(); ++I)
        if (A->Values[I].K == ast::Value::Number) {
          const ast::Value &F = A->Values[I], &Base = A->Values[I + 1];
          if (auto D = number(F.Num.Number, false, F.Num.Range))
            U.Factor = *D;
          U.Base = Base.Word.Value.str();
          BaseRefs.push_back({U.Base, Base.range()});
        }
      B.Units.add(U);
    }
    // Bases are checked once the whole table is read, so rows may come in any order.
    for (const auto &[Name, Where] : BaseRefs)
      if (!B.Units.find(Name))
        unknownUnit(Name, Where);
    return;
  }
  case ast::Library::Framework: {
    model::Framework F;
    F.Name = L.Name.Value.str();
    F.Where = L.Range;
    for (const ast::Attr *L1 : L.Rows) {
      if (L1->Key.Value == "权重合计" || L1->Key.Value == "预留") {
        weights(*L1, F.Weights, F.HasTotal, F.HasReserve);
        continue;
      }
      for (const ast::Attr *L2 : L1->Children) {
        model::FrameworkLevel Level;
        Level.Level1 = model::canonicalLevel(L1->Key.Value);
        Level.Level2 = model::canonicalLevel(L2->Key.Value);
        for (const ast::Value &V : L2->Values) {
          if (auto K = model::kindFromWord(V.Word.Value))
            Level.Kinds.push_back(*K);
          else
            Diags.report(V.range(), diag::UnknownUnit,
                         {V.Word.Value.str(), ": value kinds are 货币 单价 计数 度量 时长 日期 百分比 定性"})
                .zh({V.Word.Value.str(), "：指标值类型为 货币 单价 计数 度量 时长 日期 百分比 定性 之一"});
        }
        F.Levels.push_back(Level);
      }
    }
    B.Frameworks.push_back(std::move(F));
    return;
  }
  case ast::Library::Funds:
    for (const ast::Attr *A : L.Rows) {
      model::Fund F;
      F.Name = A->Key.Value.str();
      F.Where = A->Range;
      for (const ast::Value *T : tagsOf(*A)) {
        llvm::StringRef Tag = T->Word.Value;
        std::string Arg = tagArg(*T);
        if (Tag == "财政拨款")
          F.Appropriation = true;
        else if (Tag == "别名")
          F.Aliases.push_back(Arg);
        else if (Tag == "类型")
          F.Type = Arg == "一般公共预算"   ? model::FundType::General
                   : Arg == "政府性基金"   ? model::FundType::GovFund
                   : Arg == "国有资本经营" ? model::FundType::StateCapital
                   : Arg == "财政专户"     ? model::FundType::SpecialAccount
                   : Arg == "单位资金"     ? model::FundType::UnitFunds
                                           : model::FundType::Unknown;
      }
      if (B.Funds.count(F.Name))
        continue;
      auto &Slot = B.Funds[F.Name];
      Slot = F;
      B.FundOrder.push_back(&Slot);
    }
    for (const model::Fund *F : B.FundOrder)
      for (const std::string &Alias : F->Aliases)
        B.FundAliases.try_emplace(Alias, F->Name);
    return;
  }
}

void Resolver::weights(const ast::Attr &A, model::WeightRule &W, bool &HasTotal,
                       bool &HasReserve) {
  // 权重合计 100  /  预留 预算执行率 10
  bool Total = A.Key.Value == "权重合计";
  const ast::Value *Name = nullptr, *Amount = nullptr;
  for (const ast::Value &V : A.Values)
    if (V.K == ast::Value::Number && !Amount)
      Amount = &V;
    else if ((V.K == ast::Value::Name || V.K == ast::Value::String) && !Name && !Amount)
      Name = &V;
  bool Shape = Amount && (Total ? !Name && A.Values.size() == 1 : Name && A.Values.size() == 2);
  if (!Shape || Amount->Num.Cmp != ast::Comparator::None) {
    std::string Written = SM.getText(A.Range.File).slice(A.Range.Begin, A.Range.End).str();
    Diags.report(A.Range, diag::InvalidIndicatorColumn,
                 {Written, Total ? "a total of weights" : "a reserve of weight",
                  Total ? "write 权重合计 N, e.g. 权重合计 100"
                        : "write 预留 NAME N, e.g. 预留 预算执行率 10"})
        .zh({Written, Total ? "权重合计" : "权重预留",
             Total ? "应写作 权重合计 N，例如 权重合计 100" : "应写作 预留 名称 N，例如 预留 预算执行率 10"});
    return;
  }
  auto D = values().weight(Amount->Num, Total ? "a total of weights" : "a reserve of weight",
                           Total ? "权重合计" : "权重预留");
  if (!D)
    return;
  if (Total) {
    W.Total = *D;
    W.TotalWhere = A.Range;
    HasTotal = true;
  } else {
    W.ReserveName = Name->Word.Value.str();
    W.Reserve = *D;
    W.ReserveWhere = A.Range;
    HasReserve = true;
  }
}

void Resolver::catalogueTags(const ast::Attr &A, model::CatalogueEntry &E, unsigned CatYear) {
  for (const ast::Value *T : tagsOf(A)) {
    llvm::StringRef Tag = T->Word.Value;
    const CatalogueTag *Spec = nullptr;
    for (const CatalogueTag &C : CatalogueTags)
      if (Tag == C.Name)
        Spec = &C;
    if (!Spec) {
      std::vector<std::string> Known;
      for (const CatalogueTag &C : CatalogueTags)
        Known.push_back(C.Name);
      std::string Guess = closest(Tag, Known);
      auto D = Diags.report(T->TagRange, diag::UnknownCatalogueTag,
                            {Tag.str(), Guess.empty() ? "; known tags: " + llvm::join(Known, ", ")
                                                      : "; did you mean '[" + Guess + "]'?"});
      D.zh({Tag.str(), Guess.empty() ? "；可用的标签：" + llvm::join(Known, "、")
                                     : "；是否应为“[" + Guess + "]”？"});
      if (!Guess.empty())
        D.fixIt(T->Word.Range, Guess);
      continue;
    }
    // What is wrong with the tag's values, if anything.
    llvm::ArrayRef<ast::Value> Args = T->Args;
    std::string WhyEn, WhyZh, Cat = std::to_string(CatYear);
    unsigned Y = 0;
    switch (Spec->Takes) {
    case CatalogueTag::Bare:
      if (!Args.empty())
        WhyEn = "takes no value", WhyZh = "不带值";
      break;
    case CatalogueTag::Word:
      if (Args.size() != 1 || !isName(Args[0]))
        WhyEn = "takes one name", WhyZh = "应带一个名称";
      break;
    case CatalogueTag::NameYear:
      if (Args.size() != 2 || !isName(Args[0]) || !(Y = yearOf(Args[1]))) {
        WhyEn = "takes a name and the four-digit year of the renaming";
        WhyZh = "应带一个名称和四位数的更名年份";
      } else if (Tag == "曾用名" && CatYear && Y > CatYear) {
        WhyEn = "gives the name before a renaming, which must come by the catalogue's year " +
                Cat + " (a later name is a [新名])";
        WhyZh = "记录更名前的名称，更名年份不能晚于科目表的年份 " + Cat + "（之后的名称写作 [新名]）";
      } else if (Tag == "新名" && CatYear && Y <= CatYear) {
        WhyEn = "gives the name after a renaming later than the catalogue's year " + Cat +
                " (an earlier name is a [曾用名])";
        WhyZh = "记录科目表年份 " + Cat + " 之后更名的新名称（之前的名称写作 [曾用名]）";
      }
      break;
    case CatalogueTag::Year:
      if (Args.size() != 1 || !(Y = yearOf(Args[0])))
        WhyEn = "takes the four-digit year the code was retired by", WhyZh = "应带四位数的停用年份";
      break;
    }
    if (!WhyEn.empty()) {
      Diags.report(T->TagRange, diag::BadCatalogueTag, {Tag.str(), WhyEn, Spec->Example})
          .zh({Tag.str(), WhyZh, Spec->Example});
      continue;
    }
    if (Tag == "政府性基金")
      E.GovFund = true;
    else if (Tag == "一般公共预算")
      E.General = true;
    else if (Tag == "国有资本经营")
      E.StateCapital = true;
    else if (Tag == "人员经费" || Tag == "公用经费")
      E.CostClass = Tag.str();
    else if (Tag == "三公")
      E.SanGong = tagArg(*T);
    else if (Tag == "别名")
      E.Aliases.push_back(tagArg(*T));
    else if (Tag == "曾用名" || Tag == "新名")
      E.OtherYears.push_back({Args[0].Word.Value.str(), Y, Tag == "曾用名"});
    else if (Tag == "停用")
      E.RetiredBy = Y;
  }
}

void Resolver::catalogueName(const model::Catalogue &Cat, const model::CatalogueEntry &E,
                             const ast::Text &Written, const char *En, const char *Zh) {
  unsigned Year = B.Year ? B.Year : Cat.Year;
  // The name of the budget's year: the latest 新名 in force by then, else the name before
  // the first renaming after it, else the catalogue's.
  const model::YearName *Valid = nullptr;
  for (const model::YearName &Y : E.OtherYears)
    if (!Y.Former && Y.Year <= Year && (!Valid || Y.Year > Valid->Year))
      Valid = &Y;
  if (!Valid)
    for (const model::YearName &Y : E.OtherYears)
      if (Y.Former && Y.Year > Year && (!Valid || Y.Year < Valid->Year))
        Valid = &Y;
  std::string Right = Valid ? Valid->Name : E.Name;
  if (Valid ? model::normaliseName(Written.Value) == model::normaliseName(Right)
            : E.isNamed(Written.Value))
    return;
  std::string Code = E.Code, Shown = Written.Value.str(), YearText = std::to_string(Year);
  // A name the code has in another year.
  std::string WhenEn, WhenZh;
  if (const model::YearName *Other = E.otherYearName(Written.Value)) {
    std::string Y = std::to_string(Other->Year);
    WhenEn = Other->Former ? "before it was renamed in " + Y : "from " + Y + " on";
    WhenZh = Other->Former ? Y + "年更名前" : "自" + Y + "年起";
  } else if (E.isNamed(Written.Value)) {
    WhenEn = "in the " + std::to_string(Cat.Year) + " catalogue";
    WhenZh = std::to_string(Cat.Year) + "年科目表中";
  }
  if (!WhenEn.empty()) {
    Diags.report(Written.Range, diag::OtherYearName, {En, Code, Shown, WhenEn, YearText, Right})
        .zh({Zh, Code, Shown, WhenZh, YearText, Right})
        .fixIt(Written.Range, Right);
    return;
  }
  Diags.report(Written.Range, diag::NameMismatch, {En, Code, Right, Shown})
      .zh({Zh, Code, Right, Shown})
      .fixIt(Written.Range, Right);
}

} // namespace budc::sema

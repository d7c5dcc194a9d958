//===- template.cpp - Table templates (表样) into the model ------------------===//
//
// A template says which rows and columns each disclosure table has and which allocations a
// cell adds (see stdlib/templates/hebei-2024.bud for the language). This file checks a
// template's rows and turns them into model::Template; the tables stage evaluates it.
//
//===----------------------------------------------------------------------===//
#include "compiler/model/values.h"
#include "compiler/sema/resolver.h"

#include "llvm/ADT/StringExtras.h"

namespace budc::sema {
namespace {

const std::vector<std::string> TableKeys{
    "表头", "栏次", "范围", "列",     "行",   "分栏",   "对行", "空表", "标注", "注",
    "列数", "格",   "逐行", "支出计划", "序号", "金额单位", "小数位", "千分位", "零",   "标号"};
/// What a template holds besides its tables: the page, and defaults for every table.
const std::vector<std::string> TemplateKeys{"表",   "第一部分", "第二部分", "部分", "标题",
                                            "金额单位", "小数位",   "千分位",   "零",   "序号"};
/// The fields of a row's project or unit a 字段 column may show.
const std::vector<std::string> RowFields{"项目编码", "项目名称", "绩效目标", "用途", "单位名称",
                                         "单位编码"};
/// Fields a text may name in braces, in every table and in the tables of each project.
const std::vector<std::string> ProjectFields{"序号", "项目编码", "项目名称", "用途", "绩效目标"};
/// Amounts a 金额 cell of a project's table may show.
const std::vector<std::string> ProjectAmounts{"预算数", "财政资金", "其他资金"};
/// The records 逐行 lists, and the fields of each (政府采购 and 资产 take their facts' keys).
const std::vector<std::string> RecordSources{"单位", "整体绩效", "政府采购", "资产", "指标", "项目"};
const std::vector<std::string> UnitFields{"编码", "名称", "性质", "规格", "经费保障形式"};
/// The columns of published indicator tables after the value, in both sources of indicators:
/// 数值 (the number alone), 单位 (计量单位), 性质 (指标性质), 权重, 核心 (是否核心), 内容
/// (指标值内容), 评分 (评（扣）分标准).
const std::vector<std::string> ColumnFields{"数值", "单位", "性质", "权重", "核心", "内容", "评分"};
std::vector<std::string> withColumns(std::vector<std::string> Fields) {
  Fields.insert(Fields.end(), ColumnFields.begin(), ColumnFields.end());
  return Fields;
}
const std::vector<std::string> GoalFields =
    withColumns({"序号", "分项", "目标", "指标", "指标值", "一级", "二级", "描述", "依据"});
const std::vector<std::string> IndicatorFields =
    withColumns({"一级", "二级", "名称", "描述", "指标值", "依据"});
/// 逐行 项目 (every project, a row per indicator): the project's fields, merged over its rows,
/// and its indicators' (重庆 表十二).
const std::vector<std::string> ProjectRowFields = withColumns(
    {"序号", "项目编码", "项目名称", "预算数", "财政资金", "其他资金", "绩效目标", "用途", "一级",
     "二级", "名称", "描述", "指标值", "依据"});

class TemplateReader {
public:
  TemplateReader(Resolver &R, llvm::StringRef Name, bool Standard)
      : R(R), Name(Name.str()), Standard(Standard) {}

  void run(const ast::Library &L) {
    model::Template T;
    T.Name = Name;
    T.Where = L.Range;
    T.Standard = Standard;
    std::vector<const ast::Attr *> Parts;
    model::TableTemplate Defaults; // what every table starts from
    for (const ast::Attr *A : L.Rows) {
      llvm::StringRef Key = A->Key.Value;
      if (Key == "第一部分" || Key == "第二部分" || Key == "部分") {
        Parts.push_back(A);
        continue;
      }
      if (Key == "标题") {
        if (A->Values.size() != 1 || !isLabel(A->Values[0]) || !A->Children.empty())
          bad(A->Key.Range, "标题 takes the page's title, in quotes", "标题后应为带引号的页面标题");
        else if (fields(word(A->Values[0]), A->Values[0].range(), false))
          T.Page.Title = word(A->Values[0]);
        continue;
      }
      if (Key != "表") {
        bool Ok = true;
        if (!format(*A, Defaults, Ok))
          bad(A->Key.Range, "'" + Key.str() + "' is not a table, a part of the page or a default of the tables",
              "“" + Key.str() + "”不是表、页面的部分或各表的默认设置", closest(Key, TemplateKeys));
        continue;
      }
      if (auto Tb = table(*A, Defaults))
        T.Tables.push_back(std::move(*Tb));
    }
    for (const ast::Attr *A : Parts)
      part(*A, T);
    bool Rest = false;
    for (const model::OutlinePart &P : T.Page.Parts) {
      for (const model::OutlineItem &I : P.Preface)
        Rest |= I.Kind == model::OutlineItem::OtherTables;
      for (const model::OutlineHeading &H : P.Headings)
        for (const model::OutlineItem &I : H.Items)
          Rest |= I.Kind == model::OutlineItem::OtherTables;
    }
    if (!T.Page.Parts.empty() && !Rest) { // the other tables in a last part of their own
      model::OutlinePart Last;
      Last.Title = "第二部分 {部门名称}{年度}年部门预算表";
      Last.Preface.push_back({model::OutlineItem::OtherTables, "", ""});
      T.Page.Parts.push_back(std::move(Last));
    }
    for (const model::Template &Old : R.B.Templates)
      if (Old.Name == T.Name) {
        R.Diags.report(L.Name.Range, diag::DuplicateDeclaration, {"table template", T.Name})
            .zh({"表样", T.Name})
            .note(Old.Where, diag::NoteFirstDeclared);
        return;
      }
    R.B.Templates.push_back(std::move(T));
  }

private:
  /// Reports BUD120: \p En / \p Zh say what is wrong; \p Guess is a fix if not empty.
  void bad(Span Where, const std::string &En, const std::string &Zh,
           const std::string &Guess = "", bool FixIt = true) {
    auto D = R.Diags.report(Where, diag::BadTemplateRow,
                            {En, Name, Guess.empty() ? "" : "; did you mean '" + Guess + "'?"});
    D.zh({Zh, Name, Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty() && FixIt)
      D.fixIt(Where, Guess);
  }

  static std::string word(const ast::Value &V) {
    if (V.K == ast::Value::Number)
      return V.Num.Number.str() + V.Num.Unit.str();
    return V.Word.Value.str();
  }

  /// Reads the terms of a cell into \p Q (the figure language, sema/figures.h); false after
  /// a diagnostic when they do not resolve.
  bool terms(llvm::ArrayRef<ast::Value> Values, model::Query &Q) {
    std::vector<FigurePart> Parts;
    for (const ast::Value &V : Values)
      Parts.push_back(FigurePart::of(V));
    return terms(Parts, Q);
  }
  bool terms(llvm::ArrayRef<FigurePart> Parts, model::Query &Q) {
    FigureFailure F;
    std::optional<model::Query> X = R.Figs.terms(Parts, /*Facts=*/false, F);
    if (!X) {
      bad(Parts[F.Part].Where, F.En, F.Zh, F.Guess);
      return false;
    }
    Q = *X;
    return true;
  }

  static bool isLabel(const ast::Value &V) {
    return V.K == ast::Value::String;
  }

  /// The table-wide settings a table or (as defaults) a template may give: 序号 无, 金额单位,
  /// 小数位, 千分位, 零. False when \p A is none of them; \p Ok cleared after a diagnostic.
  bool format(const ast::Attr &A, model::TableTemplate &T, bool &Ok) {
    llvm::StringRef Key = A.Key.Value;
    llvm::ArrayRef<ast::Value> V = A.Values;
    if (Key == "序号") {
      if (V.size() != 1 || word(V[0]) != "无") {
        bad(A.Key.Range, "序号 is '序号 无': a table without a 序号 column", "序号的写法为“序号 无”：表不设序号列");
        Ok = false;
      } else {
        T.Ordinal = false;
      }
    } else if (Key == "金额单位") {
      if (V.size() != 1 || V[0].K == ast::Value::Number) {
        bad(A.Key.Range, "金额单位 takes a unit of money: 金额单位 元", "金额单位后应为货币单位：金额单位 元");
        Ok = false;
      } else {
        T.MoneyUnit = word(V[0]);
        T.MoneyUnitWhere = V[0].range();
      }
    } else if (Key == "小数位") {
      unsigned N = 0;
      if (V.size() != 1 || V[0].K != ast::Value::Number || V[0].Num.Number.getAsInteger(10, N) ||
          N > 4) {
        bad(A.Key.Range, "小数位 takes the number of decimals, 0 to 4", "小数位后应为 0 至 4 的小数位数");
        Ok = false;
      } else {
        T.Decimals = static_cast<int>(N);
      }
    } else if (Key == "千分位") {
      if (!V.empty()) {
        bad(A.Key.Range, "千分位 stands alone", "千分位后不带其他内容");
        Ok = false;
      } else {
        T.Separators = true;
      }
    } else if (Key == "零") {
      if (V.size() != 1 || !isLabel(V[0])) {
        bad(A.Key.Range, "零 takes how a zero amount prints, in quotes: 零 \"0.00\"",
            "零后应为带引号的零值写法：零 \"0.00\"");
        Ok = false;
      } else {
        T.Zero = word(V[0]);
      }
    } else {
      return false;
    }
    if (!A.Children.empty()) {
      bad(A.Key.Range, Key.str() + " takes no block", Key.str() + "后不带块");
      Ok = false;
    }
    return true;
  }

  std::optional<model::TableTemplate> table(const ast::Attr &A, const model::TableTemplate &Defaults) {
    model::TableTemplate T = Defaults;
    T.Where = A.Range;
    llvm::ArrayRef<ast::Value> Head = A.Values;
    bool Numbered = !Head.empty() && Head[0].K == ast::Value::Number;
    if (Numbered && (Head[0].Num.Number.getAsInteger(10, T.Number) || T.Number == 0 ||
                     T.Number > 999 || !Head[0].Num.Unit.empty()))
      Numbered = false, Head = {};
    else if (Numbered)
      Head = Head.drop_front();
    if (!Head.empty() && Head.back().K == ast::Value::Name && word(Head.back()) == "每项目") {
      T.PerProject = true;
      Head = Head.drop_back();
    }
    if (Head.size() != 1 || (Head[0].K != ast::Value::String && Head[0].K != ast::Value::Name)) {
      bad(A.Key.Range, "a table is '表 [NUMBER] TITLE [每项目] { … }'",
          "表的写法为“表 [编号] 标题 [每项目] { … }”");
      return std::nullopt;
    }
    T.Title = word(Head[0]);
    bool Ok = fields(T.Title, Head[0].range(), T.PerProject);
    std::vector<Span> HeaderRows;
    for (const ast::Attr *C : A.Children) {
      llvm::StringRef Key = C->Key.Value;
      if (Key == "标注" && C->Values.size() == 1 && C->Values[0].K == ast::Value::Name &&
          word(C->Values[0]) == "无" && C->Children.empty()) {
        T.NoCaption = true; // 标注 无: a table without caption lines
      } else if (Key == "标注" || Key == "注") {
        if (C->Values.size() != 1 || !isLabel(C->Values[0])) {
          bad(C->Key.Range,
              Key == "标注" ? "标注 takes one text, in quotes, or 无 (no caption at all)"
                            : Key.str() + " takes one text, in quotes",
              Key == "标注" ? "标注后应为一段带引号的文字，或“无”（表上方不印标注行）"
                            : Key.str() + "后应为一段带引号的文字");
          Ok = false;
          continue;
        }
        std::string Line = word(C->Values[0]);
        Ok &= fields(Line, C->Values[0].range(), T.PerProject);
        if (Key == "标注") {
          T.Caption.push_back(std::move(Line));
        } else {
          T.Notes.push_back(std::move(Line));
        }
      } else if (Key == "列数") {
        if (C->Values.size() != 1 || C->Values[0].K != ast::Value::Number ||
            C->Values[0].Num.Number.getAsInteger(10, T.Width) || T.Width == 0 || T.Width > 64) {
          bad(C->Key.Range, "列数 takes a number of columns from 1 to 64",
              "列数后应为 1 至 64 的列数");
          T.Width = 0;
          Ok = false;
        }
      } else if (Key == "格" || Key == "逐行" || Key == "支出计划") {
        if (auto L = listingRow(*C, T.PerProject))
          T.Lines.push_back(std::move(*L));
        else
          Ok = false;
      } else if (Key == "表头") {
        std::vector<model::HeaderCell> Row;
        for (const ast::Value &V : C->Values) {
          if (!Row.empty() && span(V, Row.back().RowSpan, Row.back().ColSpan, Ok)) {
            continue;
          } else if (V.K == ast::Value::String || V.K == ast::Value::Name) {
            Row.push_back({word(V)});
            Ok &= fields(Row.back().Text, V.range(), T.PerProject);
          } else {
            bad(V.range(), "a header row holds quoted texts and [跨行 N] / [跨列 N]",
                "表头行由带引号的文字和 [跨行 N]、[跨列 N] 组成");
            Ok = false;
          }
        }
        T.Header.push_back(std::move(Row));
        HeaderRows.push_back(C->Range);
      } else if (Key == "栏次") {
        T.ColumnNumbers = model::TableTemplate::AllNumbers;
        if (C->Values.size() == 1 && word(C->Values[0]) == "金额") {
          T.ColumnNumbers = model::TableTemplate::AmountNumbers;
        } else if (!C->Values.empty()) {
          bad(C->Key.Range, "栏次 numbers every column after 序号, 栏次 金额 only the amount columns",
              "栏次为序号之后的各列编号，栏次 金额 只为金额列编号");
          Ok = false;
        }
      } else if (Key == "标号") {
        if (C->Values.size() != 1 || !isLabel(C->Values[0])) {
          bad(C->Key.Range, "标号 takes the label printed above the title, in quotes: 标号 \"表1\"",
              "标号后应为标题上方带引号的表号：标号 \"表1\"");
          Ok = false;
        } else {
          T.Label = word(C->Values[0]);
          Ok &= fields(T.Label, C->Values[0].range(), T.PerProject);
        }
      } else if (format(*C, T, Ok)) {
        continue;
      } else if (Key == "范围") {
        Ok &= terms(C->Values, T.Scope);
      } else if (Key == "列") {
        Ok &= column(*C, T);
      } else if (Key == "行" || Key == "分栏" || Key == "对行") {
        if (auto Row = row(*C, T))
          T.Rows.push_back(std::move(*Row));
        else
          Ok = false;
      } else if (Key == "空表") {
        Ok &= empty(*C, T);
      } else {
        bad(C->Key.Range, "'" + Key.str() + "' is not a table row", "“" + Key.str() + "”不是表的组成部分",
            closest(Key, TableKeys));
        Ok = false;
      }
    }
    if (!Ok)
      return std::nullopt;
    if (!T.Lines.empty() || T.PerProject)
      return listing(A, std::move(T), HeaderRows);
    if (!Numbered) {
      bad(A.Key.Range, "a standard table (列, 行) needs its number: '表 NUMBER TITLE { … }'",
          "标准表（列、行）须写编号：“表 编号 标题 { … }”");
      return std::nullopt;
    }
    if (T.Columns.empty()) {
      bad(A.Key.Range, "table " + std::to_string(T.Number) + " has no columns (列)",
          "表 " + std::to_string(T.Number) + " 没有列");
      return std::nullopt;
    }
    // Every header row must cover 序号 (if any) plus the columns, counting spans from rows
    // above, and no span may reach past the last header row (it would blank a body row).
    unsigned Width = static_cast<unsigned>(T.Columns.size()) + (T.Ordinal ? 1 : 0);
    std::string Cols = std::to_string(T.Columns.size());
    if (!covers(headerSpans(T), HeaderRows, Width, "header row", "表头第",
                T.Ordinal ? " (序号 and " + Cols + " 列)" : " (its " + Cols + " 列)",
                T.Ordinal ? "（序号及 " + Cols + " 个列）" : "（" + Cols + " 个列）"))
      return std::nullopt;
    if (!withinHeader(T, HeaderRows))
      return std::nullopt;
    return T;
  }

  /// Whether every [跨行] of the header ends within it (the 栏次 row, if any, counted).
  bool withinHeader(const model::TableTemplate &T, llvm::ArrayRef<Span> HeaderRows) {
    size_t Rows = T.Header.size() + (T.ColumnNumbers ? 1 : 0);
    for (size_t I = 0; I < T.Header.size(); ++I)
      for (const model::HeaderCell &C : T.Header[I])
        if (I + C.RowSpan > Rows) {
          bad(HeaderRows[I],
              "a [跨行 " + std::to_string(C.RowSpan) + "] of header row " + std::to_string(I + 1) +
                  " reaches past the last header row: it would cover a body row",
              "表头第 " + std::to_string(I + 1) + " 行的 [跨行 " + std::to_string(C.RowSpan) +
                  "] 越过了表头最后一行，会遮住表体的行");
          return false;
        }
    return true;
  }

  /// 空表 ["note"] [保留行]: what a table prints when every amount is zero.
  bool empty(const ast::Attr &C, model::TableTemplate &T) {
    T.EmptySet = true;
    for (const ast::Value &V : C.Values) {
      if (isLabel(V) && T.EmptyNote.empty()) {
        T.EmptyNote = word(V);
        if (!fields(T.EmptyNote, V.range(), T.PerProject))
          return false;
      } else if (V.K == ast::Value::Tag && V.Word.Value == "保留行" && V.Args.empty()) {
        T.KeepRows = true;
      } else {
        bad(V.range(), "空表 is '空表 [\"note\"] [保留行]': the note, and whether the rows stay",
            "空表的写法为“空表 [\"注释\"] [保留行]”：注释，以及是否保留各行");
        return false;
      }
    }
    return true;
  }

  /// 部分 "title" { items; 章 "heading" { items } … }; 第一部分 "title" { … } is one, and
  /// 第二部分 "title" a part of the other tables (其余表).
  void part(const ast::Attr &A, model::Template &T) {
    llvm::StringRef Key = A.Key.Value;
    bool Rest = Key == "第二部分" && A.Children.empty();
    if (A.Values.size() != 1 || !isLabel(A.Values[0])) {
      bad(A.Key.Range, Key.str() + " is '" + Key.str() + " \"title\" { … }'",
          Key.str() + "的写法为“" + Key.str() + " \"标题\" { … }”");
      return;
    }
    model::OutlinePart P;
    P.Title = word(A.Values[0]);
    if (!fields(P.Title, A.Values[0].range(), false))
      return;
    if (Rest)
      P.Preface.push_back({model::OutlineItem::OtherTables, "", ""});
    for (const ast::Attr *C : A.Children) {
      if (C->Key.Value == "章") {
        if (C->Values.size() != 1 || !isLabel(C->Values[0])) {
          bad(C->Key.Range, "a heading is '章 \"text\" { … }'", "章的写法为“章 \"标题\" { … }”");
          continue;
        }
        model::OutlineHeading H;
        H.Text = word(C->Values[0]);
        if (!fields(H.Text, C->Values[0].range(), false))
          continue;
        for (const ast::Attr *X : C->Children)
          if (auto Item = outlineItem(*X, T))
            H.Items.push_back(std::move(*Item));
        P.Headings.push_back(std::move(H));
      } else if (auto Item = outlineItem(*C, T)) {
        if (!P.Headings.empty()) {
          bad(C->Key.Range, "items of a part after a 章 belong inside a 章",
              "部分中位于章之后的内容应写在章内");
          continue;
        }
        P.Preface.push_back(std::move(*Item));
      }
    }
    T.Page.Parts.push_back(std::move(P));
  }

  /// 说明 TITLE ["lead"], 表 TITLE ["lead"], 整体绩效, 名词解释, 其余表, 其余说明.
  std::optional<model::OutlineItem> outlineItem(const ast::Attr &C, const model::Template &T) {
    model::OutlineItem Item;
    llvm::StringRef Key = C.Key.Value;
    llvm::ArrayRef<ast::Value> Values = C.Values;
    if (Key == "整体绩效" || Key == "名词解释" || Key == "其余表" || Key == "其余说明") {
      Item.Kind = Key == "整体绩效"   ? model::OutlineItem::Performance
                  : Key == "名词解释" ? model::OutlineItem::Glossary
                  : Key == "其余表"   ? model::OutlineItem::OtherTables
                                      : model::OutlineItem::OtherSections;
      if (!Values.empty() || !C.Children.empty()) {
        bad(C.Key.Range, Key.str() + " stands alone", Key.str() + "后不带其他内容");
        return std::nullopt;
      }
      return Item;
    }
    if ((Key != "说明" && Key != "表") || Values.empty() || Values.size() > 2 ||
        (Values.size() == 2 && !isLabel(Values[1]))) {
      bad(C.Key.Range,
          "a part or heading shows '说明 TITLE [\"lead\"]', '表 TITLE [\"lead\"]', 整体绩效, 名词解释, 其余表 or 其余说明",
          "部分或章内可写“说明 标题 [\"引语\"]”“表 标题 [\"引语\"]”、整体绩效、名词解释、其余表或其余说明",
          closest(Key, std::vector<std::string>{"说明", "表", "整体绩效", "名词解释", "其余表", "其余说明"}));
      return std::nullopt;
    }
    Item.Kind = Key == "说明" ? model::OutlineItem::Section : model::OutlineItem::Table;
    Item.Name = word(Values[0]);
    if (Values.size() == 2) {
      Item.Lead = word(Values[1]);
      if (!fields(Item.Lead, Values[1].range(), false))
        return std::nullopt;
    }
    if (Item.Kind == model::OutlineItem::Table) {
      bool Found = false;
      std::vector<std::string> Titles;
      for (const model::TableTemplate &X : T.Tables) {
        Found |= X.Title == Item.Name;
        Titles.push_back(X.Title);
      }
      if (!Found) {
        bad(Values[0].range(), "there is no table '" + Item.Name + "'",
            "没有“" + Item.Name + "”表", closest(Item.Name, Titles));
        return std::nullopt;
      }
    }
    return Item;
  }

  using Spans = std::vector<std::pair<unsigned, unsigned>>; ///< (row span, column span)

  static std::vector<Spans> headerSpans(const model::TableTemplate &T) {
    std::vector<Spans> Rows;
    for (const auto &H : T.Header) {
      Rows.emplace_back();
      for (const model::HeaderCell &C : H)
        Rows.back().emplace_back(C.RowSpan, C.ColSpan);
    }
    return Rows;
  }

  /// Whether rows of cells, HTML-like (a cell covered by a span from above is left out), each
  /// cover exactly \p Width columns; reports BUD120 at the first that does not.
  bool covers(const std::vector<Spans> &Rows, llvm::ArrayRef<Span> Where, unsigned Width,
              const std::string &What, const std::string &WhatZh, const std::string &Extra = "",
              const std::string &ExtraZh = "") {
    std::vector<unsigned> Busy(Width, 0); // rows each column is still covered for
    for (size_t I = 0; I < Rows.size(); ++I) {
      unsigned Col = 0;
      bool Fits = true;
      for (auto [RowSpan, ColSpan] : Rows[I]) {
        while (Col < Width && Busy[Col])
          ++Col;
        if (Col + ColSpan > Width) {
          Fits = false;
          break;
        }
        for (unsigned K = 0; K < ColSpan; ++K)
          Busy[Col + K] = RowSpan;
        Col += ColSpan;
      }
      while (Col < Width && Busy[Col])
        ++Col;
      if (!Fits || Col != Width) {
        bad(Where[I],
            What + " " + std::to_string(I + 1) + " does not cover the " + std::to_string(Width) +
                " columns" + Extra,
            WhatZh + " " + std::to_string(I + 1) + " 行未恰好覆盖 " + std::to_string(Width) + " 列" +
                ExtraZh);
        return false;
      }
      for (unsigned &B : Busy)
        if (B)
          --B;
    }
    return true;
  }

  /// Checks the {fields} and figure references a text names (docs/language.md, "Figure
  /// references"; {{ and }} are literal braces); \p PerProject allows a project's fields. A
  /// figure's reference is kept for the tables, which print it.
  bool fields(llvm::StringRef Text, Span Where, bool PerProject) {
    bool Ok = true;
    for (size_t Open = 0; (Open = Text.find_first_of("{}", Open)) != llvm::StringRef::npos;) {
      if (Open + 1 < Text.size() && Text[Open + 1] == Text[Open]) {
        Open += 2; // a literal brace
        continue;
      }
      size_t Close = Text[Open] == '{' ? Text.find('}', Open) : llvm::StringRef::npos;
      if (Close == llvm::StringRef::npos) {
        bad(Where, "a '{' without its '}'", "“{”缺少对应的“}”");
        return false;
      }
      std::string Field = Text.slice(Open + 1, Close).trim(" \t").str();
      Open = Close + 1;
      bool Project = std::find(ProjectFields.begin(), ProjectFields.end(), Field) != ProjectFields.end();
      llvm::StringRef Section = Field; // {说明 TITLE}: a narrative section's text
      if ((Project && PerProject) || model::budgetField(R.B, Field) ||
          (Section.consume_front("说明 ") && !Section.trim().empty()))
        continue;
      ReferenceFailure F;
      if (!Project)
        if (auto Ref = R.Refs.resolve(Field, Where, /*Facts=*/false, &F)) {
          R.B.TemplateReferences[Field] = std::move(*Ref);
          continue;
        }
      std::vector<std::string> All;
      for (const char *B : model::budgetFields())
        All.push_back(B);
      if (PerProject)
        All.insert(All.end(), ProjectFields.begin(), ProjectFields.end());
      std::string Guess = closest(Field, All);
      if (Project || !Guess.empty())
        bad(Where, "'{" + Field + "}' is not a field" + (PerProject ? "" : " outside 每项目 tables"),
            "“{" + Field + "}”不是" + (PerProject ? "" : "每项目表以外可用的") + "字段",
            Guess.empty() ? "" : "{" + Guess + "}", /*FixIt=*/false);
      else
        bad(Where, "'{" + Field + "}' is neither a field nor a figure: it " + F.En,
            "“{" + Field + "}”既不是字段也不是数字：" + F.Zh,
            F.Guess.empty() ? "" : "{" + F.Fixed + "}", /*FixIt=*/false);
      Ok = false;
    }
    return Ok;
  }

  /// Reads [跨行 N] [跨列 N] [零 "…"] [标签] after a cell into it; false when \p V is none.
  /// Reads [跨行 N] or [跨列 N] into \p RowSpan or \p ColSpan; false when \p V is neither
  /// (a malformed one is reported, clears \p Ok and counts as read).
  bool span(const ast::Value &V, unsigned &RowSpan, unsigned &ColSpan, bool &Ok) {
    if (V.K != ast::Value::Tag || (V.Word.Value != "跨行" && V.Word.Value != "跨列"))
      return false;
    unsigned N = 0;
    if (V.Args.size() != 1 || V.Args[0].K != ast::Value::Number ||
        V.Args[0].Num.Number.getAsInteger(10, N) || N == 0 || N > 64) {
      bad(V.range(), "a span is [跨行 N] or [跨列 N] with 1 ≤ N ≤ 64",
          "跨度应写为 [跨行 N] 或 [跨列 N]，1 ≤ N ≤ 64");
      Ok = false;
      return true;
    }
    (V.Word.Value == "跨行" ? RowSpan : ColSpan) = N;
    return true;
  }

  bool cellOption(const ast::Value &V, model::TemplateCell &Cell, bool &Ok) {
    if (V.K == ast::Value::Tag && V.Word.Value == "跨行" && V.Args.size() == 1 &&
        V.Args[0].K == ast::Value::Name && V.Args[0].Word.Value == "逐行") {
      Cell.DownRecords = true; // [跨行 逐行]: down over the rows of the 逐行 below
      return true;
    }
    if (span(V, Cell.RowSpan, Cell.ColSpan, Ok))
      return true;
    if (V.K != ast::Value::Tag)
      return false;
    llvm::StringRef Tag = V.Word.Value;
    if (Tag == "零" && Cell.Kind == model::TemplateCell::Money && V.Args.size() == 1) {
      Cell.Zero = word(V.Args[0]);
      return true;
    }
    if (Tag == "标签" && Cell.Kind == model::TemplateCell::Field && V.Args.empty()) {
      Cell.Emphasis = true;
      return true;
    }
    return false;
  }

  /// The options of a 逐行 over the facts of 政府采购 and 资产: [分组 KEY…] and [合计行 "label"]
  /// for the row, [货币] and [合计] for the field before; false after a diagnostic.
  bool factOption(const ast::Value &V, model::ListingRow &Row, bool Facts) {
    llvm::StringRef Tag = V.Word.Value;
    bool Field = Tag == "货币" || Tag == "合计";
    if (!Facts) {
      bad(V.range(), "[" + Tag.str() + "] is for the facts of 政府采购 and 资产",
          "[" + Tag.str() + "] 只用于政府采购和资产的逐行");
      return false;
    }
    if (Field && (Row.Cells.empty() || !V.Args.empty())) {
      bad(V.range(), "[" + Tag.str() + "] follows the field it marks, without values",
          "[" + Tag.str() + "] 应紧跟在它所修饰的字段之后，且不带值");
      return false;
    }
    if (Field) {
      Row.Cells.back().Kind = model::TemplateCell::Money;
      Row.Cells.back().RowTotal = Tag == "合计";
      return true;
    }
    if (Tag == "合计行") {
      if (V.Args.size() != 1 || !isLabel(V.Args[0])) {
        bad(V.range(), "[合计行] takes the total row's label in quotes: [合计行 \"合计\"]",
            "[合计行] 后应为带引号的合计行名称：[合计行 \"合计\"]");
        return false;
      }
      Row.Total = true;
      Row.TotalLabel = word(V.Args[0]);
      return true;
    }
    if (V.Args.empty()) {
      bad(V.range(), "[分组] names the keys the facts are grouped by: [分组 大类 预算单位]",
          "[分组] 后应列出分组所依据的字段：[分组 大类 预算单位]");
      return false;
    }
    for (const ast::Value &K : V.Args)
      Row.GroupBy.push_back(word(K));
    return true;
  }

  /// 格 CELL…, 逐行 SOURCE FIELD…, 支出计划 "label".
  std::optional<model::ListingRow> listingRow(const ast::Attr &C, bool PerProject) {
    model::ListingRow Row;
    Row.Where = C.Range;
    llvm::StringRef Key = C.Key.Value;
    llvm::ArrayRef<ast::Value> Values = C.Values;
    bool Ok = true;
    if (Key == "支出计划") {
      Row.Kind = model::ListingRow::Schedule;
      if (!PerProject || Values.size() != 1 || !isLabel(Values[0])) {
        bad(C.Key.Range, "支出计划 is '支出计划 \"label\"', in a 每项目 table",
            "支出计划的写法为“支出计划 \"名称\"”，用于每项目表");
        return std::nullopt;
      }
      Row.Label = word(Values[0]);
      return Row;
    }
    if (Key == "逐行") {
      Row.Kind = model::ListingRow::Records;
      Row.Source = Values.empty() ? "" : word(Values[0]);
      auto It = std::find(RecordSources.begin(), RecordSources.end(), Row.Source);
      if (Values.empty() || It == RecordSources.end() || (Row.Source == "指标") != PerProject) {
        bad(Values.empty() ? C.Key.Range : Values[0].range(),
            "逐行 lists 单位, 整体绩效, 政府采购, 资产 or 项目, and 指标 in a 每项目 table",
            "逐行可列出单位、整体绩效、政府采购、资产或项目，每项目表中列出指标",
            Values.empty() ? "" : closest(Row.Source, RecordSources));
        return std::nullopt;
      }
      const std::vector<std::string> *Known = Row.Source == "单位"       ? &UnitFields
                                              : Row.Source == "整体绩效" ? &GoalFields
                                              : Row.Source == "指标"     ? &IndicatorFields
                                              : Row.Source == "项目"     ? &ProjectRowFields
                                                                         : nullptr;
      bool Facts = Row.Source == "政府采购" || Row.Source == "资产";
      for (const ast::Value &V : Values.drop_front()) {
        if (V.K == ast::Value::Tag && (V.Word.Value == "分组" || V.Word.Value == "合计行" ||
                                       V.Word.Value == "货币" || V.Word.Value == "合计")) {
          Ok &= factOption(V, Row, Facts);
          continue;
        }
        if (!Row.Cells.empty() && cellOption(V, Row.Cells.back(), Ok))
          continue;
        std::string F = word(V);
        if (V.K != ast::Value::Name ||
            (Known && std::find(Known->begin(), Known->end(), F) == Known->end())) {
          bad(V.range(), "'" + F + "' is not a field of " + Row.Source,
              "“" + F + "”不是" + Row.Source + "的字段", Known ? closest(F, *Known) : "");
          Ok = false;
          continue;
        }
        model::TemplateCell Cell;
        Cell.Kind = model::TemplateCell::Field;
        Cell.Text = F;
        Cell.Where = V.range();
        Row.Cells.push_back(std::move(Cell));
      }
      if (Row.Cells.empty() && Ok) {
        bad(C.Key.Range, "逐行 names the fields of its columns", "逐行须列出各列的字段");
        return std::nullopt;
      }
      return Ok ? std::optional(std::move(Row)) : std::nullopt;
    }
    // 格 "text" | 标签 "text" | 金额 NAME, each followed by its options.
    Row.Kind = model::ListingRow::Fixed;
    for (size_t I = 0; I < Values.size(); ++I) {
      const ast::Value &V = Values[I];
      if (!Row.Cells.empty() && cellOption(V, Row.Cells.back(), Ok))
        continue;
      model::TemplateCell Cell;
      Cell.Where = V.range();
      std::string W = word(V);
      if (isLabel(V)) {
        Cell.Kind = model::TemplateCell::Plain;
        Cell.Text = W;
      } else if (V.K == ast::Value::Name && (W == "标签" || W == "金额") && I + 1 < Values.size()) {
        const ast::Value &Arg = Values[++I];
        Cell.Kind = W == "标签" ? model::TemplateCell::Label : model::TemplateCell::Money;
        Cell.Text = word(Arg);
        if (W == "标签" && !isLabel(Arg)) {
          bad(Arg.range(), "标签 takes its text in quotes", "标签后应为带引号的文字");
          Ok = false;
          continue;
        }
        if (W == "金额" && !PerProject) {
          bad(V.range(), "金额 cells show a project's amounts: they belong in 每项目 tables",
              "金额单元格显示项目的金额，只能用于每项目表");
          Ok = false;
          continue;
        }
        if (W == "金额" && (std::find(ProjectAmounts.begin(), ProjectAmounts.end(),
                                                     Cell.Text) == ProjectAmounts.end())) {
          bad(Arg.range(), "'" + Cell.Text + "' is not an amount of a project (预算数, 财政资金, 其他资金)",
              "“" + Cell.Text + "”不是项目的金额（预算数、财政资金、其他资金）",
              closest(Cell.Text, ProjectAmounts));
          Ok = false;
          continue;
        }
        Cell.Emphasis = W == "标签";
      } else {
        bad(V.range(), "a 格 row holds \"text\", 标签 \"text\" and 金额 NAME cells, each with "
                       "[跨行 N] [跨列 N] [零 \"…\"]",
            "格行由 \"文字\"、标签 \"文字\"、金额 名称 组成，可带 [跨行 N] [跨列 N] [零 \"…\"]");
        Ok = false;
        continue;
      }
      if (Cell.Kind != model::TemplateCell::Money)
        Ok &= fields(Cell.Text, Cell.Where, PerProject);
      Row.Cells.push_back(std::move(Cell));
    }
    if (Row.Cells.empty() && Ok) {
      bad(C.Key.Range, "a 格 row has no cells", "格行没有单元格");
      return std::nullopt;
    }
    return Ok ? std::optional(std::move(Row)) : std::nullopt;
  }

  /// Finishes a listing table: its width, and every row covers it.
  std::optional<model::TableTemplate> listing(const ast::Attr &A, model::TableTemplate T,
                                              llvm::ArrayRef<Span> HeaderRows) {
    T.Listing = true;
    if (!T.Columns.empty() || !T.Rows.empty() || T.ColumnNumbers != model::TableTemplate::NoNumbers) {
      bad(A.Key.Range, "a table has either 列 and 行 (a standard table) or 格, 逐行 and 支出计划 rows",
          "一张表要么由列和行组成（标准表），要么由格、逐行、支出计划组成");
      return std::nullopt;
    }
    std::vector<Spans> Head = headerSpans(T);
    if (!T.Width && !Head.empty())
      for (auto [RowSpan, ColSpan] : Head[0])
        T.Width += ColSpan;
    if (!T.Width) {
      bad(A.Key.Range, "a table without a header needs 列数", "没有表头的表须写列数");
      return std::nullopt;
    }
    if (!covers(Head, HeaderRows, T.Width, "header row", "表头第"))
      return std::nullopt;
    // 格 rows are checked in runs (spans may reach into the next 格 row); a generated row
    // (逐行, 支出计划) starts afresh and must not be reached into.
    std::vector<Spans> Run;
    std::vector<Span> RunWhere;
    // Columns a [跨行 逐行] cell of the run's last row covers on the rows of the next 逐行.
    unsigned Down = 0;
    const model::ListingRow *Prev = nullptr;
    auto Flush = [&] {
      bool Ok = covers(Run, RunWhere, T.Width, "row", "第");
      for (size_t I = 0; Ok && I < Run.size(); ++I)
        for (auto [RowSpan, ColSpan] : Run[I])
          if (Ok && RowSpan > Run.size() - I) {
            bad(RunWhere[I], "a [跨行] span reaches past the last 格 row of its run",
                "[跨行] 越过了其所在连续格行的最后一行");
            Ok = false;
          }
      Run.clear();
      RunWhere.clear();
      return Ok;
    };
    for (const model::ListingRow &L : T.Lines) {
      if (Down && L.Kind != model::ListingRow::Records) {
        bad(Prev->Where, "[跨行 逐行] spans down over a 逐行: it belongs on the 格 row just above one",
            "[跨行 逐行] 向下跨越逐行各行：应写在紧接逐行之上的格行中");
        return std::nullopt;
      }
      if (L.Kind == model::ListingRow::Fixed) {
        Run.emplace_back();
        Down = 0;
        for (const model::TemplateCell &C : L.Cells) {
          Run.back().emplace_back(C.RowSpan, C.ColSpan);
          if (C.DownRecords)
            Down += C.ColSpan;
        }
        RunWhere.push_back(L.Where);
        Prev = &L;
        continue;
      }
      if (!Flush())
        return std::nullopt;
      if (L.Kind == model::ListingRow::Schedule) {
        if (T.Width < 2) {
          bad(L.Where, "支出计划 needs at least 2 columns", "支出计划至少需要 2 列");
          return std::nullopt;
        }
        continue;
      }
      unsigned Width = 0;
      for (const model::TemplateCell &C : L.Cells) {
        Width += C.ColSpan;
        if (C.RowSpan != 1) {
          bad(C.Where, "逐行 fields take no [跨行]: rows merge by themselves",
              "逐行的字段不可带 [跨行]：行会自行合并");
          return std::nullopt;
        }
      }
      if (Width + Down != T.Width) {
        unsigned Need = T.Width - Down;
        bad(L.Where, "the fields of 逐行 cover " + std::to_string(Width) + " columns, not " +
                         std::to_string(Need),
            "逐行的字段覆盖 " + std::to_string(Width) + " 列而非 " + std::to_string(Need) + " 列");
        return std::nullopt;
      }
      Down = 0;
    }
    if (Down) {
      bad(Prev->Where, "[跨行 逐行] spans down over a 逐行: it belongs on the 格 row just above one",
          "[跨行 逐行] 向下跨越逐行各行：应写在紧接逐行之上的格行中");
      return std::nullopt;
    }
    if (!Flush())
      return std::nullopt;
    return T;
  }

  /// 列 编码 [类|款|项], 列 名称 [缩进] [格式 "…"], 列 金额 TERMS…, 列 单位, 列 字段 NAME; each
  /// may take 左 or 右 (the side of a two-sided table) and [零 "…"].
  bool column(const ast::Attr &C, model::TableTemplate &T) {
    model::TemplateColumn Col;
    const std::vector<std::string> Kinds{"编码", "名称", "金额", "单位", "字段"};
    if (C.Values.empty()) {
      bad(C.Key.Range, "a column is '列 编码|名称|金额|单位|字段 …'", "列的写法为“列 编码|名称|金额|单位|字段 …”");
      return false;
    }
    std::string Kind = word(C.Values[0]);
    if (Kind == "编码")
      Col.Kind = model::TemplateColumn::Code;
    else if (Kind == "名称")
      Col.Kind = model::TemplateColumn::Label;
    else if (Kind == "金额")
      Col.Kind = model::TemplateColumn::Amount;
    else if (Kind == "单位")
      Col.Kind = model::TemplateColumn::Unit;
    else if (Kind == "字段")
      Col.Kind = model::TemplateColumn::Field;
    else {
      bad(C.Values[0].range(), "'" + Kind + "' is not a column kind", "“" + Kind + "”不是列的种类",
          closest(Kind, Kinds));
      return false;
    }
    bool Ok = true;
    std::vector<FigurePart> Terms;
    llvm::ArrayRef<ast::Value> Rest = C.Values.drop_front();
    if (Col.Kind == model::TemplateColumn::Field) {
      std::string F = Rest.empty() ? "" : word(Rest[0]);
      if (Rest.empty() || Rest[0].K != ast::Value::Name ||
          std::find(RowFields.begin(), RowFields.end(), F) == RowFields.end()) {
        bad(Rest.empty() ? C.Values[0].range() : Rest[0].range(),
            "列 字段 takes a field of the row's project or unit: " + llvm::join(RowFields, ", "),
            "列 字段 后应为行所属项目或单位的字段：" + llvm::join(RowFields, "、"),
            F.empty() ? "" : closest(F, RowFields));
        return false;
      }
      Col.FieldName = F;
      Rest = Rest.drop_front();
    }
    for (const ast::Value &V : Rest) {
      std::string W = word(V);
      if (V.K == ast::Value::Name && (W == "左" || W == "右")) {
        Col.Side = W == "右";
      } else if (V.K == ast::Value::Tag && V.Word.Value == "零" && V.Args.size() == 1) {
        Col.Zero = word(V.Args[0]);
        Col.ZeroSet = true;
      } else if (Col.Kind == model::TemplateColumn::Code && V.K == ast::Value::Name &&
                 (W == "类" || W == "款" || W == "项") && !Col.Part) {
        Col.Part = W == "类" ? 1 : W == "款" ? 2 : 3;
      } else if (Col.Kind == model::TemplateColumn::Label && V.K == ast::Value::Tag &&
                 V.Word.Value == "缩进" && V.Args.empty()) {
        Col.Indent = true;
      } else if (Col.Kind == model::TemplateColumn::Label && V.K == ast::Value::Tag &&
                 V.Word.Value == "格式" && V.Args.size() == 1 && isLabel(V.Args[0])) {
        Col.Pattern = word(V.Args[0]);
        for (size_t Open = Col.Pattern.find('{'); Open != std::string::npos;
             Open = Col.Pattern.find('{', Open + 1)) {
          size_t Close = Col.Pattern.find('}', Open);
          std::string F = Close == std::string::npos ? "" : Col.Pattern.substr(Open + 1, Close - Open - 1);
          if (F != "编码" && F != "名称") {
            bad(V.Args[0].range(), "a 名称 column's 格式 names {编码} and {名称}",
                "名称列的格式可含 {编码} 与 {名称}", "", false);
            Ok = false;
            break;
          }
        }
      } else if (Col.Kind != model::TemplateColumn::Amount) {
        bad(V.range(),
            Col.Kind == model::TemplateColumn::Code    ? "a 编码 column takes 类, 款 or 项, 左|右 and [零]"
            : Col.Kind == model::TemplateColumn::Label ? "a 名称 column takes [缩进], [格式 \"…\"], 左|右 and [零]"
                                                       : "only 金额 columns take terms",
            Col.Kind == model::TemplateColumn::Code    ? "编码列可带 类、款 或 项、左|右 与 [零]"
            : Col.Kind == model::TemplateColumn::Label ? "名称列可带 [缩进]、[格式 \"…\"]、左|右 与 [零]"
                                                       : "只有金额列可带筛选条件");
        Ok = false;
      } else {
        Terms.push_back(FigurePart::of(V));
      }
    }
    if (!Terms.empty())
      Ok &= terms(Terms, Col.Terms);
    Col.Where = C.Range;
    T.Columns.push_back(std::move(Col));
    return Ok;
  }

  /// One side of a fixed row: "label" terms…
  bool side(llvm::ArrayRef<ast::Value> Values, model::TemplateRow &Row, unsigned Side) {
    Row.Has[Side] = true;
    if (!Values.empty() && isLabel(Values[0])) {
      Row.Label[Side] = word(Values[0]);
      Values = Values.drop_front();
    }
    return terms(Values, Row.Terms[Side]);
  }

  /// Reads the options a row may end with — [编号 "一、"] (trees, units, projects) and
  /// [跨列 N] (totals and fixed rows) — off the end of \p Values into \p Row.
  bool rowOptions(llvm::ArrayRef<ast::Value> &Values, model::TemplateRow &Row) {
    while (!Values.empty() && Values.back().K == ast::Value::Tag) {
      const ast::Value &V = Values.back();
      llvm::StringRef Tag = V.Word.Value;
      if (Tag == "编号") {
        if (V.Args.size() != 1 || !isLabel(V.Args[0]) || !numbering(word(V.Args[0]))) {
          bad(V.range(), "a numbering is [编号 \"一、\"]: its first number, 一 or 1, as printed: 一、 （一） (一) 1、 1. （1）",
              "编号的写法为 [编号 \"一、\"]：照印出的样子写第一个编号（一 或 1）：一、 （一） (一) 1、 1. （1）");
          return false;
        }
        if (Row.Kind != model::TemplateRow::FunctionTree && Row.Kind != model::TemplateRow::EconomicTree &&
            Row.Kind != model::TemplateRow::Units && Row.Kind != model::TemplateRow::Projects) {
          bad(V.range(), "only rows of codes, units and projects are numbered (a fixed row writes its number in its label)",
              "只有科目行、单位行和项目行可编号（固定行的编号写在名称中）");
          return false;
        }
        Row.Numbering = word(V.Args[0]);
      } else if (Tag == "跨列") {
        unsigned N = 0, Unused = 1;
        bool Ok = true;
        span(V, Unused, N, Ok);
        if (!Ok)
          return false;
        if (Row.Kind != model::TemplateRow::Total && Row.Kind != model::TemplateRow::Fixed &&
            Row.Kind != model::TemplateRow::Department) {
          bad(V.range(), "[跨列 N] spans the label of a total, fixed or department row",
              "[跨列 N] 用于合计行、固定行或部门行的名称");
          return false;
        }
        Row.LabelSpan = N;
      } else if (Tag == "重点" && V.Args.empty() && Row.Kind == model::TemplateRow::Projects) {
        Row.KeyOnly = true;
      } else if (Tag == "本级") {
        if (V.Args.size() != 1 || !isLabel(V.Args[0]) || Row.Kind != model::TemplateRow::Units) {
          bad(V.range(), "[本级 \"（本级）\"] is written after '行 单位': the text after the name of the unit named as the department",
              "[本级 \"（本级）\"] 写在“行 单位”之后：与部门同名的单位名称后所加的文字");
          return false;
        }
        Row.OwnSuffix = word(V.Args[0]);
      } else if (Tag == "缩进") {
        unsigned N = 0;
        if (V.Args.size() != 1 || V.Args[0].K != ast::Value::Number ||
            V.Args[0].Num.Number.getAsInteger(10, N) || !V.Args[0].Num.Unit.empty() || N > 9) {
          bad(V.range(), "an indent is [缩进 N], the level of the label, 0 to 9",
              "缩进的写法为 [缩进 N]：名称的级次，0 至 9");
          return false;
        }
        if (Row.Kind != model::TemplateRow::Fixed) {
          bad(V.range(), "[缩进 N] sets the level of a fixed row (rows of codes, units and projects are indented by their level)",
              "[缩进 N] 用于固定行的级次（科目行、单位行和项目行按其级次缩进）");
          return false;
        }
        Row.Indent = N;
      } else if (Tag == "空表时" && V.Args.empty() && Row.Kind == model::TemplateRow::Blank) {
        Row.WhenEmpty = true;
      } else {
        break;
      }
      Values = Values.drop_back();
    }
    return true;
  }

  /// Whether \p Style is a first number as printed: 一、 （一） (一) 1、 1. （1） …
  static bool numbering(llvm::StringRef Style) {
    size_t At = Style.find("一");
    size_t Len = 3;
    if (At == llvm::StringRef::npos) {
      At = Style.find('1');
      Len = 1;
    }
    if (At == llvm::StringRef::npos)
      return false;
    llvm::StringRef Rest = Style.substr(At + Len);
    return Rest.find("一") == llvm::StringRef::npos && Rest.find('1') == llvm::StringRef::npos &&
           Style.size() <= 24;
  }

  std::optional<model::TemplateRow> row(const ast::Attr &C, const model::TableTemplate &T) {
    model::TemplateRow Row;
    llvm::StringRef Key = C.Key.Value;
    if (Key == "分栏") {
      Row.Kind = model::TemplateRow::Panels;
      bool Ok = true;
      for (const ast::Attr *S : C.Children) {
        if (S->Key.Value != "左" && S->Key.Value != "右") {
          bad(S->Key.Range, "分栏 holds 左 { … } and 右 { … }", "分栏内应为 左 { … } 与 右 { … }");
          Ok = false;
          continue;
        }
        unsigned Side = S->Key.Value == "右";
        for (const ast::Attr *X : S->Children) {
          if (X->Key.Value != "行") {
            bad(X->Key.Range, "a side of 分栏 holds 行 rows", "分栏的一侧只能包含“行”");
            Ok = false;
            continue;
          }
          if (auto Inner = row(*X, T))
            Row.Sides[Side].push_back(std::move(*Inner));
          else
            Ok = false;
        }
      }
      return Ok ? std::optional(std::move(Row)) : std::nullopt;
    }
    if (Key == "对行") {
      // 对行 左 "label" terms… 右 "label" terms…
      llvm::ArrayRef<ast::Value> Values = C.Values;
      bool Ok = true;
      int Current = -1;
      size_t Start = 0;
      auto Flush = [&](size_t End) {
        if (Current >= 0)
          Ok &= side(Values.slice(Start, End - Start), Row, static_cast<unsigned>(Current));
      };
      for (size_t I = 0; I < Values.size(); ++I) {
        std::string W = Values[I].K == ast::Value::Name ? word(Values[I]) : "";
        if (W == "左" || W == "右") {
          Flush(I);
          Current = W == "右";
          Start = I + 1;
        } else if (Current < 0) {
          bad(Values[I].range(), "对行 is '对行 左 \"label\" terms… 右 \"label\" terms…'",
              "对行的写法为“对行 左 \"名称\" 条件… 右 \"名称\" 条件…”");
          return std::nullopt;
        }
      }
      Flush(Values.size());
      return Ok ? std::optional(std::move(Row)) : std::nullopt;
    }
    // 行 …
    const char *Forms = "a row is '行 合计', '行 功能科目 类 款 项', '行 经济科目 类 款', '行 单位 [{ … }]', "
                        "'行 部门', '行 项目', '行 空 [N]' or '行 \"label\" terms…'";
    const char *FormsZh = "行的写法为“行 合计”“行 功能科目 类 款 项”“行 经济科目 类 款”“行 单位 [{ … }]”"
                          "“行 部门”“行 项目”“行 空 [N]”或“行 \"名称\" 条件…”";
    if (C.Values.empty()) {
      bad(C.Key.Range, Forms, FormsZh);
      return std::nullopt;
    }
    llvm::ArrayRef<ast::Value> Values = C.Values;
    std::string First = word(Values[0]);
    bool Keyword = Values[0].K != ast::Value::String;
    if (Keyword && First == "合计")
      Row.Kind = model::TemplateRow::Total;
    else if (Keyword && (First == "功能科目" || First == "经济科目"))
      Row.Kind = First == "功能科目" ? model::TemplateRow::FunctionTree : model::TemplateRow::EconomicTree;
    else if (Keyword && First == "单位")
      Row.Kind = model::TemplateRow::Units;
    else if (Keyword && First == "部门")
      Row.Kind = model::TemplateRow::Department;
    else if (Keyword && First == "项目")
      Row.Kind = model::TemplateRow::Projects;
    else if (Keyword && First == "空")
      Row.Kind = model::TemplateRow::Blank;
    else
      Row.Kind = model::TemplateRow::Fixed;
    if (!rowOptions(Values, Row))
      return std::nullopt;
    if (!C.Children.empty() && Row.Kind != model::TemplateRow::Units) {
      bad(C.Key.Range, "only '行 单位 { … }' holds rows (the rows of each unit)",
          "只有“行 单位 { … }”可包含行（每个单位的行）");
      return std::nullopt;
    }
    switch (Row.Kind) {
    case model::TemplateRow::Total:
      Row.Has[0] = true;
      Row.Label[0] = Values.size() > 1 ? word(Values[1]) : "合计";
      if (Values.size() > 2 || (Values.size() == 2 && !isLabel(Values[1]))) {
        bad(Values.back().range(), "a total row is '行 合计 [\"label\"] [跨列 N]'",
            "合计行的写法为“行 合计 [\"名称\"] [跨列 N]”");
        return std::nullopt;
      }
      return Row;
    case model::TemplateRow::FunctionTree:
    case model::TemplateRow::EconomicTree: {
      bool Function = Row.Kind == model::TemplateRow::FunctionTree;
      for (const ast::Value &V : Values.drop_front()) {
        std::string L = word(V);
        // (重庆 prints a third economic level: 3010201 规范性津补贴 under 30102 津贴补贴.)
        unsigned Len = L == "类" ? 3 : L == "款" ? 5 : L == "项" ? 7 : 0;
        if (!Len) {
          bad(V.range(), "'" + L + "' is not a level of the " + (Function ? "function" : "economic") +
                             " catalogue",
              "“" + L + "”不是" + First + "的级次", Function ? "项" : "款");
          return std::nullopt;
        }
        Row.Levels.push_back(Len);
      }
      if (Row.Levels.empty())
        Row.Levels = Function ? std::vector<unsigned>{3, 5, 7} : std::vector<unsigned>{3, 5};
      return Row;
    }
    case model::TemplateRow::Units: {
      if (Values.size() > 1) {
        bad(Values[1].range(), "a row per unit is '行 单位 [编号] [本级] [{ rows of each unit }]'",
            "按单位的行写作“行 单位 [编号] [本级] [{ 每个单位的行 }]”");
        return std::nullopt;
      }
      bool Ok = true;
      for (const ast::Attr *X : C.Children) {
        if (X->Key.Value != "行") {
          bad(X->Key.Range, "'行 单位 { … }' holds 行 rows", "“行 单位 { … }”中只能写“行”");
          Ok = false;
          continue;
        }
        auto Inner = row(*X, T);
        if (Inner && (Inner->Kind == model::TemplateRow::Units || Inner->Kind == model::TemplateRow::Department)) {
          bad(X->Key.Range, "the rows of a unit are its own: no 行 单位 or 行 部门 inside",
              "单位内的行只属于该单位：其中不能再写行 单位或行 部门");
          Ok = false;
        } else if (Inner) {
          Row.Inner.push_back(std::move(*Inner));
        } else {
          Ok = false;
        }
      }
      return Ok ? std::optional(std::move(Row)) : std::nullopt;
    }
    case model::TemplateRow::Department:
    case model::TemplateRow::Projects:
      if (Values.size() > 1) {
        bad(Values[1].range(), First == "部门" ? "a department row is '行 部门 [跨列 N]'" : "a row per project is '行 项目 [编号] [重点]'",
            First == "部门" ? "部门行写作“行 部门 [跨列 N]”" : "按项目的行写作“行 项目 [编号] [重点]”");
        return std::nullopt;
      }
      Row.Has[0] = true;
      return Row;
    case model::TemplateRow::Blank:
      if (Values.size() > 2 || (Values.size() == 2 && (Values[1].K != ast::Value::Number ||
                                                       Values[1].Num.Number.getAsInteger(10, Row.Count) ||
                                                       Row.Count == 0 || Row.Count > 64))) {
        bad(Values.back().range(), "blank rows are '行 空 [N] [空表时]', 1 ≤ N ≤ 64",
            "空行写作“行 空 [N] [空表时]”，1 ≤ N ≤ 64");
        return std::nullopt;
      }
      return Row;
    case model::TemplateRow::Fixed:
    case model::TemplateRow::Panels:
      break;
    }
    if (!side(Values, Row, 0))
      return std::nullopt;
    return Row;
  }

  Resolver &R;
  std::string Name;
  bool Standard;
};

} // namespace

void Resolver::tableTemplate(const ast::Library &L, bool FromStdlib) {
  TemplateReader(*this, L.Name.Value, FromStdlib).run(L);
}

} // namespace budc::sema

//===- template.cpp - Table templates (表样) into the model ------------------===//
//
// A template says which rows and columns each disclosure table has and which allocations a
// cell adds (see stdlib/templates/hebei-2024.bud for the language). This file checks a
// template's rows and turns them into model::Template; the tables stage evaluates it.
//
//===----------------------------------------------------------------------===//
#include "compiler/model/values.h"
#include "compiler/sema/resolver.h"

namespace budc::sema {
namespace {

const std::vector<std::string> TableKeys{"表头", "栏次", "范围", "列",   "行",   "分栏",     "对行",
                                         "空表", "标注", "注",   "列数", "格",   "逐行", "支出计划"};
/// Fields a text may name in braces, in every table and in the tables of each project.
const std::vector<std::string> ProjectFields{"序号", "项目编码", "项目名称", "用途", "绩效目标"};
/// Amounts a 金额 cell of a project's table may show.
const std::vector<std::string> ProjectAmounts{"预算数", "财政资金", "其他资金"};
/// The records 逐行 lists, and the fields of each (政府采购 and 资产 take their facts' keys).
const std::vector<std::string> RecordSources{"单位", "整体绩效", "政府采购", "资产", "指标"};
const std::vector<std::string> UnitFields{"编码", "名称", "性质", "规格", "经费保障形式"};
const std::vector<std::string> GoalFields{"序号", "分项", "目标", "指标", "指标值"};
const std::vector<std::string> IndicatorFields{"一级", "二级", "名称", "描述", "指标值", "依据"};

class TemplateReader {
public:
  TemplateReader(Resolver &R, llvm::StringRef Name) : R(R), Name(Name.str()) {}

  void run(const ast::Library &L) {
    model::Template T;
    T.Name = Name;
    T.Where = L.Range;
    std::vector<const ast::Attr *> Parts;
    for (const ast::Attr *A : L.Rows) {
      if (A->Key.Value == "第一部分" || A->Key.Value == "第二部分") {
        Parts.push_back(A);
        continue;
      }
      if (A->Key.Value != "表") {
        bad(A->Key.Range, "'" + A->Key.Value.str() + "' is not a table or a part of the page",
            "“" + A->Key.Value.str() + "”不是表，也不是页面的部分",
            closest(A->Key.Value, std::vector<std::string>{"表", "第一部分", "第二部分"}));
        continue;
      }
      if (auto Tb = table(*A))
        T.Tables.push_back(std::move(*Tb));
    }
    for (const ast::Attr *A : Parts)
      part(*A, T);
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

  std::optional<model::TableTemplate> table(const ast::Attr &A) {
    model::TableTemplate T;
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
      if (Key == "标注" || Key == "注") {
        if (C->Values.size() != 1 || !isLabel(C->Values[0])) {
          bad(C->Key.Range, Key.str() + " takes one text, in quotes",
              Key.str() + "后应为一段带引号的文字");
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
        T.ColumnNumbers = true;
      } else if (Key == "范围") {
        Ok &= terms(C->Values, T.Scope);
      } else if (Key == "列") {
        Ok &= column(*C, T);
      } else if (Key == "行" || Key == "分栏" || Key == "对行") {
        if (auto Row = row(*C))
          T.Rows.push_back(std::move(*Row));
        else
          Ok = false;
      } else if (Key == "空表") {
        if (C->Values.empty() || !isLabel(C->Values[0])) {
          bad(C->Key.Range, "空表 takes the note to print, in quotes", "空表后应为带引号的注释文字");
          Ok = false;
        } else {
          T.EmptyNote = word(C->Values[0]);
        }
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
    // Every header row must cover 序号 plus the columns, counting spans from rows above.
    unsigned Width = static_cast<unsigned>(T.Columns.size()) + 1;
    if (!covers(headerSpans(T), HeaderRows, Width, "header row", "表头第",
                " (序号 and " + std::to_string(Width - 1) + " 列)",
                "（序号及 " + std::to_string(Width - 1) + " 个列）"))
      return std::nullopt;
    return T;
  }

  /// 第一部分 "title" { items; 章 "heading" { items } … } and 第二部分 "title".
  void part(const ast::Attr &A, model::Template &T) {
    bool One = A.Key.Value == "第一部分";
    if (A.Values.size() != 1 || !isLabel(A.Values[0]) || (!One && !A.Children.empty())) {
      bad(A.Key.Range, One ? "第一部分 is '第一部分 \"title\" { … }'" : "第二部分 is '第二部分 \"title\"'",
          One ? "第一部分的写法为“第一部分 \"标题\" { … }”" : "第二部分的写法为“第二部分 \"标题\"”");
      return;
    }
    std::string Title = word(A.Values[0]);
    if (!fields(Title, A.Values[0].range(), false))
      return;
    if (!One) {
      T.Page.PartTwo = Title;
      return;
    }
    T.Page.Present = true;
    T.Page.PartOne = Title;
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
        T.Page.Headings.push_back(std::move(H));
      } else if (auto Item = outlineItem(*C, T)) {
        if (!T.Page.Headings.empty()) {
          bad(C->Key.Range, "items of 第一部分 after a 章 belong inside a 章",
              "第一部分中位于章之后的内容应写在章内");
          continue;
        }
        T.Page.Preface.push_back(std::move(*Item));
      }
    }
  }

  /// 说明 TITLE ["lead"], 表 TITLE ["lead"], 整体绩效, 名词解释.
  std::optional<model::OutlineItem> outlineItem(const ast::Attr &C, const model::Template &T) {
    model::OutlineItem Item;
    llvm::StringRef Key = C.Key.Value;
    llvm::ArrayRef<ast::Value> Values = C.Values;
    if (Key == "整体绩效" || Key == "名词解释") {
      Item.Kind = Key == "整体绩效" ? model::OutlineItem::Performance : model::OutlineItem::Glossary;
      if (!Values.empty() || !C.Children.empty()) {
        bad(C.Key.Range, Key.str() + " stands alone", Key.str() + "后不带其他内容");
        return std::nullopt;
      }
      return Item;
    }
    if ((Key != "说明" && Key != "表") || Values.empty() || Values.size() > 2 ||
        (Values.size() == 2 && !isLabel(Values[1]))) {
      bad(C.Key.Range, "a heading shows '说明 TITLE [\"lead\"]', '表 TITLE [\"lead\"]', 整体绩效 or 名词解释",
          "章内可写“说明 标题 [\"引语\"]”“表 标题 [\"引语\"]”、整体绩效或名词解释",
          closest(Key, std::vector<std::string>{"说明", "表", "整体绩效", "名词解释"}));
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
      if ((Project && PerProject) || model::budgetField(R.B, Field))
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
            "逐行 lists 单位, 整体绩效, 政府采购 or 资产, and 指标 in a 每项目 table",
            "逐行可列出单位、整体绩效、政府采购或资产，每项目表中列出指标",
            Values.empty() ? "" : closest(Row.Source, RecordSources));
        return std::nullopt;
      }
      const std::vector<std::string> *Known = Row.Source == "单位"       ? &UnitFields
                                              : Row.Source == "整体绩效" ? &GoalFields
                                              : Row.Source == "指标"     ? &IndicatorFields
                                                                         : nullptr;
      for (const ast::Value &V : Values.drop_front()) {
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
    if (!T.Columns.empty() || !T.Rows.empty() || T.ColumnNumbers) {
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
      if (L.Kind == model::ListingRow::Fixed) {
        Run.emplace_back();
        for (const model::TemplateCell &C : L.Cells)
          Run.back().emplace_back(C.RowSpan, C.ColSpan);
        RunWhere.push_back(L.Where);
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
      if (Width != T.Width) {
        bad(L.Where, "the fields of 逐行 cover " + std::to_string(Width) + " columns, not " +
                         std::to_string(T.Width),
            "逐行的字段覆盖 " + std::to_string(Width) + " 列而非 " + std::to_string(T.Width) + " 列");
        return std::nullopt;
      }
    }
    if (!Flush())
      return std::nullopt;
    return T;
  }

  bool column(const ast::Attr &C, model::TableTemplate &T) {
    model::TemplateColumn Col;
    if (C.Values.empty()) {
      bad(C.Key.Range, "a column is '列 编码|名称|金额 …'", "列的写法为“列 编码|名称|金额 …”");
      return false;
    }
    std::string Kind = word(C.Values[0]);
    if (Kind == "编码")
      Col.Kind = model::TemplateColumn::Code;
    else if (Kind == "名称")
      Col.Kind = model::TemplateColumn::Label;
    else if (Kind == "金额")
      Col.Kind = model::TemplateColumn::Amount;
    else {
      bad(C.Values[0].range(), "'" + Kind + "' is not a column kind", "“" + Kind + "”不是列的种类",
          closest(Kind, std::vector<std::string>{"编码", "名称", "金额"}));
      return false;
    }
    bool Ok = true;
    std::vector<FigurePart> Terms;
    for (const ast::Value &V : C.Values.drop_front()) {
      std::string W = word(V);
      if (V.K == ast::Value::Name && (W == "左" || W == "右"))
        Col.Side = W == "右";
      else if (V.K == ast::Value::Tag && V.Word.Value == "零" && !V.Args.empty())
        Col.Zero = word(V.Args[0]);
      else if (Col.Kind != model::TemplateColumn::Amount) {
        bad(V.range(), "only 金额 columns take terms", "只有金额列可带筛选条件");
        Ok = false;
      } else
        Terms.push_back(FigurePart::of(V));
    }
    if (!Terms.empty())
      Ok &= terms(Terms, Col.Terms);
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

  std::optional<model::TemplateRow> row(const ast::Attr &C) {
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
          if (auto Inner = row(*X))
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
    if (C.Values.empty()) {
      bad(C.Key.Range, "a row is '行 合计', '行 功能科目 类 款 项', '行 经济科目 类 款' or '行 \"label\" terms…'",
          "行的写法为“行 合计”“行 功能科目 类 款 项”“行 经济科目 类 款”或“行 \"名称\" 条件…”");
      return std::nullopt;
    }
    std::string First = word(C.Values[0]);
    if (C.Values[0].K != ast::Value::String && First == "合计") {
      Row.Kind = model::TemplateRow::Total;
      Row.Has[0] = true;
      Row.Label[0] = C.Values.size() > 1 ? word(C.Values[1]) : "合计";
      return Row;
    }
    if (C.Values[0].K != ast::Value::String && (First == "功能科目" || First == "经济科目")) {
      bool Function = First == "功能科目";
      Row.Kind = Function ? model::TemplateRow::FunctionTree : model::TemplateRow::EconomicTree;
      for (const ast::Value &V : C.Values.drop_front()) {
        std::string L = word(V);
        unsigned Len = L == "类" ? 3 : L == "款" ? 5 : (L == "项" && Function) ? 7 : 0;
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
    Row.Kind = model::TemplateRow::Fixed;
    if (!side(C.Values, Row, 0))
      return std::nullopt;
    return Row;
  }

  Resolver &R;
  std::string Name;
};

} // namespace

void Resolver::tableTemplate(const ast::Library &L) {
  TemplateReader(*this, L.Name.Value).run(L);
}

} // namespace budc::sema

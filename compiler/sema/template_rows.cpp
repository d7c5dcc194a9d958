//===- template_rows.cpp - A standard table's columns, rows and spans -----===//
//
// Reads the 列 and 行 of a standard table and checks that its header and spans cover it.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/template_reader.h"

namespace budc::sema::templates {

std::vector<TemplateReader::Spans> TemplateReader::headerSpans(const model::TableTemplate &T) {
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
bool TemplateReader::covers(const std::vector<TemplateReader::Spans> &Rows, llvm::ArrayRef<Span> Where, unsigned Width,
                            const std::string &What, const std::string &WhatZh, const std::string &Extra,
                            const std::string &ExtraZh) {
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

/// Reads [跨行 N] or [跨列 N] into \p RowSpan or \p ColSpan; false when \p V is neither
/// (a malformed one is reported, clears \p Ok and counts as read).
bool TemplateReader::span(const ast::Value &V, unsigned &RowSpan, unsigned &ColSpan, bool &Ok) {
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

/// Reads [跨行 N] [跨列 N] [零 "…"] [标签] after a cell into it; false when \p V is none.
bool TemplateReader::cellOption(const ast::Value &V, model::TemplateCell &Cell, bool &Ok) {
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

/// 列 编码 [类|款|项], 列 名称 [缩进] [格式 "…"], 列 金额 TERMS…, 列 单位, 列 字段 NAME; each
/// may take 左 or 右 (the side of a two-sided table) and [零 "…"].
bool TemplateReader::column(const ast::Attr &C, model::TableTemplate &T) {
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
    } else if (Col.Kind == model::TemplateColumn::Amount &&
               measureTag(V, Col.M, Col.MayLack, Col.MeasureWhere, Ok)) {
      continue;
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
  Ok &= measureComplete(Col.M, Col.MayLack, Col.MeasureWhere);
  Col.Where = C.Range;
  T.Columns.push_back(std::move(Col));
  return Ok;
}

/// One side of a fixed row: "label" terms…
bool TemplateReader::side(llvm::ArrayRef<ast::Value> Values, model::TemplateRow &Row, unsigned Side) {
  Row.Has[Side] = true;
  if (!Values.empty() && isLabel(Values[0])) {
    Row.Label[Side] = word(Values[0]);
    if (!fields(Row.Label[Side], Values[0].range(), false)) // {年度}年 (深圳 表9)
      return false;
    Values = Values.drop_front();
  }
  if (Values.empty())
    return true; // every fact of the table's scope (of the row's unit in 行 单位 { … })
  return terms(Values, Row.Terms[Side]);
}

/// Reads the options a row may end with — [编号 "一、"] (trees, units, projects) and
/// [跨列 N] (totals and fixed rows) — off the end of \p Values into \p Row.
bool TemplateReader::rowOptions(llvm::ArrayRef<ast::Value> &Values, model::TemplateRow &Row) {
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
    } else if (Tag == "上年数" || Tag == "增减额" || Tag == "增减率" || Tag == "可缺") {
      if (Row.Kind != model::TemplateRow::Fixed && Row.Kind != model::TemplateRow::Total) {
        bad(V.range(), "[" + Tag.str() + "] is written after a fixed or total row (or after a column)",
            "[" + Tag.str() + "] 写在固定行或合计行之后（或写在列之后）");
        return false;
      }
      bool Ok = true;
      measureTag(V, Row.M, Row.MayLack, Row.MeasureWhere, Ok);
      if (!Ok)
        return false;
    } else {
      break;
    }
    Values = Values.drop_back();
  }
  return true;
}

/// Whether \p Style is a first number as printed: 一、 （一） (一) 1、 1. （1） …
bool TemplateReader::numbering(llvm::StringRef Style) {
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

std::optional<model::TemplateRow> TemplateReader::row(const ast::Attr &C, const model::TableTemplate &T) {
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
  if (!rowOptions(Values, Row) || !measureComplete(Row.M, Row.MayLack, Row.MeasureWhere))
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

bool TemplateReader::measureTag(const ast::Value &V, model::Measure &M, bool &MayLack,
                                Span &Where, bool &Ok) {
  if (V.K != ast::Value::Tag)
    return false;
  llvm::StringRef Tag = V.Word.Value;
  if (Tag == "可缺") {
    MayLack = true;
  } else if (Tag == "上年数" || Tag == "增减额" || Tag == "增减率") {
    if (M != model::Measure::Value) {
      bad(V.range(), "a column or row prints one of 上年数, 增减额 and 增减率",
          "一列或一行只印上年数、增减额、增减率之一");
      Ok = false;
      return true;
    }
    M = Tag == "上年数"   ? model::Measure::LastYear
        : Tag == "增减额" ? model::Measure::Change
                          : model::Measure::Rate;
    Where = V.range();
  } else {
    return false;
  }
  if (!V.Args.empty()) {
    bad(V.range(), "[" + Tag.str() + "] takes no values", "[" + Tag.str() + "] 不带值");
    Ok = false;
  }
  if (!Where.isValid())
    Where = V.range();
  return true;
}

bool TemplateReader::measureComplete(model::Measure M, bool MayLack, Span Where) {
  if (MayLack && M == model::Measure::Value) {
    bad(Where, "[可缺] marks a column or row of last year (上年数, 增减额, 增减率) that may be blank",
        "[可缺] 用于可以空白的上年列或行（上年数、增减额、增减率）");
    return false;
  }
  return true;
}

} // namespace budc::sema::templates

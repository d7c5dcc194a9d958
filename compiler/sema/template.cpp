//===- template.cpp - Table templates (表样) into the model ------------------===//
//
// A template says which rows and columns each disclosure table has and which allocations a
// cell adds (see stdlib/templates/hebei-2024.bud for the language). This file checks a
// template's rows and turns them into model::Template; the tables stage evaluates it.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/template_reader.h"

#include "compiler/tables/tables.h"

#include <functional>

namespace budc::sema {
namespace templates {

void TemplateReader::run(const ast::Library &L) {
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

/// Reports BUD120: \p En / \p Zh say what is wrong; \p Guess is a fix if not empty.
void TemplateReader::bad(Span Where, const std::string &En, const std::string &Zh,
                         const std::string &Guess, bool FixIt) {
  auto D = R.Diags.report(Where, diag::BadTemplateRow,
                          {En, Name, Guess.empty() ? "" : "; did you mean '" + Guess + "'?"});
  D.zh({Zh, Name, Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
  if (!Guess.empty() && FixIt)
    D.fixIt(Where, Guess);
}

/// Reads the terms of a cell into \p Q (the figure language, sema/figures.h); false after
/// a diagnostic when they do not resolve.
bool TemplateReader::terms(llvm::ArrayRef<ast::Value> Values, model::Query &Q) {
  std::vector<FigurePart> Parts;
  for (const ast::Value &V : Values)
    Parts.push_back(FigurePart::of(V));
  return terms(Parts, Q);
}

bool TemplateReader::terms(llvm::ArrayRef<FigurePart> Parts, model::Query &Q) {
  FigureFailure F;
  std::optional<model::Query> X = R.Figs.terms(Parts, /*Facts=*/false, F);
  if (!X) {
    bad(Parts[F.Part].Where, F.En, F.Zh, F.Guess);
    return false;
  }
  Q = *X;
  return true;
}

/// The table-wide settings a table or (as defaults) a template may give: 序号 无, 金额单位,
/// 小数位, 千分位, 零. False when \p A is none of them; \p Ok cleared after a diagnostic.
bool TemplateReader::format(const ast::Attr &A, model::TableTemplate &T, bool &Ok) {
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

std::optional<model::TableTemplate> TemplateReader::table(const ast::Attr &A, const model::TableTemplate &Defaults) {
  model::TableTemplate T = Defaults;
  T.Where = A.Range;
  llvm::ArrayRef<ast::Value> Head = A.Values;
  bool Numbered = !Head.empty() && Head[0].K == ast::Value::Number;
  if (Numbered && (Head[0].Num.Number.getAsInteger(10, T.Number) || T.Number == 0 ||
                   T.Number > 999 || !Head[0].Num.Unit.empty()))
    Numbered = false, Head = {};
  else if (Numbered)
    Head = Head.drop_front();
  // 逐项目 [重点专项资金]: the forms of the projects (of the 市级重点专项资金 only) in one table.
  if (Head.size() >= 2 && Head.back().K == ast::Value::Tag && Head.back().Args.empty() &&
      Head.back().Word.Value == "重点专项资金" && Head[Head.size() - 2].K == ast::Value::Name &&
      word(Head[Head.size() - 2]) == "逐项目") {
    T.SpecialFundsOnly = true;
    Head = Head.drop_back();
  }
  if (!Head.empty() && Head.back().K == ast::Value::Name &&
      (word(Head.back()) == "每项目" || word(Head.back()) == "逐项目")) {
    T.PerProject = true;
    T.Stacked = word(Head.back()) == "逐项目";
    Head = Head.drop_back();
  }
  if (Head.size() != 1 || (Head[0].K != ast::Value::String && Head[0].K != ast::Value::Name)) {
    bad(A.Key.Range, "a table is '表 [NUMBER] TITLE [每项目 | 逐项目 [重点专项资金]] { … }'",
        "表的写法为“表 [编号] 标题 [每项目 | 逐项目 [重点专项资金]] { … }”");
    return std::nullopt;
  }
  T.Title = word(Head[0]);
  // The texts around the table are one project's in a 每项目 table; a 逐项目 table is one
  // table of several forms, whose fields are in its 格 rows only.
  bool Own = T.PerProject && !T.Stacked;
  bool Ok = fields(T.Title, Head[0].range(), Own);
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
      Ok &= fields(Line, C->Values[0].range(), Own);
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
          Ok &= fields(Row.back().Text, V.range(), Own);
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
        Ok &= fields(T.Label, C->Values[0].range(), Own);
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
  // Last year by the rows or by the columns: a cell prints one measure.
  const model::TemplateColumn *ByColumn = nullptr;
  for (const model::TemplateColumn &C : T.Columns)
    if (C.M != model::Measure::Value && !ByColumn)
      ByColumn = &C;
  std::function<const model::TemplateRow *(const std::vector<model::TemplateRow> &)> ByRow =
      [&](const std::vector<model::TemplateRow> &Rows) -> const model::TemplateRow * {
    for (const model::TemplateRow &Rw : Rows) {
      if (Rw.M != model::Measure::Value)
        return &Rw;
      for (const auto *Inner : {&Rw.Inner, &Rw.Sides[0], &Rw.Sides[1]})
        if (const model::TemplateRow *X = ByRow(*Inner))
          return X;
    }
    return nullptr;
  };
  if (const model::TemplateRow *Rw = ByColumn ? ByRow(T.Rows) : nullptr) {
    bad(Rw->MeasureWhere,
        "a table prints last year by its rows or by its columns, not both (a column of table " +
            std::to_string(T.Number) + " has one already)",
        "表按行或按列印上年数字，不能两者兼有（表 " + std::to_string(T.Number) + " 已有上年列）");
    return std::nullopt;
  }
  return T;
}

/// Whether every [跨行] of the header ends within it (the 栏次 row, if any, counted).
bool TemplateReader::withinHeader(const model::TableTemplate &T, llvm::ArrayRef<Span> HeaderRows) {
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
bool TemplateReader::empty(const ast::Attr &C, model::TableTemplate &T) {
  T.EmptySet = true;
  for (const ast::Value &V : C.Values) {
    if (isLabel(V) && T.EmptyNote.empty()) {
      T.EmptyNote = word(V);
      if (!fields(T.EmptyNote, V.range(), T.PerProject && !T.Stacked))
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

/// Checks the {fields} and figure references a text names (docs/language.md, "Figure
/// references"; {{ and }} are literal braces); \p PerProject allows a project's fields. A
/// figure's reference is kept for the tables, which print it.
bool TemplateReader::fields(llvm::StringRef Text, Span Where, bool PerProject) {
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

} // namespace templates

void Resolver::tableTemplate(const ast::Library &L, bool FromStdlib) {
  templates::TemplateReader(*this, L.Name.Value, FromStdlib).run(L);
}

void templateGaps(Resolver &R) {
  auto same = [](Span A, Span B) { return A.File == B.File && A.Begin == B.Begin && A.End == B.End; };
  const model::Template *T = R.B.findTemplate();
  if (!T)
    return;
  bool Carried = model::hasLastYear(R.B);
  const model::Allocation *Whole = nullptr; // the first fact held for the department as a whole
  for (const model::Allocation &A : R.B.Allocations)
    if (A.UnitIndex == model::DepartmentLevel) {
      Whole = &A;
      break;
    }
  for (const model::TableTemplate &Tb : T->Tables) {
    tables::CellGaps Gaps = tables::cellGaps(R.B, Tb);
    std::string Num = std::to_string(Tb.Number);
    auto More = [](size_t N, bool Zh) {
      if (!N)
        return std::string();
      return Zh ? "，另有 " + std::to_string(N) + " 格" : ", and " + std::to_string(N) + " more cells";
    };
    // One report for each column or row that asks: its first cell, and how many more.
    std::vector<tables::LastYearGap> &Last = Gaps.LastYear;
    for (size_t I = 0; I < Last.size(); ++I) {
      bool Seen = false;
      for (size_t K = 0; K < I && !Seen; ++K)
        Seen = same(Last[K].Where, Last[I].Where);
      if (Seen)
        continue;
      size_t N = 0;
      for (size_t K = I + 1; K < Last.size(); ++K)
        N += same(Last[K].Where, Last[I].Where);
      const tables::LastYearGap &G = Last[I];
      std::string Col = std::to_string(G.Column);
      auto D = R.Diags.report(
          G.Where, diag::TemplateLastYearMissing,
          {Num, Tb.Title, T->Name,
           Carried ? "last year's figures do not give this cell's"
                   : "it has no 上年 statement and no declared 上年数",
           G.Row, Col, More(N, false)});
      D.zh({Num, Tb.Title, T->Name, Carried ? "上年数字中没有此格的数字" : "没有“上年”语句，也没有声明的上年数",
            G.Row, Col, More(N, true)});
      if (R.B.Previous && R.B.Previous->Where.isValid())
        D.note(R.B.Previous->Where, diag::NoteLastYearStated);
    }
    // One report for each unit: at its declaration, its first cell and how many more; one for
    // the table when no unit declares its figures at all.
    std::vector<tables::ShareGap> &Shares = Gaps.Shares;
    size_t Units = R.B.OrgUnits.size();
    std::vector<size_t> First(Units, SIZE_MAX), Count(Units);
    std::vector<size_t> Order; // the units in the order of their first cell
    for (size_t I = 0; I < Shares.size(); ++I) {
      size_t U = Shares[I].Unit;
      if (U >= Units)
        continue;
      if (First[U] == SIZE_MAX) {
        First[U] = I;
        Order.push_back(U);
      }
      ++Count[U];
    }
    bool Every = Order.size() == Units && Units > 1;
    for (size_t U : Order) {
      const tables::ShareGap &G = Shares[First[U]];
      const model::Unit &Un = R.B.OrgUnits[U];
      std::string Col = std::to_string(G.Column), Others = std::to_string(Units - 1);
      std::string En = More(Count[U] - 1, false), Zh = More(Count[U] - 1, true);
      if (Every) {
        En += Units == 2 ? "; the other unit's cells too" : "; the other " + Others + " units' cells too";
        Zh += "；其余 " + Others + " 个单位的格亦然";
      }
      auto D = R.Diags.report(Un.Where, diag::TemplateUnitShareMissing,
                              {Num, Tb.Title, T->Name, Un.Name, G.Row, Col, En});
      D.zh({Num, Tb.Title, T->Name, Un.Name, G.Row, Col, Zh});
      if (Whole)
        D.note(Whole->Where, diag::NoteHeldForDepartment);
      if (Every)
        break;
    }
  }
}

} // namespace budc::sema

//===- template_listing.cpp - Listing tables of a template ----------------===//
//
// Reads the 格, 逐行 and 支出计划 rows of a listing table and checks they cover its width.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/template_reader.h"

namespace budc::sema::templates {

/// The options of a 逐行 over the facts of 政府采购 and 资产: [分组 KEY…] and [合计行 "label"]
/// for the row, [货币] and [合计] for the field before; false after a diagnostic.
bool TemplateReader::factOption(const ast::Value &V, model::ListingRow &Row, bool Facts) {
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

/// Whether the total row's label, spanning Row.TotalSpan columns ([合计行 "label"] [跨列 N]),
/// covers whole fields that are not amounts; a diagnostic at \p Where when not.
bool TemplateReader::totalSpanFits(const model::ListingRow &Row, const ast::Value &Where) {
  unsigned Covered = 0, Most = 0;
  bool Before = true; // still among the fields before the first amount
  for (const model::TemplateCell &F : Row.Cells) {
    Before = Before && F.Kind != model::TemplateCell::Money;
    if (Covered < Row.TotalSpan) {
      if (F.Kind == model::TemplateCell::Money)
        break;
      Covered += F.ColSpan;
    }
    if (Before)
      Most += F.ColSpan;
  }
  if (Covered == Row.TotalSpan)
    return true;
  std::string N = std::to_string(Row.TotalSpan), M = std::to_string(Most);
  bad(Where.range(),
      "[跨列 " + N + "] after [合计行] spans the total row's label over whole fields before the "
          "first amount (here within the first " + M + " column(s))",
      "[合计行] 后的 [跨列 " + N + "] 使合计行名称跨越第一个金额之前的整个字段（此处在前 " + M +
          " 列之内）");
  return false;
}

/// 格 CELL…, 逐行 SOURCE FIELD…, 支出计划 "label".
std::optional<model::ListingRow> TemplateReader::listingRow(const ast::Attr &C, bool PerProject) {
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
    const ast::Value *TotalSpan = nullptr; // [跨列 N] right after [合计行 "label"]
    for (size_t I = 1; I < Values.size(); ++I) {
      const ast::Value &V = Values[I];
      if (V.K == ast::Value::Tag && (V.Word.Value == "分组" || V.Word.Value == "合计行" ||
                                     V.Word.Value == "货币" || V.Word.Value == "合计")) {
        Ok &= factOption(V, Row, Facts);
        if (Ok && V.Word.Value == "合计行" && I + 1 < Values.size() &&
            Values[I + 1].K == ast::Value::Tag && Values[I + 1].Word.Value == "跨列") {
          unsigned RowSpan = 1;
          TotalSpan = &Values[++I];
          span(*TotalSpan, RowSpan, Row.TotalSpan, Ok);
        }
        continue;
      }
      if (V.K == ast::Value::Tag && V.Word.Value == "一般性" && V.Args.empty() &&
          Row.Source == "项目" && Row.Cells.empty()) {
        Row.GeneralOnly = true; // 逐行 项目 [一般性]: not the 重点专项资金 (表十一's)
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
    if (Ok && TotalSpan && !totalSpanFits(Row, *TotalSpan))
      return std::nullopt;
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
        bad(Arg.range(), "'" + Cell.Text + "' is not an amount of a project (预算数, 财政资金, 其他资金, 市级支出, 补助区县)",
            "“" + Cell.Text + "”不是项目的金额（预算数、财政资金、其他资金、市级支出、补助区县）",
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
std::optional<model::TableTemplate> TemplateReader::listing(const ast::Attr &A, model::TableTemplate T,
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

} // namespace budc::sema::templates

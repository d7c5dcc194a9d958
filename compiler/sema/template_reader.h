//===- template_reader.h - Reading a table template (sema only) -----------===//
//
// TemplateReader checks a template (表样) and turns it into model::Template. Its work is in
// four files: template.cpp (the template, its tables, their texts), template_rows.cpp (a
// standard table's columns, rows and spans), template_listing.cpp (listing tables) and
// template_outline.cpp (the page's parts).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/values.h"
#include "compiler/sema/resolver.h"

#include "llvm/ADT/StringExtras.h"

namespace budc::sema::templates {

inline const std::vector<std::string> TableKeys{
    "表头", "栏次", "范围", "列",     "行",   "分栏",   "对行", "空表", "标注", "注",
    "列数", "格",   "逐行", "支出计划", "序号", "金额单位", "小数位", "千分位", "零",   "标号"};
/// What a template holds besides its tables: the page, and defaults for every table.
inline const std::vector<std::string> TemplateKeys{"表",   "第一部分", "第二部分", "部分", "标题",
                                            "金额单位", "小数位",   "千分位",   "零",   "序号"};
/// The fields of a row's project or unit a 字段 column may show.
inline const std::vector<std::string> RowFields{"项目编码", "项目名称", "绩效目标", "用途", "单位名称",
                                         "单位编码"};
/// Fields a text may name in braces, in every table and in the tables of each project.
inline const std::vector<std::string> ProjectFields{"序号",     "项目编码", "项目名称",    "用途",
                                                   "绩效目标", "主管部门", "项目概况", "当年绩效目标"};
/// Amounts a 金额 cell of a project's table may show.
inline const std::vector<std::string> ProjectAmounts{"预算数", "财政资金", "其他资金", "市级支出",
                                                    "补助区县"};
/// The records 逐行 lists, and the fields of each (政府采购 and 资产 take their facts' keys).
inline const std::vector<std::string> RecordSources{"单位", "整体绩效", "政府采购", "资产", "指标", "项目"};
inline const std::vector<std::string> UnitFields{"编码", "名称", "性质", "规格", "经费保障形式"};
/// The columns of published indicator tables after the value, in both sources of indicators:
/// 数值 (the number alone), 单位 (计量单位), 性质 (指标性质), 权重, 核心 (是否核心), 内容
/// (指标值内容), 评分 (评（扣）分标准).
inline const std::vector<std::string> ColumnFields{"数值", "单位", "性质", "权重", "核心", "内容", "评分"};
inline std::vector<std::string> withColumns(std::vector<std::string> Fields) {
  Fields.insert(Fields.end(), ColumnFields.begin(), ColumnFields.end());
  return Fields;
}
inline const std::vector<std::string> GoalFields =
    withColumns({"序号", "分项", "目标", "指标", "指标值", "一级", "二级", "描述", "依据"});
inline const std::vector<std::string> IndicatorFields =
    withColumns({"一级", "二级", "名称", "描述", "指标值", "依据"});
/// 逐行 项目 (every project, a row per indicator): the project's fields, merged over its rows,
/// and its indicators' (重庆 表十二).
inline const std::vector<std::string> ProjectRowFields = withColumns(
    {"序号", "项目编码", "项目名称", "预算数", "财政资金", "其他资金", "绩效目标", "用途", "一级",
     "二级", "名称", "描述", "指标值", "依据"});

class TemplateReader {
public:
  TemplateReader(Resolver &R, llvm::StringRef Name, bool Standard)
      : R(R), Name(Name.str()), Standard(Standard) {}

  void run(const ast::Library &L);

private:
  static std::string word(const ast::Value &V) {
    if (V.K == ast::Value::Number)
      return V.Num.Number.str() + V.Num.Unit.str();
    return V.Word.Value.str();
  }

  static bool isLabel(const ast::Value &V) {
    return V.K == ast::Value::String;
  }

  using Spans = std::vector<std::pair<unsigned, unsigned>>; ///< (row span, column span)

  // template.cpp: the template, its tables and the texts they print
  /// Reports BUD120: \p En / \p Zh say what is wrong; \p Guess is a fix if not empty.
  void bad(Span Where, const std::string &En, const std::string &Zh,
           const std::string &Guess = "", bool FixIt = true);
  /// Reads the terms of a cell into \p Q (the figure language, sema/figures.h); false after
  /// a diagnostic when they do not resolve.
  bool terms(llvm::ArrayRef<ast::Value> Values, model::Query &Q);
  bool terms(llvm::ArrayRef<FigurePart> Parts, model::Query &Q);
  /// The table-wide settings a table or (as defaults) a template may give: 序号 无, 金额单位,
  /// 小数位, 千分位, 零. False when \p A is none of them; \p Ok cleared after a diagnostic.
  bool format(const ast::Attr &A, model::TableTemplate &T, bool &Ok);
  std::optional<model::TableTemplate> table(const ast::Attr &A, const model::TableTemplate &Defaults);
  /// Whether every [跨行] of the header ends within it (the 栏次 row, if any, counted).
  bool withinHeader(const model::TableTemplate &T, llvm::ArrayRef<Span> HeaderRows);
  /// 空表 ["note"] [保留行]: what a table prints when every amount is zero.
  bool empty(const ast::Attr &C, model::TableTemplate &T);
  /// Checks the {fields} and figure references a text names (docs/language.md, "Figure
  /// references"; {{ and }} are literal braces); \p PerProject allows a project's fields. A
  /// figure's reference is kept for the tables, which print it.
  bool fields(llvm::StringRef Text, Span Where, bool PerProject);

  // template_rows.cpp: a standard table's columns, rows and spans
  static std::vector<Spans> headerSpans(const model::TableTemplate &T);
  /// Whether rows of cells, HTML-like (a cell covered by a span from above is left out), each
  /// cover exactly \p Width columns; reports BUD120 at the first that does not.
  bool covers(const std::vector<Spans> &Rows, llvm::ArrayRef<Span> Where, unsigned Width,
              const std::string &What, const std::string &WhatZh, const std::string &Extra = "",
              const std::string &ExtraZh = "");
  /// Reads [跨行 N] or [跨列 N] into \p RowSpan or \p ColSpan; false when \p V is neither
  /// (a malformed one is reported, clears \p Ok and counts as read).
  bool span(const ast::Value &V, unsigned &RowSpan, unsigned &ColSpan, bool &Ok);
  /// Reads [跨行 N] [跨列 N] [零 "…"] [标签] after a cell into it; false when \p V is none.
  bool cellOption(const ast::Value &V, model::TemplateCell &Cell, bool &Ok);
  /// 列 编码 [类|款|项], 列 名称 [缩进] [格式 "…"], 列 金额 TERMS…, 列 单位, 列 字段 NAME; each
  /// may take 左 or 右 (the side of a two-sided table) and [零 "…"].
  bool column(const ast::Attr &C, model::TableTemplate &T);
  /// One side of a fixed row: "label" terms…
  bool side(llvm::ArrayRef<ast::Value> Values, model::TemplateRow &Row, unsigned Side);
  /// Reads the options a row may end with — [编号 "一、"] (trees, units, projects) and
  /// [跨列 N] (totals and fixed rows) — off the end of \p Values into \p Row.
  bool rowOptions(llvm::ArrayRef<ast::Value> &Values, model::TemplateRow &Row);
  /// Whether \p Style is a first number as printed: 一、 （一） (一) 1、 1. （1） …
  static bool numbering(llvm::StringRef Style);
  std::optional<model::TemplateRow> row(const ast::Attr &C, const model::TableTemplate &T);
  /// Reads [上年数], [增减额], [增减率] or [可缺] into \p M, \p MayLack and \p Where (the
  /// measure's tag); false when \p V is none of them (a malformed one clears \p Ok).
  bool measureTag(const ast::Value &V, model::Measure &M, bool &MayLack, Span &Where, bool &Ok);
  /// Reports [可缺] without a measure; false then.
  bool measureComplete(model::Measure M, bool MayLack, Span Where);

  // template_listing.cpp: listing tables (格, 逐行, 支出计划)
  /// The options of a 逐行 over the facts of 政府采购 and 资产: [分组 KEY…] and [合计行 "label"]
  /// for the row, [货币] and [合计] for the field before; false after a diagnostic.
  bool factOption(const ast::Value &V, model::ListingRow &Row, bool Facts);
  /// Whether the total row's label ([合计行 "label"] [跨列 N]) covers whole fields before the
  /// first amount; false after a diagnostic.
  bool totalSpanFits(const model::ListingRow &Row, const ast::Value &Where);
  /// 格 CELL…, 逐行 SOURCE FIELD…, 支出计划 "label".
  std::optional<model::ListingRow> listingRow(const ast::Attr &C, bool PerProject);
  /// Finishes a listing table: its width, and every row covers it.
  std::optional<model::TableTemplate> listing(const ast::Attr &A, model::TableTemplate T,
                                              llvm::ArrayRef<Span> HeaderRows);

  // template_outline.cpp: the page's parts and their items
  /// 部分 "title" { items; 章 "heading" { items } … }; 第一部分 "title" { … } is one, and
  /// 第二部分 "title" a part of the other tables (其余表).
  void part(const ast::Attr &A, model::Template &T);
  /// 说明 TITLE ["lead"], 表 TITLE ["lead"], 整体绩效, 名词解释, 其余表, 其余说明.
  std::optional<model::OutlineItem> outlineItem(const ast::Attr &C, const model::Template &T);

  Resolver &R;
  std::string Name;
  bool Standard;
};

} // namespace budc::sema::templates

namespace budc::sema {
/// Reports the cells of the budget's template the workspace cannot fill, after the facts are
/// resolved: BUD128 for each column or row that prints last year's figures (上年数, 增减额,
/// 增减率) it does not carry, BUD129 for each unit whose rows ask for its part of money held
/// for the department as a whole that it declares no figure of.
void templateGaps(Resolver &R);
} // namespace budc::sema

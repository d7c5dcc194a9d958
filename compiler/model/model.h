//===- model.h - The resolved budget: what the source means -----------------===//
//
// sema builds a Budget from the syntax trees and the standard library; check verifies it;
// the back ends will read it. Names are resolved, numbers are exact Decimals, every money
// fact is an Allocation, every indicator value a typed quantity. Spans point back at the
// source for diagnostics.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/decimal.h"
#include "compiler/source/span.h"

#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace budc::model {

//===----------------------------------------------------------------------===//
// Units of measure and typed values
//===----------------------------------------------------------------------===//

/// What a unit measures.
enum class Dimension : uint8_t { Money, Count, Weight, Length, Area, Volume, Duration, Percent };

/// One unit: 万元 is Money, 10000 × 元.
struct UnitDef {
  std::string Name;
  Dimension Dim = Dimension::Count;
  std::string Base;         ///< The unit it converts into; empty for a root unit.
  Decimal Factor;           ///< 1 Name = Factor × Base.
  Span Where;
};

/// The units a budget knows (standard library plus the workspace's own).
class UnitTable {
public:
  /// Adds \p D; false when a unit of that name exists already.
  bool add(UnitDef D);
  const UnitDef *find(llvm::StringRef Name) const;
  /// Converts \p Value in unit \p From into the root unit of its chain; returns the root's
  /// name, or nullopt (with Root untouched) when a factor overflows.
  std::optional<Decimal> toRoot(llvm::StringRef From, Decimal Value, std::string &Root) const;
  /// All unit names, for did-you-mean.
  std::vector<std::string> names() const;

private:
  llvm::StringMap<UnitDef> Units;
};

/// Comparators written before a value: ≥95%, ≤22.2万元 (None: a bare value).
enum class Comparator : uint8_t { None, Eq, Ne, Ge, Le, Gt, Lt };
/// The spelling of \p C: "", "=", "≠", "≥", "≤", ">", "<".
llvm::StringRef spelling(Comparator C);

/// The kinds of value an indicator may have (the framework's words in brackets).
enum class ValueKind : uint8_t {
  Money,       ///< 货币: ≤22.2万元
  MoneyRate,   ///< 单价: ≤21332元/人.年, 3.3万元/村
  Count,       ///< 计数: 16村
  Measure,     ///< 度量: 10.2亩
  Duration,    ///< 时长: ≤1年
  Date,        ///< 日期: ≤2024-06-30
  Percent,     ///< 百分比: ≥95%
  Qualitative, ///< 定性: 比上年有所提高
};
/// The framework's word for \p K: 货币, 单价, 计数 …
llvm::StringRef kindWord(ValueKind K);
/// An English word for \p K: money, money per unit, count …
llvm::StringRef kindWordEn(ValueKind K);
/// The kind named by a framework word, if any.
std::optional<ValueKind> kindFromWord(llvm::StringRef W);

/// A value with its meaning: the number as written, its unit, and (for money and rates) the
/// amount in 元. Its texts point into the source buffers and the syntax trees, which outlive
/// the model (a workspace has hundreds of thousands of values: copies were a third of its
/// memory).
struct TypedValue {
  // Members ordered by alignment (a budget holds hundreds of thousands of these).
  Decimal Number;              ///< As written, in Unit.
  Decimal Yuan;                ///< Money: the amount in 元; MoneyRate: 元 per one denominator().
  llvm::StringRef Unit;        ///< As written: 万元, 元/人.年, %, 村.
  llvm::StringRef Text;        ///< Qualitative statements and dates.
  llvm::StringRef Written;     ///< The value exactly as written: ≤ 22.2万元.
  Span Where;
  ValueKind Kind = ValueKind::Qualitative;
  Comparator Cmp = Comparator::None;

  /// The unit up to '/': 万元 in 万元/村.
  llvm::StringRef numerator() const { return Unit.split('/').first; }
  /// The unit after '/': 村, 人.年; empty unless a rate.
  llvm::StringRef denominator() const { return Unit.split('/').second; }
};

//===----------------------------------------------------------------------===//
// Standard-library entities
//===----------------------------------------------------------------------===//

/// Which budget money belongs to.
enum class FundType : uint8_t { General, GovFund, StateCapital, SpecialAccount, UnitFunds, Unknown };

/// A fund source: 一般公共预算拨款.
struct Fund {
  std::string Name;
  FundType Type = FundType::Unknown;
  bool Appropriation = false; ///< 财政拨款
  std::vector<std::string> Aliases;
  Span Where;
};

/// One code of a classification catalogue.
struct CatalogueEntry {
  std::string Code;
  std::string Name;                 ///< Empty when the code was never seen with a name.
  std::vector<std::string> Aliases;
  bool General = false, GovFund = false, StateCapital = false; ///< budgets it was seen in
  std::string CostClass;            ///< 人员经费 or 公用经费 (economic 类)
  std::string SanGong;              ///< the "三公" item an economic 款 feeds
  Span Where;
  /// Whether 政府性基金 money, and only it, may be spent on this code.
  bool isFundOnly() const { return GovFund && !General && !StateCapital; }
};

/// A classification catalogue: 支出功能分类科目 or 部门预算支出经济分类科目.
struct Catalogue {
  std::string Title;      ///< 功能科目 or 经济科目
  unsigned Year = 0;
  bool Complete = false;  ///< Only a complete catalogue makes an unknown code an error.
  std::map<std::string, CatalogueEntry> Entries; ///< by code, sorted
  const CatalogueEntry *find(llvm::StringRef Code) const;
};

/// One 二级 indicator of a framework and the kinds of value it takes.
struct FrameworkLevel {
  std::string Level1, Level2; ///< Canonical names with 指标: 产出指标, 数量指标.
  std::vector<ValueKind> Kinds;
};

/// What the weights (指标权重, 分值) of one project's indicators add up to: the total, less a
/// reserve kept for an indicator the table need not list (10 for 预算执行率, so that the
/// listed ones add up to 90 unless 预算执行率 is listed too).
struct WeightRule {
  Decimal Total = Decimal::fromRaw(100 * Decimal::One);
  Span TotalWhere;           ///< where the total is said; invalid for the default 100
  std::string ReserveName;   ///< 预算执行率; empty without a reserve
  Decimal Reserve;
  Span ReserveWhere;
};

/// An indicator framework: 一级 over 二级 indicators, or a flat list (no levels: 重庆's
/// tables), and what weights add up to.
struct Framework {
  std::string Name;
  std::vector<FrameworkLevel> Levels;
  bool HasTotal = false, HasReserve = false;
  WeightRule Weights;        ///< its 权重合计 and 预留 rows
  Span Where;
  /// Whether its indicators stand under a 一级 and a 二级.
  bool levelled() const { return !Levels.empty(); }
};

//===----------------------------------------------------------------------===//
// The budget's own facts
//===----------------------------------------------------------------------===//

/// A citation: 依据 冀组发14 = "《…》（冀组发〔2018〕14号）".
struct Citation {
  std::string Name, Text;
  std::string Title;  ///< 《…》 if present.
  std::string Number; ///< The document number 冀组发〔2018〕14号 if present.
  Span Where;
};

/// An organisational unit of the department.
struct Unit {
  std::string Code, Name, Nature; ///< Nature: 行政, 参公, 事业 …
  std::string Rank, Funding;      ///< 规格 正科级; 经费保障 财政拨款
  Span Where;
  /// 机关运行经费 counts the 公用经费 of administrative units.
  bool isAdministrative() const { return Nature == "行政" || Nature == "参公"; }
};

/// A control total (控制数): the income of one fund source.
struct ControlTotal {
  size_t UnitIndex = 0;
  const Fund *Source = nullptr;
  bool CarryOver = false;
  Decimal Yuan;
  Span Where;       ///< the line
  Span AmountWhere; ///< its amount
};

/// One money fact: every table cell is a sum of these.
struct Allocation {
  size_t UnitIndex = 0;
  std::string Function;     ///< function 项 code
  std::string Economic;     ///< economic 款 code (basic expenditure, or a project's if given)
  int Project = -1;         ///< index into Budget::Projects; -1 for basic expenditure
  const Fund *Source = nullptr;
  bool CarryOver = false;
  Decimal Yuan;
  Span Where;
  bool isBasic() const { return Project < 0; }
};

/// 指标性质 or 指标值类型: how an indicator's value is meant (a closed set).
enum class Nature : uint8_t {
  None,         ///< not stated
  Ge, Le, Eq, Gt, Lt, Ne, ///< a comparator: ≥ ≤ = > < ≠
  Quantitative, ///< 定量
  Qualitative,  ///< 定性
  Positive,     ///< 正向: more is better
  Negative,     ///< 反向: less is better
};
/// The one spelling of \p N: ≥, 定量, 正向 …; "" for None.
llvm::StringRef natureWord(Nature N);
/// The nature a word of a 性质 column names: a comparator (≥, >=, 大于等于 …), 定量, 定性,
/// 正向, 反向 (or the English words); nullopt for any other word.
std::optional<Nature> natureFromWord(llvm::StringRef W);
/// The comparator a nature is, or None.
Comparator comparatorOf(Nature N);

/// Which way a value is better: up (≥ > 正向), down (≤ < 反向), exactly (=), or not said.
enum class Direction : uint8_t { None, Up, Down, Exact };
Direction directionOf(Comparator C);
Direction directionOf(Nature N);

/// The columns of a published indicator table an indicator has beyond 河北's, as written and
/// where: kept apart from the indicator, which most budgets have hundreds of thousands of.
struct IndicatorColumns {
  Decimal Weight;                  ///< 权重 (Indicator::HasWeight says whether given)
  llvm::StringRef UnitColumn;      ///< 单位 as written ("" when absent)
  llvm::StringRef NatureColumn;    ///< 性质 as written
  llvm::StringRef NounUnitWritten; ///< Indicator::NounUnit: the unit as written (次数)
  llvm::StringRef Content;         ///< 内容: 指标值内容
  llvm::StringRef Scoring;         ///< 评分: 评（扣）分标准
  Span UnitWhere, NatureWhere, WeightWhere, CoreWhere, ContentWhere, ScoringWhere, NounUnitWhere;
};

/// A performance indicator of a project, a goal or the department: the columns of a
/// published indicator table, typed.
/// Its texts, like a TypedValue's, point into the sources, the syntax trees and the budget's
/// framework and citations (which the budget never moves: it cannot be copied).
struct Indicator {
  /// What the columns as written tell about the table they come from (checked by the rules
  /// of indicator columns): each reading is also applied, so that the value means what the
  /// published table meant.
  enum ColumnFlag : uint8_t {
    NatureAsUnit = 1,     ///< the 单位 column held an 指标性质 (≥, 正向 …; taken as it)
    UnitAsNature = 2,     ///< the 性质 column held a unit (taken as the unit)
    UnitDisagrees = 4,    ///< the value has a unit and the 单位 column another
    NounUnit = 8,         ///< a unit written as a quantity (次数 for 次), read as the unit
    UnitFromColumn = 16,  ///< the value is a bare number and its unit is the 单位 column's
  };
  llvm::StringRef Level1, Level2; ///< canonical (with 指标), empty without a path
  llvm::StringRef Name;
  TypedValue Value; ///< Valid when HasValue.
  llvm::StringRef Description;
  const Citation *BasisCitation = nullptr;
  llvm::StringRef BasisText; ///< the basis written as text, or the citation's text
  std::unique_ptr<const IndicatorColumns> Cols; ///< null when none is written
  Span Where, PathWhere, BasisWhere, NameWhere, DescriptionWhere;
  Nature Sense = Nature::None;  ///< 性质, or what a swapped 单位 column said
  int8_t Core = -1;             ///< 核心: 1 是, 0 否, -1 not stated
  uint8_t Columns = 0;          ///< ColumnFlag bits
  bool HasWeight = false;
  bool HasValue = false; ///< (last: members ordered by alignment)

  /// The columns as written; all empty when none is.
  const IndicatorColumns &columns() const {
    static const IndicatorColumns None;
    return Cols ? *Cols : None;
  }
  /// 权重: valid when HasWeight.
  Decimal weight() const { return columns().Weight; }
  /// The comparator the value is meant with: written before it, else its 性质.
  Comparator comparator() const {
    if (HasValue && Value.Cmp != Comparator::None)
      return Value.Cmp;
    return comparatorOf(Sense);
  }
  /// The value as its table shows it: as written, with the comparator of the 性质 column and
  /// the unit of the 单位 column when they were written apart (68 单位 "%" 性质 ≥ is ≥68%);
  /// "" without a value.
  std::string shownValue() const;
  /// Which way the value is better: its comparator, else 正向/反向.
  Direction direction() const {
    Direction D = directionOf(comparator());
    return D != Direction::None ? D : directionOf(Sense);
  }
};

/// One point of a spending schedule.
struct SchedulePoint {
  unsigned Month = 0;
  Decimal Share; ///< percent
  Span Where;
};

/// A project.
struct Project {
  std::string Code, Name;
  std::string Function;
  size_t UnitIndex = 0;
  Decimal Yuan;                       ///< sum of its allocations
  std::vector<size_t> Allocations;
  std::vector<Indicator> Indicators;  ///< its own and its goals'
  std::vector<SchedulePoint> Schedule;
  Span ScheduleWhere;
  std::string Purpose;                ///< 用途
  Span PurposeWhere;
  std::vector<std::string> Goals;     ///< 目标 statements in order
  std::vector<Span> GoalsWhere;       ///< where each goal's statement is written
  Span Where, CodeWhere, NameWhere, FunctionWhere, FirstAmountWhere;
};

/// A declared figure and its declared parts.
struct Declared {
  std::vector<std::string> Key; ///< full path from the top: 三公经费, 公务接待费
  bool HasAmount = false;
  Decimal Yuan;
  unsigned Decimals = 0;        ///< as written, for comparing at the published precision
  Span Where, AmountWhere;
  std::vector<Declared> Children;
};

/// A narrative section: 说明 部门职责 """…""".
struct Section {
  std::string Title, Body;
  Span Where;
};

/// A goal of the department's overall performance, with its indicators.
struct DepartmentGoal {
  std::string Statement;
  std::vector<size_t> Indicators; ///< into Budget::DepartmentIndicators
  Span Where;                     ///< its statement; invalid for indicators without a goal
};

/// A 分项 of the department's overall performance.
struct PerformanceArea {
  std::string Name;
  std::vector<DepartmentGoal> Goals;
};

/// One fact of the procurement or assets table: key and values as written.
struct TableFact {
  std::string Key;
  std::vector<std::string> Values;
  std::vector<TableFact> Children;
};

/// A cell filter of a table template: which allocations a cell adds. Every constraint
/// that is set must hold; the alternatives inside one constraint are "or".
struct Filter {
  std::optional<bool> CarryOver;           ///< 本年 (false) / 上年结转 (true)
  std::optional<bool> Basic;               ///< 基本 / 项目
  std::vector<std::string> CostClasses;    ///< 人员经费, 公用经费
  bool Appropriation = false;              ///< 财政拨款 only
  std::vector<FundType> FundTypes;         ///< 一般公共预算 …
  std::vector<std::string> FundNames;      ///< [资金 事业收入]
  std::vector<std::string> Functions;      ///< [功能 201]: code prefixes
  std::vector<std::string> Economics;      ///< [经济 302]: code prefixes
  std::vector<std::string> SanGong;        ///< [三公 公务接待费]
  bool RunningCosts = false;               ///< 机关运行: 公用经费 of administrative units
  bool Nothing = false;                    ///< 无, and natures .bud cannot express yet
};

/// A header cell of a table template.
struct HeaderCell {
  std::string Text;
  unsigned RowSpan = 1, ColSpan = 1;
};

/// A column of a table template.
struct TemplateColumn {
  enum ColumnKind : uint8_t { Code, Label, Amount };
  ColumnKind Kind = Amount;
  unsigned Side = 0;   ///< 0 左 (or the only side), 1 右
  Filter Terms;
  std::string Zero;    ///< How a zero amount prints; empty: blank.
};

/// A row specification of a table template.
struct TemplateRow {
  enum RowKind : uint8_t { Fixed, Total, FunctionTree, EconomicTree, Panels };
  RowKind Kind = Fixed;
  bool Has[2] = {false, false};  ///< Fixed: which sides the row has
  std::string Label[2];
  Filter Terms[2];
  std::vector<unsigned> Levels;  ///< trees: code lengths shown (3 5 7 / 3 5)
  std::vector<TemplateRow> Sides[2]; ///< Panels: the rows of each side
};

/// A cell of a listing table's fixed row (格), or a field of its record rows (逐行).
/// Texts may name fields in braces: "{项目名称}绩效目标表".
struct TemplateCell {
  enum CellKind : uint8_t { Plain, Label, Money, Field };
  CellKind Kind = Plain;
  std::string Text;  ///< Plain, Label: the text; Money: the amount's name; Field: the field
  unsigned RowSpan = 1, ColSpan = 1;
  bool Emphasis = false; ///< Label cells, and fields marked [标签]
  std::string Zero;      ///< Money: how a zero amount prints; empty: blank
  Span Where;
};

/// A row specification of a listing table.
struct ListingRow {
  enum RowKind : uint8_t { Fixed, Records, Schedule };
  RowKind Kind = Fixed;
  std::vector<TemplateCell> Cells; ///< Fixed (格): the cells; Records: one field per column
  std::string Source;              ///< Records: 单位, 整体绩效, 政府采购, 资产 or 指标
  std::string Label;               ///< Schedule: the label of its two rows
  Span Where;
};

/// One table of a template: a standard table (列 and 行, a 序号 column, money summed over
/// allocations) or a listing table (格, 逐行 and 支出计划 rows over the budget's records).
struct TableTemplate {
  unsigned Number = 0;         ///< 0: the number after the tables before it
  std::string Title;           ///< may name fields in braces
  bool Listing = false;
  bool PerProject = false;     ///< 每项目: one table per project
  unsigned Width = 0;          ///< Listing: columns (列数, or the header's width)
  std::vector<std::string> Caption; ///< 标注: these lines replace the standard caption
  std::vector<std::string> Notes; ///< 注: lines printed under the table
  std::vector<ListingRow> Lines;  ///< Listing: its rows
  std::vector<std::vector<HeaderCell>> Header;
  bool ColumnNumbers = false;  ///< 栏次
  Filter Scope;                ///< 范围
  std::vector<TemplateColumn> Columns;
  std::vector<TemplateRow> Rows;
  std::string EmptyNote;       ///< 空表
  Span Where;
};

/// What a heading of part one of the disclosure page shows, in order.
struct OutlineItem {
  enum ItemKind : uint8_t { Section, Table, Performance, Glossary };
  ItemKind Kind = Section;
  std::string Name; ///< Section: the narrative's title; Table: the template table's title
  std::string Lead; ///< a line in bold before it (部门职责：), or empty
};

struct OutlineHeading {
  std::string Text;
  std::vector<OutlineItem> Items;
};

/// The page's outline: part one, narrative and the tables placed in it under headings; part
/// two, every other table. Titles may name budget fields in braces.
struct Outline {
  bool Present = false;           ///< 第一部分 given; without it every table is in part two
  std::string PartOne, PartTwo;
  std::vector<OutlineItem> Preface; ///< before the first heading
  std::vector<OutlineHeading> Headings;
};

/// A disclosure template: 表样 河北2024.
struct Template {
  std::string Name;
  std::vector<TableTemplate> Tables;
  Outline Page;
  Span Where;
};

/// The resolved budget of one workspace.
struct Budget {
  Budget() = default;
  Budget(Budget &&) = default;
  Budget &operator=(Budget &&) = default;
  Budget(const Budget &) = delete; // indicators point into it
  Budget &operator=(const Budget &) = delete;

  unsigned Year = 0;
  std::string MoneyUnit = "万元";
  Decimal MoneyFactor = Decimal::fromRaw(10000 * Decimal::One); ///< 元 per MoneyUnit
  std::string Region;
  std::string TemplateName;  ///< 模板 河北2024; empty: the first template of the library
  std::string FrameworkName; ///< 框架 重庆市级; empty: none chosen (paths from any framework)
  bool HasWeightTotal = false, HasWeightReserve = false; ///< 权重合计 and 预留 in the header
  WeightRule HeaderWeights;  ///< the header's 权重合计 and 预留, where given
  Span HeaderWhere, TemplateWhere, FrameworkWhere;
  std::string DepartmentCode, DepartmentName;

  UnitTable Units;
  llvm::StringMap<Fund> Funds;           ///< by canonical name; entries are stable
  llvm::StringMap<std::string> FundAliases; ///< other spelling → canonical name
  std::vector<const Fund *> FundOrder;
  Catalogue Functions, Economics;
  std::vector<Framework> Frameworks;

  std::vector<Unit> OrgUnits;
  llvm::StringMap<Citation> Citations;
  std::vector<ControlTotal> Income;
  std::vector<Allocation> Allocations;
  std::vector<Project> Projects;
  std::vector<Indicator> DepartmentIndicators;
  std::vector<Declared> DeclaredFigures;

  std::vector<Template> Templates;
  std::vector<Section> Sections;             ///< 说明, in source order
  std::vector<Section> PerformanceSections;  ///< 说明 inside 整体绩效
  std::vector<PerformanceArea> Areas;        ///< 分项; goals outside any 分项 go in an unnamed one
  std::vector<std::pair<std::string, std::string>> Glossary;
  bool HasProcurement = false, HasAssets = false;
  std::vector<TableFact> Procurement, Assets;

  /// The template the budget is published with, or null.
  const Template *findTemplate() const;
  /// The framework the header chooses (框架), or null.
  const Framework *framework() const;
  /// What the weights of a project's indicators (and of the department's) add up to: the
  /// header's 权重合计 and 预留, else the chosen framework's, else 100 without a reserve.
  WeightRule weights() const;

  /// An amount in 元 as the budget prints it: in MoneyUnit with two decimals.
  std::string money(Decimal Yuan) const;
  /// The fund named \p Name (or one of its aliases).
  const Fund *findFund(llvm::StringRef Name) const;
};

/// Removes the differences between spellings of one name that published documents show:
/// half- against full-width brackets and spaces.
std::string normaliseName(llvm::StringRef Name);

/// The canonical spelling of an indicator framework level: 产出 and 产出指标 are 产出指标.
std::string canonicalLevel(llvm::StringRef Name);

/// Splits a cited document "《title》（issuer〔year〕N号）" into its title and its document number;
/// either is left empty when absent.
void parseCitation(llvm::StringRef Text, std::string &Title, std::string &Number);

} // namespace budc::model

//===- model.h - The resolved budget: what the source means -----------------===//
//
// sema builds a Budget from the syntax trees and the standard library; check verifies it;
// the back ends will read it. Names are resolved, numbers are exact Decimals, every money
// fact is an Allocation, every indicator value a typed quantity. Spans point back at the
// source for diagnostics.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/amount.h"
#include "compiler/model/decimal.h"
#include "compiler/source/span.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace budc::model {

struct Budget;
struct Project;
struct ProjectAmount;

//===----------------------------------------------------------------------===//
// Units of measure and typed values
//===----------------------------------------------------------------------===//

/// What a unit measures. Money, Count, Duration and Percent give values of their own kind;
/// every other dimension is a measure (度量).
enum class Dimension : uint8_t {
  Money, Count, Weight, Length, Area, Volume, Duration, Percent, Temperature, Speed, Power,
  Energy, Voltage, Current, Resistance, Frequency, Pressure, Data, SoundLevel, Illuminance
};
/// The word a unit row names \p D by: 货币, 计数, 重量 …
llvm::StringRef dimensionWord(Dimension D);
/// The dimension named by \p W, if any.
std::optional<Dimension> dimensionFromWord(llvm::StringRef W);
/// Every dimension's word, in order, separated by \p Sep: "货币 计数 重量 …".
std::string dimensionWords(llvm::StringRef Sep);

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
  /// All unit names, sorted, for did-you-mean. Kept from one call to the next until a unit
  /// is added (a search for each of many unknown units sorted them again each time); the
  /// first call after the last add() must not race with another (sema makes it once all
  /// units are read, before its threads start).
  llvm::ArrayRef<std::string> names() const;

private:
  llvm::StringMap<UnitDef> Units;
  mutable std::vector<std::string> Sorted;
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

/// A name a catalogue code has in other years: [曾用名 "旧名" 2025] (renamed in 2025, this was
/// its name before) or [新名 "新名" 2027] (renamed in 2027, its name from then on).
struct YearName {
  std::string Name;
  unsigned Year = 0; ///< the year of the renaming
  bool Former = true; ///< 曾用名 (before Year) rather than 新名 (from Year on)
};

/// One code of a classification catalogue.
struct CatalogueEntry {
  std::string Code;
  std::string Name;                 ///< Empty when the code was never seen with a name.
  std::vector<std::string> Aliases; ///< other spellings of Name in the same year
  std::vector<YearName> OtherYears; ///< names of other years
  unsigned RetiredBy = 0;           ///< [停用 YEAR]: out of the classification by YEAR
  bool General = false, GovFund = false, StateCapital = false; ///< budgets it was seen in
  std::string CostClass;            ///< 人员经费 or 公用经费 (economic 类)
  std::string SanGong;              ///< the "三公" item an economic 款 feeds
  Span Where;
  /// Whether 政府性基金 money, and only it, may be spent on this code.
  bool isFundOnly() const { return GovFund && !General && !StateCapital; }
  /// Whether \p Written is this code's name or one of its aliases, after normaliseName.
  bool isNamed(llvm::StringRef Written) const;
  /// The name of another year that \p Written is, or null.
  const YearName *otherYearName(llvm::StringRef Written) const;
  /// Whether a budget of \p Year may no longer use the code.
  bool isRetiredIn(unsigned Year) const { return RetiredBy && Year >= RetiredBy; }
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

/// What money is spent on (支出性质), as the 支出总表 columns and the 收支总表 rows divide it.
enum class Nature : uint8_t {
  Basic,        ///< 基本支出
  Project,      ///< 项目支出: a project's, or project expenditure not itemised by project
  Business,     ///< 经营支出 (of 事业单位)
  Remit,        ///< 上解上级支出
  Subsidy,      ///< 对附属单位补助支出
  CarryForward, ///< 年终结转结余 / 结转下年: income kept for next year, not spent
};
constexpr unsigned NumNatures = 6;

/// 人员经费 or 公用经费: the two parts of basic expenditure.
enum class CostClass : uint8_t { None, Personnel, Public };

/// The unit index of a fact that belongs to the department as a whole (a department with
/// several units whose document gives some figures only for the whole).
constexpr size_t DepartmentLevel = SIZE_MAX;

/// One money fact: every table cell is a sum of these.
struct Allocation {
  size_t UnitIndex = 0;     ///< into Budget::OrgUnits, or DepartmentLevel
  std::string Function;     ///< function 项 code (empty for a carry-forward)
  std::string Economic;     ///< economic 款 code (basic expenditure, or a project's if given)
  int Project = -1;         ///< index into Budget::Projects; -1 when not an itemised project
  const Fund *Source = nullptr;
  bool CarryOver = false;   ///< paid from 上年结转
  Nature Kind = Nature::Basic;
  CostClass Cost = CostClass::None; ///< basic expenditure: by its economic 类, or as written
  bool CostWritten = false; ///< the line chose its cost class itself ([人员经费] / [公用经费])
  /// Its money is given twice, by function only and by economic code only (in two views,
  /// as documents print it); set on the facts of one view when the other exists for the
  /// same unit, fund, year and nature.
  bool TwoView = false;
  Decimal Yuan;
  Span Where;
  bool isBasic() const { return Kind == Nature::Basic; }
  /// Given by economic code only (a 基本支出 or 项目支出 block without a function code).
  bool byEconomicOnly() const { return Function.empty() && Kind != Nature::CarryForward; }
  /// Given by function only (a 金额 line), or a project's money without an economic 款.
  bool byFunctionOnly() const { return Economic.empty() && !Function.empty(); }
};

/// 指标性质 or 指标值类型: how an indicator's value is meant (a closed set).
enum class ValueSense : uint8_t {
  None,         ///< not stated
  Ge, Le, Eq, Gt, Lt, Ne, ///< a comparator: ≥ ≤ = > < ≠
  Quantitative, ///< 定量
  Qualitative,  ///< 定性
  Positive,     ///< 正向: more is better
  Negative,     ///< 反向: less is better
};
/// The one spelling of \p N: ≥, 定量, 正向 …; "" for None.
llvm::StringRef natureWord(ValueSense N);
/// The nature a word of a 性质 column names: a comparator (≥, >=, 大于等于 …), 定量, 定性,
/// 正向, 反向 (or the English words); nullopt for any other word.
std::optional<ValueSense> natureFromWord(llvm::StringRef W);
/// The comparator a nature is, or None.
Comparator comparatorOf(ValueSense N);

/// Which way a value is better: up (≥ > 正向), down (≤ < 反向), exactly (=), or not said.
enum class Direction : uint8_t { None, Up, Down, Exact };
Direction directionOf(Comparator C);
Direction directionOf(ValueSense N);

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
/// A figure of the figure language, resolved: which facts it adds up. Every constraint that is
/// set must hold; the alternatives inside one constraint are "or" (docs/checker.md).
struct Query {
  /// Control totals (收入) instead of allocations; a query that also constrains what money is
  /// spent on (a code, a nature, a project) adds allocations by their fund instead.
  bool Income = false;
  /// The natures a query without a nature of its own adds: all but CarryForward.
  static constexpr uint8_t SpentNatures = 0x1F;
  /// Matches nothing (无, or constraints that contradict each other).
  bool Empty = false;
  /// A figure the facts cannot give (教学科研人员因公出国（境）费): declared, it is only checked
  /// against its parts.
  bool Underivable = false;
  /// The named figure an underivable query is (two such figures add the same no facts, but
  /// are not the same figure: 深圳 表3's 政府采购 and its 中小企业 share).
  std::string UnderivableName;
  std::optional<bool> CarryOver;                ///< 本年 (false) / 上年结转 (true)
  /// Natures allowed, one bit per Nature; 0 (not constrained) is every nature but
  /// CarryForward: money kept for next year counts only in a figure that names it.
  uint8_t Natures = 0;
  /// Cost classes allowed, one bit per CostClass; 0: not constrained.
  uint8_t CostClasses = 0;
  std::optional<std::vector<const Fund *>> Funds; ///< sorted; unset: any fund
  std::optional<std::vector<size_t>> Units;       ///< sorted unit indexes (or DepartmentLevel)
  std::vector<std::string> Functions;  ///< function code prefixes; empty: any
  std::vector<std::string> Economics;  ///< economic code prefixes; empty: any
  std::optional<std::vector<int>> Projects;       ///< sorted project indexes
  /// 机关运行: basic 公用经费 of administrative units (行政, 参公) paid by 财政拨款.
  bool RunningCosts = false;
  /// Adds the facts of both views (to list what a table may show, never to sum).
  bool AnyView = false;

  /// Whether the query adds allocations (else control totals).
  bool spending() const {
    return !Income || !Functions.empty() || !Economics.empty() || Natures || CostClasses ||
           Projects.has_value() || RunningCosts;
  }
  /// Whether the query is answered from the economic view of money given in two views: it
  /// names economic codes, or a cost class (or 机关运行) and no function code.
  bool economicView() const {
    return !Economics.empty() || ((CostClasses || RunningCosts) && Functions.empty());
  }
  /// Whether \p A is one of the facts the query adds (a spending query). Of money given in
  /// two views, a query adds the view it can be answered from (economicView); one naming both
  /// function and economic codes adds only facts that have both.
  bool matches(const Budget &B, const Allocation &A) const;
  /// Whether amount \p M of project record \p P (a project that is not itemised) is: a
  /// record has no codes, so a query that constrains them never adds it.
  bool matches(const Budget &B, const Project &P, const ProjectAmount &M) const;
  /// Whether control total \p C is (an income query).
  bool matches(const ControlTotal &C) const;
  /// The facts both queries add: the intersection of every constraint.
  static Query intersect(const Query &A, const Query &B);
};

/// The sum of what \p Q adds over \p B's facts; nullopt when the sum overflows.
std::optional<Decimal> evaluate(const Budget &B, const Query &Q);

/// Whether \p Q names units and some money it would add, but for its unit, is held for the
/// department as a whole (facts written at the top level of a department of several units:
/// 广州 gives basic expenditure by function and by 款 only for the department). The facts
/// cannot say a unit's part of that money: evaluate() gives the unit's own facts only. A
/// project's money the department's 项目支出 blocks hold is given by unit by the projects'
/// records (广州 表12), and does not count here.
bool heldForDepartment(const Budget &B, const Query &Q);

/// A performance indicator of a project, a goal or the department.
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
  ValueSense Sense = ValueSense::None; ///< 性质, or what a swapped 单位 column said
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

/// One 金额 line of a project: money from one fund source.
struct ProjectAmount {
  const Fund *Source = nullptr;
  bool CarryOver = false;
  Decimal Yuan;
  Span Where;
};

/// A project.
struct Project {
  std::string Code, Name;
  std::string Function;
  size_t UnitIndex = 0;
  Decimal Yuan;                       ///< the sum of its amounts
  std::vector<ProjectAmount> Amounts; ///< its 金额 lines
  /// Its money is allocations of its own (it has a 功能科目). A project written without one
  /// in a budget whose project expenditure is given by function only (项目支出 blocks) is a
  /// record of that money: its amounts are listed and checked against the blocks, and are
  /// no allocations (they would be counted twice).
  bool Itemised = true;
  std::vector<size_t> Allocations;
  std::vector<Indicator> Indicators;  ///< its own and its goals'
  std::vector<SchedulePoint> Schedule;
  Span ScheduleWhere;
  std::string Purpose;                ///< 用途
  Span PurposeWhere;
  /// 重点 [N]: a key project (重点项目), listed by 行 项目 [重点] rows by N, those without one
  /// after them in source order.
  bool Key = false;
  unsigned KeyOrder = 0;              ///< N, or 0 when not given
  /// 重点专项资金 { 主管部门 …; 市级支出 …; 补助区县 … }: a 市级重点专项资金 (重庆 表十一, listed by
  /// 每项目 [重点专项资金] tables), its managing department (empty: the budget's department)
  /// and its amount split into the city's own spending and the transfers to districts and
  /// counties, which add up to Yuan (BUD319).
  bool SpecialFund = false;
  std::string SpecialFundOwner;
  Decimal CityYuan, CountyYuan;
  Span SpecialFundWhere;
  std::string Overview;               ///< 概况: the 项目概况 a form prints
  std::vector<std::string> Goals;     ///< 目标 statements in order
  /// The 一级 (canonical) of indicators left out because they did not read (an unknown unit,
  /// an unknown 二级 …): the categories the project's goals do cover, though the indicators
  /// are not in the model.
  std::vector<std::string> UnreadLevels;
  std::vector<Span> GoalsWhere;       ///< where each goal's statement is written
  Span Where, CodeWhere, NameWhere, FunctionWhere, FirstAmountWhere;
};

/// What a figure of the figure language gives: its value, last year's value of the same
/// figure (上年数), the change from last year (增减额: this year's less last year's) or the rate
/// of that change in percent (增减率).
enum class Measure : uint8_t { Value, LastYear, Change, Rate };

/// A declared figure and its declared parts.
struct Declared {
  std::vector<std::string> Key; ///< full path from the top: 三公经费, 公务接待费
  Query Figure;                 ///< what the key names (resolved by sema)
  Measure M = Measure::Value;   ///< a key ending in 上年数, 增减额 or 增减率
  bool HasAmount = false;
  Decimal Yuan;
  /// The amount as written, for comparing at the published unit and precision: its unit's
  /// factor in 元 (26,159,863元: 1; 2,616万元: 10000), the unit's name and its decimals.
  Decimal Factor = Decimal::fromRaw(Decimal::One);
  std::string Unit;
  bool Separators = false; ///< written with thousands separators
  unsigned Decimals = 0;
  Span Where, KeyWhere, AmountWhere;
  std::vector<Declared> Children;
  /// The children are, by the figure's definition, all its parts (三公经费's three): they add
  /// up to it whatever the facts.
  bool PartsComplete = false;
};

/// A figure reference of a text, resolved: {三公经费}, {机关运行经费/工会经费 1位},
/// {收入总计/增减率}, {基本支出 占 本年支出合计}, {年度}.
struct Reference {
  std::string Written;       ///< the content as written
  Span Where;                ///< from '{' to '}'
  std::string Field;         ///< a field of the budget (年度, 部门名称 …); empty for a figure
  std::string Key;           ///< the figure's path as written: 三公经费/公务接待费
  Query Figure;
  Measure M = Measure::Value;
  std::optional<Query> Base; ///< 占 FIGURE: the figure's share of that one, in percent
  std::string BaseKey;
  AmountFormat Format;       ///< how it prints; a percentage has Factor 1 and no unit
  bool UnitGiven = false;    ///< a unit was asked for; else the budget's money unit
  bool Signed = false;       ///< 带符号: a change prints its sign; else its size
  bool percent() const { return M == Measure::Rate || Base.has_value(); }
};

/// A text of the narrative as written and as printed, and where each printed byte comes from.
struct Prose {
  enum TextKind : uint8_t { Section, PerformanceSection, Glossary };
  TextKind Kind = Section;
  std::string Title;    ///< the section's title, or the glossary term
  std::string Written;  ///< the value as written, references in braces
  std::string Rendered; ///< as printed: each reference replaced by what it gives
  Span Where;           ///< the text's token
  /// The printed text in order: a run of the source (Reference < 0), or a reference's output.
  struct Piece {
    uint32_t At, Length;         ///< in Rendered
    uint32_t Source, SourceLength; ///< in the file: a literal's bytes, or the whole {…}
    int Reference = -1;
  };
  std::vector<Piece> Pieces;
  std::vector<Reference> References;

  /// The place in the file of bytes [Begin, End) of Rendered: a reference's output is its {…}.
  Span span(uint32_t Begin, uint32_t End) const;
  /// The reference whose output holds byte \p At of Rendered, or null.
  const Reference *referenceAt(uint32_t At) const;
};

/// A narrative section: 说明 部门职责 """…""".
struct Section {
  std::string Title;
  std::string Body; ///< as printed (references rendered)
  Span Where;
  std::string Written; ///< as written, references in braces
  int Text = -1;       ///< its text in Budget::Narrative
};

/// A term of the glossary and its definition (as printed, and as written).
struct GlossaryEntry {
  std::string Term, Definition, Written;
  int Text = -1; ///< its text in Budget::Narrative
};

/// A wording of the narrative that names a figure: a named figure or one of its spellings
/// (机关运行经费, “三公”经费, 收入预算), a fund source (一般公共预算拨款收入), a term (基本支出,
/// 人员经费), a function or economic code by its catalogue name (一般公共服务支出, 办公费).
/// sema resolves each with the figure language; the prose checks look them up.
struct ProseTerm {
  enum TermKind : uint8_t { NamedFigure, FundSource, Term, FunctionCode, EconomicCode };
  std::string Words;
  std::string Key;   ///< the figure as a reference names it: 三公经费, 功能科目/201
  Query Figure;
  TermKind Kind = NamedFigure;
};

/// Last year's figures (上年): declared as last year's document states them, and/or the budget
/// of last year's workspace.
struct LastYear {
  unsigned Year = 0;
  Span Where;                    ///< the 上年 statement
  std::string Directory;         ///< last year's workspace as written; empty without one
  std::vector<Declared> Figures; ///< the block's figures; their keys are this year's figures
  std::unique_ptr<Budget> Facts; ///< last year's workspace, resolved
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
  /// An amount in 元: an assets row's 价值, or the value of a column the budget's template
  /// prints as an amount (逐行 政府采购 … KEY [货币]); set by sema, which reports a value that is
  /// not money. A table prints it as it prints amounts.
  std::optional<Decimal> Yuan;
};

/// A header cell of a table template.
struct HeaderCell {
  std::string Text;
  unsigned RowSpan = 1, ColSpan = 1;
};

/// A column of a table template.
struct TemplateColumn {
  enum ColumnKind : uint8_t {
    Code,   ///< 列 编码 [类|款|项]: the row's code, or one level's digits of it
    Label,  ///< 列 名称: the row's label
    Amount, ///< 列 金额 TERMS…
    Unit,   ///< 列 单位: the unit's name on the row of a unit (行 单位)
    Field,  ///< 列 字段 NAME: a field of the row's project or unit (绩效目标, 项目编码 …)
  };
  ColumnKind Kind = Amount;
  unsigned Side = 0;   ///< 0 左 (or the only side), 1 右
  Query Terms;
  std::string Zero;    ///< How a zero amount prints; empty: the table's way.
  bool ZeroSet = false; ///< Zero was written ([零 "…"]), even as blank
  /// Code: 0 the whole code; 1, 2, 3 the digits of its 类 (3), 款 (2 more) or 项 (2 more),
  /// blank on a row of a higher level (上海: 201 | 05 | 04 in three columns).
  unsigned Part = 0;
  /// Label: a pattern for the text, naming {编码} and {名称} ("[{编码}]{名称}", 广州); empty:
  /// the label alone.
  std::string Pattern;
  bool Indent = false; ///< Label: indented by the row's level (深圳, 广州 print names only)
  std::string FieldName; ///< Field: the field's name
  /// Amount: [上年数], [增减额] or [增减率], last year's figure of the cell, the change or its
  /// rate (docs/tables.md, "Last year"); MeasureWhere is the tag. With [可缺], a workspace
  /// without last year's figures prints its cells blank instead of an error (BUD128).
  Measure M = Measure::Value;
  bool MayLack = false;
  Span MeasureWhere;
  Span Where;            ///< the 列 line (for notes at the column that derives a cell)
};

/// A row specification of a table template.
struct TemplateRow {
  enum RowKind : uint8_t {
    Fixed,        ///< 行 "label" TERMS…
    Total,        ///< 行 合计 ["label"]
    FunctionTree, ///< 行 功能科目 类 款 项
    EconomicTree, ///< 行 经济科目 类 款
    Panels,       ///< 分栏 { 左 { … } 右 { … } }
    Units,        ///< 行 单位 [{ rows }]: per unit, its own row, or the rows given for it
    Department,   ///< 行 部门: the department's row, with its code and name
    Projects,     ///< 行 项目: one row per project
    Blank,        ///< 行 空 [N]: N empty rows (as published: padding before a total)
  };
  RowKind Kind = Fixed;
  bool Has[2] = {false, false};  ///< Fixed: which sides the row has
  std::string Label[2];
  Query Terms[2];
  std::vector<unsigned> Levels;  ///< trees: code lengths shown (3 5 7 / 3 5)
  std::vector<TemplateRow> Sides[2]; ///< Panels: the rows of each side
  std::vector<TemplateRow> Inner; ///< Units: the rows of each unit (empty: one row per unit)
  /// Trees, units, projects: the numbering of the rows (of the first level of a tree) in the
  /// style of its first number: 一、 （一） (一) 1、 1. （1）; empty: none.
  std::string Numbering;
  bool KeyOnly = false; ///< Projects: [重点], only the key projects (重点 in the project)
  /// Units: [本级 "（本级）"], written after the name of the unit named as the department (its
  /// 本级, 广州 表11: 广州市统计局（本级）); empty: the name alone.
  std::string OwnSuffix;
  unsigned LabelSpan = 1; ///< Total, Fixed: [跨列 N], the label spans the first N text columns
  unsigned Indent = 0;    ///< Fixed: [缩进 N], the label's level in an indented 名称 column
  unsigned Count = 1;     ///< Blank: how many rows
  bool WhenEmpty = false; ///< Blank: [空表时], only when every amount of the table is zero
  /// Fixed, Total: [上年数], [增减额] or [增减率] for every amount of the row, and [可缺] (as
  /// for a column: TemplateColumn::M).
  Measure M = Measure::Value;
  bool MayLack = false;
  Span MeasureWhere;
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
  /// Records of 政府采购 and 资产: Kind Money is a field read as an amount ([货币]); with
  /// RowTotal, the sum of the row's [货币] fields ([合计], 苏州 公开13's 总计).
  bool RowTotal = false;
  /// 格 cells: [跨行 逐行], the cell spans down over every row of the 逐行 below its row
  /// (重庆: 绩效指标 beside the indicator rows).
  bool DownRecords = false;
  Span Where;
};

/// A row specification of a listing table.
struct ListingRow {
  enum RowKind : uint8_t { Fixed, Records, Schedule };
  RowKind Kind = Fixed;
  std::vector<TemplateCell> Cells; ///< Fixed (格): the cells; Records: one field per column
  std::string Source;              ///< Records: 单位, 整体绩效, 政府采购, 资产 or 指标
  /// Records of 政府采购 and 资产: [分组 KEY…], the facts grouped by each key in turn, a group
  /// led by a row of its value and its sums; [合计行 "label"], a first row of the sums.
  std::vector<std::string> GroupBy;
  bool Total = false;
  std::string TotalLabel;
  /// [合计行 "label"] [跨列 N]: the total row's label spans the first N columns (重庆 表九's
  /// 合计 over 项目编号 and 项目); they must be fields that are not amounts.
  unsigned TotalSpan = 1;
  /// Records of 项目: [一般性], only the projects that are no 市级重点专项资金 (重庆 表十二, 市级一般性
  /// 项目, beside 表十一's 重点专项资金).
  bool GeneralOnly = false;
  std::string Label;               ///< Schedule: the label of its two rows
  Span Where;
};

/// One table of a template: a standard table (列 and 行, a 序号 column, money summed over
/// allocations) or a listing table (格, 逐行 and 支出计划 rows over the budget's records).
struct TableTemplate {
  unsigned Number = 0;         ///< 0: the number after the tables before it
  std::string Title;           ///< may name fields in braces
  std::string Label;           ///< 标号: printed above the title (表1, 公开01表); empty: none
  bool Listing = false;
  bool PerProject = false;     ///< 每项目: one table per project
  /// 逐项目 [重点专项资金]: the form of every project (PerProject is set too), or with the tag
  /// of every 市级重点专项资金 only, one after another in one table; with none, the form once
  /// with its project fields blank, and its 空表 note (重庆 表十一).
  bool Stacked = false;
  bool SpecialFundsOnly = false;
  unsigned Width = 0;          ///< Listing: columns (列数, or the header's width)
  std::vector<std::string> Caption; ///< 标注: these lines replace the standard caption
  bool NoCaption = false;      ///< 标注 无: no caption at all (a table set in the narrative)
  std::vector<std::string> Notes; ///< 注: lines printed under the table
  std::vector<ListingRow> Lines;  ///< Listing: its rows
  std::vector<std::vector<HeaderCell>> Header;
  /// 栏次: a row numbering the columns after 序号 (All), or only the amount columns (栏次 金额).
  enum NumbersKind : uint8_t { NoNumbers, AllNumbers, AmountNumbers };
  NumbersKind ColumnNumbers = NoNumbers;
  bool Ordinal = true;         ///< a 序号 column first (序号 无: none)
  Query Scope;                 ///< 范围
  std::vector<TemplateColumn> Columns;
  std::vector<TemplateRow> Rows;
  /// How the table's amounts print: 金额单位 (empty: the budget's), 小数位, 千分位; 零 for
  /// columns that do not say.
  std::string MoneyUnit;
  Span MoneyUnitWhere;
  Decimal MoneyFactor;         ///< 元 per MoneyUnit (set once the units are known)
  int Decimals = -1;           ///< -1: 0 for a table in 元, else 2
  bool Separators = false;
  std::string Zero;
  /// 空表 "note" [保留行] [空行 N]: when every amount is zero, the note, and the rows printed
  /// then: as built (KeepRows), or BlankRows empty ones (default 1).
  std::string EmptyNote;
  bool EmptySet = false;
  bool KeepRows = false;
  unsigned BlankRows = 1;
  Span Where;
};

/// A cell of a published table as printed (公开表): a text, an amount in the unit and at the
/// precision printed, a blank or a dash.
struct PublishedCell {
  enum CellKind : uint8_t { TextCell, AmountCell, BlankCell, DashCell };
  CellKind Kind = TextCell;
  std::string Text;       ///< as written; for an amount its spelling (a column of codes reads it)
  bool Read = false;      ///< AmountCell: the amount was read (else it was reported)
  Decimal Value;          ///< AmountCell: the amount in its unit, as written (10.80, -27.07)
  unsigned Decimals = 0;  ///< AmountCell: its decimals as written
  bool Separators = false;
  std::string Unit;       ///< AmountCell: a money unit written with it (2,616万元); empty: the table's
  Decimal Factor;         ///< 元 per Unit, when Unit is given
  Span Where;
};

/// A printed row of a published table.
struct PublishedRow {
  std::vector<PublishedCell> Cells;
  Span Where;
};

/// 公开表 表1 { … }: a published table, declared as printed, compared cell by cell with the
/// table the budget's template derives.
struct PublishedTable {
  std::string Name;        ///< the 标号 or title it is named by; empty when by number
  unsigned Number = 0;     ///< the table's number, when named so
  std::vector<PublishedRow> Rows;
  Span Where, NameWhere, Close;
};

/// What a part or a heading of the disclosure page shows, in order.
struct OutlineItem {
  enum ItemKind : uint8_t {
    Section,       ///< 说明 TITLE: a narrative section
    Table,         ///< 表 TITLE: the tables built from that template table
    Performance,   ///< 整体绩效: the department's performance narrative
    Glossary,      ///< 名词解释
    OtherTables,   ///< 其余表: every table no other item places
    OtherSections, ///< 其余说明: every narrative section no other item places
  };
  ItemKind Kind = Section;
  std::string Name; ///< Section: the narrative's title; Table: the template table's title
  std::string Lead; ///< a line in bold before it (部门职责：), or empty
};

struct OutlineHeading {
  std::string Text;
  std::vector<OutlineItem> Items;
};

/// One part of the page (第一部分 …): a title, items before its first heading, headings.
struct OutlinePart {
  std::string Title;
  std::vector<OutlineItem> Preface;
  std::vector<OutlineHeading> Headings;
};

/// The page's outline: its parts in order, each with narrative and tables under headings.
/// Tables no item places go where 其余表 stands (第二部分 "title" is a part of only that),
/// else in a last part of their own; sections no item places where 其余说明 stands, else
/// after the first part. Titles may name budget fields in braces.
struct Outline {
  std::string Title;               ///< 标题: the page's title; empty: 部门名称 年度 年部门预算
  std::vector<OutlinePart> Parts;  ///< none: every table in one part
};

/// A disclosure template: 表样 河北2024.
struct Template {
  std::string Name;
  bool Standard = false; ///< from the standard library
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
  std::vector<GlossaryEntry> Glossary;
  /// Every text of the narrative (说明, 整体绩效 说明, 名词解释), in source order.
  std::vector<Prose> Narrative;
  /// The wordings of the narrative that name figures, longest first.
  std::vector<ProseTerm> Vocabulary;
  /// 本年 (this year's money, not carried over), to narrow a wording such as 本年财政拨款收入.
  Query ThisYearOnly;
  /// Last year's figures, when the workspace has a 上年 statement.
  std::unique_ptr<LastYear> Previous;
  /// Resolved figure references of the template's texts, by their content.
  std::map<std::string, Reference> TemplateReferences;
  bool HasProcurement = false, HasAssets = false;
  std::vector<TableFact> Procurement, Assets;
  /// Published tables declared as printed (公开表), in source order.
  std::vector<PublishedTable> Published;

  /// The template the budget is published with, or null: the one 模板 names; without 模板,
  /// the workspace's own, else DefaultTemplate.
  const Template *findTemplate() const;
  /// The framework the header chooses (框架), or null.
  const Framework *framework() const;
  /// What the weights of a project's indicators (and of the department's) add up to: the
  /// header's 权重合计 and 预留, else the chosen framework's, else 100 without a reserve.
  WeightRule weights() const;
  static constexpr const char *DefaultTemplate = "河北2024";

  /// An amount in 元 as the budget prints it: in MoneyUnit with two decimals (whole 元 without)
  /// and thousands separators.
  std::string money(Decimal Yuan) const;
  /// The fund named \p Name (or one of its aliases).
  const Fund *findFund(llvm::StringRef Name) const;
  /// Whether the facts of unit \p Unit (or of the department, DepartmentLevel) are those of an
  /// administrative unit (行政, 参公), whose 公用经费 is 机关运行经费.
  bool isAdministrative(size_t Unit) const;
  /// The department's own 性质, for its department-level facts (empty when not given).
  std::string DepartmentNature;
  /// Whether the workspace has money facts (收入, 基本支出, 项目支出, 项目). A workspace that
  /// transcribes only a document's narrative has none: its declared figures are its figures.
  bool hasFacts() const { return !Income.empty() || !Allocations.empty(); }
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

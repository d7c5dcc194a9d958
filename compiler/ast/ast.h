//===- ast.h - The syntax tree of .bud files --------------------------------===//
//
// The tree records what was written, not what it means: names are not resolved, numbers
// are kept as their digits, units as their spelling. Every node and every element carries the
// Span it came from. Nodes live in an ast::Context arena and are trivially destructible;
// strings are StringRefs into the source buffers or into the context's string saver.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <deque>
#include <memory>
#include <vector>

#include "compiler/source/span.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/Casting.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/StringSaver.h"

#include <type_traits>

namespace budc::ast {

class BodyArena;

//===----------------------------------------------------------------------===//
// Elements: parts of statements that are not statements themselves
//===----------------------------------------------------------------------===//

/// One piece of a text: literal characters or a figure reference written as {…}.
struct TextPart {
  bool IsReference = false; ///< True for {…}.
  llvm::StringRef Value;    ///< The literal text, or the reference's content trimmed.
  Span Range;               ///< For a reference: from '{' to '}'.
};

/// A word or a text as written. A budget holds millions of these, so a text keeps only its
/// value and place: the literal and reference parts of a text with figure references ({…})
/// are worked out again from its source where they are wanted (syntax::textParts).
struct Text {
  /// How the text was written.
  enum Form : uint8_t {
    Bare,   ///< an unquoted name: 行政运行
    Quoted, ///< "…" on one line
    Block,  ///< """…""" over several lines
  };
  llvm::StringRef Value; ///< The content with quotes removed and escapes decoded.
  Span Range;            ///< The whole token, quotes included.
  Form Style = Bare;

  /// Whether the text was written at all (optional texts have an invalid range).
  bool present() const { return Range.isValid(); }
};

/// Comparators written before a quantity.
enum class Comparator : uint8_t { None, Eq, Ne, Ge, Le, Gt, Lt };

/// The spelling of \p C: "", "=", "≠", "≥", "≤", ">", "<".
llvm::StringRef spelling(Comparator C);

/// A number as written, with its optional comparator, sign and unit: ≤22.2万元, 16村, 1754.54.
struct Quantity {
  // Members ordered by alignment: a budget holds hundreds of thousands of these.
  llvm::StringRef Number; ///< The digits as written: "22.2".
  llvm::StringRef Unit;   ///< The unit as written, or empty: "万元", "元/人.年", "%".
  Span Range;             ///< Comparator through unit.
  uint32_t NumberBegin = 0; ///< Where the number starts, its sign included.
  uint32_t DigitsEnd = 0;   ///< Where its digits end and its unit starts.
  Comparator Cmp = Comparator::None;
  bool Negative = false;
  /// Written with thousands separators (26,054,663); Number holds the digits without them.
  bool Separators = false;

  bool present() const { return Range.isValid(); }
  /// Just the digits (and sign); invalid without a number.
  Span numberRange() const {
    return Number.data() ? Span{Range.File, NumberBegin, DigitsEnd} : Span{};
  }
  /// Just the unit; invalid when there is none.
  Span unitRange() const {
    return Number.data() && !Unit.empty()
               ? Span{Range.File, DigitsEnd, DigitsEnd + static_cast<uint32_t>(Unit.size())}
               : Span{};
  }
};

/// A code as written: a classification code (2010301), a unit code (502), a project code
/// (13030224P00308P121121) or a year.
struct Code {
  llvm::StringRef Value;
  Span Range;
  bool present() const { return Range.isValid(); }
};

/// A value of a generic attribute or an indicator.
struct Value {
  enum Kind : uint8_t {
    Name,     ///< a bare word: 行政
    String,   ///< a quoted text: "调查结果"
    Number,   ///< a quantity, with or without unit and comparator: ≥95%
    Date,     ///< a date: 2023-12-31 (Num.Cmp holds a comparator written before it)
    CodeWord, ///< an alphanumeric code: 13030224P00308P121121
    Tag,      ///< a bracketed tag: [政府性基金], [别名 "…"]
  };
  Text Word;    ///< For Name, String, Date and CodeWord; the tag's name for Tag.
  Quantity Num; ///< For Number; for Date only Num.Cmp is used.
  llvm::ArrayRef<Value> Args; ///< For Tag: the values after its name.
  Span TagRange;              ///< For Tag: from '[' to ']'.
  Kind K = Name;              ///< (last: members ordered by alignment)
  /// The value's whole range.
  Span range() const;
};

/// An indicator's value: a Value without a tag's arguments and range (an indicator's value is
/// never a tag), 24 bytes smaller in each of the hundreds of thousands of indicators.
struct IndicatorValue {
  Text Word;    ///< As Value::Word.
  Quantity Num; ///< As Value::Num.
  Value::Kind K = Value::Name;

  /// The same value as a Value, for what reads values in general.
  Value value() const {
    Value V;
    V.Word = Word;
    V.Num = Num;
    V.K = K;
    return V;
  }
  Span range() const { return value().range(); }
};

/// One point of a spending schedule: 3月 25%.
struct SchedulePoint {
  Quantity Month;
  Quantity Share;
};

//===----------------------------------------------------------------------===//
// Nodes
//===----------------------------------------------------------------------===//

/// Every kind of node.
enum class NodeKind : uint8_t {
  File,
  Include,
  Budget,
  Department,
  Unit,
  Attr,
  Income,
  IncomeLine,
  Basic,
  BasicLine,
  FundSource,
  Project,
  FunctionRef,
  EconomicRef,
  AmountLine,
  Schedule,
  Goal,
  Indicator,
  Citation,
  Declare,
  Section,
  Glossary,
  GlossaryEntry,
  Performance,
  Area,
  Procurement,
  Assets,
  Library,
  LastYear,
  Published,
};

/// The name of \p K as the AST dump prints it.
llvm::StringRef kindName(NodeKind K);

/// The base of every node.
struct Node {
  NodeKind Kind;
  Span Range; ///< From the first token of the statement to its last (closing '}' included).

  explicit Node(NodeKind K) : Kind(K) {}
};

/// Declares `static bool classof` for llvm::isa/cast/dyn_cast.
#define BUDC_AST_NODE(NAME)                                                                  \
  NAME() : Node(NodeKind::NAME) {}                                                           \
  static bool classof(const Node *N) { return N->Kind == NodeKind::NAME; }

/// A comment "// budc:allow BUD401 reason" that silences warnings on a line, or in a block.
struct Suppression {
  llvm::StringRef Code;   ///< "BUD401".
  llvm::StringRef Reason; ///< The written reason; empty is an error (BUD803).
  Span Range;             ///< The comment.
  unsigned TargetLine;    ///< The line it applies to: its own, or the next line of code.
  /// The last line it applies to: TargetLine, or for a block's header the line of its '}'
  /// (for a text block's first line, the text's last line).
  unsigned LastLine;
  bool Text = false; ///< it applies to a text block ("""…"""), not to a block in braces
};

/// One parsed file.
struct File : Node {
  BUDC_AST_NODE(File)
  llvm::StringRef Path;
  llvm::ArrayRef<Node *> Items;
  llvm::ArrayRef<Suppression> Suppressions;
};

/// 引入 "other.bud"
struct Include : Node {
  BUDC_AST_NODE(Include)
  Text Path;
};

/// A generic attribute: key value… { attr… }. Used for descriptive facts such as 性质 行政,
/// 金额单位 万元, 用途 "…", and for the rows of the procurement and assets tables.
struct Attr : Node {
  BUDC_AST_NODE(Attr)
  Text Key;
  llvm::ArrayRef<Value> Values;
  llvm::ArrayRef<Attr *> Children;
  bool HasBlock = false; ///< Whether a { … } followed, even an empty one.
};

/// 预算 2024 { 金额单位 万元 … }
struct Budget : Node {
  BUDC_AST_NODE(Budget)
  Code Year;
  llvm::ArrayRef<Attr *> Attrs;
};

/// 部门 502 "秦皇岛市海港区西港镇人民政府" { 单位 … }
struct Department : Node {
  BUDC_AST_NODE(Department)
  Code Id; ///< Optional.
  Text Name;
  llvm::ArrayRef<Node *> Items; ///< Unit and Attr nodes.
};

/// 单位 "…本级" { 性质 行政 … } — attributes and the facts that belong to this unit.
struct Unit : Node {
  BUDC_AST_NODE(Unit)
  Code Id; ///< Optional.
  Text Name;
  llvm::ArrayRef<Node *> Items; ///< Attr, Income, Basic, Project and Declare nodes.
};

/// One line of an income block: [上年结转 | 结转下年] 一般公共预算拨款 1754.54
struct IncomeLine : Node {
  BUDC_AST_NODE(IncomeLine)
  bool CarryOver = false;    ///< 上年结转: income carried over from last year
  bool CarryForward = false; ///< 结转下年: income kept for next year (年终结转结余)
  Span CarryOverRange;       ///< the 上年结转 or 结转下年 word
  Text Fund;
  Quantity Amount;
};

/// 收入 { … } — the control totals (控制数) per fund source.
struct Income : Node {
  BUDC_AST_NODE(Income)
  llvm::ArrayRef<IncomeLine *> Lines;
};

/// One line of basic expenditure: 30101 基本工资 308.98 [公用经费]
struct BasicLine : Node {
  BUDC_AST_NODE(BasicLine)
  Code Economic;
  Text Name; ///< Optional.
  Quantity Amount;
  llvm::ArrayRef<Value> Tags; ///< [人员经费] / [公用经费]
};

/// 来源 [上年结转] 政府性基金预算拨款 — the fund source of the enclosing basic block.
struct FundSource : Node {
  BUDC_AST_NODE(FundSource)
  bool CarryOver = false;
  Span CarryOverRange;
  Text Fund;
};

/// 基本支出 2010301 行政运行 { … } — basic expenditure of one function 项 by economic 款; or
/// 项目支出 2010505 { … }, project expenditure not itemised by project, in the same form.
struct Basic : Node {
  BUDC_AST_NODE(Basic)
  Code Function;                ///< Absent: money by economic code only (the economic view).
  Text Name;                    ///< Optional.
  llvm::ArrayRef<Node *> Items; ///< BasicLine, AmountLine and FundSource nodes.
  bool Projects = false;        ///< a 项目支出 block
};

/// 功能科目 2130705 [name]
struct FunctionRef : Node {
  BUDC_AST_NODE(FunctionRef)
  Code Id;
  Text Name; ///< Optional.
};

/// 经济科目 30299 [name]
struct EconomicRef : Node {
  BUDC_AST_NODE(EconomicRef)
  Code Id;
  Text Name; ///< Optional.
};

/// 金额 22.20 [上年结转] 一般公共预算拨款 [{ 30227 委托业务费 20.00 … }]
struct AmountLine : Node {
  BUDC_AST_NODE(AmountLine)
  Quantity Amount;
  bool CarryOver = false;
  Span CarryOverRange;
  Text Fund;                         ///< Optional in a 基本支出 or 项目支出 block (its 来源).
  llvm::ArrayRef<Value> Tags;        ///< [人员经费] / [公用经费] (basic money by function)
  llvm::ArrayRef<BasicLine *> Split; ///< the amount by economic 款, when a block follows
  bool HasSplit = false;
};

/// 支出计划 3月 25% 6月 50% …
struct Schedule : Node {
  BUDC_AST_NODE(Schedule)
  llvm::ArrayRef<SchedulePoint> Points;
};

/// The clauses of an indicator after its value: the columns of a published indicator table,
/// each optional (an absent one has an invalid range), kept as written: sema types them.
/// Apart from the indicator, so that the many indicators without them (河北's) stay small.
struct IndicatorColumns {
  /// 单位 …: the 计量单位 column (次/年, "%"), or a comparator written there as published.
  Text Unit;
  Text Nature;      ///< 性质 …: a comparator or a word (正向, 定性 …), as written.
  Quantity Weight;  ///< 权重 N: 指标权重 or 分值 (10, 10%, 10分).
  Text Core;        ///< 核心 是|否: 是否核心指标.
  Text Content;     ///< 内容 "…": 指标值内容.
  Text Scoring;     ///< 评分 "…": 评（扣）分标准.
};

/// 指标 产出/数量 保障经费村数 = 16村 权重 10 核心 是 描述 "…" 依据 冀组发14
struct Indicator : Node {
  BUDC_AST_NODE(Indicator)
  llvm::ArrayRef<Text> Path; ///< 一级/二级 as written; empty when no path was given.
  Text Name;                 ///< The 三级 indicator's own name.
  IndicatorValue Val;        ///< Valid when HasValue.
  IndicatorColumns *Columns = nullptr; ///< Null when none of the clauses is written.
  Text Description;          ///< Optional.
  /// Optional. A Bare word names a citation declared with 依据 X = "…"; a quoted text is
  /// the basis itself.
  Text Basis;
  bool HasValue = false; ///< (last: members ordered by alignment)

  /// The clauses after the value; all absent when none is written.
  const IndicatorColumns &columns() const {
    static const IndicatorColumns None;
    return Columns ? *Columns : None;
  }
};
// Most of a budget's tree is its indicators (442,000 in the generated 1M-line workspace): a
// field added here costs that many times its size.
static_assert(sizeof(void *) != 8 || sizeof(Indicator) == 240, "ast::Indicator grew");

/// 目标 "…" [{ 指标 … }]
struct Goal : Node {
  BUDC_AST_NODE(Goal)
  Text Statement;
  llvm::ArrayRef<Indicator *> Indicators;
  bool HasBlock = false;
};

/// 项目 CODE "name" { … }
struct Project : Node {
  BUDC_AST_NODE(Project)
  Code Id; ///< Optional.
  Text Name;
  /// FunctionRef, EconomicRef, AmountLine, Schedule, Goal, Indicator and Attr nodes.
  llvm::ArrayRef<Node *> Items;
  /// The arena its Indicator and Schedule nodes are in (and its goals' lists of them), in
  /// its slabs [BodyFirst, BodyLast]; null when it has none, or once releaseBody dropped them.
  BodyArena *Body = nullptr;
  uint32_t BodyFirst = 0, BodyLast = 0;
};

/// 依据 冀组发14 = "《…》（冀组发〔2018〕14号）"
struct Citation : Node {
  BUDC_AST_NODE(Citation)
  Text Name;
  Text Document;
};

/// 声明 三公经费 3.01 { 公务接待费 0.76 … } — a figure stated independently of the facts, to
/// be checked against the derived one. Nested items are Declare nodes too.
struct Declare : Node {
  BUDC_AST_NODE(Declare)
  llvm::ArrayRef<Text> Key; ///< Path parts: 三公经费/公务接待费, or a code.
  Quantity Amount;          ///< Optional.
  llvm::ArrayRef<Declare *> Children;
  bool HasBlock = false;
};

/// 上年 2025 ["../2025"] [{ 收入总计 45557.68 … }] — last year's figures: the directory of last
/// year's workspace, and/or the figures last year's document states (Declare nodes).
struct LastYear : Node {
  BUDC_AST_NODE(LastYear)
  Code Year;
  Text Directory; ///< Optional.
  llvm::ArrayRef<Declare *> Figures;
  bool HasBlock = false;
};

/// One cell of a published table's row, as written: a text ("一、财政拨款收入", a bare word, a
/// code), an amount (26,054,663  10.80  -27.07  2,616万元) or a dash (-).
struct PublishedCell {
  enum CellKind : uint8_t { TextCell, AmountCell, DashCell };
  Text Word;    ///< the text; for an amount, its spelling as written (a code column reads it so)
  Quantity Num; ///< AmountCell: the amount
  Span Range;
  CellKind K = TextCell;
};

/// One printed row of a published table.
struct PublishedRow {
  llvm::ArrayRef<PublishedCell> Cells;
  Span Range;
};

/// 公开表 表1 { "一、财政拨款收入" 26,054,663 … } — a published table as printed, to be compared
/// cell by cell with the table its template derives. Named by its 标号 or title (Name) or its
/// number (Number).
struct Published : Node {
  BUDC_AST_NODE(Published)
  Text Name;
  Code Number;
  llvm::ArrayRef<PublishedRow> Rows;
  Span Close; ///< the closing '}'
};

/// 说明 部门职责 """…"""
struct Section : Node {
  BUDC_AST_NODE(Section)
  Text Title;
  Text Body;
};

/// One term of the glossary: 财政拨款收入 "指本级财政…"
struct GlossaryEntry : Node {
  BUDC_AST_NODE(GlossaryEntry)
  Text Term;
  Text Definition;
};

/// 名词解释 { … }
struct Glossary : Node {
  BUDC_AST_NODE(Glossary)
  llvm::ArrayRef<GlossaryEntry *> Entries;
};

/// 分项 党政综合工作 { 目标 … }
struct Area : Node {
  BUDC_AST_NODE(Area)
  Text Name;
  llvm::ArrayRef<Node *> Items; ///< Goal and Indicator nodes.
};

/// 整体绩效 { … } — the department's overall performance goals.
struct Performance : Node {
  BUDC_AST_NODE(Performance)
  llvm::ArrayRef<Node *> Items; ///< Section, Area, Goal and Indicator nodes.
};

/// 政府采购 { … } — rows of the procurement table as generic attributes; may be empty.
struct Procurement : Node {
  BUDC_AST_NODE(Procurement)
  llvm::ArrayRef<Attr *> Rows;
};

/// 国有资产 { … } — facts and rows of the state-assets table; may be empty.
struct Assets : Node {
  BUDC_AST_NODE(Assets)
  llvm::ArrayRef<Attr *> Rows;
};

/// A declaration of the standard library, or a workspace's addition to it:
///   科目表 功能科目 2024 { 201 一般公共服务支出 { … } }    (Catalogue)
///   计量单位表 { 万元 金额 10000 元 }                       (Measures)
///   指标框架 三级 { 产出指标 { 数量指标 计数 度量 百分比 } }   (Framework)
///   资金来源表 { 一般公共预算拨款 [财政拨款] [一般公共预算] }  (Funds)
///   表样 河北2024 { 表 1 部门预算收支总表 { … } }             (Template)
///   口径 { 三公经费 财政拨款 [三公 …] { … } }                  (Figures)
struct Library : Node {
  BUDC_AST_NODE(Library)
  enum LibKind : uint8_t {
    FunctionCatalogue, EconomicCatalogue, Measures, Framework, Funds, Template, Figures
  };
  LibKind What = Measures;
  Code Year;  ///< For catalogues.
  Text Name;  ///< For frameworks and templates.
  llvm::ArrayRef<Attr *> Rows;
};

#undef BUDC_AST_NODE

//===----------------------------------------------------------------------===//
// Context
//===----------------------------------------------------------------------===//

/// The nodes of the project bodies a context's builders make: indicators, their paths and
/// columns, and spending schedules. Sema reads them once (FactReader::body) into the model;
/// a command that needs no syntax tree after that (`budc check`, `build`, `diff`) releases each
/// project as soon as it has been read (releaseBody), so that the trees of hundreds of
/// thousands of indicators are not alive beside the model built from them. The memory comes
/// in slabs of 16 KiB (with 64 KiB ones the 西港镇 example peaked 2 MiB higher than without
/// this arena; the 1M-line workspace the same); each project records the slabs its nodes are
/// in, and a slab is freed when every project in it has been released (projects are read in
/// the order they were built, so a slab's projects are released close together). Strings
/// stay in the Context: the model points into them.
class BodyArena {
public:
  BodyArena() = default;
  BodyArena(const BodyArena &) = delete;
  BodyArena &operator=(const BodyArena &) = delete;
  ~BodyArena() {
    for (Slab &S : Slabs)
      std::free(S.Mem);
  }

  template <typename T> T *make() {
    static_assert(std::is_trivially_destructible_v<T>, "arena nodes are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T();
  }
  template <typename T> llvm::ArrayRef<T> copy(llvm::ArrayRef<T> Items) {
    static_assert(std::is_trivially_destructible_v<T>, "arena arrays are never destroyed");
    if (Items.empty())
      return {};
    T *Mem = static_cast<T *>(allocate(sizeof(T) * Items.size(), alignof(T)));
    std::uninitialized_copy(Items.begin(), Items.end(), Mem);
    return {Mem, Items.size()};
  }
  /// A project's body begins: the slabs its nodes go into are noted from here.
  void beginProject() {
    First = NoSlab;
    Last = 0;
  }
  /// The project's body ends: false when none of its nodes is here; else the slabs
  /// [\p F, \p L] hold it (one thread: the builder's).
  bool endProject(uint32_t &F, uint32_t &L) {
    if (First == NoSlab)
      return false;
    for (uint32_t I = First; I <= Last; ++I)
      ++Slabs[I].Live;
    F = First;
    L = Last;
    return true;
  }
  /// A project in slabs [\p F, \p L] is no longer needed: a slab is freed with its last
  /// project, except the one the next node would go into. Projects may be released on
  /// several threads, once no builder uses the arena.
  void release(uint32_t F, uint32_t L) {
    for (uint32_t I = F; I <= L; ++I)
      if (Slabs[I].Live.fetch_sub(1) == 1 && I != Current) {
        std::free(Slabs[I].Mem);
        Slabs[I].Mem = nullptr;
      }
  }
  /// The bytes of the slabs not freed (not while projects are being released).
  size_t getBytesAllocated() const {
    size_t N = 0;
    for (const Slab &S : Slabs)
      N += S.Mem ? S.Size : 0;
    return N;
  }

private:
  static constexpr size_t SlabSize = 16 * 1024;
  static constexpr uint32_t NoSlab = ~0u;
  struct Slab {
    char *Mem;
    size_t Size;
    std::atomic<uint32_t> Live{0}; ///< projects with nodes in it, not yet released
    Slab(char *M, size_t S) : Mem(M), Size(S) {}
  };
  uint32_t newSlab(size_t Size) {
    auto *Mem = static_cast<char *>(std::malloc(Size));
    if (!Mem)
      llvm::report_bad_alloc_error("out of memory for the syntax trees");
    Slabs.emplace_back(Mem, Size);
    return static_cast<uint32_t>(Slabs.size() - 1);
  }
  void note(uint32_t I) {
    First = std::min(First, I);
    Last = std::max(Last, I);
  }
  void *allocate(size_t Size, size_t Align) {
    if (Size > SlabSize / 4) { // a slab of its own (a long schedule, a goal of many indicators)
      uint32_t I = newSlab(Size);
      note(I);
      return Slabs[I].Mem;
    }
    uintptr_t At = (Used + Align - 1) & ~uintptr_t(Align - 1);
    if (Current == NoSlab || At + Size > SlabSize) {
      Current = newSlab(SlabSize);
      At = 0;
    }
    Used = At + Size;
    note(Current);
    return Slabs[Current].Mem + At;
  }

  std::deque<Slab> Slabs; ///< (a deque: the counters never move)
  uint32_t Current = NoSlab; ///< the slab the next small node goes into
  uintptr_t Used = 0;        ///< bytes of it used
  uint32_t First = NoSlab, Last = 0; ///< the slabs of the project being built
};

/// Drops \p P's Indicator and Schedule nodes from its items and its goals' indicators, and
/// releases its share of their arena. For when nothing will read them again: the model has
/// what sema read from them, and the rest of the tree stays whole.
void releaseBody(Project &P);

/// Owns the memory of the syntax trees of one workspace.
class Context {
public:
  Context() : Saver(Alloc) {}
  Context(const Context &) = delete;
  Context &operator=(const Context &) = delete;

  /// A new node of type \p T.
  template <typename T> T *make() {
    static_assert(std::is_trivially_destructible_v<T>, "arena nodes are never destroyed");
    return new (Alloc.Allocate<T>()) T();
  }
  /// A copy of \p Items in the arena.
  template <typename T> llvm::ArrayRef<T> copy(llvm::ArrayRef<T> Items) {
    static_assert(std::is_trivially_destructible_v<T>, "arena arrays are never destroyed");
    if (Items.empty())
      return {};
    T *Mem = Alloc.Allocate<T>(Items.size());
    std::uninitialized_copy(Items.begin(), Items.end(), Mem);
    return {Mem, Items.size()};
  }
  /// A copy of \p S that lives as long as the context.
  llvm::StringRef save(llvm::StringRef S) { return Saver.save(S); }

  /// Bytes allocated so far and not released (children included).
  size_t getBytesAllocated() const {
    size_t N = Alloc.getBytesAllocated();
    for (const auto &C : Children)
      N += C->getBytesAllocated();
    if (Bodies)
      N += Bodies->getBytesAllocated();
    return N;
  }

  /// The arena of the project bodies this context's builders make.
  BodyArena &bodies() {
    if (!Bodies)
      Bodies = std::make_unique<BodyArena>();
    return *Bodies;
  }

  /// A context that lives as long as this one, for a parser on another thread (a context
  /// is not thread-safe; each thread gets its own).
  Context &child() {
    Children.push_back(std::make_unique<Context>());
    return *Children.back();
  }

private:
  std::vector<std::unique_ptr<Context>> Children;
  std::unique_ptr<BodyArena> Bodies;
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver;
};

} // namespace budc::ast

//===- facts.h - Reading the workspace's facts into the model (sema only) ---===//
//
// FactReader reads every fact statement of a workspace's files into model::Budget. Its
// members live in four files by what they read: facts.cpp (the order of reading,
// attributes, units, citations, statements, procurement and assets rows), spending.cpp
// (income, basic expenditure, projects and their money), bodies.cpp (a project's own lines:
// indicators, schedules, keys; department-level performance, read on several threads) and
// declared.cpp (two views, records, declared figures, last year, texts).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/sema/resolver.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"

#include <set>
#include <string>
#include <vector>

namespace budc::sema {

/// A kind of classification code a fact names, with the level it must have.
struct CodeKind {
  const char *En, *Zh;          ///< "function code", "功能科目"
  const char *LevelEn, *LevelZh; ///< what the place requires: "function 项 code"
  const char *WhyEn, *WhyZh;
  size_t Length;
};

/// What becomes of an unknown attribute (BUD119): budc does not read it, or (for the columns
/// of procurement and assets rows, which the template's tables print) no table prints it.
struct Fate {
  std::string En = "budc does not read it", Zh = "budc 不读取它";
  bool Any = false; ///< every key is known (no table prints these rows)
};

/// Reads the facts of the workspace files into the model.
class FactReader {
public:
  FactReader(Resolver &R) : R(R), B(R.B), Diags(R.Diags) {}

  void run(llvm::ArrayRef<ast::File *> Files, unsigned Jobs);
  /// Whether bodies() frees each project's indicators and schedules once read.
  bool Release = false;

private:
  /// Sizes the model's largest vectors before reading: grown by doubling, the 74,000
  /// projects of a million lines were moved several times and touched about twice the
  /// memory they finally hold (fresh memory is a large part of a big check's time).
  void reserve(llvm::ArrayRef<ast::File *> Files);

  //===-- attributes -------------------------------------------------------===//

  /// Reports attributes a block does not know (a typo in 性质 would silently change which
  /// units count as administrative, for instance).
  void known(llvm::ArrayRef<ast::Node *> Items, llvm::ArrayRef<std::string> Keys,
             const char *En, const char *Zh);
  void known(const ast::Attr &A, llvm::ArrayRef<std::string> Keys, const char *En,
             const char *Zh, const Fate &What = {});

  /// The columns of the rows of \p Source (政府采购, 资产): \p Standard, and every field the
  /// budget's template lists for them (逐行 SOURCE FIELD…). \p What says what becomes of
  /// another key.
  std::vector<std::string> columns(llvm::StringRef Source, std::vector<std::string> Standard,
                                   Fate &What) const;
  static std::string join(llvm::ArrayRef<std::string> Items, const char *Sep);

  void attributes(const ast::Node &N);

  /// The fields the budget's template lists the facts of \p Source (政府采购, 资产) by, in
  /// the order of its columns (逐行 政府采购 大类 专项名称 …), including the keys it groups by.
  std::vector<std::string> templateFields(llvm::StringRef Source) const;

  //===-- units and citations --------------------------------------------===//

  void collectUnits(llvm::ArrayRef<ast::File *> Files);

  void citation(const ast::Citation &C);

private:
  //===-- statements -------------------------------------------------------===//

  void topLevel(const ast::Node &N);

  /// The keys of the facts of \p Source (政府采购, 资产) that the budget's template prints as
  /// amounts (逐行 … KEY [货币]).
  std::set<std::string> moneyKeys(llvm::StringRef Source) const;

  /// A fact of the procurement or assets table; the values of a row's keys in \p Money are
  /// read as amounts (BUD202 for one that is not).
  model::TableFact tableFact(const ast::Attr &A, const std::set<std::string> *Money = nullptr);

  /// A column of a procurement or assets row: an amount when its key is in \p Money.
  model::TableFact column(const ast::Attr &C, const std::set<std::string> *Money);

  /// A row of the assets table: 资产 NAME [数量] [价值] on one line, or 资产 NAME { 数量 …;
  /// 价值 … } as a block, or both. The line's values become the columns they fill: with two,
  /// 数量 and 价值; with one, 数量 if it has a unit that is not money (10台), else 价值. A
  /// 价值 is an amount, which the table prints as it prints amounts.
  model::TableFact assetRow(const ast::Attr &A, const std::set<std::string> *Money);

  static std::string valueText(const ast::Value &V);

  /// The first line of a block, for diagnostics about the whole block.
  Span headerOf(const ast::Node &N) { return headerOf(N.Range); }
  Span headerOf(Span S);

  void unit(const ast::Unit &U);

  void fact(const ast::Node &N, size_t Unit);

  const model::Fund *fund(const ast::Text &Name);

  void income(const ast::Income &I, size_t Unit);

  /// Checks a code written in the budget against its catalogue. True when it may be used.
  bool code(const model::Catalogue &Cat, const ast::Code &C, const ast::Text &Name,
            const CodeKind &K);

  /// The cost class of basic line \p L: its [人员经费] or [公用经费] tag, else its economic 类's.
  void costClass(const ast::BasicLine &L, model::Allocation &A) { costClass(L.Tags, A); }
  void costClass(llvm::ArrayRef<ast::Value> Tags, model::Allocation &A);

  /// A 基本支出 or 项目支出 block: lines by economic code (and, in a block with a function code,
  /// 金额 lines of money given by function only). Without a function code the block gives money
  /// by economic code only: the economic view of money the function view gives elsewhere
  /// (documents print the two, never the cross table).
  void basic(const ast::Basic &Bs, size_t Unit);

  void project(const ast::Project &P, size_t Unit);

  /// The lines of project \p P that concern it alone: schedule, goals, indicators, purpose.
  /// They are most of a budget and read after every project's header, on several threads
  /// (bodies()); \p D receives their diagnostics.
  void body(const ast::Project &P, model::Project &M, DiagEngine &D) const;

  void projectIndicator(const ast::Indicator &I, model::Project &M, DiagEngine &D) const;

  /// Reads every project's body; on several threads when there are many, each with its own
  /// diagnostics for a run of consecutive projects, kept in project order. The budget is only
  /// read meanwhile (each body writes its own project), and diagnostics are sorted by place
  /// when printed, so the output is the same with any number of threads.
  void bodies(unsigned Jobs);

  /// 重点 [N]: a key project, N its place in the 重点项目 table (1, 2, …).
  static void key(const ast::Attr &A, model::Project &M, DiagEngine &Diags);

  /// 重点专项资金 { 主管部门 …; 市级支出 …; 补助区县 … }: the project is a 市级重点专项资金; its
  /// split must add up to its amount (BUD319). Its keys are checked by attributes().
  void specialFund(const ast::Attr &A, model::Project &M, DiagEngine &Diags) const;

  void schedule(const ast::Schedule &S, model::Project &M, DiagEngine &Diags) const;

  /// The framework level of \p Path, or null after reporting BUD110 to \p Diags.
  const model::FrameworkLevel *level(llvm::ArrayRef<ast::Text> Path, DiagEngine &Diags) const;

  /// An indicator of the model, or none after reporting to \p Diags why it does not read.
  std::optional<model::Indicator> indicator(const ast::Indicator &I, DiagEngine &Diags) const;

  /// The value and the columns of a published table written after it (单位 性质 权重 核心
  /// 内容 评分) into \p M; false after reporting to \p Diags what does not read. A column
  /// that holds what belongs in another (a comparator under 单位, a unit under 性质) is read
  /// as what it is and flagged for the rules of indicator columns.
  bool columns(const ast::Indicator &I, model::Indicator &M, DiagEngine &Diags) const;

  /// Reads an item of 整体绩效; \p Area is the enclosing 分项 (null at the top).
  void performanceItem(const ast::Node &N, model::PerformanceArea *Area);

  //===-- declared figures -------------------------------------------------===//

  /// Money given in two views: where a block gives money of a unit, fund, year and nature by
  /// economic code only, the facts of that money given by function only are its other view.
  /// Both views' facts are marked; queries then add the view they can be answered from, and
  /// checks compare the views (BUD309).
  void views();

  /// Projects without a 功能科目: records of the project expenditure that 项目支出 blocks give
  /// by function, when the budget has any; else BUD115. Per fund, the records may not add up
  /// to more than the blocks (BUD308).
  void records();

  /// The declared figures, resolved once every fact is read: a key may name the budget's
  /// units and projects. A figure declared inside a 单位 block is that unit's.
  void declaredFigures();

  /// The amount \p Value of a declared figure as written in \p Q: where, decimals, separators.
  static void written(const ast::Quantity &Q, Decimal Value, model::Declared &M);

  /// Reads declared figure \p D under the key \p Parent (its parts as written) and the
  /// scope \p Scope; false when its key does not resolve (reported).
  /// The first project record (not itemised) figure \p Q names while constraining codes or
  /// cost classes, which a record does not have; null when there is none.
  const model::Project *codelessRecord(const model::Query &Q) const;

  bool declare(const ast::Declare &D, const std::vector<FigurePart> &Parent,
               const model::Query &Scope, model::Declared &M);

  //===-- last year, texts --------------------------------------------------===//

  /// 上年 YEAR ["DIR"] [{ … }]: last year's figures. Its block's keys are this year's figures
  /// (the same figure last year); the directory's budget was resolved before this one.
  void lastYear();

  /// The narrative's texts with their references printed, the projects' 用途 and 目标
  /// likewise, and the vocabulary of the prose checks: once every figure is known.
  void texts();

  Resolver &R;
  model::Budget &B;
  DiagEngine &Diags;
  std::string DepartmentName;
  llvm::DenseMap<const ast::Unit *, size_t> UnitIndex;
  llvm::StringMap<Span> BasicLines, Projects;
  /// The header of the first 项目支出 block read.
  Span FirstProjectSpending;
  /// The projects written without a 功能科目, and where.
  std::vector<std::pair<int, Span>> Records;
  /// The declared figures, with the unit whose block holds them (DepartmentLevel: the top).
  std::vector<std::pair<const ast::Declare *, size_t>> Declares;
  /// The 上年 statement, and whether its block is being read.
  const ast::LastYear *LastYearNode = nullptr;
  bool LastYearBlock = false;
  /// The narrative texts, in source order, with where their model lives.
  struct PendingText {
    const ast::Text *Text;
    model::Prose::TextKind Kind;
    size_t Index;
  };
  std::vector<PendingText> Texts;
  /// The projects read so far whose bodies are still to read, with their place in B.Projects.
  std::vector<std::pair<const ast::Project *, size_t>> Bodies;
};

} // namespace budc::sema

//===- tables.h - The disclosure tables, derived from the budget model -------===//
//
// Every money cell is a sum over allocations (DOMAIN.md §2): the template says which rows
// and columns a standard table has, this stage evaluates it against the model. Listing
// tables (units, the department's goals, one per project, procurement, assets) are laid
// out from their template's fixed rows and the budget's records. The result is format-free:
// a grid of text cells with spans that the emitters print.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/amount.h"
#include "compiler/model/model.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace budc::tables {

/// One cell. Cells covered by a span to their left or above are not stored (as in HTML).
struct Cell {
  Cell() = default;
  Cell(std::string Text, unsigned RowSpan = 1, unsigned ColSpan = 1)
      : Text(std::move(Text)), RowSpan(RowSpan), ColSpan(ColSpan) {}

  std::string Text;
  unsigned RowSpan = 1, ColSpan = 1;
  bool Amount = false;            ///< a money cell (right-aligned, a number in spreadsheets)
  std::optional<Decimal> Yuan;    ///< its exact amount in 元, when it is one
  bool Emphasis = false;          ///< a label cell of a project table
  unsigned Indent = 0;            ///< a label indented by its level in a tree (深圳, 广州)
};

using Row = std::vector<Cell>;

/// What a table is, for the JSON model and the page layout.
enum class TableKind : uint8_t { Standard, Units, Goals, Project, Procurement, Assets };
llvm::StringRef kindName(TableKind K);

struct Table {
  unsigned Number = 0;              ///< its place in the disclosure: 1 … N
  std::string Title;
  std::string Label;                ///< printed above the title (表1, 公开01表); may be empty
  std::string Template;             ///< the title of its table in the template
  TableKind Kind = TableKind::Standard;
  int Project = -1;                 ///< Project tables: index into Budget::Projects
  std::vector<std::string> Caption; ///< lines above the table: unit, 预算年度, 单位：万元
  std::vector<Row> Head, Body;
  std::vector<std::string> Notes;   ///< lines under the table
  unsigned Width = 0;               ///< columns
  bool Ordinal = false;             ///< its first column is 序号
  model::AmountFormat Money;        ///< how its amounts print (unit, decimals, separators)
};

/// All the tables of a disclosure, in publishing order. The tables every project has (a
/// 项目绩效目标表 each) are built when they are asked for and not kept: a province's build has
/// tens of thousands of them, more memory than the model (bench/RESULTS.md). The others are
/// built once, by build().
class Disclosure {
public:
  /// What is known of table I without building it.
  struct Entry {
    unsigned Number = 0;
    std::string Title;
    const model::TableTemplate *Template = nullptr; ///< owned by the budget's template
    int Project = -1;                               ///< a table every project has: which
    unsigned Ordinal = 0;                           ///< and its place among them (1 …)
    std::shared_ptr<const Table> Built;             ///< the others: the table
  };

  bool Overflow = false; ///< a sum did not fit; the cell reads ####

  size_t size() const { return Entries.size(); }
  bool empty() const { return Entries.empty(); }
  const Entry &entry(size_t I) const { return Entries[I]; }
  /// Table \p I: the one kept, or one built now.
  std::shared_ptr<const Table> table(size_t I) const;
  /// Calls \p F with every table in order; with \p Template, only the tables of that template
  /// (by its title), built or not as table() says.
  void forEach(llvm::function_ref<void(const Table &)> F,
               std::optional<llvm::StringRef> Template = std::nullopt) const;

private:
  friend Disclosure build(const model::Budget &B, const model::Template &T);
  const model::Budget *B = nullptr;
  std::vector<Entry> Entries;
};

/// \p Text with every budget field it names in braces ({部门名称}, {年度} …) replaced.
std::string fill(const model::Budget &B, llvm::StringRef Text);

/// A cell of a standard table that prints a figure of last year (上年数, 增减额, 增减率) the
/// workspace does not carry: where the template asks for it, the cell's row label and its
/// column (1-based, 序号 counted).
struct LastYearGap {
  Span Where;
  std::string Row;
  unsigned Column = 0;
};

/// A cell of a unit's row over money the facts hold for the department as a whole, which the
/// unit declares no figure of (model::heldForDepartment, model::declaredShare): the unit, the
/// cell's row label and its column (1-based, 序号 counted).
struct ShareGap {
  size_t Unit = 0;
  std::string Row;
  unsigned Column = 0;
};

/// The cells of a standard table the workspace cannot fill, which sema reports.
struct CellGaps {
  /// Last year's figures not carried (BUD128): all of them, but for a column or row marked
  /// [可缺] only when the budget carries last year's figures at all.
  std::vector<LastYearGap> LastYear;
  /// A unit's part of the department's money, not declared (BUD129).
  std::vector<ShareGap> Shares;
};

/// The cells of standard table \p T that \p B cannot fill; empty for a table with neither
/// last year's figures nor rows by unit.
CellGaps cellGaps(const model::Budget &B, const model::TableTemplate &T);

/// Builds the disclosure of \p B with its template \p T.
Disclosure build(const model::Budget &B, const model::Template &T);

/// A cell and the place where it starts.
struct Place {
  const Cell *X = nullptr;
  unsigned Row = 0, Col = 0;
};

/// Rows laid out on a grid of Width columns: Grid[r][c] is the cell that starts at (r, c), or
/// null where a span covers the place; Owner[r][c] is the cell that covers (r, c), wherever it
/// starts (X null for a place no cell reaches).
struct Layout {
  std::vector<std::vector<const Cell *>> Grid;
  std::vector<std::vector<Place>> Owner;
};
Layout layout(const std::vector<Row> &Rows, unsigned Width);

/// A label for each column of \p T: the texts of the header cells over it, top down, joined
/// by " / " (本年收入 / 小计); the 栏次 row is left out.
std::vector<std::string> columnLabels(const Table &T);

} // namespace budc::tables

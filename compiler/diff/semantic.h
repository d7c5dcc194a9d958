//===- semantic.h - budc diff: what changed between two versions of a budget -===//
//
// Compares two resolved budgets, not two texts: money by allocation, project and
// classification line, the cells of every disclosure table, indicators, narrative, and the
// diagnostics each version has. Reordering or reformatting changes none of these.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/diagnostics.h"
#include "compiler/model/model.h"
#include "compiler/tables/tables.h"

#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::diff {

/// One version of a budget as the diff sees it.
struct Version {
  const model::Budget *Budget = nullptr;            ///< null when it did not resolve
  const tables::Disclosure *Tables = nullptr;       ///< null without a template
  std::vector<std::string> Diagnostics;             ///< "error BUD301: message", positions left out
};

/// One changed amount: old and new in 元 (absent on the side that lacks it).
struct Change {
  std::string Section; ///< allocations, projects, functions, economics, tables
  std::string What;    ///< a readable key: "基本支出 2010301 行政运行 × 30101 基本工资 · 一般公共预算拨款"
  std::optional<Decimal> Old, New;
  /// A side whose sum does not fit (it is printed ####, never a wrapped or partial value).
  bool OldOverflow = false, NewOverflow = false;
};

/// One changed text: an indicator, a project's purpose, a narrative section.
struct TextChange {
  std::string Section; ///< indicators, text
  std::string What;
  std::string Old, New; ///< empty on the side that lacks it
};

struct Report {
  std::string MoneyUnit = "万元";
  Decimal MoneyFactor = Decimal::fromRaw(10000 * Decimal::One);
  std::vector<Change> Money;
  std::vector<TextChange> Texts;
  std::vector<std::string> Introduced, Fixed; ///< diagnostics
  bool empty() const {
    return Money.empty() && Texts.empty() && Introduced.empty() && Fixed.empty();
  }
};

/// The diagnostics of a version as the diff compares them ("error BUD301: message"), in
/// \p L, with the line numbers in messages left out: a reformatting moves them but changes
/// nothing.
std::vector<std::string> describeDiagnostics(llvm::ArrayRef<Diagnostic> Diags, Lang L);

/// Compares \p Old with \p New.
Report compare(const Version &Old, const Version &New);

enum class Format : uint8_t { Text, Markdown, Json };

/// Prints \p R; \p OldName and \p NewName label the two sides.
void print(llvm::raw_ostream &OS, const Report &R, Format F, llvm::StringRef OldName,
           llvm::StringRef NewName);

} // namespace budc::diff

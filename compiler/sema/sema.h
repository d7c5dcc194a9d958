//===- sema.h - From syntax trees to the budget model -----------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/model/model.h"
#include "compiler/source/source_manager.h"

#include <vector>

namespace budc::sema {

struct ResolveOptions {
  /// Read the standard library's table templates (表样) in full. `budc check` needs only
  /// their names (to check 模板), which are taken from the text without parsing it.
  bool Templates = true;
  /// Threads that read the projects' indicators, schedules and goals (0: one per core).
  unsigned Jobs = 0;
  /// The files of last year's workspace (上年 YEAR "DIR"), resolved first into the budget's
  /// last year; its own diagnostics are not this budget's (its errors are one, BUD519).
  llvm::ArrayRef<ast::File *> LastYear;
  /// Free each project's indicators and schedules from the syntax tree once they are read
  /// into the model (ast::releaseBody): for a caller that reads no tree after resolving
  /// (`budc check`, `build`, `diff`), so that the trees and the model are not alive in full at
  /// once. The rest of the trees stays.
  bool ReleaseBodies = false;
};

/// Builds the budget of a workspace. Loads the standard library for the budget's year (its
/// files are added to \p SM and parsed into \p Ctx), applies the workspace's additions to it,
/// resolves every name, code, unit and amount, and reports what does not resolve (BUD1xx,
/// BUD2xx). Entities that do not resolve are left out of the model, so that later checks
/// do not report the same mistake again.
model::Budget resolve(llvm::ArrayRef<ast::File *> Files, SourceManager &SM, ast::Context &Ctx,
                      DiagEngine &Diags, const ResolveOptions &Opts = {});

/// What closest() did, for tests that compare work rather than time.
struct SuggestWork {
  size_t Candidates = 0; ///< candidates whose distance was computed
  size_t Cells = 0;      ///< cells of the distance tables computed
};
/// The cells of distance tables one closest() call computes at most.
inline constexpr size_t SuggestCellBudget = 50000;

/// The closest of \p Candidates to \p Word by edit distance over characters, or "" when none
/// is close enough to be a plausible typo, or when every character would change (a
/// one-character word is no typo of another one-character candidate). The work is bounded
/// (SuggestCellBudget): after it, the best of the candidates seen so far. Adds to \p Work.
std::string closest(llvm::StringRef Word, llvm::ArrayRef<std::string> Candidates,
                    SuggestWork *Work = nullptr);

} // namespace budc::sema

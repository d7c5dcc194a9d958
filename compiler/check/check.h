//===- check.h - The rules a reviewer applies to a budget -------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/model/model.h"
#include "compiler/source/source_manager.h"

namespace budc::check {

/// Money rules (BUD3xx): control totals, declared figures, fund types.
void totals(const model::Budget &B, DiagEngine &Diags);

/// Plausibility rules (BUD4xx, BUD8xx): indicators, schedules, citations, project codes.
void indicators(const model::Budget &B, DiagEngine &Diags);

/// Runs every rule.
inline void run(const model::Budget &B, DiagEngine &Diags) {
  totals(B, Diags);
  indicators(B, Diags);
}

/// Applies the "// budc:allow BUDnnn reason" comments of \p Files: each silences the warnings
/// with that code on its line. A suppression without a reason is an error (BUD803); one that
/// silences nothing is a warning (BUD804). Errors cannot be suppressed.
void applySuppressions(llvm::ArrayRef<ast::File *> Files, const SourceManager &SM,
                       DiagEngine &Diags);

} // namespace budc::check

//===- check.h - The rules a reviewer applies to a budget -------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/model/model.h"
#include "compiler/source/source_manager.h"

namespace budc::check {

/// Applies every rule of compiler/check/rules.def to \p B, in that order: the money rules
/// (BUD3xx: control totals, fund types, declared figures) and the plausibility rules (BUD4xx,
/// BUD8xx: indicators, schedules, citations, project codes).
void run(const model::Budget &B, DiagEngine &Diags);

/// Applies the "// budc:allow BUDnnn reason" comments of \p Files: each silences the warnings
/// with that code on its line. A suppression without a reason is an error (BUD803); one that
/// silences nothing is a warning (BUD804). Errors cannot be suppressed.
void applySuppressions(llvm::ArrayRef<ast::File *> Files, const SourceManager &SM,
                       DiagEngine &Diags);

} // namespace budc::check

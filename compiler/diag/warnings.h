//===- warnings.h - Warning control: -Wno-NAME, -Werror=NAME ----------------===//
//
// The -W options of `budc check` and `budc build` name a diagnostic by its code (BUD401) or
// by its name in kebab case (indicator-kind-mismatch, from IndicatorKindMismatch). A policy
// collects the options in order and is applied once, after suppressions: disabled warnings
// are dropped, promoted ones become errors.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/diagnostics.h"

#include <optional>
#include <set>
#include <string>

namespace budc {

/// The code of the diagnostic named \p Name: a code in any case (BUD401, bud401) or a
/// kebab-case name (indicator-kind-mismatch). Notes have no name here.
std::optional<unsigned> diagnosticCodeByName(llvm::StringRef Name);

/// The kebab-case name of kind \p K: IndicatorKindMismatch → indicator-kind-mismatch.
std::string kebabName(diag::Kind K);

/// What the -W options ask for.
class WarningPolicy {
public:
  /// Adds one option without its "-W": NAME (enable), no-NAME (disable), error (every warning
  /// is an error), no-error, error=NAME (promote), no-error=NAME. Later options win. Returns
  /// the message for an unknown name.
  std::optional<std::string> add(llvm::StringRef Option);

  /// Drops the disabled warnings of \p Diags and turns the promoted ones into errors.
  void apply(DiagEngine &Diags) const;

  bool empty() const { return Disabled.empty() && Promoted.empty() && !AllErrors; }

private:
  std::set<unsigned> Disabled, Promoted; ///< by code
  bool AllErrors = false;
};

} // namespace budc

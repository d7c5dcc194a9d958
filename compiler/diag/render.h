//===- render.h - Diagnostics as text for people and JSON for machines ------===//
#pragma once

#include "compiler/diag/diagnostics.h"
#include "compiler/source/source_manager.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace budc {

/// How diagnostics are printed.
struct RenderOptions {
  Lang Language = Lang::En; ///< Language of messages.
  bool Color = false;       ///< Use terminal colours.
  unsigned ErrorLimit = 0;  ///< Stop after this many errors; 0 prints all.
  bool Summary = true;      ///< Print the closing "N errors" line.
  /// Totals for the summary when the diagnostics given are fewer than were reported (the
  /// engine keeps at most DiagEngine::MaxStored); 0 counts the diagnostics given. BUD908, the
  /// refusal to build, is not counted: it is what the errors counted caused.
  unsigned TotalErrors = 0, TotalWarnings = 0;
};

/// The source line under \p Where and a caret line beneath it, each ending in '\n'. Columns
/// are counted in display width, so the caret stands under CJK text too; a tab in the source
/// is copied into the caret line. An empty span gets a lone '^'.
std::string renderSnippet(const SourceManager &SM, Span Where);

/// Prints \p Diags in the compiler style
///   file:line:col: error: message [BUD010]
///   <source line>
///   <caret line>
/// followed by notes and a summary line.
void renderText(llvm::raw_ostream &OS, const SourceManager &SM,
                llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts);

/// Prints \p Diags as one JSON document (see docs/diagnostics.md).
void renderJson(llvm::raw_ostream &OS, const SourceManager &SM,
                llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts);

/// Prints \p Diags as one SARIF 2.1.0 log: the rule catalogue and one result per diagnostic,
/// for code-scanning services.
void renderSarif(llvm::raw_ostream &OS, const SourceManager &SM,
                 llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts);

/// Prints \p Diags as GitHub Actions workflow commands (::error file=…,line=…::…), one per
/// line, which GitHub turns into annotations on the changed lines.
void renderGithub(llvm::raw_ostream &OS, const SourceManager &SM,
                  llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts);

/// Writes one diagnostic as a JSON object (the elements of renderJson's "diagnostics").
void jsonDiagnostic(llvm::json::OStream &J, const SourceManager &SM, const Diagnostic &D,
                    Lang Language);

/// The language named by the environment: LC_ALL, then LC_MESSAGES, then LANG; Chinese when
/// the first one set starts with "zh", English otherwise.
Lang languageFromEnvironment();

} // namespace budc

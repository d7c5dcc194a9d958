//===- pipeline.h - One compilation: load, resolve, check, suppress, tables --===//
//
// Every command that reads a workspace runs the same pipeline, as far as it needs:
//
//   load      find the files (directories walked, includes followed), read and parse them
//   resolve   names, codes, units and amounts into the model        (no syntax errors)
//   check     the rules over the model; then suppressions, then -W   (the model resolved)
//   tables    the disclosure from the budget's template              (no errors so far)
//
// `budc check` stops after check, `budc fmt` and `budc parse` after load, `budc build` and
// `budc diff` go on to the tables. A caller that holds file texts in memory (an editor's
// unsaved buffers; the staged text of a hook) passes them as Overrides: they are read instead
// of the files on disk. The Compilation owns everything the result points into.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/diag/warnings.h"
#include "compiler/model/model.h"
#include "compiler/source/source_manager.h"
#include "compiler/syntax/parser.h"
#include "compiler/tables/tables.h"
#include "compiler/workspace/workspace.h"

#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>

namespace budc {

/// How far a compilation goes.
enum class Stage : uint8_t { Load, Check, Tables };

struct CompileOptions {
  Stage Until = Stage::Check;
  /// Parser limits, the number of threads (Jobs) and phase timers (TimePhases).
  syntax::ParseOptions Parse;
  /// The caps on what is read and the include roots beyond the workspace.
  LoadOptions Load;
  /// Texts by real path to use instead of the files on disk; null for none.
  const llvm::StringMap<std::string> *Overrides = nullptr;
  /// Read the standard library's table templates in full (needed for the tables; `budc
  /// check` needs only their names).
  bool Templates = true;
  /// Build the tables even when the check found errors (budc diff compares what it can).
  bool TablesDespiteErrors = false;
  /// The -W options, applied after suppressions.
  WarningPolicy Warnings;
  /// Free the projects' indicators and schedules from the syntax trees once the model has
  /// them (sema::ResolveOptions::ReleaseBodies): for a command that reads no tree after
  /// resolving (check, build, diff). The language server and `fmt` keep their trees whole.
  bool ReleaseBodies = false;
};

/// The result of one compilation and everything it points into.
struct Compilation {
  SourceManager SM;
  ast::Context Ctx;
  DiagEngine Diags;
  Workspace WS;
  std::optional<model::Budget> Budget;      ///< after resolve
  std::optional<tables::Disclosure> Tables; ///< after tables, when there is a template

  /// A path the command line names could not be read (exit 2).
  bool inputError() const { return WS.InputError; }
};

/// Compiles the workspace named by \p Paths (directories and files) as far as \p O.Until.
std::unique_ptr<Compilation> compile(llvm::ArrayRef<std::string> Paths, const CompileOptions &O);

} // namespace budc

//===- workspace.h - Find, read and parse the files of a workspace ----------===//
//
// A workspace is what `budc check PATH…` is given: each PATH is a directory (every *.bud file
// below it, in sorted order, hidden directories skipped) or a file. Files are followed through
// their 引入/include statements, relative to the including file. Each file is parsed once,
// however often it is named or included; an include cycle is an error.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/source/source_manager.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace budc {

/// The parsed files of a workspace.
struct Workspace {
  std::vector<ast::File *> Files; ///< In load order: paths in order given, includes after.
  /// True when a path given on the command line could not be read (exit code 2).
  bool InputError = false;
};

/// Loads and parses the workspace named by \p Paths. Problems are reported to \p Diags.
/// \p Overrides gives the text of files (by real path) to use instead of what is on disk:
/// staged content checked by a hook.
Workspace loadWorkspace(llvm::ArrayRef<std::string> Paths, SourceManager &SM, ast::Context &Ctx,
                        DiagEngine &Diags, const syntax::ParseOptions &Opts = {},
                        const llvm::StringMap<std::string> *Overrides = nullptr);

/// The workspace a file belongs to: the nearest directory, from the file's own upward, that
/// directly holds a .bud file with the budget header (预算 YEAR / budget YEAR); the file
/// itself when there is none. A directory names itself.
std::string workspaceRoot(llvm::StringRef Path);

} // namespace budc

//===- workspace.h - Find, read and parse the files of a workspace ----------===//
//
// A workspace is what `budc check PATH…` is given: each PATH is a directory (every *.bud file
// below it, in sorted order, hidden files and directories skipped) or a file. Files are
// followed through their 引入/include statements, relative to the including file. Each file
// is parsed once, however often it is named or included; an include cycle is an error.
//
// budc reads only what it is given. The workspace's directories are its roots: each
// directory named, and for a file named, the directory workspaceRoot() finds for it. Every
// file read through a directory walk or an include must lie in a root once symbolic links are
// resolved; anything else is BUD910, and nothing of the outside file is read. Extra roots
// (a shared catalogue folder) are allowed by the user who runs budc: --include-root DIR, or
// the lines of a `.budc-roots` file at a workspace root when --allow-roots-file says so. The
// walk enters each directory once (by device and inode), so links that loop end; only
// regular files are read, within the caps of ReadLimits.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/source/file_reader.h"
#include "compiler/source/source_manager.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"

#include <string>
#include <vector>

namespace budc {

/// What a workspace may read beyond its own directories, and how much.
struct LoadOptions {
  ReadLimits Limits;
  /// Directories outside the workspace that its includes may reach (--include-root).
  std::vector<std::string> IncludeRoots;
  /// Honour the `.budc-roots` file at a workspace root (--allow-roots-file).
  bool RootsFile = false;
  /// The search for a named file's workspace (workspaceRoot) stops here, when given: budc
  /// diff's revisions have nothing above their temporary directory.
  std::string Ceiling;
};

/// The name of the file, at a workspace root, that names extra roots.
constexpr const char *RootsFileName = ".budc-roots";

/// The parsed files of a workspace.
struct Workspace {
  std::vector<ast::File *> Files; ///< In load order: paths in order given, includes after.
  /// True when a path given on the command line could not be read (exit code 2).
  bool InputError = false;
  /// The real paths of the workspace's own roots.
  std::vector<std::string> Roots;
  /// The IDs of the files read from an extra root: budc fmt leaves them alone.
  llvm::DenseSet<unsigned> FromExtraRoot;
  /// The files of last year's workspace, the directory a `上年 YEAR "DIR"` statement names
  /// (relative to its file). It must lie in the workspace or an extra root like an include;
  /// its own 上年 is not followed.
  std::vector<ast::File *> LastYear;
  /// Whether a 上年 statement named a directory that could not be read (reported).
  bool LastYearMissing = false;
};

/// Loads and parses the workspace named by \p Paths. Problems are reported to \p Diags.
/// \p Overrides gives the text of files (by real path) to use instead of what is on disk:
/// staged content checked by a hook, an editor's unsaved buffers. A file not on disk yet (a
/// new buffer) is found by its absolute path when a path given or an include names it; a
/// directory walk does not find it, so it is named among the paths.
Workspace loadWorkspace(llvm::ArrayRef<std::string> Paths, SourceManager &SM, ast::Context &Ctx,
                        DiagEngine &Diags, const syntax::ParseOptions &Opts = {},
                        const llvm::StringMap<std::string> *Overrides = nullptr,
                        const LoadOptions &Load = {});

/// The workspace a file belongs to: the nearest directory, from the file's own upward, that
/// directly holds a .bud file with the budget header (预算 YEAR / budget YEAR); the file
/// itself when there is none. A directory names itself. Only regular files are looked at;
/// the search goes no higher than \p Ceiling when one is given. \p Overrides (texts by real
/// path, as for loadWorkspace) stand for the files on disk, and count where no file is yet.
std::string workspaceRoot(llvm::StringRef Path, llvm::StringRef Ceiling = "",
                          const llvm::StringMap<std::string> *Overrides = nullptr);

/// Whether the real path \p Path is \p Root or lies below it.
bool isWithin(llvm::StringRef Path, llvm::StringRef Root);

} // namespace budc

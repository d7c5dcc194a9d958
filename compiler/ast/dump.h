//===- dump.h - Print a syntax tree for people and tests --------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/source/source_manager.h"

#include "llvm/Support/raw_ostream.h"

namespace budc::ast {

/// Prints \p F as an indented tree, one node per line with its range <line:col-line:col>
/// (columns in characters, end exclusive) and its fields. The format is stable: tests
/// compare it. See docs/language.md, "Inspecting the syntax tree".
void dump(llvm::raw_ostream &OS, const File &F, const SourceManager &SM);

} // namespace budc::ast

//===- dump.h - Print a syntax tree for people and tests --------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/source/source_manager.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace budc::ast {

/// Prints \p F as an indented tree, one node per line with its range <line:col-line:col>
/// (columns in characters, end exclusive) and its fields. The format is stable: tests
/// compare it. See docs/language.md, "Inspecting the syntax tree".
/// \p Parts gives the literal and reference parts of a text (the tree does not keep them;
/// syntax::dump passes syntax::textParts).
using PartsOf = llvm::function_ref<std::vector<TextPart>(const Text &)>;
void dump(llvm::raw_ostream &OS, const File &F, const SourceManager &SM, PartsOf Parts);

} // namespace budc::ast

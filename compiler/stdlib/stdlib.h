//===- stdlib.h - The standard library embedded in budc ---------------------===//
//
// The catalogues, units, fund sources and indicator frameworks are .bud files under stdlib/,
// compiled into the binary. Year-independent files sit at the top of stdlib/; catalogues sit
// in a folder per year (stdlib/2024/). A budget uses the newest year folder not after its own
// year, or the oldest one when its year precedes them all.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/source/embedded.h"

#include <vector>

namespace budc::stdlib {

using budc::EmbeddedFile;

/// Every embedded file, sorted by path.
llvm::ArrayRef<EmbeddedFile> embeddedFiles();

/// The packed syntax trees (compiler/ast/pack.h) of the embedded files that parse cleanly,
/// as "<path>.ast", sorted by path; defined in budc_stdlib_packed.
llvm::ArrayRef<EmbeddedFile> packedFiles();

/// The packed syntax tree of the embedded file \p Path, or empty when it has none.
llvm::StringRef packedTree(llvm::StringRef Path);

/// The files for a budget of \p Year, and the catalogue year chosen (0 when there is none).
struct Selection {
  std::vector<EmbeddedFile> Files;
  unsigned CatalogueYear = 0;
  /// True when no year folder equals \p Year.
  bool Approximate = false;
};
Selection selectFor(unsigned Year);

} // namespace budc::stdlib

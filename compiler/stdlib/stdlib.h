//===- stdlib.h - The standard library embedded in budc ---------------------===//
//
// The catalogues, units, fund sources and indicator frameworks are .bud files under stdlib/,
// compiled into the binary. Year-independent files sit at the top of stdlib/ and in
// templates/; catalogues sit in a folder per year (stdlib/2024/, 2025/, 2026/). A budget uses
// its own year's folder, else the newest one before its year, else the oldest one.
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

/// The years that have a catalogue folder (stdlib/2024/ …), ascending, for `budc help` to
/// list: a budget of one of these years is checked against its own year's catalogues.
std::vector<unsigned> catalogueYears();

/// The files for a budget of \p Year, and the catalogue year chosen (0 when there is none).
struct Selection {
  std::vector<EmbeddedFile> Files;
  unsigned CatalogueYear = 0;
  /// True when no year folder equals \p Year.
  bool Approximate = false;
};
Selection selectFor(unsigned Year);

} // namespace budc::stdlib

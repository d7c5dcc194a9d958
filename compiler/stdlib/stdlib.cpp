//===- stdlib.cpp - The standard library embedded in budc -------------------===//
#include "compiler/stdlib/stdlib.h"

#include <set>

namespace budc::stdlib {

/// The year of a catalogue folder's file ("2024/function.bud"), or 0 for other files.
static unsigned folderYear(llvm::StringRef Path) {
  unsigned Y;
  if (!Path.contains('/') || Path.split('/').first.getAsInteger(10, Y))
    return 0;
  return Y;
}

std::vector<unsigned> catalogueYears() {
  std::set<unsigned> Years;
  for (const EmbeddedFile &F : embeddedFiles())
    if (unsigned Y = folderYear(F.Path))
      Years.insert(Y);
  return {Years.begin(), Years.end()};
}

Selection selectFor(unsigned Year) {
  std::vector<unsigned> Years = catalogueYears();
  Selection S;
  for (unsigned Y : Years)
    if (Y <= Year)
      S.CatalogueYear = Y;
  if (!S.CatalogueYear && !Years.empty())
    S.CatalogueYear = Years.front();
  S.Approximate = S.CatalogueYear != Year;
  // Files in a year's folder belong to that year; all others (templates/…) to every year.
  for (const EmbeddedFile &F : embeddedFiles()) {
    unsigned Y = folderYear(F.Path);
    if (!Y || Y == S.CatalogueYear)
      S.Files.push_back(F);
  }
  return S;
}

llvm::StringRef packedTree(llvm::StringRef Path) {
  for (const EmbeddedFile &F : packedFiles()) {
    llvm::StringRef P(F.Path);
    if (P.consume_back(".ast") && P == Path)
      return F.text();
  }
  return {};
}

} // namespace budc::stdlib

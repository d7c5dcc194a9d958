//===- stdlib.cpp - The standard library embedded in budc -------------------===//
#include "compiler/stdlib/stdlib.h"

#include <set>

namespace budc::stdlib {

Selection selectFor(unsigned Year) {
  std::set<unsigned> Years;
  for (const EmbeddedFile &F : embeddedFiles()) {
    llvm::StringRef Dir = llvm::StringRef(F.Path).split('/').first;
    unsigned Y;
    if (llvm::StringRef(F.Path).contains('/') && !Dir.getAsInteger(10, Y))
      Years.insert(Y);
  }
  Selection S;
  for (unsigned Y : Years)
    if (Y <= Year)
      S.CatalogueYear = Y;
  if (!S.CatalogueYear && !Years.empty())
    S.CatalogueYear = *Years.begin();
  S.Approximate = S.CatalogueYear != Year;
  // Files in a year's folder belong to that year; all others (templates/…) to every year.
  for (const EmbeddedFile &F : embeddedFiles()) {
    llvm::StringRef P(F.Path);
    unsigned Y;
    if (!P.contains('/') || P.split('/').first.getAsInteger(10, Y) || Y == S.CatalogueYear)
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

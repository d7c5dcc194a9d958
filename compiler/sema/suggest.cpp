//===- suggest.cpp - Did-you-mean suggestions -------------------------------===//
#include "compiler/sema/sema.h"

#include "compiler/source/utf8.h"

#include <algorithm>

namespace budc::sema {

std::string closest(llvm::StringRef Word, llvm::ArrayRef<std::string> Candidates) {
  std::u32string W = decodeUtf8(Word).CodePoints;
  size_t Best = SIZE_MAX;
  std::string Choice;
  for (const std::string &C : Candidates) {
    std::u32string X = decodeUtf8(C).CodePoints;
    // Levenshtein distance over code points.
    std::vector<size_t> Row(X.size() + 1);
    for (size_t J = 0; J <= X.size(); ++J)
      Row[J] = J;
    for (size_t I = 1; I <= W.size(); ++I) {
      size_t Diag = Row[0];
      Row[0] = I;
      for (size_t J = 1; J <= X.size(); ++J) {
        size_t Up = Row[J];
        Row[J] = std::min({Row[J] + 1, Row[J - 1] + 1, Diag + (W[I - 1] == X[J - 1] ? 0 : 1)});
        Diag = Up;
      }
    }
    if (Row[X.size()] < Best) {
      Best = Row[X.size()];
      Choice = C;
    }
  }
  size_t Limit = std::max<size_t>(1, W.size() / 3);
  return Best <= Limit && Best > 0 ? Choice : std::string();
}

} // namespace budc::sema

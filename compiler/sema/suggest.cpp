//===- suggest.cpp - Did-you-mean suggestions -------------------------------===//
//
// The closest candidate by edit distance over code points, within a third of the word's
// length (at least one edit). A suggestion must keep something of the word: a one-character
// word is not one edit away from every other one-character candidate ('起' is not a typo of
// '%'), so a candidate that shares no character with the word at its place is never offered;
// of candidates as close, the one that keeps more of the word's characters is offered.
//
// The work is bounded whatever the candidates: candidates whose length rules them out are
// skipped without decoding, the distance is computed in a band of the allowed edits and given
// up as soon as it exceeds them, and each search stops after a fixed number of table cells
// (SuggestCellBudget) with the best candidate found so far. A workspace that declares 20,000
// units and misspells 400 costs 400 bounded searches.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/sema.h"

#include "compiler/source/utf8.h"

#include <algorithm>

namespace budc::sema {
namespace {

/// Code points in UTF-8 text: the bytes that do not continue a sequence.
size_t codePoints(llvm::StringRef S) {
  size_t N = 0;
  for (char C : S)
    N += (static_cast<unsigned char>(C) & 0xC0) != 0x80;
  return N;
}

/// Decodes \p S into \p Out, reusing its storage (an invalid byte is U+FFFD).
void decodeInto(llvm::StringRef S, std::u32string &Out) {
  Out.clear();
  for (size_t Pos = 0; Pos < S.size();) {
    unsigned Len;
    int32_t CP = decodeOne(S, Pos, Len);
    Out.push_back(CP < 0 ? U'\uFFFD' : static_cast<char32_t>(CP));
    Pos += Len;
  }
}

/// How many of \p W's code points \p X holds (each of X's counted once).
size_t shared(const std::u32string &W, std::u32string X) {
  size_t N = 0;
  for (char32_t C : W) {
    size_t At = X.find(C);
    if (At != std::u32string::npos) {
      X[At] = 0;
      ++N;
    }
  }
  return N;
}

} // namespace

std::string closest(llvm::StringRef Word, llvm::ArrayRef<std::string> Candidates,
                    SuggestWork *Work) {
  std::u32string W = decodeUtf8(Word).CodePoints;
  const size_t Limit = std::max<size_t>(1, W.size() / 3);
  size_t Best = Limit + 1;
  std::string Choice;
  size_t ChoiceKept = 0;
  size_t Cells = 0;
  std::u32string X;
  std::vector<size_t> Row, Prev;
  for (const std::string &C : Candidates) {
    if (Cells >= SuggestCellBudget)
      break; // bounded: the best of the candidates seen so far
    size_t Length = codePoints(C);
    size_t Gap = Length > W.size() ? Length - W.size() : W.size() - Length;
    if (Gap > Best || Gap > Limit)
      continue; // it cannot come as close as the best so far
    decodeInto(C, X);
    if (Work)
      ++Work->Candidates;
    // Levenshtein distance in the band |I - J| <= Bound; cells outside it count as Bound + 1.
    const size_t Bound = std::min(Limit, Best), Far = Bound + 1;
    Prev.assign(X.size() + 1, Far);
    for (size_t J = 0; J <= std::min(X.size(), Bound); ++J)
      Prev[J] = J;
    bool Within = true;
    for (size_t I = 1; I <= W.size() && Within; ++I) {
      Row.assign(X.size() + 1, Far);
      if (I <= Bound)
        Row[0] = I;
      size_t From = I > Bound ? I - Bound : 1, To = std::min(X.size(), I + Bound);
      size_t RowMin = Row[0];
      for (size_t J = From; J <= To; ++J) {
        size_t D = std::min({Prev[J] + 1, Row[J - 1] + 1, Prev[J - 1] + (W[I - 1] == X[J - 1] ? 0 : 1)});
        Row[J] = std::min(D, Far);
        RowMin = std::min(RowMin, Row[J]);
      }
      Cells += To >= From ? To - From + 1 : 0;
      Within = RowMin <= Bound;
      std::swap(Row, Prev);
    }
    if (!Within)
      continue;
    size_t Distance = Prev[X.size()];
    if (Distance > Bound)
      continue;
    if (Distance == 0)
      return ""; // the word is a candidate: nothing to suggest
    // Nothing of the word kept: every character replaced (a one-character word and any other
    // one-character candidate).
    bool Related = Distance < std::max(W.size(), X.size());
    if (!Related)
      continue;
    // Of two candidates as close, the one that keeps more of the word's characters: 平米 is
    // one edit from 分米 and from 平方米, and means the latter.
    size_t Kept = shared(W, X);
    if (Distance < Best || (Distance == Best && Kept > ChoiceKept)) {
      Best = Distance;
      Choice = C;
      ChoiceKept = Kept;
    }
  }
  if (Work)
    Work->Cells += Cells;
  return Choice;
}

} // namespace budc::sema

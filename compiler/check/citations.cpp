//===- citations.cpp - Plausibility rules: citations --------------------------===//
#include "compiler/check/rules.h"

#include "llvm/ADT/StringMap.h"

#include <map>

namespace budc::check {

/// One policy document cited with different numbers.
void citationNumbers(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  struct Cite {
    std::string Number;
    Span Where;
    unsigned Uses = 0;
  };
  std::map<std::string, std::vector<Cite>> ByTitle; // title → its spellings, in source order
  std::map<std::string, unsigned> UsesByCitation;
  auto Each = [&](auto Fn) {
    for (const model::Project &P : B.Projects)
      for (const model::Indicator &I : P.Indicators)
        Fn(I);
    for (const model::Indicator &I : B.DepartmentIndicators)
      Fn(I);
  };
  Each([&](const model::Indicator &I) {
    if (I.BasisCitation)
      ++UsesByCitation[I.BasisCitation->Name];
  });
  std::vector<const model::Citation *> Declared;
  for (const auto &E : B.Citations)
    Declared.push_back(&E.second);
  std::sort(Declared.begin(), Declared.end(), [](const auto *A, const auto *C) {
    return std::make_pair(A->Where.File, A->Where.Begin) < std::make_pair(C->Where.File, C->Where.Begin);
  });
  for (const model::Citation *C : Declared)
    if (!C->Title.empty() && !C->Number.empty())
      ByTitle[C->Title].push_back({C->Number, C->Where, UsesByCitation[C->Name]});
  // Bases written out in full count as citations too, at their first use. Each distinct
  // text is parsed once: a budget repeats a handful of bases over hundreds of thousands of
  // indicators.
  llvm::StringMap<std::pair<std::string, std::string>> Parsed; // text → title, number
  Each([&](const model::Indicator &I) {
    if (I.BasisCitation || I.BasisText.empty())
      return;
    auto [It, First] = Parsed.try_emplace(I.BasisText);
    if (First)
      model::parseCitation(I.BasisText, It->second.first, It->second.second);
    const auto &[Title, Number] = It->second;
    if (Title.empty() || Number.empty())
      return;
    if (!First) {
      for (Cite &C : ByTitle[Title])
        if (C.Number == Number)
          ++C.Uses;
      return;
    }
    ByTitle[Title].push_back({Number, I.BasisWhere, 1});
  });
  for (auto &[Title, Cites] : ByTitle) {
    // The number used most is taken as the document's; the others are reported.
    const Cite *Main = &Cites.front();
    for (const Cite &C : Cites)
      if (C.Uses > Main->Uses)
        Main = &C;
    for (const Cite &C : Cites)
      if (C.Number != Main->Number)
        Diags
            .report(C.Where, diag::CitationNumberConflict,
                    {"《" + Title + "》", C.Number, Main->Number})
            .note(Main->Where, diag::NoteCitedHere, {Main->Number});
  }
}

} // namespace budc::check

// Unit tests of the did-you-mean suggester: what it offers, and how much work it does (counted
// in cells of its distance tables, never in time).
#include "compiler/sema/sema.h"
#include "compiler/syntax/parser.h"

#include <doctest/doctest.h>

using namespace budc;

namespace {

/// The names of the standard library's units.
std::vector<std::string> stdlibUnits() {
  SourceManager SM;
  ast::Context Ctx;
  DiagEngine Diags;
  unsigned ID = SM.addBuffer("预算 2024 { 金额单位 万元 }\n", "t.bud");
  ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
  model::Budget B = sema::resolve({F}, SM, Ctx, Diags);
  return B.Units.names().vec();
}

/// \p N distinct names of four letters after a CJK character: 单aaaa, 单baaa …
std::vector<std::string> generated(size_t N, llvm::StringRef Head) {
  std::vector<std::string> Out;
  for (size_t I = 0; I < N; ++I) {
    std::string S = Head.str();
    for (size_t K = 0, V = I; K < 4; ++K, V /= 26)
      S += char('a' + V % 26);
    Out.push_back(S);
  }
  std::sort(Out.begin(), Out.end());
  return Out;
}

} // namespace

TEST_CASE("closest: a suggestion keeps something of the word") {
  std::vector<std::string> Units = stdlibUnits();
  // One character against one character is a replacement of everything: no suggestion.
  CHECK(sema::closest("起", Units) == "");
  CHECK(sema::closest("㎡", {"%", "个"}) == "");
  // One character that a longer unit contains, and ordinary typos, are suggested.
  CHECK(sema::closest("村庄", Units) == "村");
  CHECK(sema::closest("平方来", Units) == "平方米");
  CHECK(sema::closest("㎡", {"%", "㎡x"}) == "㎡x");
  // Of two as close, the one that keeps more of the word.
  CHECK(sema::closest("平米", {"分米", "平方米"}) == "平方米");
  CHECK(sema::closest("平米", {"平方米", "分米"}) == "平方米");
  // A word among the candidates has nothing to suggest.
  CHECK(sema::closest("村", Units) == "");
}

TEST_CASE("closest: the standard library's units are searched whole, far within the budget") {
  std::vector<std::string> Units = stdlibUnits();
  REQUIRE(Units.size() > 200);
  // A typo of each unit (one character added) finds that unit.
  for (const std::string &U : Units) {
    sema::SuggestWork W;
    std::string Guess = sema::closest(U + "x", Units, &W);
    CHECK_MESSAGE(!Guess.empty(), U);
    CHECK(W.Cells < sema::SuggestCellBudget / 4);
  }
}

TEST_CASE("closest: the work of a search is bounded, however many candidates") {
  // issue 14: 20,000 declared units and 400 unknown ones took 25 s, each search computing the
  // distance to every candidate. The work now stops at a fixed budget per search.
  std::vector<std::string> Declared = generated(20000, "单");
  std::vector<std::string> Unknown = generated(400, "双");
  sema::SuggestWork Twenty;
  for (const std::string &U : Unknown)
    sema::closest(U, Declared, &Twenty);
  // No search computes more than its budget plus one candidate's table (4 rows of 3 cells).
  CHECK(Twenty.Cells <= Unknown.size() * (sema::SuggestCellBudget + 5 * 3));

  // Ten times the candidates: the same bound, and not ten times the work.
  std::vector<std::string> More = generated(200000, "单");
  sema::SuggestWork TwoHundred;
  for (const std::string &U : Unknown)
    sema::closest(U, More, &TwoHundred);
  CHECK(TwoHundred.Cells <= Unknown.size() * (sema::SuggestCellBudget + 5 * 3));
  CHECK(TwoHundred.Cells < 2 * Twenty.Cells);
  CHECK(TwoHundred.Candidates < 2 * Twenty.Candidates);

  // A small table is searched whole: its work grows with it below the budget.
  sema::SuggestWork Small;
  std::vector<std::string> Few = generated(200, "单");
  for (const std::string &U : Unknown)
    sema::closest(U, Few, &Small);
  CHECK(Small.Candidates == Unknown.size() * Few.size());
  CHECK(Small.Cells < Twenty.Cells);
}

// Unit tests of the standard library's catalogue years and of the catalogue each year gets.
#include "compiler/sema/sema.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <doctest/doctest.h>

#include <set>

using namespace budc;

namespace {
/// The standard library a budget of \p Year resolves, with what was reported.
struct Resolved {
  SourceManager SM;
  ast::Context Ctx;
  DiagEngine Diags;
  model::Budget B;
  explicit Resolved(unsigned Year) {
    std::string Text = "预算 " + std::to_string(Year) + " { 金额单位 万元 }\n";
    unsigned ID = SM.addBuffer(Text, "t.bud");
    ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
    B = sema::resolve({F}, SM, Ctx, Diags);
  }
  std::vector<unsigned> codes() const {
    std::vector<unsigned> Out;
    for (const Diagnostic &D : Diags.getDiagnostics())
      Out.push_back(getDiagInfo(D.Kind).Code);
    return Out;
  }
};
} // namespace

TEST_CASE("catalogueYears lists the year folders of stdlib/, ascending") {
  std::set<unsigned> Folders; // what the source tree holds
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator I(BUDC_SOURCE_DIR "/stdlib", EC), E; I != E && !EC;
       I.increment(EC)) {
    unsigned Y;
    if (!llvm::StringRef(llvm::sys::path::filename(I->path())).getAsInteger(10, Y))
      Folders.insert(Y);
  }
  std::vector<unsigned> Years = stdlib::catalogueYears();
  CHECK(Years == std::vector<unsigned>(Folders.begin(), Folders.end()));
  // The years the classification data was generated for (scripts/gen_stdlib.py YEARS).
  for (unsigned Y : {2024u, 2025u, 2026u})
    CHECK(std::count(Years.begin(), Years.end(), Y) == 1);
}

TEST_CASE("a budget gets its own year's catalogues, else the nearest, and knows which") {
  for (unsigned Y : stdlib::catalogueYears()) {
    CAPTURE(Y);
    stdlib::Selection S = stdlib::selectFor(Y);
    CHECK(S.CatalogueYear == Y);
    CHECK_FALSE(S.Approximate);
    unsigned Catalogues = 0;
    for (const EmbeddedFile &F : S.Files) {
      llvm::StringRef P(F.Path);
      if (P.startswith(std::to_string(Y) + "/"))
        ++Catalogues;
      unsigned Other;
      CHECK((!P.contains('/') || P.startswith("templates/") ||
             P.split('/').first.getAsInteger(10, Other) || Other == Y));
    }
    CHECK(Catalogues == 2); // function.bud and economic.bud
    Resolved R(Y);
    CHECK(R.B.Functions.Year == Y);
    CHECK(R.B.Economics.Year == Y);
    CHECK(R.codes().empty()); // the standard library itself reports nothing
  }
  std::vector<unsigned> Years = stdlib::catalogueYears();
  stdlib::Selection After = stdlib::selectFor(Years.back() + 1);
  CHECK(After.CatalogueYear == Years.back());
  CHECK(After.Approximate);
  stdlib::Selection Before = stdlib::selectFor(Years.front() - 1);
  CHECK(Before.CatalogueYear == Years.front());
  CHECK(Before.Approximate);
  CHECK(Resolved(Years.back() + 1).codes() == std::vector<unsigned>{805});
}

TEST_CASE("30203 咨询费 is retired in the 2026 catalogue only") {
  // 7 of the 12 documents of 2019–2022 that print 302 list 30203; none of the 135 of 2026.
  for (unsigned Y : {2024u, 2025u, 2026u}) {
    CAPTURE(Y);
    Resolved R(Y);
    const model::CatalogueEntry *E = R.B.Economics.find("30203");
    REQUIRE(E);
    CHECK(E->Name == "咨询费");
    CHECK(E->isRetiredIn(Y) == (Y == 2026));
  }
}

// Unit tests of compiler/diag: message substitution, both languages, caret drawing.
#include "compiler/diag/render.h"

#include <doctest/doctest.h>

#include <set>

using namespace budc;

TEST_CASE("substitute fills numbered arguments and keeps other braces") {
  CHECK(substitute("a {0} b {1}", {"x", "y"}) == "a x b y");
  CHECK(substitute("{1}{0}", {"x", "y"}) == "yx");
  CHECK(substitute("{{}} {2} {x}", {"x"}) == "{{}} {2} {x}");
}

TEST_CASE("codes are printed with three digits") {
  CHECK(formatCode(1) == "BUD001");
  CHECK(formatCode(905) == "BUD905");
}

TEST_CASE("every kind has both languages and codes are unique") {
  std::set<unsigned> Codes;
  for (unsigned K = 0; K < diag::NumKinds; ++K) {
    const DiagInfo &I = getDiagInfo(static_cast<diag::Kind>(K));
    CHECK(std::string(I.English).size() > 0);
    CHECK(std::string(I.Chinese).size() > 0);
    if (I.Code)
      CHECK(Codes.insert(I.Code).second);
  }
}

TEST_CASE("a diagnostic renders in the chosen language with Chinese arguments") {
  DiagEngine D;
  D.report({}, diag::MissingSeparator, {"name 'x'"}).zh({"名称“x”"});
  REQUIRE(D.getDiagnostics().size() == 1);
  const Diagnostic &Diag = D.getDiagnostics()[0];
  CHECK(Diag.message(Lang::En) ==
        "expected a line break or ';' before name 'x': write one statement per line");
  CHECK(Diag.message(Lang::Zh) == "名称“x”之前应换行或写“;”：每行只写一条语句");
  CHECK(D.getErrorCount() == 1);
}

TEST_CASE("the caret lines up under CJK text and copies tabs") {
  SourceManager SM;
  unsigned F = SM.addBuffer("指标 成本 <= 22.2万元 xx\n\t金额 x\n", "t.bud");
  // "xx" (bytes 28-29) starts after 指标(4) + 1 + 成本(4) + " <= 22.2" (8) + 万元(4) + 1 =
  // 22 display columns, although it is character column 17 and byte column 29.
  std::string S = renderSnippet(SM, {F, 28, 30});
  CHECK(S == "指标 成本 <= 22.2万元 xx\n" + std::string(22, ' ') + "^~\n");
  // A wide character under the caret is underlined over both its columns.
  CHECK(renderSnippet(SM, {F, 0, 6}) == "指标 成本 <= 22.2万元 xx\n^~~~\n");
  // Line 2 starts with a tab, which the caret line repeats.
  CHECK(renderSnippet(SM, {F, 32, 38}) == "\t金额 x\n\t^~~~\n");
  // An empty span at the end of a line still gets a caret.
  CHECK(renderSnippet(SM, {F, 30, 30}) == "指标 成本 <= 22.2万元 xx\n" + std::string(24, ' ') + "^\n");
}

TEST_CASE("text rendering prints location, severity, message, code and summary") {
  SourceManager SM;
  unsigned F = SM.addBuffer("项目 x\n", "p.bud");
  DiagEngine D;
  D.report({F, 7, 8}, diag::UnmatchedBrace);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  RenderOptions Opts;
  renderText(OS, SM, D.sorted(), Opts);
  CHECK(OS.str() == "p.bud:1:4: error: '}' does not close any block [BUD015]\n项目 x\n     ^\n"
                    "1 error and 0 warnings generated\n");
}

// Unit tests of compiler/syntax/text: string decoding, text blocks, figure references.
#include "compiler/syntax/text.h"

#include <doctest/doctest.h>

using namespace budc;
using namespace budc::syntax;

TEST_CASE("decodeString handles the four escapes") {
  std::vector<TextProblem> P;
  CHECK(decodeString(R"("a\"b\\c\nd\te")", true, P) == "a\"b\\c\nd\te");
  CHECK(P.empty());
}

TEST_CASE("decodeString reports an unknown escape with its whole character") {
  std::vector<TextProblem> P;
  CHECK(decodeString("\"x\\万y\"", true, P) == "x\\万y");
  REQUIRE(P.size() == 1);
  CHECK(P[0].Kind == diag::InvalidEscape);
  CHECK(P[0].Offset == 2); // the backslash, counted in the token
  CHECK(P[0].Length == 4); // backslash + 3 bytes of 万
  CHECK(P[0].Args[0] == "万");
}

TEST_CASE("decodeString of an unterminated string keeps the last character") {
  std::vector<TextProblem> P;
  CHECK(decodeString("\"abc", false, P) == "abc");
}

TEST_CASE("decodeTextBlock drops the framing line breaks and common indentation") {
  CHECK(decodeTextBlock("\"\"\"\n    one\n      two\n    \"\"\"") == "one\n  two");
  CHECK(decodeTextBlock("\"\"\"inline\"\"\"") == "inline");
  CHECK(decodeTextBlock("\"\"\"\r\na\r\n\r\nb\r\n\"\"\"") == "a\n\nb");
  CHECK(decodeTextBlock("\"\"\"\"\"\"") == "");
}

TEST_CASE("findReferences finds {…}, skips doubled braces, reports bad ones") {
  std::vector<TextProblem> P;
  auto R = findReferences(R"("共{ 机关运行经费 }万元，{{字面}}，{经济 30201}")", P);
  REQUIRE(R.size() == 2);
  CHECK(R[0].Content == "机关运行经费");
  CHECK(R[1].Content == "经济 30201");
  CHECK(P.empty());

  std::vector<TextProblem> Q;
  findReferences(R"("a {} b {c")", Q);
  REQUIRE(Q.size() == 2);
  CHECK(Q[0].Kind == diag::EmptyReference);
  CHECK(Q[1].Kind == diag::UnclosedReference);
}

TEST_CASE("splitParts alternates literal text and references") {
  std::vector<TextProblem> P;
  llvm::StringRef Token = R"("共{机关运行经费}万元{{x}}")";
  auto Refs = findReferences(Token, P);
  std::vector<std::string> Store;
  auto Parts = splitParts("共{机关运行经费}万元{{x}}", Refs, {1, 100, 100 + (uint32_t)Token.size()},
                          [&](llvm::StringRef S) {
                            Store.push_back(S.str());
                            return llvm::StringRef(Store.back());
                          });
  REQUIRE(Parts.size() == 3);
  CHECK_FALSE(Parts[0].IsReference);
  CHECK(Parts[1].IsReference);
  CHECK(Parts[1].Value == "机关运行经费");
  CHECK(Parts[1].Range.Begin == 100 + 4); // after the quote and 共
  CHECK(Parts[2].Value == "万元{x}");
}

#include "compiler/source/source_manager.h"

namespace {
/// The source text \p Span covers in \p SM.
std::string covered(const SourceManager &SM, Span S) {
  return SM.getText(S.File).slice(S.Begin, S.End).str();
}
} // namespace

TEST_CASE("mappedParts keeps where each literal byte and each reference is in the file") {
  SourceManager SM;
  std::string Src = "说明 x \"\"\"\n    共{机关运行经费 万元}万元，\n      其中{{字面}}水费\n    \"\"\"\n";
  unsigned ID = SM.addBuffer(Src, "t.bud");
  ast::Text T;
  size_t Open = Src.find("\"\"\"");
  T.Range = {ID, static_cast<uint32_t>(Open), static_cast<uint32_t>(Src.size() - 1)};
  T.Style = ast::Text::Block;
  std::string Value = decodeTextBlock(llvm::StringRef(Src).slice(Open, Src.size() - 1));
  T.Value = Value;
  CHECK(Value == "共{机关运行经费 万元}万元，\n  其中{{字面}}水费");
  auto Parts = mappedParts(T, SM);
  REQUIRE(Parts.size() == 3);
  CHECK(Parts[0].Text == "共");
  CHECK(covered(SM, Parts[0].Range) == "共");
  CHECK(Parts[1].IsReference);
  CHECK(Parts[1].Text == "机关运行经费 万元");
  CHECK(covered(SM, Parts[1].Range) == "{机关运行经费 万元}");
  CHECK(Parts[2].Text == "万元，\n  其中{字面}水费");
  // 水费 in the text is 水费 in the file, past the removed indentation and the doubled brace.
  size_t At = Parts[2].Text.find("水费");
  Span S = sourceSpan(Parts[2], ID, At, At + 6);
  CHECK(covered(SM, S) == "水费");
  size_t Zi = Parts[2].Text.find("其中");
  CHECK(covered(SM, sourceSpan(Parts[2], ID, Zi, Zi + 6)) == "其中");
}

TEST_CASE("mappedParts maps an escape to its two source bytes") {
  SourceManager SM;
  std::string Src = "\"a\\\"b{x}\\n万\"";
  unsigned ID = SM.addBuffer(Src, "t.bud");
  ast::Text T;
  T.Range = {ID, 0, static_cast<uint32_t>(Src.size())};
  T.Style = ast::Text::Quoted;
  std::vector<TextProblem> P;
  std::string Value = decodeString(Src, true, P);
  T.Value = Value;
  auto Parts = mappedParts(T, SM);
  REQUIRE(Parts.size() == 3);
  CHECK(Parts[0].Text == "a\"b");
  CHECK(covered(SM, sourceSpan(Parts[0], ID, 1, 2)) == "\\\"");
  CHECK(covered(SM, Parts[1].Range) == "{x}");
  CHECK(Parts[2].Text == "\n万");
  CHECK(covered(SM, sourceSpan(Parts[2], ID, 1, 4)) == "万");
}

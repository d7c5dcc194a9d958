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

// Unit tests of compiler/source: UTF-8 decoding, lines and columns, display width.
#include "compiler/source/source_manager.h"
#include "compiler/source/utf8.h"

#include <doctest/doctest.h>

using namespace budc;

TEST_CASE("decodeUtf8 maps every code point to its byte offset") {
  DecodedText D = decodeUtf8("a万b");
  REQUIRE(D.CodePoints.size() == 3);
  CHECK(D.CodePoints[1] == U'万');
  CHECK(D.ByteOffsets == std::vector<uint32_t>{0, 1, 4, 5});
  CHECK(D.InvalidOffsets.empty());
}

TEST_CASE("decodeUtf8 replaces each invalid byte by U+FFFD and records it") {
  // 0xFF is never valid; "\xE4\xB8" is a truncated 3-byte sequence; 0xC0 0x80 is overlong.
  DecodedText D = decodeUtf8(llvm::StringRef("x\xFFy\xC0\x80\xE4\xB8", 7));
  CHECK(D.CodePoints == std::u32string{U'x', 0xFFFD, U'y', 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD});
  CHECK(D.InvalidOffsets == std::vector<uint32_t>{1, 3, 4, 5, 6});
  CHECK(D.ByteOffsets.back() == 7);
}

TEST_CASE("decodeUtf8's three-byte path: overlong forms rejected, a sequence at the very end kept") {
  DecodedText O = decodeUtf8("\xE0\x80\x80"); // U+0000 in three bytes
  CHECK(O.CodePoints == std::u32string{0xFFFD, 0xFFFD, 0xFFFD});
  DecodedText E = decodeUtf8("ab\xE4\xB8\x87"); // ab万, the 万 ending the buffer
  CHECK(E.CodePoints == std::u32string{U'a', U'b', U'万'});
  CHECK(E.ByteOffsets == std::vector<uint32_t>{0, 1, 2, 5});
  CHECK(E.InvalidOffsets.empty());
}

TEST_CASE("decodeUtf8 rejects surrogates and accepts supplementary planes") {
  DecodedText S = decodeUtf8("\xED\xA0\x80");      // U+D800
  CHECK(S.InvalidOffsets.size() == 3);
  DecodedText E = decodeUtf8("\xF0\xA0\x80\x80");  // U+20000, CJK extension B
  REQUIRE(E.CodePoints.size() == 1);
  CHECK(E.CodePoints[0] == 0x20000);
}

TEST_CASE("display width counts CJK as two columns") {
  CHECK(displayWidth(U'a') == 1);
  CHECK(displayWidth(U'万') == 2);
  CHECK(displayWidth(U'（') == 2);
  CHECK(displayWidth(U'≥') == 1);
  CHECK(displayWidth(U'\t') == 0);
}

TEST_CASE("SourceManager counts lines at LF, CRLF and lone CR, columns in characters") {
  SourceManager SM;
  unsigned F = SM.addBuffer("ab\r\n万元x\ry\nz", "t.bud");
  CHECK(SM.getLineCount(F) == 4);
  CHECK(SM.getLineText(F, 1) == "ab");
  CHECK(SM.getLineText(F, 2) == "万元x");
  CHECK(SM.getLineText(F, 3) == "y");
  CHECK(SM.getLineText(F, 4) == "z");
  LineCol LC = SM.getLineCol(F, 4 + 6); // the 'x' after 万元
  CHECK(LC.Line == 2);
  CHECK(LC.Column == 3);
  CHECK(SM.getLineCol(F, 0).Column == 1);
  CHECK(SM.getPath(F) == "t.bud");
}

TEST_CASE("an empty buffer has one empty line") {
  SourceManager SM;
  unsigned F = SM.addBuffer("", "e.bud");
  CHECK(SM.getLineCount(F) == 1);
  CHECK(SM.getLineText(F, 1).empty());
  CHECK(SM.getLineCol(F, 0).Line == 1);
}

// Unit tests of what budc writes for other programs: CSV fields a spreadsheet does not run,
// Markdown that renders as text, sheet names a workbook can hold, names a terminal shows as
// they are.
#include "compiler/diag/render.h"
#include "compiler/emit/emit.h"
#include "compiler/emit/escape.h"
#include "compiler/source/utf8.h"

#include <doctest/doctest.h>

using namespace budc;

TEST_CASE("CSV: a field a spreadsheet would run as a formula is text; numbers stay numbers") {
  CHECK(emit::csvField("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(emit::csvField("=100%") == "'=100%");
  CHECK(emit::csvField("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0");
  CHECK(emit::csvField("-2+3") == "'-2+3");
  CHECK(emit::csvField("@SUM(A1)") == "'@SUM(A1)");
  CHECK(emit::csvField("\tX") == "'\tX");
  CHECK(emit::csvField("\rX") == "\"'\rX\"");
  // Numbers as budc prints them are left alone, and so is ordinary text.
  for (const char *N : {"12.50", "-3", "-0.01", "+5", "95%", "-12.5%", "0"})
    CHECK(emit::csvField(N) == N);
  CHECK(emit::csvField("合计") == "合计");
  CHECK(emit::csvField("a,b") == "\"a,b\"");
  CHECK(emit::csvField("") == "");
  CHECK_FALSE(emit::isPlainNumber("-"));
  CHECK_FALSE(emit::isPlainNumber("1."));
  CHECK_FALSE(emit::isPlainNumber("1e5"));
}

TEST_CASE("Markdown: HTML and link syntax are shown, not rendered") {
  CHECK(emit::markdownText("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;");
  CHECK(emit::markdownText("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))");
  CHECK(emit::markdownText("![](http://t/p.png)") == "!\\[\\](http://t/p.png)");
  CHECK(emit::markdownText("a|b\nc\r") == "a\\|b<br>c");
  CHECK(emit::markdownText("A & B `x` *y* _z_ ~~s~~ #1") ==
        "A &amp; B \\`x\\` \\*y\\* \\_z\\_ \\~\\~s\\~\\~ \\#1");
  CHECK(emit::markdownText("测\x07试\u202e") == "测试");
  CHECK(emit::markdownText("部门预算收支总表") == "部门预算收支总表");
}

TEST_CASE("sheet names hold no control, bidirectional or forbidden character") {
  tables::Table T;
  T.Number = 12;
  T.Title = "测\x07试\u202e[a]:b*c?d/e\\f项目绩效目标表'";
  std::string Name = emit::sheetName(T);
  CHECK(Name.rfind("12 测_试_【a】_b_c_d_e_f", 0) == 0);
  for (unsigned char C : Name)
    CHECK(C >= 0x20);
  CHECK(Name.find("\u202e") == std::string::npos);
  T.Title = std::string(40, 'x') + "'";
  Name = emit::sheetName(T);
  CHECK(Name.size() == 31);
  T.Title = "名'";
  CHECK(emit::sheetName(T) == "12 名_");
}

TEST_CASE("control characters in names are spelled out for a terminal") {
  CHECK(escapeControls("a\x1b[31mb") == "a\\x1B[31mb");
  CHECK(escapeControls("x\ty\nz\r") == "x\\ty\\nz\\r");
  CHECK(escapeControls("\u202e名\u2066") == "\\u{202E}名\\u{2066}");
  CHECK(escapeControls("\xff") == "\\xFF");
  CHECK(escapeControls("预算.bud") == "预算.bud");
  CHECK(replaceControls("a\x07" "b\u200fc", "_") == "a_b_c");
  // The renderer prints a file name so.
  SourceManager SM;
  unsigned ID = SM.addBuffer("x", "ws/\x1b]0;pwned\x07.bud");
  DiagEngine D;
  D.report({ID, 0, 1}, diag::InvalidCharacter, {"'x'"});
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  renderText(OS, SM, D.getDiagnostics(), {});
  OS.flush();
  CHECK(Out.find("ws/\\x1B]0;pwned\\x07.bud:1:1: error:") == 0);
  CHECK(Out.find('\x1b') == std::string::npos);
}

//===- lexer_test.cpp - budc's own lexer ------------------------------------===//
#include "compiler/syntax/lexer.h"

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

using namespace budc;
using namespace budc::syntax;

namespace {

std::vector<std::pair<tok::Kind, std::string>> lexed(llvm::StringRef Text, bool Spaces = false) {
  LexOptions Opts;
  Opts.KeepSpaces = Spaces;
  std::vector<std::pair<tok::Kind, std::string>> Out;
  for (const Token &T : lex(Text, Opts))
    Out.emplace_back(T.Kind, Text.slice(T.Begin, T.End).str());
  return Out;
}

} // namespace

TEST_CASE("a keyword is a whole word, in English or Chinese") {
  CHECK(lexed("预算 budget 预算数 budgets 上年结转 上年结转数 资金来源表") ==
        std::vector<std::pair<tok::Kind, std::string>>{{tok::KwBudget, "预算"},
                                                        {tok::KwBudget, "budget"},
                                                        {tok::Name, "预算数"},
                                                        {tok::Name, "budgets"},
                                                        {tok::KwCarryover, "上年结转"},
                                                        {tok::Name, "上年结转数"},
                                                        {tok::KwFunds, "资金来源表"}});
  CHECK(keywordFor("表样") == tok::KwTemplate);
  CHECK(keywordFor("表样样") == tok::Name);
  CHECK(isNounKeyword(tok::KwFunction));
  CHECK_FALSE(isNounKeyword(tok::KwDeclare));
  CHECK(spelling(tok::KwGlossary) == "名词解释");
  CHECK(englishSpelling(tok::KwGlossary) == "glossary");
  CHECK(grammarName(tok::Quantity) == "QUANTITY");
}

TEST_CASE("numbers, quantities, codes and dates: the longest match, the grammar's order among equals") {
  using V = std::vector<std::pair<tok::Kind, std::string>>;
  CHECK(lexed("16村 22.2万元 21332元/人.年 ≥60㎡ 36℃ 3‰") ==
        V{{tok::Quantity, "16村"}, {tok::Quantity, "22.2万元"}, {tok::Quantity, "21332元/人.年"},
          {tok::Ge, "≥"}, {tok::Quantity, "60㎡"}, {tok::Quantity, "36℃"}, {tok::Quantity, "3‰"}});
  // A unit's joining mark needs more of the unit after it: 1% and then a comment.
  CHECK(lexed("1%//注释") == V{{tok::Quantity, "1%"}, {tok::Comment, "//注释"}});
  CHECK(lexed("5万元/ 2.") == V{{tok::Quantity, "5万元"}, {tok::Slash, "/"}, {tok::Number, "2"},
                                {tok::ErrorChar, "."}});
  // QUANTITY and CODE of the same length: QUANTITY comes first in the grammar.
  CHECK(lexed("3AB 3A1 13030224P00308P121121") ==
        V{{tok::Quantity, "3AB"}, {tok::Code, "3A1"}, {tok::Code, "13030224P00308P121121"}});
  CHECK(lexed("2024-06-30 2024-06-301 12024-06-30 2024-6-30") ==
        V{{tok::Date, "2024-06-30"}, {tok::Date, "2024-06-30"}, {tok::Number, "1"},
          {tok::Number, "12024"}, {tok::Minus, "-"}, {tok::Number, "06"}, {tok::Minus, "-"},
          {tok::Number, "30"}, {tok::Number, "2024"}, {tok::Minus, "-"}, {tok::Number, "6"},
          {tok::Minus, "-"}, {tok::Number, "30"}});
}

TEST_CASE("strings, text blocks and their unclosed forms") {
  using V = std::vector<std::pair<tok::Kind, std::string>>;
  CHECK(lexed("\"a\\\"b\" \"\" \"open\n") ==
        V{{tok::String, "\"a\\\"b\""}, {tok::String, "\"\""}, {tok::BadString, "\"open"},
          {tok::Newline, "\n"}});
  CHECK(lexed("\"\"\"x\n\"y\"\"\"\"z") == V{{tok::TextBlock, "\"\"\"x\n\"y\"\"\""}, {tok::BadString, "\"z"}});
  CHECK(lexed("\"\"\"never closed\n\"\"") == V{{tok::BadTextBlock, "\"\"\"never closed\n\"\""}});
  // An escape takes any one character, a line break too; a backslash at the end is left out.
  CHECK(lexed("\"a\\\nb\"") == V{{tok::String, "\"a\\\nb\""}});
  CHECK(lexed("\"a\\") == V{{tok::BadString, "\"a"}, {tok::ErrorChar, "\\"}});
}

TEST_CASE("names, brackets, spaces and what is not a token") {
  using V = std::vector<std::pair<tok::Kind, std::string>>;
  CHECK(lexed("金额（万元） 【注】、“两委”·甲 面积㎡ ）") ==
        V{{tok::Name, "金额（万元）"}, {tok::Name, "【注】、“两委”·甲"}, {tok::Name, "面积㎡"},
          {tok::FullWidth, "）"}});
  CHECK(lexed("a\u3000b\xEF\xBB\xBF\tc", true) ==
        V{{tok::Name, "a"}, {tok::Space, "\u3000"}, {tok::Name, "b"}, {tok::Space, "\xEF\xBB\xBF\t"},
          {tok::Name, "c"}});
  CHECK(lexed(">= <= != ! ＝ １") == V{{tok::Ge, ">="}, {tok::Le, "<="}, {tok::Ne, "!="},
                                       {tok::ErrorChar, "!"}, {tok::FullWidth, "＝"},
                                       {tok::FullWidth, "１"}});
  CHECK(lexed("a\r\nb\rc") == V{{tok::Name, "a"}, {tok::Newline, "\r\n"}, {tok::Name, "b"},
                                {tok::Newline, "\r"}, {tok::Name, "c"}});
}

TEST_CASE("bytes that are not UTF-8 are one invalid character each, marked as such") {
  std::vector<Token> T = lex("a\xFF\xC3 \xE4\xB8\xAD");
  REQUIRE(T.size() == 4);
  CHECK(T[1].Kind == tok::ErrorChar);
  CHECK(T[1].InvalidUtf8);
  CHECK(T[2].Kind == tok::ErrorChar);
  CHECK(T[2].InvalidUtf8);
  CHECK(T[3].Kind == tok::Name); // 中
  std::vector<Token> Control = lex("\x01");
  REQUIRE(Control.size() == 1);
  CHECK(Control[0].Kind == tok::ErrorChar);
  CHECK_FALSE(Control[0].InvalidUtf8);
}

TEST_CASE("every byte is in a token or a space run") {
  llvm::StringRef Text = "预算 2024 {\n  金额单位 万元 // c\n}\n\"open \xFF\n";
  LexOptions Opts;
  Opts.KeepSpaces = true;
  uint32_t At = 0;
  for (const Token &T : lex(Text, Opts)) {
    CHECK(T.Begin == At);
    At = T.End;
  }
  CHECK(At == Text.size());
}

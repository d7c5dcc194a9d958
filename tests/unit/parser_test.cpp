// Unit tests of the syntax stage: the adapter from the parse tree to the AST.
#include "compiler/ast/dump.h"
#include "compiler/syntax/parser.h"
#include "compiler/syntax/text.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <doctest/doctest.h>

using namespace budc;

namespace {
/// Parses \p Text as one file and keeps everything alive for the checks.
struct Parsed {
  SourceManager SM;
  ast::Context Ctx;
  DiagEngine Diags;
  ast::File *F = nullptr;
  unsigned ID = 0;

  explicit Parsed(llvm::StringRef Text) {
    ID = SM.addBuffer(Text, "t.bud");
    F = syntax::parseFile(SM, ID, Ctx, Diags);
  }
  /// The source text a span covers.
  llvm::StringRef at(Span S) const { return SM.getText(ID).slice(S.Begin, S.End); }
  std::string dump() const {
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    syntax::dump(OS, *F, SM);
    return OS.str();
  }
};
} // namespace

TEST_CASE("a budget header becomes a Budget node with attributes and spans") {
  Parsed P("预算 2024 {\n  金额单位 万元\n  地区 130302 \"河北省秦皇岛市海港区\"\n}\n");
  CHECK_FALSE(P.Diags.hasErrors());
  REQUIRE(P.F->Items.size() == 1);
  auto *B = llvm::dyn_cast<ast::Budget>(P.F->Items[0]);
  REQUIRE(B);
  CHECK(B->Year.Value == "2024");
  CHECK(P.at(B->Range).startswith("预算 2024 {"));
  CHECK(P.at(B->Range).endswith("}"));
  REQUIRE(B->Attrs.size() == 2);
  CHECK(B->Attrs[0]->Key.Value == "金额单位");
  REQUIRE(B->Attrs[0]->Values.size() == 1);
  CHECK(B->Attrs[0]->Values[0].K == ast::Value::Name);
  CHECK(B->Attrs[0]->Values[0].Word.Value == "万元");
  REQUIRE(B->Attrs[1]->Values.size() == 2);
  CHECK(B->Attrs[1]->Values[0].K == ast::Value::Number);
  CHECK(B->Attrs[1]->Values[0].Num.Number == "130302");
  CHECK(B->Attrs[1]->Values[1].Word.Style == ast::Text::Quoted);
  CHECK(B->Attrs[1]->Values[1].Word.Value == "河北省秦皇岛市海港区");
  CHECK(P.at(B->Attrs[1]->Values[1].Word.Range) == "\"河北省秦皇岛市海港区\"");
}

TEST_CASE("English keyword aliases build the same tree as Chinese keywords") {
  Parsed Zh("收入 {\n  一般公共预算拨款 1754.54\n  上年结转 政府性基金预算拨款 1617.50\n}\n");
  Parsed En("income {\n  一般公共预算拨款 1754.54\n  carryover 政府性基金预算拨款 1617.50\n}\n");
  CHECK_FALSE(Zh.Diags.hasErrors());
  CHECK_FALSE(En.Diags.hasErrors());
  auto Strip = [](std::string S) { return S.substr(S.find('\n')); };
  // Same nodes and fields; only the ranges of lines with the keyword differ in width.
  auto *I = llvm::cast<ast::Income>(En.F->Items[0]);
  REQUIRE(I->Lines.size() == 2);
  CHECK_FALSE(I->Lines[0]->CarryOver);
  CHECK(I->Lines[1]->CarryOver);
  CHECK(En.at(I->Lines[1]->CarryOverRange) == "carryover");
  CHECK(I->Lines[1]->Fund.Value == "政府性基金预算拨款");
  CHECK(I->Lines[1]->Amount.Number == "1617.50");
  CHECK(Strip(Zh.dump()).find("fund=上年结转:政府性基金预算拨款 amount=1617.50") != std::string::npos);
}

TEST_CASE("quantities split into comparator, number and unit with exact spans") {
  Parsed P("项目 13030224P00308P121121 \"村党组织活动经费\" {\n"
           "  指标 产出/成本 费用支出控制数 ≤ 22.2万元 描述 \"按标准\" 依据 冀组发14\n"
           "  指标 产出/成本 标准 ≤21332元/人.年\n"
           "  指标 效益/社会效益 提升 \"比上年有所提高\" 依据 \"调查结果\"\n"
           "}\n");
  CHECK_FALSE(P.Diags.hasErrors());
  auto *Proj = llvm::cast<ast::Project>(P.F->Items[0]);
  CHECK(Proj->Id.Value == "13030224P00308P121121");
  CHECK(Proj->Name.Value == "村党组织活动经费");
  REQUIRE(Proj->Items.size() == 3);
  auto *I = llvm::cast<ast::Indicator>(Proj->Items[0]);
  REQUIRE(I->Path.size() == 2);
  CHECK(I->Path[0].Value == "产出");
  CHECK(I->Path[1].Value == "成本");
  CHECK(I->Name.Value == "费用支出控制数");
  REQUIRE(I->HasValue);
  CHECK(I->Val.K == ast::Value::Number);
  CHECK(I->Val.Num.Cmp == ast::Comparator::Le);
  CHECK(I->Val.Num.Number == "22.2");
  CHECK(I->Val.Num.Unit == "万元");
  CHECK(P.at(I->Val.Num.Range) == "≤ 22.2万元");
  CHECK(P.at(I->Val.Num.numberRange()) == "22.2");
  CHECK(P.at(I->Val.Num.unitRange()) == "万元");
  CHECK(I->Description.Value == "按标准");
  CHECK(I->Basis.Style == ast::Text::Bare);
  CHECK(I->Basis.Value == "冀组发14");
  auto *Rate = llvm::cast<ast::Indicator>(Proj->Items[1]);
  CHECK(Rate->Val.Num.Unit == "元/人.年");
  auto *Q = llvm::cast<ast::Indicator>(Proj->Items[2]);
  CHECK(Q->Val.K == ast::Value::String);
  CHECK(Q->Val.Word.Value == "比上年有所提高");
  CHECK(Q->Basis.Style == ast::Text::Quoted);
}

TEST_CASE("a schedule keeps month and share pairs") {
  Parsed P("项目 \"x\" {\n  支出计划 3月 25%  6月 50%  10月 75%  12月 100%\n}\n");
  CHECK_FALSE(P.Diags.hasErrors());
  auto *S = llvm::cast<ast::Schedule>(llvm::cast<ast::Project>(P.F->Items[0])->Items[0]);
  REQUIRE(S->Points.size() == 4);
  CHECK(S->Points[2].Month.Number == "10");
  CHECK(S->Points[2].Month.Unit == "月");
  CHECK(S->Points[3].Share.Number == "100");
  CHECK(S->Points[3].Share.Unit == "%");
}

TEST_CASE("declared figures nest and keep their keys") {
  Parsed P("声明 三公经费 3.01 {\n  公务用车购置及运维费 2.25 {\n    公务用车运行维护费 2.25\n  }\n"
           "  公务接待费 0.76\n}\n声明 经济/30201 18.75\n");
  CHECK_FALSE(P.Diags.hasErrors());
  auto *D = llvm::cast<ast::Declare>(P.F->Items[0]);
  CHECK(D->Key[0].Value == "三公经费");
  CHECK(D->Amount.Number == "3.01");
  REQUIRE(D->Children.size() == 2);
  CHECK(D->Children[0]->Children.size() == 1);
  CHECK(D->Children[1]->Amount.Number == "0.76");
  auto *E = llvm::cast<ast::Declare>(P.F->Items[1]);
  REQUIRE(E->Key.size() == 2);
  CHECK(E->Key[1].Value == "30201");
}

TEST_CASE("text blocks are dedented and references found with their spans") {
  Parsed P("说明 机关运行经费 \"\"\"\n  安排{机关运行经费}万元。\n  其中办公费{经济 30201}万元\n\"\"\"\n");
  CHECK_FALSE(P.Diags.hasErrors());
  auto *S = llvm::cast<ast::Section>(P.F->Items[0]);
  CHECK(S->Title.Value == "机关运行经费");
  CHECK(S->Body.Style == ast::Text::Block);
  CHECK(S->Body.Value == "安排{机关运行经费}万元。\n其中办公费{经济 30201}万元");
  llvm::BumpPtrAllocator Arena;
  llvm::StringSaver Saver(Arena);
  auto Parts = syntax::textParts(S->Body, P.SM, [&](llvm::StringRef X) { return Saver.save(X); });
  REQUIRE(Parts.size() == 5);
  CHECK_FALSE(Parts[0].IsReference);
  CHECK(Parts[0].Value == "安排");
  CHECK(Parts[1].IsReference);
  CHECK(P.at(Parts[1].Range) == "{机关运行经费}");
  CHECK(Parts[2].Value == "万元。\n其中办公费");
  CHECK(P.at(Parts[3].Range) == "{经济 30201}");
  CHECK(Parts[3].Value == "经济 30201");
  // A text without references has no parts; neither has a bare word.
  CHECK(syntax::textParts(S->Title, P.SM, [&](llvm::StringRef X) { return Saver.save(X); }).empty());
}

TEST_CASE("bare names may hold full-width brackets and Chinese quotes") {
  Parsed P("基本支出 2010301 政府办公厅（室）及相关机构事务 {\n  30101 基本工资 1\n}\n"
           "项目 正常离任村“两委”正职生活补贴 {\n}\n");
  CHECK_FALSE(P.Diags.hasErrors());
  CHECK(llvm::cast<ast::Basic>(P.F->Items[0])->Name.Value == "政府办公厅（室）及相关机构事务");
  CHECK(llvm::cast<ast::Project>(P.F->Items[1])->Name.Value == "正常离任村“两委”正职生活补贴");
}

TEST_CASE("syntax errors are all reported and the tree keeps what was recognised") {
  Parsed P("收入 {\n  一般公共预算拨款\n  政府性基金预算拨款 1.00\n}\n项目 \"a\" {\n  金额 一般公共预算拨款\n}\n"
           "单位 x {\n");
  CHECK(P.Diags.getErrorCount() == 3);
  auto Sorted = P.Diags.sorted();
  CHECK(Sorted[0].Kind == diag::UnexpectedToken);
  CHECK(Sorted[1].Kind == diag::UnexpectedToken);
  CHECK(Sorted[2].Kind == diag::UnclosedBlock);
  // The good income line survives.
  auto *I = llvm::cast<ast::Income>(P.F->Items[0]);
  bool Found = false;
  for (auto *L : I->Lines)
    Found |= L->Amount.Number == "1.00";
  CHECK(Found);
}

TEST_CASE("nesting beyond the limit is refused before parsing") {
  std::string Deep = "国有资产 {\n";
  for (int I = 0; I < 100; ++I)
    Deep += "a {\n";
  Parsed P(Deep);
  REQUIRE(P.Diags.getErrorCount() == 1);
  CHECK(P.Diags.getDiagnostics()[0].Kind == diag::NestingTooDeep);
  CHECK(P.F->Items.empty());
}

TEST_CASE("the lexer tells keywords, names and every character class apart") {
  SourceManager SM;
  llvm::StringRef Text = "项目 项目支出 project projects 金额（万元） 【注】、“两委”·甲 ≥95% ≤3‰ ≠1 "
                         "上年结转 上年　结转 ５ \x01 \x7f";
  unsigned ID = SM.addBuffer(Text, "t.bud");
  std::vector<syntax::LexToken> Tokens = syntax::lexFile(SM, ID);
  std::vector<std::pair<syntax::LexToken::Kind, std::string>> Got;
  for (const syntax::LexToken &T : Tokens)
    Got.emplace_back(T.K, Text.slice(T.Begin, T.End).str());
  using K = syntax::LexToken;
  std::vector<std::pair<syntax::LexToken::Kind, std::string>> Want = {
      {K::Keyword, "项目"},         {K::Keyword, "项目支出"},      {K::Keyword, "project"},
      {K::Name, "projects"},        {K::Name, "金额（万元）"},  {K::Name, "【注】、“两委”·甲"},
      {K::Comparator, "≥"},         {K::Quantity, "95%"},       {K::Comparator, "≤"},
      {K::Quantity, "3‰"},          {K::Comparator, "≠"},       {K::Number, "1"},
      {K::Keyword, "上年结转"},     {K::Keyword, "上年"},       {K::Name, "结转"},
      {K::Other, "５"},             {K::Other, "\x01"},         {K::Other, "\x7f"}};
  CHECK(Got == Want);
}

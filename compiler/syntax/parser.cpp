//===- parser.cpp - Parse one .bud file into its syntax tree ----------------===//
//
// Everything ANTLR lives in this file: the code-point input stream, the token clean-up that
// turns lexical errors into diagnostics, the error strategy that turns syntax errors into
// BUD0xx diagnostics with context, and the Builder that converts the parse tree into the
// project's own AST. The parse tree is freed when parseFile returns.
//
//===----------------------------------------------------------------------===//
#include "compiler/syntax/parser.h"
#include "compiler/ast/dump.h"

#include "compiler/source/utf8.h"
#include "compiler/syntax/text.h"

#include "BudLexer.h"
#include "BudParser.h"
#include "budc_antlr4_runtime.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/SmallPtrSet.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>

using namespace antlr4;
using budc::grammar::BudLexer;
using budc::grammar::BudParser;

namespace budc::syntax {
namespace {

//===----------------------------------------------------------------------===//
// Input
//===----------------------------------------------------------------------===//

/// An ANTLR character stream over code points we decoded ourselves (with U+FFFD for bad
/// bytes), so that ANTLR never sees or rejects invalid UTF-8.
class CodePointStream final : public ANTLRInputStream {
public:
  CodePointStream(std::u32string Data, llvm::StringRef Name) {
    _data = std::move(Data);
    p = 0;
    name = Name.str();
  }
  const char32_t *data() const { return _data.data(); }
  size_t position() const { return p; }
  /// seek() without consume()'s per-character virtual calls when moving forward.
  void setPosition(size_t P) { p = std::min(P, _data.size()); }
};

/// Everything the stages of one file's parse share.
struct FileState {
  const SourceManager &SM;
  unsigned FileID;
  DecodedText Decoded;
  DiagEngine &Diags;

  llvm::StringRef bytes() const { return SM.getText(FileID); }

  Span span(const Token *T) const {
    if (!T)
      return {};
    size_t Start = T->getStartIndex(), Stop = T->getStopIndex();
    size_t Size = Decoded.CodePoints.size();
    if (T->getType() == Token::EOF || Start == INVALID_INDEX) {
      if (T->getType() != Token::EOF)
        return {}; // a token conjured by error recovery
      // Place the end of the file at the end of its last line rather than on the empty line
      // after the final line break, where a caret would point at nothing.
      llvm::StringRef B = bytes();
      uint32_t End = static_cast<uint32_t>(B.size());
      if (B.endswith("\r\n"))
        End -= 2;
      else if (B.endswith("\n") || B.endswith("\r"))
        End -= 1;
      return {FileID, End, End};
    }
    if (T->getType() == BudLexer::NL) { // a line break is a place, not a character
      uint32_t At = Decoded.ByteOffsets[std::min(Start, Size)];
      return {FileID, At, At};
    }
    if (Start > Size)
      Start = Size;
    if (Stop + 1 > Size || Stop == INVALID_INDEX)
      Stop = Size - 1;
    return {FileID, Decoded.ByteOffsets[Start], Decoded.ByteOffsets[Stop + 1]};
  }

  llvm::StringRef textOf(const Token *T) const {
    Span S = span(T);
    return bytes().slice(S.Begin, S.End);
  }
};

//===----------------------------------------------------------------------===//
// How tokens and places are named in messages
//===----------------------------------------------------------------------===//

struct Words {
  const char *En;
  const char *Zh;
};

const char *pick(const Words &W, Lang L) { return L == Lang::Zh ? W.Zh : W.En; }

/// The Chinese spelling of each keyword token, for messages.
const char *keywordSpelling(size_t Type) {
  switch (Type) {
  case BudLexer::KW_INCLUDE: return "引入";
  case BudLexer::KW_BUDGET: return "预算";
  case BudLexer::KW_DEPARTMENT: return "部门";
  case BudLexer::KW_UNIT: return "单位";
  case BudLexer::KW_INCOME: return "收入";
  case BudLexer::KW_CARRYOVER: return "上年结转";
  case BudLexer::KW_BASIC: return "基本支出";
  case BudLexer::KW_SOURCE: return "来源";
  case BudLexer::KW_PROJECT: return "项目";
  case BudLexer::KW_FUNCTION: return "功能科目";
  case BudLexer::KW_ECONOMIC: return "经济科目";
  case BudLexer::KW_AMOUNT: return "金额";
  case BudLexer::KW_SCHEDULE: return "支出计划";
  case BudLexer::KW_GOAL: return "目标";
  case BudLexer::KW_INDICATOR: return "指标";
  case BudLexer::KW_DESC: return "描述";
  case BudLexer::KW_BASIS: return "依据";
  case BudLexer::KW_DECLARE: return "声明";
  case BudLexer::KW_SECTION: return "说明";
  case BudLexer::KW_GLOSSARY: return "名词解释";
  case BudLexer::KW_PERFORMANCE: return "整体绩效";
  case BudLexer::KW_AREA: return "分项";
  case BudLexer::KW_PROCUREMENT: return "政府采购";
  case BudLexer::KW_ASSETS: return "国有资产";
  case BudLexer::KW_CATALOGUE: return "科目表";
  case BudLexer::KW_MEASURES: return "计量单位表";
  case BudLexer::KW_FRAMEWORK: return "指标框架";
  case BudLexer::KW_FUNDS: return "资金来源表";
  case BudLexer::KW_TEMPLATE: return "表样";
  default: return nullptr;
  }
}

bool isKeyword(size_t Type) { return keywordSpelling(Type) != nullptr; }

std::string quote(llvm::StringRef S, Lang L) {
  return L == Lang::Zh ? "“" + S.str() + "”" : "'" + S.str() + "'";
}

/// Shortens \p S to at most \p Max characters, adding "…".
std::string shorten(llvm::StringRef S, size_t Max) {
  size_t Count = 0, Pos = 0;
  while (Pos < S.size()) {
    unsigned Len;
    decodeOne(S, Pos, Len);
    if (++Count > Max)
      return S.take_front(Pos).str() + "…";
    Pos += Len;
  }
  return S.str();
}

/// "name '行政运行'", "the end of the line" … for the token that was found.
std::string describeToken(const Token *T, const FileState &FS, Lang L) {
  size_t Type = T->getType();
  llvm::StringRef Text = FS.textOf(T);
  auto With = [&](Words Kind) {
    return std::string(pick(Kind, L)) + (L == Lang::Zh ? "" : " ") + quote(shorten(Text, 24), L);
  };
  switch (Type) {
  case Token::EOF:
    return pick({"the end of the file", "文件结尾"}, L);
  case BudLexer::NL:
    return pick({"the end of the line", "行尾"}, L);
  case BudLexer::NAME:
    return With({"name", "名称"});
  case BudLexer::NUMBER:
    return With({"number", "数字"});
  case BudLexer::QUANTITY:
    return With({"quantity", "数量"});
  case BudLexer::STRING:
    return std::string(pick({"string ", "字符串"}, L)) + shorten(Text, 24);
  case BudLexer::TEXT_BLOCK:
    return pick({"a text block", "文本块"}, L);
  case BudLexer::DATE:
    return With({"date", "日期"});
  case BudLexer::CODE:
    return With({"code", "编码"});
  default:
    if (isKeyword(Type))
      return With({"keyword", "关键字"});
    return quote(Text, L);
  }
}

/// The construct a rule belongs to, for "… in a project".
const Words *constructOf(size_t Rule) {
  static const Words File{"the top level of the file", "文件顶层"},
      Budget{"the budget header", "预算声明"}, Department{"the department", "部门"},
      Unit{"a unit", "单位"}, Attr{"an attribute", "属性"}, Income{"the income block", "收入"},
      Basic{"a basic-expenditure block", "基本支出"},
      Project{"a project", "项目"}, Function{"a function-code line", "功能科目"},
      Economic{"an economic-code line", "经济科目"}, AmountL{"a project amount line", "项目金额行"},
      Schedule{"the spending schedule", "支出计划"}, Goal{"a goal", "目标"},
      Indicator{"an indicator", "指标"}, Citation{"a citation", "依据"},
      Declare{"a declared figure", "声明"}, Section{"a text section", "说明"},
      Glossary{"the glossary", "名词解释"}, Performance{"the overall goals", "整体绩效"},
      Area{"a performance area", "分项"}, Procurement{"the procurement table", "政府采购"},
      Assets{"the state-assets table", "国有资产"}, Include{"an include", "引入"},
      IncomeLine{"an income line", "收入"}, BasicLine{"a basic-expenditure line", "基本支出"},
      Source{"a fund-source line", "来源"}, Library{"a library declaration", "标准库声明"};
  switch (Rule) {
  case BudParser::RuleFile: return &File;
  case BudParser::RuleIncludeStmt: return &Include;
  case BudParser::RuleBudgetDecl: return &Budget;
  case BudParser::RuleDepartmentDecl:
  case BudParser::RuleDeptBody: return &Department;
  case BudParser::RuleUnitDecl:
  case BudParser::RuleUnitBody: return &Unit;
  case BudParser::RuleAttr:
  case BudParser::RuleAttrBody:
  case BudParser::RuleAttrBlock: return &Attr;
  case BudParser::RuleIncomeBlock:
  case BudParser::RuleIncomeBody: return &Income;
  case BudParser::RuleIncomeLine: return &IncomeLine;
  case BudParser::RuleBasicBlock:
  case BudParser::RuleBasicBody: return &Basic;
  case BudParser::RuleBasicLine: return &BasicLine;
  case BudParser::RuleSourceStmt: return &Source;
  case BudParser::RuleProjectDecl:
  case BudParser::RuleProjectBody: return &Project;
  case BudParser::RuleFunctionStmt: return &Function;
  case BudParser::RuleEconomicStmt: return &Economic;
  case BudParser::RuleAmountStmt: return &AmountL;
  case BudParser::RuleScheduleStmt: return &Schedule;
  case BudParser::RuleGoalStmt:
  case BudParser::RuleGoalBody: return &Goal;
  case BudParser::RuleIndicatorStmt: return &Indicator;
  case BudParser::RuleCitationDecl: return &Citation;
  case BudParser::RuleDeclareStmt:
  case BudParser::RuleDeclareBody:
  case BudParser::RuleDeclareItem:
  case BudParser::RuleDeclareKey: return &Declare;
  case BudParser::RuleSectionStmt: return &Section;
  case BudParser::RuleGlossaryBlock:
  case BudParser::RuleGlossaryBody:
  case BudParser::RuleGlossaryEntry: return &Glossary;
  case BudParser::RulePerformanceBlock:
  case BudParser::RulePerformanceBody: return &Performance;
  case BudParser::RuleAreaBlock:
  case BudParser::RuleAreaBody: return &Area;
  case BudParser::RuleProcurementBlock: return &Procurement;
  case BudParser::RuleAssetsBlock: return &Assets;
  case BudParser::RuleLibraryDecl:
  case BudParser::RuleLibraryBlock:
  case BudParser::RuleLibraryBody:
  case BudParser::RuleLibraryRow:
  case BudParser::RuleLibraryValue: return &Library;
  default: return nullptr;
  }
}

/// Where a statement keyword belongs, for BUD016.
Words placeOf(size_t Type) {
  switch (Type) {
  case BudLexer::KW_INDICATOR:
    return {"an indicator belongs in a project, a goal, an area (分项) or 整体绩效",
            "指标应写在项目、目标、分项或整体绩效中"};
  case BudLexer::KW_GOAL:
    return {"a goal belongs in a project, an area (分项) or 整体绩效",
            "目标应写在项目、分项或整体绩效中"};
  case BudLexer::KW_FUNCTION:
  case BudLexer::KW_ECONOMIC:
  case BudLexer::KW_AMOUNT:
  case BudLexer::KW_SCHEDULE:
    return {"it belongs in a project", "它应写在项目中"};
  case BudLexer::KW_PROJECT:
  case BudLexer::KW_INCOME:
  case BudLexer::KW_BASIC:
  case BudLexer::KW_DECLARE:
    return {"it belongs at the top level of a file or in a unit", "它应写在文件顶层或单位中"};
  case BudLexer::KW_UNIT:
    return {"a unit belongs at the top level of a file or in a department",
            "单位应写在文件顶层或部门中"};
  case BudLexer::KW_SECTION:
    return {"a text section belongs at the top level of a file or in 整体绩效",
            "说明应写在文件顶层或整体绩效中"};
  case BudLexer::KW_SOURCE:
    return {"a fund source belongs in a 基本支出 block", "来源应写在基本支出块中"};
  case BudLexer::KW_AREA:
    return {"an area belongs in 整体绩效", "分项应写在整体绩效中"};
  case BudLexer::KW_CARRYOVER:
    return {"上年结转 stands before a fund source in 收入, 金额 or 来源",
            "上年结转应写在收入、金额或来源中的资金来源之前"};
  case BudLexer::KW_DESC:
  case BudLexer::KW_BASIS:
    return {"it follows an indicator's value on the indicator's line",
            "它应写在指标行中指标值之后"};
  default:
    return {"it belongs at the top level of a file", "它应写在文件顶层"};
  }
}

/// Describes the set of tokens the parser expected, e.g. "an amount or a line break".
std::string describeExpected(const misc::IntervalSet &Set, size_t Rule, Lang L) {
  std::vector<std::pair<std::string, std::string>> Items; // English, Chinese
  auto Add = [&](Words W) {
    for (const auto &X : Items)
      if (X.first == W.En)
        return;
    Items.emplace_back(W.En, W.Zh);
  };
  auto Has = [&](size_t T) { return Set.contains(T); };
  unsigned Keywords = 0;
  for (size_t T = BudLexer::KW_INCLUDE; T <= BudLexer::KW_TEMPLATE; ++T)
    Keywords += Has(T);
  bool CodeRule = Rule == BudParser::RuleFunctionStmt || Rule == BudParser::RuleEconomicStmt ||
                  Rule == BudParser::RuleBasicBlock || Rule == BudParser::RuleBasicLine ||
                  Rule == BudParser::RuleDepartmentDecl || Rule == BudParser::RuleUnitDecl;

  if (Rule == BudParser::RuleScheduleStmt) {
    if (Has(BudLexer::QUANTITY))
      Add({"a month and a percentage such as 3月 25%", "月份和百分比（如 3月 25%）"});
  } else if (Has(BudLexer::QUANTITY) && Has(BudLexer::STRING) &&
             Rule == BudParser::RuleIndicatorStmt) {
    Add({"a value", "指标值"});
  } else if (Has(BudLexer::QUANTITY)) {
    Add({"an amount", "金额"});
  } else if (Has(BudLexer::NUMBER)) {
    if (Rule == BudParser::RuleBudgetDecl)
      Add({"a year", "年度"});
    else if (CodeRule)
      Add({"a code", "编码"});
    else
      Add({"a number", "数字"});
  }
  if (Has(BudLexer::GE) && !Has(BudLexer::QUANTITY))
    Add({"a comparator", "比较符"});
  bool DeclareRule = Rule == BudParser::RuleDeclareStmt || Rule == BudParser::RuleDeclareBody ||
                     Rule == BudParser::RuleDeclareItem || Rule == BudParser::RuleDeclareKey;
  if (DeclareRule) {
    // Keywords such as 功能科目 are nouns inside 声明; the key is "a name" below.
  } else if (Keywords >= 3) {
    Add({"a statement", "语句"});
  } else {
    for (size_t T = BudLexer::KW_INCLUDE; T <= BudLexer::KW_TEMPLATE; ++T)
      if (Has(T))
        Items.emplace_back(quote(keywordSpelling(T), Lang::En), quote(keywordSpelling(T), Lang::Zh));
  }
  if (Has(BudLexer::NAME) || (Has(BudLexer::STRING) && !Has(BudLexer::TEXT_BLOCK)))
    Add({"a name", "名称"});
  if (Has(BudLexer::TEXT_BLOCK))
    Add({"a text in quotes", "带引号的文本"});
  // After an indicator's comparator: an amount or a date.
  bool ValueAfterComparator = Rule == BudParser::RuleIndicatorStmt && !Has(BudLexer::STRING);
  if (Has(BudLexer::DATE) && (!Has(BudLexer::QUANTITY) || ValueAfterComparator))
    Add({"a date", "日期"});
  if (Has(BudLexer::EQ) && !Has(BudLexer::QUANTITY))
    Add({"'='", "“=”"});
  if (Has(BudLexer::SLASH))
    Add({"'/'", "“/”"});
  if (Has(BudLexer::LBRACE))
    Add({"'{'", "“{”"});
  if (Has(BudLexer::RBRACE))
    Add({"'}'", "“}”"});
  if (Has(BudLexer::NL) || Has(BudLexer::SEMI))
    Add({"a line break", "换行"});
  if (Has(Token::EOF))
    Add({"the end of the file", "文件结尾"});
  if (Items.empty())
    return pick({"something else", "其他内容"}, L);

  std::string Out;
  for (size_t I = 0; I < Items.size(); ++I) {
    if (I)
      Out += I + 1 == Items.size() ? (L == Lang::Zh ? "或" : " or ") : (L == Lang::Zh ? "、" : ", ");
    Out += L == Lang::Zh ? Items[I].second : Items[I].first;
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// Syntax errors
//===----------------------------------------------------------------------===//

/// Rules that are lists of statements: (statement | NL | SEMI)*.
bool isListRule(size_t Rule) {
  switch (Rule) {
  case BudParser::RuleFile:
  case BudParser::RuleDeptBody:
  case BudParser::RuleUnitBody:
  case BudParser::RuleAttrBody:
  case BudParser::RuleIncomeBody:
  case BudParser::RuleBasicBody:
  case BudParser::RuleProjectBody:
  case BudParser::RuleGoalBody:
  case BudParser::RuleDeclareBody:
  case BudParser::RuleGlossaryBody:
  case BudParser::RulePerformanceBody:
  case BudParser::RuleAreaBody:
  case BudParser::RuleLibraryBody:
    return true;
  default:
    return false;
  }
}

/// Rules that are a line of tokens and no rules: the parse tree keeps none of their tokens
/// (Builder::tokensOf reads them from the token stream).
bool isTokenRule(size_t Rule) {
  switch (Rule) {
  case BudParser::RuleIndicatorStmt:
  case BudParser::RuleFunctionStmt:
  case BudParser::RuleEconomicStmt:
  case BudParser::RuleAmountStmt:
  case BudParser::RuleScheduleStmt:
    return true;
  default:
    return false;
  }
}

/// Reports ANTLR's syntax errors as BUD0xx diagnostics, with both languages' arguments
/// computed up front (the diagnostic keeps English and Chinese argument lists).
class ErrorStrategy final : public DefaultErrorStrategy {
public:
  explicit ErrorStrategy(FileState &FS) : FS(FS) {}

protected:
  void reportNoViableAlternative(Parser *P, const NoViableAltException &E) override {
    diagnose(P, E.getOffendingToken(), E.getExpectedTokens(), diag::UnexpectedToken);
  }
  void reportInputMismatch(Parser *P, const InputMismatchException &E) override {
    diagnose(P, E.getOffendingToken(), E.getExpectedTokens(), diag::UnexpectedToken);
  }
  void reportFailedPredicate(Parser *P, const FailedPredicateException &E) override {
    diagnose(P, E.getOffendingToken(), E.getExpectedTokens(), diag::UnexpectedToken);
  }
  void reportUnwantedToken(Parser *P) override {
    if (inErrorRecoveryMode(P))
      return;
    beginErrorCondition(P);
    diagnose(P, P->getCurrentToken(), getExpectedTokens(P), diag::ExtraneousToken);
  }
  void reportMissingToken(Parser *P) override {
    if (inErrorRecoveryMode(P))
      return;
    beginErrorCondition(P);
    diagnose(P, P->getCurrentToken(), getExpectedTokens(P), diag::MissingToken);
  }

  /// Deleting a line break to join two lines into one statement is never the right repair in
  /// a line-oriented language.
  /// The one exception: a block's '{' written on the next line is reported (BUD017) and
  /// taken as if it stood on the header's line, so the block parses normally.
  Token *singleTokenDeletion(Parser *P) override {
    TokenStream *In = P->getTokenStream();
    size_t LA = In->LA(1);
    if (LA == BudLexer::SEMI)
      return nullptr;
    if (LA != BudLexer::NL)
      return DefaultErrorStrategy::singleTokenDeletion(P);
    ssize_t K = 1;
    while (In->LA(K) == BudLexer::NL)
      ++K;
    if (In->LA(K) != BudLexer::LBRACE || !getExpectedTokens(P).contains(size_t(BudLexer::LBRACE)))
      return nullptr;
    beginErrorCondition(P);
    FS.Diags.report(FS.span(In->LT(K)), diag::BraceOnNextLine);
    for (ssize_t I = 1; I < K; ++I)
      P->consume();
    Token *Brace = P->getCurrentToken();
    reportMatch(P);
    return Brace;
  }

  /// Errors inside a statement: skip the rest of its line, so the enclosing list goes on
  /// with the next line and the block structure is kept.
  void recover(Parser *P, std::exception_ptr) override { skipLine(P); }

  /// Within statements, ANTLR resynchronises on its follow sets; never past a line's end.
  void consumeUntil(Parser *P, const misc::IntervalSet &Set) override {
    bool InBlock = unclosedBrace(P) != nullptr;
    for (size_t LA = P->getTokenStream()->LA(1);
         LA != Token::EOF && !Set.contains(LA) && LA != BudLexer::NL && LA != BudLexer::SEMI &&
         !(LA == BudLexer::RBRACE && InBlock);
         LA = P->getTokenStream()->LA(1))
      P->consume();
  }

  /// At the loop of a statement list, a token that cannot start a statement there is
  /// reported and its line skipped; the parser stays inside the block instead of leaving it.
  void sync(Parser *P) override {
    ParserRuleContext *Ctx = P->getContext();
    if (!Ctx || !isListRule(Ctx->getRuleIndex())) {
      // The runtime's own first test, without its dynamic_cast of the interpreter: nothing
      // to do when the next token can follow.
      if (!inErrorRecoveryMode(P)) {
        // (by reference: the ATN state caches it; a copy allocated per loop iteration)
        const misc::IntervalSet &Next =
            P->getATN().nextTokens(P->getATN().states[P->getState()]);
        if (Next.contains(Token::EPSILON) || Next.contains(P->getTokenStream()->LA(1)))
          return;
      }
      DefaultErrorStrategy::sync(P);
      return;
    }
    if (inErrorRecoveryMode(P))
      return;
    atn::ATNState *S = P->getATN().states[P->getState()];
    size_t LA = P->getTokenStream()->LA(1);
    const misc::IntervalSet &Follow = P->getATN().nextTokens(S);
    bool TopLevel = Ctx->getRuleIndex() == BudParser::RuleFile;
    // Something after a complete statement on the same line.
    Token *Cur = P->getCurrentToken();
    Token *Prev = previous(P, Cur);
    if (Prev && LA != BudLexer::NL && LA != BudLexer::SEMI && LA != Token::EOF &&
        LA != BudLexer::RBRACE && Prev->getType() != BudLexer::NL &&
        Prev->getType() != BudLexer::SEMI && Prev->getType() != BudLexer::LBRACE) {
      beginErrorCondition(P);
      reportAfterStatement(P, Ctx, Cur);
      skipLine(P);
      return;
    }
    if (Follow.contains(LA) || LA == Token::EOF || (LA == BudLexer::RBRACE && !TopLevel))
      return;
    beginErrorCondition(P);
    misc::IntervalSet Next = Follow;
    Next.remove(static_cast<size_t>(Token::EPSILON));
    Next.add(TopLevel ? static_cast<ssize_t>(Token::EOF) : static_cast<ssize_t>(BudLexer::RBRACE));
    diagnose(P, P->getCurrentToken(), Next, diag::UnexpectedToken);
    skipLine(P);
  }

private:
  /// A token after a complete statement on the same line: a clause out of order, or a
  /// second statement without ';'.
  void reportAfterStatement(Parser *P, ParserRuleContext *List, Token *Cur) {
    size_t Type = Cur->getType();
    if ((Type == BudLexer::KW_DESC || Type == BudLexer::KW_BASIS) && !List->children.empty()) {
      // The last statement of the list, unwrapped from its item rule.
      tree::ParseTree *Last = List->children.back();
      while (Last && !dynamic_cast<BudParser::IndicatorStmtContext *>(Last) &&
             !Last->children.empty())
        Last = Last->children.front();
      if (auto *Ind = dynamic_cast<BudParser::IndicatorStmtContext *>(Last)) {
        // (a token rule: its tokens are in the stream, not in the tree)
        bool HasBasis = false;
        if (Ind->getStart() && Ind->getStop())
          for (size_t I = Ind->getStart()->getTokenIndex(); I <= Ind->getStop()->getTokenIndex() &&
                                                            I < P->getTokenStream()->size();
               ++I)
            HasBasis |= P->getTokenStream()->get(I)->getType() == BudLexer::KW_BASIS;
        bool Late = (Type == BudLexer::KW_DESC || Type == BudLexer::KW_BASIS) && HasBasis;
        if (Late && Type == BudLexer::KW_DESC) {
          FS.Diags.report(FS.span(Cur), diag::ClauseOrder, {"描述", "依据"});
          return;
        }
      }
    }
    FS.Diags
        .report(FS.span(Cur), diag::MissingSeparator, {describeToken(Cur, FS, Lang::En)})
        .zh({describeToken(Cur, FS, Lang::Zh)});
  }

  /// Consumes the rest of the current line: up to a line break, ';' or the end of the file,
  /// and up to a '}' when a block is open (it may close that block).
  void skipLine(Parser *P) {
    bool InBlock = unclosedBrace(P) != nullptr;
    for (size_t LA = P->getTokenStream()->LA(1);
         LA != Token::EOF && LA != BudLexer::NL && LA != BudLexer::SEMI &&
         !(LA == BudLexer::RBRACE && InBlock);
         LA = P->getTokenStream()->LA(1))
      P->consume();
  }

  /// The innermost '{' on the rule stack that has no '}' yet.
  Token *unclosedBrace(Parser *P) {
    for (RuleContext *C = P->getContext(); C; C = dynamic_cast<RuleContext *>(C->parent)) {
      auto *Ctx = dynamic_cast<ParserRuleContext *>(C);
      if (!Ctx)
        continue;
      Token *Open = nullptr;
      bool Closed = false;
      for (tree::ParseTree *Child : Ctx->children) {
        // Tokens that error recovery skipped are ErrorNodes; they open and close nothing.
        auto *Term = dynamic_cast<tree::TerminalNode *>(Child);
        if (!Term || dynamic_cast<tree::ErrorNode *>(Child))
          continue;
        Token *T = Term->getSymbol();
        if (T->getType() == BudLexer::LBRACE && T->getStartIndex() != INVALID_INDEX)
          Open = T;
        if (T->getType() == BudLexer::RBRACE && T->getStartIndex() != INVALID_INDEX)
          Closed = true;
      }
      if (Open && !Closed)
        return Open;
    }
    return nullptr;
  }

  size_t constructRule(Parser *P) {
    for (RuleContext *C = P->getContext(); C; C = dynamic_cast<RuleContext *>(C->parent))
      if (constructOf(C->getRuleIndex()))
        return C->getRuleIndex();
    return BudParser::RuleFile;
  }

  /// The token before \p T on the default channel (comments are hidden), or null.
  Token *previous(Parser *P, Token *T) {
    TokenStream *Stream = P->getTokenStream();
    size_t I = T->getTokenIndex();
    if (!Stream || I == INVALID_INDEX)
      return nullptr;
    while (I > 0) {
      Token *Prev = Stream->get(--I);
      if (Prev->getChannel() == Token::DEFAULT_CHANNEL)
        return Prev;
    }
    return nullptr;
  }

  void diagnose(Parser *P, Token *Found, const misc::IntervalSet &Expected, diag::Kind Kind) {
    if (!Found)
      return;
    DiagEngine &Diags = FS.Diags;
    size_t Type = Found->getType();
    Span Where = FS.span(Found);
    Token *Prev = previous(P, Found);
    size_t Rule = constructRule(P);
    const Words *Construct = constructOf(Rule);
    size_t DetailRule = P->getContext() ? P->getContext()->getRuleIndex() : Rule;
    if (DetailRule == BudParser::RuleAmount || DetailRule == BudParser::RuleQuantity ||
        DetailRule == BudParser::RuleName || DetailRule == BudParser::RuleText ||
        DetailRule == BudParser::RuleComparator || DetailRule == BudParser::RuleValue ||
        DetailRule == BudParser::RuleKeyPart || DetailRule == BudParser::RuleNounKeyword)
      DetailRule = Rule;

    // A block that the file ends inside.
    if (Type == Token::EOF && Expected.contains(static_cast<size_t>(BudLexer::RBRACE))) {
      if (Token *Open = unclosedBrace(P)) {
        Diags.report(FS.span(Open), diag::UnclosedBlock).note(Where, diag::NoteFileEndsHere);
        return;
      }
    }
    // A '}' with nothing to close.
    if (Type == BudLexer::RBRACE && !Expected.contains(static_cast<size_t>(BudLexer::RBRACE)) && !unclosedBrace(P)) {
      Diags.report(Where, diag::UnmatchedBrace);
      return;
    }
    bool AtStatementStart = !Prev || Prev->getType() == BudLexer::NL ||
                            Prev->getType() == BudLexer::SEMI ||
                            Prev->getType() == BudLexer::LBRACE;
    // A statement keyword in a block where that statement cannot stand.
    if (isKeyword(Type) && AtStatementStart && !Expected.contains(static_cast<size_t>(Type))) {
      Words Place = placeOf(Type);
      Diags.report(Where, diag::MisplacedStatement,
                   {quote(FS.textOf(Found), Lang::En), Construct->En, Place.En})
          .zh({quote(FS.textOf(Found), Lang::Zh), Construct->Zh, Place.Zh});
      return;
    }
    if (Kind == diag::MissingToken)
      Where = {Where.File, Where.Begin, Where.Begin};
    Diags
        .report(Where, Kind,
                {describeExpected(Expected, DetailRule, Lang::En), Construct->En,
                 describeToken(Found, FS, Lang::En)})
        .zh({describeExpected(Expected, DetailRule, Lang::Zh), Construct->Zh,
             describeToken(Found, FS, Lang::Zh)});
  }

  FileState &FS;
};

//===----------------------------------------------------------------------===//
// Parse tree → AST
//===----------------------------------------------------------------------===//

/// Converts one file's parse tree into AST nodes. Tolerates the holes error recovery leaves
/// (null children, conjured tokens): it builds what it can and skips the rest.
class Builder {
public:
  Builder(FileState &FS, ast::Context &Ctx) : FS(FS), Ctx(Ctx) {}

  ast::File *file(BudParser::FileContext *C, llvm::StringRef Path) {
    auto *F = Ctx.make<ast::File>();
    F->Suppressions = keep(Suppressions);
    F->Path = Ctx.save(Path);
    F->Range = {FS.FileID, 0, static_cast<uint32_t>(FS.bytes().size())};
    std::vector<ast::Node *> Items;
    for (auto *S : C->topStmt())
      if (ast::Node *N = topStmt(S))
        Items.push_back(N);
    F->Items = Ctx.copy(llvm::ArrayRef<ast::Node *>(Items));
    return F;
  }

private:
  using Ctx_t = ParserRuleContext;

  /// Tells a rule context from a token without dynamic_cast: a context's accept() calls
  /// visitChildren, a token's visitTerminal or visitErrorNode.
  struct Kind final : tree::ParseTreeVisitor {
    Ctx_t *Rule = nullptr;
    tree::TerminalNode *Token = nullptr;
    bool Error = false; ///< Token is an error node (a token error recovery skipped).
    antlrcpp::Any visit(tree::ParseTree *T) override { return T->accept(this); }
    antlrcpp::Any visitChildren(tree::ParseTree *T) override {
      Rule = static_cast<Ctx_t *>(T); // every rule context of the generated parser is one
      return {};
    }
    antlrcpp::Any visitTerminal(tree::TerminalNode *T) override {
      Token = T;
      return {};
    }
    antlrcpp::Any visitErrorNode(tree::ErrorNode *T) override {
      Token = T;
      Error = true;
      return {};
    }
  };

  /// The children of a parse-tree node, sorted once: ANTLR's generated accessors
  /// (C->name(), C->STRING()) each dynamic_cast every child, and the builder called several
  /// per node — a fifth of a check's time went to those casts.
  class Kids {
  public:
    explicit Kids(Ctx_t *C) {
      for (tree::ParseTree *X : C->children) {
        Kind K;
        X->accept(&K);
        if (K.Rule)
          Rules.push_back(K.Rule);
        else if (K.Token)
          Tokens.push_back(K.Token);
      }
    }
    /// The first child rule context of type \p T (rule \p Index), or null.
    template <typename T> T *rule(size_t Index) const {
      for (Ctx_t *R : Rules)
        if (R->getRuleIndex() == Index)
          return static_cast<T *>(R);
      return nullptr;
    }
    /// The first child token of type \p Type, or null (as the generated accessors, which
    /// also return error nodes holding such a token).
    tree::TerminalNode *token(size_t Type) const {
      for (tree::TerminalNode *T : Tokens)
        if (T->getSymbol()->getType() == Type)
          return T;
      return nullptr;
    }
    /// The child rule contexts in order: the statements of a list rule.
    llvm::ArrayRef<Ctx_t *> rules() const { return Rules; }

  private:
    llvm::SmallVector<Ctx_t *, 8> Rules;
    llvm::SmallVector<tree::TerminalNode *, 8> Tokens;
  };

  /// The tokens of a token rule (isTokenRule), in order, from the token stream (the tree
  /// keeps none of them), without comments and without the ones error recovery skipped (the
  /// only tokens such a rule's node holds).
  llvm::SmallVector<Token *, 16> tokensOf(Ctx_t *C) {
    llvm::SmallVector<Token *, 16> Out;
    Token *Start = C->getStart(), *Stop = C->getStop();
    if (!Stream || !Start || !Stop || Start->getTokenIndex() == INVALID_INDEX ||
        Stop->getTokenIndex() == INVALID_INDEX)
      return Out;
    llvm::SmallVector<size_t, 4> Skipped;
    for (tree::ParseTree *X : C->children) {
      Kind K;
      X->accept(&K);
      if (K.Token && K.Error && K.Token->getSymbol())
        Skipped.push_back(K.Token->getSymbol()->getTokenIndex());
    }
    for (size_t I = Start->getTokenIndex(); I <= Stop->getTokenIndex() && I < Stream->size(); ++I) {
      if (!llvm::is_contained(Skipped, I)) // (the stream has no comments)
        Out.push_back(Stream->get(I));
    }
    return Out;
  }

  Span range(Ctx_t *C) {
    if (!C)
      return {};
    Span B = FS.span(C->getStart());
    Token *Stop = C->getStop();
    if (!Stop || Stop->getTokenIndex() == INVALID_INDEX ||
        Stop->getTokenIndex() < C->getStart()->getTokenIndex())
      return {B.File, B.Begin, B.Begin};
    return Span::cover(B, FS.span(Stop));
  }

  template <typename T> T *node(Ctx_t *C) {
    T *N = Ctx.make<T>();
    N->Range = range(C);
    return N;
  }

  template <typename T> llvm::ArrayRef<T> keep(const std::vector<T> &V) {
    return Ctx.copy(llvm::ArrayRef<T>(V));
  }

  /// A token that was in the source and not skipped by error recovery.
  static bool real(tree::TerminalNode *T) {
    if (!T || !T->getSymbol() || T->getSymbol()->getStartIndex() == INVALID_INDEX)
      return false;
    Kind K;
    T->accept(&K);
    return !K.Error;
  }

  void reportText(const std::vector<TextProblem> &Problems, Span Token) {
    for (const TextProblem &P : Problems)
      FS.Diags.report({Token.File, Token.Begin + P.Offset, Token.Begin + P.Offset + P.Length},
                      P.Kind, P.Args);
  }

  /// A text from a STRING, BAD_STRING-turned-STRING, TEXT_BLOCK or NAME token.
  ast::Text word(tree::TerminalNode *T) { return real(T) ? word(T->getSymbol()) : ast::Text(); }

  ast::Text word(Token *Tok) {
    ast::Text Out;
    Out.Range = FS.span(Tok);
    llvm::StringRef Raw = FS.textOf(Tok);
    std::vector<TextProblem> Problems;
    switch (Tok->getType()) {
    case BudLexer::STRING: {
      bool Closed = Raw.size() >= 2 && Raw.endswith("\"") && !Unclosed.count(Tok);
      Out.Style = ast::Text::Quoted;
      llvm::StringRef Body = Raw.drop_front(1);
      if (Closed)
        Body = Body.drop_back(1);
      // Without escapes the text is the source's own bytes: no copy.
      Out.Value = Body.contains('\\') ? Ctx.save(decodeString(Raw, Closed, Problems)) : Body;
      break;
    }
    case BudLexer::TEXT_BLOCK:
      Out.Style = ast::Text::Block;
      Out.Value = Ctx.save(decodeTextBlock(Raw));
      break;
    default:
      Out.Style = ast::Text::Bare;
      Out.Value = Raw;
      return Out;
    }
    findReferences(Raw, Problems); // the parts themselves: textParts(), where wanted
    reportText(Problems, Out.Range);
    return Out;
  }

  ast::Text name(BudParser::NameContext *C) {
    if (!C)
      return {};
    Kids K(C);
    auto *T = K.token(BudLexer::NAME);
    return word(T ? T : K.token(BudLexer::STRING));
  }

  ast::Text text(BudParser::TextContext *C) {
    if (!C)
      return {};
    Kids K(C);
    auto *T = K.token(BudLexer::STRING);
    return word(T ? T : K.token(BudLexer::TEXT_BLOCK));
  }

  /// A code from a NUMBER token; \p What names the kind of code for BUD020.
  ast::Code code(tree::TerminalNode *T, Words What) {
    return code(real(T) ? T->getSymbol() : nullptr, What);
  }

  ast::Code code(Token *T, Words What) {
    ast::Code Out;
    if (!T)
      return Out;
    Out.Range = FS.span(T);
    Out.Value = FS.bytes().slice(Out.Range.Begin, Out.Range.End);
    if (!llvm::all_of(Out.Value, llvm::isDigit))
      FS.Diags.report(Out.Range, diag::InvalidCode, {Out.Value.str(), What.En})
          .zh({Out.Value.str(), What.Zh});
    return Out;
  }

  ast::Code anyCode(tree::TerminalNode *T) {
    ast::Code Out;
    if (!real(T))
      return Out;
    Out.Range = FS.span(T->getSymbol());
    Out.Value = FS.textOf(T->getSymbol());
    return Out;
  }

  /// The comparator a token type spells, or None.
  static ast::Comparator comparatorOf(size_t Type) {
    switch (Type) {
    case BudLexer::GE: return ast::Comparator::Ge;
    case BudLexer::LE: return ast::Comparator::Le;
    case BudLexer::NE: return ast::Comparator::Ne;
    case BudLexer::EQ: return ast::Comparator::Eq;
    case BudLexer::GT: return ast::Comparator::Gt;
    case BudLexer::LT: return ast::Comparator::Lt;
    default: return ast::Comparator::None;
    }
  }

  static ast::Comparator comparator(BudParser::ComparatorContext *C) {
    if (!C || !C->getStart())
      return ast::Comparator::None;
    return comparatorOf(C->getStart()->getType());
  }

  /// Splits a NUMBER or QUANTITY token into digits and unit.
  void number(tree::TerminalNode *T, ast::Quantity &Q) {
    if (real(T))
      number(T->getSymbol(), Q);
  }

  void number(Token *T, ast::Quantity &Q) {
    Span S = FS.span(T);
    llvm::StringRef Raw = FS.bytes().slice(S.Begin, S.End);
    size_t Digits = 0; // (a loop: find_first_not_of builds a table per call)
    while (Digits < Raw.size() && (llvm::isDigit(Raw[Digits]) || Raw[Digits] == '.'))
      ++Digits;
    // "12." is not produced by the lexer, but a unit may start with '.': keep the dot out of
    // the number only if no digit follows it.
    while (Digits > 0 && Raw[Digits - 1] == '.')
      --Digits;
    Q.Number = Raw.take_front(Digits);
    Q.Unit = Raw.drop_front(Digits);
    Q.NumberBegin = S.Begin;
    Q.DigitsEnd = S.Begin + static_cast<uint32_t>(Digits);
    Q.Range = Q.Range.isValid() ? Span::cover(Q.Range, S) : S;
  }

  /// An amount or a quantity: [comparator] [-] (NUMBER | QUANTITY), written over \p Range;
  /// \p Number is null when error recovery left it out.
  ast::Quantity signedNumber(Span Range, ast::Comparator Cmp, Token *Minus, Token *Number) {
    ast::Quantity Q;
    Q.Range = Range;
    Q.Cmp = Cmp;
    Q.Negative = Minus != nullptr;
    if (Number)
      number(Number, Q);
    if (Q.Negative && Q.Number.data())
      Q.NumberBegin = FS.span(Minus).Begin;
    if (!Q.Number.data())
      Q.Range = {};
    return Q;
  }

  ast::Quantity signedNumber(ParserRuleContext *C, BudParser::ComparatorContext *Cmp) {
    if (!C)
      return {};
    Kids K(C);
    tree::TerminalNode *Minus = K.token(BudLexer::MINUS);
    tree::TerminalNode *Number = K.token(BudLexer::NUMBER);
    if (!Number)
      Number = K.token(BudLexer::QUANTITY);
    return signedNumber(range(C), comparator(Cmp), Minus ? Minus->getSymbol() : nullptr,
                        real(Number) ? Number->getSymbol() : nullptr);
  }

  ast::Quantity amount(BudParser::AmountContext *C) { return signedNumber(C, nullptr); }

  ast::Quantity quantity(BudParser::QuantityContext *C) {
    return C ? signedNumber(C, C->comparator()) : ast::Quantity();
  }

  ast::Quantity bareQuantity(Token *T) {
    ast::Quantity Q;
    number(T, Q);
    return Q;
  }

  /// Checks a DATE token's calendar validity.
  ast::Text date(tree::TerminalNode *T) { return real(T) ? date(T->getSymbol()) : ast::Text(); }

  ast::Text date(Token *T) {
    ast::Text Out = word(T);
    unsigned Y = 0, M = 0, D = 0;
    llvm::StringRef S = Out.Value;
    S.substr(0, 4).getAsInteger(10, Y);
    S.substr(5, 2).getAsInteger(10, M);
    S.substr(8, 2).getAsInteger(10, D);
    static const unsigned Days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool Leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
    bool Ok = M >= 1 && M <= 12 && D >= 1 && D <= Days[M - 1] && (M != 2 || D <= 28 || Leap);
    if (!Ok)
      FS.Diags.report(Out.Range, diag::InvalidDate, {Out.Value.str()});
    return Out;
  }

  ast::Value value(BudParser::ValueContext *C) {
    ast::Value V;
    if (C->quantity()) {
      V.K = ast::Value::Number;
      V.Num = quantity(C->quantity());
    } else if (C->DATE()) {
      V.K = ast::Value::Date;
      V.Word = date(C->DATE());
    } else if (C->CODE()) {
      V.K = ast::Value::CodeWord;
      V.Word = word(C->CODE());
    } else if (C->NAME()) {
      V.K = ast::Value::Name;
      V.Word = word(C->NAME());
    } else if (auto *T = C->tag()) {
      V.K = ast::Value::Tag;
      V.Word = name(T->name());
      V.TagRange = range(T);
      std::vector<ast::Value> Args;
      for (auto *A : T->value())
        Args.push_back(value(A));
      V.Args = keep(Args);
    } else {
      V.K = ast::Value::String;
      V.Word = word(C->STRING() ? C->STRING() : C->TEXT_BLOCK());
    }
    return V;
  }

  //===--------------------------------------------------------------------===//
  // Statements
  //===--------------------------------------------------------------------===//

  ast::Node *topStmt(BudParser::TopStmtContext *C) {
    if (auto *X = C->includeStmt()) {
      auto *N = node<ast::Include>(X);
      N->Path = word(X->STRING());
      if (N->Path.present() && N->Path.Value.empty())
        FS.Diags.report(N->Path.Range, diag::EmptyInclude);
      return N;
    }
    if (auto *X = C->budgetDecl())
      return budget(X);
    if (auto *X = C->departmentDecl())
      return department(X);
    if (auto *X = C->unitDecl())
      return unit(X);
    if (auto *X = C->incomeBlock())
      return income(X);
    if (auto *X = C->basicBlock())
      return basic(X);
    if (auto *X = C->projectDecl())
      return project(X);
    if (auto *X = C->citationDecl()) {
      auto *N = node<ast::Citation>(X);
      N->Name = word(X->NAME());
      N->Document = text(X->text());
      return N;
    }
    if (auto *X = C->declareStmt())
      return declare(X->declareKey(), X->amount(), X->LBRACE(), X->declareBody(), X);
    if (auto *X = C->sectionStmt())
      return section(X);
    if (auto *X = C->glossaryBlock())
      return glossary(X);
    if (auto *X = C->performanceBlock())
      return performance(X);
    if (auto *X = C->procurementBlock()) {
      auto *N = node<ast::Procurement>(X);
      N->Rows = attrBlock(X->attrBlock());
      return N;
    }
    if (auto *X = C->assetsBlock()) {
      auto *N = node<ast::Assets>(X);
      N->Rows = attrBlock(X->attrBlock());
      return N;
    }
    if (auto *X = C->libraryDecl()) {
      auto *N = node<ast::Library>(X);
      if (X->KW_CATALOGUE()) {
        N->What = X->KW_FUNCTION() ? ast::Library::FunctionCatalogue
                                   : ast::Library::EconomicCatalogue;
        N->Year = anyCode(X->NUMBER());
      } else if (X->KW_MEASURES()) {
        N->What = ast::Library::Measures;
      } else if (X->KW_TEMPLATE()) {
        N->What = ast::Library::Template;
        N->Name = name(X->name());
      } else if (X->KW_FRAMEWORK()) {
        N->What = ast::Library::Framework;
        N->Name = name(X->name());
      } else {
        N->What = ast::Library::Funds;
      }
      N->Rows = libraryBlock(X->libraryBlock());
      return N;
    }
    return nullptr;
  }

  ast::Budget *budget(BudParser::BudgetDeclContext *C) {
    auto *N = node<ast::Budget>(C);
    N->Year = anyCode(C->NUMBER());
    if (N->Year.present() &&
        (N->Year.Value.size() != 4 ||
         N->Year.Value.find_first_not_of("0123456789") != llvm::StringRef::npos))
      FS.Diags.report(N->Year.Range, diag::InvalidYear, {N->Year.Value.str()});
    N->Attrs = attrBlock(C->attrBlock());
    return N;
  }

  llvm::ArrayRef<ast::Attr *> attrBlock(BudParser::AttrBlockContext *C) {
    std::vector<ast::Attr *> Out;
    if (C && C->attrBody())
      for (auto *A : C->attrBody()->attr())
        Out.push_back(attr(A));
    return keep(Out);
  }

  llvm::ArrayRef<ast::Attr *> libraryBlock(BudParser::LibraryBlockContext *C) {
    std::vector<ast::Attr *> Out;
    if (C && C->libraryBody())
      for (auto *R : C->libraryBody()->libraryRow()) {
        auto *N = node<ast::Attr>(R);
        if (R->name())
          N->Key = name(R->name());
        else if (R->NUMBER())
          N->Key = word(R->NUMBER());
        else
          N->Key = word(dynamic_cast<tree::TerminalNode *>(R->nounKeyword()->children[0]));
        std::vector<ast::Value> Values;
        for (auto *V : R->libraryValue()) {
          if (V->value()) {
            Values.push_back(value(V->value()));
            continue;
          }
          ast::Value W;
          W.K = ast::Value::Name;
          W.Word = word(dynamic_cast<tree::TerminalNode *>(V->nounKeyword()->children[0]));
          Values.push_back(W);
        }
        N->Values = keep(Values);
        N->HasBlock = R->libraryBlock() != nullptr;
        N->Children = libraryBlock(R->libraryBlock());
        Out.push_back(N);
      }
    return keep(Out);
  }

  ast::Attr *attr(BudParser::AttrContext *C) {
    auto *N = node<ast::Attr>(C);
    N->Key = name(C->name());
    std::vector<ast::Value> Values;
    for (auto *V : C->value())
      Values.push_back(value(V));
    N->Values = keep(Values);
    N->HasBlock = C->attrBlock() != nullptr;
    N->Children = attrBlock(C->attrBlock());
    return N;
  }

  ast::Department *department(BudParser::DepartmentDeclContext *C) {
    auto *N = node<ast::Department>(C);
    N->Id = code(C->NUMBER(), {"department code", "部门编码"});
    N->Name = name(C->name());
    std::vector<ast::Node *> Items;
    if (C->deptBody())
      for (auto *I : C->deptBody()->deptItem()) {
        if (I->unitDecl())
          Items.push_back(unit(I->unitDecl()));
        else if (I->attr())
          Items.push_back(attr(I->attr()));
      }
    N->Items = keep(Items);
    return N;
  }

  ast::Unit *unit(BudParser::UnitDeclContext *C) {
    auto *N = node<ast::Unit>(C);
    N->Id = code(C->NUMBER(), {"unit code", "单位编码"});
    N->Name = name(C->name());
    std::vector<ast::Node *> Items;
    if (auto *Body = Kids(C).rule<BudParser::UnitBodyContext>(BudParser::RuleUnitBody)) {
      Kids Stmts(Body); // named: a temporary's rules() would not outlive the loop's start
      for (Ctx_t *X : Stmts.rules()) {
        switch (X->getRuleIndex()) {
        case BudParser::RuleIncomeBlock:
          Items.push_back(income(static_cast<BudParser::IncomeBlockContext *>(X)));
          break;
        case BudParser::RuleBasicBlock:
          Items.push_back(basic(static_cast<BudParser::BasicBlockContext *>(X)));
          break;
        case BudParser::RuleProjectDecl:
          Items.push_back(project(static_cast<BudParser::ProjectDeclContext *>(X)));
          break;
        case BudParser::RuleDeclareStmt: {
          auto *D = static_cast<BudParser::DeclareStmtContext *>(X);
          Items.push_back(declare(D->declareKey(), D->amount(), D->LBRACE(), D->declareBody(), D));
          break;
        }
        case BudParser::RuleAttr:
          Items.push_back(attr(static_cast<BudParser::AttrContext *>(X)));
          break;
        default: // nothing recognised
          break;
        }
      }
    }
    N->Items = keep(Items);
    return N;
  }

  ast::Income *income(BudParser::IncomeBlockContext *C) {
    auto *N = node<ast::Income>(C);
    std::vector<ast::IncomeLine *> Lines;
    if (C->incomeBody())
      for (auto *L : C->incomeBody()->incomeLine()) {
        auto *Line = node<ast::IncomeLine>(L);
        Line->CarryOver = L->KW_CARRYOVER() != nullptr;
        if (Line->CarryOver)
          Line->CarryOverRange = FS.span(L->KW_CARRYOVER()->getSymbol());
        Line->Fund = name(L->name());
        Line->Amount = amount(L->amount());
        Lines.push_back(Line);
      }
    N->Lines = keep(Lines);
    return N;
  }

  ast::Basic *basic(BudParser::BasicBlockContext *C) {
    auto *N = node<ast::Basic>(C);
    N->Function = code(C->NUMBER(), {"function code", "功能科目编码"});
    N->Name = name(C->name());
    std::vector<ast::Node *> Items;
    if (C->basicBody()) {
      Kids Stmts(C->basicBody());
      for (Ctx_t *I : Stmts.rules()) {
        if (I->getRuleIndex() == BudParser::RuleBasicLine) {
          auto *L = static_cast<BudParser::BasicLineContext *>(I);
          auto *Line = node<ast::BasicLine>(L);
          Line->Economic = code(L->NUMBER(), {"economic code", "经济科目编码"});
          Line->Name = name(L->name());
          Line->Amount = amount(L->amount());
          Items.push_back(Line);
        } else if (I->getRuleIndex() == BudParser::RuleSourceStmt) {
          auto *S = static_cast<BudParser::SourceStmtContext *>(I);
          auto *Src = node<ast::FundSource>(S);
          Src->CarryOver = S->KW_CARRYOVER() != nullptr;
          if (Src->CarryOver)
            Src->CarryOverRange = FS.span(S->KW_CARRYOVER()->getSymbol());
          Src->Fund = name(S->name());
          Items.push_back(Src);
        }
      }
    }
    N->Items = keep(Items);
    return N;
  }

  ast::Project *project(BudParser::ProjectDeclContext *C) {
    auto *N = node<ast::Project>(C);
    N->Id = anyCode(C->CODE() ? C->CODE() : C->NUMBER());
    N->Name = name(C->name());
    std::vector<ast::Node *> Items;
    if (auto *Body = Kids(C).rule<BudParser::ProjectBodyContext>(BudParser::RuleProjectBody)) {
      Kids Stmts(Body);
      for (Ctx_t *X : Stmts.rules()) {
        switch (X->getRuleIndex()) {
        case BudParser::RuleIndicatorStmt:
          Items.push_back(indicator(static_cast<BudParser::IndicatorStmtContext *>(X)));
          break;
        case BudParser::RuleFunctionStmt:
        case BudParser::RuleEconomicStmt: {
          // 功能科目|经济科目 CODE [NAME]
          llvm::SmallVector<Token *, 16> T = tokensOf(X);
          Token *Code = nullptr, *Name = nullptr;
          for (Token *Tok : llvm::ArrayRef<Token *>(T).drop_front())
            if (Tok->getType() == BudLexer::NUMBER && !Code && !Name)
              Code = Tok;
            else if ((Tok->getType() == BudLexer::NAME || Tok->getType() == BudLexer::STRING) && !Name)
              Name = Tok;
          if (X->getRuleIndex() == BudParser::RuleFunctionStmt) {
            auto *R = node<ast::FunctionRef>(X);
            R->Id = code(Code, {"function code", "功能科目编码"});
            R->Name = Name ? word(Name) : ast::Text();
            Items.push_back(R);
          } else {
            auto *R = node<ast::EconomicRef>(X);
            R->Id = code(Code, {"economic code", "经济科目编码"});
            R->Name = Name ? word(Name) : ast::Text();
            Items.push_back(R);
          }
          break;
        }
        case BudParser::RuleAmountStmt: {
          // 金额 [-]AMOUNT [上年结转] FUND
          llvm::SmallVector<Token *, 16> T = tokensOf(X);
          size_t I = 0, E = T.size();
          auto Is = [&](size_t Type) { return I < E && T[I]->getType() == Type; };
          auto *L = node<ast::AmountLine>(X);
          if (Is(BudLexer::KW_AMOUNT))
            ++I;
          Token *Minus = Is(BudLexer::MINUS) ? T[I++] : nullptr;
          Token *Number = Is(BudLexer::NUMBER) || Is(BudLexer::QUANTITY) ? T[I++] : nullptr;
          if (Minus || Number)
            L->Amount = signedNumber(Span::cover(FS.span(Minus ? Minus : Number),
                                                 Number ? FS.span(Number) : Span()),
                                     ast::Comparator::None, Minus, Number);
          if (Is(BudLexer::KW_CARRYOVER)) {
            L->CarryOver = true;
            L->CarryOverRange = FS.span(T[I++]);
          }
          if (Is(BudLexer::NAME) || Is(BudLexer::STRING))
            L->Fund = word(T[I++]);
          Items.push_back(L);
          break;
        }
        case BudParser::RuleScheduleStmt: {
          // 支出计划 MONTH SHARE…
          auto *Sch = node<ast::Schedule>(X);
          llvm::SmallVector<Token *, 16> T = tokensOf(X);
          std::vector<ast::SchedulePoint> Points;
          for (size_t I = 1; I < T.size(); I += 2) {
            ast::SchedulePoint Pt;
            Pt.Month = bareQuantity(T[I]);
            if (I + 1 < T.size())
              Pt.Share = bareQuantity(T[I + 1]);
            Points.push_back(Pt);
          }
          Sch->Points = keep(Points);
          Items.push_back(Sch);
          break;
        }
        case BudParser::RuleGoalStmt:
          Items.push_back(goal(static_cast<BudParser::GoalStmtContext *>(X)));
          break;
        case BudParser::RuleAttr:
          Items.push_back(attr(static_cast<BudParser::AttrContext *>(X)));
          break;
        default: // nothing recognised
          break;
        }
      }
    }
    N->Items = keep(Items);
    return N;
  }

  ast::Goal *goal(BudParser::GoalStmtContext *C) {
    auto *N = node<ast::Goal>(C);
    Kids K(C);
    tree::TerminalNode *Statement = K.token(BudLexer::STRING);
    N->Statement = word(Statement ? Statement : K.token(BudLexer::TEXT_BLOCK));
    N->HasBlock = K.token(BudLexer::LBRACE) != nullptr;
    std::vector<ast::Indicator *> Inds;
    if (auto *Body = K.rule<BudParser::GoalBodyContext>(BudParser::RuleGoalBody)) {
      Kids Stmts(Body);
      for (Ctx_t *I : Stmts.rules())
        if (I->getRuleIndex() == BudParser::RuleIndicatorStmt)
          Inds.push_back(indicator(static_cast<BudParser::IndicatorStmtContext *>(I)));
    }
    N->Indicators = keep(Inds);
    return N;
  }

  /// 指标 [PATH] NAME [VALUE] [描述 TEXT] [依据 WORD]: one rule of tokens, read in order.
  ast::Indicator *indicator(BudParser::IndicatorStmtContext *C) {
    auto *N = node<ast::Indicator>(C);
    llvm::SmallVector<Token *, 16> T = tokensOf(C);
    size_t I = 0, E = T.size();
    auto Is = [&](size_t Type) { return I < E && T[I]->getType() == Type; };
    if (Is(BudLexer::KW_INDICATOR))
      ++I;
    if (I + 1 < E && Is(BudLexer::NAME) && T[I + 1]->getType() == BudLexer::SLASH) {
      // The path: NAME / NAME [/ NAME]…
      std::vector<ast::Text> Path;
      Span R = FS.span(T[I]);
      Path.push_back(word(T[I++]));
      while (Is(BudLexer::SLASH)) {
        R = Span::cover(R, FS.span(T[I++]));
        if (!Is(BudLexer::NAME))
          break;
        R = Span::cover(R, FS.span(T[I]));
        Path.push_back(word(T[I++]));
      }
      if (Path.size() != 2)
        FS.Diags.report(R, diag::IndicatorPathDepth,
                        {FS.bytes().slice(R.Begin, R.End).str(), std::to_string(Path.size())});
      N->Path = keep(Path);
    }
    if (Is(BudLexer::NAME) || Is(BudLexer::STRING))
      N->Name = word(T[I++]);
    // The value: [comparator] ([-] number | date), or a text, or a word.
    Token *Cmp = I < E && comparatorOf(T[I]->getType()) != ast::Comparator::None ? T[I++] : nullptr;
    if (Cmp || Is(BudLexer::MINUS) || Is(BudLexer::NUMBER) || Is(BudLexer::QUANTITY)) {
      N->HasValue = true;
      if (Cmp && Is(BudLexer::DATE)) {
        N->Val.K = ast::Value::Date;
        N->Val.Word = date(T[I++]);
        N->Val.Num.Cmp = comparatorOf(Cmp->getType());
        N->Val.Num.Range = FS.span(Cmp);
      } else {
        Span R = FS.span(Cmp ? Cmp : T[std::min(I, E - 1)]);
        Token *Minus = Is(BudLexer::MINUS) ? T[I++] : nullptr;
        Token *Number = nullptr;
        if (Is(BudLexer::NUMBER) || Is(BudLexer::QUANTITY)) {
          Number = T[I++];
          R = Span::cover(R, FS.span(Number));
        }
        N->Val.K = ast::Value::Number;
        N->Val.Num = signedNumber(R, Cmp ? comparatorOf(Cmp->getType()) : ast::Comparator::None,
                                  Minus, Number);
      }
    } else if (Is(BudLexer::DATE)) {
      N->HasValue = true;
      N->Val.K = ast::Value::Date;
      N->Val.Word = date(T[I++]);
    } else if (Is(BudLexer::STRING)) {
      N->HasValue = true;
      N->Val.K = ast::Value::String;
      N->Val.Word = word(T[I++]);
    } else if (Is(BudLexer::NAME)) {
      N->HasValue = true;
      N->Val.K = ast::Value::Name;
      N->Val.Word = word(T[I++]);
    }
    if (Is(BudLexer::KW_DESC)) {
      ++I;
      if (Is(BudLexer::STRING) || Is(BudLexer::TEXT_BLOCK))
        N->Description = word(T[I++]);
    }
    if (Is(BudLexer::KW_BASIS)) {
      ++I;
      if (Is(BudLexer::NAME) || Is(BudLexer::STRING))
        N->Basis = word(T[I++]);
    }
    return N;
  }

  ast::Declare *declare(BudParser::DeclareKeyContext *Key, BudParser::AmountContext *Amount,
                        tree::TerminalNode *Brace, BudParser::DeclareBodyContext *Body,
                        Ctx_t *Whole) {
    auto *N = node<ast::Declare>(Whole);
    std::vector<ast::Text> Parts;
    if (Key)
      for (auto *P : Key->keyPart()) {
        if (P->NUMBER())
          Parts.push_back(word(P->NUMBER()));
        else if (auto *K = P->nounKeyword())
          Parts.push_back(word(dynamic_cast<tree::TerminalNode *>(K->children[0])));
        else
          Parts.push_back(word(P->NAME() ? P->NAME() : P->STRING()));
      }
    N->Key = keep(Parts);
    N->Amount = amount(Amount);
    N->HasBlock = Brace != nullptr;
    std::vector<ast::Declare *> Children;
    if (Body)
      for (auto *I : Body->declareItem())
        Children.push_back(declare(I->declareKey(), I->amount(), I->LBRACE(), I->declareBody(), I));
    N->Children = keep(Children);
    return N;
  }

  ast::Section *section(BudParser::SectionStmtContext *C) {
    auto *N = node<ast::Section>(C);
    N->Title = name(C->name());
    N->Body = text(C->text());
    return N;
  }

  ast::Glossary *glossary(BudParser::GlossaryBlockContext *C) {
    auto *N = node<ast::Glossary>(C);
    std::vector<ast::GlossaryEntry *> Entries;
    if (C->glossaryBody())
      for (auto *E : C->glossaryBody()->glossaryEntry()) {
        auto *Entry = node<ast::GlossaryEntry>(E);
        if (E->name())
          Entry->Term = name(E->name());
        else if (E->nounKeyword())
          Entry->Term = word(dynamic_cast<tree::TerminalNode *>(E->nounKeyword()->children[0]));
        Entry->Definition = text(E->text());
        Entries.push_back(Entry);
      }
    N->Entries = keep(Entries);
    return N;
  }

  ast::Performance *performance(BudParser::PerformanceBlockContext *C) {
    auto *N = node<ast::Performance>(C);
    std::vector<ast::Node *> Items;
    if (C->performanceBody())
      for (auto *I : C->performanceBody()->performanceItem()) {
        if (I->sectionStmt())
          Items.push_back(section(I->sectionStmt()));
        else if (auto *A = I->areaBlock()) {
          auto *Ar = node<ast::Area>(A);
          Ar->Name = name(A->name());
          std::vector<ast::Node *> Sub;
          if (A->areaBody())
            for (auto *X : A->areaBody()->areaItem()) {
              if (X->goalStmt())
                Sub.push_back(goal(X->goalStmt()));
              else if (X->indicatorStmt())
                Sub.push_back(indicator(X->indicatorStmt()));
            }
          Ar->Items = keep(Sub);
          Items.push_back(Ar);
        } else if (I->goalStmt())
          Items.push_back(goal(I->goalStmt()));
        else if (I->indicatorStmt())
          Items.push_back(indicator(I->indicatorStmt()));
      }
    N->Items = keep(Items);
    return N;
  }

public:
  /// The parsed tokens (token rules are read from here).
  TokenStream *Stream = nullptr;
  /// Tokens that were unterminated strings before they were retyped as STRING.
  llvm::SmallPtrSet<const Token *, 4> Unclosed;
  /// The "// budc:allow" comments of the file.
  std::vector<ast::Suppression> Suppressions;

private:
  FileState &FS;
  ast::Context &Ctx;
};

//===----------------------------------------------------------------------===//
// Lexical clean-up
//===----------------------------------------------------------------------===//

/// The ASCII twin of a full-width character, and the token type it stands for (0 when it has
/// none the grammar could use).
std::pair<char, size_t> asciiTwin(char32_t CP) {
  char C = static_cast<char>(CP - 0xFF01 + 0x21);
  switch (C) {
  case '=': return {C, BudLexer::EQ};
  case '>': return {C, BudLexer::GT};
  case '<': return {C, BudLexer::LT};
  case ';': return {C, BudLexer::SEMI};
  case '{': return {C, BudLexer::LBRACE};
  case '}': return {C, BudLexer::RBRACE};
  case '/': return {C, BudLexer::SLASH};
  case '-': return {C, BudLexer::MINUS};
  default: return {C, 0};
  }
}

/// Reads "// budc:allow BUD401[,BUD402] reason". It applies to its own line when code
/// precedes it there, else to the line of the next token of code.
ast::Suppression suppression(Token *Comment, const std::vector<std::unique_ptr<Token>> &Tokens,
                             size_t Index, FileState &FS) {
  ast::Suppression S;
  S.Range = FS.span(Comment);
  llvm::StringRef Text = FS.textOf(Comment).drop_front(2).ltrim().drop_front(strlen("budc:allow"));
  Text = Text.ltrim();
  S.Code = Text.take_until([](char C) { return C == ' ' || C == '\t'; });
  S.Reason = Text.drop_front(S.Code.size()).trim();
  size_t Line = Comment->getLine();
  bool CodeBefore = false;
  for (size_t J = Index; J-- > 0;) {
    if (Tokens[J]->getType() == BudLexer::NL)
      break;
    if (Tokens[J]->getChannel() == Token::DEFAULT_CHANNEL) {
      CodeBefore = true;
      break;
    }
  }
  S.TargetLine = static_cast<unsigned>(Line);
  if (!CodeBefore) {
    for (size_t J = Index + 1; J < Tokens.size(); ++J) {
      size_t Type = Tokens[J]->getType();
      if (Type != BudLexer::NL && Type != BudLexer::COMMENT) {
        // The lexer counts lines at \n only; take the line from our own table instead.
        S.TargetLine = FS.SM.getLineCol(FS.FileID, FS.span(Tokens[J].get()).Begin).Line;
        break;
      }
    }
  } else {
    S.TargetLine = FS.SM.getLineCol(FS.FileID, S.Range.Begin).Line;
  }
  return S;
}

/// Reports lexical errors and returns the tokens the parser should see: unterminated strings
/// become strings, full-width twins of punctuation become the punctuation, and invalid
/// characters are dropped.
std::vector<std::unique_ptr<Token>> cleanTokens(std::vector<std::unique_ptr<Token>> Tokens,
                                                FileState &FS, Builder &B) {
  std::vector<std::unique_ptr<Token>> Out;
  Out.reserve(Tokens.size());
  for (size_t I = 0; I < Tokens.size(); ++I) {
    std::unique_ptr<Token> &T = Tokens[I];
    Span S = FS.span(T.get());
    switch (T->getType()) {
    case BudLexer::BAD_STRING:
      FS.Diags.report({S.File, S.Begin, S.Begin + 1}, diag::UnterminatedString);
      static_cast<CommonToken *>(T.get())->setType(BudLexer::STRING);
      B.Unclosed.insert(T.get());
      break;
    case BudLexer::BAD_TEXT_BLOCK:
      FS.Diags.report({S.File, S.Begin, S.Begin + 3}, diag::UnterminatedTextBlock);
      static_cast<CommonToken *>(T.get())->setType(BudLexer::TEXT_BLOCK);
      break;
    case BudLexer::FULLWIDTH: {
      // One diagnostic for a run of adjacent full-width characters (１００ → 100).
      std::string Wide, Ascii;
      Span Run = S;
      size_t Type = 0, Count = 0;
      for (size_t J = I; J < Tokens.size() && Tokens[J]->getType() == BudLexer::FULLWIDTH &&
                         (J == I || Tokens[J]->getStartIndex() == Tokens[J - 1]->getStopIndex() + 1);
           ++J, ++Count) {
        auto [A, T2] = asciiTwin(FS.Decoded.CodePoints[Tokens[J]->getStartIndex()]);
        Wide += FS.textOf(Tokens[J].get()).str();
        Ascii += A;
        Type = T2;
        Run = Span::cover(Run, FS.span(Tokens[J].get()));
      }
      FS.Diags.report(Run, diag::FullWidthCharacter, {Wide, Ascii}).fixIt(Run, Ascii);
      if (Count == 1 && Type) { // a lone ＝ ； ｛ … stands for its ASCII twin
        static_cast<CommonToken *>(T.get())->setType(Type);
        break;
      }
      I += Count - 1; // the run is dropped
      continue;
    }
    case BudLexer::ERROR_CHAR: {
      char32_t CP = FS.Decoded.CodePoints[T->getStartIndex()];
      if (CP == 0xFFFD && std::binary_search(FS.Decoded.InvalidOffsets.begin(),
                                             FS.Decoded.InvalidOffsets.end(), S.Begin))
        continue; // already reported as invalid UTF-8
      char Hex[16];
      std::snprintf(Hex, sizeof Hex, "U+%04X", static_cast<unsigned>(CP));
      bool Printable = CP >= 0x20 && CP != 0x7F && CP != 0xFFFD;
      std::string Shown =
          Printable ? quote(FS.textOf(T.get()), Lang::En) + " (" + Hex + ")" : std::string(Hex);
      std::string ShownZh =
          Printable ? quote(FS.textOf(T.get()), Lang::Zh) + "（" + Hex + "）" : " " + std::string(Hex);
      FS.Diags.report(S, diag::InvalidCharacter, {Shown, Hex}).zh({ShownZh, Hex});
      continue;
    }
    default:
      break;
    }
    Out.push_back(std::move(T));
  }
  return Out;
}

/// Reports nesting deeper than the limit; true when the file may be parsed.
bool checkNesting(const std::vector<std::unique_ptr<Token>> &Tokens, FileState &FS,
                  unsigned Max) {
  unsigned Depth = 0;
  for (const auto &T : Tokens) {
    if (T->getType() == BudLexer::LBRACE && ++Depth > Max) {
      FS.Diags.report(FS.span(T.get()), diag::NestingTooDeep, {std::to_string(Max)});
      return false;
    }
    if (T->getType() == BudLexer::RBRACE && Depth)
      --Depth;
  }
  return true;
}

void reportInvalidUtf8(FileState &FS) {
  llvm::StringRef Bytes = FS.bytes();
  uint32_t LastEnd = UINT32_MAX;
  for (uint32_t Off : FS.Decoded.InvalidOffsets) {
    // One diagnostic per run of adjacent bad bytes.
    if (Off != LastEnd) {
      char Hex[8];
      std::snprintf(Hex, sizeof Hex, "%02X", static_cast<unsigned char>(Bytes[Off]));
      FS.Diags.report({FS.FileID, Off, Off + 1}, diag::InvalidUtf8, {Hex});
    }
    LastEnd = Off + 1;
  }
}

/// Whether \p C is in the lexer's CJK fragment.
bool isCjk(char32_t C) {
  return (C >= 0x3400 && C <= 0x4DBF) || (C >= 0x4E00 && C <= 0x9FFF) ||
         (C >= 0xF900 && C <= 0xFAFF) || (C >= 0x20000 && C <= 0x2FFFF);
}

/// The code points the lexer sees (grammar/BudLexer.g4, "folded input"): one code point below
/// 128 for each class of characters the lexer's rules treat alike, so that its DFA cache, which
/// covers only code points below 128, serves every character. Tokens keep their positions, and
/// their text is always read from the original buffer.
std::u32string foldForLexer(const std::u32string &CodePoints) {
  std::u32string Out = CodePoints;
  for (char32_t &C : Out) {
    if (C >= 0x20 && C < 0x7F)
      continue;
    if (C == '\t' || C == '\n' || C == '\r')
      continue;
    if (isCjk(C)) {
      C = 0x7F;
      continue;
    }
    switch (C) {
    case 0xFF08: C = 0x0E; break;                       // （
    case 0x3010: case 0x3014: case 0x300A: case 0x300C: // 【 〔 《 「
    case 0x201C: case 0x2018: C = 0x0F; break;          // “ ‘
    case 0xFF09: C = 0x10; break;                       // ）
    case 0x3011: case 0x3015: case 0x300B: case 0x300D: // 】 〕 》 」
    case 0x201D: case 0x2019: case 0x3001: C = 0x11; break; // ” ’ 、
    case 0x00B7: C = 0x12; break;                       // ·
    case 0x2030: C = 0x13; break;                       // ‰
    case 0x2265: C = 0x14; break;                       // ≥
    case 0x2264: C = 0x15; break;                       // ≤
    case 0x2260: C = 0x16; break;                       // ≠
    case 0x3000: case 0xFEFF: C = 0x17; break;          // wide spaces
    default:
      C = (C >= 0xFF01 && C <= 0xFF5E) ? char32_t(0x18) : char32_t(0x01); // full-width twin, or invalid
    }
  }
  return Out;
}

/// The keyword a NAME spells exactly (its Chinese spelling), or NAME.
size_t keywordOf(llvm::StringRef Text) {
  static const llvm::StringMap<size_t> Keywords = [] {
    llvm::StringMap<size_t> Map;
    for (size_t T = BudLexer::KW_INCLUDE; T <= BudLexer::KW_TEMPLATE; ++T)
      Map[keywordSpelling(T)] = T;
    return Map;
  }();
  if (Text.size() > 15) // the longest keyword has five characters
    return BudLexer::NAME;
  auto It = Keywords.find(Text);
  return It == Keywords.end() ? size_t(BudLexer::NAME) : It->second;
}

/// The DFA of a recognizer's ATN, shared by every thread (the generated recognizers' own are
/// private), one per grammar: \p Tag tells them apart.
template <class Tag> struct SharedDFA {
  std::vector<dfa::DFA> DFAs;
  atn::PredictionContextCache Contexts;

  static SharedDFA &get(const atn::ATN &ATN) {
    static SharedDFA S = [&] {
      SharedDFA Out;
      for (size_t I = 0; I < ATN.getNumberOfDecisions(); ++I)
        Out.DFAs.emplace_back(ATN.getDecisionState(I), I);
      return Out;
    }();
    return S;
  }
};

/// Per-thread copies of DFA edges. ANTLR 4.9 looks every DFA edge up in a hash map under a
/// process-wide lock (a mutex and a condition variable): once per character in the lexer,
/// once per prediction step in the parser, and with files parsed on several threads the lock
/// was contended. DFA states and their edges are never removed or changed once added, so each
/// thread keeps the edges it has seen in flat arrays, indexed by decision, state number and
/// symbol, and asks the runtime (under its lock) only on a miss.
template <size_t Symbols> class EdgeCache {
public:
  using Lookup = llvm::function_ref<dfa::DFAState *()>;
  using Row = std::array<dfa::DFAState *, Symbols>;

  /// This thread's edges of decision \p Decision, by state number: a loop over many symbols
  /// looks them up here directly (the reference stays valid while only that decision's rows
  /// grow).
  static std::vector<Row> &rows(size_t Decision) {
    std::vector<std::vector<Row>> &Edges = all();
    if (Decision >= Edges.size())
      Edges.resize(Decision + 1);
    return Edges[Decision];
  }

  /// The target of edge \p Symbol from \p S in decision \p Decision's DFA, from this
  /// thread's copy or else from \p Runtime (which returns null while it has none).
  static dfa::DFAState *get(size_t Decision, dfa::DFAState *S, size_t Symbol, Lookup Runtime) {
    if (Symbol >= Symbols || S->stateNumber < 0)
      return Runtime();
    std::vector<Row> &Rows = rows(Decision);
    size_t N = static_cast<size_t>(S->stateNumber);
    if (N < Rows.size() && Rows[N][Symbol])
      return Rows[N][Symbol];
    dfa::DFAState *Target = Runtime();
    if (Target) {
      if (N >= Rows.size())
        Rows.resize(N + 1, Row{});
      Rows[N][Symbol] = Target;
    }
    return Target;
  }

private:
  static std::vector<std::vector<Row>> &all() {
    thread_local std::vector<std::vector<Row>> Edges;
    return Edges;
  }
};

/// The lexer's ATN simulator with the per-thread edge cache (folded input: symbols < 128).
class CachingLexerSimulator final : public atn::LexerATNSimulator {
public:
  explicit CachingLexerSimulator(Lexer *L)
      : LexerATNSimulator(L, L->getATN(), SharedDFA<BudLexer>::get(L->getATN()).DFAs,
                          SharedDFA<BudLexer>::get(L->getATN()).Contexts) {}

  /// The runtime's match() without its per-token std::function (antlrcpp::finally) and
  /// without mark()/release(), which do nothing on an ANTLRInputStream.
  size_t match(CharStream *Input, size_t Mode) override {
    _mode = Mode;
    _startIndex = Input->index();
    _prevAccept = SimState();
    const dfa::DFA &DFA = _decisionToDFA[Mode];
    return DFA.s0 ? execATN(Input, DFA.s0) : matchATN(Input);
  }

protected:
  /// The runtime's DFA walk over one token's characters, with the same result, without its
  /// four virtual calls per character (LA, consume twice, and captureSimState at every
  /// accepting state: inside a name, that is every character). Only the edges it has not seen
  /// yet go to the runtime, which reads the stream at the walk's position.
  size_t execATN(CharStream *Input, dfa::DFAState *S0) override {
    auto *In = static_cast<CodePointStream *>(Input); // FileLexer's: the only one lexed
    const char32_t *Data = In->data();
    size_t Size = In->size(), P = In->position();
    size_t Line = _line, Column = _charPositionInLine;
    dfa::DFAState *Accept = nullptr; // the last accepting state passed, and where
    size_t AcceptP = 0, AcceptLine = 0, AcceptColumn = 0;
    auto Passed = [&](dfa::DFAState *S) {
      Accept = S;
      AcceptP = P;
      AcceptLine = Line;
      AcceptColumn = Column;
    };
    if (S0->isAcceptState)
      Passed(S0);
    dfa::DFAState *S = S0;
    size_t T = P < Size ? size_t(Data[P]) : size_t(Token::EOF);
    std::vector<EdgeCache<128>::Row> &Rows = EdgeCache<128>::rows(0); // the lexer's one decision
    while (true) {
      dfa::DFAState *Target = nullptr;
      if (T < 128 && S->stateNumber >= 0 && size_t(S->stateNumber) < Rows.size())
        Target = Rows[size_t(S->stateNumber)][T];
      if (!Target)
        Target = EdgeCache<128>::get(
            0, S, T, [&] { return LexerATNSimulator::getExistingTargetState(S, T); });
      if (!Target) {
        In->setPosition(P);
        _line = Line;
        _charPositionInLine = Column;
        Target = computeTargetState(Input, S, T);
      }
      if (Target == ERROR.get())
        break;
      if (T != Token::EOF) {
        if (T == '\n') {
          ++Line;
          Column = 0;
        } else {
          ++Column;
        }
        ++P;
      }
      if (Target->isAcceptState) {
        Passed(Target);
        if (T == Token::EOF)
          break;
      }
      T = P < Size ? size_t(Data[P]) : size_t(Token::EOF);
      S = Target;
    }
    // Accept at the last accepting state, as failOrAccept() and accept() would (the grammar
    // has no lexer actions to run), without their copy of a shared pointer per token.
    if (Accept) {
      In->setPosition(AcceptP);
      _line = AcceptLine;
      _charPositionInLine = AcceptColumn;
      if (!Accept->lexerActionExecutor)
        return Accept->prediction;
      captureSimState(Input, Accept);
    }
    In->setPosition(P);
    _line = Line;
    _charPositionInLine = Column;
    return failOrAccept(Input, S->configs.get(), T);
  }
};

/// The parser's ATN simulator with the per-thread edge cache; the cache's symbols are token
/// types + 1, so that EOF (-1) is 0.
class CachingParserSimulator final : public atn::ParserATNSimulator {
public:
  explicit CachingParserSimulator(Parser *P)
      : ParserATNSimulator(P, P->getATN(), SharedDFA<BudParser>::get(P->getATN()).DFAs,
                           SharedDFA<BudParser>::get(P->getATN()).Contexts) {}

private:
  dfa::DFAState *getExistingTargetState(dfa::DFAState *Previous, size_t T) override {
    return EdgeCache<64>::get(_dfa->decision, Previous, T + 1, [&] {
      return ParserATNSimulator::getExistingTargetState(Previous, T);
    });
  }
};

/// The lexer of one file over its folded text. Tokens point at both (error recovery asks a
/// token for its source), so it outlives them.
struct FileLexer {
  CodePointStream Input;
  BudLexer Lexer;
  CachingLexerSimulator *Sim;
  explicit FileLexer(const FileState &FS)
      : Input(foldForLexer(FS.Decoded.CodePoints), FS.SM.getPath(FS.FileID)), Lexer(&Input),
        Sim(new CachingLexerSimulator(&Lexer)) {
    Lexer.removeErrorListeners(); // ERROR_CHAR makes the lexer total; nothing reaches it
    // setInterpreter deletes the generated interpreter; the lexer deletes ours.
    Lexer.setInterpreter(Sim);
  }
};

/// A token made without asking the lexer for its line (CommonToken's constructor does, through
/// another dynamic_cast of the interpreter).
class LexedToken final : public CommonToken {
public:
  LexedToken(std::pair<TokenSource *, CharStream *> Source, size_t Type, size_t Channel,
             size_t Start, size_t Stop, size_t Line, size_t Column)
      : CommonToken(Type) {
    _source = Source;
    _channel = Channel;
    _start = Start;
    _stop = Stop;
    _line = Line;
    _charPositionInLine = Column;
  }
};

/// Every token of a file but spaces, comments on the hidden channel, Chinese keywords told
/// apart from names. This is Lexer::getAllTokens without the runtime's per-token costs: its
/// nextToken() dynamic_casts the interpreter five times a token, and the grammar's lexer
/// actions (-> skip, -> channel) ran through another cast each; the grammar has no actions,
/// spaces are dropped and comments hidden here instead.
std::vector<std::unique_ptr<Token>> lexAll(const FileState &FS, FileLexer &L) {
  std::vector<std::unique_ptr<Token>> Tokens;
  Tokens.reserve(L.Input.size() / 4);
  std::pair<TokenSource *, CharStream *> Source{&L.Lexer, &L.Input};
  while (L.Input.LA(1) != Token::EOF) {
    size_t Start = L.Input.index();
    size_t Line = L.Sim->getLine(), Column = L.Sim->getCharPositionInLine();
    size_t Type = L.Sim->match(&L.Input, Lexer::DEFAULT_MODE);
    if (Type == BudLexer::WS)
      continue;
    size_t Channel = Type == BudLexer::COMMENT ? Token::HIDDEN_CHANNEL : Token::DEFAULT_CHANNEL;
    Tokens.push_back(std::make_unique<LexedToken>(Source, Type, Channel, Start,
                                                  L.Input.index() - 1, Line, Column));
  }
  for (std::unique_ptr<Token> &T : Tokens)
    if (T->getType() == BudLexer::NAME)
      static_cast<CommonToken *>(T.get())->setType(keywordOf(FS.textOf(T.get())));
  return Tokens;
}

/// A CommonTokenStream over a file's tokens, all of them handed over at once, the EOF token
/// last, and all on the default channel (comments are left out: the parser never sees
/// them). The runtime's ListTokenSource gave tokens one by one, each through a virtual call
/// and a dynamic_cast to set its index; and with every token on one channel, looking ahead
/// and consuming are an index away instead of a channel search.
class TokenList final : public CommonTokenStream {
public:
  TokenList(TokenSource *Source, std::vector<std::unique_ptr<Token>> All)
      : CommonTokenStream(Source) {
    _tokens = std::move(All);
    Types.reserve(_tokens.size());
    for (size_t I = 0; I < _tokens.size(); ++I) {
      static_cast<CommonToken *>(_tokens[I].get())->setTokenIndex(I); // all are ours
      Types.push_back(_tokens[I]->getType());
    }
    _fetchedEOF = true;
    lazyInit(); // sets up now, so that it never moves the position later
  }

  Token *LT(ssize_t K) override {
    if (K <= 0)
      return CommonTokenStream::LT(K);
    return _tokens[std::min(_p + static_cast<size_t>(K) - 1, _tokens.size() - 1)].get();
  }

  /// The type of a token ahead, from a flat array: the generated parser asks for LA(1) at
  /// every decision, and the tokens themselves are scattered over the heap.
  size_t LA(ssize_t K) override {
    if (K <= 0)
      return CommonTokenStream::LA(K);
    return Types[std::min(_p + static_cast<size_t>(K) - 1, Types.size() - 1)];
  }

  void consume() override {
    if (_p + 1 >= _tokens.size())
      throw IllegalStateException("cannot consume EOF");
    ++_p;
  }

protected:
  size_t fetch(size_t) override { return 0; }

private:
  std::vector<size_t> Types; ///< Of each token; tokens never change type after lexing.
};

/// The generated parser, adding each rule context to its parent without the runtime's
/// dynamic_cast (every parent is a ParserRuleContext), and keeping no tree node for the
/// tokens of token rules and for line breaks between statements: the builder reads those
/// from the token stream. Three tokens in four are such; each node was an allocation, a
/// child pointer and a virtual call to tell it from a rule. Tokens that error recovery skips
/// still become error nodes.
class TreeParser final : public BudParser {
public:
  using BudParser::BudParser;

  Token *consume() override {
    Token *T = getCurrentToken();
    size_t Rule = _ctx ? _ctx->getRuleIndex() : SIZE_MAX;
    bool Kept = !(isTokenRule(Rule) || ((T->getType() == BudLexer::NL ||
                                         T->getType() == BudLexer::SEMI) &&
                                        isListRule(Rule)));
    if (Kept || _errHandler->inErrorRecoveryMode(this))
      return BudParser::consume();
    if (T->getType() != Token::EOF)
      getInputStream()->consume();
    return T;
  }

protected:
  void addContextToParseTree() override {
    if (_ctx->parent)
      static_cast<ParserRuleContext *>(_ctx->parent)->addChild(_ctx);
  }
};

} // namespace

ast::File *parseFile(const SourceManager &SM, unsigned FileID, ast::Context &Ctx,
                     DiagEngine &Diags, const ParseOptions &Opts) {
  FileState FS{SM, FileID, decodeUtf8(SM.getText(FileID)), Diags};
  reportInvalidUtf8(FS);
  Builder B(FS, Ctx);
  auto Empty = [&] {
    auto *F = Ctx.make<ast::File>();
    F->Path = Ctx.save(SM.getPath(FileID));
    F->Range = {FileID, 0, static_cast<uint32_t>(FS.bytes().size())};
    F->Suppressions = Ctx.copy(llvm::ArrayRef<ast::Suppression>(B.Suppressions));
    return F;
  };
  // ANTLR reports through exceptions; they are caught inside the runtime and the error
  // strategy. Anything that still escapes is a bug in budc and reaches the driver's handler.
  FileLexer L(FS);
  std::vector<std::unique_ptr<Token>> Raw = lexAll(FS, L);
  for (size_t I = 0; I < Raw.size(); ++I)
    if (Raw[I]->getType() == BudLexer::COMMENT &&
        FS.textOf(Raw[I].get()).drop_front(2).ltrim().startswith("budc:allow"))
      B.Suppressions.push_back(suppression(Raw[I].get(), Raw, I, FS));
  std::vector<std::unique_ptr<Token>> Tokens = cleanTokens(std::move(Raw), FS, B);
  if (!checkNesting(Tokens, FS, Opts.MaxNesting))
    return Empty();
  // The parser sees no comments (suppressions were read above).
  llvm::erase_if(Tokens, [](const std::unique_ptr<Token> &T) {
    return T->getChannel() != Token::DEFAULT_CHANNEL;
  });
  // An empty file (or one of only spaces, comments and invalid characters) has no statements
  // to parse.
  if (Tokens.empty())
    return Empty();
  // The end of the file, just after the last token (its place in messages: FileState::span).
  const Token *Last = Tokens.back().get();
  size_t End = Last->getStopIndex() + 1;
  Tokens.push_back(std::make_unique<LexedToken>(std::pair<TokenSource *, CharStream *>{&L.Lexer, &L.Input},
                                                Token::EOF, Token::DEFAULT_CHANNEL, End, End - 1,
                                                Last->getLine(), Last->getCharPositionInLine()));
  TokenList Stream(&L.Lexer, std::move(Tokens));
  TreeParser Parser(&Stream);
  // setInterpreter deletes the generated interpreter; the parser deletes ours.
  Parser.setInterpreter(new CachingParserSimulator(&Parser));
  Parser.removeErrorListeners();
  Parser.setErrorHandler(std::make_shared<ErrorStrategy>(FS));
  Parser.getInterpreter<atn::ParserATNSimulator>()->setPredictionMode(
      Opts.FullLL ? atn::PredictionMode::LL : atn::PredictionMode::SLL);
  BudParser::FileContext *Tree = Parser.file();
  B.Stream = &Stream;
  return B.file(Tree, SM.getPath(FileID));
}

std::vector<LexToken> lexFile(const SourceManager &SM, unsigned FileID) {
  DiagEngine Ignored;
  FileState FS{SM, FileID, decodeUtf8(SM.getText(FileID)), Ignored};
  FileLexer Lexer(FS);
  std::vector<LexToken> Out;
  for (const std::unique_ptr<Token> &T : lexAll(FS, Lexer)) {
    LexToken L;
    Span S = FS.span(T.get());
    L.Begin = S.Begin;
    L.End = S.End;
    size_t Type = T->getType();
    if (isKeyword(Type))
      L.K = LexToken::Keyword;
    else
      switch (Type) {
      case BudLexer::NAME: L.K = LexToken::Name; break;
      case BudLexer::STRING: L.K = LexToken::String; break;
      case BudLexer::TEXT_BLOCK: L.K = LexToken::TextBlock; break;
      case BudLexer::NUMBER: L.K = LexToken::Number; break;
      case BudLexer::QUANTITY: L.K = LexToken::Quantity; break;
      case BudLexer::CODE: L.K = LexToken::Code; break;
      case BudLexer::DATE: L.K = LexToken::Date; break;
      case BudLexer::LBRACE: L.K = LexToken::LBrace; break;
      case BudLexer::RBRACE: L.K = LexToken::RBrace; break;
      case BudLexer::LBRACK: L.K = LexToken::LBrack; break;
      case BudLexer::RBRACK: L.K = LexToken::RBrack; break;
      case BudLexer::SEMI: L.K = LexToken::Semi; break;
      case BudLexer::SLASH: L.K = LexToken::Slash; break;
      case BudLexer::MINUS: L.K = LexToken::Minus; break;
      case BudLexer::GE:
      case BudLexer::LE:
      case BudLexer::NE:
      case BudLexer::GT:
      case BudLexer::LT: L.K = LexToken::Comparator; break;
      case BudLexer::EQ: L.K = LexToken::Eq; break;
      case BudLexer::NL: L.K = LexToken::Newline; break;
      case BudLexer::COMMENT: L.K = LexToken::Comment; break;
      default: L.K = LexToken::Other; break;
      }
    Out.push_back(L);
  }
  return Out;
}

void dump(llvm::raw_ostream &OS, const ast::File &F, const SourceManager &SM) {
  llvm::BumpPtrAllocator Arena;
  llvm::StringSaver Saver(Arena);
  ast::dump(OS, F, SM, [&](const ast::Text &T) {
    return textParts(T, SM, [&](llvm::StringRef S) { return Saver.save(S); });
  });
}

} // namespace budc::syntax

//===- errors.cpp - Syntax errors: recovery and messages --------------------===//
//
// Recovery is line by line: an error inside a statement skips the rest of its line, and a
// statement list goes on with the next line, inside the same block. Every step looks at a
// bounded number of tokens and rule contexts, so recovering from N errors costs O(N) whatever
// the file holds (tests/robustness/recovery_linear.test).
//
//===----------------------------------------------------------------------===//
#include "compiler/syntax/errors.h"

#include "compiler/source/utf8.h"

#include "BudParser.h"

#include <optional>

using namespace antlr4;
using budc::grammar::BudParser;

namespace budc::syntax {

Span spanOf(const TokenArray &Tokens, const antlr4::Token *T) {
  const TokenView *V = Tokens.own(T);
  if (!V)
    return {}; // conjured by error recovery
  Span S = V->span(Tokens.File);
  if (V->kind() == tok::Newline) // a line break is a place, not a character
    S.End = S.Begin;
  return S;
}

std::string quote(llvm::StringRef S, Lang L) {
  // (appended piece by piece: GCC 12 warns falsely about "…" + std::string, bug 105329)
  llvm::StringRef Open = L == Lang::Zh ? "“" : "'", Close = L == Lang::Zh ? "”" : "'";
  std::string Out;
  Out.reserve(Open.size() + S.size() + Close.size());
  Out.append(Open.data(), Open.size());
  Out.append(S.data(), S.size());
  Out.append(Close.data(), Close.size());
  return Out;
}

namespace {

//===----------------------------------------------------------------------===//
// How tokens and places are named in messages
//===----------------------------------------------------------------------===//

struct Words {
  const char *En;
  const char *Zh;
};

const char *pick(const Words &W, Lang L) { return L == Lang::Zh ? W.Zh : W.En; }


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

tok::Kind kindOf(const antlr4::Token *T) {
  size_t Type = T->getType();
  return Type == antlr4::Token::EOF || Type >= tok::NumKinds ? tok::EndOfFile : tok::Kind(Type);
}

/// "name '行政运行'", "the end of the line" … for the token that was found.
std::string describeToken(const antlr4::Token *T, const TokenArray &Tokens, Lang L) {
  tok::Kind K = kindOf(T);
  Span S = spanOf(Tokens, T);
  llvm::StringRef Text = Tokens.SM.getText(Tokens.File).slice(S.Begin, S.End);
  auto With = [&](Words Kind) {
    return std::string(pick(Kind, L)) + (L == Lang::Zh ? "" : " ") + quote(shorten(Text, 24), L);
  };
  switch (K) {
  case tok::EndOfFile:
    return pick({"the end of the file", "文件结尾"}, L);
  case tok::Newline:
    return pick({"the end of the line", "行尾"}, L);
  case tok::Name:
    return With({"name", "名称"});
  case tok::Number:
    return With({"number", "数字"});
  case tok::Quantity:
    return With({"quantity", "数量"});
  case tok::String:
    return std::string(pick({"string ", "字符串"}, L)) + shorten(Text, 24);
  case tok::TextBlock:
    return pick({"a text block", "文本块"}, L);
  case tok::Date:
    return With({"date", "日期"});
  case tok::Code:
    return With({"code", "编码"});
  default:
    if (isKeyword(K))
      return With({"keyword", "关键字"});
    return quote(Text, L);
  }
}

/// The construct a rule belongs to, for "… in a project".
const Words *constructOf(size_t Rule) {
  static const Words File{"the top level of the file", "文件顶层"},
      Budget{"the budget header", "预算声明"}, Department{"the department", "部门"},
      Unit{"a unit", "单位"}, Attr{"an attribute", "属性"}, Income{"the income block", "收入"},
      Basic{"a basic-expenditure block", "基本支出"}, Project{"a project", "项目"},
      ProjectSpending{"a project-expenditure block", "项目支出"},
      Split{"an amount's split by economic code", "金额的经济科目分解"},
      Function{"a function-code line", "功能科目"},
      Economic{"an economic-code line", "经济科目"}, AmountL{"a project amount line", "项目金额行"},
      BlockAmount{"an amount line", "金额行"},
      Schedule{"the spending schedule", "支出计划"}, Goal{"a goal", "目标"},
      Indicator{"an indicator", "指标"}, Citation{"a citation", "依据"},
      Declare{"a declared figure", "声明"}, Section{"a text section", "说明"},
      LastYear{"last year's figures", "上年"},
      Published{"a published table", "公开表"},
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
  case BudParser::RuleDeptBody:
  case BudParser::RuleDeptItem: return &Department;
  case BudParser::RuleUnitDecl:
  case BudParser::RuleUnitBody:
  case BudParser::RuleUnitItem: return &Unit;
  case BudParser::RuleAttr:
  case BudParser::RuleAttrBody:
  case BudParser::RuleAttrBlock:
  case BudParser::RuleTag: return &Attr;
  case BudParser::RuleIncomeBlock:
  case BudParser::RuleIncomeBody: return &Income;
  case BudParser::RuleIncomeLine: return &IncomeLine;
  case BudParser::RuleBasicBlock:
  case BudParser::RuleBasicBody:
  case BudParser::RuleBasicItem: return &Basic;
  case BudParser::RuleProjectSpendingBlock: return &ProjectSpending;
  case BudParser::RuleSplitBody: return &Split;
  case BudParser::RuleBasicLine: return &BasicLine;
  case BudParser::RuleSourceStmt: return &Source;
  case BudParser::RuleProjectDecl:
  case BudParser::RuleProjectBody:
  case BudParser::RuleProjectItem: return &Project;
  case BudParser::RuleFunctionStmt: return &Function;
  case BudParser::RuleEconomicStmt: return &Economic;
  case BudParser::RuleAmountStmt: return &AmountL;
  case BudParser::RuleBlockAmountStmt: return &BlockAmount;
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
  case BudParser::RuleLastYearStmt: return &LastYear;
  case BudParser::RulePublishedDecl:
  case BudParser::RulePublishedBody:
  case BudParser::RulePublishedRow: return &Published;
  case BudParser::RuleGlossaryBlock:
  case BudParser::RuleGlossaryBody:
  case BudParser::RuleGlossaryEntry: return &Glossary;
  case BudParser::RulePerformanceBlock:
  case BudParser::RulePerformanceBody:
  case BudParser::RulePerformanceItem: return &Performance;
  case BudParser::RuleAreaBlock:
  case BudParser::RuleAreaBody:
  case BudParser::RuleAreaItem: return &Area;
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

/// The block of attributes that \p Ctx (an attrBody) is the body of, in English and Chinese:
/// the procurement or assets table, the budget header, or an attribute's own block.
std::pair<std::string, std::string> attributeBlockOf(ParserRuleContext *Ctx) {
  ParserRuleContext *Block = Ctx ? dynamic_cast<ParserRuleContext *>(Ctx->parent) : nullptr;
  ParserRuleContext *Owner = Block ? dynamic_cast<ParserRuleContext *>(Block->parent) : nullptr;
  switch (Owner ? Owner->getRuleIndex() : static_cast<size_t>(BudParser::RuleFile)) {
  case BudParser::RuleAssetsBlock: return {"the state-assets table", "国有资产"};
  case BudParser::RuleProcurementBlock: return {"the procurement table", "政府采购"};
  case BudParser::RuleBudgetDecl: return {"the budget header", "预算声明"};
  case BudParser::RuleAttr: {
    auto *A = static_cast<BudParser::AttrContext *>(Owner);
    std::string Key = A->name() ? A->name()->getText() : "";
    if (Key.size() >= 2 && Key.front() == '"')
      Key = Key.substr(1, Key.size() - 2);
    return {"the block of '" + Key + "'", "“" + Key + "”的块"};
  }
  default: return {"an attribute's block", "属性的块"};
  }
}

/// Where a statement keyword belongs, for BUD016.
Words placeOf(tok::Kind K) {
  switch (K) {
  case tok::KwIndicator:
    return {"an indicator belongs in a project, a goal, an area (分项) or 整体绩效",
            "指标应写在项目、目标、分项或整体绩效中"};
  case tok::KwGoal:
    return {"a goal belongs in a project, an area (分项) or 整体绩效",
            "目标应写在项目、分项或整体绩效中"};
  case tok::KwFunction:
  case tok::KwEconomic:
  case tok::KwAmount:
  case tok::KwSchedule:
    return {"it belongs in a project", "它应写在项目中"};
  case tok::KwProject:
  case tok::KwIncome:
  case tok::KwBasic:
  case tok::KwDeclare:
    return {"it belongs at the top level of a file or in a unit", "它应写在文件顶层或单位中"};
  case tok::KwUnit:
    return {"a unit belongs at the top level of a file or in a department",
            "单位应写在文件顶层或部门中"};
  case tok::KwSection:
    return {"a text section belongs at the top level of a file or in 整体绩效",
            "说明应写在文件顶层或整体绩效中"};
  case tok::KwSource:
    return {"a fund source belongs in a 基本支出 block", "来源应写在基本支出块中"};
  case tok::KwArea:
    return {"an area belongs in 整体绩效", "分项应写在整体绩效中"};
  case tok::KwCarryover:
    return {"上年结转 stands before a fund source in 收入, 金额 or 来源",
            "上年结转应写在收入、金额或来源中的资金来源之前"};
  case tok::KwCarryforward:
    return {"结转下年 stands before a fund source in 收入", "结转下年应写在收入中的资金来源之前"};
  case tok::KwProjectSpending:
    return {"it belongs at the top level of a file or in a unit", "它应写在文件顶层或单位中"};
  case tok::KwDesc:
  case tok::KwBasis:
  case tok::KwWeight:
  case tok::KwCore:
  case tok::KwContent:
  case tok::KwScoring:
    return {"it follows an indicator's value on the indicator's line",
            "它应写在指标行中指标值之后"};
  case tok::KwNature:
    return {"it follows an indicator's value on the indicator's line, or is an attribute of a "
            "unit or a department",
            "它应写在指标行中指标值之后，或作为单位、部门的属性"};
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
  auto Has = [&](tok::Kind K) { return Set.contains(antlrType(K)); };
  unsigned Keywords = 0;
  for (unsigned K = tok::KwInclude; K <= tok::LastKeyword; ++K)
    Keywords += Has(tok::Kind(K));
  bool CodeRule = Rule == BudParser::RuleFunctionStmt || Rule == BudParser::RuleEconomicStmt ||
                  Rule == BudParser::RuleBasicBlock || Rule == BudParser::RuleBasicLine ||
                  Rule == BudParser::RuleDepartmentDecl || Rule == BudParser::RuleUnitDecl;

  if (Rule == BudParser::RuleScheduleStmt) {
    if (Has(tok::Quantity))
      Add({"a month and a percentage such as 3月 25%", "月份和百分比（如 3月 25%）"});
  } else if (Has(tok::Quantity) && Has(tok::String) && Rule == BudParser::RuleIndicatorStmt) {
    Add({"a value", "指标值"});

  } else if (Has(tok::Quantity)) {
    Add({"an amount", "金额"});
  } else if (Has(tok::Number)) {
    if (Rule == BudParser::RuleBudgetDecl)
      Add({"a year", "年度"});
    else if (CodeRule)
      Add({"a code", "编码"});
    else
      Add({"a number", "数字"});
  }
  if (Has(tok::Ge) && !Has(tok::Quantity))
    Add({"a comparator", "比较符"});
  bool DeclareRule = Rule == BudParser::RuleDeclareStmt || Rule == BudParser::RuleDeclareBody ||
                     Rule == BudParser::RuleDeclareItem || Rule == BudParser::RuleDeclareKey;
  if (DeclareRule) {
    // Keywords such as 功能科目 are nouns inside 声明; the key is "a name" below.
  } else if (Keywords >= 3) {
    Add({"a statement", "语句"});
  } else {
    for (unsigned K = tok::KwInclude; K <= tok::LastKeyword; ++K)
      if (Has(tok::Kind(K)))
        Items.emplace_back(quote(spelling(tok::Kind(K)), Lang::En),
                           quote(spelling(tok::Kind(K)), Lang::Zh));
  }
  if (Has(tok::Name) || (Has(tok::String) && !Has(tok::TextBlock)))
    Add({"a name", "名称"});
  if (Has(tok::TextBlock))
    Add({"a text in quotes", "带引号的文本"});
  // After an indicator's comparator: an amount or a date.
  bool ValueAfterComparator = Rule == BudParser::RuleIndicatorStmt && !Has(tok::String);
  if (Has(tok::Date) && (!Has(tok::Quantity) || ValueAfterComparator))
    Add({"a date", "日期"});
  if (Has(tok::Eq) && !Has(tok::Quantity))
    Add({"'='", "“=”"});
  if (Has(tok::Slash))
    Add({"'/'", "“/”"});
  if (Has(tok::LBrace))
    Add({"'{'", "“{”"});
  if (Has(tok::RBrace))
    Add({"'}'", "“}”"});
  if (Has(tok::Newline) || Has(tok::Semi))
    Add({"a line break", "换行"});
  if (Set.contains(antlr4::Token::EOF))
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

/// Rules that are lists of statements:  item? ( ( NL | SEMI ) item? )*.
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
  case BudParser::RuleSplitBody:
    return true;
  default:
    return false;
  }
}

/// Rules with a block of their own: ... '{' body '}'.
bool isBlockRule(size_t Rule) {
  switch (Rule) {
  case BudParser::RuleDepartmentDecl:
  case BudParser::RuleUnitDecl:
  case BudParser::RuleAttrBlock:
  case BudParser::RuleIncomeBlock:
  case BudParser::RuleBasicBlock:
  case BudParser::RuleProjectSpendingBlock:
  case BudParser::RuleAmountStmt:
  case BudParser::RuleProjectDecl:
  case BudParser::RuleGoalStmt:
  case BudParser::RuleDeclareStmt:
  case BudParser::RuleDeclareItem:
  case BudParser::RuleLastYearStmt:
  case BudParser::RulePublishedDecl:
  case BudParser::RuleGlossaryBlock:
  case BudParser::RulePerformanceBlock:
  case BudParser::RuleAreaBlock:
  case BudParser::RuleLibraryBlock:
    return true;
  default:
    return false;
  }
}

tree::TerminalNode *asToken(tree::ParseTree *T) { return dynamic_cast<tree::TerminalNode *>(T); }
bool isErrorNode(tree::ParseTree *T) { return dynamic_cast<tree::ErrorNode *>(T) != nullptr; }

} // namespace

//===----------------------------------------------------------------------===//
// The strategy
//===----------------------------------------------------------------------===//

void ErrorStrategy::spend() {
  if (!Budget.Limit || !Budget.Count)
    return;
  // One more than the limit: the renderer shows the limit's worth and says that it stopped.
  if (Budget.Count->fetch_add(1) + 1 > Budget.Limit)
    throw ErrorLimitReached();
}

void ErrorStrategy::reportNoViableAlternative(Parser *P, const NoViableAltException &E) {
  diagnose(P, E.getOffendingToken(), E.getExpectedTokens(), diag::UnexpectedToken);
}
void ErrorStrategy::reportInputMismatch(Parser *P, const InputMismatchException &E) {
  diagnose(P, E.getOffendingToken(), E.getExpectedTokens(), diag::UnexpectedToken);
}
void ErrorStrategy::reportFailedPredicate(Parser *P, const FailedPredicateException &E) {
  diagnose(P, E.getOffendingToken(), E.getExpectedTokens(), diag::UnexpectedToken);
}
void ErrorStrategy::reportUnwantedToken(Parser *P) {
  if (inErrorRecoveryMode(P))
    return;
  beginErrorCondition(P);
  diagnose(P, P->getCurrentToken(), getExpectedTokens(P), diag::ExtraneousToken);
}
void ErrorStrategy::reportMissingToken(Parser *P) {
  if (inErrorRecoveryMode(P))
    return;
  beginErrorCondition(P);
  diagnose(P, P->getCurrentToken(), getExpectedTokens(P), diag::MissingToken);
}

/// Deleting a line break to join two lines into one statement is never the right repair in a
/// line-oriented language. The one exception: a block's '{' written on the next line is
/// reported (BUD017) and taken as if it stood on the header's line, so the block parses.
antlr4::Token *ErrorStrategy::singleTokenDeletion(Parser *P) {
  TokenStream *In = P->getTokenStream();
  size_t LA = In->LA(1);
  if (LA == antlrType(tok::Semi))
    return nullptr;
  if (LA != antlrType(tok::Newline))
    return DefaultErrorStrategy::singleTokenDeletion(P);
  ssize_t K = 1;
  while (In->LA(K) == antlrType(tok::Newline))
    ++K;
  if (In->LA(K) != antlrType(tok::LBrace) ||
      !getExpectedTokens(P).contains(antlrType(tok::LBrace)))
    return nullptr;
  beginErrorCondition(P);
  Diags.report(spanOf(Tokens, In->LT(K)), diag::BraceOnNextLine);
  spend();
  for (ssize_t I = 1; I < K; ++I)
    P->consume();
  antlr4::Token *Brace = P->getCurrentToken();
  reportMatch(P);
  return Brace;
}

/// Errors inside a statement: skip the rest of its line, so the enclosing list goes on with
/// the next line and the block structure is kept.
void ErrorStrategy::recover(Parser *P, std::exception_ptr) { skipLine(P); }

/// Within statements, ANTLR resynchronises on its follow sets; never past a line's end.
void ErrorStrategy::consumeUntil(Parser *P, const misc::IntervalSet &Set) {
  bool InBlock = unclosedBrace(P) != nullptr;
  for (size_t LA = P->getTokenStream()->LA(1);
       LA != antlr4::Token::EOF && !Set.contains(LA) && LA != antlrType(tok::Newline) &&
       LA != antlrType(tok::Semi) && !(LA == antlrType(tok::RBrace) && InBlock);
       LA = P->getTokenStream()->LA(1))
    P->consume();
}

/// At a statement list's loop, a token that cannot start a statement there is reported and
/// its line skipped; the parser stays inside the block instead of leaving it.
void ErrorStrategy::sync(Parser *P) {
  if (inErrorRecoveryMode(P))
    return;
  ParserRuleContext *Ctx = P->getContext();
  const atn::ATN &ATN = P->getATN();
  size_t LA = P->getTokenStream()->LA(1);
  // (by reference: the ATN state keeps it; a copy would be an allocation per loop iteration)
  const misc::IntervalSet &Next = ATN.nextTokens(ATN.states[P->getState()]);
  if (!Ctx || !isListRule(Ctx->getRuleIndex())) {
    if (Next.contains(antlr4::Token::EPSILON) || Next.contains(LA))
      return;
    DefaultErrorStrategy::sync(P);
    return;
  }
  bool TopLevel = Ctx->getRuleIndex() == BudParser::RuleFile;
  if (LA == antlrType(tok::Newline) || LA == antlrType(tok::Semi) || LA == antlr4::Token::EOF ||
      (LA == antlrType(tok::RBrace) && !TopLevel))
    return;
  antlr4::Token *Cur = P->getCurrentToken();
  antlr4::Token *Prev = previous(Cur);
  bool AfterStatement = Prev && Prev->getType() != antlrType(tok::Newline) &&
                        Prev->getType() != antlrType(tok::Semi) &&
                        Prev->getType() != antlrType(tok::LBrace);
  if (!AfterStatement && Next.contains(LA))
    return; // a statement starts here
  beginErrorCondition(P);
  if (AfterStatement) {
    // Something after a complete statement on the same line.
    reportAfterStatement(Ctx, Cur);
  } else {
    misc::IntervalSet Expected = Next;
    Expected.remove(static_cast<size_t>(antlr4::Token::EPSILON));
    Expected.add(TopLevel ? static_cast<ssize_t>(antlr4::Token::EOF)
                          : static_cast<ssize_t>(antlrType(tok::RBrace)));
    diagnose(P, Cur, Expected, diag::UnexpectedToken);
  }
  skipLine(P);
}

/// A token after a complete statement on the same line: a second statement without ';', or
/// the amount of a declared figure whose code was read as its amount (BUD028). (An indicator
/// takes its clauses in any order; the AST builder reports one out of order, BUD018.)
void ErrorStrategy::reportAfterStatement(ParserRuleContext *List, antlr4::Token *Cur) {
  if (reportDeclareKeyPath(List, Cur))
    return;
  Diags
      .report(spanOf(Tokens, Cur), diag::MissingSeparator, {describeToken(Cur, Tokens, Lang::En)})
      .zh({describeToken(Cur, Tokens, Lang::Zh)});
  spend();
}

/// 声明 功能科目 204 10.00: the code was read as the amount, and the real amount follows. The
/// key meant is 功能科目/204 (BUD028), not a second statement on the line.
bool ErrorStrategy::reportDeclareKeyPath(ParserRuleContext *List, antlr4::Token *Cur) {
  tok::Kind K = kindOf(Cur);
  if ((K != tok::Number && K != tok::Quantity && K != tok::Minus) || List->children.empty())
    return false;
  auto *Last = dynamic_cast<ParserRuleContext *>(List->children.back());
  while (Last && Last->children.size() == 1 &&
         Last->getRuleIndex() != BudParser::RuleDeclareStmt &&
         Last->getRuleIndex() != BudParser::RuleDeclareItem)
    Last = dynamic_cast<ParserRuleContext *>(Last->children.front());
  BudParser::DeclareKeyContext *Key = nullptr;
  BudParser::AmountContext *Amount = nullptr;
  bool Block = false;
  if (auto *D = dynamic_cast<BudParser::DeclareStmtContext *>(Last)) {
    Key = D->declareKey(), Amount = D->amount(), Block = D->LBRACE() != nullptr;
  } else if (auto *I = dynamic_cast<BudParser::DeclareItemContext *>(Last)) {
    Key = I->declareKey(), Amount = I->amount(), Block = I->LBRACE() != nullptr;
  }
  if (!Key || !Amount || Block || Amount->MINUS() || !Amount->NUMBER() || !Key->getStop())
    return false;
  llvm::StringRef Bytes = Tokens.SM.getText(Tokens.File);
  Span KeySpan = Span::cover(spanOf(Tokens, Key->getStart()), spanOf(Tokens, Key->getStop()));
  Span Code = spanOf(Tokens, Amount->NUMBER()->getSymbol());
  llvm::StringRef CodeText = Bytes.slice(Code.Begin, Code.End);
  if (!KeySpan.isValid() || !Code.isValid() ||
      CodeText.find_first_not_of("0123456789") != llvm::StringRef::npos)
    return false; // 声明 支出总计 1.00 2.00, 1,000 2,000: two amounts, not a code
  // The amount meant: the rest of the line, without a comment.
  Span Rest = spanOf(Tokens, Cur);
  size_t End = Bytes.find_first_of("\r\n", Rest.Begin);
  llvm::StringRef Meant = Bytes.slice(Rest.Begin, End);
  Meant = Meant.take_front(Meant.find("//")).rtrim(" \t");
  std::string KeyText = Bytes.slice(KeySpan.Begin, KeySpan.End).str();
  std::string Declare = Last->getRuleIndex() == BudParser::RuleDeclareStmt ? "声明 " : "";
  std::string Path = Declare + KeyText + "/" + CodeText.str() + " " + Meant.str();
  std::string InBlock = Declare + KeyText + " { " + CodeText.str() + " " + Meant.str() + " }";
  Diags
      .report(Code, diag::DeclareKeyPath, {KeyText + " " + CodeText.str(), Path, InBlock})
      .fixIt({Tokens.File, KeySpan.End, Code.Begin}, "/");
  spend();
  return true;
}

/// Consumes the rest of the current line: up to a line break, ';' or the end of the file, and
/// up to a '}' when a block is open (it may close that block).
void ErrorStrategy::skipLine(Parser *P) {
  bool InBlock = unclosedBrace(P) != nullptr;
  for (size_t LA = P->getTokenStream()->LA(1);
       LA != antlr4::Token::EOF && LA != antlrType(tok::Newline) && LA != antlrType(tok::Semi) &&
       !(LA == antlrType(tok::RBrace) && InBlock);
       LA = P->getTokenStream()->LA(1))
    P->consume();
}

/// The innermost '{' on the rule stack that has no '}' yet. A block's braces are its rule's
/// own tokens: the '{' among the first few children (before the body), the '}' last; the
/// statements are children of the body rule, so no list is scanned.
antlr4::Token *ErrorStrategy::unclosedBrace(Parser *P) {
  for (RuleContext *C = P->getContext(); C; C = dynamic_cast<RuleContext *>(C->parent)) {
    auto *Ctx = dynamic_cast<ParserRuleContext *>(C);
    if (!Ctx || !isBlockRule(Ctx->getRuleIndex()))
      continue;
    antlr4::Token *Open = nullptr;
    size_t Seen = 0;
    for (tree::ParseTree *Child : Ctx->children) {
      if (++Seen > 8)
        break;
      // Tokens that error recovery skipped are error nodes; they open and close nothing.
      tree::TerminalNode *Term = asToken(Child);
      if (!Term || isErrorNode(Child))
        continue;
      if (Term->getSymbol()->getType() == antlrType(tok::LBrace) && Tokens.own(Term->getSymbol())) {
        Open = Term->getSymbol();
        break;
      }
    }
    if (!Open)
      continue;
    tree::TerminalNode *Last = Ctx->children.empty() ? nullptr : asToken(Ctx->children.back());
    bool Closed = Last && !isErrorNode(Last) &&
                  Last->getSymbol()->getType() == antlrType(tok::RBrace) &&
                  Tokens.own(Last->getSymbol());
    if (!Closed)
      return Open;
  }
  return nullptr;
}

/// The name of the nearest `单位 [code] name` before '}' \p Close that has no block (its line
/// ends after the name), past units with blocks, within a bounded distance; null when there is
/// none. The tokens are read once, in order, whatever the number of such '}'.
const TokenView *ErrorStrategy::unitWithoutBlock(antlr4::Token *Close) {
  const TokenView *V = Tokens.own(Close);
  if (!V)
    return nullptr;
  size_t End = V->getTokenIndex();
  for (; UnitScan < End; ++UnitScan) {
    if (Tokens.at(UnitScan).kind() != tok::KwUnit)
      continue;
    size_t N = UnitScan + 1;
    if (N < End && Tokens.at(N).kind() == tok::Number)
      ++N;
    if (N + 1 < End && (Tokens.at(N).kind() == tok::String || Tokens.at(N).kind() == tok::Name) &&
        Tokens.at(N + 1).kind() == tok::Newline)
      Blockless = &Tokens.at(N);
  }
  if (!Blockless || End - Blockless->getTokenIndex() > 4096)
    return nullptr;
  return Blockless;
}

/// The token before \p T, or null.
antlr4::Token *ErrorStrategy::previous(antlr4::Token *T) {
  const TokenView *V = Tokens.own(T);
  if (!V || V->getTokenIndex() == 0)
    return nullptr;
  return const_cast<TokenView *>(&Tokens.at(V->getTokenIndex() - 1));
}

void ErrorStrategy::diagnose(Parser *P, antlr4::Token *Found, const misc::IntervalSet &Expected,
                             diag::Kind Kind) {
  if (!Found)
    return;
  tok::Kind K = kindOf(Found);
  Span Where = spanOf(Tokens, Found);
  antlr4::Token *Prev = previous(Found);
  size_t Rule = BudParser::RuleFile;
  for (RuleContext *C = P->getContext(); C; C = dynamic_cast<RuleContext *>(C->parent))
    if (constructOf(C->getRuleIndex())) {
      Rule = C->getRuleIndex();
      break;
    }
  const Words *Construct = constructOf(Rule);
  size_t DetailRule = P->getContext() ? P->getContext()->getRuleIndex() : Rule;
  if (DetailRule == BudParser::RuleAmount || DetailRule == BudParser::RuleQuantity ||
      DetailRule == BudParser::RuleName || DetailRule == BudParser::RuleText ||
      DetailRule == BudParser::RuleComparator || DetailRule == BudParser::RuleValue ||
      DetailRule == BudParser::RuleKeyPart || DetailRule == BudParser::RuleNounKeyword)
    DetailRule = Rule;

  // A block that the file ends inside.
  if (K == tok::EndOfFile && Expected.contains(antlrType(tok::RBrace))) {
    if (antlr4::Token *Open = unclosedBrace(P)) {
      Diags.report(spanOf(Tokens, Open), diag::UnclosedBlock).note(Where, diag::NoteFileEndsHere);
      spend();
      return;
    }
  }
  // A '}' with nothing to close.
  if (K == tok::RBrace && !Expected.contains(antlrType(tok::RBrace)) && !unclosedBrace(P)) {
    auto D = Diags.report(Where, diag::UnmatchedBrace);
    // A unit written without its '{' (a unit may have no block): the lines after it belonged
    // to the block around it, whose '}' came one too early.
    if (const TokenView *Name = unitWithoutBlock(Found))
      D.note(Name->span(Tokens.File), diag::NoteUnitWithoutBlock);
    spend();
    return;
  }
  bool AtStatementStart = !Prev || Prev->getType() == antlrType(tok::Newline) ||
                          Prev->getType() == antlrType(tok::Semi) ||
                          Prev->getType() == antlrType(tok::LBrace);
  llvm::StringRef Text = Tokens.SM.getText(Tokens.File).slice(Where.Begin, Where.End);
  // A statement keyword in a block where that statement cannot stand.
  if (isKeyword(K) && AtStatementStart && !Expected.contains(antlrType(K))) {
    if (Rule == BudParser::RuleAttrBody) {
      // Only attributes stand here (国有资产, 政府采购, an attribute's block): the keyword is
      // meant as the name of a field, as the template's column 项目 is. Quoted, it is one.
      std::string Quoted = "\"" + Text.str() + "\"";
      auto [InEn, InZh] = attributeBlockOf(P->getContext());
      Diags
          .report(Where, diag::MisplacedStatement,
                  {quote(Text, Lang::En), InEn, "write " + Quoted + " to use it as a name"})
          .zh({quote(Text, Lang::Zh), InZh, "作为名称使用时应加引号：" + Quoted})
          .fixIt(Where, Quoted);
      spend();
      return;
    }
    Words Place = placeOf(K);
    Diags.report(Where, diag::MisplacedStatement, {quote(Text, Lang::En), Construct->En, Place.En})
        .zh({quote(Text, Lang::Zh), Construct->Zh, Place.Zh});
    spend();
    return;
  }
  if (Kind == diag::MissingToken)
    Where = {Where.File, Where.Begin, Where.Begin};
  // After a clause keyword of an indicator: what that column holds.
  std::optional<Words> Wanted;
  if (Rule == BudParser::RuleIndicatorStmt && Prev)
    switch (kindOf(Prev)) {
    case tok::KwUnit: Wanted = Words{"a unit such as 个 or \"%\"", "计量单位（如 个 或 \"%\"）"}; break;
    case tok::KwNature: Wanted = Words{"an 指标性质 such as ≥ or 正向", "指标性质（如 ≥ 或 正向）"}; break;
    case tok::KwWeight: Wanted = Words{"a weight such as 10", "权重（如 10）"}; break;
    case tok::KwCore: Wanted = Words{"是 or 否", "是或否"}; break;
    default: break;
    }
  Diags
      .report(Where, Kind,
              {Wanted ? Wanted->En : describeExpected(Expected, DetailRule, Lang::En), Construct->En,
               describeToken(Found, Tokens, Lang::En)})
      .zh({Wanted ? Wanted->Zh : describeExpected(Expected, DetailRule, Lang::Zh), Construct->Zh,
           describeToken(Found, Tokens, Lang::Zh)});
  spend();
}

void warmUpParser(const atn::ATN &ATN) {
  for (atn::ATNState *S : ATN.states)
    if (S)
      ATN.nextTokens(S);
}

} // namespace budc::syntax

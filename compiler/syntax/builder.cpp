//===- builder.cpp - Parse tree to syntax tree ------------------------------===//
//
// Each rule context's children are read once (Children below) and dispatched on their rule
// index or token kind; the generated accessors, which test every child's type on each call,
// are left to the rare statements. Rules of tokens (indicators, a project's lines) are read
// token by token in the order the grammar writes them. A project's own lines (amounts,
// schedules, goals, indicators) are in builder_projects.cpp.
//
//===----------------------------------------------------------------------===//
#include "compiler/syntax/builder_parts.h"

#include "compiler/syntax/errors.h"
#include "compiler/syntax/text.h"

#include "llvm/ADT/StringExtras.h"

#include <typeinfo>

using namespace antlr4;
using budc::grammar::BudParser;

namespace budc::syntax {

using namespace build;

//===----------------------------------------------------------------------===//
// Elements
//===----------------------------------------------------------------------===//

Span Builder::span(const Tok *T) const { return spanOf(Tokens, T); }

Span Builder::range(Rule *C) const {
  if (!C)
    return {};
  Span B = span(C->getStart());
  Tok *Stop = C->getStop();
  const TokenView *First = Tokens.own(C->getStart()), *Last = Tokens.own(Stop);
  if (!First || !Last || Last->getTokenIndex() < First->getTokenIndex())
    return {B.File, B.Begin, B.Begin};
  return Span::cover(B, span(Stop));
}

/// A text from a STRING (an unclosed one too), TEXT_BLOCK or NAME token.
ast::Text Builder::word(const Tok *T) {
  ast::Text Out;
  if (!T || !Tokens.own(T))
    return Out;
  Out.Range = span(T);
  llvm::StringRef Raw = Tokens.SM.getText(Tokens.File).slice(Out.Range.Begin, Out.Range.End);
  std::vector<TextProblem> Problems;
  switch (kindOf(T)) {
  case tok::String: {
    bool Closed = Raw.size() >= 2 && Raw.endswith("\"") && !Unclosed.count(Out.Range.Begin);
    Out.Style = ast::Text::Quoted;
    llvm::StringRef Body = Raw.drop_front(1);
    if (Closed)
      Body = Body.drop_back(1);
    // Without escapes the text is the source's own bytes: no copy.
    Out.Value = Body.contains('\\') ? Ctx.save(decodeString(Raw, Closed, Problems)) : Body;
    break;
  }
  case tok::TextBlock:
    Out.Style = ast::Text::Block;
    Out.Value = Ctx.save(decodeTextBlock(Raw));
    break;
  default:
    Out.Style = ast::Text::Bare;
    Out.Value = Raw;
    return Out;
  }
  findReferences(Raw, Problems); // the parts themselves: textParts(), where wanted
  for (const TextProblem &P : Problems)
    Diags.report({Out.Range.File, Out.Range.Begin + P.Offset, Out.Range.Begin + P.Offset + P.Length},
                 P.Kind, P.Args);
  return Out;
}

ast::Text Builder::name(Rule *C) {
  if (!C)
    return {};
  Children K(C);
  return K.tokens().empty() ? ast::Text() : word(K.tokens().front());
}

ast::Text Builder::text(Rule *C) { return name(C); }

ast::Code Builder::code(const Tok *T, const char *WhatEn, const char *WhatZh) {
  ast::Code Out = anyCode(T);
  if (Out.present() && !llvm::all_of(Out.Value, llvm::isDigit))
    Diags.report(Out.Range, diag::InvalidCode, {Out.Value.str(), WhatEn}).zh({Out.Value.str(), WhatZh});
  return Out;
}

ast::Code Builder::anyCode(const Tok *T) {
  ast::Code Out;
  if (!T || !Tokens.own(T))
    return Out;
  Out.Range = span(T);
  Out.Value = Tokens.SM.getText(Tokens.File).slice(Out.Range.Begin, Out.Range.End);
  return Out;
}

/// Splits a NUMBER or QUANTITY token into digits and unit.
void Builder::number(const Tok *T, ast::Quantity &Q) {
  Span S = span(T);
  llvm::StringRef Raw = Tokens.SM.getText(Tokens.File).slice(S.Begin, S.End);
  size_t Digits = 0;
  while (Digits < Raw.size() && (llvm::isDigit(Raw[Digits]) || Raw[Digits] == '.' ||
                                 (Raw[Digits] == ',' && Digits + 1 < Raw.size() &&
                                  llvm::isDigit(Raw[Digits + 1]))))
    ++Digits;
  // A unit may start with '.' only after a digit; keep a dot no digit follows out of the number.
  while (Digits > 0 && Raw[Digits - 1] == '.')
    --Digits;
  Q.Number = Raw.take_front(Digits);
  Q.Unit = Raw.drop_front(Digits);
  if (Q.Number.contains(',')) {
    // Thousands separators: the digits are kept without them; the groups after the first
    // have three digits each (a separator in the decimals is not one).
    llvm::SmallVector<llvm::StringRef, 8> Groups;
    Q.Number.split(Groups, ',');
    bool Ok = !Groups.front().empty() && Groups.front().size() <= 3;
    for (size_t I = 1; I < Groups.size(); ++I) {
      llvm::StringRef G = Groups[I].split('.').first;
      Ok &= G.size() == 3 && (I + 1 == Groups.size() || !Groups[I].contains('.'));
    }
    if (!Ok)
      Diags.report({S.File, S.Begin, S.Begin + static_cast<uint32_t>(Digits)},
                   diag::BadThousandsSeparator, {Q.Number.str()});
    std::string Plain;
    for (char C : Q.Number)
      if (C != ',')
        Plain += C;
    Q.Number = Ctx.save(Plain);
    Q.Separators = true;
  }
  Q.NumberBegin = S.Begin;
  Q.DigitsEnd = S.Begin + static_cast<uint32_t>(Digits);
  Q.Range = Q.Range.isValid() ? Span::cover(Q.Range, S) : S;
}

/// An amount or a quantity: [comparator] [-] (NUMBER | QUANTITY), written over \p Range;
/// \p Number is null when error recovery left it out.
ast::Quantity Builder::signedNumber(Span Range, ast::Comparator Cmp, const Tok *Minus,
                                    const Tok *Number) {
  ast::Quantity Q;
  Q.Range = Range;
  Q.Cmp = Cmp;
  Q.Negative = Minus != nullptr;
  if (Number && Tokens.own(Number))
    number(Number, Q);
  if (Q.Negative && Q.Number.data())
    Q.NumberBegin = span(Minus).Begin;
  if (!Q.Number.data())
    Q.Range = {};
  return Q;
}

/// amount : MINUS? ( NUMBER | QUANTITY )  and  quantity : comparator? amount's tokens.
ast::Quantity Builder::amount(Rule *C) {
  if (!C)
    return {};
  Children K(C);
  ast::Comparator Cmp = ast::Comparator::None;
  if (ParserRuleContext *R = K.rule(BudParser::RuleComparator)) {
    Children CK(R);
    if (!CK.tokens().empty())
      Cmp = comparatorOf(kindOf(CK.tokens().front()));
  }
  antlr4::Token *Number = K.token(tok::Number);
  if (!Number)
    Number = K.token(tok::Quantity);
  return signedNumber(range(C), Cmp, K.token(tok::Minus), Number);
}

/// Checks a DATE token's calendar validity.
ast::Text Builder::date(const Tok *T) {
  ast::Text Out = word(T);
  unsigned Y = 0, M = 0, D = 0;
  llvm::StringRef S = Out.Value;
  S.substr(0, 4).getAsInteger(10, Y);
  S.substr(5, 2).getAsInteger(10, M);
  S.substr(8, 2).getAsInteger(10, D);
  static const unsigned Days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool Leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
  bool Ok = M >= 1 && M <= 12 && D >= 1 && D <= Days[M - 1] && (M != 2 || D <= 28 || Leap);
  if (Out.present() && !Ok)
    Diags.report(Out.Range, diag::InvalidDate, {Out.Value.str()});
  return Out;
}

/// tag : '[' name value* ']'
ast::Value Builder::tag(Rule *T) {
  ast::Value V;
  Children TK(T);
  V.K = ast::Value::Tag;
  V.Word = name(TK.rule(BudParser::RuleName));
  V.TagRange = range(T);
  std::vector<ast::Value> Args;
  for (ParserRuleContext *A : TK.rules())
    if (A->getRuleIndex() == BudParser::RuleValue)
      Args.push_back(value(A));
  V.Args = keep(Args);
  return V;
}

/// value : NAME | STRING | TEXT_BLOCK | DATE | CODE | quantity | tag
ast::Value Builder::value(Rule *C) {
  ast::Value V;
  Children K(C);
  if (ParserRuleContext *Q = K.rule(BudParser::RuleQuantity)) {
    V.K = ast::Value::Number;
    V.Num = amount(Q);
    return V;
  }
  if (ParserRuleContext *T = K.rule(BudParser::RuleTag))
    return tag(T);
  antlr4::Token *T = K.tokens().empty() ? nullptr : K.tokens().front();
  if (!T)
    return V;
  switch (kindOf(T)) {
  case tok::Date:
    V.K = ast::Value::Date;
    V.Word = date(T);
    break;
  case tok::Code:
    V.K = ast::Value::CodeWord;
    V.Word = word(T);
    break;
  case tok::Name:
    V.K = ast::Value::Name;
    V.Word = word(T);
    break;
  default:
    V.K = ast::Value::String;
    V.Word = word(T);
    break;
  }
  return V;
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

ast::File *Builder::file(BudParser::FileContext *Tree,
                         llvm::ArrayRef<ast::Suppression> Suppressions) {
  auto *F = Ctx.make<ast::File>();
  F->Suppressions = Ctx.copy(Suppressions);
  F->Path = Ctx.save(Tokens.SM.getPath(Tokens.File));
  F->Range = {Tokens.File, 0, static_cast<uint32_t>(Tokens.SM.getText(Tokens.File).size())};
  F->Items = statements(Tree);
  return F;
}

/// Any statement, by its rule (the grammar decides which may stand in which list).
ast::Node *Builder::statement(Rule *X) {
  switch (X->getRuleIndex()) {
  case BudParser::RuleIncludeStmt: {
    auto *N = node<ast::Include>(X);
    N->Path = word(Children(X).token(tok::String));
    if (N->Path.present() && N->Path.Value.empty())
      Diags.report(N->Path.Range, diag::EmptyInclude);
    return N;
  }
  case BudParser::RuleBudgetDecl: return budget(X);
  case BudParser::RuleDepartmentDecl: return department(X);
  case BudParser::RuleUnitDecl: return unit(X);
  case BudParser::RuleIncomeBlock: return income(X);
  case BudParser::RuleBasicBlock:
  case BudParser::RuleProjectSpendingBlock: return basic(X);
  case BudParser::RuleProjectDecl: return project(X);
  case BudParser::RuleCitationDecl: return citation(X);
  case BudParser::RuleDeclareStmt: return declare(X);
  case BudParser::RuleLastYearStmt: return lastYear(X);
  case BudParser::RulePublishedDecl: return published(X);
  case BudParser::RuleSectionStmt: return section(X);
  case BudParser::RuleGlossaryBlock: return glossary(X);
  case BudParser::RulePerformanceBlock: return performance(X);
  case BudParser::RuleProcurementBlock: {
    auto *N = node<ast::Procurement>(X);
    N->Rows = rows(Children(X).rule(BudParser::RuleAttrBlock));
    return N;
  }
  case BudParser::RuleAssetsBlock: {
    auto *N = node<ast::Assets>(X);
    N->Rows = rows(Children(X).rule(BudParser::RuleAttrBlock));
    return N;
  }
  case BudParser::RuleLibraryDecl: return library(X);
  case BudParser::RuleAttr: return attr(X);
  case BudParser::RuleAreaBlock: return area(X);
  case BudParser::RuleGoalStmt: return goal(X);
  case BudParser::RuleIndicatorStmt: return indicator(X);
  case BudParser::RuleFunctionStmt:
  case BudParser::RuleEconomicStmt: return functionOrEconomic(X);
  case BudParser::RuleAmountStmt: return amountLine(X);
  case BudParser::RuleScheduleStmt: return schedule(X);
  default: return nullptr; // (a rule that is no statement: only after error recovery)
  }
}

/// The statements of list rule \p Body: item? ( ( NL | SEMI ) item? )*, each item a rule
/// whose one child is the statement.
llvm::ArrayRef<ast::Node *> Builder::statements(Rule *Body) {
  std::vector<ast::Node *> Items;
  if (Body) {
    Children Stmts(Body);
    for (ParserRuleContext *I : Stmts.rules())
      if (ParserRuleContext *X = unwrap(I))
        if (ast::Node *N = statement(X))
          Items.push_back(N);
  }
  return keep(Items);
}

ast::Budget *Builder::budget(Rule *C) {
  auto *N = node<ast::Budget>(C);
  Children K(C);
  N->Year = year(K.token(tok::Number));
  N->Attrs = rows(K.rule(BudParser::RuleAttrBlock));
  return N;
}

/// A year: four digits (BUD021 otherwise).
ast::Code Builder::year(const Tok *T) {
  ast::Code Y = anyCode(T);
  if (Y.present() &&
      (Y.Value.size() != 4 || Y.Value.find_first_not_of("0123456789") != llvm::StringRef::npos))
    Diags.report(Y.Range, diag::InvalidYear, {Y.Value.str()});
  return Y;
}

/// attrBlock : '{' attrBody '}'  and  libraryBlock : '{' libraryBody '}': the rows of a block,
/// attributes or library rows.
llvm::ArrayRef<ast::Attr *> Builder::rows(Rule *Block) {
  std::vector<ast::Attr *> Out;
  Children K(Block);
  if (ParserRuleContext *Body = K.rules().empty() ? nullptr : K.rules().front()) {
    Children Rows(Body); // (named: a temporary's rules() would not outlive the loop's start)
    for (ParserRuleContext *R : Rows.rules())
      Out.push_back(R->getRuleIndex() == BudParser::RuleLibraryRow ? libraryRow(R) : attr(R));
  }
  return keep(Out);
}

/// attr : ( name | 性质 ) value* attrBlock?
ast::Attr *Builder::attr(Rule *C) {
  auto *N = node<ast::Attr>(C);
  Children K(C);
  std::vector<ast::Value> Values;
  Rule *Block = nullptr;
  for (ParserRuleContext *R : K.rules())
    switch (R->getRuleIndex()) {
    case BudParser::RuleName: N->Key = name(R); break;
    case BudParser::RuleValue: Values.push_back(value(R)); break;
    case BudParser::RuleAttrBlock: Block = R; break;
    default: break;
    }
  if (!N->Key.present()) // 性质 行政: the keyword 性质 as a key
    N->Key = word(K.token(tok::KwNature));
  N->Values = keep(Values);
  N->HasBlock = Block != nullptr;
  N->Children = rows(Block);
  return N;
}

/// libraryRow : ( name | NUMBER | nounKeyword ) libraryValue* libraryBlock?
ast::Attr *Builder::libraryRow(Rule *C) {
  auto *N = node<ast::Attr>(C);
  Children K(C);
  if (ParserRuleContext *Name = K.rule(BudParser::RuleName))
    N->Key = name(Name);
  else if (antlr4::Token *Number = K.token(tok::Number))
    N->Key = word(Number);
  else if (ParserRuleContext *Noun = K.rule(BudParser::RuleNounKeyword))
    N->Key = name(Noun);
  std::vector<ast::Value> Values;
  Rule *Block = nullptr;
  for (ParserRuleContext *R : K.rules()) {
    if (R->getRuleIndex() == BudParser::RuleLibraryBlock) {
      Block = R;
      continue;
    }
    if (R->getRuleIndex() != BudParser::RuleLibraryValue)
      continue;
    ParserRuleContext *V = unwrap(R);
    if (V && V->getRuleIndex() == BudParser::RuleValue) {
      Values.push_back(value(V));
    } else if (V) { // a keyword used as a word
      ast::Value W;
      W.K = ast::Value::Name;
      W.Word = name(V);
      Values.push_back(W);
    }
  }
  N->Values = keep(Values);
  N->HasBlock = Block != nullptr;
  N->Children = rows(Block);
  return N;
}

ast::Department *Builder::department(Rule *C) {
  auto *N = node<ast::Department>(C);
  Children K(C);
  N->Id = code(K.token(tok::Number), "department code", "部门编码");
  N->Name = name(K.rule(BudParser::RuleName));
  N->Items = statements(K.rule(BudParser::RuleDeptBody));
  return N;
}

ast::Unit *Builder::unit(Rule *C) {
  auto *N = node<ast::Unit>(C);
  Children K(C);
  N->Id = code(K.token(tok::Number), "unit code", "单位编码");
  N->Name = name(K.rule(BudParser::RuleName));
  N->Items = statements(K.rule(BudParser::RuleUnitBody));
  return N;
}

/// incomeBlock : 收入 '{' incomeBody '}';  incomeLine : 上年结转? name amount
ast::Income *Builder::income(Rule *C) {
  auto *N = node<ast::Income>(C);
  std::vector<ast::IncomeLine *> Lines;
  if (ParserRuleContext *Body = Children(C).rule(BudParser::RuleIncomeBody)) {
    Children Stmts(Body);
    for (ParserRuleContext *L : Stmts.rules()) {
      auto *Line = node<ast::IncomeLine>(L);
      Children K(L);
      if (antlr4::Token *Carry = K.token(tok::KwCarryover)) {
        Line->CarryOver = true;
        Line->CarryOverRange = span(Carry);
      } else if (antlr4::Token *Forward = K.token(tok::KwCarryforward)) {
        Line->CarryForward = true;
        Line->CarryOverRange = span(Forward);
      }
      Line->Fund = name(K.rule(BudParser::RuleName));
      Line->Amount = amount(K.rule(BudParser::RuleAmount));
      Lines.push_back(Line);
    }
  }
  N->Lines = keep(Lines);
  return N;
}

/// basicBlock : 基本支出 NUMBER name? '{' basicBody '}'  and  projectSpendingBlock, the same
/// with 项目支出.
ast::Basic *Builder::basic(Rule *C) {
  auto *N = node<ast::Basic>(C);
  N->Projects = C->getRuleIndex() == BudParser::RuleProjectSpendingBlock;
  Children K(C);
  N->Function = code(K.token(tok::Number), "function code", "功能科目编码");
  N->Name = name(K.rule(BudParser::RuleName));
  std::vector<ast::Node *> Items;
  for (ParserRuleContext *X : basicItems(K.rule(BudParser::RuleBasicBody))) {
    Children XK(X);
    if (X->getRuleIndex() == BudParser::RuleBasicLine) {
      Items.push_back(basicLine(X));
    } else if (X->getRuleIndex() == BudParser::RuleSourceStmt) {
      auto *Src = node<ast::FundSource>(X);
      if (antlr4::Token *Carry = XK.token(tok::KwCarryover)) {
        Src->CarryOver = true;
        Src->CarryOverRange = span(Carry);
      }
      Src->Fund = name(XK.rule(BudParser::RuleName));
      Items.push_back(Src);
    } else if (X->getRuleIndex() == BudParser::RuleBlockAmountStmt) {
      if (!N->Function.present()) {
        Diags.report(span(X->getStart()), diag::MisplacedStatement,
                     {"'金额'", "a block without a function code",
                      "such a block gives money by economic code: 30101 基本工资 10.00"})
            .zh({"“金额”", "未写功能科目的块", "这种块按经济科目给出资金：30101 基本工资 10.00"});
        continue;
      }
      Items.push_back(amountLine(X));
    }
  }
  N->Items = keep(Items);
  return N;
}

/// The statements of a basicBody: basic lines and 来源 lines.
std::vector<antlr4::ParserRuleContext *> Builder::basicItems(Rule *Body) {
  std::vector<ParserRuleContext *> Out;
  if (!Body)
    return Out;
  Children Stmts(Body);
  for (ParserRuleContext *I : Stmts.rules())
    if (ParserRuleContext *X = unwrap(I))
      Out.push_back(X);
  return Out;
}

/// basicLine : NUMBER name? amount tag*
ast::BasicLine *Builder::basicLine(Rule *X) {
  auto *Line = node<ast::BasicLine>(X);
  Children XK(X);
  Line->Economic = code(XK.token(tok::Number), "economic code", "经济科目编码");
  Line->Name = name(XK.rule(BudParser::RuleName));
  Line->Amount = amount(XK.rule(BudParser::RuleAmount));
  std::vector<ast::Value> Tags;
  for (ParserRuleContext *R : XK.rules())
    if (R->getRuleIndex() == BudParser::RuleTag)
      Tags.push_back(tag(R));
  Line->Tags = keep(Tags);
  return Line;
}

/// citationDecl : 依据 NAME '=' text
ast::Citation *Builder::citation(Rule *C) {
  auto *N = node<ast::Citation>(C);
  Children K(C);
  N->Name = word(K.token(tok::Name));
  N->Document = text(K.rule(BudParser::RuleText));
  return N;
}

/// declareStmt / declareItem : [声明] declareKey amount? ( '{' declareBody '}' )?
ast::Declare *Builder::declare(Rule *C) {
  auto *N = node<ast::Declare>(C);
  Children K(C);
  std::vector<ast::Text> Parts;
  if (ParserRuleContext *Key = K.rule(BudParser::RuleDeclareKey)) {
    Children KK(Key);
    for (ParserRuleContext *P : KK.rules()) {
      Children PK(P);
      if (ParserRuleContext *Noun = PK.rule(BudParser::RuleNounKeyword))
        Parts.push_back(name(Noun));
      else if (!PK.tokens().empty())
        Parts.push_back(word(PK.tokens().front()));
    }
  }
  N->Key = keep(Parts);
  N->Amount = amount(K.rule(BudParser::RuleAmount));
  N->HasBlock = K.token(tok::LBrace) != nullptr;
  N->Children = declareBody(K.rule(BudParser::RuleDeclareBody));
  return N;
}

/// declareBody : declareItem? ( ( NL | SEMI ) declareItem? )*
llvm::ArrayRef<ast::Declare *> Builder::declareBody(Rule *Body) {
  std::vector<ast::Declare *> Items;
  if (Body) {
    Children Stmts(Body);
    for (ParserRuleContext *I : Stmts.rules())
      Items.push_back(declare(I));
  }
  return keep(Items);
}

/// lastYearStmt : 上年 NUMBER STRING? ( '{' declareBody '}' )?
ast::LastYear *Builder::lastYear(Rule *C) {
  auto *N = node<ast::LastYear>(C);
  Children K(C);
  N->Year = year(K.token(tok::Number));
  N->Directory = word(K.token(tok::String));
  N->HasBlock = K.token(tok::LBrace) != nullptr;
  N->Figures = declareBody(K.rule(BudParser::RuleDeclareBody));
  return N;
}

/// publishedDecl : 公开表 ( name | NUMBER ) '{' publishedBody '}'
/// publishedRow  : ( STRING | NAME | NUMBER | QUANTITY | CODE | MINUS | nounKeyword )+
/// A '-' written directly before a number (no space between) makes it negative (-27.07); a '-'
/// standing alone is a dash, as 上海 prints an empty figure.
ast::Published *Builder::published(Rule *C) {
  auto *N = node<ast::Published>(C);
  Children K(C);
  if (ParserRuleContext *Name = K.rule(BudParser::RuleName))
    N->Name = name(Name);
  else
    N->Number = anyCode(K.token(tok::Number));
  if (antlr4::Token *Close = K.token(tok::RBrace); Close && Tokens.own(Close))
    N->Close = span(Close);
  std::vector<ast::PublishedRow> Rows;
  Children Body(K.rule(BudParser::RulePublishedBody));
  for (ParserRuleContext *R : Body.rules()) {
    // The cells in order: tokens and noun keywords (a rule of one token) as they stand.
    std::vector<const Tok *> Toks;
    for (tree::ParseTree *X : R->children) {
      if (auto *T = dynamic_cast<tree::TerminalNode *>(X)) {
        if (!dynamic_cast<tree::ErrorNode *>(X))
          Toks.push_back(T->getSymbol());
      } else if (auto *Sub = dynamic_cast<ParserRuleContext *>(X)) {
        Children SK(Sub);
        if (!SK.tokens().empty())
          Toks.push_back(SK.tokens().front());
      }
    }
    std::vector<ast::PublishedCell> Cells;
    for (size_t I = 0; I < Toks.size(); ++I) {
      const Tok *T = Toks[I];
      if (!Tokens.own(T))
        continue;
      ast::PublishedCell X;
      X.Range = span(T);
      tok::Kind Kind = kindOf(T);
      if (Kind == tok::Minus) {
        const Tok *Next = I + 1 < Toks.size() ? Toks[I + 1] : nullptr;
        tok::Kind NK = Next ? kindOf(Next) : tok::EndOfFile;
        if ((NK == tok::Number || NK == tok::Quantity) && Tokens.own(Next) &&
            span(Next).Begin == X.Range.End) {
          X.K = ast::PublishedCell::AmountCell;
          X.Range = Span::cover(X.Range, span(Next));
          X.Num = signedNumber(X.Range, ast::Comparator::None, T, Next);
          X.Word = word(Next);
          ++I;
        } else {
          X.K = ast::PublishedCell::DashCell;
          X.Word = word(T);
        }
      } else if (Kind == tok::Number || Kind == tok::Quantity) {
        X.K = ast::PublishedCell::AmountCell;
        X.Num = signedNumber(X.Range, ast::Comparator::None, nullptr, T);
        X.Word = word(T);
      } else {
        X.Word = word(T);
      }
      Cells.push_back(X);
    }
    if (Cells.empty())
      continue;
    ast::PublishedRow Row;
    Row.Cells = keep(Cells);
    Row.Range = Span::cover(Cells.front().Range, Cells.back().Range);
    Rows.push_back(Row);
  }
  N->Rows = keep(Rows);
  return N;
}

/// sectionStmt : 说明 name text
ast::Section *Builder::section(Rule *C) {
  auto *N = node<ast::Section>(C);
  Children K(C);
  N->Title = name(K.rule(BudParser::RuleName));
  N->Body = text(K.rule(BudParser::RuleText));
  return N;
}

/// glossaryBlock : 名词解释 '{' glossaryBody '}';  glossaryEntry : ( name | nounKeyword ) text
ast::Glossary *Builder::glossary(Rule *C) {
  auto *N = node<ast::Glossary>(C);
  std::vector<ast::GlossaryEntry *> Entries;
  if (ParserRuleContext *Body = Children(C).rule(BudParser::RuleGlossaryBody)) {
    Children Stmts(Body);
    for (ParserRuleContext *E : Stmts.rules()) {
      auto *Entry = node<ast::GlossaryEntry>(E);
      Children K(E);
      if (ParserRuleContext *Name = K.rule(BudParser::RuleName))
        Entry->Term = name(Name);
      else if (ParserRuleContext *Noun = K.rule(BudParser::RuleNounKeyword))
        Entry->Term = name(Noun);
      Entry->Definition = text(K.rule(BudParser::RuleText));
      Entries.push_back(Entry);
    }
  }
  N->Entries = keep(Entries);
  return N;
}

/// performanceBlock : 整体绩效 '{' performanceBody '}'
ast::Performance *Builder::performance(Rule *C) {
  auto *N = node<ast::Performance>(C);
  N->Items = statements(Children(C).rule(BudParser::RulePerformanceBody));
  return N;
}

/// areaBlock : 分项 name '{' areaBody '}'
ast::Area *Builder::area(Rule *C) {
  auto *N = node<ast::Area>(C);
  Children K(C);
  N->Name = name(K.rule(BudParser::RuleName));
  N->Items = statements(K.rule(BudParser::RuleAreaBody));
  return N;
}

/// libraryDecl : 科目表 ( 功能科目 | 经济科目 ) NUMBER libraryBlock | 计量单位表 libraryBlock | …
ast::Library *Builder::library(Rule *C) {
  auto *N = node<ast::Library>(C);
  Children K(C);
  antlr4::Token *Head = K.tokens().empty() ? nullptr : K.tokens().front();
  switch (Head ? kindOf(Head) : tok::EndOfFile) {
  case tok::KwCatalogue:
    N->What = K.token(tok::KwFunction) ? ast::Library::FunctionCatalogue
                                       : ast::Library::EconomicCatalogue;
    N->Year = anyCode(K.token(tok::Number));
    break;
  case tok::KwTemplate:
    N->What = ast::Library::Template;
    N->Name = name(K.rule(BudParser::RuleName));
    break;
  case tok::KwFramework:
    N->What = ast::Library::Framework;
    N->Name = name(K.rule(BudParser::RuleName));
    break;
  case tok::KwFunds:
    N->What = ast::Library::Funds;
    break;
  case tok::KwFigures:
    N->What = ast::Library::Figures;
    break;
  default:
    N->What = ast::Library::Measures;
    break;
  }
  N->Rows = rows(K.rule(BudParser::RuleLibraryBlock));
  return N;
}

} // namespace budc::syntax

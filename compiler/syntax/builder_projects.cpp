//===- builder_projects.cpp - A project's lines into the syntax tree ------===//
//
// The body of a project (项目): its code lines, amount lines, 支出计划, goals and indicators;
// an indicator is a token rule read front to back (TokenReader), its clauses in the order
// the grammar writes them.
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

/// projectDecl : 项目 ( CODE | NUMBER )? name '{' projectBody '}'
ast::Project *Builder::project(Rule *C) {
  auto *N = node<ast::Project>(C);
  Children K(C);
  antlr4::Token *Id = K.token(tok::Code);
  N->Id = anyCode(Id ? Id : K.token(tok::Number));
  N->Name = name(K.rule(BudParser::RuleName));
  ast::BodyArena &Body = arena();
  Body.beginProject();
  InProject = true;
  N->Items = statements(K.rule(BudParser::RuleProjectBody));
  InProject = false;
  if (Body.endProject(N->BodyFirst, N->BodyLast))
    N->Body = &Body;
  return N;
}

/// 功能科目|经济科目 NUMBER ( NAME | STRING )?
ast::Node *Builder::functionOrEconomic(Rule *C) {
  Children K(C);
  TokenReader R(K.tokens());
  R.takeAny({tok::KwFunction, tok::KwEconomic});
  antlr4::Token *Code = R.take(tok::Number);
  antlr4::Token *Name = R.takeAny({tok::Name, tok::String});
  if (C->getRuleIndex() == BudParser::RuleFunctionStmt) {
    auto *N = node<ast::FunctionRef>(C);
    N->Id = code(Code, "function code", "功能科目编码");
    N->Name = word(Name);
    return N;
  }
  auto *N = node<ast::EconomicRef>(C);
  N->Id = code(Code, "economic code", "经济科目编码");
  N->Name = word(Name);
  return N;
}

/// 金额 [-] ( NUMBER | QUANTITY ) [上年结转] ( NAME | STRING ) [{ split }], and in a 基本支出 or
/// 项目支出 block 金额 [-] ( NUMBER | QUANTITY ) [上年结转] [ NAME | STRING ] [tag]…
ast::AmountLine *Builder::amountLine(Rule *C) {
  auto *L = node<ast::AmountLine>(C);
  Children K(C);
  TokenReader R(K.tokens());
  R.take(tok::KwAmount);
  antlr4::Token *Minus = R.take(tok::Minus);
  antlr4::Token *Number = R.takeAny({tok::Number, tok::Quantity});
  if (Minus || Number)
    L->Amount = signedNumber(Span::cover(span(Minus ? Minus : Number), Number ? span(Number) : Span()),
                             ast::Comparator::None, Minus, Number);
  if (antlr4::Token *Carry = R.take(tok::KwCarryover)) {
    L->CarryOver = true;
    L->CarryOverRange = span(Carry);
  }
  L->Fund = word(R.takeAny({tok::Name, tok::String}));
  std::vector<ast::Value> Tags;
  for (ParserRuleContext *T : K.rules())
    if (T->getRuleIndex() == BudParser::RuleTag)
      Tags.push_back(tag(T));
  L->Tags = keep(Tags);
  if (ParserRuleContext *Body = K.rule(BudParser::RuleSplitBody)) {
    L->HasSplit = true;
    std::vector<ast::BasicLine *> Split;
    Children Lines(Body);
    for (ParserRuleContext *X : Lines.rules())
      Split.push_back(basicLine(X));
    L->Split = keep(Split);
  }
  return L;
}

/// 支出计划 ( MONTH SHARE )+
ast::Schedule *Builder::schedule(Rule *C) {
  auto *Sch = bodyNode<ast::Schedule>(C);
  Children K(C);
  llvm::ArrayRef<antlr4::Token *> T = K.tokens();
  std::vector<ast::SchedulePoint> Points;
  for (size_t I = 1; I < T.size(); I += 2) {
    ast::SchedulePoint Pt;
    number(T[I], Pt.Month);
    if (I + 1 < T.size())
      number(T[I + 1], Pt.Share);
    Points.push_back(Pt);
  }
  Sch->Points = bodyKeep(Points);
  return Sch;
}

/// goalStmt : 目标 ( STRING | TEXT_BLOCK ) ( '{' goalBody '}' )?
ast::Goal *Builder::goal(Rule *C) {
  auto *N = node<ast::Goal>(C);
  Children K(C);
  antlr4::Token *Statement = K.token(tok::String);
  N->Statement = word(Statement ? Statement : K.token(tok::TextBlock));
  N->HasBlock = K.token(tok::LBrace) != nullptr;
  std::vector<ast::Indicator *> Inds;
  if (ParserRuleContext *Body = K.rule(BudParser::RuleGoalBody)) {
    Children Stmts(Body);
    for (ParserRuleContext *I : Stmts.rules())
      Inds.push_back(indicator(I));
  }
  N->Indicators = bodyKeep(Inds);
  return N;
}

/// A word of an indicator's 单位 or 性质 clause: a comparator is kept in its one spelling
/// (>= is ≥), as a quantity's comparator is.
ast::Text Builder::clauseWord(const Tok *T) {
  ast::Text Out = word(T);
  if (T && Out.present()) {
    ast::Comparator C = comparatorOf(kindOf(T));
    if (C != ast::Comparator::None)
      Out.Value = ast::spelling(C);
  }
  return Out;
}

/// 指标 [PATH] NAME [VALUE] [单位 U] [性质 N] [权重 W] [核心 C] [内容 T] [评分 T] [描述 T]
/// [依据 WORD]: a rule of tokens, read in order.
ast::Indicator *Builder::indicator(Rule *C) {
  auto *N = bodyNode<ast::Indicator>(C);
  Children K(C);
  TokenReader R(K.tokens());
  R.take(tok::KwIndicator);
  if (R.is(tok::Name) && R.peek(1) && kindOf(R.peek(1)) == tok::Slash) {
    // The path: NAME / NAME [/ NAME]…
    std::vector<ast::Text> Path;
    antlr4::Token *First = R.next();
    Span PathRange = span(First);
    Path.push_back(word(First));
    while (antlr4::Token *Slash = R.take(tok::Slash)) {
      PathRange = Span::cover(PathRange, span(Slash));
      antlr4::Token *Level = R.take(tok::Name);
      if (!Level)
        break;
      PathRange = Span::cover(PathRange, span(Level));
      Path.push_back(word(Level));
    }
    if (Path.size() != 2)
      Diags.report(PathRange, diag::IndicatorPathDepth,
                   {Tokens.SM.getText(Tokens.File).slice(PathRange.Begin, PathRange.End).str(),
                    std::to_string(Path.size())});
    N->Path = bodyKeep(Path);
  }
  N->Name = word(R.takeAny({tok::Name, tok::String}));
  // The value: [comparator] ([-] number | date), or a text, or a word.
  antlr4::Token *Cmp = R.takeAny({tok::Ge, tok::Le, tok::Ne, tok::Eq, tok::Gt, tok::Lt});
  if (Cmp || R.isAny({tok::Minus, tok::Number, tok::Quantity})) {
    N->HasValue = true;
    if (Cmp && R.is(tok::Date)) {
      N->Val.K = ast::Value::Date;
      N->Val.Word = date(R.next());
      N->Val.Num.Cmp = comparatorOf(kindOf(Cmp));
      N->Val.Num.Range = span(Cmp);
    } else {
      antlr4::Token *Minus = R.take(tok::Minus);
      antlr4::Token *Number = R.takeAny({tok::Number, tok::Quantity});
      antlr4::Token *First = Cmp ? Cmp : Minus ? Minus : Number;
      Span Range = First ? span(First) : span(C->getStart());
      if (Number)
        Range = Span::cover(Range, span(Number));
      N->Val.K = ast::Value::Number;
      N->Val.Num = signedNumber(Range, Cmp ? comparatorOf(kindOf(Cmp)) : ast::Comparator::None,
                                Minus, Number);
    }
  } else if (R.is(tok::Date)) {
    N->HasValue = true;
    N->Val.K = ast::Value::Date;
    N->Val.Word = date(R.next());
  } else if (R.is(tok::String)) {
    N->HasValue = true;
    N->Val.K = ast::Value::String;
    N->Val.Word = word(R.next());
  } else if (R.is(tok::Name)) {
    N->HasValue = true;
    N->Val.K = ast::Value::Name;
    N->Val.Word = word(R.next());
  }
  // The clauses: the grammar takes them in any order, the language in one, each once.
  static const tok::Kind Order[] = {tok::KwUnit,    tok::KwNature,  tok::KwWeight, tok::KwCore,
                                    tok::KwContent, tok::KwScoring, tok::KwDesc,   tok::KwBasis};
  ast::IndicatorColumns *Cols = nullptr;
  auto Columns = [&]() -> ast::IndicatorColumns & {
    if (!Cols)
      N->Columns = Cols = make<ast::IndicatorColumns>();
    return *Cols;
  };
  size_t Next = 0;               // the first clause that may still come
  antlr4::Token *Last = nullptr; // the clause before
  llvm::StringRef Source = Tokens.SM.getText(Tokens.File);
  while (antlr4::Token *Key = R.next()) {
    tok::Kind K = kindOf(Key);
    size_t At = std::find(std::begin(Order), std::end(Order), K) - std::begin(Order);
    if (At == std::size(Order))
      continue; // (a token error recovery left; the parser reported it)
    bool Keep = At >= Next;
    if (!Keep) {
      Span A = span(Key), B = span(Last);
      Diags.report(A, diag::ClauseOrder,
                   {Source.slice(A.Begin, A.End).str(), Source.slice(B.Begin, B.End).str()});
    } else {
      Next = At + 1;
    }
    Last = Key;
    switch (K) {
    case tok::KwUnit: {
      ast::Text U;
      if (antlr4::Token *First = R.take(tok::Name)) {
        // NAME ( / NAME )*: 次/年 is one unit, written with or without spaces around '/'.
        U = word(First);
        std::string Joined = U.Value.str();
        while (R.is(tok::Slash) && R.peek(1) && kindOf(R.peek(1)) == tok::Name) {
          R.next();
          antlr4::Token *Part = R.next();
          U.Range = Span::cover(U.Range, span(Part));
          Joined += "/" + word(Part).Value.str();
        }
        llvm::StringRef Written = Source.slice(U.Range.Begin, U.Range.End);
        if (Joined.size() != U.Value.size())
          U.Value = Joined == Written ? Written : Ctx.save(Joined);
      } else {
        U = clauseWord(R.takeAny({tok::String, tok::Ge, tok::Le, tok::Ne, tok::Eq, tok::Gt, tok::Lt}));
      }
      if (Keep)
        Columns().Unit = U;
      break;
    }
    case tok::KwNature: {
      ast::Text W = clauseWord(R.takeAny(
          {tok::Ge, tok::Le, tok::Ne, tok::Eq, tok::Gt, tok::Lt, tok::Name, tok::String}));
      if (Keep)
        Columns().Nature = W;
      break;
    }
    case tok::KwWeight:
      if (antlr4::Token *W = R.takeAny({tok::Number, tok::Quantity}); W && Keep)
        Columns().Weight = signedNumber(span(W), ast::Comparator::None, nullptr, W);
      break;
    case tok::KwCore:
    case tok::KwContent:
    case tok::KwScoring:
    case tok::KwDesc:
    case tok::KwBasis: {
      bool Text = K == tok::KwContent || K == tok::KwScoring || K == tok::KwDesc;
      ast::Text W = word(Text ? R.takeAny({tok::String, tok::TextBlock}) : R.takeAny({tok::Name, tok::String}));
      if (!Keep)
        break;
      (K == tok::KwCore       ? Columns().Core
       : K == tok::KwContent  ? Columns().Content
       : K == tok::KwScoring  ? Columns().Scoring
       : K == tok::KwDesc     ? N->Description
                              : N->Basis) = W;
      break;
    }
    default:
      break;
    }
  }
  return N;
}

} // namespace budc::syntax

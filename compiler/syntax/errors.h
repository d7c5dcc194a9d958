//===- errors.h - Syntax errors: recovery and messages ----------------------===//
//
// The error strategy the generated parser runs: it turns ANTLR's syntax errors into BUD0xx
// diagnostics that name what was expected and in which construct, in English and Chinese,
// and recovers line by line so that one run reports every error of a file and keeps its block
// structure. Internal to compiler/syntax.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/diagnostics.h"
#include "compiler/syntax/token_stream.h"

#include <atomic>

namespace budc::syntax {

/// Where a syntax error stops the work of a whole check (--error-limit).
struct ErrorBudget {
  unsigned Limit = 0;                         ///< 0: no limit
  std::atomic<unsigned> *Count = nullptr;      ///< errors of every file so far, shared
};

/// The place of token \p T of \p Tokens: its bytes, a line break's start, the end of the
/// file's last line for EOF; invalid for a token error recovery conjured.
Span spanOf(const TokenArray &Tokens, const antlr4::Token *T);

/// \p S in quotes as messages write it: 'S' in English, “S” in Chinese.
std::string quote(llvm::StringRef S, Lang L);

/// Thrown (through the parser) when the error budget is spent: parsing stops.
struct ErrorLimitReached {};

/// The syntax-error strategy of one file's parse.
class ErrorStrategy final : public antlr4::DefaultErrorStrategy {
public:
  ErrorStrategy(const TokenArray &Tokens, DiagEngine &Diags, ErrorBudget Budget)
      : Tokens(Tokens), Diags(Diags), Budget(Budget) {}

  void sync(antlr4::Parser *P) override;

protected:
  void reportNoViableAlternative(antlr4::Parser *P,
                                 const antlr4::NoViableAltException &E) override;
  void reportInputMismatch(antlr4::Parser *P, const antlr4::InputMismatchException &E) override;
  void reportFailedPredicate(antlr4::Parser *P,
                             const antlr4::FailedPredicateException &E) override;
  void reportUnwantedToken(antlr4::Parser *P) override;
  void reportMissingToken(antlr4::Parser *P) override;
  antlr4::Token *singleTokenDeletion(antlr4::Parser *P) override;
  void recover(antlr4::Parser *P, std::exception_ptr E) override;
  void consumeUntil(antlr4::Parser *P, const antlr4::misc::IntervalSet &Set) override;

private:
  void reportAfterStatement(antlr4::ParserRuleContext *List, antlr4::Token *Cur);
  bool reportDeclareKeyPath(antlr4::ParserRuleContext *List, antlr4::Token *Cur);
  void skipLine(antlr4::Parser *P);
  antlr4::Token *unclosedBrace(antlr4::Parser *P);
  const TokenView *unitWithoutBlock(antlr4::Token *Close);
  antlr4::Token *previous(antlr4::Token *T);
  void diagnose(antlr4::Parser *P, antlr4::Token *Found, const antlr4::misc::IntervalSet &Expected,
                diag::Kind Kind);
  /// Counts one more error against the budget; throws ErrorLimitReached when it is spent.
  void spend();

  const TokenArray &Tokens;
  DiagEngine &Diags;
  ErrorBudget Budget;
  /// unitWithoutBlock's scan: the tokens before UnitScan are read, and the last 单位 among them
  /// without a block (each token is read once, however many '}' close nothing).
  size_t UnitScan = 0;
  const TokenView *Blockless = nullptr;
};

/// Fills every ATN state's cache of the tokens that may follow it, once, before any parser
/// runs: ANTLR 4.9 fills it lazily behind a flag that is not atomic, which threads parsing at
/// once would race on.
void warmUpParser(const antlr4::atn::ATN &ATN);

} // namespace budc::syntax

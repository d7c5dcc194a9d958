//===- parser.h - Parse one .bud file into its syntax tree ------------------===//
//
// The front door of the syntax stage. Nothing of ANTLR is visible here: callers get an
// ast::File and diagnostics.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/source/source_manager.h"

#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <string>
#include <vector>

namespace budc::syntax {

/// Limits that keep hostile input from exhausting the parser.
struct ParseOptions {
  /// Deepest nesting of { } blocks accepted; a deeper file is reported (BUD025) and not parsed.
  unsigned MaxNesting = 64;
  /// Stop parsing once more than this many errors were reported (0: never), counted in \p ErrorCount,
  /// which the files of a workspace share (--error-limit stops the work, not only the output).
  unsigned ErrorLimit = 0;
  std::atomic<unsigned> *ErrorCount = nullptr;
  /// For tests of the boundary (budc's hidden --debug-parser-throw): a file whose path contains
  /// this text makes the parser throw an exception from inside the runtime.
  std::string DebugThrowIn;
  /// Files parsed at once by loadWorkspace; 0 uses every core.
  unsigned Jobs = 0;
  /// loadWorkspace times its phases (reading, parsing) with LLVM's timers (--time-phases).
  bool TimePhases = false;
};

/// Parses file \p FileID of \p SM. Every lexical and syntax error is reported to \p Diags
/// (the parser recovers and goes on, so one run reports them all). Returns the syntax tree,
/// allocated in \p Ctx; after errors the tree holds what could be recognised. Never throws:
/// whatever the parser throws is caught here and reported (BUD026).
ast::File *parseFile(const SourceManager &SM, unsigned FileID, ast::Context &Ctx,
                     DiagEngine &Diags, const ParseOptions &Opts = {});

/// ast::dump with the parts of texts worked out from their source (syntax::textParts).
void dump(llvm::raw_ostream &OS, const ast::File &F, const SourceManager &SM);

/// One token of a file as budc fmt sees it: its kind and its bytes in the file.
struct LexToken {
  enum Kind : uint8_t {
    Keyword, Name, String, TextBlock, Number, Quantity, Code, Date, LBrace, RBrace, LBrack,
    RBrack, Semi, Slash, Minus, Comparator, Eq, Newline, Comment, Other
  };
  Kind K = Other;
  uint32_t Begin = 0, End = 0;
};

/// The tokens of file \p FileID, comments and line breaks included, in order. Meant for a
/// file that parses without errors (budc fmt refuses any other).
std::vector<LexToken> lexFile(const SourceManager &SM, unsigned FileID);

} // namespace budc::syntax

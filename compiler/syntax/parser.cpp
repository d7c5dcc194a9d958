//===- parser.cpp - Parse one .bud file into its syntax tree ----------------===//
//
// The pipeline of one file: lex (lexer.cpp), report lexical errors and clean the tokens up for
// the parser (here), read the suppression comments (here), parse with the generated parser over
// the tokens (token_stream.cpp) and the error strategy (errors.cpp), and build the AST
// (builder.cpp). The parse tree is freed when parseFile returns. This is the boundary of
// ANTLR's exceptions: nothing the runtime throws leaves parseFile.
//
//===----------------------------------------------------------------------===//
#include "compiler/syntax/parser.h"

#include "compiler/ast/dump.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/builder.h"
#include "compiler/syntax/errors.h"
#include "compiler/syntax/lexer.h"
#include "compiler/syntax/text.h"

#include "BudParser.h"

#include <cstdio>

using budc::grammar::BudParser;

namespace budc::syntax {
namespace {

//===----------------------------------------------------------------------===//
// Lexical clean-up
//===----------------------------------------------------------------------===//

std::string hex(char32_t CP) {
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "U+%04X", static_cast<unsigned>(CP));
  return Buf;
}

/// One BUD005 per run of adjacent bytes that are not UTF-8, anywhere in the file.
void reportInvalidUtf8(llvm::StringRef Bytes, unsigned File, DiagEngine &Diags) {
  uint32_t LastEnd = UINT32_MAX;
  for (size_t I = 0; I < Bytes.size();) {
    if (static_cast<unsigned char>(Bytes[I]) < 0x80) {
      ++I;
      continue;
    }
    unsigned Len;
    if (decodeOne(Bytes, I, Len) >= 0) {
      I += Len;
      continue;
    }
    uint32_t Off = static_cast<uint32_t>(I);
    if (Off != LastEnd) {
      char Hex[8];
      std::snprintf(Hex, sizeof Hex, "%02X", static_cast<unsigned char>(Bytes[Off]));
      Diags.report({File, Off, Off + 1}, diag::InvalidUtf8, {Hex});
    }
    LastEnd = Off + 1;
    ++I;
  }
}

/// Control characters (but tab, and line breaks in text blocks) and bidirectional controls
/// in a string, text block or comment: BUD009 and BUD019. They are invisible, and a bidi
/// override makes a text read differently from what it holds ("Trojan source").
void reportHiddenCharacters(llvm::StringRef Bytes, const Token &T, unsigned File,
                            DiagEngine &Diags) {
  const char *En, *Zh;
  switch (T.Kind) {
  case tok::String:
  case tok::BadString:
    En = "a string", Zh = "字符串";
    break;
  case tok::TextBlock:
  case tok::BadTextBlock:
    En = "a text block", Zh = "文本块";
    break;
  case tok::Comment:
    En = "a comment", Zh = "注释";
    break;
  default:
    return;
  }
  bool Block = T.Kind == tok::TextBlock || T.Kind == tok::BadTextBlock;
  for (size_t I = T.Begin; I < T.End;) {
    unsigned Len = 1;
    unsigned char B = static_cast<unsigned char>(Bytes[I]);
    int32_t CP = B < 0x80 ? B : decodeOne(Bytes, I, Len);
    bool Control = (CP >= 0 && CP < 0x20 && CP != '\t' && !(Block && (CP == '\n' || CP == '\r'))) ||
                   CP == 0x7F || (CP >= 0x80 && CP <= 0x9F);
    bool Bidi = (CP >= 0x202A && CP <= 0x202E) || (CP >= 0x2066 && CP <= 0x2069) ||
                CP == 0x200E || CP == 0x200F || CP == 0x061C;
    if (Control || Bidi)
      Diags.report({File, static_cast<uint32_t>(I), static_cast<uint32_t>(I + Len)},
                   Control ? diag::ControlCharacter : diag::BidiControl, {hex(char32_t(CP)), En})
          .zh({hex(char32_t(CP)), Zh});
    I += Len;
  }
}

/// The ASCII twin of a full-width character, and the kind it stands for (EndOfFile when it
/// has none the grammar could use).
std::pair<char, tok::Kind> asciiTwin(char32_t CP) {
  char C = static_cast<char>(CP - 0xFF01 + 0x21);
  switch (C) {
  case '=': return {C, tok::Eq};
  case '>': return {C, tok::Gt};
  case '<': return {C, tok::Lt};
  case ';': return {C, tok::Semi};
  case '{': return {C, tok::LBrace};
  case '}': return {C, tok::RBrace};
  case '/': return {C, tok::Slash};
  case '-': return {C, tok::Minus};
  default: return {C, tok::EndOfFile};
  }
}

/// Reports lexical errors and returns the tokens the parser should see: unterminated strings
/// and text blocks become strings and blocks (\p Unclosed records the strings), full-width twins
/// of punctuation become the punctuation, invalid characters are dropped; comments are kept
/// (for the suppressions), spaces were never there.
std::vector<Token> cleanTokens(const std::vector<Token> &Tokens, llvm::StringRef Bytes,
                               unsigned File, DiagEngine &Diags, llvm::DenseSet<uint32_t> &Unclosed,
                               llvm::function_ref<bool()> Spent) {
  std::vector<Token> Out;
  Out.reserve(Tokens.size());
  for (size_t I = 0; I < Tokens.size() && !Spent(); ++I) {
    Token T = Tokens[I];
    Span S{File, T.Begin, T.End};
    reportHiddenCharacters(Bytes, T, File, Diags);
    switch (T.Kind) {
    case tok::BadString:
      Diags.report({File, T.Begin, T.Begin + 1}, diag::UnterminatedString);
      T.Kind = tok::String;
      Unclosed.insert(T.Begin);
      break;
    case tok::BadTextBlock:
      Diags.report({File, T.Begin, T.Begin + 3}, diag::UnterminatedTextBlock);
      T.Kind = tok::TextBlock;
      break;
    case tok::FullWidth: {
      // One diagnostic for a run of adjacent full-width characters (１００ → 100).
      std::string Wide, Ascii;
      Span Run = S;
      tok::Kind Twin = tok::EndOfFile;
      size_t Count = 0;
      for (size_t J = I; J < Tokens.size() && Tokens[J].Kind == tok::FullWidth &&
                         (J == I || Tokens[J].Begin == Tokens[J - 1].End);
           ++J, ++Count) {
        unsigned Len;
        auto [A, K] = asciiTwin(char32_t(decodeOne(Bytes, Tokens[J].Begin, Len)));
        Wide += Bytes.slice(Tokens[J].Begin, Tokens[J].End).str();
        Ascii += A;
        Twin = K;
        Run.End = Tokens[J].End;
      }
      Diags.report(Run, diag::FullWidthCharacter, {Wide, Ascii}).fixIt(Run, Ascii);
      if (Count == 1 && Twin != tok::EndOfFile) { // a lone ＝ ； ｛ … stands for its twin
        T.Kind = Twin;
        break;
      }
      I += Count - 1; // the run is dropped
      continue;
    }
    case tok::ErrorChar: {
      if (T.InvalidUtf8)
        continue; // reported as invalid UTF-8
      unsigned Len;
      int32_t Decoded = decodeOne(Bytes, T.Begin, Len);
      char32_t CP = Decoded < 0 ? 0xFFFD : char32_t(Decoded);
      std::string Hex = hex(CP);
      bool Printable = CP >= 0x20 && CP != 0x7F && !(CP >= 0x80 && CP <= 0x9F) && CP != 0xFFFD;
      llvm::StringRef Text = Bytes.slice(T.Begin, T.End);
      std::string Shown = Printable ? quote(Text, Lang::En) + " (" + Hex + ")" : Hex;
      std::string ShownZh = Printable ? quote(Text, Lang::Zh) + "（" + Hex + "）" : " " + Hex;
      Diags.report(S, diag::InvalidCharacter, {Shown, Hex}).zh({ShownZh, Hex});
      continue;
    }
    default:
      break;
    }
    Out.push_back(T);
  }
  return Out;
}

/// Reads "// budc:allow BUD401[,BUD402] reason" comments. One applies to its own line when
/// code precedes it there, else to the line of the next token of code; and when that line is
/// a block's header (a '{' opened there and closed on a later line), to the whole block, up to
/// the line of its '}' (the end of the file for a block that is not closed).
std::vector<ast::Suppression> suppressions(const std::vector<Token> &Tokens, llvm::StringRef Bytes,
                                           const SourceManager &SM, unsigned File) {
  std::vector<ast::Suppression> Out;
  std::vector<size_t> Comments;
  for (size_t I = 0; I < Tokens.size(); ++I)
    if (Tokens[I].Kind == tok::Comment &&
        Bytes.slice(Tokens[I].Begin, Tokens[I].End).drop_front(2).ltrim().startswith("budc:allow"))
      Comments.push_back(I);
  if (Comments.empty())
    return Out;
  // One pass over the tokens: the next token of code after each, and each '{' its '}'.
  constexpr size_t None = SIZE_MAX;
  auto IsCode = [&](size_t I) {
    return Tokens[I].Kind != tok::Newline && Tokens[I].Kind != tok::Comment;
  };
  std::vector<size_t> NextCode(Tokens.size() + 1, None), Close(Tokens.size(), None), Open;
  for (size_t I = Tokens.size(); I-- > 0;)
    NextCode[I] = IsCode(I) ? I : NextCode[I + 1];
  for (size_t I = 0; I < Tokens.size(); ++I)
    if (Tokens[I].Kind == tok::LBrace) {
      Open.push_back(I);
    } else if (Tokens[I].Kind == tok::RBrace && !Open.empty()) {
      Close[Open.back()] = I;
      Open.pop_back();
    }
  auto LineOf = [&](uint32_t Offset) { return SM.getLineCol(File, Offset).Line; };
  uint32_t LastLine = LineOf(static_cast<uint32_t>(Bytes.size()));
  for (size_t I : Comments) {
    const Token &C = Tokens[I];
    llvm::StringRef Text = Bytes.slice(C.Begin, C.End).drop_front(2).ltrim();
    Text.consume_front("budc:allow");
    ast::Suppression S;
    S.Range = {File, C.Begin, C.End};
    Text = Text.ltrim();
    S.Code = Text.take_until([](char Ch) { return Ch == ' ' || Ch == '\t'; });
    S.Reason = Text.drop_front(S.Code.size()).trim();
    // The line the comment applies to: its own after code, else the next line of code; and
    // the first token of that line, to look for a block's '{'.
    bool CodeBefore = I > 0 && IsCode(I - 1);
    size_t First = None;
    if (CodeBefore) {
      First = I - 1;
      while (First > 0 && Tokens[First - 1].Kind != tok::Newline)
        --First;
    } else {
      First = NextCode[I + 1];
    }
    S.TargetLine = LineOf(CodeBefore || First == None ? C.Begin : Tokens[First].Begin);
    S.LastLine = S.TargetLine;
    // A '{' on that line whose '}' is on a later one makes the comment apply to its block; a
    // text block ("""…""") that starts on that line and ends on a later one, to the whole text.
    for (size_t J = First; J != None && J < Tokens.size() && Tokens[J].Kind != tok::Newline; ++J)
      if (Tokens[J].Kind == tok::TextBlock && Tokens[J].End > Tokens[J].Begin) {
        uint32_t End = LineOf(Tokens[J].End - 1);
        if (End > S.TargetLine) {
          S.LastLine = End;
          S.Text = true;
          break;
        }
      } else if (Tokens[J].Kind == tok::LBrace) {
        uint32_t End = Close[J] == None ? LastLine : LineOf(Tokens[Close[J]].Begin);
        if (End > S.TargetLine) {
          S.LastLine = End;
          break;
        }
      }
    Out.push_back(S);
  }
  return Out;
}

/// Reports nesting deeper than the limit; true when the file may be parsed.
bool checkNesting(const std::vector<Token> &Tokens, unsigned File, DiagEngine &Diags,
                  unsigned Max) {
  unsigned Depth = 0;
  for (const Token &T : Tokens) {
    if (T.Kind == tok::LBrace && ++Depth > Max) {
      Diags.report({File, T.Begin, T.End}, diag::NestingTooDeep, {std::to_string(Max)});
      return false;
    }
    if (T.Kind == tok::RBrace && Depth)
      --Depth;
  }
  return true;
}

/// Where messages place the end of the file: the end of its last line rather than the empty
/// line after the final line break, where a caret would point at nothing.
uint32_t endOfLastLine(llvm::StringRef B) {
  uint32_t End = static_cast<uint32_t>(B.size());
  if (B.endswith("\r\n"))
    return End - 2;
  if (B.endswith("\n") || B.endswith("\r"))
    return End - 1;
  return End;
}

/// A file of more tokens than twice this is parsed in pieces of about this many.
constexpr size_t PieceTokens = size_t(1) << 16;

/// The generated parser with the runtime's error listener removed and budc's strategy.
/// \p DebugThrow makes it throw from inside the runtime (tests of the boundary).
class FileParser final : public BudParser {
public:
  FileParser(TokenArray &Tokens, DiagEngine &Diags, ErrorBudget Budget, bool DebugThrow)
      : BudParser(&Tokens), DebugThrow(DebugThrow) {
    static const bool Warm = (warmUpParser(getATN()), true);
    (void)Warm;
    removeErrorListeners();
    setErrorHandler(std::make_shared<ErrorStrategy>(Tokens, Diags, Budget));
  }

  antlr4::Token *consume() override {
    if (DebugThrow)
      throw std::runtime_error("a test asked the parser to throw");
    return BudParser::consume();
  }

  /// Remembers the first context entered: the file rule's, the root of the parse tree.
  void enterRule(antlr4::ParserRuleContext *Ctx, size_t State, size_t Rule) override {
    if (!Root)
      Root = static_cast<FileContext *>(Ctx);
    BudParser::enterRule(Ctx, State, Rule);
  }

  FileContext *root() const { return Root; }

private:
  bool DebugThrow;
  FileContext *Root = nullptr;
};

} // namespace

ast::File *parseFile(const SourceManager &SM, unsigned FileID, ast::Context &Ctx,
                     DiagEngine &Diags, const ParseOptions &Opts) {
  llvm::StringRef Bytes = SM.getText(FileID);
  // --error-limit: once the workspace's files have reported that many errors, the rest is
  // neither lexed nor parsed.
  auto Spent = [&] {
    return Opts.ErrorLimit && Opts.ErrorCount && Opts.ErrorCount->load() > Opts.ErrorLimit;
  };
  std::vector<Token> Lexed, Tokens;
  std::vector<ast::Suppression> Allow;
  llvm::DenseSet<uint32_t> Unclosed;
  bool Parse = false;
  if (!Spent()) {
    unsigned Before = Diags.getErrorCount();
    reportInvalidUtf8(Bytes, FileID, Diags);
    Lexed = lex(Bytes);
    Allow = suppressions(Lexed, Bytes, SM, FileID);
    // (--error-limit: this file's errors count as they are reported)
    Tokens = cleanTokens(Lexed, Bytes, FileID, Diags, Unclosed, [&] {
      return Opts.ErrorLimit && Opts.ErrorCount &&
             Opts.ErrorCount->load() + (Diags.getErrorCount() - Before) > Opts.ErrorLimit;
    });
    Lexed = {};
    // The parser sees no comments (the suppressions were read above).
    llvm::erase_if(Tokens, [](const Token &T) { return T.Kind == tok::Comment; });
    Parse = !Tokens.empty() && checkNesting(Tokens, FileID, Diags, Opts.MaxNesting);
    if (Opts.ErrorCount)
      Opts.ErrorCount->fetch_add(Diags.getErrorCount() - Before);
    Parse &= !Spent();
  }
  ErrorBudget Budget{Opts.ErrorLimit, Opts.ErrorCount};
  bool DebugThrow = !Opts.DebugThrowIn.empty() && SM.getPath(FileID).contains(Opts.DebugThrowIn);
  // Parses Tokens[Begin, End) as a file ending at EndOffset, into what Build makes of its
  // tree; false when the error budget is spent.
  auto ParsePiece = [&](size_t Begin, size_t End, uint32_t EndOffset, auto Build) {
    TokenArray Array(SM, FileID, llvm::ArrayRef<Token>(Tokens).slice(Begin, End - Begin),
                     EndOffset);
    Builder B(Array, Diags, Ctx, Unclosed);
    if (!Parse)
      return Build(B, nullptr), true;
    FileParser Parser(Array, Diags, Budget, DebugThrow);
    bool Going = true;
    try {
      Parser.file();
    } catch (const ErrorLimitReached &) {
      // The error budget is spent: what was parsed so far is kept, the rest is not read.
      Going = false;
    } catch (const std::exception &E) {
      Diags.report({FileID, 0, 0}, diag::ParserFailure, {E.what()});
    } catch (...) {
      Diags.report({FileID, 0, 0}, diag::ParserFailure, {"unknown exception"});
    }
    // The root context, whole or as far as the parse went (the parser owns it until it is
    // destroyed, after the builder is done).
    Build(B, Parser.root());
    return Going;
  };
  // A large file is parsed in pieces of whole top-level statements, cut at a line break outside
  // any block or bracket, each with its own token array, parser and parse tree: a parse tree
  // takes about ten times the bytes of its text, and only one piece's is alive at a time
  // (docs/workflow.md: a check's memory against its input).
  std::vector<size_t> Cuts; // the Newline tokens a piece ends before
  if (Parse && Tokens.size() > 2 * PieceTokens) {
    unsigned Depth = 0;
    size_t Last = 0;
    for (size_t I = 0; I < Tokens.size(); ++I) {
      tok::Kind K = Tokens[I].Kind;
      if (K == tok::LBrace || K == tok::LBrack)
        ++Depth;
      else if ((K == tok::RBrace || K == tok::RBrack) && Depth)
        --Depth;
      else if (K == tok::Newline && !Depth && I - Last >= PieceTokens &&
               Tokens.size() - I > PieceTokens) {
        Cuts.push_back(I);
        Last = I;
      }
    }
  }
  ast::File *F = nullptr;
  std::vector<ast::Node *> Items;
  auto Collect = [&](Builder &B, BudParser::FileContext *Tree) {
    if (!F) {
      F = B.file(Tree, Allow);
      Items.assign(F->Items.begin(), F->Items.end());
    } else {
      llvm::append_range(Items, B.piece(Tree));
    }
  };
  size_t Begin = 0;
  bool Going = true;
  for (size_t Cut : Cuts) {
    Going = ParsePiece(Begin, Cut, Tokens[Cut].Begin, Collect);
    Begin = Cut;
    if (!Going)
      break;
  }
  if (Going)
    ParsePiece(Begin, Tokens.size(), endOfLastLine(Bytes), Collect);
  if (!Cuts.empty())
    F->Items = Ctx.copy(llvm::ArrayRef<ast::Node *>(Items));
  return F;
}

std::vector<LexToken> lexFile(const SourceManager &SM, unsigned FileID) {
  std::vector<LexToken> Out;
  for (const Token &T : lex(SM.getText(FileID))) {
    LexToken L;
    L.Begin = T.Begin;
    L.End = T.End;
    switch (T.Kind) {
    case tok::Name: L.K = LexToken::Name; break;
    case tok::String: L.K = LexToken::String; break;
    case tok::TextBlock: L.K = LexToken::TextBlock; break;
    case tok::Number: L.K = LexToken::Number; break;
    case tok::Quantity: L.K = LexToken::Quantity; break;
    case tok::Code: L.K = LexToken::Code; break;
    case tok::Date: L.K = LexToken::Date; break;
    case tok::LBrace: L.K = LexToken::LBrace; break;
    case tok::RBrace: L.K = LexToken::RBrace; break;
    case tok::LBrack: L.K = LexToken::LBrack; break;
    case tok::RBrack: L.K = LexToken::RBrack; break;
    case tok::Semi: L.K = LexToken::Semi; break;
    case tok::Slash: L.K = LexToken::Slash; break;
    case tok::Minus: L.K = LexToken::Minus; break;
    case tok::Ge:
    case tok::Le:
    case tok::Ne:
    case tok::Gt:
    case tok::Lt: L.K = LexToken::Comparator; break;
    case tok::Eq: L.K = LexToken::Eq; break;
    case tok::Newline: L.K = LexToken::Newline; break;
    case tok::Comment: L.K = LexToken::Comment; break;
    default: L.K = isKeyword(T.Kind) ? LexToken::Keyword : LexToken::Other; break;
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

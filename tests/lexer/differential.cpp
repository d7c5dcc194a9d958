//===- differential.cpp - The generated lexer against budc's lexer ----------===//
#include "tests/lexer/differential.h"

#include "compiler/source/utf8.h"
#include "compiler/syntax/lexer.h"

#include "BudLexer.h"
#include "budc_antlr4_runtime.h"

#include <vector>

namespace budc::lexdiff {
namespace {

/// A character stream over code points decoded by budc (a byte that is not UTF-8 is one
/// U+FFFD), through the runtime's public CharStream interface.
class CodePointStream final : public antlr4::CharStream {
public:
  explicit CodePointStream(std::u32string Data) : Data(std::move(Data)) {}
  void consume() override {
    if (P >= Data.size())
      throw antlr4::IllegalStateException("cannot consume EOF");
    ++P;
  }
  size_t LA(ssize_t I) override {
    if (I == 0)
      return 0;
    ssize_t At = static_cast<ssize_t>(P) + (I > 0 ? I - 1 : I);
    if (At < 0 || At >= static_cast<ssize_t>(Data.size()))
      return antlr4::IntStream::EOF;
    return Data[static_cast<size_t>(At)];
  }
  ssize_t mark() override { return -1; }
  void release(ssize_t) override {}
  size_t index() override { return P; }
  void seek(size_t Index) override { P = std::min(Index, Data.size()); }
  size_t size() override { return Data.size(); }
  std::string getSourceName() const override { return "<input>"; }
  std::string getText(const antlr4::misc::Interval &I) override {
    std::string Out;
    for (ssize_t K = I.a; K <= I.b && K >= 0 && static_cast<size_t>(K) < Data.size(); ++K)
      appendUtf8(Out, Data[static_cast<size_t>(K)]);
    return Out;
  }
  std::string toString() const override { return ""; }

private:
  std::u32string Data;
  size_t P = 0;
};

struct Tok {
  size_t Kind;
  uint32_t Begin, End;
};

std::string show(llvm::StringRef Bytes, const Tok &T) {
  std::string Name = T.Kind < syntax::tok::NumKinds
                         ? syntax::grammarName(syntax::tok::Kind(T.Kind)).str()
                         : "type " + std::to_string(T.Kind);
  std::string Text;
  for (char C : Bytes.slice(T.Begin, T.End)) {
    unsigned char U = static_cast<unsigned char>(C);
    if (U < 0x20 || U == 0x7F) {
      char Buf[8];
      snprintf(Buf, sizeof Buf, "\\x%02X", U);
      Text += Buf;
    } else {
      Text += C;
    }
  }
  return Name + " [" + std::to_string(T.Begin) + "," + std::to_string(T.End) + ") '" + Text + "'";
}

} // namespace

std::optional<std::string> compare(llvm::StringRef Bytes) {
  DecodedText D = decodeUtf8(Bytes);
  CodePointStream Stream(D.CodePoints);
  grammar::BudLexer Lexer(&Stream);
  Lexer.removeErrorListeners();
  std::vector<Tok> Generated;
  for (;;) {
    std::unique_ptr<antlr4::Token> T = Lexer.nextToken();
    if (T->getType() == antlr4::Token::EOF)
      break;
    Generated.push_back({T->getType(), D.ByteOffsets[T->getStartIndex()],
                         D.ByteOffsets[T->getStopIndex() + 1]});
  }
  syntax::LexOptions Opts;
  Opts.KeepSpaces = true;
  std::vector<Tok> Ours;
  for (const syntax::Token &T : syntax::lex(Bytes, Opts))
    Ours.push_back({size_t(T.Kind), T.Begin, T.End});
  for (size_t I = 0; I < std::max(Generated.size(), Ours.size()); ++I) {
    if (I < Generated.size() && I < Ours.size() && Generated[I].Kind == Ours[I].Kind &&
        Generated[I].Begin == Ours[I].Begin && Generated[I].End == Ours[I].End)
      continue;
    std::string G = I < Generated.size() ? show(Bytes, Generated[I]) : "nothing";
    std::string O = I < Ours.size() ? show(Bytes, Ours[I]) : "nothing";
    return "token " + std::to_string(I) + ": the grammar's lexer gives " + G + ", budc's " + O;
  }
  return std::nullopt;
}

} // namespace budc::lexdiff

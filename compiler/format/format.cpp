//===- format.cpp - The canonical layout of a .bud file ----------------------===//
//
// budc fmt works on the tokens of a file that parses cleanly, comments and line breaks
// included, so it can never drop a character of a string or a comment: every token is
// copied, only the space between tokens changes. The layout:
//   - one statement per line (a ';' between statements becomes a line break), two spaces of
//     indentation per open block, '{' ends its line and '}' stands on its own ("{}" for an
//     empty block);
//   - one space between tokens, none inside [tags], around '/' in paths, or between a
//     comparator and its number; >= <= != are spelled ≥ ≤ ≠;
//   - in a run of lines of one block that end in an amount, the amounts are right-aligned
//     in one column, display width counted (a CJK character is two columns); an amount
//     written with its unit (3000元) aligns its number, the unit after it;
//   - in a run of a table template's pair rows (对行 左 … 右 …), the right sides start in one
//     column, two spaces after the widest left side (of two rows or more with both sides);
//   - the rows of a published table (公开表) are laid out as the table they transcribe: cell
//     by cell in columns two spaces apart, texts left-aligned and amounts right-aligned
//     (a cell is a token, or a '-' with the number it negates);
//   - comments stay where they are: on their own line (re-indented) or after the code of
//     their line (two spaces before), which for a block written on one line and laid out on
//     several is its header's (a budc:allow there covers the block, as it covered the line);
//     one blank line is kept between paragraphs, none at the start or end of a block or of
//     the file;
//   - the file keeps its line ends (LF or CRLF) and its byte-order mark.
//
//===----------------------------------------------------------------------===//
#include "compiler/format/format.h"

#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Unicode.h"

namespace budc::format {
namespace {

using syntax::LexToken;

struct Line {
  unsigned Depth = 0;
  std::vector<LexToken> Code;
  std::string Comment; ///< a trailing comment, or the whole line when Code is empty
  bool Blank = false;
  bool OpensBlock() const { return !Code.empty() && Code.back().K == LexToken::LBrace; }
};

unsigned width(llvm::StringRef S) {
  int W = llvm::sys::unicode::columnWidthUTF8(S);
  return W < 0 ? static_cast<unsigned>(S.size()) : static_cast<unsigned>(W);
}

class Formatter {
public:
  Formatter(llvm::StringRef Text, std::vector<LexToken> Tokens)
      : Text(Text), Tokens(std::move(Tokens)) {}

  std::string run() {
    split();
    std::string Eol = Text.contains("\r\n") && firstEolIsCrlf() ? "\r\n" : "\n";
    std::string Out;
    if (Text.startswith("\xEF\xBB\xBF"))
      Out += "\xEF\xBB\xBF";
    std::vector<std::string> Rendered = render();
    for (const std::string &L : Rendered)
      Out += L + Eol;
    return Out;
  }

private:
  llvm::StringRef text(const LexToken &T) const { return Text.slice(T.Begin, T.End); }

  bool firstEolIsCrlf() const {
    size_t N = Text.find('\n');
    return N != llvm::StringRef::npos && N > 0 && Text[N - 1] == '\r';
  }

  //===-- tokens into lines ------------------------------------------------===//

  void flush() {
    if (HeaderInCur && !Cur.Code.empty()) {
      Header = Lines.size();
      HeaderInCur = false;
    }
    if (!Cur.Code.empty() || !Cur.Comment.empty())
      Lines.push_back(std::move(Cur));
    Cur = Line();
    Cur.Depth = Depth;
    Open = Closed = false;
  }

  void blank() {
    if (Lines.empty() || Lines.back().Blank)
      return;
    Line B;
    B.Blank = true;
    Lines.push_back(B);
  }

  void split() {
    Cur.Depth = 0;
    unsigned Newlines = 0;
    for (const LexToken &T : Tokens) {
      switch (T.K) {
      case LexToken::Newline:
        Header = NoHeader; // a new line of the source
        HeaderInCur = false;
        if (!Cur.Code.empty() || !Cur.Comment.empty()) {
          flush();
          Newlines = 1;
        } else if (++Newlines == 2) {
          blank();
        }
        continue;
      case LexToken::Semi:
        if (!Cur.Code.empty())
          flush();
        continue;
      case LexToken::Comment:
        if (Cur.Code.empty()) {
          Cur.Depth = Depth;
          Cur.Comment = text(T).rtrim().str();
          flush();
        } else if (Header != NoHeader && Lines[Header].Comment.empty()) {
          // After a block that opened and closed on this line of the source and is now
          // laid out over several: the comment stays with the block's header, so that a
          // budc:allow there keeps covering the block's statements.
          Lines[Header].Comment = text(T).rtrim().str();
        } else {
          Cur.Comment = text(T).rtrim().str();
        }
        Newlines = 0;
        continue;
      case LexToken::LBrace:
        if (Header == NoHeader && !HeaderInCur)
          HeaderInCur = true;
        Cur.Code.push_back(T);
        ++Depth;
        Open = true; // flushed by the next code token or line break
        Newlines = 0;
        continue;
      case LexToken::RBrace: {
        if (Open && Cur.OpensBlock() && Cur.Comment.empty()) { // "{}": an empty block
          Depth = Depth ? Depth - 1 : 0;
          Cur.Code.push_back(T);
          Open = false;
          Closed = true;
          Newlines = 0;
          continue;
        }
        if (!Cur.Code.empty())
          flush();
        Depth = Depth ? Depth - 1 : 0;
        while (!Lines.empty() && Lines.back().Blank)
          Lines.pop_back(); // no blank line before '}'
        // An empty block whose '{' line was already flushed: join them.
        if (!Lines.empty() && Lines.back().OpensBlock() && Lines.back().Comment.empty() &&
            Cur.Code.empty()) {
          Lines.back().Code.push_back(T);
          Cur = Lines.back();
          Lines.pop_back();
          if (Header == Lines.size()) { // the header is the current line again
            Header = NoHeader;
            HeaderInCur = true;
          }
        } else {
          Cur = Line();
          Cur.Depth = Depth;
          Cur.Code.push_back(T);
        }
        Open = false;
        Closed = true;
        Newlines = 0;
        continue;
      }
      default:
        if (Open || Closed) {
          flush();
          Open = false;
        }
        if (Cur.Code.empty())
          Cur.Depth = Depth;
        Cur.Code.push_back(T);
        Newlines = 0;
        continue;
      }
    }
    flush();
    // No blank line at the start of a block or of the file, nor at the end of the file.
    std::vector<Line> Kept;
    for (Line &L : Lines) {
      if (L.Blank && (Kept.empty() || Kept.back().OpensBlock()))
        continue;
      Kept.push_back(std::move(L));
    }
    while (!Kept.empty() && Kept.back().Blank)
      Kept.pop_back();
    Lines = std::move(Kept);
  }

  //===-- lines into text --------------------------------------------------===//

  std::string spell(const LexToken &T) const {
    llvm::StringRef S = text(T);
    if (T.K == LexToken::Comparator) {
      if (S == ">=")
        return "≥";
      if (S == "<=")
        return "≤";
      if (S == "!=")
        return "≠";
    }
    return S.str();
  }

  static bool spaceBetween(const LexToken &A, const LexToken &B) {
    if (A.K == LexToken::LBrack || B.K == LexToken::RBrack)
      return false;
    if (A.K == LexToken::LBrace && B.K == LexToken::RBrace)
      return false; // {}
    if (A.K == LexToken::Slash || B.K == LexToken::Slash)
      return false;
    bool Numberish = B.K == LexToken::Number || B.K == LexToken::Quantity ||
                     B.K == LexToken::Date || B.K == LexToken::Minus;
    if ((A.K == LexToken::Comparator || A.K == LexToken::Eq) && Numberish)
      return false;
    if (A.K == LexToken::Minus && (B.K == LexToken::Number || B.K == LexToken::Quantity))
      return false;
    return true;
  }

  std::string join(llvm::ArrayRef<LexToken> Code) const {
    std::string Out;
    for (size_t I = 0; I < Code.size(); ++I) {
      if (I && spaceBetween(Code[I - 1], Code[I]))
        Out += ' ';
      Out += spell(Code[I]);
    }
    return Out;
  }

  /// Whether \p L ends in an amount that lines up with its neighbours': a number, or a number
  /// with its unit (10万元, 3000元), after a key. An indicator's value and a schedule's share
  /// are no amounts.
  bool endsInAmount(const Line &L) const {
    if (L.Code.size() < 2 ||
        (L.Code.back().K != LexToken::Number && L.Code.back().K != LexToken::Quantity))
      return false;
    LexToken::Kind Before = L.Code[L.Code.size() - 2].K;
    if (Before == LexToken::Minus || Before == LexToken::Comparator || Before == LexToken::Eq)
      return false;
    llvm::StringRef First = text(L.Code.front());
    return !(L.Code.front().K == LexToken::Keyword && (First == "指标" || First == "indicator" ||
                                                       First == "支出计划" || First == "schedule"));
  }

  /// The digits of an amount \p T (a number, or a quantity: its number before the unit),
  /// thousands separators included.
  llvm::StringRef digits(const LexToken &T) const {
    llvm::StringRef S = text(T);
    return S.take_while([](char C) { return llvm::isDigit(C) || C == '.' || C == ','; });
  }

  /// Whether \p L is a row of a table template with a left and a right side:
  /// 对行 左 "本年收入合计" 本年 右 "本年支出合计".
  bool isPairRow(const Line &L) const {
    return !L.Code.empty() && L.Code.front().K == LexToken::Name && text(L.Code.front()) == "对行";
  }
  /// Where the right side of pair row \p L starts (its 右), or 0.
  size_t rightSide(const Line &L) const {
    for (size_t K = 1; K < L.Code.size(); ++K)
      if (L.Code[K].K == LexToken::Name && text(L.Code[K]) == "右")
        return K;
    return 0;
  }
  /// Lays out the run of pair rows at \p I, the right sides in one column two spaces after the
  /// widest left side (as a template's author aligns them, so they read as the table's two
  /// halves); returns the line after the run. A row with no left side (对行 右 …), and a run
  /// with fewer than two rows of both sides, have nothing to align: one space, as elsewhere.
  size_t pairRows(size_t I, std::vector<std::string> &Out) const {
    size_t End = I, Both = 0;
    unsigned Column = 0;
    while (End < Lines.size() && !Lines[End].Blank && Lines[End].Depth == Lines[I].Depth &&
           isPairRow(Lines[End])) {
      if (size_t R = rightSide(Lines[End]); R > 1) {
        Column = std::max(Column, width(join(llvm::ArrayRef<LexToken>(Lines[End].Code).take_front(R))));
        ++Both;
      }
      ++End;
    }
    for (size_t K = I; K < End; ++K) {
      const Line &X = Lines[K];
      llvm::ArrayRef<LexToken> Code = X.Code;
      std::string S = join(Code);
      if (size_t R = rightSide(X); R > 1 && Both > 1) {
        std::string Left = join(Code.take_front(R));
        S = Left + std::string(Column - width(Left) + 2, ' ') + join(Code.drop_front(R));
      }
      if (!X.Comment.empty())
        S += "  " + X.Comment;
      Out[K] = std::string(2 * X.Depth, ' ') + S;
    }
    return End;
  }

  /// Whether \p L opens a published table's block (公开表 … {).
  bool opensPublished(const Line &L) const {
    if (!L.OpensBlock())
      return false;
    llvm::StringRef First = text(L.Code.front());
    return L.Code.front().K == LexToken::Keyword && (First == "公开表" || First == "published");
  }
  /// The cells of published-table row \p L: its tokens, a '-' joined to the number after it.
  std::vector<llvm::ArrayRef<LexToken>> cells(const Line &L) const {
    std::vector<llvm::ArrayRef<LexToken>> Out;
    llvm::ArrayRef<LexToken> Code = L.Code;
    for (size_t I = 0; I < Code.size();) {
      size_t N = 1;
      while (I + N < Code.size() && !spaceBetween(Code[I + N - 1], Code[I + N]))
        ++N;
      Out.push_back(Code.slice(I, N));
      I += N;
    }
    return Out;
  }
  /// An amount, or a lone '-' standing for none: right-aligned in its column.
  static bool isAmount(llvm::ArrayRef<LexToken> Cell) {
    LexToken::Kind K = Cell.back().K;
    return K == LexToken::Number || K == LexToken::Quantity || K == LexToken::Minus;
  }
  /// Lays out the rows of the published table whose block line \p Open opens; returns the
  /// line after its rows (its '}' line is laid out as any other).
  size_t publishedRows(size_t Open, std::vector<std::string> &Out) const {
    unsigned Depth = Lines[Open].Depth + 1;
    size_t End = Open + 1;
    while (End < Lines.size() && (Lines[End].Blank || Lines[End].Depth >= Depth))
      ++End;
    // The rows and their cells; comment lines between them keep their place.
    std::vector<std::pair<size_t, std::vector<llvm::ArrayRef<LexToken>>>> Rows;
    for (size_t K = Open + 1; K < End; ++K) {
      if (Lines[K].Blank)
        continue;
      if (Lines[K].Code.empty())
        Out[K] = std::string(2 * Lines[K].Depth, ' ') + Lines[K].Comment;
      else
        Rows.emplace_back(K, cells(Lines[K]));
    }
    std::vector<unsigned> Widths;
    std::vector<bool> Numeric; // a column with an amount: its blank cells ("") align as amounts
    for (const auto &[K, C] : Rows) {
      if (Widths.size() < C.size()) {
        Widths.resize(C.size());
        Numeric.resize(C.size());
      }
      for (size_t J = 0; J < C.size(); ++J) {
        Widths[J] = std::max(Widths[J], width(join(C[J])));
        if (isAmount(C[J]) && C[J].back().K != LexToken::Minus)
          Numeric[J] = true;
      }
    }
    for (const auto &[K, C] : Rows) {
      std::string S;
      for (size_t J = 0; J < C.size(); ++J) {
        std::string Cell = join(C[J]);
        std::string Pad(Widths[J] - width(Cell), ' ');
        bool Last = J + 1 == C.size();
        bool Right = isAmount(C[J]) || (Numeric[J] && Cell == "\"\"");
        S += Right ? Pad + Cell : Cell + (Last ? "" : Pad);
        if (!Last)
          S += "  ";
      }
      if (!Lines[K].Comment.empty())
        S += "  " + Lines[K].Comment;
      Out[K] = std::string(2 * Lines[K].Depth, ' ') + S;
    }
    return End;
  }

  std::vector<std::string> render() const {
    std::vector<std::string> Out(Lines.size());
    for (size_t I = 0; I < Lines.size();) {
      const Line &L = Lines[I];
      if (L.Blank) {
        ++I;
        continue;
      }
      std::string Indent(2 * L.Depth, ' ');
      if (opensPublished(L)) {
        std::string S = join(L.Code);
        if (!L.Comment.empty())
          S += "  " + L.Comment;
        Out[I] = Indent + S;
        I = publishedRows(I, Out);
        continue;
      }
      if (isPairRow(L)) {
        I = pairRows(I, Out);
        continue;
      }
      if (!endsInAmount(L)) {
        std::string S = L.Code.empty() ? L.Comment : join(L.Code);
        if (!L.Code.empty() && !L.Comment.empty())
          S += "  " + L.Comment;
        Out[I++] = Indent + S;
        continue;
      }
      // A run of lines at this depth that end in amounts: align the amounts' right edges.
      size_t End = I;
      while (End < Lines.size() && !Lines[End].Blank && Lines[End].Depth == L.Depth &&
             endsInAmount(Lines[End]))
        ++End;
      // The numbers' right edges line up; a unit written after one follows it.
      unsigned Left = 0, Right = 0;
      for (size_t K = I; K < End; ++K) {
        const Line &X = Lines[K];
        Left = std::max(Left, width(join(llvm::ArrayRef<LexToken>(X.Code).drop_back())));
        Right = std::max(Right, width(digits(X.Code.back())));
      }
      for (size_t K = I; K < End; ++K) {
        const Line &X = Lines[K];
        std::string Head = join(llvm::ArrayRef<LexToken>(X.Code).drop_back());
        std::string Amount = text(X.Code.back()).str();
        unsigned Digits = width(digits(X.Code.back()));
        std::string S = Head + std::string(Left - width(Head) + 1 + Right - Digits, ' ') + Amount;
        if (!X.Comment.empty())
          S += "  " + X.Comment;
        Out[K] = Indent + S;
      }
      I = End;
    }
    return Out;
  }

  llvm::StringRef Text;
  std::vector<LexToken> Tokens;
  std::vector<Line> Lines;
  Line Cur;
  unsigned Depth = 0;
  static constexpr size_t NoHeader = SIZE_MAX;
  /// The line of Lines that holds the first '{' of the current source line (NoHeader when
  /// it has none, or when it is still Cur: HeaderInCur).
  size_t Header = NoHeader;
  bool HeaderInCur = false;
  bool Open = false;   ///< Cur ends with '{' that is not yet followed by anything
  bool Closed = false; ///< Cur is a '}' line that a comment may still follow
};

} // namespace

std::string formatFile(const SourceManager &SM, unsigned FileID) {
  return Formatter(SM.getText(FileID), syntax::lexFile(SM, FileID)).run();
}

} // namespace budc::format

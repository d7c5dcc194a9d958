//===- lexer.cpp - The tokens of a .bud file --------------------------------===//
//
// Each function below is one rule (or a group of rules) of grammar/BudLexer.g4, matched at a
// byte offset and returning where the match ends; lexAt() picks the longest, the first rule
// among equals, as ANTLR's lexer does. ASCII is handled byte by byte; other characters are
// decoded where a rule needs to know what they are.
//
//===----------------------------------------------------------------------===//
#include "compiler/syntax/lexer.h"

#include "compiler/source/utf8.h"

#include "llvm/ADT/StringMap.h"

namespace budc::syntax {

//===----------------------------------------------------------------------===//
// The token table
//===----------------------------------------------------------------------===//

namespace {

struct KindInfo {
  const char *Grammar;
  const char *Spelling; ///< Chinese spelling of a keyword, spelling of punctuation, or ""
  const char *English;  ///< English spelling of a keyword, or the English word for a literal
  const char *Chinese;  ///< the Chinese word for a literal
  bool Noun;
};

const KindInfo Kinds[] = {
    {"EOF", "", "the end of the file", "文件结尾", false},
#define BUD_KEYWORD(Name, GrammarName, English, Chinese, Noun)                                 \
  {#GrammarName, Chinese, English, "", Noun},
#define BUD_PUNCT(Name, GrammarName, Spelling, OtherSpelling)                                 \
  {#GrammarName, Spelling, "", "", false},
#define BUD_TOKEN(Name, GrammarName, English, Chinese) {#GrammarName, "", English, Chinese, false},
#include "compiler/syntax/tokens.def"
};
static_assert(sizeof(Kinds) / sizeof(Kinds[0]) == tok::NumKinds, "one entry per kind");

} // namespace

tok::Kind keywordFor(llvm::StringRef Word) {
  static const llvm::StringMap<tok::Kind> Map = [] {
    llvm::StringMap<tok::Kind> M;
#define BUD_KEYWORD(Name, GrammarName, English, Chinese, Noun)                                 \
  M[English] = tok::Name;                                                                      \
  M[Chinese] = tok::Name;
#include "compiler/syntax/tokens.def"
    return M;
  }();
  if (Word.size() > 15) // the longest keyword has five characters of three bytes
    return tok::Name;
  auto It = Map.find(Word);
  return It == Map.end() ? tok::Name : It->second;
}

bool isNounKeyword(tok::Kind K) { return Kinds[K].Noun; }
llvm::StringRef spelling(tok::Kind K) { return Kinds[K].Spelling; }
llvm::StringRef englishSpelling(tok::Kind K) { return isKeyword(K) ? Kinds[K].English : ""; }
llvm::StringRef grammarName(tok::Kind K) { return Kinds[K].Grammar; }

llvm::StringRef describe(tok::Kind K, bool Chinese) {
  const KindInfo &I = Kinds[K];
  if (*I.Spelling)
    return I.Spelling;
  return Chinese ? I.Chinese : I.English;
}

//===----------------------------------------------------------------------===//
// Character classes (the fragments of BudLexer.g4)
//===----------------------------------------------------------------------===//

namespace {

bool isCjk(char32_t C) {
  return (C >= 0x3400 && C <= 0x4DBF) || (C >= 0x4E00 && C <= 0x9FFF) ||
         (C >= 0xF900 && C <= 0xFAFF) || (C >= 0x20000 && C <= 0x2FFFF);
}
bool isAsciiLetter(char32_t C) { return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z'); }
bool isDigit(char32_t C) { return C >= '0' && C <= '9'; }
bool isUpper(char32_t C) { return C >= 'A' && C <= 'Z'; }
/// 【 〔 《 「 “ ‘
bool isOpening(char32_t C) {
  return C == 0x3010 || C == 0x3014 || C == 0x300A || C == 0x300C || C == 0x201C || C == 0x2018;
}
/// 】 〕 》 」 ” ’ 、
bool isClosing(char32_t C) {
  return C == 0x3011 || C == 0x3015 || C == 0x300B || C == 0x300D || C == 0x201D ||
         C == 0x2019 || C == 0x3001;
}
/// ℃ ℉ and the CJK compatibility unit signs U+3380–U+33DF.
bool isUnitSign(char32_t C) { return C == 0x2103 || C == 0x2109 || (C >= 0x3380 && C <= 0x33DF); }
bool isUnitStart(char32_t C) {
  return isCjk(C) || isAsciiLetter(C) || C == '%' || C == 0x2030 || isUnitSign(C);
}
bool isUnitSep(char32_t C) { return C == '/' || C == '.' || C == 0x00B7; }
bool isWideSpace(char32_t C) { return C == 0x3000 || C == 0xFEFF; }

} // namespace

bool isNameStart(char32_t C) {
  return isCjk(C) || isAsciiLetter(C) || C == '_' || C == 0xFF08 || isOpening(C);
}
bool isNameChar(char32_t C) {
  return isNameStart(C) || isDigit(C) || C == 0xFF09 || isClosing(C) || C == 0x00B7 ||
         isUnitSign(C);
}

//===----------------------------------------------------------------------===//
// The rules
//===----------------------------------------------------------------------===//

namespace {

/// Sentinel for "not a code point": end of the text, or a byte that is not UTF-8.
constexpr char32_t None = 0xFFFFFFFF;

class Scanner {
public:
  explicit Scanner(llvm::StringRef Text)
      : Text(Text), S(reinterpret_cast<const unsigned char *>(Text.data())), N(Text.size()) {}

  /// The code point at \p P and its length in bytes (1 for a byte that is not UTF-8, which
  /// the grammar sees as U+FFFD); None at the end.
  char32_t at(size_t P, unsigned &Len) const {
    if (P >= N) {
      Len = 0;
      return None;
    }
    if (S[P] < 0x80) {
      Len = 1;
      return S[P];
    }
    int32_t CP = decodeOne(Text, P, Len);
    return CP < 0 ? char32_t(0xFFFD) : char32_t(CP);
  }
  char32_t at(size_t P) const {
    unsigned Len;
    return at(P, Len);
  }
  /// Whether the bytes at \p P do not start a UTF-8 sequence.
  bool invalidAt(size_t P) const {
    unsigned Len;
    return S[P] >= 0x80 && decodeOne(Text, P, Len) < 0;
  }

  /// The longest match at \p P: the token's kind and end. \p P < N.
  tok::Kind lexAt(size_t P, size_t &End) const {
    unsigned char C = S[P];
    switch (C) {
    case ' ':
    case '\t':
      End = spaces(P);
      return tok::Space;
    case '\n':
      End = P + 1;
      return tok::Newline;
    case '\r':
      End = P + 1 + (P + 1 < N && S[P + 1] == '\n');
      return tok::Newline;
    case '/':
      if (P + 1 < N && S[P + 1] == '/') {
        End = P + 2;
        while (End < N && S[End] != '\n' && S[End] != '\r')
          ++End;
        return tok::Comment;
      }
      End = P + 1;
      return tok::Slash;
    case '{': End = P + 1; return tok::LBrace;
    case '}': End = P + 1; return tok::RBrace;
    case '[': End = P + 1; return tok::LBrack;
    case ']': End = P + 1; return tok::RBrack;
    case ';': End = P + 1; return tok::Semi;
    case '-': End = P + 1; return tok::Minus;
    case '=': End = P + 1; return tok::Eq;
    case '>':
    case '<':
    case '!': {
      bool Eq = P + 1 < N && S[P + 1] == '=';
      End = P + 1 + Eq;
      if (C == '>')
        return Eq ? tok::Ge : tok::Gt;
      if (C == '<')
        return Eq ? tok::Le : tok::Lt;
      if (!Eq)
        return tok::ErrorChar;
      return tok::Ne;
    }
    case '"':
      return quoted(P, End);
    default:
      break;
    }
    if (C >= '0' && C <= '9')
      return numeric(P, End);
    unsigned Len;
    char32_t CP = at(P, Len);
    if (isNameStart(CP))
      return name(P, End);
    End = P + Len;
    switch (CP) {
    case 0x2265: return tok::Ge; // ≥
    case 0x2264: return tok::Le; // ≤
    case 0x2260: return tok::Ne; // ≠
    default: break;
    }
    if (isWideSpace(CP)) {
      End = spaces(P);
      return tok::Space;
    }
    if (CP >= 0xFF01 && CP <= 0xFF5E)
      return tok::FullWidth;
    return tok::ErrorChar;
  }

private:
  /// WS : ( [ \t] | WIDE_SPACE )+
  size_t spaces(size_t P) const {
    while (P < N) {
      if (S[P] == ' ' || S[P] == '\t') {
        ++P;
        continue;
      }
      unsigned Len;
      if (S[P] >= 0x80 && isWideSpace(at(P, Len))) {
        P += Len;
        continue;
      }
      break;
    }
    return P;
  }

  /// NAME : NAME_START NAME_CHAR*, then a keyword when its text is one.
  tok::Kind name(size_t P, size_t &End) const {
    size_t Q = P;
    while (Q < N) {
      unsigned char B = S[Q];
      if (B < 0x80) {
        if (isAsciiLetter(B) || isDigit(B) || B == '_') {
          ++Q;
          continue;
        }
        break;
      }
      unsigned Len;
      if (!isNameChar(at(Q, Len)))
        break;
      Q += Len;
    }
    End = Q;
    return keywordFor(Text.slice(P, Q));
  }

  size_t digits(size_t P) const {
    while (P < N && S[P] >= '0' && S[P] <= '9')
      ++P;
    return P;
  }

  /// UNIT : UNIT_START ( UNIT_START | UNIT_SEP UNIT_START )*, from \p P (at a UNIT_START).
  size_t unit(size_t P) const {
    unsigned Len;
    at(P, Len);
    P += Len;
    while (P < N) {
      char32_t C = at(P, Len);
      if (isUnitStart(C)) {
        P += Len;
        continue;
      }
      unsigned Len2;
      if (isUnitSep(C) && isUnitStart(at(P + Len, Len2))) {
        P += Len + Len2;
        continue;
      }
      break;
    }
    return P;
  }

  /// DATE, QUANTITY, CODE and NUMBER, which all start with a digit: the longest, the first
  /// of the grammar's order among equals.
  tok::Kind numeric(size_t P, size_t &End) const {
    size_t Digits = digits(P);
    // GROUPED : DIGITS ( ',' DIGITS )*
    size_t Grouped = Digits;
    while (Grouped + 1 < N && S[Grouped] == ',' && isDigit(S[Grouped + 1]))
      Grouped = digits(Grouped + 1);
    // DATE : DIGIT{4} '-' DIGIT{2} '-' DIGIT{2}
    size_t DateEnd = 0;
    if (Digits - P == 4 && P + 10 <= N && S[P + 4] == '-' && isDigit(S[P + 5]) &&
        isDigit(S[P + 6]) && S[P + 7] == '-' && isDigit(S[P + 8]) && isDigit(S[P + 9]))
      DateEnd = P + 10;
    // NUMBER : GROUPED ( '.' DIGITS )?
    size_t NumberEnd = Grouped;
    if (Grouped + 1 < N && S[Grouped] == '.' && isDigit(S[Grouped + 1]))
      NumberEnd = digits(Grouped + 1);
    // QUANTITY : GROUPED ( '.' DIGITS )? UNIT
    size_t QuantityEnd = 0;
    if (isUnitStart(at(NumberEnd)))
      QuantityEnd = unit(NumberEnd);
    // CODE : DIGITS [A-Z] [0-9A-Z]*
    size_t CodeEnd = 0;
    if (Digits < N && isUpper(S[Digits])) {
      CodeEnd = Digits + 1;
      while (CodeEnd < N && (isDigit(S[CodeEnd]) || isUpper(S[CodeEnd])))
        ++CodeEnd;
    }
    tok::Kind K = tok::Number;
    auto Take = [&](size_t E, tok::Kind Kind) { // in the grammar's order, longer only
      if (E > End) {
        End = E;
        K = Kind;
      }
    };
    End = 0;
    Take(DateEnd, tok::Date);
    Take(QuantityEnd, tok::Quantity);
    Take(CodeEnd, tok::Code);
    Take(NumberEnd, tok::Number);
    return K;
  }

  /// TEXT_BLOCK, BAD_TEXT_BLOCK, STRING and BAD_STRING, at a '"'.
  tok::Kind quoted(size_t P, size_t &End) const {
    if (P + 2 < N && S[P + 1] == '"' && S[P + 2] == '"') {
      // A closed block always outlasts the other rules; an unclosed one runs to the end.
      size_t Close = Text.find("\"\"\"", P + 3);
      if (Close == llvm::StringRef::npos) {
        End = N;
        return tok::BadTextBlock;
      }
      End = Close + 3;
      return tok::TextBlock;
    }
    // STRING : '"' ( ESC | ~["\\\r\n] )* '"' ;  ESC : '\\' . ;
    size_t Q = P + 1;
    while (Q < N) {
      unsigned char B = S[Q];
      if (B == '"') {
        End = Q + 1;
        return tok::String;
      }
      if (B == '\n' || B == '\r')
        break;
      if (B == '\\') {
        if (Q + 1 >= N)
          break; // an escape needs its character: the backslash is left out
        unsigned Len;
        at(Q + 1, Len);
        Q += 1 + Len;
        continue;
      }
      unsigned Len;
      at(Q, Len);
      Q += Len;
    }
    End = Q;
    return tok::BadString;
  }

  llvm::StringRef Text;
  const unsigned char *S;
  size_t N;
};

} // namespace

std::vector<Token> lex(llvm::StringRef Text, const LexOptions &Opts) {
  Scanner Sc(Text);
  std::vector<Token> Out;
  Out.reserve(Text.size() / 5 + 1);
  size_t P = 0, N = Text.size();
  while (P < N) {
    size_t End;
    tok::Kind K = Sc.lexAt(P, End);
    if (K != tok::Space || Opts.KeepSpaces) {
      Token T;
      T.Begin = static_cast<uint32_t>(P);
      T.End = static_cast<uint32_t>(End);
      T.Kind = K;
      T.InvalidUtf8 = K == tok::ErrorChar && Sc.invalidAt(P);
      Out.push_back(T);
    }
    P = End;
  }
  return Out;
}

} // namespace budc::syntax

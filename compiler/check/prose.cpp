//===- prose.cpp - What a sentence of the narrative claims about figures -------===//
#include "compiler/check/prose.h"

#include "llvm/ADT/ArrayRef.h"

#include <algorithm>
#include <cstring>

namespace budc::check::prose {

uint32_t codePoint(llvm::StringRef S, size_t At, unsigned &Length) {
  unsigned char C = static_cast<unsigned char>(S[At]);
  unsigned N = C < 0x80 ? 1 : C >= 0xF0 ? 4 : C >= 0xE0 ? 3 : C >= 0xC0 ? 2 : 1;
  if (At + N > S.size())
    N = 1;
  uint32_t V = N == 1 ? C : C & (0xFF >> (N + 1));
  for (unsigned I = 1; I < N; ++I)
    V = V << 6 | (static_cast<unsigned char>(S[At + I]) & 0x3F);
  Length = N;
  return V;
}

bool isHan(uint32_t C) {
  return (C >= 0x3400 && C <= 0x4DBF) || (C >= 0x4E00 && C <= 0x9FFF) ||
         (C >= 0xF900 && C <= 0xFAFF) || (C >= 0x20000 && C <= 0x2FFFF);
}

namespace {

bool startsWith(llvm::StringRef S, size_t At, llvm::StringRef W) {
  return S.substr(At).startswith(W);
}

/// The first of \p Words (longest first) that starts at \p At, or "".
llvm::StringRef firstOf(llvm::StringRef S, size_t At, llvm::ArrayRef<const char *> Words) {
  for (const char *W : Words)
    if (startsWith(S, At, W))
      return W;
  return "";
}

const char *const UpWords[] = {"增加", "增长", "上升", "提高", "增幅"};
const char *const DownWords[] = {"减少", "下降", "降低", "减幅", "压减"};
const char *const FlatWords[] = {"基本持平", "没有变化", "未发生变化", "无变化", "持平", "相同",
                                 "一致", "不变"};
const char *const ReasonWords[] = {"增减变化的主要原因", "增减变化原因", "变动的主要原因", "主要原因是",
                                   "主要原因为", "主要原因", "变动原因", "变化原因", "原因是", "原因为"};
/// What a comparison names before its year: 比上年, 较2025年, 与上年相比.
const char *const LastYearWords[] = {"上一年度", "上一年", "上年度", "上年", "去年", "同期"};

/// Words that may stand between a figure's name and its amount, or in a comparison.
const char *const FillerWords[] = {
    "预算安排", "安排预算", "安排支出", "预算总额", "预算数为", "年初预算数", "年初预算", "财政拨款",
    "预算数", "预算为", "总额为", "合计为", "共计", "总计", "合计", "总额", "预算", "安排", "支出",
    "科目", "（类）", "（款）", "（项）", "(类)", "(款)", "(项)", "资金", "拨款", "相比", "为", "是",
    "达", "约", "共", "计", "各", "均", "：", ":", "的", "数", "年", "度", "类", "款", "项", "初"};

/// Words that may stand right before a figure's name (besides punctuation, numbers, years).
const char *const PrefixWords[] = {"本部门", "本单位", "部门", "单位", "本局", "安排", "包括",
                                   "主要是", "主要为", "其中", "以及", "财政拨款", "本年", "全年",
                                   "年度", "度", "的", "是", "为", "即", "及", "和", "与", "共",
                                   "其", "年"};

enum class Tok : uint8_t {
  Mention, Amount, Year, Dir, Compare, Of, Lead, Share, Reason, End, Comma, Open, Close, Space,
  Other
};

struct Token {
  Tok K = Tok::Other;
  uint32_t Begin = 0, End = 0;
  Mention M;
  Amount A;
  unsigned Year = 0;
  Direction D = Direction::None;
  bool ImpliedYear = false; ///< 同比: a comparison whose year is last year's
  bool Soft = false;        ///< an End that is a semicolon: the clause ends, not the sentence
};

/// Whether the text [Begin, End) is all filler words (or empty).
bool filler(llvm::StringRef S) {
  size_t I = 0;
  while (I < S.size()) {
    if (S[I] == ' ' || S[I] == '\t') {
      ++I;
      continue;
    }
    llvm::StringRef W = firstOf(S, I, FillerWords);
    if (W.empty())
      return false;
    I += W.size();
  }
  return true;
}

class Lexer {
public:
  Lexer(llvm::StringRef Text, const Lexicon &L) : S(Text), L(L) {}

  std::vector<Token> run() {
    size_t I = 0;
    while (I < S.size())
      I = next(I);
    return std::move(Out);
  }

private:
  void push(Token T) {
    if (T.K == Tok::Other && !Out.empty() && Out.back().K == Tok::Other &&
        Out.back().End == T.Begin) {
      Out.back().End = T.End;
      return;
    }
    Out.push_back(T);
  }
  Token tok(Tok K, size_t B, size_t E) {
    Token T;
    T.K = K;
    T.Begin = static_cast<uint32_t>(B);
    T.End = static_cast<uint32_t>(E);
    return T;
  }
  size_t spaces(size_t I) const {
    while (I < S.size()) {
      if (S[I] == ' ' || S[I] == '\t')
        ++I;
      else if (startsWith(S, I, "\u3000"))
        I += 3;
      else
        break;
    }
    return I;
  }

  /// Whether a figure's name may start at \p I: not inside another word.
  bool boundary(size_t I) const {
    if (Out.empty())
      return true;
    const Token &P = Out.back();
    if (P.K != Tok::Other)
      return true;
    llvm::StringRef Before = S.slice(P.Begin, I);
    unsigned Len;
    // The last code point before: anything but a Han character starts a word.
    size_t Last = I;
    do
      --Last;
    while (Last > P.Begin && (static_cast<unsigned char>(S[Last]) & 0xC0) == 0x80);
    if (!isHan(codePoint(S, Last, Len)))
      return true;
    for (const char *W : PrefixWords)
      if (Before.endswith(W))
        return true;
    for (const std::string &W : L.prefixes())
      if (Before.endswith(W))
        return true;
    return false;
  }

  size_t number(size_t I) {
    size_t J = I;
    std::string Digits;
    bool Separators = false;
    while (J < S.size() && isdigit(static_cast<unsigned char>(S[J])))
      Digits += S[J++];
    // Thousands separators: groups of three digits after a first group of at most three.
    auto Digit = [&](size_t K) { return K < S.size() && isdigit(static_cast<unsigned char>(S[K])); };
    while (!Digits.empty() && (Separators || Digits.size() <= 3) &&
           J + 4 <= S.size() && S[J] == ',' && Digit(J + 1) && Digit(J + 2) && Digit(J + 3) &&
           !Digit(J + 4)) {
      Digits += S.substr(J + 1, 3).str();
      Separators = true;
      J += 4;
    }
    unsigned Decimals = 0;
    if (J + 1 < S.size() && S[J] == '.' && isdigit(static_cast<unsigned char>(S[J + 1]))) {
      Digits += '.';
      ++J;
      while (J < S.size() && isdigit(static_cast<unsigned char>(S[J]))) {
        Digits += S[J++];
        ++Decimals;
      }
    }
    size_t K = spaces(J);
    Token T = tok(Tok::Amount, I, J);
    T.A.Begin = static_cast<uint32_t>(I);
    T.A.End = static_cast<uint32_t>(J);
    T.A.Decimals = Decimals;
    T.A.Separators = Separators;
    auto V = Decimal::parse(Digits);
    if (!V || Digits.size() > 15) { // no figure of a budget: leave it
      push(tok(Tok::Other, I, J));
      return J;
    }
    T.A.Number = *V;
    llvm::StringRef Unit = firstOf(S, K, {"万元", "亿元", "千元", "元", "%", "％"});
    if (!Unit.empty()) {
      T.A.Unit = Unit == "％" ? "%" : Unit.str();
      T.End = T.A.UnitEnd = static_cast<uint32_t>(K + Unit.size());
      push(T);
      return K + Unit.size();
    }
    if (startsWith(S, K, "年") && !Separators && !Decimals && Digits.size() == 4 &&
        Digits >= "1900" && Digits <= "2100") {
      Token Y = tok(Tok::Year, I, K + strlen("年"));
      Y.Year = static_cast<unsigned>(std::stoul(Digits));
      push(Y);
      return K + strlen("年");
    }
    T.A.UnitEnd = T.A.End;
    push(T);
    return J;
  }

  /// What follows a comparison word: last year, a year, or the same period.
  bool comparesYear(size_t I) const {
    I = spaces(I);
    if (!firstOf(S, I, LastYearWords).empty())
      return true;
    size_t J = I;
    while (J < S.size() && isdigit(static_cast<unsigned char>(S[J])))
      ++J;
    return J - I == 4 && startsWith(S, spaces(J), "年");
  }

  size_t next(size_t I) {
    unsigned Len;
    uint32_t C = codePoint(S, I, Len);
    if (C == ' ' || C == '\t' || C == 0x3000) {
      size_t J = spaces(I);
      push(tok(Tok::Space, I, J));
      return J;
    }
    if (C >= '0' && C <= '9')
      return number(I);
    if (llvm::StringRef W = firstOf(S, I, {"。", "！", "？", "；", ";", "!", "?"}); !W.empty()) {
      Token E = tok(Tok::End, I, I + W.size());
      E.Soft = W == "；" || W == ";";
      push(E);
      return I + W.size();
    }
    if (llvm::StringRef W = firstOf(S, I, {"，", ",", "、"}); !W.empty()) {
      push(tok(Tok::Comma, I, I + W.size()));
      return I + W.size();
    }
    if (llvm::StringRef W = firstOf(S, I, {"（", "(", "【", "〔", "["}); !W.empty()) {
      push(tok(Tok::Open, I, I + W.size()));
      return I + W.size();
    }
    if (llvm::StringRef W = firstOf(S, I, {"）", ")", "】", "〕", "]"}); !W.empty()) {
      push(tok(Tok::Close, I, I + W.size()));
      return I + W.size();
    }
    // A figure's name, maybe in quotes: “一般公共服务支出”科目.
    if (boundary(I)) {
      size_t Quote = firstOf(S, I, {"“", "\""}).size();
      size_t Length = 0;
      const model::ProseTerm *T = nullptr;
      if (Quote) {
        T = L.match(S, I + Quote, Length);
        size_t Close = firstOf(S, I + Quote + Length, {"”", "\""}).size();
        if (T && !Close)
          T = nullptr;
        Length += Quote + Close;
      }
      if (!T)
        T = L.match(S, I, Length);
      if (T) {
        Token M = tok(Tok::Mention, I, I + Length);
        M.M = {static_cast<uint32_t>(I), static_cast<uint32_t>(I + Length), T,
               !Out.empty() && Out.back().K == Tok::Other && S.slice(Out.back().Begin, I).endswith("本年")};
        push(M);
        return I + Length;
      }
    }
    if (startsWith(S, I, "其中")) {
      push(tok(Tok::Of, I, I + strlen("其中")));
      return I + strlen("其中");
    }
    // What leads a list: 具体包括：, 主要内容如下： (a lead only where the paragraph ends).
    if (llvm::StringRef W = firstOf(S, I, {"具体包括", "主要包括", "包括", "如下"}); !W.empty()) {
      push(tok(Tok::Lead, I, I + W.size()));
      return I + W.size();
    }
    if (startsWith(S, I, "同比")) {
      Token T = tok(Tok::Compare, I, I + strlen("同比"));
      T.ImpliedYear = true;
      push(T);
      return T.End;
    }
    for (const char *W : {"比", "较", "与"})
      if (startsWith(S, I, W) && comparesYear(I + strlen(W)) &&
          !(Out.size() && Out.back().K == Tok::Other && S.slice(Out.back().Begin, I).endswith("对"))) {
        push(tok(Tok::Compare, I, I + strlen(W)));
        return I + strlen(W);
      }
    if (startsWith(S, I, "占") && firstOf(S, I, {"占用", "占有", "占地"}).empty()) {
      push(tok(Tok::Share, I, I + strlen("占")));
      return I + strlen("占");
    }
    if (llvm::StringRef W = firstOf(S, I, ReasonWords); !W.empty()) {
      push(tok(Tok::Reason, I, I + W.size()));
      return I + W.size();
    }
    for (auto [Words, D] : {std::pair<llvm::ArrayRef<const char *>, Direction>{FlatWords, Direction::Flat},
                            {UpWords, Direction::Up},
                            {DownWords, Direction::Down}})
      if (llvm::StringRef W = firstOf(S, I, Words); !W.empty()) {
        Token T = tok(Tok::Dir, I, I + W.size());
        T.D = D;
        push(T);
        return I + W.size();
      }
    push(tok(Tok::Other, I, I + Len));
    return I + Len;
  }

  llvm::StringRef S;
  const Lexicon &L;
  std::vector<Token> Out;
};

class Parser {
public:
  Parser(llvm::StringRef Text, std::vector<Token> Tokens, Paragraph &P)
      : S(Text), T(std::move(Tokens)), P(P) {}

  void run() {
    int Head = -1; // 其中: the statement the following ones are parts of
    bool Loose = false; // a semicolon since the 其中
    unsigned Depth = 0;
    std::vector<Mention> Scope;  // wordings without an amount in this clause
    size_t SentenceFirst = 0;    // the first statement of this sentence
    // Whether only fillers and colons follow token \p I to the paragraph's end.
    auto AtEnd = [&](size_t I) {
      return skip(I + 1, [&](const Token &Y) {
               return Y.K == Tok::Space || (Y.K == Tok::Other && filler(text(Y)));
             }) >= T.size();
    };
    for (size_t I = 0; I < T.size(); ++I) {
      const Token &X = T[I];
      switch (X.K) {
      case Tok::Open:
        ++Depth;
        break;
      case Tok::Close:
        Depth -= Depth > 0;
        break;
      case Tok::Of: {
        Head = -1;
        for (size_t K = P.Statements.size(); K-- > 0;)
          if (P.Statements[K].Depth <= Depth && P.Statements[K].Head < 0) {
            Head = static_cast<int>(K);
            break;
          }
        Loose = false;
        if (AtEnd(I)) {
          P.OpenHead = Head;
          if (Head < 0)
            P.OpenScope = Scope;
        }
        break;
      }
      case Tok::Lead:
        // 项目支出 1,313.80 万元，具体包括： — the items are its parts; 财政拨款支出主要内容
        // 如下： — the items are narrowed by what the sentence names.
        if (AtEnd(I)) {
          if (P.Statements.size() > SentenceFirst)
            P.OpenHead = static_cast<int>(P.Statements.size() - 1);
          else
            P.OpenScope = Scope;
        }
        break;
      case Tok::Compare:
        if (size_t Y = skip(I + 1, spaceOnly); Y < T.size() && T[Y].K == Tok::Year)
          P.Years.push_back({T[Y].Year, T[Y].Begin, T[Y].End});
        break;
      case Tok::Mention: {
        size_t E = statement(I, Depth, Head, Loose, Scope);
        if (E == I) {
          // The nearest few narrow it (a bound on hostile text: each item copies the lead's).
          if (Scope.size() == 4)
            Scope.erase(Scope.begin());
          Scope.push_back(X.M);
        } else
          Scope.clear();
        I = E;
        break;
      }
      case Tok::End:
        Scope.clear();
        if (X.Soft) { // 其中：A…；B…: B is still a part
          Loose = Head >= 0;
          break;
        }
        Head = -1; // 其中 reaches to the end of its sentence
        Loose = false;
        SentenceFirst = P.Statements.size();
        break;
      default:
        break;
      }
    }
  }

private:
  static bool spaceOnly(const Token &Y) { return Y.K == Tok::Space; }
  llvm::StringRef text(const Token &Y) const { return S.slice(Y.Begin, Y.End); }

  template <typename F> size_t skip(size_t I, F Pred) const {
    while (I < T.size() && Pred(T[I]))
      ++I;
    return I;
  }

  /// A statement at the mention \p I; returns the last token it read.
  size_t statement(size_t I, unsigned Depth, int Head, bool Loose,
                   const std::vector<Mention> &Scope) {
    // The name heads a numbered item (1.公务接待费。2026 年预算数 11.56 万元): the full stop
    // after it does not end the statement. A year may stand between the name and its amount
    // (公务用车购置费 2026 年预算数 0.00 万元).
    llvm::StringRef Lead = S.take_front(T[I].Begin).trim();
    bool Heading = !Lead.empty() && Lead.size() <= 9 && numbered(Lead) != 0;
    const Token *Between = nullptr;
    size_t J = skip(I + 1, [&](const Token &Y) {
      if (Y.K == Tok::Year && !Between) {
        Between = &Y;
        return true;
      }
      if (Y.K == Tok::End && Heading && &Y == &T[I + 1]) // right after the name
        return true;
      // A shorter wording inside the longer one's statement is a filler: “三公”经费支出预算
      // 10万元 is the 三公经费's, not 支出预算's.
      return Y.K == Tok::Space || ((Y.K == Tok::Other || Y.K == Tok::Mention) && filler(text(Y)));
    });
    if (J >= T.size() || T[J].K != Tok::Amount)
      return I;
    const Amount &A = T[J].A;
    bool Money = A.Unit == "万元" || A.Unit == "元" || A.Unit == "亿元" || A.Unit == "千元";
    if (!Money && !(A.Unit.empty() && A.Number.isZero() && A.Decimals == 0))
      return I;
    Statement St;
    St.Name = T[I].M;
    St.Value = A;
    St.Head = Head;
    St.Loose = Loose && Head >= 0;
    St.Depth = Depth;
    St.Scope = Scope;
    // A year before the name: 2026年“三公”经费, 2026 年度收入预算, 2026年财政拨款“三公”经费.
    size_t K = I;
    while (K > 0 && (T[K - 1].K == Tok::Space ||
                     (T[K - 1].K == Tok::Other && filler(text(T[K - 1])))))
      --K;
    if (K > 0 && T[K - 1].K == Tok::Year) {
      St.Year = T[K - 1].Year;
      St.YearBegin = T[K - 1].Begin;
      St.YearEnd = T[K - 1].End;
    } else if (Between) {
      St.Year = Between->Year;
      St.YearBegin = Between->Begin;
      St.YearEnd = Between->End;
    }
    size_t Index = P.Statements.size();
    P.Statements.push_back(St);
    return claims(J + 1, Index);
  }

  /// What follows statement \p Index from token \p I: a change, a share, their reasons.
  size_t claims(size_t I, size_t Index) {
    size_t Last = I - 1;
    while (true) {
      size_t K = skip(I, [&](const Token &Y) {
        return Y.K == Tok::Space || Y.K == Tok::Comma ||
               (Y.K == Tok::Other && (text(Y) == "各" || text(Y) == "均"));
      });
      if (K >= T.size())
        return Last;
      if (T[K].K == Tok::Compare) {
        size_t E = change(K, Index, false);
        if (E == K)
          return Last;
        I = (Last = E) + 1;
        continue;
      }
      if (T[K].K == Tok::Dir && T[K].D != Direction::Flat && K > I &&
          T[K - 1].K == Tok::Comma) {
        size_t E = change(K, Index, true);
        if (E == K)
          return Last;
        I = (Last = E) + 1;
        continue;
      }
      if (T[K].K == Tok::Share) {
        size_t E = share(K, Index);
        if (E == K)
          return Last;
        I = (Last = E) + 1;
        continue;
      }
      return Last;
    }
  }

  /// A comparison from token \p I (the word 比, or with \p Bare the direction itself).
  size_t change(size_t I, size_t Index, bool Bare) {
    Change C;
    C.Statement = Index;
    C.Begin = T[I].Begin;
    size_t K = Bare ? I : I + 1;
    std::optional<Amount> Pending;
    // The comparison phrase: a year, last year's figure, fillers, the figure named again.
    for (; K < T.size() && T[K].K != Tok::Dir; ++K) {
      const Token &Y = T[K];
      if (Y.K == Tok::Year && !C.Year) {
        C.Year = Y.Year;
        C.YearBegin = Y.Begin;
        C.YearEnd = Y.End;
      } else if (Y.K == Tok::Amount && !Pending && !Y.A.Unit.empty() && Y.A.Unit != "%") {
        Pending = Y.A;
      } else if (Y.K == Tok::Space || Y.K == Tok::Mention ||
                 (Y.K == Tok::Other && Y.End - Y.Begin <= 60)) {
        continue;
      } else {
        return I;
      }
    }
    if (K >= T.size())
      return I;
    C.Previous = Pending;
    C.Dir = T[K].D;
    C.DirBegin = T[K].Begin;
    C.DirEnd = T[K].End;
    C.DirWord = text(T[K]).str();
    size_t Last = K;
    size_t A = skip(K + 1, [&](const Token &Y) {
      return Y.K == Tok::Space || (Y.K == Tok::Other && (text(Y) == "了" || text(Y) == "为"));
    });
    if (A < T.size() && T[A].K == Tok::Amount && !T[A].A.Unit.empty()) {
      if (T[A].A.Unit == "%") {
        C.Rate = T[A].A;
        C.RateDir = C.Dir;
        C.RateWord = C.DirWord;
      } else {
        C.By = T[A].A;
      }
      Last = A;
      // ，增长 12.03%
      size_t R = skip(A + 1, [&](const Token &Y) { return Y.K == Tok::Space || Y.K == Tok::Comma; });
      if (!C.Rate && R < T.size() && T[R].K == Tok::Dir && T[R].D != Direction::Flat) {
        size_t Pct = skip(R + 1, [&](const Token &Y) {
          return Y.K == Tok::Space || (Y.K == Tok::Other && text(Y) == "为");
        });
        if (Pct < T.size() && T[Pct].K == Tok::Amount && T[Pct].A.Unit == "%") {
          C.RateDir = T[R].D;
          C.RateWord = text(T[R]).str();
          C.Rate = T[Pct].A;
          Last = Pct;
        }
      }
    } else if (C.Dir != Direction::Flat) {
      return I; // 增加 without an amount: no claim budc can read
    }
    C.End = T[Last].End;
    // The reason, up to the end of the sentence: ，主要原因是…。
    size_t R = skip(Last + 1, [&](const Token &Y) {
      return Y.K == Tok::Space || Y.K == Tok::Comma || (Y.K == Tok::Other && text(Y) == "主要");
    });
    if (R < T.size() && T[R].K == Tok::Reason) {
      size_t E = R + 1;
      while (E < T.size() && T[E].K != Tok::End)
        ++E;
      uint32_t B = T[R].End, End = E < T.size() ? T[E].Begin : static_cast<uint32_t>(S.size());
      std::string Why;
      for (char Ch : S.slice(B, End))
        if (Ch != ' ' && Ch != '\t')
          Why += Ch;
      llvm::StringRef W(Why);
      while (W.consume_front("：") || W.consume_front(":") || W.consume_front("是") ||
             W.consume_front("为"))
        ;
      C.Reason = W.str();
      C.ReasonBegin = B;
      C.ReasonEnd = End;
      Last = E > R + 1 ? E - 1 : R;
    }
    P.Changes.push_back(std::move(C));
    return Last;
  }

  /// A share from the token 占 at \p I.
  size_t share(size_t I, size_t Index) {
    Share Sh;
    Sh.Statement = Index;
    size_t K = skip(I + 1, spaceOnly);
    if (K < T.size() && T[K].K == Tok::Mention)
      Sh.Base = T[K++].M;
    K = skip(K, [&](const Token &Y) {
      return Y.K == Tok::Space ||
             (Y.K == Tok::Other && (filler(text(Y)) || text(Y) == "比例为" || text(Y) == "比重为" ||
                                    text(Y) == "比例" || text(Y) == "比重" || text(Y) == "的比例为"));
    });
    if (K >= T.size() || T[K].K != Tok::Amount || T[K].A.Unit != "%")
      return I;
    Sh.Percent = T[K].A;
    P.Shares.push_back(Sh);
    return K;
  }

  llvm::StringRef S;
  std::vector<Token> T;
  Paragraph &P;
};

} // namespace

Lexicon::Lexicon(const model::Budget &B) {
  for (const model::ProseTerm &T : B.Vocabulary) {
    Entries.emplace_back(T.Words, &T);
    // The half-width spelling of its brackets, as documents also print: 因公出国(境)费.
    std::string Half = T.Words;
    for (auto [Full, Narrow] : {std::pair<const char *, const char *>{"（", "("}, {"）", ")"}}) {
      for (size_t P; (P = Half.find(Full)) != std::string::npos;)
        Half.replace(P, strlen(Full), Narrow);
    }
    if (Half != T.Words)
      Entries.emplace_back(Half, &T);
  }
  std::stable_sort(Entries.begin(), Entries.end(),
                   [](const auto &A, const auto &B) { return A.first.size() > B.first.size(); });
  if (!B.DepartmentName.empty())
    Prefixes.push_back(B.DepartmentName);
  for (const model::Unit &U : B.OrgUnits)
    if (!U.Name.empty())
      Prefixes.push_back(U.Name);
}

const model::ProseTerm *Lexicon::match(llvm::StringRef Text, size_t At, size_t &Length) const {
  llvm::StringRef Rest = Text.substr(At);
  for (const auto &[Words, Term] : Entries)
    if (Rest.startswith(Words)) {
      Length = Words.size();
      return Term;
    }
  return nullptr;
}

int numbered(llvm::StringRef S) {
  S = S.ltrim(" \t");
  while (S.consume_front("\u3000"))
    ;
  static const char *const Numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  auto Chinese = [&](llvm::StringRef &X) {
    bool Any = false;
    while (!firstOf(X, 0, Numerals).empty()) {
      X = X.drop_front(3);
      Any = true;
    }
    return Any;
  };
  auto Digits = [&](llvm::StringRef &X) {
    size_t D = 0;
    while (D < X.size() && isdigit(static_cast<unsigned char>(X[D])))
      ++D;
    X = X.drop_front(D);
    return D > 0;
  };
  llvm::StringRef X = S;
  if (Digits(X) && !firstOf(X, 0, {".", "、", "．"}).empty() &&
      !(X.startswith(".") && X.size() > 1 && isdigit(static_cast<unsigned char>(X[1]))))
    return 1; // 1.  1、  1．
  for (const char *Open : {"（", "("}) {
    X = S;
    if (X.consume_front(Open)) {
      if (Digits(X) && (X.startswith("）") || X.startswith(")")))
        return 2; // （1）
      X = S.drop_front(strlen(Open));
      if (Chinese(X) && (X.startswith("）") || X.startswith(")")))
        return 3; // （一）
    }
  }
  X = S;
  if (Chinese(X) && X.startswith("、"))
    return 4; // 一、
  if (!firstOf(S, 0, {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"}).empty())
    return 5;
  return 0;
}

Reading read(const model::Prose &Pr, const Lexicon &L) {
  Reading R;
  llvm::StringRef All = Pr.Rendered;
  uint32_t Offset = 0;
  // 其中： ending a paragraph: the numbered paragraphs after it are the head's parts, while
  // they are numbered alike (a number of the head's own kind is a sibling of the head).
  std::pair<int, int> Pending{-1, -1};
  std::vector<Mention> PendingScope; // 财政拨款支出主要内容如下：
  int HeadStyle = 0, PartStyle = 0;
  while (Offset <= All.size()) {
    size_t Eol = All.find('\n', Offset);
    if (Eol == llvm::StringRef::npos)
      Eol = All.size();
    Paragraph P;
    P.Text = All.slice(Offset, Eol).str();
    P.Offset = Offset;
    Parser(P.Text, Lexer(P.Text, L).run(), P).run();
    std::vector<std::pair<int, int>> Heads(P.Statements.size(), {-1, -1});
    int Index = static_cast<int>(R.Paragraphs.size());
    int Style = numbered(P.Text);
    bool Item = (Pending.first >= 0 || !PendingScope.empty()) && Style && Style != HeadStyle &&
                (!PartStyle || Style == PartStyle);
    if (Item)
      PartStyle = Style;
    for (size_t S = 0; S < P.Statements.size(); ++S) {
      if (P.Statements[S].Head >= 0)
        Heads[S] = {Index, P.Statements[S].Head};
      else if (Item)
        Heads[S] = Pending;
      if (Item)
        P.Statements[S].Scope.insert(P.Statements[S].Scope.begin(), PendingScope.begin(),
                                     PendingScope.end());
    }
    if (P.OpenHead >= 0 || !P.OpenScope.empty()) {
      Pending = {P.OpenHead >= 0 ? Index : -1, P.OpenHead};
      PendingScope = P.OpenHead >= 0 ? std::vector<Mention>() : P.OpenScope;
      HeadStyle = Style;
      PartStyle = 0;
    } else if (!Item && !llvm::StringRef(P.Text).trim(" \t").empty()) {
      Pending = {-1, -1};
      PendingScope.clear();
    }
    R.Heads.push_back(std::move(Heads));
    R.Paragraphs.push_back(std::move(P));
    if (Eol == All.size())
      break;
    Offset = static_cast<uint32_t>(Eol + 1);
  }
  return R;
}

} // namespace budc::check::prose

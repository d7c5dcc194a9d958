//===- scoring.cpp - Reading a 评（扣）分标准 and the quantities in a text ----===//
//
// The rule is cut into clauses at ，；。 (and their ASCII forms); a clause that scores (得N分,
// 得满分, 不得分, 扣N分, and per step 每少…扣N分) is read with the clauses before it that do
// not ("低于90%的，得4分"). A clause's condition is read around its numbers only: the words
// just before a number (不低于 低于 超过 达到 ≥ …) and just after it (以上 以下 以内 （含）),
// or two numbers joined by - ～ 至 (a range) or written A≤X<B. Words follow the usage of
// 《民法典》第1259条 where the tables do: 及以上、及以下、以内、（含） include the number, 超过、不满
// (and 低于、高于、不足、未达到) do not. Bare 以上 and 以下 are read with their end unstated: the
// tables use them both ways ("80%（含）-90%得10分，80%以下不得分" leaves 80% out).
//
//===----------------------------------------------------------------------===//
#include "compiler/model/scoring.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

#include <algorithm>
#include <cstring>

namespace budc::model {
namespace {

/// The length of the UTF-8 character at \p I of \p S (1 for a stray byte).
size_t charLen(llvm::StringRef S, size_t I) {
  unsigned char C = static_cast<unsigned char>(S[I]);
  size_t N = C < 0x80 ? 1 : C >> 5 == 6 ? 2 : C >> 4 == 14 ? 3 : C >> 3 == 30 ? 4 : 1;
  return std::min(N, S.size() - I);
}

bool isCjk(llvm::StringRef S, size_t I) {
  // Every CJK ideograph the budgets use is a 3-byte character from U+3400 to U+9FFF.
  unsigned char C = static_cast<unsigned char>(S[I]);
  if (charLen(S, I) != 3)
    return false;
  unsigned CP = (C & 0x0F) << 12 | (static_cast<unsigned char>(S[I + 1]) & 0x3F) << 6 |
                (static_cast<unsigned char>(S[I + 2]) & 0x3F);
  return CP >= 0x3400 && CP <= 0x9FFF;
}

/// A full-width digit ０–９ at \p I: its value, else -1.
int wideDigit(llvm::StringRef S, size_t I) {
  if (I + 3 > S.size() || S.substr(I, 2) != "\xEF\xBC")
    return -1;
  unsigned char C = static_cast<unsigned char>(S[I + 2]);
  return C >= 0x90 && C <= 0x99 ? C - 0x90 : -1;
}

bool digitAt(llvm::StringRef S, size_t I) {
  return I < S.size() && ((S[I] >= '0' && S[I] <= '9') || wideDigit(S, I) >= 0);
}

/// The Chinese numerals a step is written with: 每少一个, 每延迟两天.
int chineseNumeral(llvm::StringRef S, size_t I) {
  static const char *const Words[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
  for (int N = 0; N < 10; ++N)
    if (S.substr(I).startswith(Words[N]))
      return N + 1;
  if (S.substr(I).startswith("两"))
    return 2;
  return -1;
}

/// Whether the ',' at \p P separates thousands: three ASCII digits follow, then no digit.
bool isThousands(llvm::StringRef S, size_t P) {
  auto Ascii = [&](size_t I) { return I < S.size() && S[I] >= '0' && S[I] <= '9'; };
  return Ascii(P + 1) && Ascii(P + 2) && Ascii(P + 3) && !Ascii(P + 4);
}

/// A number at \p I: ASCII or full-width digits, thousands separators between groups of three
/// ("4,902.34"), a decimal part. Returns the end of its run of digits (\p I when there is
/// none) and sets \p Out when the run is a Decimal (a run too long for one is skipped whole).
size_t readNumber(llvm::StringRef S, size_t I, std::optional<Decimal> &Out) {
  Out.reset();
  std::string Digits;
  size_t P = I;
  bool Dot = false;
  while (P < S.size()) {
    if (S[P] >= '0' && S[P] <= '9') {
      Digits += S[P++];
    } else if (int W = wideDigit(S, P); W >= 0) {
      Digits += static_cast<char>('0' + W);
      P += 3;
    } else if (S[P] == '.' && !Dot && !Digits.empty() && P + 1 < S.size() && digitAt(S, P + 1)) {
      Digits += '.';
      Dot = true;
      ++P;
    } else if (S[P] == ',' && !Dot && !Digits.empty() && isThousands(S, P)) {
      ++P; // 4,902: a thousands separator
    } else {
      break;
    }
  }
  if (Digits.empty())
    return I;
  Out = Decimal::parse(Digits);
  return P;
}

/// Whether \p S[0, I) ends with \p W, spaces before \p I aside.
bool endsWith(llvm::StringRef S, size_t I, llvm::StringRef W) {
  llvm::StringRef Before = S.substr(0, I).rtrim(" \t");
  return Before.endswith(W);
}

/// Whether \p S[I, …) starts with \p W, spaces aside.
bool startsWith(llvm::StringRef S, size_t I, llvm::StringRef W) {
  return S.substr(I).ltrim(" \t").startswith(W);
}

/// The words before a number that bound it, longest first (so 未达 wins over 达).
struct BoundWord {
  const char *Word;
  bool Low;     ///< the number is the band's lower end (else its upper end)
  Bound B;
};
const BoundWord PreWords[] = {
    {"大于或等于", true, Bound::Inclusive}, {"小于或等于", false, Bound::Inclusive},
    {"高于或等于", true, Bound::Inclusive}, {"低于或等于", false, Bound::Inclusive},
    {"大于等于", true, Bound::Inclusive},   {"小于等于", false, Bound::Inclusive},
    {"未达到", false, Bound::Exclusive},    {"不低于", true, Bound::Inclusive},
    {"不少于", true, Bound::Inclusive},     {"不小于", true, Bound::Inclusive},
    {"不超过", false, Bound::Inclusive},    {"不高于", false, Bound::Inclusive},
    {"不大于", false, Bound::Inclusive},    {"不多于", false, Bound::Inclusive},
    {"未达", false, Bound::Exclusive},      {"达到", true, Bound::Inclusive},
    {"至少", true, Bound::Inclusive},       {"至多", false, Bound::Inclusive},
    {"最多", false, Bound::Inclusive},      {"高于", true, Bound::Exclusive},
    {"超过", true, Bound::Exclusive},       {"超出", true, Bound::Exclusive},
    {"大于", true, Bound::Exclusive},       {"多于", true, Bound::Exclusive},
    {"低于", false, Bound::Exclusive},      {"少于", false, Bound::Exclusive},
    {"小于", false, Bound::Exclusive},      {"不足", false, Bound::Exclusive},
    {"不满", false, Bound::Exclusive},      {"不到", false, Bound::Exclusive},
    {"≥", true, Bound::Inclusive},          {">=", true, Bound::Inclusive},
    {"≤", false, Bound::Inclusive},         {"<=", false, Bound::Inclusive},
    {"达", true, Bound::Inclusive},         {">", true, Bound::Exclusive},
    {"<", false, Bound::Exclusive},
};
const BoundWord PostWords[] = {
    {"（含）以上", true, Bound::Inclusive}, {"(含)以上", true, Bound::Inclusive},
    {"以上（含）", true, Bound::Inclusive}, {"以上(含)", true, Bound::Inclusive},
    {"以上（不含）", true, Bound::Exclusive}, {"以上(不含)", true, Bound::Exclusive},
    {"（含）以下", false, Bound::Inclusive}, {"(含)以下", false, Bound::Inclusive},
    {"以下（含）", false, Bound::Inclusive}, {"以下(含)", false, Bound::Inclusive},
    {"以下（不含）", false, Bound::Exclusive}, {"以下(不含)", false, Bound::Exclusive},
    {"（含）以内", false, Bound::Inclusive}, {"(含)以内", false, Bound::Inclusive},
    {"及以上", true, Bound::Inclusive},     {"及以下", false, Bound::Inclusive},
    // Bare 以上 and 以下 are ambiguous in the tables: 《民法典》 counts the number in, but a
    // rule such as "90%及以上得20分，80%（含）-90%（不含）得10分，80%以下不得分" leaves 80% out
    // of its last band, as its neighbour says. The end is left unstated: two bands meeting
    // there neither overlap nor leave a gap.
    {"以上", true, Bound::Unstated},        {"以下", false, Bound::Unstated},
    {"以内", false, Bound::Inclusive},
};

/// A number of a condition with its unit and what the words around it say.
struct CondNumber {
  Decimal Value;
  std::string Unit;
  size_t Begin = 0, End = 0; ///< number and unit
  const BoundWord *Pre = nullptr, *Post = nullptr;
  Bound Mark = Bound::Unstated; ///< （含） or （不含） right after it
};

/// Characters that end a unit inside a condition or a step.
bool stopsUnit(llvm::StringRef S, size_t I) {
  static const char *const Stops[] = {"以", "及", "的", "得", "扣", "不", "之", "或", "且", "至",
                                      "到", "和", "与", "为", "含", "计", "记", "给", "加", "减",
                                      "每", "则", "时的", "满", "内", "上", "下", "未", "低", "高"};
  for (const char *W : Stops)
    if (S.substr(I).startswith(W))
      return true;
  return false;
}

/// The unit written right after a number: % ％ ‰ or up to three CJK characters (小时, 工作日,
/// 个百分点 is %). A unit never starts with a word that bounds or scores.
size_t readUnit(llvm::StringRef S, size_t I, std::string &Unit) {
  Unit.clear();
  if (S.substr(I).startswith("%") || S.substr(I).startswith("‰")) {
    Unit = S.substr(I).startswith("%") ? "%" : "‰";
    return I + (Unit == "%" ? 1 : strlen("‰"));
  }
  if (S.substr(I).startswith("％")) {
    Unit = "%";
    return I + strlen("％");
  }
  for (const char *P : {"个百分点", "百分点"})
    if (S.substr(I).startswith(P)) {
      Unit = "%";
      return I + strlen(P);
    }
  size_t P = I;
  for (int N = 0; N < 3 && P < S.size() && isCjk(S, P) && !stopsUnit(S, P); ++N)
    P += 3;
  Unit = S.slice(I, P).str();
  return P;
}

/// Removes spaces; （含90%） and (含90%) become （含）, （不含…） becomes （不含）, so that the
/// number a mark repeats is not read again.
std::string simplify(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size();) {
    for (const char *Open : {"（", "("}) {
      if (!S.substr(I).startswith(Open))
        continue;
      llvm::StringRef Rest = S.substr(I + strlen(Open));
      bool Not = Rest.startswith("不含");
      if (!Not && !Rest.startswith("含"))
        continue;
      llvm::StringRef Near = Rest.take_front(64); // a mark is short: （含90%）
      size_t Close = std::min(Near.find("）"), Near.find(")"));
      if (Close == llvm::StringRef::npos)
        continue;
      Out += Not ? "（不含）" : "（含）";
      I += strlen(Open) + Close + (Rest.substr(Close).startswith("）") ? strlen("）") : 1);
      goto Next;
    }
    if (S[I] == ' ' || S[I] == '\t') {
      ++I;
      continue;
    }
    Out += S[I++];
  Next:;
  }
  return Out;
}

const BoundWord *preWord(llvm::StringRef S, size_t Begin) {
  for (const BoundWord &W : PreWords)
    if (endsWith(S, Begin, W.Word))
      return &W;
  return nullptr;
}

const BoundWord *postWord(llvm::StringRef S, size_t End) {
  for (const BoundWord &W : PostWords)
    if (startsWith(S, End, W.Word))
      return &W;
  return nullptr;
}

/// Calls \p F(Begin, End, Value) for each number of \p S in order; \p F returns the offset
/// to go on from (past the number's unit).
template <typename Fn> void eachNumber(llvm::StringRef S, Fn F) {
  for (size_t I = 0; I < S.size();) {
    std::optional<Decimal> V;
    size_t E = digitAt(S, I) ? readNumber(S, I, V) : I;
    if (E == I)
      I += charLen(S, I);
    else
      I = V ? std::max(E, F(I, E, *V)) : E;
  }
}

/// The numbers of a condition.
std::vector<CondNumber> numbersOf(llvm::StringRef S) {
  std::vector<CondNumber> Out;
  eachNumber(S, [&](size_t I, size_t E, Decimal V) {
    CondNumber N;
    N.Value = V;
    N.Begin = I;
    N.End = readUnit(S, E, N.Unit);
    N.Pre = preWord(S, I);
    N.Post = postWord(S, N.End);
    if (startsWith(S, N.End, "（含）") || startsWith(S, N.End, "(含)"))
      N.Mark = Bound::Inclusive;
    else if (startsWith(S, N.End, "（不含）") || startsWith(S, N.End, "(不含)"))
      N.Mark = Bound::Exclusive;
    Out.push_back(N);
    return N.End;
  });
  return Out;
}

/// Reads the condition of a band into \p B; false when it is not one of the usual forms.
bool readCondition(llvm::StringRef Raw, ScoreBand &B) {
  std::string Text = simplify(Raw);
  llvm::StringRef S = Text;
  std::vector<CondNumber> Ns = numbersOf(S);
  auto SetEnd = [&](const CondNumber &N, const BoundWord &W) {
    Bound Bd = N.Mark != Bound::Unstated && N.Post == nullptr ? N.Mark : W.B;
    if (W.Low) {
      B.Low = N.Value;
      B.LowBound = Bd;
    } else {
      B.High = N.Value;
      B.HighBound = Bd;
    }
  };
  if (Ns.size() == 1) {
    const CondNumber &N = Ns[0];
    const BoundWord *W = N.Pre ? N.Pre : N.Post;
    if (!W) {
      if (!endsWith(S, N.Begin, "为") && !endsWith(S, N.Begin, "=") && !endsWith(S, N.Begin, "等于"))
        return false;
      B.Low = B.High = N.Value; // 完成率为100%: exactly
      B.LowBound = B.HighBound = Bound::Inclusive;
    } else {
      SetEnd(N, *W);
    }
    B.Unit = N.Unit;
    return true;
  }
  if (Ns.size() != 2)
    return false;
  CondNumber A = Ns[0], C = Ns[1];
  if (A.Unit.empty())
    A.Unit = C.Unit; // 80-90%
  if (A.Unit != C.Unit)
    return false;
  B.Unit = C.Unit;
  llvm::StringRef Between = S.slice(A.End, C.Begin);
  // A≤X<B, A<X≤B: the comparators between the numbers bound them.
  // The first comparator of \p T (≤, <= or <) and where it ends.
  auto Cmp = [](llvm::StringRef T, size_t &At) -> const char * {
    const char *Found = nullptr;
    size_t Where = llvm::StringRef::npos;
    for (const char *W : {"≤", "<=", "<"}) {
      size_t P = T.find(W);
      if (P < Where) {
        Where = P;
        Found = W;
      }
    }
    if (Found)
      At = Where + strlen(Found);
    return Found;
  };
  size_t At = 0;
  if (const char *First = Cmp(Between, At)) {
    size_t At2 = 0;
    const char *Second = Cmp(Between.substr(At), At2);
    if (!Second || A.Pre)
      return false;
    B.Low = A.Value;
    B.LowBound = llvm::StringRef(First) == "<" ? Bound::Exclusive : Bound::Inclusive;
    B.High = C.Value;
    B.HighBound = llvm::StringRef(Second) == "<" ? Bound::Exclusive : Bound::Inclusive;
    return true;
  }
  // Each number bounded by its own words: 大于等于80%且小于90%, 80%以上90%以下.
  const BoundWord *WA = A.Pre ? A.Pre : A.Post, *WC = C.Pre ? C.Pre : C.Post;
  if (WA && WC) {
    if (!WA->Low || WC->Low)
      return false;
    SetEnd(A, *WA);
    SetEnd(C, *WC);
    return true;
  }
  // A range: 80%-90%, 80%（含）～90%, 80%至90%之间.
  llvm::StringRef Join = Between;
  Join.consume_front("（含）") || Join.consume_front("(含)") || Join.consume_front("（不含）") ||
      Join.consume_front("(不含)");
  bool IsRange = false;
  for (const char *W : {"-", "－", "—", "–", "~", "～", "至", "到", "——"})
    if (Join == W)
      IsRange = true;
  if (!IsRange || A.Post || C.Pre || (A.Pre && !A.Pre->Low))
    return false;
  B.Low = A.Value;
  B.LowBound = A.Pre ? A.Pre->B : A.Mark;
  B.High = C.Value;
  B.HighBound = C.Post && !C.Post->Low ? C.Post->B : C.Mark;
  return true;
}

/// What a clause scores: the phrase's place and kind, or none.
struct ScorePhrase {
  size_t Begin = llvm::StringRef::npos, End = 0;
  ScoreKind Kind = ScoreKind::Points;
  Decimal Points;
  bool Award = false; ///< 加N分 (only in steps)
  bool Filler = false; ///< 扣完为止: no score of its own
};

ScorePhrase scoreIn(llvm::StringRef S) {
  ScorePhrase Best;
  auto Take = [&](size_t At, size_t End, ScoreKind K, Decimal P, bool Award = false) {
    if (At < Best.Begin) {
      Best.Begin = At;
      Best.End = End;
      Best.Kind = K;
      Best.Points = P;
      Best.Award = Award;
      Best.Filler = false;
    }
  };
  for (const char *W : {"不得分", "全扣", "扣除全部分", "扣全部分", "得0分", "计0分", "记0分"})
    if (size_t P = S.find(W); P != llvm::StringRef::npos)
      Take(P, P + strlen(W), ScoreKind::Points, Decimal());
  for (const char *W : {"不扣分", "满分"})
    if (size_t P = S.find(W); P != llvm::StringRef::npos) {
      size_t At = P;
      for (const char *V : {"得", "计", "记", "给", "为"})
        if (endsWith(S, P, V))
          At = S.substr(0, P).rtrim(" ").size() - strlen(V);
      Take(At, P + strlen(W), ScoreKind::Full, Decimal());
    }
  // 得N分 计N分 记N分 给N分, 扣N分 扣除N分 减N分, 加N分.
  struct Verb {
    const char *Word;
    ScoreKind K;
    bool Award;
  };
  for (Verb V : {Verb{"得", ScoreKind::Points, false}, Verb{"计", ScoreKind::Points, false},
                 Verb{"记", ScoreKind::Points, false}, Verb{"给", ScoreKind::Points, false},
                 Verb{"扣除", ScoreKind::Deduct, false}, Verb{"扣", ScoreKind::Deduct, false},
                 Verb{"减", ScoreKind::Deduct, false}, Verb{"加", ScoreKind::Points, true}}) {
    for (size_t P = S.find(V.Word); P != llvm::StringRef::npos; P = S.find(V.Word, P + 1)) {
      size_t N = P + strlen(V.Word);
      while (N < S.size() && (S[N] == ' ' || S[N] == '\t'))
        ++N;
      std::optional<Decimal> D;
      size_t E = readNumber(S, N, D);
      if (!D)
        continue;
      while (E < S.size() && (S[E] == ' ' || S[E] == '\t'))
        ++E;
      if (!S.substr(E).startswith("分"))
        continue;
      Take(P, E + strlen("分"), V.K, *D, V.Award);
    }
  }
  if (Best.Begin == llvm::StringRef::npos)
    for (const char *W : {"扣完为止", "扣完", "扣分为止", "以此类推", "依此类推"})
      if (size_t P = S.find(W); P != llvm::StringRef::npos) {
        Best.Begin = P;
        Best.End = P + strlen(W);
        Best.Filler = true;
      }
  return Best;
}

/// Reads a step "每少1个扣2分" (the clause from 每 on) into \p St; false when not one.
bool readStep(llvm::StringRef S, const ScorePhrase &Score, ScoreStep &St) {
  size_t Each = S.find("每");
  if (Each == llvm::StringRef::npos || Each > Score.Begin)
    return false;
  static const char *const Less[] = {"减少", "降低", "下降", "缺少", "低于", "少于", "不足",
                                     "未完成", "少", "缺"};
  static const char *const More[] = {"增加", "超过", "超出", "高于", "延迟", "延误", "推迟",
                                     "逾期", "超时", "超支", "多于", "提高", "上升", "增长",
                                     "多", "超", "晚"};
  size_t P = Each + strlen("每");
  int Dir = 0; // 1 less, 2 more
  for (const char *W : Less)
    if (S.substr(P).startswith(W)) {
      Dir = 1;
      P += strlen(W);
      break;
    }
  if (!Dir)
    for (const char *W : More)
      if (S.substr(P).startswith(W)) {
        Dir = 2;
        P += strlen(W);
        break;
      }
  if (!Dir)
    return false;
  std::optional<Decimal> Read;
  size_t E = readNumber(S, P, Read);
  Decimal N = Read.value_or(Decimal());
  if (E != P && !Read)
    return false;
  if (E == P) {
    int C = chineseNumeral(S, P);
    if (C > 0) {
      N = *Decimal::fromInt(C);
      E = P + 3;
    } else {
      N = *Decimal::fromInt(1); // 每少一…: 每少个 is rare; 每延迟1天 and 每少一次 are read
    }
  }
  readUnit(S, E, St.Unit);
  St.Step = N;
  St.Points = Score.Points;
  bool Costs = Score.Kind == ScoreKind::Deduct;
  if (!Costs && !Score.Award)
    return false;
  St.FavoursMore = (Dir == 1) == Costs;
  return true;
}

bool mentionsCompletion(llvm::StringRef S) {
  for (const char *W : {"完成率", "完成度", "完成比例", "完成比率", "完成程度", "完成值", "达成率",
                        "达成度", "实现程度", "实现率", "偏差", "偏离", "误差"})
    if (S.contains(W))
      return true;
  return false;
}

bool isSeparator(llvm::StringRef S, size_t I, size_t &Len) {
  if (S[I] == ',' && I > 0 && S[I - 1] >= '0' && S[I - 1] <= '9' && isThousands(S, I))
    return false; // 4,902.34
  for (const char *W : {"，", "；", "。", "：", "\n", ",", ";"})
    if (S.substr(I).startswith(W)) {
      Len = strlen(W);
      return true;
    }
  return false;
}

} // namespace

ScoringRule readScoring(llvm::StringRef Text) {
  ScoringRule R;
  R.OnCompletion = mentionsCompletion(Text);
  R.Complete = true;
  bool Scored = false;
  size_t PendingBegin = llvm::StringRef::npos; // clauses that do not score, read with the next
  for (size_t I = 0; I <= Text.size();) {
    size_t End = I, Len = 0;
    while (End < Text.size() && !isSeparator(Text, End, Len))
      End += charLen(Text, End);
    llvm::StringRef Clause = Text.slice(I, End);
    size_t Next = End < Text.size() ? End + Len : Text.size() + 1;
    ScorePhrase Score = scoreIn(Clause);
    if (Score.Begin == llvm::StringRef::npos || Score.Filler) {
      if (!Score.Filler && PendingBegin == llvm::StringRef::npos && !Clause.trim().empty())
        PendingBegin = I;
      I = Next;
      continue;
    }
    Scored = true;
    size_t Begin = PendingBegin != llvm::StringRef::npos ? PendingBegin : I;
    PendingBegin = llvm::StringRef::npos;
    llvm::StringRef Whole = Text.slice(Begin, End);
    // A second score in the clause ("…得5分，…") would have been cut; two in one clause
    // without a separator are not read.
    ScorePhrase Rest = scoreIn(Clause.substr(Score.End));
    if (Rest.Begin != llvm::StringRef::npos && !Rest.Filler) {
      R.Complete = false;
      I = Next;
      continue;
    }
    ScoreStep St;
    size_t Offset = Begin; // of Whole in Text
    ScorePhrase InWhole = Score;
    InWhole.Begin += I - Offset;
    InWhole.End += I - Offset;
    if (Whole.substr(0, InWhole.Begin).contains("每")) {
      if (readStep(Whole, InWhole, St)) {
        St.Begin = Begin;
        St.End = End;
        R.Steps.push_back(St);
      } else {
        R.Complete = false;
      }
      I = Next;
      continue;
    }
    ScoreBand B;
    B.Kind = Score.Kind;
    B.Points = Score.Points;
    B.Begin = Begin;
    B.End = End;
    if (Score.Award || !readCondition(Whole.substr(0, InWhole.Begin), B)) {
      R.Complete = false;
      if (!Score.Award) {
        B.LowBound = B.HighBound = Bound::Unstated; // its score is known, its range not
        B.Unit = "?";
        R.Bands.push_back(B);
      }
    } else {
      R.Bands.push_back(B);
    }
    I = Next;
  }
  R.Complete = R.Complete && Scored;
  return R;
}

/// Words that follow a quantity without naming what it counts: 10台的, 10台其中, 16个以上 …
bool functionWord(llvm::StringRef S, size_t I) {
  for (const char *W : {"的", "其", "共", "和", "及", "与", "或", "以", "为", "是", "已", "在", "等",
                        "左", "上", "下", "内", "次", "每", "均", "分", "个", "万", "元"})
    if (S.substr(I).startswith(W))
      return true;
  return false;
}

std::vector<TextQuantity> quantitiesIn(llvm::StringRef Text,
                                       llvm::function_ref<bool(llvm::StringRef)> IsUnit) {
  std::vector<TextQuantity> Out;
  eachNumber(Text, [&](size_t I, size_t E, Decimal V) {
    TextQuantity Q;
    Q.Number = V;
    Q.Begin = I;
    // The longest unit the table knows: 万元 before 万, 人次 before 人.
    size_t Best = E;
    if (Text.substr(E).startswith("%") || Text.substr(E).startswith("％")) {
      Q.Unit = "%";
      Best = E + (Text[E] == '%' ? 1 : strlen("％"));
    } else {
      size_t P = E;
      for (int N = 0; N < 3 && P < Text.size() && isCjk(Text, P); ++N) {
        P += 3;
        if (IsUnit(Text.slice(E, P))) {
          Q.Unit = Text.slice(E, P).str();
          Best = P;
        }
      }
    }
    Q.End = Best;
    size_t N = Best;
    for (int K = 0; K < 2 && N < Text.size() && isCjk(Text, N) && !functionWord(Text, N); ++K)
      N += 3;
    Q.Noun = Text.slice(Best, N);
    if (!Q.Unit.empty() && !endsWith(Text, Q.Begin, "第"))
      Out.push_back(Q);
    return Best;
  });
  return Out;
}

std::vector<std::pair<size_t, size_t>> sentencesOf(llvm::StringRef Text) {
  std::vector<std::pair<size_t, size_t>> Out;
  size_t Begin = 0;
  for (size_t I = 0; I < Text.size();) {
    size_t L = charLen(Text, I);
    llvm::StringRef C = Text.substr(I, L);
    if (C == "。" || C == "；" || C == ";" || C == "！" || C == "？" || C == "!" || C == "?" ||
        C == "\n") {
      Out.push_back({Begin, I});
      Begin = I + L;
    }
    I += L;
  }
  if (Begin < Text.size())
    Out.push_back({Begin, Text.size()});
  return Out;
}

} // namespace budc::model

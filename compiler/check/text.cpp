//===- text.cpp - Prose rules: figures, shares, parts and changes in the narrative ---===//
//
// The narrative states figures the tables derive. prose.h finds what a sentence claims; these
// rules compare it with the model's values (model/values.h): this year's figure, last year's
// (上年), the change and its rate, a share, the parts after 其中 — each in the unit and at the
// precision the text writes it, within the rounding of figures that are themselves declared
// or printed. Where budc cannot know a figure, nothing is said: a false alarm is as bad as a
// miss. A claim of change is also checked against itself when last year's figures are not
// known: this year's figure less the change is last year's, and the rate must follow.
//
//===----------------------------------------------------------------------===//
#include "compiler/check/prose.h"
#include "compiler/check/rules.h"
#include "compiler/model/values.h"

#include <algorithm>
#include <cstring>
#include <map>

namespace budc::check {
namespace {

using prose::Amount;
using prose::Direction;

/// The factor in 元 of a money unit the text writes, or the budget's for a bare number.
std::optional<Decimal> factor(const model::Budget &B, llvm::StringRef Unit) {
  if (Unit.empty())
    return B.MoneyFactor;
  std::string Root;
  const model::UnitDef *U = B.Units.find(Unit);
  if (!U || U->Dim != model::Dimension::Money)
    return std::nullopt;
  return B.Units.toRoot(Unit, Decimal::fromRaw(Decimal::One), Root);
}

/// An amount of the text in 元, with its slack (half a unit of its last place; none for 0).
struct Written {
  Decimal Yuan, Factor;
  model::Known K;
};
std::optional<Written> written(const model::Budget &B, const Amount &A) {
  auto F = factor(B, A.Unit);
  if (!F)
    return std::nullopt;
  __int128 Raw = __int128(A.Number.raw()) * F->raw() / Decimal::One;
  if (Raw > INT64_MAX / 2 || Raw < -INT64_MAX / 2)
    return std::nullopt;
  Decimal Y = Decimal::fromRaw(static_cast<int64_t>(Raw));
  Decimal Slack = A.Number.isZero() ? Decimal() : model::halfPlace(*F, A.Decimals).value_or(Decimal());
  return Written{Y, *F, {Y, Slack}};
}

/// One narrative text read, with the figures of its statements resolved.
struct Text {
  const model::Prose *P;
  prose::Reading R;
  /// The query of each statement (its wording, narrowed by 本年, by the wordings of its
  /// scope and by the figure of which it is a part), by paragraph.
  std::vector<std::vector<model::Query>> Figures;
  /// Statements whose figure budc cannot tell: their narrowing contradicts itself (a scope of
  /// 基本支出 for a 项目支出): nothing is said of them.
  std::vector<std::vector<bool>> Silent;
  /// The keys of the scope that narrows each statement (资金/一般公共预算拨款/), for fix-its.
  std::vector<std::vector<std::string>> ScopeKeys;
};

class Reader {
public:
  explicit Reader(const model::Budget &B) : B(B), L(B) {
    for (const model::ProseTerm &T : B.Vocabulary)
      Keys.emplace(T.Key, &T);
    for (const model::Prose &P : B.Narrative) {
      Text T{&P, prose::read(P, L), {}, {}, {}};
      for (size_t I = 0; I < T.R.Paragraphs.size(); ++I) {
        const prose::Paragraph &Para = T.R.Paragraphs[I];
        T.Figures.emplace_back();
        T.Silent.emplace_back();
        T.ScopeKeys.emplace_back();
        for (size_t S = 0; S < Para.Statements.size(); ++S) {
          bool Silent = false;
          std::string ScopeKey;
          T.Figures.back().push_back(figure(T, I, S, Silent, ScopeKey));
          T.Silent.back().push_back(Silent);
          T.ScopeKeys.back().push_back(ScopeKey);
        }
      }
      Texts.push_back(std::move(T));
    }
  }

  const model::Budget &B;
  prose::Lexicon L;
  std::vector<Text> Texts;

private:
  const model::ProseTerm *term(const std::string &Key) const {
    auto It = Keys.find(Key);
    return It == Keys.end() ? nullptr : It->second;
  }

  /// What a wording of a statement's scope narrows it to: a fund source's money (一般公共预算
  /// 财政拨款: of that fund, whatever it is spent on), a nature or cost class (项目支出,
  /// 人员经费), a named figure that is no total of income (财政拨款支出). Other wordings (a
  /// function code, 收入预算) narrow nothing budc can tell.
  const model::ProseTerm *narrowing(const prose::Mention &M) const {
    const model::ProseTerm &W = *M.Term;
    switch (W.Kind) {
    case model::ProseTerm::FundSource:
      return term("资金/" + llvm::StringRef(W.Key).rsplit('/').second.str());
    case model::ProseTerm::Term:
      return &W;
    case model::ProseTerm::NamedFigure:
      if (W.Figure.Income || W.Figure.Underivable || W.Figure.CarryOver)
        return nullptr;
      return &W;
    default:
      return nullptr;
    }
  }

  /// The figure statement \p S of paragraph \p I names. Where the wording reads two ways, the
  /// reading the amount agrees with is taken (a false alarm is as bad as a miss; an amount
  /// that agrees with neither is still reported, against the first):
  ///  - a fund source's 收入 without 本年 (一般公共预算财政拨款收入) is this year's, or this
  ///    year's with 上年结转 — documents that put 结转 in the year's income (重庆) write it so;
  ///  - a code's name that is also a project's (深圳: 项目 统计管理 beside 2010506 统计管理) is
  ///    the code's money or the project's.
  model::Query figure(Text &T, size_t I, size_t S, bool &Silent, std::string &ScopeKey) const {
    const prose::Statement &St = T.R.Paragraphs[I].Statements[S];
    std::vector<model::Query> Readings{St.Name.Term->Figure};
    if (St.Name.ThisYear)
      Readings[0] = model::Query::intersect(Readings[0], B.ThisYearOnly);
    llvm::StringRef Key = St.Name.Term->Key;
    if (!St.Name.ThisYear && St.Name.Term->Kind == model::ProseTerm::FundSource &&
        Key.startswith("收入/本年/"))
      if (const model::ProseTerm *All = term("收入/" + Key.drop_front(strlen("收入/本年/")).str()))
        Readings.push_back(All->Figure);
    if (St.Name.Term->Kind == model::ProseTerm::FunctionCode ||
        St.Name.Term->Kind == model::ProseTerm::EconomicCode)
      for (size_t P = 0; P < B.Projects.size(); ++P)
        if (model::normaliseName(B.Projects[P].Name) == model::normaliseName(St.Name.Term->Words)) {
          model::Query Project;
          Project.Projects = std::vector<int>{static_cast<int>(P)};
          Readings.push_back(Project);
        }
    for (const prose::Mention &M : St.Scope)
      if (const model::ProseTerm *N = narrowing(M)) {
        for (model::Query &Q : Readings) {
          Q = model::Query::intersect(Q, N->Figure);
          Silent |= Q.Empty;
        }
        ScopeKey += N->Key + "/";
      }
    auto &[HP, HS] = T.R.Heads[I][S];
    if (HP >= 0 && size_t(HP) < T.Figures.size() && size_t(HS) < T.Figures[HP].size()) {
      std::vector<model::Query> Parts;
      for (const model::Query &Q : Readings)
        Parts.push_back(model::Query::intersect(T.Figures[HP][HS], Q));
      // Across a semicolon (其中：基本支出…；项目支出…) a nature, a fund or a code is still a
      // part; a named figure may be a part or stand beside the head (…其中公务接待费…；机关运行
      // 经费…): both readings, the part's first. With nothing in common with the head, it is
      // no part of it.
      if (St.Loose && std::all_of(Parts.begin(), Parts.end(),
                                  [](const model::Query &Q) { return Q.Empty; })) {
        HP = HS = -1;
      } else if (St.Loose && St.Name.Term->Kind == model::ProseTerm::NamedFigure) {
        Parts.erase(std::remove_if(Parts.begin(), Parts.end(),
                                   [](const model::Query &Q) { return Q.Empty; }),
                    Parts.end());
        Parts.insert(Parts.end(), Readings.begin(), Readings.end());
        Readings = std::move(Parts);
      } else {
        Readings = std::move(Parts);
      }
      if (HP >= 0 && T.Silent[HP][HS])
        Silent = true;
    }
    if (Readings.size() > 1)
      if (auto W = written(B, St.Value))
        for (const model::Query &Q : Readings)
          if (auto K = model::thisYear(B, Q);
              K && model::consistent(*K, W->Yuan, W->Factor, St.Value.Decimals))
            return Q;
    return Readings[0];
  }

  std::map<std::string, const model::ProseTerm *> Keys;
};

/// \p Yuan as the text writes \p A: its unit, decimals and separators.
std::string show(const model::Budget &B, const Amount &A, Decimal Yuan) {
  model::AmountFormat F;
  F.Factor = factor(B, A.Unit).value_or(B.MoneyFactor);
  F.Unit = A.Unit.empty() ? B.MoneyUnit : A.Unit;
  F.Decimals = A.Decimals;
  F.Separators = A.Separators;
  return F.show(Yuan).value_or("?");
}

/// What the text writes for \p A: its digits and unit.
std::string as(const prose::Paragraph &P, const Amount &A) {
  return llvm::StringRef(P.Text).slice(A.Begin, A.UnitEnd).str();
}

/// A reference that prints the figure \p Key as \p A writes it.
std::string referenceFor(const model::Budget &B, const std::string &Key, const Amount &A) {
  std::string R = "{" + Key;
  if (!A.Unit.empty() && A.Unit != B.MoneyUnit)
    R += " " + A.Unit;
  if (A.Decimals != 2)
    R += " " + std::to_string(A.Decimals) + "位";
  if (A.Separators)
    R += " 千分位";
  return R + "}";
}

/// The key of a statement's figure for a fix-it: its wording's, within its head's.
std::string keyOf(const Text &T, size_t Para, size_t S) {
  const prose::Statement &St = T.R.Paragraphs[Para].Statements[S];
  std::string Key = St.Name.Term->Key;
  auto [HP, HS] = T.R.Heads[Para][S];
  Key = T.ScopeKeys[Para][S] + Key;
  if (HP >= 0 && !model::sameFigure(T.Figures[Para][S], St.Name.Term->Figure))
    Key = keyOf(T, size_t(HP), size_t(HS)) + "/" + Key;
  if (St.Name.ThisYear && !llvm::StringRef(Key).contains("本年/"))
    Key = "本年/" + Key;
  return Key;
}

/// The place in the file of bytes [Begin, End) of paragraph \p P of text \p T.
Span place(const Text &T, const prose::Paragraph &P, uint32_t Begin, uint32_t End) {
  return T.P->span(P.Offset + Begin, P.Offset + End);
}

/// Whether the amount is printed by a reference to the same figure (right by construction).
bool byReference(const Text &T, const prose::Paragraph &P, const Amount &A, const model::Query &Q,
                 model::Measure M = model::Measure::Value) {
  const model::Reference *R = T.P->referenceAt(P.Offset + A.Begin);
  return R && R->Field.empty() && !R->Base && R->M == M && model::sameFigure(R->Figure, Q);
}

std::string name(const prose::Paragraph &P, const prose::Mention &M) {
  return llvm::StringRef(P.Text).slice(M.Begin, M.End).str();
}

/// This year's value of a statement: the budget's figure, or else what the text states.
std::optional<model::Known> thisYear(const model::Budget &B, const Text &T, size_t Para, size_t S) {
  const prose::Statement &St = T.R.Paragraphs[Para].Statements[S];
  if (auto K = model::thisYear(B, T.Figures[Para][S]))
    return K;
  if (auto W = written(B, St.Value))
    return W->K;
  return std::nullopt;
}

std::string percentText(Decimal V, unsigned Places) { return V.toString(Places); }

/// Whether \p D may be zero, is surely above or surely below.
int sign(model::Known D) {
  if (D.Value > D.Slack)
    return 1;
  if (D.Value.negate() > D.Slack)
    return -1;
  return 0;
}

} // namespace

void proseFigures(const RuleContext &C) {
  const model::Budget &B = C.B;
  Reader Rd(B);
  for (const Text &T : Rd.Texts)
    for (size_t I = 0; I < T.R.Paragraphs.size(); ++I) {
      const prose::Paragraph &P = T.R.Paragraphs[I];
      for (size_t S = 0; S < P.Statements.size(); ++S) {
        const prose::Statement &St = P.Statements[S];
        const model::Query &Q = T.Figures[I][S];
        if (T.Silent[I][S])
          continue;
        // 其中: a part that has nothing in common with the figure it is listed under (a part
        // written 0 names no money of the wrong nature: a template's list of empty items).
        if (auto [HP, HS] = T.R.Heads[I][S];
            HP >= 0 && Q.Empty && !St.Name.Term->Figure.Empty && !St.Value.Number.isZero()) {
          const prose::Paragraph &HeadP = T.R.Paragraphs[size_t(HP)];
          const prose::Statement &Head = HeadP.Statements[size_t(HS)];
          C.Diags
              .report(place(T, P, St.Name.Begin, St.Name.End), diag::NatureMismatch,
                      {name(P, St.Name), name(HeadP, Head.Name),
                       "the two figures have no money in common: it stands beside " +
                           name(HeadP, Head.Name) + ", not inside it"})
              .zh({name(P, St.Name), name(HeadP, Head.Name),
                   "两者没有共同的资金：它与" + name(HeadP, Head.Name) + "并列，而不在其中"})
              .note(place(T, HeadP, Head.Name.Begin, Head.Name.End), diag::NoteStatedHere,
                    {name(HeadP, Head.Name)});
          continue;
        }
        auto W = written(B, St.Value);
        auto K = model::thisYear(B, Q);
        if (!W || !K || byReference(T, P, St.Value, Q) ||
            model::consistent(*K, W->Yuan, W->Factor, St.Value.Decimals))
          continue;
        Span At = place(T, P, St.Value.Begin, St.Value.End);
        C.Diags
            .report(At, diag::ProseFigureMismatch,
                    {name(P, St.Name), as(P, St.Value), show(B, St.Value, K->Value)})
            .fixIt(At, referenceFor(B, keyOf(T, I, S), St.Value));
      }
      for (const prose::Share &Sh : P.Shares) {
        if (!Sh.Base)
          continue;
        const prose::Statement &St = P.Statements[Sh.Statement];
        if (T.Silent[I][Sh.Statement])
          continue;
        model::Query Base = Sh.Base->Term->Figure;
        if (Sh.Base->ThisYear)
          Base = model::Query::intersect(Base, B.ThisYearOnly);
        auto Part = thisYear(B, T, I, Sh.Statement);
        auto Whole = model::thisYear(B, Base);
        if (!Part || !Whole)
          continue;
        auto Ok = model::consistentRatio(*Part, *Whole, Sh.Percent.Number, Sh.Percent.Decimals);
        if (!Ok || *Ok)
          continue;
        auto Right = model::percent(Part->Value, Whole->Value, Sh.Percent.Decimals);
        C.Diags.report(place(T, P, Sh.Percent.Begin, Sh.Percent.End), diag::ProseShareMismatch,
                       {name(P, St.Name), Sh.Percent.Number.toString(Sh.Percent.Decimals),
                        name(P, *Sh.Base), show(B, St.Value, Part->Value),
                        B.money(Whole->Value),
                        Right ? percentText(*Right, Sh.Percent.Decimals) : "?"});
      }
    }
}

void proseChanges(const RuleContext &C) {
  const model::Budget &B = C.B;
  Reader Rd(B);
  unsigned Last = B.Year - 1;
  // The reasons given, for one reason given to changes of different sizes.
  struct Given {
    std::string Figure;
    Decimal Size;
    std::string Shown;
    Span Where;
  };
  std::map<std::string, std::vector<Given>> Reasons;
  for (const Text &T : Rd.Texts)
    for (size_t I = 0; I < T.R.Paragraphs.size(); ++I) {
      const prose::Paragraph &P = T.R.Paragraphs[I];
      // The year compared with: never this year itself (比2026年… in a 2026 budget).
      auto itself = [&](uint32_t Begin, uint32_t End) {
        Span At = place(T, P, Begin, End);
        C.Diags
            .report(At, diag::ComparedYear,
                    {"the text compares " + std::to_string(B.Year) +
                         " with itself: this budget is " + std::to_string(B.Year) +
                         "'s, and last year is " + std::to_string(Last),
                     "文中以" + std::to_string(B.Year) + "年与自身相比：本预算为" +
                         std::to_string(B.Year) + "年预算，上年为" + std::to_string(Last) + "年"})
            .fixIt(At, std::to_string(Last) + "年");
      };
      for (const prose::Compared &Y : P.Years)
        if (Y.Year == B.Year)
          itself(Y.Begin, Y.End);
      for (const prose::Change &Ch : P.Changes) {
        const prose::Statement &St = P.Statements[Ch.Statement];
        std::string Who = name(P, St.Name);
        // The year of the figure and the year compared with.
        if (Ch.Year && *Ch.Year == B.Year)
          itself(Ch.YearBegin, Ch.YearEnd);
        if (Ch.Year && *Ch.Year != B.Year && *Ch.Year != Last)
          C.Diags.report(place(T, P, Ch.YearBegin, Ch.YearEnd), diag::ComparedYear,
                         {"the text compares " + Who + " with " + std::to_string(*Ch.Year) +
                              ", which is not last year (" + std::to_string(Last) + ")",
                          "文中" + Who + "与" + std::to_string(*Ch.Year) + "年相比，而上年为" +
                              std::to_string(Last) + "年"});
        if (St.Year && *St.Year != B.Year && Ch.Year && *St.Year == *Ch.Year) {
          Span At = place(T, P, St.YearBegin, St.YearEnd);
          C.Diags
              .report(At, diag::ComparedYear,
                      {"this year's " + Who + " is called " + std::to_string(*St.Year) +
                           "'s and compared with " + std::to_string(*Ch.Year) +
                           ": the budget is " + std::to_string(B.Year) + "'s",
                       "本年的" + Who + "被写作" + std::to_string(*St.Year) + "年，又与" +
                           std::to_string(*Ch.Year) + "年相比：本预算为" + std::to_string(B.Year) +
                           "年预算"})
              .fixIt(At, std::to_string(B.Year) + "年");
        }
        const model::Query &Q = T.Figures[I][Ch.Statement];
        auto This = thisYear(B, T, I, Ch.Statement);
        if (!This || T.Silent[I][Ch.Statement])
          continue;
        std::optional<model::Known> Data = model::lastYear(B, Q);
        std::optional<Written> Prev = Ch.Previous ? written(B, *Ch.Previous) : std::nullopt;
        // Last year's figure as the text states it, against last year's figures.
        if (Data && Prev && !model::consistent(*Data, Prev->Yuan, Prev->Factor, Ch.Previous->Decimals)) {
          Span At = place(T, P, Ch.Previous->Begin, Ch.Previous->End);
          C.Diags
              .report(At, diag::ProseChangeMismatch,
                      {Who, "was " + as(P, *Ch.Previous) + " last year",
                       "last year's figures give " + show(B, *Ch.Previous, Data->Value)})
              .zh({Who, "上年为 " + as(P, *Ch.Previous), "上年数字为 " + show(B, *Ch.Previous, Data->Value)})
              .fixIt(At, referenceFor(B, keyOf(T, I, Ch.Statement) + "/上年数", *Ch.Previous));
        }
        std::optional<model::Known> Before = Data ? Data : Prev ? std::optional<model::Known>(Prev->K)
                                                                : std::nullopt;
        std::optional<Written> By = Ch.By ? written(B, *Ch.By) : std::nullopt;
        std::optional<model::Known> Delta;
        if (Before) {
          auto V = This->Value.sub(Before->Value);
          auto S = This->Slack.add(Before->Slack);
          if (V && S)
            Delta = model::Known{*V, *S};
        }
        Span DirAt = place(T, P, Ch.DirBegin, Ch.DirEnd);
        // The direction word against the change.
        bool DirectionOk = true;
        if (Delta) {
          int Sign = sign(*Delta);
          bool Exact = Delta->Slack.isZero() && Delta->Value.isZero();
          std::string Fell = Delta->Value.isNegative() ? "fell" : "rose";
          std::string FellZh = Delta->Value.isNegative() ? "减少了" : "增加了";
          std::string Size = By ? show(B, *Ch.By, Delta->Value.abs())
                                : B.money(Delta->Value.abs());
          std::string Why, WhyZh;
          if ((Ch.Dir == Direction::Up && Sign < 0) || (Ch.Dir == Direction::Down && Sign > 0) ||
              (Ch.Dir == Direction::Flat && Sign != 0)) {
            Why = "it " + Fell + " by " + Size + " (last year " + B.money(Before->Value) +
                  ", this year " + B.money(This->Value) + ")";
            WhyZh = "实际" + FellZh + " " + Size + "（上年 " + B.money(Before->Value) + "，本年 " +
                    B.money(This->Value) + "）";
          } else if (Ch.Dir != Direction::Flat && Exact) {
            Why = "it is unchanged: write 持平 or 与上年相同";
            WhyZh = "实际没有变化：应写“持平”或“与上年相同”";
          }
          if (!Why.empty()) {
            DirectionOk = false;
            C.Diags.report(DirAt, diag::ProseDirectionMismatch, {Who, Ch.DirWord, Why})
                .zh({Who, Ch.DirWord, WhyZh});
          }
        }
        // 增加 0.00万元: the text itself says there was no change (whatever the figures, when
        // they do not say otherwise).
        if (DirectionOk && By && By->Yuan.isZero() && Ch.Dir != Direction::Flat &&
            (!Delta || sign(*Delta) == 0)) {
          DirectionOk = false;
          C.Diags
              .report(DirAt, diag::ProseDirectionMismatch,
                      {Who, Ch.DirWord + " " + as(P, *Ch.By),
                       "a change of 0 is no change: write 持平 or 与上年相同"})
              .zh({Who, Ch.DirWord + as(P, *Ch.By), "变动为 0 即没有变化：应写“持平”或“与上年相同”"});
        }
        // The amount of the change.
        if (Delta && By && DirectionOk && !byReference(T, P, *Ch.By, Q, model::Measure::Change) &&
            !model::consistent({Delta->Value.abs(), Delta->Slack}, By->Yuan, By->Factor,
                               Ch.By->Decimals)) {
          Span At = place(T, P, Ch.By->Begin, Ch.By->End);
          C.Diags
              .report(At, diag::ProseChangeMismatch,
                      {Who, "changed by " + as(P, *Ch.By) + " from last year",
                       "this year's " + B.money(This->Value) + " less last year's " +
                           B.money(Before->Value) + " is " + show(B, *Ch.By, Delta->Value)})
              .zh({Who, "比上年变动 " + as(P, *Ch.By),
                   "本年 " + B.money(This->Value) + " 减上年 " + B.money(Before->Value) + " 为 " +
                       show(B, *Ch.By, Delta->Value)})
              .fixIt(At, referenceFor(B, keyOf(T, I, Ch.Statement) + "/增减额", *Ch.By));
        }
        // The rate: against last year's figure, or the one the change itself implies.
        if (Ch.Rate) {
          std::optional<model::Known> Base = Before;
          if (!Base && By && Ch.Dir != Direction::Flat) {
            Decimal Signed = Ch.Dir == Direction::Down ? By->Yuan.negate() : By->Yuan;
            auto V = This->Value.sub(Signed);
            auto S = This->Slack.add(By->K.Slack);
            if (V && S)
              Base = model::Known{*V, *S};
          }
          if (Base) {
          Decimal Rate = Ch.RateDir == Direction::Down ? Ch.Rate->Number.negate() : Ch.Rate->Number;
          auto Plus = Rate.add(Decimal::fromRaw(100 * Decimal::One));
          std::optional<bool> Ok =
              Plus ? model::consistentRatio(*This, *Base, *Plus, Ch.Rate->Decimals) : std::nullopt;
          Span At = place(T, P, Ch.Rate->Begin, Ch.Rate->End);
          std::string Shown = Ch.Rate->Number.toString(Ch.Rate->Decimals);
          if (!Ok && Base->Value.abs() <= Base->Slack && Plus) {
            C.Diags
                .report(At, diag::ProseRateMismatch,
                        {Who, Shown, "last year's figure is 0: a change from nothing has no rate"})
                .zh({Who, Shown, "上年数为 0：从零开始的变动没有增减率"});
          } else if (Ok && !*Ok) {
            auto D = This->Value.sub(Base->Value);
            auto Right = D ? model::percent(*D, Base->Value, Ch.Rate->Decimals) : std::nullopt;
            std::string R = Right ? percentText(*Right, Ch.Rate->Decimals) : "?";
            C.Diags
                .report(At, diag::ProseRateMismatch,
                        {Who, (Ch.RateDir == Direction::Down ? "-" : "") + Shown,
                         "(" + B.money(This->Value) + " − " + B.money(Base->Value) + ") / " +
                             B.money(Base->Value) + " is " + R + "%"})
                .zh({Who, (Ch.RateDir == Direction::Down ? "-" : "") + Shown,
                     "（" + B.money(This->Value) + " − " + B.money(Base->Value) + "）÷ " +
                         B.money(Base->Value) + " 为 " + R + "%"});
          }
          }
        }
        if (!Ch.Reason.empty() && Ch.Reason.size() >= 18) {
          std::optional<Decimal> Size;
          std::string Shown;
          if (By) {
            Size = Ch.Dir == Direction::Down ? By->Yuan.negate() : By->Yuan;
            Shown = (Ch.Dir == Direction::Down ? "-" : "") + as(P, *Ch.By);
          } else if (Delta && Delta->Slack.isZero()) {
            Size = Delta->Value;
            Shown = B.money(Delta->Value);
          }
          if (Size)
            Reasons[Ch.Reason].push_back(
                {Who, *Size, Shown, place(T, P, Ch.ReasonBegin, Ch.ReasonEnd)});
        }
      }
    }
  for (const auto &[Why, All] : Reasons)
    for (size_t K = 1; K < All.size(); ++K)
      if (All[K].Size != All[0].Size)
        C.Diags
            .report(All[K].Where, diag::RepeatedReason,
                    {All[K].Shown, All[K].Figure, All[0].Shown, All[0].Figure})
            .note(All[0].Where, diag::NoteSameReason, {All[0].Shown});
}

} // namespace budc::check

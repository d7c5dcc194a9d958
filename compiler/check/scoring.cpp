//===- scoring.cpp - Plausibility rules: scoring rules (评（扣）分标准) ---------===//
//
// A scoring rule is read by model::readScoring; these rules judge only what it read: the
// scores of its bands against the weight always, the ranges of its bands (overlaps, gaps) and
// the direction it rewards only when every clause that scores was read.
//
//===----------------------------------------------------------------------===//
#include "compiler/check/rules.h"

#include "compiler/model/scoring.h"

#include <algorithm>

namespace budc::check {
namespace {

using model::Bound;
using model::ScoreBand;

/// A band's score in points: 满分 is the weight, 扣N分 the weight less N. Without a weight,
/// 满分 counts as more than any written score.
Decimal pointsOf(const ScoreBand &B, const model::Indicator &I) {
  Decimal Full = I.HasWeight ? I.columns().Weight : Decimal::fromRaw(1000000 * Decimal::One);
  switch (B.Kind) {
  case model::ScoreKind::Full: return Full;
  case model::ScoreKind::Deduct: return Full.sub(B.Points).value_or(Decimal());
  case model::ScoreKind::Points: return B.Points;
  }
  return B.Points;
}

/// Orders bands along the measured quantity: by lower end (an open one first), then upper end.
bool before(const ScoreBand *A, const ScoreBand *C) {
  bool AOpen = A->LowBound == Bound::Open, COpen = C->LowBound == Bound::Open;
  if (AOpen != COpen)
    return AOpen;
  if (!AOpen && A->Low != C->Low)
    return A->Low < C->Low;
  bool AHigh = A->HighBound == Bound::Open, CHigh = C->HighBound == Bound::Open;
  if (AHigh != CHigh)
    return CHigh;
  return !AHigh && A->High < C->High;
}

/// Units of the scoring rule and of a value agree: the same, or the value's numerator (次 of
/// 次/年), or one of them not written.
bool sameUnit(llvm::StringRef Rule, llvm::StringRef Value) {
  return Rule.empty() || Rule == Value || Rule == Value.split('/').first;
}

std::string clauseText(llvm::StringRef Rule, size_t Begin, size_t End) {
  return Rule.slice(Begin, End).trim(" \t\n").str();
}

/// How far a band reaches: the text of a point or a range, for the gap message.
std::string rangeText(Decimal Low, Decimal High, llvm::StringRef Unit) {
  if (Low == High)
    return Low.toString() + Unit.str();
  return Low.toString() + Unit.str() + "–" + High.toString() + Unit.str();
}

/// The bound an end has from the other side: a band that ends where another begins at 90%
/// (inclusive) ends before it.
Bound complement(Bound B) {
  return B == Bound::Inclusive ? Bound::Exclusive : B == Bound::Exclusive ? Bound::Inclusive : B;
}

/// Reads floors in a cascade as the tables mean them: "90%以上得满分，80%以上得5分" gives a
/// value the score of the highest floor it reaches, so the band of 80%以上 ends where 90%以上
/// begins; likewise ceilings ("36小时以内得满分，48小时以内得3分": the lowest ceiling it keeps
/// under). Two floors (or ceilings) at the same number still overlap.
void readCascade(std::vector<ScoreBand> &Bands) {
  std::vector<ScoreBand *> Floors, Ceilings;
  for (ScoreBand &B : Bands) {
    if (B.LowBound != Bound::Open && B.HighBound == Bound::Open)
      Floors.push_back(&B);
    if (B.LowBound == Bound::Open && B.HighBound != Bound::Open)
      Ceilings.push_back(&B);
  }
  std::stable_sort(Floors.begin(), Floors.end(), [](const ScoreBand *A, const ScoreBand *C) { return A->Low < C->Low; });
  for (size_t K = 0; K + 1 < Floors.size(); ++K)
    if (Floors[K]->Low < Floors[K + 1]->Low) {
      Floors[K]->High = Floors[K + 1]->Low;
      Floors[K]->HighBound = complement(Floors[K + 1]->LowBound);
    }
  std::stable_sort(Ceilings.begin(), Ceilings.end(), [](const ScoreBand *A, const ScoreBand *C) { return A->High > C->High; });
  for (size_t K = 0; K + 1 < Ceilings.size(); ++K)
    if (Ceilings[K]->High > Ceilings[K + 1]->High) {
      Ceilings[K]->Low = Ceilings[K + 1]->High;
      Ceilings[K]->LowBound = complement(Ceilings[K + 1]->HighBound);
    }
}

} // namespace

void scoringRules(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  eachIndicator(R.B, [&](const model::Indicator &I) {
    if (I.columns().Scoring.empty())
      return;
    model::ScoringRule S = model::readScoring(I.columns().Scoring);
    auto Place = [&](size_t Begin, size_t End) { return partOf(I.columns().ScoringWhere, I.columns().Scoring, Begin, End); };

    // Scores above the weight, whether or not the band's range was read.
    if (I.HasWeight)
      for (const ScoreBand &B : S.Bands)
        if (B.Kind != model::ScoreKind::Full && B.Points > I.columns().Weight) {
          Diags.report(Place(B.Begin, B.End), diag::ScoreAboveWeight,
                       {clauseText(I.columns().Scoring, B.Begin, B.End), B.Points.toString(), I.columns().Weight.toString()});
          break;
        }
    // The direction the rule rewards against the value's: measured on the value itself only.
    model::Direction Want = I.direction();
    bool Judged = !S.OnCompletion && I.HasValue &&
                  (Want == model::Direction::Up || Want == model::Direction::Down);
    llvm::StringRef ValueUnit = I.Value.Unit;
    bool Up = Want == model::Direction::Up;
    std::string Value = shownValue(I);
    auto Conflict = [&](Span Where) {
      Diags.report(Where, diag::ScoringDirection,
                   {Up ? "lower" : "higher", Value, Up ? "a floor" : "a ceiling"})
          .zh({Up ? "更小的值" : "更大的值", Value, Up ? "下限" : "上限"})
          .note(I.Value.Where, diag::NoteValueIs, {Value});
    };
    // A step reads by itself: judged even when other clauses of the rule are not read.
    for (const model::ScoreStep &St : S.Steps)
      if (Judged && sameUnit(St.Unit, ValueUnit) && St.FavoursMore != Up) {
        Conflict(Place(St.Begin, St.End));
        Judged = false; // one per rule
      }
    if (!S.Complete)
      return;

    // Overlaps and gaps between bands measured in one unit.
    std::vector<const ScoreBand *> Bands;
    std::string Unit;
    bool OneUnit = true;
    readCascade(S.Bands);
    for (const ScoreBand &B : S.Bands) {
      Bands.push_back(&B);
      if (!B.Unit.empty()) {
        OneUnit &= Unit.empty() || Unit == B.Unit;
        Unit = B.Unit;
      }
    }
    std::stable_sort(Bands.begin(), Bands.end(), before);
    // Along the sorted bands, the one reaching furthest so far: a band that starts below its
    // end (or at it, when both include it) overlaps it.
    bool Reported = false;
    const ScoreBand *Reach = nullptr;
    for (const ScoreBand *Y : Bands) {
      if (!OneUnit)
        break;
      if (Reach) {
        const ScoreBand &X = *Reach;
        bool Overlap = Y->LowBound == Bound::Open || X.HighBound == Bound::Open || Y->Low < X.High ||
                       (Y->Low == X.High && Y->LowBound == Bound::Inclusive &&
                        X.HighBound == Bound::Inclusive);
        if (Overlap) {
          const ScoreBand &First = X.Begin < Y->Begin ? X : *Y, &Second = X.Begin < Y->Begin ? *Y : X;
          std::string F = clauseText(I.columns().Scoring, First.Begin, First.End);
          Diags.report(Place(Second.Begin, Second.End), diag::ScoreBandsOverlap,
                       {F, clauseText(I.columns().Scoring, Second.Begin, Second.End)})
              .note(Place(First.Begin, First.End), diag::NoteOtherBand, {F});
          Reported = true;
          break;
        }
      }
      if (!Reach || Y->HighBound == Bound::Open ||
          (Reach->HighBound != Bound::Open && Y->High > Reach->High))
        Reach = Y;
    }
    for (size_t K = 0; OneUnit && !Reported && K + 1 < Bands.size(); ++K) {
      const ScoreBand &X = *Bands[K], &Y = *Bands[K + 1];
      if (X.HighBound == Bound::Open || Y.LowBound == Bound::Open)
        continue;
      bool Gap = X.High < Y.Low || (X.High == Y.Low && X.HighBound == Bound::Exclusive &&
                                    Y.LowBound == Bound::Exclusive);
      if (!Gap)
        continue;
      std::string XT = clauseText(I.columns().Scoring, X.Begin, X.End), YT = clauseText(I.columns().Scoring, Y.Begin, Y.End);
      Diags.report(Place(std::min(X.Begin, Y.Begin), std::max(X.End, Y.End)), diag::ScoreBandsGap,
                   {rangeText(X.High, Y.Low, Unit), XT, YT});
      Reported = true;
    }

    if (!Judged || !OneUnit || Bands.empty() || !sameUnit(Unit, ValueUnit))
      return;
    // The scores along the quantity, with 0 where the bands stop short of either end.
    std::vector<Decimal> Scores;
    if (Bands.front()->LowBound != Bound::Open)
      Scores.push_back(Decimal());
    for (const ScoreBand *B : Bands)
      Scores.push_back(pointsOf(*B, I));
    if (Bands.back()->HighBound != Bound::Open)
      Scores.push_back(Decimal());
    bool Rises = false, Falls = false;
    for (size_t K = 1; K < Scores.size(); ++K) {
      Rises |= Scores[K] > Scores[K - 1];
      Falls |= Scores[K] < Scores[K - 1];
    }
    if (Up ? Falls && !Rises : Rises && !Falls)
      Conflict(I.columns().ScoringWhere);
  });
}

} // namespace budc::check

//===- scoring.h - Reading a 评（扣）分标准 and the quantities in a text ------===//
//
// A scoring rule is prose: "完成率达100%得满分，低于90%得4分", "每少1个扣2分",
// "36小时（含）以内得满分；36-48小时得3分；48小时以上不得分". readScoring() reads the usual
// forms into bands (a range of the measured quantity and the score it earns) and steps (a
// deduction or an award per unit more or less), and says whether it understood every clause
// that scores, so that the rules judge only what was read. quantitiesIn() finds the numbers
// with their units in any text, for the rules that compare parts with wholes.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/decimal.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::model {

/// How one end of a band is bounded.
enum class Bound : uint8_t {
  Open,      ///< no end: "90%以上" has no upper end
  Inclusive, ///< the end belongs to the band: 及以上 及以下 以内 不低于 不超过 ≥ ≤ （含）
  Exclusive, ///< it does not: 低于 高于 超过 不足 未达到 < > （不含）
  Unstated,  ///< a range "80%-90%", or bare 以上 以下 (used both ways), that does not say
};

/// What a band or a step earns.
enum class ScoreKind : uint8_t {
  Points, ///< 得N分; 不得分 and 得0分 are 0 points
  Full,   ///< 得满分, 不扣分: the indicator's weight
  Deduct, ///< 扣N分: the weight less N
};

/// One band of a scoring rule: the values of the measured quantity it covers and its score.
struct ScoreBand {
  Decimal Low, High;                      ///< valid unless the end is Open
  Bound LowBound = Bound::Open, HighBound = Bound::Open;
  std::string Unit;                       ///< of its ends, as written ("%", "个", "小时"; "" bare)
  ScoreKind Kind = ScoreKind::Points;
  Decimal Points;                         ///< Points and Deduct
  size_t Begin = 0, End = 0;              ///< its clause's byte offsets in the rule
};

/// A score per unit of the measured quantity: "每少1个扣2分", "每超过1小时扣1分".
struct ScoreStep {
  /// Which values the step favours: Up when less costs points (每少…扣) or more earns them
  /// (每多…加), Down the other way round.
  bool FavoursMore = true;
  Decimal Step;          ///< the quantity per step (1 in 每少1个)
  std::string Unit;      ///< its unit as written (个; "" when not written)
  Decimal Points;        ///< the points per step
  size_t Begin = 0, End = 0;
};

/// A scoring rule as far as it reads.
struct ScoringRule {
  std::vector<ScoreBand> Bands;
  std::vector<ScoreStep> Steps;
  /// Every clause that scores was read (a rule in other words leaves this false, and the
  /// rules judge only the scores of its bands, never their ranges).
  bool Complete = false;
  /// The rule scores a completion or a deviation (完成率, 偏差率 …), not the value itself, so
  /// the direction of its bands says nothing about the value's comparator.
  bool OnCompletion = false;
};

/// Reads \p Text, a 评（扣）分标准.
ScoringRule readScoring(llvm::StringRef Text);

/// A number written with its unit inside a text: "12台", "4,902.34万元", "95%".
struct TextQuantity {
  Decimal Number;
  std::string Unit;   ///< the longest unit \p IsUnit accepts right after the number
  size_t Begin = 0, End = 0; ///< byte offsets of number and unit
  /// What is counted, when a noun follows the unit: 村 in 10个村, 乡镇 in 2个乡镇 (its first
  /// two characters; empty when punctuation or a function word such as 的 follows).
  llvm::StringRef Noun;
};

/// The numbers of \p Text that a unit follows, in order. A unit is the longest run of up to
/// three characters after the number (or % ‰) that \p IsUnit accepts; numbers after 第 (an
/// ordinal) and numbers followed by no unit are left out.
std::vector<TextQuantity> quantitiesIn(llvm::StringRef Text,
                                       llvm::function_ref<bool(llvm::StringRef)> IsUnit);

/// The byte offsets of the sentences of \p Text: runs ended by 。；;！？!? or a line break.
std::vector<std::pair<size_t, size_t>> sentencesOf(llvm::StringRef Text);

} // namespace budc::model

// Unit tests of compiler/model/scoring: reading 评（扣）分标准 and the quantities of a text.
#include "compiler/model/scoring.h"

#include <doctest/doctest.h>

#include <sstream>

using namespace budc;
using namespace budc::model;

namespace {

Decimal D(const char *S) { return *Decimal::parse(S); }

/// A band as text: [90,∞)%:full, (−∞,90)%:4, [80,90?)… for compact expectations.
std::string show(const ScoreBand &B) {
  auto End = [](Bound Bd, bool Low) {
    switch (Bd) {
    case Bound::Open: return std::string(Low ? "(" : ")");
    case Bound::Inclusive: return std::string(Low ? "[" : "]");
    case Bound::Exclusive: return std::string(Low ? "(" : ")");
    case Bound::Unstated: return std::string("?");
    }
    return std::string();
  };
  std::string S = End(B.LowBound, true) +
                  (B.LowBound == Bound::Open ? "-inf" : B.Low.toString()) + "," +
                  (B.HighBound == Bound::Open ? "inf" : B.High.toString()) +
                  End(B.HighBound, false) + B.Unit + ":";
  S += B.Kind == ScoreKind::Full ? "full" : B.Kind == ScoreKind::Deduct ? "-" + B.Points.toString()
                                                                         : B.Points.toString();
  return S;
}

std::string show(const ScoringRule &R) {
  std::string S;
  for (const ScoreBand &B : R.Bands)
    S += (S.empty() ? "" : " ") + show(B);
  for (const ScoreStep &St : R.Steps)
    S += (S.empty() ? "" : " ") + std::string(St.FavoursMore ? "more+" : "less+") +
         St.Step.toString() + St.Unit + "/" + St.Points.toString();
  return S;
}

} // namespace

TEST_CASE("bands: thresholds, ranges and their ends") {
  ScoringRule R = readScoring("完成率达100%得满分，低于90%得4分");
  CHECK(R.Complete);
  CHECK(R.OnCompletion);
  CHECK(show(R) == "[100,inf)%:full (-inf,90)%:4");

  R = readScoring("90%（含）以上得满分；80%（含）-90%得3分；80%以下不得分");
  CHECK(R.Complete);
  CHECK_FALSE(R.OnCompletion);
  CHECK(show(R) == "[90,inf)%:full [80,90?%:3 (-inf,80?%:0");

  // Bare 以上 and 以下 leave their end unstated (the tables use them both ways); 及以上,
  // （含） and 不足 say it.
  R = readScoring("90%及以上得20分，80%（含）-90%（不含）得10分，80%以下不得分");
  CHECK(R.Complete);
  CHECK(show(R) == "[90,inf)%:20 [80,90)%:10 (-inf,80?%:0");
  R = readScoring("95%以上得满分，不足95%不得分");
  CHECK(show(R) == "?95,inf)%:full (-inf,95)%:0");
  R = readScoring("90%（含）以下不得分，90%以上（不含）得满分");
  CHECK(show(R) == "(-inf,90]%:0 (90,inf)%:full");
  R = readScoring("未达到80%的不得分");
  CHECK(show(R) == "(-inf,80)%:0");

  R = readScoring("36小时以内得满分，36-48小时得2分，超过48小时不得分");
  CHECK(R.Complete);
  CHECK(show(R) == "(-inf,36]小时:full ?36,48?小时:2 (48,inf)小时:0");

  R = readScoring("大于等于80%且小于90%的，得6分");
  CHECK(show(R) == "[80,90)%:6");
  R = readScoring("80%≤完成率<90%，得6分；完成率<80%得0分");
  CHECK(show(R) == "[80,90)%:6 (-inf,80)%:0");
  R = readScoring("在80%（含）至90%（不含）之间得6分");
  CHECK(show(R) == "[80,90)%:6");
  R = readScoring("90%以上（含90%）得满分");
  CHECK(show(R) == "[90,inf)%:full");
  R = readScoring("完成率为100%得10分");
  CHECK(show(R) == "[100,100]%:10");
  R = readScoring("不低于4个的，得满分；低于4个的，每少1个扣2分，扣完为止");
  CHECK(R.Complete);
  CHECK(show(R) == "[4,inf)个:full more+1个/2");
}

TEST_CASE("steps: which values a per-unit score favours") {
  ScoringRule R = readScoring("每少1个扣2分");
  CHECK(R.Complete);
  CHECK(show(R) == "more+1个/2");
  R = readScoring("每超过1小时扣1分，扣完为止");
  CHECK(show(R) == "less+1小时/1");
  R = readScoring("每延迟一天扣0.5分");
  CHECK(show(R) == "less+1天/0.5");
  R = readScoring("准确率每降低1个百分点扣1分");
  CHECK(show(R) == "more+1%/1");
  R = readScoring("每增加1家加1分");
  CHECK(show(R) == "more+1家/1");
  R = readScoring("偏差率每增加1%扣0.5分");
  CHECK(R.OnCompletion);
}

TEST_CASE("rules in other words are not read, and say so") {
  CHECK_FALSE(readScoring("按时完成得满分，未完成不得分").Complete);
  CHECK_FALSE(readScoring("根据实际完成情况酌情打分").Complete);
  CHECK_FALSE(readScoring("得分=实际完成值/目标值×权重").Complete);
  CHECK_FALSE(readScoring("完成率100%得满分").Complete); // a bare number: which way?
  CHECK_FALSE(readScoring("").Complete);
  // What scores is still known where its range is not.
  ScoringRule R = readScoring("全部完成得12分，90%以上得8分");
  CHECK_FALSE(R.Complete);
  REQUIRE(R.Bands.size() == 2);
  CHECK(R.Bands[0].Points == D("12"));
  CHECK(show(R.Bands[1]) == "?90,inf)%:8");
}

TEST_CASE("quantities and sentences of a text") {
  auto IsUnit = [](llvm::StringRef U) { return U == "台" || U == "万元" || U == "万" || U == "个"; };
  auto Q = quantitiesIn("购置设备10台，其中电脑12台；资金4,902.34万元，第3个", IsUnit);
  REQUIRE(Q.size() == 3);
  CHECK(Q[0].Number == D("10"));
  CHECK(Q[0].Unit == "台");
  CHECK(Q[1].Number == D("12"));
  CHECK(Q[2].Number == D("4902.34"));
  CHECK(Q[2].Unit == "万元"); // the longest unit
  CHECK(Q[0].Noun.empty());    // 10台，
  auto N = quantitiesIn("2个乡镇，其中10个村的", IsUnit);
  REQUIRE(N.size() == 2);
  CHECK(N[0].Noun == "乡镇");
  CHECK(N[1].Noun == "村");
  auto S = sentencesOf("一。二；三\n四");
  REQUIRE(S.size() == 4);
  CHECK(S[1].first == strlen("一。"));
}

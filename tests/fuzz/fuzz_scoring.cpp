// libFuzzer target: a scoring rule (评（扣）分标准) and the quantities of a text, on arbitrary
// bytes: model::readScoring, model::quantitiesIn and model::sentencesOf never crash, and what
// they return lies inside the text.
#include "compiler/model/scoring.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  budc::model::ScoringRule R = budc::model::readScoring(Text);
  for (const budc::model::ScoreBand &B : R.Bands)
    if (B.Begin > B.End || B.End > Size)
      abort();
  for (const budc::model::ScoreStep &S : R.Steps)
    if (S.Begin > S.End || S.End > Size)
      abort();
  auto IsUnit = [](llvm::StringRef U) { return U == "个" || U == "万元" || U == "台"; };
  for (const budc::model::TextQuantity &Q : budc::model::quantitiesIn(Text, IsUnit))
    if (Q.Begin >= Q.End || Q.End > Size)
      abort();
  for (auto [B, E] : budc::model::sentencesOf(Text))
    if (B > E || E > Size)
      abort();
  return 0;
}

//===- texts.cpp - Plausibility rules: what the texts of indicators and goals say ----===//
#include "compiler/check/rules.h"

#include "compiler/model/scoring.h"

#include "llvm/ADT/StringMap.h"

namespace budc::check {
namespace {

/// A text of the budget and where it is written.
struct Written {
  llvm::StringRef Text;
  Span Where;
};

/// The texts a part and its whole may be stated in: goals, purposes, and every text of an
/// indicator (its name, a qualitative value, 描述, 内容).
std::vector<Written> textsOf(const model::Budget &B) {
  std::vector<Written> Out;
  auto Indicator = [&](const model::Indicator &I) {
    Out.push_back({I.Name, I.NameWhere});
    if (I.HasValue && I.Value.Kind == model::ValueKind::Qualitative)
      Out.push_back({I.Value.Text, I.Value.Where});
    Out.push_back({I.Description, I.DescriptionWhere});
    Out.push_back({I.Content, I.ContentWhere});
  };
  for (const model::Project &P : B.Projects) {
    for (size_t K = 0; K < P.Goals.size(); ++K)
      Out.push_back({P.Goals[K], K < P.GoalsWhere.size() ? P.GoalsWhere[K] : P.Where});
    Out.push_back({P.Purpose, P.PurposeWhere});
  }
  for (const model::PerformanceArea &A : B.Areas)
    for (const model::DepartmentGoal &G : A.Goals)
      Out.push_back({G.Statement, G.Where});
  eachIndicator(B, Indicator);
  return Out;
}

/// The goal as compared: without spaces, brackets of one width, no final full stop.
std::string goalKey(llvm::StringRef Goal) {
  std::string N = model::normaliseName(Goal);
  llvm::StringRef K = N;
  while (K.consume_back("。") || K.consume_back("；") || K.consume_back(".") || K.consume_back(";"))
    ;
  return K.str();
}

} // namespace

/// "购置设备10台，其中电脑12台": within one sentence, a quantity after 其中 is no more than the
/// quantity of the same unit (or both money) before it.
void partsAndWholes(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  // Counts, money and measures add up; percentages and durations (years!) do not.
  auto IsUnit = [&](llvm::StringRef U) {
    const model::UnitDef *D = B.Units.find(U);
    return D && D->Dim != model::Dimension::Percent && D->Dim != model::Dimension::Duration;
  };
  // A quantity in a comparable form: money in 元, others as written in their unit.
  auto Comparable = [&](const model::TextQuantity &Q, std::string &Unit) -> std::optional<Decimal> {
    const model::UnitDef *D = B.Units.find(Q.Unit);
    if (D && D->Dim == model::Dimension::Money)
      return B.Units.toRoot(Q.Unit, Q.Number, Unit);
    Unit = Q.Unit;
    return Q.Number;
  };
  for (const Written &W : textsOf(B)) {
    if (W.Text.empty() || !W.Text.contains("其中"))
      continue;
    for (auto [Begin, End] : model::sentencesOf(W.Text)) {
      llvm::StringRef Sentence = W.Text.slice(Begin, End);
      size_t Among = Sentence.find("其中");
      if (Among == llvm::StringRef::npos)
        continue;
      std::vector<model::TextQuantity> Qs = model::quantitiesIn(Sentence, IsUnit);
      bool Reported = false;
      for (size_t P = 0; P < Qs.size() && !Reported; ++P) {
        // A part: a quantity after a 其中 that comes after the whole.
        size_t Mark = Sentence.take_front(Qs[P].Begin).rfind("其中");
        if (Mark == llvm::StringRef::npos)
          continue;
        std::string PartUnit;
        auto Part = Comparable(Qs[P], PartUnit);
        for (size_t K = P; K-- > 0;) {
          if (Qs[K].End > Mark)
            continue; // another part of the same 其中
          std::string WholeUnit;
          auto Whole = Comparable(Qs[K], WholeUnit);
          if (WholeUnit != PartUnit)
            continue;
          if (Part && Whole && *Part > *Whole) {
            std::string PartText = Sentence.slice(Qs[P].Begin, Qs[P].End).str();
            std::string WholeText = Sentence.slice(Qs[K].Begin, Qs[K].End).str();
            Diags.report(partOf(W.Where, W.Text, Begin + Qs[P].Begin, Begin + Qs[P].End),
                         diag::PartExceedsWhole, {PartText, WholeText})
                .note(partOf(W.Where, W.Text, Begin + Qs[K].Begin, Begin + Qs[K].End),
                      diag::NoteWholeIs, {WholeText});
            Reported = true;
          }
          break; // the nearest whole of that unit
        }
      }
    }
  }
}

/// Two projects with the same goal text whose purposes differ: their 用途 differ, or (where a
/// 用途 is missing) they belong to different units. Two years of one system in one unit
/// legitimately share a goal and are not reported.
void sharedGoals(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  struct Holder {
    size_t Project, Goal;
  };
  llvm::StringMap<std::vector<Holder>> ByGoal;
  std::vector<std::pair<size_t, size_t>> Reported; // pairs of projects
  for (size_t J = 0; J < B.Projects.size(); ++J) {
    const model::Project &PJ = B.Projects[J];
    for (size_t G = 0; G < PJ.Goals.size(); ++G) {
      std::string Key = goalKey(PJ.Goals[G]);
      if (Key.empty())
        continue;
      auto &Holders = ByGoal[Key];
      for (const Holder &H : Holders) {
        if (H.Project == J)
          continue;
        const model::Project &PI = B.Projects[H.Project];
        bool BothPurposes = !PI.Purpose.empty() && !PJ.Purpose.empty();
        bool OtherPurpose = BothPurposes && goalKey(PI.Purpose) != goalKey(PJ.Purpose);
        bool OtherUnit = !BothPurposes && PI.UnitIndex != PJ.UnitIndex;
        if (!OtherPurpose && !OtherUnit)
          continue;
        if (std::find(Reported.begin(), Reported.end(), std::make_pair(H.Project, J)) != Reported.end())
          break;
        Reported.push_back({H.Project, J});
        Span Where = G < PJ.GoalsWhere.size() ? PJ.GoalsWhere[G] : PJ.Where;
        Span First = H.Goal < PI.GoalsWhere.size() ? PI.GoalsWhere[H.Goal] : PI.Where;
        Diags.report(Where, diag::SharedGoal,
                     {PJ.Name, PI.Name, OtherPurpose ? ", whose 用途 differs" : " of another unit"})
            .zh({PJ.Name, PI.Name, OtherPurpose ? "用途不同的" : "其他单位的"})
            .note(First, diag::NoteSameGoal, {PI.Name});
        break;
      }
      Holders.push_back({J, G});
    }
  }
}

} // namespace budc::check

//===- texts.cpp - Plausibility rules: what the texts of indicators and goals say ----===//
#include "compiler/check/rules.h"

#include "compiler/model/scoring.h"

#include "llvm/ADT/StringMap.h"

#include <map>

namespace budc::check {
namespace {

/// Calls \p F(Text, Where) with every text a part and its whole may be stated in: goals,
/// purposes, and every text of an indicator (its name, a qualitative value, 描述, 内容).
template <typename Fn> void eachText(const model::Budget &B, Fn F) {
  for (const model::Project &P : B.Projects) {
    for (size_t K = 0; K < P.Goals.size(); ++K)
      F(llvm::StringRef(P.Goals[K]), K < P.GoalsWhere.size() ? P.GoalsWhere[K] : P.Where);
    F(llvm::StringRef(P.Purpose), P.PurposeWhere);
  }
  for (const model::PerformanceArea &A : B.Areas)
    for (const model::DepartmentGoal &G : A.Goals)
      F(llvm::StringRef(G.Statement), G.Where);
  eachIndicator(B, [&](const model::Indicator &I) {
    F(I.Name, I.NameWhere);
    if (I.HasValue && I.Value.Kind == model::ValueKind::Qualitative)
      F(I.Value.Text, I.Value.Where);
    F(I.Description, I.DescriptionWhere);
    F(I.Content, I.ContentWhere);
  });
}

/// A goal or purpose as compared: without spaces, brackets of one width, no final stop.
std::string textKey(llvm::StringRef Text) {
  std::string N = model::normaliseName(Text);
  llvm::StringRef K = N;
  while (K.consume_back("。") || K.consume_back("；") || K.consume_back(".") || K.consume_back(";"))
    ;
  return K.str();
}

} // namespace

/// "购置设备10台，其中电脑12台": within one sentence, a quantity after 其中 is no more than the
/// nearest quantity of the same unit (money: of any money unit) before that 其中.
void partsAndWholes(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  // Counts, money and measures add up; percentages and durations (years!) do not.
  auto IsUnit = [&](llvm::StringRef U) {
    const model::UnitDef *D = B.Units.find(U);
    return D && D->Dim != model::Dimension::Percent && D->Dim != model::Dimension::Duration;
  };
  eachText(B, [&](llvm::StringRef Text, Span Where) {
    if (!Text.contains("其中"))
      return;
    for (auto [Begin, End] : model::sentencesOf(Text)) {
      llvm::StringRef Sentence = Text.slice(Begin, End);
      if (!Sentence.contains("其中"))
        continue;
      // Each quantity in a comparable form (money in 元) with the 其中 before it, if any; the
      // quantities of each unit in order, to find a part's whole by binary search.
      struct Q {
        model::TextQuantity T;
        Decimal Value;
        size_t Mark;
      };
      std::vector<Q> Qs;
      std::map<std::string, std::vector<size_t>> ByUnit;
      std::vector<size_t> Marks; // where 其中 stands, in order
      for (size_t M = Sentence.find("其中"); M != llvm::StringRef::npos; M = Sentence.find("其中", M + 1))
        Marks.push_back(M);
      for (const model::TextQuantity &T : model::quantitiesIn(Sentence, IsUnit)) {
        std::string Unit = T.Unit;
        std::optional<Decimal> V = T.Number;
        if (const model::UnitDef *D = B.Units.find(T.Unit); D && D->Dim == model::Dimension::Money)
          V = B.Units.toRoot(T.Unit, T.Number, Unit);
        if (!V)
          continue; // too large to compare
        auto After = std::upper_bound(Marks.begin(), Marks.end(), T.Begin);
        size_t Mark = After == Marks.begin() ? llvm::StringRef::npos : *(After - 1);
        ByUnit[Unit].push_back(Qs.size());
        Qs.push_back({T, *V, Mark});
      }
      for (auto &[Unit, Indices] : ByUnit) {
        for (size_t K = 0; K < Indices.size(); ++K) {
          const Q &Part = Qs[Indices[K]];
          if (Part.Mark == llvm::StringRef::npos)
            continue;
          // The whole: the last quantity of this unit that ends before the part's 其中.
          auto It = std::partition_point(Indices.begin(), Indices.begin() + K,
                                         [&](size_t I) { return Qs[I].T.End <= Part.Mark; });
          if (It == Indices.begin())
            continue;
          const Q &Whole = Qs[*(It - 1)];
          if (Part.Value <= Whole.Value)
            continue;
          std::string PartText = Sentence.slice(Part.T.Begin, Part.T.End).str();
          std::string WholeText = Sentence.slice(Whole.T.Begin, Whole.T.End).str();
          Diags.report(partOf(Where, Text, Begin + Part.T.Begin, Begin + Part.T.End),
                       diag::PartExceedsWhole, {PartText, WholeText})
              .note(partOf(Where, Text, Begin + Whole.T.Begin, Begin + Whole.T.End),
                    diag::NoteWholeIs, {WholeText});
          return; // one per text
        }
      }
    }
  });
}

/// Two projects with the same goal text whose purposes differ: their 用途 differ, or (where a
/// 用途 is missing) they belong to different units. Two years of one system in one unit
/// legitimately share a goal and purpose and are not reported.
void sharedGoals(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  // For each goal, the first projects stating it that differ in what decides: two different
  // 用途, two different units, two different units among projects without 用途. Two of each
  // suffice to find, for any later project, one it differs from.
  struct Holder {
    size_t Project = 0, Goal = 0;
  };
  struct Seen {
    std::vector<std::pair<std::string, Holder>> Purposes; ///< distinct 用途, at most two
    std::vector<std::pair<size_t, Holder>> Units;         ///< distinct units, at most two
    std::vector<std::pair<size_t, Holder>> BareUnits;     ///< the same among projects without 用途
  };
  auto Remember = [](auto &List, auto Key, Holder H) {
    for (const auto &E : List)
      if (E.first == Key)
        return;
    if (List.size() < 2)
      List.push_back({Key, H});
  };
  auto Other = [](const auto &List, auto Key) -> const Holder * {
    for (const auto &E : List)
      if (E.first != Key)
        return &E.second;
    return nullptr;
  };
  llvm::StringMap<Seen> ByGoal;
  for (size_t J = 0; J < B.Projects.size(); ++J) {
    const model::Project &PJ = B.Projects[J];
    std::string Purpose = textKey(PJ.Purpose);
    bool Reported = false;
    for (size_t G = 0; G < PJ.Goals.size(); ++G) {
      std::string Key = textKey(PJ.Goals[G]);
      if (Key.empty())
        continue;
      Seen &S = ByGoal[Key];
      const Holder *H = nullptr;
      bool OtherPurpose = false;
      if (!Reported) {
        if (!Purpose.empty() && (H = Other(S.Purposes, Purpose)))
          OtherPurpose = true;
        else
          H = Purpose.empty() ? Other(S.Units, PJ.UnitIndex) : Other(S.BareUnits, PJ.UnitIndex);
      }
      if (H && H->Project != J) {
        const model::Project &PI = B.Projects[H->Project];
        Span Where = G < PJ.GoalsWhere.size() ? PJ.GoalsWhere[G] : PJ.Where;
        Span First = H->Goal < PI.GoalsWhere.size() ? PI.GoalsWhere[H->Goal] : PI.Where;
        Diags.report(Where, diag::SharedGoal,
                     {PJ.Name, PI.Name, OtherPurpose ? ", whose 用途 differs" : " of another unit"})
            .zh({PJ.Name, PI.Name, OtherPurpose ? "用途不同的" : "其他单位的"})
            .note(First, diag::NoteSameGoal, {PI.Name});
        Reported = true; // once per project
      }
      Holder Me{J, G};
      if (!Purpose.empty())
        Remember(S.Purposes, Purpose, Me);
      Remember(S.Units, PJ.UnitIndex, Me);
      if (Purpose.empty())
        Remember(S.BareUnits, PJ.UnitIndex, Me);
    }
  }
}

} // namespace budc::check

//===- texts.cpp - Plausibility rules: what the texts of indicators and goals say ----===//
#include "compiler/check/rules.h"

#include "compiler/model/scoring.h"

#include "llvm/ADT/DenseMap.h"

#include <cstring>
#include <deque>
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
    F(I.columns().Content, I.columns().ContentWhere);
  });
}

/// Whether \p Text has 其中 (E5 85 B6 E4 B8 AD): found by its third byte, which few characters
/// share, as the rule reads every text of the budget.
bool mentionsAmong(llvm::StringRef Text) {
  const char *P = Text.data(), *End = P + Text.size();
  // (End - P, not P + 4 <= End: an absent text, such as an indicator's 内容 when it has no
  // columns, is a null pointer, and null + 4 is undefined; clang's UBSan reports it)
  while (End - P >= 4) {
    const void *Hit = memchr(P + 2, '\xB6', static_cast<size_t>(End - P - 2) - 3 + 1);
    if (!Hit)
      return false;
    const char *B = static_cast<const char *>(Hit) - 2;
    if (llvm::StringRef(B, static_cast<size_t>(End - B)).startswith("其中"))
      return true;
    P = B + 1;
  }
  return false;
}

/// Goals shorter than this many characters are phrases many projects share by themselves.
constexpr size_t MinSharedGoal = 12;

size_t characters(llvm::StringRef S) {
  size_t N = 0;
  for (char C : S)
    N += (static_cast<unsigned char>(C) & 0xC0) != 0x80;
  return N;
}

/// The key a goal or a purpose is compared by: without spaces, brackets of one width, no final
/// stop. Most texts have none of these and are their own key; the others are normalised into
/// \p Store.
llvm::StringRef textKey(llvm::StringRef Text, std::deque<std::string> &Store) {
  while (Text.consume_back("。") || Text.consume_back("；") || Text.consume_back(".") ||
         Text.consume_back(";"))
    ;
  bool Plain = true;
  for (size_t I = 0; Plain && I < Text.size(); ++I) {
    char C = Text[I];
    Plain = C != ' ' && C != '\t' && C != '(' && C != ')' &&
            !(C == '\xE3' && Text.substr(I).startswith("\u3000"));
  }
  if (Plain)
    return Text;
  Store.push_back(model::normaliseName(Text));
  return Store.back();
}

} // namespace

/// "购置设备10台，其中电脑12台": within one sentence, a quantity after 其中 is no more than the
/// nearest quantity of the same unit (money: of any money unit) before that 其中, unless the
/// two count different things (2个乡镇，其中10个村).
void partsAndWholes(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  // Counts, money and measures add up; percentages and durations (years!) do not.
  auto IsUnit = [&](llvm::StringRef U) {
    const model::UnitDef *D = B.Units.find(U);
    return D && D->Dim != model::Dimension::Percent && D->Dim != model::Dimension::Duration;
  };
  eachText(B, [&](llvm::StringRef Text, Span Where) {
    if (!mentionsAmong(Text))
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
          // 2个乡镇，其中10个村: 个 counts other things.
          if (!Part.T.Noun.empty() && !Whole.T.Noun.empty() && Part.T.Noun != Whole.T.Noun)
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

namespace {

/// The name a project's purpose is known by where it has no 用途: its name without years
/// (广州市气象台2025年信息化运维项目 and …2026年… are one system in two years), normalised into
/// \p Store when anything is left out.
llvm::StringRef nameKey(llvm::StringRef Name, std::deque<std::string> &Store) {
  auto YearAt = [&](size_t I) {
    if (I + 4 > Name.size() || !(Name.substr(I).startswith("19") || Name.substr(I).startswith("20")))
      return size_t(0);
    for (size_t K = 2; K < 4; ++K)
      if (Name[I + K] < '0' || Name[I + K] > '9')
        return size_t(0);
    if (I + 4 < Name.size() && Name[I + 4] >= '0' && Name[I + 4] <= '9')
      return size_t(0);
    if (I > 0 && Name[I - 1] >= '0' && Name[I - 1] <= '9')
      return size_t(0);
    return llvm::StringRef(Name.substr(I + 4)).startswith("年") ? size_t(4 + strlen("年")) : size_t(4);
  };
  std::string Out;
  bool Changed = false;
  for (size_t I = 0; I < Name.size();) {
    if (size_t N = YearAt(I)) {
      I += N;
      Changed = true;
      // 2025年-2026年, 2025—2026年, 2025至2026年: the connector goes with the second year.
      for (const char *C : {"-", "－", "—", "–", "～", "~", "至", "到"})
        if (Name.substr(I).startswith(C) && YearAt(I + strlen(C))) {
          I += strlen(C);
          break;
        }
      continue;
    }
    Out += Name[I++];
  }
  if (!Changed)
    return textKey(Name, Store);
  Store.push_back(std::move(Out));
  return textKey(Store.back(), Store);
}

} // namespace

/// Two projects with the same goal text (of 12 characters or more) whose purposes differ. A
/// project's purpose is its 用途; two projects that both have one differ when their 用途 do.
/// Where a 用途 is missing, the name stands for it: projects of one name (years aside: one
/// system in two years) have one purpose, wherever they are (广州's 机构运行辅助经费 of several
/// units); projects of different names differ only when they are also in different units, as
/// the phases of one system in one unit are often named apart.
void sharedGoals(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  struct Holder {
    uint32_t Project = 0, Goal = 0;
  };
  // For a goal stated more than once: the first two projects stating it with two different
  // 用途 (two suffice to find, for any later 用途, one it differs from), and the first
  // projects of distinct name and unit (up to MaxNamed; a later project is compared with
  // these).
  constexpr unsigned MaxNamed = 8;
  struct Seen {
    std::pair<llvm::StringRef, Holder> Purposes[2];
    uint8_t NPurposes = 0;
    std::vector<Holder> Named;
  };
  std::deque<std::string> Store;
  std::vector<llvm::StringRef> Purposes(B.Projects.size()), Names(B.Projects.size());
  for (size_t J = 0; J < B.Projects.size(); ++J) {
    Purposes[J] = textKey(B.Projects[J].Purpose, Store);
    Names[J] = nameKey(B.Projects[J].Name, Store);
  }
  auto Note = [&](Seen &S, Holder H) {
    llvm::StringRef Purpose = Purposes[H.Project];
    if (!Purpose.empty()) {
      bool Known = false;
      for (uint8_t K = 0; K < S.NPurposes; ++K)
        Known |= S.Purposes[K].first == Purpose;
      if (!Known && S.NPurposes < 2)
        S.Purposes[S.NPurposes++] = {Purpose, H};
    }
    const model::Project &P = B.Projects[H.Project];
    for (const Holder &O : S.Named)
      if (Names[O.Project] == Names[H.Project] && B.Projects[O.Project].UnitIndex == P.UnitIndex)
        return;
    if (S.Named.size() < MaxNamed)
      S.Named.push_back(H);
  };
  // A project stated before with the same goal whose purpose differs from project \p J's;
  // \p ByPurpose says whether their 用途 tell them apart.
  auto Differing = [&](const Seen &S, uint32_t J, bool &ByPurpose) -> const Holder * {
    const model::Project &PJ = B.Projects[J];
    ByPurpose = false;
    if (!Purposes[J].empty())
      for (uint8_t K = 0; K < S.NPurposes; ++K)
        if (S.Purposes[K].first != Purposes[J]) {
          ByPurpose = true;
          return &S.Purposes[K].second;
        }
    for (const Holder &H : S.Named) {
      if (!Purposes[J].empty() && !Purposes[H.Project].empty())
        continue; // both have a 用途, and they agree
      const model::Project &PH = B.Projects[H.Project];
      if (Names[H.Project] != Names[J] && PH.UnitIndex != PJ.UnitIndex)
        return &H;
    }
    return nullptr;
  };
  llvm::DenseMap<llvm::StringRef, Holder> First; // every goal's first statement
  llvm::DenseMap<llvm::StringRef, Seen> Again;    // goals stated more than once
  for (uint32_t J = 0; J < B.Projects.size(); ++J) {
    const model::Project &PJ = B.Projects[J];
    bool Reported = false;
    for (uint32_t G = 0; G < PJ.Goals.size(); ++G) {
      llvm::StringRef Key = textKey(PJ.Goals[G], Store);
      if (characters(Key) < MinSharedGoal)
        continue; // a short goal (保障单位正常运转) is a common phrase, not a copied text
      auto [It, New] = First.try_emplace(Key, Holder{J, G});
      if (New)
        continue;
      auto [SIt, SNew] = Again.try_emplace(Key);
      Seen &S = SIt->second;
      if (SNew)
        Note(S, It->second);
      bool ByPurpose = false;
      const Holder *H = Reported ? nullptr : Differing(S, J, ByPurpose);
      if (H && H->Project != J) {
        const model::Project &PI = B.Projects[H->Project];
        Span Where = G < PJ.GoalsWhere.size() ? PJ.GoalsWhere[G] : PJ.Where;
        Span FirstWhere = H->Goal < PI.GoalsWhere.size() ? PI.GoalsWhere[H->Goal] : PI.Where;
        std::string Unit = PI.UnitIndex < B.OrgUnits.size() ? B.OrgUnits[PI.UnitIndex].Name : "";
        Diags.report(Where, diag::SharedGoal,
                     {PJ.Name, PI.Name, ByPurpose ? ", whose 用途 differs" : " of unit '" + Unit + "'"})
            .zh({PJ.Name, PI.Name, ByPurpose ? "用途不同的" : "单位“" + Unit + "”的"})
            .note(FirstWhere, diag::NoteSameGoal, {PI.Name});
        Reported = true; // once per project
      }
      Note(S, Holder{J, G});
    }
  }
}

} // namespace budc::check

//===- bodies.cpp - A project's own lines, and 整体 performance ---------------===//
//
// Indicators (their framework path, value, columns and scoring rule), schedules and keys of
// each project, read on up to Jobs threads, each with a diagnostics engine of its own; the
// department-level (整体) performance goals and indicators.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/facts.h"

#include "compiler/ast/pack.h"
#include "compiler/model/values.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <cstring>
#include <tuple>

#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <atomic>

namespace budc::sema {

void FactReader::body(const ast::Project &P, model::Project &M, DiagEngine &D) const {
  size_t Indicators = 0; // exactly, so that the vector holds no spare room
  for (ast::Node *I : P.Items)
    if (auto *G = llvm::dyn_cast<ast::Goal>(I))
      Indicators += G->Indicators.size();
    else
      Indicators += llvm::isa<ast::Indicator>(I);
  M.Indicators.reserve(Indicators);
  for (ast::Node *I : P.Items) {
    if (auto *S = llvm::dyn_cast<ast::Schedule>(I)) {
      M.ScheduleWhere = S->Range;
      schedule(*S, M, D);
    } else if (auto *G = llvm::dyn_cast<ast::Goal>(I)) {
      M.Goals.push_back(G->Statement.Value.str());
      M.GoalsWhere.push_back(G->Statement.Range);
      for (const ast::Indicator *Ind : G->Indicators)
        projectIndicator(*Ind, M, D);
    } else if (auto *Ind = llvm::dyn_cast<ast::Indicator>(I)) {
      projectIndicator(*Ind, M, D);
    } else if (auto *At = llvm::dyn_cast<ast::Attr>(I)) {
      if (At->Key.Value == "用途" && !At->Values.empty()) {
        M.Purpose = At->Values[0].Word.Value.str();
        M.PurposeWhere = At->Values[0].range();
      }
      if (At->Key.Value == "概况" && !At->Values.empty())
        M.Overview = At->Values[0].Word.Value.str();
      if (At->Key.Value == "重点")
        key(*At, M, D);
      if (At->Key.Value == "重点专项资金")
        specialFund(*At, M, D);
    }
  }
}

void FactReader::projectIndicator(const ast::Indicator &I, model::Project &M, DiagEngine &D) const {
  if (auto X = indicator(I, D))
    M.Indicators.push_back(std::move(*X));
  else if (I.Path.size() == 2)
    M.UnreadLevels.push_back(model::canonicalLevel(I.Path[0].Value));
}

void FactReader::bodies(unsigned Jobs) {
  size_t N = Bodies.size();
  // Project K's body into the model; then, when asked, its indicators and schedules out of
  // the tree (nothing reads them again: texts() reads only its goals and attributes). Each
  // project is read and released by one thread.
  auto Read = [&](size_t K, DiagEngine &D) {
    body(*Bodies[K].first, B.Projects[Bodies[K].second], D);
    if (Release)
      ast::releaseBody(const_cast<ast::Project &>(*Bodies[K].first));
  };
  if (!Jobs)
    Jobs = llvm::hardware_concurrency().compute_thread_count();
  Jobs = static_cast<unsigned>(std::min<size_t>(Jobs, N / 128));
  if (Jobs < 2) {
    for (size_t K = 0; K < N; ++K)
      Read(K, Diags);
    return;
  }
  size_t Runs = size_t(Jobs) * 8; // runs of consecutive projects, taken in turn
  std::vector<DiagEngine> Engines(Runs);
  {
    llvm::ThreadPool Pool(llvm::hardware_concurrency(Jobs));
    std::atomic<size_t> Next{0};
    for (unsigned W = 0; W < Jobs; ++W)
      Pool.async([&] {
        for (size_t Run = Next++; Run < Runs; Run = Next++)
          for (size_t K = Run * N / Runs; K < (Run + 1) * N / Runs; ++K)
            Read(K, Engines[Run]);
      });
    Pool.wait();
  }
  for (DiagEngine &E : Engines)
    Diags.absorb(std::move(E));
}

void FactReader::key(const ast::Attr &A, model::Project &M, DiagEngine &Diags) {
  unsigned N = 0;
  bool Ok = A.Children.empty() &&
            (A.Values.empty() ||
             (A.Values.size() == 1 && A.Values[0].K == ast::Value::Number &&
              A.Values[0].Num.Unit.empty() && !A.Values[0].Num.Number.getAsInteger(10, N) && N > 0));
  if (!Ok) {
    Diags.report(A.Range, diag::UnknownAttribute,
                 {"重点 …", "a project", Fate().En,
                  "; 重点 takes nothing or the project's place in the key projects' table: 重点 1"})
        .zh({"重点 …", "项目", Fate().Zh, "；重点后不写内容，或写项目在重点项目表中的序位：重点 1"});
    return;
  }
  M.Key = true;
  M.KeyOrder = N;
}

void FactReader::specialFund(const ast::Attr &A, model::Project &M, DiagEngine &Diags) const {
  auto Form = [&](Span Where, const std::string &En, const std::string &Zh) {
    Diags.report(Where, diag::SpecialFundForm, {En}).zh({Zh});
  };
  if (M.SpecialFund) {
    Diags.report(A.Key.Range, diag::DuplicateDeclaration, {"the 重点专项资金 of project", M.Name})
        .zh({"项目“" + M.Name + "”的", "重点专项资金"})
        .note(M.SpecialFundWhere, diag::NoteFirstDeclared);
    return;
  }
  M.SpecialFund = true;
  M.SpecialFundWhere = A.Key.Range;
  bool Ok = true;
  if (!A.Values.empty()) {
    Form(A.Values[0].range(), "重点专项资金 takes no value before its block",
         "重点专项资金后不写内容，直接跟块");
    Ok = false;
  }
  const ast::Attr *Seen[3] = {};
  static const char *Keys[] = {"主管部门", "市级支出", "补助区县"};
  for (const ast::Attr *C : A.Children) {
    unsigned K = 0;
    while (K < 3 && C->Key.Value != Keys[K])
      ++K;
    if (K == 3) { // another key: BUD119 (attributes())
      Ok = false;
      continue;
    }
    if (Seen[K]) {
      Diags.report(C->Key.Range, diag::DuplicateDeclaration, {"in the 重点专项资金 of project '" + M.Name + "', the line", Keys[K]})
          .zh({"项目“" + M.Name + "”的重点专项资金中的", Keys[K]})
          .note(Seen[K]->Key.Range, diag::NoteFirstDeclared);
      Ok = false;
      continue;
    }
    Seen[K] = C;
    if (C->Values.size() != 1 || !C->Children.empty()) {
      Form(C->Key.Range,
           std::string(Keys[K]) + (K ? " takes one amount" : " takes one name, the department in charge of the fund"),
           std::string(Keys[K]) + (K ? "后应为一个金额" : "后应为一个名称，即资金的主管部门"));
      Ok = false;
      continue;
    }
    const ast::Value &V = C->Values[0];
    if (K == 0) {
      if (V.K != ast::Value::Name && V.K != ast::Value::String) {
        Form(V.range(), "主管部门 takes one name, the department in charge of the fund",
             "主管部门后应为一个名称，即资金的主管部门");
        Ok = false;
      } else {
        M.SpecialFundOwner = V.Word.Value.str();
      }
      continue;
    }
    if (V.K != ast::Value::Number) {
      Diags.report(V.range(), diag::NotMoney, {FactReader::valueText(V), B.MoneyUnit});
      Ok = false;
      continue;
    }
    auto Yuan = ValueReader{B, R.SM, Diags}.money(V.Num);
    if (!Yuan) {
      Ok = false;
      continue;
    }
    (K == 1 ? M.CityYuan : M.CountyYuan) = *Yuan;
  }
  if (!Ok)
    return;
  auto Sum = M.CityYuan.add(M.CountyYuan);
  if (!Sum) {
    Diags.report(A.Key.Range, diag::MoneyOverflow, {"市级支出 + 补助区县"});
    return;
  }
  if (*Sum == M.Yuan || !M.FirstAmountWhere.isValid())
    return; // (a project without a readable amount is reported as such)
  auto D = Diags.report(A.Key.Range, diag::SpecialFundSplitMismatch,
                        {M.Name, B.money(M.CityYuan), B.money(M.CountyYuan), B.money(*Sum),
                         B.money(M.Yuan), B.money(Sum->sub(M.Yuan).value_or(Decimal()).abs())});
  D.note(M.FirstAmountWhere, diag::NoteProjectAmount, {B.money(M.Yuan)});
}

void FactReader::schedule(const ast::Schedule &S, model::Project &M, DiagEngine &Diags) const {
  for (const ast::SchedulePoint &P : S.Points) {
    std::string MonthText = P.Month.Number.str() + P.Month.Unit.str();
    unsigned Month = 0;
    bool MonthOk = (P.Month.Unit == "月" || P.Month.Unit == "月底") &&
                   !P.Month.Number.getAsInteger(10, Month) && Month >= 1 && Month <= 12;
    if (!MonthOk) {
      Diags.report(P.Month.Range, diag::BadScheduleMonth, {MonthText});
      continue;
    }
    if (P.Share.Unit != "%") {
      Diags.report(P.Share.Range, diag::BadSchedulePercent,
                   {P.Share.Number.str() + P.Share.Unit.str()});
      continue;
    }
    auto Share =
        ValueReader{B, R.SM, Diags}.number(P.Share.Number, false, P.Share.numberRange());
    if (!Share)
      continue;
    M.Schedule.push_back({Month, *Share, Span::cover(P.Month.Range, P.Share.Range)});
  }
}

const model::FrameworkLevel *FactReader::level(llvm::ArrayRef<ast::Text> Path,
                                               DiagEngine &Diags) const {
  // Most paths are written plainly (产出/数量): compared as they are, without building
  // their canonical spelling (two strings for each of hundreds of thousands of indicators).
  auto Plain = [](llvm::StringRef W) {
    return W.find_first_of(" \t()") == llvm::StringRef::npos && !W.contains("\u3000");
  };
  auto Spells = [](llvm::StringRef Canonical, llvm::StringRef W) {
    return W.endswith("指标") ? Canonical == W
                             : Canonical.size() == W.size() + strlen("指标") &&
                                   Canonical.startswith(W) && Canonical.endswith("指标");
  };
  // The chosen framework's levels only (under 四个一级指标, 产出/成本 is no level); without a
  // choice, any framework's.
  const model::Framework *Chosen = B.framework();
  auto Each = [&](auto Match) -> const model::FrameworkLevel * {
    for (const model::Framework &F : B.Frameworks) {
      if (Chosen && &F != Chosen)
        continue;
      for (const model::FrameworkLevel &L : F.Levels)
        if (Match(L))
          return &L;
    }
    return nullptr;
  };
  if (Plain(Path[0].Value) && Plain(Path[1].Value))
    if (const model::FrameworkLevel *L = Each([&](const model::FrameworkLevel &L) {
          return Spells(L.Level1, Path[0].Value) && Spells(L.Level2, Path[1].Value);
        }))
      return L;
  std::string L1 = model::canonicalLevel(Path[0].Value);
  std::string L2 = model::canonicalLevel(Path[1].Value);
  if (const model::FrameworkLevel *L = Each([&](const model::FrameworkLevel &L) {
        return L.Level1 == L1 && L.Level2 == L2;
      }))
    return L;
  std::vector<std::string> Known; // for the suggestion
  for (const model::Framework &F : B.Frameworks)
    for (const model::FrameworkLevel &L : F.Levels) {
      if (Chosen && &F != Chosen)
        continue;
      Known.push_back(L.Level1.substr(0, L.Level1.size() - strlen("指标")) + "/" +
                      L.Level2.substr(0, L.Level2.size() - strlen("指标")));
    }
  std::string Written = Path[0].Value.str() + "/" + Path[1].Value.str();
  Span Where = Span::cover(Path[0].Range, Path[1].Range);
  std::string WhichEn = Chosen ? "of framework '" + Chosen->Name + "' (chosen by 框架)" : "of any framework";
  std::string WhichZh = Chosen ? "所选指标框架“" + Chosen->Name + "”" : "任何指标框架";
  // A level of a framework not chosen (产出/成本 under 四个一级指标) is said so, not guessed at.
  std::string AlsoEn, AlsoZh;
  for (const model::Framework &F : B.Frameworks)
    for (const model::FrameworkLevel &L : F.Levels)
      if (Chosen && &F != Chosen && AlsoEn.empty() && L.Level1 == L1 && L.Level2 == L2) {
        AlsoEn = ": it is one of framework '" + F.Name + "'";
        AlsoZh = "：它属于指标框架“" + F.Name + "”";
      }
  std::string Guess = AlsoEn.empty() ? closest(Written, Known) : "";
  auto D = Diags.report(Where, diag::UnknownIndicatorPath,
                        {Written, WhichEn, Guess.empty() ? AlsoEn : "; did you mean '" + Guess + "'?"});
  D.zh({Written, WhichZh, Guess.empty() ? AlsoZh : "；是否应为“" + Guess + "”？"});
  if (!Guess.empty())
    D.fixIt(Where, Guess);
  return nullptr;
}

std::optional<model::Indicator> FactReader::indicator(const ast::Indicator &I,
                                                      DiagEngine &Diags) const {
  model::Indicator M;
  M.Name = I.Name.Value;
  M.NameWhere = I.Name.Range;
  M.Where = I.Range;
  if (I.Path.size() == 2) {
    const model::FrameworkLevel *L = level(I.Path, Diags);
    if (!L)
      return std::nullopt;
    M.Level1 = L->Level1;
    M.Level2 = L->Level2;
    M.PathWhere = Span::cover(I.Path[0].Range, I.Path[1].Range);
  } else if (!I.Path.empty()) {
    return std::nullopt; // reported by the parser (BUD023)
  }
  if (!columns(I, M, Diags))
    return std::nullopt;
  M.Description = I.Description.Value;
  M.DescriptionWhere = I.Description.Range;
  if (I.Basis.present()) {
    M.BasisWhere = I.Basis.Range;
    if (I.Basis.Style == ast::Text::Bare) {
      auto It = B.Citations.find(I.Basis.Value);
      if (It == B.Citations.end()) {
        Diags.report(I.Basis.Range, diag::UnknownCitation, {I.Basis.Value.str()});
      } else {
        M.BasisCitation = &It->second;
        M.BasisText = It->second.Text;
      }
    } else {
      M.BasisText = I.Basis.Value;
    }
  }
  return M;
}

bool FactReader::columns(const ast::Indicator &I, model::Indicator &M, DiagEngine &Diags) const {
  ValueReader VR{B, R.SM, Diags};
  using model::Indicator;
  const ast::IndicatorColumns &In = I.columns();
  // The columns beyond 河北's, made when there is one to keep.
  std::unique_ptr<model::IndicatorColumns> Out;
  auto Extra = [&]() -> model::IndicatorColumns & {
    if (!Out)
      Out = std::make_unique<model::IndicatorColumns>();
    return *Out;
  };
  llvm::StringRef ColumnUnit; // the unit the 单位 (or a swapped 性质) column gives
  Span ColumnUnitWhere;
  bool FromUnitColumn = false;
  if (In.Nature.present()) {
    Extra().NatureColumn = In.Nature.Value;
    Extra().NatureWhere = In.Nature.Range;
    bool Noun = false;
    if (auto N = model::natureFromWord(In.Nature.Value)) {
      M.Sense = *N;
    } else if (VR.unitOf(In.Nature.Value, Noun)) {
      M.Columns |= Indicator::UnitAsNature;
      ColumnUnit = In.Nature.Value;
      ColumnUnitWhere = In.Nature.Range;
    } else {
      Diags.report(In.Nature.Range, diag::InvalidIndicatorColumn,
                   {In.Nature.Value.str(), "an 指标性质",
                    "write ≥, ≤, =, >, <, 定量, 定性, 正向 (more is better) or 反向 (less is better)"})
          .zh({In.Nature.Value.str(), "指标性质", "应为 ≥ ≤ = > < 定量 定性 正向 反向 之一"});
      return false;
    }
  }
  if (In.Unit.present()) {
    Extra().UnitColumn = In.Unit.Value;
    Extra().UnitWhere = In.Unit.Range;
    if (auto N = model::natureFromWord(In.Unit.Value)) {
      M.Columns |= Indicator::NatureAsUnit;
      if (M.Sense == model::ValueSense::None)
        M.Sense = *N;
    } else {
      ColumnUnit = In.Unit.Value; // the 单位 column wins over a unit under 性质
      ColumnUnitWhere = In.Unit.Range;
      FromUnitColumn = true;
    }
  }
  std::optional<llvm::StringRef> Unit;
  if (!ColumnUnit.empty()) {
    bool Noun = false;
    Unit = VR.unitOf(ColumnUnit, Noun);
    if (!Unit) {
      VR.unknownUnit(ColumnUnit, ColumnUnitWhere);
      return false;
    }
    if (Noun) {
      M.Columns |= Indicator::NounUnit;
      Extra().NounUnitWritten = ColumnUnit;
      Extra().NounUnitWhere = ColumnUnitWhere;
    }
  }
  if (I.HasValue) {
    // The value as written, or a copy with the unit it is read in (most values are the first).
    ast::Value AsWritten = I.Val.value();
    const ast::Value *V = &AsWritten;
    ast::Value Read;
    bool Number = I.Val.K == ast::Value::Number;
    llvm::StringRef Written = I.Val.Num.Unit;
    if (Number && !Written.empty() && (Unit || Written.endswith("数"))) {
      bool Noun = false;
      auto Own = VR.unitOf(Written, Noun);
      if (Own && Noun) {
        M.Columns |= Indicator::NounUnit;
        Extra().NounUnitWritten = Written;
        Extra().NounUnitWhere = I.Val.Num.unitRange();
        Read = AsWritten;
        Read.Num.Unit = *Own;
        V = &Read;
      }
      if (Own && Unit && FromUnitColumn && *Own != *Unit)
        M.Columns |= Indicator::UnitDisagrees;
    } else if (Number && Written.empty() && Unit) {
      Read = AsWritten;
      Read.Num.Unit = *Unit; // 68 单位 "%" is 68%
      V = &Read;
      M.Columns |= Indicator::UnitFromColumn;
    }
    auto T = VR.typed(*V);
    if (!T)
      return false;
    M.HasValue = true;
    M.Value = *T;
  }
  if (In.Weight.present()) {
    auto W = VR.weight(In.Weight, "a weight (指标权重)", "指标权重");
    if (!W)
      return false;
    M.HasWeight = true;
    Extra().Weight = *W;
    Extra().WeightWhere = In.Weight.Range;
  }
  if (In.Core.present()) {
    llvm::StringRef C = In.Core.Value;
    if (C == "是" || C == "yes") {
      M.Core = 1;
    } else if (C == "否" || C == "no") {
      M.Core = 0;
    } else {
      Diags.report(In.Core.Range, diag::InvalidIndicatorColumn,
                   {C.str(), "a 是否核心指标 answer", "write 是 or 否"})
          .zh({C.str(), "是否核心指标的取值", "应为 是 或 否"});
      return false;
    }
    Extra().CoreWhere = In.Core.Range;
  }
  if (In.Content.present()) {
    Extra().Content = In.Content.Value;
    Extra().ContentWhere = In.Content.Range;
  }
  if (In.Scoring.present()) {
    Extra().Scoring = In.Scoring.Value;
    Extra().ScoringWhere = In.Scoring.Range;
  }
  M.Cols = std::move(Out);
  return true;
}

void FactReader::performanceItem(const ast::Node &N, model::PerformanceArea *Area) {
  auto CurrentArea = [&]() -> model::PerformanceArea & {
    if (Area)
      return *Area;
    if (B.Areas.empty() || !B.Areas.back().Name.empty())
      B.Areas.emplace_back();
    return B.Areas.back();
  };
  if (auto *A = llvm::dyn_cast<ast::Area>(&N)) {
    B.Areas.push_back({A->Name.Value.str(), {}});
    size_t Index = B.Areas.size() - 1;
    for (ast::Node *I : A->Items)
      performanceItem(*I, &B.Areas[Index]);
  } else if (auto *S = llvm::dyn_cast<ast::Section>(&N)) {
    B.PerformanceSections.push_back(
        {S->Title.Value.str(), S->Body.Value.str(), S->Range, S->Body.Value.str()});
    Texts.push_back({&S->Body, model::Prose::PerformanceSection, B.PerformanceSections.size() - 1});
  } else if (auto *G = llvm::dyn_cast<ast::Goal>(&N)) {
    model::DepartmentGoal Goal{G->Statement.Value.str(), {}, G->Statement.Range};
    for (const ast::Indicator *I : G->Indicators)
      if (auto X = indicator(*I, Diags)) {
        Goal.Indicators.push_back(B.DepartmentIndicators.size());
        B.DepartmentIndicators.push_back(std::move(*X));
      }
    CurrentArea().Goals.push_back(std::move(Goal));
  } else if (auto *I = llvm::dyn_cast<ast::Indicator>(&N)) {
    if (auto X = indicator(*I, Diags)) {
      // An indicator directly under a 分项 belongs to the goal before it, or to a goal
      // without a statement.
      model::PerformanceArea &Ar = CurrentArea();
      if (Ar.Goals.empty())
        Ar.Goals.emplace_back();
      Ar.Goals.back().Indicators.push_back(B.DepartmentIndicators.size());
      B.DepartmentIndicators.push_back(std::move(*X));
    }
  }
}

} // namespace budc::sema

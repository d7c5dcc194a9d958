//===- hover.cpp - What a code, a fund, a unit, a path or a reference means --===//
//
// The hover of a classification code gives its catalogue name, its place in the catalogue
// and what this budget puts on it, by 基本支出 and 项目支出; a fund, a unit of the
// department or a project what the budget takes from or gives to it; a unit of measure its
// dimension and factor; an indicator's path its framework levels and the kinds of value they
// take; a citation its document; a declared figure or a figure reference the figure derived
// from the facts beside the one declared.
//
//===----------------------------------------------------------------------===//
#include "compiler/lsp/features.h"

#include "compiler/model/scoring.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace budc::lsp {
namespace {

/// \p S with the characters Markdown would read as markup escaped.
std::string md(StringRef S) {
  std::string Out;
  for (char C : S) {
    if (StringRef("\\`*_[]<>#|~").contains(C))
      Out += '\\';
    Out += C;
  }
  return Out;
}

/// Money added up by what it is spent on.
struct Sums {
  std::optional<Decimal> Basic = Decimal(), Project = Decimal(), Other = Decimal();
  unsigned Facts = 0;
  void add(const model::Allocation &A) {
    ++Facts;
    std::optional<Decimal> &S = A.Kind == model::Nature::Basic     ? Basic
                                : A.Kind == model::Nature::Project ? Project
                                                                   : Other;
    if (S)
      S = S->add(A.Yuan);
  }
};

class Hover {
public:
  Hover(const View &V) : V(V), B(V.Model) {}

  std::string run(const Target &T) {
    switch (T.Kind) {
    case Target::FunctionCode:
      code(T.Text, true);
      break;
    case Target::EconomicCode:
      code(T.Text, false);
      break;
    case Target::Fund:
      fund(T.Text);
      break;
    case Target::OrgUnit:
      orgUnit(T.Text);
      break;
    case Target::Project:
      project(T);
      break;
    case Target::MeasureUnit:
      measure(T.Text);
      break;
    case Target::FrameworkPath:
      framework(T);
      break;
    case Target::Citation:
      citation(T.Text);
      break;
    case Target::Include:
      include(T);
      break;
    case Target::Template:
      templ(T.Text);
      break;
    case Target::FigureReference:
      reference(T.Text);
      break;
    case Target::DeclaredKey:
      declared(T);
      break;
    case Target::Indicator:
      indicatorHover(T);
      break;
    case Target::None:
      break;
    }
    return Out;
  }

private:
  std::string money(const std::optional<Decimal> &D) const {
    return D ? B->money(*D) : V.tr("(too large)", "（超出范围）");
  }

  void line(const std::string &S = "") { Out += S + "\n"; }

  void noModel() {
    line();
    line(V.tr("_The budget's model is not built yet: fix the syntax errors first._",
              "_预算模型尚未建立：请先修正语法错误。_"));
  }

  /// The lines of what \p S adds up to, by basic and project expenditure.
  void sums(const Sums &S) {
    if (!S.Facts) {
      line(V.tr("This budget puts nothing on it.", "本预算未在此安排支出。"));
      return;
    }
    std::optional<Decimal> Total = S.Basic && S.Project ? S.Basic->add(*S.Project) : std::nullopt;
    if (Total && S.Other)
      Total = Total->add(*S.Other);
    line(std::string(V.tr("| basic | project | total |", "| 基本支出 | 项目支出 | 合计 |")));
    line("|---:|---:|---:|");
    line("| " + money(S.Basic) + " | " + money(S.Project) + " | " + money(Total) + " |");
    if (S.Other && !S.Other->isZero()) {
      line();
      line(std::string(V.tr("Other expenditure (business, remittances, subsidies): ",
                            "其他支出（经营、上解、补助）：")) +
           money(S.Other));
    }
  }

  void code(StringRef Code, bool Function) {
    const char *What = Function ? V.tr("function classification", "支出功能分类科目")
                                : V.tr("economic classification", "部门预算支出经济分类科目");
    if (!B) {
      line("**" + md(Code) + "** — " + What);
      noModel();
      return;
    }
    const model::Catalogue &Cat = Function ? B->Functions : B->Economics;
    const model::CatalogueEntry *E = Cat.find(Code);
    std::string Year = std::to_string(Cat.Year);
    line("**" + md(Code) + (E && !E->Name.empty() ? " " + md(E->Name) : "") + "** — " + What +
         " " + Year);
    line();
    if (!E) {
      line(V.Language == Lang::Zh ? "不在 " + Year + " 年的科目表中。"
                                  : "Not in the " + Year + " catalogue.");
    } else {
      // Its place: 类 › 款 › 项 (function: 3, 5, 7 digits; economic: 3, 5).
      std::string Chain;
      for (size_t Len : {3, 5}) {
        if (Code.size() <= Len)
          break;
        if (const model::CatalogueEntry *P = Cat.find(Code.take_front(Len)))
          Chain += md(P->Code) + " " + md(P->Name) + " › ";
      }
      if (!Chain.empty())
        line(Chain + md(E->Code) + " " + md(E->Name));
      if (!E->Aliases.empty())
        line(std::string(V.tr("Also written: ", "又作：")) + md(join(E->Aliases, "、")));
      // The cost class is the 类's (301 人员经费, 302 公用经费 …).
      const model::CatalogueEntry *Class = Function ? nullptr : Cat.find(Code.take_front(3));
      StringRef Cost = !E->CostClass.empty() ? StringRef(E->CostClass)
                       : Class                ? StringRef(Class->CostClass)
                                              : StringRef();
      if (!Cost.empty())
        line(std::string(V.tr("Cost class: ", "经费类别：")) + md(Cost));
      if (!E->SanGong.empty())
        line(std::string(V.tr("“Three public” item: ", "“三公”经费：")) + md(E->SanGong));
      if (E->isFundOnly())
        line(V.tr("Only government fund money may be spent on it.", "仅用于政府性基金预算支出。"));
      if (E->RetiredBy)
        line(V.Language == Lang::Zh ? "自 " + std::to_string(E->RetiredBy) + " 年停用。"
                                    : "Retired from " + std::to_string(E->RetiredBy) + ".");
    }
    line();
    Sums S;
    std::vector<const model::Project *> Projects;
    for (const model::Allocation &A : B->Allocations) {
      StringRef Of = Function ? A.Function : A.Economic;
      if (A.Kind == model::Nature::CarryForward || !Of.startswith(Code))
        continue;
      S.add(A);
      if (A.Project >= 0 && static_cast<size_t>(A.Project) < B->Projects.size()) {
        const model::Project *P = &B->Projects[A.Project];
        if (std::find(Projects.begin(), Projects.end(), P) == Projects.end())
          Projects.push_back(P);
      }
    }
    line(std::string("**") + V.tr("In this budget", "本预算安排") + "**");
    line();
    sums(S);
    if (!Projects.empty()) {
      line();
      line(std::string(V.tr("Projects: ", "项目：")));
      size_t Shown = std::min<size_t>(Projects.size(), 8);
      for (size_t I = 0; I < Shown; ++I)
        line("- " + md(Projects[I]->Name) + " " + B->money(Projects[I]->Yuan));
      if (Projects.size() > Shown)
        line(V.Language == Lang::Zh ? "- 另有 " + std::to_string(Projects.size() - Shown) + " 个项目"
                                    : "- and " + std::to_string(Projects.size() - Shown) + " more");
    }
  }

  const char *fundType(model::FundType T) const {
    switch (T) {
    case model::FundType::General:
      return V.tr("general public budget", "一般公共预算");
    case model::FundType::GovFund:
      return V.tr("government fund budget", "政府性基金预算");
    case model::FundType::StateCapital:
      return V.tr("state capital operations budget", "国有资本经营预算");
    case model::FundType::SpecialAccount:
      return V.tr("special fiscal account", "财政专户管理资金");
    case model::FundType::UnitFunds:
      return V.tr("the unit's own funds", "单位资金");
    case model::FundType::Unknown:
      break;
    }
    return V.tr("other", "其他");
  }

  void fund(StringRef Name) {
    if (!B) {
      line("**" + md(Name) + "** — " + V.tr("fund source", "资金来源"));
      noModel();
      return;
    }
    const model::Fund *F = B->findFund(Name);
    if (!F) {
      line("**" + md(Name) + "** — " +
           V.tr("not a fund source budc knows", "不是已知的资金来源"));
      return;
    }
    line("**" + md(F->Name) + "** — " + V.tr("fund source", "资金来源") + ": " + fundType(F->Type) +
         (F->Appropriation ? V.tr(", a fiscal appropriation", "，财政拨款") : ""));
    if (!F->Aliases.empty())
      line(std::string(V.tr("Also written: ", "又作：")) + md(join(F->Aliases, "、")));
    line();
    std::optional<Decimal> ThisYear = Decimal(), Carried = Decimal();
    for (const model::ControlTotal &C : B->Income)
      if (C.Source == F) {
        std::optional<Decimal> &S = C.CarryOver ? Carried : ThisYear;
        if (S)
          S = S->add(C.Yuan);
      }
    line(std::string(V.tr("Income: ", "收入：")) + money(ThisYear) +
         V.tr(" this year, ", "（本年），") + money(Carried) +
         V.tr(" carried over", "（上年结转）"));
    line();
    Sums S;
    for (const model::Allocation &A : B->Allocations)
      if (A.Source == F && A.Kind != model::Nature::CarryForward)
        S.add(A);
    sums(S);
  }

  void orgUnit(StringRef Name) {
    if (!B) {
      line("**" + md(Name) + "** — " + V.tr("unit", "单位"));
      noModel();
      return;
    }
    for (size_t I = 0; I < B->OrgUnits.size(); ++I) {
      const model::Unit &U = B->OrgUnits[I];
      if (U.Name != Name)
        continue;
      line("**" + md(U.Name) + "** — " + V.tr("unit of the department", "部门所属单位") +
           (U.Code.empty() ? "" : " " + md(U.Code)));
      line();
      auto Fact = [&](const char *En, const char *Zh, const std::string &Value) {
        if (!Value.empty())
          line(std::string("- ") + V.tr(En, Zh) + md(Value));
      };
      Fact("Nature: ", "性质：", U.Nature);
      Fact("Rank: ", "规格：", U.Rank);
      Fact("Funding: ", "经费保障：", U.Funding);
      line();
      Sums S;
      for (const model::Allocation &A : B->Allocations)
        if (A.UnitIndex == I && A.Kind != model::Nature::CarryForward)
          S.add(A);
      sums(S);
      return;
    }
    line("**" + md(Name) + "** — " + V.tr("unit", "单位"));
  }

  void project(const Target &T) {
    auto *N = dyn_cast_or_null<ast::Project>(T.Node);
    if (!N)
      return;
    line("**" + md(N->Name.Value) + "** — " + V.tr("project", "项目") +
         (N->Id.present() ? " " + md(N->Id.Value) : ""));
    if (!B) {
      noModel();
      return;
    }
    for (const model::Project &P : B->Projects) {
      if (P.Name != N->Name.Value || P.Code != N->Id.Value)
        continue;
      line();
      line(std::string(V.tr("Amount: ", "金额：")) + B->money(P.Yuan));
      if (const model::CatalogueEntry *E = B->Functions.find(P.Function))
        line(std::string(V.tr("Function: ", "功能科目：")) + md(E->Code) + " " + md(E->Name));
      std::vector<std::string> Funds;
      for (size_t I : P.Allocations)
        if (I < B->Allocations.size() && B->Allocations[I].Source) {
          std::string F = B->Allocations[I].Source->Name;
          if (B->Allocations[I].CarryOver)
            F = V.tr("carried-over ", "上年结转") + F;
          if (std::find(Funds.begin(), Funds.end(), F) == Funds.end())
            Funds.push_back(F);
        }
      if (!Funds.empty())
        line(std::string(V.tr("Funds: ", "资金来源：")) + md(join(Funds, "、")));
      line(V.Language == Lang::Zh
               ? "绩效目标 " + std::to_string(P.Goals.size()) + " 条，指标 " +
                     std::to_string(P.Indicators.size()) + " 项"
               : std::to_string(P.Goals.size()) + " goals, " + std::to_string(P.Indicators.size()) +
                     " indicators");
      return;
    }
  }

  const char *dimension(model::Dimension D) const {
    switch (D) {
    case model::Dimension::Money:
      return V.tr("money", "金额");
    case model::Dimension::Count:
      return V.tr("count", "计数");
    case model::Dimension::Weight:
      return V.tr("weight", "重量");
    case model::Dimension::Length:
      return V.tr("length", "长度");
    case model::Dimension::Area:
      return V.tr("area", "面积");
    case model::Dimension::Volume:
      return V.tr("volume", "体积");
    case model::Dimension::Duration:
      return V.tr("duration", "时长");
    case model::Dimension::Percent:
      return V.tr("percentage", "百分比");
    default: // the measures (温度, 速度 …): the word the unit table names them by
      break;
    }
    return model::dimensionWord(D).data();
  }

  void measure(StringRef Unit) {
    line("**" + md(Unit) + "** — " + V.tr("unit of measure", "计量单位"));
    if (!B) {
      noModel();
      return;
    }
    line();
    // A compound unit (元/人.年) is explained part by part.
    SmallVector<StringRef, 4> Parts;
    SplitString(Unit, Parts, "/.·");
    if (Parts.size() > 1 || Parts.empty())
      Parts.insert(Parts.begin(), Unit);
    for (StringRef P : Parts) {
      const model::UnitDef *D = B->Units.find(P);
      if (!D) {
        if (P == Unit && Parts.size() > 1)
          continue; // the whole is not a unit of its own; its parts are
        line("- " + md(P) + ": " + V.tr("not a unit budc knows", "不是已知的计量单位"));
        continue;
      }
      std::string L = "- " + md(P) + ": " + dimension(D->Dim);
      if (!D->Base.empty())
        L += "，1" + md(P) + " = " + D->Factor.toString() + md(D->Base);
      line(L);
    }
  }

  /// The framework level of \p I's path, and the framework it is of: the chosen framework's
  /// (框架 in the budget header) first, as sema resolves it (frameworks share level names),
  /// else the first framework that has it.
  std::pair<const model::Framework *, const model::FrameworkLevel *>
  level(const ast::Indicator &I) const {
    if (!B || I.Path.size() != 2)
      return {nullptr, nullptr};
    std::string L1 = model::canonicalLevel(I.Path[0].Value), L2 = model::canonicalLevel(I.Path[1].Value);
    auto In = [&](const model::Framework &F) -> const model::FrameworkLevel * {
      for (const model::FrameworkLevel &Lv : F.Levels)
        if (Lv.Level1 == L1 && Lv.Level2 == L2)
          return &Lv;
      return nullptr;
    };
    if (const model::Framework *F = B->framework())
      if (const model::FrameworkLevel *Lv = In(*F))
        return {F, Lv};
    for (const model::Framework &F : B->Frameworks)
      if (const model::FrameworkLevel *Lv = In(F))
        return {&F, Lv};
    return {nullptr, nullptr};
  }

  std::string kinds(const std::vector<model::ValueKind> &Ks) const {
    std::vector<std::string> Words;
    for (model::ValueKind K : Ks)
      Words.push_back(V.Language == Lang::Zh ? model::kindWord(K).str() : model::kindWordEn(K).str());
    return Words.empty() ? V.tr("of any kind", "任意类型") : join(Words, V.tr(", ", "、"));
  }

  /// The line that names the framework \p F: chosen by the header, or not.
  std::string frameworkLine(const model::Framework &F) const {
    bool Chosen = B->framework() == &F;
    return std::string(V.tr("Framework: ", "指标框架：")) + md(F.Name) +
           (Chosen ? V.tr(" (chosen by 框架)", "（预算头部 框架 所选）")
                   : B->FrameworkName.empty() ? V.tr(" (no 框架 chosen)", "（未选择 框架）")
                                              : "");
  }

  void framework(const Target &T) {
    auto *I = dyn_cast_or_null<ast::Indicator>(T.Node);
    if (!I || I->Path.empty())
      return;
    std::string L1 = model::canonicalLevel(I->Path.front().Value);
    std::string L2 = I->Path.size() > 1 ? model::canonicalLevel(I->Path[1].Value) : "";
    line("**" + md(L1) + (L2.empty() ? "" : " › " + md(L2)) + "** — " +
         V.tr("indicator framework", "绩效指标框架"));
    if (!B) {
      noModel();
      return;
    }
    auto [F, Lv] = level(*I);
    line();
    if (!Lv) {
      line(V.tr("Not a level of the budget's indicator framework.", "不是指标框架中的级别。"));
      return;
    }
    line(frameworkLine(*F));
    line(std::string(V.tr("Rule: its values are ", "规则：指标值应为")) + kinds(Lv->Kinds));
    line();
    line("---");
    line();
    indicator(*I, /*WithPath=*/false);
  }

  /// The indicator of the model \p I became, when the model is this compilation's.
  const model::Indicator *modelIndicator(const ast::Indicator &I) const {
    if (!B || !V.ModelIsCurrent)
      return nullptr;
    auto Same = [&](const model::Indicator &M) {
      return M.Where.File == I.Range.File && M.Where.Begin == I.Range.Begin;
    };
    for (const model::Project &P : B->Projects)
      for (const model::Indicator &M : P.Indicators)
        if (Same(M))
          return &M;
    for (const model::Indicator &M : B->DepartmentIndicators)
      if (Same(M))
        return &M;
    return nullptr;
  }

  StringRef written(Span S) const {
    return S.isValid() ? V.C.SM.getText(S.File).slice(S.Begin, S.End) : StringRef();
  }

  void indicatorHover(const Target &T) {
    if (auto *I = dyn_cast_or_null<ast::Indicator>(T.Node))
      indicator(*I, /*WithPath=*/true);
  }

  /// An indicator: its place in the framework, value, type, unit, weight, core and scoring
  /// rule as budc reads it.
  void indicator(const ast::Indicator &I, bool WithPath) {
    line("**" + md(I.Name.Value) + "** — " + V.tr("performance indicator", "绩效指标"));
    line();
    const model::Indicator *M = modelIndicator(I);
    const ast::IndicatorColumns &Cols = I.columns();
    auto Fact = [&](const char *En, const char *Zh, const std::string &Value) {
      if (!Value.empty())
        line(std::string("- ") + V.tr(En, Zh) + Value);
    };
    if (WithPath) {
      if (I.Path.empty()) {
        const model::Framework *F = B ? B->framework() : nullptr;
        Fact("Framework: ", "指标框架：",
             F && !F->levelled() ? md(F->Name) + V.tr(" (a flat list)", "（不分级）")
                                 : std::string(V.tr("no path (一级/二级)", "未写路径（一级/二级）")));
      } else if (auto [F, Lv] = level(I); Lv) {
        Fact("Framework: ", "指标框架：",
             md(F->Name) + " › " + md(Lv->Level1) + " › " + md(Lv->Level2) +
                 (B->framework() == F       ? V.tr(" (chosen by 框架)", "（框架 所选）")
                  : B->FrameworkName.empty() ? V.tr(" (no 框架 chosen)", "（未选择 框架）")
                                             : ""));
        Fact("The level takes: ", "该级别的指标值应为：", kinds(Lv->Kinds));
      } else {
        std::string Path;
        for (const ast::Text &P : I.Path)
          Path += (Path.empty() ? "" : "/") + P.Value.str();
        Fact("Framework: ", "指标框架：",
             md(Path) + V.tr(" — not a level of the framework", "——不是指标框架中的级别"));
      }
    }
    if (M && M->HasValue) {
      Fact("Value: ", "指标值：", md(M->shownValue()));
      Fact("Type: ", "类型：",
           (V.Language == Lang::Zh ? model::kindWord(M->Value.Kind) : model::kindWordEn(M->Value.Kind)).str());
      Fact("Unit: ", "计量单位：", md(M->Value.Unit));
    } else if (I.HasValue) {
      Fact("Value: ", "指标值：", md(written(I.Val.range())));
      if (I.Val.K == ast::Value::Number)
        Fact("Unit: ", "计量单位：", md(I.Val.Num.Unit));
    } else {
      Fact("Value: ", "指标值：", V.tr("none written", "未填写"));
    }
    if (Cols.Unit.present() && !(M && M->HasValue && M->Value.Unit == Cols.Unit.Value))
      Fact("Unit column (单位): ", "计量单位列（单位）：", md(Cols.Unit.Value));
    if (M && M->Sense != model::ValueSense::None)
      Fact("Nature (性质): ", "指标性质：", md(model::natureWord(M->Sense)));
    else if (Cols.Nature.present())
      Fact("Nature (性质): ", "指标性质：", md(Cols.Nature.Value));
    if (M && M->HasWeight)
      Fact("Weight (权重): ", "权重：", M->weight().toString());
    else if (Cols.Weight.present())
      Fact("Weight (权重): ", "权重：", md(written(Cols.Weight.Range)));
    if (Cols.Core.present())
      Fact("Core (核心): ", "是否核心指标：", md(Cols.Core.Value));
    if (Cols.Content.present())
      Fact("Content (内容): ", "指标值内容：", md(Cols.Content.Value));
    if (I.Basis.present())
      Fact("Basis (依据): ", "依据：",
           md(M && !M->BasisText.empty() ? M->BasisText : I.Basis.Value));
    if (Cols.Scoring.present())
      scoring(Cols.Scoring.Value, M && M->HasWeight ? std::optional<Decimal>(M->weight()) : std::nullopt);
  }

  /// A number and its unit, as a band's end or a step shows it.
  static std::string amount(Decimal D, StringRef Unit) { return D.toString() + Unit.str(); }

  /// The 评分 text and how budc reads it: its bands and steps.
  void scoring(StringRef Text, std::optional<Decimal> Weight) {
    line();
    line(std::string("**") + V.tr("Scoring rule (评分)", "评（扣）分标准") + "**: " + md(Text));
    model::ScoringRule R = model::readScoring(Text);
    line();
    if (R.Bands.empty() && R.Steps.empty()) {
      line(V.tr("budc reads no bands or steps in it; the rules do not judge it.",
                "budc 未从中读出分档或扣分规则，规则不检查它。"));
      return;
    }
    line(V.tr("As budc reads it:", "budc 的读法："));
    auto Score = [&](model::ScoreKind K, Decimal P) {
      switch (K) {
      case model::ScoreKind::Full:
        return std::string(V.tr("full score", "满分")) +
               (Weight ? " (" + Weight->toString() + ")" : std::string());
      case model::ScoreKind::Deduct:
        return (V.Language == Lang::Zh ? "扣 " : "less ") + P.toString() + V.tr(" points", " 分");
      case model::ScoreKind::Points:
        break;
      }
      return P.toString() + V.tr(" points", " 分");
    };
    for (const model::ScoreBand &Bd : R.Bands) {
      std::string Range;
      auto End = [&](model::Bound Bn, Decimal D, bool Low) {
        switch (Bn) {
        case model::Bound::Open:
          return std::string();
        case model::Bound::Inclusive:
          return std::string(Low ? "≥" : "≤") + amount(D, Bd.Unit);
        case model::Bound::Exclusive:
          return std::string(Low ? ">" : "<") + amount(D, Bd.Unit);
        case model::Bound::Unstated:
          break;
        }
        // bare 以上/以下: the text does not say whether the end itself is in; shown as written
        return amount(D, Bd.Unit) + (Low ? "以上" : "以下");
      };
      if (Bd.LowBound == model::Bound::Unstated && Bd.HighBound == model::Bound::Unstated)
        Range = amount(Bd.Low, Bd.Unit) + "–" + amount(Bd.High, Bd.Unit);
      else {
        std::string Lo = End(Bd.LowBound, Bd.Low, true), Hi = End(Bd.HighBound, Bd.High, false);
        Range = Lo.empty() ? Hi : Hi.empty() ? Lo : Lo + V.tr(" and ", " 且 ") + Hi;
      }
      if (Range.empty())
        Range = V.tr("any value", "任意值");
      line("- " + md(Range) + ": " + Score(Bd.Kind, Bd.Points));
    }
    for (const model::ScoreStep &St : R.Steps)
      line("- " + std::string(V.tr("per ", "每 ")) + md(amount(St.Step, St.Unit)) + ": " +
           St.Points.toString() + V.tr(" points", " 分") +
           (St.FavoursMore ? V.tr(" (more is better)", "（越多越好）")
                           : V.tr(" (less is better)", "（越少越好）")));
    if (!R.Complete)
      line(V.tr("Some clauses that score were not read: the rules judge only the scores read, "
                "not the bands' ranges.",
                "部分计分条款未能读懂：规则只检查读出的分数，不检查分档范围。"));
    if (R.OnCompletion)
      line(V.tr("It scores a completion or deviation rate, not the value itself.",
                "它按完成率或偏差率计分，而不是按指标值本身。"));
  }

  void citation(StringRef Name) {
    line("**" + md(Name) + "** — " + V.tr("citation", "依据"));
    line();
    if (B) {
      auto It = B->Citations.find(Name);
      if (It != B->Citations.end()) {
        line(md(It->second.Text));
        return;
      }
    }
    // Without a model (or for a citation it left out), the declaration as written.
    for (const ast::File *F : V.C.WS.Files)
      for (const ast::Node *N : F->Items)
        if (auto *C = dyn_cast<ast::Citation>(N); C && C->Name.Value == Name) {
          line(md(C->Document.Value));
          return;
        }
    line(V.tr("No citation of this name is declared (依据 NAME = \"…\").",
              "没有声明此名称的依据（依据 名称 = \"…\"）。"));
  }

  void include(const Target &T) {
    line("**" + md(T.Text) + "** — " + V.tr("included file", "引入的文件"));
    StringRef Dir = sys::path::parent_path(V.C.SM.getPath(T.Where.File));
    SmallString<256> P(T.Text);
    if (!sys::path::is_absolute(P)) {
      P = Dir;
      sys::path::append(P, T.Text);
    }
    sys::path::remove_dots(P, true);
    line();
    line("`" + md(P) + "`");
  }

  void templ(StringRef Name) {
    line("**" + md(Name) + "** — " + V.tr("disclosure table template", "公开表样"));
    if (!B)
      return;
    for (const model::Template &T : B->Templates)
      if (T.Name == Name) {
        if (!T.Tables.empty()) {
          line();
          line(V.Language == Lang::Zh ? std::to_string(T.Tables.size()) + " 张表"
                                      : std::to_string(T.Tables.size()) + " tables");
        }
        return;
      }
    line();
    line(V.tr("Not a template of the standard library or the workspace.", "标准库和工作区中没有此表样。"));
  }

  /// The declared figure whose key, joined with '/', is \p Key.
  const model::Declared *findDeclared(StringRef Key) const {
    std::vector<const model::Declared *> Work;
    for (const model::Declared &D : B->DeclaredFigures)
      Work.push_back(&D);
    while (!Work.empty()) {
      const model::Declared *D = Work.back();
      Work.pop_back();
      if (join(D->Key, "/") == Key)
        return D;
      for (const model::Declared &C : D->Children)
        Work.push_back(&C);
    }
    return nullptr;
  }

  /// The declared and the derived value of \p D.
  void figure(const model::Declared &D) {
    if (D.HasAmount)
      line(std::string(V.tr("Declared: ", "声明：")) + B->money(D.Yuan));
    if (D.Figure.Underivable) {
      line(V.tr("Not derivable from the facts.", "无法由预算数据推导。"));
      return;
    }
    if (model::heldForDepartment(*B, D.Figure)) {
      model::Query Q = D.Figure;
      Q.Units.reset();
      line(std::string(V.tr("The facts hold this money for the department as a whole: ",
                            "各项事实只按部门整体给出这笔资金：")) +
           money(model::evaluate(*B, Q)));
      return;
    }
    std::optional<Decimal> Derived = model::evaluate(*B, D.Figure);
    line(std::string(V.tr("Derived from the facts: ", "由预算数据得出：")) + money(Derived));
  }

  void reference(StringRef Content) {
    line("**{" + md(Content) + "}** — " + V.tr("figure reference", "数字引用"));
    if (!B) {
      noModel();
      return;
    }
    std::string Key;
    for (StringRef Part : split(Content, '/'))
      Key += (Key.empty() ? "" : "/") + Part.trim().str();
    line();
    if (const model::Declared *D = findDeclared(Key)) {
      figure(*D);
      return;
    }
    // The figure language is resolved inside sema; the model keeps the declared figures,
    // whose keys the narrative's references name most often.
    line(V.tr("Not one of the budget's declared figures (声明): its value is shown here for "
              "declared figures.",
              "不是本预算声明（声明）的数字：此处显示声明数字的数值。"));
  }

  void declared(const Target &T) {
    line("**" + md(T.Text) + "** — " + V.tr("declared figure", "声明的数字"));
    if (!B) {
      noModel();
      return;
    }
    line();
    const model::Declared *D = findDeclared(T.Text);
    if (!D) {
      line(V.tr("The figure does not resolve (see its diagnostic).", "此数字无法解析（见其诊断）。"));
      return;
    }
    // A key that ends in a code names its catalogue entry.
    StringRef Last = D->Key.empty() ? StringRef() : StringRef(D->Key.back());
    if (!Last.empty() && all_of(Last, isDigit)) {
      bool Economic = D->Key.front() == "经济科目";
      const model::Catalogue &Cat = Economic ? B->Economics : B->Functions;
      if (const model::CatalogueEntry *E = Cat.find(Last))
        line(md(E->Code) + " " + md(E->Name));
    }
    figure(*D);
  }

  const View &V;
  const model::Budget *B;
  std::string Out;
};

} // namespace

std::string hover(const View &V, const Target &T) { return Hover(V).run(T); }

} // namespace budc::lsp

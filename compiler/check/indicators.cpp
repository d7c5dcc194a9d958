//===- indicators.cpp - Plausibility rules: performance indicators ----------===//
#include "compiler/check/rules.h"

namespace budc::check {
namespace {

/// The level of \p I's path in the chosen framework, or (when the budget chose none) in any.
/// A framework's levels are its own: under 四个一级指标, 产出/成本 is no level.
const model::FrameworkLevel *findLevel(const model::Budget &B, const model::Indicator &I) {
  auto In = [&](const model::Framework &F) -> const model::FrameworkLevel * {
    for (const model::FrameworkLevel &L : F.Levels)
      if (L.Level1 == I.Level1 && L.Level2 == I.Level2)
        return &L;
    return nullptr;
  };
  if (const model::Framework *F = B.framework())
    return In(*F);
  for (const model::Framework &F : B.Frameworks)
    if (const model::FrameworkLevel *L = In(F))
      return L;
  return nullptr;
}

/// The 一级 every project's indicators must cover: the chosen framework's, in its order; without
/// a choice, those every framework with levels has (产出, 效益 and 满意度 in the standard
/// library's two).
std::vector<llvm::StringRef> requiredCategories(const model::Budget &B) {
  auto Level1s = [](const model::Framework &F) {
    std::vector<llvm::StringRef> Out;
    for (const model::FrameworkLevel &L : F.Levels)
      if (std::find(Out.begin(), Out.end(), L.Level1) == Out.end())
        Out.push_back(L.Level1);
    return Out;
  };
  if (const model::Framework *F = B.framework())
    return Level1s(*F);
  std::vector<llvm::StringRef> Common;
  bool First = true;
  for (const model::Framework &F : B.Frameworks) {
    if (!F.levelled())
      continue;
    std::vector<llvm::StringRef> Own = Level1s(F);
    if (First)
      Common = Own;
    else
      llvm::erase_if(Common, [&](llvm::StringRef C) { return std::find(Own.begin(), Own.end(), C) == Own.end(); });
    First = false;
  }
  return Common;
}

std::string joinKinds(const std::vector<model::ValueKind> &Kinds, Lang L) {
  std::string Out;
  for (size_t I = 0; I < Kinds.size(); ++I) {
    if (I)
      Out += I + 1 == Kinds.size() ? (L == Lang::Zh ? "或" : " or ") : (L == Lang::Zh ? "、" : ", ");
    Out += (L == Lang::Zh ? model::kindWord(Kinds[I]) : model::kindWordEn(Kinds[I])).str();
  }
  return Out;
}

bool isCeilingOrExact(model::Comparator C) {
  return C == model::Comparator::None || C == model::Comparator::Eq || C == model::Comparator::Le ||
         C == model::Comparator::Lt;
}
bool isExact(model::Comparator C) { return C == model::Comparator::None || C == model::Comparator::Eq; }

/// Whether \p I is a satisfaction measured as a score (满意度≥90分): the tables survey it on a
/// scale of 100 points as often as in % (重庆's 公众气象服务满意度 ≥ 90 分). 分 is money (0.01
/// 元) in the unit table; a satisfaction in 分 is points, not money, and not a misplaced %.
bool isSatisfactionScore(const model::Indicator &I) {
  if (!I.HasValue || I.Value.Unit != "分")
    return false;
  return I.Level1 == "满意度指标" || I.Name.contains("满意度");
}

bool isCost(const model::Indicator &I) {
  return I.Level2 == "成本指标" || I.Level1 == "成本指标";
}


} // namespace

void indicatorValues(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  eachIndicator(R.B, [&](const model::Indicator &I) {
    if (!I.HasValue) {
      Diags.report(I.Where, diag::IndicatorWithoutValue, {I.Name.str()});
      return;
    }
    const model::TypedValue &V = I.Value;
    if (V.Kind == model::ValueKind::Percent &&
        (V.Number.isNegative() || V.Number > *Decimal::fromInt(100)))
      Diags.report(V.Where, diag::PercentOutOfRange, {shownValue(I)});
  });
}

void indicatorKinds(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  eachIndicator(B, [&](const model::Indicator &I) {
    if (!I.HasValue)
      return;
    const model::TypedValue &V = I.Value;
    if (I.Level2.empty())
      return;
    const model::FrameworkLevel *L = findLevel(B, I);
    if (!L || L->Kinds.empty() || isSatisfactionScore(I))
      return;
    for (model::ValueKind K : L->Kinds)
      if (K == V.Kind)
        return;
    Diags
        .report(V.Where, diag::IndicatorKindMismatch,
                {model::kindWordEn(V.Kind).str(), shownValue(I), I.Level2.str(), joinKinds(L->Kinds, Lang::En)})
        .zh({model::kindWord(V.Kind).str(), shownValue(I), I.Level2.str(), joinKinds(L->Kinds, Lang::Zh)});
  });
}

void indicatorCategories(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  // A flat list (框架 不分级指标) has no 一级 to cover.
  std::vector<llvm::StringRef> Categories = requiredCategories(R.B);
  if (Categories.empty())
    return;
  for (const model::Project &P : R.B.Projects) {
    // A record of money given by function (项目支出 blocks) need not have indicators: BUD806
    // says once that such money has none.
    if (!P.Itemised)
      continue;
    // The categories every project's goals must cover, named together in one warning. An
    // indicator that did not read (reported already) still covers its category.
    std::vector<llvm::StringRef> Missing;
    for (llvm::StringRef Category : Categories) {
      bool Found = std::find(P.UnreadLevels.begin(), P.UnreadLevels.end(), Category) !=
                   P.UnreadLevels.end();
      for (const model::Indicator &I : P.Indicators)
        Found |= I.Level1 == Category;
      if (!Found)
        Missing.push_back(Category);
    }
    if (Missing.empty())
      continue;
    auto List = [&](const char *Comma, const char *Last) {
      std::string Out;
      for (size_t I = 0; I < Missing.size(); ++I)
        Out += (I == 0 ? "" : I + 1 == Missing.size() ? Last : Comma) + Missing[I].str();
      return Out;
    };
    Diags
        .report(P.NameWhere.isValid() ? P.NameWhere : P.Where, diag::MissingIndicatorCategory,
                {P.Name, List(", ", " or ")})
        .zh({P.Name, List("、", "和")});
  }
}

void costCeilings(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  for (const model::Project &P : B.Projects) {
    // A cost ceiling against the project's own amount. Several money-valued cost indicators
    // are parts of the cost, so only a single one is compared with the whole.
    const model::Indicator *Ceiling = nullptr;
    unsigned MoneyCosts = 0;
    for (const model::Indicator &I : P.Indicators)
      if (isCost(I) && I.HasValue && I.Value.Kind == model::ValueKind::Money) {
        ++MoneyCosts;
        Ceiling = &I;
      }
    if (MoneyCosts == 1 && isCeilingOrExact(Ceiling->Value.Cmp) && !P.Yuan.isZero()) {
      Decimal C = Ceiling->Value.Yuan;
      auto Limit = P.Yuan.mul(*Decimal::parse("1.5"));
      if (C < P.Yuan)
        Diags.report(Ceiling->Value.Where, diag::CostCeilingBelowAmount,
                     {Ceiling->Value.Written.str(), B.money(P.Yuan)})
            .note(P.FirstAmountWhere, diag::NoteProjectAmount, {B.money(P.Yuan)});
      else if (Limit && C > *Limit) {
        auto Ratio = C.div(P.Yuan);
        Diags
            .report(Ceiling->Value.Where, diag::CostCeilingFarAbove,
                    {Ceiling->Value.Written.str(), Ratio ? Ratio->toString(2) : "?", B.money(P.Yuan)})
            .note(P.FirstAmountWhere, diag::NoteProjectAmount, {B.money(P.Yuan)});
      }
    }

  }
}

void unitCosts(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  for (const model::Project &P : B.Projects) {
    // Unit cost × count against the amount, when both are exact: 3.3万元/村 × 16村.
    for (const model::Indicator &Rate : P.Indicators) {
      if (!Rate.HasValue || Rate.Value.Kind != model::ValueKind::MoneyRate ||
          !isExact(Rate.Value.Cmp) || Rate.Value.denominator().contains('.'))
        continue;
      for (const model::Indicator &Count : P.Indicators) {
        if (!Count.HasValue || Count.Value.Kind != model::ValueKind::Count ||
            !isExact(Count.Value.Cmp) || Count.Value.Unit != Rate.Value.denominator())
          continue;
        auto Product = Rate.Value.Yuan.mul(Count.Value.Number);
        if (Product && *Product != P.Yuan)
          Diags
              .report(Rate.Value.Where, diag::UnitCostMismatch,
                      {Rate.Value.Written.str(), Count.Value.Written.str(), B.money(*Product), B.money(P.Yuan)})
              .note(Count.Value.Where, diag::NoteCountHere);
        break;
      }
    }

  }
}

namespace {

/// The words for a direction in a message: a floor, a ceiling, an exact target.
const char *directionEn(model::Direction D) {
  return D == model::Direction::Up ? "a floor" : D == model::Direction::Down ? "a ceiling" : "an exact target";
}
const char *directionZh(model::Direction D) {
  return D == model::Direction::Up ? "下限" : D == model::Direction::Down ? "上限" : "确定值";
}

/// Where an indicator's 指标性质 is written: its 性质 column, or the 单位 column that held it.
Span natureWhere(const model::Indicator &I) {
  if (I.columns().NatureWhere.isValid() && !(I.Columns & model::Indicator::UnitAsNature))
    return I.columns().NatureWhere;
  return I.columns().UnitWhere; // (sema took the 指标性质 from the 单位 column)
}

/// The name without a trailing qualifier in brackets: 观测系统传输及时率(国家地面站).
llvm::StringRef bareName(llvm::StringRef Name) {
  Name = Name.rtrim(" ");
  for (auto [Open, Close] : {std::pair<const char *, const char *>{"(", ")"}, {"（", "）"}})
    if (Name.endswith(Close)) {
      size_t P = Name.rfind(Open);
      if (P != llvm::StringRef::npos && P > 0)
        return Name.take_front(P).rtrim(" ");
    }
  return Name;
}

bool endsWithAny(llvm::StringRef S, std::initializer_list<const char *> Words) {
  for (const char *W : Words)
    if (S.endswith(W))
      return true;
  return false;
}

/// Whether \p Name names a rate, a share or a satisfaction (meant in %): …率, …满意度, …占比.
bool namesRate(llvm::StringRef Name) {
  Name = bareName(Name);
  return endsWithAny(Name, {"率", "满意度", "占比", "比例", "比重"}) &&
         !endsWithAny(Name, {"频率", "功率", "速率", "码率", "汇率", "分辨率", "效率", "周转率",
                             "容积率", "帧率", "采样率", "倍率"}); // 次/年, 千瓦, 米, a ratio …
}

/// Whether \p Name names a count: …数, …数量 (but not 指数, 系数 …).
bool namesCount(llvm::StringRef Name) {
  Name = bareName(Name);
  return endsWithAny(Name, {"数量", "数"}) &&
         !endsWithAny(Name, {"指数", "系数", "分数", "倍数", "参数", "函数", "基数", "读数", "示数",
                             "度数", "位数"});
}

} // namespace

void indicatorNatures(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  eachIndicator(R.B, [&](const model::Indicator &I) {
    if (I.Sense == model::ValueSense::None || !I.HasValue)
      return;
    const model::TypedValue &V = I.Value;
    std::string Nature = model::natureWord(I.Sense).str(), Shown = shownValue(I);
    auto Report = [&](std::string En, std::string Zh) {
      Diags.report(natureWhere(I), diag::NatureConflict, {Shown, Nature, En})
          .zh({Shown, Nature, Zh})
          .note(V.Where, diag::NoteValueIs, {Shown});
    };
    bool Qualitative = V.Kind == model::ValueKind::Qualitative;
    if (Qualitative) {
      if (I.Sense != model::ValueSense::Qualitative && I.Sense != model::ValueSense::Positive &&
          I.Sense != model::ValueSense::Negative)
        Report("a qualitative value under a quantitative 指标性质", "定性的指标值配了定量的指标性质");
      return;
    }
    if (I.Sense == model::ValueSense::Qualitative) {
      Report("a number under 定性", "定性指标填的是数值");
      return;
    }
    model::Direction Value = model::directionOf(V.Cmp), Sense = model::directionOf(I.Sense);
    if (Value == model::Direction::None || Sense == model::Direction::None || Value == Sense)
      return;
    bool Directional = I.Sense == model::ValueSense::Positive || I.Sense == model::ValueSense::Negative;
    if (Directional && Value == model::Direction::Exact)
      return; // =100% under 正向: the target is exact, more is still better
    Report(std::string("the value is ") + directionEn(Value) + ", the 指标性质 " + directionEn(Sense),
           std::string("指标值是") + directionZh(Value) + "，指标性质是" + directionZh(Sense));
  });
}

void indicatorColumns(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  eachIndicator(R.B, [&](const model::Indicator &I) {
    if (I.Columns & model::Indicator::NatureAsUnit)
      Diags.report(I.columns().UnitWhere, diag::ColumnsSwapped, {I.columns().UnitColumn.str(), "an 指标性质", "计量单位"})
          .zh({I.columns().UnitColumn.str(), "指标性质", "计量单位"});
    if (I.Columns & model::Indicator::UnitAsNature)
      Diags.report(I.columns().NatureWhere, diag::ColumnsSwapped, {I.columns().NatureColumn.str(), "a unit", "指标性质"})
          .zh({I.columns().NatureColumn.str(), "计量单位", "指标性质"});
  });
}

void indicatorUnits(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  eachIndicator(R.B, [&](const model::Indicator &I) {
    if (I.Columns & model::Indicator::NounUnit) {
      llvm::StringRef Unit = I.columns().NounUnitWritten;
      Unit.consume_back("数");
      Diags.report(I.columns().NounUnitWhere, diag::QuantityAsUnit, {I.columns().NounUnitWritten.str(), Unit.str()})
          .fixIt(I.columns().NounUnitWhere, Unit.str());
    }
    if (!I.HasValue)
      return;
    const model::TypedValue &V = I.Value;
    if (I.Columns & model::Indicator::UnitDisagrees) {
      std::string Shown = shownValue(I);
      Diags.report(I.columns().UnitWhere, diag::UnitColumnMismatch, {Shown, V.Unit.str(), I.columns().UnitColumn.str()})
          .note(V.Where, diag::NoteValueIs, {Shown});
    }
    if (V.Kind == model::ValueKind::Qualitative || V.Kind == model::ValueKind::Date ||
        isSatisfactionScore(I))
      return;
    bool Rate = V.Kind != model::ValueKind::Percent && namesRate(I.Name);
    bool Count = !Rate && V.Kind == model::ValueKind::Percent && namesCount(I.Name);
    if (!Rate && !Count)
      return;
    // Where the 二级 rejects the value's kind, BUD401 says so already.
    if (const model::FrameworkLevel *L = I.Level2.empty() ? nullptr : findLevel(R.B, I))
      if (!L->Kinds.empty() && std::find(L->Kinds.begin(), L->Kinds.end(), V.Kind) == L->Kinds.end())
        return;
    std::string Shown = shownValue(I);
    if (Rate) {
      bool Bare = V.Unit.empty();
      Diags
          .report(V.Where, diag::UnitKindMismatch,
                  {I.Name.str(), "a rate", Shown, Bare ? "without a unit, not in %" : "not in %"})
          .zh({I.Name.str(), "比率类指标", Shown, Bare ? "没有单位，不以%计" : "不以%计"});
    } else {
      Diags.report(V.Where, diag::UnitKindMismatch, {I.Name.str(), "a count", Shown, "a percentage"})
          .zh({I.Name.str(), "数量类指标", Shown, "却是百分比"});
    }
  });
}

void indicatorLevels(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  const model::Framework *F = B.framework();
  bool Required = F && F->levelled(); // for the projects' indicators
  // The indicators of one table (a project's, or the department's) without a path, where the
  // framework files every indicator under 一级/二级 or the table's other indicators have one.
  auto Check = [&](llvm::ArrayRef<model::Indicator> Is, const model::Project *P) {
    bool AnyPath = false;
    for (const model::Indicator &I : Is)
      AnyPath |= !I.Level1.empty();
    bool ByFramework = Required && P;
    if (!AnyPath && !ByFramework)
      return;
    for (const model::Indicator &I : Is) {
      if (!I.Level1.empty())
        continue;
      std::string En = ByFramework ? "framework '" + F->Name + "' files every indicator under a 一级 and a 二级"
                       : P         ? "the other indicators of project '" + P->Name + "' have them"
                                   : std::string("the department's other indicators have them");
      std::string Zh = ByFramework ? "指标框架“" + F->Name + "”要求每个指标归入一级和二级指标"
                       : P         ? "项目“" + P->Name + "”的其他指标都有"
                                   : std::string("部门整体绩效的其他指标都有");
      Diags.report(I.NameWhere.isValid() ? I.NameWhere : I.Where, diag::MissingIndicatorLevels,
                   {I.Name.str(), En})
          .zh({I.Name.str(), Zh});
    }
  };
  eachIndicatorTable(B, Check);
}

} // namespace budc::check

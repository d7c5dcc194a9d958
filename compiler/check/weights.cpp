//===- weights.cpp - Plausibility rules: indicator weights ------------------===//
#include "compiler/check/rules.h"

namespace budc::check {

/// The weights (指标权重, 分值) of one table of indicators — a project's, and the department's —
/// add up to the framework's total, less its reserve when the reserved indicator is not
/// listed; none is 0; and either all indicators of the table have one or none has.
void indicatorWeights(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  const model::WeightRule W = B.weights();
  auto Check = [&](llvm::ArrayRef<model::Indicator> Is, const model::Project *P) {
    auto WhoEn = [&] { return P ? "project '" + P->Name + "'" : std::string("the department's indicators"); };
    auto WhoZh = [&] { return P ? "项目“" + P->Name + "”" : std::string("部门整体绩效"); };
    const model::Indicator *Weighted = nullptr;
    for (const model::Indicator &I : Is)
      if (I.HasWeight) {
        if (!Weighted)
          Weighted = &I;
        if (I.columns().Weight.isZero())
          Diags.report(I.columns().WeightWhere, diag::ZeroWeight, {I.Name.str()});
      }
    if (!Weighted)
      return; // a table without weights (河北's)
    bool Missing = false;
    for (const model::Indicator &I : Is)
      if (!I.HasWeight) {
        Missing = true;
        Diags.report(I.NameWhere.isValid() ? I.NameWhere : I.Where, diag::MissingWeight,
                     {I.Name.str(), P ? WhoEn() : std::string("the department")})
            .zh({I.Name.str(), WhoZh()})
            .note(Weighted->columns().WeightWhere, diag::NoteHasWeight, {Weighted->Name.str(), Weighted->columns().Weight.toString()});
      }
    if (Missing)
      return; // the sum of some weights says nothing
    Sum Total;
    bool ReserveListed = false;
    for (const model::Indicator &I : Is) {
      Total.add(I.columns().Weight);
      ReserveListed |= !W.ReserveName.empty() && I.Name.contains(W.ReserveName);
    }
    auto Got = Total.get();
    bool Reserved = !W.ReserveName.empty() && !ReserveListed;
    auto Want = Reserved ? W.Total.sub(W.Reserve) : std::optional<Decimal>(W.Total);
    if (!Got || !Want || *Got == *Want)
      return;
    std::string WhyEn, WhyZh;
    if (Reserved) {
      WhyEn = " (" + W.Total.toString() + " less " + W.Reserve.toString() + " kept for " + W.ReserveName + ")";
      WhyZh = "（" + W.Total.toString() + " 减去为" + W.ReserveName + "预留的 " + W.Reserve.toString() + "）";
    }
    Span Where = P && P->NameWhere.isValid() ? P->NameWhere : Weighted->Where;
    auto D = Diags.report(Where, diag::WeightsTotal, {WhoEn(), Got->toString(), Want->toString(), WhyEn});
    D.zh({WhoZh(), Got->toString(), Want->toString(), WhyZh});
    if (W.TotalWhere.isValid())
      D.note(W.TotalWhere, diag::NoteWeightTotal);
    if (Reserved && W.ReserveWhere.isValid())
      D.note(W.ReserveWhere, diag::NoteWeightReserve, {W.Reserve.toString(), W.ReserveName});
  };
  eachIndicatorTable(B, Check);
}

} // namespace budc::check

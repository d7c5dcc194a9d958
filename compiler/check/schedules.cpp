//===- schedules.cpp - Plausibility rules: spending schedules ---------------===//
#include "compiler/check/rules.h"

namespace budc::check {
namespace {

std::string percent(Decimal D) { return D.toString() + "%"; }

} // namespace

void schedules(const RuleContext &R) {
  DiagEngine &Diags = R.Diags;
  for (const model::Project &P : R.B.Projects) {
    // The spending schedule is cumulative and ends at 100%.
    for (size_t I = 1; I < P.Schedule.size(); ++I)
      if (P.Schedule[I].Share < P.Schedule[I - 1].Share)
        Diags.report(P.Schedule[I].Where, diag::ScheduleFalls,
                     {percent(P.Schedule[I - 1].Share), percent(P.Schedule[I].Share)});
    if (!P.Schedule.empty() && P.Schedule.back().Share != *Decimal::fromInt(100))
      Diags.report(P.Schedule.back().Where, diag::ScheduleIncomplete,
                   {percent(P.Schedule.back().Share)});

  }
}

} // namespace budc::check

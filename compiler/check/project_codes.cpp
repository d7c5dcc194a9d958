//===- project_codes.cpp - Plausibility rules: project codes -----------------===//
#include "compiler/check/rules.h"

namespace budc::check {

void projectCodes(const RuleContext &R) {
  const model::Budget &B = R.B;
  DiagEngine &Diags = R.Diags;
  for (const model::Project &P : B.Projects) {
    // The project code: 6-digit region, 2-digit year, 'P', 12 characters.
    if (P.CodeWhere.isValid()) {
      llvm::StringRef Code = P.Code;
      bool Ok = Code.size() == 21 && Code.take_front(8).find_first_not_of("0123456789") ==
                                         llvm::StringRef::npos &&
                Code[8] == 'P' &&
                Code.drop_front(9).find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
                    llvm::StringRef::npos;
      if (!Ok) {
        Diags.report(P.CodeWhere, diag::MalformedProjectCode, {P.Code});
      } else {
        if (!B.Region.empty() && Code.take_front(6) != B.Region)
          Diags.report(P.CodeWhere, diag::ProjectCodeMismatch,
                       {P.Code, "region code", Code.take_front(6).str(), B.Region})
              .zh({P.Code, "地区编码", Code.take_front(6).str(), B.Region});
        unsigned YY = 0;
        Code.substr(6, 2).getAsInteger(10, YY);
        unsigned Year = 2000 + YY;
        // A project carried over from an earlier year keeps that year's code.
        bool CarryOver = !P.Amounts.empty();
        for (const model::ProjectAmount &M : P.Amounts)
          CarryOver &= M.CarryOver;
        if (B.Year && (Year > B.Year || (Year != B.Year && !CarryOver)))
          Diags.report(P.CodeWhere, diag::ProjectCodeMismatch,
                       {P.Code, "year", std::to_string(Year), std::to_string(B.Year)})
              .zh({P.Code, "年度", std::to_string(Year), std::to_string(B.Year)});
      }
    }
  }
}

} // namespace budc::check

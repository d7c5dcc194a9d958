//===- suppress.cpp - In-source suppression of warnings ---------------------===//
#include "compiler/check/check.h"

#include <set>

namespace budc::check {

void applySuppressions(llvm::ArrayRef<ast::File *> Files, const SourceManager &SM,
                       DiagEngine &Diags) {
  struct Active {
    const ast::Suppression *S;
    unsigned File;
    bool Used = false;
  };
  std::vector<Active> All;
  for (ast::File *F : Files)
    for (const ast::Suppression &S : F->Suppressions) {
      if (S.Reason.empty()) {
        Diags.report(S.Range, diag::SuppressionWithoutReason, {S.Code.str()});
        continue;
      }
      All.push_back({&S, S.Range.File});
    }
  if (All.empty())
    return;
  Diags.removeIf([&](const Diagnostic &D) {
    if (D.Sev != Severity::Warning || !D.Where.isValid())
      return false;
    std::string Code = formatCode(getDiagInfo(D.Kind).Code);
    unsigned Line = SM.getLineCol(D.Where.File, D.Where.Begin).Line;
    for (Active &A : All)
      if (A.File == D.Where.File && A.S->TargetLine <= Line && Line <= A.S->LastLine) {
        llvm::SmallVector<llvm::StringRef, 2> Codes;
        A.S->Code.split(Codes, ',');
        for (llvm::StringRef C : Codes)
          if (C.trim() == Code) {
            A.Used = true;
            return true;
          }
      }
    return false;
  });
  for (const Active &A : All) {
    if (A.Used)
      continue;
    std::string First = std::to_string(A.S->TargetLine), Last = std::to_string(A.S->LastLine);
    if (A.S->LastLine == A.S->TargetLine)
      Diags.report(A.S->Range, diag::UnusedSuppression, {A.S->Code.str(), "on line " + First})
          .zh({A.S->Code.str(), "第 " + First + " 行"});
    else
      Diags
          .report(A.S->Range, diag::UnusedSuppression,
                  {A.S->Code.str(), std::string(A.S->Text ? "in the text of lines " : "in the block of lines ") +
                                        First + "–" + Last})
          .zh({A.S->Code.str(), "第 " + First + "–" + Last + (A.S->Text ? " 行的文本中" : " 行的块中")});
  }
}

} // namespace budc::check

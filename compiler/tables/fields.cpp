//===- fields.cpp - What every table prints: its frame, fields and amounts ---===//
#include "compiler/tables/internal.h"

#include "compiler/model/amount.h"
#include "compiler/model/values.h"

namespace budc::tables::detail {
namespace {

/// The value of a field or figure reference a text names in braces (checked by sema); {金额单位}
/// is the table's unit \p Unit when it has one.
std::string fieldValue(const model::Budget &B, int Project, unsigned Ordinal, llvm::StringRef F,
                       llvm::StringRef Unit) {
  if (F == "金额单位" && !Unit.empty())
    return Unit.str();
  if (F.consume_front("说明 ")) { // the text of a narrative section (深圳's 备注 line)
    for (const model::Section &S : B.Sections)
      if (S.Title == F)
        return S.Body;
    return "";
  }
  if (Project >= 0) {
    const model::Project &P = B.Projects[static_cast<size_t>(Project)];
    if (F == "序号")
      return std::to_string(Ordinal);
    if (F == "项目编码")
      return P.Code;
    if (F == "项目名称")
      return P.Name;
    if (F == "用途")
      return P.Purpose;
    if (F == "主管部门") // of a 市级重点专项资金: as written, else the department
      return P.SpecialFundOwner.empty() ? B.DepartmentName : P.SpecialFundOwner;
    if (F == "项目概况")
      return P.Overview;
    if (F == "当年绩效目标") // as 重庆 prints goals: one as written, several numbered
      return goalsText(P);
    if (F == "绩效目标") {
      std::string Goals;
      for (size_t I = 0; I < P.Goals.size(); ++I)
        Goals += (I ? "\n" : "") + std::to_string(I + 1) + "." + P.Goals[I];
      return Goals;
    }
  }
  if (auto V = model::budgetField(B, F))
    return *V;
  auto Ref = B.TemplateReferences.find(F.str());
  if (Ref != B.TemplateReferences.end())
    return model::render(B, Ref->second).value_or("");
  return "";
}

} // namespace

/// \p Text with every {field} and figure reference replaced by its value; {{ and }} are
/// literal braces.
std::string fillFields(const model::Budget &B, int Project, unsigned Ordinal,
                       llvm::StringRef Text, llvm::StringRef Unit) {
  std::string Out;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if ((C == '{' || C == '}') && I + 1 < Text.size() && Text[I + 1] == C) {
      Out += C;
      ++I;
      continue;
    }
    size_t Close = C == '{' ? Text.find('}', I) : llvm::StringRef::npos;
    if (Close == llvm::StringRef::npos) {
      Out += C;
      continue;
    }
    Out += fieldValue(B, Project, Ordinal, Text.slice(I + 1, Close).trim(" \t"), Unit);
    I = Close;
  }
  return Out;
}

/// What every table takes from its template as written: number, title, caption lines (标注),
/// header rows and notes (注), with their fields filled in.
Table frame(const model::Budget &B, const model::TableTemplate &T, int Project,
            unsigned Ordinal) {
  auto Fill = [&](llvm::StringRef Text) {
    return fillFields(B, Project, Ordinal, Text, T.MoneyUnit);
  };
  Table Out;
  Out.Number = T.Number;
  Out.Title = Fill(T.Title);
  Out.Label = Fill(T.Label);
  Out.Money = moneyFormat(B, T);
  Out.Template = T.Title;
  Out.Project = Project;
  for (const std::string &C : T.Caption)
    Out.Caption.push_back(Fill(C));
  for (const auto &H : T.Header) {
    Row R;
    for (const model::HeaderCell &C : H)
      R.push_back({Fill(C.Text), C.RowSpan, C.ColSpan});
    Out.Head.push_back(std::move(R));
  }
  for (const std::string &N : T.Notes)
    if (std::string Note = Fill(N); !Note.empty()) // ({说明 TITLE} of a section the budget lacks)
      Out.Notes.push_back(std::move(Note));
  return Out;
}

/// How \p T prints its amounts: in its money unit (else the budget's), with its decimals (by
/// default none in 元, two in any larger unit) and separators.
model::AmountFormat moneyFormat(const model::Budget &B, const model::TableTemplate &T) {
  model::AmountFormat F;
  F.Factor = T.MoneyFactor.isZero() ? B.MoneyFactor : T.MoneyFactor;
  F.Unit = T.MoneyUnit.empty() ? B.MoneyUnit : T.MoneyUnit;
  F.Decimals = T.Decimals >= 0 ? static_cast<unsigned>(T.Decimals)
               : F.Factor == Decimal::fromRaw(Decimal::One) ? 0
                                                            : 2;
  F.Separators = T.Separators;
  return F;
}

/// \p Yuan as \p T prints it, rounded half-up from the exact amount.
std::string money(const model::Budget &B, const model::TableTemplate &T, Decimal Yuan) {
  return moneyFormat(B, T).number(Yuan).value_or("####");
}

/// The goals of project \p P as one text: the goal itself, or numbered lines.
std::string goalsText(const model::Project &P) {
  if (P.Goals.size() == 1)
    return P.Goals[0];
  std::string Goals;
  for (size_t I = 0; I < P.Goals.size(); ++I)
    Goals += (I ? "\n" : "") + std::to_string(I + 1) + "." + P.Goals[I];
  return Goals;
}


} // namespace budc::tables::detail

//===- published.cpp - Published tables declared as printed (公开表) ---------===//
//
// 公开表 表1 { "一、财政拨款收入" 26,054,663 … } is read into model::PublishedTable: each cell a
// text, a blank (""), a dash (-) or an amount kept in the unit and at the precision it is
// printed in (10.80 is 10.80 of the table's 金额单位; 2,616万元 carries its own unit). Which
// table it names, and whether its cells agree with the derived ones, is the checker's
// (compiler/check/published.cpp): the table is known only once the template is laid out.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/resolver.h"

#include <climits>

namespace budc::sema {

void Resolver::published(const ast::Published &P) {
  model::PublishedTable T;
  T.Where = P.Range;
  T.Close = P.Close;
  if (P.Number.present()) {
    T.NameWhere = P.Number.Range;
    if (P.Number.Value.getAsInteger(10, T.Number) || T.Number == 0)
      T.Number = UINT_MAX; // names no table: reported as unknown
  } else {
    T.Name = P.Name.Value.trim(" \t").str();
    T.NameWhere = P.Name.Range;
  }
  for (const ast::PublishedRow &R : P.Rows) {
    model::PublishedRow Row;
    Row.Where = R.Range;
    for (const ast::PublishedCell &X : R.Cells) {
      model::PublishedCell C;
      C.Where = X.Range;
      C.Text = X.Word.Value.trim(" \t").str();
      if (X.K == ast::PublishedCell::DashCell) {
        C.Kind = model::PublishedCell::DashCell;
      } else if (X.K == ast::PublishedCell::AmountCell && X.Num.present()) {
        C.Kind = model::PublishedCell::AmountCell;
        C.Text = X.Word.Value.str();
        if (X.Num.Negative)
          C.Text.insert(C.Text.begin(), '-');
        C.Separators = X.Num.Separators;
        size_t Dot = X.Num.Number.find('.');
        C.Decimals = Dot == llvm::StringRef::npos ? 0 : unsigned(X.Num.Number.size() - Dot - 1);
        bool Money = X.Num.Unit.empty();
        if (!Money) {
          // A money unit of its own (2,616万元); any other (45.40%) is a text as printed.
          std::string Root;
          const model::UnitDef *U = B.Units.find(X.Num.Unit);
          auto F = U && U->Dim == model::Dimension::Money
                       ? B.Units.toRoot(X.Num.Unit, Decimal::fromRaw(Decimal::One), Root)
                       : std::nullopt;
          if (F) {
            Money = true;
            C.Unit = X.Num.Unit.str();
            C.Factor = *F;
          } else {
            C.Kind = model::PublishedCell::TextCell;
          }
        }
        if (Money) {
          // In its unit: compared at the precision printed, overflow and excess decimals
          // reported (BUD203, BUD204) and the cell then left uncompared.
          if (auto V = number(X.Num.Number, X.Num.Negative, X.Range)) {
            C.Value = *V;
            C.Read = true;
          }
        }
      } else if (X.Word.Value.trim(" \t").empty()) {
        C.Kind = model::PublishedCell::BlankCell;
      } else if (C.Text == "-" || C.Text == "—" || C.Text == "－") {
        C.Kind = model::PublishedCell::DashCell;
      }
      Row.Cells.push_back(std::move(C));
    }
    T.Rows.push_back(std::move(Row));
  }
  B.Published.push_back(std::move(T));
}

} // namespace budc::sema

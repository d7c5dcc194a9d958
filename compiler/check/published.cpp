//===- published.cpp - Published tables compared cell by cell (公开表) -------===//
//
// A published (or received) table declared as printed is compared with the table the
// budget's template derives from the facts, cell by cell:
//
// - The table is the template's table of that 标号 or title (filled: 2026年… for {年度}年…), or
//   of that number. Padding rows, whose cells are all blank, are left out on both sides.
// - Rows are matched in order. A printed row whose label (the derived row's text cells: codes
//   and names) is not the next derived row's is looked for further down: found there, the
//   derived rows passed over are not printed (BUD316); else, when the printed row after it has
//   the next derived row's label, it is a row the table does not derive (BUD315); else it is
//   compared with the next derived row in place, and its label cells differ as texts (BUD313).
// - A row's cells are the derived row's cells in printed order, a merged cell once (BUD314
//   when there are more or fewer).
// - An amount is compared in the unit and at the precision printed: the table's 金额单位, or
//   the cell's own unit (2,616万元), rounded half-up to the printed decimals (BUD312). A blank,
//   a dash and a 0 are all nothing, and agree with a derived amount that prints as zero.
// - A text cell is compared as printed, spaces at its ends aside (BUD313, a warning: a
//   label's wording differs, not a figure).
//
// Each mismatch points at the printed cell, with a note at the template's 列 line of the column
// that derives it.
//
//===----------------------------------------------------------------------===//
#include "compiler/check/rules.h"
#include "compiler/model/amount.h"
#include "compiler/model/values.h"
#include "compiler/tables/tables.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <map>

namespace budc::check {
namespace {

using model::PublishedCell;

/// A derived body row as printed: the cells that start on it, with their columns.
struct DerivedRow {
  std::vector<std::pair<unsigned, const tables::Cell *>> Cells;
  std::string Label; ///< its text cells joined by " "
  unsigned Number = 0; ///< its place among the table's body rows, from 1
};

bool blank(llvm::StringRef S) { return S.trim(" \t").empty(); }

std::vector<DerivedRow> derivedRows(const tables::Table &T) {
  tables::Layout L = tables::layout(T.Body, T.Width);
  std::vector<DerivedRow> Out;
  for (const auto &Places : L.Grid) {
    DerivedRow R;
    R.Number = static_cast<unsigned>(&Places - L.Grid.data()) + 1;
    bool Empty = true;
    for (unsigned C = 0; C < Places.size(); ++C)
      if (const tables::Cell *X = Places[C]) {
        R.Cells.push_back({C, X});
        Empty &= blank(X->Text);
        if (!X->Amount && !blank(X->Text)) {
          if (!R.Label.empty())
            R.Label += ' ';
          R.Label += llvm::StringRef(X->Text).trim(" \t");
        }
      }
    if (!Empty)
      Out.push_back(std::move(R));
  }
  return Out;
}

bool blankRow(const model::PublishedRow &R) {
  return llvm::all_of(R.Cells, [](const PublishedCell &C) {
    return C.Kind == PublishedCell::BlankCell;
  });
}

std::string printedLabel(const model::PublishedRow &R) {
  std::string Out;
  for (const PublishedCell &C : R.Cells)
    if (C.Kind == PublishedCell::TextCell && !blank(C.Text))
      Out += (Out.empty() ? "" : " ") + C.Text;
  return Out.empty() && !R.Cells.empty() ? R.Cells.front().Text : Out;
}

/// Whether printed row \p P has derived row \p D's label: each of D's text cells, in place.
bool sameLabel(const model::PublishedRow &P, const DerivedRow &D) {
  bool Any = false;
  for (size_t I = 0; I < D.Cells.size(); ++I) {
    const tables::Cell *X = D.Cells[I].second;
    if (X->Amount || blank(X->Text))
      continue;
    if (I >= P.Cells.size() || llvm::StringRef(P.Cells[I].Text).trim(" \t") !=
                                   llvm::StringRef(X->Text).trim(" \t"))
      return false;
    Any = true;
  }
  return Any;
}

class Comparison {
public:
  Comparison(const tables::Table &T, const model::TableTemplate *Tpl,
             const model::PublishedTable &P, DiagEngine &Diags)
      : T(T), Tpl(Tpl), P(P), Diags(Diags), Labels(tables::columnLabels(T)) {}

  void run() {
    std::vector<DerivedRow> Derived = derivedRows(T);
    std::vector<const model::PublishedRow *> Printed;
    for (const model::PublishedRow &R : P.Rows)
      if (!blankRow(R))
        Printed.push_back(&R);
    size_t Next = 0;
    for (size_t I = 0; I < Printed.size(); ++I) {
      const model::PublishedRow &R = *Printed[I];
      if (Next >= Derived.size()) {
        Diags.report(R.Where, diag::PublishedExtraRow, {printedLabel(R)});
        continue;
      }
      if (!sameLabel(R, Derived[Next])) {
        size_t Found = Next + 1;
        while (Found < Derived.size() && !sameLabel(R, Derived[Found]))
          ++Found;
        if (Found < Derived.size()) {
          for (; Next < Found; ++Next)
            Diags.report(R.Where, diag::PublishedMissingRow, {Derived[Next].Label});
        } else if (I + 1 < Printed.size() && !Derived[Next].Label.empty() &&
                   sameLabel(*Printed[I + 1], Derived[Next])) {
          Diags.report(R.Where, diag::PublishedExtraRow, {printedLabel(R)})
              .note(Printed[I + 1]->Where, diag::NotePublishedNext, {Derived[Next].Label});
          continue;
        }
      }
      row(R, Derived[Next++]);
    }
    for (; Next < Derived.size(); ++Next)
      Diags.report(P.Close.isValid() ? P.Close : P.NameWhere, diag::PublishedMissingRow,
                   {Derived[Next].Label});
  }

private:
  const tables::Table &T;
  const model::TableTemplate *Tpl;
  const model::PublishedTable &P;
  DiagEngine &Diags;
  std::vector<std::string> Labels;

  std::string rowName(const DerivedRow &D) const {
    return D.Label.empty() ? std::to_string(D.Number) : D.Label;
  }
  std::string columnName(unsigned C) const {
    std::string L = C < Labels.size() ? Labels[C] : "";
    return L.empty() ? std::to_string(C + 1) : L;
  }

  /// The note at the template's 列 line that derives column \p C, else at the template table.
  template <typename R> void noteColumn(R &&Report, unsigned C) const {
    unsigned Skip = T.Ordinal ? 1 : 0;
    if (Tpl && !Tpl->Listing && C >= Skip && C - Skip < Tpl->Columns.size() &&
        Tpl->Columns[C - Skip].Where.isValid())
      Report.note(Tpl->Columns[C - Skip].Where, diag::NotePublishedColumn,
                  {std::to_string(C + 1), columnName(C)});
    else if (Tpl && Tpl->Where.isValid())
      Report.note(Tpl->Where, diag::NotePublishedTable, {std::to_string(T.Number), T.Title});
  }

  void row(const model::PublishedRow &R, const DerivedRow &D) {
    size_t N = std::min(R.Cells.size(), D.Cells.size());
    if (R.Cells.size() != D.Cells.size()) {
      Span At = R.Cells.size() > D.Cells.size()
                    ? Span::cover(R.Cells[N].Where, R.Cells.back().Where)
                    : R.Cells.back().Where;
      Diags.report(At, diag::PublishedRowWidth,
                   {std::to_string(R.Cells.size()), rowName(D), std::to_string(D.Cells.size())});
    }
    for (size_t I = 0; I < N; ++I)
      cell(R.Cells[I], D, D.Cells[I].first, *D.Cells[I].second);
  }

  /// How the table prints amounts, or the cell's own unit when it has one.
  model::AmountFormat format(const PublishedCell &C) const {
    model::AmountFormat F;
    F.Factor = C.Unit.empty() ? T.Money.Factor : C.Factor;
    F.Unit = C.Unit.empty() ? T.Money.Unit : C.Unit;
    F.Decimals = std::min(C.Decimals, Decimal::Scale);
    F.Separators = C.Separators;
    return F;
  }

  void cell(const PublishedCell &C, const DerivedRow &D, unsigned Col, const tables::Cell &X) {
    if (X.Amount && X.Yuan) {
      amount(C, D, Col, *X.Yuan);
      return;
    }
    std::string Printed = C.Kind == PublishedCell::BlankCell ? "" : C.Text;
    llvm::StringRef Want = llvm::StringRef(X.Text).trim(" \t");
    if (llvm::StringRef(Printed).trim(" \t") == Want)
      return;
    // A blank and a dash are the same nothing in a cell the table leaves blank.
    if (Want.empty() && C.Kind == PublishedCell::DashCell)
      return;
    auto Report = Diags.report(C.Where, diag::PublishedTextMismatch,
                               {rowName(D), columnName(Col), Printed, Want.str()});
    if (!Want.empty() && !Want.contains('"') && !Want.contains('\\'))
      Report.fixIt(C.Where, ("\"" + Want + "\"").str());
    noteColumn(Report, Col);
  }

  void amount(const PublishedCell &C, const DerivedRow &D, unsigned Col, Decimal Yuan) {
    model::AmountFormat F = format(C);
    bool Nothing = C.Kind == PublishedCell::BlankCell || C.Kind == PublishedCell::DashCell;
    if (C.Kind == PublishedCell::AmountCell && !C.Read)
      return; // reported when it was read (BUD203, BUD204)
    if (Nothing || C.Kind == PublishedCell::AmountCell) {
      // Printed as nothing: the derived amount must print as zero at the table's precision.
      if (Nothing)
        F.Decimals = T.Money.Decimals;
      auto Rounded = model::inUnit(Yuan, F.Factor, F.Decimals);
      Decimal Printed = Nothing ? Decimal() : C.Value;
      if (Rounded && *Rounded == Printed)
        return;
      std::string Shown = Nothing ? (C.Kind == PublishedCell::DashCell ? "-" : "(blank)")
                                  : model::spell(C.Value, F.Decimals, F.Separators) + F.Unit;
      std::string Derived = Rounded ? model::spell(*Rounded, F.Decimals, F.Separators) + F.Unit
                                    : "(too large)";
      std::string Diff = "?";
      if (Rounded)
        if (auto X = Rounded->sub(Printed))
          Diff = model::spell(X->abs(), F.Decimals, F.Separators) + F.Unit;
      auto Report = Diags.report(C.Where, diag::PublishedAmountMismatch,
                                 {rowName(D), columnName(Col), Shown, Derived, Diff});
      Report.zh({rowName(D), columnName(Col), Nothing ? (C.Kind == PublishedCell::DashCell ? "-" : "（空白）") : Shown,
                 Rounded ? Derived : "（过大）", Diff});
      if (Rounded)
        Report.fixIt(C.Where, model::spell(*Rounded, F.Decimals, F.Separators) + C.Unit);
      noteColumn(Report, Col);
      return;
    }
    // A text where the table derives an amount.
    auto Rounded = model::inUnit(Yuan, T.Money.Factor, T.Money.Decimals);
    std::string Derived =
        Rounded ? model::spell(*Rounded, T.Money.Decimals, T.Money.Separators) + T.Money.Unit : "?";
    auto Report = Diags.report(C.Where, diag::PublishedAmountMismatch,
                               {rowName(D), columnName(Col), "'" + C.Text + "'", Derived, "?"});
    Report.zh({rowName(D), columnName(Col), "“" + C.Text + "”", Derived, "?"});
    noteColumn(Report, Col);
  }
};

/// The entry of \p D that \p P names, or -1.
int find(const model::Budget &B, const tables::Disclosure &D, const model::PublishedTable &P) {
  std::string Want = model::normaliseName(P.Name);
  for (size_t I = 0; I < D.size(); ++I) {
    const tables::Disclosure::Entry &E = D.entry(I);
    if (P.Name.empty()) {
      if (E.Number == P.Number)
        return static_cast<int>(I);
      continue;
    }
    if (model::normaliseName(E.Title) == Want)
      return static_cast<int>(I);
    if (E.Template && !E.Template->Label.empty() &&
        model::normaliseName(tables::fill(B, E.Template->Label)) == Want)
      return static_cast<int>(I);
  }
  return -1;
}

std::string listTables(const model::Budget &B, const tables::Disclosure &D, bool Zh) {
  std::string Out;
  unsigned Shown = 0;
  for (size_t I = 0; I < D.size() && Shown < 12; ++I) {
    const tables::Disclosure::Entry &E = D.entry(I);
    if (E.Project >= 0 && E.Ordinal > 1)
      continue;
    std::string Label = E.Template && !E.Template->Label.empty() ? tables::fill(B, E.Template->Label) + " " : "";
    Out += (Shown++ ? (Zh ? "；" : "; ") : "") + std::to_string(E.Number) + " " + Label + E.Title;
  }
  if (Out.empty())
    return Zh ? "；其中没有表" : "; it has no tables";
  return (Zh ? "；已有：" : "; it has: ") + Out;
}

} // namespace

void publishedTables(const RuleContext &R) {
  const model::Budget &B = R.B;
  if (B.Published.empty())
    return;
  const model::Template *Tpl = B.findTemplate();
  if (!Tpl)
    return; // BUD121, reported where the template is chosen
  tables::Disclosure D = tables::build(B, *Tpl);
  std::map<int, const model::PublishedTable *> Seen;
  for (const model::PublishedTable &P : B.Published) {
    std::string Name = P.Name.empty() ? std::to_string(P.Number) : P.Name;
    int I = find(B, D, P);
    if (I < 0) {
      R.Diags.report(P.NameWhere, diag::UnknownPublishedTable, {Tpl->Name, Name, listTables(B, D, false)})
          .zh({Tpl->Name, Name, listTables(B, D, true)});
      continue;
    }
    auto Table = D.table(static_cast<size_t>(I));
    auto [It, New] = Seen.emplace(I, &P);
    if (!New) {
      R.Diags.report(P.NameWhere, diag::DuplicatePublishedTable, {std::to_string(Table->Number), Table->Title})
          .note(It->second->NameWhere, diag::NoteFirstDeclared);
      continue;
    }
    if (llvm::all_of(P.Rows, blankRow)) {
      R.Diags.report(P.NameWhere, diag::EmptyPublishedTable, {Name});
      continue;
    }
    Comparison(*Table, D.entry(static_cast<size_t>(I)).Template, P, R.Diags).run();
  }
}

} // namespace budc::check

//===- tables.cpp - A template's disclosure: its tables in order ---------------===//
#include "compiler/tables/internal.h"

#include "compiler/model/amount.h"
#include "compiler/model/values.h"

#include <algorithm>
#include <climits>

namespace budc::tables {

llvm::StringRef kindName(TableKind K) {
  switch (K) {
  case TableKind::Standard: return "standard";
  case TableKind::Units: return "units";
  case TableKind::Goals: return "goals";
  case TableKind::Project: return "project";
  case TableKind::Procurement: return "procurement";
  case TableKind::Assets: return "assets";
  }
  return "standard";
}

Layout layout(const std::vector<Row> &Rows, unsigned Width) {
  Layout L;
  L.Grid.assign(Rows.size(), std::vector<const Cell *>(Width));
  L.Owner.assign(Rows.size(), std::vector<Place>(Width));
  for (size_t R = 0; R < Rows.size(); ++R) {
    unsigned C = 0;
    for (const Cell &X : Rows[R]) {
      while (C < Width && L.Owner[R][C].X)
        ++C;
      if (C >= Width)
        break;
      L.Grid[R][C] = &X;
      for (unsigned DR = 0; DR < X.RowSpan && R + DR < Rows.size(); ++DR)
        for (unsigned DC = 0; DC < X.ColSpan && C + DC < Width; ++DC)
          L.Owner[R + DR][C + DC] = {&X, static_cast<unsigned>(R), C};
      C += X.ColSpan;
    }
  }
  return L;
}

std::vector<std::string> columnLabels(const Table &T) {
  std::vector<Row> Head;
  for (const Row &R : T.Head)
    if (R.empty() || R[0].Text != "栏次")
      Head.push_back(R);
  Layout L = layout(Head, T.Width);
  std::vector<std::string> Labels(T.Width);
  for (unsigned C = 0; C < T.Width; ++C) {
    const Cell *Prev = nullptr;
    for (size_t R = 0; R < Head.size(); ++R) {
      const Cell *X = L.Owner[R][C].X;
      if (X && X != Prev && !X->Text.empty())
        Labels[C] += (Labels[C].empty() ? "" : " / ") + X->Text;
      Prev = X;
    }
  }
  return Labels;
}

using namespace detail;

std::string fill(const model::Budget &B, llvm::StringRef Text) {
  return fillFields(B, -1, 0, Text);
}

Disclosure build(const model::Budget &B, const model::Template &T) {
  Disclosure D;
  D.B = &B;
  // Numbered tables first, by number; then the others in the template's order.
  std::vector<const model::TableTemplate *> Order;
  for (const model::TableTemplate &X : T.Tables)
    Order.push_back(&X);
  std::stable_sort(Order.begin(), Order.end(), [](auto *A, auto *C) {
    return (A->Number ? A->Number : UINT_MAX) < (C->Number ? C->Number : UINT_MAX);
  });
  unsigned Next = 1;
  auto Add = [&](Disclosure::Entry E) {
    E.Number = E.Number ? E.Number : Next;
    Next = std::max(Next, E.Number + 1);
    D.Entries.push_back(std::move(E));
  };
  auto Built = [&](const model::TableTemplate *X, Table Tb) {
    Disclosure::Entry E;
    E.Number = Tb.Number;
    E.Title = Tb.Title;
    E.Template = X;
    auto P = std::make_shared<Table>(std::move(Tb));
    E.Built = P;
    Add(std::move(E));
    P->Number = D.Entries.back().Number;
  };
  for (const model::TableTemplate *X : Order) {
    if (!X->Listing)
      Built(X, evaluate(B, *X, D.Overflow));
    else if (X->Stacked)
      Built(X, forms(B, *X));
    else if (X->PerProject)
      for (size_t I = 0; I < B.Projects.size(); ++I) {
        // As frame() numbers it: the template's number, if it has one.
        Disclosure::Entry E;
        E.Number = X->Number;
        E.Template = X;
        E.Project = static_cast<int>(I);
        E.Ordinal = static_cast<unsigned>(I + 1);
        E.Title = fillFields(B, E.Project, E.Ordinal, X->Title, X->MoneyUnit);
        Add(std::move(E));
      }
    else if (listingApplies(B, *X))
      Built(X, listing(B, *X, -1, 0));
  }
  return D;
}

std::shared_ptr<const Table> Disclosure::table(size_t I) const {
  const Entry &E = Entries[I];
  if (E.Built)
    return E.Built;
  auto T = std::make_shared<Table>(listing(*B, *E.Template, E.Project, E.Ordinal));
  T->Number = E.Number;
  return T;
}

void Disclosure::forEach(llvm::function_ref<void(const Table &)> F,
                         std::optional<llvm::StringRef> Template) const {
  for (size_t I = 0; I < Entries.size(); ++I)
    if (!Template || Entries[I].Template->Title == *Template)
      F(*table(I));
}

} // namespace budc::tables

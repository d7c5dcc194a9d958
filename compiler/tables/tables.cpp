//===- tables.cpp - Evaluating table templates over the allocations ---------===//
#include "compiler/tables/tables.h"

#include "compiler/model/values.h"

#include <algorithm>
#include <climits>
#include <set>

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

namespace {

/// One side of an expanded row: what it is called and which allocations it adds.
struct Side {
  bool Present = false;
  std::string Code, Label;
  const model::Query *Terms = nullptr;
  std::string Function, Economic; ///< code prefixes of tree rows
  bool Total = false;
};

struct Line {
  Side S[2];
};

const model::TableFact *fact(const std::vector<model::TableFact> &Facts, llvm::StringRef Key) {
  for (const model::TableFact &F : Facts)
    if (F.Key == Key)
      return &F;
  return nullptr;
}

std::string factText(const model::TableFact *F) {
  return F && !F->Values.empty() ? F->Values[0] : "";
}

/// The value of a field or figure reference a text names in braces (checked by sema).
std::string fieldValue(const model::Budget &B, int Project, unsigned Ordinal, llvm::StringRef F) {
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

/// \p Text with every {field} and figure reference replaced by its value; {{ and }} are
/// literal braces.
std::string fillFields(const model::Budget &B, int Project, unsigned Ordinal,
                       llvm::StringRef Text) {
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
    Out += fieldValue(B, Project, Ordinal, Text.slice(I + 1, Close).trim(" \t"));
    I = Close;
  }
  return Out;
}

/// What every table takes from its template as written: number, title, caption lines (标注),
/// header rows and notes (注), with their fields filled in.
Table frame(const model::Budget &B, const model::TableTemplate &T, int Project,
            unsigned Ordinal) {
  auto Fill = [&](llvm::StringRef Text) { return fillFields(B, Project, Ordinal, Text); };
  Table Out;
  Out.Number = T.Number;
  Out.Title = Fill(T.Title);
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
    Out.Notes.push_back(Fill(N));
  return Out;
}

/// Evaluates one standard table.
class Evaluator {
public:
  Evaluator(const model::Budget &B, const model::TableTemplate &T, bool &Overflow)
      : B(B), T(T), Overflow(Overflow) {
    // The allocations a cell may add, found once: the scope's (a cell's query includes the
    // scope), carry-forwards too, which only a cell that names them adds.
    model::Query Pre = T.Scope;
    Pre.Natures = (Pre.Natures ? Pre.Natures : model::Query::SpentNatures) |
                  1u << unsigned(model::Nature::CarryForward);
    for (const model::Allocation &A : B.Allocations)
      if (!Pre.spending() || Pre.matches(B, A))
        InScope.push_back(&A);
  }

  Table run() {
    Table Out = frame(B, T, -1, 0);
    Out.Kind = TableKind::Standard;
    Out.Width = static_cast<unsigned>(T.Columns.size()) + 1;
    if (Out.Caption.empty())
      Out.Caption = caption(B);
    if (T.ColumnNumbers) {
      Row R{{"栏次"}};
      for (unsigned I = 1; I < Out.Width; ++I)
        R.push_back({std::to_string(I)});
      Out.Head.push_back(std::move(R));
    }
    std::vector<Line> Lines;
    for (const model::TemplateRow &R : T.Rows)
      expand(R, Lines);
    bool AnyAmount = false;
    unsigned Seq = 0;
    for (const Line &L : Lines) {
      Row R{{std::to_string(++Seq)}};
      for (const model::TemplateColumn &C : T.Columns) {
        const Side &S = L.S[C.Side];
        if (!S.Present) {
          R.push_back({});
          continue;
        }
        switch (C.Kind) {
        case model::TemplateColumn::Code:
          R.push_back({S.Code});
          break;
        case model::TemplateColumn::Label:
          R.push_back({S.Label});
          break;
        case model::TemplateColumn::Amount: {
          std::optional<Decimal> Sum = sum(S, C.Terms);
          Cell X;
          X.Amount = true;
          if (!Sum) {
            Overflow = true;
            X.Text = "####";
          } else {
            X.Yuan = *Sum;
            AnyAmount |= !Sum->isZero();
            X.Text = Sum->isZero() ? C.Zero : amount(B, *Sum);
          }
          R.push_back(std::move(X));
          break;
        }
        }
      }
      Out.Body.push_back(std::move(R));
    }
    if (!AnyAmount && !T.EmptyNote.empty()) {
      Out.Body.assign(1, Row(Out.Width));
      Out.Notes.push_back(fillFields(B, -1, 0, T.EmptyNote));
    }
    return Out;
  }

  static std::vector<std::string> caption(const model::Budget &B) {
    return {B.DepartmentCode + B.DepartmentName, "预算年度：" + std::to_string(B.Year),
            "单位：" + B.MoneyUnit};
  }

  static std::string amount(const model::Budget &B, Decimal Yuan) {
    auto V = Yuan.div(B.MoneyFactor);
    return V ? V->toString(2) : "####";
  }

private:
  /// The cell of row side \p S in column \p Column: the facts its row, its column and the
  /// table's scope all name (control totals for an income figure, else allocations).
  std::optional<Decimal> sum(const Side &S, const model::Query &Column) const {
    model::Query Q = model::Query::intersect(T.Scope, Column);
    if (S.Terms)
      Q = model::Query::intersect(Q, *S.Terms);
    if (!S.Function.empty() || !S.Economic.empty()) {
      model::Query Row;
      if (!S.Function.empty())
        Row.Functions = {S.Function};
      if (!S.Economic.empty())
        Row.Economics = {S.Economic};
      Q = model::Query::intersect(Q, Row);
    }
    if (!Q.spending() || Q.Underivable)
      return Q.Underivable ? std::optional<Decimal>(Decimal()) : model::evaluate(B, Q);
    Decimal Total;
    for (const model::Allocation *A : InScope) // (the scope's allocations, found once)
      if (Q.matches(B, *A)) {
        auto Next = Total.add(A->Yuan);
        if (!Next)
          return std::nullopt;
        Total = *Next;
      }
    return Total;
  }

  /// The rows of one template row, one side of them when \p OnlySide is 0 or 1.
  void expand(const model::TemplateRow &R, std::vector<Line> &Out, int OnlySide = -1) {
    auto Put = [&](Side S) {
      Line L;
      L.S[OnlySide < 0 ? 0 : OnlySide] = std::move(S);
      Out.push_back(std::move(L));
    };
    switch (R.Kind) {
    case model::TemplateRow::Total: {
      Side S;
      S.Present = true;
      S.Label = R.Label[0];
      S.Total = true;
      Put(S);
      return;
    }
    case model::TemplateRow::Fixed: {
      if (OnlySide >= 0) {
        Side S;
        S.Present = true;
        S.Label = R.Label[0];
        S.Terms = &R.Terms[0];
        Put(S);
        return;
      }
      Line L;
      for (unsigned I = 0; I < 2; ++I)
        if (R.Has[I]) {
          L.S[I].Present = true;
          L.S[I].Label = R.Label[I];
          L.S[I].Terms = &R.Terms[I];
        }
      Out.push_back(std::move(L));
      return;
    }
    case model::TemplateRow::FunctionTree:
    case model::TemplateRow::EconomicTree: {
      bool Function = R.Kind == model::TemplateRow::FunctionTree;
      const model::Catalogue &Cat = Function ? B.Functions : B.Economics;
      std::set<std::string> Codes;
      for (const model::Allocation *A : InScope) {
        const std::string &Code = Function ? A->Function : A->Economic;
        for (unsigned Len : R.Levels)
          if (Code.size() >= Len)
            Codes.insert(Code.substr(0, Len));
      }
      for (const std::string &Code : Codes) {
        Side S;
        S.Present = true;
        S.Code = Code;
        const model::CatalogueEntry *E = Cat.find(Code);
        S.Label = E ? E->Name : "";
        (Function ? S.Function : S.Economic) = Code;
        Put(S);
      }
      return;
    }
    case model::TemplateRow::Panels: {
      std::vector<Line> Sides[2];
      for (unsigned I = 0; I < 2; ++I)
        for (const model::TemplateRow &X : R.Sides[I])
          expand(X, Sides[I], static_cast<int>(I));
      size_t N = std::max(Sides[0].size(), Sides[1].size());
      for (size_t K = 0; K < N; ++K) {
        Line L;
        for (unsigned I = 0; I < 2; ++I)
          if (K < Sides[I].size())
            L.S[I] = Sides[I][K].S[I];
        Out.push_back(std::move(L));
      }
      return;
    }
    }
  }

  const model::Budget &B;
  const model::TableTemplate &T;
  bool &Overflow;
  std::vector<const model::Allocation *> InScope;
};

//===----------------------------------------------------------------------===//
// Tables laid out here: units, goals, projects, procurement, assets
//===----------------------------------------------------------------------===//

/// How an indicator's value is printed: as written, without the spaces a writer may put
/// between comparator and number.
std::string valueText(const model::Indicator &I) {
  if (!I.HasValue)
    return "";
  if (I.Value.Kind == model::ValueKind::Qualitative)
    return I.Value.Text.str();
  std::string Out;
  for (char C : I.Value.Written)
    if (C != ' ' && C != '\t')
      Out += C;
  return Out;
}

/// Evaluates one listing table of a template (格, 逐行, 支出计划 rows), for the whole budget
/// or for one project.
class Listing {
public:
  Listing(const model::Budget &B, const model::TableTemplate &T, int Project, unsigned Ordinal)
      : B(B), T(T), Project(Project), Ordinal(Ordinal) {}

  /// Whether the budget has what the table lists: 整体绩效, 政府采购 and 国有资产 tables are
  /// published only by departments that declare those blocks.
  static bool applies(const model::Budget &B, const model::TableTemplate &T) {
    for (const model::ListingRow &L : T.Lines)
      if (L.Kind == model::ListingRow::Records) {
        if (L.Source == "整体绩效" && B.Areas.empty())
          return false;
        if (L.Source == "政府采购" && !B.HasProcurement)
          return false;
        if (L.Source == "资产" && !B.HasAssets)
          return false;
      }
    return true;
  }

  Table run() {
    Table Out = frame(B, T, Project, Ordinal);
    Out.Kind = T.PerProject ? TableKind::Project : TableKind::Standard;
    for (const model::ListingRow &L : T.Lines)
      if (L.Kind == model::ListingRow::Records && !T.PerProject) {
        Out.Kind = L.Source == "单位"       ? TableKind::Units
                   : L.Source == "整体绩效" ? TableKind::Goals
                   : L.Source == "政府采购" ? TableKind::Procurement
                                            : TableKind::Assets;
        break;
      }
    Out.Width = T.Width;
    bool Listed = false, AnyRecord = false;
    for (const model::ListingRow &L : T.Lines) {
      switch (L.Kind) {
      case model::ListingRow::Fixed: {
        Row R;
        for (const model::TemplateCell &C : L.Cells)
          R.push_back(C.Kind == model::TemplateCell::Money ? money(C) : text(C, fill(C.Text)));
        Out.Body.push_back(std::move(R));
        break;
      }
      case model::ListingRow::Schedule:
        schedule(L, Out);
        break;
      case model::ListingRow::Records: {
        Listed = true;
        size_t Before = Out.Body.size();
        records(L, Out);
        AnyRecord |= Out.Body.size() != Before;
        break;
      }
      }
    }
    if (Listed && !AnyRecord && !T.EmptyNote.empty()) {
      Out.Body.push_back(Row(Out.Width));
      Out.Notes.push_back(fill(T.EmptyNote));
    }
    return Out;
  }

private:
  const model::Project &project() const { return B.Projects[static_cast<size_t>(Project)]; }

  std::string fill(llvm::StringRef Text) const { return fillFields(B, Project, Ordinal, Text); }

  static Cell text(const model::TemplateCell &C, std::string Value) {
    Cell X{std::move(Value), C.RowSpan, C.ColSpan};
    X.Emphasis = C.Emphasis;
    return X;
  }

  Cell money(const model::TemplateCell &C) const {
    Decimal Yuan;
    if (Project >= 0) {
      const model::Project &P = project();
      if (C.Text == "预算数") {
        Yuan = P.Yuan;
      } else {
        bool Fiscal = C.Text == "财政资金";
        for (size_t A : P.Allocations) {
          const model::Allocation &Al = B.Allocations[A];
          if ((Al.Source && Al.Source->Appropriation) == Fiscal)
            if (auto S = Yuan.add(Al.Yuan))
              Yuan = *S; // parts of the project's amount, which fits
        }
      }
    }
    Cell X{Yuan.isZero() ? C.Zero : Evaluator::amount(B, Yuan), C.RowSpan, C.ColSpan};
    X.Amount = true;
    X.Yuan = Yuan;
    return X;
  }

  /// 支出计划: months across the columns after the label (the last takes what is left),
  /// shares under them; nothing when the project has no schedule.
  void schedule(const model::ListingRow &L, Table &Out) const {
    const model::Project &P = project();
    if (P.Schedule.empty())
      return;
    Cell Label{L.Label, 2, 1};
    Label.Emphasis = true;
    Row Months{Label}, Shares;
    unsigned Columns = Out.Width - 1;
    size_t N = std::min<size_t>(P.Schedule.size(), Columns);
    for (size_t I = 0; I < N; ++I) {
      unsigned Span = I + 1 == N ? static_cast<unsigned>(Columns - (N - 1)) : 1;
      Cell Month{std::to_string(P.Schedule[I].Month) + "月底", 1, Span};
      Month.Emphasis = true;
      Months.push_back(std::move(Month));
      Shares.push_back({P.Schedule[I].Share.toString() + "%", 1, Span});
    }
    Out.Body.push_back(std::move(Months));
    Out.Body.push_back(std::move(Shares));
  }

  void records(const model::ListingRow &L, Table &Out) const {
    const auto &Fields = L.Cells;
    if (L.Source == "单位") {
      for (const model::Unit &U : B.OrgUnits) {
        Row R;
        for (const model::TemplateCell &F : Fields)
          R.push_back(text(F, F.Text == "编码"   ? U.Code
                              : F.Text == "名称" ? U.Name
                              : F.Text == "性质" ? U.Nature
                              : F.Text == "规格" ? U.Rank
                                                 : U.Funding));
        Out.Body.push_back(std::move(R));
      }
    } else if (L.Source == "政府采购" || L.Source == "资产") {
      bool Assets = L.Source == "资产";
      for (const model::TableFact &X : Assets ? B.Assets : B.Procurement) {
        if (Assets && X.Key != "资产")
          continue;
        Row R;
        for (const model::TemplateCell &F : Fields)
          R.push_back(text(F, Assets && F.Text == "名称" ? factText(&X)
                                                         : factText(fact(X.Children, F.Text))));
        Out.Body.push_back(std::move(R));
      }
    } else if (L.Source == "整体绩效") {
      goals(Fields, Out);
    } else if (L.Source == "指标") {
      const auto &Is = project().Indicators;
      for (size_t I = 0; I < Is.size(); ++I) {
        Row R;
        for (const model::TemplateCell &F : Fields) {
          if (F.Text == "一级") {
            // A run of equal 一级 merges into one cell.
            if (I > 0 && Is[I].Level1 == Is[I - 1].Level1)
              continue;
            unsigned Span = 1;
            while (I + Span < Is.size() && Is[I + Span].Level1 == Is[I].Level1)
              ++Span;
            Cell X = text(F, Is[I].Level1.str());
            X.RowSpan = Span;
            R.push_back(std::move(X));
            continue;
          }
          R.push_back(text(F, F.Text == "二级"   ? Is[I].Level2.str() // repeated on every row, as published
                              : F.Text == "名称" ? Is[I].Name.str()
                              : F.Text == "描述" ? Is[I].Description.str()
                              : F.Text == "指标值" ? valueText(Is[I])
                                                   : Is[I].BasisText.str()));
        }
        Out.Body.push_back(std::move(R));
      }
    }
  }

  /// The department's goals: 序号 and 分项 merge over an area's rows, 目标 over its goal's.
  void goals(const std::vector<model::TemplateCell> &Fields, Table &Out) const {
    unsigned Seq = 0;
    for (const model::PerformanceArea &A : B.Areas) {
      unsigned AreaRows = 0;
      for (const model::DepartmentGoal &G : A.Goals)
        AreaRows += static_cast<unsigned>(std::max<size_t>(1, G.Indicators.size()));
      if (!AreaRows)
        continue;
      ++Seq;
      bool FirstOfArea = true;
      for (const model::DepartmentGoal &G : A.Goals) {
        unsigned GoalRows = static_cast<unsigned>(std::max<size_t>(1, G.Indicators.size()));
        for (unsigned K = 0; K < GoalRows; ++K) {
          const model::Indicator *I =
              K < G.Indicators.size() ? &B.DepartmentIndicators[G.Indicators[K]] : nullptr;
          Row R;
          for (const model::TemplateCell &F : Fields) {
            if (F.Text == "序号" || F.Text == "分项") {
              if (!FirstOfArea)
                continue;
              Cell X = text(F, F.Text == "序号" ? std::to_string(Seq) : A.Name);
              X.RowSpan = AreaRows;
              R.push_back(std::move(X));
            } else if (F.Text == "目标") {
              if (K != 0)
                continue;
              Cell X = text(F, G.Statement);
              X.RowSpan = GoalRows;
              R.push_back(std::move(X));
            } else {
              R.push_back(text(F, !I ? "" : F.Text == "指标" ? I->Name.str() : valueText(*I)));
            }
          }
          FirstOfArea = false;
          Out.Body.push_back(std::move(R));
        }
      }
    }
  }

  const model::Budget &B;
  const model::TableTemplate &T;
  int Project;
  unsigned Ordinal;
};

} // namespace

std::string fill(const model::Budget &B, llvm::StringRef Text) {
  return fillFields(B, -1, 0, Text);
}

Disclosure build(const model::Budget &B, const model::Template &T) {
  Disclosure D;
  // Numbered tables first, by number; then the others in the template's order.
  std::vector<const model::TableTemplate *> Order;
  for (const model::TableTemplate &X : T.Tables)
    Order.push_back(&X);
  std::stable_sort(Order.begin(), Order.end(), [](auto *A, auto *C) {
    return (A->Number ? A->Number : UINT_MAX) < (C->Number ? C->Number : UINT_MAX);
  });
  unsigned Next = 1;
  auto Add = [&](Table Tb) {
    Tb.Number = Tb.Number ? Tb.Number : Next;
    Next = std::max(Next, Tb.Number + 1);
    D.Tables.push_back(std::move(Tb));
  };
  for (const model::TableTemplate *X : Order) {
    if (!X->Listing)
      Add(Evaluator(B, *X, D.Overflow).run());
    else if (X->PerProject)
      for (size_t I = 0; I < B.Projects.size(); ++I)
        Add(Listing(B, *X, static_cast<int>(I), static_cast<unsigned>(I + 1)).run());
    else if (Listing::applies(B, *X))
      Add(Listing(B, *X, -1, 0).run());
  }
  return D;
}

} // namespace budc::tables

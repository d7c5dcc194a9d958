//===- tables.cpp - Evaluating table templates over the allocations ---------===//
#include "compiler/tables/tables.h"

#include <algorithm>
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

std::string fileStem(const Table &T) {
  std::string Out = (T.Number < 10 ? "0" : "") + std::to_string(T.Number) + "-";
  for (char C : T.Title)
    Out += (C == '/' || C == '\\' || C == ':' || C == '*' || C == '?' || C == '"' || C == '<' ||
            C == '>' || C == '|' || static_cast<unsigned char>(C) < 0x20)
               ? '_'
               : C;
  return Out;
}

namespace {

/// One side of an expanded row: what it is called and which allocations it adds.
struct Side {
  bool Present = false;
  std::string Code, Label;
  const model::Filter *Terms = nullptr;
  std::string Function, Economic; ///< code prefixes of tree rows
  bool Total = false;
};

struct Line {
  Side S[2];
};

/// Evaluates one standard table.
class Evaluator {
public:
  Evaluator(const model::Budget &B, const model::TableTemplate &T, bool &Overflow)
      : B(B), T(T), Overflow(Overflow) {
    for (const model::Allocation &A : B.Allocations)
      if (matches(T.Scope, A))
        InScope.push_back(&A);
  }

  Table run() {
    Table Out;
    Out.Number = T.Number;
    Out.Title = T.Title;
    Out.Kind = TableKind::Standard;
    Out.Width = static_cast<unsigned>(T.Columns.size()) + 1;
    Out.Caption = caption(B);
    for (const auto &H : T.Header) {
      Row R;
      for (const model::HeaderCell &C : H)
        R.push_back({C.Text, C.RowSpan, C.ColSpan});
      Out.Head.push_back(std::move(R));
    }
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
      Out.Notes.push_back(T.EmptyNote);
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
  std::string costClass(const std::string &Economic) const {
    if (Economic.size() < 3)
      return "";
    const model::CatalogueEntry *E = B.Economics.find(Economic.substr(0, 3));
    return E ? E->CostClass : "";
  }

  static bool anyPrefix(const std::vector<std::string> &Prefixes, llvm::StringRef Code) {
    for (const std::string &P : Prefixes)
      if (Code.startswith(P))
        return true;
    return false;
  }

  bool matches(const model::Filter &F, const model::Allocation &A) const {
    if (F.Nothing)
      return false;
    if (F.CarryOver && *F.CarryOver != A.CarryOver)
      return false;
    if (F.Basic && *F.Basic != A.isBasic())
      return false;
    if (!F.CostClasses.empty() &&
        (!A.isBasic() || std::find(F.CostClasses.begin(), F.CostClasses.end(),
                                   costClass(A.Economic)) == F.CostClasses.end()))
      return false;
    if (F.Appropriation && !(A.Source && A.Source->Appropriation))
      return false;
    if (!F.FundTypes.empty() || !F.FundNames.empty()) {
      bool Any = A.Source && (std::find(F.FundTypes.begin(), F.FundTypes.end(), A.Source->Type) !=
                                  F.FundTypes.end() ||
                              std::find(F.FundNames.begin(), F.FundNames.end(), A.Source->Name) !=
                                  F.FundNames.end());
      if (!Any)
        return false;
    }
    if (!F.Functions.empty() && !anyPrefix(F.Functions, A.Function))
      return false;
    if (!F.Economics.empty() && !anyPrefix(F.Economics, A.Economic))
      return false;
    if (!F.SanGong.empty()) {
      const model::CatalogueEntry *E = B.Economics.find(A.Economic);
      if (!E || E->SanGong.empty() ||
          std::find(F.SanGong.begin(), F.SanGong.end(), E->SanGong) == F.SanGong.end())
        return false;
    }
    if (F.RunningCosts) {
      if (!A.isBasic() || !(A.Source && A.Source->Appropriation) ||
          costClass(A.Economic) != "公用经费")
        return false;
      if (A.UnitIndex < B.OrgUnits.size() && !B.OrgUnits[A.UnitIndex].isAdministrative())
        return false;
    }
    return true;
  }

  bool matches(const Side &S, const model::Allocation &A) const {
    if (S.Terms && !matches(*S.Terms, A))
      return false;
    if (!S.Function.empty() && !llvm::StringRef(A.Function).startswith(S.Function))
      return false;
    if (!S.Economic.empty() && !llvm::StringRef(A.Economic).startswith(S.Economic))
      return false;
    return true;
  }

  std::optional<Decimal> sum(const Side &S, const model::Filter &Column) const {
    Decimal Total;
    for (const model::Allocation *A : InScope)
      if (matches(S, *A) && matches(Column, *A)) {
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

Cell label(std::string Text, unsigned ColSpan = 1, unsigned RowSpan = 1) {
  Cell C{std::move(Text), RowSpan, ColSpan};
  C.Emphasis = true;
  return C;
}

Cell text(std::string Text, unsigned ColSpan = 1, unsigned RowSpan = 1) {
  return Cell{std::move(Text), RowSpan, ColSpan};
}

Cell money(const model::Budget &B, Decimal Yuan, bool ZeroBlank = true) {
  Cell C;
  C.Amount = true;
  C.Yuan = Yuan;
  C.Text = ZeroBlank && Yuan.isZero() ? "" : Evaluator::amount(B, Yuan);
  return C;
}

/// How an indicator's value is printed: as written, without the spaces a writer may put
/// between comparator and number.
std::string valueText(const model::Indicator &I) {
  if (!I.HasValue)
    return "";
  if (I.Value.Kind == model::ValueKind::Qualitative)
    return I.Value.Text;
  std::string Out;
  for (char C : I.Value.Written)
    if (C != ' ' && C != '\t')
      Out += C;
  return Out;
}

Table unitsTable(const model::Budget &B) {
  Table T;
  T.Kind = TableKind::Units;
  T.Title = "部门机构设置情况";
  T.Width = 4;
  T.Head.push_back({text("单位名称"), text("单位性质"), text("单位规格"), text("经费保障形式")});
  for (const model::Unit &U : B.OrgUnits)
    T.Body.push_back({text(U.Name), text(U.Nature), text(U.Rank), text(U.Funding)});
  return T;
}

Table goalsTable(const model::Budget &B) {
  Table T;
  T.Kind = TableKind::Goals;
  T.Title = "部门整体绩效目标表";
  T.Width = 5;
  T.Caption = {B.DepartmentCode + B.DepartmentName, "预算年度：" + std::to_string(B.Year)};
  T.Head.push_back({text("序号"), text("分项"), text("绩效目标"), text("绩效指标"), text("指标值")});
  unsigned Seq = 0;
  for (const model::PerformanceArea &A : B.Areas) {
    unsigned AreaRows = 0;
    for (const model::DepartmentGoal &G : A.Goals)
      AreaRows += std::max<size_t>(1, G.Indicators.size());
    if (!AreaRows)
      continue;
    bool FirstOfArea = true;
    for (const model::DepartmentGoal &G : A.Goals) {
      unsigned GoalRows = static_cast<unsigned>(std::max<size_t>(1, G.Indicators.size()));
      for (unsigned K = 0; K < GoalRows; ++K) {
        Row R;
        if (FirstOfArea)
          R.push_back(text(std::to_string(++Seq), 1, AreaRows));
        if (FirstOfArea)
          R.push_back(label(A.Name, 1, AreaRows));
        FirstOfArea = false;
        if (K == 0)
          R.push_back(text(G.Statement, 1, GoalRows));
        if (K < G.Indicators.size()) {
          const model::Indicator &I = B.DepartmentIndicators[G.Indicators[K]];
          R.push_back(text(I.Name));
          R.push_back(text(valueText(I)));
        } else {
          R.push_back(text(""));
          R.push_back(text(""));
        }
        T.Body.push_back(std::move(R));
      }
    }
  }
  return T;
}

Table projectTable(const model::Budget &B, size_t Index, unsigned Ordinal) {
  const model::Project &P = B.Projects[Index];
  Table T;
  T.Kind = TableKind::Project;
  T.Project = static_cast<int>(Index);
  T.Title = P.Name + "绩效目标表";
  T.Width = 7;
  T.Caption = {std::to_string(Ordinal) + "、" + P.Name + "绩效目标表", "单位：" + B.MoneyUnit};
  Decimal Fiscal, Other;
  for (size_t A : P.Allocations) {
    const model::Allocation &Al = B.Allocations[A];
    Decimal &Part = Al.Source && Al.Source->Appropriation ? Fiscal : Other;
    if (auto S = Part.add(Al.Yuan))
      Part = *S;
  }
  T.Body.push_back({label("项目编码"), text(P.Code), label("项目名称"), text(P.Name, 4)});
  T.Body.push_back({label("预算规模及资金用途", 1, 2), label("预算数"), money(B, P.Yuan, false),
                    label("其中：财政资金"), money(B, Fiscal, false), label("其他资金"),
                    money(B, Other)});
  T.Body.push_back({text(P.Purpose, 6)});
  if (!P.Schedule.empty()) {
    // Months share the six columns; the last takes what is left.
    Row Months{label("资金支出计划（%）", 1, 2)}, Shares;
    size_t N = std::min<size_t>(P.Schedule.size(), 6);
    for (size_t I = 0; I < N; ++I) {
      unsigned Span = I + 1 == N ? static_cast<unsigned>(6 - (N - 1)) : 1;
      Months.push_back(label(std::to_string(P.Schedule[I].Month) + "月底", Span));
      Shares.push_back(text(P.Schedule[I].Share.toString() + "%", Span));
    }
    T.Body.push_back(std::move(Months));
    T.Body.push_back(std::move(Shares));
  }
  std::string Goals;
  for (size_t I = 0; I < P.Goals.size(); ++I)
    Goals += (I ? "\n" : "") + std::to_string(I + 1) + "." + P.Goals[I];
  T.Body.push_back({label("绩效目标"), text(Goals, 6)});
  T.Body.push_back({label("一级指标"), label("二级指标"), label("三级指标"), label("绩效指标描述"),
                    label("指标值"), label("指标值确定依据", 2)});
  const auto &Is = P.Indicators;
  for (size_t I = 0; I < Is.size(); ++I) {
    Row R;
    if (I == 0 || Is[I].Level1 != Is[I - 1].Level1) {
      unsigned Span = 1;
      while (I + Span < Is.size() && Is[I + Span].Level1 == Is[I].Level1)
        ++Span;
      R.push_back(text(Is[I].Level1, 1, Span));
    }
    R.push_back(text(Is[I].Level2)); // repeated on every row, as published
    R.push_back(text(Is[I].Name));
    R.push_back(text(Is[I].Description));
    R.push_back(text(valueText(Is[I])));
    R.push_back(text(Is[I].BasisText, 2));
    T.Body.push_back(std::move(R));
  }
  return T;
}

const model::TableFact *fact(const std::vector<model::TableFact> &Facts, llvm::StringRef Key) {
  for (const model::TableFact &F : Facts)
    if (F.Key == Key)
      return &F;
  return nullptr;
}

std::string factText(const model::TableFact *F) {
  return F && !F->Values.empty() ? F->Values[0] : "";
}

Table procurementTable(const model::Budget &B) {
  Table T;
  T.Kind = TableKind::Procurement;
  T.Title = "部门政府采购预算";
  T.Width = 8;
  T.Caption = {B.DepartmentCode + B.DepartmentName, "单位：" + B.MoneyUnit};
  T.Head.push_back({text("政府采购项目来源"), text("采购物品名称"), text("政府采购目录序号"),
                    text("计量单位"), text("数量"), text("单价"),
                    text("政府采购金额（当年部门预算安排资金）"),
                    text(std::to_string(B.Year) + "年预留中小微企业份额")});
  static const char *Keys[] = {"项目", "品目", "目录序号", "计量单位", "数量", "单价", "采购金额",
                               "中小企业份额"};
  for (const model::TableFact &F : B.Procurement) {
    Row R;
    for (const char *K : Keys)
      R.push_back(text(factText(fact(F.Children, K))));
    T.Body.push_back(std::move(R));
  }
  T.Notes.push_back("注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。"
                    "涉密采购事项按照相关规定执行。");
  if (T.Body.empty()) {
    T.Body.push_back(Row(T.Width));
    T.Notes.push_back("注：无政府采购预算，空表列示。");
  }
  return T;
}

Table assetsTable(const model::Budget &B) {
  Table T;
  T.Kind = TableKind::Assets;
  T.Title = "部门固定资产占用情况表";
  T.Width = 3;
  std::string Date = factText(fact(B.Assets, "截止日期"));
  T.Caption = {B.DepartmentCode + B.DepartmentName, "截止时间：" + Date};
  T.Head.push_back({text("项目"), text("数量"), text("价值（金额单位：" + B.MoneyUnit + "）")});
  for (const model::TableFact &F : B.Assets)
    if (F.Key == "资产")
      T.Body.push_back({text(F.Values.empty() ? "" : F.Values[0]),
                        text(factText(fact(F.Children, "数量"))),
                        text(factText(fact(F.Children, "价值")))});
  if (T.Body.empty()) {
    T.Body.push_back(Row(T.Width));
    T.Notes.push_back("注：无固定资产占用情况，空表列示。");
  }
  return T;
}

} // namespace

Disclosure build(const model::Budget &B, const model::Template &T) {
  Disclosure D;
  std::vector<const model::TableTemplate *> Standard;
  for (const model::TableTemplate &X : T.Tables)
    Standard.push_back(&X);
  std::stable_sort(Standard.begin(), Standard.end(),
                   [](auto *A, auto *C) { return A->Number < C->Number; });
  unsigned Next = 1;
  for (const model::TableTemplate *X : Standard) {
    D.Tables.push_back(Evaluator(B, *X, D.Overflow).run());
    Next = std::max(Next, X->Number + 1);
  }
  auto Add = [&](Table Tb) {
    Tb.Number = Next++;
    D.Tables.push_back(std::move(Tb));
  };
  Add(unitsTable(B));
  if (!B.Areas.empty())
    Add(goalsTable(B));
  for (size_t I = 0; I < B.Projects.size(); ++I)
    Add(projectTable(B, I, static_cast<unsigned>(I + 1)));
  if (B.HasProcurement)
    Add(procurementTable(B));
  if (B.HasAssets)
    Add(assetsTable(B));
  return D;
}

} // namespace budc::tables

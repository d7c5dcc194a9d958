//===- listing.cpp - Listing tables: units, goals, projects, procurement, assets ===//
//
// A listing table is laid out from its template's fixed rows (格), the budget's records
// (逐行) and a project's schedule (支出计划), for the whole budget or for one project.
//
//===----------------------------------------------------------------------===//
#include "compiler/tables/internal.h"

#include "compiler/model/amount.h"
#include "compiler/model/values.h"

namespace budc::tables::detail {
namespace {

const model::TableFact *fact(const std::vector<model::TableFact> &Facts, llvm::StringRef Key) {
  for (const model::TableFact &F : Facts)
    if (F.Key == Key)
      return &F;
  return nullptr;
}

std::string factText(const model::TableFact *F) {
  return F && !F->Values.empty() ? F->Values[0] : "";
}

/// How an indicator's value is printed: as written, without the spaces a writer may put
/// between comparator and number.
std::string valueText(const model::Indicator &I) {
  if (!I.HasValue)
    return "";
  if (I.Value.Kind == model::ValueKind::Qualitative)
    return I.Value.Text.str();
  std::string Out;
  for (char C : I.shownValue())
    if (C != ' ' && C != '\t')
      Out += C;
  return Out;
}

/// The number of a value as written, without comparator and unit: 68 of ≥68%.
std::string numberText(const model::Indicator &I) {
  if (!I.HasValue)
    return "";
  const model::TypedValue &V = I.Value;
  if (V.Kind == model::ValueKind::Qualitative || V.Kind == model::ValueKind::Date)
    return V.Text.str();
  llvm::StringRef W = V.Written;
  size_t B = W.find_first_of("-0123456789");
  if (B == llvm::StringRef::npos)
    return V.Number.toString();
  size_t E = W.find_first_not_of("-0123456789.", B);
  return W.slice(B, E).str();
}

/// One field of an indicator in a listing table (docs/tables.md): the columns as the model
/// reads them, so that swapped columns print where they belong.
std::string indicatorField(const model::Indicator &I, llvm::StringRef F) {
  using model::Indicator;
  if (F == "一级")
    return I.Level1.str();
  if (F == "二级")
    return I.Level2.str();
  if (F == "名称" || F == "指标")
    return I.Name.str();
  if (F == "描述")
    return I.Description.str();
  if (F == "指标值")
    return valueText(I);
  if (F == "依据")
    return I.BasisText.str();
  if (F == "数值")
    return numberText(I);
  if (F == "单位") { // as published: 天数 stays 天数
    if (!I.columns().UnitColumn.empty() && !(I.Columns & Indicator::NatureAsUnit))
      return I.columns().UnitColumn.str();
    if (I.Columns & Indicator::UnitAsNature)
      return I.columns().NatureColumn.str();
    if (I.Columns & Indicator::NounUnit)
      return I.columns().NounUnitWritten.str();
    return I.HasValue ? I.Value.Unit.str() : "";
  }
  if (F == "性质") {
    if (!I.columns().NatureColumn.empty() && !(I.Columns & Indicator::UnitAsNature))
      return I.columns().NatureColumn.str();
    if (I.Sense != model::ValueSense::None)
      return model::natureWord(I.Sense).str();
    return I.HasValue ? model::spelling(I.Value.Cmp).str() : "";
  }
  if (F == "权重")
    return I.HasWeight ? I.columns().Weight.toString() : "";
  if (F == "核心")
    return I.Core < 0 ? "" : I.Core ? "是" : "否";
  if (F == "内容")
    return I.columns().Content.str();
  if (F == "评分")
    return I.columns().Scoring.str();
  return "";
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
                   : L.Source == "项目"     ? TableKind::Standard
                                            : TableKind::Assets;
        break;
      }
    Out.Width = T.Width;
    bool Listed = false, AnyRecord = false;
    // The cells of the last 格 row that span down over the next 逐行's rows ([跨行 逐行]).
    std::vector<size_t> Down;
    // Where the last 逐行 stands, its fields, and the cells above that span down over it: an
    // empty table's blank row goes there, in the 逐行's columns, under those cells.
    size_t EmptyAt = 0, DownRow = 0;
    const model::ListingRow *EmptyShape = nullptr;
    std::vector<size_t> EmptyDown;
    for (const model::ListingRow &L : T.Lines) {
      switch (L.Kind) {
      case model::ListingRow::Fixed: {
        Row R;
        Down.clear();
        for (const model::TemplateCell &C : L.Cells) {
          if (C.DownRecords)
            Down.push_back(R.size());
          R.push_back(C.Kind == model::TemplateCell::Money ? money(C) : text(C, fill(C.Text)));
        }
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
        for (size_t C : Down) // (sema puts this 逐行 right under the row of those cells)
          Out.Body[Before - 1][C].RowSpan += static_cast<unsigned>(Out.Body.size() - Before);
        EmptyAt = Out.Body.size();
        EmptyShape = &L;
        EmptyDown = std::move(Down);
        DownRow = Before - 1;
        Down.clear();
        break;
      }
      }
    }
    // 空表: when nothing is listed, one blank row and the note; in the tables of projects only
    // for the form without a project (逐项目 with none), not for a project without indicators.
    if (Listed && !AnyRecord && !T.EmptyNote.empty() && (!T.PerProject || Project < 0)) {
      Row Blank;
      for (const model::TemplateCell &F : EmptyShape->Cells)
        Blank.push_back({"", 1, F.ColSpan});
      for (size_t C : EmptyDown)
        ++Out.Body[DownRow][C].RowSpan;
      Out.Body.insert(Out.Body.begin() + static_cast<std::ptrdiff_t>(EmptyAt), std::move(Blank));
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
    if (Project >= 0)
      Yuan = projectAmount(project(), C.Text);
    Cell X{Yuan.isZero() ? C.Zero : detail::money(B, T, Yuan), C.RowSpan, C.ColSpan};
    X.Amount = true;
    X.Yuan = Yuan;
    return X;
  }

  /// 支出计划: months across the columns after the label (the last takes what is left),
  /// shares under them; nothing when the project has no schedule.
  void schedule(const model::ListingRow &L, Table &Out) const {
    if (Project < 0) // the form of 逐项目 without a project
      return;
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
      std::vector<const model::TableFact *> Facts;
      for (const model::TableFact &X : Assets ? B.Assets : B.Procurement)
        if (!Assets || X.Key == "资产")
          Facts.push_back(&X);
      if (L.Total && !Facts.empty())
        Out.Body.push_back(sumRow(L, Facts, L.TotalLabel, 0, L.TotalSpan));
      factRows(L, Facts, 0, Out);
    } else if (L.Source == "整体绩效") {
      goals(Fields, Out);
    } else if (L.Source == "项目") {
      projects(L, Out);
    } else if (L.Source == "指标" && Project >= 0) {
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
          R.push_back(text(F, indicatorField(Is[I], F.Text))); // 二级 repeated on every row, as published
        }
        Out.Body.push_back(std::move(R));
      }
    }
  }

  /// The value of key \p Key of fact \p X; 名称, unless the fact has a key of that name, is
  /// the fact's own value (资产 "通用设备" …, 采购 复印纸 { … }).
  static std::string keyText(const model::TableFact &X, llvm::StringRef Key) {
    const model::TableFact *F = fact(X.Children, Key);
    return Key == "名称" && !F ? factText(&X) : factText(F);
  }

  /// A money cell of field \p F: \p Yuan in the table's format (#### when a sum overflowed).
  Cell amount(const model::TemplateCell &F, std::optional<Decimal> Yuan) const {
    Cell X = text(F, !Yuan             ? "####"
                     : Yuan->isZero()  ? (F.Zero.empty() ? T.Zero : F.Zero)
                                       : detail::money(B, T, *Yuan));
    X.Amount = true;
    X.Yuan = Yuan;
    return X;
  }

  /// The sum of the [货币] fields \p Only names (all of them when null) over \p Facts.
  static std::optional<Decimal> sum(const std::vector<const model::TableFact *> &Facts,
                                    const std::vector<model::TemplateCell> &Fields,
                                    const model::TemplateCell *Only) {
    Decimal Total;
    for (const model::TableFact *X : Facts)
      for (const model::TemplateCell &F : Fields)
        if (F.Kind == model::TemplateCell::Money && !F.RowTotal && (!Only || Only == &F))
          if (const model::TableFact *V = fact(X->Children, F.Text); V && V->Yuan) {
            auto Next = Total.add(*V->Yuan);
            if (!Next)
              return std::nullopt;
            Total = *Next;
          }
    return Total;
  }

  /// A row of sums over \p Facts: \p Label in the first column (over \p LabelSpan columns:
  /// whole fields before the first amount, as the template reader checked), indented by
  /// \p Depth, every [货币] field's sum and, in a [合计] field, the sum of them all.
  Row sumRow(const model::ListingRow &L, const std::vector<const model::TableFact *> &Facts,
             const std::string &Label, unsigned Depth, unsigned LabelSpan = 1) const {
    Row R;
    unsigned Covered = 0; // columns the label covers so far
    for (const model::TemplateCell &F : L.Cells) {
      if (R.empty()) {
        Cell X = text(F, Label);
        X.Indent = Depth;
        X.ColSpan = std::max(LabelSpan, X.ColSpan);
        Covered = F.ColSpan;
        R.push_back(std::move(X));
      } else if (Covered < LabelSpan) {
        Covered += F.ColSpan; // under the label
      } else if (F.Kind == model::TemplateCell::Money) {
        R.push_back(amount(F, sum(Facts, L.Cells, F.RowTotal ? nullptr : &F)));
      } else {
        R.push_back(text(F, ""));
      }
    }
    return R;
  }

  /// The facts' rows, grouped by the keys of [分组] from \p Depth on: each group, in the
  /// order its value first appears, is led by a row of its value and its sums; a key the
  /// rows are grouped by is blank on the facts' own rows.
  void factRows(const model::ListingRow &L, const std::vector<const model::TableFact *> &Facts,
                size_t Depth, Table &Out) const {
    if (Depth < L.GroupBy.size()) {
      std::vector<std::pair<std::string, std::vector<const model::TableFact *>>> Groups;
      for (const model::TableFact *X : Facts) {
        std::string V = keyText(*X, L.GroupBy[Depth]);
        auto It = std::find_if(Groups.begin(), Groups.end(), [&](auto &G) { return G.first == V; });
        if (It == Groups.end())
          It = Groups.insert(Groups.end(), {V, {}});
        It->second.push_back(X);
      }
      for (const auto &[Value, Members] : Groups) {
        Out.Body.push_back(sumRow(L, Members, Value, static_cast<unsigned>(Depth)));
        factRows(L, Members, Depth + 1, Out);
      }
      return;
    }
    for (const model::TableFact *X : Facts) {
      Row R;
      for (const model::TemplateCell &F : L.Cells) {
        const model::TableFact *V = fact(X->Children, F.Text);
        if (F.Kind == model::TemplateCell::Money && V && !V->Yuan && !F.RowTotal)
          R.push_back(text(F, factText(V))); // not read as money: as written
        else if (F.Kind == model::TemplateCell::Money)
          R.push_back(amount(F, sum({X}, L.Cells, F.RowTotal ? nullptr : &F)));
        else if (std::find(L.GroupBy.begin(), L.GroupBy.end(), F.Text) != L.GroupBy.end())
          R.push_back(text(F, ""));
        else if (V && V->Yuan) { // an asset's 价值: an amount, printed as the table prints them
          Cell A = text(F, detail::money(B, T, *V->Yuan));
          A.Amount = true;
          A.Yuan = V->Yuan;
          R.push_back(std::move(A));
        } else
          R.push_back(text(F, keyText(*X, F.Text)));
      }
      Out.Body.push_back(std::move(R));
    }
  }

  /// Every project, a row per indicator (one for a project without): the project's fields
  /// merge over its rows (重庆 表十二: 序号, 项目名称, 当年财政拨款预算金额, 当年绩效目标).
  /// With [一般性], the 市级重点专项资金 are left out (and not counted by 序号).
  void projects(const model::ListingRow &L, Table &Out) const {
    const std::vector<model::TemplateCell> &Fields = L.Cells;
    unsigned Seq = 0;
    for (size_t N = 0; N < B.Projects.size(); ++N) {
      const model::Project &P = B.Projects[N];
      if (L.GeneralOnly && P.SpecialFund)
        continue;
      ++Seq;
      unsigned Rows = static_cast<unsigned>(std::max<size_t>(1, P.Indicators.size()));
      for (unsigned K = 0; K < Rows; ++K) {
        const model::Indicator *I = K < P.Indicators.size() ? &P.Indicators[K] : nullptr;
        Row R;
        for (const model::TemplateCell &F : Fields) {
          bool Amount = F.Text == "预算数" || F.Text == "财政资金" || F.Text == "其他资金";
          bool Own = Amount || F.Text == "序号" || F.Text == "项目编码" ||
                     F.Text == "项目名称" || F.Text == "绩效目标" || F.Text == "用途";
          if (!Own) {
            R.push_back(text(F, I ? indicatorField(*I, F.Text) : ""));
            continue;
          }
          if (K != 0)
            continue;
          Cell X;
          if (Amount) {
            Decimal Yuan = projectAmount(P, F.Text);
            X = {Yuan.isZero() ? T.Zero : detail::money(B, T, Yuan), 1, F.ColSpan};
            X.Amount = true;
            X.Yuan = Yuan;
          } else {
            X = text(F, F.Text == "序号"       ? std::to_string(Seq)
                        : F.Text == "项目编码" ? P.Code
                        : F.Text == "项目名称" ? P.Name
                        : F.Text == "用途"     ? P.Purpose
                                               : goalsText(P));
          }
          X.RowSpan = Rows;
          R.push_back(std::move(X));
        }
        Out.Body.push_back(std::move(R));
      }
    }
  }

  /// 预算数 (the project's amount), 财政资金 (its 财政拨款 part) or 其他资金 (the rest).
  static Decimal projectAmount(const model::Project &P, llvm::StringRef Which) {
    if (Which == "预算数")
      return P.Yuan;
    if (Which == "市级支出" || Which == "补助区县") // of a 市级重点专项资金
      return Which == "市级支出" ? P.CityYuan : P.CountyYuan;
    Decimal Yuan;
    bool Fiscal = Which == "财政资金";
    for (const model::ProjectAmount &M : P.Amounts)
      if ((M.Source && M.Source->Appropriation) == Fiscal)
        if (auto S = Yuan.add(M.Yuan))
          Yuan = *S; // parts of the project's amount, which fits
    return Yuan;
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
              R.push_back(text(F, I ? indicatorField(*I, F.Text) : ""));
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

bool listingApplies(const model::Budget &B, const model::TableTemplate &T) {
  return Listing::applies(B, T);
}

Table listing(const model::Budget &B, const model::TableTemplate &T, int Project,
              unsigned Ordinal) {
  return Listing(B, T, Project, Ordinal).run();
}

Table forms(const model::Budget &B, const model::TableTemplate &T) {
  Table Out;
  unsigned N = 0;
  for (size_t I = 0; I < B.Projects.size(); ++I) {
    if (T.SpecialFundsOnly && !B.Projects[I].SpecialFund)
      continue;
    Table Form = listing(B, T, static_cast<int>(I), ++N);
    if (N == 1)
      Out = std::move(Form);
    else // the next form, under the last: one table, its title and notes once
      Out.Body.insert(Out.Body.end(), std::make_move_iterator(Form.Body.begin()),
                      std::make_move_iterator(Form.Body.end()));
  }
  if (N == 0)
    Out = listing(B, T, -1, 0);
  Out.Kind = TableKind::Standard; // one table of the department's, not a project's
  Out.Project = -1;
  return Out;
}

} // namespace budc::tables::detail

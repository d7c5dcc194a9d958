//===- evaluate.cpp - Evaluating a standard table over the allocations ------===//
//
// A standard table's rows (fixed, trees of codes, units, projects) are expanded into lines;
// every money cell of a line is a sum over the allocations its row and column select.
//
//===----------------------------------------------------------------------===//
#include "compiler/tables/internal.h"

#include "compiler/model/amount.h"
#include "compiler/model/values.h"

#include <climits>
#include <functional>
#include <map>
#include <tuple>
#include <set>

namespace budc::tables::detail {
namespace {

/// One side of an expanded row: what it is called and which allocations it adds.
struct Side {
  bool Present = false;
  std::string Code, Label;
  const model::Query *Terms = nullptr;
  std::string Function, Economic; ///< code prefixes of tree rows
  bool Total = false;
  std::optional<size_t> Unit; ///< the facts of this unit only (行 单位)
  int Project = -1;           ///< the facts of this project only (行 项目)
  bool UnitRow = false;       ///< the row of a unit itself
  unsigned Level = 0;         ///< depth in its tree, for an indented label
  unsigned LabelSpan = 1;     ///< the label spans this many text columns
  std::string Number;         ///< its outline number (一、), printed before the label
  model::Measure M = model::Measure::Value; ///< [上年数], [增减额], [增减率]: its amounts'
  bool MayLack = false;                     ///< [可缺]
  const Span *MeasureWhere = nullptr;
  bool ShowUnit = false; ///< the first row of a unit's rows that has no row of its own
};

struct Line {
  Side S[2];
  bool Blank = false;     ///< 行 空: an empty row
  bool WhenEmpty = false; ///< kept only when the table's amounts are all zero
};

/// The outline number \p N (1-based) in the style of first number \p Style: 一、 （一） 1. …
std::string outlineNumber(llvm::StringRef Style, unsigned N) {
  static const char *const Digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  size_t At = Style.find("一");
  if (At == llvm::StringRef::npos) {
    At = Style.find('1');
    return Style.take_front(At).str() + std::to_string(N) + Style.drop_front(At + 1).str();
  }
  std::string Word;
  if (N >= 100) {
    Word = std::to_string(N);
  } else {
    unsigned Tens = N / 10, Ones = N % 10;
    if (Tens > 1)
      Word += Digits[Tens];
    if (Tens)
      Word += "十";
    Word += Digits[Ones];
  }
  return Style.take_front(At).str() + Word + Style.drop_front(At + 3).str();
}

/// Evaluates one standard table.
class Evaluator {
public:
  Evaluator(const model::Budget &B, const model::TableTemplate &T, bool &Overflow,
            CellGaps *Gaps = nullptr)
      : B(B), T(T), Overflow(Overflow), Gaps(Gaps) {
    // The allocations a cell may add, found once: the scope's (a cell's query includes the
    // scope), carry-forwards too, which only a cell that names them adds.
    model::Query Pre = T.Scope;
    Pre.Natures = (Pre.Natures ? Pre.Natures : model::Query::SpentNatures) |
                  1u << unsigned(model::Nature::CarryForward);
    Pre.AnyView = true;
    for (const model::Allocation &A : B.Allocations)
      if (!Pre.spending() || Pre.matches(B, A))
        InScope.push_back(&A);
    for (const model::TemplateColumn &C : T.Columns)
      HasUnitColumn |= C.Kind == model::TemplateColumn::Unit;
    for (const model::Allocation &A : B.Allocations)
      if (A.Kind == model::Nature::Project && A.Project < 0)
        UnitBlocks.insert(A.UnitIndex);
    for (const model::Allocation *A : InScope)
      Held |= A->UnitIndex == model::DepartmentLevel;
    if (Held)
      UnitFigures = model::declaredOfUnits(B);
  }

  Table run() {
    Table Out = frame(B, T, -1, 0);
    Out.Kind = TableKind::Standard;
    Out.Width = static_cast<unsigned>(T.Columns.size()) + (T.Ordinal ? 1 : 0);
    Out.Ordinal = T.Ordinal;
    if (Out.Caption.empty() && !T.NoCaption)
      Out.Caption = caption(B, T);
    if (T.ColumnNumbers != model::TableTemplate::NoNumbers)
      Out.Head.push_back(columnNumbers(Out.Width));
    std::vector<Line> Lines;
    for (const model::TemplateRow &R : T.Rows)
      expand(R, Lines, -1, {});
    bool AnyAmount = false;
    std::vector<std::pair<Row, bool>> Rows; // (row, kept only when empty)
    unsigned Seq = 0;
    for (const Line &L : Lines) {
      if (L.Blank) {
        Rows.push_back({Row(Out.Width), L.WhenEmpty});
        continue;
      }
      Row R;
      if (T.Ordinal)
        R.push_back({std::to_string(++Seq)});
      for (size_t I = 0; I < T.Columns.size(); ++I) {
        const model::TemplateColumn &C = T.Columns[I];
        const Side &S = L.S[C.Side];
        if (!S.Present) {
          R.push_back({});
          continue;
        }
        if (C.Kind != model::TemplateColumn::Amount && S.LabelSpan > 1) {
          // The label spans this and the next text columns of its side.
          Cell X{S.Number + S.Label, 1, 1};
          for (size_t K = I + 1; K < T.Columns.size() && X.ColSpan < S.LabelSpan &&
                                 T.Columns[K].Kind != model::TemplateColumn::Amount &&
                                 T.Columns[K].Side == C.Side;
               ++K)
            ++X.ColSpan;
          I += X.ColSpan - 1;
          R.push_back(std::move(X));
          continue;
        }
        R.push_back(cell(C, S, AnyAmount));
      }
      Rows.push_back({std::move(R), false});
    }
    bool Empty = !AnyAmount;
    if (Empty && T.EmptySet && !T.KeepRows) {
      Out.Body.assign(1, Row(Out.Width));
    } else {
      for (auto &[R, OnlyEmpty] : Rows)
        if (!OnlyEmpty || Empty)
          Out.Body.push_back(std::move(R));
    }
    if (Empty && !T.EmptyNote.empty())
      Out.Notes.push_back(fillFields(B, -1, 0, T.EmptyNote, T.MoneyUnit));
    return Out;
  }

  static std::vector<std::string> caption(const model::Budget &B, const model::TableTemplate &T) {
    return {fillFields(B, -1, 0, "{部门编码}{部门名称}"), "预算年度：" + std::to_string(B.Year),
            "单位：" + (T.MoneyUnit.empty() ? B.MoneyUnit : T.MoneyUnit)};
  }

private:
  /// The cell of column \p C on row side \p S (a text column, or an amount: its sum).
  Cell cell(const model::TemplateColumn &C, const Side &S, bool &AnyAmount) const {
    switch (C.Kind) {
    case model::TemplateColumn::Code:
      return {codePart(S, C.Part)};
    case model::TemplateColumn::Label: {
      if (S.UnitRow && HasUnitColumn)
        return {};
      std::string Text = S.Label.find('{') == std::string::npos
                             ? S.Label
                             : fillFields(B, -1, 0, S.Label, T.MoneyUnit); // {年度}年 (深圳 表9)
      if (!C.Pattern.empty() && (!S.Function.empty() || !S.Economic.empty())) {
        Text.clear();
        llvm::StringRef P = C.Pattern;
        while (!P.empty()) {
          size_t Open = P.find('{'), Close = P.find('}', Open);
          if (Open == llvm::StringRef::npos || Close == llvm::StringRef::npos) {
            Text += P.str();
            break;
          }
          llvm::StringRef F = P.slice(Open + 1, Close);
          Text += P.take_front(Open).str() + (F == "编码" ? S.Code : S.Label);
          P = P.drop_front(Close + 1);
        }
      }
      Cell X{S.Number + Text};
      if (C.Indent)
        X.Indent = S.Level;
      return X;
    }
    case model::TemplateColumn::Unit: {
      size_t U = S.Project >= 0 ? B.Projects[static_cast<size_t>(S.Project)].UnitIndex
                                : S.Unit.value_or(model::DepartmentLevel);
      bool Shown = (S.UnitRow || S.ShowUnit || S.Project >= 0) && U < B.OrgUnits.size();
      return {Shown ? B.OrgUnits[U].Name : ""};
    }
    case model::TemplateColumn::Field:
      return {field(C.FieldName, S)};
    case model::TemplateColumn::Amount:
      break;
    }
    bool ByColumn = C.M != model::Measure::Value;
    model::Measure M = ByColumn ? C.M : S.M;
    if (M != model::Measure::Value)
      return lastYearCell(C, S, M, ByColumn ? C.MayLack : S.MayLack,
                          ByColumn ? &C.MeasureWhere : S.MeasureWhere, AnyAmount);
    bool Unknown = false;
    std::optional<Decimal> Sum = sum(S, &C, Unknown);
    Cell X;
    X.Amount = true;
    if (Unknown) {
      // A figure the facts cannot give, and no declared figure states: nothing to print.
    } else if (!Sum) {
      Overflow = true;
      X.Text = "####";
    } else {
      X.Yuan = *Sum;
      AnyAmount |= !Sum->isZero();
      X.Text = Sum->isZero() ? (C.ZeroSet ? C.Zero : T.Zero) : detail::money(B, T, *Sum);
    }
    return X;
  }

  /// The code of a row, or one level's digits of a classification code: 类 the first three,
  /// 款 the next two, 项 the two after (blank on a row of a higher level). A code that is not
  /// a classification's (a unit's) stands whole in the 类 column.
  static std::string codePart(const Side &S, unsigned Part) {
    const std::string &Code = S.Code;
    if (!Part)
      return Code;
    if (S.Function.empty() && S.Economic.empty())
      return Part == 1 ? Code : "";
    size_t From = Part == 1 ? 0 : Part == 2 ? 3 : 5, Len = Part == 1 ? 3 : 2;
    return Code.size() >= From + Len ? Code.substr(From, Len) : "";
  }

  /// A field of the row's project or unit (列 字段).
  std::string field(llvm::StringRef F, const Side &S) const {
    const model::Project *P =
        S.Project >= 0 ? &B.Projects[static_cast<size_t>(S.Project)] : nullptr;
    size_t U = P ? P->UnitIndex : S.Unit.value_or(model::DepartmentLevel);
    if (F == "单位名称" || F == "单位编码") {
      if ((!P && !S.UnitRow) || U >= B.OrgUnits.size())
        return "";
      return F == "单位名称" ? B.OrgUnits[U].Name : B.OrgUnits[U].Code;
    }
    if (!P)
      return "";
    if (F == "项目编码")
      return P->Code;
    if (F == "项目名称")
      return P->Name;
    if (F == "用途")
      return P->Purpose;
    if (F == "绩效目标")
      return goalsText(*P);
    return "";
  }

  /// The 栏次 row: 栏次 in the first place, then every column numbered 1, 2, …, or (栏次 金额)
  /// 栏次 over the columns before the first amount and only the amounts numbered.
  Row columnNumbers(unsigned Width) const {
    Row R;
    unsigned Skip = T.Ordinal ? 1 : 0;
    if (T.ColumnNumbers == model::TableTemplate::AllNumbers) {
      R.push_back({"栏次"});
      for (unsigned I = 1; I < Width; ++I)
        R.push_back({std::to_string(I)});
      return R;
    }
    size_t First = 0;
    while (First < T.Columns.size() && T.Columns[First].Kind != model::TemplateColumn::Amount)
      ++First;
    unsigned Span = static_cast<unsigned>(First) + Skip;
    size_t From = First;
    if (!Span) { // the first column is an amount: 栏次 takes its place
      Span = 1;
      From = 1;
    }
    R.push_back({"栏次", 1, Span});
    unsigned N = 0;
    for (size_t I = From; I < T.Columns.size(); ++I)
      R.push_back({T.Columns[I].Kind == model::TemplateColumn::Amount ? std::to_string(++N) : ""});
    return R;
  }

  /// The cell of row side \p S in column \p Column: the facts its row, its column and the
  /// table's scope all name (control totals for an income figure, else allocations).
  /// A cell of last year (上年数), of the change (增减额) or of its rate (增减率, in percent):
  /// this year's figure of the cell against last year's, as the workspace carries it (the 上年
  /// block's figure of the same facts within the table's scope, last year's workspace, or a
  /// declared 上年数). Where last year does not give it, the cell is blank, and a gap unless
  /// the template marks it [可缺] and the workspace carries no last year at all.
  Cell lastYearCell(const model::TemplateColumn &C, const Side &S, model::Measure M, bool MayLack,
                    const Span *Where, bool &AnyAmount) const {
    Cell X;
    X.Amount = true;
    model::Query Q = query(S, C.Terms);
    std::optional<Decimal> Last = lastYear(Q);
    if (!Last) {
      // [可缺]: blank in a workspace that carries no last year at all; one that does must
      // give every cell.
      if (Gaps && Where && (!MayLack || model::hasLastYear(B)))
        Gaps->LastYear.push_back({*Where, rowLabel(S), columnNumber(C)});
      return X;
    }
    std::optional<Decimal> Value = Last;
    if (M != model::Measure::LastYear) {
      bool Unknown = false;
      std::optional<Decimal> This = sum(S, &C, Unknown);
      if (Unknown)
        return X;
      Value = This ? This->sub(*Last) : std::nullopt;
      if (Value && M == model::Measure::Rate) {
        if (Last->isZero())
          return X; // no rate of a change from nothing
        unsigned Places = T.Decimals >= 0 ? static_cast<unsigned>(T.Decimals) : 2;
        std::optional<Decimal> P = model::percent(*Value, *Last, Places);
        if (!P) {
          Overflow = true;
          X.Text = "####";
          return X;
        }
        X.Text = P->isZero() ? (C.ZeroSet ? C.Zero : T.Zero) : P->toString(Places);
        AnyAmount |= !P->isZero();
        return X;
      }
    }
    if (!Value) {
      Overflow = true;
      X.Text = "####";
      return X;
    }
    X.Yuan = *Value;
    AnyAmount |= !Value->isZero();
    X.Text = Value->isZero() ? (C.ZeroSet ? C.Zero : T.Zero) : detail::money(B, T, *Value);
    return X;
  }

  std::string rowLabel(const Side &S) const {
    return S.Number + fillFields(B, -1, 0, S.Label, T.MoneyUnit);
  }
  /// The 1-based place of column \p C in the printed table (序号 counted).
  unsigned columnNumber(const model::TemplateColumn &C) const {
    return static_cast<unsigned>(&C - T.Columns.data()) + (T.Ordinal ? 2 : 1);
  }

  /// Last year's value of cell query \p Q, in 元; nullopt when the workspace does not carry it.
  std::optional<Decimal> lastYear(const model::Query &Q) const {
    if (B.Previous) {
      if (const model::Declared *D = declared(B.Previous->Figures, Q))
        return D->Yuan;
      if (B.Previous->Facts) {
        const model::Budget &P = *B.Previous->Facts;
        if (auto K = model::thisYear(P, model::translate(Q, B, P)))
          return K->Value;
      }
    }
    if (const model::Declared *D = declared(B.DeclaredFigures, Q, model::Measure::LastYear))
      return D->Yuan;
    return std::nullopt;
  }

  /// What the cell of row side \p S and column terms \p Column adds: the table's scope, the
  /// column's and the row's constraints.
  model::Query query(const Side &S, const model::Query &Column) const {
    model::Query Q = model::Query::intersect(T.Scope, Column);
    if (S.Terms)
      Q = model::Query::intersect(Q, *S.Terms);
    if (!S.Function.empty() || !S.Economic.empty() || S.Unit || S.Project >= 0) {
      model::Query Row;
      if (!S.Function.empty())
        Row.Functions = {S.Function};
      if (!S.Economic.empty())
        Row.Economics = {S.Economic};
      if (S.Unit)
        Row.Units = std::vector<size_t>{*S.Unit};
      if (S.Project >= 0)
        Row.Projects = std::vector<int>{S.Project};
      Q = model::Query::intersect(Q, Row);
    }
    return Q;
  }

  std::optional<Decimal> sum(const Side &S, const model::TemplateColumn *Column,
                             bool &Unknown) const {
    static const model::Query None;
    model::Query Q = query(S, Column ? Column->Terms : None);
    if (Q.Underivable) {
      // A figure the facts cannot give (不可推导): the declared figure that names the same
      // facts, within the table's scope, states it (广州 表8: 行政经费, declared by fund).
      if (const model::Declared *D = declared(B.DeclaredFigures, Q))
        return D->Yuan;
      Unknown = true;
      return Decimal();
    }
    // A unit's part of money the facts hold for the department as a whole (广州 表11: basic
    // money by function and 款 for the department, by unit and 类 in the table) is not in the
    // facts: the unit's declared figure states it; without one the cell is blank, and a gap.
    if (auto Share = share(S, Column, Q)) {
      if (const model::Declared *D = model::declaredShare(B, Q, &UnitFigures[*S.Unit], Share->Neutral))
        return D->Yuan;
      if (Gaps && S.Unit && Column)
        Gaps->Shares.push_back({*S.Unit, rowLabel(S), columnNumber(*Column)});
      Unknown = true;
      return Decimal();
    }
    // A project's money may be a record (no allocations): the evaluator adds its amounts.
    if (!Q.spending() || Q.Projects)
      return model::evaluate(B, Q);
    Decimal Total;
    for (const model::Allocation *A : InScope) // (the scope's allocations, found once)
      if (Q.matches(B, *A)) {
        auto Next = Total.add(A->Yuan);
        if (!Next)
          return std::nullopt;
        Total = *Next;
      }
    // A unit's own row adds its projects that are records of money the department's 项目支出
    // blocks give for the department as a whole (广州 表12: the blocks are the department's,
    // the projects each unit's), unless the unit has blocks of its own holding that money.
    if (S.UnitRow && S.Unit && S.Function.empty() && S.Economic.empty() &&
        !UnitBlocks.count(*S.Unit))
      for (const model::Project &P : B.Projects)
        if (P.UnitIndex == *S.Unit && !P.Itemised)
          for (const model::ProjectAmount &M : P.Amounts)
            if (Q.matches(B, P, M)) {
              auto Next = Total.add(M.Yuan);
              if (!Next)
                return std::nullopt;
              Total = *Next;
            }
    return Total;
  }

  /// Of a unit's cell \p Q (row side \p S, column \p Column) over money held for the department
  /// as a whole: whether its funds are neutral (model::fundsNeutral); nullopt for any other
  /// cell. Found once for a row and column, whatever the unit.
  struct Share {
    bool Neutral = false;
  };
  std::optional<Share> share(const Side &S, const model::TemplateColumn *Column,
                             const model::Query &Q) const {
    if (!Held || !S.Unit || *S.Unit >= UnitFigures.size())
      return std::nullopt;
    auto Key = std::make_tuple(S.Function, S.Economic, static_cast<const void *>(S.Terms),
                               static_cast<const void *>(Column), S.Project);
    auto [It, New] = Shares.try_emplace(std::move(Key));
    if (New && model::heldForDepartment(B, Q))
      It->second = Share{model::fundsNeutral(B, Q)};
    return It->second;
  }

  /// The declared figure, among \p Ds and their parts, with an amount that names what \p Q
  /// does within the table's scope; null when there is none.
  const model::Declared *declared(const std::vector<model::Declared> &Ds, const model::Query &Q,
                                  model::Measure M = model::Measure::Value) const {
    for (const model::Declared &D : Ds) {
      if (D.HasAmount && D.M == M && same(model::Query::intersect(T.Scope, D.Figure), Q))
        return &D;
      if (const model::Declared *C = declared(D.Children, Q, M))
        return C;
    }
    return nullptr;
  }

  /// Whether two queries add the same facts, as written: every constraint alike (code
  /// prefixes as sets).
  static bool same(const model::Query &A, const model::Query &B) {
    auto Set = [](std::vector<std::string> V) {
      std::sort(V.begin(), V.end());
      V.erase(std::unique(V.begin(), V.end()), V.end());
      return V;
    };
    return A.Income == B.Income && A.Empty == B.Empty && A.Underivable == B.Underivable &&
           A.UnderivableName == B.UnderivableName &&
           A.CarryOver == B.CarryOver && A.Natures == B.Natures &&
           A.CostClasses == B.CostClasses && A.Funds == B.Funds && A.Units == B.Units &&
           A.Projects == B.Projects && A.RunningCosts == B.RunningCosts &&
           Set(A.Functions) == Set(B.Functions) && Set(A.Economics) == Set(B.Economics);
  }

  /// The rows of one template row, one side of them when \p OnlySide is 0 or 1, for the unit
  /// \p Unit when given (the rows of 行 单位 { … }).
  void expand(const model::TemplateRow &R, std::vector<Line> &Out, int OnlySide,
              std::optional<size_t> Unit) {
    auto Put = [&](Side S) {
      Line L;
      S.Unit = Unit;
      L.S[OnlySide < 0 ? 0 : OnlySide] = std::move(S);
      Out.push_back(std::move(L));
    };
    switch (R.Kind) {
    case model::TemplateRow::Total: {
      Side S;
      S.Present = true;
      S.Label = R.Label[0];
      S.Total = true;
      S.LabelSpan = R.LabelSpan;
      S.M = R.M;
      S.MayLack = R.MayLack;
      S.MeasureWhere = &R.MeasureWhere;
      if (Unit && *Unit < B.OrgUnits.size()) { // a unit's own row
        S.Label = B.OrgUnits[*Unit].Name;
        S.Code = B.OrgUnits[*Unit].Code;
        S.UnitRow = true;
      }
      Put(S);
      return;
    }
    case model::TemplateRow::Department: {
      if (model::unitBudget(B)) // a unit's own budget has no department row (苏州水务 公开02)
        return;
      Side S;
      S.Present = true;
      S.Label = B.DepartmentName;
      S.Code = B.DepartmentCode;
      S.Total = true;
      S.LabelSpan = R.LabelSpan;
      Put(S);
      return;
    }
    case model::TemplateRow::Blank:
      for (unsigned I = 0; I < R.Count; ++I) {
        Line L;
        L.Blank = true;
        L.WhenEmpty = R.WhenEmpty;
        Out.push_back(std::move(L));
      }
      return;
    case model::TemplateRow::Units: {
      // Each unit's rows, and whether the rows list records (projects, codes) and found some.
      struct Rows {
        std::vector<Line> Lines;
        bool Lists = false;
        size_t Listed = 0;
      };
      std::vector<Rows> Units(B.OrgUnits.size());
      bool AnyListed = false;
      for (size_t U = 0; U < B.OrgUnits.size(); ++U) {
        Rows &X = Units[U];
        if (R.Inner.empty()) {
          model::TemplateRow Own;
          Own.Kind = model::TemplateRow::Total;
          expand(Own, X.Lines, OnlySide, U);
          continue;
        }
        for (const model::TemplateRow &In : R.Inner) {
          size_t At = X.Lines.size();
          expand(In, X.Lines, OnlySide, U);
          if (In.Kind == model::TemplateRow::Projects || In.Kind == model::TemplateRow::FunctionTree ||
              In.Kind == model::TemplateRow::EconomicTree) {
            X.Lists = true;
            X.Listed += X.Lines.size() - At;
          }
        }
        AnyListed |= X.Listed > 0;
        // Rows of a unit none of which is the unit's own (深圳 表9: 2025年, 2026年, 增减变化金额)
        // show the unit's name on the first.
        bool Own = false;
        for (const Line &L : X.Lines)
          for (const Side &S : L.S)
            Own |= S.UnitRow;
        if (!Own && !X.Lines.empty())
          X.Lines.front().S[OnlySide < 0 ? 0 : OnlySide].ShowUnit = true;
      }
      unsigned Shown = 0;
      for (size_t U = 0; U < B.OrgUnits.size(); ++U) {
        Rows &X = Units[U];
        // A unit none of whose records the rows list has nothing to show in the table: it is
        // left out (广州 表12 omits a unit without projects) — unless no unit has any, when the
        // table is empty and prints its units' rows of zeros as published (深圳 表10).
        if (X.Lists && !X.Listed && AnyListed)
          continue;
        size_t Before = Out.size();
        Out.insert(Out.end(), std::make_move_iterator(X.Lines.begin()),
                   std::make_move_iterator(X.Lines.end()));
        ++Shown;
        if (!R.Numbering.empty() && Out.size() > Before)
          Out[Before].S[OnlySide < 0 ? 0 : OnlySide].Number = outlineNumber(R.Numbering, Shown);
        if (!R.OwnSuffix.empty() && B.OrgUnits[U].Name == B.DepartmentName)
          for (size_t K = Before; K < Out.size(); ++K)
            for (Side &S : Out[K].S)
              if (S.UnitRow)
                S.Label += R.OwnSuffix;
      }
      return;
    }
    case model::TemplateRow::Projects: {
      unsigned N = 0;
      std::vector<size_t> Order;
      for (size_t I = 0; I < B.Projects.size(); ++I)
        if (!R.KeyOnly || B.Projects[I].Key)
          Order.push_back(I);
      if (R.KeyOnly) // by their numbers (重点 N), those without one after them
        std::stable_sort(Order.begin(), Order.end(), [&](size_t X, size_t Y) {
          unsigned A = B.Projects[X].KeyOrder, C = B.Projects[Y].KeyOrder;
          return (A ? A : UINT_MAX) < (C ? C : UINT_MAX);
        });
      for (size_t I : Order) {
        const model::Project &P = B.Projects[I];
        if (Unit && P.UnitIndex != *Unit)
          continue;
        Side S;
        S.Present = true;
        S.Label = P.Name;
        S.Code = P.Code;
        S.Project = static_cast<int>(I);
        S.Level = Unit ? 1 : 0;
        if (!R.Numbering.empty())
          S.Number = outlineNumber(R.Numbering, ++N);
        Put(S);
      }
      return;
    }
    case model::TemplateRow::Fixed: {
      if (OnlySide >= 0 || Unit) {
        Side S;
        S.Present = true;
        S.Label = R.Label[0];
        S.Terms = &R.Terms[0];
        S.LabelSpan = R.LabelSpan;
        S.Level = R.Indent;
        S.M = R.M;
        S.MayLack = R.MayLack;
        S.MeasureWhere = &R.MeasureWhere;
        Put(S);
        return;
      }
      Line L;
      for (unsigned I = 0; I < 2; ++I)
        if (R.Has[I]) {
          L.S[I].Present = true;
          L.S[I].Label = R.Label[I];
          L.S[I].Terms = &R.Terms[I];
          L.S[I].LabelSpan = R.LabelSpan;
          L.S[I].Level = R.Indent;
          L.S[I].M = R.M;
          L.S[I].MayLack = R.MayLack;
          L.S[I].MeasureWhere = &R.MeasureWhere;
        }
      Out.push_back(std::move(L));
      return;
    }
    case model::TemplateRow::FunctionTree:
    case model::TemplateRow::EconomicTree: {
      bool Function = R.Kind == model::TemplateRow::FunctionTree;
      const model::Catalogue &Cat = Function ? B.Functions : B.Economics;
      // A unit's rows: its codes, and those of money held for the department as a whole
      // (its part of which the unit declares), but a code whose part it declares is nothing.
      std::set<std::string> Codes, Whole;
      for (const model::Allocation *A : InScope) {
        bool Own = !Unit || A->UnitIndex == *Unit;
        if (!Own && A->UnitIndex != model::DepartmentLevel)
          continue;
        const std::string &Code = Function ? A->Function : A->Economic;
        for (unsigned Len : R.Levels)
          if (Code.size() >= Len)
            (Own ? Codes : Whole).insert(Code.substr(0, Len));
      }
      unsigned N = 0;
      for (const std::string &C : Whole) {
        if (Codes.count(C))
          continue;
        Side S;
        (Function ? S.Function : S.Economic) = C;
        S.Unit = Unit;
        model::Query Q = query(S, {});
        auto Share = share(S, nullptr, Q);
        const model::Declared *D =
            Share ? model::declaredShare(B, Q, &UnitFigures[*S.Unit], Share->Neutral) : nullptr;
        if (!D || !D->Yuan.isZero())
          Codes.insert(C);
      }
      for (const std::string &Code : Codes) {
        Side S;
        S.Present = true;
        S.Code = Code;
        const model::CatalogueEntry *E = Cat.find(Code);
        S.Label = E ? E->Name : "";
        (Function ? S.Function : S.Economic) = Code;
        unsigned Level = 0;
        while (Level < R.Levels.size() && R.Levels[Level] != Code.size())
          ++Level;
        S.Level = Level + (Unit ? 1 : 0);
        if (!R.Numbering.empty() && Level == 0)
          S.Number = outlineNumber(R.Numbering, ++N);
        Put(S);
      }
      return;
    }
    case model::TemplateRow::Panels: {
      std::vector<Line> Sides[2];
      for (unsigned I = 0; I < 2; ++I)
        for (const model::TemplateRow &X : R.Sides[I])
          expand(X, Sides[I], static_cast<int>(I), Unit);
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
  CellGaps *Gaps; ///< the cells the workspace cannot fill, if collected
  bool Held = false; ///< some money in scope is held for the department as a whole
  std::vector<std::vector<const model::Declared *>> UnitFigures; ///< each unit's, when Held
  mutable std::map<std::tuple<std::string, std::string, const void *, const void *, int>,
                   std::optional<Share>>
      Shares; ///< share() of each row and column
  std::vector<const model::Allocation *> InScope;
  bool HasUnitColumn = false; ///< a 单位 column shows the unit rows' names
  std::set<size_t> UnitBlocks; ///< the units (or DepartmentLevel) with 项目支出 blocks
};

} // namespace

Table evaluate(const model::Budget &B, const model::TableTemplate &T, bool &Overflow) {
  return Evaluator(B, T, Overflow).run();
}

} // namespace budc::tables::detail

namespace budc::tables {

CellGaps cellGaps(const model::Budget &B, const model::TableTemplate &T) {
  CellGaps Gaps;
  if (T.Listing)
    return Gaps;
  bool Any = false, Units = false;
  for (const model::TemplateColumn &C : T.Columns)
    Any |= C.M != model::Measure::Value;
  std::function<void(const std::vector<model::TemplateRow> &)> Rows =
      [&](const std::vector<model::TemplateRow> &Rs) {
        for (const model::TemplateRow &R : Rs) {
          Any |= R.M != model::Measure::Value;
          Units |= R.Kind == model::TemplateRow::Units;
          Rows(R.Inner);
          Rows(R.Sides[0]);
          Rows(R.Sides[1]);
        }
      };
  Rows(T.Rows);
  // A unit's rows may ask for money held for the department as a whole: in a table of
  // spending (an income table, 广州 表2, has none to ask for).
  Units = Units && B.OrgUnits.size() > 1 &&
          std::any_of(T.Columns.begin(), T.Columns.end(), [&](const model::TemplateColumn &C) {
            model::Query Q = model::Query::intersect(T.Scope, C.Terms);
            return C.Kind == model::TemplateColumn::Amount && !Q.Empty && Q.spending();
          }) &&
          std::any_of(B.Allocations.begin(), B.Allocations.end(), [](const model::Allocation &A) {
            return A.UnitIndex == model::DepartmentLevel;
          });
  if (!Any && !Units)
    return Gaps;
  bool Overflow = false;
  detail::Evaluator(B, T, Overflow, &Gaps).run();
  return Gaps;
}

} // namespace budc::tables

//===- tables.cpp - Evaluating table templates over the allocations ---------===//
#include "compiler/tables/tables.h"

#include "compiler/model/amount.h"

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
  std::optional<size_t> Unit; ///< the facts of this unit only (行 单位)
  int Project = -1;           ///< the facts of this project only (行 项目)
  bool UnitRow = false;       ///< the row of a unit itself
  unsigned Level = 0;         ///< depth in its tree, for an indented label
  unsigned LabelSpan = 1;     ///< the label spans this many text columns
  std::string Number;         ///< its outline number (一、), printed before the label
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

const model::TableFact *fact(const std::vector<model::TableFact> &Facts, llvm::StringRef Key) {
  for (const model::TableFact &F : Facts)
    if (F.Key == Key)
      return &F;
  return nullptr;
}

std::string factText(const model::TableFact *F) {
  return F && !F->Values.empty() ? F->Values[0] : "";
}

/// Whether the budget is a unit's own (单位预算): no 部门 block and a single unit, which then
/// names the budget as a department would (苏州水务: "单位：苏州市水务局").
bool unitBudget(const model::Budget &B) {
  return B.DepartmentName.empty() && B.DepartmentCode.empty() && B.OrgUnits.size() == 1;
}

/// The value of a field a text names in braces (checked by sema).
std::string fieldValue(const model::Budget &B, int Project, unsigned Ordinal, llvm::StringRef F,
                       llvm::StringRef Unit) {
  if (F == "部门编码")
    return unitBudget(B) ? B.OrgUnits[0].Code : B.DepartmentCode;
  if (F == "部门名称")
    return unitBudget(B) ? B.OrgUnits[0].Name : B.DepartmentName;
  if (F == "主体")
    return unitBudget(B) ? "单位" : "部门";
  if (F == "年度")
    return std::to_string(B.Year);
  if (F == "金额单位")
    return Unit.empty() ? B.MoneyUnit : Unit.str();
  if (F == "截止日期")
    return factText(fact(B.Assets, "截止日期"));
  if (F.consume_front("说明 ")) { // the text of a narrative section (深圳's 备注 line)
    for (const model::Section &S : B.Sections)
      if (S.Title == F)
        return S.Body;
    return "";
  }
  if (Project < 0)
    return "";
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
  return "";
}

/// \p Text with every {field} replaced by its value.
std::string fillFields(const model::Budget &B, int Project, unsigned Ordinal,
                       llvm::StringRef Text, llvm::StringRef Unit = "") {
  std::string Out;
  while (!Text.empty()) {
    size_t Open = Text.find('{');
    size_t Close = Open == llvm::StringRef::npos ? Open : Text.find('}', Open);
    if (Close == llvm::StringRef::npos) {
      Out += Text.str();
      break;
    }
    Out += Text.take_front(Open).str() +
           fieldValue(B, Project, Ordinal, Text.slice(Open + 1, Close), Unit);
    Text = Text.drop_front(Close + 1);
  }
  return Out;
}

model::AmountFormat moneyFormat(const model::Budget &B, const model::TableTemplate &T);

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
    Pre.AnyView = true;
    for (const model::Allocation &A : B.Allocations)
      if (!Pre.spending() || Pre.matches(B, A))
        InScope.push_back(&A);
    for (const model::TemplateColumn &C : T.Columns)
      HasUnitColumn |= C.Kind == model::TemplateColumn::Unit;
    for (const model::Allocation &A : B.Allocations)
      if (A.Kind == model::Nature::Project && A.Project < 0)
        UnitBlocks.insert(A.UnitIndex);
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
      std::string Text = S.Label;
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
      bool Shown = (S.UnitRow || S.Project >= 0) && U < B.OrgUnits.size();
      return {Shown ? B.OrgUnits[U].Name : ""};
    }
    case model::TemplateColumn::Field:
      return {field(C.FieldName, S)};
    case model::TemplateColumn::Amount:
      break;
    }
    bool Unknown = false;
    std::optional<Decimal> Sum = sum(S, C.Terms, Unknown);
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
      X.Text = Sum->isZero() ? (C.ZeroSet ? C.Zero : T.Zero) : tables::money(B, T, *Sum);
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
  std::optional<Decimal> sum(const Side &S, const model::Query &Column, bool &Unknown) const {
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
    if (Q.Underivable) {
      // A figure the facts cannot give (不可推导): the declared figure that names the same
      // facts, within the table's scope, states it (广州 表8: 行政经费, declared by fund).
      if (const model::Declared *D = declared(B.DeclaredFigures, Q))
        return D->Yuan;
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

  /// The declared figure, among \p Ds and their parts, with an amount that names what \p Q
  /// does within the table's scope; null when there is none.
  const model::Declared *declared(const std::vector<model::Declared> &Ds,
                                  const model::Query &Q) const {
    for (const model::Declared &D : Ds) {
      if (D.HasAmount && same(model::Query::intersect(T.Scope, D.Figure), Q))
        return &D;
      if (const model::Declared *C = declared(D.Children, Q))
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
      if (Unit && *Unit < B.OrgUnits.size()) { // a unit's own row
        S.Label = B.OrgUnits[*Unit].Name;
        S.Code = B.OrgUnits[*Unit].Code;
        S.UnitRow = true;
      }
      Put(S);
      return;
    }
    case model::TemplateRow::Department: {
      if (unitBudget(B)) // a unit's own budget has no department row (苏州水务 公开02)
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
        if (Unit && A->UnitIndex != *Unit)
          continue;
        const std::string &Code = Function ? A->Function : A->Economic;
        for (unsigned Len : R.Levels)
          if (Code.size() >= Len)
            Codes.insert(Code.substr(0, Len));
      }
      unsigned N = 0;
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
  std::vector<const model::Allocation *> InScope;
  bool HasUnitColumn = false; ///< a 单位 column shows the unit rows' names
  std::set<size_t> UnitBlocks; ///< the units (or DepartmentLevel) with 项目支出 blocks
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
        for (const model::ProjectAmount &M : P.Amounts)
          if ((M.Source && M.Source->Appropriation) == Fiscal)
            if (auto S = Yuan.add(M.Yuan))
              Yuan = *S; // parts of the project's amount, which fits
      }
    }
    Cell X{Yuan.isZero() ? C.Zero : tables::money(B, T, Yuan), C.RowSpan, C.ColSpan};
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
      std::vector<const model::TableFact *> Facts;
      for (const model::TableFact &X : Assets ? B.Assets : B.Procurement)
        if (!Assets || X.Key == "资产")
          Facts.push_back(&X);
      if (L.Total && !Facts.empty())
        Out.Body.push_back(sumRow(L, Facts, L.TotalLabel, 0));
      factRows(L, Facts, 0, Out);
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
                                       : tables::money(B, T, *Yuan));
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

  /// A row of sums over \p Facts: \p Label in the first column, indented by \p Depth, every
  /// [货币] field's sum and, in a [合计] field, the sum of them all.
  Row sumRow(const model::ListingRow &L, const std::vector<const model::TableFact *> &Facts,
             const std::string &Label, unsigned Depth) const {
    Row R;
    for (const model::TemplateCell &F : L.Cells) {
      if (R.empty()) {
        Cell X = text(F, Label);
        X.Indent = Depth;
        R.push_back(std::move(X));
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
        else
          R.push_back(text(F, keyText(*X, F.Text)));
      }
      Out.Body.push_back(std::move(R));
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
      Built(X, Evaluator(B, *X, D.Overflow).run());
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
    else if (Listing::applies(B, *X))
      Built(X, Listing(B, *X, -1, 0).run());
  }
  return D;
}

std::shared_ptr<const Table> Disclosure::table(size_t I) const {
  const Entry &E = Entries[I];
  if (E.Built)
    return E.Built;
  auto T = std::make_shared<Table>(Listing(*B, *E.Template, E.Project, E.Ordinal).run());
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

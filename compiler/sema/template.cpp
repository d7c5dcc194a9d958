//===- template.cpp - Table templates (表样) into the model ------------------===//
//
// A template says which rows and columns each disclosure table has and which allocations a
// cell adds (see stdlib/templates/hebei-2024.bud for the language). This file checks a
// template's rows and turns them into model::Template; the tables stage evaluates it.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/resolver.h"

namespace budc::sema {
namespace {

const std::vector<std::string> TableKeys{"表头", "栏次", "范围", "列", "行", "分栏", "对行", "空表"};
const std::vector<std::string> TermWords{
    "全部",   "本年",     "上年结转", "基本",       "项目",     "人员经费",     "公用经费",
    "财政拨款", "一般公共预算", "政府性基金", "国有资本经营", "财政专户", "单位资金", "机关运行",
    "无",     "经营支出", "上解上级支出", "对附属单位补助支出"};
const std::vector<std::string> TermTags{"资金", "功能", "经济", "三公"};

class TemplateReader {
public:
  TemplateReader(Resolver &R, llvm::StringRef Name) : R(R), Name(Name.str()) {}

  void run(const ast::Library &L) {
    model::Template T;
    T.Name = Name;
    T.Where = L.Range;
    for (const ast::Attr *A : L.Rows) {
      if (A->Key.Value != "表") {
        bad(A->Key.Range, "'" + A->Key.Value.str() + "' is not a table",
            "“" + A->Key.Value.str() + "”不是表", "表");
        continue;
      }
      if (auto Tb = table(*A))
        T.Tables.push_back(std::move(*Tb));
    }
    for (const model::Template &Old : R.B.Templates)
      if (Old.Name == T.Name) {
        R.Diags.report(L.Name.Range, diag::DuplicateDeclaration, {"table template", T.Name})
            .zh({"表样", T.Name})
            .note(Old.Where, diag::NoteFirstDeclared);
        return;
      }
    R.B.Templates.push_back(std::move(T));
  }

private:
  /// Reports BUD120: \p En / \p Zh say what is wrong; \p Guess is a fix if not empty.
  void bad(Span Where, const std::string &En, const std::string &Zh,
           const std::string &Guess = "") {
    auto D = R.Diags.report(Where, diag::BadTemplateRow,
                            {En, Name, Guess.empty() ? "" : "; did you mean '" + Guess + "'?"});
    D.zh({Zh, Name, Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(Where, Guess);
  }

  static std::string word(const ast::Value &V) {
    if (V.K == ast::Value::Number)
      return V.Num.Number.str() + V.Num.Unit.str();
    return V.Word.Value.str();
  }

  /// Reads one filter term into \p F; false (after a diagnostic) when it is not one.
  bool term(const ast::Value &V, model::Filter &F) {
    if (V.K == ast::Value::Tag) {
      std::string Tag = V.Word.Value.str();
      std::string Arg = V.Args.empty() ? "" : word(V.Args[0]);
      if (Arg.empty() || std::find(TermTags.begin(), TermTags.end(), Tag) == TermTags.end()) {
        bad(V.range(), "'[" + Tag + "]' is not a term",
            "“[" + Tag + "]”不是筛选条件", closest(Tag, TermTags));
        return false;
      }
      if (Tag == "资金") {
        if (!R.B.findFund(Arg)) {
          bad(V.Args[0].range(), "'" + Arg + "' is not a fund source",
              "“" + Arg + "”不是资金来源");
          return false;
        }
        F.FundNames.push_back(R.B.findFund(Arg)->Name);
      } else if (Tag == "功能" || Tag == "经济") {
        if (Arg.find_first_not_of("0123456789") != std::string::npos) {
          bad(V.Args[0].range(), "'" + Arg + "' is not a code", "“" + Arg + "”不是科目编码");
          return false;
        }
        (Tag == "功能" ? F.Functions : F.Economics).push_back(Arg);
      } else {
        F.SanGong.push_back(Arg);
      }
      return true;
    }
    std::string W = word(V);
    if (W == "全部")
      return true;
    if (W == "本年" || W == "上年结转")
      F.CarryOver = W == "上年结转";
    else if (W == "基本" || W == "项目")
      F.Basic = W == "基本";
    else if (W == "人员经费" || W == "公用经费")
      F.CostClasses.push_back(W);
    else if (W == "财政拨款")
      F.Appropriation = true;
    else if (W == "一般公共预算")
      F.FundTypes.push_back(model::FundType::General);
    else if (W == "政府性基金")
      F.FundTypes.push_back(model::FundType::GovFund);
    else if (W == "国有资本经营")
      F.FundTypes.push_back(model::FundType::StateCapital);
    else if (W == "财政专户")
      F.FundTypes.push_back(model::FundType::SpecialAccount);
    else if (W == "单位资金")
      F.FundTypes.push_back(model::FundType::UnitFunds);
    else if (W == "机关运行")
      F.RunningCosts = true;
    else if (W == "无" || W == "经营支出" || W == "上解上级支出" || W == "对附属单位补助支出")
      F.Nothing = true;
    else {
      bad(V.range(), "'" + W + "' is not a term", "“" + W + "”不是筛选条件",
          closest(W, TermWords));
      return false;
    }
    return true;
  }

  bool terms(llvm::ArrayRef<ast::Value> Values, model::Filter &F) {
    bool Ok = true;
    for (const ast::Value &V : Values)
      Ok &= term(V, F);
    return Ok;
  }

  static bool isLabel(const ast::Value &V) {
    return V.K == ast::Value::String;
  }

  std::optional<model::TableTemplate> table(const ast::Attr &A) {
    model::TableTemplate T;
    T.Where = A.Range;
    if (A.Values.size() < 2 || A.Values[0].K != ast::Value::Number ||
        A.Values[0].Num.Number.getAsInteger(10, T.Number) || T.Number == 0) {
      bad(A.Key.Range, "a table is '表 NUMBER TITLE { … }'", "表的写法为“表 编号 标题 { … }”");
      return std::nullopt;
    }
    T.Title = word(A.Values[1]);
    bool Ok = true;
    std::vector<Span> HeaderRows;
    for (const ast::Attr *C : A.Children) {
      llvm::StringRef Key = C->Key.Value;
      if (Key == "表头") {
        std::vector<model::HeaderCell> Row;
        for (const ast::Value &V : C->Values) {
          if (V.K == ast::Value::Tag && !Row.empty() &&
              (V.Word.Value == "跨行" || V.Word.Value == "跨列")) {
            unsigned N = 0;
            if (V.Args.empty() || V.Args[0].K != ast::Value::Number ||
                V.Args[0].Num.Number.getAsInteger(10, N) || N == 0 || N > 64) {
              bad(V.range(), "a span is [跨行 N] or [跨列 N] with 1 ≤ N ≤ 64",
                  "跨度应写为 [跨行 N] 或 [跨列 N]，1 ≤ N ≤ 64");
              Ok = false;
              continue;
            }
            (V.Word.Value == "跨行" ? Row.back().RowSpan : Row.back().ColSpan) = N;
          } else if (V.K == ast::Value::String || V.K == ast::Value::Name) {
            Row.push_back({word(V)});
          } else {
            bad(V.range(), "a header row holds quoted texts and [跨行 N] / [跨列 N]",
                "表头行由带引号的文字和 [跨行 N]、[跨列 N] 组成");
            Ok = false;
          }
        }
        T.Header.push_back(std::move(Row));
        HeaderRows.push_back(C->Range);
      } else if (Key == "栏次") {
        T.ColumnNumbers = true;
      } else if (Key == "范围") {
        Ok &= terms(C->Values, T.Scope);
      } else if (Key == "列") {
        Ok &= column(*C, T);
      } else if (Key == "行" || Key == "分栏" || Key == "对行") {
        if (auto Row = row(*C))
          T.Rows.push_back(std::move(*Row));
        else
          Ok = false;
      } else if (Key == "空表") {
        if (C->Values.empty() || !isLabel(C->Values[0])) {
          bad(C->Key.Range, "空表 takes the note to print, in quotes", "空表后应为带引号的注释文字");
          Ok = false;
        } else {
          T.EmptyNote = word(C->Values[0]);
        }
      } else {
        bad(C->Key.Range, "'" + Key.str() + "' is not a table row", "“" + Key.str() + "”不是表的组成部分",
            closest(Key, TableKeys));
        Ok = false;
      }
    }
    if (!Ok)
      return std::nullopt;
    if (T.Columns.empty()) {
      bad(A.Key.Range, "table " + std::to_string(T.Number) + " has no columns (列)",
          "表 " + std::to_string(T.Number) + " 没有列");
      return std::nullopt;
    }
    // Every header row must cover 序号 plus the columns, counting spans from rows above.
    unsigned Width = static_cast<unsigned>(T.Columns.size()) + 1;
    std::vector<unsigned> Busy(Width, 0); // rows each column is still covered for
    for (size_t I = 0; I < T.Header.size(); ++I) {
      unsigned Col = 0;
      bool Fits = true;
      for (const model::HeaderCell &Cell : T.Header[I]) {
        while (Col < Width && Busy[Col])
          ++Col;
        if (Col + Cell.ColSpan > Width) {
          Fits = false;
          break;
        }
        for (unsigned K = 0; K < Cell.ColSpan; ++K)
          Busy[Col + K] = Cell.RowSpan;
        Col += Cell.ColSpan;
      }
      while (Col < Width && Busy[Col])
        ++Col;
      if (!Fits || Col != Width) {
        bad(HeaderRows[I],
            "header row " + std::to_string(I + 1) + " does not cover the " +
                std::to_string(Width) + " columns (序号 and " + std::to_string(Width - 1) + " 列)",
            "表头第 " + std::to_string(I + 1) + " 行未恰好覆盖 " + std::to_string(Width) +
                " 列（序号及 " + std::to_string(Width - 1) + " 个列）");
        return std::nullopt;
      }
      for (unsigned &B : Busy)
        if (B)
          --B;
    }
    return T;
  }

  bool column(const ast::Attr &C, model::TableTemplate &T) {
    model::TemplateColumn Col;
    if (C.Values.empty()) {
      bad(C.Key.Range, "a column is '列 编码|名称|金额 …'", "列的写法为“列 编码|名称|金额 …”");
      return false;
    }
    std::string Kind = word(C.Values[0]);
    if (Kind == "编码")
      Col.Kind = model::TemplateColumn::Code;
    else if (Kind == "名称")
      Col.Kind = model::TemplateColumn::Label;
    else if (Kind == "金额")
      Col.Kind = model::TemplateColumn::Amount;
    else {
      bad(C.Values[0].range(), "'" + Kind + "' is not a column kind", "“" + Kind + "”不是列的种类",
          closest(Kind, std::vector<std::string>{"编码", "名称", "金额"}));
      return false;
    }
    bool Ok = true;
    for (const ast::Value &V : C.Values.drop_front()) {
      std::string W = word(V);
      if (V.K == ast::Value::Name && (W == "左" || W == "右"))
        Col.Side = W == "右";
      else if (V.K == ast::Value::Tag && V.Word.Value == "零" && !V.Args.empty())
        Col.Zero = word(V.Args[0]);
      else if (Col.Kind != model::TemplateColumn::Amount) {
        bad(V.range(), "only 金额 columns take terms", "只有金额列可带筛选条件");
        Ok = false;
      } else
        Ok &= term(V, Col.Terms);
    }
    T.Columns.push_back(std::move(Col));
    return Ok;
  }

  /// One side of a fixed row: "label" terms…
  bool side(llvm::ArrayRef<ast::Value> Values, model::TemplateRow &Row, unsigned Side) {
    Row.Has[Side] = true;
    if (!Values.empty() && isLabel(Values[0])) {
      Row.Label[Side] = word(Values[0]);
      Values = Values.drop_front();
    }
    return terms(Values, Row.Terms[Side]);
  }

  std::optional<model::TemplateRow> row(const ast::Attr &C) {
    model::TemplateRow Row;
    llvm::StringRef Key = C.Key.Value;
    if (Key == "分栏") {
      Row.Kind = model::TemplateRow::Panels;
      bool Ok = true;
      for (const ast::Attr *S : C.Children) {
        if (S->Key.Value != "左" && S->Key.Value != "右") {
          bad(S->Key.Range, "分栏 holds 左 { … } and 右 { … }", "分栏内应为 左 { … } 与 右 { … }");
          Ok = false;
          continue;
        }
        unsigned Side = S->Key.Value == "右";
        for (const ast::Attr *X : S->Children) {
          if (X->Key.Value != "行") {
            bad(X->Key.Range, "a side of 分栏 holds 行 rows", "分栏的一侧只能包含“行”");
            Ok = false;
            continue;
          }
          if (auto Inner = row(*X))
            Row.Sides[Side].push_back(std::move(*Inner));
          else
            Ok = false;
        }
      }
      return Ok ? std::optional(std::move(Row)) : std::nullopt;
    }
    if (Key == "对行") {
      // 对行 左 "label" terms… 右 "label" terms…
      llvm::ArrayRef<ast::Value> Values = C.Values;
      bool Ok = true;
      int Current = -1;
      size_t Start = 0;
      auto Flush = [&](size_t End) {
        if (Current >= 0)
          Ok &= side(Values.slice(Start, End - Start), Row, static_cast<unsigned>(Current));
      };
      for (size_t I = 0; I < Values.size(); ++I) {
        std::string W = Values[I].K == ast::Value::Name ? word(Values[I]) : "";
        if (W == "左" || W == "右") {
          Flush(I);
          Current = W == "右";
          Start = I + 1;
        } else if (Current < 0) {
          bad(Values[I].range(), "对行 is '对行 左 \"label\" terms… 右 \"label\" terms…'",
              "对行的写法为“对行 左 \"名称\" 条件… 右 \"名称\" 条件…”");
          return std::nullopt;
        }
      }
      Flush(Values.size());
      return Ok ? std::optional(std::move(Row)) : std::nullopt;
    }
    // 行 …
    if (C.Values.empty()) {
      bad(C.Key.Range, "a row is '行 合计', '行 功能科目 类 款 项', '行 经济科目 类 款' or '行 \"label\" terms…'",
          "行的写法为“行 合计”“行 功能科目 类 款 项”“行 经济科目 类 款”或“行 \"名称\" 条件…”");
      return std::nullopt;
    }
    std::string First = word(C.Values[0]);
    if (C.Values[0].K != ast::Value::String && First == "合计") {
      Row.Kind = model::TemplateRow::Total;
      Row.Has[0] = true;
      Row.Label[0] = C.Values.size() > 1 ? word(C.Values[1]) : "合计";
      return Row;
    }
    if (C.Values[0].K != ast::Value::String && (First == "功能科目" || First == "经济科目")) {
      bool Function = First == "功能科目";
      Row.Kind = Function ? model::TemplateRow::FunctionTree : model::TemplateRow::EconomicTree;
      for (const ast::Value &V : C.Values.drop_front()) {
        std::string L = word(V);
        unsigned Len = L == "类" ? 3 : L == "款" ? 5 : (L == "项" && Function) ? 7 : 0;
        if (!Len) {
          bad(V.range(), "'" + L + "' is not a level of the " + (Function ? "function" : "economic") +
                             " catalogue",
              "“" + L + "”不是" + First + "的级次", Function ? "项" : "款");
          return std::nullopt;
        }
        Row.Levels.push_back(Len);
      }
      if (Row.Levels.empty())
        Row.Levels = Function ? std::vector<unsigned>{3, 5, 7} : std::vector<unsigned>{3, 5};
      return Row;
    }
    Row.Kind = model::TemplateRow::Fixed;
    if (!side(C.Values, Row, 0))
      return std::nullopt;
    return Row;
  }

  Resolver &R;
  std::string Name;
};

} // namespace

void Resolver::tableTemplate(const ast::Library &L) {
  TemplateReader(*this, L.Name.Value).run(L);
}

} // namespace budc::sema

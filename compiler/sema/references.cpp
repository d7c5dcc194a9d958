//===- references.cpp - Figure references of texts, and the prose vocabulary ---===//
#include "compiler/sema/references.h"

#include "compiler/model/values.h"
#include "compiler/sema/resolver.h"
#include "compiler/syntax/text.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>
#include <set>

namespace budc::sema {
namespace {

/// The words of a reference: separated by spaces (ASCII, tab, U+3000) outside "…".
std::vector<std::string> words(llvm::StringRef Content) {
  std::vector<std::string> Out;
  std::string Cur;
  bool Quoted = false;
  for (size_t I = 0; I < Content.size(); ++I) {
    char C = Content[I];
    if (C == '"') {
      Quoted = !Quoted;
      Cur += C;
      continue;
    }
    bool Wide = !Quoted && Content.substr(I).startswith("\u3000");
    if (!Quoted && (C == ' ' || C == '\t' || Wide)) {
      if (!Cur.empty())
        Out.push_back(std::move(Cur));
      Cur.clear();
      I += Wide ? 2 : 0;
      continue;
    }
    Cur += C;
  }
  if (!Cur.empty())
    Out.push_back(std::move(Cur));
  return Out;
}

/// The parts of a path: separated by '/' outside "…", each without its quotes.
std::vector<std::string> pathParts(llvm::StringRef Path) {
  std::vector<std::string> Out;
  std::string Cur;
  bool Quoted = false;
  for (char C : Path) {
    if (C == '"') {
      Quoted = !Quoted;
      continue;
    }
    if (C == '/' && !Quoted) {
      Out.push_back(std::move(Cur));
      Cur.clear();
      continue;
    }
    Cur += C;
  }
  Out.push_back(std::move(Cur));
  return Out;
}

const char *const OptionWords[] = {"去零", "千分位", "带符号", "占", "0位", "1位", "2位", "3位", "4位"};

/// Decimals written as 0位 … 4位, or nullopt.
std::optional<unsigned> decimalsOption(llvm::StringRef W) {
  if (W.size() == 1 + strlen("位") && W.endswith("位") && W[0] >= '0' && W[0] <= '4')
    return unsigned(W[0] - '0');
  return std::nullopt;
}

bool needsLastYear(model::Measure M) { return M != model::Measure::Value; }

} // namespace

model::Measure takeMeasure(std::vector<FigurePart> &Parts) {
  if (Parts.size() < 2 || Parts.back().Tag)
    return model::Measure::Value;
  llvm::StringRef W = Parts.back().Word;
  model::Measure M = model::Measure::Value;
  if (W == "上年数" || W == "上年")
    M = model::Measure::LastYear;
  else if (W == "增减额" || W == "增减")
    M = model::Measure::Change;
  else if (W == "增减率")
    M = model::Measure::Rate;
  if (M != model::Measure::Value)
    Parts.pop_back();
  return M;
}

void References::report(Span Where, llvm::StringRef Content, const ReferenceFailure &F,
                        bool Option, llvm::StringRef Word) {
  std::string Ref = "{" + Content.str() + "}";
  // The caret under the option itself, where the source spells it as the reference does.
  llvm::StringRef Source = R.SM.getText(Where.File).slice(Where.Begin, Where.End);
  Span At = Where;
  if (Option && !Word.empty()) {
    size_t P = Source.find(Word);
    if (P != llvm::StringRef::npos)
      At = {Where.File, Where.Begin + uint32_t(P), Where.Begin + uint32_t(P + Word.size())};
  }
  std::string Guess = F.Guess.empty() ? "" : "; did you mean '" + F.Guess + "'?";
  std::string GuessZh = F.Guess.empty() ? "" : "；是否应为“" + F.Guess + "”？";
  auto D = Option ? R.Diags.report(At, diag::BadReferenceOption, {Word.str(), Ref, F.En, Guess})
                  : R.Diags.report(Where, diag::UnknownReference, {Ref, F.En, Guess});
  D.zh(Option ? std::vector<std::string>{Word.str(), Ref, F.Zh, GuessZh}
              : std::vector<std::string>{Ref, F.Zh, GuessZh});
  if (!F.Fixed.empty())
    D.fixIt(Where, "{" + F.Fixed + "}");
  else if (Option && !F.Guess.empty() && At.Begin != Where.Begin)
    D.fixIt(At, F.Guess);
}

std::optional<model::Reference> References::resolve(llvm::StringRef Content, Span Where,
                                                    bool Facts, ReferenceFailure *Failure) {
  model::Budget &B = R.B;
  ReferenceFailure F;
  bool Option = false;
  std::string Word;
  auto Fail = [&]() -> std::optional<model::Reference> {
    if (Failure)
      *Failure = F;
    else
      report(Where, Content, F, Option, Word);
    return std::nullopt;
  };
  std::vector<std::string> Words = words(Content);
  model::Reference Ref;
  Ref.Written = Content.str();
  Ref.Where = Where;
  if (Words.empty()) {
    F.En = "is empty";
    F.Zh = "为空";
    return Fail();
  }
  // A field of the budget: {年度}, {部门名称}.
  if (model::budgetField(B, Words[0])) {
    if (Words.size() > 1) {
      Option = true;
      Word = Words[1];
      F.En = "a field of the budget takes no options";
      F.Zh = "预算字段不带选项";
      F.Fixed = Words[0];
      return Fail();
    }
    Ref.Field = Words[0];
    return Ref;
  }
  // The figure: a path, as a declared key has it.
  std::string Key; // the figure's path without its measure
  auto Path = [&](llvm::StringRef Text, model::Measure &M) -> std::optional<model::Query> {
    std::vector<FigurePart> Parts;
    for (std::string &P : pathParts(Text)) {
      FigurePart X;
      X.Word = std::move(P);
      X.Where = Where;
      Parts.push_back(std::move(X));
    }
    M = takeMeasure(Parts);
    Key.clear();
    for (const FigurePart &P : Parts)
      Key += (Key.empty() ? "" : "/") + P.Word;
    if (llvm::any_of(Parts, [](const FigurePart &P) { return P.Word.empty(); })) {
      F.En = "has an empty part in '" + Text.str() + "'";
      F.Zh = "中“" + Text.str() + "”有空的部分";
      return std::nullopt;
    }
    FigureFailure FF;
    std::optional<model::Query> Q = R.Figs.path(Parts, Facts, FF);
    if (Q)
      return Q;
    F.En = "cannot be given: " + FF.En;
    F.Zh = "无法给出：" + FF.Zh;
    F.Guess = FF.Guess;
    if (F.Guess.empty() && !FF.Explained && FF.Part < Parts.size()) {
      std::vector<std::string> Known = R.Figs.words();
      for (const char *Field : model::budgetFields())
        Known.push_back(Field);
      F.Guess = closest(Parts[FF.Part].Word, Known);
    }
    if (!F.Guess.empty() && FF.Part < Parts.size()) {
      std::vector<std::string> All = pathParts(Text);
      if (FF.Part < All.size())
        All[FF.Part] = F.Guess;
      F.Fixed = llvm::join(All, "/");
      for (size_t I = 1; I < Words.size(); ++I)
        F.Fixed += " " + Words[I];
    }
    return std::nullopt;
  };
  std::optional<model::Query> Q = Path(Words[0], Ref.M);
  if (!Q)
    return Fail();
  Ref.Figure = *Q;
  Ref.Key = Key;
  Ref.Format.Factor = B.MoneyFactor;
  Ref.Format.Unit = B.MoneyUnit;
  Ref.Format.Decimals = 2;
  bool UnitGiven = false;
  for (size_t I = 1; I < Words.size(); ++I) {
    llvm::StringRef W = Words[I];
    Word = W.str();
    Option = true;
    if (auto D = decimalsOption(W)) {
      Ref.Format.Decimals = *D;
    } else if (W == "去零") {
      Ref.Format.TrimZeros = true;
    } else if (W == "千分位") {
      Ref.Format.Separators = true;
    } else if (W == "带符号") {
      Ref.Signed = true;
    } else if (W == "占") {
      if (I + 1 >= Words.size()) {
        F.En = "占 names the figure the share is of: {基本支出 占 本年支出合计}";
        F.Zh = "“占”后应为所占的数字：{基本支出 占 本年支出合计}";
        return Fail();
      }
      model::Measure BaseMeasure;
      std::optional<model::Query> Base = Path(Words[I + 1], BaseMeasure);
      if (!Base) {
        Word = Words[I + 1];
        return Fail();
      }
      if (BaseMeasure != model::Measure::Value || Ref.M != model::Measure::Value) {
        F.En = "a share is of this year's figures, not of 上年数, 增减额 or 增减率";
        F.Zh = "占比只针对本年数字，不针对上年数、增减额或增减率";
        return Fail();
      }
      Ref.Base = *Base;
      Ref.BaseKey = Key;
      ++I;
    } else if (const model::UnitDef *U = B.Units.find(W);
               U && U->Dim == model::Dimension::Money) {
      std::string Root;
      auto Factor = B.Units.toRoot(U->Name, Decimal::fromRaw(Decimal::One), Root);
      if (!Factor || Factor->isZero()) {
        F.En = "its factor is out of range";
        F.Zh = "其换算系数超出范围";
        return Fail();
      }
      Ref.Format.Factor = *Factor;
      Ref.Format.Unit = U->Name;
      Ref.UnitGiven = UnitGiven = true;
    } else {
      F.En = "not an option: a reference takes a money unit (万元, 元), decimals (0位 to 4位), "
             "去零, 千分位, 带符号 or 占 FIGURE";
      F.Zh = "不是选项：数字引用可带货币单位（万元、元）、小数位数（0位 至 4位）、去零、千分位、"
             "带符号 或 占 数字";
      std::vector<std::string> Known(std::begin(OptionWords), std::end(OptionWords));
      for (const std::string &N : B.Units.names())
        if (const model::UnitDef *U = B.Units.find(N); U && U->Dim == model::Dimension::Money)
          Known.push_back(N);
      F.Guess = W.size() == 1 && W[0] >= '0' && W[0] <= '4' ? W.str() + "位" : closest(W, Known);
      return Fail();
    }
  }
  if (Ref.percent()) {
    if (UnitGiven) {
      F.En = "a percentage takes no money unit";
      F.Zh = "百分比不带货币单位";
      return Fail();
    }
    Ref.Format.Factor = Decimal::fromRaw(Decimal::One);
    Ref.Format.Unit.clear();
  }
  return Ref;
}

std::optional<std::string> References::output(const model::Reference &Ref) {
  if (auto S = model::render(R.B, Ref))
    return S;
  std::string Content = "{" + Ref.Written + "}";
  const model::Budget &B = R.B;
  if (!Ref.Base && needsLastYear(Ref.M)) {
    if (!model::lastYear(B, Ref.Figure)) {
      bool Any = model::hasLastYear(B);
      std::string Y = std::to_string(B.Year - 1);
      R.Diags
          .report(Ref.Where, diag::NoLastYearFigure,
                  {Content, Ref.Key,
                   Any ? "last year's figures do not give it"
                       : "the workspace has no last year's figures (上年 " + Y + " { … } or 上年 " + Y +
                             " \"DIR\")"})
          .zh({Content, Ref.Key,
               Any ? "上年数字中没有它"
                   : "工作区没有上年数字（上年 " + Y + " { … } 或 上年 " + Y + " \"目录\"）"});
      return std::nullopt;
    }
  }
  std::string En, Zh;
  if (Ref.Base && model::thisYear(B, *Ref.Base) && model::thisYear(B, Ref.Figure)) {
    En = "cannot be given: " + Ref.BaseKey + " is 0, and a share of nothing is no number";
    Zh = "无法给出：" + Ref.BaseKey + "为 0，不存在占比";
  } else if (Ref.M == model::Measure::Rate && model::thisYear(B, Ref.Figure)) {
    En = "cannot be given: last year's " + Ref.Key + " is 0, so there is no rate of change";
    Zh = "无法给出：上年" + Ref.Key + "为 0，不存在增减率";
  } else if (!B.hasFacts()) {
    En = "cannot be given: the workspace has no money facts, and it declares no such figure";
    Zh = "无法给出：工作区没有资金事实，也没有声明这一数字";
  } else {
    En = "cannot be given: the facts do not give this figure (it is 不可推导, or too large)";
    Zh = "无法给出：由事实无法推导这一数字（不可推导，或数值过大）";
  }
  R.Diags.report(Ref.Where, diag::UnknownReference, {Content, En, ""}).zh({Content, Zh, ""});
  return std::nullopt;
}

model::Prose References::prose(const ast::Text &T, model::Prose::TextKind Kind,
                               llvm::StringRef Title) {
  model::Prose P;
  P.Kind = Kind;
  P.Title = Title.str();
  P.Written = T.Value.str();
  P.Where = T.Range;
  for (const syntax::MappedPart &Part : syntax::mappedParts(T, R.SM)) {
    uint32_t At = static_cast<uint32_t>(P.Rendered.size());
    if (!Part.IsReference) {
      P.Rendered += Part.Text;
      for (const syntax::SourceRun &Run : Part.Runs)
        P.Pieces.push_back({At + Run.At, Run.Length, Run.Source, Run.SourceLength, -1});
      continue;
    }
    std::optional<model::Reference> Ref = resolve(Part.Text, Part.Range, /*Facts=*/true);
    std::optional<std::string> Out = Ref ? output(*Ref) : std::nullopt;
    // A reference that cannot be printed was reported (an error: nothing is published);
    // its text stays as written.
    std::string Shown = Out ? *Out : "{" + Part.Text + "}";
    P.Rendered += Shown;
    int Index = -1;
    if (Ref) {
      Index = static_cast<int>(P.References.size());
      P.References.push_back(std::move(*Ref));
    }
    P.Pieces.push_back({At, static_cast<uint32_t>(Shown.size()), Part.Range.Begin,
                        Part.Range.End - Part.Range.Begin, Index});
  }
  return P;
}

std::optional<std::string> References::printed(const ast::Text &T) {
  if (T.Value.find('{') == llvm::StringRef::npos || T.Style == ast::Text::Bare)
    return std::nullopt;
  std::string Out;
  bool Any = false;
  for (const syntax::MappedPart &Part : syntax::mappedParts(T, R.SM)) {
    if (!Part.IsReference) {
      Out += Part.Text;
      continue;
    }
    Any = true;
    std::optional<model::Reference> Ref = resolve(Part.Text, Part.Range, /*Facts=*/true);
    std::optional<std::string> S = Ref ? output(*Ref) : std::nullopt;
    Out += S ? *S : "{" + Part.Text + "}";
  }
  (void)Any; // a text of only {{ }} prints its braces single
  return Out;
}

void References::vocabulary() {
  model::Budget &B = R.B;
  std::vector<model::ProseTerm> &V = B.Vocabulary;
  std::set<std::string> Seen;
  auto Add = [&](const std::string &Words, const std::string &Key,
                 std::vector<FigurePart> Parts, model::ProseTerm::TermKind Kind, bool Terms) {
    if (Words.size() < 6 || !Seen.insert(model::normaliseName(Words)).second)
      return; // (a single character is no figure's name)
    FigureFailure F;
    std::optional<model::Query> Q =
        Terms ? R.Figs.terms(Parts, true, F) : R.Figs.path(Parts, true, F);
    if (!Q)
      return;
    V.push_back({Words, Key, *Q, Kind});
  };
  auto Part = [](llvm::StringRef W) {
    FigurePart P;
    P.Word = W.str();
    return P;
  };
  // Named figures and their spellings: 三公经费, “三公”经费, 收入预算, 公务接待费.
  for (const auto &[Words, Key] : R.Figs.spellings()) {
    std::vector<FigurePart> Parts;
    for (llvm::StringRef P : llvm::split(Key, '/'))
      Parts.push_back(Part(P));
    Add(Words, Key, Parts, model::ProseTerm::NamedFigure, false);
  }
  // Terms that are figures in prose.
  static const std::pair<const char *, const char *> TermNames[] = {
      {"基本支出", "基本支出"},         {"项目支出", "项目支出"},
      {"人员经费", "人员经费"},         {"公用经费", "公用经费"},
      {"经营支出", "经营支出"},         {"事业单位经营支出", "经营支出"},
      {"上解上级支出", "上解上级支出"}, {"上缴上级支出", "上解上级支出"},
      {"对附属单位补助支出", "对附属单位补助支出"}};
  for (const auto &[Words, Key] : TermNames)
    Add(Words, Key, {Part(Key)}, model::ProseTerm::Term, false);
  // Fund sources: 一般公共预算拨款 (its income), 一般公共预算拨款收入 (this year's), …支出.
  for (const model::Fund *Fund : B.FundOrder) {
    std::vector<std::string> Names{Fund->Name};
    Names.insert(Names.end(), Fund->Aliases.begin(), Fund->Aliases.end());
    for (const std::string &N : Names) {
      Add(N, "收入/" + Fund->Name, {Part("收入"), Part(Fund->Name)}, model::ProseTerm::FundSource,
          true);
      if (!llvm::StringRef(N).endswith("收入"))
        Add(N + "收入", "收入/本年/" + Fund->Name, {Part("收入"), Part("本年"), Part(Fund->Name)},
            model::ProseTerm::FundSource, true);
      Add(N + "支出", "资金/" + Fund->Name, {Part("资金"), Part(Fund->Name)},
          model::ProseTerm::FundSource, false);
    }
  }
  // Function and economic codes by their names: every 类 of the function classification, and
  // the codes with money this year or last, with their 类 and 款. A name two codes share is
  // no figure.
  std::map<std::string, unsigned> Uses;
  for (const model::Catalogue *C : {&B.Functions, &B.Economics})
    for (const auto &[Code, E] : C->Entries) {
      if (!E.Name.empty())
        ++Uses[model::normaliseName(E.Name)];
      for (const std::string &A : E.Aliases)
        ++Uses[model::normaliseName(A)];
    }
  std::set<std::string> Functions, Economics;
  for (const auto &[Code, E] : B.Functions.Entries)
    if (Code.size() == 3)
      Functions.insert(Code);
  auto Used = [&](const model::Budget &Of) {
    for (const model::Allocation &A : Of.Allocations) {
      for (size_t L : {3, 5, 7})
        if (A.Function.size() >= L)
          Functions.insert(A.Function.substr(0, L));
      for (size_t L : {3, 5})
        if (A.Economic.size() >= L)
          Economics.insert(A.Economic.substr(0, L));
    }
  };
  Used(B);
  if (B.Previous && B.Previous->Facts)
    Used(*B.Previous->Facts);
  auto Codes = [&](const std::set<std::string> &Set, const model::Catalogue &Cat,
                   const char *Dim, model::ProseTerm::TermKind Kind) {
    for (const std::string &Code : Set) {
      const model::CatalogueEntry *E = Cat.find(Code);
      if (!E)
        continue;
      std::vector<std::string> Names{E->Name};
      Names.insert(Names.end(), E->Aliases.begin(), E->Aliases.end());
      for (const std::string &N : Names)
        if (!N.empty() && Uses[model::normaliseName(N)] == 1)
          Add(N, std::string(Dim) + "/" + Code, {Part(Dim), Part(Code)}, Kind, false);
    }
  };
  Codes(Functions, B.Functions, "功能科目", model::ProseTerm::FunctionCode);
  Codes(Economics, B.Economics, "经济科目", model::ProseTerm::EconomicCode);
  std::stable_sort(V.begin(), V.end(), [](const model::ProseTerm &A, const model::ProseTerm &B) {
    return A.Words.size() > B.Words.size();
  });
  FigureFailure F;
  if (auto Q = R.Figs.terms({Part("本年")}, true, F))
    B.ThisYearOnly = *Q;
}

} // namespace budc::sema

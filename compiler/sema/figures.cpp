//===- figures.cpp - The figure language: names and terms to queries --------===//
#include "compiler/sema/figures.h"

#include "compiler/sema/resolver.h"

#include <algorithm>
#include <functional>

namespace budc::sema {

FigurePart FigurePart::of(const ast::Text &T) { return {T.Value.str(), {}, false, T.Range}; }

FigurePart FigurePart::of(const ast::Value &V) {
  FigurePart P;
  P.Where = V.range();
  switch (V.K) {
  case ast::Value::Number:
    P.Word = V.Num.Number.str() + V.Num.Unit.str();
    break;
  case ast::Value::Tag:
    P.Tag = true;
    P.Word = V.Word.Value.str();
    for (const ast::Value &A : V.Args)
      P.Args.push_back(A.K == ast::Value::Number ? A.Num.Number.str() + A.Num.Unit.str()
                                                 : A.Word.Value.str());
    break;
  default:
    P.Word = V.Word.Value.str();
    break;
  }
  return P;
}

/// A named figure of a 口径 block.
struct Figures::Named {
  std::string Name;
  std::vector<std::string> Aliases;
  const ast::Attr *Row = nullptr;
  Named *Parent = nullptr;
  std::vector<std::unique_ptr<Named>> Children;
  std::optional<model::Query> Q;
  bool Resolving = false;

  bool is(llvm::StringRef W) const {
    std::string N = model::normaliseName(W);
    if (model::normaliseName(Name) == N)
      return true;
    for (const std::string &A : Aliases)
      if (model::normaliseName(A) == N)
        return true;
    return false;
  }
};

/// The terms of one row or path part as they are collected: alternatives within a kind.
struct TermSet {
  bool Income = false, Empty = false, Underivable = false, RunningCosts = false;
  bool ThisYear = false, LastYear = false;
  uint8_t Natures = 0, Costs = 0;
  std::optional<std::vector<const model::Fund *>> Funds;
  std::vector<std::string> Functions, Economics;
  std::optional<std::vector<size_t>> Units;
  std::optional<std::vector<int>> Projects;
  std::vector<model::Query> Named; ///< narrowed by all of these

  void funds(const std::vector<const model::Fund *> &F) {
    if (!Funds)
      Funds.emplace();
    Funds->insert(Funds->end(), F.begin(), F.end());
  }

  model::Query finish() const {
    model::Query Q;
    Q.Income = Income;
    Q.Empty = Empty;
    Q.Underivable = Underivable;
    Q.RunningCosts = RunningCosts;
    if (ThisYear != LastYear)
      Q.CarryOver = LastYear;
    if (Natures)
      Q.Natures = Natures;
    if (Costs)
      Q.CostClasses = Costs;
    auto Sorted = [](auto V) {
      if (V) {
        std::sort(V->begin(), V->end(), std::less<>());
        V->erase(std::unique(V->begin(), V->end()), V->end());
      }
      return V;
    };
    Q.Funds = Sorted(Funds);
    Q.Units = Sorted(Units);
    Q.Projects = Sorted(Projects);
    Q.Functions = Functions;
    Q.Economics = Economics;
    for (const model::Query &N : Named)
      Q = model::Query::intersect(Q, N);
    return Q;
  }
};

Figures::Figures(Resolver &R) : R(R) {}
Figures::~Figures() = default;

namespace {

bool isDigits(llvm::StringRef S) {
  return !S.empty() && S.find_first_not_of("0123456789") == llvm::StringRef::npos;
}

/// The words a term may be, for suggestions.
const char *const TermWords[] = {"收入", "支出", "本年", "上年结转", "基本", "基本支出", "项目",
                                 "项目支出", "经营支出", "上解上级支出", "对附属单位补助支出",
                                 "结转下年", "人员经费", "公用经费", "财政拨款", "一般公共预算",
                                 "政府性基金", "国有资本经营", "财政专户", "单位资金", "机关运行",
                                 "无", "不可推导", "全部"};
const char *const TagWords[] = {"功能", "经济", "资金", "三公", "单位", "项目"};

/// The terms are a closed vocabulary, read before any named figure: a figure's name or alias
/// never hides a term.
bool isTermWord(llvm::StringRef W) {
  return std::find(std::begin(TermWords), std::end(TermWords), W) != std::end(TermWords);
}

} // namespace

void Figures::add(const ast::Library &L, bool FromStdlib) {
  std::function<std::unique_ptr<Named>(const ast::Attr &, Named *)> Read =
      [&](const ast::Attr &A, Named *Parent) {
        auto N = std::make_unique<Named>();
        N->Name = A.Key.Value.str();
        N->Row = &A;
        N->Parent = Parent;
        for (const ast::Value &V : A.Values)
          if (V.K == ast::Value::Tag && V.Word.Value == "别名" && !V.Args.empty())
            N->Aliases.push_back(V.Args[0].Word.Value.str());
        for (const ast::Attr *C : A.Children)
          N->Children.push_back(Read(*C, N.get()));
        return N;
      };
  for (const ast::Attr *A : L.Rows) {
    std::unique_ptr<Named> N = Read(*A, nullptr);
    auto Old = std::find_if(Top.begin(), Top.end(),
                            [&](const auto &T) { return T->Name == N->Name; });
    if (Old == Top.end()) {
      Top.push_back(std::move(N));
    } else if (!FromStdlib) {
      *Old = std::move(N); // the department's own definition
    } else {
      R.Diags.report(A->Key.Range, diag::DuplicateDeclaration, {"figure", N->Name})
          .zh({"口径", N->Name})
          .note((*Old)->Row->Range, diag::NoteFirstDeclared);
    }
  }
}

Figures::Named *Figures::find(llvm::StringRef Word, Named *Context) const {
  if (Context)
    for (const auto &C : Context->Children)
      if (C->is(Word))
        return C.get();
  for (const auto &T : Top)
    if (T->is(Word))
      return T.get();
  // A part of a named figure, when one alone has the name: 公务接待费.
  Named *Found = nullptr;
  unsigned Count = 0;
  std::function<void(Named &)> Walk = [&](Named &N) {
    for (const auto &C : N.Children) {
      if (C->is(Word)) {
        Found = C.get();
        ++Count;
      }
      Walk(*C);
    }
  };
  for (const auto &T : Top)
    Walk(*T);
  return Count == 1 ? Found : nullptr;
}

std::optional<model::Query> Figures::resolve(Named &N, FigureFailure &Failure) {
  if (N.Q)
    return N.Q;
  if (N.Resolving) {
    Failure.En = "'" + N.Name + "' is defined in terms of itself";
    Failure.Zh = "“" + N.Name + "”的口径引用了自身";
    return std::nullopt;
  }
  N.Resolving = true;
  std::vector<FigurePart> Parts;
  for (const ast::Value &V : N.Row->Values)
    if (!(V.K == ast::Value::Tag && V.Word.Value == "别名"))
      Parts.push_back(FigurePart::of(V));
  std::optional<model::Query> Q = terms(Parts, /*Facts=*/false, Failure);
  if (Q && N.Parent) {
    std::optional<model::Query> Up = resolve(*N.Parent, Failure);
    Q = Up ? std::optional<model::Query>(model::Query::intersect(*Up, *Q)) : std::nullopt;
  }
  N.Resolving = false;
  if (Q && Q->Underivable)
    Q->UnderivableName = N.Name;
  N.Q = Q;
  if (!Q && Failure.En.find(N.Name) == std::string::npos) {
    Failure.En = "the figure '" + N.Name + "' (" + R.SM.getPath(N.Row->Range.File).str() +
                 ") does not resolve: " + Failure.En;
    Failure.Zh = "口径“" + N.Name + "”（" + R.SM.getPath(N.Row->Range.File).str() +
                 "）无法解析：" + Failure.Zh;
  }
  return Q;
}

bool Figures::dimension(llvm::StringRef Dim, const FigurePart &Value, TermSet &S, bool Facts,
                        FigureFailure &Failure) {
  const model::Budget &B = R.B;
  llvm::StringRef V = Value.Word;
  if (Dim == "功能科目" || Dim == "功能") {
    if (!isDigits(V))
      return false;
    S.Functions.push_back(V.str());
    return true;
  }
  if (Dim == "经济科目" || Dim == "经济") {
    if (!isDigits(V))
      return false;
    S.Economics.push_back(V.str());
    return true;
  }
  if (Dim == "资金") {
    const model::Fund *F = B.findFund(V);
    if (!F)
      return false;
    S.funds({F});
    return true;
  }
  if (Dim == "三公") {
    // The economic 款 tagged with the item; an item no 款 carries (教学科研人员因公出国（境）费,
    // a split the classification does not make) has no facts.
    bool Any = false;
    for (const auto &[Code, E] : B.Economics.Entries)
      if (!E.SanGong.empty() && (E.SanGong == V || V == "全部")) {
        S.Economics.push_back(Code);
        Any = true;
      }
    if (!Any)
      S.Economics.push_back("-"); // no code starts with '-'
    return true;
  }
  if (!Facts)
    return false; // units and projects are facts: a template cannot name them
  if (Dim == "单位") {
    for (size_t I = 0; I < B.OrgUnits.size(); ++I)
      if (B.OrgUnits[I].Name == V || (!B.OrgUnits[I].Code.empty() && B.OrgUnits[I].Code == V)) {
        if (!S.Units)
          S.Units.emplace();
        S.Units->push_back(I);
        return true;
      }
    return false;
  }
  if (Dim == "项目") {
    for (size_t I = 0; I < B.Projects.size(); ++I)
      if (B.Projects[I].Name == V || (!B.Projects[I].Code.empty() && B.Projects[I].Code == V)) {
        if (!S.Projects)
          S.Projects.emplace();
        S.Projects->push_back(static_cast<int>(I));
        return true;
      }
    return false;
  }
  (void)Failure;
  return false;
}

const Figures::CodesNamed &Figures::codesNamed(llvm::StringRef Word) {
  const model::Budget &B = R.B;
  CodesNamed &C = NameCodes[Word];
  if (C.EconomicEntries == B.Economics.Entries.size() + 1 &&
      C.FunctionEntries == B.Functions.Entries.size() + 1)
    return C;
  C = CodesNamed();
  for (const auto &[Code, E] : B.Economics.Entries)
    if (E.isNamed(Word))
      C.Economics.push_back(Code);
  for (const auto &[Code, E] : B.Functions.Entries)
    if (E.isNamed(Word))
      C.Functions.push_back(Code);
  // (+ 1: an entry found with empty catalogues is not taken for one never found)
  C.EconomicEntries = B.Economics.Entries.size() + 1;
  C.FunctionEntries = B.Functions.Entries.size() + 1;
  return C;
}

bool Figures::term(const FigurePart &P, TermSet &S, bool Facts, FigureFailure &Failure) {
  const model::Budget &B = R.B;
  if (P.Tag) {
    FigurePart Value;
    Value.Word = P.Args.empty() ? "" : P.Args[0];
    Value.Where = P.Where;
    if (!P.Args.empty() && dimension(P.Word, Value, S, Facts, Failure))
      return true;
    bool Known = std::find(std::begin(TagWords), std::end(TagWords), P.Word) != std::end(TagWords);
    Failure.En = Known ? "'[" + P.Word + " " + Value.Word + "]' names nothing of this budget"
                       : "'[" + P.Word + "]' is not a term";
    Failure.Zh = Known ? "“[" + P.Word + " " + Value.Word + "]”在本预算中不存在"
                       : "“[" + P.Word + "]”不是筛选条件";
    if (!Known)
      Failure.Guess = closest(P.Word, std::vector<std::string>(std::begin(TagWords), std::end(TagWords)));
    return false;
  }
  llvm::StringRef W = P.Word;
  auto Fund = [&](auto Pred) {
    std::vector<const model::Fund *> F;
    for (const model::Fund *X : B.FundOrder)
      if (Pred(*X))
        F.push_back(X);
    S.funds(F);
    return true;
  };
  auto Type = [&](model::FundType T) {
    return Fund([&](const model::Fund &F) { return F.Type == T; });
  };
  if (W == "收入")
    return S.Income = true;
  if (W == "支出" || W == "全部")
    return true;
  if (W == "本年")
    return S.ThisYear = true;
  if (W == "上年结转")
    return S.LastYear = true;
  static const std::pair<const char *, model::Nature> Natures[] = {
      {"基本", model::Nature::Basic},       {"基本支出", model::Nature::Basic},
      {"项目", model::Nature::Project},     {"项目支出", model::Nature::Project},
      {"经营支出", model::Nature::Business}, {"上解上级支出", model::Nature::Remit},
      {"对附属单位补助支出", model::Nature::Subsidy}, {"结转下年", model::Nature::CarryForward}};
  for (const auto &[Word, N] : Natures)
    if (W == Word) {
      S.Natures |= uint8_t(1u << unsigned(N));
      return true;
    }
  if (W == "人员经费") {
    S.Costs |= 1u << unsigned(model::CostClass::Personnel);
    return true;
  }
  if (W == "公用经费") {
    S.Costs |= 1u << unsigned(model::CostClass::Public);
    return true;
  }
  if (W == "财政拨款")
    return Fund([](const model::Fund &F) { return F.Appropriation; });
  if (W == "一般公共预算")
    return Type(model::FundType::General);
  if (W == "政府性基金")
    return Type(model::FundType::GovFund);
  if (W == "国有资本经营")
    return Type(model::FundType::StateCapital);
  if (W == "财政专户")
    return Type(model::FundType::SpecialAccount);
  if (W == "单位资金")
    return Type(model::FundType::UnitFunds);
  if (W == "机关运行")
    return S.RunningCosts = true;
  if (W == "无")
    return S.Empty = true;
  if (W == "不可推导")
    return S.Underivable = true;
  if (const model::Fund *F = B.findFund(W)) {
    S.funds({F});
    return true;
  }
  // A code: function codes start with 2, economic ones with 3 or 5.
  if (isDigits(W) && (W.size() == 3 || W.size() == 5 || W.size() == 7)) {
    if (W[0] == '2') {
      S.Functions.push_back(W.str());
      return true;
    }
    if (W[0] == '3' || W[0] == '5') {
      S.Economics.push_back(W.str());
      return true;
    }
  }
  // The catalogue name of a code: 办公费, 一般公共服务支出.
  const CodesNamed &Found = codesNamed(W);
  const std::vector<std::string> &Functions = Found.Functions, &Economics = Found.Economics;
  if (Functions.size() + Economics.size() == 1) {
    (Functions.empty() ? S.Economics : S.Functions).push_back(Functions.empty() ? Economics[0] : Functions[0]);
    return true;
  }
  if (Functions.size() + Economics.size() > 1) {
    std::vector<std::string> All = Functions;
    All.insert(All.end(), Economics.begin(), Economics.end());
    std::string Codes;
    for (size_t I = 0; I < All.size() && I < 5; ++I)
      Codes += (I ? ", " : "") + All[I];
    if (All.size() > 5)
      Codes += " … " + std::to_string(All.size());
    Failure.Explained = true;
    Failure.En = "'" + W.str() + "' is the name of several codes (" + Codes + "); write the code";
    Failure.Zh = "“" + W.str() + "”是多个科目的名称（" + Codes + "）；请写科目编码";
    return false;
  }
  Failure.En = "'" + W.str() + "' is not a figure or a term budc knows";
  Failure.Zh = "“" + W.str() + "”不是 budc 已知的数字或筛选条件";
  Failure.Guess = closest(W, words());
  return false;
}

std::optional<model::Query> Figures::terms(llvm::ArrayRef<FigurePart> Parts, bool Facts,
                                           FigureFailure &Failure) {
  TermSet S;
  for (size_t I = 0; I < Parts.size(); ++I) {
    const FigurePart &P = Parts[I];
    Failure.Part = I;
    if (!P.Tag && I + 1 < Parts.size() &&
        (P.Word == "功能科目" || P.Word == "经济科目" || P.Word == "资金" || P.Word == "单位" ||
         (P.Word == "项目" && Facts)) &&
        dimension(P.Word, Parts[I + 1], S, Facts, Failure)) {
      ++I;
      continue;
    }
    if (!P.Tag && (P.Word == "功能科目" || P.Word == "经济科目"))
      continue; // alone: every code
    if (!P.Tag && !isTermWord(P.Word))
      if (Named *N = find(P.Word, nullptr)) {
        std::optional<model::Query> Q = resolve(*N, Failure);
        if (!Q)
          return std::nullopt;
        S.Named.push_back(*Q);
        continue;
      }
    if (!term(P, S, Facts, Failure))
      return std::nullopt;
  }
  return S.finish();
}

std::optional<model::Query> Figures::path(llvm::ArrayRef<FigurePart> Parts, bool Facts,
                                          FigureFailure &Failure) {
  model::Query Q;
  Named *Context = nullptr;
  for (size_t I = 0; I < Parts.size(); ++I) {
    const FigurePart &P = Parts[I];
    Failure.Part = I;
    // A part of the named figure before: 三公经费/公务接待费.
    if (Context)
      for (const auto &C : Context->Children)
        if (C->is(P.Word)) {
          std::optional<model::Query> X = resolve(*C, Failure);
          if (!X)
            return std::nullopt;
          Q = model::Query::intersect(Q, *X);
          Context = C.get();
          goto Next;
        }
    {
      TermSet S;
      // A dimension and its value: 功能科目/201, 单位/"…", 项目/"…".
      if (I + 1 < Parts.size() &&
          (P.Word == "功能科目" || P.Word == "经济科目" || P.Word == "资金" || P.Word == "单位" ||
           P.Word == "项目") &&
          dimension(P.Word, Parts[I + 1], S, Facts, Failure)) {
        Q = model::Query::intersect(Q, S.finish());
        Context = nullptr;
        ++I;
        continue;
      }
      if (P.Word == "功能科目" || P.Word == "经济科目")
        continue; // alone: every code (声明 功能科目 { 201 … })
      if (Named *N = isTermWord(P.Word) ? nullptr : find(P.Word, nullptr)) {
        std::optional<model::Query> X = resolve(*N, Failure);
        if (!X)
          return std::nullopt;
        Q = model::Query::intersect(Q, *X);
        Context = N;
        continue;
      }
      if (!term(P, S, Facts, Failure)) {
        if (Context && !Context->Children.empty() && Failure.Guess.empty()) {
          std::string Parts;
          for (const auto &C : Context->Children)
            Parts += (Parts.empty() ? "" : ", ") + C->Name;
          Failure.Explained = true;
          Failure.En += "; the parts of " + Context->Name + " are " + Parts;
          Failure.Zh += "；" + Context->Name + "的组成部分为 " + Parts;
          Failure.Guess = closest(P.Word, [&] {
            std::vector<std::string> Names;
            for (const auto &C : Context->Children)
              Names.push_back(C->Name);
            return Names;
          }());
        }
        return std::nullopt;
      }
      Q = model::Query::intersect(Q, S.finish());
      Context = nullptr;
    }
  Next:;
  }
  return Q;
}

bool Figures::completeParts(llvm::ArrayRef<FigurePart> ParentKey,
                            llvm::ArrayRef<std::string> ChildNames) const {
  // The named figure the key ends with.
  Named *N = nullptr;
  for (const FigurePart &P : ParentKey) {
    Named *X = find(P.Word, N);
    N = X ? X : nullptr;
  }
  if (!N || N->Children.empty() || N->Children.size() != ChildNames.size())
    return false;
  for (const auto &C : N->Children)
    if (std::none_of(ChildNames.begin(), ChildNames.end(),
                     [&](const std::string &W) { return C->is(W); }))
      return false;
  return true;
}

std::vector<std::pair<std::string, std::string>> Figures::spellings() const {
  std::vector<std::pair<std::string, std::string>> Out;
  std::function<void(const Named &, const std::string &)> Walk = [&](const Named &N,
                                                                    const std::string &Path) {
    std::string Here = Path.empty() ? N.Name : Path + "/" + N.Name;
    // A part is a figure of its own when its name finds it (find: unique among the parts);
    // its name alone is then its shortest path.
    bool Reachable = !N.Parent || find(N.Name, nullptr) == &N;
    if (Reachable) {
      Out.emplace_back(N.Name, N.Name);
      for (const std::string &A : N.Aliases)
        Out.emplace_back(A, N.Name);
    }
    for (const auto &C : N.Children)
      Walk(*C, Here);
  };
  for (const auto &T : Top)
    Walk(*T, "");
  return Out;
}

std::string Figures::known(Lang L) const {
  bool Zh = L == Lang::Zh;
  std::string Out;
  for (const auto &T : Top) {
    Out += (Out.empty() ? "" : Zh ? "、" : ", ") + T->Name;
    if (!T->Children.empty())
      Out += " {…}";
  }
  if (Zh)
    return Out + "；功能科目/代码、经济科目/代码、单位/名称、项目/名称、资金/名称；筛选条件 "
                 "本年、上年结转、基本支出、项目支出、人员经费、公用经费、财政拨款、一般公共预算等";
  return Out + "; 功能科目/CODE, 经济科目/CODE, 单位/NAME, 项目/NAME, 资金/NAME; the terms "
               "本年, 上年结转, 基本支出, 项目支出, 人员经费, 公用经费, 财政拨款, 一般公共预算 …";
}

std::vector<std::string> Figures::words() const {
  std::vector<std::string> Out(std::begin(TermWords), std::end(TermWords));
  std::function<void(const Named &)> Walk = [&](const Named &N) {
    Out.push_back(N.Name);
    Out.insert(Out.end(), N.Aliases.begin(), N.Aliases.end());
    for (const auto &C : N.Children)
      Walk(*C);
  };
  for (const auto &T : Top)
    Walk(*T);
  return Out;
}

} // namespace budc::sema

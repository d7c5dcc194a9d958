//===- locate.cpp - The thing of the language at a place in a syntax tree ---===//
#include "compiler/lsp/features.h"

#include "compiler/syntax/text.h"

using namespace llvm;

namespace budc::lsp {
namespace {

/// Whether \p Offset is in \p S, its end included (the cursor just after a word).
bool in(Span S, uint32_t Offset) { return S.isValid() && S.Begin <= Offset && Offset <= S.End; }

class Locator {
public:
  Locator(const SourceManager &SM, uint32_t Offset) : SM(SM), Offset(Offset) {}

  Target Found;

  void items(ArrayRef<ast::Node *> Items) {
    for (const ast::Node *N : Items)
      if (!Found.Kind && in(N->Range, Offset))
        node(N);
  }

private:
  bool set(Target::TargetKind K, StringRef Text, Span Where, const ast::Node *N) {
    if (Found.Kind || !in(Where, Offset))
      return false;
    Found = {K, Text.str(), Where, N};
    return true;
  }

  /// A figure reference {…} in a quoted text or a text block.
  void text(const ast::Text &T, const ast::Node *N) {
    if (Found.Kind || T.Style == ast::Text::Bare || !in(T.Range, Offset))
      return;
    StringRef Token = SM.getText(T.Range.File).slice(T.Range.Begin, T.Range.End);
    std::vector<syntax::TextProblem> Problems;
    for (const syntax::RawReference &R : syntax::findReferences(Token, Problems)) {
      Span Where{T.Range.File, T.Range.Begin + R.Offset, T.Range.Begin + R.Offset + R.Length};
      if (set(Target::FigureReference, R.Content, Where, N))
        return;
    }
  }

  void quantity(const ast::Quantity &Q, const ast::Node *N) {
    set(Target::MeasureUnit, Q.Unit, Q.unitRange(), N);
  }

  void value(const ast::Value &V, const ast::Node *N) {
    if (V.K == ast::Value::Number)
      quantity(V.Num, N);
    else if (V.K == ast::Value::String)
      text(V.Word, N);
  }

  void attr(const ast::Attr *A) {
    if (!in(A->Range, Offset))
      return;
    for (const ast::Value &V : A->Values)
      value(V, A);
    for (const ast::Attr *C : A->Children)
      attr(C);
  }

  void basicLine(const ast::BasicLine *L) {
    if (!in(L->Range, Offset))
      return;
    set(Target::EconomicCode, L->Economic.Value, L->Economic.Range, L);
    set(Target::EconomicCode, L->Economic.Value, L->Name.Range, L);
    quantity(L->Amount, L);
  }

  void indicator(const ast::Indicator *I) {
    if (!in(I->Range, Offset))
      return;
    if (!I->Path.empty()) {
      std::string Path;
      for (const ast::Text &P : I->Path)
        Path += (Path.empty() ? "" : "/") + P.Value.str();
      set(Target::FrameworkPath, Path, Span::cover(I->Path.front().Range, I->Path.back().Range), I);
    }
    if (I->HasValue)
      value(I->Val.value(), I);
    if (const ast::Text &U = I->columns().Unit; U.present())
      set(Target::MeasureUnit, U.Value, U.Range, I);
    text(I->Description, I);
    if (I->Basis.Style == ast::Text::Bare)
      set(Target::Citation, I->Basis.Value, I->Basis.Range, I);
    // Anywhere else on it (its name, 指标, a clause): the indicator itself.
    set(Target::Indicator, I->Name.Value, I->Name.Range, I);
    set(Target::Indicator, I->Name.Value, I->Range, I);
  }

  void declare(const ast::Declare *D, std::string Prefix) {
    if (!in(D->Range, Offset))
      return;
    std::string Key = Prefix;
    for (const ast::Text &P : D->Key)
      Key += (Key.empty() ? "" : "/") + P.Value.str();
    for (const ast::Text &P : D->Key)
      set(Target::DeclaredKey, Key, P.Range, D);
    quantity(D->Amount, D);
    for (const ast::Declare *C : D->Children)
      declare(C, Key);
  }

  void node(const ast::Node *N) {
    using namespace ast;
    switch (N->Kind) {
    case NodeKind::Include: {
      auto *I = cast<Include>(N);
      set(Target::Include, I->Path.Value, I->Path.Range, N);
      return;
    }
    case NodeKind::Budget:
      for (const Attr *A : cast<Budget>(N)->Attrs) {
        if (!in(A->Range, Offset) || A->Values.empty())
          continue;
        const Value &V = A->Values.front();
        if (A->Key.Value == "模板")
          set(Target::Template, V.Word.Value, V.range(), A);
        else if (A->Key.Value == "金额单位")
          set(Target::MeasureUnit, V.Word.Value, V.range(), A);
        attr(A);
      }
      return;
    case NodeKind::Department: {
      auto *D = cast<Department>(N);
      items(D->Items);
      return;
    }
    case NodeKind::Unit: {
      auto *U = cast<Unit>(N);
      set(Target::OrgUnit, U->Name.Value, U->Name.Range, N);
      items(U->Items);
      return;
    }
    case NodeKind::Attr:
      attr(cast<Attr>(N));
      return;
    case NodeKind::Income:
      for (const IncomeLine *L : cast<Income>(N)->Lines) {
        if (!in(L->Range, Offset))
          continue;
        set(Target::Fund, L->Fund.Value, L->Fund.Range, L);
        quantity(L->Amount, L);
      }
      return;
    case NodeKind::Basic: {
      auto *B = cast<Basic>(N);
      set(Target::FunctionCode, B->Function.Value, B->Function.Range, N);
      set(Target::FunctionCode, B->Function.Value, B->Name.Range, N);
      for (const Node *I : B->Items) {
        if (auto *L = dyn_cast<BasicLine>(I))
          basicLine(L);
        else if (auto *S = dyn_cast<FundSource>(I); S && in(S->Range, Offset))
          set(Target::Fund, S->Fund.Value, S->Fund.Range, S);
      }
      return;
    }
    case NodeKind::Project: {
      auto *P = cast<Project>(N);
      set(Target::Project, P->Id.Value, P->Id.Range, N);
      set(Target::Project, P->Id.Value, P->Name.Range, N);
      for (const Node *I : P->Items) {
        if (Found.Kind || !in(I->Range, Offset))
          continue;
        if (auto *F = dyn_cast<FunctionRef>(I)) {
          set(Target::FunctionCode, F->Id.Value, F->Id.Range, I);
          set(Target::FunctionCode, F->Id.Value, F->Name.Range, I);
        } else if (auto *E = dyn_cast<EconomicRef>(I)) {
          set(Target::EconomicCode, E->Id.Value, E->Id.Range, I);
          set(Target::EconomicCode, E->Id.Value, E->Name.Range, I);
        } else if (auto *A = dyn_cast<AmountLine>(I)) {
          set(Target::Fund, A->Fund.Value, A->Fund.Range, I);
          quantity(A->Amount, I);
          for (const BasicLine *L : A->Split)
            basicLine(L);
        } else {
          node(I);
        }
      }
      return;
    }
    case NodeKind::Goal: {
      auto *G = cast<Goal>(N);
      text(G->Statement, N);
      for (const Indicator *I : G->Indicators)
        indicator(I);
      return;
    }
    case NodeKind::Indicator:
      indicator(cast<Indicator>(N));
      return;
    case NodeKind::Citation: {
      auto *C = cast<Citation>(N);
      set(Target::Citation, C->Name.Value, C->Name.Range, N);
      return;
    }
    case NodeKind::Declare:
      declare(cast<Declare>(N), "");
      return;
    case NodeKind::Section: {
      auto *S = cast<Section>(N);
      text(S->Title, N);
      text(S->Body, N);
      return;
    }
    case NodeKind::Glossary:
      for (const GlossaryEntry *E : cast<Glossary>(N)->Entries)
        if (in(E->Range, Offset))
          text(E->Definition, E);
      return;
    case NodeKind::Performance:
      items(cast<Performance>(N)->Items);
      return;
    case NodeKind::Area:
      items(cast<Area>(N)->Items);
      return;
    case NodeKind::Procurement:
      for (const Attr *A : cast<Procurement>(N)->Rows)
        attr(A);
      return;
    case NodeKind::Assets:
      for (const Attr *A : cast<Assets>(N)->Rows)
        attr(A);
      return;
    default:
      return;
    }
  }

  const SourceManager &SM;
  uint32_t Offset;
};

} // namespace

Target locate(const SourceManager &SM, const ast::File &F, uint32_t Offset) {
  Locator L(SM, Offset);
  L.items(F.Items);
  return L.Found;
}

} // namespace budc::lsp

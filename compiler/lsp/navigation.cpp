//===- navigation.cpp - Go to definition and the outline of a document -------===//
#include "compiler/lsp/features.h"

#include "compiler/stdlib/stdlib.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace llvm;

namespace budc::lsp {
namespace {

/// The file of \p C whose path, once made real, is \p Path.
unsigned fileAt(const Compilation &C, StringRef Path) {
  SmallString<256> Want;
  if (sys::fs::real_path(Path, Want))
    Want = Path;
  for (const ast::File *F : C.WS.Files) {
    SmallString<256> Real;
    StringRef Have = C.SM.getPath(F->Range.File);
    if (sys::fs::real_path(Have, Real))
      Real = Have;
    if (Real == Want)
      return F->Range.File;
  }
  return 0;
}

} // namespace

std::vector<Definition> definition(const View &V, const Target &T) {
  const model::Budget *B = V.Model;
  switch (T.Kind) {
  case Target::Citation: {
    // The declaration as written, in any file of the workspace.
    for (const ast::File *F : V.C.WS.Files)
      for (const ast::Node *N : F->Items)
        if (auto *C = dyn_cast<ast::Citation>(N); C && C->Name.Value == T.Text)
          return {{C->Name.Range}};
    return {};
  }
  case Target::Include: {
    SmallString<256> P(T.Text);
    if (!sys::path::is_absolute(P)) {
      P = sys::path::parent_path(V.C.SM.getPath(T.Where.File));
      sys::path::append(P, T.Text);
    }
    sys::path::remove_dots(P, true);
    if (unsigned ID = fileAt(V.C, P))
      return {{Span{ID, 0, 0}}};
    return {};
  }
  case Target::MeasureUnit:
    if (B)
      if (const model::UnitDef *D = B->Units.find(T.Text); D && D->Where.isValid())
        return {{D->Where, true}};
    return {};
  case Target::OrgUnit:
    // A unit is defined where it is declared: the target is that name.
    return {{T.Where}};
  case Target::Template:
    if (B)
      for (const model::Template &Tpl : B->Templates)
        if (Tpl.Name == T.Text && Tpl.Where.isValid())
          return {{Tpl.Where, true}};
    // A check reads only the names of the standard library's templates: the line that
    // declares it (表样 NAME {) in the embedded file.
    for (const EmbeddedFile &E : stdlib::embeddedFiles()) {
      StringRef Text = E.text();
      for (size_t At = 0; At < Text.size();) {
        StringRef Line = Text.substr(At).take_until([](char C) { return C == '\n'; });
        StringRef Name = Line;
        if (Name.consume_front("表样 ") &&
            Name.take_until([](char C) { return C == ' ' || C == '{'; }) == T.Text) {
          uint32_t Begin = static_cast<uint32_t>(At);
          return {{Span{0, Begin, Begin + static_cast<uint32_t>(Line.size())}, false, E.Path}};
        }
        At += Line.size() + 1;
      }
    }
    return {};
  case Target::FunctionCode:
  case Target::EconomicCode:
    if (B) {
      const model::Catalogue &Cat = T.Kind == Target::FunctionCode ? B->Functions : B->Economics;
      if (const model::CatalogueEntry *E = Cat.find(T.Text); E && E->Where.isValid())
        return {{E->Where, true}};
    }
    return {};
  case Target::Fund:
    if (B)
      if (const model::Fund *F = B->findFund(T.Text); F && F->Where.isValid())
        return {{F->Where, true}};
    return {};
  case Target::Project:
  case Target::FrameworkPath:
  case Target::FigureReference:
  case Target::DeclaredKey:
  case Target::Indicator:
  case Target::None:
    return {};
  }
  return {};
}

namespace {

// The protocol's SymbolKind numbers.
enum : unsigned {
  SkFile = 1, SkModule = 2, SkNamespace = 3, SkClass = 5, SkMethod = 6, SkProperty = 7,
  SkField = 8, SkFunction = 12, SkVariable = 13, SkConstant = 14, SkString = 15, SkNumber = 16,
  SkObject = 19, SkKey = 20, SkEvent = 24, SkStruct = 23,
};

class Outline {
public:
  explicit Outline(const View &V) : V(V) {}

  void items(ArrayRef<ast::Node *> Items, std::vector<Symbol> &Out) {
    for (const ast::Node *N : Items)
      node(N, Out);
  }

private:
  static Span sel(const ast::Text &T, const ast::Node *N) {
    return T.present() ? T.Range : Span{N->Range.File, N->Range.Begin, N->Range.Begin};
  }

  Symbol make(std::string Name, std::string Detail, unsigned Kind, const ast::Node *N, Span Sel) {
    Symbol S;
    S.Name = Name.empty() ? "…" : std::move(Name);
    S.Detail = std::move(Detail);
    S.Kind = Kind;
    S.Range = N->Range;
    S.Selection = Sel.isValid() ? Sel : Span{N->Range.File, N->Range.Begin, N->Range.Begin};
    return S;
  }

  void goal(const ast::Goal *G, std::vector<Symbol> &Out) {
    Symbol S = make(G->Statement.Value.str(), V.tr("goal", "目标"), SkEvent, G, sel(G->Statement, G));
    for (const ast::Indicator *I : G->Indicators)
      indicator(I, S.Children);
    Out.push_back(std::move(S));
  }

  void indicator(const ast::Indicator *I, std::vector<Symbol> &Out) {
    std::string Path;
    for (const ast::Text &P : I->Path)
      Path += (Path.empty() ? "" : "/") + P.Value.str();
    Out.push_back(make(I->Name.Value.str(), Path.empty() ? V.tr("indicator", "指标") : Path,
                       SkField, I, sel(I->Name, I)));
  }

  void node(const ast::Node *N, std::vector<Symbol> &Out) {
    using namespace ast;
    switch (N->Kind) {
    case NodeKind::Budget: {
      auto *B = cast<Budget>(N);
      Out.push_back(make((V.tr("budget ", "预算 ") + B->Year.Value).str(), "", SkFile, N,
                         B->Year.Range));
      return;
    }
    case NodeKind::Department: {
      auto *D = cast<Department>(N);
      Symbol S = make(D->Name.Value.str(), (V.tr("department ", "部门 ") + D->Id.Value).str(),
                      SkNamespace, N, sel(D->Name, N));
      items(D->Items, S.Children);
      Out.push_back(std::move(S));
      return;
    }
    case NodeKind::Unit: {
      auto *U = cast<Unit>(N);
      Symbol S = make(U->Name.Value.str(), V.tr("unit", "单位"), SkModule, N, sel(U->Name, N));
      items(U->Items, S.Children);
      Out.push_back(std::move(S));
      return;
    }
    case NodeKind::Income:
      Out.push_back(make(V.tr("income", "收入"), "", SkStruct, N, {}));
      return;
    case NodeKind::Basic: {
      auto *B = cast<Basic>(N);
      std::string Name = B->Function.Value.str();
      if (B->Name.present())
        Name += " " + B->Name.Value.str();
      Out.push_back(make(Name,
                         B->Projects ? V.tr("project expenditure", "项目支出")
                                     : V.tr("basic expenditure", "基本支出"),
                         SkObject, N, B->Function.Range));
      return;
    }
    case NodeKind::Project: {
      auto *P = cast<Project>(N);
      Symbol S = make(P->Name.Value.str(), (V.tr("project ", "项目 ") + P->Id.Value).str(),
                      SkClass, N, sel(P->Name, N));
      for (const Node *I : P->Items) {
        if (auto *G = dyn_cast<Goal>(I))
          goal(G, S.Children);
        else if (auto *Ind = dyn_cast<Indicator>(I))
          indicator(Ind, S.Children);
      }
      Out.push_back(std::move(S));
      return;
    }
    case NodeKind::Goal:
      goal(cast<Goal>(N), Out);
      return;
    case NodeKind::Indicator:
      indicator(cast<Indicator>(N), Out);
      return;
    case NodeKind::Performance: {
      Symbol S = make(V.tr("overall performance", "整体绩效"), "", SkNamespace, N, {});
      items(cast<Performance>(N)->Items, S.Children);
      Out.push_back(std::move(S));
      return;
    }
    case NodeKind::Area: {
      auto *A = cast<Area>(N);
      Symbol S = make(A->Name.Value.str(), V.tr("area", "分项"), SkModule, N, sel(A->Name, N));
      items(A->Items, S.Children);
      Out.push_back(std::move(S));
      return;
    }
    case NodeKind::Citation: {
      auto *C = cast<Citation>(N);
      Out.push_back(make(C->Name.Value.str(), V.tr("citation", "依据"), SkConstant, N,
                         sel(C->Name, N)));
      return;
    }
    case NodeKind::Declare: {
      auto *D = cast<Declare>(N);
      std::string Key;
      for (const Text &P : D->Key)
        Key += (Key.empty() ? "" : "/") + P.Value.str();
      Symbol S = make(Key, V.tr("declared figure", "声明"), SkNumber, N,
                      D->Key.empty() ? Span{} : D->Key.front().Range);
      for (const Declare *C : D->Children)
        node(C, S.Children);
      Out.push_back(std::move(S));
      return;
    }
    case NodeKind::Section: {
      auto *S = cast<Section>(N);
      Out.push_back(make(S->Title.Value.str(), V.tr("section", "说明"), SkString, N,
                         sel(S->Title, N)));
      return;
    }
    case NodeKind::Glossary:
      Out.push_back(make(V.tr("glossary", "名词解释"), "", SkObject, N, {}));
      return;
    case NodeKind::Procurement:
      Out.push_back(make(V.tr("procurement", "政府采购"), "", SkObject, N, {}));
      return;
    case NodeKind::Assets:
      Out.push_back(make(V.tr("state assets", "国有资产"), "", SkObject, N, {}));
      return;
    case NodeKind::Library: {
      auto *L = cast<Library>(N);
      Out.push_back(make(L->Name.present() ? L->Name.Value.str() : V.tr("library", "标准库声明"),
                         "", SkModule, N, sel(L->Name, N)));
      return;
    }
    default:
      return;
    }
  }

  const View &V;
};

} // namespace

std::vector<Symbol> symbols(const View &V) {
  std::vector<Symbol> Out;
  if (V.Tree)
    Outline(V).items(V.Tree->Items, Out);
  return Out;
}

} // namespace budc::lsp

//===- dump.cpp - Print a syntax tree for people and tests ------------------===//
#include "compiler/ast/dump.h"

namespace budc::ast {
namespace {

class Dumper {
public:
  Dumper(llvm::raw_ostream &OS, const SourceManager &SM, PartsOf Parts)
      : OS(OS), SM(SM), Parts(Parts) {}

  void node(const Node *N, unsigned Depth);

private:
  void head(const Node *N, unsigned Depth) {
    OS.indent(Depth * 2) << kindName(N->Kind);
    if (N->Range.isValid()) {
      LineCol B = SM.getLineCol(N->Range.File, N->Range.Begin);
      LineCol E = SM.getLineCol(N->Range.File, N->Range.End);
      OS << " <" << B.Line << ':' << B.Column << '-' << E.Line << ':' << E.Column << '>';
    }
  }

  void text(const Text &T) {
    if (!T.present()) {
      OS << "-";
      return;
    }
    if (T.Style == Text::Bare) {
      OS << T.Value;
      return;
    }
    OS << (T.Style == Text::Block ? "\"\"\"" : "\"");
    for (char C : T.Value) {
      if (C == '\n')
        OS << "\\n";
      else if (C == '"')
        OS << "\\\"";
      else if (C == '\\')
        OS << "\\\\";
      else
        OS << C;
    }
    OS << (T.Style == Text::Block ? "\"\"\"" : "\"");
    for (const TextPart &P : Parts(T))
      if (P.IsReference)
        OS << " ref{" << P.Value << '}';
  }

  void quantity(const Quantity &Q) {
    if (!Q.present()) {
      OS << "-";
      return;
    }
    OS << spelling(Q.Cmp) << (Q.Negative ? "-" : "") << Q.Number << Q.Unit;
  }

  void value(const Value &V) {
    switch (V.K) {
    case Value::Name:
      OS << "[name ";
      text(V.Word);
      break;
    case Value::String:
      OS << "[string ";
      text(V.Word);
      break;
    case Value::Number:
      OS << "[number ";
      quantity(V.Num);
      break;
    case Value::Date:
      OS << "[date " << spelling(V.Num.Cmp);
      text(V.Word);
      break;
    case Value::CodeWord:
      OS << "[code ";
      text(V.Word);
      break;
    case Value::Tag:
      OS << "[tag ";
      text(V.Word);
      for (const Value &A : V.Args) {
        OS << ' ';
        value(A);
      }
      break;
    }
    OS << ']';
  }

  void fund(bool CarryOver, const Text &Fund) {
    OS << " fund=";
    if (CarryOver)
      OS << "上年结转:";
    text(Fund);
  }

  template <typename T> void children(llvm::ArrayRef<T *> Items, unsigned Depth) {
    for (const T *C : Items)
      node(C, Depth);
  }

  llvm::raw_ostream &OS;
  const SourceManager &SM;
  PartsOf Parts;
};

void Dumper::node(const Node *N, unsigned Depth) {
  if (auto *F = llvm::dyn_cast<File>(N)) { // a file spans itself: no range printed
    OS.indent(Depth * 2) << "File \"" << F->Path << "\"\n";
    for (const Suppression &S : F->Suppressions) {
      OS.indent(Depth * 2 + 2) << "Suppression line=" << S.TargetLine;
      if (S.LastLine != S.TargetLine) // a block's
        OS << "-" << S.LastLine;
      OS << ' ' << S.Code << " reason=\"" << S.Reason << "\"\n";
    }
    children(F->Items, Depth + 1);
    return;
  }
  head(N, Depth);
  switch (N->Kind) {
  case NodeKind::File: {
    auto *F = llvm::cast<File>(N);
    children(F->Items, Depth + 1);
    return;
  }
  case NodeKind::Include:
    OS << " path=";
    text(llvm::cast<Include>(N)->Path);
    break;
  case NodeKind::Budget: {
    auto *B = llvm::cast<Budget>(N);
    OS << " year=" << B->Year.Value << '\n';
    children(B->Attrs, Depth + 1);
    return;
  }
  case NodeKind::Department: {
    auto *D = llvm::cast<Department>(N);
    OS << " id=" << (D->Id.present() ? D->Id.Value : "-") << " name=";
    text(D->Name);
    OS << '\n';
    children(D->Items, Depth + 1);
    return;
  }
  case NodeKind::Unit: {
    auto *U = llvm::cast<Unit>(N);
    OS << " id=" << (U->Id.present() ? U->Id.Value : "-") << " name=";
    text(U->Name);
    OS << '\n';
    children(U->Items, Depth + 1);
    return;
  }
  case NodeKind::Attr: {
    auto *A = llvm::cast<Attr>(N);
    OS << ' ';
    text(A->Key);
    for (const Value &V : A->Values) {
      OS << ' ';
      value(V);
    }
    if (A->HasBlock)
      OS << " {}";
    OS << '\n';
    children(A->Children, Depth + 1);
    return;
  }
  case NodeKind::Income: {
    OS << '\n';
    children(llvm::cast<Income>(N)->Lines, Depth + 1);
    return;
  }
  case NodeKind::IncomeLine: {
    auto *L = llvm::cast<IncomeLine>(N);
    if (L->CarryForward)
      OS << " 结转下年";
    fund(L->CarryOver, L->Fund);
    OS << " amount=";
    quantity(L->Amount);
    break;
  }
  case NodeKind::Basic: {
    auto *B = llvm::cast<Basic>(N);
    if (B->Projects)
      OS << " 项目支出";
    OS << " function=" << B->Function.Value << " name=";
    text(B->Name);
    OS << '\n';
    children(B->Items, Depth + 1);
    return;
  }
  case NodeKind::BasicLine: {
    auto *L = llvm::cast<BasicLine>(N);
    OS << " economic=" << L->Economic.Value << " name=";
    text(L->Name);
    OS << " amount=";
    quantity(L->Amount);
    for (const Value &T : L->Tags) {
      OS << ' ';
      value(T);
    }
    break;
  }
  case NodeKind::FundSource: {
    auto *S = llvm::cast<FundSource>(N);
    fund(S->CarryOver, S->Fund);
    break;
  }
  case NodeKind::Project: {
    auto *P = llvm::cast<Project>(N);
    OS << " id=" << (P->Id.present() ? P->Id.Value : "-") << " name=";
    text(P->Name);
    OS << '\n';
    children(P->Items, Depth + 1);
    return;
  }
  case NodeKind::FunctionRef: {
    auto *F = llvm::cast<FunctionRef>(N);
    OS << " code=" << F->Id.Value << " name=";
    text(F->Name);
    break;
  }
  case NodeKind::EconomicRef: {
    auto *E = llvm::cast<EconomicRef>(N);
    OS << " code=" << E->Id.Value << " name=";
    text(E->Name);
    break;
  }
  case NodeKind::AmountLine: {
    auto *A = llvm::cast<AmountLine>(N);
    OS << " amount=";
    quantity(A->Amount);
    fund(A->CarryOver, A->Fund);
    if (A->HasSplit) {
      OS << '\n';
      children(A->Split, Depth + 1);
      return;
    }
    break;
  }
  case NodeKind::Schedule:
    for (const SchedulePoint &P : llvm::cast<Schedule>(N)->Points) {
      OS << ' ';
      quantity(P.Month);
      OS << ':';
      quantity(P.Share);
    }
    break;
  case NodeKind::Goal: {
    auto *G = llvm::cast<Goal>(N);
    OS << ' ';
    text(G->Statement);
    if (G->HasBlock)
      OS << " {}";
    OS << '\n';
    children(G->Indicators, Depth + 1);
    return;
  }
  case NodeKind::Indicator: {
    auto *I = llvm::cast<Indicator>(N);
    OS << " path=";
    if (I->Path.empty())
      OS << '-';
    for (size_t K = 0; K < I->Path.size(); ++K) {
      if (K)
        OS << '/';
      text(I->Path[K]);
    }
    OS << " name=";
    text(I->Name);
    OS << " value=";
    if (I->HasValue)
      value(I->Val.value());
    else
      OS << '-';
    // The columns of published tables, only when written (older dumps stay as they were).
    auto Clause = [&](const char *Key, const Text &T) {
      if (T.present()) {
        OS << ' ' << Key << '=';
        text(T);
      }
    };
    const IndicatorColumns &C = I->columns();
    Clause("unit", C.Unit);
    Clause("nature", C.Nature);
    if (C.Weight.present()) {
      OS << " weight=";
      quantity(C.Weight);
    }
    Clause("core", C.Core);
    Clause("content", C.Content);
    Clause("scoring", C.Scoring);
    OS << " desc=";
    text(I->Description);
    OS << " basis=";
    text(I->Basis);
    break;
  }
  case NodeKind::Citation: {
    auto *C = llvm::cast<Citation>(N);
    OS << ' ';
    text(C->Name);
    OS << " = ";
    text(C->Document);
    break;
  }
  case NodeKind::Declare: {
    auto *D = llvm::cast<Declare>(N);
    OS << " key=";
    for (size_t K = 0; K < D->Key.size(); ++K) {
      if (K)
        OS << '/';
      text(D->Key[K]);
    }
    OS << " amount=";
    quantity(D->Amount);
    if (D->HasBlock)
      OS << " {}";
    OS << '\n';
    children(D->Children, Depth + 1);
    return;
  }
  case NodeKind::LastYear: {
    auto *L = llvm::cast<LastYear>(N);
    OS << " year=" << L->Year.Value << " directory=";
    text(L->Directory);
    if (L->HasBlock)
      OS << " {}";
    OS << '\n';
    children(L->Figures, Depth + 1);
    return;
  }
  case NodeKind::Published: {
    auto *P = llvm::cast<Published>(N);
    OS << " table=";
    if (P->Number.present())
      OS << P->Number.Value;
    else
      text(P->Name);
    OS << '\n';
    for (const PublishedRow &R : P->Rows) {
      OS.indent(2 * (Depth + 1)) << "Row";
      if (R.Range.isValid()) {
        LineCol B = SM.getLineCol(R.Range.File, R.Range.Begin);
        LineCol E = SM.getLineCol(R.Range.File, R.Range.End);
        OS << " <" << B.Line << ':' << B.Column << '-' << E.Line << ':' << E.Column << '>';
      }
      for (const PublishedCell &X : R.Cells) {
        OS << ' ';
        if (X.K == PublishedCell::AmountCell)
          quantity(X.Num);
        else if (X.K == PublishedCell::DashCell)
          OS << "[dash]";
        else
          text(X.Word);
      }
      OS << '\n';
    }
    return;
  }
  case NodeKind::Section: {
    auto *S = llvm::cast<Section>(N);
    OS << " title=";
    text(S->Title);
    OS << " body=";
    text(S->Body);
    break;
  }
  case NodeKind::Glossary:
    OS << '\n';
    children(llvm::cast<Glossary>(N)->Entries, Depth + 1);
    return;
  case NodeKind::GlossaryEntry: {
    auto *E = llvm::cast<GlossaryEntry>(N);
    OS << " term=";
    text(E->Term);
    OS << " definition=";
    text(E->Definition);
    break;
  }
  case NodeKind::Performance:
    OS << '\n';
    children(llvm::cast<Performance>(N)->Items, Depth + 1);
    return;
  case NodeKind::Area: {
    auto *A = llvm::cast<Area>(N);
    OS << " name=";
    text(A->Name);
    OS << '\n';
    children(A->Items, Depth + 1);
    return;
  }
  case NodeKind::Procurement:
    OS << '\n';
    children(llvm::cast<Procurement>(N)->Rows, Depth + 1);
    return;
  case NodeKind::Assets:
    OS << '\n';
    children(llvm::cast<Assets>(N)->Rows, Depth + 1);
    return;
  case NodeKind::Library: {
    auto *L = llvm::cast<Library>(N);
    static const char *Kinds[] = {"function-catalogue", "economic-catalogue", "measures",
                                  "framework", "funds", "template", "figures"};
    OS << ' ' << Kinds[L->What];
    if (L->Year.present())
      OS << " year=" << L->Year.Value;
    if (L->Name.present()) {
      OS << " name=";
      text(L->Name);
    }
    OS << '\n';
    children(L->Rows, Depth + 1);
    return;
  }
  }
  OS << '\n';
}

} // namespace

void dump(llvm::raw_ostream &OS, const File &F, const SourceManager &SM, PartsOf Parts) {
  Dumper(OS, SM, Parts).node(&F, 0);
}

} // namespace budc::ast

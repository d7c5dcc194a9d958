//===- ast.cpp - The syntax tree of .bud files ------------------------------===//
#include "compiler/ast/ast.h"

namespace budc::ast {

llvm::StringRef spelling(Comparator C) {
  switch (C) {
  case Comparator::None:
    return "";
  case Comparator::Eq:
    return "=";
  case Comparator::Ne:
    return "\u2260";
  case Comparator::Ge:
    return "\u2265";
  case Comparator::Le:
    return "\u2264";
  case Comparator::Gt:
    return ">";
  case Comparator::Lt:
    return "<";
  }
  return "";
}

Span Value::range() const {
  if (K == Tag)
    return TagRange;
  if (K == Number)
    return Num.Range;
  if (K == Date && Num.Cmp != Comparator::None)
    return Span::cover(Num.Range, Word.Range);
  return Word.Range;
}

llvm::StringRef kindName(NodeKind K) {
  switch (K) {
#define CASE(X)                                                                              \
  case NodeKind::X:                                                                          \
    return #X;
    CASE(File)
    CASE(Include)
    CASE(Budget)
    CASE(Department)
    CASE(Unit)
    CASE(Attr)
    CASE(Income)
    CASE(IncomeLine)
    CASE(Basic)
    CASE(BasicLine)
    CASE(FundSource)
    CASE(Project)
    CASE(FunctionRef)
    CASE(EconomicRef)
    CASE(AmountLine)
    CASE(Schedule)
    CASE(Goal)
    CASE(Indicator)
    CASE(Citation)
    CASE(Declare)
    CASE(Section)
    CASE(Glossary)
    CASE(GlossaryEntry)
    CASE(Performance)
    CASE(Area)
    CASE(Procurement)
    CASE(Assets)
    CASE(Library)
    CASE(LastYear)
    CASE(Published)
#undef CASE
  }
  return "?";
}

} // namespace budc::ast

namespace budc::ast {

void releaseBody(Project &P) {
  if (!P.Body)
    return;
  // The items array is the context's, not the body arena's: compacted in place.
  auto **Items = const_cast<Node **>(P.Items.data());
  size_t Kept = 0;
  for (Node *I : P.Items) {
    if (llvm::isa<Indicator, Schedule>(I))
      continue;
    if (auto *G = llvm::dyn_cast<Goal>(I))
      G->Indicators = {};
    Items[Kept++] = I;
  }
  P.Items = llvm::ArrayRef<Node *>(Items, Kept);
  BodyArena *A = P.Body;
  P.Body = nullptr;
  A->release(P.BodyFirst, P.BodyLast);
}

} // namespace budc::ast

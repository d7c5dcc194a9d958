//===- pack.cpp - A syntax tree as bytes, for the standard library ----------===//
#include "compiler/ast/pack.h"

#include <cstring>
#include <vector>

namespace budc::ast {
namespace {

/// "BUDAST" and a format number; a change of any packed node bumps it.
constexpr llvm::StringLiteral Magic = "BUDAST\x03"; // \x03: quantities without ranges

class Writer {
public:
  std::string Out;

  void u32(uint32_t V) {
    // Little-endian base-128: most numbers here are offsets and small counts.
    do {
      uint8_t B = V & 0x7F;
      V >>= 7;
      Out += static_cast<char>(V ? B | 0x80 : B);
    } while (V);
  }
  void str(llvm::StringRef S) {
    u32(static_cast<uint32_t>(S.size()));
    Out += S;
  }
  void span(Span S) {
    u32(S.isValid());
    if (S.isValid()) {
      u32(S.Begin);
      u32(S.End - S.Begin);
    }
  }
  void text(const Text &T) {
    str(T.Value);
    span(T.Range);
    u32(T.Style);
  }
  void code(const Code &C) {
    str(C.Value);
    span(C.Range);
  }
  void quantity(const Quantity &Q) {
    u32(static_cast<uint32_t>(Q.Cmp));
    u32(Q.Negative);
    str(Q.Number);
    str(Q.Unit);
    span(Q.Range);
    u32(Q.NumberBegin);
    u32(Q.DigitsEnd);
  }
  void value(const Value &V) {
    u32(V.K);
    text(V.Word);
    quantity(V.Num);
    u32(static_cast<uint32_t>(V.Args.size()));
    for (const Value &A : V.Args)
      value(A);
    span(V.TagRange);
  }
  void attr(const Attr &A) {
    span(A.Range);
    text(A.Key);
    u32(static_cast<uint32_t>(A.Values.size()));
    for (const Value &V : A.Values)
      value(V);
    u32(static_cast<uint32_t>(A.Children.size()));
    for (const Attr *C : A.Children)
      attr(*C);
    u32(A.HasBlock);
  }
};

class Reader {
public:
  Reader(llvm::StringRef Bytes, unsigned FileID, Context &Ctx)
      : Bytes(Bytes), FileID(FileID), Ctx(Ctx) {}

  bool Failed = false;

  uint32_t u32() {
    uint32_t V = 0;
    for (unsigned Shift = 0; Shift < 35; Shift += 7) {
      if (Bytes.empty()) {
        Failed = true;
        return 0;
      }
      uint8_t B = static_cast<uint8_t>(Bytes.front());
      Bytes = Bytes.drop_front();
      V |= static_cast<uint32_t>(B & 0x7F) << Shift;
      if (!(B & 0x80))
        return V;
    }
    Failed = true;
    return 0;
  }
  /// A count of elements that take at least one byte each: never more than the bytes left.
  uint32_t count() {
    uint32_t N = u32();
    if (N > Bytes.size()) {
      Failed = true;
      return 0;
    }
    return N;
  }
  llvm::StringRef str() {
    uint32_t N = u32();
    if (N > Bytes.size()) {
      Failed = true;
      return {};
    }
    llvm::StringRef S = Ctx.save(Bytes.take_front(N));
    Bytes = Bytes.drop_front(N);
    return S;
  }
  Span span() {
    if (!u32())
      return {};
    uint32_t Begin = u32();
    uint32_t Length = u32();
    return {FileID, Begin, Begin + Length};
  }
  Text text() {
    Text T;
    T.Value = str();
    T.Range = span();
    uint32_t Style = u32();
    if (Style > Text::Block)
      Failed = true;
    T.Style = static_cast<Text::Form>(Style);
    return T;
  }
  Code code() {
    Code C;
    C.Value = str();
    C.Range = span();
    return C;
  }
  Quantity quantity() {
    Quantity Q;
    uint32_t Cmp = u32();
    if (Cmp > static_cast<uint32_t>(Comparator::Lt))
      Failed = true;
    Q.Cmp = static_cast<Comparator>(Cmp);
    Q.Negative = u32();
    Q.Number = str();
    Q.Unit = str();
    Q.Range = span();
    Q.NumberBegin = u32();
    Q.DigitsEnd = u32();
    return Q;
  }
  Value value(unsigned Depth) {
    Value V;
    uint32_t K = u32();
    if (K > Value::Tag || Depth > 64)
      Failed = true;
    V.K = static_cast<Value::Kind>(K);
    V.Word = text();
    V.Num = quantity();
    std::vector<Value> Args(count());
    for (Value &A : Args)
      if (!Failed)
        A = value(Depth + 1);
    V.Args = Ctx.copy(llvm::ArrayRef<Value>(Args));
    V.TagRange = span();
    return V;
  }
  Attr *attr(unsigned Depth) {
    auto *A = Ctx.make<Attr>();
    if (Depth > 64)
      Failed = true;
    A->Range = span();
    A->Key = text();
    std::vector<Value> Values(count());
    for (Value &V : Values)
      if (!Failed)
        V = value(0);
    A->Values = Ctx.copy(llvm::ArrayRef<Value>(Values));
    std::vector<Attr *> Children(count());
    for (Attr *&C : Children)
      C = Failed ? Ctx.make<Attr>() : attr(Depth + 1);
    A->Children = Ctx.copy(llvm::ArrayRef<Attr *>(Children));
    A->HasBlock = u32();
    return A;
  }

  bool atEnd() const { return Bytes.empty(); }

private:
  llvm::StringRef Bytes;
  unsigned FileID;
  Context &Ctx;
};

} // namespace

std::optional<std::string> pack(const File &F) {
  Writer W;
  W.Out += Magic;
  W.str(F.Path);
  W.span(F.Range);
  W.u32(static_cast<uint32_t>(F.Items.size()));
  for (const Node *N : F.Items) {
    const auto *L = llvm::dyn_cast<Library>(N);
    if (!L)
      return std::nullopt;
    W.span(L->Range);
    W.u32(L->What);
    W.code(L->Year);
    W.text(L->Name);
    W.u32(static_cast<uint32_t>(L->Rows.size()));
    for (const Attr *A : L->Rows)
      W.attr(*A);
  }
  W.u32(static_cast<uint32_t>(F.Suppressions.size()));
  for (const Suppression &S : F.Suppressions) {
    W.str(S.Code);
    W.str(S.Reason);
    W.span(S.Range);
    W.u32(S.TargetLine);
    W.u32(S.LastLine);
    W.u32(S.Text);
  }
  return std::move(W.Out);
}

File *unpack(llvm::StringRef Bytes, unsigned FileID, Context &Ctx) {
  if (!Bytes.consume_front(Magic))
    return nullptr;
  Reader R(Bytes, FileID, Ctx);
  auto *F = Ctx.make<File>();
  F->Path = R.str();
  F->Range = R.span();
  std::vector<Node *> Items(R.count());
  for (Node *&N : Items) {
    auto *L = Ctx.make<Library>();
    N = L;
    if (R.Failed)
      continue;
    L->Range = R.span();
    uint32_t What = R.u32();
    if (What > Library::Figures)
      R.Failed = true;
    L->What = static_cast<Library::LibKind>(What);
    L->Year = R.code();
    L->Name = R.text();
    std::vector<Attr *> Rows(R.count());
    for (Attr *&A : Rows)
      A = R.Failed ? Ctx.make<Attr>() : R.attr(0);
    L->Rows = Ctx.copy(llvm::ArrayRef<Attr *>(Rows));
  }
  F->Items = Ctx.copy(llvm::ArrayRef<Node *>(Items));
  std::vector<Suppression> Suppressions(R.count());
  for (Suppression &S : Suppressions) {
    S.Code = R.str();
    S.Reason = R.str();
    S.Range = R.span();
    S.TargetLine = R.u32();
    S.LastLine = R.u32();
    S.Text = R.u32() != 0;
  }
  F->Suppressions = Ctx.copy(llvm::ArrayRef<Suppression>(Suppressions));
  if (R.Failed || !R.atEnd())
    return nullptr;
  return F;
}

} // namespace budc::ast

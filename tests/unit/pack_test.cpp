// Unit tests of the packed syntax trees the standard library is embedded in.
#include "compiler/ast/dump.h"
#include "compiler/ast/pack.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

#include <doctest/doctest.h>

using namespace budc;

namespace {
std::string dumpOf(const ast::File &F, const SourceManager &SM) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  syntax::dump(OS, F, SM);
  return OS.str();
}
} // namespace

TEST_CASE("every packed standard-library tree is the tree budc parses from the file") {
  unsigned Packed = 0;
  for (const EmbeddedFile &E : stdlib::embeddedFiles()) {
    llvm::StringRef Tree = stdlib::packedTree(E.Path);
    CAPTURE(E.Path);
    REQUIRE_FALSE(Tree.empty()); // every file of the standard library parses cleanly
    SourceManager SM;
    unsigned ID = SM.addBuffer(E.text(), std::string("<stdlib>/") + E.Path);
    ast::Context Parsed, Unpacked;
    DiagEngine Diags;
    ast::File *P = syntax::parseFile(SM, ID, Parsed, Diags);
    CHECK(Diags.getDiagnostics().empty());
    ast::File *U = ast::unpack(Tree, ID, Unpacked);
    REQUIRE(U);
    CHECK(dumpOf(*U, SM) == dumpOf(*P, SM));
    ++Packed;
  }
  CHECK(Packed >= 6);
}

TEST_CASE("packing round-trips texts, quantities, tags and nested rows") {
  SourceManager SM;
  unsigned ID = SM.addBuffer("表样 测试 {\n  表 1 \"a\\\"b\" {\n    表头 \"x\" [跨列 2] ≥-3.5万元 2024-01-01\n"
                             "    逐行 单位 名称 [标签] // budc:allow BUD401 reason\n  }\n}\n",
                             "t.bud");
  ast::Context Ctx, Out;
  DiagEngine Diags;
  ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
  auto Bytes = ast::pack(*F);
  REQUIRE(Bytes);
  ast::File *U = ast::unpack(*Bytes, ID, Out);
  REQUIRE(U);
  CHECK(dumpOf(*U, SM) == dumpOf(*F, SM));
  CHECK(U->Suppressions.size() == F->Suppressions.size());
}

TEST_CASE("a file with statements other than library declarations is not packed") {
  SourceManager SM;
  unsigned ID = SM.addBuffer("预算 2024 { 金额单位 万元 }\n", "t.bud");
  ast::Context Ctx;
  DiagEngine Diags;
  ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
  CHECK_FALSE(ast::pack(*F).has_value());
}

TEST_CASE("damaged packed bytes are refused, never read past their end") {
  llvm::StringRef Tree = stdlib::packedTree("2024/economic.bud");
  REQUIRE_FALSE(Tree.empty());
  ast::Context Ctx;
  // Every truncation and a flipped byte at many places: null or a tree, no crash (ASan runs
  // this too).
  for (size_t N = 0; N < Tree.size(); N += 7)
    CHECK(ast::unpack(Tree.take_front(N), 1, Ctx) == nullptr);
  for (size_t I = 8; I < Tree.size(); I += 13) {
    std::string Bad = Tree.str();
    Bad[I] = static_cast<char>(Bad[I] ^ 0xFF);
    (void)ast::unpack(Bad, 1, Ctx);
  }
  CHECK(ast::unpack("BUDAST\x02", 1, Ctx) == nullptr);
  CHECK(ast::unpack("", 1, Ctx) == nullptr);
}

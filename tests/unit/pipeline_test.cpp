// Unit tests of the compilation pipeline as a library: what a language server needs — texts
// from memory instead of disk, and the source manager, files, model, tables and diagnostics
// back.
#include "compiler/driver/pipeline.h"

#include <doctest/doctest.h>

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace budc;

namespace {
/// A workspace directory with one budget file whose income does not match its spending.
struct TempWorkspace {
  llvm::SmallString<128> Dir, File;
  TempWorkspace() {
    REQUIRE(!llvm::sys::fs::createUniqueDirectory("budc-pipeline", Dir));
    File = Dir;
    llvm::sys::path::append(File, "budget.bud");
    std::error_code EC;
    llvm::raw_fd_ostream OS(File, EC);
    REQUIRE(!EC);
    OS << "预算 2024 { 金额单位 万元 }\n收入 {\n  一般公共预算拨款 2.00\n}\n"
          "基本支出 2010301 行政运行 {\n  30101 基本工资 1.00\n}\n";
  }
  ~TempWorkspace() { llvm::sys::fs::remove_directories(Dir); }
};
} // namespace

TEST_CASE("the pipeline checks the text on disk, or the text a caller holds") {
  TempWorkspace W;
  CompileOptions O;
  O.Until = Stage::Tables;
  std::unique_ptr<Compilation> Disk = compile({std::string(W.Dir)}, O);
  REQUIRE(Disk->Budget);
  CHECK(Disk->Diags.hasErrors()); // 2.00 in, 1.00 out: BUD301
  CHECK_FALSE(Disk->Tables);      // no tables for a budget with errors

  // An editor's unsaved buffer, by real path, replaces the file.
  llvm::SmallString<256> Real;
  REQUIRE(!llvm::sys::fs::real_path(W.File, Real));
  llvm::StringMap<std::string> Buffers;
  Buffers[Real] = "预算 2024 { 金额单位 万元 }\n收入 {\n  一般公共预算拨款 1.00\n}\n"
                  "基本支出 2010301 行政运行 {\n  30101 基本工资 1.00\n}\n";
  O.Overrides = &Buffers;
  std::unique_ptr<Compilation> Memory = compile({std::string(W.Dir)}, O);
  CHECK_FALSE(Memory->Diags.hasErrors());
  REQUIRE(Memory->WS.Files.size() == 1);
  CHECK(Memory->SM.getText(Memory->WS.Files[0]->Range.File) == Buffers[Real]);
  REQUIRE(Memory->Budget);
  CHECK(Memory->Budget->Allocations.size() == 1);
  REQUIRE(Memory->Tables);
  CHECK(!Memory->Tables->empty());

  // Load only: no model.
  O.Until = Stage::Load;
  CHECK_FALSE(compile({std::string(W.Dir)}, O)->Budget);
}

TEST_CASE("a buffer not on disk yet is read when named, and its header makes a workspace") {
  TempWorkspace W;
  llvm::SmallString<256> RealDir;
  REQUIRE(!llvm::sys::fs::real_path(W.Dir, RealDir));
  // An editor's new file, never saved: more spending, so that the sum no longer matches.
  std::string New = (RealDir + "/more.bud").str();
  llvm::StringMap<std::string> Buffers;
  Buffers[New] = "基本支出 2010301 行政运行 {\n  30201 办公费 1.00\n}\n";
  CompileOptions O;
  O.Overrides = &Buffers;
  std::unique_ptr<Compilation> C = compile({std::string(RealDir), New}, O);
  REQUIRE(C->Budget);
  CHECK(C->WS.Files.size() == 2);
  CHECK_FALSE(C->inputError());
  CHECK_FALSE(C->Diags.hasErrors()); // 2.00 in, 1.00 + 1.00 out
  // Without the buffer the same path cannot be read.
  O.Overrides = nullptr;
  CHECK(compile({std::string(RealDir), New}, O)->inputError());

  // The workspace of a file is found through the buffers: a new directory's first file
  // holds the header only in memory.
  llvm::SmallString<128> Made, Sub;
  REQUIRE(!llvm::sys::fs::createUniqueDirectory("budc-new", Made));
  REQUIRE(!llvm::sys::fs::real_path(Made, Sub));
  std::string Header = (Sub + "/budget.bud").str(), Other = (Sub + "/basic.bud").str();
  // (The ceilings keep the search out of the temporary directory, which may hold anything.)
  CHECK(workspaceRoot(Other, Sub) == Other); // nothing on disk says so
  Buffers.clear();
  Buffers[Header] = "预算 2024 { 金额单位 万元 }\n";
  CHECK(workspaceRoot(Other, Sub, &Buffers) == Sub.str());
  CHECK(workspaceRoot((RealDir + "/budget.bud").str(), RealDir, &Buffers) == RealDir.str());
  // A buffer that takes the header away from a file on disk is what counts.
  Buffers.clear();
  Buffers[(RealDir + "/budget.bud").str()] = "收入 {}\n";
  CHECK(workspaceRoot((RealDir + "/more.bud").str(), RealDir, &Buffers) ==
        (RealDir + "/more.bud").str());
  llvm::sys::fs::remove_directories(Made);
}

TEST_CASE("released project bodies: the model is the same, the tree keeps all but indicators") {
  TempWorkspace W;
  llvm::SmallString<256> Real;
  REQUIRE(!llvm::sys::fs::real_path(W.File, Real));
  llvm::StringMap<std::string> Buffers;
  Buffers[Real] = "预算 2024 { 金额单位 万元 }\n收入 {\n  一般公共预算拨款 3.00\n}\n"
                  "基本支出 2010301 行政运行 {\n  30101 基本工资 1.00\n}\n"
                  "项目 13030224P000000000001 测试项目 {\n  功能科目 2010301\n"
                  "  金额 2.00 一般公共预算拨款\n  用途 \"用于测试。\"\n"
                  "  支出计划 3月 25%  6月 50%  10月 75%  12月 100%\n"
                  "  目标 \"完成测试\" {\n"
                  "    指标 产出/数量 覆盖村数 4村 描述 \"覆盖4个村\" 依据 \"年初工作计划\"\n  }\n"
                  "  指标 满意度/服务对象满意度 服务对象满意度 ≥95% 依据 \"调查结果\"\n}\n";
  CompileOptions O;
  O.Overrides = &Buffers;
  auto ProjectOf = [](const Compilation &C) -> const ast::Project * {
    for (const ast::Node *N : C.WS.Files[0]->Items)
      if (auto *P = llvm::dyn_cast<ast::Project>(N))
        return P;
    return nullptr;
  };
  auto Count = [](const ast::Project &P, ast::NodeKind K) {
    return llvm::count_if(P.Items, [&](const ast::Node *N) { return N->Kind == K; });
  };
  std::unique_ptr<Compilation> Kept = compile({std::string(W.Dir)}, O);
  O.ReleaseBodies = true;
  std::unique_ptr<Compilation> Freed = compile({std::string(W.Dir)}, O);
  for (const Compilation *C : {Kept.get(), Freed.get()}) {
    REQUIRE(C->Budget);
    REQUIRE(C->Budget->Projects.size() == 1);
    const model::Project &M = C->Budget->Projects[0];
    REQUIRE(M.Indicators.size() == 2);
    CHECK(M.Indicators[0].Name == "覆盖村数");
    CHECK(M.Indicators[0].Description == "覆盖4个村");
    CHECK(M.Indicators[1].Value.Written == "≥95%");
    CHECK(M.Indicators[1].BasisText == "调查结果");
    CHECK(M.Schedule.size() == 4);
    CHECK(M.Goals.size() == 1);
    CHECK(M.Purpose == "用于测试。");
    CHECK(C->Diags.getDiagnostics().size() == 1); // BUD408, no 效益指标
  }
  // The language server's tree (kept) has the project's indicators and schedule; check's
  // has them no longer, and nothing in it points at them.
  const ast::Project *K = ProjectOf(*Kept), *F = ProjectOf(*Freed);
  REQUIRE(K);
  REQUIRE(F);
  CHECK(Count(*K, ast::NodeKind::Indicator) == 1);
  CHECK(Count(*K, ast::NodeKind::Schedule) == 1);
  CHECK(K->Body);
  CHECK(Count(*F, ast::NodeKind::Indicator) == 0);
  CHECK(Count(*F, ast::NodeKind::Schedule) == 0);
  CHECK_FALSE(F->Body);
  CHECK(Count(*F, ast::NodeKind::Goal) == 1);
  CHECK(Count(*F, ast::NodeKind::AmountLine) == 1);
  for (const ast::Node *N : F->Items)
    if (auto *G = llvm::dyn_cast<ast::Goal>(N))
      CHECK(G->Indicators.empty());
}

TEST_CASE("a body arena frees a slab with the last project in it") {
  ast::BodyArena A;
  A.beginProject();
  uint32_t F = 0, L = 0;
  CHECK_FALSE(A.endProject(F, L)); // a project without indicators holds nothing
  std::vector<std::pair<uint32_t, uint32_t>> Projects;
  for (int P = 0; P < 1000; ++P) {
    A.beginProject();
    for (int I = 0; I < 10; ++I)
      A.make<ast::Indicator>()->Name.Value = "指标";
    if (P == 500) // a goal of very many indicators: a slab of its own
      CHECK(A.copy(llvm::ArrayRef<ast::Indicator *>(std::vector<ast::Indicator *>(10000))).size() ==
            10000);
    REQUIRE(A.endProject(F, L));
    CHECK(F <= L);
    Projects.push_back({F, L});
  }
  size_t All = A.getBytesAllocated();
  CHECK(All >= 1000 * 10 * sizeof(ast::Indicator) + 10000 * sizeof(void *));
  for (int P = 0; P < 500; ++P)
    A.release(Projects[P].first, Projects[P].second);
  size_t Half = A.getBytesAllocated();
  CHECK(Half < All * 6 / 10);
  CHECK(Half > All * 4 / 10);
  for (int P = 500; P < 1000; ++P)
    A.release(Projects[P].first, Projects[P].second);
  // Only the slab the next node would go into is left.
  CHECK(A.getBytesAllocated() <= 64 * 1024);
}

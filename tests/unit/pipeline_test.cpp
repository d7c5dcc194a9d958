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

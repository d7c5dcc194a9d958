//===- pack.cpp - budc-stdlib-pack: the standard library's syntax trees -----===//
//
// Run at build time: parses every .bud file under SOURCE_DIR exactly as budc would and writes
// its packed syntax tree (compiler/ast/pack.h) to OUTPUT_DIR/<path>.ast, which the build then
// embeds. A file that does not parse cleanly, or holds anything but library declarations, is
// not packed: budc parses it at run time and reports what it finds.
//
// Usage: budc-stdlib-pack SOURCE_DIR OUTPUT_DIR
//
//===----------------------------------------------------------------------===//
#include "compiler/ast/pack.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/source/source_manager.h"
#include "compiler/syntax/parser.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <vector>

using namespace budc;

int main(int argc, char **argv) {
  if (argc != 3) {
    llvm::errs() << "usage: budc-stdlib-pack SOURCE_DIR OUTPUT_DIR\n";
    return 2;
  }
  llvm::StringRef Source = argv[1], Output = argv[2];
  std::vector<std::string> Paths;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Source, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::StringRef(It->path()).endswith(".bud"))
      Paths.push_back(It->path());
  if (EC) {
    llvm::errs() << "budc-stdlib-pack: " << Source << ": " << EC.message() << "\n";
    return 1;
  }
  std::sort(Paths.begin(), Paths.end());
  unsigned Packed = 0;
  for (const std::string &Path : Paths) {
    llvm::SmallString<128> Rel(Path);
    llvm::sys::path::replace_path_prefix(Rel, Source, "");
    std::string Name = llvm::StringRef(Rel).ltrim('/').str(); // "2024/function.bud"
    auto Buffer = llvm::MemoryBuffer::getFile(Path);
    if (!Buffer) {
      llvm::errs() << "budc-stdlib-pack: " << Path << ": " << Buffer.getError().message() << "\n";
      return 1;
    }
    // The same buffer name as sema gives the embedded file.
    SourceManager SM;
    unsigned ID = SM.addBuffer((*Buffer)->getBuffer(), "<stdlib>/" + Name);
    ast::Context Ctx;
    DiagEngine Diags;
    ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
    if (!Diags.getDiagnostics().empty())
      continue;
    std::optional<std::string> Bytes = ast::pack(*F);
    if (!Bytes)
      continue;
    llvm::SmallString<128> Out(Output);
    llvm::sys::path::append(Out, Name + ".ast");
    if ((EC = llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Out)))) {
      llvm::errs() << "budc-stdlib-pack: " << Out << ": " << EC.message() << "\n";
      return 1;
    }
    llvm::raw_fd_ostream OS(Out, EC);
    if (EC) {
      llvm::errs() << "budc-stdlib-pack: " << Out << ": " << EC.message() << "\n";
      return 1;
    }
    OS << *Bytes;
    ++Packed;
  }
  llvm::outs() << "budc-stdlib-pack: packed " << Packed << " of " << Paths.size() << " files\n";
  return 0;
}

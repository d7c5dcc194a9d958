//===- parse.cpp - budc parse: the syntax trees of a workspace ---------------===//
#include "compiler/driver/driver.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace budc::driver {
namespace {
cl::opt<bool> DumpAst("dump-ast", cl::desc("Print the syntax tree of each file"),
                      cl::sub(cmd::parse()), cl::cat(category()));
} // namespace

int runParse() {
  auto I = invocation(Stage::Load);
  if (!I)
    return ExitUsage;
  return guarded([&] {
    std::unique_ptr<Compilation> C = compile(I->Inputs, I->CO);
    if (DumpAst)
      for (const ast::File *F : C->WS.Files)
        syntax::dump(outs(), *F, C->SM);
    printDiagnostics(*C, I->RO);
    if (C->inputError())
      return ExitUsage;
    return errorStatus(C->Diags);
  });
}

} // namespace budc::driver

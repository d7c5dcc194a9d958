// libFuzzer target: the front end (UTF-8 decoding, lexer clean-up, parser, error recovery,
// AST building and dumping) on arbitrary bytes. It must never crash, hang or leak.
#include "compiler/ast/dump.h"
#include "compiler/diag/render.h"
#include "compiler/syntax/parser.h"

#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  budc::SourceManager SM;
  budc::ast::Context Ctx;
  budc::DiagEngine Diags;
  unsigned ID = SM.addBuffer(llvm::StringRef(reinterpret_cast<const char *>(Data), Size), "f.bud");
  budc::ast::File *F = budc::syntax::parseFile(SM, ID, Ctx, Diags);
  llvm::raw_null_ostream Null;
  budc::syntax::dump(Null, *F, SM);
  budc::RenderOptions Opts;
  budc::renderText(Null, SM, Diags.sorted(), Opts); // carets under any text
  budc::renderJson(Null, SM, Diags.sorted(), Opts);
  return 0;
}

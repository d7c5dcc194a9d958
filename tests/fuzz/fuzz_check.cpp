// libFuzzer target: the checker on parsed input, as `budc check` runs it: parse, and when the
// file parsed without errors, resolve against the standard library and apply every rule;
// then, as `budc build` does for a budget without errors, build the tables with the
// template and print them in every format, each table also as a line of JSON Lines.
#include "compiler/check/check.h"
#include "compiler/diag/render.h"
#include "compiler/emit/emit.h"
#include "compiler/sema/sema.h"
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
  if (Diags.hasErrors())
    return 0;
  std::vector<budc::ast::File *> Files{F};
  budc::model::Budget B = budc::sema::resolve(Files, SM, Ctx, Diags);
  budc::check::run(B, Diags);
  budc::check::applySuppressions(Files, SM, Diags);
  llvm::raw_null_ostream Null;
  budc::RenderOptions Opts;
  budc::renderText(Null, SM, Diags.sorted(), Opts);
  if (Diags.hasErrors())
    return 0;
  const budc::model::Template *T = B.findTemplate();
  if (!T)
    return 0;
  budc::tables::Disclosure D = budc::tables::build(B, *T);
  // Every table (those every project has built as they are asked for, as the streaming back
  // ends build them) in every format, and as a line of JSON Lines.
  D.forEach([&](const budc::tables::Table &Tb) {
    for (budc::emit::Format Fmt : {budc::emit::Format::Text, budc::emit::Format::Markdown,
                                   budc::emit::Format::Csv})
      budc::emit::table(Null, Tb, Fmt);
    budc::emit::tableJson(Null, Tb, /*Line=*/true);
  });
  budc::emit::html(Null, B, D);
  budc::emit::modelJson(Null, B, D, SM, Diags.sorted());
  return 0;
}

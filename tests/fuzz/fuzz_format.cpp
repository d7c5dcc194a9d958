// libFuzzer target: budc fmt. For input that parses without errors, the canonical layout
// must parse without errors, mean the same (syntax trees equal without positions), keep
// every comment and string (checked by the meaning and by re-formatting), and be a fixed
// point: formatting it again changes nothing.
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace {
/// The comments and strings of file \p ID, in order.
std::vector<std::string> kept(const budc::SourceManager &SM, unsigned ID) {
  std::vector<std::string> Out;
  llvm::StringRef Text = SM.getText(ID);
  for (const budc::syntax::LexToken &T : budc::syntax::lexFile(SM, ID))
    if (T.K == budc::syntax::LexToken::Comment || T.K == budc::syntax::LexToken::String ||
        T.K == budc::syntax::LexToken::TextBlock)
      Out.push_back(Text.slice(T.Begin, T.End).rtrim().str());
  return Out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  budc::SourceManager SM;
  budc::ast::Context Ctx;
  budc::DiagEngine Diags;
  unsigned ID = SM.addBuffer(Text, "f.bud");
  budc::syntax::parseFile(SM, ID, Ctx, Diags);
  if (Diags.hasErrors())
    return 0;
  std::string Once = budc::format::formatFile(SM, ID);
  std::string Meaning = budc::format::meaning(Text, "f.bud");
  if (budc::format::meaning(Once, "f.bud") != Meaning)
    std::abort(); // the layout changed the meaning
  unsigned ID2 = SM.addBuffer(Once, "g.bud");
  if (budc::format::formatFile(SM, ID2) != Once)
    std::abort(); // not idempotent
  if (kept(SM, ID) != kept(SM, ID2))
    std::abort(); // a comment or a string changed
  return 0;
}

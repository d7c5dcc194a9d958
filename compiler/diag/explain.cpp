//===- explain.cpp - The long explanation of each diagnostic code -----------===//
#include "compiler/diag/explain.h"

#include "compiler/diag/diagnostics.h"

namespace budc::explain {

std::optional<std::string> text(llvm::StringRef Code) {
  llvm::StringRef Digits = Code;
  if (Digits.startswith_insensitive("bud"))
    Digits = Digits.drop_front(3);
  unsigned N;
  if (Digits.getAsInteger(10, N))
    return std::nullopt;
  std::string Name = formatCode(N);
  for (const EmbeddedFile &P : pages())
    if (llvm::StringRef(P.Path) == Name + ".md")
      return P.text().str();
  for (unsigned K = 0; K < diag::NumKinds; ++K) {
    const DiagInfo &I = getDiagInfo(static_cast<diag::Kind>(K));
    if (I.Code == N)
      return "# " + Name + " " + I.Name + "\n\n" + I.English + "\n" + I.Chinese +
             "\n\nSee docs/diagnostics.md for when it is reported.\n";
  }
  return std::nullopt;
}

} // namespace budc::explain

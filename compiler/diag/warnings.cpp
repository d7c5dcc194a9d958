//===- warnings.cpp - Warning control: -Wno-NAME, -Werror=NAME --------------===//
#include "compiler/diag/warnings.h"

#include "llvm/ADT/Twine.h"

#include <cctype>

namespace budc {

std::string kebabName(diag::Kind K) {
  const char *Name = getDiagInfo(K).Name;
  std::string Kebab;
  for (const char *C = Name; *C; ++C) {
    if (isupper(static_cast<unsigned char>(*C)) && C != Name)
      Kebab += '-';
    Kebab += static_cast<char>(tolower(static_cast<unsigned char>(*C)));
  }
  return Kebab;
}

std::optional<unsigned> diagnosticCodeByName(llvm::StringRef Name) {
  for (unsigned K = 0; K < diag::NumKinds; ++K) {
    const DiagInfo &I = getDiagInfo(static_cast<diag::Kind>(K));
    if (!I.Code)
      continue;
    if (Name.equals_insensitive(formatCode(I.Code)) || Name == kebabName(static_cast<diag::Kind>(K)))
      return I.Code;
  }
  return std::nullopt;
}

std::optional<std::string> WarningPolicy::add(llvm::StringRef W) {
  bool No = W.consume_front("no-");
  if (W == "error") { // -Werror, -Wno-error
    AllErrors = !No;
    return std::nullopt;
  }
  bool Error = W.consume_front("error="); // -Werror=NAME, -Wno-error=NAME
  auto Code = diagnosticCodeByName(W);
  if (!Code)
    return (llvm::Twine("unknown warning '") + W + "' in -W option").str();
  std::set<unsigned> &Set = Error ? Promoted : Disabled;
  if (Error != No) // -Werror=NAME promotes, -Wno-NAME disables
    Set.insert(*Code);
  else
    Set.erase(*Code);
  return std::nullopt;
}

void WarningPolicy::apply(DiagEngine &Diags) const {
  if (empty())
    return;
  Diags.removeIf([&](const Diagnostic &D) {
    return D.Sev == Severity::Warning && Disabled.count(getDiagInfo(D.Kind).Code);
  });
  Diags.remap([&](const Diagnostic &D) -> std::optional<Severity> {
    if (D.Sev == Severity::Warning && (AllErrors || Promoted.count(getDiagInfo(D.Kind).Code)))
      return Severity::Error;
    return std::nullopt;
  });
}

} // namespace budc

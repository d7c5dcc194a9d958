//===- diagnostics.cpp - Diagnostic kinds, values and the engine ------------===//
#include "compiler/diag/diagnostics.h"

#include <algorithm>
#include <cstdio>

namespace budc {

namespace {
const DiagInfo Infos[] = {
#define BUD_DIAG(Code, Name, Sev, En, Zh) {Code, #Name, Severity::Sev, En, Zh},
#define BUD_NOTE(Name, En, Zh) {0, #Name, Severity::Note, En, Zh},
#include "compiler/diag/diagnostics.def"
};
} // namespace

const DiagInfo &getDiagInfo(diag::Kind K) { return Infos[K]; }

std::string formatCode(unsigned Code) {
  char Buf[16];
  std::snprintf(Buf, sizeof Buf, "BUD%03u", Code);
  return Buf;
}

std::string substitute(llvm::StringRef Format, llvm::ArrayRef<std::string> Args) {
  std::string Out;
  Out.reserve(Format.size() + 32);
  for (size_t I = 0, N = Format.size(); I < N; ++I) {
    char C = Format[I];
    if (C == '{') {
      size_t Close = Format.find('}', I);
      unsigned Index;
      if (Close != llvm::StringRef::npos &&
          !Format.slice(I + 1, Close).getAsInteger(10, Index) && Index < Args.size()) {
        Out += Args[Index];
        I = Close;
        continue;
      }
    }
    Out += C; // any other brace is literal text
  }
  return Out;
}

std::string Diagnostic::message(Lang L) const {
  const DiagInfo &Info = getDiagInfo(Kind);
  if (L == Lang::Zh)
    return substitute(Info.Chinese, ArgsZh.empty() ? Args : ArgsZh);
  return substitute(Info.English, Args);
}

std::string Diagnostic::noteMessage(const DiagNote &N, Lang L) {
  const DiagInfo &Info = getDiagInfo(N.Kind);
  return substitute(L == Lang::Zh ? Info.Chinese : Info.English, N.Args);
}

DiagBuilder::~DiagBuilder() {
  if (Engine)
    Engine->file(std::move(D));
}

DiagBuilder &DiagBuilder::note(Span Where, diag::Kind K, std::vector<std::string> Args) {
  D.Notes.push_back({Where, K, std::move(Args)});
  return *this;
}

DiagBuilder &DiagBuilder::fixIt(Span Where, std::string Replacement) {
  D.FixIts.push_back({Where, std::move(Replacement)});
  return *this;
}

DiagBuilder DiagEngine::report(Span Where, diag::Kind K, std::vector<std::string> Args) {
  Diagnostic D{K, getDiagInfo(K).DefaultSev, Where, std::move(Args), {}, {}, {}};
  return DiagBuilder(*this, std::move(D));
}

void DiagEngine::file(Diagnostic D) {
  if (D.Sev == Severity::Error)
    ++ErrorCount;
  else if (D.Sev == Severity::Warning)
    ++WarningCount;
  if (Diags.size() < MaxStored)
    Diags.push_back(std::move(D));
}

void DiagEngine::absorb(DiagEngine &&Other) {
  ErrorCount += Other.ErrorCount;
  WarningCount += Other.WarningCount;
  for (Diagnostic &D : Other.Diags)
    if (Diags.size() < MaxStored)
      Diags.push_back(std::move(D));
  Other.Diags.clear();
  Other.ErrorCount = Other.WarningCount = 0;
}

void DiagEngine::removeIf(llvm::function_ref<bool(const Diagnostic &)> Pred) {
  std::vector<Diagnostic> Kept;
  ErrorCount = WarningCount = 0;
  for (Diagnostic &D : Diags)
    if (!Pred(D))
      Kept.push_back(std::move(D));
  Diags.clear();
  for (Diagnostic &D : Kept)
    file(std::move(D));
}

void DiagEngine::remap(llvm::function_ref<std::optional<Severity>(const Diagnostic &)> Pred) {
  ErrorCount = WarningCount = 0;
  std::vector<Diagnostic> All = std::move(Diags);
  Diags.clear();
  for (Diagnostic &D : All) {
    if (auto S = Pred(D))
      D.Sev = *S;
    file(std::move(D));
  }
}

std::vector<Diagnostic> DiagEngine::sorted() const {
  std::vector<Diagnostic> Out(Diags.begin(), Diags.end());
  std::stable_sort(Out.begin(), Out.end(), [](const Diagnostic &A, const Diagnostic &B) {
    if (A.Where.File != B.Where.File)
      return A.Where.File < B.Where.File;
    return A.Where.Begin < B.Where.Begin;
  });
  return Out;
}

} // namespace budc

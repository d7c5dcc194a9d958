//===- output.cpp - What `budc build` writes: the files of a format, and their names -===//
#include "compiler/emit/output.h"

namespace budc::emit {

llvm::StringRef formatNames() { return "text, md, csv, html, json or xlsx"; }

std::string fileName(const tables::Table &T, Format F) {
  std::string Out = (T.Number < 10 ? "0" : "") + std::to_string(T.Number) + "-";
  for (char C : T.Title)
    Out += (C == '/' || C == '\\' || C == ':' || C == '*' || C == '?' || C == '"' || C == '<' ||
            C == '>' || C == '|' || static_cast<unsigned char>(C) < 0x20)
               ? '_'
               : C;
  return Out + "." + extension(F).str();
}

std::vector<OutputFile> render(const model::Budget &B, const tables::Disclosure &D, Format F,
                               const Options &O, bool ToStdout, const SourceManager &SM,
                               llvm::ArrayRef<Diagnostic> Diags) {
  std::vector<OutputFile> Out;
  auto Render = [](auto &&Fn) {
    std::string S;
    llvm::raw_string_ostream OS(S);
    Fn(OS);
    OS.flush();
    return S;
  };
  switch (F) {
  case Format::Xlsx:
    return Out;
  case Format::Html:
    Out.push_back({"disclosure.html", Render([&](llvm::raw_ostream &OS) { html(OS, B, D); })});
    return Out;
  case Format::Json:
    Out.push_back({"budget.json",
                   Render([&](llvm::raw_ostream &OS) { modelJson(OS, B, D, SM, Diags); })});
    if (ToStdout)
      return Out;
    for (const tables::Table &T : D.Tables)
      Out.push_back({fileName(T, F), Render([&](llvm::raw_ostream &OS) { tableJson(OS, T); })});
    return Out;
  case Format::Text:
  case Format::Markdown:
  case Format::Csv:
    break;
  }
  for (const tables::Table &T : D.Tables) {
    std::string Text = Render([&](llvm::raw_ostream &OS) { table(OS, T, F, O); });
    if (ToStdout && F == Format::Text)
      Text += "\n";
    Out.push_back({fileName(T, F), std::move(Text)});
  }
  return Out;
}

} // namespace budc::emit

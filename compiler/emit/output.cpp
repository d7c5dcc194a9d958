//===- output.cpp - What `budc build` writes: the files of a format, and their names -===//
#include "compiler/emit/output.h"

#include "compiler/source/utf8.h"

#include <cstdio>
#include <cstring>

namespace budc::emit {

llvm::StringRef formatNames() { return "text, md, csv, html, json or xlsx"; }

std::string fileName(const tables::Table &T, Format F) {
  std::string Stem = (T.Number < 10 ? "0" : "") + std::to_string(T.Number) + "-";
  for (char C : replaceControls(T.Title, "_"))
    Stem += (C == '/' || C == '\\' || C == ':' || C == '*' || C == '?' || C == '"' || C == '<' ||
             C == '>' || C == '|')
                ? '_'
                : C;
  std::string Ext = "." + extension(F).str();
  if (Stem.size() + Ext.size() <= MaxFileName)
    return Stem + Ext;
  // Too long: cut at a character boundary and tell cut names apart by a hash of the whole
  // title (FNV-1a), so that a name is the same in every build.
  uint64_t Hash = 14695981039346656037ull;
  for (unsigned char C : T.Title)
    Hash = (Hash ^ C) * 1099511628211ull;
  char Tag[16];
  std::snprintf(Tag, sizeof Tag, "~%08x", static_cast<unsigned>(Hash ^ (Hash >> 32)));
  size_t Keep = MaxFileName - Ext.size() - std::strlen(Tag);
  while (Keep > 0 && (static_cast<unsigned char>(Stem[Keep]) & 0xC0) == 0x80)
    --Keep;
  return Stem.substr(0, Keep) + Tag + Ext;
}

std::vector<OutputFile> render(const model::Budget &B, const tables::Disclosure &D, Format F,
                               const Options &O, bool ToStdout, const SourceManager &SM,
                               llvm::ArrayRef<Diagnostic> Diags) {
  std::vector<OutputFile> Out;
  switch (F) {
  case Format::Xlsx:
    return Out;
  case Format::Html:
    Out.push_back({"disclosure.html", [&B, &D](llvm::raw_ostream &OS) { html(OS, B, D); }});
    return Out;
  case Format::Json:
    Out.push_back({"budget.json", [&B, &D, &SM, Diags](llvm::raw_ostream &OS) {
                     modelJson(OS, B, D, SM, Diags);
                   }});
    if (ToStdout)
      return Out;
    for (const tables::Table &T : D.Tables)
      Out.push_back({fileName(T, F), [&T](llvm::raw_ostream &OS) { tableJson(OS, T); }});
    return Out;
  case Format::Text:
  case Format::Markdown:
  case Format::Csv:
    break;
  }
  for (const tables::Table &T : D.Tables)
    Out.push_back({fileName(T, F), [&T, F, O, ToStdout](llvm::raw_ostream &OS) {
                     table(OS, T, F, O);
                     if (ToStdout && F == Format::Text)
                       OS << "\n";
                   }});
  return Out;
}

} // namespace budc::emit

//===- output.cpp - What `budc build` writes: the files of a format, and their names -===//
#include "compiler/emit/output.h"

#include "compiler/source/utf8.h"

#include "llvm/ADT/StringMap.h"

#include <cstdio>
#include <cstring>
#include <memory>

namespace budc::emit {

llvm::StringRef formatNames() { return "text, md, csv, html, json or xlsx"; }

std::string fileName(const tables::Table &T, Format F) {
  return fileName(T.Number, T.Title, extension(F));
}

std::string fileName(unsigned Number, llvm::StringRef Title, llvm::StringRef Extension) {
  std::string Stem = (Number < 10 ? "0" : "") + std::to_string(Number) + "-";
  for (char C : replaceControls(Title, "_"))
    Stem += (C == '/' || C == '\\' || C == ':' || C == '*' || C == '?' || C == '"' || C == '<' ||
             C == '>' || C == '|')
                ? '_'
                : C;
  std::string Ext = "." + Extension.str();
  if (Stem.size() + Ext.size() <= MaxFileName)
    return Stem + Ext;
  // Too long: cut at a character boundary and tell cut names apart by a hash of the whole
  // title (FNV-1a), so that a name is the same in every build.
  uint64_t Hash = 14695981039346656037ull;
  for (unsigned char C : Title)
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
    // A table every project has (绩效目标表) is one line of a JSON Lines file per kind,
    // numbered by its first: a province's build has tens of thousands of them.
    {
      llvm::StringMap<std::shared_ptr<std::vector<size_t>>> Kinds;
      for (size_t I = 0; I < D.size(); ++I) {
        const tables::Disclosure::Entry &E = D.entry(I);
        if (E.Project < 0) {
          Out.push_back({fileName(E.Number, E.Title, "json"),
                         [&D, I](llvm::raw_ostream &OS) { tableJson(OS, *D.table(I)); }});
          continue;
        }
        auto &Lines = Kinds[E.Template->Title];
        if (!Lines) {
          Lines = std::make_shared<std::vector<size_t>>();
          // "{项目名称}绩效目标表" names the file 12-项目名称绩效目标表.jsonl.
          std::string Kind;
          for (char C : E.Template->Title)
            if (C != '{' && C != '}')
              Kind += C;
          Out.push_back({fileName(E.Number, Kind, "jsonl"), [&D, Lines](llvm::raw_ostream &OS) {
                           for (size_t L : *Lines)
                             tableJson(OS, *D.table(L), /*Line=*/true);
                         }});
        }
        Lines->push_back(I);
      }
    }
    return Out;
  case Format::Text:
  case Format::Markdown:
  case Format::Csv:
    break;
  }
  for (size_t I = 0; I < D.size(); ++I)
    Out.push_back({fileName(D.entry(I).Number, D.entry(I).Title, extension(F)),
                   [&D, I, F, O, ToStdout](llvm::raw_ostream &OS) {
                     table(OS, *D.table(I), F, O);
                     if (ToStdout && F == Format::Text)
                       OS << "\n";
                   }});
  return Out;
}

} // namespace budc::emit

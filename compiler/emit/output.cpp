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
  using Streams = llvm::ArrayRef<llvm::raw_ostream *>;
  std::vector<OutputFile> Out;
  switch (F) {
  case Format::Xlsx:
    return Out;
  case Format::Html:
    Out.push_back({"disclosure.html", [&B, &D](llvm::raw_ostream &OS, Streams) { html(OS, B, D); },
                   {}});
    return Out;
  case Format::Json: {
    bool Pretty = O.Pretty;
    if (ToStdout) {
      Out.push_back({"budget.json",
                     [&B, &D, &SM, Diags, Pretty](llvm::raw_ostream &OS, Streams) {
                       modelJson(OS, B, D, SM, Diags, Pretty);
                     },
                     {}});
      return Out;
    }
    // A table every project has (绩效目标表) is one line of a JSON Lines file per kind,
    // numbered by its first: a province's build has tens of thousands of them. budget.json
    // holds them too: on one line, each is built and printed once, for both files, as
    // budget.json is written; indented, the JSON Lines files are written after it.
    auto KindOf = std::make_shared<std::vector<int>>(D.size(), -1); // entry → its file
    std::vector<std::string> KindFiles;
    {
      llvm::StringMap<int> Kinds;
      for (size_t I = 0; I < D.size(); ++I) {
        const tables::Disclosure::Entry &E = D.entry(I);
        if (E.Project < 0)
          continue;
        auto [It, New] = Kinds.try_emplace(E.Template->Title, int(KindFiles.size()));
        if (New) {
          // "{项目名称}绩效目标表" names the file 12-项目名称绩效目标表.jsonl.
          std::string Kind;
          for (char C : E.Template->Title)
            if (C != '{' && C != '}')
              Kind += C;
          KindFiles.push_back(fileName(E.Number, Kind, "jsonl"));
        }
        (*KindOf)[I] = It->second;
      }
    }
    if (Pretty)
      Out.push_back({"budget.json",
                     [&B, &D, &SM, Diags](llvm::raw_ostream &OS, Streams) {
                       modelJson(OS, B, D, SM, Diags, /*Pretty=*/true);
                     },
                     {}});
    else
      Out.push_back({"budget.json",
                     [&B, &D, &SM, Diags, KindOf](llvm::raw_ostream &OS, Streams Lines) {
                       modelJson(OS, B, D, SM, Diags, /*Pretty=*/false,
                                 [&](size_t I, llvm::StringRef Json) {
                                   *Lines[size_t((*KindOf)[I])] << Json << '\n';
                                 });
                     },
                     KindFiles});
    for (size_t I = 0; I < D.size(); ++I)
      if (D.entry(I).Project < 0)
        Out.push_back({fileName(D.entry(I).Number, D.entry(I).Title, "json"),
                       [&D, I](llvm::raw_ostream &OS, Streams) { tableJson(OS, *D.table(I)); },
                       {}});
    if (Pretty)
      for (size_t K = 0; K < KindFiles.size(); ++K)
        Out.push_back({KindFiles[K],
                       [&D, KindOf, K](llvm::raw_ostream &OS, Streams) {
                         for (size_t L = 0; L < D.size(); ++L)
                           if ((*KindOf)[L] == int(K))
                             tableJson(OS, *D.table(L), /*Line=*/true);
                       },
                       {}});
    return Out;
  }
  case Format::Text:
  case Format::Markdown:
  case Format::Csv:
    break;
  }
  for (size_t I = 0; I < D.size(); ++I)
    Out.push_back({fileName(D.entry(I).Number, D.entry(I).Title, extension(F)),
                   [&D, I, F, O, ToStdout](llvm::raw_ostream &OS, Streams) {
                     table(OS, *D.table(I), F, O);
                     if (ToStdout && F == Format::Text)
                       OS << "\n";
                   },
                   {}});
  return Out;
}

} // namespace budc::emit

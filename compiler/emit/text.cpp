//===- text.cpp - Tables as aligned text, Markdown and CSV -------------------===//
#include "compiler/emit/emit.h"
#include "compiler/emit/escape.h"

#include "llvm/Support/Unicode.h"

namespace budc::emit {

std::optional<Format> parseFormat(llvm::StringRef Name) {
  if (Name == "text" || Name == "txt")
    return Format::Text;
  if (Name == "md" || Name == "markdown")
    return Format::Markdown;
  if (Name == "csv")
    return Format::Csv;
  if (Name == "html")
    return Format::Html;
  if (Name == "json")
    return Format::Json;
  if (Name == "xlsx")
    return Format::Xlsx;
  return std::nullopt;
}

llvm::StringRef extension(Format F) {
  switch (F) {
  case Format::Text: return "txt";
  case Format::Markdown: return "md";
  case Format::Csv: return "csv";
  case Format::Html: return "html";
  case Format::Json: return "json";
  case Format::Xlsx: return "xlsx";
  }
  return "txt";
}

namespace {

using tables::Cell;
using tables::Layout;
using tables::Row;

/// Display width in a terminal: CJK characters take two columns.
unsigned width(llvm::StringRef S) {
  int W = llvm::sys::unicode::columnWidthUTF8(S);
  return W < 0 ? static_cast<unsigned>(S.size()) : static_cast<unsigned>(W);
}

std::vector<std::string> lines(llvm::StringRef S) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  S.split(Parts, '\n');
  for (llvm::StringRef P : Parts)
    Out.push_back(P.rtrim("\r").str());
  return Out;
}

void textTable(llvm::raw_ostream &OS, const tables::Table &T) {
  std::vector<Row> All = T.Head;
  size_t HeadRows = All.size();
  All.insert(All.end(), T.Body.begin(), T.Body.end());
  Layout L = tables::layout(All, T.Width);
  // Column widths: single-column cells first, then widen the last column of a span that
  // does not fit.
  std::vector<unsigned> W(T.Width, 0);
  for (int Pass = 0; Pass < 2; ++Pass)
    for (size_t R = 0; R < All.size(); ++R)
      for (unsigned C = 0; C < T.Width; ++C) {
        const Cell *X = L.Grid[R][C];
        if (!X || (Pass == 0) != (X->ColSpan == 1))
          continue;
        unsigned Need = 0;
        for (const std::string &Line : lines(X->Text))
          Need = std::max(Need, width(Line));
        unsigned Have = 0;
        unsigned Last = std::min(T.Width, C + X->ColSpan) - 1;
        for (unsigned K = C; K <= Last; ++K)
          Have += W[K] + (K > C ? 3 : 0);
        if (Need > Have)
          W[Last] += Need - Have;
      }
  auto Rule = [&] {
    for (unsigned C = 0; C < T.Width; ++C)
      OS << '+' << std::string(W[C] + 2, '-');
    OS << "+\n";
  };
  OS << (T.Label.empty() ? "表" + std::to_string(T.Number) : T.Label) << " " << T.Title << "\n";
  if (!T.Caption.empty()) {
    for (size_t I = 0; I < T.Caption.size(); ++I)
      OS << (I ? "    " : "") << T.Caption[I];
    OS << '\n';
  }
  Rule();
  for (size_t R = 0; R < All.size(); ++R) {
    // A row is as tall as its tallest cell that starts in it.
    size_t Height = 1;
    for (unsigned C = 0; C < T.Width; ++C)
      if (const Cell *X = L.Grid[R][C])
        if (X->RowSpan == 1)
          Height = std::max(Height, lines(X->Text).size());
    for (size_t Line = 0; Line < Height; ++Line) {
      for (unsigned C = 0; C < T.Width;) {
        tables::Place O = L.Owner[R][C];
        const Cell *X = O.X;
        unsigned Span = X ? X->ColSpan : 1;
        unsigned Last = std::min(T.Width, C + Span) - 1;
        unsigned Have = 0;
        for (unsigned K = C; K <= Last; ++K)
          Have += W[K] + (K > C ? 3 : 0);
        std::string Text;
        if (X && O.Row == R) {
          std::vector<std::string> Ls = lines(X->Text);
          if (Line < Ls.size())
            Text = Ls[Line];
        }
        unsigned Pad = Have > width(Text) ? Have - width(Text) : 0;
        OS << "| ";
        if (X && X->Amount)
          OS << std::string(Pad, ' ') << Text;
        else
          OS << Text << std::string(Pad, ' ');
        OS << ' ';
        C = Last + 1;
      }
      OS << "|\n";
    }
    if (R + 1 == HeadRows)
      Rule();
  }
  Rule();
  for (const std::string &N : T.Notes)
    OS << N << '\n';
}

void markdownTable(llvm::raw_ostream &OS, const tables::Table &T) {
  OS << "### " << markdownText(T.Label.empty() ? "表" + std::to_string(T.Number) : T.Label) << " "
     << markdownText(T.Title) << "\n\n";
  if (!T.Caption.empty()) {
    for (size_t I = 0; I < T.Caption.size(); ++I)
      OS << (I ? " · " : "") << markdownText(T.Caption[I]);
    OS << "\n\n";
  }
  // The Markdown header joins the texts of the header cells above each column; the 栏次
  // row, when there is one, is the first body row.
  std::vector<Row> Body;
  if (!T.Head.empty() && !T.Head.back().empty() && T.Head.back()[0].Text == "栏次")
    Body.push_back(T.Head.back());
  Body.insert(Body.end(), T.Body.begin(), T.Body.end());
  OS << '|';
  for (const std::string &Label : tables::columnLabels(T))
    OS << ' ' << markdownText(Label) << " |";
  Layout L = tables::layout(Body, T.Width);
  OS << "\n|";
  for (unsigned C = 0; C < T.Width; ++C) {
    bool Amount = false;
    for (size_t R = 0; R < Body.size(); ++R)
      Amount |= L.Grid[R][C] && L.Grid[R][C]->Amount;
    OS << (Amount ? " ---: |" : " --- |");
  }
  OS << '\n';
  for (size_t R = 0; R < Body.size(); ++R) {
    OS << '|';
    for (unsigned C = 0; C < T.Width; ++C) {
      const Cell *X = L.Grid[R][C];
      OS << ' ' << (X ? markdownText(X->Text) : "") << " |";
    }
    OS << '\n';
  }
  for (const std::string &N : T.Notes)
    OS << '\n' << markdownText(N) << '\n';
  OS << '\n';
}

void csvTable(llvm::raw_ostream &OS, const tables::Table &T, const Options &O) {
  if (O.Bom)
    OS << "\xEF\xBB\xBF";
  auto Single = [&](llvm::StringRef S) {
    OS << csvField(S);
    OS << "\r\n";
  };
  for (const std::string &C : T.Caption)
    Single(C);
  for (const std::vector<Row> *Part : {&T.Head, &T.Body}) {
    Layout L = tables::layout(*Part, T.Width);
    for (size_t R = 0; R < Part->size(); ++R) {
      for (unsigned C = 0; C < T.Width; ++C) {
        if (C)
          OS << ',';
        if (const Cell *X = L.Grid[R][C])
          OS << csvField(X->Text);
      }
      OS << "\r\n";
    }
  }
  for (const std::string &N : T.Notes)
    Single(N);
}

} // namespace

void table(llvm::raw_ostream &OS, const tables::Table &T, Format F, const Options &O) {
  switch (F) {
  case Format::Text:
    textTable(OS, T);
    return;
  case Format::Markdown:
    markdownTable(OS, T);
    return;
  case Format::Csv:
    csvTable(OS, T, O);
    return;
  case Format::Html:
  case Format::Json:
  case Format::Xlsx:
    return; // printed by html(), tableJson() and xlsx()
  }
}

} // namespace budc::emit

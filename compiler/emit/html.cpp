//===- html.cpp - The whole disclosure as one printable HTML page -----------===//
//
// One self-contained page (no scripts, no external files): the title, a table of contents,
// part one (the narrative with the units, goals, project, procurement and assets tables in
// their sections) and part two (the standard tables). Merged header cells are real row and
// column spans; amounts are right-aligned; @page sets A4 and each standard table starts on
// a new printed page.
//
//===----------------------------------------------------------------------===//
#include "compiler/emit/emit.h"

namespace budc::emit {
namespace {

std::string escape(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    switch (C) {
    case '&': Out += "&amp;"; break;
    case '<': Out += "&lt;"; break;
    case '>': Out += "&gt;"; break;
    case '"': Out += "&quot;"; break;
    case '\n': Out += "<br>"; break;
    case '\r': break;
    default: Out += C;
    }
  }
  return Out;
}

const char *Style = R"css(
  :root { --rule: #444; --head: #eef2f7; }
  body { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC",
         "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em auto; max-width: 1100px;
         line-height: 1.6; color: #111; padding: 0 1em; }
  h1 { text-align: center; font-size: 1.6em; }
  h2 { border-bottom: 2px solid var(--rule); padding-bottom: .2em; margin-top: 2em; }
  h3 { margin-top: 1.5em; }
  p.body { text-indent: 2em; margin: .4em 0; }
  table.t { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .9em; }
  table.t th, table.t td { border: 1px solid var(--rule); padding: .2em .4em; vertical-align: middle; }
  table.t thead th { background: var(--head); font-weight: 600; text-align: center; }
  table.t td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
  table.t td.l { background: var(--head); font-weight: 600; }
  table.t td.seq { text-align: center; }
  .cap { display: flex; justify-content: space-between; font-size: .9em; }
  .cap span:only-child { margin-left: auto; }
  .note { font-size: .9em; }
  p.label { text-align: right; margin: .2em 0 0; font-size: .9em; }
  section.table { break-inside: avoid-page; }
  @page { size: A4; margin: 15mm; }
  @media print {
    body { margin: 0; max-width: none; }
    section.standard { break-before: page; }
    nav { break-after: page; }
  }
)css";

void tableHtml(llvm::raw_ostream &OS, const tables::Table &T, bool Heading) {
  OS << "<section class=\"table " << (T.Kind == tables::TableKind::Standard ? "standard" : "")
     << "\" id=\"t" << T.Number << "\">\n";
  if (Heading && !T.Label.empty())
    OS << "<p class=\"label\">" << escape(T.Label) << "</p>\n";
  if (Heading)
    OS << "<h3>" << escape(T.Title) << "</h3>\n";
  if (!T.Caption.empty()) {
    OS << "<div class=\"cap\">";
    for (const std::string &C : T.Caption)
      OS << "<span>" << escape(C) << "</span>";
    OS << "</div>\n";
  }
  OS << "<table class=\"t\" data-table=\"" << T.Number << "\">\n";
  auto Cells = [&](const tables::Row &R, bool Head) {
    OS << "<tr>";
    bool First = true;
    for (const tables::Cell &C : R) {
      const char *Tag = Head ? "th" : "td";
      OS << '<' << Tag;
      if (C.RowSpan > 1)
        OS << " rowspan=\"" << C.RowSpan << '"';
      if (C.ColSpan > 1)
        OS << " colspan=\"" << C.ColSpan << '"';
      if (!Head) {
        if (C.Amount)
          OS << " class=\"n\"";
        else if (C.Emphasis)
          OS << " class=\"l\"";
        else if (First && T.Kind == tables::TableKind::Standard && T.Ordinal)
          OS << " class=\"seq\"";
      }
      if (C.Indent)
        OS << " style=\"padding-left:calc(.4em + " << C.Indent << " * 1.5em)\"";
      OS << '>' << escape(C.Text) << "</" << Tag << '>';
      First = false;
    }
    OS << "</tr>\n";
  };
  if (!T.Head.empty()) {
    OS << "<thead>\n";
    for (const tables::Row &R : T.Head)
      Cells(R, true);
    OS << "</thead>\n";
  }
  OS << "<tbody>\n";
  for (const tables::Row &R : T.Body)
    Cells(R, false);
  OS << "</tbody>\n</table>\n";
  for (const std::string &N : T.Notes)
    OS << "<p class=\"note\">" << escape(N) << "</p>\n";
  OS << "</section>\n";
}

void paragraphs(llvm::raw_ostream &OS, llvm::StringRef Text) {
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  Text.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    L = L.trim(" \t\r");
    if (!L.empty())
      OS << "<p class=\"body\">" << escape(L) << "</p>\n";
  }
}

const model::Section *section(const model::Budget &B, llvm::StringRef Title) {
  for (const model::Section &S : B.Sections)
    if (S.Title == Title)
      return &S;
  return nullptr;
}


} // namespace

void html(llvm::raw_ostream &OS, const model::Budget &B, const tables::Disclosure &D) {
  const model::Template *Tpl = B.findTemplate();
  std::string Title = Tpl && !Tpl->Page.Title.empty()
                          ? tables::fill(B, Tpl->Page.Title)
                          : B.DepartmentName + std::to_string(B.Year) + "年部门预算";
  OS << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
     << "<meta name=\"generator\" content=\"budc\">\n<title>" << escape(Title) << "</title>\n<style>"
     << Style << "</style>\n</head>\n<body>\n<h1>" << escape(Title) << "</h1>\n";

  // The template's outline: each part shows, under its headings, the narrative sections and
  // the tables it names; 其余表 the tables no item names, 其余说明 the sections no item names
  // (without it they follow the first part). Without an outline every table is in one part.
  std::vector<model::OutlinePart> Parts = Tpl ? Tpl->Page.Parts : std::vector<model::OutlinePart>{};
  if (Parts.empty()) {
    model::OutlinePart All;
    All.Title = "第二部分 " + Title + "表";
    All.Preface.push_back({model::OutlineItem::OtherTables, "", ""});
    Parts.push_back(std::move(All));
  }
  // What the items name, found first: 其余 is what is left of it.
  std::vector<std::string> Named, NamedTables;
  bool OtherSections = false;
  auto Each = [&](auto F) {
    for (const model::OutlinePart &P : Parts) {
      for (const model::OutlineItem &I : P.Preface)
        F(I);
      for (const model::OutlineHeading &H : P.Headings)
        for (const model::OutlineItem &I : H.Items)
          F(I);
    }
  };
  Each([&](const model::OutlineItem &I) {
    if (I.Kind == model::OutlineItem::Section)
      Named.push_back(I.Name);
    else if (I.Kind == model::OutlineItem::Table)
      NamedTables.push_back(I.Name);
    OtherSections |= I.Kind == model::OutlineItem::OtherSections;
  });
  // A section a table's note quotes ({说明 TITLE}) is printed under that table only.
  if (Tpl)
    for (const model::TableTemplate &T : Tpl->Tables)
      for (llvm::StringRef N : T.Notes) {
        const llvm::StringRef Quote = "{说明 ";
        for (size_t At = N.find(Quote); At != llvm::StringRef::npos; At = N.find(Quote, At + 1))
          Named.push_back(N.slice(At + Quote.size(), N.find('}', At)).str());
      }
  auto Listed = [](const std::vector<std::string> &V, llvm::StringRef X) {
    return std::find(V.begin(), V.end(), X) != V.end();
  };
  if (Tpl && !Tpl->Page.Parts.empty()) {
    OS << "<nav>\n<h2>目录</h2>\n<ol>\n";
    for (size_t I = 0; I < Parts.size(); ++I)
      OS << "<li><a href=\"#part" << I + 1 << "\">" << escape(tables::fill(B, Parts[I].Title))
         << "</a></li>\n";
    OS << "</ol>\n</nav>\n";
  }

  auto Sections = [&](bool Unnamed) {
    for (const model::Section &S : B.Sections)
      if (Listed(Named, S.Title) != Unnamed) {
        OS << "<h3>" << escape(S.Title) << "</h3>\n";
        paragraphs(OS, S.Body);
      }
  };
  auto Show = [&](const model::OutlineItem &I) {
    switch (I.Kind) {
    case model::OutlineItem::Section:
      if (const model::Section *S = section(B, I.Name)) {
        if (!I.Lead.empty())
          OS << "<p><strong>" << escape(I.Lead) << "</strong></p>\n";
        paragraphs(OS, S->Body);
      }
      break;
    case model::OutlineItem::Table: {
      bool First = true;
      D.forEach(
          [&](const tables::Table &T) {
            if (First && !I.Lead.empty())
              OS << "<p><strong>" << escape(I.Lead) << "</strong></p>\n";
            First = false;
            // A table per project carries its title in its caption.
            tableHtml(OS, T, T.Kind != tables::TableKind::Project);
          },
          llvm::StringRef(I.Name));
      break;
    }
    case model::OutlineItem::OtherTables:
      for (size_t N = 0; N < D.size(); ++N)
        if (!Listed(NamedTables, D.entry(N).Template->Title))
          tableHtml(OS, *D.table(N), D.entry(N).Project < 0);
      break;
    case model::OutlineItem::OtherSections:
      Sections(true);
      break;
    case model::OutlineItem::Performance:
      for (const model::Section &S : B.PerformanceSections) {
        OS << "<p><strong>" << escape(S.Title) << "</strong></p>\n";
        paragraphs(OS, S.Body);
      }
      break;
    case model::OutlineItem::Glossary: {
      unsigned N = 0;
      for (const auto &[Term, Definition] : B.Glossary)
        OS << "<p class=\"body\">" << ++N << "、" << escape(Term) << "：" << escape(Definition)
           << "</p>\n";
      break;
    }
    }
  };
  bool Outline = Tpl && !Tpl->Page.Parts.empty();
  if (!Outline && !OtherSections) // (the narrative before the tables of a page without parts)
    Sections(true);
  for (size_t P = 0; P < Parts.size(); ++P) {
    OS << "<h2 id=\"part" << P + 1 << "\">" << escape(tables::fill(B, Parts[P].Title)) << "</h2>\n";
    for (const model::OutlineItem &I : Parts[P].Preface)
      Show(I);
    for (const model::OutlineHeading &H : Parts[P].Headings) {
      OS << "<h3>" << escape(tables::fill(B, H.Text)) << "</h3>\n";
      for (const model::OutlineItem &I : H.Items)
        Show(I);
    }
    if (P == 0 && Outline && !OtherSections)
      Sections(true);
  }
  OS << "</body>\n</html>\n";
}

} // namespace budc::emit

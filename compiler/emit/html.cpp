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
        else if (First && T.Kind == tables::TableKind::Standard)
          OS << " class=\"seq\"";
      }
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

const tables::Table *tableOf(const tables::Disclosure &D, tables::TableKind K) {
  for (const tables::Table &T : D.Tables)
    if (T.Kind == K)
      return &T;
  return nullptr;
}

} // namespace

void html(llvm::raw_ostream &OS, const model::Budget &B, const tables::Disclosure &D) {
  std::string Title = B.DepartmentName + std::to_string(B.Year) + "年部门预算";
  OS << "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
     << "<meta name=\"generator\" content=\"budc\">\n<title>" << escape(Title) << "</title>\n<style>"
     << Style << "</style>\n</head>\n<body>\n<h1>" << escape(Title) << "</h1>\n";

  // Part one follows the 河北 outline; each heading takes the narrative section of that
  // title and the tables that belong to it. Sections with other titles follow at the end.
  struct Heading {
    const char *Text;
    const char *Section;
    std::optional<tables::TableKind> Kind;
  };
  static const Heading Outline[] = {
      {"一、部门职责及机构设置情况", "部门职责", tables::TableKind::Units},
      {"二、部门预算安排的总体情况", "总体情况", std::nullopt},
      {"三、机关运行经费安排情况", "机关运行经费", std::nullopt},
      {"四、财政拨款“三公”经费预算情况及增减变化原因", "三公经费", std::nullopt},
      {"五、部门整体绩效目标", nullptr, tables::TableKind::Goals},
      {"六、部门主管专项资金预算安排情况及绩效目标", "专项资金", std::nullopt},
      {"七、部门项目预算安排情况及绩效目标", nullptr, tables::TableKind::Project},
      {"八、政府采购预算情况", nullptr, tables::TableKind::Procurement},
      {"九、国有资产信息", nullptr, tables::TableKind::Assets},
      {"十、名词解释", nullptr, std::nullopt},
      {"十一、其他需要说明的事项", "其他事项", std::nullopt},
  };

  OS << "<nav>\n<h2>目录</h2>\n<ol>\n<li><a href=\"#part1\">第一部分 " << escape(Title)
     << "信息公开情况说明</a></li>\n<li><a href=\"#part2\">第二部分 " << escape(Title)
     << "表</a></li>\n</ol>\n</nav>\n";

  OS << "<h2 id=\"part1\">第一部分 " << escape(Title) << "信息公开情况说明</h2>\n";
  std::vector<std::string> Used;
  if (const model::Section *S = section(B, "公开说明")) {
    paragraphs(OS, S->Body);
    Used.push_back(S->Title);
  }
  for (const Heading &H : Outline) {
    OS << "<h3>" << H.Text << "</h3>\n";
    if (H.Section)
      if (const model::Section *S = section(B, H.Section)) {
        if (llvm::StringRef(H.Text).startswith("一、"))
          OS << "<p><strong>部门职责：</strong></p>\n";
        paragraphs(OS, S->Body);
        Used.push_back(S->Title);
      }
    if (llvm::StringRef(H.Text).startswith("三、"))
      for (const tables::Table &T : D.Tables)
        if (T.Title == "机关运行经费明细表")
          tableHtml(OS, T, true);
    if (llvm::StringRef(H.Text).startswith("五、")) {
      for (const model::Section &S : B.PerformanceSections) {
        OS << "<p><strong>" << escape(S.Title) << "</strong></p>\n";
        paragraphs(OS, S.Body);
      }
    }
    if (llvm::StringRef(H.Text).startswith("十、")) {
      unsigned N = 0;
      for (const auto &[Term, Definition] : B.Glossary)
        OS << "<p class=\"body\">" << ++N << "、" << escape(Term) << "：" << escape(Definition)
           << "</p>\n";
    }
    if (H.Kind) {
      if (*H.Kind == tables::TableKind::Project) {
        for (const tables::Table &T : D.Tables)
          if (T.Kind == *H.Kind)
            tableHtml(OS, T, false);
      } else if (const tables::Table *T = tableOf(D, *H.Kind)) {
        if (*H.Kind == tables::TableKind::Units)
          OS << "<p><strong>机构设置：</strong></p>\n";
        tableHtml(OS, *T, true);
      }
    }
  }
  for (const model::Section &S : B.Sections)
    if (std::find(Used.begin(), Used.end(), S.Title) == Used.end()) {
      OS << "<h3>" << escape(S.Title) << "</h3>\n";
      paragraphs(OS, S.Body);
    }

  OS << "<h2 id=\"part2\">第二部分 " << escape(Title) << "表</h2>\n";
  for (const tables::Table &T : D.Tables)
    if (T.Kind == tables::TableKind::Standard && T.Title != "机关运行经费明细表")
      tableHtml(OS, T, true);
  OS << "</body>\n</html>\n";
}

} // namespace budc::emit

//===- xlsx.cpp - The disclosure as an Excel workbook (libxlsxwriter) -------===//
//
// One sheet per table, laid out as published: the title, the caption (unit, 预算年度,
// 单位：万元), the header rows with their merged cells and 栏次, the body, the notes. Amounts
// are numbers with the format 0.00 (an exact decimal becomes a double only here, at the
// boundary Excel imposes); codes, 序号 and every other text are strings. Columns are as wide
// as their CJK text, the header rows are frozen and repeat on every printed A4 page.
// The document's creation time is fixed (1 January of the budget year), so equal input
// gives an identical workbook.
//
//===----------------------------------------------------------------------===//
#include "compiler/emit/emit.h"

#include "compiler/source/utf8.h"

#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Unicode.h"

#include <xlsxwriter.h>

#include <cerrno>
#include <cstdlib>
#include <map>
#include <ctime>

namespace budc::emit {
namespace {

using tables::Cell;

// libxlsxwriter is opened on first use, not linked: most runs of budc write no workbook, and
// loading it (with minizip and libcrypto) took a quarter of the start-up of a small check.
// Each function it provides is a pointer of the same name here, which the code below calls as
// it would call the library.
#define BUDC_XLSX_FUNCTIONS(X) \
  X(format_set_align) \
  X(format_set_bg_color) \
  X(format_set_bold) \
  X(format_set_border) \
  X(format_set_font_size) \
  X(format_set_indent) \
  X(format_set_num_format) \
  X(format_set_text_wrap) \
  X(lxw_strerror) \
  X(workbook_add_format) \
  X(workbook_add_worksheet) \
  X(workbook_close) \
  X(workbook_new_opt) \
  X(workbook_set_properties) \
  X(worksheet_center_horizontally) \
  X(worksheet_fit_to_pages) \
  X(worksheet_freeze_panes) \
  X(worksheet_merge_range) \
  X(worksheet_repeat_rows) \
  X(worksheet_set_column) \
  X(worksheet_set_landscape) \
  X(worksheet_set_paper) \
  X(worksheet_set_row) \
  X(worksheet_write_blank) \
  X(worksheet_write_number) \
  X(worksheet_write_string)
#define BUDC_XLSX_POINTER(F) decltype(&::F) F = nullptr;
BUDC_XLSX_FUNCTIONS(BUDC_XLSX_POINTER)
#undef BUDC_XLSX_POINTER

/// Loads the library once; an error message when it or one of its functions is missing.
std::optional<std::string> loadLibrary() {
  static const std::optional<std::string> Error = []() -> std::optional<std::string> {
    std::string Why;
    auto Lib = llvm::sys::DynamicLibrary::getPermanentLibrary(BUDC_XLSXWRITER_LIBRARY, &Why);
    if (!Lib.isValid())
      return "cannot load " BUDC_XLSXWRITER_LIBRARY " (Debian package libxlsxwriter4): " + Why;
#define BUDC_XLSX_LOAD(F)                                                                     \
  F = reinterpret_cast<decltype(F)>(Lib.getAddressOfSymbol(#F));                              \
  if (!F)                                                                                     \
    return std::string(BUDC_XLSXWRITER_LIBRARY " has no function " #F);
    BUDC_XLSX_FUNCTIONS(BUDC_XLSX_LOAD)
#undef BUDC_XLSX_LOAD
    return std::nullopt;
  }();
  return Error;
}
#undef BUDC_XLSX_FUNCTIONS

unsigned displayWidth(llvm::StringRef S) {
  unsigned Widest = 0;
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  S.split(Lines, '\n');
  for (llvm::StringRef L : Lines) {
    int W = llvm::sys::unicode::columnWidthUTF8(L);
    Widest = std::max(Widest, W < 0 ? static_cast<unsigned>(L.size()) : static_cast<unsigned>(W));
  }
  return Widest;
}

/// time_t of midnight UTC on 1 January of \p Year.
time_t newYear(unsigned Year) {
  if (Year < 1970 || Year > 3000)
    Year = 2000;
  long Days = 0;
  for (unsigned Y = 1970; Y < Year; ++Y)
    Days += (Y % 4 == 0 && (Y % 100 != 0 || Y % 400 == 0)) ? 366 : 365;
  return static_cast<time_t>(Days) * 86400;
}

class Writer {
public:
  Writer(lxw_workbook *WB) : WB(WB) {
    Title = format();
    format_set_bold(Title);
    format_set_font_size(Title, 14);
    format_set_align(Title, LXW_ALIGN_CENTER);
    format_set_align(Title, LXW_ALIGN_VERTICAL_CENTER);
    CaptionLeft = format();
    CaptionCenter = format();
    format_set_align(CaptionCenter, LXW_ALIGN_CENTER);
    CaptionRight = format();
    format_set_align(CaptionRight, LXW_ALIGN_RIGHT);
    Head = boxed();
    format_set_bold(Head);
    format_set_align(Head, LXW_ALIGN_CENTER);
    format_set_bg_color(Head, 0xEEF2F7);
    Text = boxed();
    Label = boxed();
    format_set_bold(Label);
    format_set_bg_color(Label, 0xEEF2F7);
    Note = format();
    Seq = boxed();
    format_set_align(Seq, LXW_ALIGN_CENTER);
  }

  void sheet(const tables::Table &T) {
    lxw_worksheet *WS = workbook_add_worksheet(WB, sheetName(T).c_str());
    if (!WS)
      return;
    unsigned W = std::max(1u, T.Width);
    // Title and caption.
    merge(WS, 0, 0, 0, W - 1, T.Title, Title);
    worksheet_set_row(WS, 0, 24, nullptr);
    if (!T.Caption.empty()) {
      if (T.Caption.size() >= 3 && W >= 3) {
        merge(WS, 1, 0, 1, W - 3, T.Caption[0], CaptionLeft);
        worksheet_write_string(WS, 1, W - 2, T.Caption[1].c_str(), CaptionCenter);
        worksheet_write_string(WS, 1, W - 1, T.Caption[2].c_str(), CaptionRight);
      } else if (T.Caption.size() == 2 && W >= 2) {
        merge(WS, 1, 0, 1, W - 2, T.Caption[0], CaptionLeft);
        worksheet_write_string(WS, 1, W - 1, T.Caption[1].c_str(), CaptionRight);
      } else {
        std::string All;
        for (const std::string &C : T.Caption)
          All += (All.empty() ? "" : "    ") + C;
        merge(WS, 1, 0, 1, W - 1, All, CaptionLeft);
      }
    }
    const lxw_row_t First = 2;
    std::vector<unsigned> Widths(W, 4);
    auto Grid = [&](const std::vector<tables::Row> &Rows, lxw_row_t At, bool IsHead) {
      tables::Layout L = tables::layout(Rows, W);
      for (size_t R = 0; R < Rows.size(); ++R)
        for (unsigned C = 0; C < W; ++C) {
          const Cell *X = L.Grid[R][C];
          if (!X) {
            if (!L.Owner[R][C].X) // a place no cell reaches: a bordered blank
              worksheet_write_blank(WS, At + R, C, IsHead ? Head : Text);
            continue;
          }
          unsigned RS = std::min<size_t>(X->RowSpan, Rows.size() - R);
          unsigned CS = std::min(X->ColSpan, W - C);
          lxw_format *F = IsHead ? Head : X->Emphasis ? Label : Text;
          if (!IsHead && C == 0 && T.Kind == tables::TableKind::Standard && T.Ordinal)
            F = Seq; // 序号
          if (!IsHead && X->Indent)
            F = indented(X->Indent);
          std::string Number; // an amount as the number it prints, without separators
          for (char Ch : X->Amount ? X->Text : "")
            if (Ch != ',')
              Number += Ch;
          if (X->Amount && !X->Text.empty())
            F = amountFormat(X->Text);
          if (RS > 1 || CS > 1)
            worksheet_merge_range(WS, At + R, C, At + R + RS - 1, C + CS - 1, "", F);
          if (X->Amount && !X->Text.empty())
            worksheet_write_number(WS, At + R, C, std::strtod(Number.c_str(), nullptr), F);
          else if (X->Text.empty())
            worksheet_write_blank(WS, At + R, C, F);
          else
            worksheet_write_string(WS, At + R, C, X->Text.c_str(), F);
          if (CS == 1)
            Widths[C] = std::max(Widths[C], std::min(displayWidth(X->Text), 50u));
        }
    };
    Grid(T.Head, First, true);
    lxw_row_t Body = First + static_cast<lxw_row_t>(T.Head.size());
    Grid(T.Body, Body, false);
    if (T.Kind == tables::TableKind::Project)
      mergeLevel2(WS, T, Body);
    lxw_row_t After = Body + static_cast<lxw_row_t>(T.Body.size());
    for (size_t I = 0; I < T.Notes.size(); ++I)
      merge(WS, After + I, 0, After + I, W - 1, T.Notes[I], Note);
    for (unsigned C = 0; C < W; ++C)
      worksheet_set_column(WS, C, C, Widths[C] + 2.5, nullptr);
    // Frozen header, A4 pages that repeat it and fit the width.
    worksheet_freeze_panes(WS, Body, 0);
    worksheet_set_paper(WS, 9);
    if (W > 6)
      worksheet_set_landscape(WS);
    worksheet_center_horizontally(WS);
    if (!T.Head.empty())
      worksheet_repeat_rows(WS, First, Body - 1);
    worksheet_fit_to_pages(WS, 1, 0);
  }

private:
  lxw_format *format() { return workbook_add_format(WB); }

  /// The number format of an amount printed as \p Text: as many decimals, separators if it
  /// has them (0.00, #,##0, …); made once per format.
  lxw_format *amountFormat(llvm::StringRef Text) {
    size_t Dot = Text.find('.');
    std::string Pattern = Text.contains(',') ? "#,##0" : "0";
    if (Dot != llvm::StringRef::npos)
      Pattern += "." + std::string(Text.size() - Dot - 1, '0');
    lxw_format *&F = Amounts[Pattern];
    if (!F) {
      F = boxed();
      format_set_num_format(F, Pattern.c_str());
      format_set_align(F, LXW_ALIGN_RIGHT);
    }
    return F;
  }

  /// A text cell indented \p Level steps (a tree of names).
  lxw_format *indented(unsigned Level) {
    lxw_format *&F = Indents[Level];
    if (!F) {
      F = boxed();
      format_set_indent(F, static_cast<uint8_t>(std::min(Level, 15u)));
    }
    return F;
  }
  lxw_format *boxed() {
    lxw_format *F = format();
    format_set_border(F, LXW_BORDER_THIN);
    format_set_align(F, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(F);
    return F;
  }

  void merge(lxw_worksheet *WS, lxw_row_t R1, lxw_col_t C1, lxw_row_t R2, lxw_col_t C2,
             const std::string &S, lxw_format *F) {
    if (R1 == R2 && C1 == C2)
      worksheet_write_string(WS, R1, C1, S.c_str(), F);
    else
      worksheet_merge_range(WS, R1, C1, R2, C2, S.c_str(), F);
  }

  /// Project tables: the 二级 indicator of consecutive rows under one 一级 is merged down,
  /// as the hierarchy is printed in the published workbooks (the text formats repeat it).
  void mergeLevel2(lxw_worksheet *WS, const tables::Table &T, lxw_row_t Body) {
    auto G = tables::layout(T.Body, T.Width).Grid;
    size_t Start = 0;
    while (Start < T.Body.size() && !(G[Start][0] && G[Start][0]->Text == "一级指标"))
      ++Start;
    if (Start == T.Body.size() || T.Width < 2)
      return;
    // Rows below the heading: column 0 starts a 一级 group or is covered; column 1 is 二级.
    size_t R = Start + 1;
    while (R < T.Body.size()) {
      size_t GroupEnd = R + (G[R][0] ? G[R][0]->RowSpan : 1);
      for (size_t A = R; A < GroupEnd && A < T.Body.size();) {
        size_t B = A + 1;
        while (B < GroupEnd && B < T.Body.size() && G[A][1] && G[B][1] &&
               G[B][1]->Text == G[A][1]->Text)
          ++B;
        if (B - A > 1 && G[A][1])
          worksheet_merge_range(WS, Body + A, 1, Body + B - 1, 1, G[A][1]->Text.c_str(), Text);
        A = B;
      }
      R = GroupEnd;
    }
  }

  lxw_workbook *WB;
  std::map<std::string, lxw_format *> Amounts;
  std::map<unsigned, lxw_format *> Indents;
  lxw_format *Title, *CaptionLeft, *CaptionCenter, *CaptionRight, *Head, *Text, *Label, *Note,
      *Seq;
};

} // namespace

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\, no control or
// bidirectional character (workbook.xml could not hold them: the workbook would not open), no
// ' at the end; unique by its number.
std::string sheetName(const tables::Table &T) {
  std::string Name = replaceControls(
      (T.Number < 10 ? "0" : "") + std::to_string(T.Number) + " " + T.Title, "_");
  std::string Out;
  unsigned Chars = 0;
  for (size_t I = 0; I < Name.size() && Chars < 31;) {
    unsigned Len = llvm::getNumBytesForUTF8(static_cast<unsigned char>(Name[I]));
    std::string C = Name.substr(I, Len);
    if (C == "[")
      C = "【";
    else if (C == "]")
      C = "】";
    else if (C == ":" || C == "*" || C == "?" || C == "/" || C == "\\")
      C = "_";
    Out += C;
    I += Len;
    ++Chars;
  }
  if (llvm::StringRef(Out).endswith("'"))
    Out.back() = '_';
  return Out;
}

std::optional<std::string> xlsx(llvm::StringRef Path, const model::Budget &B,
                                const tables::Disclosure &D) {
  if (auto Error = loadLibrary())
    return Error;
  // libxlsxwriter writes to a file name: a temporary one next to Path, renamed into place.
  llvm::SmallString<256> Temp(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(Temp, ".budc-%%%%%%%%.xlsx");
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Temp, FD, Temp))
    return EC.message();
  llvm::sys::fs::closeFile(FD);
  std::string TempPath(Temp);
  // Its own temporary files beside the workbook (not in /tmp): on the same file system, so
  // that a full disk is reported for the place written to.
  std::string TempDir = llvm::sys::path::parent_path(Path).str();
  if (TempDir.empty())
    TempDir = ".";
  lxw_workbook_options Options{};
  Options.constant_memory = LXW_FALSE;
  Options.tmpdir = TempDir.data();
  // libxlsxwriter says which step failed but not why; errno, which the failing call set,
  // is the operating system's reason.
  auto Why = [](lxw_error E) {
    return errno ? std::error_code(errno, std::generic_category()).message()
                 : std::string(lxw_strerror(E));
  };
  errno = 0;
  lxw_workbook *WB = workbook_new_opt(TempPath.c_str(), &Options);
  if (!WB) {
    std::string Reason = Why(LXW_ERROR_CREATING_XLSX_FILE);
    llvm::sys::fs::remove(TempPath);
    return Reason;
  }
  lxw_doc_properties Props{};
  // Properties go into docProps/core.xml as they are: without control characters.
  std::string DocTitle = replaceControls(B.DepartmentName, "") + std::to_string(B.Year) + "年部门预算";
  std::string Author = "budc";
  Props.title = DocTitle.data(); // the C API takes char *; it only reads them
  Props.author = Author.data();
  Props.created = newYear(B.Year);
  workbook_set_properties(WB, &Props);
  Writer W(WB);
  D.forEach([&](const tables::Table &T) { W.sheet(T); });
  errno = 0;
  lxw_error Err = workbook_close(WB);
  if (Err != LXW_NO_ERROR) {
    std::string Reason = Why(Err);
    llvm::sys::fs::remove(TempPath);
    return Reason;
  }
  if (std::error_code EC = llvm::sys::fs::rename(TempPath, Path)) {
    llvm::sys::fs::remove(TempPath);
    return EC.message();
  }
  return std::nullopt;
}

} // namespace budc::emit

//===- render.cpp - Diagnostics as text for people and JSON for machines ----===//
#include "compiler/diag/render.h"

#include "compiler/source/utf8.h"

#include "llvm/Support/JSON.h"

#include <algorithm>
#include <cstdlib>

namespace budc {

std::string renderSnippet(const SourceManager &SM, Span Where) {
  LineCol LC = SM.getLineCol(Where.File, Where.Begin);
  llvm::StringRef Line = SM.getLineText(Where.File, LC.Line);
  uint32_t LineStart = SM.getLineStart(Where.File, LC.Line);
  uint32_t Begin = Where.Begin - LineStart;
  uint32_t End = Where.End > Where.Begin ? Where.End - LineStart : Begin;
  if (End > Line.size())
    End = static_cast<uint32_t>(Line.size());
  // A very long line (a minified paste, a 10 MB string) is shown as a window around the
  // caret, cut at character boundaries and marked with "...".
  constexpr uint32_t Window = 240;
  std::string Before, After;
  if (Line.size() > 4 * Window) {
    auto Boundary = [&](uint32_t P) {
      while (P > 0 && P < Line.size() && (static_cast<unsigned char>(Line[P]) & 0xC0) == 0x80)
        --P;
      return P;
    };
    uint32_t From = Begin > Window ? Boundary(Begin - Window) : 0;
    uint32_t To = std::min<uint32_t>(static_cast<uint32_t>(Line.size()), Boundary(End + Window));
    if (To < End)
      To = End;
    if (From > 0)
      Before = "...";
    if (To < Line.size())
      After = "...";
    Line = Line.slice(From, To);
    Begin -= From;
    End -= From;
  }
  std::string Source = Before, Caret(Before.size(), ' ');
  bool CaretDone = false;
  size_t Pos = 0;
  if (LC.Line == 1 && Line.startswith("\xEF\xBB\xBF") && Begin >= 3)
    Pos = 3; // the byte-order mark is neither shown nor counted
  while (Pos < Line.size()) {
    unsigned Len;
    int32_t CP = decodeOne(Line, Pos, Len);
    bool IsTab = CP == '\t';
    unsigned Width = CP < 0 ? 1 : displayWidth(static_cast<char32_t>(CP));
    // Show control and invalid characters as one visible column so the caret stays aligned.
    if (CP < 0 || (Width == 0 && !IsTab)) {
      Source += "\xEF\xBF\xBD"; // U+FFFD
      Width = 1;
    } else {
      Source.append(Line.data() + Pos, Len);
    }
    if (Pos < Begin) {
      Caret += IsTab ? std::string("\t") : std::string(Width, ' ');
    } else if (Pos == Begin) {
      Caret += '^';
      if (!IsTab && End > Begin)
        Caret.append(Width - 1, '~');
      CaretDone = true;
    } else if (Pos < End) {
      Caret += IsTab ? std::string("\t") : std::string(Width, '~');
    }
    Pos += Len;
  }
  if (!CaretDone)
    Caret += '^'; // the span starts at the end of the line
  return Source + After + "\n" + Caret + "\n";
}

namespace {

const char *severityName(Severity S) {
  switch (S) {
  case Severity::Error:
    return "error";
  case Severity::Warning:
    return "warning";
  case Severity::Remark:
    return "remark";
  case Severity::Note:
    return "note";
  }
  return "error";
}

llvm::raw_ostream::Colors severityColor(Severity S) {
  switch (S) {
  case Severity::Error:
    return llvm::raw_ostream::RED;
  case Severity::Warning:
    return llvm::raw_ostream::MAGENTA;
  case Severity::Remark:
    return llvm::raw_ostream::BLUE;
  case Severity::Note:
    return llvm::raw_ostream::BLACK;
  }
  return llvm::raw_ostream::RED;
}

void printOne(llvm::raw_ostream &OS, const SourceManager &SM, Severity Sev, Span Where,
              const std::string &Message, unsigned Code, llvm::ArrayRef<FixIt> FixIts,
              const RenderOptions &Opts) {
  if (Opts.Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
  if (Where.isValid()) {
    LineCol LC = SM.getLineCol(Where.File, Where.Begin);
    // A file name or message is printed with its control characters spelled out: a name
    // from the workspace must not move the cursor, ring or recolour the terminal.
    OS << escapeControls(SM.getPath(Where.File)) << ':' << LC.Line << ':' << LC.Column << ": ";
  } else {
    OS << "budc: ";
  }
  if (Opts.Color)
    OS.changeColor(severityColor(Sev), true);
  OS << severityName(Sev) << ": ";
  if (Opts.Color)
    OS.changeColor(llvm::raw_ostream::SAVEDCOLOR, true);
  OS << escapeControls(Message);
  if (Code)
    OS << " [" << formatCode(Code) << ']';
  if (Opts.Color)
    OS.resetColor();
  OS << '\n';
  if (!Where.isValid())
    return;
  std::string Snippet = renderSnippet(SM, Where);
  size_t Split = Snippet.find('\n');
  OS << llvm::StringRef(Snippet).take_front(Split + 1);
  if (Opts.Color)
    OS.changeColor(llvm::raw_ostream::GREEN, true);
  OS << llvm::StringRef(Snippet).drop_front(Split + 1).drop_back(1);
  if (Opts.Color)
    OS.resetColor();
  OS << '\n';
  for (const FixIt &F : FixIts) {
    // The replacement, aligned under the caret as clang prints it.
    std::string Pad = renderSnippet(SM, {F.Where.File, F.Where.Begin, F.Where.Begin});
    Pad = Pad.substr(Pad.find('\n') + 1);
    Pad = Pad.substr(0, Pad.find('^'));
    if (Opts.Color)
      OS.changeColor(llvm::raw_ostream::GREEN, false);
    OS << Pad << F.Replacement;
    if (Opts.Color)
      OS.resetColor();
    OS << '\n';
  }
}

std::string summary(unsigned Errors, unsigned Warnings, unsigned Remarks, Lang L) {
  if (L == Lang::Zh)
    return "共 " + std::to_string(Errors) + " 个错误，" + std::to_string(Warnings) + " 个警告" +
           (Remarks ? "，" + std::to_string(Remarks) + " 个提示" : "");
  auto Plural = [](unsigned N, const char *Word) {
    return std::to_string(N) + " " + Word + (N == 1 ? "" : "s");
  };
  if (Remarks)
    return Plural(Errors, "error") + ", " + Plural(Warnings, "warning") + " and " +
           Plural(Remarks, "remark") + " generated";
  return Plural(Errors, "error") + " and " + Plural(Warnings, "warning") + " generated";
}

/// Whether \p D counts in the summary: BUD908 says what became of the build because of the
/// errors counted, and is not one more of them.
bool counted(const Diagnostic &D) { return D.Kind != diag::BuildBlocked; }

} // namespace

void renderText(llvm::raw_ostream &OS, const SourceManager &SM,
                llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts) {
  unsigned Errors = 0, Warnings = 0, Remarks = 0, Shown = 0;
  for (const Diagnostic &D : Diags) {
    if (!counted(D))
      continue;
    if (D.Sev == Severity::Error)
      ++Errors;
    else if (D.Sev == Severity::Warning)
      ++Warnings;
    else if (D.Sev == Severity::Remark)
      ++Remarks;
  }
  Errors = std::max(Errors, Opts.TotalErrors);
  Warnings = std::max(Warnings, Opts.TotalWarnings);
  for (const Diagnostic &D : Diags) {
    if (Opts.ErrorLimit && D.Sev == Severity::Error && Shown == Opts.ErrorLimit) {
      Diagnostic Stop{diag::TooManyErrors, Severity::Error, {}, {std::to_string(Opts.ErrorLimit)}, {}, {}, {}};
      printOne(OS, SM, Severity::Error, {}, Stop.message(Opts.Language),
               getDiagInfo(diag::TooManyErrors).Code, {}, Opts);
      break;
    }
    if (D.Sev == Severity::Error)
      ++Shown;
    printOne(OS, SM, D.Sev, D.Where, D.message(Opts.Language), getDiagInfo(D.Kind).Code,
             D.FixIts, Opts);
    for (const DiagNote &N : D.Notes)
      printOne(OS, SM, Severity::Note, N.Where, Diagnostic::noteMessage(N, Opts.Language), 0,
               {}, Opts);
  }
  if (Opts.Summary && (Errors || Warnings || Remarks))
    OS << summary(Errors, Warnings, Remarks, Opts.Language) << '\n';
}

namespace {
void spanAttributes(llvm::json::OStream &J, const SourceManager &SM, Span Where) {
  if (!Where.isValid())
    return;
  LineCol B = SM.getLineCol(Where.File, Where.Begin);
  LineCol E = SM.getLineCol(Where.File, Where.End);
  J.attribute("file", SM.getPath(Where.File));
  J.attribute("line", B.Line);
  J.attribute("column", B.Column);
  J.attribute("endLine", E.Line);
  J.attribute("endColumn", E.Column);
  J.attribute("offset", Where.Begin);
  J.attribute("length", Where.End - Where.Begin);
}
} // namespace

void jsonDiagnostic(llvm::json::OStream &J, const SourceManager &SM, const Diagnostic &D,
                    Lang Language) {
  const DiagInfo &Info = getDiagInfo(D.Kind);
  J.object([&] {
    J.attribute("code", formatCode(Info.Code));
    J.attribute("name", Info.Name);
    J.attribute("severity", severityName(D.Sev));
    J.attribute("message", D.message(Language));
    J.attribute("messageEn", D.message(Lang::En));
    J.attribute("messageZh", D.message(Lang::Zh));
    spanAttributes(J, SM, D.Where);
    J.attributeArray("notes", [&] {
      for (const DiagNote &N : D.Notes)
        J.object([&] {
          J.attribute("message", Diagnostic::noteMessage(N, Language));
          spanAttributes(J, SM, N.Where);
        });
    });
    J.attributeArray("fixits", [&] {
      for (const FixIt &F : D.FixIts)
        J.object([&] {
          spanAttributes(J, SM, F.Where);
          J.attribute("replacement", F.Replacement);
        });
    });
  });
}

void renderJson(llvm::raw_ostream &OS, const SourceManager &SM,
                llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts) {
  llvm::json::OStream J(OS, 2);
  unsigned Errors = 0, Warnings = 0;
  J.object([&] {
    J.attribute("version", 1);
    J.attributeArray("diagnostics", [&] {
      for (const Diagnostic &D : Diags) {
        if (counted(D) && D.Sev == Severity::Error)
          ++Errors;
        else if (D.Sev == Severity::Warning)
          ++Warnings;
        jsonDiagnostic(J, SM, D, Opts.Language);
      }
    });
    J.attribute("errors", Errors);
    J.attribute("warnings", Warnings);
  });
  OS << '\n';
}

Lang languageFromEnvironment() {
  for (const char *Var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char *V = std::getenv(Var);
    if (V && *V)
      return llvm::StringRef(V).startswith("zh") ? Lang::Zh : Lang::En;
  }
  return Lang::En;
}

} // namespace budc

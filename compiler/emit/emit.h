//===- emit.h - Printing the disclosure: text, Markdown, CSV, HTML, JSON -----===//
//
// The tables stage lays the tables out; this stage prints them. Every format prints the same
// cells: text aligns columns by display width (CJK characters are two columns wide),
// Markdown and CSV flatten merged cells (the text stays in the first place of a span), HTML
// keeps the spans and makes one printable page of the whole disclosure, Excel keeps them in
// one workbook with a sheet per table, and JSON is the resolved model with the tables
// (docs/budget.schema.json).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/diagnostics.h"
#include "compiler/source/source_manager.h"
#include "compiler/tables/tables.h"

#include "llvm/Support/raw_ostream.h"

#include <optional>

namespace budc::emit {

enum class Format : uint8_t { Text, Markdown, Csv, Html, Json, Xlsx };

/// The format named \p Name: text, md, csv, html, json or xlsx.
std::optional<Format> parseFormat(llvm::StringRef Name);
/// The file extension of \p F: txt, md, csv, html, json, xlsx.
llvm::StringRef extension(Format F);

struct Options {
  bool Bom = false;    ///< CSV: start with a UTF-8 byte-order mark (for Excel)
  bool Pretty = false; ///< JSON: budget.json indented by two spaces (by default on one line)
};

/// Prints one table in \p F (Text, Markdown or Csv).
void table(llvm::raw_ostream &OS, const tables::Table &T, Format F, const Options &O = {});

/// Prints the whole disclosure as one self-contained, printable HTML page.
void html(llvm::raw_ostream &OS, const model::Budget &B, const tables::Disclosure &D);

/// Prints one table as a JSON document; with \p Line, on one line (a line of JSON Lines).
void tableJson(llvm::raw_ostream &OS, const tables::Table &T, bool Line = false);

/// Prints the resolved model, its tables and its diagnostics as one JSON document
/// (docs/budget.schema.json). Keys come in a fixed order, so equal input gives equal bytes.
/// With \p Pretty the document is indented by two spaces, else it is one line (half the
/// bytes). \p ProjectTable, when given and not \p Pretty, gets each table every project has
/// (entry \p Entry of \p D) as it is printed in the document, which is its line in a JSON
/// Lines file: such a table is built and printed once for both.
void modelJson(llvm::raw_ostream &OS, const model::Budget &B, const tables::Disclosure &D,
               const SourceManager &SM, llvm::ArrayRef<Diagnostic> Diags, bool Pretty = false,
               llvm::function_ref<void(size_t Entry, llvm::StringRef Json)> ProjectTable = {});

/// Writes every table as a sheet of one Excel workbook at \p Path (through a temporary
/// file and a rename). Returns why it failed, or nullopt.
std::optional<std::string> xlsx(llvm::StringRef Path, const model::Budget &B,
                                const tables::Disclosure &D);

/// The name of \p T's sheet in the workbook: "NN title", at most 31 characters, none that
/// Excel refuses ([]:*?/\) or that workbook.xml cannot hold (control characters).
std::string sheetName(const tables::Table &T);

/// The version of the JSON model's schema.
constexpr unsigned SchemaVersion = 1;

} // namespace budc::emit

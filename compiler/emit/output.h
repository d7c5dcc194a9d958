//===- output.h - What `budc build` writes: the files of a format, and their names -===//
//
// A build renders the disclosure in one format into a set of files: one per table
// (NN-title.ext) for text, Markdown, CSV and JSON (plus budget.json, the model; in JSON the
// tables of one kind that every project has, NN-title.jsonl, one table a line), one page
// (disclosure.html) for HTML, one workbook (disclosure.xlsx) for Excel. Without -o DIR the
// same renderings go to standard output, one after the other (JSON: the model alone).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/emit/emit.h"

#include <functional>
#include <string>
#include <vector>

namespace budc::emit {

/// The names of the formats, for messages: "text, md, csv, html, json or xlsx".
llvm::StringRef formatNames();

/// The longest file name budc writes, in bytes: under the 255 of common file systems with room
/// for what other programs add beside it (LibreOffice's .~lock.NAME#, Excel's ~$NAME).
constexpr size_t MaxFileName = 200;

/// The file name of table \p T in format \p F: "01-部门预算收支总表.csv". Characters that file
/// systems reject become '_'. A name longer than MaxFileName is cut at a character and ends in
/// "~" and eight hex digits of a hash of the whole title: the same name in every build.
std::string fileName(const tables::Table &T, Format F);

/// The same for a file named after \p Title with extension \p Ext, numbered \p Number.
std::string fileName(unsigned Number, llvm::StringRef Title, llvm::StringRef Ext);

/// One file to render: written when it is written (streamed, never held whole in memory:
/// a province's build writes gigabytes).
struct OutputFile {
  std::string Name; ///< a file name, no directory
  /// Writes its bytes into \p OS, and those of the files Beside into theirs.
  std::function<void(llvm::raw_ostream &OS, llvm::ArrayRef<llvm::raw_ostream *> Beside)> Write;
  /// Files (in the same directory) written in the same pass: the JSON Lines files of the
  /// tables every project has are written while budget.json, which holds them too, is.
  std::vector<std::string> Beside;
};

/// The files of \p D in format \p F (not Xlsx, which emit::xlsx writes itself); they refer to
/// \p B, \p D, \p SM and \p Diags, which must outlive them. \p ToStdout
/// gives what goes to standard output instead: the model alone for JSON, a blank line after
/// each text table; no file then has files beside it.
std::vector<OutputFile> render(const model::Budget &B, const tables::Disclosure &D, Format F,
                               const Options &O, bool ToStdout, const SourceManager &SM,
                               llvm::ArrayRef<Diagnostic> Diags);

} // namespace budc::emit

//===- source_manager.h - Input buffers, lines and columns ------------------===//
//
// Owns every buffer budc reads (through llvm::SourceMgr) and answers position questions in
// the units users see: 1-based lines and 1-based columns counted in characters (code points).
// A line ends at "\r\n", "\n" or a lone "\r", exactly as the lexer counts them.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/source/span.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>
#include <vector>

namespace budc {

/// A 1-based line and column; the column counts characters, not bytes.
struct LineCol {
  unsigned Line = 0;
  unsigned Column = 0;
};

/// Owns the source buffers of one run of budc.
class SourceManager {
public:
  /// Adds \p Text under the name \p Path (as the user should see it); returns its file ID.
  unsigned addBuffer(llvm::StringRef Text, llvm::StringRef Path);
  /// Adds an existing memory buffer; returns its file ID.
  unsigned addBuffer(std::unique_ptr<llvm::MemoryBuffer> Buffer, llvm::StringRef Path);

  /// The bytes of file \p File.
  llvm::StringRef getText(unsigned File) const;
  /// The path of file \p File as given when it was added.
  llvm::StringRef getPath(unsigned File) const;
  /// Number of files added so far.
  unsigned size() const { return static_cast<unsigned>(Files.size()); }

  /// Line and character column of byte \p Offset in \p File.
  LineCol getLineCol(unsigned File, uint32_t Offset) const;
  /// Byte offset where 1-based \p Line starts.
  uint32_t getLineStart(unsigned File, unsigned Line) const;
  /// The text of 1-based \p Line without its line break.
  llvm::StringRef getLineText(unsigned File, unsigned Line) const;
  /// Number of lines in \p File (an empty file has one empty line).
  unsigned getLineCount(unsigned File) const;

  /// The underlying LLVM source manager.
  const llvm::SourceMgr &getLLVM() const { return SM; }

private:
  struct FileInfo {
    std::string Path;
    mutable std::vector<uint32_t> LineStarts; ///< Computed on first use.
  };
  const std::vector<uint32_t> &lineStarts(unsigned File) const;

  llvm::SourceMgr SM;
  std::vector<FileInfo> Files; ///< Index = file ID - 1.
};

} // namespace budc

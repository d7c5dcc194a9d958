//===- source_manager.cpp - Input buffers, lines and columns ----------------===//
#include "compiler/source/source_manager.h"

#include "compiler/source/utf8.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <cassert>

namespace budc {

unsigned SourceManager::addBuffer(llvm::StringRef Text, llvm::StringRef Path) {
  return addBuffer(llvm::MemoryBuffer::getMemBufferCopy(Text, Path), Path);
}

unsigned SourceManager::addBuffer(std::unique_ptr<llvm::MemoryBuffer> Buffer,
                                  llvm::StringRef Path) {
  unsigned ID = SM.AddNewSourceBuffer(std::move(Buffer), llvm::SMLoc());
  assert(ID == Files.size() + 1 && "SourceMgr IDs are dense and start at 1");
  Files.push_back({Path.str(), {}});
  return ID;
}

llvm::StringRef SourceManager::getText(unsigned File) const {
  return SM.getMemoryBuffer(File)->getBuffer();
}

llvm::StringRef SourceManager::getPath(unsigned File) const { return Files[File - 1].Path; }

const std::vector<uint32_t> &SourceManager::lineStarts(unsigned File) const {
  const FileInfo &Info = Files[File - 1];
  if (!Info.LineStarts.empty())
    return Info.LineStarts;
  llvm::StringRef Text = getText(File);
  Info.LineStarts.push_back(0);
  for (size_t I = 0, N = Text.size(); I < N; ++I) {
    char C = Text[I];
    if (C == '\r') {
      if (I + 1 < N && Text[I + 1] == '\n')
        ++I;
      Info.LineStarts.push_back(static_cast<uint32_t>(I + 1));
    } else if (C == '\n') {
      Info.LineStarts.push_back(static_cast<uint32_t>(I + 1));
    }
  }
  return Info.LineStarts;
}

unsigned SourceManager::getLineCount(unsigned File) const {
  return static_cast<unsigned>(lineStarts(File).size());
}

uint32_t SourceManager::getLineStart(unsigned File, unsigned Line) const {
  const auto &Starts = lineStarts(File);
  assert(Line >= 1 && Line <= Starts.size());
  return Starts[Line - 1];
}

llvm::StringRef SourceManager::getLineText(unsigned File, unsigned Line) const {
  const auto &Starts = lineStarts(File);
  llvm::StringRef Text = getText(File);
  uint32_t Begin = Starts[Line - 1];
  uint32_t End = Line < Starts.size() ? Starts[Line] : static_cast<uint32_t>(Text.size());
  llvm::StringRef L = Text.slice(Begin, End);
  if (L.endswith("\r\n"))
    return L.drop_back(2);
  if (L.endswith("\n") || L.endswith("\r"))
    return L.drop_back(1);
  return L;
}

LineCol SourceManager::getLineCol(unsigned File, uint32_t Offset) const {
  const auto &Starts = lineStarts(File);
  auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  unsigned Line = static_cast<unsigned>(It - Starts.begin());
  llvm::StringRef Text = getText(File);
  uint32_t Pos = Starts[Line - 1];
  unsigned Column = 1;
  // A byte-order mark is not a character the user sees.
  if (Line == 1 && Text.startswith("\xEF\xBB\xBF") && Offset >= 3)
    Pos = 3;
  // Count code points between the line start and the offset.
  while (Pos < Offset && Pos < Text.size()) {
    unsigned Len;
    decodeOne(Text, Pos, Len);
    Pos += Len;
    ++Column;
  }
  return {Line, Column};
}

} // namespace budc

//===- positions.cpp - LSP positions: lines and UTF-16 code units; file URIs -===//
#include "compiler/lsp/positions.h"

#include "compiler/source/utf8.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"

#include <algorithm>

namespace budc::lsp {

uint32_t utf16Length(llvm::StringRef Text) {
  uint32_t N = 0;
  for (size_t I = 0; I < Text.size();) {
    unsigned Len;
    int32_t CP = decodeOne(Text, I, Len);
    N += CP > 0xFFFF ? 2 : 1;
    I += Len;
  }
  return N;
}

LineTable::LineTable(llvm::StringRef Text, bool HiddenBOM) : Text(Text) {
  if (HiddenBOM && Text.startswith("\xEF\xBB\xBF"))
    Skip = 3;
  Starts.push_back(0);
  for (size_t I = 0, N = Text.size(); I < N; ++I) {
    char C = Text[I];
    if (C == '\r') {
      if (I + 1 < N && Text[I + 1] == '\n')
        ++I;
      Starts.push_back(static_cast<uint32_t>(I + 1));
    } else if (C == '\n') {
      Starts.push_back(static_cast<uint32_t>(I + 1));
    }
  }
}

uint32_t LineTable::lineStart(uint32_t Line) const {
  return Line < Starts.size() ? Starts[Line] : static_cast<uint32_t>(Text.size());
}

uint32_t LineTable::lineEnd(uint32_t Line) const {
  if (Line + 1 >= Starts.size())
    return static_cast<uint32_t>(Text.size());
  uint32_t End = Starts[Line + 1];
  if (End > Starts[Line] && Text[End - 1] == '\n')
    --End;
  if (End > Starts[Line] && Text[End - 1] == '\r')
    --End;
  return End;
}

Position LineTable::position(uint32_t Offset) const {
  Offset = std::min<uint32_t>(Offset, static_cast<uint32_t>(Text.size()));
  auto It = std::upper_bound(Starts.begin(), Starts.end(), Offset);
  uint32_t Line = static_cast<uint32_t>(It - Starts.begin()) - 1;
  uint32_t Pos = Starts[Line], End = std::min(Offset, lineEnd(Line));
  if (Line == 0 && Pos < Skip)
    Pos = std::min(Skip, End);
  uint32_t Units = 0;
  while (Pos < End) {
    unsigned Len;
    int32_t CP = decodeOne(Text, Pos, Len);
    if (Pos + Len > End)
      break; // an offset inside a character is its start
    Units += CP > 0xFFFF ? 2 : 1;
    Pos += Len;
  }
  return {Line, Units};
}

uint32_t LineTable::offset(Position P) const {
  if (P.Line >= Starts.size())
    return static_cast<uint32_t>(Text.size());
  uint32_t Pos = Starts[P.Line], End = lineEnd(P.Line);
  if (P.Line == 0 && Pos < Skip)
    Pos = std::min(Skip, End);
  uint32_t Units = 0;
  while (Pos < End && Units < P.Character) {
    unsigned Len;
    int32_t CP = decodeOne(Text, Pos, Len);
    unsigned W = CP > 0xFFFF ? 2 : 1;
    if (Units + W > P.Character)
      break; // between the halves of a surrogate pair: the character's start
    Units += W;
    Pos += Len;
  }
  return Pos;
}

std::string uriFromPath(llvm::StringRef Path) {
  std::string Uri = "file://";
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '/' || C == '-' || C == '.' || C == '_' || C == '~')
      Uri += static_cast<char>(C);
    else {
      Uri += '%';
      Uri += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
      Uri += llvm::hexdigit(C & 15, /*LowerCase=*/false);
    }
  }
  return Uri;
}

std::optional<std::string> pathFromUri(llvm::StringRef Uri) {
  if (!Uri.consume_front_insensitive("file:"))
    return std::nullopt;
  if (Uri.consume_front("//")) {
    size_t Slash = Uri.find('/');
    if (Slash == llvm::StringRef::npos)
      return std::nullopt;
    llvm::StringRef Host = Uri.take_front(Slash);
    if (!Host.empty() && !Host.equals_insensitive("localhost"))
      return std::nullopt;
    Uri = Uri.drop_front(Slash);
  }
  if (!Uri.startswith("/"))
    return std::nullopt;
  // A query or fragment is not part of a file's name.
  Uri = Uri.take_until([](char C) { return C == '?' || C == '#'; });
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] != '%') {
      Path += Uri[I];
      continue;
    }
    if (I + 2 >= Uri.size() || !llvm::isHexDigit(Uri[I + 1]) || !llvm::isHexDigit(Uri[I + 2]))
      return std::nullopt;
    Path += static_cast<char>(llvm::hexDigitValue(Uri[I + 1]) * 16 + llvm::hexDigitValue(Uri[I + 2]));
    I += 2;
  }
  if (Path.find('\0') != std::string::npos || !llvm::json::isUTF8(Path))
    return std::nullopt;
  return Path;
}

} // namespace budc::lsp

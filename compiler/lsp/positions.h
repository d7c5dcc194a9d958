//===- positions.h - LSP positions: lines and UTF-16 code units; file URIs ---===//
//
// The Language Server Protocol places a position by a 0-based line and a 0-based character
// counted in UTF-16 code units: a CJK character is one unit, a character outside the Basic
// Multilingual Plane (𠀀 U+20000, in CJK Extension B) is two. budc keeps byte offsets; a
// LineTable converts between the two over one text, with the line breaks the lexer counts
// ("\r\n", "\n", a lone "\r"). Positions past a line's end or past the last line are clamped,
// and a position between the two halves of a surrogate pair means the character's start, so
// that no position a client sends is out of range.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace budc::lsp {

/// A position as the protocol counts it: 0-based line, 0-based UTF-16 code unit.
struct Position {
  uint32_t Line = 0;
  uint32_t Character = 0;
  friend bool operator==(Position A, Position B) {
    return A.Line == B.Line && A.Character == B.Character;
  }
  friend bool operator<(Position A, Position B) {
    return A.Line != B.Line ? A.Line < B.Line : A.Character < B.Character;
  }
  friend bool operator<=(Position A, Position B) { return !(B < A); }
};

/// A half-open range of positions.
struct Range {
  Position Start, End;
};

/// The UTF-16 code units of the code point whose UTF-8 sequence starts with byte \p Lead: 2
/// for a four-byte sequence, else 1 (an invalid byte stands for one U+FFFD).
inline unsigned utf16Units(unsigned char Lead) { return Lead >= 0xF0 && Lead <= 0xF4 ? 2 : 1; }

/// The UTF-16 length of \p Text (invalid bytes count one unit each, as U+FFFD).
uint32_t utf16Length(llvm::StringRef Text);

/// Converts between byte offsets and positions in one text. It keeps a reference to the
/// text, which must outlive it.
class LineTable {
public:
  /// \p HiddenBOM: a leading byte-order mark takes no room (an editor shows and counts the
  /// text of a file read from disk without it).
  explicit LineTable(llvm::StringRef Text, bool HiddenBOM = false);

  /// The position of byte \p Offset (clamped to the text's end). An offset inside a line
  /// break is the end of its line; inside a multi-byte character, that character's start.
  Position position(uint32_t Offset) const;
  /// The byte offset of \p P, clamped: a line past the last is the end of the text, a
  /// character past the line's end the end of the line (before its break).
  uint32_t offset(Position P) const;
  /// The byte offset of 0-based \p Line's start (the text's end for a line past the last).
  uint32_t lineStart(uint32_t Line) const;
  /// The byte offset of the end of 0-based \p Line, before its line break.
  uint32_t lineEnd(uint32_t Line) const;
  /// Number of lines (an empty text has one).
  uint32_t lineCount() const { return static_cast<uint32_t>(Starts.size()); }
  /// The range of bytes [Begin, End).
  Range range(uint32_t Begin, uint32_t End) const { return {position(Begin), position(End)}; }
  /// The position just after the last byte.
  Position end() const { return position(static_cast<uint32_t>(Text.size())); }

private:
  llvm::StringRef Text;
  std::vector<uint32_t> Starts;
  uint32_t Skip = 0; ///< bytes of a hidden BOM
};

/// The file URI of the absolute path \p Path: "file://" and the path with every byte but
/// the unreserved ones and '/' percent-encoded (as VS Code writes them).
std::string uriFromPath(llvm::StringRef Path);

/// The absolute path a "file:" URI names, percent-decoded; nullopt for another scheme, a
/// host other than localhost, a relative path, or an encoding that decodes to a NUL byte or
/// invalid UTF-8.
std::optional<std::string> pathFromUri(llvm::StringRef Uri);

} // namespace budc::lsp

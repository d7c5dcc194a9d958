//===- utf8.h - UTF-8 decoding that remembers where each code point came from -===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>
#include <vector>

namespace budc {

/// The result of decoding a UTF-8 buffer into code points.
struct DecodedText {
  /// One entry per code point; an invalid byte becomes U+FFFD.
  std::u32string CodePoints;
  /// Byte offset of each code point, plus one final entry: the buffer's size.
  std::vector<uint32_t> ByteOffsets;
  /// Byte offsets of the first byte of each invalid sequence.
  std::vector<uint32_t> InvalidOffsets;
};

/// Decodes \p Bytes. Never fails: an invalid or overlong sequence, a surrogate or a value over
/// U+10FFFF is replaced by U+FFFD, one per offending byte, and its offset is recorded.
DecodedText decodeUtf8(llvm::StringRef Bytes);

/// Decodes the code point that starts at \p Pos in \p Bytes, or returns -1 and sets \p Len to 1
/// when the sequence there is invalid. \p Len receives the sequence's length in bytes.
int32_t decodeOne(llvm::StringRef Bytes, size_t Pos, unsigned &Len);

/// Appends the UTF-8 encoding of \p CP to \p Out.
void appendUtf8(std::string &Out, char32_t CP);

/// Whether \p CP is a control character (C0, DEL, C1) or a bidirectional control (U+200E,
/// U+200F, U+202A–U+202E, U+2066–U+2069): characters that make text read otherwise than it is
/// when a terminal, a spreadsheet or an XML file meets them.
bool isControlOrBidi(char32_t CP);

/// \p S with every control or bidirectional character (and every invalid byte) spelled out:
/// \x07, \t, \u{202E}; the rest as it is. For names printed to a terminal.
std::string escapeControls(llvm::StringRef S);

/// \p S with every control or bidirectional character (and every invalid byte) replaced by
/// \p With (nothing when empty). For names in formats that cannot hold them.
std::string replaceControls(llvm::StringRef S, llvm::StringRef With);

/// How many terminal columns \p CP takes: 2 for East Asian wide and full-width characters,
/// 0 for combining marks and controls, 1 otherwise.
unsigned displayWidth(char32_t CP);

} // namespace budc

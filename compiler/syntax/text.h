//===- text.h - Decoding of quoted strings and text blocks ------------------===//
//
// Pure functions (no ANTLR) that turn the token text of "…" strings and """…""" blocks into
// their value, and find figure references {…} in them. Unit-tested on their own.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/source/source_manager.h"

#include "llvm/ADT/STLFunctionalExtras.h"

#include <string>
#include <vector>

namespace budc::syntax {

/// A problem found while decoding a text, at byte \p Offset (length \p Length) of the token.
struct TextProblem {
  diag::Kind Kind;
  uint32_t Offset;
  uint32_t Length;
  std::vector<std::string> Args;
};

/// Decodes the token text of a one-line string, quotes included: "a\"b" gives a"b.
/// \p Closed is false for a string whose closing quote is missing. Known escapes are
/// \" \\ \n \t; any other is reported (offsets relative to the token) and kept as written.
std::string decodeString(llvm::StringRef Token, bool Closed,
                         std::vector<TextProblem> &Problems);

/// Decodes the token text of a text block, quotes included. The line break right after the
/// opening quotes and the last line, when it holds only spaces before the closing quotes, are
/// dropped; the indentation common to all non-blank lines is removed; line breaks become "\n".
/// No escapes are processed.
std::string decodeTextBlock(llvm::StringRef Token);

/// A reference {…} found in a token, with its byte range inside the token.
struct RawReference {
  std::string Content; ///< Trimmed content between the braces.
  uint32_t Offset;     ///< Offset of '{' in the token.
  uint32_t Length;     ///< Up to and including '}'.
};

/// Finds the references in \p Token ("{{" and "}}" are literal braces). An unclosed '{' and
/// an empty "{}" are reported in \p Problems.
std::vector<RawReference> findReferences(llvm::StringRef Token,
                                         std::vector<TextProblem> &Problems);

/// Splits a decoded value into literal and reference parts, in order; literal parts have
/// "{{"/"}}" turned into single braces. The references' ranges come from \p Refs, which must
/// be the references of the same text, in the same order, shifted by \p TokenBegin.
/// \p Save keeps a string alive as long as the syntax tree.
std::vector<ast::TextPart>
splitParts(llvm::StringRef Value, const std::vector<RawReference> &Refs, Span TokenRange,
           llvm::function_ref<llvm::StringRef(llvm::StringRef)> Save);

/// A run of a text's bytes taken from its file: bytes [At, At + Length) of the text are the
/// file's bytes [Source, Source + SourceLength). The lengths are equal but for an escape (\n)
/// or a line end written \r\n, which are one decoded byte from two source bytes.
struct SourceRun {
  uint32_t At, Length, Source, SourceLength;
};

/// One part of a text, with where it stands in its file.
struct MappedPart {
  bool IsReference = false;
  /// The literal text ({{ and }} made single braces), or the reference's content, trimmed.
  std::string Text;
  Span Range; ///< a reference: from '{' to '}'; a literal: its first byte to its last
  std::vector<SourceRun> Runs; ///< a literal: where its bytes come from (At counts in Text)
};

/// The literal and reference parts of \p T, each literal with the runs of source it comes
/// from, so that a place in the text can be shown in the file (a bare word is one literal).
/// A '{' without its '}' on the same line, reported when the file was parsed, stays literal.
std::vector<MappedPart> mappedParts(const ast::Text &T, const SourceManager &SM);

/// The place in the file of bytes [Begin, End) of the literal part \p P.
Span sourceSpan(const MappedPart &P, uint32_t File, uint32_t Begin, uint32_t End);

/// The literal and reference parts of a quoted text or text block of the syntax tree, worked
/// out from its token in \p SM (the tree does not keep them); empty for a text without
/// references. Problems were reported when the file was parsed.
std::vector<ast::TextPart>
textParts(const ast::Text &T, const SourceManager &SM,
          llvm::function_ref<llvm::StringRef(llvm::StringRef)> Save);

} // namespace budc::syntax

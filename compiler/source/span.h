//===- span.h - A range of bytes in one source buffer -----------------------===//
#pragma once

#include <cstdint>

namespace budc {

/// A half-open byte range [Begin, End) inside the buffer \c File of a SourceManager.
/// File 0 means "no location" (SourceMgr buffer IDs start at 1).
struct Span {
  uint32_t File = 0;  ///< SourceMgr buffer ID, 0 when the span is unknown.
  uint32_t Begin = 0; ///< Offset of the first byte.
  uint32_t End = 0;   ///< Offset one past the last byte.

  /// True when the span points into a buffer.
  bool isValid() const { return File != 0; }
  /// The smallest span covering both \p A and \p B (which must be in one file).
  static Span cover(Span A, Span B) {
    if (!A.isValid())
      return B;
    if (!B.isValid())
      return A;
    return {A.File, A.Begin < B.Begin ? A.Begin : B.Begin, A.End > B.End ? A.End : B.End};
  }
};

} // namespace budc

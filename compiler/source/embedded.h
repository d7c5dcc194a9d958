//===- embedded.h - Data files compiled into budc ---------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace budc {

/// One file embedded at build time (cmake/embed_files.cmake): its relative path and bytes.
struct EmbeddedFile {
  const char *Path;
  const char *Data;
  size_t Size;

  llvm::StringRef text() const { return {Data, Size}; }
};

} // namespace budc

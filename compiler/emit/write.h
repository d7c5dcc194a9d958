//===- write.h - Writing output files atomically ----------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace budc::emit {

/// Writes \p Content to \p Path through a temporary file in the same directory and a
/// rename, so that \p Path holds its old content or all of the new one. Returns why it
/// failed, or nullopt.
std::optional<std::string> writeAtomically(llvm::StringRef Path, llvm::StringRef Content);

/// Creates \p Dir and its parents; returns why it failed, or nullopt.
std::optional<std::string> makeDirectory(llvm::StringRef Dir);

} // namespace budc::emit

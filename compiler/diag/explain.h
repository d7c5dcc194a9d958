//===- explain.h - The long explanation of each diagnostic code -------------===//
#pragma once

#include "compiler/source/embedded.h"

#include <optional>
#include <string>

namespace budc::explain {

/// The embedded explain/BUDnnn.md pages.
llvm::ArrayRef<EmbeddedFile> pages();

/// The text `budc explain CODE` prints: the page for \p Code ("BUD401", "401" or "bud401"),
/// or, for a code without a page, its name and messages from the registry. Empty when the
/// code does not exist.
std::optional<std::string> text(llvm::StringRef Code);

} // namespace budc::explain

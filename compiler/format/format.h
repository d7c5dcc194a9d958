//===- format.h - budc fmt: the canonical layout of .bud files --------------===//
#pragma once

#include "compiler/source/source_manager.h"

#include <string>

namespace budc::format {

/// The canonical layout of file \p FileID, which must parse without errors. Only the space
/// between tokens changes: every token, comment and string is copied as it is (format.cpp
/// lists the rules).
std::string formatFile(const SourceManager &SM, unsigned FileID);

/// The syntax tree dump of \p Text without source positions: equal for two texts exactly
/// when they mean the same, which budc fmt checks before it writes anything.
std::string meaning(llvm::StringRef Text, llvm::StringRef Name);

/// A unified diff (diff -u) from \p Old to \p New with three lines of context; empty when they
/// are equal. Files beyond a few thousand differing lines get one hunk for the whole middle.
std::string unifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName, llvm::StringRef Old,
                        llvm::StringRef New);

} // namespace budc::format

//===- git.h - The git plumbing of budc diff and budc git-setup -------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::diff {

/// Runs git with \p Args (no shell) and returns its standard output; nullopt when git is
/// missing or fails.
std::optional<std::string> git(llvm::ArrayRef<std::string> Args);

/// The current directory relative to the top of its git work tree ("" at the top); nullopt
/// outside a work tree.
std::optional<std::string> repositoryPrefix();

/// Writes the .bud files of \p Paths (relative to the top of the repository; every file when
/// empty) at revision \p Rev under \p Dir. False when git fails.
bool extractRevision(const std::string &Rev, llvm::ArrayRef<std::string> Paths,
                     llvm::StringRef Dir);

/// Configures git (the repository's or, with \p Global, the user's configuration) to run
/// `budc diff` for files marked diff=bud. False when git config fails.
bool configureDiffDriver(bool Global);

} // namespace budc::diff

//===- git.h - The git plumbing of budc diff and budc git-setup -------------===//
//
// budc diff REV1 REV2 reads the .bud files of two revisions into a private temporary
// directory and compares them as workspaces. A tree is data from whoever made the commit:
// every entry is checked before anything is written (no empty, ".", ".." or ".git" component,
// nothing git would refuse to check out), every file is created relative to a directory
// descriptor without following links, and blob sizes are checked against the read caps
// before a byte is fetched. Git runs without a shell, its arguments never taken for options.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/source/file_reader.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::diff {

/// Runs git with \p Args (no shell) and returns its standard output, at most \p MaxBytes of
/// it; nullopt when git is missing, fails or says more.
std::optional<std::string> git(llvm::ArrayRef<std::string> Args, uint64_t MaxBytes = 64u << 20);

/// The current directory relative to the top of its git work tree ("" at the top); nullopt
/// outside a work tree.
std::optional<std::string> repositoryPrefix();

/// Whether \p Rev names a commit or tree of the repository here (a name that starts with
/// '-' never does: it would be an option).
bool isRevision(const std::string &Rev);

/// Why a tree entry is not written, or nullopt for a good one: a path of components that are
/// neither empty nor ".", "..", ".git" (in any case, or as git~1) nor hold a backslash.
std::optional<std::string> badTreePath(llvm::StringRef Path);

/// The .bud files of one revision, written into a directory.
struct Extraction {
  std::string Error;                 ///< why it stopped; empty when all went well
  std::vector<std::string> Entries;  ///< every path the tree lists for the pathspecs
  unsigned Files = 0;                ///< .bud files (and links) written
  uint64_t Bytes = 0;                ///< what the .bud files add up to
};

/// Writes the .bud files (and links named .bud) of \p Paths (relative to the top of the
/// repository; the whole tree when empty) at revision \p Rev into the directory open at
/// \p DirFD, within \p Limits (the total counted from \p Bytes already extracted).
Extraction extractRevision(const std::string &Rev, llvm::ArrayRef<std::string> Paths, int DirFD,
                           const ReadLimits &Limits, uint64_t Bytes = 0);

/// Configures git (the repository's or, with \p Global, the user's configuration) to run
/// `budc diff` for files marked diff=bud. False when git config fails.
bool configureDiffDriver(bool Global);

} // namespace budc::diff

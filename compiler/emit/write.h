//===- write.h - Writing files so that nothing is lost ----------------------===//
//
// budc fmt rewrites a file through a temporary file beside it and a rename: a reader sees
// the old text or all of the new one. budc build publishes its output set as a whole: the
// files are written into a fresh directory beside DIR, which then takes DIR's place in one
// rename (an exchange when DIR exists); a failure leaves the previous set as it was, a
// success leaves no file of an older set. A DIR that holds files budc did not write, is a
// mount point or holds the current directory is not replaced: the set is written into a
// directory inside it and moved into place file by file, and only budc's older files go.
// Every failure is reported with the operating system's reason.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::emit {

/// Why a write failed: the path the user knows, and the reason (the operating system's, or
/// budc's in English and Chinese).
struct WriteError {
  std::string Path;
  std::string Why, WhyZh; ///< WhyZh empty: the same in both
};

/// Writes \p Content to the file \p Path through a temporary file in the same directory and a
/// rename, so that \p Path holds its old content or all of the new one. A symbolic link is
/// written through: its target is replaced, the link stays. An existing file keeps its mode
/// and its owner (nothing is written when the owner cannot be kept).
std::optional<WriteError> writeAtomically(llvm::StringRef Path, llvm::StringRef Content);

/// One file of an output set, written by \p Write at the path it is given (in the fresh
/// directory); \p Write returns why it failed.
struct SetFile {
  std::string Name;
  llvm::function_ref<std::optional<std::string>(llvm::StringRef Path)> Write;
};

/// Publishes \p Files as budc's content of directory \p Dir (see the file comment); a link
/// to a directory is followed, a directory that may not be written to is refused. Returns
/// why it failed.
std::optional<WriteError> publish(llvm::StringRef Dir, llvm::ArrayRef<SetFile> Files);

/// Whether \p Name is one budc build writes: NN-….{txt,md,csv,json}, disclosure.html,
/// disclosure.xlsx, budget.json (or a temporary file of its own, .budc-…).
bool isOutputName(llvm::StringRef Name);

/// Writes \p Content into a new file \p Path (which must not exist); why it failed.
std::optional<std::string> writeNewFile(llvm::StringRef Path, llvm::StringRef Content);
/// Writes what \p Write streams into a new file \p Path (which must not exist); why it failed.
std::optional<std::string> writeNewFile(llvm::StringRef Path,
                                        llvm::function_ref<void(llvm::raw_ostream &)> Write);
/// The same for several new files written in one pass: \p Write gets a stream per path, in
/// order. On a failure none of them is left.
std::optional<std::string>
writeNewFiles(llvm::ArrayRef<std::string> Paths,
              llvm::function_ref<void(llvm::ArrayRef<llvm::raw_ostream *>)> Write);

} // namespace budc::emit

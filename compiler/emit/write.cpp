//===- write.cpp - Writing output files atomically --------------------------===//
#include "compiler/emit/write.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"

namespace budc::emit {

std::optional<std::string> writeAtomically(llvm::StringRef Path, llvm::StringRef Content) {
  // The temporary file lives next to the target, so the rename never crosses file systems;
  // a reader sees the old file or the whole new one, never a part.
  llvm::SmallString<256> Model(llvm::sys::path::parent_path(Path));
  llvm::sys::path::append(Model, ".budc-%%%%%%%%.tmp");
  std::string Message;
  if (llvm::Error E = llvm::writeFileAtomically(Model, Path, Content)) {
    llvm::handleAllErrors(std::move(E), [&](const llvm::ErrorInfoBase &I) {
      Message = I.message();
    });
    // The atomic writer reports which step failed but not why; the OS knows.
    std::error_code EC = llvm::sys::fs::access(llvm::sys::path::parent_path(Path).empty()
                                                   ? llvm::StringRef(".")
                                                   : llvm::sys::path::parent_path(Path),
                                               llvm::sys::fs::AccessMode::Write);
    if (EC)
      Message = EC.message();
    return Message.empty() ? std::string("write failed") : Message;
  }
  return std::nullopt;
}

std::optional<std::string> makeDirectory(llvm::StringRef Dir) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Dir))
    return EC.message();
  if (!llvm::sys::fs::is_directory(Dir))
    return std::string("not a directory");
  return std::nullopt;
}

} // namespace budc::emit

//===- file_reader.h - Reading input files: regular files only, sizes first --===//
//
// Everything budc reads from disk (workspace files, includes, the texts git hands the diff
// driver, standard input) comes through here, so that hostile input cannot stall or bloat
// it: only regular files are read (a FIFO, a device or a socket, also behind a symbolic
// link, is refused without waiting on it: the file is opened non-blocking and checked with
// fstat before a byte is read), the size is known before reading and checked against a cap,
// and the bytes go into a buffer budc owns (never a memory map, which would fault with
// SIGBUS if the file were truncated while it is checked).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <system_error>

namespace budc {

/// What a run of budc reads at most.
struct ReadLimits {
  /// One file (BUD906): the lexer keeps a token per few bytes.
  static constexpr uint64_t DefaultFileBytes = 32ull << 20;
  /// All the files of one run together (BUD909): eight times a generated million-line
  /// province (67 MB). `--max-workspace-size` changes it.
  static constexpr uint64_t DefaultTotalBytes = 512ull << 20;
  uint64_t FileBytes = DefaultFileBytes;
  uint64_t TotalBytes = DefaultTotalBytes;
};

/// The result of reading one file.
struct FileRead {
  enum Status : uint8_t {
    Ok,
    SystemError, ///< open, fstat or read failed: Error says why
    NotRegular,  ///< a directory, FIFO, device or socket: Kind names it
    TooLarge,    ///< Size is over the cap given
    Changed,     ///< the file shrank while it was read
  };
  Status S = Ok;
  std::unique_ptr<llvm::MemoryBuffer> Buffer; ///< when Ok
  std::error_code Error;
  uint64_t Size = 0; ///< from fstat, when known
  uint64_t Cap = 0;  ///< TooLarge: the cap it is over
  const char *Kind = ""; ///< NotRegular: "directory", "FIFO", "character device", …

  explicit operator bool() const { return S == Ok; }
  /// Why the file was not read, for BUD901, in English and in Chinese.
  std::string reason() const;
  std::string reasonZh() const;
};

/// Reads the regular file \p Path if it has at most \p MaxBytes bytes. \p Name names the
/// buffer (the path as the user should see it).
FileRead readRegularFile(llvm::StringRef Path, uint64_t MaxBytes, llvm::StringRef Name = "");

/// The same for the file open at \p FD (which it does not close).
FileRead readRegularFile(int FD, uint64_t MaxBytes, llvm::StringRef Name);

/// Reads standard input to its end, at most \p MaxBytes bytes: TooLarge (with Size one more
/// than the cap) when there is more.
FileRead readStandardInput(uint64_t MaxBytes);

/// What the file type in \p Mode (st_mode) is called: "directory", "FIFO", …
const char *fileKind(unsigned Mode);

} // namespace budc

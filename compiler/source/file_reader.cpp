//===- file_reader.cpp - Reading input files: regular files only, sizes first -===//
#include "compiler/source/file_reader.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace budc {

const char *fileKind(unsigned Mode) {
  if (S_ISREG(Mode))
    return "regular file";
  if (S_ISDIR(Mode))
    return "directory";
  if (S_ISFIFO(Mode))
    return "FIFO";
  if (S_ISCHR(Mode))
    return "character device";
  if (S_ISBLK(Mode))
    return "block device";
  if (S_ISSOCK(Mode))
    return "socket";
  return "special file";
}

namespace {

const char *kindZh(llvm::StringRef Kind) {
  if (Kind == "directory")
    return "目录";
  if (Kind == "FIFO")
    return "命名管道";
  if (Kind == "character device")
    return "字符设备";
  if (Kind == "block device")
    return "块设备";
  if (Kind == "socket")
    return "套接字";
  return "特殊文件";
}

/// Reads up to \p Size bytes from \p FD into a new buffer; fewer when the input ends.
std::unique_ptr<llvm::WritableMemoryBuffer> readUpTo(int FD, size_t Size, llvm::StringRef Name,
                                                     size_t &Done, std::error_code &EC) {
  auto Out = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(Size, Name);
  Done = 0;
  if (!Out) {
    EC = std::make_error_code(std::errc::not_enough_memory);
    return nullptr;
  }
  while (Done < Size) {
    ssize_t N = ::read(FD, Out->getBufferStart() + Done, Size - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      EC = std::error_code(errno, std::generic_category());
      return nullptr;
    }
    if (N == 0)
      break;
    Done += static_cast<size_t>(N);
  }
  return Out;
}

} // namespace

std::string FileRead::reason() const {
  switch (S) {
  case Ok:
    return "";
  case SystemError:
    return Error.message();
  case NotRegular:
    return std::string("not a regular file but a ") + Kind;
  case TooLarge:
    return "more than " + std::to_string(Cap >> 20) + " MiB, the most budc reads of one file";
  case Changed:
    return "it changed while budc read it";
  }
  return "";
}

std::string FileRead::reasonZh() const {
  switch (S) {
  case Ok:
    return "";
  case SystemError:
    if (Error == std::errc::no_such_file_or_directory)
      return "文件或目录不存在";
    if (Error == std::errc::permission_denied)
      return "没有访问权限";
    return Error.message();
  case NotRegular:
    return std::string("不是普通文件，而是") + kindZh(Kind);
  case TooLarge:
    return "超过 " + std::to_string(Cap >> 20) + " MiB，即 budc 读取单个文件的上限";
  case Changed:
    return "读取期间文件被修改";
  }
  return "";
}

FileRead readRegularFile(int FD, uint64_t MaxBytes, llvm::StringRef Name) {
  FileRead R;
  struct stat St;
  if (::fstat(FD, &St) != 0) {
    R.S = FileRead::SystemError;
    R.Error = std::error_code(errno, std::generic_category());
    return R;
  }
  if (!S_ISREG(St.st_mode)) {
    R.S = FileRead::NotRegular;
    R.Kind = fileKind(St.st_mode);
    if (S_ISDIR(St.st_mode)) { // say it as the system does
      R.S = FileRead::SystemError;
      R.Error = std::make_error_code(std::errc::is_a_directory);
    }
    return R;
  }
  R.Size = static_cast<uint64_t>(St.st_size);
  if (R.Size > MaxBytes) {
    R.S = FileRead::TooLarge;
    R.Cap = MaxBytes;
    return R;
  }
  size_t Done;
  auto Out = readUpTo(FD, static_cast<size_t>(R.Size), Name, Done, R.Error);
  if (!Out) {
    R.S = FileRead::SystemError;
    return R;
  }
  if (Done < R.Size) { // truncated while it was read: what was read is no version of it
    R.S = FileRead::Changed;
    return R;
  }
  // Bytes appended while it was read are not read: the file is what fstat saw.
  R.Buffer = std::move(Out);
  return R;
}

FileRead readRegularFile(llvm::StringRef Path, uint64_t MaxBytes, llvm::StringRef Name) {
  std::string P = Path.str();
  // Non-blocking, so that opening a FIFO does not wait for a writer; no controlling
  // terminal from a tty. The flags do not matter for the regular files that are read.
  int FD = ::open(P.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (FD < 0) {
    FileRead R;
    R.S = FileRead::SystemError;
    R.Error = std::error_code(errno, std::generic_category());
    return R;
  }
  FileRead R = readRegularFile(FD, MaxBytes, Name.empty() ? Path : Name);
  ::close(FD);
  return R;
}

FileRead readStandardInput(uint64_t MaxBytes) {
  FileRead R;
  std::string Text;
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(0, Chunk, sizeof Chunk);
    if (N < 0 && errno == EINTR)
      continue;
    if (N < 0) {
      R.S = FileRead::SystemError;
      R.Error = std::error_code(errno, std::generic_category());
      return R;
    }
    if (N == 0)
      break;
    if (Text.size() + static_cast<size_t>(N) > MaxBytes) {
      R.S = FileRead::TooLarge;
      R.Size = MaxBytes + 1;
      R.Cap = MaxBytes;
      return R;
    }
    Text.append(Chunk, static_cast<size_t>(N));
  }
  R.Size = Text.size();
  R.Buffer = llvm::MemoryBuffer::getMemBufferCopy(Text, "<stdin>");
  return R;
}

} // namespace budc

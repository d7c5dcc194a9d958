//===- write.cpp - Writing files so that nothing is lost --------------------===//
#include "compiler/emit/write.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <vector>

namespace budc::emit {
namespace {

std::string lastError() { return std::error_code(errno, std::generic_category()).message(); }

/// Writes all of \p Content to \p FD; false with errno set when it cannot.
bool writeAll(int FD, llvm::StringRef Content) {
  const char *P = Content.data();
  size_t Left = Content.size();
  while (Left) {
    ssize_t N = ::write(FD, P, Left);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      if (N == 0)
        errno = EIO;
      return false;
    }
    P += N;
    Left -= static_cast<size_t>(N);
  }
  return true;
}

/// The permission bits a new file or directory gets: 0666 or 0777 less the umask.
mode_t defaultMode(mode_t Full) {
  mode_t Mask = ::umask(0);
  ::umask(Mask);
  return Full & ~Mask;
}

llvm::StringRef parentOf(llvm::StringRef Path) {
  llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
  return Parent.empty() ? llvm::StringRef(".") : Parent;
}

/// Removes the regular files of the directory \p Dir (with \p OnlyOutputs only those whose
/// names budc writes), then the directory, which stays if anything else is left in it.
void removeSet(const std::string &Dir, bool OnlyOutputs) {
  if (DIR *D = ::opendir(Dir.c_str())) {
    int FD = ::dirfd(D);
    while (struct dirent *E = ::readdir(D)) {
      llvm::StringRef Name = E->d_name;
      if (Name == "." || Name == "..")
        continue;
      struct stat St;
      if (::fstatat(FD, E->d_name, &St, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(St.st_mode) &&
          (!OnlyOutputs || isOutputName(Name)))
        ::unlinkat(FD, E->d_name, 0);
    }
    ::closedir(D);
  }
  ::rmdir(Dir.c_str());
}

} // namespace

bool isOutputName(llvm::StringRef Name) {
  if (Name == "disclosure.html" || Name == "disclosure.xlsx" || Name == "budget.json" ||
      Name.startswith(".budc-"))
    return true;
  size_t Digits = Name.find_first_not_of("0123456789");
  if (Digits < 2 || Digits == llvm::StringRef::npos || Name[Digits] != '-')
    return false;
  for (llvm::StringRef Ext : {".txt", ".md", ".csv", ".json"})
    if (Name.endswith(Ext) && Name.size() > Digits + 1 + Ext.size())
      return true;
  return false;
}

std::optional<std::string> writeNewFile(llvm::StringRef Path, llvm::StringRef Content) {
  return writeNewFile(Path, [&](llvm::raw_ostream &OS) { OS << Content; });
}

std::optional<std::string> writeNewFile(llvm::StringRef Path,
                                        llvm::function_ref<void(llvm::raw_ostream &)> Write) {
  std::string P = Path.str();
  return writeNewFiles({&P, 1}, [&](llvm::ArrayRef<llvm::raw_ostream *> OS) { Write(*OS[0]); });
}

std::optional<std::string>
writeNewFiles(llvm::ArrayRef<std::string> Paths,
              llvm::function_ref<void(llvm::ArrayRef<llvm::raw_ostream *>)> Write) {
  std::vector<int> FDs;
  auto Remove = [&] {
    for (size_t I = 0; I < FDs.size(); ++I)
      ::unlink(Paths[I].c_str());
  };
  for (const std::string &P : Paths) {
    int FD = ::open(P.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (FD < 0) {
      int E = errno;
      for (int Open : FDs)
        ::close(Open);
      Remove();
      errno = E;
      return lastError();
    }
    FDs.push_back(FD);
  }
  bool Ok = true;
  int E = 0;
  {
    // Streamed through buffers larger than a page (a write system call per 4 KiB was a tenth of
    // a large build's time); each stream keeps its first error (a full disk).
    std::vector<std::unique_ptr<llvm::raw_fd_ostream>> Streams;
    std::vector<llvm::raw_ostream *> OS;
    for (int FD : FDs) {
      Streams.push_back(std::make_unique<llvm::raw_fd_ostream>(FD, /*shouldClose=*/false,
                                                               /*unbuffered=*/false));
      Streams.back()->SetBufferSize(size_t(1) << 18);
      OS.push_back(Streams.back().get());
    }
    Write(OS);
    for (auto &S : Streams) {
      S->flush();
      if (S->has_error() && Ok) {
        Ok = false;
        E = S->error().value();
      }
      S->clear_error();
    }
  }
  if (Ok)
    E = errno;
  for (int FD : FDs)
    if (::close(FD) != 0 && Ok) { // a full disk can show only now (NFS, quotas)
      Ok = false;
      E = errno;
    }
  if (!Ok) {
    Remove();
    errno = E;
    return lastError();
  }
  return std::nullopt;
}

std::optional<WriteError> writeAtomically(llvm::StringRef Path, llvm::StringRef Content) {
  // Through a link to its target; the temporary file lives beside the target, so the rename
  // never crosses file systems.
  std::string Target = Path.str();
  if (char *Real = ::realpath(Target.c_str(), nullptr)) {
    Target = Real;
    std::free(Real);
  }
  struct stat St;
  bool Exists = ::stat(Target.c_str(), &St) == 0;
  std::string Temp = (parentOf(Target) + "/.budc-XXXXXX.tmp").str();
  int FD = ::mkstemps(Temp.data(), 4);
  if (FD < 0)
    return WriteError{Path.str(), lastError(), ""};
  auto Fail = [&](std::string Why, std::string WhyZh = "") {
    ::close(FD);
    ::unlink(Temp.c_str());
    return WriteError{Path.str(), std::move(Why), std::move(WhyZh)};
  };
  if (!writeAll(FD, Content))
    return Fail(lastError());
  // The new file is the old one with new text: the same mode and owner.
  if (::fchmod(FD, Exists ? (St.st_mode & 07777) : defaultMode(0666)) != 0)
    return Fail(lastError());
  if (Exists && (St.st_uid != ::geteuid() || St.st_gid != ::getegid()) &&
      ::fchown(FD, St.st_uid, St.st_gid) != 0)
    return Fail("its owner cannot be kept (" + lastError() + "); nothing was written",
                "无法保留文件的所有者（" + lastError() + "），未写入");
  if (::close(FD) != 0) {
    std::string Why = lastError();
    ::unlink(Temp.c_str());
    return WriteError{Path.str(), Why, ""};
  }
  if (::rename(Temp.c_str(), Target.c_str()) != 0) {
    std::string Why = lastError();
    ::unlink(Temp.c_str());
    return WriteError{Path.str(), Why, ""};
  }
  return std::nullopt;
}

namespace {

/// Writes \p Files into a fresh directory made from the model \p Staging (mode \p Mode);
/// on failure the directory is gone again and the error names the file under \p Shown.
std::optional<WriteError> stage(std::string &Staging, mode_t Mode, llvm::StringRef Shown,
                                llvm::ArrayRef<SetFile> Files) {
  if (!::mkdtemp(Staging.data()))
    return WriteError{Shown.str(), lastError(), ""};
  if (::chmod(Staging.c_str(), Mode) != 0) {
    std::string Why = lastError();
    removeSet(Staging, false);
    return WriteError{Shown.str(), Why, ""};
  }
  for (const SetFile &F : Files)
    if (auto Why = F.Write(Staging + "/" + F.Name)) {
      removeSet(Staging, false);
      llvm::SmallString<256> Path(Shown);
      llvm::sys::path::append(Path, F.Name);
      return WriteError{Path.str().str(), *Why, ""};
    }
  return std::nullopt;
}

/// Whether the current directory is \p Dir or lies below it.
bool holdsCurrentDirectory(const std::string &Dir) {
  char *Cwd = ::getcwd(nullptr, 0);
  bool In = Cwd && (llvm::StringRef(Cwd) == Dir || llvm::StringRef(Cwd).startswith(Dir + "/"));
  std::free(Cwd);
  return In;
}

} // namespace

std::optional<WriteError> publish(llvm::StringRef Given, llvm::ArrayRef<SetFile> Files) {
  std::string Dir = Given.str();
  while (Dir.size() > 1 && Dir.back() == '/')
    Dir.pop_back();
  auto Error = [&](std::string Why, std::string WhyZh = "") {
    return WriteError{Given.str(), std::move(Why), std::move(WhyZh)};
  };
  // What is there: nothing, a directory (through a link), or a previous set.
  std::string Target = Dir;
  struct stat St;
  bool Exists = ::stat(Dir.c_str(), &St) == 0;
  if (!Exists && errno != ENOENT)
    return Error(lastError());
  bool Own = true; // the directory holds nothing but budc's files
  std::vector<std::string> Old;
  if (Exists) {
    if (!S_ISDIR(St.st_mode)) {
      errno = ENOTDIR;
      return Error(lastError());
    }
    if (char *Real = ::realpath(Dir.c_str(), nullptr)) {
      Target = Real;
      std::free(Real);
    }
    // A directory that may not be written to is not replaced either.
    if (::access(Target.c_str(), W_OK) != 0)
      return Error(lastError());
    DIR *D = ::opendir(Target.c_str());
    if (!D)
      return Error(lastError());
    while (struct dirent *E = ::readdir(D)) {
      llvm::StringRef Name = E->d_name;
      if (Name == "." || Name == "..")
        continue;
      struct stat F;
      if (isOutputName(Name) && ::fstatat(::dirfd(D), E->d_name, &F, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISREG(F.st_mode))
        Old.push_back(Name.str());
      else
        Own = false;
    }
    ::closedir(D);
  }
  std::string Parent = parentOf(Target).str();
  if (std::error_code EC = llvm::sys::fs::create_directories(Parent))
    return Error(EC.message());
  struct stat P;
  bool SameDevice = ::stat(Parent.c_str(), &P) == 0 && (!Exists || P.st_dev == St.st_dev);
  mode_t Mode = Exists ? (St.st_mode & 07777) : defaultMode(0777);

  if (!Own || !SameDevice || holdsCurrentDirectory(Target)) {
    // DIR holds other files, is a mount point or is where budc runs: it stays, and the set is
    // written into a directory inside it, then moved into place file by file (each rename
    // whole); budc's files of an older set go, nothing else is touched.
    std::string Staging = Target + "/.budc-out-XXXXXX";
    if (auto E = stage(Staging, 0700, Given, Files))
      return E;
    for (const SetFile &F : Files)
      if (::rename((Staging + "/" + F.Name).c_str(), (Target + "/" + F.Name).c_str()) != 0) {
        std::string Why = lastError();
        removeSet(Staging, false);
        llvm::SmallString<256> Path(Given);
        llvm::sys::path::append(Path, F.Name);
        return WriteError{Path.str().str(), Why, ""};
      }
    ::rmdir(Staging.c_str());
    for (const std::string &Name : Old) {
      bool Kept = false;
      for (const SetFile &F : Files)
        Kept |= F.Name == Name;
      if (!Kept)
        ::unlink((Target + "/" + Name).c_str());
    }
    return std::nullopt;
  }

  // The new set, whole, in a fresh directory beside DIR, which then takes its place at once.
  std::string Staging = Parent + "/.budc-out-XXXXXX";
  if (auto E = stage(Staging, Mode, Given, Files))
    return E;
  if (!Exists) {
    if (::rename(Staging.c_str(), Target.c_str()) != 0) {
      std::string Why = lastError();
      removeSet(Staging, false);
      return Error(Why);
    }
    return std::nullopt;
  }
  if (::renameat2(AT_FDCWD, Staging.c_str(), AT_FDCWD, Target.c_str(), RENAME_EXCHANGE) == 0) {
    removeSet(Staging, true); // now the old set
    return std::nullopt;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    std::string Why = lastError();
    removeSet(Staging, false);
    return Error(Why);
  }
  // A file system without exchange: the old set steps aside, the new one takes its place,
  // and the old one comes back if that fails.
  std::string Aside = Parent + "/.budc-old-XXXXXX";
  if (!::mkdtemp(Aside.data()) || ::rename(Target.c_str(), Aside.c_str()) != 0) {
    std::string Why = lastError();
    ::rmdir(Aside.c_str());
    removeSet(Staging, false);
    return Error(Why);
  }
  if (::rename(Staging.c_str(), Target.c_str()) != 0) {
    std::string Why = lastError();
    ::rename(Aside.c_str(), Target.c_str());
    removeSet(Staging, false);
    return Error(Why);
  }
  removeSet(Aside, true);
  return std::nullopt;
}

} // namespace budc::emit

//===- git.cpp - The git plumbing of budc diff and budc git-setup -----------===//
#include "compiler/diff/git.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cerrno>
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace budc::diff {
namespace {

/// Runs git with \p Args, standard output into \p OutFD, standard input and error from and
/// to /dev/null; its exit status, or -1 when it could not start or ended by a signal.
int runGit(llvm::ArrayRef<std::string> Args, int OutFD) {
  std::vector<std::string> Argv{"git"};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::vector<char *> Ptrs;
  for (std::string &A : Argv)
    Ptrs.push_back(A.data());
  Ptrs.push_back(nullptr);
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&Actions, OutFD, 1);
  posix_spawn_file_actions_addopen(&Actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t Pid;
  int E = posix_spawnp(&Pid, "git", &Actions, nullptr, Ptrs.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  if (E != 0)
    return -1;
  int Status;
  while (waitpid(Pid, &Status, 0) < 0)
    if (errno != EINTR)
      return -1;
  return WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
}

bool isHex(llvm::StringRef S) {
  return !S.empty() && S.find_first_not_of("0123456789abcdef") == llvm::StringRef::npos;
}

/// One line of `git ls-tree -r -l -z`: "<mode> <type> <object> <size>\t<path>".
struct TreeEntry {
  llvm::StringRef Mode, Type, Object, Path;
  uint64_t Size = 0;
};

std::optional<TreeEntry> parseEntry(llvm::StringRef Line) {
  auto [Meta, Path] = Line.split('\t');
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Meta.split(Parts, ' ', -1, /*KeepEmpty=*/false);
  if (Parts.size() != 4 || Path.empty())
    return std::nullopt;
  TreeEntry E{Parts[0], Parts[1], Parts[2], Path};
  if (Parts[3] != "-" && Parts[3].getAsInteger(10, E.Size))
    return std::nullopt;
  return E;
}

/// Whether a link at \p Path to \p Target, as written, stays below the top of the tree.
bool linkStaysInside(llvm::StringRef Path, llvm::StringRef Target) {
  if (Target.empty() || Target.startswith("/") || Target.contains('\0'))
    return false;
  int Depth = static_cast<int>(Path.count('/')); // the link's directory, below the top
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Target.split(Parts, '/');
  for (llvm::StringRef P : Parts) {
    if (P == "..")
      --Depth;
    else if (!P.empty() && P != ".")
      ++Depth;
    if (Depth < 0)
      return false;
  }
  return true;
}

std::string systemError(const char *What, llvm::StringRef Path) {
  return std::string(What) + " '" + Path.str() + "': " +
         std::error_code(errno, std::generic_category()).message();
}

} // namespace

std::optional<std::string> git(llvm::ArrayRef<std::string> Args, uint64_t MaxBytes) {
  // Through an unlinked temporary file rather than a pipe: git writes it all, then it is read.
  llvm::SmallString<128> Model;
  llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, Model);
  llvm::sys::path::append(Model, "budc-git-XXXXXX");
  Model.push_back('\0');
  int FD = ::mkstemp(Model.data());
  if (FD < 0)
    return std::nullopt;
  ::unlink(Model.data());
  int RC = runGit(Args, FD);
  std::optional<std::string> Out;
  if (RC == 0 && ::lseek(FD, 0, SEEK_SET) == 0) {
    FileRead R = readRegularFile(FD, MaxBytes, "git");
    if (R)
      Out = R.Buffer->getBuffer().str();
  }
  ::close(FD);
  return Out;
}

std::optional<std::string> repositoryPrefix() {
  auto Top = git({"rev-parse", "--show-toplevel"});
  if (!Top)
    return std::nullopt;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return llvm::StringRef(Cwd).drop_front(llvm::StringRef(*Top).rtrim("\n").size()).ltrim("/").str();
}

bool isRevision(const std::string &Rev) {
  if (Rev.empty() || Rev[0] == '-')
    return false;
  return git({"rev-parse", "--verify", "--quiet", Rev + "^{tree}"}).has_value();
}

std::optional<std::string> badTreePath(llvm::StringRef Path) {
  if (Path.startswith("/"))
    return std::string("an absolute path");
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Path.split(Parts, '/', -1, /*KeepEmpty=*/true);
  for (llvm::StringRef P : Parts) {
    if (P.empty())
      return std::string("an empty name");
    if (P == "." || P == "..")
      return "a component '" + P.str() + "'";
    llvm::StringRef Bare = P.rtrim(". "); // Windows drops trailing dots and spaces
    if (Bare.equals_insensitive(".git") || Bare.equals_insensitive("git~1"))
      return "a component '" + P.str() + "' (git's own directory)";
    if (P.contains('\\'))
      return "a backslash in '" + P.str() + "'";
  }
  return std::nullopt;
}

Extraction extractRevision(const std::string &Rev, llvm::ArrayRef<std::string> Paths, int DirFD,
                           const ReadLimits &Limits, uint64_t Bytes) {
  Extraction X;
  X.Bytes = Bytes;
  std::vector<std::string> Args{"ls-tree", "-r", "-l", "-z", "--full-tree", Rev, "--"};
  Args.insert(Args.end(), Paths.begin(), Paths.end());
  auto List = git(Args);
  if (!List) {
    X.Error = "git ls-tree cannot list '" + Rev + "'";
    return X;
  }
  std::vector<TreeEntry> Entries;
  for (llvm::StringRef Line : llvm::split(llvm::StringRef(*List), '\0')) {
    if (Line.empty())
      continue;
    auto E = parseEntry(Line);
    if (!E) {
      X.Error = "git ls-tree printed a line budc does not understand";
      return X;
    }
    X.Entries.push_back(E->Path.str());
    if (E->Type != "blob" || !E->Path.endswith(".bud"))
      continue;
    // Every entry is judged before anything is written.
    if (auto Why = badTreePath(E->Path)) {
      X.Error = "the tree of '" + Rev + "' has an entry '" + E->Path.str() + "' with " + *Why +
                ", which git would not check out; nothing of it was written";
      return X;
    }
    if (!isHex(E->Object) || (E->Mode != "100644" && E->Mode != "100755" && E->Mode != "120000")) {
      X.Error = "the tree of '" + Rev + "' has an entry '" + E->Path.str() +
                "' of mode " + E->Mode.str() + ", which budc does not read";
      return X;
    }
    if (E->Size > Limits.FileBytes) {
      X.Error = "'" + Rev + ":" + E->Path.str() + "' is " + std::to_string(E->Size >> 20) +
                " MiB; budc reads .bud files of at most " + std::to_string(Limits.FileBytes >> 20) +
                " MiB";
      return X;
    }
    if (X.Bytes + E->Size > Limits.TotalBytes) {
      X.Error = "the .bud files of the two revisions are more than " +
                std::to_string(Limits.TotalBytes >> 20) +
                " MiB, the most budc reads in one run (--max-workspace-size=SIZE changes it)";
      return X;
    }
    X.Bytes += E->Size;
    Entries.push_back(*E);
  }
  for (const TreeEntry &E : Entries) {
    // Down the directories, each made here and opened without following a link.
    llvm::SmallVector<llvm::StringRef, 8> Parts;
    E.Path.split(Parts, '/');
    int Dir = ::dup(DirFD);
    for (size_t I = 0; Dir >= 0 && I + 1 < Parts.size(); ++I) {
      std::string Name = Parts[I].str();
      if (::mkdirat(Dir, Name.c_str(), 0700) != 0 && errno != EEXIST) {
        X.Error = systemError("cannot make the directory", E.Path);
        ::close(Dir);
        return X;
      }
      int Next = ::openat(Dir, Name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      ::close(Dir);
      Dir = Next;
    }
    if (Dir < 0) {
      X.Error = systemError("cannot enter the directory of", E.Path);
      return X;
    }
    std::string Name = Parts.back().str();
    ++X.Files;
    if (E.Mode == "120000") {
      // A link is made as a link when, as written, it stays in the revision (the workspace
      // loader resolves it and refuses what still leads outside).
      auto Target = git({"cat-file", "blob", E.Object.str()}, 4096);
      if (!Target) {
        X.Error = "git cannot read '" + Rev + ":" + E.Path.str() + "'";
      } else if (!linkStaysInside(E.Path, *Target)) {
        X.Error = "the tree of '" + Rev + "' has an entry '" + E.Path.str() +
                  "' that links outside the revision ('" + *Target + "'); nothing of it was written";
      } else if (::symlinkat(Target->c_str(), Dir, Name.c_str()) != 0) {
        X.Error = systemError("cannot make the link", E.Path);
      }
      ::close(Dir);
      if (!X.Error.empty())
        return X;
      continue;
    }
    int FD = ::openat(Dir, Name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    ::close(Dir);
    if (FD < 0) {
      X.Error = systemError("cannot write", E.Path);
      return X;
    }
    int RC = runGit({"cat-file", "blob", E.Object.str()}, FD);
    struct stat St;
    bool Whole = RC == 0 && ::fstat(FD, &St) == 0 && static_cast<uint64_t>(St.st_size) == E.Size;
    ::close(FD);
    if (!Whole) {
      X.Error = "git cannot read '" + Rev + ":" + E.Path.str() + "'";
      return X;
    }
  }
  return X;
}

bool configureDiffDriver(bool Global) {
  auto Set = [&](const std::string &Key, const std::string &Value) {
    return git({"config", Global ? "--global" : "--local", Key, Value}).has_value();
  };
  return Set("diff.bud.command", "budc diff") && Set("diff.bud.binary", "false");
}

} // namespace budc::diff

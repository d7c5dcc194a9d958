//===- workspace.cpp - Find, read and parse the files of a workspace --------===//
#include "compiler/workspace/workspace.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/Timer.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <dirent.h>
#include <fcntl.h>
#include <map>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace budc {

bool isWithin(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root == "/")
    return Path.startswith("/");
  return Path.startswith(Root) && (Path.size() == Root.size() || Path[Root.size()] == '/');
}

namespace {

/// The real path of \p Path, or empty.
std::string realPath(llvm::StringRef Path) {
  llvm::SmallString<256> R;
  if (llvm::sys::fs::real_path(Path, R))
    return "";
  return R.str().str();
}

/// \p Path made absolute, with . and .. taken away as written (no link is followed).
std::string lexicalPath(llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  llvm::sys::fs::make_absolute(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return Abs.str().str();
}

/// How deep a directory walk goes: deeper trees are reported, not walked.
constexpr unsigned MaxWalkDepth = 64;

class Loader {
public:
  Loader(SourceManager &SM, ast::Context &Ctx, DiagEngine &Diags,
         const syntax::ParseOptions &Opts, const llvm::StringMap<std::string> *Overrides,
         const LoadOptions &Load)
      : SM(SM), Ctx(Ctx), Diags(Diags), Opts(Opts), Overrides(Overrides), Load(Load) {
    for (const std::string &R : Load.IncludeRoots)
      addExtraRoot(R, {});
  }

  /// Phase 1: the files a command-line path names (a directory: every .bud below it).
  void collect(const std::string &Path) {
    struct stat St;
    if (::stat(Path.c_str(), &St) == 0 && S_ISDIR(St.st_mode)) {
      collectDirectory(Path);
      return;
    }
    llvm::StringRef Parent = llvm::sys::path::parent_path(Path);
    Roots.push_back({realPath(Parent.empty() ? llvm::StringRef(".") : Parent), Path, true});
    if (Load.RootsFile) // the roots file of its workspace applies from the start
      widen(Roots.size() - 1);
    if (auto P = read(Path, {}, true))
      Top.push_back(*P);
  }

  /// Phase 2: parse the named files, in parallel when there are several; then, in order,
  /// keep their diagnostics and follow their includes.
  void parseAll() {
    std::vector<ast::File *> Parsed(Top.size(), nullptr);
    // By default one thread per core, but no more than one per 256 KiB of text: a thread
    // builds its own lexer and parser DFA caches, which costs a small workspace more than
    // parsing it in parallel saves (the seed example, 50 KB: 28 ms with two, 22 ms with one).
    unsigned Jobs = Opts.Jobs;
    if (!Jobs) {
      size_t Bytes = 0;
      for (const Pending &P : Top)
        Bytes += SM.getText(P.ID).size();
      Jobs = std::clamp<unsigned>(static_cast<unsigned>(Bytes / (256 * 1024)), 1,
                                  llvm::hardware_concurrency().compute_thread_count());
    }
    if (Top.size() > 1 && Jobs > 1) {
      std::vector<DiagEngine> Engines(Top.size());
      {
        // Each worker takes the next file until none is left, into a context of its own (a
        // context is not thread-safe; one per file left the unused tail of a slab per file).
        unsigned Workers = static_cast<unsigned>(std::min<size_t>(Jobs, Top.size()));
        llvm::ThreadPool Pool(llvm::hardware_concurrency(Workers));
        std::atomic<size_t> Next{0};
        for (unsigned W = 0; W < Workers; ++W) {
          ast::Context *C = &Ctx.child();
          Pool.async([&, C] {
            for (size_t I = Next++; I < Top.size(); I = Next++)
              Parsed[I] = syntax::parseFile(SM, Top[I].ID, *C, Engines[I], Opts);
          });
        }
        Pool.wait();
      }
      for (DiagEngine &E : Engines)
        Diags.absorb(std::move(E));
    } else {
      for (size_t I = 0; I < Top.size(); ++I)
        Parsed[I] = syntax::parseFile(SM, Top[I].ID, Ctx, Diags, Opts);
    }
    for (size_t I = 0; I < Top.size(); ++I)
      Files[Top[I].Key] = Parsed[I];
    for (size_t I = 0; I < Top.size(); ++I)
      follow(Top[I].Key, Top[I].Path);
  }

  Workspace take() {
    for (const Root &R : Roots)
      if (!R.Real.empty())
        Result.Roots.push_back(R.Real);
    return std::move(Result);
  }

private:
  struct Pending {
    std::string Path, Key;
    unsigned ID = 0;
  };

  /// A root of the workspace: a directory named, or the directory of a file named.
  struct Root {
    std::string Real;  ///< empty when it cannot be resolved
    std::string Given; ///< the path named
    bool File = false; ///< named by a file: widened to workspaceRoot() when an include needs it
  };

  void collectDirectory(const std::string &Path) {
    std::string Real = realPath(Path);
    int FD = ::open(Path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (FD < 0 || Real.empty()) {
      std::error_code EC(errno, std::generic_category());
      if (FD >= 0)
        ::close(FD);
      Diags.report({}, diag::CannotRead, {Path, EC.message()});
      Result.InputError = true;
      return;
    }
    Roots.push_back({Real, Path});
    rootsFile(Real);
    std::vector<std::string> Found;
    struct stat St;
    if (::fstat(FD, &St) == 0)
      Entered.insert({St.st_dev, St.st_ino});
    WalkRoot = Real;
    walk(FD, Path, Real, 0, Found);
    ::close(FD);
    if (Found.empty()) {
      if (!Result.InputError) {
        Diags.report({}, diag::NoBudFiles, {Path});
        Result.InputError = true;
      }
      return;
    }
    std::sort(Found.begin(), Found.end());
    prefetch(Found);
    for (const std::string &F : Found)
      if (auto P = read(F, {}, true))
        Top.push_back(*P);
    Prefetched.clear();
  }

  /// Adds the .bud files below the directory open at \p FD (shown as \p Dir, really at
  /// \p Real) to \p Found; hidden entries are skipped, and a directory already entered (by
  /// device and inode: through a link to a parent, say) is not entered again.
  void walk(int FD, const std::string &Dir, const std::string &Real, unsigned Depth,
            std::vector<std::string> &Found) {
    int Copy = ::dup(FD);
    DIR *D = Copy < 0 ? nullptr : ::fdopendir(Copy);
    if (!D) {
      if (Copy >= 0)
        ::close(Copy);
      Diags.report({}, diag::CannotRead, {Dir, std::error_code(errno, std::generic_category()).message()});
      Result.InputError = true;
      return;
    }
    std::vector<std::pair<std::string, unsigned char>> Entries;
    errno = 0;
    while (struct dirent *E = ::readdir(D)) {
      if (E->d_name[0] != '.') // hidden files and directories, and . and ..
        Entries.emplace_back(E->d_name, E->d_type);
      errno = 0;
    }
    int ReadErrno = errno;
    ::closedir(D);
    if (ReadErrno) {
      Diags.report({}, diag::CannotRead, {Dir, std::error_code(ReadErrno, std::generic_category()).message()});
      Result.InputError = true;
    }
    std::sort(Entries.begin(), Entries.end());
    for (const auto &[Name, Type] : Entries) {
      llvm::SmallString<256> Child(Dir);
      llvm::sys::path::append(Child, Name);
      bool Bud = llvm::StringRef(Name).endswith(".bud");
      bool IsLink = Type == DT_LNK, IsDir = Type == DT_DIR;
      if (Type == DT_LNK || Type == DT_UNKNOWN) {
        struct stat St;
        if (Type == DT_UNKNOWN && ::fstatat(FD, Name.c_str(), &St, AT_SYMLINK_NOFOLLOW) == 0)
          IsLink = S_ISLNK(St.st_mode);
        if (::fstatat(FD, Name.c_str(), &St, 0) != 0) {
          if (Bud)
            Found.push_back(Child.str().str()); // a dangling link: read() says so
          continue;
        }
        IsDir = S_ISDIR(St.st_mode);
      }
      if (!IsDir && !Bud)
        continue;
      std::string ChildReal = IsLink ? realPath(Child) : (Real == "/" ? "" : Real) + "/" + Name;
      if (IsLink && !inside(ChildReal)) {
        outside(Child, WalkRoot, ChildReal, {});
        continue;
      }
      if (!IsDir) {
        Found.push_back(Child.str().str());
        KnownReal[Child] = ChildReal;
        continue;
      }
      int Sub = ::openat(FD, Name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NONBLOCK);
      struct stat St;
      if (Sub < 0 || ::fstat(Sub, &St) != 0) {
        Diags.report({}, diag::CannotRead,
                     {Child.str().str(), std::error_code(errno, std::generic_category()).message()});
        Result.InputError = true;
        if (Sub >= 0)
          ::close(Sub);
        continue;
      }
      if (Entered.insert({St.st_dev, St.st_ino}).second) {
        if (Depth + 1 >= MaxWalkDepth) {
          Diags.report({}, diag::CannotRead,
                       {Child.str().str(), "directories nested deeper than " +
                                               std::to_string(MaxWalkDepth) + " levels"})
              .zh({Child.str().str(),
                   "目录嵌套超过 " + std::to_string(MaxWalkDepth) + " 层"});
          Result.InputError = true;
        } else {
          walk(Sub, Child.str().str(), ChildReal, Depth + 1, Found);
        }
      }
      ::close(Sub);
    }
  }

  /// Reads the files a directory walk found on the cores that will parse them, when they are
  /// many (13,500 files of 1M lines took a tenth of a check to read one by one); read() takes
  /// them from here in order. A file that fails is read again there and reported; reading
  /// stops when the files read so far reach the workspace's cap.
  void prefetch(llvm::ArrayRef<std::string> Paths) {
    unsigned Jobs = Opts.Jobs ? Opts.Jobs : llvm::hardware_concurrency().compute_thread_count();
    if (Jobs < 2 || Paths.size() < 64)
      return;
    std::vector<std::unique_ptr<llvm::MemoryBuffer>> Buffers(Paths.size());
    std::atomic<uint64_t> Budget{Load.Limits.TotalBytes > Total ? Load.Limits.TotalBytes - Total : 0};
    {
      llvm::ThreadPool Pool(llvm::hardware_concurrency(Jobs));
      size_t Chunk = (Paths.size() + Jobs - 1) / Jobs;
      for (size_t Begin = 0; Begin < Paths.size(); Begin += Chunk)
        Pool.async([&, Begin] {
          for (size_t I = Begin; I < std::min(Paths.size(), Begin + Chunk); ++I) {
            auto Known = KnownReal.find(Paths[I]);
            if (Known == KnownReal.end() || (Overrides && Overrides->count(Known->second)))
              continue;
            FileRead R = readRegularFile(Known->second, Load.Limits.FileBytes, Paths[I]);
            if (!R)
              continue;
            uint64_t Size = R.Buffer->getBufferSize(), Left = Budget.load();
            while (Left >= Size && !Budget.compare_exchange_weak(Left, Left - Size))
              ;
            if (Left >= Size)
              Buffers[I] = std::move(R.Buffer);
          }
        });
      Pool.wait();
    }
    for (size_t I = 0; I < Paths.size(); ++I)
      Prefetched[Paths[I]] = std::move(Buffers[I]);
  }

  /// Whether the real path \p Real lies in a root of the workspace or an extra root. File
  /// roots are widened to their workspace (workspaceRoot()) the first time something lies
  /// outside the file's own directory.
  bool inside(llvm::StringRef Real) {
    auto In = [&] {
      for (const Root &R : Roots)
        if (!R.Real.empty() && isWithin(Real, R.Real))
          return true;
      return inExtraRoot(Real);
    };
    if (In())
      return true;
    bool Widened = false;
    for (size_t I = 0; I < Roots.size(); ++I)
      Widened |= widen(I);
    return Widened && In();
  }

  /// Widens the root of a file named to the file's workspace, once; whether it changed.
  bool widen(size_t I) {
    if (!Roots[I].File)
      return false;
    Roots[I].File = false;
    std::string Dir = workspaceRoot(Roots[I].Given, Load.Ceiling);
    struct stat St;
    if (::stat(Dir.c_str(), &St) != 0 || !S_ISDIR(St.st_mode) || (Dir = realPath(Dir)).empty())
      return false;
    rootsFile(Dir);
    if (Dir == Roots[I].Real)
      return false;
    Roots[I].Real = Dir;
    return true;
  }

  /// Whether \p Path, as written (links not followed), lies in a root or an extra root.
  bool insideAsWritten(llvm::StringRef Path) {
    std::string Abs = lexicalPath(Path);
    if (inside(Abs))
      return true;
    for (const Root &R : Roots)
      if (isWithin(Abs, lexicalPath(R.File ? llvm::sys::path::parent_path(R.Given) : llvm::StringRef(R.Given))))
        return true;
    for (const std::string &R : ExtraRootsGiven)
      if (isWithin(Abs, lexicalPath(R)))
        return true;
    return false;
  }

  bool inExtraRoot(llvm::StringRef Real) const {
    for (const std::string &R : ExtraRoots)
      if (isWithin(Real, R))
        return true;
    return false;
  }

  /// Reports that \p Path (really \p Real) lies outside the workspace.
  void outside(llvm::StringRef Path, llvm::StringRef Root, llvm::StringRef Real, Span From) {
    bool Same = Real == Path;
    Diags
        .report(From, diag::OutsideWorkspace,
                {Path.str(), Root.str(), Same ? "" : " (it resolves to '" + Real.str() + "')"})
        .zh({Path.str(), Root.str(), Same ? "" : "（实际指向“" + Real.str() + "”）"});
  }

  /// The root to name for a file included from outside: the first root of the workspace.
  std::string firstRoot() const {
    for (const Root &R : Roots)
      if (!R.Real.empty())
        return R.Real;
    return ".";
  }

  /// Adds the directory \p Path as an extra root; \p From is where it is named.
  void addExtraRoot(llvm::StringRef Path, Span From) {
    std::string Real = realPath(Path);
    struct stat St;
    if (Real.empty() || ::stat(Real.c_str(), &St) != 0 || !S_ISDIR(St.st_mode)) {
      Diags.report(From, diag::BadIncludeRoot, {Path.str()});
      if (!From.isValid())
        Result.InputError = true;
      return;
    }
    ExtraRoots.push_back(Real);
    ExtraRootsGiven.push_back(Path.str());
  }

  /// Reads the `.budc-roots` file of the root \p Dir, when the user allows it: a directory a
  /// line, relative to \p Dir; blank lines and lines starting with '#' are skipped.
  void rootsFile(const std::string &Dir) {
    if (!Load.RootsFile || !RootsFilesRead.insert(Dir).second)
      return;
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, RootsFileName);
    struct stat St;
    if (::stat(Path.c_str(), &St) != 0)
      return; // none
    FileRead R = readRegularFile(Path, 64 << 10);
    if (!R) {
      Diags.report({}, diag::CannotRead, {Path.str().str(), R.reason()}).zh({Path.str().str(), R.reasonZh()});
      Result.InputError = true;
      return;
    }
    unsigned ID = SM.addBuffer(std::move(R.Buffer), Path);
    for (unsigned Line = 1; Line <= SM.getLineCount(ID); ++Line) {
      llvm::StringRef L = SM.getLineText(ID, Line);
      llvm::StringRef Trimmed = L.trim(" \t");
      if (Trimmed.empty() || Trimmed.startswith("#"))
        continue;
      uint32_t Begin = SM.getLineStart(ID, Line) + static_cast<uint32_t>(Trimmed.data() - L.data());
      Span Where{ID, Begin, Begin + static_cast<uint32_t>(Trimmed.size())};
      llvm::SmallString<256> Target;
      if (llvm::sys::path::is_absolute(Trimmed)) {
        Target = Trimmed;
      } else {
        Target = Dir;
        llvm::sys::path::append(Target, Trimmed);
      }
      addExtraRoot(Target, Where);
    }
  }

  /// Reads \p Path into the source manager unless it was read already. \p From is the
  /// include statement that named it (invalid for command-line paths and walks).
  std::optional<Pending> read(const std::string &Path, Span From, bool FromArgument) {
    std::string Key;
    auto Known = KnownReal.find(Path);
    if (Known != KnownReal.end()) {
      Key = Known->second;
    } else {
      llvm::SmallString<256> Real;
      std::error_code EC = llvm::sys::fs::real_path(Path, Real);
      // A file that is not on disk yet but held in memory (an editor's new, unsaved buffer)
      // is known by its absolute path as written.
      if (EC && Overrides && Overrides->count(lexicalPath(Path)) &&
          (FromArgument || insideAsWritten(Path))) {
        Real = lexicalPath(Path);
        EC = {};
      }
      if (EC) {
        if (FromArgument) {
          // Say why: a directory on the way that may not be entered is not a missing file.
          bool Missing = EC == std::errc::no_such_file_or_directory;
          bool Denied = EC == std::errc::permission_denied;
          Diags.report({}, diag::CannotRead, {Path, Missing ? "no such file or directory" : EC.message()})
              .zh({Path, Missing ? "文件或目录不存在" : Denied ? "没有访问权限" : EC.message()});
          Result.InputError = true;
        } else if (!insideAsWritten(Path)) {
          // Outside as written: whether such a file exists there is none of budc's business.
          outside(Path, firstRoot(), Path, From);
        } else {
          Diags.report(From, diag::IncludeNotFound, {Path});
        }
        return std::nullopt;
      }
      Key = Real.str().str();
      if (!FromArgument && !inside(Key)) {
        outside(Path, firstRoot(), Key, From);
        return std::nullopt;
      }
    }
    if (!Loaded.insert(Key).second)
      return std::nullopt;
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    if (Overrides && Overrides->count(Key)) {
      llvm::StringRef Text = Overrides->find(Key)->second;
      if (Text.size() > Load.Limits.FileBytes)
        return tooLarge(Path, Text.size(), From, FromArgument);
      Buffer = llvm::MemoryBuffer::getMemBufferCopy(Text, Path);
    } else if (auto It = Prefetched.find(Path); It != Prefetched.end() && It->second) {
      Buffer = std::move(It->second);
    } else {
      FileRead R = readRegularFile(Key, Load.Limits.FileBytes, Path);
      if (R.S == FileRead::TooLarge)
        return tooLarge(Path, R.Size, From, FromArgument);
      if (!R) {
        Diags.report(From, diag::CannotRead, {Path, R.reason()}).zh({Path, R.reasonZh()});
        if (FromArgument)
          Result.InputError = true;
        return std::nullopt;
      }
      Buffer = std::move(R.Buffer);
    }
    uint64_t Size = Buffer->getBufferSize();
    if (Total + Size > Load.Limits.TotalBytes) {
      if (!OverTotal) { // once: every later file would say the same
        uint64_t Cap = Load.Limits.TotalBytes;
        auto Shown = [&](const char *Bytes) {
          if (Cap && Cap % (1u << 20) == 0)
            return std::to_string(Cap >> 20) + " MiB";
          if (Cap && Cap % (1u << 10) == 0)
            return std::to_string(Cap >> 10) + " KiB";
          return std::to_string(Cap) + Bytes;
        };
        Diags.report(From, diag::WorkspaceTooLarge, {Path, Shown(" bytes")}).zh({Path, Shown(" 字节")});
      }
      OverTotal = true;
      Result.InputError = true;
      return std::nullopt;
    }
    Total += Size;
    Pending P{Path, Key, SM.addBuffer(std::move(Buffer), Path)};
    if (inExtraRoot(Key)) {
      bool Own = false;
      for (const Root &R : Roots)
        Own |= !R.Real.empty() && isWithin(Key, R.Real);
      if (!Own)
        Result.FromExtraRoot.insert(P.ID);
    }
    return P;
  }

  std::nullopt_t tooLarge(const std::string &Path, uint64_t Size, Span From, bool FromArgument) {
    // A limit that keeps hostile input from exhausting memory: the lexer holds a token per
    // few bytes. Budgets are split into files far below it.
    Diags.report(From, diag::FileTooLarge,
                 {Path, std::to_string(Size >> 20), std::to_string(Load.Limits.FileBytes >> 20)});
    if (FromArgument)
      Result.InputError = true;
    return std::nullopt;
  }

  /// Adds the parsed file \p Key to the workspace and follows its includes, depth first; an
  /// include of a file on the way down is a cycle.
  void follow(const std::string &Key, const std::string &Path) {
    auto It = Files.find(Key);
    if (It == Files.end() || !It->second || !Followed.insert(Key).second)
      return;
    ast::File *F = It->second;
    Result.Files.push_back(F);
    Stack.push_back(Key);
    llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
    for (ast::Node *N : F->Items) {
      auto *Inc = llvm::dyn_cast<ast::Include>(N);
      if (!Inc || !Inc->Path.present() || Inc->Path.Value.empty())
        continue;
      llvm::SmallString<256> Target;
      if (llvm::sys::path::is_absolute(Inc->Path.Value)) {
        Target = Inc->Path.Value;
      } else {
        Target = Dir;
        llvm::sys::path::append(Target, Inc->Path.Value);
      }
      llvm::sys::path::remove_dots(Target, /*remove_dot_dot=*/true);
      std::string Real = realPath(Target);
      if (!Real.empty() && std::find(Stack.begin(), Stack.end(), Real) != Stack.end()) {
        Diags.report(Inc->Path.Range, diag::IncludeCycle, {std::string(Target)});
        continue;
      }
      if (auto P = read(Target.str().str(), Inc->Path.Range, false)) {
        Files[P->Key] = syntax::parseFile(SM, P->ID, Ctx, Diags, Opts);
        follow(P->Key, P->Path);
      } else if (!Real.empty()) {
        follow(Real, Target.str().str()); // named on the command line too
      }
    }
    Stack.pop_back();
  }

  SourceManager &SM;
  ast::Context &Ctx;
  DiagEngine &Diags;
  const syntax::ParseOptions &Opts;
  const llvm::StringMap<std::string> *Overrides;
  const LoadOptions &Load;
  Workspace Result;
  std::vector<Root> Roots;
  std::vector<std::string> ExtraRoots;      ///< real paths
  std::vector<std::string> ExtraRootsGiven; ///< as named
  llvm::StringSet<> RootsFilesRead;
  std::set<std::pair<dev_t, ino_t>> Entered; ///< directories walked
  std::string WalkRoot;                      ///< the real path of the directory being walked
  uint64_t Total = 0;                        ///< bytes read so far
  bool OverTotal = false;                    ///< BUD909 was reported
  std::vector<Pending> Top;                  ///< The files the command line names, in order.
  std::map<std::string, ast::File *> Files;  ///< Parsed files by real path.
  llvm::StringSet<> Loaded, Followed;
  llvm::StringMap<std::string> KnownReal; ///< Real paths of the files a walk found.
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Prefetched; ///< See prefetch().
  std::vector<std::string> Stack; ///< Real paths of the files being included, outermost first.
};

} // namespace

Workspace loadWorkspace(llvm::ArrayRef<std::string> Paths, SourceManager &SM, ast::Context &Ctx,
                        DiagEngine &Diags, const syntax::ParseOptions &Opts,
                        const llvm::StringMap<std::string> *Overrides, const LoadOptions &Load) {
  Loader L(SM, Ctx, Diags, Opts, Overrides, Load);
  {
    llvm::NamedRegionTimer T("read", "read the files", "budc", "budc phases", Opts.TimePhases);
    for (const std::string &P : Paths)
      L.collect(P);
  }
  llvm::NamedRegionTimer T("parse", "parse and build syntax trees", "budc", "budc phases",
                           Opts.TimePhases);
  L.parseAll();
  return L.take();
}

namespace {

/// Whether \p Text has a line that starts with the budget header (预算 YEAR / budget YEAR).
bool declaresBudget(llvm::StringRef Text) {
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    Line = Line.ltrim(" \t\xEF\xBB\xBF\r");
    for (llvm::StringRef Word : {"预算", "budget"})
      if (Line.startswith(Word)) {
        llvm::StringRef After = Line.drop_front(Word.size()).ltrim(" \t");
        if (After.size() != Line.size() - Word.size() && !After.empty() && isdigit(After[0]))
          return true;
      }
  }
  return false;
}

/// Whether a .bud file directly in \p Dir declares the budget header; the texts of
/// \p Overrides (by real path) stand for the files on disk, and those not on disk yet count.
bool holdsHeader(llvm::StringRef Dir, const llvm::StringMap<std::string> *Overrides) {
  auto Bud = [](llvm::StringRef Name) { return Name.endswith(".bud") && !Name.startswith("."); };
  std::string RealDir = Overrides ? realPath(Dir) : "";
  if (Overrides)
    for (const auto &O : *Overrides)
      if (llvm::sys::path::parent_path(O.getKey()) == RealDir &&
          Bud(llvm::sys::path::filename(O.getKey())) && declaresBudget(O.getValue()))
        return true;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    if (!Bud(llvm::sys::path::filename(It->path())))
      continue;
    if (Overrides && Overrides->count(realPath(It->path())))
      continue; // its text in memory was looked at above
    FileRead R = readRegularFile(It->path(), ReadLimits::DefaultFileBytes);
    if (R && declaresBudget(R.Buffer->getBuffer()))
      return true;
  }
  return false;
}

} // namespace

std::string workspaceRoot(llvm::StringRef Path, llvm::StringRef Ceiling,
                          const llvm::StringMap<std::string> *Overrides) {
  if (llvm::sys::fs::is_directory(Path))
    return Path.str();
  llvm::SmallString<256> Abs(Path);
  if (llvm::sys::fs::make_absolute(Abs))
    return Path.str();
  llvm::sys::path::remove_dots(Abs, true);
  llvm::StringRef Dir = llvm::sys::path::parent_path(Abs);
  while (!Dir.empty()) {
    if (holdsHeader(Dir, Overrides)) {
      // Keep the spelling the user gave when the root is the file's own directory.
      llvm::StringRef Given = llvm::sys::path::parent_path(Path);
      if (Dir == llvm::sys::path::parent_path(Abs))
        return Given.empty() ? std::string(".") : Given.str();
      return Dir.str();
    }
    // Nor does it leave the git repository that holds the file: what lies above a clone
    // (a CI runner's /tmp, a home directory) is not its workspace.
    llvm::SmallString<256> Git(Dir);
    llvm::sys::path::append(Git, ".git");
    llvm::StringRef Up = llvm::sys::path::parent_path(Dir);
    if (Up == Dir || (!Ceiling.empty() && !isWithin(Up, Ceiling)) ||
        llvm::sys::fs::exists(Git))
      break;
    Dir = Up;
  }
  return Path.str();
}

} // namespace budc

//===- workspace.cpp - Find, read and parse the files of a workspace --------===//
#include "compiler/workspace/workspace.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/Timer.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <atomic>
#include <map>
#include <optional>

namespace budc {
namespace {

/// The bytes of the regular file \p Path, or null (read() then reads it again and reports
/// why). Four system calls a file: MemoryBuffer::getFile makes six, masking all signals
/// around close(), and system calls are dear on virtual machines; a province has tens of
/// thousands of files.
std::unique_ptr<llvm::MemoryBuffer> readWhole(const std::string &Path) {
  int FD = ::open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (FD < 0)
    return nullptr;
  std::unique_ptr<llvm::WritableMemoryBuffer> Out;
  struct stat St;
  if (::fstat(FD, &St) == 0 && S_ISREG(St.st_mode)) {
    size_t Size = static_cast<size_t>(St.st_size);
    Out = llvm::WritableMemoryBuffer::getNewUninitMemBuffer(Size, Path);
    size_t Done = 0;
    while (Out && Done < Size) {
      ssize_t N = ::read(FD, Out->getBufferStart() + Done, Size - Done);
      if (N < 0 && errno == EINTR)
        continue;
      if (N <= 0) // an error, or the file shrank while it was read
        Out.reset();
      else
        Done += static_cast<size_t>(N);
    }
  }
  ::close(FD);
  return Out;
}

class Loader {
public:
  Loader(SourceManager &SM, ast::Context &Ctx, DiagEngine &Diags,
         const syntax::ParseOptions &Opts, const llvm::StringMap<std::string> *Overrides)
      : SM(SM), Ctx(Ctx), Diags(Diags), Opts(Opts), Overrides(Overrides) {}

  /// Phase 1: the files a command-line path names (a directory: every .bud below it).
  void collect(const std::string &Path) {
    if (llvm::sys::fs::is_directory(Path)) {
      std::vector<std::string> Found;
      std::error_code EC;
      for (llvm::sys::fs::recursive_directory_iterator It(Path, EC), End; It != End && !EC;
           It.increment(EC)) {
        llvm::StringRef Name = llvm::sys::path::filename(It->path());
        if (It->type() == llvm::sys::fs::file_type::directory_file && Name.startswith(".")) {
          It.no_push();
          continue;
        }
        if (Name.endswith(".bud") && !Name.startswith(".") &&
            It->type() != llvm::sys::fs::file_type::directory_file) {
          Found.push_back(It->path());
          // A regular file's real path is its directory's plus its name: one realpath()
          // per directory instead of one (a system call per path component) per file.
          if (It->type() == llvm::sys::fs::file_type::regular_file) {
            llvm::StringRef Dir = llvm::sys::path::parent_path(It->path());
            auto [D, New] = DirReal.try_emplace(Dir);
            if (New) {
              llvm::SmallString<256> R;
              if (!llvm::sys::fs::real_path(Dir, R))
                D->second = R.str().str();
            }
            if (!D->second.empty()) {
              llvm::SmallString<256> R(D->second);
              llvm::sys::path::append(R, Name);
              KnownReal[It->path()] = R.str().str();
            }
          }
        }
      }
      if (EC) {
        Diags.report({}, diag::CannotRead, {Path, EC.message()});
        Result.InputError = true;
        return;
      }
      if (Found.empty()) {
        Diags.report({}, diag::NoBudFiles, {Path});
        Result.InputError = true;
        return;
      }
      std::sort(Found.begin(), Found.end());
      prefetch(Found);
      for (const std::string &F : Found)
        if (auto P = read(F, {}, true))
          Top.push_back(*P);
      Prefetched.clear();
      return;
    }
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

  Workspace take() { return std::move(Result); }

private:
  struct Pending {
    std::string Path, Key;
    unsigned ID = 0;
  };

  /// Reads the files a directory walk found on the cores that will parse them, when they are
  /// many (13,500 files of 1M lines took a tenth of a check to read one by one); read() takes
  /// them from here in order. A file that fails is read again there and reported.
  void prefetch(llvm::ArrayRef<std::string> Paths) {
    unsigned Jobs = Opts.Jobs ? Opts.Jobs : llvm::hardware_concurrency().compute_thread_count();
    if (Jobs < 2 || Paths.size() < 64)
      return;
    std::vector<std::unique_ptr<llvm::MemoryBuffer>> Buffers(Paths.size());
    {
      llvm::ThreadPool Pool(llvm::hardware_concurrency(Jobs));
      size_t Chunk = (Paths.size() + Jobs - 1) / Jobs;
      for (size_t Begin = 0; Begin < Paths.size(); Begin += Chunk)
        Pool.async([&, Begin] {
          for (size_t I = Begin; I < std::min(Paths.size(), Begin + Chunk); ++I)
            Buffers[I] = readWhole(Paths[I]);
        });
      Pool.wait();
    }
    for (size_t I = 0; I < Paths.size(); ++I)
      Prefetched[Paths[I]] = std::move(Buffers[I]);
  }

  /// Reads \p Path into the source manager unless it was read already. \p From is the
  /// include statement that named it (invalid for command-line paths).
  std::optional<Pending> read(const std::string &Path, Span From, bool FromArgument) {
    llvm::SmallString<256> Real;
    auto Known = KnownReal.find(Path);
    if (Known != KnownReal.end())
      Real = Known->second;
    else if (std::error_code EC = llvm::sys::fs::real_path(Path, Real)) {
      if (FromArgument) {
        // Say why: a directory on the way that may not be entered is not a missing file.
        bool Missing = EC == std::errc::no_such_file_or_directory;
        bool Denied = EC == std::errc::permission_denied;
        Diags.report({}, diag::CannotRead, {Path, Missing ? "no such file or directory" : EC.message()})
            .zh({Path, Missing ? "文件或目录不存在" : Denied ? "没有访问权限" : EC.message()});
        Result.InputError = true;
      } else {
        Diags.report(From, diag::IncludeNotFound, {Path});
      }
      return std::nullopt;
    }
    std::string Key = Real.str().str();
    if (!Loaded.insert(Key).second)
      return std::nullopt;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer = std::make_error_code(std::errc::io_error);
    if (Overrides && Overrides->count(Key))
      Buffer = llvm::MemoryBuffer::getMemBufferCopy(Overrides->lookup(Key), Path);
    else if (auto It = Prefetched.find(Path); It != Prefetched.end() && It->second)
      Buffer = std::move(It->second);
    else
      Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                           /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      if (From.isValid())
        Diags.report(From, diag::CannotRead, {Path, Buffer.getError().message()});
      else
        Diags.report({}, diag::CannotRead, {Path, Buffer.getError().message()});
      if (FromArgument)
        Result.InputError = true;
      return std::nullopt;
    }
    // A limit that keeps hostile input from exhausting memory: the lexer holds a token per
    // few bytes. Budgets are split into files far below it.
    constexpr size_t MaxFileSize = 32u << 20;
    if ((*Buffer)->getBufferSize() > MaxFileSize) {
      Diags.report(From, diag::FileTooLarge,
                   {Path, std::to_string((*Buffer)->getBufferSize() >> 20),
                    std::to_string(MaxFileSize >> 20)});
      if (FromArgument)
        Result.InputError = true;
      return std::nullopt;
    }
    Pending P{Path, Key, SM.addBuffer(std::move(*Buffer), Path)};
    return P;
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
      llvm::SmallString<256> Real;
      if (!llvm::sys::fs::real_path(Target, Real) &&
          std::find(Stack.begin(), Stack.end(), std::string(Real)) != Stack.end()) {
        Diags.report(Inc->Path.Range, diag::IncludeCycle, {std::string(Target)});
        continue;
      }
      if (auto P = read(Target.str().str(), Inc->Path.Range, false)) {
        Files[P->Key] = syntax::parseFile(SM, P->ID, Ctx, Diags, Opts);
        follow(P->Key, P->Path);
      } else if (!llvm::sys::fs::real_path(Target, Real)) {
        follow(std::string(Real), Target.str().str()); // named on the command line too
      }
    }
    Stack.pop_back();
  }

  SourceManager &SM;
  ast::Context &Ctx;
  DiagEngine &Diags;
  const syntax::ParseOptions &Opts;
  const llvm::StringMap<std::string> *Overrides;
  Workspace Result;
  std::vector<Pending> Top;                 ///< The files the command line names, in order.
  std::map<std::string, ast::File *> Files; ///< Parsed files by real path.
  llvm::StringSet<> Loaded, Followed;
  llvm::StringMap<std::string> DirReal;   ///< Real paths of the directories walked.
  llvm::StringMap<std::string> KnownReal; ///< Real paths of the regular files found there.
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Prefetched; ///< See prefetch().
  std::vector<std::string> Stack; ///< Real paths of the files being included, outermost first.
};

} // namespace

Workspace loadWorkspace(llvm::ArrayRef<std::string> Paths, SourceManager &SM, ast::Context &Ctx,
                        DiagEngine &Diags, const syntax::ParseOptions &Opts,
                        const llvm::StringMap<std::string> *Overrides) {
  Loader L(SM, Ctx, Diags, Opts, Overrides);
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

/// Whether a .bud file directly in \p Dir declares the budget header.
bool holdsHeader(llvm::StringRef Dir) {
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    if (!Name.endswith(".bud") || Name.startswith("."))
      continue;
    auto Buffer = llvm::MemoryBuffer::getFile(It->path(), false, false);
    if (!Buffer || (*Buffer)->getBufferSize() > (32u << 20))
      continue;
    llvm::StringRef Text = (*Buffer)->getBuffer();
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
  }
  return false;
}

} // namespace

std::string workspaceRoot(llvm::StringRef Path) {
  if (llvm::sys::fs::is_directory(Path))
    return Path.str();
  llvm::SmallString<256> Abs(Path);
  if (llvm::sys::fs::make_absolute(Abs))
    return Path.str();
  llvm::sys::path::remove_dots(Abs, true);
  llvm::StringRef Dir = llvm::sys::path::parent_path(Abs);
  while (!Dir.empty()) {
    if (holdsHeader(Dir)) {
      // Keep the spelling the user gave when the root is the file's own directory.
      llvm::StringRef Given = llvm::sys::path::parent_path(Path);
      if (Dir == llvm::sys::path::parent_path(Abs))
        return Given.empty() ? std::string(".") : Given.str();
      return Dir.str();
    }
    llvm::StringRef Up = llvm::sys::path::parent_path(Dir);
    if (Up == Dir)
      break;
    Dir = Up;
  }
  return Path.str();
}

} // namespace budc

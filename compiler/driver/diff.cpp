//===- diff.cpp - budc diff: what changed between two versions, semantically --===//
//
// budc diff OLD NEW                 two workspaces (directories or files)
// budc diff REV1 REV2 [-- PATH…]    two git revisions of the paths given
// budc diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
//                                   git's external diff: PATH's workspace with either text
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "compiler/diff/git.h"
#include "compiler/diff/semantic.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace llvm;

namespace budc::driver {
namespace {

cl::list<std::string> DiffArgs(cl::Positional,
                               cl::desc("OLD NEW | REV1 REV2 [-- PATH…] | git's seven "
                                        "external-diff arguments"),
                               cl::ZeroOrMore, cl::sub(cmd::diff()));
cl::opt<std::string> DiffFormat("format", cl::desc("Report format: text, md or json"),
                                cl::init("text"), cl::value_desc("text|md|json"),
                                cl::sub(cmd::diff()), cl::cat(category()));

/// One version of a workspace, compiled, and what the diff sees of it.
struct Side {
  std::unique_ptr<Compilation> C;
  diff::Version V;
};

Side compileSide(const std::vector<std::string> &Inputs, const StringMap<std::string> *Overrides,
                 const CompileOptions &Base, Lang L) {
  Side S;
  if (Inputs.empty()) { // a side without .bud files is an empty budget (added or removed)
    S.C = std::make_unique<Compilation>();
    return S;
  }
  CompileOptions O = Base;
  O.TablesDespiteErrors = true;
  O.Overrides = Overrides;
  S.C = compile(Inputs, O);
  if (S.C->Budget)
    S.V.Budget = &*S.C->Budget;
  if (S.C->Tables)
    S.V.Tables = &*S.C->Tables;
  S.V.Diagnostics = diff::describeDiagnostics(S.C->Diags.sorted(), L);
  return S;
}

/// git's external diff: path old-file old-hex old-mode new-file new-hex new-mode. Each side is
/// the workspace of path with that file's text from git; exit 0 always (git stops otherwise).
int gitDriver(ArrayRef<std::string> Args, diff::Format F, const CompileOptions &CO, Lang L) {
  const std::string &Path = Args[0];
  // git hands over temporary files (or /dev/null for a side that does not exist); anything
  // else that is not a regular file within the size cap is refused, not waited on.
  StringMap<std::string> Texts[2];
  for (int I = 0; I < 2; ++I) {
    const std::string &File = Args[I ? 4 : 1];
    if (File == "/dev/null")
      continue;
    FileRead R = readRegularFile(File, CO.Load.Limits.FileBytes);
    if (!R) {
      errs() << "budc: error: cannot read '" << File << "': " << R.reason() << "\n";
      return ExitUsage;
    }
    Texts[I][""] = R.Buffer->getBuffer().str();
  }
  SmallString<256> Real;
  Side Old, New;
  if (!sys::fs::real_path(Path, Real)) {
    for (StringMap<std::string> &T : Texts)
      T[Real] = T.lookup("");
    std::vector<std::string> Inputs{workspaceRoot(Path)};
    Old = compileSide(Inputs, &Texts[0], CO, L);
    New = compileSide(Inputs, &Texts[1], CO, L);
  } else {
    // The file is gone from the work tree: compare the two texts alone.
    Old = compileSide({Args[1]}, nullptr, CO, L);
    New = compileSide({Args[4]}, nullptr, CO, L);
  }
  diff::print(outs(), diff::compare(Old.V, New.V), F, "a/" + Path, "b/" + Path);
  return ExitOk;
}

/// Two revisions read into a private temporary directory (old/ and new/), removed again
/// when this goes.
struct Revisions {
  SmallString<128> Temp;
  std::vector<std::string> Inputs[2];

  ~Revisions() {
    if (!Temp.empty())
      sys::fs::remove_directories(Temp);
  }

  /// Reads the .bud files of the paths \p Args[2…] at the revisions \p Args[0] and
  /// \p Args[1]; false after saying why not.
  bool extract(ArrayRef<std::string> Args, const ReadLimits &Limits) {
    auto Prefix = diff::repositoryPrefix();
    if (!Prefix) {
      errs() << "budc: error: '" << Args[0] << "' and '" << Args[1]
             << "' are neither paths nor revisions of a git repository here\n";
      return false;
    }
    for (int I = 0; I < 2; ++I)
      if (!diff::isRevision(Args[I])) {
        errs() << "budc: error: '" << Args[I] << "' is "
               << (sys::fs::exists(Args[I]) ? "not" : "neither a path nor")
               << " a revision of this repository\n";
        return false;
      }
    // Paths are relative to the current directory; git ls-tree --full-tree wants them
    // relative to the top of the repository, and none may leave it.
    std::vector<std::string> Paths;
    for (const std::string &Given : Args.drop_front(2)) {
      SmallString<256> P;
      if (sys::path::is_absolute(Given)) {
        auto Top = diff::git({"rev-parse", "--show-toplevel"});
        StringRef T = Top ? StringRef(*Top).rtrim("\n") : StringRef();
        if (T.empty() || !isWithin(Given, T)) {
          errs() << "budc: error: '" << Given << "' is outside the repository\n";
          return false;
        }
        P = StringRef(Given).drop_front(T.size()).ltrim("/");
      } else {
        P = *Prefix;
        sys::path::append(P, Given);
      }
      sys::path::remove_dots(P, /*remove_dot_dot=*/true);
      if (StringRef(P).startswith("..")) {
        errs() << "budc: error: '" << Given << "' is outside the repository\n";
        return false;
      }
      Paths.push_back(P.empty() ? std::string(".") : std::string(P.str().rtrim("/")));
    }
    if (sys::fs::createUniqueDirectory("budc-diff", Temp)) {
      errs() << "budc: error: cannot make a temporary directory\n";
      Temp.clear();
      return false;
    }
    int Top = ::open(Temp.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    diff::Extraction X[2];
    uint64_t Bytes = 0;
    for (int I = 0; I < 2 && Top >= 0; ++I) {
      const char *Side = I ? "new" : "old";
      int Dir = ::mkdirat(Top, Side, 0700) == 0
                    ? ::openat(Top, Side, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    : -1;
      if (Dir < 0) {
        X[I].Error = std::string("cannot make a temporary directory: ") + strerror(errno);
      } else {
        X[I] = diff::extractRevision(Args[I], Paths, Dir, Limits, Bytes);
        ::close(Dir);
      }
      if (!X[I].Error.empty()) {
        errs() << "budc: error: " << X[I].Error << "\n";
        ::close(Top);
        return false;
      }
      Bytes = X[I].Bytes;
      SmallString<256> SideDir(Temp);
      sys::path::append(SideDir, Side);
      if (X[I].Files) // a side with no .bud files is an empty budget (added or removed)
        Inputs[I].push_back(std::string(SideDir));
    }
    if (Top < 0) {
      errs() << "budc: error: cannot make a temporary directory\n";
      return false;
    }
    ::close(Top);
    // A path that names nothing in either revision is a mistake, not "no semantic change".
    for (const std::string &P : Paths) {
      bool Found = P == ".";
      for (const diff::Extraction &E : X)
        for (const std::string &Entry : E.Entries)
          Found |= Entry == P || StringRef(Entry).startswith(P + "/");
      for (int I = 0; I < 2 && !Found; ++I) { // a pathspec with wildcards: ask git
        auto L = diff::git({"ls-tree", "-r", "--name-only", "--full-tree", Args[I], "--", P});
        Found = L && !L->empty();
      }
      if (!Found) {
        errs() << "budc: error: '" << P << "' names nothing in '" << Args[0] << "' or '"
               << Args[1] << "'\n";
        return false;
      }
    }
    return true;
  }
};

} // namespace

int runDiff() {
  auto RO = renderOptions();
  if (!RO)
    return ExitUsage;
  std::optional<diff::Format> F;
  if (DiffFormat == "text")
    F = diff::Format::Text;
  else if (DiffFormat == "md" || DiffFormat == "markdown")
    F = diff::Format::Markdown;
  else if (DiffFormat == "json")
    F = diff::Format::Json;
  if (!F) {
    errs() << "budc: error: --format must be text, md or json, not '" << DiffFormat << "'\n";
    return ExitUsage;
  }
  std::optional<CompileOptions> CO = compileOptions(Stage::Tables);
  if (!CO)
    return ExitUsage;
  CO->ReleaseBodies = true; // the models and tables are compared, not the trees
  std::vector<std::string> Args(DiffArgs.begin(), DiffArgs.end());
  return guarded([&] {
    // git's seven arguments end in the old and new modes (100644; "." for none).
    auto IsMode = [](StringRef M) { return M == "." || (!M.empty() && M.find_first_not_of("01234567") == StringRef::npos); };
    if (Args.size() == 7 && IsMode(Args[3]) && IsMode(Args[6]))
      return gitDriver(Args, *F, *CO, RO->Language);
    if (Args.size() < 2) {
      errs() << "budc: error: budc diff needs OLD NEW, REV1 REV2 [-- PATH…], or git's seven "
                "external-diff arguments\n";
      return ExitUsage;
    }
    std::vector<std::string> OldInputs{Args[0]}, NewInputs{Args[1]};
    std::optional<Revisions> Revs;
    if (!sys::fs::exists(Args[0]) || !sys::fs::exists(Args[1]) || Args.size() > 2) {
      Revs.emplace();
      if (!Revs->extract(Args, CO->Load.Limits))
        return ExitUsage;
      OldInputs = Revs->Inputs[0];
      NewInputs = Revs->Inputs[1];
      // A side read from a revision has no workspace above its directory.
      CO->Load.Ceiling = Revs->Temp.str().str();
    }
    Side Old = compileSide(OldInputs, nullptr, *CO, RO->Language);
    Side New = compileSide(NewInputs, nullptr, *CO, RO->Language);
    Revs.reset(); // the temporary directory goes
    for (const Side *S : {&Old, &New})
      if (S->C->inputError() && !S->C->Budget) {
        renderText(errs(), S->C->SM, S->C->Diags.sorted(), *RO);
        return ExitUsage;
      }
    diff::Report R = diff::compare(Old.V, New.V);
    diff::print(outs(), R, *F, Args[0], Args[1]);
    return R.empty() ? ExitOk : ExitErrors;
  });
}

} // namespace budc::driver

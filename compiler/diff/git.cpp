//===- git.cpp - The git plumbing of budc diff and budc git-setup -----------===//
#include "compiler/diff/git.h"

#include "compiler/emit/write.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace budc::diff {

std::optional<std::string> git(llvm::ArrayRef<std::string> Args) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return std::nullopt;
  llvm::SmallString<128> Out;
  if (llvm::sys::fs::createTemporaryFile("budc-git", "out", Out))
    return std::nullopt;
  std::vector<llvm::StringRef> Argv{*Git};
  for (const std::string &A : Args)
    Argv.push_back(A);
  llvm::Optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(Out),
                                                 llvm::StringRef("")};
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, llvm::None, Redirects);
  auto Buffer = llvm::MemoryBuffer::getFile(Out);
  llvm::sys::fs::remove(Out);
  if (RC != 0 || !Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

std::optional<std::string> repositoryPrefix() {
  auto Top = git({"rev-parse", "--show-toplevel"});
  if (!Top)
    return std::nullopt;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  return llvm::StringRef(Cwd).drop_front(llvm::StringRef(*Top).rtrim("\n").size()).ltrim("/").str();
}

bool extractRevision(const std::string &Rev, llvm::ArrayRef<std::string> Paths,
                     llvm::StringRef Dir) {
  std::vector<std::string> Args{"ls-tree", "-r", "-z", "--name-only", "--full-tree", Rev, "--"};
  Args.insert(Args.end(), Paths.begin(), Paths.end());
  auto List = git(Args);
  if (!List)
    return false;
  for (llvm::StringRef Name : llvm::split(llvm::StringRef(*List), '\0')) {
    if (!Name.endswith(".bud"))
      continue;
    auto Text = git({"show", Rev + ":" + Name.str()});
    if (!Text)
      return false;
    llvm::SmallString<256> Path(Dir);
    llvm::sys::path::append(Path, Name);
    llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
    if (emit::writeAtomically(Path, *Text))
      return false;
  }
  return true;
}

bool configureDiffDriver(bool Global) {
  auto Set = [&](const std::string &Key, const std::string &Value) {
    return git({"config", Global ? "--global" : "--local", Key, Value}).has_value();
  };
  return Set("diff.bud.command", "budc diff") && Set("diff.bud.binary", "false");
}

} // namespace budc::diff

//===- workspace.cpp - Find, read and parse the files of a workspace --------===//
#include "compiler/workspace/workspace.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>

namespace budc {
namespace {

class Loader {
public:
  Loader(SourceManager &SM, ast::Context &Ctx, DiagEngine &Diags,
         const syntax::ParseOptions &Opts)
      : SM(SM), Ctx(Ctx), Diags(Diags), Opts(Opts) {}

  void loadArgument(const std::string &Path) {
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
            It->type() != llvm::sys::fs::file_type::directory_file)
          Found.push_back(It->path());
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
      for (const std::string &F : Found)
        loadFile(F, {}, true);
      return;
    }
    loadFile(Path, {}, true);
  }

  Workspace take() { return std::move(Result); }

private:
  /// Reads and parses \p Path unless it was loaded already, then follows its includes.
  /// \p From is the include statement that named it (invalid for command-line paths).
  void loadFile(const std::string &Path, Span From, bool FromArgument) {
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Path, Real)) {
      if (FromArgument) {
        Diags.report({}, diag::CannotRead, {Path, "no such file or directory"})
            .zh({Path, "文件或目录不存在"});
        Result.InputError = true;
      } else {
        Diags.report(From, diag::IncludeNotFound, {Path});
      }
      return;
    }
    std::string Key = Real.str().str();
    if (std::find(Stack.begin(), Stack.end(), Key) != Stack.end()) {
      Diags.report(From, diag::IncludeCycle, {Path});
      return;
    }
    if (!Loaded.insert(Key).second)
      return;
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (!Buffer) {
      if (From.isValid())
        Diags.report(From, diag::CannotRead, {Path, Buffer.getError().message()});
      else
        Diags.report({}, diag::CannotRead, {Path, Buffer.getError().message()});
      if (FromArgument)
        Result.InputError = true;
      return;
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
      return;
    }
    unsigned ID = SM.addBuffer(std::move(*Buffer), Path);
    ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags, Opts);
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
      loadFile(Target.str().str(), Inc->Path.Range, false);
    }
    Stack.pop_back();
  }

  SourceManager &SM;
  ast::Context &Ctx;
  DiagEngine &Diags;
  const syntax::ParseOptions &Opts;
  Workspace Result;
  llvm::StringSet<> Loaded;
  std::vector<std::string> Stack; ///< Real paths of the files being included, outermost first.
};

} // namespace

Workspace loadWorkspace(llvm::ArrayRef<std::string> Paths, SourceManager &SM, ast::Context &Ctx,
                        DiagEngine &Diags, const syntax::ParseOptions &Opts) {
  Loader L(SM, Ctx, Diags, Opts);
  for (const std::string &P : Paths)
    L.loadArgument(P);
  return L.take();
}

} // namespace budc

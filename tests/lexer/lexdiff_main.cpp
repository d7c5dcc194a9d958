//===- lexdiff_main.cpp - budc-lexdiff: the two lexers on files and random input -===//
//
// budc-lexdiff PATH…          every .bud file below each PATH (or the file itself)
// budc-lexdiff --random N     N random inputs made of the language's pieces (fixed seed)
//
// Exit 0 when the lexer generated from grammar/BudLexer.g4 and budc's own agree on every
// input, 1 at the first difference (printed with the input's name).
//
//===----------------------------------------------------------------------===//
#include "tests/lexer/differential.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <random>
#include <string>
#include <vector>

namespace {

/// Pieces random inputs are made of: every class of character the grammar names, the
/// boundaries between its rules, and bytes that are not UTF-8.
const char *const Pieces[] = {
    "预算", "项目", "项目支出", "单位", "单位资金", "上年结转", "上年", "结转", "budget",
    "budgets", "project", "指标", "描述", "依据", "声明", "说明", "表样", "科目表", "计量单位表",
    "0", "1", "16", "2024", "22.2", "1754.54", "12.", ".5", "-", "2024-06-30", "2024-6-30",
    "2024-06-3", "12024-06-30", "万元", "元/人.年", "元/", "人.", "%", "‰", "㎡", "℃", "㎏",
    "村", "P", "A1", "13030224P00308P121121", "3AB", "X", "x", "_", "a1", "\"", "\"\"",
    "\"\"\"", "\\", "\\\"", "\\n", "\n", "\r", "\r\n", " ", "\t", "\u3000", "\uFEFF", "//",
    "// budc:allow BUD401 因为", "/", ".", "·", "（", "）", "【", "】", "〔", "《", "》", "「",
    "“", "”", "‘", "’", "、", "，", "。", "：", "＝", "１", "｛", "；", "≥", "≤", "≠", ">=",
    "<=", "!=", "!", "=", ">", "<", "{", "}", "[", "]", ";", "\xff", "\xc3", "\xe4\xb8",
    "\xed\xa0\x80", "\xf0\x9f\x98\x80", "\x01", "\x07", "\x7f", "\u202e", "\U00020000", "ｘ",
    "α", "※", "\u00a0", ",", "#", "$", "@", "'"};

bool compareOne(const std::string &Name, llvm::StringRef Bytes, unsigned &Files) {
  ++Files;
  if (auto Diff = budc::lexdiff::compare(Bytes)) {
    llvm::errs() << Name << ": " << *Diff << "\n";
    return false;
  }
  return true;
}

} // namespace

int main(int Argc, char **Argv) {
  std::vector<std::string> Args(Argv + 1, Argv + Argc);
  unsigned Files = 0;
  bool Ok = true;
  if (Args.size() == 2 && Args[0] == "--random") {
    unsigned N = static_cast<unsigned>(std::stoul(Args[1]));
    std::mt19937 Rng(20261201);
    std::uniform_int_distribution<size_t> Piece(0, std::size(Pieces) - 1), Length(1, 40);
    for (unsigned I = 0; I < N && Ok; ++I) {
      std::string Text;
      for (size_t K = Length(Rng); K; --K)
        Text += Pieces[Piece(Rng)];
      Ok = compareOne("random input " + std::to_string(I), Text, Files);
    }
  } else {
    for (const std::string &Path : Args) {
      std::vector<std::string> Inputs;
      if (llvm::sys::fs::is_directory(Path)) {
        std::error_code EC;
        for (llvm::sys::fs::recursive_directory_iterator It(Path, EC), End; It != End && !EC;
             It.increment(EC))
          if (llvm::StringRef(It->path()).endswith(".bud"))
            Inputs.push_back(It->path());
      } else {
        Inputs.push_back(Path);
      }
      for (const std::string &In : Inputs) {
        auto Buffer = llvm::MemoryBuffer::getFile(In, /*IsText=*/false, /*RequiresNullTerminator=*/false);
        if (!Buffer) {
          llvm::errs() << In << ": " << Buffer.getError().message() << "\n";
          return 2;
        }
        Ok &= compareOne(In, (*Buffer)->getBuffer(), Files);
      }
    }
  }
  if (!Ok)
    return 1;
  llvm::outs() << "the two lexers agree on " << Files << " inputs\n";
  return 0;
}

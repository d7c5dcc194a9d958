//===- diff.cpp - Unified diffs and meaning checks for budc fmt -------------===//
#include "compiler/ast/dump.h"
#include "compiler/format/format.h"
#include "compiler/syntax/parser.h"

#include "llvm/Support/Regex.h"
#include "llvm/Support/raw_ostream.h"

namespace budc::format {

std::string meaning(llvm::StringRef Text, llvm::StringRef Name) {
  SourceManager SM;
  ast::Context Ctx;
  DiagEngine Diags;
  unsigned ID = SM.addBuffer(Text, Name.str());
  ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
  std::string Dump;
  llvm::raw_string_ostream OS(Dump);
  syntax::dump(OS, *F, SM);
  OS.flush();
  // Positions and the lines of suppressions move when only the layout changes.
  static const llvm::Regex Position("<[0-9]+:[0-9]+-[0-9]+:[0-9]+>| line=[0-9]+(-[0-9]+)?");
  std::string Out;
  llvm::StringRef Rest = Dump;
  llvm::SmallVector<llvm::StringRef, 1> M;
  while (Position.match(Rest, &M)) {
    size_t At = M[0].data() - Rest.data();
    Out += Rest.substr(0, At).str();
    Rest = Rest.substr(At + M[0].size());
  }
  Out += Rest.str();
  return Diags.hasErrors() ? "<errors>\n" + Out : Out;
}

namespace {

std::vector<llvm::StringRef> lines(llvm::StringRef S) {
  std::vector<llvm::StringRef> Out;
  while (!S.empty()) {
    size_t N = S.find('\n');
    Out.push_back(S.substr(0, N == llvm::StringRef::npos ? S.size() : N + 1));
    S = N == llvm::StringRef::npos ? "" : S.substr(N + 1);
  }
  return Out;
}

} // namespace

std::string unifiedDiff(llvm::StringRef OldName, llvm::StringRef NewName, llvm::StringRef Old,
                        llvm::StringRef New) {
  if (Old == New)
    return "";
  std::vector<llvm::StringRef> A = lines(Old), B = lines(New);
  // Common head and tail, then a longest-common-subsequence table over the middle when it is
  // small enough (both sides ≤ 4000 lines); otherwise the middle is one change.
  size_t Head = 0;
  while (Head < A.size() && Head < B.size() && A[Head] == B[Head])
    ++Head;
  size_t Tail = 0;
  while (Tail < A.size() - Head && Tail < B.size() - Head &&
         A[A.size() - 1 - Tail] == B[B.size() - 1 - Tail])
    ++Tail;
  size_t N = A.size() - Head - Tail, M = B.size() - Head - Tail;
  // Ops: ' ' keep, '-' delete, '+' insert, over the whole files.
  std::vector<std::pair<char, llvm::StringRef>> Ops;
  for (size_t I = 0; I < Head; ++I)
    Ops.push_back({' ', A[I]});
  if (N <= 4000 && M <= 4000) {
    std::vector<std::vector<uint16_t>> L(N + 1, std::vector<uint16_t>(M + 1, 0));
    for (size_t I = N; I-- > 0;)
      for (size_t J = M; J-- > 0;)
        L[I][J] = A[Head + I] == B[Head + J] ? L[I + 1][J + 1] + 1
                                             : std::max(L[I + 1][J], L[I][J + 1]);
    size_t I = 0, J = 0;
    while (I < N || J < M) {
      if (I < N && J < M && A[Head + I] == B[Head + J]) {
        Ops.push_back({' ', A[Head + I]});
        ++I, ++J;
      } else if (I < N && (J == M || L[I + 1][J] >= L[I][J + 1])) {
        Ops.push_back({'-', A[Head + I++]}); // deletions first, as diff -u prints them
      } else {
        Ops.push_back({'+', B[Head + J++]});
      }
    }
  } else {
    for (size_t I = 0; I < N; ++I)
      Ops.push_back({'-', A[Head + I]});
    for (size_t J = 0; J < M; ++J)
      Ops.push_back({'+', B[Head + J]});
  }
  for (size_t I = A.size() - Tail; I < A.size(); ++I)
    Ops.push_back({' ', A[I]});

  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << "--- " << OldName << "\n+++ " << NewName << "\n";
  const size_t Context = 3;
  size_t K = 0;
  while (K < Ops.size()) {
    while (K < Ops.size() && Ops[K].first == ' ')
      ++K;
    if (K == Ops.size())
      break;
    size_t Start = K > Context ? K - Context : 0, End = K;
    // Extend the hunk while the next change is within 2 × Context kept lines.
    while (End < Ops.size()) {
      size_t Next = End;
      while (Next < Ops.size() && Ops[Next].first != ' ')
        ++Next;
      size_t Keep = Next;
      while (Keep < Ops.size() && Ops[Keep].first == ' ')
        ++Keep;
      if (Keep < Ops.size() && Keep - Next <= 2 * Context) {
        End = Keep;
        continue;
      }
      End = std::min(Ops.size(), Next + Context);
      break;
    }
    // Line numbers of the hunk on each side.
    size_t OldLine = 1, NewLine = 1;
    for (size_t X = 0; X < Start; ++X) {
      OldLine += Ops[X].first != '+';
      NewLine += Ops[X].first != '-';
    }
    size_t OldCount = 0, NewCount = 0;
    for (size_t X = Start; X < End; ++X) {
      OldCount += Ops[X].first != '+';
      NewCount += Ops[X].first != '-';
    }
    OS << "@@ -" << (OldCount ? OldLine : OldLine - 1) << ',' << OldCount << " +"
       << (NewCount ? NewLine : NewLine - 1) << ',' << NewCount << " @@\n";
    for (size_t X = Start; X < End; ++X) {
      OS << Ops[X].first << Ops[X].second;
      if (!Ops[X].second.endswith("\n"))
        OS << "\n\\ No newline at end of file\n";
    }
    K = End;
  }
  OS.flush();
  return Out;
}

} // namespace budc::format

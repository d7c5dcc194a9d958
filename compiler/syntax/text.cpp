//===- text.cpp - Decoding of quoted strings and text blocks ----------------===//
#include "compiler/syntax/text.h"

#include <algorithm>

namespace budc::syntax {

std::string decodeString(llvm::StringRef Token, bool Closed,
                         std::vector<TextProblem> &Problems) {
  llvm::StringRef Body = Token.drop_front(1);
  if (Closed)
    Body = Body.drop_back(1);
  std::string Out;
  Out.reserve(Body.size());
  for (size_t I = 0; I < Body.size(); ++I) {
    char C = Body[I];
    if (C != '\\' || I + 1 == Body.size()) {
      Out += C;
      continue;
    }
    char E = Body[I + 1];
    switch (E) {
    case '"':
      Out += '"';
      break;
    case '\\':
      Out += '\\';
      break;
    case 'n':
      Out += '\n';
      break;
    case 't':
      Out += '\t';
      break;
    default: {
      // Report the escape with its whole (possibly multi-byte) character.
      unsigned Len = 1;
      unsigned char U = static_cast<unsigned char>(E);
      if (U >= 0xF0)
        Len = 4;
      else if (U >= 0xE0)
        Len = 3;
      else if (U >= 0xC0)
        Len = 2;
      Len = std::min<size_t>(Len, Body.size() - I - 1);
      Problems.push_back({diag::InvalidEscape, static_cast<uint32_t>(I + 1),
                          Len + 1, {Body.substr(I + 1, Len).str()}});
      Out.append(Body.data() + I, Len + 1);
      I += Len;
      continue;
    }
    }
    ++I;
  }
  return Out;
}

std::string decodeTextBlock(llvm::StringRef Token) {
  llvm::StringRef Body = Token.drop_front(3);
  if (Body.endswith("\"\"\""))
    Body = Body.drop_back(3);
  // Normalise line breaks to "\n".
  std::string Norm;
  Norm.reserve(Body.size());
  for (size_t I = 0; I < Body.size(); ++I) {
    if (Body[I] == '\r') {
      Norm += '\n';
      if (I + 1 < Body.size() && Body[I + 1] == '\n')
        ++I;
    } else {
      Norm += Body[I];
    }
  }
  llvm::StringRef S(Norm);
  // Drop the line break after the opening quotes (spaces before it too).
  llvm::StringRef Head = S.take_until([](char C) { return C == '\n'; });
  if (Head.trim(" \t").empty() && S.size() > Head.size())
    S = S.drop_front(Head.size() + 1);
  // Drop a last line of only spaces (the indentation of the closing quotes).
  size_t LastBreak = S.rfind('\n');
  if (LastBreak != llvm::StringRef::npos && S.drop_front(LastBreak + 1).trim(" \t").empty())
    S = S.take_front(LastBreak);
  else if (LastBreak == llvm::StringRef::npos && S.trim(" \t").empty())
    S = "";
  // Remove the indentation common to all non-blank lines.
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  S.split(Lines, '\n');
  size_t Common = llvm::StringRef::npos;
  for (llvm::StringRef L : Lines) {
    if (L.trim(" \t").empty())
      continue;
    size_t Indent = L.find_first_not_of(" \t");
    Common = std::min(Common, Indent);
  }
  if (Common == llvm::StringRef::npos)
    Common = 0;
  std::string Out;
  Out.reserve(S.size());
  for (size_t I = 0; I < Lines.size(); ++I) {
    if (I)
      Out += '\n';
    llvm::StringRef L = Lines[I];
    Out += L.size() >= Common ? L.drop_front(Common).str() : L.ltrim(" \t").str();
  }
  return Out;
}

std::vector<RawReference> findReferences(llvm::StringRef Token,
                                         std::vector<TextProblem> &Problems) {
  std::vector<RawReference> Refs;
  for (size_t I = 0; I < Token.size(); ++I) {
    char C = Token[I];
    if (C == '}' && I + 1 < Token.size() && Token[I + 1] == '}') {
      ++I;
      continue;
    }
    if (C != '{')
      continue;
    if (I + 1 < Token.size() && Token[I + 1] == '{') {
      ++I;
      continue;
    }
    size_t Close = Token.find_first_of("}\r\n", I + 1);
    if (Close == llvm::StringRef::npos || Token[Close] != '}') {
      Problems.push_back({diag::UnclosedReference, static_cast<uint32_t>(I), 1, {}});
      continue;
    }
    llvm::StringRef Content = Token.slice(I + 1, Close).trim(" \t");
    if (Content.empty())
      Problems.push_back(
          {diag::EmptyReference, static_cast<uint32_t>(I), static_cast<uint32_t>(Close - I + 1), {}});
    else
      Refs.push_back({Content.str(), static_cast<uint32_t>(I), static_cast<uint32_t>(Close - I + 1)});
    I = Close;
  }
  return Refs;
}

std::vector<ast::TextPart>
splitParts(llvm::StringRef Value, const std::vector<RawReference> &Refs, Span TokenRange,
           llvm::function_ref<llvm::StringRef(llvm::StringRef)> Save) {
  std::vector<ast::TextPart> Parts;
  std::string Literal;
  size_t RefIndex = 0;
  auto FlushLiteral = [&] {
    if (!Literal.empty())
      Parts.push_back({false, Save(Literal), {}});
    Literal.clear();
  };
  for (size_t I = 0; I < Value.size(); ++I) {
    char C = Value[I];
    if ((C == '{' || C == '}') && I + 1 < Value.size() && Value[I + 1] == C) {
      Literal += C;
      ++I;
      continue;
    }
    if (C == '{') {
      size_t Close = Value.find_first_of("}\n", I + 1);
      if (Close != llvm::StringRef::npos && Value[Close] == '}') {
        llvm::StringRef Content = Value.slice(I + 1, Close).trim(" \t");
        if (!Content.empty() && RefIndex < Refs.size()) {
          FlushLiteral();
          const RawReference &R = Refs[RefIndex++];
          Span Where{TokenRange.File, TokenRange.Begin + R.Offset,
                     TokenRange.Begin + R.Offset + R.Length};
          Parts.push_back({true, Save(Content), Where});
        }
        I = Close;
        continue;
      }
    }
    Literal += C;
  }
  FlushLiteral();
  return Parts;
}

std::vector<ast::TextPart>
textParts(const ast::Text &T, const SourceManager &SM,
          llvm::function_ref<llvm::StringRef(llvm::StringRef)> Save) {
  if (T.Style == ast::Text::Bare || !T.Range.isValid() ||
      T.Value.find_first_of("{}") == llvm::StringRef::npos)
    return {};
  std::vector<TextProblem> Reported;
  llvm::StringRef Token = SM.getText(T.Range.File).slice(T.Range.Begin, T.Range.End);
  return splitParts(T.Value, findReferences(Token, Reported), T.Range, Save);
}

} // namespace budc::syntax

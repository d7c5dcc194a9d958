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

namespace budc::syntax {
namespace {

/// The decoded value of a string or text block token, with for each of its bytes the offset in
/// the token of the source it comes from and how many source bytes that is.
struct Decoded {
  std::string Value;
  std::vector<uint32_t> From;
  std::vector<uint8_t> Width;
  void add(char C, size_t At, unsigned W) {
    Value += C;
    From.push_back(static_cast<uint32_t>(At));
    Width.push_back(static_cast<uint8_t>(W));
  }
};

Decoded decodeStringMapped(llvm::StringRef Token) {
  Decoded D;
  size_t End = Token.size() >= 2 && Token.endswith("\"") ? Token.size() - 1 : Token.size();
  for (size_t I = 1; I < End; ++I) {
    char C = Token[I];
    if (C != '\\' || I + 1 >= End) {
      D.add(C, I, 1);
      continue;
    }
    char E = Token[I + 1];
    char Out = E == 'n' ? '\n' : E == 't' ? '\t' : E == '"' || E == '\\' ? E : 0;
    if (!Out) { // an unknown escape (reported) is kept as written
      D.add(C, I, 1);
      continue;
    }
    D.add(Out, I, 2);
    ++I;
  }
  // A closing quote that is really an escaped one ends the string early: decodeString and
  // this agree on the bytes they produce, checked by the caller.
  return D;
}

/// The same steps as decodeTextBlock, keeping where each byte came from.
Decoded decodeTextBlockMapped(llvm::StringRef Token) {
  size_t BodyEnd = Token.size() >= 6 && Token.endswith("\"\"\"") ? Token.size() - 3 : Token.size();
  Decoded Norm;
  for (size_t I = 3; I < BodyEnd; ++I) {
    if (Token[I] == '\r') {
      bool Pair = I + 1 < BodyEnd && Token[I + 1] == '\n';
      Norm.add('\n', I, Pair ? 2 : 1);
      I += Pair;
    } else {
      Norm.add(Token[I], I, 1);
    }
  }
  llvm::StringRef S(Norm.Value);
  size_t Begin = 0, End = S.size();
  size_t HeadEnd = S.find('\n');
  if (HeadEnd != llvm::StringRef::npos && S.take_front(HeadEnd).trim(" \t").empty())
    Begin = HeadEnd + 1;
  llvm::StringRef Mid = S.slice(Begin, End);
  size_t LastBreak = Mid.rfind('\n');
  if (LastBreak != llvm::StringRef::npos && Mid.drop_front(LastBreak + 1).trim(" \t").empty())
    End = Begin + LastBreak;
  else if (LastBreak == llvm::StringRef::npos && Mid.trim(" \t").empty())
    End = Begin;
  llvm::SmallVector<std::pair<size_t, size_t>, 16> Lines; // [begin, end) in Norm
  for (size_t L = Begin;;) {
    size_t E = S.slice(0, End).find('\n', L);
    if (E == llvm::StringRef::npos || E >= End) {
      Lines.push_back({L, End});
      break;
    }
    Lines.push_back({L, E});
    L = E + 1;
  }
  size_t Common = llvm::StringRef::npos;
  for (auto [LB, LE] : Lines) {
    llvm::StringRef Line = S.slice(LB, LE);
    if (!Line.trim(" \t").empty())
      Common = std::min(Common, Line.find_first_not_of(" \t"));
  }
  if (Common == llvm::StringRef::npos)
    Common = 0;
  Decoded Out;
  for (size_t I = 0; I < Lines.size(); ++I) {
    auto [LB, LE] = Lines[I];
    if (I)
      Out.add('\n', Norm.From[LB - 1], Norm.Width[LB - 1]);
    llvm::StringRef Line = S.slice(LB, LE);
    size_t Skip = Line.size() >= Common ? Common : Line.size() - Line.ltrim(" \t").size();
    for (size_t J = LB + Skip; J < LE; ++J)
      Out.add(Norm.Value[J], Norm.From[J], Norm.Width[J]);
  }
  return Out;
}

} // namespace

std::vector<MappedPart> mappedParts(const ast::Text &T, const SourceManager &SM) {
  std::vector<MappedPart> Parts;
  if (!T.Range.isValid())
    return Parts;
  llvm::StringRef Token = SM.getText(T.Range.File).slice(T.Range.Begin, T.Range.End);
  Decoded D;
  if (T.Style == ast::Text::Bare) {
    for (size_t I = 0; I < Token.size(); ++I)
      D.add(Token[I], I, 1);
  } else {
    D = T.Style == ast::Text::Block ? decodeTextBlockMapped(Token) : decodeStringMapped(Token);
  }
  if (D.Value != T.Value) { // cannot happen: both decode the same token; keep the value
    MappedPart P;
    P.Text = T.Value.str();
    P.Range = T.Range;
    P.Runs.push_back({0, static_cast<uint32_t>(P.Text.size()), T.Range.Begin,
                      static_cast<uint32_t>(T.Range.End - T.Range.Begin)});
    Parts.push_back(std::move(P));
    return Parts;
  }
  uint32_t Base = T.Range.Begin;
  MappedPart Lit;
  auto AddByte = [&](size_t I) {
    uint32_t At = static_cast<uint32_t>(Lit.Text.size());
    uint32_t Src = Base + D.From[I], W = D.Width[I];
    Lit.Text += D.Value[I];
    if (!Lit.Runs.empty()) {
      SourceRun &R = Lit.Runs.back();
      if (R.Length == R.SourceLength && W == 1 && R.Source + R.SourceLength == Src &&
          R.At + R.Length == At) {
        ++R.Length;
        ++R.SourceLength;
        return;
      }
    }
    Lit.Runs.push_back({At, 1, Src, W});
  };
  auto Flush = [&] {
    if (!Lit.Text.empty()) {
      const SourceRun &F = Lit.Runs.front(), &L = Lit.Runs.back();
      Lit.Range = {T.Range.File, F.Source, L.Source + L.SourceLength};
      Parts.push_back(std::move(Lit));
    }
    Lit = MappedPart();
  };
  llvm::StringRef V(D.Value);
  bool Braces = T.Style != ast::Text::Bare;
  for (size_t I = 0; I < V.size(); ++I) {
    char C = V[I];
    if (Braces && (C == '{' || C == '}') && I + 1 < V.size() && V[I + 1] == C) {
      AddByte(I);
      ++I;
      continue;
    }
    if (Braces && C == '{') {
      size_t Close = V.find_first_of("}\n", I + 1);
      if (Close != llvm::StringRef::npos && V[Close] == '}') {
        llvm::StringRef Content = V.slice(I + 1, Close).trim(" \t");
        if (!Content.empty()) {
          Flush();
          MappedPart R;
          R.IsReference = true;
          R.Text = Content.str();
          R.Range = {T.Range.File, Base + D.From[I], Base + D.From[Close] + 1};
          Parts.push_back(std::move(R));
        }
        I = Close;
        continue;
      }
    }
    AddByte(I);
  }
  Flush();
  return Parts;
}

Span sourceSpan(const MappedPart &P, uint32_t File, uint32_t Begin, uint32_t End) {
  if (P.IsReference || P.Runs.empty())
    return P.Range;
  auto Place = [&](uint32_t At, bool AtEnd) -> uint32_t {
    for (const SourceRun &R : P.Runs) {
      if (At < R.At || At > R.At + R.Length)
        continue;
      if (At == R.At + R.Length && !AtEnd)
        continue;
      if (R.Length != R.SourceLength) // an escape: its whole source
        return At == R.At ? R.Source : R.Source + R.SourceLength;
      return R.Source + (At - R.At);
    }
    const SourceRun &L = P.Runs.back();
    return L.Source + L.SourceLength;
  };
  uint32_t B = Place(Begin, false), E = End > Begin ? Place(End, true) : B;
  return {File, B, std::max(B, E)};
}

} // namespace budc::syntax

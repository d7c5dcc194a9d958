//===- utf8.cpp - UTF-8 decoding that remembers where each code point came from -===//
#include "compiler/source/utf8.h"

#include <cstdio>

#include "llvm/Support/Unicode.h"

namespace budc {

int32_t decodeOne(llvm::StringRef Bytes, size_t Pos, unsigned &Len) {
  const auto *S = reinterpret_cast<const unsigned char *>(Bytes.data());
  size_t N = Bytes.size();
  unsigned char B0 = S[Pos];
  Len = 1;
  if (B0 < 0x80)
    return B0;
  unsigned Need;
  uint32_t CP, Min;
  if ((B0 & 0xE0) == 0xC0) {
    Need = 1, CP = B0 & 0x1F, Min = 0x80;
  } else if ((B0 & 0xF0) == 0xE0) {
    Need = 2, CP = B0 & 0x0F, Min = 0x800;
  } else if ((B0 & 0xF8) == 0xF0) {
    Need = 3, CP = B0 & 0x07, Min = 0x10000;
  } else {
    return -1;
  }
  if (Pos + Need >= N) // the sequence runs past the end of the buffer
    return -1;
  for (unsigned I = 1; I <= Need; ++I) {
    unsigned char B = S[Pos + I];
    if ((B & 0xC0) != 0x80)
      return -1;
    CP = (CP << 6) | (B & 0x3F);
  }
  if (CP < Min || CP > 0x10FFFF || (CP >= 0xD800 && CP <= 0xDFFF))
    return -1;
  Len = Need + 1;
  return static_cast<int32_t>(CP);
}

DecodedText decodeUtf8(llvm::StringRef Bytes) {
  // Written through pointers into arrays sized for the worst case (a code point per byte)
  // and trimmed at the end; ASCII and three-byte sequences (CJK) decoded inline: every byte
  // of every file passes here.
  DecodedText Out;
  size_t N = Bytes.size();
  Out.CodePoints.resize(N);
  Out.ByteOffsets.resize(N + 1);
  char32_t *CPs = Out.CodePoints.data();
  uint32_t *Offsets = Out.ByteOffsets.data();
  const auto *S = reinterpret_cast<const unsigned char *>(Bytes.data());
  size_t I = 0, K = 0;
  while (I < N) {
    unsigned char B = S[I];
    Offsets[K] = static_cast<uint32_t>(I);
    if (B < 0x80) {
      CPs[K++] = B;
      ++I;
      continue;
    }
    if ((B & 0xF0) == 0xE0 && I + 2 < N && (S[I + 1] & 0xC0) == 0x80 &&
        (S[I + 2] & 0xC0) == 0x80) {
      uint32_t CP = (uint32_t(B & 0x0F) << 12) | (uint32_t(S[I + 1] & 0x3F) << 6) |
                    uint32_t(S[I + 2] & 0x3F);
      if (CP >= 0x800 && (CP < 0xD800 || CP > 0xDFFF)) {
        CPs[K++] = CP;
        I += 3;
        continue;
      }
    }
    unsigned Len;
    int32_t CP = decodeOne(Bytes, I, Len);
    if (CP < 0) {
      Out.InvalidOffsets.push_back(static_cast<uint32_t>(I));
      CPs[K++] = 0xFFFD;
    } else {
      CPs[K++] = static_cast<char32_t>(CP);
    }
    I += Len;
  }
  Offsets[K] = static_cast<uint32_t>(N);
  Out.CodePoints.resize(K);
  Out.ByteOffsets.resize(K + 1);
  return Out;
}

void appendUtf8(std::string &Out, char32_t CP) {
  if (CP < 0x80) {
    Out += static_cast<char>(CP);
  } else if (CP < 0x800) {
    Out += static_cast<char>(0xC0 | (CP >> 6));
    Out += static_cast<char>(0x80 | (CP & 0x3F));
  } else if (CP < 0x10000) {
    Out += static_cast<char>(0xE0 | (CP >> 12));
    Out += static_cast<char>(0x80 | ((CP >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (CP & 0x3F));
  } else {
    Out += static_cast<char>(0xF0 | (CP >> 18));
    Out += static_cast<char>(0x80 | ((CP >> 12) & 0x3F));
    Out += static_cast<char>(0x80 | ((CP >> 6) & 0x3F));
    Out += static_cast<char>(0x80 | (CP & 0x3F));
  }
}

unsigned displayWidth(char32_t CP) {
  if (CP < 0x20 || CP == 0x7F)
    return 0;
  if (CP < 0x7F)
    return 1;
  std::string Enc;
  appendUtf8(Enc, CP);
  int W = llvm::sys::unicode::columnWidthUTF8(Enc);
  return W < 0 ? 1 : static_cast<unsigned>(W);
}

} // namespace budc

namespace budc {

bool isControlOrBidi(char32_t CP) {
  return CP < 0x20 || (CP >= 0x7F && CP <= 0x9F) || CP == 0x200E || CP == 0x200F ||
         (CP >= 0x202A && CP <= 0x202E) || (CP >= 0x2066 && CP <= 0x2069);
}

namespace {
/// Calls \p Plain for each run of ordinary bytes and \p Special for each control or
/// bidirectional character (-1 for an invalid byte) of \p S.
template <typename P, typename Q> void splitControls(llvm::StringRef S, P &&Plain, Q &&Special) {
  size_t Start = 0, Pos = 0;
  while (Pos < S.size()) {
    unsigned char B = static_cast<unsigned char>(S[Pos]);
    if (B >= 0x20 && B < 0x7F) { // ASCII, the common case
      ++Pos;
      continue;
    }
    unsigned Len;
    int32_t CP = decodeOne(S, Pos, Len);
    if (CP >= 0 && !isControlOrBidi(static_cast<char32_t>(CP))) {
      Pos += Len;
      continue;
    }
    Plain(S.slice(Start, Pos));
    Special(CP, S[Pos]);
    Pos += Len;
    Start = Pos;
  }
  Plain(S.substr(Start));
}
} // namespace

std::string escapeControls(llvm::StringRef S) {
  std::string Out;
  splitControls(
      S, [&](llvm::StringRef Run) { Out += Run.str(); },
      [&](int32_t CP, char Byte) {
        static const char Hex[] = "0123456789ABCDEF";
        if (CP == '\t') {
          Out += "\\t";
        } else if (CP == '\n') {
          Out += "\\n";
        } else if (CP == '\r') {
          Out += "\\r";
        } else if (CP < 0 || CP < 0x100) {
          unsigned V = CP < 0 ? static_cast<unsigned char>(Byte) : static_cast<unsigned>(CP);
          Out += "\\x";
          Out += Hex[V >> 4];
          Out += Hex[V & 15];
        } else {
          char Buf[16];
          std::snprintf(Buf, sizeof Buf, "\\u{%04X}", static_cast<unsigned>(CP));
          Out += Buf;
        }
      });
  return Out;
}

std::string replaceControls(llvm::StringRef S, llvm::StringRef With) {
  std::string Out;
  splitControls(
      S, [&](llvm::StringRef Run) { Out += Run.str(); }, [&](int32_t, char) { Out += With.str(); });
  return Out;
}

} // namespace budc

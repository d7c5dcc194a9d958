//===- escape.cpp - Text made safe for the format it is written in -----------===//
#include "compiler/emit/escape.h"

#include "compiler/source/utf8.h"

#include "llvm/ADT/SmallVector.h"

namespace budc::emit {

std::string markdownText(llvm::StringRef S) {
  std::string Out;
  llvm::SmallVector<llvm::StringRef, 4> Lines;
  S.split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I) {
    if (I)
      Out += "<br>";
    for (char C : replaceControls(Lines[I], "")) {
      switch (C) {
      case '&': Out += "&amp;"; break;
      case '<': Out += "&lt;"; break;
      case '>': Out += "&gt;"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~': case '#':
        Out += '\\';
        Out += C;
        break;
      default: Out += C;
      }
    }
  }
  return Out;
}

bool isPlainNumber(llvm::StringRef S) {
  S.consume_front("-") || S.consume_front("+");
  S.consume_back("%");
  auto [Int, Frac] = S.split('.');
  auto Digits = [](llvm::StringRef D) {
    return !D.empty() && D.find_first_not_of("0123456789") == llvm::StringRef::npos;
  };
  return Digits(Int) && (S.find('.') == llvm::StringRef::npos || Digits(Frac));
}

std::string csvField(llvm::StringRef S) {
  std::string Text;
  if (!S.empty() && llvm::StringRef("=+-@\t\r").contains(S[0]) && !isPlainNumber(S))
    Text = "'";
  Text += S.str();
  if (llvm::StringRef(Text).find_first_of(",\"\r\n") == llvm::StringRef::npos)
    return Text;
  std::string Out = "\"";
  for (char C : Text)
    Out += C == '"' ? std::string("\"\"") : std::string(1, C);
  return Out + "\"";
}

} // namespace budc::emit

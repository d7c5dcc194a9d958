//===- review.cpp - Prose rules: what a reviewer reads the narrative for -----------===//
//
// Placeholders and template instructions left in the text, doubled words and punctuation,
// unbalanced brackets and quotes, a paragraph printed twice, a year that is neither this one
// nor last, a classification called by a name it no longer has, half-width punctuation among
// full-width. Each reads the printed narrative (the references' output excepted: budc wrote
// that) paragraph by paragraph, and each is written to be silent on the ten 2026 corpus
// narratives except where tests/corpus/SURVEY.md finds a defect (tests/prose/).
//
//===----------------------------------------------------------------------===//
#include "compiler/check/prose.h"
#include "compiler/check/rules.h"

#include <cstring>
#include <map>

namespace budc::check {
namespace {

using prose::codePoint;
using prose::isHan;

/// One paragraph of a narrative text: its place in the text's Rendered.
struct Para {
  const model::Prose *P;
  llvm::StringRef Text;
  uint32_t Offset;

  /// Whether [B, E) of the paragraph is the text's own (no reference printed it).
  bool literal(size_t B, size_t E) const {
    for (size_t I = B; I < E; ++I)
      if (P->referenceAt(Offset + static_cast<uint32_t>(I)))
        return false;
    return true;
  }
  Span span(size_t B, size_t E) const {
    return P->span(Offset + static_cast<uint32_t>(B), Offset + static_cast<uint32_t>(E));
  }
};

/// Every paragraph of the narrative, in order.
std::vector<Para> paragraphs(const model::Budget &B) {
  std::vector<Para> Out;
  for (const model::Prose &P : B.Narrative) {
    llvm::StringRef All = P.Rendered;
    size_t At = 0;
    while (At <= All.size()) {
      size_t Eol = All.find('\n', At);
      if (Eol == llvm::StringRef::npos)
        Eol = All.size();
      Out.push_back({&P, All.slice(At, Eol), static_cast<uint32_t>(At)});
      if (Eol == All.size())
        break;
      At = Eol + 1;
    }
  }
  return Out;
}

/// The code point before byte \p At of \p S (0 at the start).
uint32_t before(llvm::StringRef S, size_t At) {
  if (At == 0)
    return 0;
  size_t B = At - 1;
  while (B > 0 && (static_cast<unsigned char>(S[B]) & 0xC0) == 0x80)
    --B;
  unsigned L;
  return codePoint(S, B, L);
}
uint32_t after(llvm::StringRef S, size_t At) {
  if (At >= S.size())
    return 0;
  unsigned L;
  return codePoint(S, At, L);
}
bool asciiLetter(uint32_t C) { return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z'); }

std::string where(const model::Prose &P) {
  return P.Title.empty() ? std::string("名词解释") : P.Title;
}

} // namespace

void placeholders(const RuleContext &C) {
  // Words of a template the author was to replace, and instructions to the author.
  static const char *const Words[] = {"待填写", "请填写", "此处填写", "待补充", "请补充", "请核实",
                                      "请修改", "请删除", "请替换", "填写说明", "TBD", "TODO"};
  for (const Para &P : paragraphs(C.B)) {
    llvm::StringRef S = P.Text;
    for (size_t I = 0; I < S.size();) {
      size_t Len = 0;
      for (const char *W : Words)
        if (S.substr(I).startswith(W)) {
          Len = strlen(W);
          break;
        }
      // XX, xx, ××, ＸＸ: a run of two or more, not part of a word in Latin letters.
      if (!Len) {
        size_t J = I;
        unsigned N = 0;
        for (const char *X : {"X", "x", "×", "Ｘ", "ｘ", "*", "＊"})
          if (S.substr(I).startswith(X)) {
            while (S.substr(J).startswith(X)) {
              J += strlen(X);
              ++N;
            }
            break;
          }
        bool Latin = asciiLetter(before(S, I)) || asciiLetter(after(S, J)) ||
                     (S.substr(I).startswith("x") && isdigit(static_cast<unsigned char>(after(S, J))));
        if (N >= 2 && !Latin && !(S[I] == '*' && N < 3))
          Len = J - I;
      }
      if (Len && P.literal(I, I + Len)) {
        // An instruction in brackets is reported whole: （请核实……）.
        size_t B = I, E = I + Len;
        C.Diags.report(P.span(B, E), diag::Placeholder, {S.slice(B, E).str()});
        I = E;
        continue;
      }
      unsigned L;
      codePoint(S, I, L);
      I += L;
    }
  }
}

void doubledWords(const RuleContext &C) {
  static const char *const Punct[] = {"。", "，", "、", "；", "：", "！", "？", ",", ";"};
  for (const Para &P : paragraphs(C.B)) {
    llvm::StringRef S = P.Text;
    for (size_t I = 0; I < S.size();) {
      unsigned L;
      uint32_t Cp = codePoint(S, I, L);
      // Doubled punctuation: 。。 ，，
      bool Reported = false;
      for (const char *X : Punct) {
        size_t N = strlen(X);
        if (S.substr(I).startswith(X) && S.substr(I + N).startswith(X) && P.literal(I, I + 2 * N)) {
          C.Diags.report(P.span(I, I + 2 * N), diag::DoubledWord, {X});
          I += 2 * N;
          Reported = true;
          break;
        }
      }
      if (Reported)
        continue;
      // A doubled word of two to six Han characters: 用于用于, 预算预算; or 的的.
      if (isHan(Cp)) {
        std::vector<size_t> Ends{I};
        for (size_t J = I; Ends.size() <= 6 && J < S.size();) {
          unsigned K;
          if (!isHan(codePoint(S, J, K)))
            break;
          J += K;
          Ends.push_back(J);
        }
        for (size_t N = Ends.size() - 1; N >= 1; --N) {
          size_t Len = Ends[N] - I;
          if (N == 1 && S.substr(I, Len) != "的")
            continue;
          if (I + 2 * Len <= S.size() && S.substr(I, Len) == S.substr(I + Len, Len) &&
              P.literal(I, I + 2 * Len)) {
            C.Diags.report(P.span(I, I + 2 * Len), diag::DoubledWord, {S.substr(I, Len).str()});
            I += 2 * Len;
            Reported = true;
            break;
          }
        }
        if (Reported)
          continue;
      }
      I += L;
    }
  }
}

void brackets(const RuleContext &C) {
  struct Pair {
    const char *Open, *Close;
  };
  // Brackets of one kind in two widths close each other, and are reported when mixed.
  static const Pair Pairs[] = {{"（", "）"}, {"(", ")"}, {"【", "】"}, {"〔", "〕"}, {"《", "》"},
                               {"「", "」"}, {"“", "”"}, {"‘", "’"}, {"[", "]"}};
  auto Family = [](size_t K) { return K <= 1 ? 0 : K; };
  for (const Para &P : paragraphs(C.B)) {
    llvm::StringRef S = P.Text;
    std::vector<std::pair<size_t, size_t>> Stack; // (pair, offset)
    bool Reported = false;
    for (size_t I = 0; I < S.size() && !Reported;) {
      size_t Found = SIZE_MAX;
      bool Opening = false;
      for (size_t K = 0; K < std::size(Pairs); ++K) {
        if (S.substr(I).startswith(Pairs[K].Open)) {
          Found = K;
          Opening = true;
          break;
        }
        if (S.substr(I).startswith(Pairs[K].Close)) {
          Found = K;
          break;
        }
      }
      unsigned L;
      codePoint(S, I, L);
      if (Found == SIZE_MAX || !P.literal(I, I + L)) {
        I += L;
        continue;
      }
      const Pair &X = Pairs[Found];
      size_t Len = strlen(Opening ? X.Open : X.Close);
      if (Opening) {
        Stack.push_back({Found, I});
      } else if (Stack.empty() || Family(Stack.back().first) != Family(Found)) {
        bool Unopened = std::none_of(Stack.begin(), Stack.end(), [&](const auto &O) {
          return Family(O.first) == Family(Found);
        });
        std::string Open = Pairs[Stack.empty() ? Found : Stack.back().first].Open;
        auto D = C.Diags.report(
            P.span(I, I + Len), diag::UnbalancedBracket,
            {Unopened ? std::string("'") + X.Close + "' closes nothing: no '" + X.Open + "' before it"
                      : std::string("'") + X.Close + "' closes the '" + Open + "' opened before it, which wants '" +
                            Pairs[Stack.back().first].Close + "'",
             Unopened ? std::string("“") + X.Close + "”之前没有对应的“" + X.Open + "”"
                      : std::string("“") + X.Close + "”与之前的“" + Open + "”不配对，应为“" +
                            Pairs[Stack.back().first].Close + "”"});
        if (!Unopened)
          D.note(P.span(Stack.back().second, Stack.back().second + Open.size()), diag::NoteOpenedHere);
        Reported = true;
      } else {
        size_t Open = Stack.back().first;
        if (Open != Found) { // （…) : opened full-width, closed half-width
          C.Diags
              .report(P.span(I, I + Len), diag::UnbalancedBracket,
                      {std::string("'") + X.Close + "' closes '" + Pairs[Open].Open + "': write '" +
                           Pairs[Open].Close + "'",
                       std::string("“") + X.Close + "”与“" + Pairs[Open].Open + "”不配对，应为“" +
                           Pairs[Open].Close + "”"})
              .fixIt(P.span(I, I + Len), Pairs[Open].Close)
              .note(P.span(Stack.back().second, Stack.back().second + strlen(Pairs[Open].Open)),
                    diag::NoteOpenedHere);
          Reported = true;
        }
        Stack.pop_back();
      }
      I += Len;
    }
    if (!Reported && !Stack.empty()) {
      auto [K, At] = Stack.back();
      C.Diags.report(P.span(At, At + strlen(Pairs[K].Open)), diag::UnbalancedBracket,
                     {std::string("'") + Pairs[K].Open + "' is not closed in its paragraph",
                      std::string("“") + Pairs[K].Open + "”在本段中没有对应的“" + Pairs[K].Close + "”"});
    }
  }
}

void repeatedParagraphs(const RuleContext &C) {
  // Within one text (a section, a glossary entry), a paragraph or list item printed twice:
  // compared without its number, when at least fifteen characters are left.
  std::map<std::pair<const model::Prose *, std::string>, Para> Seen;
  for (const Para &P : paragraphs(C.B)) {
    llvm::StringRef S = P.Text.trim(" \t");
    size_t Lead = 0;
    while (Lead < S.size()) {
      unsigned L;
      uint32_t Cp = codePoint(S, Lead, L);
      bool Mark = (Cp >= '0' && Cp <= '9') || Cp == '.' || Cp == 0x3001 || Cp == 0xFF0E ||
                  Cp == '(' || Cp == ')' || Cp == 0xFF08 || Cp == 0xFF09 ||
                  llvm::StringRef("一二三四五六七八九十").contains(S.substr(Lead, L));
      if (!Mark)
        break;
      Lead += L;
    }
    llvm::StringRef Body = S.drop_front(Lead);
    size_t Chars = 0;
    for (size_t I = 0; I < Body.size();) {
      unsigned L;
      codePoint(Body, I, L);
      I += L;
      ++Chars;
    }
    if (Chars < 15)
      continue;
    auto [It, New] = Seen.try_emplace({P.P, Body.str()}, P);
    if (New)
      continue;
    size_t B = Body.data() - P.Text.data();
    C.Diags.report(P.span(B, B + Body.size()), diag::RepeatedParagraph, {where(*P.P)})
        .note(It->second.span(It->second.Text.find(Body), It->second.Text.find(Body) + Body.size()),
              diag::NoteFirstPrinted);
  }
}

void strayYears(const RuleContext &C) {
  const model::Budget &B = C.B;
  static const char *const DateWords[] = {"月", "底", "末", "初", "中", "以来", "以前", "以后", "前", "后",
                                          "起", "至", "到", "-", "—", "－", "~", "～", "—", "上半年",
                                          "下半年", "度决算", "决算"};
  static const char *const Before[] = {"截至", "截止", "至", "到", "自", "从", "于", "起", "-", "—",
                                       "－", "~", "～", "比", "较", "与", "同"};
  for (const Para &P : paragraphs(B)) {
    llvm::StringRef S = P.Text;
    int Title = 0; // inside 《》: a document's title
    for (size_t I = 0; I < S.size();) {
      if (S.substr(I).startswith("《"))
        ++Title;
      if (S.substr(I).startswith("》") && Title)
        --Title;
      if (!isdigit(static_cast<unsigned char>(S[I])) || (I && isdigit(static_cast<unsigned char>(S[I - 1])))) {
        unsigned L;
        codePoint(S, I, L);
        I += L;
        continue;
      }
      size_t J = I;
      while (J < S.size() && isdigit(static_cast<unsigned char>(S[J])))
        ++J;
      size_t K = J;
      while (K < S.size() && S[K] == ' ')
        ++K;
      unsigned Year = 0;
      if (J - I != 4 || !S.substr(K).startswith("年") || S.substr(I, 4).getAsInteger(10, Year) ||
          Year < 1900 || Year > 2100) {
        I = J;
        continue;
      }
      size_t E = K + strlen("年");
      llvm::StringRef Prior = S.take_front(I).rtrim(" ");
      llvm::StringRef Next = S.substr(E);
      while (Next.consume_front(" "))
        ;
      bool Date = isdigit(static_cast<unsigned char>(Next.empty() ? 0 : Next[0])) ||
                  std::any_of(std::begin(DateWords), std::end(DateWords),
                              [&](const char *W) { return Next.startswith(W); });
      bool Period = std::any_of(std::begin(Before), std::end(Before),
                                [&](const char *W) { return Prior.endswith(W); });
      bool Bracketed = Prior.endswith("〔") || Prior.endswith("[") || Prior.endswith("【");
      if (Year != B.Year && Year + 1 != B.Year && !Title && !Date && !Period && !Bracketed &&
          P.literal(I, E))
        C.Diags.report(P.span(I, E), diag::StrayYear,
                       {std::to_string(Year) + "年", std::to_string(B.Year)})
            .zh({std::to_string(Year) + "年", std::to_string(B.Year)});
      I = E;
    }
  }
}

void formerNames(const RuleContext &C) {
  const model::Budget &B = C.B;
  struct Former {
    std::string Name;
    const model::CatalogueEntry *E;
    const char *Kind, *KindZh;
    unsigned Year;
  };
  std::vector<Former> All;
  std::vector<std::string> Current;
  for (auto [Cat, Kind, KindZh] : {std::tuple{&B.Functions, "function code", "功能科目"},
                                   std::tuple{&B.Economics, "economic code", "经济科目"}})
    for (const auto &[Code, E] : Cat->Entries) {
      Current.push_back(E.Name);
      for (const model::YearName &Y : E.OtherYears)
        if (Y.Former && Y.Year <= B.Year && Y.Name.size() >= 9)
          All.push_back({Y.Name, &E, Kind, KindZh, Y.Year});
    }
  if (All.empty())
    return;
  for (const Para &P : paragraphs(B)) {
    llvm::StringRef S = P.Text;
    for (const Former &F : All)
      for (size_t At = S.find(F.Name); At != llvm::StringRef::npos; At = S.find(F.Name, At + 1)) {
        // Not a part of a longer name that is a code's current one: 其他…事务 in 其他…事务支出.
        bool Longer = std::any_of(Current.begin(), Current.end(), [&](const std::string &N) {
          if (N.size() <= F.Name.size())
            return false;
          for (size_t Start = At >= N.size() ? At + F.Name.size() - N.size() : 0; Start <= At; ++Start)
            if (S.substr(Start).startswith(N) && Start + N.size() >= At + F.Name.size())
              return true;
          return false;
        });
        if (Longer || !P.literal(At, At + F.Name.size()))
          continue;
        Span Where = P.span(At, At + F.Name.size());
        C.Diags
            .report(Where, diag::FormerName,
                    {F.Name, F.Kind, F.E->Code, std::to_string(F.Year), std::to_string(B.Year), F.E->Name})
            .zh({F.Name, F.KindZh, F.E->Code, std::to_string(F.Year), std::to_string(B.Year), F.E->Name})
            .fixIt(Where, F.E->Name);
      }
  }
}

void halfWidthPunctuation(const RuleContext &C) {
  // A half-width comma or semicolon between Chinese characters, in a narrative that otherwise
  // writes them full-width (a document that writes them half-width throughout has a style,
  // not a typo).
  struct Mark {
    const char *Half, *Full;
  };
  static const Mark Marks[] = {{",", "，"}, {";", "；"}};
  std::vector<Para> All = paragraphs(C.B);
  for (const Mark &M : Marks) {
    std::vector<std::pair<const Para *, size_t>> Half;
    size_t Full = 0;
    for (const Para &P : All) {
      llvm::StringRef S = P.Text;
      for (size_t At = S.find(M.Full); At != llvm::StringRef::npos; At = S.find(M.Full, At + 1))
        ++Full;
      for (size_t At = S.find(M.Half); At != llvm::StringRef::npos; At = S.find(M.Half, At + 1)) {
        uint32_t L = before(S, At), R = after(S, At + 1);
        if ((isHan(L) || L == 0xFF09 || L == 0x201D) && isHan(R) && P.literal(At, At + 1))
          Half.push_back({&P, At});
      }
    }
    if (Half.empty() || Full < 4 * Half.size())
      continue;
    for (auto [P, At] : Half)
      C.Diags.report(P->span(At, At + 1), diag::HalfWidthPunctuation, {M.Half, M.Full})
          .fixIt(P->span(At, At + 1), M.Full);
  }
}

} // namespace budc::check

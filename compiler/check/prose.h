//===- prose.h - What a sentence of the narrative claims about figures ---------===//
//
// The prose checks read the printed narrative (model::Prose::Rendered) paragraph by paragraph
// and find, conservatively, what a reviewer reads for:
//
//   a statement   a wording that names a figure (the vocabulary sema resolved: 机关运行经费,
//                 “三公”经费, 收入预算, 一般公共预算拨款收入, “一般公共服务支出”科目 …) followed,
//                 with only filler words between (预算, 安排支出, 为 …), by an amount:
//                 基本支出预算 32780.46 万元;
//   a change      after a statement, a comparison with last year: 比 2025 年年初预算数 45557.68
//                 万元增加 5478.54 万元，增长 12.03% — the year compared with, last year's
//                 figure, the direction word, the change and its rate;
//   a share       after a statement: 占本年支出预算 64.37%;
//   parts         其中 after a statement: the statements that follow are its parts;
//   a reason      after a change: 主要原因是…
//
// Nothing here judges a figure: the rules of text.cpp do, with the model's values. A wording is
// recognised only where it starts a word (after punctuation, a number, a year, or a word such as
// 其中, 本部门, the department's name), so that 人员经费 is not read inside 在职人员经费.
// Internal to compiler/check.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/model/model.h"

#include <optional>
#include <string>
#include <vector>

namespace budc::check::prose {

/// A number as the text writes it: digits, decimals, separators, unit.
struct Amount {
  uint32_t Begin = 0, End = 0;  ///< the digits, in the paragraph's text
  uint32_t UnitEnd = 0;         ///< after the unit
  Decimal Number;               ///< as written, in its unit
  unsigned Decimals = 0;
  bool Separators = false;
  std::string Unit;             ///< 万元, 元, 亿元, 千元, % (empty: none)
};

enum class Direction : uint8_t { None, Up, Down, Flat };

/// A wording of the vocabulary found in the text.
struct Mention {
  uint32_t Begin = 0, End = 0;
  const model::ProseTerm *Term = nullptr;
  bool ThisYear = false; ///< 本年 before it: 本年财政拨款收入
};

/// A figure and the amount the text gives it.
struct Statement {
  Mention Name;
  Amount Value;
  std::optional<unsigned> Year; ///< a year before the name: 2026年“三公”经费
  uint32_t YearBegin = 0, YearEnd = 0;
  int Head = -1;  ///< the statement this one is a part of (其中), or -1
  /// The head is across a semicolon (其中：A…；B…): B is a part where it can be one, and
  /// otherwise stands on its own.
  bool Loose = false;
  unsigned Depth = 0; ///< brackets open around it
  /// Wordings that narrow it without an amount of their own: named earlier in its sentence
  /// (项目支出均…，涉及一般公共预算财政拨款 7,227.34 万元; 一般公共预算拨款安排的“三公”经费…),
  /// or heading the list it is an item of (财政拨款支出主要内容如下：).
  std::vector<Mention> Scope;
};

/// A comparison with last year after a statement.
struct Change {
  size_t Statement = 0;
  uint32_t Begin = 0, End = 0;          ///< from the comparison word to its end
  std::optional<unsigned> Year;         ///< the year compared with, when written
  uint32_t YearBegin = 0, YearEnd = 0;
  std::optional<Amount> Previous;       ///< last year's figure, when written
  Direction Dir = Direction::None;      ///< 增加, 减少, 持平 …
  uint32_t DirBegin = 0, DirEnd = 0;
  std::string DirWord;
  std::optional<Amount> By;             ///< the change
  Direction RateDir = Direction::None;
  std::string RateWord;
  std::optional<Amount> Rate;           ///< its rate, in percent
  std::string Reason;                   ///< 主要原因是… (normalised), or empty
  uint32_t ReasonBegin = 0, ReasonEnd = 0;
};

/// A share after a statement: 占本年支出预算 64.37%.
struct Share {
  size_t Statement = 0;
  std::optional<Mention> Base; ///< the figure it is a share of
  Amount Percent;
};

/// A comparison year written anywhere: 比2026年, 较 2025 年.
struct Compared {
  unsigned Year = 0;
  uint32_t Begin = 0, End = 0;
};

/// One paragraph of a narrative text and what it claims.
struct Paragraph {
  std::string Text;   ///< the printed paragraph
  uint32_t Offset = 0; ///< where it starts in the text's Rendered
  std::vector<Statement> Statements;
  std::vector<Change> Changes;
  std::vector<Share> Shares;
  std::vector<Compared> Years;
  /// The paragraph ends in 其中： — the next paragraphs' statements, while they are numbered
  /// items, are parts of this statement (an index into Statements), or -1.
  int OpenHead = -1;
  /// The paragraph ends in a list's lead (其中：, 具体包括：, 主要内容如下：) whose sentence names
  /// figures without amounts (财政拨款支出主要内容如下：): they narrow the items that follow.
  std::vector<Mention> OpenScope;
};

/// The vocabulary, indexed for the scanner: the budget's prose terms, each also under the
/// half-width spelling of its brackets.
class Lexicon {
public:
  explicit Lexicon(const model::Budget &B);
  /// The longest term that starts at \p At of \p Text, or null.
  const model::ProseTerm *match(llvm::StringRef Text, size_t At, size_t &Length) const;
  /// Words that may stand right before a term: the department's and the units' names.
  const std::vector<std::string> &prefixes() const { return Prefixes; }

private:
  std::vector<std::pair<std::string, const model::ProseTerm *>> Entries; ///< longest first
  std::vector<std::string> Prefixes;
};

/// Reads every paragraph of \p P. Statements of a numbered list after a paragraph ending in
/// 其中 (or 具体包括：, …如下：) are parts of its statement, and are narrowed by its scope (their Head is set across paragraphs: the paragraph index
/// and statement, flattened as Paragraph index × … — see Heads).
struct Reading {
  std::vector<Paragraph> Paragraphs;
  /// For statement S of paragraph I, its head: (paragraph, statement), or (-1, -1).
  std::vector<std::vector<std::pair<int, int>>> Heads;
};
Reading read(const model::Prose &P, const Lexicon &L);

/// The kind of number a numbered item starts with — 1. (or 1、 1．), （1）, （一）, 一、, ① —
/// or 0 for a paragraph that is no numbered item.
int numbered(llvm::StringRef S);

/// The code point at \p At of \p S and its length in bytes (1 for invalid UTF-8).
uint32_t codePoint(llvm::StringRef S, size_t At, unsigned &Length);
/// Whether \p C is a CJK ideograph.
bool isHan(uint32_t C);

} // namespace budc::check::prose

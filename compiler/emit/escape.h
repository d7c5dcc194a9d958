//===- escape.h - Text made safe for the format it is written in -------------===//
//
// Whatever a workspace holds ends up in files that other programs open: Markdown rendered as
// HTML on a review site, CSV opened by Excel or LibreOffice, terminal output. These write a
// text so that it is shown, never run.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"

#include <string>

namespace budc::emit {

/// \p S as the text of a Markdown table cell or line: HTML (<, >, &) as entities; the
/// characters that make links, images, code, emphasis or cells (\ ` * _ [ ] | ~) escaped with a
/// backslash, and # too; a line break as <br>; control and bidirectional characters dropped.
std::string markdownText(llvm::StringRef S);

/// Whether \p S is a plain number as budc prints them: digits with an optional sign, decimal
/// point and percent sign ("12.50", "-3", "95%").
bool isPlainNumber(llvm::StringRef S);

/// \p S as one CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A
/// field a spreadsheet would take for a formula (it starts with = + - @, a tab or a carriage
/// return and is no plain number) gets a leading ' so that it is shown as text.
std::string csvField(llvm::StringRef S);

} // namespace budc::emit

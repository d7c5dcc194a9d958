//===- internal.h - What the files of the tables stage share -----------------===//
//
// Not part of the stage's interface (tables.h): the helpers every table uses to print its
// frame, fields and amounts (fields.cpp), and the two evaluators, of standard tables
// (evaluate.cpp) and of listing tables (listing.cpp), that build() calls.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/tables/tables.h"

namespace budc::tables::detail {

/// \p Text with every {field} and figure reference replaced by its value; {{ and }} are
/// literal braces.
std::string fillFields(const model::Budget &B, int Project, unsigned Ordinal,
                       llvm::StringRef Text, llvm::StringRef Unit = "");

/// How \p T prints its amounts: in its money unit (else the budget's), with its decimals (by
/// default none in 元, two in any larger unit) and separators.
model::AmountFormat moneyFormat(const model::Budget &B, const model::TableTemplate &T);

/// What every table takes from its template as written: number, title, caption lines (标注),
/// header rows and notes (注), with their fields filled in.
Table frame(const model::Budget &B, const model::TableTemplate &T, int Project,
            unsigned Ordinal);

/// \p Yuan as \p T prints it, rounded half-up from the exact amount.
std::string money(const model::Budget &B, const model::TableTemplate &T, Decimal Yuan);

/// The goals of project \p P as one text: the goal itself, or numbered lines.
std::string goalsText(const model::Project &P);

/// Evaluates the standard table \p T; \p Overflow is set when a sum overflows.
Table evaluate(const model::Budget &B, const model::TableTemplate &T, bool &Overflow);

/// Whether the budget has what listing table \p T lists: 整体绩效, 政府采购 and 国有资产 tables
/// are published only by departments that declare those blocks.
bool listingApplies(const model::Budget &B, const model::TableTemplate &T);

/// Lays out listing table \p T, for the whole budget (\p Project -1) or for one project.
Table listing(const model::Budget &B, const model::TableTemplate &T, int Project,
              unsigned Ordinal);

/// Lays out 逐项目 table \p T: the form of each project it lists (every 市级重点专项资金 with
/// [重点专项资金]), one after another in one table; with none, the form with its project
/// fields blank and its 空表 note.
Table forms(const model::Budget &B, const model::TableTemplate &T);

} // namespace budc::tables::detail

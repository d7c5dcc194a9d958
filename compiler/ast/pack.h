//===- pack.h - A syntax tree as bytes, for the standard library ------------===//
//
// budc parses the standard library's .bud files when it is built (compiler/stdlib/pack.cpp)
// and embeds their syntax trees in this form, so that a run reads them instead of parsing
// 1,500 lines again. Only files whose items are all library declarations (科目表, 计量单位表,
// 指标框架, 资金来源表, 表样) can be packed. Spans are stored without their file: unpacking
// places the tree in the buffer the caller names, which must hold the same text, so that
// diagnostics point into it as if it had been parsed.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"

#include <optional>
#include <string>

namespace budc::ast {

/// The bytes of \p F, or nothing when it holds a node other than a library declaration.
std::optional<std::string> pack(const File &F);

/// The tree packed in \p Bytes, its spans in buffer \p FileID, its nodes and strings in
/// \p Ctx; null when the bytes are not a packed tree of this build of budc.
File *unpack(llvm::StringRef Bytes, unsigned FileID, Context &Ctx);

} // namespace budc::ast

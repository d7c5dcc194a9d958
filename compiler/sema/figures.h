//===- figures.h - The figure language: names and terms to queries ----------===//
//
// One figure language serves the declared figures (声明 三公经费/公务接待费 0.76), the cells of
// table templates (列 金额 本年 财政拨款) and the figure references of text ({机关运行经费}):
// each is resolved here into a model::Query, which model::evaluate adds up over the facts.
//
// A figure is written either as terms (a template's cell: terms of one kind are alternatives,
// of different kinds all hold) or as a path (a declared key: each part narrows the figure
// before it: 功能科目/201/基本支出). A word is a named figure of the 口径 blocks (stdlib/
// figures.bud and the workspace's), a part of the named figure before it, a term (本年, 基本,
// 财政拨款 …), a fund source, a dimension and its value (功能科目 201, 单位 "…", 项目 "…"), an
// economic or function code, or the catalogue name of one. Internal to sema.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostics.h"
#include "compiler/model/model.h"
#include "llvm/ADT/StringMap.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace budc::sema {

class Resolver;

/// One word of a figure as written.
struct FigurePart {
  std::string Word;              ///< 三公经费, 201, 本年; a tag's name (功能 in [功能 201])
  std::vector<std::string> Args; ///< a tag's values
  bool Tag = false;
  Span Where;

  static FigurePart of(const ast::Text &T);
  static FigurePart of(const ast::Value &V);
};

/// Why a figure does not resolve: the part, what is wrong with it, and a guess.
struct FigureFailure {
  size_t Part = 0;
  std::string En, Zh; ///< "'支出合计' is not a figure budc knows"
  std::string Guess;  ///< the closest known word, or ""
  bool Explained = false; ///< the message says what may stand there; no list of figures
};

/// The named figures of the budget and the resolution of figures.
class Figures {
public:
  explicit Figures(Resolver &R);
  ~Figures();

  /// Reads a 口径 block. A workspace's top-level row replaces the standard library's of the
  /// same name (the department's own definition), with all its parts.
  void add(const ast::Library &L, bool FromStdlib);

  /// A declared key or a reference: each part narrows the figure before it. \p Facts: the
  /// budget's units and projects may be named (not in a template, read before the facts).
  std::optional<model::Query> path(llvm::ArrayRef<FigurePart> Parts, bool Facts,
                                   FigureFailure &Failure);
  /// The terms of a template cell or a named figure's row: alternatives within a kind.
  std::optional<model::Query> terms(llvm::ArrayRef<FigurePart> Parts, bool Facts,
                                    FigureFailure &Failure);

  /// Whether the parts of declared figure \p Parent are, by definition, all the parts of the
  /// named figure its key ends with (they add up to it whatever the facts).
  bool completeParts(llvm::ArrayRef<FigurePart> ParentKey,
                     llvm::ArrayRef<std::string> ChildNames) const;

  /// Every name and alias of a named figure with the path that names it canonically
  /// (公务接待费 → 三公经费/公务接待费), for the prose vocabulary; a part whose name another
  /// figure's part shares is left out (it is no figure on its own).
  std::vector<std::pair<std::string, std::string>> spellings() const;

  /// The top-level named figures, and the forms a path takes, for messages in \p L.
  std::string known(Lang L) const;
  std::vector<std::string> words() const;

private:
  struct Named;
  Named *find(llvm::StringRef Word, Named *Context) const;
  std::optional<model::Query> resolve(Named &N, FigureFailure &Failure);
  bool term(const FigurePart &P, struct TermSet &S, bool Facts, FigureFailure &Failure);
  /// A dimension word (功能科目, 经济科目, 单位, 项目, 资金) with its value, in \p S.
  bool dimension(llvm::StringRef Dim, const FigurePart &Value, TermSet &S, bool Facts,
                 FigureFailure &Failure);

  /// The codes a catalogue name names (economic, function), by the name as written: the same
  /// names come back for every unit's and every table's figures. An entry holds for the
  /// catalogues' sizes it was found with (a library read later adds codes).
  struct CodesNamed {
    std::vector<std::string> Economics, Functions;
    size_t EconomicEntries = 0, FunctionEntries = 0;
  };
  const CodesNamed &codesNamed(llvm::StringRef Word);

  Resolver &R;
  std::vector<std::unique_ptr<Named>> Top;
  llvm::StringMap<CodesNamed> NameCodes;
};

} // namespace budc::sema

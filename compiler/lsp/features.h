//===- features.h - What the language server answers, over one compilation -===//
//
// The requests about a place in a document (hover, completion, go to definition) and about
// a document (its symbols) are answered from a View: the workspace's latest compilation, the
// document's file in it and text, and the latest budget model of the workspace (from this
// compilation, or from the last one that got as far as the model, while the text has syntax
// errors). They return budc's own values (spans, texts); requests.cpp turns them into the
// protocol's JSON. Internal to compiler/lsp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/diagnostics.h"
#include "compiler/driver/pipeline.h"
#include "compiler/lsp/positions.h"

#include "llvm/Support/JSON.h"

#include <string>
#include <vector>

namespace budc::lsp {

/// What a feature looks at.
struct View {
  const Compilation &C;
  unsigned File = 0;                   ///< the document's file ID in C (0: not in it)
  const ast::File *Tree = nullptr;     ///< its syntax tree, or null
  const model::Budget *Model = nullptr; ///< the workspace's latest model, or null
  llvm::StringRef Text;                ///< the document's text (C's, for an open document)
  Lang Language = Lang::En;
  /// Whether Model comes from C (its spans are C's), not from an earlier compilation.
  bool ModelIsCurrent = false;
  const SourceManager *ModelSM = nullptr; ///< the source manager of Model's spans

  /// \p En or \p Zh, in the client's language.
  const char *tr(const char *En, const char *Zh) const { return Language == Lang::Zh ? Zh : En; }
};

//===----------------------------------------------------------------------===//
// What is at a place
//===----------------------------------------------------------------------===//

/// The thing of the language at an offset: a code, a name, a path…
struct Target {
  enum TargetKind : uint8_t {
    None,
    FunctionCode,    ///< a function classification code (功能科目, 基本支出 …)
    EconomicCode,    ///< an economic classification code
    Fund,            ///< a fund source's name
    OrgUnit,         ///< the name of an organisational unit (单位 "…")
    Project,         ///< a project's code or name
    MeasureUnit,     ///< the unit of a quantity (万元, 村, %)
    FrameworkPath,   ///< an indicator's 一级/二级 path
    Citation,        ///< a citation's name (依据 X)
    Include,         ///< the path of an include
    Template,        ///< the template named by 模板
    FigureReference, ///< a figure reference {…} in a text
    DeclaredKey,     ///< the key of a declared figure (声明 三公经费 …)
    Indicator,       ///< an indicator (its name, or anywhere on it but the above)
  };
  TargetKind Kind = None;
  std::string Text;               ///< the code, name, unit, path ("产出/数量") or reference
  Span Where;                     ///< what is hovered
  const ast::Node *Node = nullptr; ///< the statement it is in
};

/// The target at byte \p Offset of \p F (an offset at the end of a word is in the word).
Target locate(const SourceManager &SM, const ast::File &F, uint32_t Offset);

//===----------------------------------------------------------------------===//
// The features
//===----------------------------------------------------------------------===//

/// The hover text (Markdown) of \p T, or "" when there is nothing to say.
std::string hover(const View &V, const Target &T);

/// A place to go to: a span in the source manager of C, or of the compilation the model
/// came from (InModel); or bytes of a standard-library file the compilation did not read
/// (StdlibFile: its path among the embedded files).
struct Definition {
  Span Where;
  bool InModel = false;
  std::string StdlibFile;
  Definition(Span Where, bool InModel = false, std::string StdlibFile = "")
      : Where(Where), InModel(InModel), StdlibFile(std::move(StdlibFile)) {}
};
/// Where \p T is defined: a citation's declaration, an included file, a unit's or a template's
/// definition (which may lie in the standard library), a code's or a fund's catalogue entry.
std::vector<Definition> definition(const View &V, const Target &T);

/// One entry of a document's outline.
struct Symbol {
  std::string Name, Detail;
  unsigned Kind = 0; ///< the protocol's SymbolKind
  Span Range, Selection;
  std::vector<Symbol> Children;
};
/// The outline of the document: the department and its units, income, basic expenditure,
/// projects and their goals, the overall performance with its areas and goals, citations,
/// declared figures and narrative sections.
std::vector<Symbol> symbols(const View &V);

/// The completion list (the protocol's CompletionList) at byte \p Offset of the document.
llvm::json::Value complete(const View &V, const LineTable &Lines, uint32_t Offset);

/// \p Name as it can be written in a statement: bare when it is a name the lexer reads as one
/// word, else quoted.
std::string writtenName(llvm::StringRef Name);

} // namespace budc::lsp

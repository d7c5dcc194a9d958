//===- requests.cpp - The answers to requests about a document ---------------===//
//
// Each request about a document is answered from its workspace checked with every change
// so far (context()): the features (features.h) compute budc's own values, and this file turns
// them into the protocol's JSON, with positions in UTF-16 code units of the editor's text.
// Formatting is budc fmt's layout, as one edit over the lines that differ; code actions are
// the fix-its of the diagnostics last published.
//
//===----------------------------------------------------------------------===//
#include "compiler/lsp/server_impl.h"

#include "compiler/format/format.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

using namespace llvm;

namespace budc::lsp::detail {

Server::Context Server::context(Document &D) {
  Context Cx;
  auto It = Workspaces.find(D.Root);
  if (It == Workspaces.end())
    return Cx;
  WorkspaceState &W = It->second;
  if (W.Dirty)
    check(W);
  if (!W.Current)
    return Cx;
  Cx.W = &W;
  Checked &K = *W.Current;
  View Vw{*K.C, 0, nullptr, nullptr, D.Text, Language};
  for (ast::File *F : K.C->WS.Files)
    if (K.Keys[F->Range.File] == D.Key) {
      Vw.File = F->Range.File;
      Vw.Tree = F;
    }
  if (W.Model) {
    Vw.Model = &*W.Model->C->Budget;
    Vw.ModelIsCurrent = W.Model == W.Current;
    Vw.ModelSM = &W.Model->C->SM;
  }
  Vw.Text = D.Text;
  Vw.Language = Language;
  Cx.Vw.emplace(Vw);
  Cx.Lines = std::make_unique<LineTable>(D.Text);
  return Cx;
}

template <typename F> Answer Server::onDocument(const json::Object &P, F Body) {
  auto Doc = document(P);
  if (auto *A = std::get_if<Answer>(&Doc))
    return std::move(*A);
  return Body(*std::get<Document *>(Doc));
}

template <typename F> Answer Server::onPlace(const json::Object &P, F Body) {
  return onDocument(P, [&](Document &D) {
    Answer Error;
    std::optional<Position> Pos = positionParam(&P, Error);
    if (!Pos)
      return Error;
    At X{&D, context(D), 0};
    if (!X.Cx.Vw)
      return fail(RequestFailed, "the document's workspace could not be checked");
    X.Offset = X.Cx.Lines->offset(*Pos);
    return Body(X);
  });
}

Answer Server::hoverRequest(const json::Object &P) {
  return onPlace(P, [&](At &X) {
    const View &Vw = *X.Cx.Vw;
    if (!Vw.Tree)
      return Answer();
    Target T = locate(Vw.C.SM, *Vw.Tree, X.Offset);
    std::string Text = hover(Vw, T);
    if (Text.empty())
      return Answer();
    json::Object Contents{{"kind", HoverMarkdown ? "markdown" : "plaintext"}, {"value", str(Text)}};
    return Answer{json::Object{{"contents", std::move(Contents)},
                               {"range", range(X.Cx.Lines->range(T.Where.Begin, T.Where.End))}},
                  std::nullopt};
  });
}

Answer Server::completionRequest(const json::Object &P) {
  return onPlace(P, [&](At &X) {
    return Answer{complete(*X.Cx.Vw, *X.Cx.Lines, X.Offset), std::nullopt};
  });
}

Answer Server::definitionRequest(const json::Object &P) {
  return onPlace(P, [&](At &X) {
    const View &Vw = *X.Cx.Vw;
    if (!Vw.Tree)
      return Answer();
    Target T = locate(Vw.C.SM, *Vw.Tree, X.Offset);
    json::Array Out;
    for (const Definition &D : definition(Vw, T)) {
      if (!D.StdlibFile.empty()) {
        if (json::Value L = stdlibLocation(D.StdlibFile, D.Where); L.kind() != json::Value::Null)
          Out.push_back(std::move(L));
        continue;
      }
      Checked &K = D.InModel ? *X.Cx.W->Model : *X.Cx.W->Current;
      json::Value L = location(K, D.Where);
      if (L.kind() != json::Value::Null)
        Out.push_back(std::move(L));
    }
    Answer A;
    if (!Out.empty())
      A.Result = std::move(Out);
    return A;
  });
}

json::Value Server::symbolJson(const Symbol &S, const LineTable &Lines) {
  json::Object O{{"name", str(S.Name)},
                 {"kind", S.Kind},
                 {"range", range(Lines.range(S.Range.Begin, S.Range.End))},
                 {"selectionRange", range(Lines.range(S.Selection.Begin, S.Selection.End))}};
  if (!S.Detail.empty())
    O["detail"] = str(S.Detail);
  if (!S.Children.empty()) {
    json::Array C;
    for (const Symbol &Child : S.Children)
      C.push_back(symbolJson(Child, Lines));
    O["children"] = std::move(C);
  }
  return O;
}

void Server::flatSymbols(const std::vector<Symbol> &Syms, const std::string &Uri,
                         const LineTable &Lines, StringRef Container, json::Array &Out) {
  for (const Symbol &S : Syms) {
    json::Object O{{"name", str(S.Name)},
                   {"kind", S.Kind},
                   {"location", json::Object{{"uri", Uri},
                                             {"range", range(Lines.range(S.Range.Begin, S.Range.End))}}}};
    if (!Container.empty())
      O["containerName"] = str(Container);
    Out.push_back(std::move(O));
    flatSymbols(S.Children, Uri, Lines, S.Name, Out);
  }
}

Answer Server::symbolRequest(const json::Object &P) {
  return onDocument(P, [&](Document &D) {
    Context Cx = context(D);
    if (!Cx.Vw)
      return fail(RequestFailed, "the document's workspace could not be checked");
    std::vector<Symbol> Syms = symbols(*Cx.Vw);
    json::Array Out;
    if (HierarchicalSymbols)
      for (const Symbol &S : Syms)
        Out.push_back(symbolJson(S, *Cx.Lines));
    else
      flatSymbols(Syms, D.Uri, *Cx.Lines, "", Out);
    return Answer{std::move(Out), std::nullopt};
  });
}

Answer Server::formatRequest(const json::Object &P) {
  return onDocument(P, [&](Document &D) { return format(D); });
}

Answer Server::format(const Document &D) {
  SourceManager SM;
  ast::Context Ctx;
  DiagEngine Diags;
  unsigned ID = SM.addBuffer(D.Text, D.Path);
  syntax::parseFile(SM, ID, Ctx, Diags);
  if (Diags.hasErrors())
    return fail(RequestFailed, V("the file has syntax errors; budc formats only a file that "
                                 "parses (see its diagnostics)",
                                 "文件有语法错误；budc 只格式化没有语法错误的文件（见诊断）"));
  std::string New = format::formatFile(SM, ID);
  if (format::meaning(D.Text, D.Path) != format::meaning(New, D.Path))
    return fail(InternalError, "the canonical layout would change the file's meaning, so it "
                               "is not applied; this is a bug in budc");
  Answer A;
  A.Result = json::Array();
  if (New == D.Text)
    return A;
  // One edit over the lines that differ, so that the editor keeps its place elsewhere.
  LineTable Old(D.Text), Fresh(New);
  uint32_t First = 0;
  while (First < Old.lineCount() && First < Fresh.lineCount() &&
         StringRef(D.Text).slice(Old.lineStart(First), Old.lineStart(First + 1)) ==
             StringRef(New).slice(Fresh.lineStart(First), Fresh.lineStart(First + 1)) &&
         Old.lineStart(First + 1) < D.Text.size() && Fresh.lineStart(First + 1) < New.size())
    ++First;
  uint32_t OldEnd = static_cast<uint32_t>(D.Text.size()), NewEnd = static_cast<uint32_t>(New.size());
  uint32_t OldLine = Old.lineCount(), NewLine = Fresh.lineCount();
  while (OldLine > First + 1 && NewLine > First + 1 &&
         StringRef(D.Text).slice(Old.lineStart(OldLine - 1), OldEnd) ==
             StringRef(New).slice(Fresh.lineStart(NewLine - 1), NewEnd)) {
    --OldLine;
    --NewLine;
    OldEnd = Old.lineStart(OldLine);
    NewEnd = Fresh.lineStart(NewLine);
  }
  uint32_t Begin = Old.lineStart(First);
  uint32_t NewBegin = Fresh.lineStart(First);
  A.Result = json::Array{json::Object{
      {"range", range(Old.range(Begin, OldEnd))},
      {"newText", StringRef(New).slice(NewBegin, NewEnd).str()}}};
  return A;
}

Answer Server::codeActionRequest(const json::Object &P) {
  const json::Object *TD = P.getObject("textDocument");
  Optional<StringRef> Uri = TD ? TD->getString("uri") : None;
  if (!Uri)
    return fail(InvalidParams, "textDocument.uri is missing");
  Answer Error;
  std::optional<Range> R = parseRange(P.getObject("range"), Error);
  if (!R)
    return Error;
  if (const json::Object *C = P.getObject("context"))
    if (const json::Array *Only = C->getArray("only")) {
      bool Quickfix = false;
      for (const json::Value &K : *Only)
        if (auto S = K.getAsString())
          Quickfix |= *S == "quickfix" || StringRef("quickfix").startswith(*S);
      if (!Quickfix)
        return Answer{json::Array(), std::nullopt};
    }
  flush(); // with every change so far
  json::Array Out;
  for (auto &[Root, W] : Workspaces) {
    auto It = W.Fixes.find(Uri->str());
    if (It == W.Fixes.end())
      continue;
    for (const Fix &F : It->second) {
      if (F.Where.End < R->Start || R->End < F.Where.Start)
        continue;
      json::Object Changes;
      for (const auto &[U, Edits] : F.Edits)
        Changes[U] = json::Array(Edits);
      Out.push_back(json::Object{{"title", str(F.Title)},
                                 {"kind", "quickfix"},
                                 {"isPreferred", true},
                                 {"diagnostics", json::Array{F.Diagnostic}},
                                 {"edit", json::Object{{"changes", std::move(Changes)}}}});
    }
  }
  return Answer{std::move(Out), std::nullopt};
}

Answer Server::contentRequest(const json::Object &P) {
  Optional<StringRef> Uri = P.getString("uri");
  if (!Uri)
    return fail(InvalidParams, "uri is missing");
  StringRef Path = *Uri;
  if (!Path.consume_front(StdlibScheme) || !Path.consume_front(":"))
    return fail(InvalidParams, "budc serves only " + StdlibScheme.str() + ": documents");
  Path = Path.ltrim('/');
  for (const EmbeddedFile &E : stdlib::embeddedFiles())
    if (Path == E.Path)
      return Answer{json::Object{{"text", str(E.text())}}, std::nullopt};
  return fail(InvalidParams, "the standard library has no file '" + Path.str() + "'");
}

} // namespace budc::lsp::detail

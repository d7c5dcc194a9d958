//===- documents.cpp - The open documents, their workspaces and diagnostics -===//
//
// The editor's texts of the open documents are read instead of the files on disk. Each
// document belongs to a workspace (the nearest directory upward with the budget header, else
// the client's root when it holds the file, else the file alone), checked through the same
// pipeline as `budc check`; after a check every file of the workspace gets its diagnostics
// (sums cross files), and those that went away are cleared.
//
//===----------------------------------------------------------------------===//
#include "compiler/lsp/server_impl.h"

#include "compiler/diag/render.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/workspace/workspace.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <exception>

using namespace llvm;

namespace budc::lsp::detail {

/// The real path of \p Path, or its absolute form with . and .. removed when it does not
/// exist (a new buffer).
std::string keyOf(StringRef Path) {
  SmallString<256> Real;
  if (!sys::fs::real_path(Path, Real))
    return Real.str().str();
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, true);
  return Abs.str().str();
}

//===----------------------------------------------------------------------===//
// Documents and workspaces
//===----------------------------------------------------------------------===//

StringMap<std::string> Server::overrides() const {
  StringMap<std::string> O;
  for (const auto &[Uri, D] : Docs)
    O[D.Key] = D.Text;
  return O;
}

std::string Server::rootOf(const Document &D, bool &Directory) const {
  StringMap<std::string> O = overrides();
  std::string Root = workspaceRoot(D.Key, "", &O);
  Directory = true;
  if (sys::fs::is_directory(Root))
    return keyOf(Root);
  if (!ClientRoot.empty() && isWithin(D.Key, ClientRoot))
    return ClientRoot;
  Directory = false;
  return D.Key;
}

void Server::attach(Document &D) {
  bool Directory;
  std::string Root = rootOf(D, Directory);
  if (Root != D.Root && !D.Root.empty())
    detach(D.Root, D.Uri);
  D.Root = Root;
  WorkspaceState &W = Workspaces[Root];
  W.Root = Root;
  W.Directory = Directory;
  W.Dirty = true;
  W.Trigger = D.Uri;
}

void Server::detach(const std::string &Root, const std::string &Uri) {
  auto It = Workspaces.find(Root);
  if (It == Workspaces.end())
    return;
  for (const auto &[U, D] : Docs)
    if (D.Root == Root && U != Uri) {
      It->second.Dirty = true;
      It->second.Trigger = U;
      return;
    }
  for (const std::string &P : It->second.Published)
    notify("textDocument/publishDiagnostics",
           json::Object{{"uri", P}, {"diagnostics", json::Array()}});
  Workspaces.erase(It);
}

void Server::didOpen(const json::Object &P) {
  const json::Object *TD = P.getObject("textDocument");
  Optional<StringRef> Uri = TD ? TD->getString("uri") : None;
  Optional<StringRef> Text = TD ? TD->getString("text") : None;
  if (!Uri || !Text)
    return log("didOpen without textDocument.uri and text");
  std::optional<std::string> Path = pathFromUri(*Uri);
  if (!Path)
    return log("only file: URIs can be checked, not '" + Uri->str() + "'");
  Document &D = Docs[Uri->str()];
  if (!D.Root.empty())
    detach(D.Root, D.Uri);
  D = Document();
  D.Uri = Uri->str();
  D.Path = *Path;
  D.Key = keyOf(*Path);
  D.Text = Text->str();
  D.Version = TD->getInteger("version").getValueOr(0);
  attach(D);
}

void Server::didChange(const json::Object &P) {
  const json::Object *TD = P.getObject("textDocument");
  Optional<StringRef> Uri = TD ? TD->getString("uri") : None;
  auto It = Uri ? Docs.find(Uri->str()) : Docs.end();
  const json::Array *Changes = P.getArray("contentChanges");
  if (It == Docs.end() || !Changes)
    return log("didChange for a document that is not open, or without contentChanges");
  Document &D = It->second;
  for (const json::Value &C : *Changes) {
    const json::Object *O = C.getAsObject();
    Optional<StringRef> Text = O ? O->getString("text") : None;
    if (!Text)
      return log("a content change without text: the document may be out of step; "
                 "close and reopen it");
    if (const json::Object *R = O->getObject("range")) {
      Answer Error;
      std::optional<Range> Where = parseRange(R, Error);
      if (!Where)
        return log("a content change with a bad range: " + Error.Error->second);
      LineTable Lines(D.Text);
      uint32_t Begin = Lines.offset(Where->Start), End = Lines.offset(Where->End);
      D.Text.replace(Begin, std::max(Begin, End) - Begin, Text->str());
    } else {
      D.Text = Text->str();
    }
  }
  D.Version = TD->getInteger("version").getValueOr(D.Version + 1);
  WorkspaceState &W = Workspaces[D.Root];
  if (!W.Directory) {
    attach(D); // a header written in a file without one makes it a workspace
  } else {
    W.Dirty = true;
    W.Trigger = D.Uri;
  }
}

void Server::didClose(const json::Object &P) {
  const json::Object *TD = P.getObject("textDocument");
  Optional<StringRef> Uri = TD ? TD->getString("uri") : None;
  auto It = Uri ? Docs.find(Uri->str()) : Docs.end();
  if (It == Docs.end())
    return;
  std::string Root = It->second.Root, U = It->second.Uri;
  Docs.erase(It);
  detach(Root, U);
}

//===----------------------------------------------------------------------===//
// Checking and diagnostics
//===----------------------------------------------------------------------===//

void Server::flush() {
  for (auto &[Root, W] : Workspaces)
    if (W.Dirty)
      check(W);
}

std::shared_ptr<Checked> Server::compileWith(const WorkspaceState &W, const StringMap<std::string> &O) {
  std::vector<std::string> Paths{W.Root};
  // New buffers are not on disk, so the directory walk cannot find them.
  if (W.Directory)
    for (const auto &[Uri, D] : Docs)
      if (D.Root == W.Root && !sys::fs::exists(D.Key) && StringRef(D.Key).endswith(".bud"))
        Paths.push_back(D.Key);
  CompileOptions CO;
  CO.Until = Stage::Check;
  CO.Templates = false; // as budc check: only the templates' names
  CO.Parse.ErrorLimit = 100;
  CO.Overrides = &O;
  auto R = std::make_shared<Checked>();
  R->C = compile(Paths, CO);
  const SourceManager &SM = R->C->SM;
  R->Keys.resize(SM.size() + 1);
  R->Refs.resize(SM.size() + 1);
  for (unsigned ID = 1; ID <= SM.size(); ++ID)
    if (!SM.getPath(ID).startswith(StdlibPrefix))
      R->Keys[ID] = keyOf(SM.getPath(ID));
  return R;
}

void Server::check(WorkspaceState &W) {
  W.Dirty = false;
  StringMap<std::string> O = overrides();
  std::shared_ptr<Checked> R;
  try {
    R = compileWith(W, O);
    if (R->C->Budget) {
      W.Model = R;
    } else if (!W.Model) {
      // Syntax errors stop the check before the model; completion and hover still need
      // the catalogues and the facts. Checked again without the files that have errors.
      StringMap<std::string> Without = O;
      for (const Diagnostic &D : R->C->Diags.getDiagnostics())
        if (D.Sev == Severity::Error && D.Where.isValid() && !R->Keys[D.Where.File].empty())
          Without[R->Keys[D.Where.File]] = "";
      std::shared_ptr<Checked> M = compileWith(W, Without);
      if (M->C->Budget)
        W.Model = M;
    }
  } catch (const std::exception &E) {
    log(std::string("internal error while checking: ") + E.what());
    return;
  }
  W.Current = R;
  publish(W);
}

FileRef &Server::ref(Checked &K, unsigned ID) {
  FileRef &F = K.Refs[ID];
  if (F.Lines)
    return F;
  StringRef Path = K.C->SM.getPath(ID);
  bool Open = false;
  if (Path.startswith(StdlibPrefix)) {
    F.Stdlib = true;
    if (StdlibDocuments)
      F.Uri = (StdlibScheme + ":/" + Path.drop_front(StdlibPrefix.size())).str();
  } else {
    for (const auto &[Uri, D] : Docs)
      if (D.Key == K.Keys[ID]) {
        F.Uri = Uri;
        Open = true;
      }
    if (F.Uri.empty())
      F.Uri = uriFromPath(K.Keys[ID]);
  }
  F.Lines = std::make_unique<LineTable>(K.C->SM.getText(ID), /*HiddenBOM=*/!Open);
  return F;
}

json::Value Server::location(Checked &K, Span S) {
  if (!S.isValid() || S.File > K.C->SM.size())
    return nullptr;
  FileRef &F = ref(K, S.File);
  if (F.Uri.empty())
    return nullptr;
  return json::Object{{"uri", F.Uri}, {"range", range(F.Lines->range(S.Begin, S.End))}};
}

json::Value Server::stdlibLocation(StringRef Path, Span S) {
  if (!StdlibDocuments)
    return nullptr;
  for (const EmbeddedFile &E : stdlib::embeddedFiles())
    if (Path == E.Path) {
      LineTable Lines(E.text());
      return json::Object{{"uri", (StdlibScheme + ":/" + Path).str()},
                          {"range", range(Lines.range(S.Begin, S.End))}};
    }
  return nullptr;
}

std::string Server::placeText(Checked &K, Span S) {
  if (!S.isValid() || S.File > K.C->SM.size())
    return "";
  LineCol LC = K.C->SM.getLineCol(S.File, S.Begin);
  return K.C->SM.getPath(S.File).str() + ":" + std::to_string(LC.Line) + ":" +
         std::to_string(LC.Column) + ": ";
}

void Server::publish(WorkspaceState &W) {
  Checked &K = *W.Current;
  std::map<std::string, json::Array> ByUri;
  std::map<std::string, std::vector<Fix>> Fixes;
  for (const auto &[Uri, D] : Docs)
    if (D.Root == W.Root)
      ByUri[Uri];
  std::string Fallback = W.Trigger;
  if (!Docs.count(Fallback))
    Fallback = ByUri.empty() ? "" : ByUri.begin()->first;
  for (const Diagnostic &D : K.C->Diags.sorted()) {
    std::string Message = D.message(Language);
    json::Value Loc = location(K, D.Where);
    std::string Uri;
    Range R;
    if (auto *L = Loc.getAsObject()) {
      Uri = L->getString("uri")->str();
      R = K.Refs[D.Where.File].Lines->range(D.Where.Begin, D.Where.End);
      if (K.Refs[D.Where.File].Stdlib) { // a stdlib document is not checked by the client
        Uri.clear();
      }
    }
    if (Uri.empty()) {
      if (Fallback.empty())
        continue;
      Uri = Fallback;
      Message = placeText(K, D.Where) + Message;
      R = Range{};
    }
    json::Array Related;
    for (const DiagNote &N : D.Notes) {
      std::string Note = Diagnostic::noteMessage(N, Language);
      json::Value NL = location(K, N.Where);
      if (RelatedInformation && NL.kind() != json::Value::Null)
        Related.push_back(json::Object{{"location", std::move(NL)}, {"message", str(Note)}});
      else
        Message += "\n" + placeText(K, N.Where) + Note;
    }
    const DiagInfo &Info = getDiagInfo(D.Kind);
    json::Object J{{"range", range(R)},
                   {"severity", D.Sev == Severity::Error     ? 1
                                : D.Sev == Severity::Warning ? 2
                                : D.Sev == Severity::Remark  ? 3
                                                             : 4},
                   {"source", "budc"},
                   {"message", str(Message)}};
    if (Info.Code)
      J["code"] = formatCode(Info.Code);
    if (!Related.empty())
      J["relatedInformation"] = std::move(Related);
    if (!D.FixIts.empty()) {
      Fix F;
      F.Where = R;
      F.Diagnostic = json::Object(J);
      for (const FixIt &X : D.FixIts) {
        json::Value XL = location(K, X.Where);
        if (auto *L = XL.getAsObject(); L && !K.Refs[X.Where.File].Stdlib)
          F.Edits[L->getString("uri")->str()].push_back(
              json::Object{{"range", *L->get("range")}, {"newText", str(X.Replacement)}});
      }
      const std::string &First = D.FixIts.front().Replacement;
      F.Title = First.empty() ? V("Remove it", "删除")
                              : Language == Lang::Zh ? "改为“" + First + "”"
                                                     : "Replace with '" + First + "'";
      if (!F.Edits.empty())
        Fixes[Uri].push_back(std::move(F));
    }
    ByUri[Uri].push_back(std::move(J));
  }
  for (const std::string &U : W.Published)
    ByUri[U];
  W.Published.clear();
  for (auto &[Uri, List] : ByUri) {
    if (!List.empty())
      W.Published.push_back(Uri);
    json::Object P{{"uri", Uri}, {"diagnostics", std::move(List)}};
    if (auto It = Docs.find(Uri); It != Docs.end())
      P["version"] = It->second.Version;
    notify("textDocument/publishDiagnostics", std::move(P));
  }
  W.Fixes = std::move(Fixes);
}

} // namespace budc::lsp::detail

//===- server.cpp - budc's language server --------------------------------===//
//
// One thread reads messages in order and answers each before the next. Changes only mark
// their workspace; it is checked when no more input is waiting (a burst of keystrokes is
// checked once, after its last) or when a request needs it, so an answer always reflects
// every change before it.
//
//===----------------------------------------------------------------------===//
#include "compiler/lsp/server.h"

#include "compiler/diag/render.h"
#include "compiler/driver/pipeline.h"
#include "compiler/format/format.h"
#include "compiler/lsp/features.h"
#include "compiler/lsp/positions.h"
#include "compiler/lsp/transport.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <exception>
#include <map>
#include <memory>
#include <variant>

using namespace llvm;

namespace budc::lsp {
namespace {

/// The protocol's error codes.
enum ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
};

/// The answer to a request: a result, or an error.
struct Answer {
  json::Value Result = nullptr;
  std::optional<std::pair<int, std::string>> Error;
};

Answer fail(int Code, std::string Message) {
  Answer A;
  A.Error = {Code, std::move(Message)};
  return A;
}

/// The URI scheme of the standard library's files, served by workspace/textDocumentContent
/// to clients that ask for it.
constexpr StringRef StdlibScheme = "budc-stdlib";
constexpr StringRef StdlibPrefix = "<stdlib>/";

/// \p S as a JSON string, with invalid UTF-8 (a file on disk may hold any bytes) replaced.
json::Value str(StringRef S) { return json::isUTF8(S) ? json::Value(S.str()) : json::Value(json::fixUTF8(S)); }

json::Value position(Position P) {
  return json::Object{{"line", P.Line}, {"character", P.Character}};
}
json::Value range(Range R) {
  return json::Object{{"start", position(R.Start)}, {"end", position(R.End)}};
}

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

/// An open document.
struct Document {
  std::string Uri, Path, Key; ///< Key: keyOf(Path), as the workspace knows the file
  std::string Text;
  int64_t Version = 0;
  std::string Root;           ///< the key of its workspace in Server::Workspaces
};

/// A file of a compilation as the client knows it.
struct FileRef {
  std::string Uri;                 ///< empty: the client cannot open it
  std::unique_ptr<LineTable> Lines;
  bool Stdlib = false;
};

/// One compilation of a workspace and the client's names for its files.
struct Checked {
  std::unique_ptr<Compilation> C;
  std::vector<std::string> Keys;        ///< by file ID: keyOf(path); "" for the stdlib
  std::vector<FileRef> Refs;            ///< by file ID, filled on first use
};

/// A fix-it offered as a code action, with the diagnostic it belongs to.
struct Fix {
  Range Where;                     ///< the diagnostic's range
  json::Value Diagnostic = nullptr; ///< as published
  std::string Title;
  std::map<std::string, json::Array> Edits; ///< by URI
};

/// A workspace that holds open documents.
struct WorkspaceState {
  std::string Root;   ///< real path of its directory, or the key of its only file
  bool Directory = false;
  std::shared_ptr<Checked> Current, Model; ///< the latest check; the latest with a model
  bool Dirty = true;
  std::string Trigger; ///< the URI of the latest change: where diagnostics without a place go
  std::map<std::string, std::vector<Fix>> Fixes; ///< by URI, of what was published
  std::vector<std::string> Published;            ///< URIs with diagnostics published
};

class Server {
public:
  Server(Transport &T, const ServerOptions &O) : T(T), Opts(O) {}

  int run() {
    for (;;) {
      std::optional<Frame> F = T.read();
      if (!F)
        break;
      if (F->Kind == Frame::Malformed)
        error(nullptr, ParseError, F->Body);
      else
        message(F->Body);
      if (Exiting)
        return ExitStatus;
      if (OutputClosed)
        return 1; // nobody is listening any more
      if (!T.pending())
        flush();
    }
    return 1; // the input ended without exit
  }

private:
  //===--------------------------------------------------------------------===//
  // Messages
  //===--------------------------------------------------------------------===//

  void send(json::Value V) {
    if (!T.write(V))
      OutputClosed = true;
  }

  void error(json::Value Id, int Code, StringRef Message) {
    send(json::Object{{"jsonrpc", "2.0"},
                      {"id", std::move(Id)},
                      {"error", json::Object{{"code", Code}, {"message", str(Message)}}}});
  }

  void notify(StringRef Method, json::Value Params) {
    send(json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
  }

  void log(StringRef Message) {
    notify("window/logMessage", json::Object{{"type", 1}, {"message", str("budc: " + Message.str())}});
  }

  /// Whether \p Body nests arrays and objects deeper than a message ever needs: the JSON
  /// parser recurses once per level, and a hostile message must not exhaust the stack.
  static bool tooDeep(StringRef Body) {
    constexpr unsigned MaxDepth = 256;
    unsigned Depth = 0;
    bool InString = false;
    for (size_t I = 0; I < Body.size(); ++I) {
      char C = Body[I];
      if (InString) {
        if (C == '\\')
          ++I;
        else if (C == '"')
          InString = false;
      } else if (C == '"') {
        InString = true;
      } else if (C == '[' || C == '{') {
        if (++Depth > MaxDepth)
          return true;
      } else if ((C == ']' || C == '}') && Depth) {
        --Depth;
      }
    }
    return false;
  }

  void message(StringRef Body) {
    if (tooDeep(Body)) {
      error(nullptr, ParseError, "the message nests arrays and objects too deeply");
      return;
    }
    Expected<json::Value> V = json::parse(Body);
    if (!V) {
      error(nullptr, ParseError, "the message is not JSON: " + toString(V.takeError()));
      return;
    }
    const json::Object *M = V->getAsObject();
    if (!M) {
      error(nullptr, InvalidRequest, "a message must be a JSON object");
      return;
    }
    const json::Value *Id = M->get("id");
    Optional<StringRef> Method = M->getString("method");
    if (!Method) {
      if (!Id || (!M->get("result") && !M->get("error")))
        error(nullptr, InvalidRequest, "a message without a method");
      return; // else a response to nothing budc asked
    }
    if (Id && !Id->getAsInteger() && !Id->getAsString() && !Id->getAsNumber()) {
      error(nullptr, InvalidRequest, "a request's id must be a number or a string");
      return;
    }
    const json::Value *Params = M->get("params");
    static const json::Object Empty;
    const json::Object *P = Params ? Params->getAsObject() : &Empty;
    if (Params && !P && !Params->getAsArray() && Params->kind() != json::Value::Null) {
      if (Id)
        error(*Id, InvalidRequest, "params must be an object or an array");
      return;
    }
    if (!P)
      P = &Empty;
    if (!Id) {
      guard([&] { notification(*Method, *P); });
      return;
    }
    Answer A;
    guard([&] { A = request(*Method, *P); }, &A);
    if (A.Error)
      error(*Id, A.Error->first, A.Error->second);
    else
      send(json::Object{{"jsonrpc", "2.0"}, {"id", *Id}, {"result", std::move(A.Result)}});
  }

  /// Runs \p Body; an exception is a bug in budc, answered (or logged) instead of ending the
  /// server.
  template <typename F> void guard(F Body, Answer *A = nullptr) {
    try {
      Body();
    } catch (const std::exception &E) {
      std::string Why = std::string("internal error: ") + E.what();
      if (A)
        *A = fail(InternalError, Why);
      else
        log(Why);
    }
  }

  Answer request(StringRef Method, const json::Object &P) {
    if (Method == "initialize")
      return initialize(P);
    if (!Initialized)
      return fail(ServerNotInitialized, "the first request must be initialize");
    if (ShutDown)
      return fail(InvalidRequest, "the server is shutting down");
    if (Method == "shutdown") {
      ShutDown = true;
      return {};
    }
    if (Method == "textDocument/hover")
      return hoverRequest(P);
    if (Method == "textDocument/completion")
      return completionRequest(P);
    if (Method == "textDocument/definition")
      return definitionRequest(P);
    if (Method == "textDocument/documentSymbol")
      return symbolRequest(P);
    if (Method == "textDocument/formatting")
      return formatRequest(P);
    if (Method == "textDocument/codeAction")
      return codeActionRequest(P);
    if (Method == "workspace/textDocumentContent")
      return contentRequest(P);
    return fail(MethodNotFound, "budc has no method '" + Method.str() + "'");
  }

  void notification(StringRef Method, const json::Object &P) {
    if (Method == "exit") {
      Exiting = true;
      ExitStatus = ShutDown ? 0 : 1;
      return;
    }
    if (!Initialized || ShutDown)
      return;
    if (Method == "textDocument/didOpen")
      didOpen(P);
    else if (Method == "textDocument/didChange")
      didChange(P);
    else if (Method == "textDocument/didClose")
      didClose(P);
    else if (Method == "textDocument/didSave" || Method == "workspace/didChangeWatchedFiles")
      for (auto &[Root, W] : Workspaces) // files on disk may have changed
        W.Dirty = true;
    else if (Method == "initialized" && WatchFiles)
      // A .bud file changed on disk (git checkout, another program) changes the sums of its
      // workspace: ask the client to say so.
      send(json::Object{
          {"jsonrpc", "2.0"},
          {"id", "budc-watch"},
          {"method", "client/registerCapability"},
          {"params",
           json::Object{{"registrations",
                         json::Array{json::Object{
                             {"id", "budc-watch"},
                             {"method", "workspace/didChangeWatchedFiles"},
                             {"registerOptions",
                              json::Object{{"watchers", json::Array{json::Object{
                                                            {"globPattern", "**/*.bud"}}}}}}}}}}}});
    // Other notifications ($/cancelRequest: answers are never late; initialized …) need nothing.
  }

  //===--------------------------------------------------------------------===//
  // Parameters
  //===--------------------------------------------------------------------===//

  /// The open document params.textDocument.uri names, or an error.
  std::variant<Document *, Answer> document(const json::Object &P) {
    const json::Object *TD = P.getObject("textDocument");
    Optional<StringRef> Uri = TD ? TD->getString("uri") : None;
    if (!Uri)
      return fail(InvalidParams, "textDocument.uri is missing");
    auto It = Docs.find(Uri->str());
    if (It == Docs.end())
      return fail(InvalidParams, "the document '" + Uri->str() + "' is not open");
    return &It->second;
  }

  /// params[Key] as a position, or nullopt (after setting \p Error).
  static std::optional<Position> positionParam(const json::Object *P, Answer &Error) {
    const json::Object *Pos = P ? P->getObject("position") : nullptr;
    if (!Pos)
      return parsePosition(nullptr, Error);
    return parsePosition(Pos, Error);
  }

  static std::optional<Position> parsePosition(const json::Object *Pos, Answer &Error) {
    Optional<int64_t> Line = Pos ? Pos->getInteger("line") : None;
    Optional<int64_t> Char = Pos ? Pos->getInteger("character") : None;
    if (!Line || !Char || *Line < 0 || *Char < 0) {
      Error = fail(InvalidParams, "a position needs a line and a character, integers not below 0");
      return std::nullopt;
    }
    // Past the end is clamped to the end (LineTable::offset).
    auto Clamp = [](int64_t V) { return static_cast<uint32_t>(std::min<int64_t>(V, UINT32_MAX)); };
    return Position{Clamp(*Line), Clamp(*Char)};
  }

  static std::optional<Range> parseRange(const json::Object *R, Answer &Error) {
    if (!R) {
      Error = fail(InvalidParams, "a range is missing");
      return std::nullopt;
    }
    auto S = parsePosition(R->getObject("start"), Error);
    auto E = S ? parsePosition(R->getObject("end"), Error) : std::nullopt;
    if (!E)
      return std::nullopt;
    return Range{*S, std::max(*S, *E)};
  }

  //===--------------------------------------------------------------------===//
  // Lifecycle
  //===--------------------------------------------------------------------===//

  Answer initialize(const json::Object &P) {
    if (Initialized)
      return fail(InvalidRequest, "initialize was sent twice");
    Initialized = true;
    // The language: budc lsp --lang, else the client's locale, else the environment.
    if (Opts.Language)
      Language = *Opts.Language;
    else if (Optional<StringRef> L = P.getString("locale"))
      Language = L->startswith_insensitive("zh") ? Lang::Zh : Lang::En;
    else
      Language = languageFromEnvironment();
    // The client's root folder, for files outside any budget's directory.
    Optional<StringRef> RootUri = P.getString("rootUri");
    if (const json::Array *Folders = P.getArray("workspaceFolders"); Folders && !Folders->empty())
      if (const json::Object *F = Folders->front().getAsObject())
        if (auto U = F->getString("uri"))
          RootUri = U;
    if (RootUri)
      if (auto Path = pathFromUri(*RootUri); Path && sys::fs::is_directory(*Path))
        ClientRoot = keyOf(*Path);
    if (ClientRoot.empty())
      if (auto Path = P.getString("rootPath"); Path && sys::fs::is_directory(*Path))
        ClientRoot = keyOf(*Path);
    // What the client can take.
    if (const json::Object *Caps = P.getObject("capabilities")) {
      if (const json::Object *TD = Caps->getObject("textDocument")) {
        if (const json::Object *D = TD->getObject("publishDiagnostics"))
          RelatedInformation = D->getBoolean("relatedInformation").getValueOr(false);
        if (const json::Object *H = TD->getObject("hover"))
          if (const json::Array *F = H->getArray("contentFormat"))
            for (const json::Value &V : *F)
              HoverMarkdown |= V.getAsString() == StringRef("markdown");
        if (const json::Object *S = TD->getObject("documentSymbol"))
          HierarchicalSymbols = S->getBoolean("hierarchicalDocumentSymbolSupport").getValueOr(false);
      }
      if (const json::Object *W = Caps->getObject("workspace")) {
        StdlibDocuments |= W->getObject("textDocumentContent") != nullptr;
        if (const json::Object *F = W->getObject("didChangeWatchedFiles"))
          WatchFiles = F->getBoolean("dynamicRegistration").getValueOr(false);
      }
    }
    if (const json::Object *IO = P.getObject("initializationOptions"))
      StdlibDocuments |= IO->getBoolean("stdlibDocuments").getValueOr(false);

    json::Object Caps{
        {"positionEncoding", "utf-16"},
        {"textDocumentSync", json::Object{{"openClose", true},
                                          {"change", 2}, // incremental
                                          {"save", json::Object{{"includeText", false}}}}},
        {"hoverProvider", true},
        {"completionProvider",
         json::Object{{"triggerCharacters", json::Array{"{", "/"}}, {"resolveProvider", false}}},
        {"definitionProvider", true},
        {"documentSymbolProvider", true},
        {"documentFormattingProvider", true},
        {"codeActionProvider", json::Object{{"codeActionKinds", json::Array{"quickfix"}}}},
    };
    if (StdlibDocuments)
      Caps["workspace"] =
          json::Object{{"textDocumentContent", json::Object{{"schemes", json::Array{StdlibScheme}}}}};
    Answer A;
    A.Result = json::Object{{"capabilities", std::move(Caps)},
                            {"serverInfo", json::Object{{"name", "budc"}, {"version", "0.1.0"}}}};
    return A;
  }

  //===--------------------------------------------------------------------===//
  // Documents and workspaces
  //===--------------------------------------------------------------------===//

  /// The texts of the open documents by key: they are read instead of the files.
  StringMap<std::string> overrides() const {
    StringMap<std::string> O;
    for (const auto &[Uri, D] : Docs)
      O[D.Key] = D.Text;
    return O;
  }

  /// The workspace of \p D: the nearest directory upward with the budget header (in a file
  /// or an open document), else the client's root when it holds the file, else the file.
  std::string rootOf(const Document &D, bool &Directory) const {
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

  /// Puts \p D in its workspace (again: the header may have come or gone).
  void attach(Document &D) {
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

  /// \p Uri left the workspace \p Root; a workspace with no open document left is dropped and
  /// its diagnostics cleared.
  void detach(const std::string &Root, const std::string &Uri) {
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

  void didOpen(const json::Object &P) {
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

  void didChange(const json::Object &P) {
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

  void didClose(const json::Object &P) {
    const json::Object *TD = P.getObject("textDocument");
    Optional<StringRef> Uri = TD ? TD->getString("uri") : None;
    auto It = Uri ? Docs.find(Uri->str()) : Docs.end();
    if (It == Docs.end())
      return;
    std::string Root = It->second.Root, U = It->second.Uri;
    Docs.erase(It);
    detach(Root, U);
  }

  //===--------------------------------------------------------------------===//
  // Checking and diagnostics
  //===--------------------------------------------------------------------===//

  void flush() {
    for (auto &[Root, W] : Workspaces)
      if (W.Dirty)
        check(W);
  }

  std::shared_ptr<Checked> compileWith(const WorkspaceState &W, const StringMap<std::string> &O) {
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

  void check(WorkspaceState &W) {
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

  /// The client's name and line table for file \p ID of \p K.
  FileRef &ref(Checked &K, unsigned ID) {
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

  /// The protocol's location of \p S in \p K, or null when the client cannot open it.
  json::Value location(Checked &K, Span S) {
    if (!S.isValid() || S.File > K.C->SM.size())
      return nullptr;
    FileRef &F = ref(K, S.File);
    if (F.Uri.empty())
      return nullptr;
    return json::Object{{"uri", F.Uri}, {"range", range(F.Lines->range(S.Begin, S.End))}};
  }

  /// The location of bytes \p S of the embedded standard-library file \p Path, for a client
  /// that opens budc-stdlib: documents; else null.
  json::Value stdlibLocation(StringRef Path, Span S) {
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

  /// "file:line:col: " for a place the client cannot show.
  std::string placeText(Checked &K, Span S) {
    if (!S.isValid() || S.File > K.C->SM.size())
      return "";
    LineCol LC = K.C->SM.getLineCol(S.File, S.Begin);
    return K.C->SM.getPath(S.File).str() + ":" + std::to_string(LC.Line) + ":" +
           std::to_string(LC.Column) + ": ";
  }

  void publish(WorkspaceState &W) {
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

  std::string V(const char *En, const char *Zh) const { return Language == Lang::Zh ? Zh : En; }

  //===--------------------------------------------------------------------===//
  // Requests about a document
  //===--------------------------------------------------------------------===//

  /// What the features look at for \p D: its workspace checked with every change so far.
  struct Context {
    WorkspaceState *W = nullptr;
    std::optional<View> Vw;
    std::unique_ptr<LineTable> Lines;
  };

  Context context(Document &D) {
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

  /// The document and the byte offset a position request names.
  struct At {
    Document *D = nullptr;
    Context Cx;
    uint32_t Offset = 0;
  };

  /// Answers a request about the open document params.textDocument names with \p Body.
  template <typename F> Answer onDocument(const json::Object &P, F Body) {
    auto Doc = document(P);
    if (auto *A = std::get_if<Answer>(&Doc))
      return std::move(*A);
    return Body(*std::get<Document *>(Doc));
  }

  /// Answers a request about a place (params.textDocument and params.position) with \p Body.
  template <typename F> Answer onPlace(const json::Object &P, F Body) {
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

  Answer hoverRequest(const json::Object &P) {
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

  Answer completionRequest(const json::Object &P) {
    return onPlace(P, [&](At &X) {
      return Answer{complete(*X.Cx.Vw, *X.Cx.Lines, X.Offset), std::nullopt};
    });
  }

  Answer definitionRequest(const json::Object &P) {
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

  json::Value symbolJson(const Symbol &S, const LineTable &Lines) {
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

  void flatSymbols(const std::vector<Symbol> &Syms, const std::string &Uri, const LineTable &Lines,
                   StringRef Container, json::Array &Out) {
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

  Answer symbolRequest(const json::Object &P) {
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

  Answer formatRequest(const json::Object &P) {
    return onDocument(P, [&](Document &D) { return format(D); });
  }

  /// The edits that give \p D budc fmt's layout.
  Answer format(const Document &D) {
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

  /// The fix-its of the diagnostics published for params.textDocument (open or not: a
  /// change in one file puts diagnostics in others) in the range params.range.
  Answer codeActionRequest(const json::Object &P) {
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

  /// The text of a standard library file (budc-stdlib:/units.bud), for go to definition.
  Answer contentRequest(const json::Object &P) {
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

  Transport &T;
  ServerOptions Opts;
  Lang Language = Lang::En;
  bool Initialized = false, ShutDown = false, Exiting = false, OutputClosed = false;
  int ExitStatus = 1;
  bool RelatedInformation = false, HoverMarkdown = false, HierarchicalSymbols = false;
  bool StdlibDocuments = false, WatchFiles = false;
  std::string ClientRoot;
  std::map<std::string, Document> Docs;              ///< by URI
  std::map<std::string, WorkspaceState> Workspaces;  ///< by root
};

} // namespace

int serve(int In, int Out, const ServerOptions &Opts) {
  Transport T(In, Out);
  return Server(T, Opts).run();
}

} // namespace budc::lsp

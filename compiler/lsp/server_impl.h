//===- server_impl.h - The language server's state, shared by its three parts -===//
//
// One class, Server, in three files:
//
//   server.cpp     the messages: JSON-RPC over the transport, the dispatch of requests and
//                  notifications, their parameters, the lifecycle (initialize, shutdown, exit)
//   documents.cpp  the document store: the open documents' texts, the workspaces that hold
//                  them, checking a workspace and publishing its diagnostics
//   requests.cpp   the answers about a document: hover, completion, definition, symbols,
//                  formatting, code actions and the standard library's documents
//
// One thread reads messages in order and answers each before the next. Changes only mark
// their workspace; it is checked when no more input is waiting (a burst of keystrokes is
// checked once, after its last) or when a request needs it, so an answer always reflects
// every change before it. Internal to compiler/lsp.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/driver/pipeline.h"
#include "compiler/lsp/features.h"
#include "compiler/lsp/positions.h"
#include "compiler/lsp/server.h"
#include "compiler/lsp/transport.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace budc::lsp::detail {

using llvm::StringMap;
using llvm::StringRef;
namespace json = llvm::json;

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

/// The answer to a request: a result, or an error (fail()).
struct Answer {
  json::Value Result = nullptr;
  std::optional<std::pair<int, std::string>> Error;
};

inline Answer fail(int Code, std::string Message) {
  Answer A;
  A.Error = {Code, std::move(Message)};
  return A;
}

/// The URI scheme of the standard library's files, served by workspace/textDocumentContent
/// to clients that ask for it.
inline constexpr StringRef StdlibScheme = "budc-stdlib";
inline constexpr StringRef StdlibPrefix = "<stdlib>/";

/// \p S as a JSON string, with invalid UTF-8 (a file on disk may hold any bytes) replaced.
inline json::Value str(StringRef S) {
  return json::isUTF8(S) ? json::Value(S.str()) : json::Value(json::fixUTF8(S));
}

inline json::Value position(Position P) {
  return json::Object{{"line", P.Line}, {"character", P.Character}};
}
inline json::Value range(Range R) {
  return json::Object{{"start", position(R.Start)}, {"end", position(R.End)}};
}

/// The real path of \p Path, or its absolute form with . and .. removed when it does not
/// exist (a new buffer).
std::string keyOf(StringRef Path);

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

/// The language server: one per `budc lsp`, on one thread.
class Server {
public:
  Server(Transport &T, const ServerOptions &O) : T(T), Opts(O) {}

  int run();

private:
  //===--------------------------------------------------------------------===//
  // Messages
  //===--------------------------------------------------------------------===//

  /// Writes a message; a closed output ends the server (OutputClosed).
  void send(json::Value V);
  void error(json::Value Id, int Code, StringRef Message);
  void notify(StringRef Method, json::Value Params);
  /// window/logMessage: what a client cannot be answered with (a bad notification).
  void log(StringRef Message);

  /// Whether \p Body nests arrays and objects deeper than a message ever needs: the JSON
  /// parser recurses once per level, and a hostile message must not exhaust the stack.
  static bool tooDeep(StringRef Body);
  /// One message: parsed, checked to be a request or a notification, dispatched, answered.
  void message(StringRef Body);

  /// Runs \p Body; an exception is a bug in budc, answered (or logged) instead of ending the
  /// server.
  template <typename F> void guard(F Body, Answer *A = nullptr);

  /// The dispatch by method.
  Answer request(StringRef Method, const json::Object &P);
  void notification(StringRef Method, const json::Object &P);

  //===--------------------------------------------------------------------===//
  // Parameters
  //===--------------------------------------------------------------------===//

  /// The open document params.textDocument.uri names, or an error.
  std::variant<Document *, Answer> document(const json::Object &P);

  /// params[Key] as a position, or nullopt (after setting \p Error).
  static std::optional<Position> positionParam(const json::Object *P, Answer &Error);
  static std::optional<Position> parsePosition(const json::Object *Pos, Answer &Error);
  static std::optional<Range> parseRange(const json::Object *R, Answer &Error);

  //===--------------------------------------------------------------------===//
  // Lifecycle
  //===--------------------------------------------------------------------===//

  Answer initialize(const json::Object &P);

  //===--------------------------------------------------------------------===//
  // Documents and workspaces
  //===--------------------------------------------------------------------===//

  /// The texts of the open documents by key: they are read instead of the files.
  StringMap<std::string> overrides() const;

  /// The workspace of \p D: the nearest directory upward with the budget header (in a file
  /// or an open document), else the client's root when it holds the file, else the file.
  std::string rootOf(const Document &D, bool &Directory) const;

  /// Puts \p D in its workspace (again: the header may have come or gone).
  void attach(Document &D);

  /// \p Uri left the workspace \p Root; a workspace with no open document left is dropped and
  /// its diagnostics cleared.
  void detach(const std::string &Root, const std::string &Uri);

  /// The document notifications: the editor's text, whole or changed by ranges.
  void didOpen(const json::Object &P);
  void didChange(const json::Object &P);
  void didClose(const json::Object &P);

  //===--------------------------------------------------------------------===//
  // Checking and diagnostics
  //===--------------------------------------------------------------------===//

  /// Checks every workspace changed since its last check.
  void flush();
  /// A compilation of \p W through `budc check`'s pipeline, with the texts \p O for files.
  std::shared_ptr<Checked> compileWith(const WorkspaceState &W, const StringMap<std::string> &O);
  /// Checks \p W (keeping the latest model, for a text with syntax errors) and publishes.
  void check(WorkspaceState &W);

  /// The client's name and line table for file \p ID of \p K.
  FileRef &ref(Checked &K, unsigned ID);

  /// The protocol's location of \p S in \p K, or null when the client cannot open it.
  json::Value location(Checked &K, Span S);

  /// The location of bytes \p S of the embedded standard-library file \p Path, for a client
  /// that opens budc-stdlib: documents; else null.
  json::Value stdlibLocation(StringRef Path, Span S);

  /// "file:line:col: " for a place the client cannot show.
  std::string placeText(Checked &K, Span S);
  /// The diagnostics of \p W's latest check, for every file of it (and none for the files
  /// that had some before and have none now), with the fix-its kept for code actions.
  void publish(WorkspaceState &W);

  /// \p En or \p Zh, in the client's language.
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
  Context context(Document &D);

  /// The document and the byte offset a position request names.
  struct At {
    Document *D = nullptr;
    Context Cx;
    uint32_t Offset = 0;
  };

  /// Answers a request about the open document params.textDocument names with \p Body.
  template <typename F> Answer onDocument(const json::Object &P, F Body);

  /// Answers a request about a place (params.textDocument and params.position) with \p Body.
  template <typename F> Answer onPlace(const json::Object &P, F Body);

  /// The requests: the features' answers (features.h) in the protocol's JSON.
  Answer hoverRequest(const json::Object &P);
  Answer completionRequest(const json::Object &P);
  Answer definitionRequest(const json::Object &P);
  Answer symbolRequest(const json::Object &P);
  Answer formatRequest(const json::Object &P);

  /// A symbol as a DocumentSymbol (with its children), or the flat SymbolInformation list of
  /// a client without hierarchical symbols.
  json::Value symbolJson(const Symbol &S, const LineTable &Lines);
  void flatSymbols(const std::vector<Symbol> &Syms, const std::string &Uri, const LineTable &Lines,
                   StringRef Container, json::Array &Out);

  /// The edits that give \p D budc fmt's layout.
  Answer format(const Document &D);

  /// The fix-its of the diagnostics published for params.textDocument (open or not: a
  /// change in one file puts diagnostics in others) in the range params.range.
  Answer codeActionRequest(const json::Object &P);

  /// The text of a standard library file (budc-stdlib:/units.bud), for go to definition.
  Answer contentRequest(const json::Object &P);

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

} // namespace budc::lsp::detail

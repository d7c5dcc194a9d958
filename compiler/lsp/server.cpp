//===- server.cpp - budc's language server: messages and the lifecycle ------===//
//
// The messages as the base protocol carries them (transport.h frames them): a request is
// answered with a result or an error, a notification changes the document store
// (documents.cpp) or the lifecycle, and nothing a client sends ends the server but `exit`
// or the end of its input. initialize reads the client's language, root and capabilities and
// says what budc answers.
//
//===----------------------------------------------------------------------===//
#include "compiler/lsp/server_impl.h"

#include "compiler/diag/render.h"

#include "llvm/Support/FileSystem.h"

#include <exception>

using namespace llvm;

namespace budc::lsp {
namespace detail {

//===----------------------------------------------------------------------===//
// Messages
//===----------------------------------------------------------------------===//

int Server::run() {
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

void Server::send(json::Value V) {
  if (!T.write(V))
    OutputClosed = true;
}

void Server::error(json::Value Id, int Code, StringRef Message) {
  send(json::Object{{"jsonrpc", "2.0"},
                    {"id", std::move(Id)},
                    {"error", json::Object{{"code", Code}, {"message", str(Message)}}}});
}

void Server::notify(StringRef Method, json::Value Params) {
  send(json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
}

void Server::log(StringRef Message) {
  notify("window/logMessage", json::Object{{"type", 1}, {"message", str("budc: " + Message.str())}});
}

bool Server::tooDeep(StringRef Body) {
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

template <typename F> void Server::guard(F Body, Answer *A) {
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

void Server::message(StringRef Body) {
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


Answer Server::request(StringRef Method, const json::Object &P) {
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

void Server::notification(StringRef Method, const json::Object &P) {
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

//===----------------------------------------------------------------------===//
// Parameters
//===----------------------------------------------------------------------===//

std::variant<Document *, Answer> Server::document(const json::Object &P) {
  const json::Object *TD = P.getObject("textDocument");
  Optional<StringRef> Uri = TD ? TD->getString("uri") : None;
  if (!Uri)
    return fail(InvalidParams, "textDocument.uri is missing");
  auto It = Docs.find(Uri->str());
  if (It == Docs.end())
    return fail(InvalidParams, "the document '" + Uri->str() + "' is not open");
  return &It->second;
}

std::optional<Position> Server::positionParam(const json::Object *P, Answer &Error) {
  const json::Object *Pos = P ? P->getObject("position") : nullptr;
  if (!Pos)
    return parsePosition(nullptr, Error);
  return parsePosition(Pos, Error);
}

std::optional<Position> Server::parsePosition(const json::Object *Pos, Answer &Error) {
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

std::optional<Range> Server::parseRange(const json::Object *R, Answer &Error) {
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

//===----------------------------------------------------------------------===//
// Lifecycle
//===----------------------------------------------------------------------===//

Answer Server::initialize(const json::Object &P) {
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

} // namespace detail

int serve(int In, int Out, const ServerOptions &Opts) {
  Transport T(In, Out);
  return detail::Server(T, Opts).run();
}

} // namespace budc::lsp

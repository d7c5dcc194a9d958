//===- server.h - budc's language server --------------------------------------===//
//
// A Language Server Protocol server (version 3.17 of the protocol) over a pair of file
// descriptors, as `budc lsp` runs it on standard input and output. It keeps the open
// documents' texts as the editor sends them and checks the workspace that holds each one —
// the nearest directory upward with the budget header (预算 YEAR), else the client's root
// folder when the file lies in it, else the file alone — through the same pipeline as `budc
// check`, with the open documents' texts in place of the files on disk. After every change
// it publishes the diagnostics of every file of that workspace (sums cross files, so a change
// in one file can put an error in another), and clears those that went away.
//
// Answers: hover, completion, go to definition, document symbols, formatting (budc fmt's
// layout) and code actions (the diagnostics' fix-its). Positions are in UTF-16 code units.
// A malformed message or a bad request gets an error answer; nothing a client sends ends the
// server except `exit` (or the end of its input).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/diag/diagnostics.h"

#include <optional>

namespace budc::lsp {

/// How the server runs.
struct ServerOptions {
  /// The language of messages when given (budc lsp --lang); else the client's locale from
  /// `initialize`, else the environment's (LC_ALL, LC_MESSAGES, LANG).
  std::optional<Lang> Language;
};

/// Serves the protocol on \p In and \p Out until `exit` or the end of the input; returns the
/// exit status: 0 after `shutdown` then `exit`, 1 otherwise (as the protocol asks).
int serve(int In, int Out, const ServerOptions &Opts = {});

} // namespace budc::lsp

//===- transport.h - JSON-RPC messages framed by Content-Length headers -----===//
//
// The base protocol of the Language Server Protocol: each message is a header block
// ("Content-Length: N", other fields ignored, "\r\n" after each line, an empty line at its
// end) followed by N bytes of JSON. The transport reads from a file descriptor through its
// own buffer, so that the server can ask whether more input is already waiting (it checks a
// workspace once after a burst of changes, not once per keystroke), and writes whole
// messages. A header block that cannot be read, or a body larger than the limit (read and
// thrown away), is returned as a Malformed frame for the server to answer with an error; the
// stream goes on with the next header block.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/JSON.h"

#include <cstdint>
#include <optional>
#include <string>

namespace budc::lsp {

/// One frame read from the stream.
struct Frame {
  enum FrameKind : uint8_t {
    Message,   ///< Body holds the JSON text of a message
    Malformed, ///< the header or the body could not be taken; Body says why
  };
  FrameKind Kind = Message;
  std::string Body;
};

/// Reads and writes framed messages on two file descriptors.
class Transport {
public:
  /// The largest body read: an editor's message carries at most one document (budc reads
  /// files of up to 32 MiB), JSON-escaped.
  static constexpr size_t DefaultMaxBody = 160u << 20;
  /// The longest header line accepted.
  static constexpr size_t MaxHeaderLine = 8192;

  Transport(int In, int Out, size_t MaxBody = DefaultMaxBody)
      : In(In), Out(Out), MaxBody(MaxBody) {}

  /// The next frame; nullopt at the end of the input (or when it cannot be read).
  std::optional<Frame> read();
  /// Whether a frame has begun to arrive: bytes are buffered or can be read without waiting.
  bool pending();
  /// Writes \p Message as one frame; false when the output is closed or fails.
  bool write(const llvm::json::Value &Message);

private:
  /// Reads more input into Buffer; false at the end of the input.
  bool fill();
  /// One header line without its "\r\n" (a lone "\n" is accepted); nullopt at the end.
  std::optional<std::string> line(bool &TooLong);

  int In, Out;
  size_t MaxBody;
  std::string Buffer; ///< bytes read and not taken yet, from Pos
  size_t Pos = 0;
  bool Eof = false;
};

} // namespace budc::lsp

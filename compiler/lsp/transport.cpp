//===- transport.cpp - JSON-RPC messages framed by Content-Length headers ---===//
#include "compiler/lsp/transport.h"

#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <poll.h>
#include <unistd.h>

namespace budc::lsp {

bool Transport::fill() {
  if (Eof)
    return false;
  if (Pos == Buffer.size()) {
    Buffer.clear();
    Pos = 0;
  } else if (Pos > (1u << 20)) { // keep the buffer from growing by what was taken
    Buffer.erase(0, Pos);
    Pos = 0;
  }
  char Chunk[65536];
  for (;;) {
    ssize_t N = ::read(In, Chunk, sizeof Chunk);
    if (N > 0) {
      Buffer.append(Chunk, static_cast<size_t>(N));
      return true;
    }
    if (N < 0 && errno == EINTR)
      continue;
    Eof = true;
    return false;
  }
}

bool Transport::pending() {
  if (Pos < Buffer.size())
    return true;
  if (Eof)
    return false;
  struct pollfd P = {In, POLLIN, 0};
  return ::poll(&P, 1, 0) > 0 && (P.revents & (POLLIN | POLLHUP));
}

std::optional<std::string> Transport::line(bool &TooLong) {
  TooLong = false;
  for (;;) {
    size_t NL = Buffer.find('\n', Pos);
    if (NL != std::string::npos) {
      size_t End = NL > Pos && Buffer[NL - 1] == '\r' ? NL - 1 : NL;
      std::string L = Buffer.substr(Pos, End - Pos);
      Pos = NL + 1;
      if (L.size() > MaxHeaderLine) {
        TooLong = true;
        L.clear();
      }
      return L;
    }
    if (Buffer.size() - Pos > MaxHeaderLine) {
      // No line break in sight: drop what is here and report the line as too long.
      Pos = Buffer.size();
      TooLong = true;
      while (fill()) {
        NL = Buffer.find('\n', Pos);
        if (NL != std::string::npos) {
          Pos = NL + 1;
          return std::string();
        }
        Pos = Buffer.size();
      }
      return std::nullopt;
    }
    if (!fill())
      return std::nullopt;
  }
}

std::optional<Frame> Transport::read() {
  std::optional<uint64_t> Length;
  std::string Problem;
  bool Any = false;
  for (;;) {
    bool TooLong;
    std::optional<std::string> L = line(TooLong);
    if (!L)
      return Any ? std::optional<Frame>(Frame{Frame::Malformed, "the input ended inside a header"})
                 : std::nullopt;
    if (TooLong) {
      Problem = "a header line longer than " + std::to_string(MaxHeaderLine) + " bytes";
      Any = true;
      continue;
    }
    if (L->empty()) {
      if (!Any)
        continue; // blank lines between messages
      break;
    }
    Any = true;
    llvm::StringRef Field(*L);
    auto [Name, Value] = Field.split(':');
    if (Name.trim().equals_insensitive("content-length")) {
      uint64_t N;
      if (Value.trim().getAsInteger(10, N))
        Problem = "Content-Length '" + Value.trim().str() + "' is not a number";
      else
        Length = N;
    } else if (!Field.contains(':')) {
      Problem = "a header line without ':'";
    }
  }
  if (!Problem.empty())
    return Frame{Frame::Malformed, Problem};
  if (!Length)
    return Frame{Frame::Malformed, "a message without Content-Length"};
  // The body: taken whole, or (over the limit) read and thrown away.
  bool Keep = *Length <= MaxBody;
  uint64_t Left = *Length;
  std::string Body;
  if (Keep)
    Body.reserve(static_cast<size_t>(*Length));
  while (Left) {
    if (Pos == Buffer.size() && !fill())
      return Frame{Frame::Malformed, "the input ended inside a message"};
    size_t Take = static_cast<size_t>(std::min<uint64_t>(Left, Buffer.size() - Pos));
    if (Keep)
      Body.append(Buffer, Pos, Take);
    Pos += Take;
    Left -= Take;
  }
  if (!Keep)
    return Frame{Frame::Malformed, "a message of " + std::to_string(*Length) +
                                       " bytes, more than the " + std::to_string(MaxBody >> 20) +
                                       " MiB a message may have"};
  return Frame{Frame::Message, std::move(Body)};
}

bool Transport::write(const llvm::json::Value &Message) {
  std::string Body;
  llvm::raw_string_ostream(Body) << Message;
  std::string Data = "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
  size_t Done = 0;
  while (Done < Data.size()) {
    ssize_t N = ::write(Out, Data.data() + Done, Data.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += static_cast<size_t>(N);
  }
  return true;
}

} // namespace budc::lsp

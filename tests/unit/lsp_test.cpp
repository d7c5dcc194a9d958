// Unit tests of compiler/lsp's foundations: positions in UTF-16 code units over CJK text and
// characters outside the BMP, file URIs, and the framing of messages.
#include "compiler/lsp/positions.h"
#include "compiler/lsp/transport.h"

#include <doctest/doctest.h>

#include <string>
#include <unistd.h>

using namespace budc::lsp;

namespace {
Position P(uint32_t L, uint32_t C) { return {L, C}; }
} // namespace

TEST_CASE("positions count UTF-16 code units: CJK is one, U+20000 is two") {
  // "a万𠀀b": a (1 byte), 万 (3 bytes), 𠀀 U+20000 (4 bytes), b.
  std::string T = "a\xE4\xB8\x87\xF0\xA0\x80\x80" "b";
  LineTable L(T);
  CHECK(L.position(0) == P(0, 0));
  CHECK(L.position(1) == P(0, 1)); // 万
  CHECK(L.position(4) == P(0, 2)); // 𠀀
  CHECK(L.position(8) == P(0, 4)); // b: 𠀀 took two units
  CHECK(L.position(9) == P(0, 5)); // the end
  CHECK(L.offset(P(0, 2)) == 4);
  CHECK(L.offset(P(0, 4)) == 8);
  // Between the two halves of 𠀀: the character's start.
  CHECK(L.offset(P(0, 3)) == 4);
  // Inside a multi-byte character: its start.
  CHECK(L.position(2) == P(0, 1));
  CHECK(L.position(6) == P(0, 2));
  CHECK(utf16Length(T) == 5);
  // Round trips at every character boundary.
  for (uint32_t Off : {0u, 1u, 4u, 8u, 9u})
    CHECK(L.offset(L.position(Off)) == Off);
}

TEST_CASE("lines end at \\n, \\r\\n and a lone \\r; positions past the end are clamped") {
  std::string T = "指标\r\n二\rthree\nlast";
  LineTable L(T);
  CHECK(L.lineCount() == 4);
  CHECK(L.lineStart(1) == 8);
  CHECK(L.lineEnd(0) == 6); // before \r\n
  CHECK(L.position(6) == P(0, 2));
  CHECK(L.position(7) == P(0, 2)); // inside the line break: the end of the line
  CHECK(L.position(8) == P(1, 0));
  CHECK(L.position(12) == P(2, 0));
  CHECK(L.offset(P(0, 100)) == 6);       // past the line's end: before its break
  CHECK(L.offset(P(9, 0)) == T.size());  // past the last line: the end of the text
  CHECK(L.offset(P(3, 4000000000u)) == T.size());
  CHECK(L.position(100000) == L.end());
  CHECK(L.end() == P(3, 4));
  LineTable Empty("");
  CHECK(Empty.lineCount() == 1);
  CHECK(Empty.offset(P(5, 5)) == 0);
  CHECK(Empty.end() == P(0, 0));
}

TEST_CASE("a file's byte-order mark takes no room when hidden; invalid bytes are one unit") {
  std::string T = "\xEF\xBB\xBF" "预算";
  CHECK(LineTable(T, true).position(3) == P(0, 0));
  CHECK(LineTable(T, true).offset(P(0, 0)) == 3);
  CHECK(LineTable(T, true).position(6) == P(0, 1));
  CHECK(LineTable(T).position(3) == P(0, 1)); // an editor's buffer: U+FEFF is a character
  std::string Bad = "a\xFF" "b";
  CHECK(LineTable(Bad).position(2) == P(0, 2));
}

TEST_CASE("file URIs: percent-encoded both ways, CJK and spaces included") {
  std::string Path = "/tmp/西港镇 2024/预算#1.bud";
  std::string Uri = uriFromPath(Path);
  CHECK(Uri == "file:///tmp/%E8%A5%BF%E6%B8%AF%E9%95%87%202024/%E9%A2%84%E7%AE%97%231.bud");
  CHECK(pathFromUri(Uri) == Path);
  CHECK(pathFromUri("file:///tmp/%e8%a5%bf.bud") == std::string("/tmp/西.bud"));
  CHECK(pathFromUri("file://localhost/a.bud") == std::string("/a.bud"));
  CHECK(pathFromUri("file:/a.bud") == std::string("/a.bud"));
  CHECK_FALSE(pathFromUri("untitled:Untitled-1"));
  CHECK_FALSE(pathFromUri("file://server/share/a.bud"));
  CHECK_FALSE(pathFromUri("file:///a%00b"));
  CHECK_FALSE(pathFromUri("file:///a%ZZ"));
  CHECK_FALSE(pathFromUri("file:///a%FF.bud")); // not UTF-8
  CHECK_FALSE(pathFromUri("file://"));
}

namespace {
/// A transport reading what \p Input holds (through a pipe).
struct Piped {
  int In[2], Out[2];
  explicit Piped(const std::string &Input, size_t MaxBody = Transport::DefaultMaxBody)
      : T((pipe(In), pipe(Out), In[0]), Out[1], MaxBody) {
    REQUIRE(::write(In[1], Input.data(), Input.size()) == static_cast<ssize_t>(Input.size()));
    ::close(In[1]);
  }
  ~Piped() {
    ::close(In[0]);
    ::close(Out[0]);
    ::close(Out[1]);
  }
  Transport T;
};
} // namespace

TEST_CASE("messages are framed by Content-Length; a bad frame is reported, then the next is read") {
  std::string Body = R"({"jsonrpc":"2.0","method":"exit"})";
  std::string Frame = "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
  Piped Good(Frame + "content-length:" + std::to_string(Body.size()) +
             "\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n" + Body);
  for (int I = 0; I < 2; ++I) {
    auto F = Good.T.read();
    REQUIRE(F);
    CHECK(F->Kind == Frame::Message);
    CHECK(F->Body == Body);
  }
  CHECK_FALSE(Good.T.read()); // the end of the input
  CHECK_FALSE(Good.T.pending());

  Piped Bad("Content-Length: x\r\n\r\n" "Nonsense\r\n\r\n" "\r\n\r\n" + Frame);
  auto F = Bad.T.read();
  REQUIRE(F);
  CHECK(F->Kind == Frame::Malformed);
  F = Bad.T.read();
  REQUIRE(F);
  CHECK(F->Kind == Frame::Malformed);
  F = Bad.T.read(); // blank lines between messages are skipped
  REQUIRE(F);
  CHECK(F->Kind == Frame::Message);
  CHECK(F->Body == Body);

  // A body over the limit is read and thrown away; the stream goes on.
  Piped Big("Content-Length: 100\r\n\r\n" + std::string(100, 'x') + Frame, 50);
  F = Big.T.read();
  REQUIRE(F);
  CHECK(F->Kind == Frame::Malformed);
  CHECK(Big.T.pending()); // the next frame is buffered
  F = Big.T.read();
  REQUIRE(F);
  CHECK(F->Body == Body);

  // A header line without end, and input that ends inside a message.
  Piped Long(std::string(20000, 'H'));
  F = Long.T.read();
  CHECK((!F || F->Kind == Frame::Malformed));
  Piped Short("Content-Length: 10\r\n\r\n{}");
  F = Short.T.read();
  REQUIRE(F);
  CHECK(F->Kind == Frame::Malformed);
  CHECK_FALSE(Short.T.read());
}

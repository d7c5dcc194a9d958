//===- diagnostics.h - Diagnostics: kinds, values and the engine ------------===//
//
// Every user-visible problem is a Diagnostic of a kind registered in diagnostics.def. A
// diagnostic keeps its arguments rather than a finished message, so it can be rendered in
// Chinese or in English. Report through DiagEngine::report(), which returns a builder that
// adds notes and fix-its and files the diagnostic when it goes out of scope:
//
//   Diags.report(Span, diag::UnclosedBlock).note(OpenSpan, diag::NoteBlockOpenedHere);
//
//===----------------------------------------------------------------------===//
#pragma once

#include "compiler/source/span.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

#include <string>
#include <vector>

namespace budc {

/// How bad a diagnostic is.
enum class Severity : uint8_t { Note, Remark, Warning, Error };

namespace diag {
/// Every registered diagnostic and note kind.
enum Kind : uint16_t {
#define BUD_DIAG(Code, Name, Sev, En, Zh) Name,
#define BUD_NOTE(Name, En, Zh) Name,
#include "compiler/diag/diagnostics.def"
  NumKinds
};
} // namespace diag

/// The language messages are rendered in.
enum class Lang : uint8_t { En, Zh };

/// Static facts about a kind of diagnostic.
struct DiagInfo {
  unsigned Code;         ///< The stable number; 0 for notes.
  const char *Name;      ///< The kind's name, e.g. "UnexpectedToken".
  Severity DefaultSev;   ///< Severity unless changed by options.
  const char *English;   ///< Message format in English.
  const char *Chinese;   ///< Message format in Chinese.
};

/// Facts about kind \p K.
const DiagInfo &getDiagInfo(diag::Kind K);
/// The code as printed, e.g. "BUD010".
std::string formatCode(unsigned Code);
/// Replaces {0}, {1} … in \p Format by \p Args; every other brace is literal.
std::string substitute(llvm::StringRef Format, llvm::ArrayRef<std::string> Args);

/// A note attached to a diagnostic; it may point at a place or not.
struct DiagNote {
  Span Where;
  diag::Kind Kind;
  std::vector<std::string> Args;
};

/// A suggested edit: replace the text of \p Where by \p Replacement.
struct FixIt {
  Span Where;
  std::string Replacement;
};

/// One reported problem.
struct Diagnostic {
  diag::Kind Kind;
  Severity Sev;
  Span Where;                      ///< The primary range.
  std::vector<std::string> Args;   ///< Message arguments (English, or language-neutral).
  std::vector<std::string> ArgsZh; ///< Chinese arguments; empty when Args serve both.
  std::vector<DiagNote> Notes;
  std::vector<FixIt> FixIts;

  /// The message in \p L.
  std::string message(Lang L) const;
  /// The message of note \p N in \p L.
  static std::string noteMessage(const DiagNote &N, Lang L);
};

class DiagEngine;

/// Builds one diagnostic; files it with its engine when destroyed.
class DiagBuilder {
public:
  DiagBuilder(DiagEngine &Engine, Diagnostic D) : Engine(&Engine), D(std::move(D)) {}
  DiagBuilder(DiagBuilder &&Other) noexcept : Engine(Other.Engine), D(std::move(Other.D)) {
    Other.Engine = nullptr;
  }
  DiagBuilder(const DiagBuilder &) = delete;
  DiagBuilder &operator=(const DiagBuilder &) = delete;
  ~DiagBuilder();

  /// Sets the Chinese message arguments, for arguments that are words rather than names.
  DiagBuilder &zh(std::vector<std::string> Args) {
    D.ArgsZh = std::move(Args);
    return *this;
  }
  /// Attaches a note of kind \p K at \p Where.
  DiagBuilder &note(Span Where, diag::Kind K, std::vector<std::string> Args = {});
  /// Suggests replacing \p Where by \p Replacement.
  DiagBuilder &fixIt(Span Where, std::string Replacement);
  /// Overrides the kind's default severity.
  DiagBuilder &severity(Severity S) {
    D.Sev = S;
    return *this;
  }

private:
  DiagEngine *Engine;
  Diagnostic D;
};

/// Collects the diagnostics of one run.
class DiagEngine {
public:
  /// Starts a diagnostic of kind \p K at \p Where with message arguments \p Args.
  DiagBuilder report(Span Where, diag::Kind K, std::vector<std::string> Args = {});

  /// At most this many diagnostics are kept; later ones are only counted, so that hostile
  /// input (a 10 MB line of invalid characters) cannot exhaust memory. The renderer's error
  /// limit (default 100) is far below it.
  static constexpr size_t MaxStored = 10000;

  /// Number of errors filed so far.
  unsigned getErrorCount() const { return ErrorCount; }
  /// Number of warnings filed so far.
  unsigned getWarningCount() const { return WarningCount; }
  /// Whether any error was filed.
  bool hasErrors() const { return ErrorCount != 0; }

  /// All diagnostics in the order they were filed.
  llvm::ArrayRef<Diagnostic> getDiagnostics() const { return Diags; }
  /// All diagnostics ordered by file, then offset, then the order they were filed.
  std::vector<Diagnostic> sorted() const;
  /// Removes the diagnostics for which \p Pred is true (suppressed ones).
  void removeIf(llvm::function_ref<bool(const Diagnostic &)> Pred);
  /// Moves the diagnostics of \p Other (a parser's on another thread) to the end of this
  /// engine, counts included.
  void absorb(DiagEngine &&Other);
  /// Changes the severity of every diagnostic for which \p Pred gives a new one.
  void remap(llvm::function_ref<std::optional<Severity>(const Diagnostic &)> Pred);

private:
  friend class DiagBuilder;
  void file(Diagnostic D);

  std::vector<Diagnostic> Diags;
  unsigned ErrorCount = 0;
  unsigned WarningCount = 0;
};

} // namespace budc

//===- annotations.cpp - Diagnostics for code review: SARIF and GitHub ------===//
//
// SARIF 2.1.0 (one run of the tool "budc": every rule of the registry with its name, message,
// default level and explain text; one result per diagnostic with its region in code-point
// columns, related locations for notes and fixes for fix-its), and GitHub Actions workflow
// commands (::error file=…,line=…::message), which GitHub shows on the pull request's diff.
//
//===----------------------------------------------------------------------===//
#include "compiler/diag/explain.h"
#include "compiler/diag/render.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cctype>

namespace budc {
namespace {

const char *sarifLevel(Severity S) {
  switch (S) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Remark:
  case Severity::Note: return "note";
  }
  return "note";
}

/// A file path as a SARIF URI (RFC 3986): a relative path stays relative (to the working
/// directory, the repository root in CI), an absolute one becomes file:///…; '/' separators;
/// bytes outside the unreserved set and '/' are percent-encoded (so CJK names too).
std::string uri(llvm::StringRef Path) {
  std::string Slashed = llvm::sys::path::convert_to_slash(Path);
  std::string Out = llvm::sys::path::is_absolute(Path) ? "file://" : "";
  for (unsigned char C : Slashed) {
    if (isalnum(C) || C == '-' || C == '.' || C == '_' || C == '~' || C == '/')
      Out += static_cast<char>(C);
    else
      Out += llvm::formatv("%{0:X2}", C).str();
  }
  return Out;
}

/// The first paragraph of a code's explain page, without its heading.
std::string explainSummary(unsigned Code) {
  auto Text = explain::text(formatCode(Code));
  if (!Text)
    return "";
  llvm::StringRef T = *Text;
  if (T.startswith("#"))
    T = T.split('\n').second;
  T = T.ltrim("\n");
  std::string Out;
  for (llvm::StringRef Line : llvm::split(T, '\n')) {
    if (Line.trim().empty())
      break;
    Out += (Out.empty() ? "" : " ") + Line.trim().str();
  }
  return Out;
}

/// A message template as a sentence, as SARIF asks of rule texts: ends in a full stop.
std::string sentence(llvm::StringRef S, bool Chinese) {
  std::string Out = S.str();
  if (!Out.empty() && !llvm::StringRef(Out).endswith(".") && !llvm::StringRef(Out).endswith("。"))
    Out += Chinese ? "。" : ".";
  return Out;
}

/// A message template with its arguments shown as "…": a rule's short description.
std::string withoutArguments(llvm::StringRef S) {
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] == '{' && I + 2 < S.size() && isdigit(static_cast<unsigned char>(S[I + 1])) &&
        S[I + 2] == '}') {
      Out += "…";
      I += 2;
    } else {
      Out += S[I];
    }
  }
  return Out;
}

void region(llvm::json::OStream &J, const SourceManager &SM, Span Where) {
  J.attributeObject("physicalLocation", [&] {
    J.attributeObject("artifactLocation", [&] { J.attribute("uri", uri(SM.getPath(Where.File))); });
    LineCol B = SM.getLineCol(Where.File, Where.Begin);
    LineCol E = SM.getLineCol(Where.File, Where.End);
    J.attributeObject("region", [&] {
      J.attribute("startLine", B.Line);
      J.attribute("startColumn", B.Column);
      J.attribute("endLine", E.Line);
      J.attribute("endColumn", E.Column);
    });
  });
}

} // namespace

void renderSarif(llvm::raw_ostream &OS, const SourceManager &SM,
                 llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts) {
  // Rules: every code of the registry, in code order; results refer to them by index.
  std::vector<diag::Kind> Rules;
  for (unsigned K = 0; K < diag::NumKinds; ++K)
    if (getDiagInfo(static_cast<diag::Kind>(K)).Code)
      Rules.push_back(static_cast<diag::Kind>(K));
  std::sort(Rules.begin(), Rules.end(), [](diag::Kind A, diag::Kind B) {
    return getDiagInfo(A).Code < getDiagInfo(B).Code;
  });
  auto RuleIndex = [&](diag::Kind K) {
    return std::find(Rules.begin(), Rules.end(), K) - Rules.begin();
  };
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "budc");
            J.attribute("version", "0.1.0");
            J.attribute("semanticVersion", "0.1.0");
            J.attribute("informationUri", "https://github.com/budc/budc");
            J.attributeArray("rules", [&] {
              for (diag::Kind K : Rules) {
                const DiagInfo &I = getDiagInfo(K);
                J.object([&] {
                  J.attribute("id", formatCode(I.Code));
                  J.attribute("name", I.Name);
                  J.attributeObject("shortDescription", [&] {
                    J.attribute("text", sentence(withoutArguments(I.English), false));
                  });
                  std::string Full = explainSummary(I.Code);
                  J.attributeObject("fullDescription", [&] {
                    J.attribute("text", sentence(Full.empty() ? withoutArguments(I.English) : Full,
                                                 false));
                  });
                  J.attributeObject("messageStrings", [&] {
                    J.attributeObject("en", [&] { J.attribute("text", sentence(I.English, false)); });
                    J.attributeObject("zh", [&] { J.attribute("text", sentence(I.Chinese, true)); });
                  });
                  J.attributeObject("defaultConfiguration",
                                    [&] { J.attribute("level", sarifLevel(I.DefaultSev)); });
                  J.attributeObject("help", [&] {
                    J.attribute("text", "budc explain " + formatCode(I.Code));
                  });
                });
              }
            });
          });
        });
        J.attribute("columnKind", "unicodeCodePoints");
        J.attributeArray("results", [&] {
          for (const Diagnostic &D : Diags) {
            const DiagInfo &I = getDiagInfo(D.Kind);
            J.object([&] {
              J.attribute("ruleId", formatCode(I.Code));
              J.attribute("ruleIndex", static_cast<int64_t>(RuleIndex(D.Kind)));
              J.attribute("level", sarifLevel(D.Sev));
              J.attributeObject("message", [&] { J.attribute("text", D.message(Opts.Language)); });
              J.attributeArray("locations", [&] {
                if (D.Where.isValid())
                  J.object([&] { region(J, SM, D.Where); });
              });
              if (!D.Notes.empty())
                J.attributeArray("relatedLocations", [&] {
                  for (size_t N = 0; N < D.Notes.size(); ++N)
                    J.object([&] {
                      J.attribute("id", static_cast<int64_t>(N));
                      if (D.Notes[N].Where.isValid())
                        region(J, SM, D.Notes[N].Where);
                      J.attributeObject("message", [&] {
                        J.attribute("text", Diagnostic::noteMessage(D.Notes[N], Opts.Language));
                      });
                    });
                });
              if (!D.FixIts.empty())
                J.attributeArray("fixes", [&] {
                  for (const FixIt &F : D.FixIts)
                    J.object([&] {
                      J.attributeArray("artifactChanges", [&] {
                        J.object([&] {
                          J.attributeObject("artifactLocation", [&] {
                            J.attribute("uri", uri(SM.getPath(F.Where.File)));
                          });
                          J.attributeArray("replacements", [&] {
                            J.object([&] {
                              LineCol B = SM.getLineCol(F.Where.File, F.Where.Begin);
                              LineCol E = SM.getLineCol(F.Where.File, F.Where.End);
                              J.attributeObject("deletedRegion", [&] {
                                J.attribute("startLine", B.Line);
                                J.attribute("startColumn", B.Column);
                                J.attribute("endLine", E.Line);
                                J.attribute("endColumn", E.Column);
                              });
                              J.attributeObject("insertedContent",
                                                [&] { J.attribute("text", F.Replacement); });
                            });
                          });
                        });
                      });
                    });
                });
            });
          }
        });
      });
    });
  });
  OS << '\n';
}

namespace {

/// Escapes for workflow commands: data escapes % CR LF, properties also : and ,.
std::string escapeData(llvm::StringRef S) {
  std::string Out;
  for (char C : S) {
    if (C == '%')
      Out += "%25";
    else if (C == '\r')
      Out += "%0D";
    else if (C == '\n')
      Out += "%0A";
    else
      Out += C;
  }
  return Out;
}

std::string escapeProperty(llvm::StringRef S) {
  std::string Out;
  for (char C : escapeData(S)) {
    if (C == ':')
      Out += "%3A";
    else if (C == ',')
      Out += "%2C";
    else
      Out += C;
  }
  return Out;
}

} // namespace

void renderGithub(llvm::raw_ostream &OS, const SourceManager &SM,
                  llvm::ArrayRef<Diagnostic> Diags, const RenderOptions &Opts) {
  for (const Diagnostic &D : Diags) {
    const DiagInfo &I = getDiagInfo(D.Kind);
    const char *Command = D.Sev == Severity::Error     ? "error"
                          : D.Sev == Severity::Warning ? "warning"
                                                       : "notice";
    OS << "::" << Command << ' ';
    if (D.Where.isValid()) {
      LineCol B = SM.getLineCol(D.Where.File, D.Where.Begin);
      LineCol E = SM.getLineCol(D.Where.File, D.Where.End);
      OS << "file=" << escapeProperty(SM.getPath(D.Where.File)) << ",line=" << B.Line
         << ",endLine=" << E.Line;
      if (B.Line == E.Line)
        OS << ",col=" << B.Column << ",endColumn=" << E.Column;
      OS << ',';
    }
    OS << "title=" << escapeProperty(formatCode(I.Code) + " " + I.Name) << "::";
    std::string Message = D.message(Opts.Language);
    for (const DiagNote &N : D.Notes) {
      Message += "\n" + Diagnostic::noteMessage(N, Opts.Language);
      if (N.Where.isValid()) {
        LineCol L = SM.getLineCol(N.Where.File, N.Where.Begin);
        Message += " (" + SM.getPath(N.Where.File).str() + ":" + std::to_string(L.Line) + ")";
      }
    }
    OS << escapeData(Message) << '\n';
  }
}

} // namespace budc

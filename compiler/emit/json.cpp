//===- json.cpp - The resolved model and its tables as JSON -----------------===//
//
// The layout is docs/budget.schema.json. Keys are written in a fixed order by OStream (never
// through a hash map), money is an exact decimal string in 元 ("yuan": "17545400"), and
// nothing depends on time or addresses, so two builds of the same input are byte-identical.
//
//===----------------------------------------------------------------------===//
#include "compiler/diag/render.h"
#include "compiler/emit/emit.h"
#include "compiler/model/scoring.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/NativeFormatting.h"

namespace budc::emit {
namespace {

using llvm::json::OStream;

llvm::StringRef fundTypeName(model::FundType T) {
  switch (T) {
  case model::FundType::General: return "一般公共预算";
  case model::FundType::GovFund: return "政府性基金";
  case model::FundType::StateCapital: return "国有资本经营";
  case model::FundType::SpecialAccount: return "财政专户";
  case model::FundType::UnitFunds: return "单位资金";
  case model::FundType::Unknown: return "";
  }
  return "";
}

void place(OStream &J, const SourceManager &SM, Span Where) {
  if (!Where.isValid()) {
    J.attribute("source", nullptr);
    return;
  }
  J.attributeObject("source", [&] {
    LineCol L = SM.getLineCol(Where.File, Where.Begin);
    J.attribute("file", SM.getPath(Where.File));
    J.attribute("line", L.Line);
    J.attribute("column", L.Column);
  });
}

/// The figure references of narrative text \p Text: as written, as printed, where.
void references(OStream &J, const SourceManager &SM, const model::Budget &B, int Text) {
  J.attributeArray("references", [&] {
    if (Text < 0 || size_t(Text) >= B.Narrative.size())
      return;
    const model::Prose &P = B.Narrative[size_t(Text)];
    for (const model::Prose::Piece &X : P.Pieces)
      if (X.Reference >= 0)
        J.object([&] {
          J.attribute("written", P.References[size_t(X.Reference)].Written);
          J.attribute("text", llvm::StringRef(P.Rendered).substr(X.At, X.Length));
          place(J, SM, {P.Where.File, X.Source, X.Source + X.SourceLength});
        });
  });
}

void optionalString(OStream &J, llvm::StringRef Key, llvm::StringRef Value) {
  if (Value.empty())
    J.attribute(Key, nullptr);
  else
    J.attribute(Key, Value);
}

/// A unit index, or null for a fact of the department as a whole.
void unit(OStream &J, size_t Unit) {
  if (Unit == model::DepartmentLevel)
    J.attribute("unit", nullptr);
  else
    J.attribute("unit", Unit);
}

void value(OStream &J, const model::TypedValue &V) {
  J.object([&] {
    J.attribute("kind", model::kindWordEn(V.Kind));
    optionalString(J, "comparator", model::spelling(V.Cmp));
    if (V.Kind == model::ValueKind::Qualitative || V.Kind == model::ValueKind::Date) {
      J.attribute("number", nullptr);
      J.attribute("unit", nullptr);
      J.attribute("text", V.Text);
    } else {
      J.attribute("number", V.Number.toString());
      optionalString(J, "unit", V.Unit);
      J.attribute("text", nullptr);
    }
    if (V.Kind == model::ValueKind::Money || V.Kind == model::ValueKind::MoneyRate)
      J.attribute("yuan", V.Yuan.toString());
    else
      J.attribute("yuan", nullptr);
    optionalString(J, "per", V.denominator());
    J.attribute("written", V.Written);
  });
}

llvm::StringRef boundName(model::Bound B) {
  switch (B) {
  case model::Bound::Open: return "open";
  case model::Bound::Inclusive: return "inclusive";
  case model::Bound::Exclusive: return "exclusive";
  case model::Bound::Unstated: return "unstated";
  }
  return "";
}

/// A scoring rule (评（扣）分标准): its text and what budc read of it.
void scoring(OStream &J, llvm::StringRef Text) {
  model::ScoringRule R = model::readScoring(Text);
  J.attributeObject("scoring", [&] {
    J.attribute("text", Text);
    J.attribute("complete", R.Complete);
    J.attribute("onCompletion", R.OnCompletion);
    J.attributeArray("bands", [&] {
      for (const model::ScoreBand &B : R.Bands) {
        if (B.Unit == "?")
          continue; // a score whose range was not read
        J.object([&] {
          auto End = [&](const char *Key, Decimal V, model::Bound Bd) {
            if (Bd == model::Bound::Open)
              J.attribute(Key, nullptr);
            else
              J.attribute(Key, V.toString());
          };
          End("low", B.Low, B.LowBound);
          J.attribute("lowBound", boundName(B.LowBound));
          End("high", B.High, B.HighBound);
          J.attribute("highBound", boundName(B.HighBound));
          optionalString(J, "unit", B.Unit);
          J.attribute("score", B.Kind == model::ScoreKind::Full     ? "full"
                               : B.Kind == model::ScoreKind::Deduct ? "deduct"
                                                                    : "points");
          if (B.Kind == model::ScoreKind::Full)
            J.attribute("points", nullptr);
          else
            J.attribute("points", B.Points.toString());
        });
      }
    });
    J.attributeArray("steps", [&] {
      for (const model::ScoreStep &S : R.Steps)
        J.object([&] {
          J.attribute("favoursMore", S.FavoursMore);
          J.attribute("step", S.Step.toString());
          optionalString(J, "unit", S.Unit);
          J.attribute("points", S.Points.toString());
        });
    });
  });
}

void indicator(OStream &J, const SourceManager &SM, const model::Indicator &I) {
  J.object([&] {
    optionalString(J, "level1", I.Level1);
    optionalString(J, "level2", I.Level2);
    J.attribute("name", I.Name);
    J.attributeBegin("value");
    if (I.HasValue)
      value(J, I.Value);
    else
      J.value(nullptr);
    J.attributeEnd();
    optionalString(J, "description", I.Description);
    optionalString(J, "basis", I.BasisText);
    optionalString(J, "citation", I.BasisCitation ? llvm::StringRef(I.BasisCitation->Name) : "");
    // The columns of published tables after the value.
    optionalString(J, "unitColumn", I.columns().UnitColumn);
    optionalString(J, "nature", model::natureWord(I.Sense));
    if (I.HasWeight)
      J.attribute("weight", I.columns().Weight.toString());
    else
      J.attribute("weight", nullptr);
    if (I.Core < 0)
      J.attribute("core", nullptr);
    else
      J.attribute("core", I.Core == 1);
    optionalString(J, "content", I.columns().Content);
    if (I.columns().Scoring.empty())
      J.attribute("scoring", nullptr);
    else
      scoring(J, I.columns().Scoring);
    place(J, SM, I.Where);
  });
}

void cells(OStream &J, llvm::StringRef Key, const std::vector<tables::Row> &Rows) {
  J.attributeArray(Key, [&] {
    for (const tables::Row &R : Rows)
      J.array([&] {
        for (const tables::Cell &C : R)
          J.object([&] {
            J.attribute("text", C.Text);
            J.attribute("rowSpan", C.RowSpan);
            if (C.Indent)
              J.attribute("indent", C.Indent);
            J.attribute("colSpan", C.ColSpan);
            if (C.Yuan)
              J.attribute("yuan", C.Yuan->toString());
            else
              J.attribute("yuan", nullptr);
          });
      });
  });
}

/// \p S as llvm::json::OStream quotes a string (the same escapes, invalid UTF-8 fixed the
/// same way), written in runs: the cells of a province's project tables are most of its
/// budget.json, and OStream writes a string a character at a time.
void quoted(llvm::raw_ostream &OS, llvm::StringRef S) {
  if (!llvm::json::isUTF8(S)) {
    std::string Fixed = llvm::json::fixUTF8(S);
    quoted(OS, Fixed);
    return;
  }
  OS << '"';
  size_t Run = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned char C = static_cast<unsigned char>(S[I]);
    if (C >= 0x20 && C != '"' && C != '\\')
      continue;
    OS.write(S.data() + Run, I - Run);
    Run = I + 1;
    switch (C) {
    case '"': OS << "\\\""; break;
    case '\\': OS << "\\\\"; break;
    case '\t': OS << "\\t"; break;
    case '\n': OS << "\\n"; break;
    case '\r': OS << "\\r"; break;
    default:
      OS << "\\u";
      llvm::write_hex(OS, C, llvm::HexPrintStyle::Lower, 4);
    }
  }
  OS.write(S.data() + Run, S.size() - Run);
  OS << '"';
}

/// The rows of cells as cells() prints them on one line, written directly: the same bytes.
void compactCells(OStream &J, llvm::StringRef Key, const std::vector<tables::Row> &Rows) {
  J.attributeBegin(Key);
  J.rawValue([&](llvm::raw_ostream &OS) {
    OS << '[';
    for (size_t R = 0; R < Rows.size(); ++R) {
      OS << (R ? ",[" : "[");
      for (size_t I = 0; I < Rows[R].size(); ++I) {
        const tables::Cell &C = Rows[R][I];
        OS << (I ? ",{\"text\":" : "{\"text\":");
        quoted(OS, C.Text);
        OS << ",\"rowSpan\":" << C.RowSpan;
        if (C.Indent)
          OS << ",\"indent\":" << C.Indent;
        OS << ",\"colSpan\":" << C.ColSpan << ",\"yuan\":";
        if (C.Yuan)
          quoted(OS, C.Yuan->toString());
        else
          OS << "null";
        OS << '}';
      }
      OS << ']';
    }
    OS << ']';
  });
  J.attributeEnd();
}

void tableObject(OStream &J, const tables::Table &T, bool Compact = false) {
  J.object([&] {
    J.attribute("number", T.Number);
    optionalString(J, "label", T.Label);
    J.attribute("title", T.Title);
    J.attribute("kind", tables::kindName(T.Kind));
    if (T.Project >= 0)
      J.attribute("project", T.Project);
    else
      J.attribute("project", nullptr);
    J.attributeArray("caption", [&] {
      for (const std::string &C : T.Caption)
        J.value(C);
    });
    J.attribute("width", T.Width);
    J.attributeObject("money", [&] {
      J.attribute("unit", T.Money.Unit);
      J.attribute("yuanPerUnit", T.Money.Factor.toString());
      J.attribute("decimals", T.Money.Decimals);
      J.attribute("separators", T.Money.Separators);
    });
    (Compact ? compactCells : cells)(J, "head", T.Head);
    (Compact ? compactCells : cells)(J, "body", T.Body);
    J.attributeArray("notes", [&] {
      for (const std::string &N : T.Notes)
        J.value(N);
    });
  });
}

} // namespace

void tableJson(llvm::raw_ostream &OS, const tables::Table &T, bool Line) {
  OStream J(OS, Line ? 0 : 2);
  tableObject(J, T, /*Compact=*/Line);
  OS << '\n';
}

void modelJson(llvm::raw_ostream &OS, const model::Budget &B, const tables::Disclosure &D,
               const SourceManager &SM, llvm::ArrayRef<Diagnostic> Diags, bool Pretty,
               llvm::function_ref<void(size_t Entry, llvm::StringRef Json)> ProjectTable) {
  OStream J(OS, Pretty ? 2 : 0);
  J.object([&] {
    J.attribute("version", SchemaVersion);
    J.attribute("generator", "budc");
    J.attributeObject("budget", [&] {
      J.attribute("year", B.Year);
      J.attribute("moneyUnit", B.MoneyUnit);
      J.attribute("yuanPerMoneyUnit", B.MoneyFactor.toString());
      optionalString(J, "region", B.Region);
      const model::Template *T = B.findTemplate();
      optionalString(J, "template", T ? llvm::StringRef(T->Name) : "");
      J.attributeObject("department", [&] {
        optionalString(J, "code", B.DepartmentCode);
        J.attribute("name", B.DepartmentName);
      });
    });
    J.attributeArray("units", [&] {
      for (const model::Unit &U : B.OrgUnits)
        J.object([&] {
          optionalString(J, "code", U.Code);
          J.attribute("name", U.Name);
          optionalString(J, "nature", U.Nature);
          optionalString(J, "rank", U.Rank);
          optionalString(J, "funding", U.Funding);
        });
    });
    J.attributeArray("funds", [&] {
      for (const model::Fund *F : B.FundOrder)
        J.object([&] {
          J.attribute("name", F->Name);
          optionalString(J, "type", fundTypeName(F->Type));
          J.attribute("appropriation", F->Appropriation);
        });
    });
    J.attributeArray("income", [&] {
      for (const model::ControlTotal &C : B.Income)
        J.object([&] {
          unit(J, C.UnitIndex);
          J.attribute("fund", C.Source->Name);
          J.attribute("carryOver", C.CarryOver);
          J.attribute("yuan", C.Yuan.toString());
          place(J, SM, C.Where);
        });
    });
    J.attributeArray("allocations", [&] {
      for (const model::Allocation &A : B.Allocations)
        J.object([&] {
          unit(J, A.UnitIndex);
          optionalString(J, "function", A.Function);
          optionalString(J, "economic", A.Economic);
          static const char *Natures[] = {"basic",   "project", "business",
                                          "remit",   "subsidy", "carryForward"};
          J.attribute("nature", Natures[unsigned(A.Kind)]);
          static const char *Costs[] = {nullptr, "personnel", "public"};
          if (Costs[unsigned(A.Cost)])
            J.attribute("costClass", Costs[unsigned(A.Cost)]);
          else
            J.attribute("costClass", nullptr);
          if (A.Project < 0)
            J.attribute("project", nullptr);
          else
            J.attribute("project", A.Project);
          if (A.TwoView)
            J.attribute("view", A.byEconomicOnly() ? "economic" : "function");
          else
            J.attribute("view", nullptr);
          J.attribute("fund", A.Source ? llvm::StringRef(A.Source->Name) : "");
          J.attribute("carryOver", A.CarryOver);
          J.attribute("yuan", A.Yuan.toString());
          place(J, SM, A.Where);
        });
    });
    J.attributeArray("projects", [&] {
      for (const model::Project &P : B.Projects)
        J.object([&] {
          optionalString(J, "code", P.Code);
          J.attribute("name", P.Name);
          unit(J, P.UnitIndex);
          optionalString(J, "function", P.Function);
          J.attribute("yuan", P.Yuan.toString());
          J.attribute("itemised", P.Itemised);
          J.attributeArray("amounts", [&] {
            for (const model::ProjectAmount &M : P.Amounts)
              J.object([&] {
                J.attribute("fund", M.Source->Name);
                J.attribute("carryOver", M.CarryOver);
                J.attribute("yuan", M.Yuan.toString());
              });
          });
          optionalString(J, "purpose", P.Purpose);
          optionalString(J, "overview", P.Overview);
          if (P.SpecialFund) // 重点专项资金 { … }: a 市级重点专项资金 and its split
            J.attributeObject("specialFund", [&] {
              optionalString(J, "owner", P.SpecialFundOwner);
              J.attribute("cityYuan", P.CityYuan.toString());
              J.attribute("countyYuan", P.CountyYuan.toString());
            });
          else
            J.attribute("specialFund", nullptr);
          J.attributeArray("goals", [&] {
            for (const std::string &G : P.Goals)
              J.value(G);
          });
          J.attributeArray("schedule", [&] {
            for (const model::SchedulePoint &S : P.Schedule)
              J.object([&] {
                J.attribute("month", S.Month);
                J.attribute("percent", S.Share.toString());
              });
          });
          J.attributeArray("indicators", [&] {
            for (const model::Indicator &I : P.Indicators)
              indicator(J, SM, I);
          });
          place(J, SM, P.Where);
        });
    });
    J.attributeObject("performance", [&] {
      J.attributeArray("sections", [&] {
        for (const model::Section &S : B.PerformanceSections)
          J.object([&] {
            J.attribute("title", S.Title);
            J.attribute("body", S.Body);
            J.attribute("written", S.Written);
            references(J, SM, B, S.Text);
          });
      });
      J.attributeArray("areas", [&] {
        for (const model::PerformanceArea &A : B.Areas)
          J.object([&] {
            optionalString(J, "name", A.Name);
            J.attributeArray("goals", [&] {
              for (const model::DepartmentGoal &G : A.Goals)
                J.object([&] {
                  optionalString(J, "statement", G.Statement);
                  J.attributeArray("indicators", [&] {
                    for (size_t I : G.Indicators)
                      indicator(J, SM, B.DepartmentIndicators[I]);
                  });
                });
            });
          });
      });
    });
    J.attributeArray("sections", [&] {
      for (const model::Section &S : B.Sections)
        J.object([&] {
          J.attribute("title", S.Title);
          J.attribute("body", S.Body);
          J.attribute("written", S.Written);
          references(J, SM, B, S.Text);
        });
    });
    J.attributeArray("glossary", [&] {
      for (const model::GlossaryEntry &Entry : B.Glossary)
        J.object([&] {
          J.attribute("term", Entry.Term);
          J.attribute("definition", Entry.Definition);
          J.attribute("written", Entry.Written);
          references(J, SM, B, Entry.Text);
        });
    });
    J.attributeArray("tables", [&] {
      std::string Line;
      llvm::raw_string_ostream LS(Line);
      LS.SetBufferSize(size_t(1) << 16); // unbuffered, every character was a call
      for (size_t I = 0; I < D.size(); ++I) {
        std::shared_ptr<const tables::Table> T = D.table(I);
        if (Pretty || D.entry(I).Project < 0) {
          tableObject(J, *T, !Pretty);
          continue;
        }
        // A project's table, built now: printed once, for the document and its JSON Lines.
        Line.clear();
        {
          OStream L(LS, 0);
          tableObject(L, *T, /*Compact=*/true);
        }
        LS.flush();
        J.rawValue(Line);
        if (ProjectTable)
          ProjectTable(I, Line);
      }
    });
    unsigned Errors = 0, Warnings = 0;
    J.attributeArray("diagnostics", [&] {
      for (const Diagnostic &X : Diags) {
        Errors += X.Sev == Severity::Error;
        Warnings += X.Sev == Severity::Warning;
        jsonDiagnostic(J, SM, X, Lang::Zh);
      }
    });
    J.attribute("errors", Errors);
    J.attribute("warnings", Warnings);
  });
  OS << '\n';
}

} // namespace budc::emit

//===- semantic.cpp - Comparing two resolved budgets ------------------------===//
#include "compiler/diff/semantic.h"

#include "compiler/emit/escape.h"
#include "compiler/source/utf8.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/Regex.h"

#include <map>
#include <set>

namespace budc::diff {
namespace {

/// Sums by key; a sum that does not fit is marked, not kept partial.
struct Amounts {
  std::map<std::string, Decimal> Sums;
  std::set<std::string> Overflowed;
};

void add(Amounts &M, const std::string &Key, Decimal Yuan) {
  auto [It, New] = M.Sums.emplace(Key, Yuan);
  if (New)
    return;
  if (auto S = It->second.add(Yuan))
    It->second = *S;
  else
    M.Overflowed.insert(Key);
}

std::string codeName(const model::Catalogue &C, const std::string &Code) {
  if (Code.empty())
    return "";
  const model::CatalogueEntry *E = C.find(Code);
  return E && !E->Name.empty() ? Code + " " + E->Name : Code;
}

std::string projectKey(const model::Project &P) {
  return P.Code.empty() ? P.Name : P.Code + " " + P.Name;
}

/// The money facts of a budget under readable keys, by section.
struct Facts {
  Amounts Allocations, Projects, Functions, Economics, Tables;
};

std::string unitLabel(const model::Budget &B, size_t Unit) {
  if (B.OrgUnits.size() <= 1 || Unit >= B.OrgUnits.size())
    return "";
  return B.OrgUnits[Unit].Name + " · ";
}

Facts facts(const Version &V) {
  Facts F;
  if (!V.Budget)
    return F;
  const model::Budget &B = *V.Budget;
  for (const model::Allocation &A : B.Allocations) {
    std::string Source = (A.CarryOver ? "上年结转 " : "") + (A.Source ? A.Source->Name : "");
    std::string Where =
        A.isBasic()       ? "基本支出 " + codeName(B.Functions, A.Function) + " × " +
                                codeName(B.Economics, A.Economic)
        : A.Project < 0   ? "项目支出 " + codeName(B.Functions, A.Function) +
                                (A.Economic.empty() ? "" : " × " + codeName(B.Economics, A.Economic))
                          : "项目 " + projectKey(B.Projects[A.Project]) + " · " +
                                codeName(B.Functions, A.Function);
    add(F.Allocations, unitLabel(B, A.UnitIndex) + Where + " · " + Source, A.Yuan);
    if (!A.Function.empty())
      add(F.Functions, codeName(B.Functions, A.Function), A.Yuan);
    if (!A.Economic.empty())
      add(F.Economics, codeName(B.Economics, A.Economic), A.Yuan);
  }
  for (const model::Project &P : B.Projects)
    add(F.Projects, unitLabel(B, P.UnitIndex) + projectKey(P), P.Yuan);
  if (V.Tables)
    for (size_t I = 0; I < V.Tables->size(); ++I) {
      if (!V.Tables->entry(I).Built || V.Tables->entry(I).Built->Kind != tables::TableKind::Standard)
        continue;
      const tables::Table &T = *V.Tables->entry(I).Built;
      std::vector<std::string> Labels = tables::columnLabels(T);
      auto G = tables::layout(T.Body, T.Width).Grid;
      for (size_t R = 0; R < T.Body.size(); ++R) {
        // A row is named by its text cells (code and name, or the label), not its 序号.
        std::string RowName;
        for (unsigned C = 1; C < T.Width; ++C)
          if (const tables::Cell *X = G[R][C])
            if (!X->Amount && !X->Text.empty())
              RowName += (RowName.empty() ? "" : " ") + X->Text;
        // A table's totals: the rows of 合计, 小计, 总计 (本年收入合计, 收入总计 …).
        llvm::StringRef N(RowName);
        if (!N.contains("合计") && !N.contains("总计") && !N.contains("小计"))
          continue;
        for (unsigned C = 0; C < T.Width; ++C)
          if (const tables::Cell *X = G[R][C])
            if (X->Amount && X->Yuan && !X->Yuan->isZero())
              add(F.Tables,
                  std::string("表") + (T.Number < 10 ? "0" : "") + std::to_string(T.Number) +
                      " " + T.Title + ": " + RowName + " | " +
                      Labels[C] + " (" + std::to_string(C) + ")",
                  *X->Yuan);
      }
    }
  return F;
}

/// The keys of two maps, each once, in order.
template <typename Map> std::set<std::string> keys(const Map &A, const Map &B) {
  std::set<std::string> Out;
  for (const auto &KV : A)
    Out.insert(KV.first);
  for (const auto &KV : B)
    Out.insert(KV.first);
  return Out;
}

void compareAmounts(const char *Section, const Amounts &Old, const Amounts &New,
                    std::vector<Change> &Out) {
  for (const std::string &K : keys(Old.Sums, New.Sums)) {
    auto O = Old.Sums.find(K), N = New.Sums.find(K);
    std::optional<Decimal> OV, NV;
    if (O != Old.Sums.end())
      OV = O->second;
    if (N != New.Sums.end())
      NV = N->second;
    bool OO = Old.Overflowed.count(K), NO = New.Overflowed.count(K);
    if (OV && NV && *OV == *NV && !OO && !NO)
      continue;
    // Tables sort by their zero-padded number and print as 表1, 表10.
    std::string What = K;
    if (llvm::StringRef(What).startswith("表0"))
      What.erase(3, 1);
    Out.push_back({Section, What, OO ? std::nullopt : OV, NO ? std::nullopt : NV, OO, NO});
  }
}

using Texts = std::map<std::string, std::string>;

std::string indicatorText(const model::Indicator &I) {
  llvm::StringRef V = !I.HasValue                                   ? ""
                      : I.Value.Kind == model::ValueKind::Qualitative ? I.Value.Text
                                                                      : I.Value.Written;
  std::string Out = V.str();
  if (!I.Description.empty())
    Out += " 描述 " + I.Description.str();
  if (!I.BasisText.empty())
    Out += " 依据 " + I.BasisText.str();
  return Out;
}

std::string indicatorKey(const model::Indicator &I) {
  std::string Path = I.Level1.empty() ? "" : (I.Level1 + "/" + I.Level2 + " ").str();
  return Path + I.Name.str();
}

Texts texts(const Version &V, const char *Section) {
  Texts T;
  if (!V.Budget)
    return T;
  const model::Budget &B = *V.Budget;
  bool Indicators = llvm::StringRef(Section) == "indicators";
  for (const model::Project &P : B.Projects) {
    std::string Key = "项目 " + projectKey(P);
    if (Indicators) {
      for (const model::Indicator &I : P.Indicators)
        T[Key + " · " + indicatorKey(I)] = indicatorText(I);
      continue;
    }
    T[Key + " · 用途"] = P.Purpose;
    std::string Goals;
    for (const std::string &G : P.Goals)
      Goals += (Goals.empty() ? "" : " / ") + G;
    T[Key + " · 目标"] = Goals;
    std::string Plan;
    for (const model::SchedulePoint &S : P.Schedule)
      Plan += std::to_string(S.Month) + "月 " + S.Share.toString() + "% ";
    T[Key + " · 支出计划"] = Plan;
  }
  for (const model::PerformanceArea &A : B.Areas)
    for (const model::DepartmentGoal &G : A.Goals) {
      std::string Key = "整体绩效 " + (A.Name.empty() ? "" : A.Name + " · ") + G.Statement;
      if (Indicators) {
        for (size_t I : G.Indicators)
          T[Key + " · " + indicatorKey(B.DepartmentIndicators[I])] =
              indicatorText(B.DepartmentIndicators[I]);
      } else {
        T[Key] = G.Statement;
      }
    }
  if (!Indicators) {
    for (const model::Section &S : B.Sections)
      T["说明 " + S.Title] = S.Body;
    for (const model::Section &S : B.PerformanceSections)
      T["整体绩效 说明 " + S.Title] = S.Body;
    for (const auto &G : B.Glossary)
      T["名词解释 " + G.first] = G.second;
    for (const model::Unit &U : B.OrgUnits)
      T["单位 " + U.Name] = U.Nature + " " + U.Rank + " " + U.Funding;
  }
  return T;
}

void compareTexts(const char *Section, Texts Old, Texts New, std::vector<TextChange> &Out) {
  // An empty text is no text: a project added without a purpose adds nothing here.
  for (Texts *T : {&Old, &New})
    for (auto It = T->begin(); It != T->end();)
      It = It->second.empty() ? T->erase(It) : std::next(It);
  for (const std::string &K : keys(Old, New)) {
    auto O = Old.find(K), N = New.find(K);
    bool HasO = O != Old.end(), HasN = N != New.end();
    if (HasO && HasN && O->second == N->second)
      continue;
    if (HasO && HasN)
      Out.push_back({Section, K, O->second, N->second});
    else if (HasO)
      Out.push_back({Section, K, O->second, ""});
    else
      Out.push_back({Section, K, "", N->second});
  }
}

} // namespace

Report compare(const Version &Old, const Version &New) {
  Report R;
  if (New.Budget) {
    R.MoneyUnit = New.Budget->MoneyUnit;
    R.MoneyFactor = New.Budget->MoneyFactor;
  }
  Facts O = facts(Old), N = facts(New);
  compareAmounts("allocations", O.Allocations, N.Allocations, R.Money);
  compareAmounts("projects", O.Projects, N.Projects, R.Money);
  compareAmounts("functions", O.Functions, N.Functions, R.Money);
  compareAmounts("economics", O.Economics, N.Economics, R.Money);
  compareAmounts("tables", O.Tables, N.Tables, R.Money);
  compareTexts("indicators", texts(Old, "indicators"), texts(New, "indicators"), R.Texts);
  compareTexts("text", texts(Old, "text"), texts(New, "text"), R.Texts);
  std::multiset<std::string> OD(Old.Diagnostics.begin(), Old.Diagnostics.end()),
      ND(New.Diagnostics.begin(), New.Diagnostics.end());
  for (const std::string &D : New.Diagnostics) {
    auto It = OD.find(D);
    if (It == OD.end())
      R.Introduced.push_back(D);
    else
      OD.erase(It);
  }
  for (const std::string &D : Old.Diagnostics) {
    auto It = ND.find(D);
    if (It == ND.end())
      R.Fixed.push_back(D);
    else
      ND.erase(It);
  }
  return R;
}

namespace {

std::string amount(const Report &R, std::optional<Decimal> Yuan, bool Overflow = false) {
  if (Overflow)
    return "####";
  if (!Yuan)
    return "—";
  auto V = Yuan->div(R.MoneyFactor);
  return V ? V->toString(2) : Yuan->toString();
}

std::string delta(const Report &R, const Change &C) {
  if (C.OldOverflow || C.NewOverflow)
    return "";
  Decimal O = C.Old.value_or(Decimal()), N = C.New.value_or(Decimal());
  auto D = N.sub(O);
  if (!D)
    return "";
  std::string S = amount(R, D->abs());
  return (D->isNegative() ? "-" : "+") + S;
}

const char *status(const Change &C) {
  return !C.Old && !C.OldOverflow ? "added" : !C.New && !C.NewOverflow ? "removed" : "changed";
}

const char *status(const TextChange &C) {
  return C.Old.empty() ? "added" : C.New.empty() ? "removed" : "changed";
}

struct SectionName {
  const char *Key, *Title, *TitleZh;
};
const SectionName MoneySections[] = {
    {"allocations", "Allocations", "资金安排"},
    {"projects", "Projects", "项目"},
    {"functions", "Function 项 lines", "功能科目"},
    {"economics", "Economic 款 lines", "经济科目"},
    {"tables", "Disclosure tables", "公开表格"},
};
const SectionName TextSections[] = {
    {"indicators", "Indicators", "绩效指标"},
    {"text", "Text", "文字"},
};

std::string shorten(llvm::StringRef S, size_t Max = 120) {
  if (S.size() <= Max)
    return S.str();
  size_t Cut = Max;
  while (Cut > 0 && (static_cast<unsigned char>(S[Cut]) & 0xC0) == 0x80)
    --Cut;
  return S.substr(0, Cut).str() + "…";
}

/// The part of two texts that differs, with "…" where a common head or tail was left out.
std::pair<std::string, std::string> differing(llvm::StringRef A, llvm::StringRef B) {
  size_t Head = 0;
  while (Head < A.size() && Head < B.size() && A[Head] == B[Head])
    ++Head;
  while (Head > 0 && (static_cast<unsigned char>(A[Head]) & 0xC0) == 0x80)
    --Head; // back to a character boundary
  size_t Tail = 0;
  while (Tail < A.size() - Head && Tail < B.size() - Head &&
         A[A.size() - 1 - Tail] == B[B.size() - 1 - Tail])
    ++Tail;
  while (Tail > 0 && A.size() - Tail < A.size() &&
         (static_cast<unsigned char>(A[A.size() - Tail]) & 0xC0) == 0x80)
    --Tail;
  // Cut only at spaces, so that a value is shown whole.
  while (Head > 0 && A[Head - 1] != ' ')
    --Head;
  while (Tail > 0 && A[A.size() - Tail] != ' ' && B[B.size() - Tail] != ' ')
    --Tail;
  auto Cut = [&](llvm::StringRef S) {
    std::string Out = S.slice(Head, S.size() - Tail).str();
    return (Head ? "…" : "") + Out + (Tail ? "…" : "");
  };
  if (Head < 12 && Tail < 12)
    return {A.str(), B.str()};
  if (Head < 12)
    Head = 0;
  if (Tail < 12)
    Tail = 0;
  return {Cut(A), Cut(B)};
}

/// The changes of one section, in order.
template <typename T>
std::vector<const T *> inSection(const std::vector<T> &All, llvm::StringRef Section) {
  std::vector<const T *> Out;
  for (const T &C : All)
    if (C.Section == Section)
      Out.push_back(&C);
  return Out;
}

/// A name in a Markdown code span: backticks and line breaks would end it early.
std::string mdCode(llvm::StringRef S) {
  std::string Out;
  for (char C : replaceControls(S, ""))
    Out += C == '`' ? '\'' : C;
  return Out;
}

} // namespace

std::vector<std::string> describeDiagnostics(llvm::ArrayRef<Diagnostic> Diags, Lang L) {
  static const llvm::Regex LineNumber("line [0-9]+|第 [0-9]+ 行");
  std::vector<std::string> Out;
  for (const Diagnostic &D : Diags) {
    const char *Sev = D.Sev == Severity::Error     ? "error"
                      : D.Sev == Severity::Warning ? "warning"
                                                   : "remark";
    std::string Msg = D.message(L), Clean;
    llvm::StringRef Rest = Msg;
    llvm::SmallVector<llvm::StringRef, 1> M;
    while (LineNumber.match(Rest, &M)) {
      size_t At = M[0].data() - Rest.data();
      Clean += Rest.substr(0, At).str() + (L == Lang::Zh ? "第 N 行" : "line N");
      Rest = Rest.substr(At + M[0].size());
    }
    Clean += Rest.str();
    Out.push_back(std::string(Sev) + " " + formatCode(getDiagInfo(D.Kind).Code) + ": " + Clean);
  }
  return Out;
}

void print(llvm::raw_ostream &OS, const Report &R, Format F, llvm::StringRef OldName,
           llvm::StringRef NewName) {
  if (F == Format::Json) {
    llvm::json::OStream J(OS, 2);
    J.object([&] {
      J.attribute("version", 1);
      J.attribute("old", OldName);
      J.attribute("new", NewName);
      J.attribute("moneyUnit", R.MoneyUnit);
      J.attribute("changed", !R.empty());
      J.attributeArray("money", [&] {
        for (const Change &C : R.Money)
          J.object([&] {
            J.attribute("section", C.Section);
            J.attribute("what", C.What);
            J.attribute("status", status(C));
            if (C.Old)
              J.attribute("oldYuan", C.Old->toString());
            else
              J.attribute("oldYuan", nullptr);
            if (C.New)
              J.attribute("newYuan", C.New->toString());
            else
              J.attribute("newYuan", nullptr);
            J.attribute("delta", delta(R, C));
            if (C.OldOverflow || C.NewOverflow)
              J.attribute("overflow", true); // a side's sum does not fit: its amount is null
          });
      });
      J.attributeArray("texts", [&] {
        for (const TextChange &C : R.Texts)
          J.object([&] {
            J.attribute("section", C.Section);
            J.attribute("what", C.What);
            J.attribute("status", status(C));
            J.attribute("old", C.Old);
            J.attribute("new", C.New);
          });
      });
      J.attributeArray("introduced", [&] {
        for (const std::string &D : R.Introduced)
          J.value(D);
      });
      J.attributeArray("fixed", [&] {
        for (const std::string &D : R.Fixed)
          J.value(D);
      });
    });
    OS << '\n';
    return;
  }
  bool Md = F == Format::Markdown;
  // Names and texts of the workspace: escaped for Markdown, their control characters spelled
  // out for a terminal (one change a line).
  auto T = [&](llvm::StringRef S) { return Md ? emit::markdownText(S) : escapeControls(S); };
  if (Md)
    OS << "### budc diff: `" << mdCode(OldName) << "` → `" << mdCode(NewName) << "`\n\n";
  else
    OS << "budc diff " << T(OldName) << " → " << T(NewName) << "\n";
  if (R.empty()) {
    OS << (Md ? "No semantic change.\n" : "no semantic change\n");
    return;
  }
  for (const SectionName &S : MoneySections) {
    std::vector<const Change *> Items = inSection(R.Money, S.Key);
    if (Items.empty())
      continue;
    if (Md) {
      OS << "\n#### " << S.Title << " · " << S.TitleZh << " (" << R.MoneyUnit << ")\n\n"
         << "| | | old | new | Δ |\n| --- | --- | ---: | ---: | ---: |\n";
      for (const Change *C : Items)
        OS << "| " << status(*C) << " | " << T(C->What) << " | " << amount(R, C->Old, C->OldOverflow)
           << " | " << amount(R, C->New, C->NewOverflow) << " | " << delta(R, *C) << " |\n";
    } else {
      OS << "\n" << S.Title << " · " << S.TitleZh << " (" << R.MoneyUnit << "):\n";
      for (const Change *C : Items)
        OS << "  " << status(*C) << "  " << T(C->What) << ": " << amount(R, C->Old, C->OldOverflow) << " → "
           << amount(R, C->New, C->NewOverflow)
           << (C->OldOverflow || C->NewOverflow ? "" : " (" + delta(R, *C) + ")") << "\n";
    }
  }
  for (const SectionName &S : TextSections) {
    std::vector<const TextChange *> Items = inSection(R.Texts, S.Key);
    if (Items.empty())
      continue;
    if (Md) {
      OS << "\n#### " << S.Title << " · " << S.TitleZh << "\n\n| | | old | new |\n| --- | --- | --- | --- |\n";
      for (const TextChange *C : Items) {
        auto [O, N] = C->Old.empty() || C->New.empty() ? std::make_pair(C->Old, C->New)
                                                       : differing(C->Old, C->New);
        OS << "| " << status(*C) << " | " << T(C->What) << " | " << T(shorten(O))
           << " | " << T(shorten(N)) << " |\n";
      }
    } else {
      OS << "\n" << S.Title << " · " << S.TitleZh << ":\n";
      for (const TextChange *C : Items) {
        OS << "  " << status(*C) << "  " << T(C->What);
        if (!C->Old.empty() && !C->New.empty()) {
          auto [O, N] = differing(C->Old, C->New);
          OS << ": " << T(shorten(O)) << " → " << T(shorten(N));
        }
        else if (!C->New.empty())
          OS << ": " << T(shorten(C->New));
        OS << "\n";
      }
    }
  }
  if (!R.Introduced.empty() || !R.Fixed.empty()) {
    OS << (Md ? "\n#### Diagnostics · 诊断\n\n" : "\nDiagnostics · 诊断:\n");
    for (const std::string &D : R.Introduced)
      OS << (Md ? "- introduced: " : "  introduced  ") << T(D) << "\n";
    for (const std::string &D : R.Fixed)
      OS << (Md ? "- fixed: " : "  fixed  ") << T(D) << "\n";
  }
}

} // namespace budc::diff

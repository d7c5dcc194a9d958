//===- sema.cpp - From syntax trees to the budget model ---------------------===//
//
// resolve(): the header first (its year and money unit choose the standard library and how
// amounts read), then the library declarations, the templates, the facts (facts.h) and the
// figures. The files beside this one hold the parts: values.cpp, library.cpp, template.cpp,
// facts.cpp, spending.cpp, bodies.cpp, declared.cpp, figures.cpp, references.cpp.
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/resolver.h"
#include "compiler/sema/template_reader.h"

#include "compiler/ast/pack.h"
#include "compiler/model/values.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <set>
#include <tuple>

namespace budc::sema {

//===----------------------------------------------------------------------===//
// resolve()
//===----------------------------------------------------------------------===//

namespace {

/// The money unit each template table prints in: its own 金额单位 (checked to be one, now that
/// the units are known) or the budget's.
void templateUnits(Resolver &R) {
  for (model::Template &T : R.B.Templates)
    for (model::TableTemplate &Tb : T.Tables) {
      Tb.MoneyFactor = R.B.MoneyFactor;
      if (Tb.MoneyUnit.empty())
        continue;
      const model::UnitDef *U = R.B.Units.find(Tb.MoneyUnit);
      std::string Root;
      std::optional<Decimal> F;
      if (!U)
        R.unknownUnit(Tb.MoneyUnit, Tb.MoneyUnitWhere);
      else if (U->Dim != model::Dimension::Money)
        R.Diags.report(Tb.MoneyUnitWhere, diag::NotMoney, {Tb.MoneyUnit, "元"});
      else
        F = R.B.Units.toRoot(U->Name, Decimal::fromRaw(Decimal::One), Root);
      if (F) {
        Tb.MoneyUnit = U->Name;
        Tb.MoneyFactor = *F;
      } else {
        Tb.MoneyUnit.clear();
      }
    }
}

} // namespace

model::Budget resolve(llvm::ArrayRef<ast::File *> Files, SourceManager &SM, ast::Context &Ctx,
                      DiagEngine &Diags, const ResolveOptions &Opts) {
  Resolver R(SM, Diags);
  // The header: year and money unit decide which standard library and how amounts read.
  const ast::Budget *Header = nullptr;
  for (ast::File *F : Files)
    for (ast::Node *N : F->Items)
      if (auto *H = llvm::dyn_cast<ast::Budget>(N)) {
        if (Header) {
          Diags.report(H->Year.Range, diag::DuplicateDeclaration, {"budget header", "预算"})
              .zh({"预算声明", "预算"})
              .note(Header->Range, diag::NoteFirstDeclared);
          continue;
        }
        Header = H;
      }
  unsigned Year = 0;
  if (Header) {
    Header->Year.Value.getAsInteger(10, Year);
    R.B.HeaderWhere = Header->Range;
  } else if (!Files.empty()) {
    Diags.report({Files[0]->Range.File, 0, 0}, diag::MissingBudgetHeader);
  }
  R.B.Year = Year;
  // The header's 模板 (else the default), whose layout budc check reads too: its listings name
  // the keys of the procurement and assets facts, and a 公开表 is compared with its tables.
  std::string UsedTemplate = model::Budget::DefaultTemplate;
  if (Header)
    for (const ast::Attr *A : Header->Attrs)
      if (A->Key.Value == "模板" && !A->Values.empty())
        UsedTemplate = A->Values[0].Word.Value.str();
  stdlib::Selection Lib = stdlib::selectFor(Year);
  if (Header && Lib.Approximate)
    Diags.report(Header->Year.Range, diag::CatalogueYearApproximate,
                 {std::to_string(Year), std::to_string(Lib.CatalogueYear)});
  std::vector<ast::File *> Stdlib;
  for (const stdlib::EmbeddedFile &E : Lib.Files) {
    if (!Opts.Templates && llvm::StringRef(E.Path).startswith("templates/")) {
      // Only the names: a line "表样 NAME {" declares one. Parsing the layouts is start-up
      // time that only budc build and budc diff need, and budc check for the template the
      // budget uses (its listings name the keys of the procurement and assets facts).
      bool Used = false;
      std::vector<model::Template> Names;
      for (llvm::StringRef Line : llvm::split(E.text(), '\n'))
        if (Line.consume_front("表样 ")) {
          model::Template T;
          T.Name = Line.take_until([](char C) { return C == ' ' || C == '{'; }).str();
          T.Standard = true;
          Used |= T.Name == UsedTemplate;
          Names.push_back(std::move(T));
        }
      if (!Used) {
        for (model::Template &T : Names)
          R.B.Templates.push_back(std::move(T));
        continue;
      }
    }
    unsigned ID = SM.addBuffer(E.text(), std::string("<stdlib>/") + E.Path);
    // Its syntax tree was parsed when budc was built; parse only a file that has none.
    ast::File *F = ast::unpack(stdlib::packedTree(E.Path), ID, Ctx);
    if (!F)
      F = syntax::parseFile(SM, ID, Ctx, Diags);
    Stdlib.push_back(F);
  }
  // The named figures (口径) first, the workspace's after the standard library's, so that a
  // template or a declared figure uses the department's own definition wherever it stands.
  auto Libraries = [&](llvm::ArrayRef<ast::File *> Of, bool FromStdlib, bool Figures) {
    for (ast::File *F : Of)
      for (ast::Node *N : F->Items)
        if (auto *L = llvm::dyn_cast<ast::Library>(N))
          if ((L->What == ast::Library::Figures) == Figures) {
            if (Figures)
              R.Figs.add(*L, FromStdlib);
            else
              R.library(*L, FromStdlib);
          }
  };
  Libraries(Stdlib, true, true);
  Libraries(Files, false, true);
  Libraries(Stdlib, true, false);
  Libraries(Files, false, false);

  if (Header)
    for (const ast::Attr *A : Header->Attrs) {
      if (A->Key.Value == "金额单位" && !A->Values.empty()) {
        const ast::Value &V = A->Values[0];
        const model::UnitDef *U = R.B.Units.find(V.Word.Value);
        if (!U) {
          R.unknownUnit(V.Word.Value, V.range());
        } else if (U->Dim != model::Dimension::Money) {
          Diags.report(V.range(), diag::NotMoney, {V.Word.Value.str(), "元"});
        } else {
          std::string Root;
          if (auto F = R.B.Units.toRoot(U->Name, Decimal::fromRaw(Decimal::One), Root)) {
            R.B.MoneyUnit = U->Name;
            R.B.MoneyFactor = *F;
          }
        }
      } else if (A->Key.Value == "模板" && !A->Values.empty()) {
        R.B.TemplateName = A->Values[0].Word.Value.str();
        R.B.TemplateWhere = A->Values[0].range();
      } else if (A->Key.Value == "框架" && !A->Values.empty()) {
        R.B.FrameworkName = A->Values[0].Word.Value.str();
        R.B.FrameworkWhere = A->Values[0].range();
      } else if (A->Key.Value == "权重合计" || A->Key.Value == "预留") {
        R.weights(*A, R.B.HeaderWeights, R.B.HasWeightTotal, R.B.HasWeightReserve);
      } else if (A->Key.Value == "地区" && !A->Values.empty()) {
        const ast::Value &V = A->Values[0];
        R.B.Region = V.K == ast::Value::Number ? V.Num.Number.str() : V.Word.Value.str();
      }
    }
  if (!R.B.TemplateName.empty() && !R.B.findTemplate()) {
    std::vector<std::string> Names;
    for (const model::Template &T : R.B.Templates)
      Names.push_back(T.Name);
    std::string Guess = closest(R.B.TemplateName, Names);
    auto D = Diags.report(R.B.TemplateWhere, diag::UnknownTemplate,
                          {R.B.TemplateName, Guess.empty() ? "" : "; did you mean '" + Guess + "'?"});
    D.zh({R.B.TemplateName, Guess.empty() ? "" : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(R.B.TemplateWhere, Guess);
  }
  if (!Opts.LastYear.empty()) {
    DiagEngine Own;
    ResolveOptions Inner = Opts;
    Inner.LastYear = {};
    model::Budget Prev = resolve(Opts.LastYear, SM, Ctx, Own, Inner);
    R.LastYearErrors = Own.getErrorCount();
    if (!Own.hasErrors())
      R.LastYearFacts = std::make_unique<model::Budget>(std::move(Prev));
  }
  if (!R.B.FrameworkName.empty() && !R.B.framework()) {
    std::vector<std::string> Names;
    for (const model::Framework &F : R.B.Frameworks)
      Names.push_back(F.Name);
    std::string Guess = closest(R.B.FrameworkName, Names);
    std::string Known;
    for (size_t I = 0; I < Names.size(); ++I)
      Known += (I ? ", " : "") + Names[I];
    auto D = Diags.report(R.B.FrameworkWhere, diag::UnknownFramework,
                          {R.B.FrameworkName, Guess.empty() ? "; known: " + Known
                                                            : "; did you mean '" + Guess + "'?"});
    std::string KnownZh;
    for (size_t I = 0; I < Names.size(); ++I)
      KnownZh += (I ? "、" : "") + Names[I];
    D.zh({R.B.FrameworkName, Guess.empty() ? "；可用的有：" + KnownZh : "；是否应为“" + Guess + "”？"});
    if (!Guess.empty())
      D.fixIt(R.B.FrameworkWhere, Guess);
    R.B.FrameworkName.clear();
  }
  templateUnits(R);
  // A template the budget does not use is checked, but its errors never block the build.
  const model::Template *Used = R.B.findTemplate();
  std::vector<Span> Unused;
  for (const model::Template &T : R.B.Templates)
    if (&T != Used && T.Where.isValid())
      Unused.push_back(T.Where);
  if (!Unused.empty())
    Diags.remap([&](const Diagnostic &D) -> std::optional<Severity> {
      if (D.Sev != Severity::Error)
        return std::nullopt;
      for (const Span &S : Unused)
        if (D.Where.File == S.File && D.Where.Begin >= S.Begin && D.Where.End <= S.End)
          return Severity::Warning;
      return std::nullopt;
    });
  (void)R.B.Units.names(); // sorted now, before the threads of facts() may suggest units
  R.facts(Files, Opts.Jobs, Opts.ReleaseBodies);
  templateGaps(R);
  return std::move(R.B);
}

} // namespace budc::sema

//===- pipeline.cpp - One compilation: load, resolve, check, suppress, tables -===//
#include "compiler/driver/pipeline.h"

#include "compiler/check/check.h"
#include "compiler/sema/sema.h"

#include "llvm/Support/Timer.h"

namespace budc {

std::unique_ptr<Compilation> compile(llvm::ArrayRef<std::string> Paths, const CompileOptions &O) {
  auto C = std::make_unique<Compilation>();
  bool Time = O.Parse.TimePhases;
  // The errors of every file parsed, shared by the parsing threads: --error-limit stops them.
  std::atomic<unsigned> Errors{0};
  syntax::ParseOptions Parse = O.Parse;
  Parse.ErrorCount = &Errors;
  C->WS = loadWorkspace(Paths, C->SM, C->Ctx, C->Diags, Parse, O.Overrides, O.Load);
  // The checker runs on a workspace that parsed cleanly: after syntax errors the trees are
  // partial and every rule would report their holes again.
  if (O.Until == Stage::Load || C->WS.InputError || C->Diags.hasErrors())
    return C;
  {
    llvm::NamedRegionTimer T("resolve", "resolve names, build the model", "budc", "budc phases",
                             Time);
    sema::ResolveOptions RO;
    RO.Templates = O.Templates;
    RO.Jobs = O.Parse.Jobs;
    RO.LastYear = C->WS.LastYear;
    RO.ReleaseBodies = O.ReleaseBodies;
    C->Budget = sema::resolve(C->WS.Files, C->SM, C->Ctx, C->Diags, RO);
  }
  {
    llvm::NamedRegionTimer T("check", "check the rules", "budc", "budc phases", Time);
    check::run(*C->Budget, C->Diags);
    check::applySuppressions(C->WS.Files, C->SM, C->Diags);
    O.Warnings.apply(C->Diags);
  }
  if (O.Until != Stage::Tables || (C->Diags.hasErrors() && !O.TablesDespiteErrors))
    return C;
  llvm::NamedRegionTimer T("tables", "fill and render the tables", "budc", "budc phases", Time);
  if (const model::Template *Tpl = C->Budget->findTemplate()) {
    C->Tables = tables::build(*C->Budget, *Tpl);
    if (C->Tables->Overflow)
      C->Diags.report(C->Budget->HeaderWhere, diag::MoneyOverflow, {"the sum of a table cell"})
          .zh({"表格单元格的合计"});
  } else {
    C->Diags.report(C->Budget->HeaderWhere, diag::UnknownTemplate,
                    {"(none)", "; the standard library has no table template"})
        .zh({"（无）", "；标准库中没有表样"});
  }
  return C;
}

} // namespace budc

//===- explain.cpp - budc explain CODE…: what a diagnostic means --------------===//
#include "compiler/driver/driver.h"

#include "compiler/diag/explain.h"

#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace budc::driver {
namespace {
cl::list<std::string> Codes(cl::Positional, cl::desc("<BUDnnn>..."), cl::OneOrMore,
                            cl::sub(cmd::explain()));
} // namespace

int runExplain() {
  for (const std::string &Code : Codes) {
    auto Text = explain::text(Code);
    if (!Text) {
      errs() << "budc: error: no diagnostic code '" << Code << "'\n";
      return ExitUsage;
    }
    outs() << *Text;
  }
  return ExitOk;
}

} // namespace budc::driver

//===- init.cpp - budc init: a new workspace that checks clean and builds ---===//
//
// budc init [--template NAME] [--year YYYY] DIR writes a small budget into DIR (created if
// missing; an existing DIR must be empty, so nothing is ever overwritten): the header with
// the year and the template, a department with one unit, income, basic expenditure and a
// project with its indicators, a declared total and a narrative section, each with a comment
// that points at the documentation. The user replaces the figures with the department's own.
//
//===----------------------------------------------------------------------===//
#include "compiler/driver/driver.h"

#include "compiler/emit/write.h"
#include "compiler/stdlib/stdlib.h"
#include "compiler/sema/sema.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace budc::driver {
namespace {

cl::opt<std::string> TemplateOpt("template",
                                 cl::desc("The table template (表样) the budget is published with "
                                          "(default 河北2024; `budc help` lists them)"),
                                 cl::value_desc("NAME"), cl::sub(cmd::init()), cl::cat(category()));
cl::opt<unsigned> YearOpt("year", cl::desc("The budget year (default: the newest catalogue year)"),
                          cl::value_desc("YYYY"), cl::sub(cmd::init()), cl::cat(category()));
cl::list<std::string> InitDir(cl::Positional, cl::desc("<new workspace directory>"),
                              cl::sub(cmd::init()));

const char *BudgetText = R"(// budc init 生成的工作区：把示例数字换成本部门的预算，然后运行 budc check。
// A workspace written by budc init: replace the sample figures with your department's budget,
// then run budc check. The language: docs/language.md; the tables: docs/tables.md; the
// checks: docs/checker.md (in the budc repository).

// 预算声明：年度、金额单位（万元或元）、表样（budc help 列出全部表样）。
预算 {YEAR} {
  金额单位 万元
  模板 {TEMPLATE}
}

// 部门及所属单位；单位的性质（行政、参公、事业）决定机关运行经费。
部门 "示例部门" {
  单位 "示例部门本级" {
    性质 行政
  }
}

// 收入：每个资金来源的控制数；支出按资金来源合计必须等于它（BUD301）。
收入 {
  一般公共预算拨款 130.00
}

// 基本支出：每个功能科目（项）一块，每行一个经济科目（款）。
基本支出 2010301 行政运行 {
  30101 基本工资 80.00
  30108 机关事业单位基本养老保险缴费 10.00
  30201 办公费 10.00
}

// 声明：表中和说明中印出的数字，budc 用事实核对（docs/checker.md “The figure language”）。
声明 收入总计 130.00
声明 支出总计 130.00
)";

const char *ProjectsText = R"(// 项目支出：每个项目一块，含功能科目、金额（及资金来源）、用途、绩效目标与指标。
// Projects: docs/language.md, "项目 — projects"; indicators follow stdlib/indicators.bud.
项目 "示例项目" {
  功能科目 2010302 一般行政管理事务
  金额 30.00 一般公共预算拨款
  用途 "预算金额30万元，主要用于……"
  支出计划 6月 50%  12月 100%
  目标 "完成……工作"
  指标 产出/数量 培训人次 ≥100人次
  指标 效益/社会效益 工作成效 "工作顺利开展"
  指标 满意度/服务对象满意度 服务对象满意度 ≥90%
}
)";

const char *NarrativeText = R"(// 说明：公开文本的各节；表样的页面结构决定其位置（docs/tables.md “The page outline”）。
说明 部门职责 "……（本部门的主要职责）"
)";

std::string replaceAll(std::string Text, StringRef From, StringRef To) {
  for (size_t At = Text.find(From.str()); At != std::string::npos;
       At = Text.find(From.str(), At + To.size()))
    Text.replace(At, From.size(), To.str());
  return Text;
}

} // namespace

std::vector<std::string> templateNames() {
  std::vector<std::string> Names;
  for (const EmbeddedFile &E : stdlib::embeddedFiles())
    if (StringRef(E.Path).startswith("templates/"))
      for (StringRef Line : split(E.text(), '\n'))
        if (Line.consume_front("表样 "))
          Names.push_back(Line.take_until([](char C) { return C == ' ' || C == '{'; }).str());
  return Names;
}

int runInit() {
  std::optional<RenderOptions> RO = renderOptions();
  if (!RO)
    return ExitUsage;
  bool Zh = RO->Language == Lang::Zh;
  auto Fail = [&](const std::string &En, const std::string &ZhText) {
    errs() << "budc: " << (Zh ? "错误：" : "error: ") << (Zh ? ZhText : En) << "\n";
    return ExitUsage;
  };
  if (InitDir.size() != 1)
    return Fail("budc init takes one directory: budc init [--template NAME] [--year YYYY] DIR",
                "budc init 需要一个目录：budc init [--template 名称] [--year 年度] 目录");
  std::vector<std::string> Names = templateNames();
  std::string Template = TemplateOpt.empty() ? "河北2024" : TemplateOpt.getValue();
  if (std::find(Names.begin(), Names.end(), Template) == Names.end()) {
    std::string Guess = sema::closest(Template, Names);
    return Fail("there is no template '" + Template + "'" +
                    (Guess.empty() ? "" : "; did you mean '" + Guess + "'?") +
                    " (known: " + join(Names, ", ") + ")",
                "没有表样“" + Template + "”" + (Guess.empty() ? "" : "；是否应为“" + Guess + "”？") +
                    "（已有：" + join(Names, "、") + "）");
  }
  std::vector<unsigned> Years = stdlib::catalogueYears();
  unsigned Year = YearOpt.getNumOccurrences() ? YearOpt.getValue() : (Years.empty() ? 2026 : Years.back());
  if (Year < 2000 || Year > 2099)
    return Fail("--year takes a budget year from 2000 to 2099", "--year 应为 2000 至 2099 的预算年度");

  StringRef Dir = InitDir.front();
  std::error_code EC;
  if (sys::fs::exists(Dir)) {
    if (!sys::fs::is_directory(Dir))
      return Fail("'" + Dir.str() + "' exists and is not a directory",
                  "“" + Dir.str() + "”已存在且不是目录");
    sys::fs::directory_iterator It(Dir, EC);
    if (EC)
      return Fail("cannot read '" + Dir.str() + "': " + EC.message(),
                  "无法读取“" + Dir.str() + "”：" + EC.message());
    if (It != sys::fs::directory_iterator())
      return Fail("'" + Dir.str() + "' is not empty: budc init writes a new workspace into a new or empty directory, and never overwrites a file",
                  "“" + Dir.str() + "”不是空目录：budc init 只在新目录或空目录中创建工作区，从不覆盖文件");
  } else if ((EC = sys::fs::create_directories(Dir))) {
    return Fail("cannot create '" + Dir.str() + "': " + EC.message(),
                "无法创建“" + Dir.str() + "”：" + EC.message());
  }
  std::string Budget = replaceAll(replaceAll(BudgetText, "{YEAR}", std::to_string(Year)),
                                  "{TEMPLATE}", Template);
  std::pair<const char *, std::string> Files[] = {
      {"budget.bud", Budget}, {"projects.bud", ProjectsText}, {"narrative.bud", NarrativeText}};
  for (const auto &[Name, Text] : Files) {
    SmallString<256> Path(Dir);
    sys::path::append(Path, Name);
    if (std::optional<std::string> Why = emit::writeNewFile(Path, Text))
      return Fail("cannot write '" + Path.str().str() + "': " + *Why,
                  "无法写入“" + Path.str().str() + "”：" + *Why);
  }
  if (Zh)
    outs() << "已在 " << Dir << " 中创建 " << Year << " 年预算工作区（表样 " << Template
           << "）。下一步：budc check " << Dir << "\n";
  else
    outs() << "wrote a " << Year << " budget workspace (template " << Template << ") to " << Dir
           << ". Next: budc check " << Dir << "\n";
  return ExitOk;
}

} // namespace budc::driver

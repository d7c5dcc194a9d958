// Unit tests of the tables stage: template evaluation over allocations, and span layout.
#include "compiler/emit/emit.h"
#include "compiler/sema/sema.h"
#include "compiler/syntax/parser.h"
#include "compiler/tables/tables.h"

#include <doctest/doctest.h>

using namespace budc;

namespace {

/// A budget resolved from one file, with its disclosure built with its template.
struct Built {
  SourceManager SM;
  ast::Context Ctx;
  DiagEngine Diags;
  model::Budget B;
  tables::Disclosure D;

  explicit Built(llvm::StringRef Text) {
    unsigned ID = SM.addBuffer(Text, "t.bud");
    ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
    B = sema::resolve({F}, SM, Ctx, Diags);
    if (const model::Template *T = B.findTemplate())
      D = tables::build(B, *T);
  }
  const tables::Table &table(unsigned N) const {
    for (size_t I = 0; I < D.size(); ++I)
      if (D.entry(I).Number == N)
        return *(Kept = D.table(I));
    FAIL("no table ", N);
    return *(Kept = D.table(0));
  }
  mutable std::shared_ptr<const tables::Table> Kept;
  /// The texts of body row \p R.
  std::vector<std::string> row(unsigned N, size_t R) const {
    std::vector<std::string> Out;
    for (const tables::Cell &C : table(N).Body.at(R))
      Out.push_back(C.Text);
    return Out;
  }
};

const char *Header = "预算 2024 { 金额单位 万元; 模板 测试 }\n"
                     "收入 {\n  一般公共预算拨款 10.00\n  上年结转 政府性基金预算拨款 5.00\n}\n"
                     "基本支出 2010301 行政运行 {\n  30101 基本工资 6.00\n  30201 办公费 1.50\n"
                     "  30217 公务接待费 0.50\n}\n"
                     "项目 测试项目 {\n  功能科目 2120801\n  金额 5.00 上年结转 政府性基金预算拨款\n}\n"
                     "项目 村项目 {\n  功能科目 2130705\n  金额 2.00 一般公共预算拨款\n}\n";

} // namespace

TEST_CASE("a money column adds the allocations that match the table, the row and the column") {
  std::string Text = std::string(Header) + R"(
表样 测试 {
  表 1 支出表 {
    表头 "序号" "编码" "名称" "合计" "基本" "项目" "上年结转"
    列 编码
    列 名称
    列 金额
    列 金额 基本
    列 金额 项目
    列 金额 上年结转
    行 合计
    行 功能科目 类 项
  }
}
)";
  Built X(Text);
  REQUIRE_FALSE(X.Diags.hasErrors());
  const tables::Table &T = X.table(1);
  CHECK(T.Width == 7);
  REQUIRE(T.Body.size() == 7); // 合计, 201, 2010301, 212, 2120801, 213, 2130705
  CHECK(X.row(1, 0) == std::vector<std::string>{"1", "", "合计", "15.00", "8.00", "7.00", "5.00"});
  CHECK(X.row(1, 1) == std::vector<std::string>{"2", "201", "一般公共服务支出", "8.00", "8.00", "", ""});
  CHECK(X.row(1, 4) == std::vector<std::string>{"5", "2120801", "征地和拆迁补偿支出", "5.00", "", "5.00", "5.00"});
  // Exact amounts travel with the text.
  REQUIRE(T.Body[0][3].Yuan);
  CHECK(T.Body[0][3].Yuan->toString() == "150000");
}

TEST_CASE("terms of one kind are alternatives, terms of different kinds all hold") {
  std::string Text = std::string(Header) + R"(
表样 测试 {
  表 1 三公 {
    表头 "序号" "项目" "合计" "一般公共预算" "政府性基金"
    列 名称
    列 金额 [零 "0"]
    列 金额 一般公共预算
    列 金额 政府性基金 本年
    行 "接待或办公" [经济 30217] [经济 30201]
    行 "接待" [三公 公务接待费]
    行 "出国" [三公 因公出国（境）费]
    行 "本年基金或一般" 本年 一般公共预算 政府性基金
  }
}
)";
  Built X(Text);
  REQUIRE_FALSE(X.Diags.hasErrors());
  CHECK(X.row(1, 0) == std::vector<std::string>{"1", "接待或办公", "2.00", "2.00", ""});
  CHECK(X.row(1, 1) == std::vector<std::string>{"2", "接待", "0.50", "0.50", ""});
  CHECK(X.row(1, 2) == std::vector<std::string>{"3", "出国", "0", "", ""});
  CHECK(X.row(1, 3) == std::vector<std::string>{"4", "本年基金或一般", "10.00", "10.00", ""});
}

TEST_CASE("side-by-side panels zip row by row; 对行 fills both sides") {
  std::string Text = std::string(Header) + R"(
表样 测试 {
  表 1 收支 {
    表头 "序号" "收入" "金额" "支出" "金额"
    列 名称 左
    列 金额 左
    列 名称 右
    列 金额 右
    分栏 {
      左 {
        行 "一般公共预算" 本年 一般公共预算
      }
      右 {
        行 "一般公共服务" [功能 201]
        行 "城乡社区" [功能 212]
      }
    }
    对行 左 "收入总计" 右 "支出总计"
    对行 左 "结转" 上年结转
  }
}
)";
  Built X(Text);
  REQUIRE_FALSE(X.Diags.hasErrors());
  CHECK(X.row(1, 0) == std::vector<std::string>{"1", "一般公共预算", "10.00", "一般公共服务", "8.00"});
  CHECK(X.row(1, 1) == std::vector<std::string>{"2", "", "", "城乡社区", "5.00"});
  CHECK(X.row(1, 2) == std::vector<std::string>{"3", "收入总计", "15.00", "支出总计", "15.00"});
  CHECK(X.row(1, 3) == std::vector<std::string>{"4", "结转", "5.00", "", ""});
}

TEST_CASE("an empty table prints one blank row and its note") {
  std::string Text = std::string(Header) + R"(
表样 测试 {
  表 1 国资 {
    表头 "序号" "名称" "合计"
    范围 国有资本经营
    列 名称
    列 金额
    行 合计
    行 功能科目 类 款 项
    空表 "注：空表列示。"
  }
}
)";
  Built X(Text);
  REQUIRE_FALSE(X.Diags.hasErrors());
  const tables::Table &T = X.table(1);
  REQUIRE(T.Body.size() == 1);
  CHECK(X.row(1, 0) == std::vector<std::string>{"", "", ""});
  CHECK(T.Notes == std::vector<std::string>{"注：空表列示。"});
}

TEST_CASE("a header row must cover 序号 and the columns exactly") {
  std::string Text = std::string(Header) + R"(
表样 测试 {
  表 1 坏表 {
    表头 "序号" [跨行 2] "科目" [跨列 3]
    表头 "编码" "名称"
    列 编码
    列 名称
  }
}
)";
  Built X(Text);
  CHECK(X.Diags.hasErrors());
  CHECK(X.Diags.getDiagnostics()[0].Kind == diag::BadTemplateRow);
}

TEST_CASE("layout places cells around row and column spans and knows who covers each place") {
  std::vector<tables::Row> Rows(2);
  Rows[0] = {{"a", 2, 1}, {"b", 1, 2}};
  Rows[1] = {{"c"}, {"d"}};
  tables::Layout L = tables::layout(Rows, 3);
  auto &G = L.Grid;
  CHECK(G[0][0]->Text == "a");
  CHECK(G[0][1]->Text == "b");
  CHECK(G[0][2] == nullptr);
  CHECK(G[1][0] == nullptr);
  CHECK(G[1][1]->Text == "c");
  CHECK(G[1][2]->Text == "d");
  CHECK(L.Owner[1][0].X->Text == "a");
  CHECK(L.Owner[1][0].Row == 0);
  CHECK(L.Owner[0][2].X->Text == "b");
  CHECK(L.Owner[0][2].Col == 1);
}

TEST_CASE("column labels join the header cells over each column, without 栏次") {
  tables::Table T;
  T.Width = 3;
  T.Head = {{{"序号", 2, 1}, {"本年收入", 1, 2}}, {{"小计"}, {"其他"}}, {{"栏次"}, {"1"}, {"2"}}};
  CHECK(tables::columnLabels(T) == std::vector<std::string>{"序号", "本年收入 / 小计", "本年收入 / 其他"});
}

TEST_CASE("text output aligns CJK by display width and CSV quotes what it must") {
  tables::Table T;
  T.Number = 7;
  T.Title = "表";
  T.Width = 2;
  T.Head = {{{"名称"}, {"金额"}}};
  tables::Cell Amount{"1.00"};
  Amount.Amount = true;
  T.Body = {{{"宽字"}, Amount}, {{"a,\"b\""}, {""}}};
  std::string Text, Csv;
  llvm::raw_string_ostream TS(Text), CS(Csv);
  emit::table(TS, T, emit::Format::Text);
  emit::table(CS, T, emit::Format::Csv);
  TS.flush();
  CS.flush();
  INFO(Text);
  // 宽字 is four columns wide, a,"b" five: both pad to five.
  CHECK(Text.find("| 宽字  | 1.00 |") != std::string::npos);
  CHECK(Text.find("| 名称  | 金额 |") != std::string::npos);
  CHECK(Csv == "名称,金额\r\n宽字,1.00\r\n\"a,\"\"b\"\"\",\r\n");
}

//===- template_outline.cpp - The page outline of a template --------------===//
//
// Reads 部分 (第一部分, 第二部分) and the items of each: 说明, 表, 其余表 …
//
//===----------------------------------------------------------------------===//
#include "compiler/sema/template_reader.h"

namespace budc::sema::templates {

/// 部分 "title" { items; 章 "heading" { items } … }; 第一部分 "title" { … } is one, and
/// 第二部分 "title" a part of the other tables (其余表).
void TemplateReader::part(const ast::Attr &A, model::Template &T) {
  llvm::StringRef Key = A.Key.Value;
  bool Rest = Key == "第二部分" && A.Children.empty();
  if (A.Values.size() != 1 || !isLabel(A.Values[0])) {
    bad(A.Key.Range, Key.str() + " is '" + Key.str() + " \"title\" { … }'",
        Key.str() + "的写法为“" + Key.str() + " \"标题\" { … }”");
    return;
  }
  model::OutlinePart P;
  P.Title = word(A.Values[0]);
  if (!fields(P.Title, A.Values[0].range(), false))
    return;
  if (Rest)
    P.Preface.push_back({model::OutlineItem::OtherTables, "", ""});
  for (const ast::Attr *C : A.Children) {
    if (C->Key.Value == "章") {
      if (C->Values.size() != 1 || !isLabel(C->Values[0])) {
        bad(C->Key.Range, "a heading is '章 \"text\" { … }'", "章的写法为“章 \"标题\" { … }”");
        continue;
      }
      model::OutlineHeading H;
      H.Text = word(C->Values[0]);
      if (!fields(H.Text, C->Values[0].range(), false))
        continue;
      for (const ast::Attr *X : C->Children)
        if (auto Item = outlineItem(*X, T))
          H.Items.push_back(std::move(*Item));
      P.Headings.push_back(std::move(H));
    } else if (auto Item = outlineItem(*C, T)) {
      if (!P.Headings.empty()) {
        bad(C->Key.Range, "items of a part after a 章 belong inside a 章",
            "部分中位于章之后的内容应写在章内");
        continue;
      }
      P.Preface.push_back(std::move(*Item));
    }
  }
  T.Page.Parts.push_back(std::move(P));
}

/// 说明 TITLE ["lead"], 表 TITLE ["lead"], 整体绩效, 名词解释, 其余表, 其余说明.
std::optional<model::OutlineItem> TemplateReader::outlineItem(const ast::Attr &C, const model::Template &T) {
  model::OutlineItem Item;
  llvm::StringRef Key = C.Key.Value;
  llvm::ArrayRef<ast::Value> Values = C.Values;
  if (Key == "整体绩效" || Key == "名词解释" || Key == "其余表" || Key == "其余说明") {
    Item.Kind = Key == "整体绩效"   ? model::OutlineItem::Performance
                : Key == "名词解释" ? model::OutlineItem::Glossary
                : Key == "其余表"   ? model::OutlineItem::OtherTables
                                    : model::OutlineItem::OtherSections;
    if (!Values.empty() || !C.Children.empty()) {
      bad(C.Key.Range, Key.str() + " stands alone", Key.str() + "后不带其他内容");
      return std::nullopt;
    }
    return Item;
  }
  if ((Key != "说明" && Key != "表") || Values.empty() || Values.size() > 2 ||
      (Values.size() == 2 && !isLabel(Values[1]))) {
    bad(C.Key.Range,
        "a part or heading shows '说明 TITLE [\"lead\"]', '表 TITLE [\"lead\"]', 整体绩效, 名词解释, 其余表 or 其余说明",
        "部分或章内可写“说明 标题 [\"引语\"]”“表 标题 [\"引语\"]”、整体绩效、名词解释、其余表或其余说明",
        closest(Key, std::vector<std::string>{"说明", "表", "整体绩效", "名词解释", "其余表", "其余说明"}));
    return std::nullopt;
  }
  Item.Kind = Key == "说明" ? model::OutlineItem::Section : model::OutlineItem::Table;
  Item.Name = word(Values[0]);
  if (Values.size() == 2) {
    Item.Lead = word(Values[1]);
    if (!fields(Item.Lead, Values[1].range(), false))
      return std::nullopt;
  }
  if (Item.Kind == model::OutlineItem::Table) {
    bool Found = false;
    std::vector<std::string> Titles;
    for (const model::TableTemplate &X : T.Tables) {
      Found |= X.Title == Item.Name;
      Titles.push_back(X.Title);
    }
    if (!Found) {
      bad(Values[0].range(), "there is no table '" + Item.Name + "'",
          "没有“" + Item.Name + "”表", closest(Item.Name, Titles));
      return std::nullopt;
    }
  }
  return Item;
}

} // namespace budc::sema::templates

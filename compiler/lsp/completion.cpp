//===- completion.cpp - What may be written at a place ----------------------===//
//
// The place is read from the document's tokens (budc's lexer, so that a half-written line
// still says where it is): the blocks open around it and the words of its statement so far.
// Then, by where it is:
//
//   start of a line            the keywords that begin a statement in the block around it;
//                              in 基本支出 and an amount's split, economic codes; in 收入,
//                              fund sources
//   功能科目 / 基本支出 / 项目支出 …  function codes (项)       经济科目 …  economic codes (款)
//   金额 N … / 来源 …           fund sources                 指标 …     framework paths
//   指标 … NAME [VALUE] …       the clauses that may still come, in the language's order
//                              (单位 性质 权重 核心 内容 评分 描述 依据)
//   … 单位 …  units of the 计量单位表     … 性质 …  ≥ ≤ = > < ≠ 定量 定性 正向 反向
//   … 核心 …  是 否                      … 依据 …  citations
//   16村, 22.2万 the unit         模板 …  templates           框架 …  frameworks
//   {… in a text  figure names
//
// Codes are matched by code prefix or by their Chinese name (its start first, then anywhere
// in it) and inserted as code and name: 2010301 行政运行.
//
//===----------------------------------------------------------------------===//
#include "compiler/lsp/features.h"

#include "compiler/stdlib/stdlib.h"
#include "compiler/syntax/lexer.h"
#include "compiler/syntax/parser.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <iterator>
#include <mutex>
#include <tuple>

using namespace llvm;
namespace tok = budc::syntax::tok;

namespace budc::lsp {

std::string writtenName(StringRef Name) {
  std::vector<syntax::Token> T = syntax::lex(Name);
  if (!Name.empty() && T.size() == 1 && T[0].Kind == tok::Name && T[0].size() == Name.size())
    return Name.str();
  std::string Q = "\"";
  for (char C : Name) {
    if (C == '"' || C == '\\')
      Q += '\\';
    if (C == '\n')
      Q += "\\n";
    else if (C == '\t')
      Q += "\\t";
    else
      Q += C;
  }
  return Q + "\"";
}

namespace {

/// The protocol's CompletionItemKind numbers.
enum : unsigned {
  CkText = 1, CkModule = 9, CkUnit = 11, CkValue = 12, CkKeyword = 14, CkFile = 17,
  CkReference = 18, CkFolder = 19, CkEnumMember = 20, CkConstant = 21,
};

/// The most items one answer holds; a longer list is marked incomplete, so that the client
/// asks again as more is typed.
constexpr size_t MaxItems = 200;

/// The names of the standard library's named figures (stdlib/figures.bud), read once.
const std::vector<std::string> &stdlibFigureNames() {
  static std::vector<std::string> Names;
  static std::once_flag Once;
  std::call_once(Once, [] {
    for (const EmbeddedFile &E : stdlib::embeddedFiles()) {
      if (StringRef(E.Path) != "figures.bud")
        continue;
      SourceManager SM;
      ast::Context Ctx;
      DiagEngine Diags;
      unsigned ID = SM.addBuffer(E.text(), E.Path);
      ast::File *F = syntax::parseFile(SM, ID, Ctx, Diags);
      if (!F)
        continue;
      std::vector<std::pair<const ast::Attr *, std::string>> Work;
      for (const ast::Node *N : F->Items)
        if (auto *L = dyn_cast<ast::Library>(N); L && L->What == ast::Library::Figures)
          for (const ast::Attr *A : L->Rows)
            Work.push_back({A, ""});
      while (!Work.empty()) {
        auto [A, Parent] = Work.front();
        Work.erase(Work.begin());
        std::string Name = Parent.empty() ? A->Key.Value.str() : Parent + "/" + A->Key.Value.str();
        Names.push_back(Name);
        for (const ast::Attr *C : A->Children)
          Work.push_back({C, Name});
      }
    }
  });
  return Names;
}

/// A block around the place, by the statement that opened it.
struct Block {
  tok::Kind Opener = tok::EndOfFile; ///< the statement's first token (EndOfFile: top level)
  tok::Kind Second = tok::EndOfFile; ///< its second
};

class Completer {
public:
  Completer(const View &V, const LineTable &Lines, uint32_t Offset)
      : V(V), B(V.Model), Lines(Lines), Text(V.Text), Offset(std::min<uint32_t>(Offset, V.Text.size())) {}

  json::Value run() {
    Tokens = syntax::lex(Text);
    analyse();
    return json::Object{{"isIncomplete", Incomplete}, {"items", std::move(Items)}};
  }

private:
  //===--------------------------------------------------------------------===//
  // Where the place is
  //===--------------------------------------------------------------------===//

  static bool wordLike(tok::Kind K) {
    return syntax::isKeyword(K) || K == tok::Name || K == tok::Code || K == tok::Number ||
           K == tok::Quantity || K == tok::Date;
  }

  void analyse() {
    // The token the place is in or just after.
    size_t K = Tokens.size();
    for (size_t I = 0; I < Tokens.size(); ++I) {
      if (Tokens[I].Begin >= Offset)
        break;
      if (Tokens[I].End >= Offset)
        K = I;
    }
    ReplaceBegin = Offset;
    size_t StmtEnd = Tokens.size(); // the index of the first token not before the place
    for (size_t I = 0; I < Tokens.size(); ++I)
      if (Tokens[I].Begin >= Offset || I == K) {
        StmtEnd = I;
        break;
      }
    if (K < Tokens.size()) {
      const syntax::Token &T = Tokens[K];
      tok::Kind Kind = T.Kind;
      bool Closed = (Kind == tok::String || Kind == tok::TextBlock) && T.End == Offset;
      if ((Kind == tok::String || Kind == tok::TextBlock || Kind == tok::BadString ||
           Kind == tok::BadTextBlock) && !Closed) {
        inText(T);
        return;
      }
      if (Kind == tok::Comment)
        return;
      if (wordLike(Kind)) {
        ReplaceBegin = T.Begin;
        PrefixKind = Kind;
      } else {
        StmtEnd = K + 1; // punctuation before the place belongs to the statement
      }
    }
    Prefix = Text.slice(ReplaceBegin, Offset);
    context(StmtEnd);
    decide();
  }

  /// The blocks open before token \p End and the words of the statement up to it.
  void context(size_t End) {
    size_t Begin = 0;
    auto Words = [&](size_t From, size_t To) {
      std::vector<const syntax::Token *> W;
      for (size_t I = From; I < To; ++I)
        if (Tokens[I].Kind != tok::Comment)
          W.push_back(&Tokens[I]);
      return W;
    };
    for (size_t I = 0; I < End; ++I) {
      switch (Tokens[I].Kind) {
      case tok::Newline:
      case tok::Semi:
        Begin = I + 1;
        break;
      case tok::LBrace: {
        std::vector<const syntax::Token *> W = Words(Begin, I);
        Block Bl;
        if (!W.empty())
          Bl.Opener = W[0]->Kind;
        if (W.size() > 1)
          Bl.Second = W[1]->Kind;
        Stack.push_back(Bl);
        Begin = I + 1;
        break;
      }
      case tok::RBrace:
        if (!Stack.empty())
          Stack.pop_back();
        Begin = I + 1;
        break;
      default:
        break;
      }
    }
    Statement = Words(Begin, End);
  }

  tok::Kind word(size_t I) const { return I < Statement.size() ? Statement[I]->Kind : tok::EndOfFile; }
  StringRef wordText(size_t I) const {
    return I < Statement.size() ? Text.slice(Statement[I]->Begin, Statement[I]->End) : "";
  }
  tok::Kind opener() const { return Stack.empty() ? tok::EndOfFile : Stack.back().Opener; }

  void decide() {
    size_t N = Statement.size();
    tok::Kind First = word(0);
    // A unit being written after the digits of a quantity: 16村, 22.2万.
    if (PrefixKind == tok::Quantity) {
      StringRef Q = Prefix;
      size_t Digits = Q.find_if_not([](char C) { return isDigit(C) || C == '.' || C == ','; });
      if (Digits != StringRef::npos && Digits > 0) {
        ReplaceBegin += static_cast<uint32_t>(Digits);
        Prefix = Q.drop_front(Digits);
        units();
        return;
      }
    }
    if (N == 0) {
      switch (opener()) {
      case tok::KwBasic:
      case tok::KwProjectSpending:
        codes(/*Function=*/false, 5);
        keywords({tok::KwSource, tok::KwAmount});
        return;
      case tok::KwAmount:
        codes(false, 5);
        return;
      case tok::KwIncome:
        funds();
        keywords({tok::KwCarryover, tok::KwCarryforward});
        return;
      case tok::KwDeclare:
        if (Stack.back().Second == tok::KwFunction)
          return codes(true, 3);
        if (Stack.back().Second == tok::KwEconomic)
          return codes(false, 3);
        return;
      default:
        return keywords(statementKeywords(opener()));
      }
    }
    if (N == 1 && (First == tok::KwFunction || First == tok::KwBasic || First == tok::KwProjectSpending))
      return codes(true, 7);
    if (N == 1 && First == tok::KwEconomic)
      return codes(false, 5);
    if (N == 1 && opener() == tok::KwIncome && (First == tok::KwCarryover || First == tok::KwCarryforward))
      return funds();
    if (First == tok::KwAmount && N == 2 && (word(1) == tok::Number || word(1) == tok::Quantity)) {
      funds();
      return keywords({tok::KwCarryover});
    }
    if (First == tok::KwAmount && N == 3 && word(2) == tok::KwCarryover)
      return funds();
    if (First == tok::KwSource && N == 1) {
      funds();
      return keywords({tok::KwCarryover});
    }
    if (First == tok::KwSource && N == 2 && word(1) == tok::KwCarryover)
      return funds();
    if (First == tok::KwIndicator)
      return indicator();
    if (N == 1 && First == tok::Name && opener() == tok::KwBudget) {
      if (wordText(0) == "模板")
        return templates();
      if (wordText(0) == "金额单位")
        return units();
      if (wordText(0) == "框架")
        return frameworkNames();
    }
  }

  /// The clauses of an indicator after its name and value, in the one order the language
  /// takes them (BUD018 otherwise).
  static constexpr tok::Kind ClauseOrder[] = {tok::KwUnit,    tok::KwNature,  tok::KwWeight,
                                              tok::KwCore,    tok::KwContent, tok::KwScoring,
                                              tok::KwDesc,    tok::KwBasis};

  /// Inside an indicator (指标 [一级/二级] NAME [VALUE] [CLAUSES]): the path, a clause's value,
  /// or the clauses that may still come.
  void indicator() {
    size_t N = Statement.size();
    switch (word(N - 1)) { // a clause's value
    case tok::KwBasis:
      return citations();
    case tok::KwUnit:
      return measureUnits();
    case tok::KwNature:
      return natures();
    case tok::KwCore:
      return answers();
    case tok::KwWeight:  // a number
    case tok::KwContent: // texts
    case tok::KwScoring:
    case tok::KwDesc:
      return;
    default:
      break;
    }
    if (N == 1)
      return frameworks();
    if (N == 3 && word(1) == tok::Name && word(2) == tok::Slash) {
      ReplaceBegin = Statement[1]->Begin;
      Prefix = Text.slice(ReplaceBegin, Offset);
      return frameworks();
    }
    // The name comes after the path (一级/二级, as many levels as written), else first.
    size_t Name = 1;
    if (word(1) == tok::Name && word(2) == tok::Slash) {
      Name = 3;
      while (word(Name + 1) == tok::Slash)
        Name += 2;
      ++Name;
    }
    if (N <= Name)
      return; // the name is being written: anything
    // 单位 次/年: a compound unit goes on after '/'.
    if (word(N - 1) == tok::Slash && N >= 3 && word(N - 2) == tok::Name) {
      size_t I = N - 2;
      while (I >= 2 && word(I - 1) == tok::Slash && word(I - 2) == tok::Name)
        I -= 2;
      if (I >= 1 && word(I - 1) == tok::KwUnit)
        return measureUnits();
    }
    // The clauses after the last one written.
    size_t Next = 0;
    for (size_t I = Name + 1; I < N; ++I)
      for (size_t C = 0; C < std::size(ClauseOrder); ++C)
        if (word(I) == ClauseOrder[C])
          Next = std::max(Next, C + 1);
    keywords(ArrayRef<tok::Kind>(ClauseOrder).drop_front(Next));
  }

  /// The keywords that begin a statement in the block \p Opener opened (EndOfFile: the top
  /// level), after grammar/BudParser.g4; none in a block of attributes or library rows.
  static ArrayRef<tok::Kind> statementKeywords(tok::Kind Opener) {
    using namespace tok;
    static constexpr Kind Top[] = {
        KwBudget,      KwDepartment, KwUnit,        KwIncome,   KwBasic,    KwProjectSpending,
        KwProject,     KwBasis,      KwDeclare,     KwLastYear, KwSection,  KwGlossary,
        KwPerformance, KwProcurement, KwAssets,     KwInclude,  KwCatalogue, KwMeasures,
        KwFramework,   KwFunds,      KwTemplate,    KwFigures};
    static constexpr Kind Department[] = {KwUnit, KwNature};
    static constexpr Kind Unit[] = {KwIncome, KwBasic, KwProjectSpending, KwProject, KwDeclare, KwNature};
    static constexpr Kind Project[] = {KwFunction, KwEconomic, KwAmount, KwSchedule,
                                       KwGoal,     KwIndicator, KwNature};
    static constexpr Kind Goal[] = {KwIndicator};
    static constexpr Kind Performance[] = {KwSection, KwArea, KwGoal, KwIndicator};
    static constexpr Kind Area[] = {KwGoal, KwIndicator};
    switch (Opener) {
    case EndOfFile:
      return Top;
    case KwDepartment:
      return Department;
    case KwUnit:
      return Unit;
    case KwProject:
      return Project;
    case KwGoal:
      return Goal;
    case KwPerformance:
      return Performance;
    case KwArea:
      return Area;
    default:
      return {};
    }
  }

  //===--------------------------------------------------------------------===//
  // The items
  //===--------------------------------------------------------------------===//

  void add(std::string Label, unsigned Kind, std::string Detail, std::string Doc,
           std::string Insert, std::string Filter, std::string Sort) {
    if (Items.size() >= MaxItems) {
      Incomplete = true;
      return;
    }
    if (!Seen.insert(Label).second)
      return;
    Range R = Lines.range(ReplaceBegin, Offset);
    json::Object Item{
        {"label", Label},
        {"kind", Kind},
        {"sortText", Sort},
        {"filterText", Filter},
        {"textEdit",
         json::Object{{"range", json::Object{{"start", json::Object{{"line", R.Start.Line},
                                                                    {"character", R.Start.Character}}},
                                             {"end", json::Object{{"line", R.End.Line},
                                                                  {"character", R.End.Character}}}}},
                      {"newText", Insert}}},
    };
    if (!Detail.empty())
      Item["detail"] = Detail;
    if (!Doc.empty())
      Item["documentation"] = json::Object{{"kind", "markdown"}, {"value", Doc}};
    Items.push_back(std::move(Item));
  }

  /// How well \p Name matches the prefix: 0 its start, 1 inside it, -1 not at all.
  int match(StringRef Name) const {
    if (Prefix.empty() || Name.startswith(Prefix))
      return 0;
    if (Name.contains(Prefix))
      return 1;
    return -1;
  }

  /// Codes of \p Length digits of the function or the economic catalogue.
  void codes(bool Function, size_t Length) {
    if (!B)
      return;
    const model::Catalogue &Cat = Function ? B->Functions : B->Economics;
    bool ByCode = Prefix.empty() || isDigit(Prefix.front());
    std::string Detail = Function ? V.tr("function code", "功能科目") : V.tr("economic code", "经济科目");
    Detail += " " + std::to_string(Cat.Year);
    for (int Pass = 0; Pass < 2; ++Pass) // the names that start with the prefix first
      for (const auto &[Code, E] : Cat.Entries) {
        if (Code.size() != Length || E.Name.empty() || E.isRetiredIn(B->Year))
          continue;
        int M = ByCode ? (StringRef(Code).startswith(Prefix) ? 0 : -1) : match(E.Name);
        for (const std::string &A : E.Aliases)
          if (M != 0 && !ByCode && match(A) >= 0)
            M = match(A);
        if (M != Pass)
          continue;
        // The detail names the level above (the same name stands under many: 行政运行),
        // the documentation the whole chain.
        std::string Chain, Above;
        for (size_t Len : {3, 5})
          if (Len < Length)
            if (const model::CatalogueEntry *P = Cat.find(StringRef(Code).take_front(Len))) {
              Above = P->Code + " " + P->Name;
              Chain += (Chain.empty() ? "" : " › ") + Above;
            }
        // A name that only contains what was typed is offered with the typed text in front
        // of its filter text, for clients that keep only the items starting with it.
        add(Code + " " + E.Name, CkValue, Above.empty() ? Detail : Detail + " · " + Above, Chain,
            Code + " " + writtenName(E.Name),
            ByCode ? Code : (M == 0 ? E.Name : Prefix.str() + E.Name), std::to_string(Pass) + Code);
      }
  }

  void funds() {
    if (!B)
      return;
    for (const model::Fund *F : B->FundOrder) {
      if (match(F->Name) < 0)
        continue;
      add(F->Name, CkEnumMember, V.tr("fund source", "资金来源"), "", writtenName(F->Name),
          F->Name, std::to_string(Items.size() + 1000));
    }
  }

  /// The keywords \p Only, in that order, that start with what is typed (in Chinese, or in
  /// English: "wei" completes to 权重).
  void keywords(ArrayRef<tok::Kind> Only) {
    bool English = !Prefix.empty() && isAlpha(Prefix.front());
    for (size_t I = 0; I < Only.size(); ++I) {
      tok::Kind K = Only[I];
      StringRef Zh = syntax::spelling(K), En = syntax::englishSpelling(K);
      if (English ? !En.startswith_insensitive(Prefix) : match(Zh) != 0)
        continue;
      add(Zh.str(), CkKeyword, En.str(), "", Zh.str(), English ? En.str() : Zh.str(),
          "9" + std::to_string(1000 + I));
    }
  }

  /// A closed set of words: the Chinese word, its English filter word and what it means.
  struct Word {
    const char *Zh, *En, *MeaningEn, *MeaningZh;
  };
  void words(ArrayRef<Word> Ws, const char *DetailEn, const char *DetailZh) {
    bool English = !Prefix.empty() && isAlpha(Prefix.front());
    for (size_t I = 0; I < Ws.size(); ++I) {
      const Word &W = Ws[I];
      if (English ? !StringRef(W.En).startswith_insensitive(Prefix) : match(W.Zh) != 0)
        continue;
      add(W.Zh, CkEnumMember, std::string(V.tr(DetailEn, DetailZh)) + " · " + V.tr(W.MeaningEn, W.MeaningZh),
          "", W.Zh, English ? W.En : W.Zh, std::to_string(1000 + I));
    }
  }

  /// After 性质: the 指标性质 and 指标值类型 budc reads (model::natureFromWord).
  void natures() {
    static const Word Natures[] = {
        {"≥", ">=", "at least", "大于等于"},
        {"≤", "<=", "at most", "小于等于"},
        {"=", "=", "exactly", "等于"},
        {">", ">", "more than", "大于"},
        {"<", "<", "less than", "小于"},
        {"≠", "!=", "not", "不等于"},
        {"定量", "quantitative", "quantitative", "定量指标"},
        {"定性", "qualitative", "qualitative", "定性指标"},
        {"正向", "positive", "more is better", "越大越好"},
        {"反向", "negative", "less is better", "越小越好"},
    };
    words(Natures, "nature", "指标性质");
  }

  /// After 核心: 是 or 否.
  void answers() {
    static const Word Answers[] = {{"是", "yes", "a core indicator", "核心指标"},
                                   {"否", "no", "not a core indicator", "非核心指标"}};
    words(Answers, "core", "是否核心指标");
  }

  void frameworks() {
    if (!B)
      return;
    auto Short = [](StringRef Level) {
      Level.consume_back("指标");
      return Level.str();
    };
    for (const model::Framework &F : B->Frameworks)
      for (const model::FrameworkLevel &L : F.Levels) {
        std::string Path = Short(L.Level1) + "/" + Short(L.Level2);
        if (match(Path) < 0 && match(L.Level1 + "/" + L.Level2) < 0)
          continue;
        std::vector<std::string> Kinds;
        for (model::ValueKind K : L.Kinds)
          Kinds.push_back(V.Language == Lang::Zh ? model::kindWord(K).str() : model::kindWordEn(K).str());
        add(Path, CkEnumMember, L.Level1 + " › " + L.Level2,
            std::string(V.tr("Values: ", "指标值：")) + join(Kinds, V.tr(", ", "、")) +
                " (" + F.Name + ")",
            Path, Path, std::to_string(Items.size() + 1000));
      }
  }

  /// After the header's 框架: the frameworks of the standard library and the workspace.
  void frameworkNames() {
    if (!B)
      return;
    for (const model::Framework &F : B->Frameworks) {
      if (match(F.Name) < 0)
        continue;
      std::string Doc;
      for (const model::FrameworkLevel &L : F.Levels)
        if (Doc.find(L.Level1) == std::string::npos)
          Doc += (Doc.empty() ? "" : V.tr(", ", "、")) + L.Level1;
      add(F.Name, CkEnumMember, V.tr("indicator framework", "绩效指标框架"),
          Doc.empty() ? V.tr("a flat list (no 一级/二级)", "不分级（没有一级/二级）") : Doc,
          writtenName(F.Name), F.Name, std::to_string(Items.size() + 1000));
    }
  }

  void citations() {
    for (const ast::File *F : V.C.WS.Files)
      for (const ast::Node *N : F->Items)
        if (auto *C = dyn_cast<ast::Citation>(N); C && match(C->Name.Value) >= 0)
          add(C->Name.Value.str(), CkReference, V.tr("citation", "依据"), C->Document.Value.str(),
              writtenName(C->Name.Value), C->Name.Value.str(), C->Name.Value.str());
  }

  void units() {
    if (!B)
      return;
    std::vector<std::string> Names = B->Units.names();
    std::sort(Names.begin(), Names.end());
    for (const std::string &U : Names)
      if (StringRef(U).startswith(Prefix))
        add(U, CkUnit, V.tr("unit of measure", "计量单位"), "", U, U, U);
  }

  /// After an indicator's 单位: the units of the 计量单位表 (the workspace's and the standard
  /// library's) in their tables' order (money, counts, …), those named in Chinese characters
  /// before signs (%, ㎡), quoted where the lexer would not read them as a name.
  void measureUnits() {
    if (!B)
      return;
    // Names in CJK ideographs (U+4E00–U+9FFF: lead bytes E4–E9) first, then in ASCII (%, GB),
    // then the other signs (‰, ℃, ㎡); the workspace's own before the standard library's.
    auto Sign = [&](const model::UnitDef &D) {
      unsigned char C = D.Name.empty() ? 0 : static_cast<unsigned char>(D.Name.front());
      int Group = C >= 0xE4 && C <= 0xE9 ? 0 : C < 0x80 ? 1 : 2;
      bool Stdlib = V.ModelSM && D.Where.isValid() && D.Where.File <= V.ModelSM->size() &&
                    V.ModelSM->getPath(D.Where.File).startswith("<stdlib>/");
      return 2 * Group + Stdlib;
    };
    std::vector<const model::UnitDef *> Defs;
    for (const std::string &U : B->Units.names())
      if (const model::UnitDef *D = B->Units.find(U); D && StringRef(U).startswith(Prefix))
        Defs.push_back(D);
    auto Key = [&](const model::UnitDef *D) {
      return std::make_tuple(Sign(*D), D->Where.File, D->Where.Begin, StringRef(D->Name));
    };
    std::sort(Defs.begin(), Defs.end(),
              [&](const model::UnitDef *X, const model::UnitDef *Y) { return Key(X) < Key(Y); });
    for (size_t I = 0; I < Defs.size(); ++I) {
      const model::UnitDef &D = *Defs[I];
      std::string Detail = std::string(V.tr("unit of measure", "计量单位")) + " · " +
                           model::dimensionWord(D.Dim).str();
      if (!D.Base.empty())
        Detail += " · 1" + D.Name + " = " + D.Factor.toString() + D.Base;
      add(D.Name, CkUnit, Detail, "", writtenName(D.Name), D.Name, std::to_string(1000 + I));
    }
  }

  void templates() {
    if (!B)
      return;
    for (const model::Template &T : B->Templates)
      if (match(T.Name) >= 0)
        add(T.Name, CkFile, V.tr("table template", "表样"), "", writtenName(T.Name), T.Name, T.Name);
  }

  /// Inside a string or a text block: figure names after an open '{'.
  void inText(const syntax::Token &T) {
    StringRef S = Text.slice(T.Begin, Offset);
    size_t Open = StringRef::npos;
    for (size_t I = 0; I < S.size(); ++I) {
      if ((S[I] == '{' || S[I] == '}') && I + 1 < S.size() && S[I + 1] == S[I]) {
        ++I; // {{ and }} are literal braces
        continue;
      }
      if (S[I] == '{')
        Open = I;
      else if (S[I] == '}')
        Open = StringRef::npos;
    }
    if (Open == StringRef::npos)
      return;
    StringRef Typed = S.drop_front(Open + 1);
    StringRef Trimmed = Typed.ltrim(" \t");
    ReplaceBegin = T.Begin + static_cast<uint32_t>(Open + 1 + Typed.size() - Trimmed.size());
    Prefix = Trimmed;
    bool Closed = Text.drop_front(Offset).ltrim(" \t").startswith("}");
    auto Figure = [&](const std::string &Name, const char *En, const char *Zh) {
      if (match(Name) >= 0)
        add(Name, CkConstant, V.tr(En, Zh), "", Closed ? Name : Name + "}", Name,
            std::to_string(Items.size() + 1000));
    };
    if (B) {
      std::vector<const model::Declared *> Work;
      for (const model::Declared &D : B->DeclaredFigures)
        Work.push_back(&D);
      for (size_t I = 0; I < Work.size(); ++I) {
        Figure(join(Work[I]->Key, "/"), "declared figure", "声明的数字");
        for (const model::Declared &C : Work[I]->Children)
          Work.push_back(&C);
      }
    }
    for (const ast::File *F : V.C.WS.Files)
      for (const ast::Node *N : F->Items)
        if (auto *L = dyn_cast<ast::Library>(N); L && L->What == ast::Library::Figures)
          for (const ast::Attr *A : L->Rows)
            Figure(A->Key.Value.str(), "named figure", "口径");
    for (const std::string &Name : stdlibFigureNames())
      Figure(Name, "named figure", "口径");
  }

  const View &V;
  const model::Budget *B;
  const LineTable &Lines;
  StringRef Text;
  uint32_t Offset;
  std::vector<syntax::Token> Tokens;
  std::vector<Block> Stack;
  std::vector<const syntax::Token *> Statement;
  uint32_t ReplaceBegin = 0;
  StringRef Prefix;
  tok::Kind PrefixKind = tok::EndOfFile;
  json::Array Items;
  StringSet<> Seen;
  bool Incomplete = false;
};

} // namespace

json::Value complete(const View &V, const LineTable &Lines, uint32_t Offset) {
  return Completer(V, Lines, Offset).run();
}

} // namespace budc::lsp

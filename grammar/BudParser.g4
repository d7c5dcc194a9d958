// BudParser.g4 — syntax of the .bud budget language. Syntax only, no actions.
//
// Line structure: statements are separated by line breaks (NL) or ';'. Every list of
// statements has the shape  item? ( ( NL | SEMI ) item? )*  so two statements on one line
// need a ';' between them ("one fact per line"; BUD014 otherwise), and error recovery can skip
// one bad line and go on inside the same block. A block's '{' stands on the line of its header.
//
// The grammar is LL(1): every decision is taken on the next token alone, so ANTLR generates
// plain switches and the parser never runs its prediction machinery (the build checks it:
// tests/lexer/tokens_test.py looks for adaptivePredict in the generated parser).
//
// Statements that are one line of tokens (indicators, a project's 功能科目/金额/支出计划 lines)
// are rules of tokens: their tokens are written out in place instead of in sub-rules, because
// every rule invocation costs a context object and half of a budget's lines are indicators.
// The AST builder (compiler/syntax/builder.cpp) reads such a rule's tokens in order.
parser grammar BudParser;

options { tokenVocab = BudLexer; }

file : topStmt? ( ( NL | SEMI ) topStmt? )* EOF ;

topStmt
    : includeStmt
    | budgetDecl
    | departmentDecl
    | unitDecl
    | incomeBlock
    | basicBlock
    | projectSpendingBlock
    | projectDecl
    | citationDecl
    | declareStmt
    | lastYearStmt
    | publishedDecl
    | sectionStmt
    | glossaryBlock
    | performanceBlock
    | procurementBlock
    | assetsBlock
    | libraryDecl
    ;

// ---- workspace -------------------------------------------------------------------------
includeStmt : KW_INCLUDE STRING ;

// ---- header, department, units ---------------------------------------------------------
budgetDecl     : KW_BUDGET NUMBER attrBlock? ;
departmentDecl : KW_DEPARTMENT NUMBER? name LBRACE deptBody RBRACE ;
deptBody       : deptItem? ( ( NL | SEMI ) deptItem? )* ;
deptItem       : unitDecl | attr ;

unitDecl : KW_UNIT NUMBER? name ( LBRACE unitBody RBRACE )? ;
unitBody : unitItem? ( ( NL | SEMI ) unitItem? )* ;
unitItem : incomeBlock | basicBlock | projectSpendingBlock | projectDecl | declareStmt | attr ;

// ---- generic attributes: key value… { … } ----------------------------------------------
attrBlock : LBRACE attrBody RBRACE ;
attrBody  : attr? ( ( NL | SEMI ) attr? )* ;
// 性质 is a keyword (an indicator's 指标性质) that is also the key of a unit's 性质 行政.
attr      : ( name | KW_NATURE ) value* attrBlock? ;
value     : NAME | STRING | TEXT_BLOCK | DATE | CODE | quantity | tag ;
// A tag marks an entry of a catalogue or table: [政府性基金]  [别名 "…"]  [三公 公务接待费]
tag       : LBRACK name value* RBRACK ;

// ---- money ------------------------------------------------------------------------------
incomeBlock : KW_INCOME LBRACE incomeBody RBRACE ;
incomeBody  : incomeLine? ( ( NL | SEMI ) incomeLine? )* ;
// [上年结转 | 结转下年] fund amount: income of this year, carried over from last year, or kept
// for next year (年终结转结余).
incomeLine  : ( KW_CARRYOVER | KW_CARRYFORWARD )? name amount ;

// Without a function code, the block gives basic expenditure by economic code only.
basicBlock : KW_BASIC ( NUMBER name? )? LBRACE basicBody RBRACE ;
// Project expenditure a document gives by function and economic code only, not by project.
projectSpendingBlock : KW_PROJECTSPENDING ( NUMBER name? )? LBRACE basicBody RBRACE ;
basicBody  : basicItem? ( ( NL | SEMI ) basicItem? )* ;
// (a 金额 line in a block with a function code is money given by function only, without an
// economic code)
basicItem  : basicLine | sourceStmt | blockAmountStmt ;
// economic code [name] amount [tags]: [人员经费] or [公用经费] overrides the economic 类's class.
basicLine  : NUMBER name? amount tag* ;
sourceStmt : KW_SOURCE KW_CARRYOVER? name ;

amount     : MINUS? ( NUMBER | QUANTITY ) ;
quantity   : comparator? MINUS? ( NUMBER | QUANTITY ) ;
comparator : GE | LE | NE | EQ | GT | LT ;

// ---- projects ---------------------------------------------------------------------------
projectDecl : KW_PROJECT ( CODE | NUMBER )? name LBRACE projectBody RBRACE ;
projectBody : projectItem? ( ( NL | SEMI ) projectItem? )* ;
projectItem
    : functionStmt
    | economicStmt
    | amountStmt
    | scheduleStmt
    | goalStmt
    | indicatorStmt
    | attr
    ;
// Rules of tokens: 功能科目 CODE [NAME], 经济科目 CODE [NAME], 金额 [-]AMOUNT [上年结转] FUND
// (and its split by economic 款), 支出计划 (MONTH SHARE)+.
functionStmt : KW_FUNCTION NUMBER ( NAME | STRING )? ;
economicStmt : KW_ECONOMIC NUMBER ( NAME | STRING )? ;
// An amount may be split by economic 款 in a block of basic lines (its sum is the amount).
amountStmt   : KW_AMOUNT MINUS? ( NUMBER | QUANTITY ) KW_CARRYOVER? ( NAME | STRING )
               ( LBRACE splitBody RBRACE )? ;
// In a 基本支出 or 项目支出 block the fund may be left to the block's 来源, and a tag
// ([人员经费] / [公用经费]) gives the cost class of basic money given by function only.
blockAmountStmt : KW_AMOUNT MINUS? ( NUMBER | QUANTITY ) KW_CARRYOVER? ( NAME | STRING )? tag* ;
splitBody    : basicLine? ( ( NL | SEMI ) basicLine? )* ;
scheduleStmt : KW_SCHEDULE ( QUANTITY QUANTITY )+ ;

goalStmt : KW_GOAL ( STRING | TEXT_BLOCK ) ( LBRACE goalBody RBRACE )? ;
goalBody : indicatorStmt? ( ( NL | SEMI ) indicatorStmt? )* ;

// 指标 产出/数量 保障经费村数 = 16村 权重 10 描述 "…" 依据 冀组发14
// A rule of tokens: the path and the name (a first NAME followed by '/' starts the path
// 一级/二级, else it is the name), the value (a quantity or a date with an optional
// comparator, a text or a word), then the columns of a published indicator table as clauses:
// 单位 (计量单位; a comparator is accepted so that swapped columns can be written as published
// and reported), 性质 (指标性质 or 指标值类型: a comparator or a word), 权重 (指标权重 or 分值),
// 核心 (是否核心指标), 内容 (指标值内容), 评分 (评（扣）分标准), 描述 and 依据. One loop takes
// them (a single decision for an indicator without them); the AST builder holds them to this
// order, each at most once (BUD018).
indicatorStmt
    : KW_INDICATOR ( NAME ( ( SLASH NAME )+ ( NAME | STRING ) )? | STRING )
      ( ( GE | LE | NE | EQ | GT | LT )? ( MINUS? ( NUMBER | QUANTITY ) | DATE ) | STRING | NAME )?
      ( KW_UNIT ( NAME ( SLASH NAME )* | STRING | GE | LE | NE | EQ | GT | LT )
      | KW_NATURE ( GE | LE | NE | EQ | GT | LT | NAME | STRING )
      | KW_WEIGHT ( NUMBER | QUANTITY )
      | KW_CORE ( NAME | STRING )
      | KW_CONTENT ( STRING | TEXT_BLOCK )
      | KW_SCORING ( STRING | TEXT_BLOCK )
      | KW_DESC ( STRING | TEXT_BLOCK )
      | KW_BASIS ( NAME | STRING )
      )*
    ;

// ---- citations, declared figures, narrative ---------------------------------------------
citationDecl : KW_BASIS NAME EQ text ;

declareStmt : KW_DECLARE declareKey amount? ( LBRACE declareBody RBRACE )? ;
declareBody : declareItem? ( ( NL | SEMI ) declareItem? )* ;
declareItem : declareKey amount? ( LBRACE declareBody RBRACE )? ;
declareKey  : keyPart ( SLASH keyPart )* ;
keyPart     : NAME | NUMBER | STRING | nounKeyword ;
// Keywords that are also nouns a declared figure can be named by: 声明 功能科目 { 201 … }.
nounKeyword : KW_FUNCTION | KW_ECONOMIC | KW_BASIC | KW_PROJECT | KW_INCOME | KW_UNIT
            | KW_DEPARTMENT | KW_BUDGET | KW_CARRYOVER | KW_AMOUNT | KW_SCHEDULE | KW_GOAL
            | KW_INDICATOR | KW_DESC | KW_BASIS | KW_PERFORMANCE | KW_AREA | KW_PROCUREMENT
            | KW_ASSETS | KW_SECTION | KW_GLOSSARY | KW_CARRYFORWARD | KW_PROJECTSPENDING
            | KW_NATURE | KW_WEIGHT | KW_CORE | KW_CONTENT | KW_SCORING | KW_LASTYEAR ;

// Last year's figures: 上年 2025 "../2025" (last year's workspace) and/or a block of the
// figures last year's document states, in the form of a 声明 block.
lastYearStmt : KW_LASTYEAR NUMBER STRING? ( LBRACE declareBody RBRACE )? ;

// A published table as printed, one line per printed row, its cells in printed order: texts
// (quoted, or bare words), amounts as printed (26,054,663  10.80  -27.07  2,616万元), '-' for a
// dash, "" for a blank cell. Named by the 标号 or the title of a table of the budget's template,
// or by its number: 公开表 表1 { … }  公开表 "2026年预算单位财务收支预算总表" { … }  公开表 9 { … }.
// The AST builder joins a '-' written directly before a number into a negative amount.
publishedDecl : KW_PUBLISHED ( name | NUMBER ) LBRACE publishedBody RBRACE ;
publishedBody : publishedRow? ( ( NL | SEMI ) publishedRow? )* ;
publishedRow  : ( STRING | NAME | NUMBER | QUANTITY | CODE | MINUS | nounKeyword )+ ;

sectionStmt   : KW_SECTION name text ;
glossaryBlock : KW_GLOSSARY LBRACE glossaryBody RBRACE ;
glossaryBody  : glossaryEntry? ( ( NL | SEMI ) glossaryEntry? )* ;
glossaryEntry : ( name | nounKeyword ) text ;

performanceBlock : KW_PERFORMANCE LBRACE performanceBody RBRACE ;
performanceBody  : performanceItem? ( ( NL | SEMI ) performanceItem? )* ;
performanceItem  : sectionStmt | areaBlock | goalStmt | indicatorStmt ;
areaBlock        : KW_AREA name LBRACE areaBody RBRACE ;
areaBody         : areaItem? ( ( NL | SEMI ) areaItem? )* ;
areaItem         : goalStmt | indicatorStmt ;

procurementBlock : KW_PROCUREMENT attrBlock ;
assetsBlock      : KW_ASSETS attrBlock ;

// ---- standard library declarations --------------------------------------------------------
// 科目表 功能科目 2024 { 201 一般公共服务支出 { 20101 人大事务 { 2010101 行政运行 } } }
// 计量单位表 { 万元 金额 10000 元 }   指标框架 三级 { 产出指标 { 数量指标 计数 度量 百分比 } }
// 资金来源表 { 一般公共预算拨款 [财政拨款] [一般公共预算] }
libraryDecl
    : KW_CATALOGUE ( KW_FUNCTION | KW_ECONOMIC ) NUMBER libraryBlock
    | KW_MEASURES libraryBlock
    | KW_FRAMEWORK name libraryBlock
    | KW_FUNDS libraryBlock
    | KW_TEMPLATE name libraryBlock
    | KW_FIGURES libraryBlock
    ;
// Rows of a library may be keyed by a code, and inside them keywords are nouns: a table
// template names 功能科目 and 项目 columns.
libraryBlock : LBRACE libraryBody RBRACE ;
libraryBody  : libraryRow? ( ( NL | SEMI ) libraryRow? )* ;
libraryRow   : ( name | NUMBER | nounKeyword ) libraryValue* libraryBlock? ;
libraryValue : value | nounKeyword ;

// ---- words ------------------------------------------------------------------------------
name : NAME | STRING ;
text : STRING | TEXT_BLOCK ;

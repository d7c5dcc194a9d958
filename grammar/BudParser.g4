// BudParser.g4 — syntax of the .bud budget language. Syntax only, no actions.
//
// Line structure: statements are separated by line breaks (NL) or ';'. Every list of
// statements has the shape  (stmt | sep)*  which is LL(1) and lets error recovery skip one
// bad line and go on inside the same block. That two statements stand on one line without
// ';' between them is reported by the AST builder (BUD014), keeping "one fact per line".
// A block's '{' stands on the line of its header.
parser grammar BudParser;

options { tokenVocab = BudLexer; }

file : ( topStmt | sep )* EOF ;

sep : NL | SEMI ;

topStmt
    : includeStmt
    | budgetDecl
    | departmentDecl
    | unitDecl
    | incomeBlock
    | basicBlock
    | projectDecl
    | citationDecl
    | declareStmt
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
deptBody : ( deptItem | sep )* ;
deptItem       : unitDecl | attr ;

unitDecl : KW_UNIT NUMBER? name LBRACE unitBody RBRACE ;
unitBody : ( unitItem | sep )* ;
unitItem : incomeBlock | basicBlock | projectDecl | declareStmt | attr ;

// ---- generic attributes: key value… { … } ----------------------------------------------
attrBlock : LBRACE attrBody RBRACE ;
attrBody : ( attr | sep )* ;
attr      : name value* attrBlock? ;
value     : NAME | STRING | TEXT_BLOCK | DATE | CODE | quantity | tag ;
// A tag marks an entry of a catalogue or table: [政府性基金]  [别名 "…"]  [三公 公务接待费]
tag       : LBRACK name value* RBRACK ;

// ---- money ------------------------------------------------------------------------------
incomeBlock : KW_INCOME LBRACE incomeBody RBRACE ;
incomeBody : ( incomeLine | sep )* ;
incomeLine  : KW_CARRYOVER? name amount ;

basicBlock : KW_BASIC NUMBER name? LBRACE basicBody RBRACE ;
basicBody : ( basicItem | sep )* ;
basicItem  : basicLine | sourceStmt ;
basicLine  : NUMBER name? amount ;
sourceStmt : KW_SOURCE KW_CARRYOVER? name ;

amount   : MINUS? ( NUMBER | QUANTITY ) ;
quantity : comparator? MINUS? ( NUMBER | QUANTITY ) ;
comparator : GE | LE | NE | EQ | GT | LT ;

// ---- projects ---------------------------------------------------------------------------
projectDecl : KW_PROJECT ( CODE | NUMBER )? name LBRACE projectBody RBRACE ;
projectBody : ( projectItem | sep )* ;
projectItem
    : functionStmt
    | economicStmt
    | amountStmt
    | scheduleStmt
    | goalStmt
    | indicatorStmt
    | attr
    ;
functionStmt : KW_FUNCTION NUMBER name? ;
economicStmt : KW_ECONOMIC NUMBER name? ;
amountStmt   : KW_AMOUNT amount KW_CARRYOVER? name ;
scheduleStmt : KW_SCHEDULE schedulePoint+ ;
schedulePoint : QUANTITY QUANTITY ;

goalStmt : KW_GOAL text ( LBRACE goalBody RBRACE )? ;
goalBody : ( indicatorStmt | sep )* ;

// 指标 产出/数量 保障经费村数 = 16村 描述 "…" 依据 冀组发14
indicatorStmt  : KW_INDICATOR indicatorPath? name indicatorValue? descClause? basisClause? ;
indicatorPath  : NAME SLASH NAME ( SLASH NAME )* ;
indicatorValue : quantity | DATE | comparator DATE | STRING | NAME ;
descClause     : KW_DESC text ;
basisClause    : KW_BASIS ( NAME | STRING ) ;

// ---- citations, declared figures, narrative ---------------------------------------------
citationDecl : KW_BASIS NAME EQ text ;

declareStmt : KW_DECLARE declareKey amount? ( LBRACE declareBody RBRACE )? ;
declareBody : ( declareItem | sep )* ;
declareItem : declareKey amount? ( LBRACE declareBody RBRACE )? ;
declareKey  : keyPart ( SLASH keyPart )* ;
keyPart     : NAME | NUMBER | STRING | nounKeyword ;
// Keywords that are also nouns a declared figure can be named by: 声明 功能科目 { 201 … }.
nounKeyword : KW_FUNCTION | KW_ECONOMIC | KW_BASIC | KW_PROJECT | KW_INCOME | KW_UNIT
            | KW_DEPARTMENT | KW_BUDGET | KW_CARRYOVER | KW_AMOUNT | KW_SCHEDULE | KW_GOAL
            | KW_INDICATOR | KW_DESC | KW_BASIS | KW_PERFORMANCE | KW_AREA | KW_PROCUREMENT
            | KW_ASSETS | KW_SECTION | KW_GLOSSARY ;

sectionStmt   : KW_SECTION name text ;
glossaryBlock : KW_GLOSSARY LBRACE glossaryBody RBRACE ;
glossaryBody : ( glossaryEntry | sep )* ;
glossaryEntry : ( name | nounKeyword ) text ;

performanceBlock : KW_PERFORMANCE LBRACE performanceBody RBRACE ;
performanceBody : ( performanceItem | sep )* ;
performanceItem  : sectionStmt | areaBlock | goalStmt | indicatorStmt ;
areaBlock        : KW_AREA name LBRACE areaBody RBRACE ;
areaBody : ( areaItem | sep )* ;
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
    ;
// Rows of a library may be keyed by a code. They have their own rule so that a row starting
// with a number cannot make an amount optional elsewhere (the lists are (item | sep)*).
libraryBlock : LBRACE libraryBody RBRACE ;
libraryBody  : ( libraryRow | sep )* ;
libraryRow   : ( name | NUMBER | nounKeyword ) libraryValue* libraryBlock? ;
// Inside library rows keywords are nouns: a table template names 功能科目 and 项目 columns.
libraryValue : value | nounKeyword ;

// ---- words ------------------------------------------------------------------------------
name : NAME | STRING ;
text : STRING | TEXT_BLOCK ;

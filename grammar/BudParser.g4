// BudParser.g4 — syntax of the .bud budget language. Syntax only, no actions.
//
// Line structure: statements are separated by line breaks (NL) or ';'. Every list of
// statements has the shape  (stmt | NL | SEMI)*  which is LL(1) and lets error recovery skip
// one bad line and go on inside the same block. That two statements stand on one line without
// ';' between them is reported by the AST builder (BUD014), keeping "one fact per line".
// A block's '{' stands on the line of its header.
parser grammar BudParser;

options { tokenVocab = BudLexer; }

// Separators and the statements of the most frequent lists are written out in place rather
// than as rules of their own: every rule invocation costs the runtime a context object, two
// virtual calls and a dynamic_cast, and a province's budgets hold millions of lines.
file : ( topStmt | NL | SEMI )* EOF ;

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
deptBody : ( deptItem | NL | SEMI )* ;
deptItem       : unitDecl | attr ;

unitDecl : KW_UNIT NUMBER? name LBRACE unitBody RBRACE ;
unitBody : ( incomeBlock | basicBlock | projectDecl | declareStmt | attr | NL | SEMI )* ;

// ---- generic attributes: key value… { … } ----------------------------------------------
attrBlock : LBRACE attrBody RBRACE ;
attrBody : ( attr | NL | SEMI )* ;
attr      : name value* attrBlock? ;
value     : NAME | STRING | TEXT_BLOCK | DATE | CODE | quantity | tag ;
// A tag marks an entry of a catalogue or table: [政府性基金]  [别名 "…"]  [三公 公务接待费]
tag       : LBRACK name value* RBRACK ;

// ---- money ------------------------------------------------------------------------------
incomeBlock : KW_INCOME LBRACE incomeBody RBRACE ;
incomeBody : ( incomeLine | NL | SEMI )* ;
incomeLine  : KW_CARRYOVER? name amount ;

basicBlock : KW_BASIC NUMBER name? LBRACE basicBody RBRACE ;
basicBody : ( basicLine | sourceStmt | NL | SEMI )* ;
basicLine  : NUMBER name? amount ;
sourceStmt : KW_SOURCE KW_CARRYOVER? name ;

amount   : MINUS? ( NUMBER | QUANTITY ) ;
quantity : comparator? MINUS? ( NUMBER | QUANTITY ) ;
comparator : GE | LE | NE | EQ | GT | LT ;

// ---- projects ---------------------------------------------------------------------------
projectDecl : KW_PROJECT ( CODE | NUMBER )? name LBRACE projectBody RBRACE ;
projectBody
    : ( functionStmt
      | economicStmt
      | amountStmt
      | scheduleStmt
      | goalStmt
      | indicatorStmt
      | attr
      | NL | SEMI
      )* ;
// A project's lines are rules of tokens too (name, text and amount written out in place).
functionStmt : KW_FUNCTION NUMBER ( NAME | STRING )? ;
economicStmt : KW_ECONOMIC NUMBER ( NAME | STRING )? ;
amountStmt   : KW_AMOUNT MINUS? ( NUMBER | QUANTITY ) KW_CARRYOVER? ( NAME | STRING ) ;
scheduleStmt : KW_SCHEDULE ( QUANTITY QUANTITY )+ ;  // month, share

goalStmt : KW_GOAL ( STRING | TEXT_BLOCK ) ( LBRACE goalBody RBRACE )? ;
goalBody : ( indicatorStmt | NL | SEMI )* ;

// 指标 产出/数量 保障经费村数 = 16村 描述 "…" 依据 冀组发14
// One rule for the whole line (half of a budget's lines are indicators): path, name, value
// (a quantity, a date with an optional comparator, a text or a word), 描述 and 依据.
indicatorStmt
    : KW_INDICATOR ( NAME SLASH NAME ( SLASH NAME )* )? ( NAME | STRING )
      ( ( GE | LE | NE | EQ | GT | LT )? ( MINUS? ( NUMBER | QUANTITY ) | DATE ) | STRING | NAME )?
      ( KW_DESC ( STRING | TEXT_BLOCK ) )?
      ( KW_BASIS ( NAME | STRING ) )?
    ;

// ---- citations, declared figures, narrative ---------------------------------------------
citationDecl : KW_BASIS NAME EQ text ;

declareStmt : KW_DECLARE declareKey amount? ( LBRACE declareBody RBRACE )? ;
declareBody : ( declareItem | NL | SEMI )* ;
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
glossaryBody : ( glossaryEntry | NL | SEMI )* ;
glossaryEntry : ( name | nounKeyword ) text ;

performanceBlock : KW_PERFORMANCE LBRACE performanceBody RBRACE ;
performanceBody : ( performanceItem | NL | SEMI )* ;
performanceItem  : sectionStmt | areaBlock | goalStmt | indicatorStmt ;
areaBlock        : KW_AREA name LBRACE areaBody RBRACE ;
areaBody : ( areaItem | NL | SEMI )* ;
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
// with a number cannot make an amount optional elsewhere (the lists are (item | NL | SEMI)*).
libraryBlock : LBRACE libraryBody RBRACE ;
libraryBody  : ( libraryRow | NL | SEMI )* ;
libraryRow   : ( name | NUMBER | nounKeyword ) libraryValue* libraryBlock? ;
// Inside library rows keywords are nouns: a table template names 功能科目 and 项目 columns.
libraryValue : value | nounKeyword ;

// ---- words ------------------------------------------------------------------------------
name : NAME | STRING ;
text : STRING | TEXT_BLOCK ;

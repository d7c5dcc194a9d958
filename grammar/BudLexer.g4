// BudLexer.g4 — tokens of the .bud budget language. Syntax only, no actions.
//
// This grammar is the specification of the tokens. budc does not run the lexer ANTLR
// generates from it: compiler/syntax/lexer.cpp is a lexer written for this language over
// UTF-8 bytes, and the differential test (tests/lexer/, `budc-lexdiff`) runs both on every .bud
// file of the repository and on fuzzed input and requires the same kinds and texts. The
// parser (BudParser.g4) takes its token vocabulary from here; the token kinds, their order and
// the keywords' spellings are listed once more in compiler/syntax/tokens.def, and the build
// checks that the two agree (compiler/syntax/token_stream.cpp, tests/lexer/tokens_test.py).
//
// Longest match, and among rules matching the same length the first: a keyword is matched
// only as a whole word (项目支出 and 单位资金 are names), and a word spelled exactly like a
// keyword is that keyword.
lexer grammar BudLexer;

// ---- keywords: the English alias, then the Chinese spelling ----------------------------
KW_INCLUDE     : 'include'     | '引入' ;
KW_BUDGET      : 'budget'      | '预算' ;
KW_DEPARTMENT  : 'department'  | '部门' ;
KW_UNIT        : 'unit'        | '单位' ;
KW_INCOME      : 'income'      | '收入' ;
KW_CARRYOVER   : 'carryover'   | '上年结转' ;
KW_BASIC       : 'basic'       | '基本支出' ;
KW_SOURCE      : 'source'      | '来源' ;
KW_PROJECT     : 'project'     | '项目' ;
KW_FUNCTION    : 'function'    | '功能科目' ;
KW_ECONOMIC    : 'economic'    | '经济科目' ;
KW_AMOUNT      : 'amount'      | '金额' ;
KW_SCHEDULE    : 'schedule'    | '支出计划' ;
KW_GOAL        : 'goal'        | '目标' ;
KW_INDICATOR   : 'indicator'   | '指标' ;
KW_DESC        : 'desc'        | '描述' ;
KW_BASIS       : 'basis'       | '依据' ;
// The columns of a published indicator table after its value: 指标性质, 指标权重 or 分值,
// 是否核心指标, 指标值内容, 评（扣）分标准 (the 计量单位 is KW_UNIT).
KW_NATURE      : 'nature'      | '性质' ;
KW_WEIGHT      : 'weight'      | '权重' ;
KW_CORE        : 'core'        | '核心' ;
KW_CONTENT     : 'content'     | '内容' ;
KW_SCORING     : 'scoring'     | '评分' ;
KW_DECLARE     : 'declare'     | '声明' ;
KW_SECTION     : 'section'     | '说明' ;
KW_GLOSSARY    : 'glossary'    | '名词解释' ;
KW_PERFORMANCE : 'performance' | '整体绩效' ;
KW_AREA        : 'area'        | '分项' ;
KW_PROCUREMENT : 'procurement' | '政府采购' ;
KW_ASSETS      : 'assets'      | '国有资产' ;
// Declarations of the standard library (and of a workspace's additions to it).
KW_CATALOGUE   : 'catalogue'   | '科目表' ;
KW_MEASURES    : 'measures'    | '计量单位表' ;
KW_FRAMEWORK   : 'framework'   | '指标框架' ;
KW_FUNDS       : 'funds'       | '资金来源表' ;
KW_TEMPLATE    : 'template'    | '表样' ;
KW_FIGURES     : 'figures'     | '口径' ;
// Facts added after the first keywords.
KW_CARRYFORWARD    : 'carryforward'    | '结转下年' ;
KW_PROJECTSPENDING : 'projectspending' | '项目支出' ;
KW_LASTYEAR        : 'lastyear'        | '上年' ;
// A published table declared as printed, to be compared cell by cell with the derived one.
KW_PUBLISHED       : 'published'       | '公开表' ;

// ---- punctuation ----------------------------------------------------------------------
LBRACE : '{' ;
LBRACK : '[' ;
RBRACK : ']' ;
RBRACE : '}' ;
SEMI   : ';' ;
SLASH  : '/' ;
MINUS  : '-' ;
GE     : '≥' | '>=' ;
LE     : '≤' | '<=' ;
NE     : '≠' | '!=' ;
EQ     : '=' ;
GT     : '>' ;
LT     : '<' ;

// ---- literals -------------------------------------------------------------------------
// A text block: """ … """ over several lines. BAD_TEXT_BLOCK is one that never closes; it is
// always shorter than a closed block, so it only wins when the closing quotes are missing
// (then it runs to the end of the file).
TEXT_BLOCK     : '"""' .*? '"""' ;
BAD_TEXT_BLOCK : '"""' ( ~'"' | '"' ~'"' | '""' ~'"' )* ( '"' | '""' )? ;

// A string on one line; BAD_STRING is one whose closing quote is missing.
STRING         : '"' ( ESC | ~["\\\r\n] )* '"' ;
BAD_STRING     : '"' ( ESC | ~["\\\r\n] )* ;

DATE     : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
// A number with its unit written directly after it: 16村  22.2万元  95%  21332元/人.年  60㎡
QUANTITY : GROUPED ( '.' DIGITS )? UNIT ;
// Alphanumeric codes such as project codes: 13030224P00308P121121
CODE     : DIGITS [A-Z] [0-9A-Z]* ;
NUMBER   : GROUPED ( '.' DIGITS )? ;

NAME     : NAME_START NAME_CHAR* ;

// ---- layout ---------------------------------------------------------------------------
NL       : '\r\n' | '\n' | '\r' ;
// Spaces are dropped and comments kept apart before parsing (compiler/syntax/parser.cpp);
// "// budc:allow BUDnnn reason" in a comment suppresses a warning.
WS       : ( [ \t] | WIDE_SPACE )+ ;
COMMENT  : '//' ~[\r\n]* ;

// A full-width twin of an ASCII character (＝ ； ０ …); reported, then mapped or dropped.
FULLWIDTH : [\uFF01-\uFF5E] ;
// Anything else is reported as an invalid character and dropped. Bytes that are not UTF-8
// reach this rule as U+FFFD, one per byte.
ERROR_CHAR : . ;

// ---- character classes ----------------------------------------------------------------
fragment ESC        : '\\' . ;
fragment DIGIT      : [0-9] ;
fragment DIGITS     : [0-9]+ ;
// Digits with thousands separators as published (26,054,663); the syntax-tree builder
// checks that the groups after the first have three digits (BUD027).
fragment GROUPED    : DIGITS ( ',' DIGITS )* ;
fragment NAME_START : CJK | [a-zA-Z_] | '（' | OPENING ;
// Inside a bare name: （）【】〔〕《》「」“”‘’ 、 · and unit signs such as ㎡ are ordinary text.
fragment NAME_CHAR  : NAME_START | [0-9] | '）' | CLOSING | '·' | UNIT_SIGN ;
// A unit: letters and signs, joined by '/', '.' or '·' (元/人.年); a separator must be
// followed by more of the unit, so that "1%//c" is 1% and a comment.
fragment UNIT       : UNIT_START ( UNIT_START | UNIT_SEP UNIT_START )* ;
fragment UNIT_START : CJK | [a-zA-Z] | '%' | '‰' | UNIT_SIGN ;
fragment UNIT_SEP   : '/' | '.' | '·' ;
// ℃ ℉ and the CJK compatibility unit signs ㎎ ㎏ ㎜ ㎝ ㎞ ㎡ ㎥ ㏄ …
fragment UNIT_SIGN  : [\u2103\u2109\u3380-\u33DF] ;
fragment CJK        : [\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FFFF}] ;
fragment OPENING    : [【〔《「“‘] ;
fragment CLOSING    : [】〕》」”’、] ;
fragment WIDE_SPACE : [\u3000\uFEFF] ;

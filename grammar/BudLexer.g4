// BudLexer.g4 — tokens of the .bud budget language. Syntax only, no actions.
//
// Keywords have a Chinese spelling and an English alias. Keywords are listed before NAME,
// so an exact keyword wins a tie, while a longer word that merely begins with a keyword
// (项目支出, 单位资金) is a NAME by the longest-match rule.
lexer grammar BudLexer;

// ---- keywords -------------------------------------------------------------------------
KW_INCLUDE     : '引入' | 'include' ;
KW_BUDGET      : '预算' | 'budget' ;
KW_DEPARTMENT  : '部门' | 'department' ;
KW_UNIT        : '单位' | 'unit' ;
KW_INCOME      : '收入' | 'income' ;
KW_CARRYOVER   : '上年结转' | 'carryover' ;
KW_BASIC       : '基本支出' | 'basic' ;
KW_SOURCE      : '来源' | 'source' ;
KW_PROJECT     : '项目' | 'project' ;
KW_FUNCTION    : '功能科目' | 'function' ;
KW_ECONOMIC    : '经济科目' | 'economic' ;
KW_AMOUNT      : '金额' | 'amount' ;
KW_SCHEDULE    : '支出计划' | 'schedule' ;
KW_GOAL        : '目标' | 'goal' ;
KW_INDICATOR   : '指标' | 'indicator' ;
KW_DESC        : '描述' | 'desc' ;
KW_BASIS       : '依据' | 'basis' ;
KW_DECLARE     : '声明' | 'declare' ;
KW_SECTION     : '说明' | 'section' ;
KW_GLOSSARY    : '名词解释' | 'glossary' ;
KW_PERFORMANCE : '整体绩效' | 'performance' ;
KW_AREA        : '分项' | 'area' ;
KW_PROCUREMENT : '政府采购' | 'procurement' ;
KW_ASSETS      : '国有资产' | 'assets' ;
// Declarations of the standard library (and of a workspace's additions to it).
KW_CATALOGUE   : '科目表' | 'catalogue' ;
KW_MEASURES    : '计量单位表' | 'measures' ;
KW_FRAMEWORK   : '指标框架' | 'framework' ;
KW_FUNDS       : '资金来源表' | 'funds' ;
KW_TEMPLATE    : '表样' | 'template' ;

// ---- punctuation ----------------------------------------------------------------------
LBRACE : '{' ;
LBRACK : '[' ;
RBRACK : ']' ;
RBRACE : '}' ;
SEMI   : ';' ;
SLASH  : '/' ;
MINUS  : '-' ;
GE     : '\u2265' | '>=' ;      // ≥
LE     : '\u2264' | '<=' ;      // ≤
NE     : '\u2260' | '!=' ;      // ≠
EQ     : '=' ;
GT     : '>' ;
LT     : '<' ;

// ---- literals -------------------------------------------------------------------------
// A text block: """ … """ over several lines. BAD_TEXT_BLOCK is one that never closes; it is
// always shorter than a closed block, so it only wins when the closing quotes are missing.
TEXT_BLOCK     : '"""' .*? '"""' ;
BAD_TEXT_BLOCK : '"""' ( ~'"' | '"' ~'"' | '""' ~'"' )* ( '"' | '""' )? ;

STRING         : '"' ( ESC | ~["\\\r\n] )* '"' ;
BAD_STRING     : '"' ( ESC | ~["\\\r\n] )* ;

DATE     : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
// A number with its unit written directly after it: 16村  22.2万元  95%  21332元/人.年
QUANTITY : DIGITS ( '.' DIGITS )? UNIT_START UNIT_CHAR* ;
// Alphanumeric codes such as project codes: 13030224P00308P121121
CODE     : DIGITS [A-Z] [0-9A-Z]* ;
NUMBER   : DIGITS ( '.' DIGITS )? ;

NAME     : NAME_START NAME_CHAR* ;

// ---- layout ---------------------------------------------------------------------------
NL       : '\r\n' | '\n' | '\r' ;
WS       : [ \t\u3000\uFEFF]+ -> skip ;
// Comments are kept on the hidden channel: "// budc:allow BUDnnn reason" suppresses a warning.
COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN) ;

// A full-width twin of an ASCII character (＝ ； ０ …); reported, then mapped or dropped.
FULLWIDTH : [\uFF01-\uFF5E] ;
// Anything else is reported as an invalid character and dropped.
ERROR_CHAR : . ;

fragment ESC        : '\\' . ;
fragment DIGIT      : [0-9] ;
fragment DIGITS     : [0-9]+ ;
// U+007F stands for every CJK character that occurs in no keyword: the parser folds them into
// it before lexing (compiler/syntax/parser.cpp), because ANTLR's lexer caches DFA edges only
// for code points below 128 and simulates its ATN for every other character.
fragment CJK        : [\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FFFF}\u007F] ;
fragment NAME_START : CJK | [a-zA-Z_] | [\uFF08\u3010\u3014\u300A\u300C\u201C\u2018] ;
// Inside a bare name: （）【】〔〕《》「」“”‘’ 、 and · are ordinary text.
fragment NAME_CHAR  : NAME_START | [0-9] | [\uFF09\u3011\u3015\u300B\u300D\u201D\u2019\u3001\u00B7] ;
fragment UNIT_START : CJK | [a-zA-Z] | '%' | '\u2030' ;
fragment UNIT_CHAR  : UNIT_START | '/' | '.' | '\u00B7' ;

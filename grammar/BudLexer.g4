// BudLexer.g4 — tokens of the .bud budget language. Syntax only, no actions.
//
// Keywords have a Chinese spelling and an English alias. Only the English aliases are lexer
// rules: the lexer sees every CJK character folded into one code point (see "Folded input"
// below), so a Chinese keyword is lexed as a NAME, and the parser's token clean-up gives a NAME
// whose text is exactly a keyword's Chinese spelling that keyword's type
// (compiler/syntax/parser.cpp). That is the longest-match rule either way: a longer word that
// merely begins with a keyword (项目支出, 单位资金) stays a NAME. The English aliases are listed
// before NAME, so an exact alias wins the tie.
lexer grammar BudLexer;

// ---- keywords -------------------------------------------------------------------------
KW_INCLUDE     : 'include' ;
KW_BUDGET      : 'budget' ;
KW_DEPARTMENT  : 'department' ;
KW_UNIT        : 'unit' ;
KW_INCOME      : 'income' ;
KW_CARRYOVER   : 'carryover' ;
KW_BASIC       : 'basic' ;
KW_SOURCE      : 'source' ;
KW_PROJECT     : 'project' ;
KW_FUNCTION    : 'function' ;
KW_ECONOMIC    : 'economic' ;
KW_AMOUNT      : 'amount' ;
KW_SCHEDULE    : 'schedule' ;
KW_GOAL        : 'goal' ;
KW_INDICATOR   : 'indicator' ;
KW_DESC        : 'desc' ;
KW_BASIS       : 'basis' ;
KW_DECLARE     : 'declare' ;
KW_SECTION     : 'section' ;
KW_GLOSSARY    : 'glossary' ;
KW_PERFORMANCE : 'performance' ;
KW_AREA        : 'area' ;
KW_PROCUREMENT : 'procurement' ;
KW_ASSETS      : 'assets' ;
// Declarations of the standard library (and of a workspace's additions to it).
KW_CATALOGUE   : 'catalogue' ;
KW_MEASURES    : 'measures' ;
KW_FRAMEWORK   : 'framework' ;
KW_FUNDS       : 'funds' ;
KW_TEMPLATE    : 'template' ;

// ---- punctuation ----------------------------------------------------------------------
LBRACE : '{' ;
LBRACK : '[' ;
RBRACK : ']' ;
RBRACE : '}' ;
SEMI   : ';' ;
SLASH  : '/' ;
MINUS  : '-' ;
GE     : GE_SIGN | '>=' ;
LE     : LE_SIGN | '<=' ;
NE     : NE_SIGN | '!=' ;
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
// The parser's token loop (compiler/syntax/parser.cpp, lexAll) drops WS and puts COMMENT on
// the hidden channel; lexer actions (-> skip) would cost a dynamic_cast per token in ANTLR's
// C++ runtime. "// budc:allow BUDnnn reason" in a comment suppresses a warning.
WS       : ( [ \t] | WIDE_SPACE )+ ;
COMMENT  : '//' ~[\r\n]* ;

// A full-width twin of an ASCII character (＝ ； ０ …); reported, then mapped or dropped.
FULLWIDTH : WIDE_OPEN_PAREN | WIDE_CLOSE_PAREN | WIDE_OTHER ;
// Anything else is reported as an invalid character and dropped.
ERROR_CHAR : . ;

fragment ESC        : '\\' . ;
fragment DIGIT      : [0-9] ;
fragment DIGITS     : [0-9]+ ;
fragment NAME_START : CJK | [a-zA-Z_] | WIDE_OPEN_PAREN | OPENING ;
// Inside a bare name: （）【】〔〕《》「」“”‘’ 、 and · are ordinary text.
fragment NAME_CHAR  : NAME_START | [0-9] | WIDE_CLOSE_PAREN | CLOSING | MIDDLE_DOT ;
fragment UNIT_START : CJK | [a-zA-Z] | '%' | PER_MILLE ;
fragment UNIT_CHAR  : UNIT_START | '/' | '.' | MIDDLE_DOT ;

// ---- folded input ---------------------------------------------------------------------
// ANTLR's lexer caches DFA edges only for code points below 128 and simulates its ATN for
// every other character, which made lexing Chinese text several times slower than ASCII. So
// the parser (compiler/syntax/parser.cpp, foldForLexer) hands the lexer one code point below
// 128 per class of characters that the rules above treat alike, and reads every token's text
// from the original buffer. Real control characters and U+007F become U+0001, like every
// other character no rule names: an invalid character (ERROR_CHAR) outside strings and
// comments.
fragment CJK              : '\u007F' ;  // U+3400–4DBF, U+4E00–9FFF, U+F900–FAFF, U+20000–2FFFF
fragment WIDE_OPEN_PAREN  : '\u000E' ;  // （ (also a full-width twin of '(')
fragment OPENING          : '\u000F' ;  // 【 〔 《 「 “ ‘
fragment WIDE_CLOSE_PAREN : '\u0010' ;  // ） (also a full-width twin of ')')
fragment CLOSING          : '\u0011' ;  // 】 〕 》 」 ” ’ 、
fragment MIDDLE_DOT       : '\u0012' ;  // ·
fragment PER_MILLE        : '\u0013' ;  // ‰
fragment GE_SIGN          : '\u0014' ;  // ≥
fragment LE_SIGN          : '\u0015' ;  // ≤
fragment NE_SIGN          : '\u0016' ;  // ≠
fragment WIDE_SPACE       : '\u0017' ;  // U+3000 ideographic space, U+FEFF byte-order mark
fragment WIDE_OTHER       : '\u0018' ;  // the other full-width twins U+FF01–FF5E

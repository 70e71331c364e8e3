/**
 * The SQL layer (PostgreSQL dialect). Being built for issue 6; today it holds the lexer.
 */
export { characterPosition, keywords, SqlLexError, tokenize } from './lexer.js';
export type { Token, TokenKind } from './lexer.js';

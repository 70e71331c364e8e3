/**
 * The SQL layer (PostgreSQL dialect) over the transactional key-value store.
 */
export { characterPosition, keywords, SqlLexError, tokenize } from './lexer.js';
export type { Token, TokenKind } from './lexer.js';
export { SqlError } from './errors.js';
export { SqlEngine } from './engine.js';
export { Session } from './session.js';
export type { QueryField, QueryOptions, QueryResult, SessionOptions } from './session.js';
export { parse, parseExpression } from './parser.js';
export type * as ast from './ast.js';
export { PreparedStatement } from './prepared.js';

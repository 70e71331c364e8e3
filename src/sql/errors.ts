/**
 * SQL errors: every one carries a SQLSTATE (`code`), and where the text is to blame, the 0-based
 * offset of the offending token (`offset`); the session turns it into PostgreSQL's 1-based
 * character position (`position`) once it knows the statement text.
 */
import { BasaltError } from '../errors.js';
import { characterPosition } from './lexer.js';

export interface SqlErrorOptions {
  /** 0-based offset into the statement text. */
  readonly offset?: number;
  readonly detail?: string;
  readonly hint?: string;
  /** Where it happened (PostgreSQL's CONTEXT, for example "COPY t, line 3, column a: "x""). */
  readonly context?: string;
  /** The object an integrity error is about (PostgreSQL's schema, table, column and constraint fields). */
  readonly schema?: string;
  readonly table?: string;
  readonly column?: string;
  readonly constraint?: string;
  readonly cause?: unknown;
}

export class SqlError extends BasaltError {
  /** 0-based offset into the statement text, or undefined. */
  offset: number | undefined;
  /** 1-based character position, set by `locate()` once the text is known. */
  position: number | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  context: string | undefined;
  readonly schema: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;
  readonly constraint: string | undefined;
  constructor(code: string, message: string, options: SqlErrorOptions = {}) {
    super(message, code, options.cause === undefined ? undefined : { cause: options.cause });
    this.offset = options.offset;
    this.position = undefined;
    this.detail = options.detail;
    this.hint = options.hint;
    this.context = options.context;
    this.schema = options.schema;
    this.table = options.table;
    this.column = options.column;
    this.constraint = options.constraint;
  }

  /** Fill `position` from `offset` for the statement `text` (idempotent). */
  locate(text: string): this {
    if (this.offset !== undefined && this.position === undefined) this.position = characterPosition(text, this.offset);
    return this;
  }
}

/** Shorthand constructors for the most common SQLSTATEs. */
export const sqlErrors = {
  syntax: (message: string, offset?: number) => new SqlError('42601', message, offset === undefined ? {} : { offset }),
  undefinedColumn: (message: string, offset?: number) => new SqlError('42703', message, offset === undefined ? {} : { offset }),
  undefinedTable: (message: string, offset?: number) => new SqlError('42P01', message, offset === undefined ? {} : { offset }),
  undefinedFunction: (message: string, offset?: number, hint?: string) =>
    new SqlError('42883', message, { ...(offset === undefined ? {} : { offset }), ...(hint === undefined ? {} : { hint }) }),
  datatypeMismatch: (message: string, offset?: number) => new SqlError('42804', message, offset === undefined ? {} : { offset }),
  divisionByZero: () => new SqlError('22012', 'division by zero'),
  outOfRange: (message: string) => new SqlError('22003', message),
  invalidText: (message: string) => new SqlError('22P02', message),
  featureNotSupported: (message: string, offset?: number) => new SqlError('0A000', message, offset === undefined ? {} : { offset }),
} as const;

/**
 * What a running statement sees: rows, frames (a row and the rows of the enclosing queries, for
 * correlated subqueries) and the per-execution runtime (transaction, parameters, settings).
 */
import type { TransactionKeyspace } from '../kv/index.js';
import { sqlMaterializedRowsMax, sqlTickRows } from '../limits.js';
import { SqlError } from './errors.js';
import type { SqlType, TypeContext, Value } from './types/index.js';

export type Row = Value[];

/** A row in scope and the frame of the query around it. */
export interface Frame {
  readonly row: Row;
  readonly outer: Frame | null;
}

/** Services a statement needs from its session and database (sequences, settings). */
export interface SessionServices {
  nextval(oid: number): bigint;
  currval(oid: number): bigint;
  setval(oid: number, value: bigint, called: boolean): bigint;
  lastval(): bigint;
  setting(name: string): string | undefined;
  setSetting(name: string, value: string, local: boolean): string;
  readonly userName: string;
  readonly databaseName: string;
}

/**
 * The state of one execution of a plan. A plan is built against one Runtime object, which the
 * session refills before each execution (prepared statements run the same plan many times).
 */
export class Runtime {
  tx!: TransactionKeyspace;
  ctx!: TypeContext;
  params: Value[] = [];
  /** Parameter types as the plan fixed them (index i is $i+1). */
  paramTypes: Array<SqlType | null> = [];
  services!: SessionServices;
  /** Changes every execution: caches of uncorrelated subqueries compare against it. */
  execId = 0;
  /** Date.now() past which the statement is cancelled (statement_timeout), or Infinity. */
  deadline = Infinity;
  /** Set by a cancel request. */
  cancelled = false;
  private ticks = 0;

  /** Rows this execution holds in memory (sorts, hash tables, groups, results…). */
  held = 0;

  /** Count one more row held in memory; 54000 past sqlMaterializedRowsMax. */
  hold(): void {
    if (++this.held > sqlMaterializedRowsMax) {
      throw new SqlError('54000', `statement holds more than sqlMaterializedRowsMax (${sqlMaterializedRowsMax}) rows in memory`, {
        hint: 'Narrow the query (WHERE, LIMIT) or split it.',
      });
    }
  }

  /** Called by loops every row: checks the statement timeout and cancellation every sqlTickRows calls. */
  tick(): void {
    if ((++this.ticks & (sqlTickRows - 1)) !== 0) return;
    this.check();
  }

  check(): void {
    if (this.cancelled) throw new SqlError('57014', 'canceling statement due to user request');
    if (this.deadline !== Infinity && Date.now() > this.deadline) throw new SqlError('57014', 'canceling statement due to statement timeout');
  }
}

export const emptyRow: Row = [];

export function frame(row: Row, outer: Frame | null): Frame {
  return { row, outer };
}

/**
 * What a running statement sees: rows, frames (a row and the rows of the enclosing queries, for
 * correlated subqueries) and the per-execution runtime (transaction, parameters, settings).
 *
 * Cooperative execution: plan nodes are synchronous generators, so a long statement would hold
 * the event loop for its whole run. Instead, a node that loops over rows asks `rt.pauseDue()`
 * once per row and, when it is true, yields the sentinel `PAUSE` in place of a row. Every node
 * passes `PAUSE` up unchanged (it is never a row: not counted, filtered, projected nor kept), up
 * to the statement's top-level loop, which awaits `rt.pause()` (one turn of the event loop, then
 * the cancel and statement_timeout checks) and goes on. Consumers that cannot await (a subquery
 * inside an expression) read their rows through `syncRows`, which turns pausing off meanwhile.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TransactionKeyspace } from '../kv/index.js';
import { sqlMaterializedRowsMax, sqlPauseAfterMs, sqlTickRows } from '../limits.js';
import { SqlError } from './errors.js';
import type { SqlType, TypeContext, Value } from './types/index.js';

export type Row = Value[];

/** Yielded by a plan node in place of a row when the statement should let the event loop run. Compare by identity. */
export const PAUSE: Row = Object.freeze([]) as unknown as Row;

/**
 * Test switch: BASALT_SQL_PAUSE_EVERY_ROWS=n makes a statement pause every n rows instead of by
 * time, so every node's PAUSE path runs (n=1: at every row). Read once, at load.
 */
const pauseEveryRows = readPauseEveryRows(process.env['BASALT_SQL_PAUSE_EVERY_ROWS']);
/** Rows between two checkpoints (cancel, timeout, pause clock). */
const checkEveryRows = pauseEveryRows > 0 ? pauseEveryRows : sqlTickRows;

function readPauseEveryRows(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`BASALT_SQL_PAUSE_EVERY_ROWS must be a non-negative integer, got "${text}"`);
  return n;
}

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
  /** pg_backend_pid(): the wire server's id of the session, 0 when embedded. */
  readonly backendPid: number;
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
  /** The 57014 message of a cancellation (user request or statement timeout). */
  cancelMessage = 'canceling statement due to user request';
  /** Rows left before the next checkpoint. */
  private countdown = checkEveryRows;
  /** A pause is due: set at a checkpoint, cleared when a node takes it (pauseDue) or by pause(). */
  private due = false;
  /** performance.now() of the last pause (or of the start of execution `clockExecId`). */
  private pausedAt = 0;
  private clockExecId = -1;
  /**
   * How many consumers that cannot pass PAUSE up are running (subqueries evaluated inside an
   * expression, see syncRows): while above 0 no node pauses, so the pause stays due for the
   * statement's own nodes instead of being spent inside a subquery.
   */
  unpausable = 0;

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
    if (--this.countdown === 0) this.checkpoint();
  }

  /**
   * Called by loops that produce rows, every row (in place of tick()): true when the node should
   * yield PAUSE now, i.e. the statement has run sqlPauseAfterMs since its last pause. Taking the
   * answer clears it; it comes again at a later checkpoint if nobody paused.
   */
  pauseDue(): boolean {
    if (--this.countdown === 0) this.checkpoint();
    if (!this.due || this.unpausable !== 0) return false;
    this.due = false;
    return true;
  }

  /** Let the event loop run (I/O, timers, other sessions), then check cancellation and the timeout. */
  async pause(): Promise<void> {
    await nextTurn();
    this.check();
    this.due = false;
    this.pausedAt = performance.now();
  }

  /** Every checkEveryRows rows: cancellation, timeout, and whether a pause is due. */
  private checkpoint(): void {
    this.countdown = checkEveryRows;
    this.check();
    if (pauseEveryRows > 0) {
      this.due = true;
      return;
    }
    const now = performance.now();
    if (this.clockExecId !== this.execId) {
      // First checkpoint of this execution: its clock starts here.
      this.clockExecId = this.execId;
      this.pausedAt = now;
    } else if (now - this.pausedAt >= sqlPauseAfterMs) {
      this.due = true;
    }
  }

  check(): void {
    if (this.cancelled) throw new SqlError('57014', this.cancelMessage);
    if (this.deadline !== Infinity && Date.now() > this.deadline) throw new SqlError('57014', 'canceling statement due to statement timeout');
  }
}

/**
 * The rows of `rows`, read where PAUSE cannot be passed up (a subquery inside an expression):
 * pausing is off while they are read. At most `max` rows are read (EXISTS needs one).
 */
export function syncRows(rt: Runtime, rows: Iterable<Row>, max = Infinity): Row[] {
  const out: Row[] = [];
  if (max <= 0) return out;
  rt.unpausable++;
  try {
    for (const r of rows) {
      if (r === PAUSE) continue;
      out.push(r);
      if (out.length >= max) break;
    }
  } finally {
    rt.unpausable--;
  }
  return out;
}

/** All rows of `rows`, read by an async consumer: it pauses where the nodes ask to. */
export async function drainRows(rt: Runtime, rows: Iterable<Row>): Promise<Row[]> {
  const out: Row[] = [];
  for (const r of rows) {
    if (r === PAUSE) await rt.pause();
    else out.push(r);
  }
  return out;
}

export const emptyRow: Row = [];

export function frame(row: Row, outer: Frame | null): Frame {
  return { row, outer };
}

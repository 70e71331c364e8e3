/**
 * A SQL session: its transaction state, settings and prepared statements, and the statement
 * dispatcher. Outside a transaction block each statement is its own transaction (autocommit);
 * BEGIN opens a block that lasts until COMMIT or ROLLBACK. As in PostgreSQL, an error inside a
 * block aborts the transaction: later statements get 25P02 until ROLLBACK (or ROLLBACK TO a
 * savepoint).
 *
 * READ COMMITTED statements each read one statement snapshot (`Transaction.beginStatement`);
 * REPEATABLE READ and SERIALIZABLE read the transaction's snapshot, taken by its first statement.
 */
import type { Transaction, TransactionKeyspace } from '../kv/index.js';
import { BasaltError } from '../errors.js';
import type * as ast from './ast.js';
import type { Catalog, SequenceInfo } from './catalog.js';
import { runDdl } from './ddl.js';
import { copyFormat, CopyParser, formatCopyRow } from './copy.js';
import { runCopyFrom, runDml, type BindParams } from './dml.js';
import type { SqlEngine } from './engine.js';
import { SqlError } from './errors.js';
import { constant, type BExpr } from './expr.js';
import type { LockOwnerRef } from './locks.js';
import { parse } from './parser.js';
import { Planner, type OutputColumn, type PlannedQuery } from './planner.js';
import { PAUSE, Runtime, type SessionServices } from './runtime.js';
import { Scope } from './scope.js';
import { oidNames } from './system/index.js';
import { settingDefs, settingKey } from './settings.js';
import { formatTypeName, formatValue, fromJs, resolveTypeName, inferJsType, T, toJs, typeOid, type JsOptions, type SqlType, type TypeContext, type Value } from './types/index.js';

export interface QueryField {
  readonly name: string;
  /** PostgreSQL's name of the type (format_type). */
  readonly type: string;
  readonly dataTypeID: number;
  /** @internal The SQL type, for the wire server. */
  readonly sqlType: SqlType;
}

export interface QueryResult {
  /** The command: 'SELECT', 'INSERT', 'CREATE TABLE', … */
  readonly command: string;
  /** PostgreSQL's command tag: 'SELECT 3', 'INSERT 0 1', 'UPDATE 2', 'CREATE TABLE'. */
  readonly commandTag: string;
  readonly rowCount: number;
  readonly rows: unknown[];
  readonly fields: readonly QueryField[];
  /** Notices and warnings (for example "there is already a transaction in progress"). */
  readonly notices: readonly { readonly severity: string; readonly code: string; readonly message: string }[];
}

export interface QueryOptions extends Partial<JsOptions> {
  /** 'object' (the default): rows keyed by column name; 'array': rows as arrays in column order. */
  readonly rowMode?: 'object' | 'array';
}

export interface SessionOptions extends Partial<JsOptions> {
  readonly userName?: string;
  readonly databaseName?: string;
  /** The wire server's process id of this session (pg_backend_pid(); 0 when embedded). */
  readonly backendPid?: number;
}

/** What a statement returns before conversion to JavaScript. */
export interface StatementResult {
  readonly command: string;
  readonly tag: string;
  readonly columns: readonly OutputColumn[];
  readonly rows: Value[][];
  readonly rowCount: number;
}

/** A transaction of the session (explicit block or one statement's autocommit). */
export class TxState implements LockOwnerRef {
  readonly id: number;
  waitingFor: string | null = null;
  failed: Error | null = null;
  /** The DDL transaction's private catalog. */
  catalog: Catalog | null = null;
  /** Storage areas dropped by this transaction (cleaned up after commit). */
  readonly garbage: number[] = [];
  /** Per savepoint: the settings, a copy of the private catalog, and how much garbage was recorded (all restored by ROLLBACK TO). */
  readonly savepoints: Array<{ name: string; settings: Map<string, string>; catalog: Catalog | null; garbage: number }> = [];
  /** Settings before SET in this transaction (restored on rollback), and SET LOCAL values. */
  readonly settingsBefore = new Map<string, string>();
  readonly local = new Map<string, string>();
  readonly startTime: bigint;
  /** A statement ran (SET TRANSACTION must come before). */
  started = false;
  /**
   * The implicit block of the wire protocol: a simple-query message with several statements, or
   * the Executes before a Sync. Statements do not autocommit; the block commits at its end
   * (`Session.endImplicit`), and BEGIN turns it into an explicit block.
   */
  implicit = false;
  /** nextval()/setval() ran: commit waits until the sequence records are durable. */
  usedSequences = false;
  constructor(
    readonly kv: Transaction,
    readonly ks: TransactionKeyspace,
    readonly explicit: boolean,
    id: number,
  ) {
    this.id = id;
    this.startTime = nowMicros();
  }
}

/** Microseconds since 2000-01-01 UTC. */
export function nowMicros(): bigint {
  return (BigInt(Date.now()) - 946684800000n) * 1000n;
}

/** Everything a DML or DDL statement needs. */
export interface Exec {
  readonly engine: SqlEngine;
  readonly session: Session;
  readonly tx: TxState;
  readonly rt: Runtime;
  readonly planner: Planner;
  readonly text: string;
}

export class Session {
  private tx: TxState | null = null;
  private readonly settings = new Map<string, string>();
  private readonly prepared = new Map<string, { statement: ast.Statement; types: SqlType[]; text: string }>();
  private lastSequence: SequenceInfo | null = null;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  readonly jsOptions: JsOptions;
  readonly userName: string;
  readonly databaseName: string;
  readonly backendPid: number;
  /** Notices of the running statement. */
  private notices: Array<{ severity: string; code: string; message: string }> = [];
  private running: Runtime | null = null;

  constructor(
    readonly engine: SqlEngine,
    options: SessionOptions = {},
  ) {
    this.jsOptions = { int8As: options.int8As ?? 'string', numericAs: options.numericAs ?? 'string' };
    this.userName = options.userName ?? 'postgres';
    this.databaseName = options.databaseName ?? 'basalt';
    this.backendPid = options.backendPid ?? 0;
  }

  /** The status PostgreSQL's ReadyForQuery reports: idle, in a block, or in a failed block. */
  get transactionStatus(): 'I' | 'T' | 'E' {
    if (this.tx === null) return 'I';
    return this.tx.failed !== null ? 'E' : 'T';
  }

  setting(name: string): string {
    const k = settingKey(name);
    if (k === 'transaction_isolation') return this.tx?.kv.isolation ?? this.setting('default_transaction_isolation');
    if (k === 'transaction_read_only') return (this.tx?.kv.readOnly ?? this.setting('default_transaction_read_only') === 'on') ? 'on' : 'off';
    return this.tx?.local.get(k) ?? this.settings.get(k) ?? settingDefs.get(k)!.default;
  }

  /** Cancel the running statement (the wire server's CancelRequest), also while it waits for a lock. */
  cancel(): void {
    this.interrupt('canceling statement due to user request');
  }

  /** Stop the running statement with 57014 and `message`: at its next check, or now if it waits for a lock. */
  private interrupt(message: string): void {
    const rt = this.running;
    if (rt === null) return;
    rt.cancelled = true;
    rt.cancelMessage = message;
    const tx = this.tx ?? this.autocommitTx;
    if (tx === null) return;
    const err = (): SqlError => new SqlError('57014', message);
    this.engine.locks.cancelWait(tx, err());
    if (tx.kv.state === 'active') tx.kv.cancelLockWait(err);
  }

  /** The autocommit transaction of the running statement (for interrupt). */
  private autocommitTx: TxState | null = null;

  /** Run one or more statements; returns the last one's result. Statements of a session run one at a time. */
  query(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    const run = this.queue.then(() => this.runText(text, params, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Run several statements and return every result (the wire server's simple query). */
  queryAll(text: string, options: QueryOptions = {}): Promise<QueryResult[]> {
    const run = this.queue.then(async () => {
      const statements = this.parseText(text);
      const out: QueryResult[] = [];
      for (const s of statements) out.push(await this.runStatement(s.statement, text, [], options));
      return out;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Parse `text` into statements (the wire server's simple query and Parse). */
  parse(text: string): ast.ParsedStatement[] {
    return this.parseText(text);
  }

  /**
   * Run a parsed statement and return its rows as SQL values (the wire server formats them).
   * `params` are strings (text format, read by the input function of the parameter's type),
   * `BinaryParam`s, or null.
   */
  async execute(stmt: ast.Statement, text: string, params: readonly unknown[], paramTypes: SqlType[] = [], cache: PlanCache | null = null): Promise<StatementResult> {
    this.notices = [];
    try {
      return await this.dispatch(stmt, text, params, paramTypes, cache);
    } catch (err) {
      throw locate(err, text);
    }
  }

  /** Notices raised by the last statement. */
  get lastNotices(): readonly { readonly severity: string; readonly code: string; readonly message: string }[] {
    return this.notices;
  }

  /**
   * The parameter types and result columns of a statement, found by planning it without running
   * it (the wire server's Describe). A SELECT's plan is kept in `cache` for the execution.
   * Errors are those of planning (a missing table, a type mismatch), as PostgreSQL's parse analysis.
   */
  async describe(stmt: ast.Statement, text: string, paramTypes: SqlType[], cache: PlanCache | null = null): Promise<{ params: SqlType[]; columns: readonly OutputColumn[] }> {
    this.notices = [];
    const declared = (): SqlType[] => paramTypes.map((t) => t);
    switch (stmt.kind) {
      case 'query':
      case 'insert':
      case 'update':
      case 'delete':
        break;
      case 'show':
        return { params: declared(), columns: this.show(stmt).columns };
      case 'explain':
        return { params: declared(), columns: [{ name: 'QUERY PLAN', type: T.text }] };
      default:
        return { params: declared(), columns: [] };
    }
    if (this.tx !== null && this.tx.failed !== null) {
      throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
    const own = this.tx === null;
    const tx = this.tx ?? this.begin(false, null);
    try {
      await this.inTransaction(tx, stmt, text, [], paramTypes, cache, true);
      throw new Error('describe: the statement ran');
    } catch (err) {
      if (err instanceof DescribeStop) {
        const rt = err.rt;
        return { params: rt.paramTypes.map((t) => t ?? T.text), columns: err.columns };
      }
      if (!own) this.fail(tx, err);
      throw locate(err, text);
    } finally {
      if (own) this.rollback(tx);
    }
  }

  /**
   * An error outside any statement (a syntax error, a protocol error of the extended query
   * protocol) aborts the open transaction, as in PostgreSQL: a block then answers 25P02 until
   * ROLLBACK, an implicit block rolls back at its end.
   */
  failTransaction(err: unknown): void {
    const tx = this.tx;
    if (tx !== null && tx.failed === null) this.fail(tx, err);
  }

  /** Start the wire protocol's implicit block (when no transaction is open). */
  beginImplicit(): void {
    if (this.tx !== null) return;
    const tx = this.begin(true, null);
    tx.implicit = true;
  }

  /** End the implicit block: commit it, or roll it back after an error (`ok` false). An explicit block stays open. */
  async endImplicit(ok: boolean): Promise<void> {
    const tx = this.tx;
    if (tx === null || !tx.implicit) return;
    this.tx = null;
    if (!ok || tx.failed !== null) this.rollback(tx);
    else await this.commit(tx);
  }

  private parseText(text: string): ast.ParsedStatement[] {
    if (this.closed) throw new SqlError('08003', 'session is closed');
    try {
      return parse(text);
    } catch (err) {
      throw locate(err, text);
    }
  }

  private async runText(text: string, params: readonly unknown[], options: QueryOptions): Promise<QueryResult> {
    const statements = this.parseText(text);
    if (statements.length === 0) return emptyResult();
    if (params.length > 0 && statements.length > 1) throw new SqlError('42601', 'cannot insert multiple commands into a prepared statement');
    let last: QueryResult = emptyResult();
    for (const s of statements) last = await this.runStatement(s.statement, text, params, options);
    return last;
  }

  /** Run a parsed statement (also used by prepared statements and the wire server). */
  async runStatement(stmt: ast.Statement, text: string, params: readonly unknown[], options: QueryOptions = {}, paramTypes: SqlType[] = [], cache: PlanCache | null = null): Promise<QueryResult> {
    this.notices = [];
    try {
      const r = await this.dispatch(stmt, text, params, paramTypes, cache);
      return this.toResult(r, options);
    } catch (err) {
      throw locate(err, text);
    }
  }

  private toResult(r: StatementResult, options: QueryOptions): QueryResult {
    const ctx = this.typeContext(nowMicros());
    const fields = r.columns.map((c) => ({ name: c.name, type: formatTypeName(c.type), dataTypeID: typeOid(c.type), sqlType: c.type }));
    const asArray = options.rowMode === 'array';
    const js: JsOptions = { int8As: options.int8As ?? this.jsOptions.int8As, numericAs: options.numericAs ?? this.jsOptions.numericAs };
    const rows = r.rows.map((row) => {
      if (asArray) return row.map((v, i) => (v === null ? null : toJs(r.columns[i]!.type, v, js, ctx)));
      const o: Record<string, unknown> = {};
      row.forEach((v, i) => {
        o[r.columns[i]!.name] = v === null ? null : toJs(r.columns[i]!.type, v, js, ctx);
      });
      return o;
    });
    return { command: r.command, commandTag: r.tag, rowCount: r.rowCount, rows, fields, notices: this.notices };
  }

  notice(severity: string, code: string, message: string): void {
    this.notices.push({ severity, code, message });
  }

  typeContext(statementTime: bigint): TypeContext {
    return {
      timeZone: this.setting('timezone'),
      dateStyle: this.setting('datestyle'),
      intervalStyle: this.setting('intervalstyle'),
      extraFloatDigits: Number(this.setting('extra_float_digits')),
      statementTime,
      transactionTime: this.tx?.startTime ?? statementTime,
      oidNames: oidNames(this.tx?.catalog ?? this.engine.catalog, this.searchPath()),
    };
  }

  // ---- dispatch -------------------------------------------------------------------------------

  private async dispatch(stmt: ast.Statement, text: string, params: readonly unknown[], paramTypes: SqlType[], cache: PlanCache | null = null): Promise<StatementResult> {
    switch (stmt.kind) {
      case 'begin':
      case 'commit':
      case 'rollback':
      case 'savepoint':
      case 'rollback to':
      case 'release':
      case 'set transaction':
        return this.transactionStatement(stmt);
      case 'deallocate':
        if (stmt.name === null) this.prepared.clear();
        else if (!this.prepared.delete(stmt.name)) throw new SqlError('26000', `prepared statement "${stmt.name}" does not exist`);
        return done('DEALLOCATE');
      default:
        break;
    }
    if (this.tx !== null && this.tx.failed !== null) {
      throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
    if (stmt.kind === 'prepare') {
      if (this.prepared.has(stmt.name)) throw new SqlError('42P05', `prepared statement "${stmt.name}" already exists`);
      const p = new Planner(new Runtime(), this.engine.catalog, [], () => undefined);
      const types = stmt.types.map((t) => resolveTypeName(t));
      void p;
      this.prepared.set(stmt.name, { statement: stmt.statement, types, text });
      return done('PREPARE');
    }
    if (stmt.kind === 'execute') return this.executePrepared(stmt, text);
    return this.withTransaction((tx) => this.inTransaction(tx, stmt, text, params, paramTypes, cache));
  }

  /**
   * Run `body` in the open block, or in a transaction of its own that commits when it succeeds
   * (autocommit). An error rolls the autocommit transaction back, or aborts the block (25P02 after).
   */
  private async withTransaction(body: (tx: TxState) => Promise<StatementResult>): Promise<StatementResult> {
    const tx = this.tx ?? this.begin(false, null);
    const autocommit = !tx.explicit;
    try {
      const r = await body(tx);
      if (autocommit) await this.commit(tx);
      return r;
    } catch (err) {
      if (autocommit) this.rollback(tx);
      else this.fail(tx, err);
      throw err;
    }
  }

  private async inTransaction(tx: TxState, stmt: ast.Statement, text: string, params: readonly unknown[], paramTypes: SqlType[], cache: PlanCache | null = null, describeOnly = false): Promise<StatementResult> {
    tx.started = true;
    tx.kv.beginStatement();
    const catalog = tx.catalog ?? this.engine.catalog;
    const searchPath = this.setting('search_path');
    const cached = cache !== null && cache.plan !== null && cache.catalog === catalog && cache.searchPath === searchPath ? cache : null;
    const rt = cached?.rt ?? new Runtime();
    this.running = rt;
    this.autocommitTx = tx;
    const timer = this.statementTimer();
    try {
      this.prepareRuntime(rt, tx);
      if (cached === null) rt.paramTypes = paramTypes.slice();
      if (cached !== null && stmt.kind === 'query') {
        const plan = cached.plan!;
        if (describeOnly) throw new DescribeStop(rt, plan.columns);
        bindParamValues(rt, params);
        return await this.runPlan(rt, plan);
      }
      const planner = this.planner(rt, tx);
      const ex: Exec = { engine: this.engine, session: this, tx, rt, planner, text };
      const bindParams: BindParams = describeOnly
        ? (columns) => {
            throw new DescribeStop(rt, columns ?? []);
          }
        : () => bindParamValues(rt, params);
      switch (stmt.kind) {
        case 'query': {
          if (stmt.locking !== null) {
            await this.lockRows(ex, stmt, bindParams);
            return await this.select(ex, stmt, bindParams, null);
          }
          return await this.select(ex, stmt, bindParams, cache === null ? null : (plan) => Object.assign(cache, { plan, rt, catalog, searchPath }));
        }
        case 'insert':
        case 'update':
        case 'delete':
          this.checkWritable(tx, stmt.kind.toUpperCase());
          return await runDml(ex, stmt, bindParams);
        case 'explain':
          return await this.explain(ex, stmt, bindParams);
        case 'set':
          return this.set(tx, stmt);
        case 'show':
          return this.show(stmt);
        case 'reset':
          return this.set(tx, { kind: 'set', name: stmt.name, value: null, local: false, pos: stmt.pos });
        case 'utility':
          return this.utility(ex, stmt);
        case 'copy':
          throw new SqlError('0A000', 'COPY is only available through the PostgreSQL wire protocol or Session.copyFrom/copyTo', { offset: stmt.pos });
        default:
          this.checkWritable(tx, 'DDL');
          return await runDdl(ex, stmt);
      }
    } finally {
      if (timer !== null) clearTimeout(timer);
      this.running = null;
      this.autocommitTx = null;
      if (tx.kv.state === 'active') tx.kv.endStatement();
    }
  }

  /** statement_timeout while the statement waits (for a lock, a commit): the loops check the deadline themselves. */
  private statementTimer(): NodeJS.Timeout | null {
    const ms = Number(this.setting('statement_timeout'));
    if (!(ms > 0)) return null;
    const t = setTimeout(() => this.interrupt('canceling statement due to statement timeout'), ms);
    t.unref?.();
    return t;
  }

  /** Fill a runtime for one execution in `tx`: settings, clock, services, statement_timeout. */
  private prepareRuntime(rt: Runtime, tx: TxState): void {
    rt.tx = tx.ks;
    rt.ctx = this.typeContext(nowMicros());
    rt.services = this.services(tx);
    rt.execId = nextExecId++;
    rt.cancelled = false;
    rt.cancelMessage = 'canceling statement due to user request';
    rt.held = 0;
    const timeout = Number(this.setting('statement_timeout'));
    rt.deadline = timeout > 0 ? Date.now() + timeout : Infinity;
  }

  private checkWritable(tx: TxState, what: string): void {
    if (tx.kv.readOnly) {
      const name = what === 'DDL' ? 'CREATE/ALTER/DROP' : what;
      throw new SqlError('25006', `cannot execute ${name} in a read-only transaction`);
    }
  }

  /** A planner over the catalog this transaction sees. */
  planner(rt: Runtime, tx: TxState | null): Planner {
    const catalog = tx?.catalog ?? this.engine.catalog;
    const p = new Planner(rt, catalog, this.searchPath(), (pl, e, scope) => specialFunction(this, pl, e, scope));
    p.parseView = (text) => {
      const s = parse(text);
      const q = s[0]?.statement;
      if (q === undefined || q.kind !== 'query') throw new SqlError('XX000', 'stored view text is not a query');
      return q;
    };
    return p;
  }

  searchPath(): string[] {
    const text = this.setting('search_path');
    if (this.searchPathCache?.text !== text) {
      const list = text
        .split(',')
        .map((s) => s.trim().replace(/^"(.*)"$/, '$1'))
        .filter((s) => s !== '$user' && s !== '')
        .concat(['pg_catalog']);
      this.searchPathCache = { text, list };
    }
    return this.searchPathCache.list;
  }

  private searchPathCache: { text: string; list: string[] } | null = null;

  /**
   * SELECT … FOR UPDATE / SHARE: lock the rows of the query's tables that its FROM and WHERE
   * select, then read again with a fresh statement snapshot (READ COMMITTED returns the rows as
   * they are once locked, as PostgreSQL does; the other levels fail with 40001 when a row changed
   * after their snapshot). Every mode takes the exclusive row lock.
   */
  private async lockRows(ex: Exec, q: ast.Query, bindParams: BindParams): Promise<void> {
    if (q.body.kind !== 'select') throw new SqlError('0A000', 'FOR UPDATE is only supported on a plain SELECT', { offset: q.pos });
    const sel = q.body;
    if (sel.distinct !== null || sel.groupBy.length > 0 || sel.having !== null) {
      throw new SqlError('0A000', 'FOR UPDATE is not allowed with DISTINCT, GROUP BY or HAVING', { offset: q.pos });
    }
    this.checkWritable(ex.tx, 'SELECT FOR UPDATE');
    const scope = new Scope(null);
    const node = ex.planner.planFrom(sel.from, sel.where, scope);
    ex.planner.raiseFoldErrors();
    bindParams();
    const keys: Uint8Array[] = [];
    for (const row of node.rows(null)) {
      if (row === PAUSE) {
        await ex.rt.pause();
        continue;
      }
      ex.rt.tick();
      for (const rel of scope.rels) {
        if (rel.layout === null) continue;
        const key = row[rel.offset + rel.columns.length - 1];
        if (key instanceof Uint8Array) keys.push(rel.layout.fullKey(key));
      }
    }
    for (const k of keys) await ex.tx.ks.lock(k);
    ex.tx.kv.beginStatement();
  }

  private select(ex: Exec, q: ast.Query, bindParams: BindParams, keep: ((plan: PlannedQuery) => void) | null): Promise<StatementResult> {
    const p = ex.planner.planQuery(q, new Scope(null));
    ex.planner.raiseFoldErrors();
    if (keep !== null) keep(p);
    bindParams(p.columns);
    return this.runPlan(ex.rt, p);
  }

  private async runPlan(rt: Runtime, p: PlannedQuery): Promise<StatementResult> {
    const rows: Value[][] = [];
    for (const r of p.node.rows(null)) {
      if (r === PAUSE) {
        await rt.pause();
        continue;
      }
      rt.tick();
      rt.hold();
      rows.push(r);
    }
    return { command: 'SELECT', tag: `SELECT ${rows.length}`, columns: p.columns, rows, rowCount: rows.length };
  }

  private async explain(ex: Exec, stmt: ast.ExplainStmt, bindParams: BindParams): Promise<StatementResult> {
    const inner = stmt.statement;
    const lines: string[] = [];
    if (inner.kind === 'query') {
      const p = ex.planner.planQuery(inner, new Scope(null));
      ex.planner.raiseFoldErrors();
      p.node.explain(lines, '');
      if (stmt.analyze) {
        bindParams();
        let n = 0;
        for (const r of p.node.rows(null)) {
          if (r === PAUSE) await ex.rt.pause();
          else n++;
        }
        lines.push(`(actual rows=${n})`);
      }
    } else if (inner.kind === 'insert' || inner.kind === 'update' || inner.kind === 'delete') {
      const label = inner.kind === 'insert' ? 'Insert' : inner.kind === 'update' ? 'Update' : 'Delete';
      lines.push(`${label} on ${inner.table.name}`);
      if (inner.kind !== 'insert') {
        const scope = new Scope(null);
        const node = ex.planner.planFrom([{ kind: 'table', name: inner.table, alias: inner.alias === null ? null : { name: inner.alias, columns: [] }, pos: inner.pos }, ...(inner.kind === 'update' ? inner.from : inner.using)], inner.where, scope);
        const sub: string[] = [];
        node.explain(sub, '');
        lines.push(`  ->  ${sub[0]!.trimStart()}`, ...sub.slice(1).map((l) => '      ' + l));
      }
      if (stmt.analyze) throw new SqlError('0A000', 'EXPLAIN ANALYZE of data-modifying statements is not supported', { offset: stmt.pos });
    } else {
      throw new SqlError('0A000', `EXPLAIN of ${inner.kind} is not supported`, { offset: stmt.pos });
    }
    return { command: 'EXPLAIN', tag: 'EXPLAIN', columns: [{ name: 'QUERY PLAN', type: T.text }], rows: lines.map((l) => [l]), rowCount: lines.length };
  }

  private show(stmt: ast.ShowStmt): StatementResult {
    if (stmt.name.toLowerCase() === 'all') {
      const rows: Value[][] = [...settingDefs.entries()].map(([k, d]) => [d.display, this.setting(k), d.description]);
      return { command: 'SHOW', tag: 'SHOW', columns: [{ name: 'name', type: T.text }, { name: 'setting', type: T.text }, { name: 'description', type: T.text }], rows, rowCount: rows.length };
    }
    const k = settingKey(stmt.name);
    const def = settingDefs.get(k)!;
    let v = this.setting(k);
    if ((k === 'statement_timeout' || k === 'lock_timeout' || k === 'idle_in_transaction_session_timeout') && v !== '0') v = formatMs(Number(v));
    return { command: 'SHOW', tag: 'SHOW', columns: [{ name: def.display.toLowerCase() === k ? def.display : def.display, type: T.text }], rows: [[v]], rowCount: 1 };
  }

  private set(tx: TxState, stmt: ast.SetStmt): StatementResult {
    const tag = stmt.kind === 'set' && stmt.value === null ? 'RESET' : 'SET';
    if (stmt.name.toLowerCase() === 'all' && stmt.value === null) {
      for (const k of [...this.settings.keys()]) this.assign(tx, k, null, false);
      return done(tag === 'RESET' ? 'RESET' : 'SET');
    }
    const k = settingKey(stmt.name);
    const def = settingDefs.get(k)!;
    if (def.readOnly) {
      if (k === 'transaction_isolation' && stmt.value !== null) {
        this.setTransactionModes(tx, { isolation: stmt.value.toLowerCase() as ast.IsolationLevelName, readOnly: null, deferrable: null });
        return done('SET');
      }
      throw new SqlError('55P02', `parameter "${stmt.name}" cannot be changed`);
    }
    let value: string | null = stmt.value;
    if (value !== null && def.check !== undefined) value = def.check(value);
    this.assign(tx, k, value, stmt.local);
    return done(tag);
  }

  private assign(tx: TxState, k: string, value: string | null, local: boolean): void {
    if (local) {
      if (tx.explicit) tx.local.set(k, value ?? settingDefs.get(k)!.default);
      else this.notice('WARNING', '25P01', 'SET LOCAL can only be used in transaction blocks');
      return;
    }
    if (tx.explicit && !tx.settingsBefore.has(k)) tx.settingsBefore.set(k, this.settings.get(k) ?? '\u0000');
    if (value === null) this.settings.delete(k);
    else this.settings.set(k, value);
    tx.local.delete(k);
  }

  private utility(ex: Exec, stmt: ast.UtilityStmt): StatementResult {
    for (const t of stmt.tables) ex.planner.table(t);
    const tags: Record<ast.UtilityStmt['command'], string> = {
      vacuum: 'VACUUM',
      analyze: 'ANALYZE',
      checkpoint: 'CHECKPOINT',
      lock: 'LOCK TABLE',
      discard: 'DISCARD ALL',
      reindex: 'REINDEX',
      comment: 'COMMENT',
      grant: 'GRANT',
      revoke: 'REVOKE',
    };
    if (stmt.command === 'vacuum' && ex.tx.explicit) throw new SqlError('25001', 'VACUUM cannot run inside a transaction block');
    if (stmt.command === 'lock' && !ex.tx.explicit) throw new SqlError('25P01', 'LOCK TABLE can only be used in transaction blocks');
    return done(tags[stmt.command]);
  }

  private async executePrepared(stmt: Extract<ast.PreparedStmt, { kind: 'execute' }>, text: string): Promise<StatementResult> {
    const p = this.prepared.get(stmt.name);
    if (p === undefined) throw new SqlError('26000', `prepared statement "${stmt.name}" does not exist`);
    // Evaluate the arguments as constants.
    const rt = new Runtime();
    rt.ctx = this.typeContext(nowMicros());
    const pl = this.planner(rt, this.tx);
    const scope = new Scope(null);
    // Each argument goes in as its text form, which the parameter's type reads back exactly.
    const args = stmt.args.map((a, i) => {
      let e = pl.compile(a, scope);
      const t = p.types[i];
      if (t !== undefined) e = pl.coerce(e, t, 'assignment', a.pos);
      const v = e.ev({ row: [], outer: null });
      return v === null ? null : e.type.base === 'unknown' ? (v as string) : formatValue(e.type, v, rt.ctx);
    });
    return this.withTransaction((tx) => this.inTransaction(tx, p.statement, p.text, args, p.types.slice()));
  }

  // ---- COPY -----------------------------------------------------------------------------------

  /** Parse a COPY statement of the given direction. */
  private copyStatement(text: string, direction: 'from' | 'to'): ast.CopyStmt {
    const parsed = this.parseText(text);
    const stmt = parsed[0]?.statement;
    if (parsed.length !== 1 || stmt === undefined || stmt.kind !== 'copy') throw new SqlError('42601', 'expected one COPY statement');
    if (stmt.direction !== direction) throw new SqlError('0A000', direction === 'from' ? 'expected COPY … FROM STDIN' : 'expected COPY … TO STDOUT');
    const target = stmt.target.toLowerCase();
    if (target !== 'stdin' && target !== 'stdout') {
      throw new SqlError('42501', 'COPY to or from a file is not allowed', { hint: 'Use COPY FROM STDIN / TO STDOUT and send the data through the client.' });
    }
    if (direction === 'from' && stmt.table === null) throw new SqlError('42601', 'COPY FROM needs a table', { offset: stmt.pos });
    return stmt;
  }

  /**
   * Check a COPY statement before any data flows and return its number of columns (the wire
   * server sends CopyInResponse/CopyOutResponse only for a COPY that can run).
   */
  copyColumns(text: string, direction: 'from' | 'to'): number {
    try {
      const stmt = this.copyStatement(text, direction);
      if (this.tx !== null && this.tx.failed !== null) {
        throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
      }
      const own = this.tx === null;
      const tx = this.tx ?? this.begin(false, null);
      try {
        const rt = new Runtime();
        this.prepareRuntime(rt, tx);
        const p = this.planner(rt, tx);
        if (stmt.query !== null) return p.planQuery(stmt.query, new Scope(null)).columns.length;
        const t = p.table(stmt.table!);
        return stmt.columns.length > 0 ? stmt.columns.length : t.columns.filter((c) => !c.dropped).length;
      } finally {
        if (own) this.rollback(tx);
      }
    } catch (err) {
      throw locate(err, text);
    }
  }

  /**
   * COPY … FROM STDIN (text or CSV): `data` is the whole input, or chunks as they arrive (the
   * wire server feeds CopyData messages). One statement: all rows or none.
   */
  copyFrom(text: string, data: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<QueryResult> {
    const run = this.queue.then(async () => {
      this.notices = [];
      try {
        const stmt = this.copyStatement(text, 'from');
        const format = copyFormat(stmt.options);
        const r = await this.statementInTransaction(async (ex) => {
          this.checkWritable(ex.tx, 'COPY FROM');
          const parser = new CopyParser(format);
          const decoder = new TextDecoder('utf-8', { fatal: true });
          const chunks = typeof data === 'string' || data instanceof Uint8Array ? [data] : data;
          const batches = async function* (): AsyncIterable<Array<Array<string | null>>> {
            for await (const c of chunks as AsyncIterable<string | Uint8Array>) {
              let textChunk: string;
              try {
                textChunk = typeof c === 'string' ? c : decoder.decode(c, { stream: true });
              } catch {
                throw new SqlError('22021', 'invalid byte sequence for encoding "UTF8"');
              }
              yield parser.push(textChunk);
            }
            yield parser.finish();
          };
          return runCopyFrom(ex, stmt, batches());
        }, text);
        return this.toResult(r, {});
      } catch (err) {
        throw locate(err, text);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** COPY … TO STDOUT (text or CSV): the rows as COPY writes them; `onChunk` receives each row's text as it is produced. */
  copyTo(text: string, onChunk?: (chunk: string) => void): Promise<{ result: QueryResult; data: string }> {
    const run = this.queue.then(async () => {
      this.notices = [];
      try {
        const stmt = this.copyStatement(text, 'to');
        const format = copyFormat(stmt.options);
        let data = '';
        const emit = (chunk: string): void => {
          if (onChunk !== undefined) onChunk(chunk);
          else data += chunk;
        };
        const r = await this.statementInTransaction(async (ex) => {
          let query: ast.Query;
          if (stmt.query !== null) query = stmt.query;
          else {
            const table = ex.planner.table(stmt.table!);
            const names = stmt.columns.length > 0 ? stmt.columns : table.columns.filter((c) => !c.dropped).map((c) => c.name);
            query = {
              kind: 'query',
              with: null,
              body: {
                kind: 'select',
                distinct: null,
                items: names.map((n) => ({ expr: { kind: 'column', qualifier: [], name: n, pos: stmt.pos } as ast.ColumnRef, alias: null })),
                from: [{ kind: 'table', name: stmt.table!, alias: null, pos: stmt.pos }],
                where: null,
                groupBy: [],
                having: null,
                windows: [],
                pos: stmt.pos,
              },
              orderBy: [],
              limit: null,
              offset: null,
              withTies: false,
              locking: null,
              pos: stmt.pos,
            };
          }
          const p = ex.planner.planQuery(query, new Scope(null));
          if (format.header) emit(formatCopyRow(format, p.columns.map((c) => c.name)));
          const fq = format.forceQuote;
          if (fq !== null && fq !== '*') {
            for (const name of fq) if (!p.columns.some((c) => c.name === name)) throw new SqlError('42P10', `FORCE_QUOTE column "${name}" not referenced by COPY`);
          }
          const forced = fq === null ? null : p.columns.map((c) => fq === '*' || fq.includes(c.name));
          let n = 0;
          for (const row of p.node.rows(null)) {
            if (row === PAUSE) {
              await ex.rt.pause();
              continue;
            }
            ex.rt.tick();
            emit(formatCopyRow(format, row.map((v, i) => (v === null ? null : formatValue(p.columns[i]!.type, v, ex.rt.ctx))), forced));
            n++;
          }
          return { command: 'COPY', tag: `COPY ${n}`, columns: [], rows: [], rowCount: n };
        }, text);
        return { result: this.toResult(r, {}), data };
      } catch (err) {
        throw locate(err, text);
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Run `body` as one statement of the current transaction (or its own autocommit transaction). */
  private async statementInTransaction(body: (ex: Exec) => Promise<StatementResult>, text: string): Promise<StatementResult> {
    if (this.tx !== null && this.tx.failed !== null) {
      throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
    return this.withTransaction(async (tx) => {
      tx.started = true;
      tx.kv.beginStatement();
      const rt = new Runtime();
      this.prepareRuntime(rt, tx);
      this.running = rt;
      this.autocommitTx = tx;
      const timer = this.statementTimer();
      try {
        return await body({ engine: this.engine, session: this, tx, rt, planner: this.planner(rt, tx), text });
      } finally {
        if (timer !== null) clearTimeout(timer);
        this.running = null;
        this.autocommitTx = null;
        if (tx.kv.state === 'active') tx.kv.endStatement();
      }
    });
  }

  // ---- transactions ---------------------------------------------------------------------------

  private begin(explicit: boolean, modes: ast.TransactionModes | null): TxState {
    const iso = normaliseIsolation(modes?.isolation ?? this.setting('default_transaction_isolation'));
    const readOnly = modes?.readOnly ?? this.setting('default_transaction_read_only') === 'on';
    const lockTimeout = Number(this.setting('lock_timeout'));
    const kv = this.engine.db.begin({ isolation: iso, readOnly, lockTimeoutMs: lockTimeout });
    const tx = new TxState(kv, kv.keyspace('sql'), explicit, this.engine.ownerId());
    if (explicit) this.tx = tx;
    return tx;
  }

  private async transactionStatement(stmt: ast.TransactionStmt): Promise<StatementResult> {
    const tx = this.tx;
    switch (stmt.kind) {
      case 'begin':
        if (tx !== null && tx.implicit) {
          // BEGIN inside a multi-statement message makes its implicit block an explicit one.
          tx.implicit = false;
          if (stmt.modes !== null) this.setTransactionModes(tx, stmt.modes);
          return done(stmt.start === true ? 'START TRANSACTION' : 'BEGIN');
        }
        if (tx !== null) {
          this.notice('WARNING', '25001', 'there is already a transaction in progress');
          return done(stmt.start === true ? 'START TRANSACTION' : 'BEGIN');
        }
        this.begin(true, stmt.modes);
        return done(stmt.start === true ? 'START TRANSACTION' : 'BEGIN');
      case 'commit': {
        // In a multi-statement message's implicit block PostgreSQL commits it, with the same warning.
        if (tx !== null && tx.implicit) this.notice('WARNING', '25P01', 'there is no transaction in progress');
        if (tx === null) {
          this.notice('WARNING', '25P01', 'there is no transaction in progress');
          return done('COMMIT');
        }
        this.tx = null;
        if (tx.failed !== null) {
          this.rollback(tx);
          return done('ROLLBACK');
        }
        await this.commit(tx);
        if (stmt.chain) this.begin(true, { isolation: tx.kv.isolation, readOnly: tx.kv.readOnly, deferrable: null });
        return done('COMMIT');
      }
      case 'rollback':
        if (tx !== null && tx.implicit) this.notice('WARNING', '25P01', 'there is no transaction in progress');
        if (tx === null) {
          this.notice('WARNING', '25P01', 'there is no transaction in progress');
          return done('ROLLBACK');
        }
        this.tx = null;
        this.rollback(tx);
        if (stmt.chain) this.begin(true, { isolation: tx.kv.isolation, readOnly: tx.kv.readOnly, deferrable: null });
        return done('ROLLBACK');
      case 'savepoint':
        if (tx === null || tx.implicit) throw new SqlError('25P01', 'SAVEPOINT can only be used in transaction blocks');
        if (tx.failed !== null) throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
        tx.kv.savepoint(stmt.name);
        tx.savepoints.push({ name: stmt.name, settings: new Map(this.settings), catalog: tx.catalog === null ? null : tx.catalog.clone(), garbage: tx.garbage.length });
        return done('SAVEPOINT');
      case 'release': {
        if (tx === null || tx.implicit) throw new SqlError('25P01', 'RELEASE SAVEPOINT can only be used in transaction blocks');
        if (tx.failed !== null) throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
        const i = findSavepoint(tx, stmt.name);
        tx.kv.release(stmt.name);
        tx.savepoints.length = i;
        return done('RELEASE');
      }
      case 'rollback to': {
        if (tx === null || tx.implicit) throw new SqlError('25P01', 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
        const i = findSavepoint(tx, stmt.name);
        const sp = tx.savepoints[i]!;
        tx.kv.rollbackTo(stmt.name);
        tx.savepoints.length = i + 1;
        // DDL since the savepoint is undone: its catalog records with the KV writes, the in-memory
        // catalog from the copy, and storage it dropped is no longer garbage.
        tx.catalog = sp.catalog === null ? null : sp.catalog.clone();
        tx.garbage.length = sp.garbage;
        this.settings.clear();
        for (const [k, v] of sp.settings) this.settings.set(k, v);
        tx.failed = null;
        return done('ROLLBACK');
      }
      case 'set transaction': {
        if (stmt.session) {
          const t = tx ?? this.begin(false, null);
          if (stmt.modes.isolation !== null) this.assign(t, 'default_transaction_isolation', normaliseIsolation(stmt.modes.isolation), false);
          if (stmt.modes.readOnly !== null) this.assign(t, 'default_transaction_read_only', stmt.modes.readOnly ? 'on' : 'off', false);
          if (tx === null) await this.commit(t);
          return done('SET');
        }
        if (tx === null) {
          this.notice('WARNING', '25P01', 'SET TRANSACTION can only be used in transaction blocks');
          return done('SET');
        }
        this.setTransactionModes(tx, stmt.modes);
        return done('SET');
      }
    }
  }

  private setTransactionModes(tx: TxState, modes: ast.TransactionModes): void {
    if (!tx.explicit) return;
    if (tx.started && modes.isolation !== null) throw new SqlError('25001', 'SET TRANSACTION ISOLATION LEVEL must be called before any query');
    if (tx.failed !== null) throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    const iso = modes.isolation === null ? tx.kv.isolation : normaliseIsolation(modes.isolation);
    const readOnly = modes.readOnly ?? tx.kv.readOnly;
    if (tx.started && readOnly === false && tx.kv.readOnly) throw new SqlError('25001', 'transaction read-write mode must be set before any query');
    if (iso === tx.kv.isolation && readOnly === tx.kv.readOnly) return;
    tx.kv.rollback();
    const kv = this.engine.db.begin({ isolation: iso, readOnly, lockTimeoutMs: Number(this.setting('lock_timeout')) });
    const next = new TxState(kv, kv.keyspace('sql'), true, tx.id);
    this.tx = next;
  }

  private async commit(tx: TxState): Promise<void> {
    try {
      await tx.kv.commit();
      if (tx.usedSequences) await this.engine.sequenceDurable();
    } catch (err) {
      this.finish(tx, false);
      throw err;
    }
    this.finish(tx, true);
  }

  private rollback(tx: TxState): void {
    if (tx.kv.state === 'active' || tx.kv.state === 'failed') tx.kv.rollback();
    this.finish(tx, false);
  }

  private finish(tx: TxState, committed: boolean): void {
    if (committed && tx.catalog !== null) {
      tx.catalog.frozen = true;
      this.engine.catalog = tx.catalog;
      if (tx.garbage.length > 0) this.engine.cleanup(tx.garbage);
    }
    if (!committed) {
      for (const [k, v] of tx.settingsBefore) {
        if (v === '\u0000') this.settings.delete(k);
        else this.settings.set(k, v);
      }
    }
    this.engine.locks.releaseAll(tx);
    if (this.tx === tx) this.tx = null;
  }

  /** An error inside a transaction block: the block is aborted until ROLLBACK. */
  private fail(tx: TxState, err: unknown): void {
    const e = err instanceof Error ? err : new Error(String(err));
    tx.failed = e;
    if (tx.kv.state === 'active') tx.kv.abort(e);
    // Table locks go with the aborted work (PostgreSQL releases them at the error) unless a savepoint keeps the transaction.
    if (tx.savepoints.length === 0) this.engine.locks.releaseAll(tx);
  }

  /** End the session: roll back any open transaction. */
  async close(): Promise<void> {
    await this.queue;
    if (this.tx !== null) this.rollback(this.tx);
    this.closed = true;
  }

  // ---- services for expressions -----------------------------------------------------------------

  private services(tx: TxState): SessionServices {
    const engine = this.engine;
    const catalog = (): Catalog => tx.catalog ?? engine.catalog;
    const seq = (oid: number): SequenceInfo => {
      const s = catalog().get(oid);
      if (s === undefined || s.kind !== 'sequence') throw new SqlError('42P01', `relation with OID ${oid} does not exist`);
      return s;
    };
    return {
      nextval: (oid) => {
        const s = seq(oid);
        if (tx.kv.readOnly) throw new SqlError('25006', 'cannot execute nextval() in a read-only transaction');
        this.lastSequence = s;
        tx.usedSequences = true;
        return engine.nextval(s);
      },
      currval: (oid) => {
        const s = seq(oid);
        const c = engine.currval(s);
        if (!c.called || this.lastSequence === null) throw new SqlError('55000', `currval of sequence "${s.name}" is not yet defined in this session`);
        return c.last;
      },
      setval: (oid, value, called) => {
        const s = seq(oid);
        tx.usedSequences = true;
        engine.setval(s, value, called);
        return value;
      },
      lastval: () => {
        if (this.lastSequence === null) throw new SqlError('55000', 'lastval is not yet defined in this session');
        return engine.currval(this.lastSequence).last;
      },
      setting: (name) => this.setting(name),
      setSetting: (name, value, local) => {
        this.set(tx, { kind: 'set', name, value, local, pos: 0 });
        return this.setting(name);
      },
      userName: this.userName,
      databaseName: this.databaseName,
      backendPid: this.backendPid,
    };
  }
}

/** A prepared statement's plan, reused while the catalog and search_path stay the same. */
export interface PlanCache {
  plan: PlannedQuery | null;
  rt: Runtime | null;
  catalog: Catalog | null;
  searchPath: string | null;
}

let nextExecId = 1;

/** A parameter sent in binary format (wire protocol): decoded once the plan has fixed its type. */
export class BinaryParam {
  constructor(
    readonly bytes: Uint8Array,
    readonly decode: (type: SqlType, bytes: Uint8Array, ctx: TypeContext, paramNumber: number) => Value,
  ) {}
}

/** Thrown from the bind step of a describe-only run: planning is done, nothing has run. */
class DescribeStop {
  constructor(
    readonly rt: Runtime,
    readonly columns: readonly OutputColumn[],
  ) {}
}

/** Convert JavaScript parameter values (or wire parameters) to the types the plan gave the parameters. */
function bindParamValues(rt: Runtime, params: readonly unknown[]): void {
  rt.params = params.map((p, i) => {
    let t = rt.paramTypes[i] ?? null;
    if (t === null) {
      t = p === null || p === undefined || p instanceof BinaryParam ? T.text : inferJsType(p);
      rt.paramTypes[i] = t;
    }
    if (p === null || p === undefined) return null;
    if (p instanceof BinaryParam) return p.decode(t, p.bytes, rt.ctx, i + 1);
    return fromJs(p, t, rt.ctx);
  });
}

function findSavepoint(tx: TxState, name: string): number {
  for (let i = tx.savepoints.length - 1; i >= 0; i--) if (tx.savepoints[i]!.name === name) return i;
  throw new SqlError('3B001', `savepoint "${name}" does not exist`);
}

function normaliseIsolation(iso: string): 'read committed' | 'repeatable read' | 'serializable' {
  const l = iso.toLowerCase();
  if (l === 'read uncommitted' || l === 'read committed') return 'read committed';
  if (l === 'repeatable read' || l === 'serializable') return l;
  throw new SqlError('22023', `invalid value for parameter "transaction_isolation": "${iso}"`);
}

function formatMs(ms: number): string {
  if (ms % 3600000 === 0) return `${ms / 3600000}h`;
  if (ms % 60000 === 0) return `${ms / 60000}min`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export function done(tag: string): StatementResult {
  return { command: tag, tag, columns: [], rows: [], rowCount: 0 };
}

function emptyResult(): QueryResult {
  return { command: '', commandTag: '', rowCount: 0, rows: [], fields: [], notices: [] };
}

/** Give SQL errors their 1-based position in `text`; anything that is not a BasaltError is an internal error (XX000). */
function locate(err: unknown, text: string): unknown {
  if (err instanceof SqlError) err.locate(text);
  if (err instanceof BasaltError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new SqlError('54001', 'stack depth limit exceeded', { cause: e });
  return new SqlError('XX000', `internal error: ${e.message}`, { cause: e });
}


/** Functions that need the session or the catalog. */
function specialFunction(session: Session, p: Planner, e: ast.FuncCall, scope: Scope): BExpr | undefined {
  const name = e.name.name;
  const rt = p.rt;
  const args = (): BExpr[] => e.args.map((a) => p.compile(a, scope));
  const seqOid = (v: Value, pos: number): number => {
    const text = String(v);
    const parts = text.split('.');
    const rel = p.lookupRelation({ schema: parts.length > 1 ? parts[0]! : null, name: parts[parts.length - 1]!.replace(/^"(.*)"$/, '$1').toLowerCase(), pos });
    if (rel === undefined) throw new SqlError('42P01', `relation "${text}" does not exist`, { offset: pos });
    if (rel.kind !== 'sequence') throw new SqlError('42809', `"${text}" is not a sequence`, { offset: pos });
    return rel.oid;
  };
  switch (name) {
    case 'nextval':
    case 'currval': {
      const [a] = args();
      if (a === undefined || e.args.length !== 1) return undefined;
      const x = p.coerce(a, T.text, 'implicit', e.pos);
      const pos = e.pos;
      return {
        type: T.int8,
        text: `${name}(${x.text})`,
        ev: (f) => {
          const v = x.ev(f);
          if (v === null) return null;
          const oid = seqOid(v, pos);
          return name === 'nextval' ? rt.services.nextval(oid) : rt.services.currval(oid);
        },
      };
    }
    case 'setval': {
      const a = args();
      if (a.length < 2 || a.length > 3) return undefined;
      const s = p.coerce(a[0]!, T.text, 'implicit', e.pos);
      const v = p.coerce(a[1]!, T.int8, 'implicit', e.pos);
      const c = a[2] === undefined ? null : p.coerce(a[2], T.bool, 'implicit', e.pos);
      const pos = e.pos;
      return {
        type: T.int8,
        text: 'setval(...)',
        ev: (f) => {
          const sv = s.ev(f);
          const vv = v.ev(f);
          if (sv === null || vv === null) return null;
          const called = c === null ? true : c.ev(f);
          if (called === null) return null;
          return rt.services.setval(seqOid(sv, pos), vv as bigint, called as boolean);
        },
      };
    }
    case 'lastval':
      if (e.args.length !== 0) return undefined;
      return { type: T.int8, text: 'lastval()', ev: () => rt.services.lastval() };
    case 'pg_typeof': {
      const [a] = args();
      if (a === undefined) return undefined;
      return constant(T.text, formatTypeName(a.type.base === 'unknown' ? T.unknown : a.type), 'pg_typeof');
    }
    case 'current_setting': {
      const a = args();
      if (a.length < 1 || a.length > 2) return undefined;
      const x = p.coerce(a[0]!, T.text, 'implicit', e.pos);
      const missingOk = a[1] === undefined ? null : p.coerce(a[1], T.bool, 'implicit', e.pos);
      return {
        type: T.text,
        text: 'current_setting(...)',
        ev: (f) => {
          const n = x.ev(f);
          if (n === null) return null;
          try {
            return rt.services.setting(n as string) ?? null;
          } catch (err) {
            if (missingOk !== null && missingOk.ev(f) === true) return null;
            throw err;
          }
        },
      };
    }
    case 'set_config': {
      const a = args();
      if (a.length !== 3) return undefined;
      const [n, v, l] = [p.coerce(a[0]!, T.text, 'implicit'), p.coerce(a[1]!, T.text, 'implicit'), p.coerce(a[2]!, T.bool, 'implicit')];
      return { type: T.text, text: 'set_config(...)', ev: (f) => rt.services.setSetting(n.ev(f) as string, v.ev(f) as string, l.ev(f) === true) };
    }
    case 'version':
      if (e.args.length !== 0) return undefined;
      return constant(T.text, 'PostgreSQL 15.0 (BasaltDB) on Node.js', 'version()');
    case 'current_database':
      if (e.args.length !== 0) return undefined;
      return { type: T.name, text: 'current_database()', ev: () => rt.services.databaseName };
    case 'current_schema':
      if (e.args.length !== 0) return undefined;
      return { type: T.name, text: 'current_schema()', ev: () => session.searchPath()[0] ?? null };
    case 'current_user':
    case 'session_user':
      if (e.args.length !== 0) return undefined;
      return { type: T.name, text: name, ev: () => rt.services.userName };
    default:
      return undefined;
  }
}

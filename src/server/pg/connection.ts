/**
 * One PostgreSQL client connection: startup (SSL/GSSENC negotiation, protocol version, database
 * and role checks, authentication), then the query loop over one SQL session.
 *
 * Messages are read into a queue as they arrive and handled one at a time by `run()`, which
 * awaits each statement; replies are buffered and written when the queue is empty (so a pipeline
 * of messages gets one write), on Flush, and before waiting for COPY data.
 *
 * Extended query: Parse/Bind/Describe/Execute between two Syncs form one implicit transaction
 * (unless BEGIN made it explicit) that commits at Sync; after an error every message up to the
 * next Sync is skipped, as in PostgreSQL.
 */
import type { Socket } from 'node:net';
import * as tls from 'node:tls';
import type { Database } from '../../database.js';
import { BasaltError } from '../../errors.js';
import { pgAuthenticationTimeoutMs, pgMessageBytesMax, pgOutputBufferBytesMax, pgQueuedMessagesMax, pgStartupBytesMax } from '../../limits.js';
import { SqlError, type ast, type Session } from '../../sql/index.js';
import { BinaryParam, type PlanCache, type StatementResult } from '../../sql/session.js';
import type { OutputColumn } from '../../sql/planner.js';
import type { SqlType, TypeContext, Value } from '../../sql/types/index.js';
import { AuthExchange, type AuthMethod } from './auth.js';
import { BodyReader, checkUtf8, MessageReader, MessageWriter, ProtocolError, startupCodes, type FrontendMessage } from './protocol.js';
import { decodeBinary, encodeBinary, parameterType, textValue, typeLength, typeModifier, typeOid } from './values.js';

/** What a connection needs from its server. */
export interface ConnectionHost {
  readonly db: Database;
  readonly databaseNames: readonly string[];
  readonly tls: tls.SecureContext | null;
  readonly serverVersion: string;
  /** The authentication method for this client (decided per connection: loopback, passwords set). */
  authMethod(): AuthMethod;
  /** Reserve a connection slot; false when --max-connections are in use. */
  admit(conn: PgConnection): boolean;
  release(conn: PgConnection): void;
  /** Admitted connections of role `user` (this one included once it has authenticated). */
  sessionsOf(user: string): number;
  /** A CancelRequest: cancel the running statement of backend `pid` if `secret` matches. */
  cancel(pid: number, secret: number): void;
  readonly shuttingDown: boolean;
  log(line: string): void;
}

/** The ParameterStatus values a client is told about at startup and whenever they change. */
const reportedSettings: ReadonlyArray<[string, string]> = [
  ['application_name', 'application_name'],
  ['client_encoding', 'client_encoding'],
  ['DateStyle', 'datestyle'],
  ['default_transaction_read_only', 'default_transaction_read_only'],
  ['IntervalStyle', 'intervalstyle'],
  ['standard_conforming_strings', 'standard_conforming_strings'],
  ['TimeZone', 'timezone'],
];

interface PreparedWire {
  readonly stmt: ast.Statement | null;
  readonly text: string;
  /** Types from Parse (null: inferred). */
  readonly declared: Array<SqlType | null>;
  /** The highest $n the statement uses. */
  readonly paramCount: number;
  readonly cache: PlanCache;
  /** Parameter types and result columns, found at Parse (statements that are planned). */
  described: { readonly params: SqlType[]; readonly columns: readonly OutputColumn[] } | null;
}

interface Portal {
  readonly prepared: PreparedWire;
  readonly params: unknown[];
  readonly resultFormats: readonly number[];
  /** Set by the first Execute: the rows, sent in pieces by Execute's row limit. */
  result: StatementResult | null;
  sent: number;
  /** Columns from Describe (for an empty result or a later Execute). */
  columns: readonly OutputColumn[] | null;
}

let nextPid = 1000 + Math.floor(Math.random() * 1000);

export class PgConnection {
  readonly pid = nextPid++;
  readonly secret = (Math.random() * 0x7fffffff) | 0;
  private socket: Socket;
  private readonly reader = new MessageReader(pgStartupBytesMax);
  private readonly out = new MessageWriter();
  /** Messages read and not yet handled: `inbox[inboxHead…]` (a head index: shift() is O(n)). */
  private inbox: FrontendMessage[] = [];
  private inboxHead = 0;
  private inboxBytes = 0;
  private wake: (() => void) | null = null;
  private ended = false;
  private session: Session | null = null;
  private user = '';
  private superuser = true;
  private readonly reported = new Map<string, string>();
  private readonly statements = new Map<string, PreparedWire>();
  private readonly portals = new Map<string, Portal>();
  /** After an error in extended query mode: skip messages until Sync. */
  private skipping = false;
  /** A statement is running (cancel applies). */
  private busy = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private authTimer: NodeJS.Timeout | null = null;
  private admitted = false;
  private authenticated = false;
  private ctxCache: { version: number; ctx: TypeContext } | null = null;

  constructor(
    socket: Socket,
    private readonly host: ConnectionHost,
  ) {
    this.socket = socket;
    socket.setNoDelay(true);
    this.attach(socket);
    this.authTimer = setTimeout(() => {
      this.fatal(new SqlError('08006', 'canceling authentication due to timeout'));
    }, pgAuthenticationTimeoutMs);
    this.authTimer.unref?.();
  }

  /** Messages waiting in the inbox. */
  private get queued(): number {
    return this.inbox.length - this.inboxHead;
  }

  /** The authenticated role ('' before authentication). */
  get userName(): string {
    return this.authenticated ? this.user : '';
  }

  /** The remote address (for logs). */
  get peer(): string {
    return `${this.socket.remoteAddress ?? '?'}:${this.socket.remotePort ?? '?'}`;
  }

  private attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', () => this.onEnd());
    socket.on('close', () => this.onEnd());
    socket.on('end', () => this.onEnd());
  }

  private onData(chunk: Buffer): void {
    if (this.ended) return;
    this.reader.push(chunk);
    try {
      for (;;) {
        const m = this.reader.next();
        if (m === null) break;
        // The first message decides the framing of the rest.
        if (this.reader.startup && m.type === 0 && m.body.length >= 4) {
          const code = m.body.readInt32BE(0);
          if (code !== startupCodes.ssl && code !== startupCodes.gssenc) this.reader.startup = false;
        }
        this.inbox.push(m);
        this.inboxBytes += m.body.length;
      }
    } catch (err) {
      this.fatal(err);
      return;
    }
    // A client that pipelines faster than we answer stops being read until we catch up.
    if (this.inboxBytes + this.reader.pendingBytes > pgMessageBytesMax || this.queued > pgQueuedMessagesMax) this.socket.pause();
    this.wake?.();
  }

  private onEnd(): void {
    if (this.ended) return;
    this.ended = true;
    this.wake?.();
  }

  private nextMessage(): Promise<FrontendMessage | null> | FrontendMessage | null {
    const m = this.inboxHead < this.inbox.length ? this.inbox[this.inboxHead++] : undefined;
    if (m !== undefined) {
      if (this.inboxHead === this.inbox.length) {
        this.inbox = [];
        this.inboxHead = 0;
      } else if (this.inboxHead > 4096 && this.inboxHead * 2 > this.inbox.length) {
        this.inbox = this.inbox.slice(this.inboxHead);
        this.inboxHead = 0;
      }
      this.inboxBytes -= m.body.length;
      if (this.socket.isPaused() && this.inboxBytes + this.reader.pendingBytes <= pgMessageBytesMax / 2 && this.queued <= pgQueuedMessagesMax / 2) this.socket.resume();
      return m;
    }
    if (this.ended) return null;
    this.flush();
    return new Promise<FrontendMessage | null>((resolve) => {
      this.wake = () => {
        this.wake = null;
        resolve(this.nextMessage() as FrontendMessage | null);
      };
    }).then((x) => x);
  }

  /** Serve the connection until it ends. */
  async run(): Promise<void> {
    try {
      if (!(await this.startup())) return;
      for (;;) {
        const m = await this.nextMessage();
        if (m === null) break;
        this.clearIdleTimer();
        if (m.type === 0x58 /* X: Terminate */) break;
        await this.handle(m);
        if (this.socket.writableLength > pgOutputBufferBytesMax) await this.drain();
        if (this.queued === 0) this.flush();
      }
    } catch (err) {
      if (!this.ended) this.fatal(err);
    } finally {
      await this.finish();
    }
  }

  /** Stop for a server shutdown: cancel the running statement and end with 57P01. */
  terminate(): void {
    this.session?.cancel();
    if (this.busy) return void (this.terminateAfter = true);
    this.fatal(new SqlError('57P01', 'terminating connection due to administrator command'));
  }

  private terminateAfter = false;

  /** The CancelRequest of this backend arrived. */
  cancel(secret: number): boolean {
    if (secret !== this.secret) return false;
    if (this.busy) this.session?.cancel();
    return true;
  }

  private async finish(): Promise<void> {
    this.clearIdleTimer();
    if (this.authTimer !== null) clearTimeout(this.authTimer);
    this.flush();
    if (!this.socket.destroyed) this.socket.end();
    const s = this.session;
    this.session = null;
    if (s !== null) await s.close().catch(() => undefined);
    if (this.admitted) this.host.release(this);
    this.admitted = false;
  }

  // ---- startup ------------------------------------------------------------------------------

  private async startup(): Promise<boolean> {
    let params: Map<string, string> | null = null;
    for (;;) {
      const m = await this.nextMessage();
      if (m === null) return false;
      const r = new BodyReader(m.body);
      const code = r.int32();
      if (code === startupCodes.ssl) {
        if (this.queued > 0 || this.reader.pendingBytes > 0) throw new ProtocolError('received unencrypted data after SSL request');
        if (this.host.tls === null || this.socket instanceof tls.TLSSocket) {
          this.writeRaw(Buffer.from('N'));
          continue;
        }
        this.writeRaw(Buffer.from('S'));
        this.upgrade(this.host.tls);
        continue;
      }
      if (code === startupCodes.gssenc) {
        if (this.queued > 0 || this.reader.pendingBytes > 0) throw new ProtocolError('received unencrypted data after GSSAPI encryption request');
        this.writeRaw(Buffer.from('N'));
        continue;
      }
      if (code === startupCodes.cancel) {
        if (m.body.length === 12) this.host.cancel(r.int32(), r.int32());
        this.ended = true;
        return false;
      }
      const major = code >>> 16;
      const minor = code & 0xffff;
      if (major !== 3) throw new SqlError('0A000', `unsupported frontend protocol ${major}.${minor}: server supports 3.0 to 3.0`);
      params = new Map();
      const unknownOptions: string[] = [];
      for (;;) {
        const name = r.cstring();
        if (name === '') break;
        const value = r.cstring();
        if (name.startsWith('_pq_.')) unknownOptions.push(name);
        else params.set(name, value);
      }
      if (minor > 0 || unknownOptions.length > 0) {
        this.out.begin(0x76 /* v: NegotiateProtocolVersion */).int32(startupCodes.protocol3).int32(unknownOptions.length);
        for (const o of unknownOptions) this.out.cstring(o);
        this.out.end();
      }
      break;
    }
    const user = params.get('user');
    if (user === undefined || user === '') throw new SqlError('28000', 'no PostgreSQL user name specified in startup packet');
    const database = params.get('database') ?? user;
    if (params.has('replication') && params.get('replication') !== 'false' && params.get('replication') !== '0') {
      throw new SqlError('0A000', 'replication connections are not supported by BasaltDB');
    }
    if (!this.host.admit(this)) throw new SqlError('53300', 'sorry, too many clients already');
    this.admitted = true;
    if (this.host.shuttingDown) throw new SqlError('57P03', 'the database system is shutting down');
    this.user = user;
    await this.authenticate(user);
    this.authenticated = true;
    // Authentication comes first (as in PostgreSQL): a wrong database name is told only to a real user.
    if (!this.host.databaseNames.includes(database)) throw new SqlError('3D000', `database "${database}" does not exist`);
    const role = this.host.db.roleForLogin(user);
    if (role !== undefined && !role.superuser && role.connectionLimit >= 0 && this.host.sessionsOf(user) > role.connectionLimit) {
      throw new SqlError('53300', `too many connections for role "${user}"`);
    }
    if (this.authTimer !== null) clearTimeout(this.authTimer);
    this.authTimer = null;
    this.reader.limit = pgMessageBytesMax;
    const session = this.host.db.session({ userName: user, databaseName: database, backendPid: this.pid });
    this.session = session;
    // Startup parameters and `options=-c name=value` set session settings, as PostgreSQL does.
    const settings: Array<[string, string]> = [];
    for (const [k, v] of params) {
      if (k === 'user' || k === 'database' || k === 'replication') continue;
      if (k === 'options') settings.push(...parseOptions(v));
      else settings.push([k, v]);
    }
    for (const [k, v] of settings) {
      let value = v;
      if (k.toLowerCase() === 'client_encoding' && /^(sql_ascii|auto)$/i.test(v)) value = 'UTF8';
      await session.execute({ kind: 'set', name: k, value, local: false, pos: 0 }, '', []);
    }
    this.out.begin(0x52 /* R */).int32(0).end();
    for (const [name, key] of reportedSettings) this.parameterStatus(name, session.setting(key));
    this.parameterStatus('in_hot_standby', 'off');
    this.parameterStatus('integer_datetimes', 'on');
    this.parameterStatus('is_superuser', this.superuser ? 'on' : 'off');
    this.parameterStatus('server_encoding', 'UTF8');
    this.parameterStatus('server_version', this.host.serverVersion);
    this.parameterStatus('session_authorization', user);
    this.out.begin(0x4b /* K: BackendKeyData */).int32(this.pid).int32(this.secret).end();
    this.readyForQuery();
    return true;
  }

  private upgrade(context: tls.SecureContext): void {
    const raw = this.socket;
    raw.removeAllListeners('data');
    raw.removeAllListeners('end');
    raw.removeAllListeners('close');
    raw.removeAllListeners('error');
    const secure = new tls.TLSSocket(raw, { isServer: true, secureContext: context });
    this.socket = secure;
    this.attach(secure);
    raw.on('error', () => this.onEnd());
  }

  private async authenticate(user: string): Promise<void> {
    const method = this.host.authMethod();
    const role = this.host.db.roleForLogin(user);
    if (role !== undefined) this.superuser = role.superuser;
    const exchange = new AuthExchange(method, user, role);
    let req = exchange.start();
    let done = req.code === 0;
    while (!done) {
      this.out.begin(0x52 /* R */).int32(req.code).bytes(req.data).end();
      this.flush();
      const m = await this.nextMessage();
      if (m === null) throw new AuthAbandoned();
      if (m.type !== 0x70 /* p */) throw new ProtocolError(`expected password response, got message type ${m.type}`);
      const step = exchange.receive(m.body);
      done = step.done;
      if (step.send !== null && step.send.code !== 0) {
        if (done) this.out.begin(0x52).int32(step.send.code).bytes(step.send.data).end();
        else req = step.send;
      }
    }
  }

  private parameterStatus(name: string, value: string): void {
    this.reported.set(name, value);
    this.out.begin(0x53 /* S */).cstring(name).cstring(value).end();
  }

  /** Tell the client about reported settings a statement changed. */
  private reportChanges(): void {
    const s = this.session;
    if (s === null) return;
    for (const [name, key] of reportedSettings) {
      const v = s.setting(key);
      if (this.reported.get(name) !== v) this.parameterStatus(name, v);
    }
  }

  private readyForQuery(): void {
    const status = this.session?.transactionStatus ?? 'I';
    if (status === 'I') this.portals.clear();
    this.out.begin(0x5a /* Z */).byte(status.charCodeAt(0)).end();
    this.armIdleTimer(status);
  }

  private armIdleTimer(status: 'I' | 'T' | 'E'): void {
    this.clearIdleTimer();
    if (status === 'I' || this.session === null) return;
    const ms = Number(this.session.setting('idle_in_transaction_session_timeout'));
    if (!(ms > 0)) return;
    this.idleTimer = setTimeout(() => {
      this.fatal(new SqlError('25P03', 'terminating connection due to idle-in-transaction timeout'));
    }, ms);
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  // ---- messages -----------------------------------------------------------------------------

  private async handle(m: FrontendMessage): Promise<void> {
    const t = m.type;
    if (this.skipping && t !== 0x53 /* S */) {
      // Errors in extended mode: everything up to Sync is ignored.
      return;
    }
    switch (t) {
      case 0x51 /* Q */:
        return this.simpleQuery(new BodyReader(m.body));
      case 0x50 /* P */:
        return this.extended(() => this.parse(new BodyReader(m.body)));
      case 0x42 /* B */:
        return this.extended(() => this.bind(new BodyReader(m.body)));
      case 0x44 /* D */:
        return this.extended(() => this.describe(new BodyReader(m.body)));
      case 0x45 /* E */:
        return this.extended(() => this.execute(new BodyReader(m.body)));
      case 0x43 /* C */:
        return this.extended(() => this.close(new BodyReader(m.body)));
      case 0x53 /* S */:
        return this.sync();
      case 0x48 /* H */:
        this.flush();
        return;
      case 0x64 /* d */:
      case 0x63 /* c */:
      case 0x66 /* f */:
        // Copy messages outside COPY are ignored (PostgreSQL does the same).
        return;
      case 0x46 /* F */:
        return this.extended(() => {
          throw new SqlError('0A000', 'the fastpath function call protocol is not supported');
        });
      case 0x70 /* p */:
        throw new ProtocolError('unexpected password message');
      default:
        throw new ProtocolError(`invalid frontend message type ${t}`);
    }
  }

  /** Run one extended-protocol step; an error is sent and the rest up to Sync is skipped. */
  private async extended(step: () => Promise<void> | void): Promise<void> {
    try {
      await step();
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      this.session?.failTransaction(err);
      this.sendError(err);
      this.skipping = true;
    }
  }

  private async sync(): Promise<void> {
    this.skipping = false;
    const s = this.session!;
    try {
      await s.endImplicit(true);
    } catch (err) {
      this.sendError(err);
    }
    this.reportChanges();
    this.readyForQuery();
    this.flush();
  }

  // ---- simple query -------------------------------------------------------------------------

  private async simpleQuery(r: BodyReader): Promise<void> {
    const s = this.session!;
    let text: string;
    try {
      text = r.cstring();
      r.end();
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      s.failTransaction(err);
      this.sendError(err);
      this.readyForQuery();
      return;
    }
    // A simple Query destroys the unnamed statement and portal (PostgreSQL does).
    this.statements.delete('');
    this.portals.delete('');
    let ok = true;
    try {
      const stmts = s.parse(text);
      if (stmts.length === 0) {
        this.out.begin(0x49 /* I: EmptyQueryResponse */).end();
      }
      const multi = stmts.length > 1;
      for (const p of stmts) {
        if (multi) s.beginImplicit();
        const stmt = p.statement;
        if (stmt.kind === 'copy') await this.copy(stmt, text.slice(p.start, p.end));
        else {
          const res = await this.run1(() => s.execute(stmt, text, []));
          this.sendResult(res, null, 0, true);
          this.commandComplete(res.tag);
        }
        this.reportChanges();
      }
    } catch (err) {
      if (err instanceof ProtocolError || err instanceof ConnectionLost) throw err;
      ok = false;
      s.failTransaction(err);
      this.sendError(err);
    }
    try {
      await s.endImplicit(ok);
    } catch (err) {
      this.sendError(err);
    }
    this.readyForQuery();
  }

  /** Run a statement with the connection marked busy (cancel applies) and send its notices. */
  private async run1<T>(body: () => Promise<T>): Promise<T> {
    this.busy = true;
    try {
      return await body();
    } finally {
      this.busy = false;
      this.sendNotices();
      if (this.terminateAfter) this.fatal(new SqlError('57P01', 'terminating connection due to administrator command'));
    }
  }

  private sendNotices(): void {
    const s = this.session;
    if (s === null) return;
    for (const n of s.lastNotices) {
      this.out.begin(0x4e /* N */);
      this.out.byte(0x53).cstring(n.severity).byte(0x56).cstring(n.severity).byte(0x43).cstring(n.code).byte(0x4d).cstring(n.message);
      this.out.byte(0).end();
    }
  }

  // ---- results ------------------------------------------------------------------------------

  private ctx(): TypeContext {
    return this.session!.typeContext(0n);
  }

  private rowDescription(columns: readonly OutputColumn[], formats: readonly number[]): void {
    const w = this.out.begin(0x54 /* T */).int16(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      w.cstring(c.name).int32(0).int16(0).int32(typeOid(c.type)).int16(typeLength(c.type)).int32(typeModifier(c.type)).int16(formatOf(formats, i));
    }
    w.end();
  }

  /**
   * Send a statement's rows (from `from`, at most `limit` when > 0) and, when `complete`,
   * its CommandComplete. `formats` null: text, with a RowDescription first (simple query).
   */
  private sendResult(r: StatementResult, formats: readonly number[] | null, from: number, describe: boolean, limit = 0): number {
    if (describe && (r.columns.length > 0 || r.command === 'SELECT')) this.rowDescription(r.columns, formats ?? []);
    const ctx = this.ctx();
    const cols = r.columns;
    const n = cols.length;
    const end = limit > 0 ? Math.min(r.rows.length, from + limit) : r.rows.length;
    for (let i = from; i < end; i++) {
      const row = r.rows[i]!;
      const w = this.out.begin(0x44 /* D */).int16(n);
      for (let j = 0; j < n; j++) {
        const v = row[j];
        if (v === null || v === undefined) {
          w.int32(-1);
          continue;
        }
        const t = cols[j]!.type;
        if (formats !== null && formatOf(formats, j) === 1) {
          const b = encodeBinary(t, v, ctx);
          w.int32(b.length).bytes(b);
        } else {
          w.lengthPrefixedUtf8(textValue(t, v as Value, ctx));
        }
      }
      w.end();
      if (this.out.length > 1 << 16) this.flush();
    }
    return end;
  }

  private commandComplete(tag: string): void {
    this.out.begin(0x43 /* C */).cstring(tag).end();
  }

  // ---- extended query -----------------------------------------------------------------------

  private async parse(r: BodyReader): Promise<void> {
    const name = r.cstring();
    const text = r.cstring();
    const n = r.int16();
    if (n < 0) throw new ProtocolError('invalid number of parameter types');
    const declared: Array<SqlType | null> = [];
    for (let i = 0; i < n; i++) {
      const oid = r.uint32();
      const t = parameterType(oid);
      if (oid !== 0 && t === null && oid !== 705) throw new SqlError('42704', `type with OID ${oid} does not exist`);
      declared.push(t);
    }
    r.end();
    if (name !== '' && this.statements.has(name)) throw new SqlError('42P05', `prepared statement "${name}" already exists`);
    const s = this.session!;
    const stmts = s.parse(text);
    if (stmts.length > 1) throw new SqlError('42601', 'cannot insert multiple commands into a prepared statement');
    const stmt = stmts[0]?.statement ?? null;
    if (s.transactionStatus === 'E' && (stmt === null || !isTransactionExit(stmt))) {
      throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
    const prepared: PreparedWire = {
      stmt,
      text,
      declared,
      paramCount: stmt === null ? 0 : Math.max(declared.length, maxParam(stmt)),
      cache: { plan: null, rt: null, catalog: null, searchPath: null },
      described: null,
    };
    // Parse analysis as PostgreSQL's: unknown tables and columns and type errors fail here; the
    // parameter types and result columns are kept for Describe and Bind.
    if (stmt !== null && analysedAtParse.has(stmt.kind)) prepared.described = await this.run1(() => s.describe(stmt, text, declared as SqlType[], prepared.cache));
    this.statements.set(name, prepared);
    this.out.begin(0x31 /* 1: ParseComplete */).end();
  }

  private bind(r: BodyReader): void {
    const portalName = r.cstring();
    const stmtName = r.cstring();
    const nFormats = r.int16();
    const formats: number[] = [];
    for (let i = 0; i < nFormats; i++) formats.push(r.int16());
    const nParams = r.int16();
    const raw: Array<Buffer | null> = [];
    for (let i = 0; i < nParams; i++) {
      const len = r.int32();
      raw.push(len === -1 ? null : r.bytes(len));
    }
    const nResult = r.int16();
    const resultFormats: number[] = [];
    for (let i = 0; i < nResult; i++) resultFormats.push(r.int16());
    r.end();
    for (const f of [...formats, ...resultFormats]) if (f !== 0 && f !== 1) throw new SqlError('22023', `unsupported format code: ${f}`);
    const p = this.statements.get(stmtName);
    if (p === undefined) throw noStatement(stmtName);
    if (nFormats > 1 && nFormats !== nParams) throw new SqlError('08P01', `bind message has ${nFormats} parameter formats but ${nParams} parameters`);
    if (nParams !== p.paramCount) {
      throw new SqlError('08P01', `bind message supplies ${nParams} parameters, but prepared statement "${stmtName}" requires ${p.paramCount}`);
    }
    const known = p.described?.columns;
    if (known !== undefined && nResult > 1 && nResult !== known.length) {
      throw new SqlError('08P01', `bind message has ${nResult} result formats but query has ${known.length} columns`);
    }
    if (portalName !== '' && this.portals.has(portalName)) throw new SqlError('42P03', `cursor "${portalName}" already exists`);
    if (this.session!.transactionStatus === 'E' && p.stmt !== null && !isTransactionExit(p.stmt)) {
      throw new SqlError('25P02', 'current transaction is aborted, commands ignored until end of transaction block');
    }
    const params = raw.map((b, i) => {
      if (b === null) return null;
      const f = formatOf(formats, i);
      if (f === 1) return new BinaryParam(b, decodeBinary);
      if (b.includes(0)) throw new SqlError('22021', 'invalid byte sequence for encoding "UTF8": 0x00');
      checkUtf8(b);
      return b.toString('utf8');
    });
    this.portals.set(portalName, { prepared: p, params, resultFormats, result: null, sent: 0, columns: null });
    this.out.begin(0x32 /* 2: BindComplete */).end();
  }

  private async describe(r: BodyReader): Promise<void> {
    const kind = r.byte();
    const name = r.cstring();
    r.end();
    const s = this.session!;
    if (kind === 0x53 /* S */) {
      const p = this.statements.get(name);
      if (p === undefined) throw noStatement(name);
      if (p.stmt === null) {
        this.out.begin(0x74 /* t */).int16(0).end();
        this.out.begin(0x6e /* n: NoData */).end();
        return;
      }
      const d = p.described ?? (await this.run1(() => s.describe(p.stmt!, p.text, p.declared as SqlType[], p.cache)));
      const params = d.params.slice(0, p.paramCount);
      while (params.length < p.paramCount) params.push(p.declared[params.length] ?? unknownText);
      const w = this.out.begin(0x74 /* t: ParameterDescription */).int16(params.length);
      for (const t of params) w.uint32(typeOid(t));
      w.end();
      if (d.columns.length > 0 || p.stmt.kind === 'query') this.rowDescription(d.columns, []);
      else this.out.begin(0x6e).end();
      return;
    }
    if (kind !== 0x50 /* P */) throw new ProtocolError(`invalid DESCRIBE message subtype ${kind}`);
    const portal = this.portals.get(name);
    if (portal === undefined) throw new SqlError('34000', `portal "${name}" does not exist`);
    const p = portal.prepared;
    if (p.stmt === null) {
      this.out.begin(0x6e).end();
      return;
    }
    let columns = portal.result?.columns ?? portal.columns ?? p.described?.columns ?? null;
    if (columns === null) {
      columns = (await this.run1(() => s.describe(p.stmt!, p.text, p.declared as SqlType[], p.cache))).columns;
      portal.columns = columns;
    }
    if (columns.length > 0 || p.stmt.kind === 'query') this.rowDescription(columns, portal.resultFormats);
    else this.out.begin(0x6e).end();
  }

  private async execute(r: BodyReader): Promise<void> {
    const name = r.cstring();
    const maxRows = r.int32();
    r.end();
    const portal = this.portals.get(name);
    if (portal === undefined) throw new SqlError('34000', `portal "${name}" does not exist`);
    const p = portal.prepared;
    if (p.stmt === null) {
      this.out.begin(0x49 /* I */).end();
      return;
    }
    const s = this.session!;
    if (portal.result === null) {
      if (p.stmt.kind === 'copy') {
        s.beginImplicit();
        await this.copy(p.stmt, p.text);
        portal.result = { command: 'COPY', tag: '', columns: [], rows: [], rowCount: 0 };
        portal.sent = 0;
        return;
      }
      s.beginImplicit();
      const stmt = p.stmt;
      portal.result = await this.run1(() => s.execute(stmt, p.text, portal.params, p.declared as SqlType[], p.cache));
      this.reportChanges();
    }
    const res = portal.result;
    if (res.command === 'COPY' && res.tag === '') return;
    const from = portal.sent;
    portal.sent = this.sendResult(res, portal.resultFormats, from, false, maxRows > 0 ? maxRows : 0);
    const n = portal.sent - from;
    // As PostgreSQL: a row limit that is reached suspends the portal even when no row is left;
    // the Execute that finds none left completes it, counting only its own rows.
    if (maxRows > 0 && n >= maxRows) {
      this.out.begin(0x73 /* s: PortalSuspended */).end();
      return;
    }
    this.commandComplete(res.command === 'SELECT' ? `SELECT ${n}` : res.tag);
  }

  private close(r: BodyReader): void {
    const kind = r.byte();
    const name = r.cstring();
    r.end();
    if (kind === 0x53) this.statements.delete(name);
    else if (kind === 0x50) this.portals.delete(name);
    else throw new ProtocolError(`invalid CLOSE message subtype ${kind}`);
    this.out.begin(0x33 /* 3: CloseComplete */).end();
  }

  // ---- COPY ---------------------------------------------------------------------------------

  private async copy(stmt: Extract<ast.Statement, { kind: 'copy' }>, text: string): Promise<void> {
    const s = this.session!;
    if (stmt.options.format === 'binary') throw new SqlError('0A000', 'COPY BINARY is not supported; use FORMAT text or csv');
    const columns = s.copyColumns(text, stmt.direction);
    if (stmt.direction === 'to') {
      const w = this.out.begin(0x48 /* H: CopyOutResponse */).byte(0).int16(columns);
      for (let i = 0; i < columns; i++) w.int16(0);
      w.end();
      const res = await this.run1(() =>
        s.copyTo(text, (chunk) => {
          this.out.begin(0x64 /* d */).utf8(chunk).end();
          if (this.out.length > 1 << 16) this.flush();
        }),
      );
      this.out.begin(0x63 /* c: CopyDone */).end();
      this.commandComplete(res.result.commandTag);
      return;
    }
    // COPY FROM STDIN: tell the client, then feed its CopyData messages to the session as they come.
    const w = this.out.begin(0x47 /* G: CopyInResponse */).byte(0).int16(columns);
    for (let i = 0; i < columns; i++) w.int16(0);
    w.end();
    this.flush();
    const self = this;
    let failed: SqlError | null = null;
    let finished = false;
    const chunks = async function* (): AsyncIterable<Uint8Array> {
      for (;;) {
        const m = await self.nextMessage();
        if (m === null) throw new ConnectionLost();
        if (m.type === 0x64 /* d */) {
          yield m.body;
          continue;
        }
        if (m.type === 0x63 /* c: CopyDone */) {
          finished = true;
          return;
        }
        if (m.type === 0x66 /* f: CopyFail */) {
          finished = true;
          failed = new SqlError('57014', `COPY from stdin failed: ${new BodyReader(m.body).cstring()}`);
          throw failed;
        }
        if (m.type === 0x48 /* H */ || m.type === 0x53 /* S */) continue;
        throw new ProtocolError(`unexpected message type 0x${m.type.toString(16)} during COPY from stdin`);
      }
    };
    try {
      const res = await this.run1(() => s.copyFrom(text, chunks()));
      this.commandComplete(res.commandTag);
    } catch (err) {
      // Drain the rest of the client's COPY data before answering, as PostgreSQL does.
      if (!finished && !(err instanceof ProtocolError) && !(err instanceof ConnectionLost)) {
        for (;;) {
          const m = await this.nextMessage();
          if (m === null) throw new ConnectionLost();
          if (m.type === 0x63 || m.type === 0x66) break;
          if (m.type !== 0x64 && m.type !== 0x48 && m.type !== 0x53) throw new ProtocolError(`unexpected message type 0x${m.type.toString(16)} during COPY from stdin`);
        }
      }
      throw failed ?? err;
    }
  }

  // ---- output -------------------------------------------------------------------------------

  private sendError(err: unknown, severity = 'ERROR'): void {
    const e = toSqlError(err);
    if (e.code === 'XX000') this.host.log(`internal error on connection ${this.pid}: ${(e.cause as Error | undefined)?.stack ?? e.message}`);
    const w = this.out.begin(0x45 /* E */);
    w.byte(0x53).cstring(severity).byte(0x56).cstring(severity).byte(0x43).cstring(e.code).byte(0x4d).cstring(e.message);
    if (e instanceof SqlError) {
      if (e.detail !== undefined) w.byte(0x44).cstring(e.detail);
      if (e.hint !== undefined) w.byte(0x48).cstring(e.hint);
      if (e.position !== undefined) w.byte(0x50).cstring(String(e.position));
      if (e.context !== undefined) w.byte(0x57).cstring(e.context);
      if (e.schema !== undefined) w.byte(0x73).cstring(e.schema);
      if (e.table !== undefined) w.byte(0x74).cstring(e.table);
      if (e.column !== undefined) w.byte(0x63).cstring(e.column);
      if (e.constraint !== undefined) w.byte(0x6e).cstring(e.constraint);
    }
    w.byte(0).end();
  }

  /** Send a FATAL error and close the connection. */
  private fatal(err: unknown): void {
    if (this.ended) return;
    if (!(err instanceof AuthAbandoned) && !(err instanceof ConnectionLost)) this.sendError(err, 'FATAL');
    this.flush();
    this.ended = true;
    this.socket.end();
    this.wake?.();
  }

  private flush(): void {
    if (this.out.length === 0) return;
    const b = this.out.take();
    if (!this.socket.destroyed && this.socket.writable) this.socket.write(b);
  }

  private writeRaw(b: Buffer): void {
    this.flush();
    this.socket.write(b);
  }

  private drain(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.writableLength <= pgOutputBufferBytesMax || this.socket.destroyed) return resolve();
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }
}

/** The client went away before authentication finished. */
class AuthAbandoned extends Error {}
/** The client went away during COPY. */
class ConnectionLost extends Error {}

const unknownText: SqlType = { base: 'text', mod: -1, array: false };

function formatOf(formats: readonly number[], i: number): number {
  if (formats.length === 0) return 0;
  if (formats.length === 1) return formats[0]!;
  return formats[i] ?? 0;
}

function toSqlError(err: unknown): SqlError | BasaltError {
  if (err instanceof BasaltError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  return new SqlError('XX000', `internal error: ${e.message}`, { cause: e });
}

/** `-c name=value` and `--name=value` pairs of the startup `options` parameter. */
function parseOptions(text: string): Array<[string, string]> {
  const words: string[] = [];
  let cur = '';
  let escaped = false;
  for (const ch of text) {
    if (escaped) {
      cur += ch;
      escaped = false;
    } else if (ch === '\\') escaped = true;
    else if (/\s/.test(ch)) {
      if (cur !== '') words.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur !== '') words.push(cur);
  const out: Array<[string, string]> = [];
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (w === '-c') w = words[++i] ?? '';
    else if (w.startsWith('-c')) w = w.slice(2);
    else if (w.startsWith('--')) w = w.slice(2);
    else throw new SqlError('42601', `invalid command-line argument for server process: ${w}`, { hint: 'Use -c name=value.' });
    const eq = w.indexOf('=');
    if (eq <= 0) throw new SqlError('42601', `invalid command-line argument for server process: ${w}`);
    out.push([w.slice(0, eq).replace(/-/g, '_'), w.slice(eq + 1)]);
  }
  return out;
}

/** The highest parameter number a statement uses. */
function maxParam(node: unknown): number {
  let max = 0;
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    if (Array.isArray(x)) {
      for (const y of x) walk(y);
      return;
    }
    const o = x as { kind?: unknown; index?: unknown };
    if (o.kind === 'param' && typeof o.index === 'number') {
      if (o.index > max) max = o.index;
      return;
    }
    for (const k in o) walk((o as Record<string, unknown>)[k]);
  };
  walk(node);
  return max;
}

function noStatement(name: string): SqlError {
  return new SqlError('26000', name === '' ? 'unnamed prepared statement does not exist' : `prepared statement "${name}" does not exist`);
}

/** Statements PostgreSQL analyses at Parse (the others are checked when they run). */
const analysedAtParse: ReadonlySet<string> = new Set(['query', 'insert', 'update', 'delete']);

function isTransactionExit(stmt: ast.Statement): boolean {
  return stmt.kind === 'commit' || stmt.kind === 'rollback' || stmt.kind === 'rollback to';
}

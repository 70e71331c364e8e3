/**
 * The SQL engine of one open database: the committed catalog, table locks, sequences, row ids
 * and the cleanup of dropped storage. Sessions (session.ts) run statements against it.
 */
import type { Database, Keyspace, TransactionKeyspace } from '../kv/index.js';
import { sqlCleanupBatchKeys as cleanupBatchKeys, sqlOidLogAhead as oidLogAhead, sqlSequenceLogAhead as sequenceLogAhead } from '../limits.js';
import { Catalog, catalogKeys, decodeObject, encodeObject, firstUserOid, readU32, storagePrefix, type CatalogObject, type SequenceInfo } from './catalog.js';
import { SqlError } from './errors.js';
import { TableLocks } from './locks.js';
import { decodeKey, formatValue, parseValue, T, defaultTypeContext, type Value } from './types/index.js';

interface SequenceState {
  last: bigint;
  called: boolean;
  /** The value up to which a durable record covers nextval without a new write. */
  logged: bigint;
}

export class SqlEngine {
  readonly ks: Keyspace;
  catalog: Catalog;
  readonly locks = new TableLocks();
  private readonly sequences = new Map<number, SequenceState>();
  private readonly rowIds = new Map<number, bigint>();
  private cleaning: Promise<void> = Promise.resolve();
  private nextOwnerId = 1;
  closed = false;

  constructor(readonly db: Database) {
    this.ks = db.keyspace('sql');
    this.catalog = this.load();
    const garbage: number[] = [];
    for (const [k] of this.ks.range({ prefix: catalogKeys.garbagePrefix })) garbage.push(readU32(k, 2));
    if (garbage.length > 0) this.cleanup(garbage);
  }

  ownerId(): number {
    return this.nextOwnerId++;
  }

  private load(): Catalog {
    const objects: CatalogObject[] = [];
    for (const [, v] of this.ks.range({ prefix: catalogKeys.objectPrefix })) objects.push(decodeObject(v, decodeMissing));
    const n = this.ks.get(catalogKeys.nextOid);
    let next = n === undefined ? firstUserOid : (JSON.parse(new TextDecoder().decode(n)) as { nextOid: number }).nextOid;
    for (const o of objects) {
      next = Math.max(next, o.oid + 1);
      if (o.kind === 'table' || o.kind === 'index') next = Math.max(next, o.storage + 1);
    }
    this.nextOid = next;
    this.oidsLogged = next;
    const catalog = new Catalog(objects, () => this.allocateOid(), 1);
    catalog.frozen = true;
    return catalog;
  }

  private nextOid = firstUserOid;
  private oidsLogged = firstUserOid;

  /**
   * A new oid. Oids are handed out outside transactions (two DDL transactions never conflict on
   * a counter) and never reused: a record reserving the next `oidLogAhead` is queued ahead of any
   * commit that could use them, so after a crash the counter resumes past every oid in use.
   */
  private allocateOid(): number {
    const oid = this.nextOid++;
    if (oid >= this.oidsLogged) {
      this.oidsLogged = oid + oidLogAhead;
      this.ks.put(catalogKeys.nextOid, JSON.stringify({ nextOid: this.oidsLogged })).catch(() => {
        // The write failed: the database is read-only after the failure and the commit reports it.
      });
    }
    return oid;
  }

  /** Write the differences between `before` and `after` into the DDL transaction. */
  async persistCatalog(tx: TransactionKeyspace, before: ReadonlyMap<number, CatalogObject>, after: Catalog): Promise<void> {
    for (const o of after.all()) {
      if (o.oid < firstUserOid) continue;
      if (before.get(o.oid) !== o) await tx.put(catalogKeys.object(o.oid), encodeObject(o, encodeMissing));
    }
    for (const [oid] of before) {
      if (oid < firstUserOid) continue;
      if (after.get(oid) === undefined) await tx.delete(catalogKeys.object(oid));
    }
  }

  /** Record storage areas to delete once the transaction commits. */
  async markGarbage(tx: TransactionKeyspace, storages: readonly number[]): Promise<void> {
    for (const s of storages) await tx.put(catalogKeys.garbage(s), new Uint8Array(0));
  }

  /** Delete the keys of dropped storage areas in the background, in batches. */
  cleanup(storages: readonly number[]): void {
    this.cleaning = this.cleaning.then(async () => {
      for (const s of storages) {
        for (;;) {
          if (this.closed) return;
          const keys: Uint8Array[] = [];
          for (const [k] of this.ks.range({ prefix: storagePrefix(s), limit: cleanupBatchKeys })) keys.push(k);
          if (keys.length === 0) break;
          await this.ks.batch(keys.map((key) => ({ type: 'delete' as const, key })));
        }
        if (this.closed) return;
        await this.ks.delete(catalogKeys.garbage(s));
      }
    }).catch(() => {
      // A failed cleanup leaves the garbage records; the next open retries them.
    });
  }

  /** Wait for background cleanup (tests, close). */
  settled(): Promise<void> {
    return this.cleaning;
  }

  // ---- row ids ---------------------------------------------------------------------------------

  /** The next hidden row id of a table without a primary key (never reused). */
  nextRowId(tx: TransactionKeyspace, storage: number): bigint {
    let last = this.rowIds.get(storage);
    if (last === undefined) {
      last = 0n;
      for (const [k] of tx.rangeLatest({ prefix: storagePrefix(storage), reverse: true, limit: 1 })) {
        last = decodeKey([T.int8], k.subarray(5))[0] as bigint;
      }
    }
    last++;
    this.rowIds.set(storage, last);
    return last;
  }

  forgetRowIds(storage: number): void {
    this.rowIds.delete(storage);
  }

  // ---- sequences -------------------------------------------------------------------------------

  private sequenceState(seq: SequenceInfo): SequenceState {
    let s = this.sequences.get(seq.oid);
    if (s === undefined) {
      const rec = this.ks.get(catalogKeys.sequence(seq.oid));
      if (rec === undefined) s = { last: seq.start, called: false, logged: seq.start - seq.increment };
      else {
        const j = JSON.parse(new TextDecoder().decode(rec)) as { last: string; called: boolean };
        s = { last: BigInt(j.last), called: j.called, logged: BigInt(j.last) };
      }
      this.sequences.set(seq.oid, s);
    }
    return s;
  }

  /** nextval(): not transactional, as in PostgreSQL; durable before any commit that used it. */
  nextval(seq: SequenceInfo): bigint {
    const s = this.sequenceState(seq);
    let next = s.called ? s.last + seq.increment : s.last;
    if (next > seq.max || next < seq.min) {
      if (!seq.cycle) {
        throw new SqlError('2200H', `nextval: reached ${seq.increment > 0n ? 'maximum' : 'minimum'} value of sequence "${seq.name}" (${seq.increment > 0n ? seq.max : seq.min})`);
      }
      next = seq.increment > 0n ? seq.min : seq.max;
    }
    s.last = next;
    s.called = true;
    const ahead = seq.increment > 0n ? next > s.logged : next < s.logged;
    if (ahead) {
      let logged = next + seq.increment * (sequenceLogAhead - 1n);
      if (logged > seq.max) logged = seq.max;
      if (logged < seq.min) logged = seq.min;
      s.logged = logged;
      this.writeSequence(seq.oid, logged, true);
    }
    return next;
  }

  currval(seq: SequenceInfo): { last: bigint; called: boolean } {
    const s = this.sequenceState(seq);
    return { last: s.last, called: s.called };
  }

  setval(seq: SequenceInfo, value: bigint, called: boolean): void {
    if (value > seq.max || value < seq.min) {
      throw new SqlError('22003', `setval: value ${value} is out of bounds for sequence "${seq.name}" (${seq.min}..${seq.max})`);
    }
    const s = this.sequenceState(seq);
    s.last = value;
    s.called = called;
    s.logged = value;
    this.writeSequence(seq.oid, value, called);
  }

  /** Forget a sequence's state (dropped, or restarted by ALTER SEQUENCE / TRUNCATE RESTART IDENTITY). */
  resetSequence(oid: number): void {
    this.sequences.delete(oid);
  }

  /**
   * Before a clean close: record each used sequence's real last value, so that a clean restart
   * continues without the gap a crash leaves (as PostgreSQL does).
   */
  async flushSequences(): Promise<void> {
    for (const [oid, s] of this.sequences) {
      if (s.logged === s.last || this.catalog.get(oid) === undefined) continue;
      s.logged = s.last;
      await this.ks.put(catalogKeys.sequence(oid), JSON.stringify({ last: s.last.toString(), called: s.called }));
    }
  }

  private writeSequence(oid: number, last: bigint, called: boolean): void {
    // Queued now, so it precedes in the log any commit that used the value.
    const w = this.ks.put(catalogKeys.sequence(oid), JSON.stringify({ last: last.toString(), called }));
    w.catch(() => {
      // The write failed: the database is read-only after the failure; sequenceDurable() reports it.
    });
    this.lastSequenceWrite = w;
  }

  private lastSequenceWrite: Promise<void> = Promise.resolve();

  /**
   * Resolves when every sequence record written so far is durable. A transaction that used
   * nextval() but wrote nothing else waits for it before it reports success, so a value handed
   * out is never handed out again after a crash.
   */
  sequenceDurable(): Promise<void> {
    return this.lastSequenceWrite;
  }
}

/** Missing values of added columns are stored as their text form. */
function encodeMissing(c: { type: import('./types/index.js').SqlType; missing: Value }): string | null {
  return c.missing === null ? null : formatValue(c.type, c.missing, defaultTypeContext);
}

function decodeMissing(type: import('./types/index.js').SqlType, text: string | null): Value {
  return text === null ? null : parseValue(type, text, defaultTypeContext);
}

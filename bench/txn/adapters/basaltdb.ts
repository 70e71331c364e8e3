/**
 * BasaltDB transactions through its public API: `db.transaction(fn, { isolation, retries })`,
 * which runs `fn` in a transaction, commits it (durably, with durability 'sync') and retries the
 * whole of `fn` on a serialization failure (40001) or deadlock (40P01).
 */
import { open } from '../../../src/index.js';
import type { KvOpenOptions } from '../../kv/adapter.js';
import { OpenHandle } from '../../lib/open-handle.js';
import type { TxnAdapter, TxnOutcome, TxnPlan, TxnRunOptions, TxnTally } from '../adapter.js';
import { committedOutcome, decodeCounter, encodeCounter } from '../adapter.js';

type Database = Awaited<ReturnType<typeof open>>;

/** Codes of the failures `db.transaction` retries, and of a lock wait that timed out. */
const givenUpCodes: ReadonlySet<string> = new Set(['40001', '40P01', '55P03']);

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

class BasaltTxnAdapter implements TxnAdapter {
  readonly serial = false;
  private readonly db = new OpenHandle<Database>('basaltdb txn adapter');

  async open(dir: string, options: KvOpenOptions): Promise<void> {
    this.db.set(await open(dir, { durability: options.durability, cacheBytes: options.cacheBytes }));
  }

  async transact(plan: TxnPlan, run: TxnRunOptions, tally: TxnTally): Promise<TxnOutcome> {
    const db = this.db.handle;
    try {
      await db.transaction(async (tx) => {
        tally.attempts++;
        for (const key of plan.reads) if (tx.get(key) === undefined) tally.missing++;
        for (const [key, value] of plan.puts) await tx.put(key, value);
        for (const key of plan.increments) await tx.put(key, encodeCounter(decodeCounter(tx.get(key)) + 1));
      }, { isolation: run.isolation, retries: run.retries });
      return committedOutcome;
    } catch (err) {
      const code = errorCode(err);
      if (code !== undefined && givenUpCodes.has(code)) return { committed: false, code };
      throw err;
    }
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.db.handle.get(key);
  }

  scanAll(): number {
    let seen = 0;
    for (const entry of this.db.handle.range({})) if (entry[1].length >= 0) seen++;
    return seen;
  }

  /** Every numeric field of `db.stats()` (with issue 4: lock waits, deadlocks, serialization failures...). */
  stats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, value] of Object.entries(this.db.handle.stats())) if (typeof value === 'number') out[name] = value;
    return out;
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

export function createTxnAdapter(): TxnAdapter {
  return new BasaltTxnAdapter();
}

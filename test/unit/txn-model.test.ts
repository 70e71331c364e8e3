/**
 * Model-based test of snapshots: concurrent transactions at every isolation level, autocommit
 * writers and checkpoints, with a small cache so the tree keeps changing under the scans. Every
 * read and scan is checked against a model: the fold of the commits (in commit order) up to the
 * reader's snapshot, plus the transaction's own writes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem, open, type Database, type IsolationLevel, type Transaction } from '../../src/index.js';
import { Rng, seedFrom } from '../lib/rng.js';

type WriteSet = Map<string, string | null>;

const dec = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString('latin1'));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

class Model {
  /** Write sets in commit order. */
  readonly commits: WriteSet[] = [];
  private states: Array<Map<string, string>> = [new Map()];

  constructor(private readonly db: Database, private readonly base: number) {}

  /** Commits applied so far (the prefix a snapshot taken now sees). */
  applied(): number {
    return this.db.stats().commits - this.base;
  }

  state(prefix: number): Map<string, string> {
    while (this.states.length <= prefix) {
      const next = new Map(this.states[this.states.length - 1]);
      for (const [k, v] of this.commits[this.states.length - 1]!) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      this.states.push(next);
    }
    return this.states[prefix]!;
  }
}

function view(state: Map<string, string>, own: WriteSet): Map<string, string> {
  const out = new Map(state);
  for (const [k, v] of own) {
    if (v === null) out.delete(k);
    else out.set(k, v);
  }
  return out;
}

interface Scan {
  gte?: string;
  lt?: string;
  reverse: boolean;
  limit?: number;
}

function expectScan(v: Map<string, string>, s: Scan): Array<[string, string]> {
  let keys = [...v.keys()].filter((k) => (s.gte === undefined || k >= s.gte) && (s.lt === undefined || k < s.lt)).sort();
  if (s.reverse) keys.reverse();
  if (s.limit !== undefined) keys = keys.slice(0, s.limit);
  return keys.map((k) => [k, v.get(k)!]);
}

const txKey = (r: Rng): string => `k${String(r.int(60)).padStart(3, '0')}`;
const autoKey = (r: Rng): string => `a${String(r.int(20)).padStart(3, '0')}`;

test('every read and scan of a transaction matches its snapshot plus its own writes', async () => {
  const seed = seedFrom('BASALT_TXN_MODEL_SEED', 'txn-model');
  const rng = new Rng(seed);
  const fs = new MemoryFileSystem();
  const db = await open('/db', { fs, cacheBytes: 1024 * 1024, lockTimeoutMs: 0 });
  const pad = 'x'.repeat(300); // big enough that 80 keys span many pages
  const preload: WriteSet = new Map();
  for (let i = 0; i < 60; i += 2) preload.set(`k${String(i).padStart(3, '0')}`, `p${i}${pad}`);
  const base = db.stats().commits;
  const model = new Model(db, base);
  model.commits.push(preload);
  await db.batch([...preload].map(([key, value]) => ({ type: 'put' as const, key, value: value! })));
  let serial = 0;
  const levels: IsolationLevel[] = ['read committed', 'repeatable read', 'serializable'];
  const counts = { committed: 0, aborted: 0, reads: 0, scans: 0 };

  async function client(id: number, r: Rng): Promise<void> {
    for (let n = 0; n < 40; n++) {
      const isolation = r.pick(levels);
      const tx: Transaction = db.begin({ isolation });
      const own: WriteSet = new Map();
      let snap = -1;
      const visible = (): Map<string, string> => {
        if (isolation === 'read committed') return view(model.state(model.applied()), own);
        if (snap < 0) snap = model.applied();
        return view(model.state(snap), own);
      };
      try {
        const steps = 2 + r.int(8);
        for (let s = 0; s < steps; s++) {
          const what = r.int(10);
          if (what < 4) {
            const k = r.chance(0.7) ? txKey(r) : autoKey(r);
            const want = visible().get(k);
            assert.equal(dec(tx.get(k)), want, `client ${id} tx ${tx.id} (${isolation}) get ${k}`);
            counts.reads++;
          } else if (what < 7) {
            const k = txKey(r);
            const v = r.chance(0.2) ? null : `c${id}.${n}.${serial++}${pad.slice(0, r.int(300))}`;
            if (snap < 0 && isolation !== 'read committed') snap = model.applied();
            if (v === null) await tx.delete(k);
            else await tx.put(k, v);
            own.set(k, v);
          } else {
            const lo = r.chance(0.3) ? undefined : r.chance(0.5) ? txKey(r) : autoKey(r);
            const spec: Scan = { reverse: r.chance(0.4) };
            if (lo !== undefined) spec.gte = lo;
            if (r.chance(0.3)) spec.lt = txKey(r);
            if (r.chance(0.3)) spec.limit = 1 + r.int(10);
            const it = tx.range(spec);
            const got: Array<[string, string]> = [];
            // The first step takes the scan's snapshot; later steps run while other clients commit.
            let e = it.next();
            const want = expectScan(visible(), spec);
            while (e.done !== true) {
              got.push([dec(e.value[0])!, dec(e.value[1])!]);
              if (r.chance(0.3)) await tick();
              e = it.next();
            }
            assert.deepEqual(got, want, `client ${id} tx ${tx.id} (${isolation}) scan ${JSON.stringify(spec)}`);
            counts.scans++;
          }
          if (r.chance(0.5)) await tick();
        }
        if (r.chance(0.15)) {
          tx.rollback();
          continue;
        }
        const done = tx.commit();
        if (tx.state === 'committing') model.commits.push(own);
        await done;
        counts.committed++;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== '40001' && code !== '40P01') throw err;
        if (tx.state !== 'rolled back') tx.rollback();
        counts.aborted++;
      }
    }
  }

  async function autocommitter(r: Rng): Promise<void> {
    for (let n = 0; n < 150; n++) {
      const k = autoKey(r);
      const v = r.chance(0.2) ? null : `auto${n}${pad.slice(0, r.int(200))}`;
      model.commits.push(new Map([[k, v]]));
      if (v === null) await db.delete(k);
      else await db.put(k, v);
      if (r.chance(0.05)) await db.checkpoint();
    }
  }

  const clients: Array<Promise<void>> = [];
  for (let c = 0; c < 8; c++) clients.push(client(c, new Rng(rng.u32())));
  clients.push(autocommitter(new Rng(rng.u32())));
  await Promise.all(clients);

  const final = model.state(model.commits.length);
  assert.equal(model.applied(), model.commits.length);
  assert.deepEqual(
    [...db.range()].map(([k, v]) => [dec(k), dec(v)]),
    [...final.keys()].sort().map((k) => [k, final.get(k)]),
  );
  const st = db.stats();
  assert.equal(st.activeTransactions, 0);
  assert.equal(st.locksHeld, 0);
  assert.equal(st.versionsHeld, 0, 'no snapshot open, so no old version is kept');
  assert.equal(st.versionBytes, 0);
  assert.ok(counts.committed > 100 && counts.scans > 100, JSON.stringify(counts));
  console.log(`# txn-model: ${JSON.stringify(counts)}, ${st.lockWaits} lock waits, ${st.deadlocks} deadlocks`);
  await db.check();
  await db.close();
});

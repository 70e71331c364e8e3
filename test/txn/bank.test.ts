/**
 * Serializability of concurrent transactions, checked on recorded histories (issue 4).
 *
 * - Bank: accounts with tagged balances (every value names the transaction that wrote it), many
 *   concurrent clients doing seeded transfers, guarded transfers (which also read a third
 *   account) and read-only audits (range + gets), each under `db.transaction(fn, { retries: 0 })`;
 *   40001/40P01 count as aborts. Under 'serializable' the dependency graph of the committed
 *   transactions (history.ts) must be acyclic, money is conserved, no balance goes negative and
 *   every audit sees the total. Runs on a MemoryFileSystem and once on disk with 'sync'.
 * - Write skew: pairs of accounts with the constraint x + y >= 0, withdrawals that read both and
 *   write one, with every round's snapshots taken before any write. Under 'repeatable read' the
 *   checker must find a cycle (so it can fail); under 'serializable' it must not, and SSI must
 *   have aborted someone.
 * - Phantoms: groups with a cap on members, counted by a range read, inserts after the count.
 *   Under 'repeatable read' the cap is overrun and the checker finds the cycle (through the
 *   range reads); under 'serializable' the cap holds and there is no cycle.
 * - The checker itself on hand-built histories.
 *
 * Seed: BASALT_TXN_SEED replays a run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeadlockError, MemoryFileSystem, SerializationError, open } from '../../src/index.js';
import type { Database, IsolationLevel, OpenOptions, Transaction } from '../../src/index.js';
import { deriveSeed, Rng, seedFrom } from '../lib/rng.js';
import { checkHistory, describeCycle, HistoryError, initialWriter } from './history.js';
import type { CommittedTxn, RangeObservation, ReadObservation } from './history.js';

const seed = seedFrom('BASALT_TXN_SEED', 'transaction bank / write-skew tests');

// ---------------------------------------------------------------------------------------------
// The checker on hand-built histories.

const r = (key: string, writer: string): ReadObservation => ({ key, writer });

test('checker: a serial history has no cycle', () => {
  const report = checkHistory([
    { id: 'T1', reads: [r('a', initialWriter), r('b', initialWriter)], writes: ['a', 'b'] },
    { id: 'T2', reads: [r('a', 'T1')], writes: ['a'] },
    { id: 'T3', reads: [r('a', 'T2'), r('b', 'T1')], writes: [] },
    // Read-only, old snapshot: reads before T1; rw edges to T1 only, so it serializes first.
    { id: 'T4', reads: [r('a', initialWriter), r('b', initialWriter)], writes: [] },
    {
      id: 'T5',
      reads: [],
      ranges: [{ gte: 'a', lt: 'c', seen: [r('a', 'T2'), r('b', 'T1')] }],
      writes: ['c'],
    },
  ]);
  assert.equal(report.cycle, undefined);
  assert.deepEqual(report.edges, { ww: 1, wr: 5, rw: 2 });
});

test('checker: write skew (G2-item) is a cycle of two rw edges', () => {
  const report = checkHistory([
    { id: 'T1', reads: [r('x', initialWriter), r('y', initialWriter)], writes: ['x'] },
    { id: 'T2', reads: [r('x', initialWriter), r('y', initialWriter)], writes: ['y'] },
  ]);
  assert.ok(report.cycle !== undefined);
  assert.deepEqual(
    report.cycle.map((e) => e.kind),
    ['rw', 'rw'],
  );
  assert.match(describeCycle(report.cycle), /T1 -rw\(y\)-> T2 -rw\(x\)-> T1/);
});

test('checker: a lost update is a cycle (ww + rw)', () => {
  const report = checkHistory([
    { id: 'T1', reads: [r('x', initialWriter)], writes: ['x'] },
    { id: 'T2', reads: [r('x', initialWriter)], writes: ['x'] },
  ]);
  assert.ok(report.cycle !== undefined);
  assert.deepEqual(new Set(report.cycle.map((e) => e.kind)), new Set(['ww', 'rw']));
});

test('checker: a circular information flow (G1c) is a cycle of wr edges', () => {
  const report = checkHistory([
    { id: 'T1', reads: [r('y', 'T2')], writes: ['x'] },
    { id: 'T2', reads: [r('x', 'T1')], writes: ['y'] },
  ]);
  assert.ok(report.cycle !== undefined);
  assert.deepEqual(
    report.cycle.map((e) => e.kind),
    ['wr', 'wr'],
  );
});

test('checker: the read-only anomaly is a three-transaction cycle', () => {
  // T2 reads x and y, writes y; T3 writes x; T1 (read-only) sees T3's x but not T2's y.
  const report = checkHistory([
    { id: 'T3', reads: [r('x', initialWriter)], writes: ['x'] },
    { id: 'T2', reads: [r('x', initialWriter), r('y', initialWriter)], writes: ['y'] },
    { id: 'T1', reads: [r('x', 'T3'), r('y', initialWriter)], writes: [] },
  ]);
  assert.ok(report.cycle !== undefined);
  assert.equal(report.cycle.length, 3);
  // Without the read-only transaction the rest is serializable (T2 before T3).
  assert.equal(checkHistory([
    { id: 'T3', reads: [r('x', initialWriter)], writes: ['x'] },
    { id: 'T2', reads: [r('x', initialWriter), r('y', initialWriter)], writes: ['y'] },
  ]).cycle, undefined);
});

test('checker: a phantom (predicate write skew through range reads) is a cycle', () => {
  const empty = (gte: string, lt: string): RangeObservation => ({ gte, lt, seen: [] });
  const report = checkHistory([
    { id: 'T1', reads: [], ranges: [empty('a', 'm')], writes: ['x'] },
    { id: 'T2', reads: [], ranges: [empty('n', 'z')], writes: ['b'] },
  ]);
  assert.ok(report.cycle !== undefined);
  assert.deepEqual(
    report.cycle.map((e) => `${e.kind}:${e.key}`).sort(),
    ['rw:b', 'rw:x'],
  );
});

test('checker: reading a version no committed transaction wrote is an error', () => {
  assert.throws(
    () => checkHistory([{ id: 'T1', reads: [r('x', 'T9')], writes: [] }]),
    (err: unknown) => err instanceof HistoryError && /T9/.test(err.message),
  );
  assert.throws(() => checkHistory([{ id: 'T1', reads: [], writes: [] }, { id: 'T1', reads: [], writes: [] }]), HistoryError);
});

// ---------------------------------------------------------------------------------------------
// Recording transactions against the engine.

interface Tagged {
  readonly b: number;
  readonly w: string;
}

function tag(balance: number, writer: string): string {
  return JSON.stringify({ b: balance, w: writer });
}

function untag(bytes: Uint8Array | undefined, key: string): Tagged {
  assert.ok(bytes !== undefined, `account ${key} is missing`);
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as Tagged;
}

/** Wraps one transaction attempt and records what it read and wrote. */
class Recorder {
  private readonly reads: ReadObservation[] = [];
  private readonly ranges: RangeObservation[] = [];
  private readonly writes: string[] = [];
  constructor(
    readonly id: string,
    private readonly tx: Transaction,
  ) {}

  get(key: string): number {
    const value = untag(this.tx.get(key), key);
    this.reads.push({ key, writer: value.w });
    return value.b;
  }

  /** Every key in [gte, lt), via tx.range. */
  scan(gte: string, lt: string): Map<string, Tagged> {
    const seen: ReadObservation[] = [];
    const out = new Map<string, Tagged>();
    for (const [k, v] of this.tx.range({ gte, lt })) {
      const key = Buffer.from(k).toString('utf8');
      const value = untag(v, key);
      seen.push({ key, writer: value.w });
      out.set(key, value);
    }
    this.ranges.push({ gte, lt, seen });
    return out;
  }

  async put(key: string, balance: number): Promise<void> {
    await this.tx.put(key, tag(balance, this.id));
    this.writes.push(key);
  }

  committed(): CommittedTxn {
    return { id: this.id, reads: this.reads, ranges: this.ranges, writes: this.writes };
  }
}

interface RunResult {
  /** Committed transactions in the order their commits resolved. */
  readonly committed: CommittedTxn[];
  readonly aborts: { '40001': number; '40P01': number };
}

function newResult(): RunResult {
  return { committed: [], aborts: { '40001': 0, '40P01': 0 } };
}

/**
 * Run one transaction attempt (retries: 0) and record it; a serialization failure or deadlock
 * counts as an abort, anything else fails the test.
 */
async function attempt(
  db: Database,
  result: RunResult,
  id: string,
  options: { isolation: IsolationLevel; readOnly?: boolean },
  body: (rec: Recorder) => Promise<void>,
): Promise<void> {
  let rec: Recorder | undefined;
  try {
    await db.transaction(
      async (tx) => {
        assert.equal(rec, undefined, 'db.transaction ran fn twice with retries: 0');
        rec = new Recorder(id, tx);
        await body(rec);
      },
      { ...options, retries: 0 },
    );
  } catch (err) {
    if (err instanceof SerializationError || err instanceof DeadlockError) {
      assert.ok(err.code === '40001' || err.code === '40P01', `unexpected code ${err.code}`);
      result.aborts[err.code]++;
      return;
    }
    throw err;
  }
  assert.ok(rec !== undefined);
  result.committed.push(rec.committed());
}

/** Sometimes yield to the event loop, so that clients interleave. */
async function pause(rng: Rng): Promise<void> {
  const roll = rng.int(4);
  if (roll === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  else if (roll === 1) await Promise.resolve();
}

/** Per key, the writer of the last committed version (commit order), or the initial writer. */
function lastWriters(committed: readonly CommittedTxn[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const txn of committed) for (const key of txn.writes) last.set(key, txn.id);
  return last;
}

/** The database's current state of the keys, checked against the last committed writers. */
function checkFinalState(
  db: Database,
  keys: readonly string[],
  committed: readonly CommittedTxn[],
): Map<string, number> {
  const last = lastWriters(committed);
  const balances = new Map<string, number>();
  for (const key of keys) {
    const value = untag(db.get(key), key);
    assert.equal(value.w, last.get(key) ?? initialWriter, `${key} holds a version other than its last committed one`);
    balances.set(key, value.b);
  }
  return balances;
}

// ---------------------------------------------------------------------------------------------
// The bank.

interface BankConfig {
  readonly accounts: number;
  readonly clients: number;
  readonly txnsPerClient: number;
  readonly isolation: IsolationLevel;
  readonly seed: number;
}

const initialBalance = 100;
const accountKey = (i: number): string => `acct:${String(i).padStart(3, '0')}`;
/** The accounts' key span for range reads: [acct:, acct;). */
const accountsGte = 'acct:';
const accountsLt = 'acct;';

interface BankResult extends RunResult {
  audits: number;
  keys: string[];
}

async function runBank(db: Database, config: BankConfig): Promise<BankResult> {
  const keys = Array.from({ length: config.accounts }, (_, i) => accountKey(i));
  await db.batch(keys.map((key) => ({ type: 'put' as const, key, value: tag(initialBalance, initialWriter) })));
  const total = config.accounts * initialBalance;
  const result: BankResult = { ...newResult(), audits: 0, keys };
  const isolation = config.isolation;

  const client = async (c: number): Promise<void> => {
    const rng = new Rng(deriveSeed(config.seed, c));
    const distinct = (n: number): string[] => {
      const picked = new Set<string>();
      while (picked.size < n) picked.add(rng.pick(keys));
      return [...picked];
    };
    const transfer = async (rec: Recorder, from: string, to: string): Promise<void> => {
      const amount = rng.range(1, 40);
      const fromBalance = rec.get(from);
      await pause(rng);
      const toBalance = rec.get(to);
      if (fromBalance < amount) return;
      await rec.put(from, fromBalance - amount);
      await pause(rng);
      await rec.put(to, toBalance + amount);
      await pause(rng);
    };
    for (let i = 0; i < config.txnsPerClient; i++) {
      const id = `c${c}.${i}`;
      const roll = rng.int(100);
      if (roll < 10) {
        await attempt(db, result, id, { isolation, readOnly: true }, async (rec) => {
          const scanned = rec.scan(accountsGte, accountsLt);
          assert.deepEqual([...scanned.keys()], keys, `${id}: the range read missed or added accounts`);
          await pause(rng);
          let sum = 0;
          for (const key of [...keys].sort(() => rng.next() - 0.5)) {
            const balance = rec.get(key);
            assert.equal(balance, scanned.get(key)?.b, `${id}: get(${key}) disagrees with the range read`);
            assert.ok(balance >= 0, `${id}: ${key} is negative (${balance})`);
            sum += balance;
          }
          assert.equal(sum, total, `${id}: the audit saw a total of ${sum}, not ${total}`);
          result.audits++;
        });
      } else if (roll < 30) {
        // Guarded transfer: only if a third account (not written) holds enough: a pure read.
        const [from, to, guard] = distinct(3) as [string, string, string];
        await attempt(db, result, id, { isolation }, async (rec) => {
          if (rec.get(guard) < initialBalance / 2) return;
          await pause(rng);
          await transfer(rec, from, to);
        });
      } else {
        const [from, to] = distinct(2) as [string, string];
        await attempt(db, result, id, { isolation }, (rec) => transfer(rec, from, to));
      }
    }
  };
  await Promise.all(Array.from({ length: config.clients }, (_, c) => client(c)));
  return result;
}

/** The bank's assertions: acyclic history, money conserved, no negative balance. */
function checkBank(db: Database, config: BankConfig, result: BankResult, label: string): void {
  const report = checkHistory(result.committed);
  console.log(
    `# ${label}: ${result.committed.length} committed (${result.audits} audits), aborts ${JSON.stringify(result.aborts)}, ` +
      `edges ${JSON.stringify(report.edges)}`,
  );
  assert.equal(report.cycle, undefined, report.cycle && `dependency cycle: ${describeCycle(report.cycle)}`);
  const balances = checkFinalState(db, result.keys, result.committed);
  let sum = 0;
  for (const [key, balance] of balances) {
    assert.ok(balance >= 0, `${key} ends negative (${balance})`);
    sum += balance;
  }
  assert.equal(sum, config.accounts * initialBalance, 'money was created or destroyed');
  // The run tested something: transfers and audits committed, and reads made rw edges.
  assert.ok(result.audits > 0, 'no audit committed');
  assert.ok(result.committed.some((t) => t.writes.length > 0), 'no transfer committed');
  assert.ok(report.edges.rw > 0, 'no rw edge: the clients never overlapped');
}

test('bank under serializable on a MemoryFileSystem: acyclic history, money conserved', async () => {
  const config: BankConfig = { accounts: 20, clients: 16, txnsPerClient: 100, isolation: 'serializable', seed };
  const db = await open('/db', { fs: new MemoryFileSystem(), durability: 'sync' });
  try {
    const result = await runBank(db, config);
    checkBank(db, config, result, `bank serializable (memory), seed ${seed}`);
    await db.check();
  } finally {
    await db.close();
  }
});

test("bank under serializable on disk with durability 'sync', then reopened", async () => {
  const diskSeed = deriveSeed(seed, 1);
  const config: BankConfig = { accounts: 20, clients: 16, txnsPerClient: 25, isolation: 'serializable', seed: diskSeed };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-bank-'));
  const options: OpenOptions = { durability: 'sync' };
  try {
    const db = await open(dir, options);
    let result: BankResult;
    try {
      result = await runBank(db, config);
      checkBank(db, config, result, `bank serializable (disk, sync), seed ${diskSeed}`);
    } finally {
      await db.close();
    }
    const again = await open(dir, options);
    try {
      checkFinalState(again, result.keys, result.committed);
      await again.check();
    } finally {
      await again.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------
// Write skew.

/** Resolves for everyone once `parties` callers have arrived. */
class Barrier {
  private arrived = 0;
  private open!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.open = resolve));
  constructor(private readonly parties: number) {}
  arrive(): Promise<void> {
    if (++this.arrived === this.parties) this.open();
    return this.opened;
  }
}

interface SkewConfig {
  readonly pairs: number;
  readonly rounds: number;
  readonly isolation: IsolationLevel;
  readonly seed: number;
}

interface SkewResult extends RunResult {
  /** Final x + y per pair. */
  readonly sums: number[];
  readonly report: ReturnType<typeof checkHistory>;
}

const skewStart = 50;

/**
 * Each round, two clients per pair withdraw from the pair's two accounts: read x and y, and if
 * x + y stays >= 0 after the withdrawal, write their own account. Every client of a round reads
 * before any of them writes (a barrier), so under snapshot isolation both withdrawals commit.
 */
async function runWriteSkew(db: Database, config: SkewConfig): Promise<SkewResult> {
  const x = (p: number): string => `pair:${p}:x`;
  const y = (p: number): string => `pair:${p}:y`;
  const keys: string[] = [];
  for (let p = 0; p < config.pairs; p++) keys.push(x(p), y(p));
  await db.batch(keys.map((key) => ({ type: 'put' as const, key, value: tag(skewStart, initialWriter) })));
  const result = newResult();
  const rng = new Rng(config.seed);
  const clients = config.pairs * 2;
  for (let round = 0; round < config.rounds; round++) {
    const barrier = new Barrier(clients);
    const shift = rng.int(config.pairs);
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const p = ((c >> 1) + shift) % config.pairs;
        const own = c % 2 === 0 ? x(p) : y(p);
        const amount = rng.range(10, 40);
        await attempt(db, result, `r${round}c${c}`, { isolation: config.isolation }, async (rec) => {
          let xv = 0;
          let yv = 0;
          try {
            xv = rec.get(x(p));
            yv = rec.get(y(p));
          } finally {
            await barrier.arrive();
          }
          if (xv + yv - amount < 0) return;
          await rec.put(own, (own === x(p) ? xv : yv) - amount);
        });
      }),
    );
  }
  const balances = checkFinalState(db, keys, result.committed);
  const sums = Array.from({ length: config.pairs }, (_, p) => balances.get(x(p))! + balances.get(y(p))!);
  return { ...result, sums, report: checkHistory(result.committed) };
}

test('write skew under repeatable read: the checker finds the cycle', async () => {
  const skewSeed = deriveSeed(seed, 2);
  const db = await open('/db', { fs: new MemoryFileSystem(), durability: 'sync' });
  try {
    const result = await runWriteSkew(db, { pairs: 4, rounds: 6, isolation: 'repeatable read', seed: skewSeed });
    const { report } = result;
    console.log(
      `# write skew, repeatable read, seed ${skewSeed}: ${result.committed.length} committed, aborts ` +
        `${JSON.stringify(result.aborts)}, sums ${result.sums.join(' ')}, cycle ` +
        (report.cycle === undefined ? 'none' : describeCycle(report.cycle)),
    );
    assert.ok(report.cycle !== undefined, 'repeatable read allowed write skew, but the checker found no cycle');
    assert.ok(report.cycle.some((e) => e.kind === 'rw'), 'a write-skew cycle needs an rw edge');
    // Snapshot isolation writes different keys here: nobody has to abort.
    assert.deepEqual(result.aborts, { '40001': 0, '40P01': 0 });
    await db.check();
  } finally {
    await db.close();
  }
});

test('write skew under serializable: aborted, acyclic, constraint holds', async () => {
  const skewSeed = deriveSeed(seed, 2);
  const db = await open('/db', { fs: new MemoryFileSystem(), durability: 'sync' });
  try {
    const result = await runWriteSkew(db, { pairs: 4, rounds: 6, isolation: 'serializable', seed: skewSeed });
    const { report } = result;
    console.log(
      `# write skew, serializable, seed ${skewSeed}: ${result.committed.length} committed, aborts ` +
        `${JSON.stringify(result.aborts)}, sums ${result.sums.join(' ')}`,
    );
    assert.equal(report.cycle, undefined, report.cycle && `dependency cycle: ${describeCycle(report.cycle)}`);
    for (const [p, sum] of result.sums.entries()) assert.ok(sum >= 0, `pair ${p} ends at x + y = ${sum}`);
    assert.ok(result.aborts['40001'] > 0, 'serializable let every write-skew attempt commit');
    await db.check();
  } finally {
    await db.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Phantoms: write skew through range reads and inserts.

interface PhantomConfig {
  readonly groups: number;
  readonly rounds: number;
  /** Most members a group may have. */
  readonly cap: number;
  readonly isolation: IsolationLevel;
}

interface PhantomResult extends RunResult {
  /** Members per group at the end. */
  readonly sizes: number[];
  readonly report: ReturnType<typeof checkHistory>;
}

/**
 * Each round, two clients per group count the group's members with a range read and, if the
 * group is below its cap, insert a member of their own; every count of a round happens before
 * any insert (a barrier). The constraint lives only in the range read, so only predicate
 * (range) conflict tracking can keep it.
 */
async function runPhantom(db: Database, config: PhantomConfig): Promise<PhantomResult> {
  const gte = (g: number): string => `grp:${g}:`;
  const lt = (g: number): string => `grp:${g};`;
  const result = newResult();
  const clients = config.groups * 2;
  for (let round = 0; round < config.rounds; round++) {
    const barrier = new Barrier(clients);
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        const g = c >> 1;
        const id = `r${round}c${c}`;
        await attempt(db, result, id, { isolation: config.isolation }, async (rec) => {
          let members = 0;
          try {
            members = rec.scan(gte(g), lt(g)).size;
          } finally {
            await barrier.arrive();
          }
          if (members < config.cap) await rec.put(`${gte(g)}${id}`, 1);
        });
      }),
    );
  }
  // The members are exactly the committed inserts, each tagged by its inserter.
  const inserted = new Set(result.committed.flatMap((t) => t.writes));
  const sizes: number[] = [];
  for (let g = 0; g < config.groups; g++) {
    let size = 0;
    for (const [k, v] of db.range({ gte: gte(g), lt: lt(g) })) {
      const key = Buffer.from(k).toString('utf8');
      assert.ok(inserted.has(key), `${key} is in the database but its insert did not commit`);
      assert.equal(`${gte(g)}${untag(v, key).w}`, key, `${key} has a foreign tag`);
      inserted.delete(key);
      size++;
    }
    sizes.push(size);
  }
  assert.deepEqual([...inserted], [], 'committed inserts are missing');
  return { ...result, sizes, report: checkHistory(result.committed) };
}

test('phantom under repeatable read: the cap is overrun and the checker finds the cycle', async () => {
  const db = await open('/db', { fs: new MemoryFileSystem(), durability: 'sync' });
  try {
    const result = await runPhantom(db, { groups: 3, rounds: 4, cap: 3, isolation: 'repeatable read' });
    const { report } = result;
    console.log(
      `# phantom, repeatable read: ${result.committed.length} committed, aborts ${JSON.stringify(result.aborts)}, ` +
        `sizes ${result.sizes.join(' ')}, cycle ${report.cycle === undefined ? 'none' : describeCycle(report.cycle)}`,
    );
    assert.ok(report.cycle !== undefined, 'repeatable read allowed a phantom, but the checker found no cycle');
    assert.ok(result.sizes.some((size) => size > 3), 'snapshot isolation kept the cap: the workload has no phantom');
    assert.deepEqual(result.aborts, { '40001': 0, '40P01': 0 });
  } finally {
    await db.close();
  }
});

test('phantom under serializable: range conflicts abort, the cap holds, acyclic', async () => {
  const db = await open('/db', { fs: new MemoryFileSystem(), durability: 'sync' });
  try {
    const result = await runPhantom(db, { groups: 3, rounds: 4, cap: 3, isolation: 'serializable' });
    const { report } = result;
    console.log(
      `# phantom, serializable: ${result.committed.length} committed, aborts ${JSON.stringify(result.aborts)}, ` +
        `sizes ${result.sizes.join(' ')}`,
    );
    assert.equal(report.cycle, undefined, report.cycle && `dependency cycle: ${describeCycle(report.cycle)}`);
    for (const [g, size] of result.sizes.entries()) assert.ok(size <= 3, `group ${g} has ${size} members, over its cap of 3`);
    assert.ok(result.aborts['40001'] > 0, 'serializable let every phantom commit');
    await db.check();
  } finally {
    await db.close();
  }
});

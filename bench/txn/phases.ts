/**
 * The phases of the transaction suite inside one engine's child: the load (through the key-value
 * suite's adapter and load phase), and timed runs of transactions from concurrent clients.
 *
 * Clients. A client is an async loop in this process, like one connection of a server on the
 * event loop: it makes its next transaction (from its own seeded random stream), runs it, waits
 * until it is committed and durable, and only then makes the next. With an engine whose
 * transactions complete inside the call (better-sqlite3), one client runs. A lone client yields
 * to the event loop every `soloTxnsPerYield` transactions. Latency is per transaction, from the
 * call to the durable commit, retries included.
 *
 * A run phase is an untimed warm-up of `warmSeconds`, then `seconds` timed; transactions started
 * before the deadline are waited for and counted, and the phase lasts until the last one ends.
 */
import { performance } from 'node:perf_hooks';
import type { ChildContext } from '../lib/child.js';
import { yieldToEventLoop } from '../lib/event-loop.js';
import { Histogram } from '../lib/histogram.js';
import { PeakRss } from '../lib/memory.js';
import { addEngineStats, phaseResult } from '../lib/phase-result.js';
import type { Measured } from '../lib/phase-result.js';
import { Prng, seedBits } from '../lib/prng.js';
import type { PhaseResult } from '../lib/protocol.js';
import type { KvAdapter, KvEntry, KvOpenOptions } from '../kv/adapter.js';
import { makeKey } from '../kv/data.js';
import type { ValuePool } from '../kv/data.js';
import { runPhase as runKvPhase } from '../kv/phases.js';
import type { TxnAdapter, TxnPlan, TxnRunOptions, TxnTally } from './adapter.js';
import { decodeCounter, encodeCounter, hotKey } from './adapter.js';
import type { TxnPhase } from './spec.js';
import { coldReadsPerContendedTxn, hotKeysMin, hotReadsPerTxn, readsPerTxn, writesPerTxn } from './spec.js';

/**
 * A lone client yields to the event loop after this many transactions: with a synchronous call
 * (better-sqlite3, lmdb's transactionSync) nothing else would run, not even progress reports.
 */
const soloTxnsPerYield = 16;
/** Transactions between two progress reports. */
const progressEveryTxns = 256;

export interface PhaseEnv {
  readonly engine: string;
  readonly dir: string;
  readonly seed: number;
  readonly openOptions: KvOpenOptions;
  readonly pool: ValuePool;
  readonly ctx: ChildContext;
  /** The key-value suite's adapter of this engine (the load). */
  readonly kv: KvAdapter;
  /** This suite's adapter of this engine (everything after the load). */
  readonly txn: TxnAdapter;
}

/**
 * Load: the key-value suite's load phase (random order, durable batches) plus the hot counters,
 * through the key-value adapter; close it; open the transaction adapter on the same directory;
 * one full scan so every engine starts with its data cached. Reports the load; logs the rest.
 */
export async function load(env: PhaseEnv, phase: Extract<TxnPhase, { kind: 'load' }>): Promise<PhaseResult> {
  const { kv, txn, ctx } = env;
  await kv.open(env.dir, env.openOptions);
  const result = await runKvPhase(
    { engine: env.engine, dir: env.dir, seed: env.seed, adapter: kv, pool: env.pool, ctx },
    { kind: 'load', id: phase.id, records: phase.records, batch: phase.batch, order: 'random' },
  );
  const counters: KvEntry[] = [];
  for (let i = 0; i < phase.hotKeys; i++) counters.push([hotKey(i), encodeCounter(0)]);
  await kv.putMany(counters);
  const t0 = performance.now();
  await kv.close();
  const t1 = performance.now();
  await txn.open(env.dir, env.openOptions);
  const t2 = performance.now();
  const seen = txn.scanAll();
  const t3 = performance.now();
  const expected = phase.records + phase.hotKeys;
  if (seen !== expected) result.notes.push(`VERIFY: the scan after the load saw ${seen} of ${expected} entries`);
  result.extra['hotKeys'] = phase.hotKeys;
  result.extra['closeSeconds'] = (t1 - t0) / 1000;
  result.extra['reopenSeconds'] = (t2 - t1) / 1000;
  result.extra['warmScanSeconds'] = (t3 - t2) / 1000;
  ctx.log(`loaded ${phase.records} + ${phase.hotKeys} hot keys; close ${((t1 - t0) / 1000).toFixed(1)} s, open ${((t2 - t1) / 1000).toFixed(1)} s, warm scan ${((t3 - t2) / 1000).toFixed(1)} s`);
  return result;
}

type RunPhase = Extract<TxnPhase, { kind: 'run' }>;

/** Makes one client's transactions. */
class PlanMaker {
  private readonly prng: Prng;

  constructor(
    private readonly env: PhaseEnv,
    private readonly phase: RunPhase,
    client: number,
  ) {
    this.prng = new Prng(env.seed ^ seedBits(phase.id) ^ Math.imul(client + 1, 0x9e3779b1));
  }

  /** The next transaction, and the hot counters it increments (indexes). */
  next(): { plan: TxnPlan; counters: number[] } {
    const { phase, prng } = this;
    if (phase.workload === 'uncontended') {
      const reads: Uint8Array[] = [];
      for (let j = 0; j < readsPerTxn; j++) reads.push(makeKey(prng.nextInt(phase.records)));
      const puts: KvEntry[] = [];
      for (let j = 0; j < writesPerTxn; j++) {
        const i = prng.nextInt(phase.records);
        // Another of the pool's values: the table keeps values of the key-value suite's shape.
        puts.push([makeKey(i), this.env.pool.valueFor(i + 1 + prng.nextInt(1023))]);
      }
      return { plan: { reads, puts, increments: [] }, counters: [] };
    }
    // Contended: 2 distinct counters to increment and 2 other hot keys to read, in random order.
    const hot = this.distinctHot(writesPerTxn + hotReadsPerTxn);
    const reads: Uint8Array[] = [];
    for (let j = 0; j < coldReadsPerContendedTxn; j++) reads.push(makeKey(prng.nextInt(phase.records)));
    const counters = hot.slice(0, writesPerTxn);
    for (const h of hot.slice(writesPerTxn)) reads.push(hotKey(h));
    return { plan: { reads, puts: [], increments: counters.map(hotKey) }, counters };
  }

  private distinctHot(n: number): number[] {
    const picked: number[] = [];
    while (picked.length < n) {
      const h = this.prng.nextInt(this.phase.hotKeys);
      if (!picked.includes(h)) picked.push(h);
    }
    return picked;
  }
}

/** State shared by the clients of one run (warm-up or timed part). */
interface RunState {
  readonly deadline: number;
  readonly hist: Histogram;
  readonly tally: TxnTally;
  /** Increments committed per hot counter (over warm-up and timed part). */
  readonly increments: Float64Array;
  committed: number;
  gaveUp: number;
  readonly gaveUpCodes: Map<string, number>;
  lastDone: number;
  failure: Error | undefined;
  readonly report: (done: number) => void;
}

async function client(env: PhaseEnv, how: TxnRunOptions, s: RunState, maker: PlanMaker): Promise<void> {
  let inARow = 0;
  while (s.failure === undefined) {
    const { plan, counters } = maker.next();
    const t0 = performance.now();
    const outcome = await env.txn.transact(plan, how, s.tally);
    const t1 = performance.now();
    if (outcome.committed) {
      s.hist.record((t1 - t0) * 1e6);
      s.committed++;
      for (const h of counters) s.increments[h] = (s.increments[h] ?? 0) + 1;
    } else {
      s.gaveUp++;
      s.gaveUpCodes.set(outcome.code, (s.gaveUpCodes.get(outcome.code) ?? 0) + 1);
    }
    if (t1 > s.lastDone) s.lastDone = t1;
    if ((s.committed + s.gaveUp) % progressEveryTxns === 0) s.report(s.committed);
    if (t1 >= s.deadline) return;
    if (how.clients === 1 && ++inARow >= soloTxnsPerYield) {
      inARow = 0;
      await yieldToEventLoop();
    }
  }
}

/** Runs `clients` clients for `seconds`; `increments` accumulates across calls. */
async function runClients(env: PhaseEnv, phase: RunPhase, clients: number, seconds: number, label: string, increments: Float64Array): Promise<RunState & { start: number }> {
  const start = performance.now();
  const s: RunState & { start: number } = {
    start,
    deadline: start + seconds * 1000,
    hist: new Histogram(),
    tally: { attempts: 0, missing: 0 },
    increments,
    committed: 0,
    gaveUp: 0,
    gaveUpCodes: new Map(),
    lastDone: start,
    failure: undefined,
    report: (done) => env.ctx.progress(label, done, 0, (performance.now() - start) / 1000),
  };
  const makers: PlanMaker[] = [];
  for (let c = 0; c < clients; c++) makers.push(new PlanMaker(env, phase, c));
  const how: TxnRunOptions = { isolation: phase.isolation, retries: phase.retries, clients };
  await Promise.all(
    makers.map((maker) =>
      client(env, how, s, maker).catch((err: unknown) => {
        s.failure ??= err instanceof Error ? err : new Error(String(err));
      }),
    ),
  );
  if (s.failure !== undefined) throw s.failure;
  return s;
}

function readCounters(txn: TxnAdapter, hotKeys: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < hotKeys; i++) values.push(decodeCounter(txn.get(hotKey(i))));
  return values;
}

/** A timed run of transactions; the result's ops are committed transactions. */
export async function run(env: PhaseEnv, phase: RunPhase): Promise<PhaseResult> {
  if (phase.workload === 'contended' && phase.hotKeys < hotKeysMin) {
    throw new Error(`the contended workload needs at least ${hotKeysMin} hot keys, got ${phase.hotKeys}`);
  }
  const notes: string[] = [];
  let clients = phase.clients;
  if (env.txn.serial && clients > 1) {
    clients = 1;
    notes.push(`synchronous API, so run with 1 client instead of ${phase.clients}`);
  }
  const label = `${phase.workload}, ${clients} client${clients === 1 ? '' : 's'}, ${phase.isolation}`;
  const before = readCounters(env.txn, phase.hotKeys);
  const increments = new Float64Array(phase.hotKeys);
  if (phase.warmSeconds > 0) await runClients(env, phase, clients, phase.warmSeconds, `${label} (warm-up)`, increments);
  const rss = new PeakRss();
  rss.start();
  const statsBefore = env.txn.stats?.() ?? {};
  const s = await runClients(env, phase, clients, phase.seconds, label, increments);
  const extra: Record<string, number | string | boolean> = {};
  addEngineStats(extra, statsBefore, env.txn.stats?.() ?? {});
  const after = readCounters(env.txn, phase.hotKeys);
  checkCounters(phase, before, after, increments, notes, extra);
  const { attempts, missing } = s.tally;
  if (missing > 0) notes.push(`VERIFY: ${missing} reads of preloaded keys returned nothing`);
  Object.assign(extra, {
    workload: phase.workload,
    clients,
    clientsAsked: phase.clients,
    isolation: env.txn.nativeIsolation ?? phase.isolation,
    isolationAsked: phase.isolation,
    retriesAllowed: phase.retries,
    hotKeys: phase.hotKeys,
    attempts,
    committed: s.committed,
    aborts: attempts - s.committed,
    abortRate: attempts > 0 ? (attempts - s.committed) / attempts : 0,
    retries: attempts - s.committed - s.gaveUp,
    gaveUp: s.gaveUp,
    missing,
    warmSeconds: phase.warmSeconds,
  });
  for (const [code, n] of s.gaveUpCodes) extra[`gaveUp.${code}`] = n;
  const m: Measured = {
    ops: s.committed,
    seconds: (s.lastDone - s.start) / 1000,
    hist: s.hist,
    latencyOf: 'one committed transaction, call to durable commit (retries included)',
    notes,
    extra,
  };
  return phaseResult(env.engine, phase.id, env.dir, m, rss.bytes());
}

/**
 * Contended runs: every counter must have grown by exactly the increments of the committed
 * transactions (warm-up included), so a lost update (or a phantom one) shows.
 */
function checkCounters(phase: RunPhase, before: number[], after: number[], increments: Float64Array, notes: string[], extra: Record<string, number | string | boolean>): void {
  if (phase.workload !== 'contended') return;
  let expected = 0;
  let grown = 0;
  let wrong = 0;
  for (let i = 0; i < phase.hotKeys; i++) {
    const want = increments[i] ?? 0;
    const got = (after[i] ?? Number.NaN) - (before[i] ?? Number.NaN);
    expected += want;
    grown += got;
    if (got !== want) wrong++;
  }
  extra['counterIncrements'] = expected;
  extra['counterGrowth'] = grown;
  extra['countersWrong'] = wrong;
  extra['countersOk'] = wrong === 0;
  if (wrong > 0) {
    notes.push(`VERIFY: ${wrong} of ${phase.hotKeys} hot counters disagree with the committed increments (grew by ${grown}, committed ${expected}: ${expected - grown} lost updates)`);
  }
}

/**
 * The phases of the YCSB suite inside one engine's child: load, warm-up, and run phases with one
 * or many clients. None of them knows which engine it drives (`KvAdapter`).
 *
 * Clients. A client is an async loop in this process, like one connection of a server on the
 * event loop: it takes its stream's next operation, performs it, and only then takes the next
 * (YCSB's client threads do the same). Reads and scans are synchronous calls for every engine but
 * classic-level's scans; writes are awaited until durable. Between operations a client yields
 * to the event loop (`setImmediate`) unless its last operation already waited:
 *   - with several clients, after every operation: each client is a connection with one request
 *     outstanding, whose next request arrives in a later turn of the loop, so the loop serves
 *     every client once per turn and write completions are never held up behind a long run of
 *     another client's reads;
 *   - with one client, after `soloSyncOpsPerYield` operations in a row: an application calling
 *     the engine in a loop, that lets timers and background I/O (checkpoints) run now and then
 *     without paying a loop turn (~1 µs here) for every read.
 * Latency is measured per operation from just before the call to just after its result (issue to
 * durable, for writes); the yields are outside it.
 */
import { performance } from 'node:perf_hooks';
import type { ChildContext } from '../lib/child.js';
import { yieldToEventLoop } from '../lib/event-loop.js';
import { Histogram } from '../lib/histogram.js';
import { PeakRss } from '../lib/memory.js';
import { addEngineStats, phaseResult } from '../lib/phase-result.js';
import type { Measured as PhaseMeasured } from '../lib/phase-result.js';
import type { PhaseResult } from '../lib/protocol.js';
import type { KvAdapter, KvEntry } from '../kv/adapter.js';
import { recordBytes, withField } from './record.js';
import type { YcsbPhase } from './spec.js';
import { runId } from './spec.js';
import { LoadStream, OperationStream, ycsbOpKinds, ycsbWorkloads } from './workloads.js';
import type { YcsbOp, YcsbOpKind } from './workloads.js';

/** Operations that did not wait a lone client performs in a row before yielding to the event loop. */
const soloSyncOpsPerYield = 16;
/** Operations between two progress reports of a run phase. */
const progressEveryOps = 1024;
/** Gets between two yields of the warm-up. */
const warmChunkOps = 4096;
/** Every workload's records have YCSB's default shape; the load uses workload a's. */
const recordShape = ycsbWorkloads.a;
const expectedRecordBytes = recordBytes(recordShape.fieldCount, recordShape.fieldLength);

export interface PhaseEnv {
  readonly engine: string;
  readonly group: string;
  readonly dir: string;
  readonly seed: number;
  readonly recordCount: number;
  readonly adapter: KvAdapter;
  readonly ctx: ChildContext;
  /** Closes the adapter and opens it again on the same directory with the same options. */
  readonly close: () => Promise<void>;
  readonly open: () => Promise<void>;
}

/** What a phase measured, and the id of its result. */
interface Measured extends PhaseMeasured {
  id: string;
}

/** Runs one phase; returns its result, or undefined for the untimed warm-up. */
export async function runPhase(env: PhaseEnv, phase: YcsbPhase): Promise<PhaseResult | undefined> {
  const rss = new PeakRss();
  rss.start();
  const before = env.adapter.stats?.() ?? {};
  let m: Measured;
  switch (phase.kind) {
    case 'load':
      m = await load(env, phase);
      break;
    case 'reopen':
      m = await reopen(env, phase);
      break;
    case 'warm':
      await warm(env, phase);
      return undefined;
    case 'run':
      m = await run(env, phase);
      break;
    default: {
      const never: never = phase;
      throw new Error(`unknown phase ${JSON.stringify(never)}`);
    }
  }
  addEngineStats(m.extra, before, env.adapter.stats?.() ?? {});
  m.extra['group'] = env.group;
  m.extra['peakRssPerPhase'] = rss.perPhase;
  return phaseResult(env.engine, m.id, env.dir, m, rss.bytes());
}

/** YCSB's load phase: every record once, in hashed key order, `batch` per durable batch. */
async function load(env: PhaseEnv, phase: Extract<YcsbPhase, { kind: 'load' }>): Promise<Measured> {
  const stream = new LoadStream({ workload: recordShape, recordCount: env.recordCount, seed: env.seed, clientIndex: 0, clientCount: 1 });
  const hist = new Histogram();
  const label = `${phase.id}: ${env.recordCount} records, batches of ${phase.batch}`;
  const start = performance.now();
  let done = 0;
  for (;;) {
    const entries: KvEntry[] = [];
    while (entries.length < phase.batch) {
      const op = stream.next();
      if (op === undefined) break;
      entries.push([op.key, op.record]);
    }
    if (entries.length === 0) break;
    const t0 = performance.now();
    await env.adapter.putMany(entries);
    const t1 = performance.now();
    hist.record((t1 - t0) * 1e6);
    done += entries.length;
    env.ctx.progress(label, done, env.recordCount, (t1 - start) / 1000);
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    id: phase.id,
    ops: done,
    seconds,
    hist,
    latencyOf: `one durable batch of ${phase.batch} inserts`,
    notes: done === env.recordCount ? [] : [`VERIFY: loaded ${done} of ${env.recordCount} records`],
    extra: { batch: phase.batch, batches: hist.count, recordBytes: expectedRecordBytes },
  };
}

/** Close and open again; one sample, the whole; close and open times in `extra`. */
async function reopen(env: PhaseEnv, phase: Extract<YcsbPhase, { kind: 'reopen' }>): Promise<Measured> {
  const t0 = performance.now();
  await env.close();
  const t1 = performance.now();
  await env.open();
  const t2 = performance.now();
  const hist = new Histogram();
  hist.record((t2 - t0) * 1e6);
  return {
    id: phase.id,
    ops: 1,
    seconds: (t2 - t0) / 1000,
    hist,
    latencyOf: 'close + open',
    notes: [],
    extra: { closeSeconds: (t1 - t0) / 1000, openSeconds: (t2 - t1) / 1000 },
  };
}

/** Untimed: a full ordered scan, then zipfian gets. */
async function warm(env: PhaseEnv, phase: Extract<YcsbPhase, { kind: 'warm' }>): Promise<void> {
  const t0 = performance.now();
  const seen = await env.adapter.scan(Buffer.from('user', 'latin1'), env.recordCount);
  if (seen < env.recordCount) env.ctx.log(`VERIFY: warm-up scan saw ${seen} of ${env.recordCount} records`);
  const stream = new OperationStream({
    workload: 'c',
    recordCount: env.recordCount,
    operationCount: phase.reads,
    seed: env.seed ^ 0x7a11,
    clientIndex: 0,
    clientCount: 1,
  });
  let done = 0;
  for (let op = stream.next(); op !== undefined; op = stream.next()) {
    env.adapter.get(op.key);
    if (++done % warmChunkOps === 0) {
      env.ctx.progress(`warm-up: scan + ${phase.reads} gets`, done, phase.reads, (performance.now() - t0) / 1000);
      await yieldToEventLoop();
    }
  }
  env.ctx.log(`warm-up: scan of ${seen} records + ${done} gets in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** State shared by the clients of one run phase. */
interface RunState {
  readonly adapter: KvAdapter;
  readonly deadline: number;
  /** Operations that did not wait a client performs before yielding (see the header). */
  readonly syncOpsPerYield: number;
  readonly hists: Histogram[];
  readonly all: Histogram;
  failure: Error | undefined;
  done: number;
  lastDone: number;
  missing: number;
  wrongSize: number;
  scanned: number;
  shortScans: number;
  stoppedByTime: boolean;
  readonly report: () => void;
}

const kindIndex: Readonly<Record<YcsbOpKind, number>> = { read: 0, update: 1, insert: 2, scan: 3, readModifyWrite: 4 };

function checkRecord(s: RunState, value: Uint8Array | undefined): value is Uint8Array {
  if (value === undefined) {
    s.missing++;
    return false;
  }
  if (value.length !== expectedRecordBytes) {
    s.wrongSize++;
    return false;
  }
  return true;
}

/** Performs one operation; resolves true when it waited (a write, or an asynchronous scan). */
async function perform(s: RunState, op: YcsbOp): Promise<boolean> {
  switch (op.kind) {
    case 'read':
      checkRecord(s, s.adapter.get(op.key));
      return false;
    case 'update':
    case 'readModifyWrite': {
      const value = s.adapter.get(op.key);
      if (!checkRecord(s, value)) return false;
      await s.adapter.put(op.key, withField(value, op.field, op.fieldValue));
      return true;
    }
    case 'insert':
      await s.adapter.put(op.key, op.record);
      return true;
    case 'scan': {
      const r = s.adapter.scan(op.key, op.scanLength);
      const seen = typeof r === 'number' ? r : await r;
      s.scanned += seen;
      if (seen < op.scanLength) s.shortScans++;
      return typeof r !== 'number';
    }
    default: {
      const never: never = op;
      throw new Error(`unknown operation ${JSON.stringify(never)}`);
    }
  }
}

async function client(s: RunState, stream: OperationStream): Promise<void> {
  let inARow = 0;
  for (let op = stream.next(); op !== undefined && s.failure === undefined; op = stream.next()) {
    const t0 = performance.now();
    const waited = await perform(s, op);
    const t1 = performance.now();
    const ns = (t1 - t0) * 1e6;
    s.all.record(ns);
    s.hists[kindIndex[op.kind]]?.record(ns);
    if (t1 > s.lastDone) s.lastDone = t1;
    if (++s.done % progressEveryOps === 0) s.report();
    if (t1 >= s.deadline) {
      s.stoppedByTime = true;
      return;
    }
    if (waited) {
      inARow = 0;
    } else if (++inARow >= s.syncOpsPerYield) {
      inARow = 0;
      await yieldToEventLoop();
    }
  }
}

/** A YCSB run phase with `clients` concurrent clients. */
async function run(env: PhaseEnv, phase: Extract<YcsbPhase, { kind: 'run' }>): Promise<Measured> {
  const id = runId(phase.workload, phase.clients);
  const streams: OperationStream[] = [];
  for (let c = 0; c < phase.clients; c++) {
    streams.push(
      new OperationStream({
        workload: phase.workload,
        recordCount: env.recordCount,
        operationCount: phase.operationCount,
        seed: env.seed,
        clientIndex: c,
        clientCount: phase.clients,
        insertKeyOffset: phase.insertKeyOffset,
      }),
    );
  }
  const label = `${phase.workload.toUpperCase()}, ${phase.clients} client${phase.clients === 1 ? '' : 's'}`;
  const start = performance.now();
  const s: RunState = {
    adapter: env.adapter,
    deadline: start + phase.maxSeconds * 1000,
    syncOpsPerYield: phase.clients === 1 ? soloSyncOpsPerYield : 1,
    hists: ycsbOpKinds.map(() => new Histogram()),
    all: new Histogram(),
    failure: undefined,
    done: 0,
    lastDone: start,
    missing: 0,
    wrongSize: 0,
    scanned: 0,
    shortScans: 0,
    stoppedByTime: false,
    report: () => env.ctx.progress(label, s.done, phase.operationCount, (performance.now() - start) / 1000),
  };
  await Promise.all(
    streams.map((stream) =>
      client(s, stream).catch((err: unknown) => {
        s.failure ??= err instanceof Error ? err : new Error(String(err));
      }),
    ),
  );
  if (s.failure !== undefined) throw s.failure;
  const notes: string[] = [];
  if (s.missing > 0) notes.push(`VERIFY: ${s.missing} reads of existing records returned nothing`);
  if (s.wrongSize > 0) notes.push(`VERIFY: ${s.wrongSize} reads returned a value that is not a ${expectedRecordBytes}-byte record`);
  const extra: Record<string, number | string | boolean> = {
    ycsbWorkload: phase.workload,
    clients: phase.clients,
    operationCount: phase.operationCount,
    maxSeconds: phase.maxSeconds,
    stoppedByTime: s.stoppedByTime,
    insertKeyOffset: phase.insertKeyOffset,
    missing: s.missing,
    wrongSize: s.wrongSize,
  };
  ycsbOpKinds.forEach((kind, i) => {
    const h = s.hists[i];
    if (h === undefined || h.count === 0) return;
    const sum = h.summary();
    extra[`${kind}.count`] = sum.count;
    extra[`${kind}.p50`] = sum.p50;
    extra[`${kind}.p99`] = sum.p99;
    extra[`${kind}.p999`] = sum.p999;
  });
  if (s.scanned > 0) {
    extra['scannedRecords'] = s.scanned;
    extra['shortScans'] = s.shortScans;
  }
  return {
    id,
    ops: s.done,
    seconds: (s.lastDone - start) / 1000,
    hist: s.all,
    latencyOf: 'one operation, issue to result (to durable, for writes)',
    notes,
    extra,
  };
}

/**
 * The timed phases of the key-value suite, run inside an engine's child process.
 * Each returns a `PhaseResult`; none of them knows which engine it drives.
 */
import { performance } from 'node:perf_hooks';
import type { ChildContext } from '../lib/child.js';
import { yieldToEventLoop } from '../lib/event-loop.js';
import { Histogram } from '../lib/histogram.js';
import { addEngineStats, peakRssSoFar, phaseResult } from '../lib/phase-result.js';
import type { Measured } from '../lib/phase-result.js';
import { Permutation, Prng } from '../lib/prng.js';
import type { PhaseResult } from '../lib/protocol.js';
import type { KvAdapter, KvEntry } from './adapter.js';
import { KeySlab, ValuePool, makeKey } from './data.js';
import type { KvPhase } from './spec.js';

/** Keys per timed read chunk (keys are formatted between chunks, outside the timing). */
const readChunkKeys = 4096;
/** One read in `readSampleEvery` is timed on its own for the latency histogram. */
const readSampleEvery = 16;
/** Reads per chunk checked against the expected value (untimed). */
const readVerifyPerChunk = 4;
/** Index space of keys written by the write workloads (fresh keys, random order). */
const writeKeySpace = 2 ** 32;

export interface PhaseEnv {
  readonly engine: string;
  readonly dir: string;
  readonly seed: number;
  readonly adapter: KvAdapter;
  readonly pool: ValuePool;
  readonly ctx: ChildContext;
}

/** Smallest gap between two back-to-back `performance.now()` calls, in ns. */
function timerOverheadNs(): number {
  let best = Infinity;
  for (let i = 0; i < 1000; i++) {
    const a = performance.now();
    const b = performance.now();
    if (b - a < best) best = b - a;
  }
  return best * 1e6;
}

export async function runPhase(env: PhaseEnv, phase: KvPhase): Promise<PhaseResult> {
  const before = env.adapter.stats?.() ?? {};
  const m = await measure(env, phase);
  addEngineStats(m.extra, before, env.adapter.stats?.() ?? {});
  return phaseResult(env.engine, phase.id, env.dir, m, peakRssSoFar());
}

function measure(env: PhaseEnv, phase: KvPhase): Promise<Measured> {
  switch (phase.kind) {
    case 'load':
      return load(env, phase);
    case 'reads':
      return reads(env, phase);
    case 'scans':
      return scans(env, phase);
    case 'writes':
      return writes(env, phase);
    default: {
      const never: never = phase;
      throw new Error(`unknown phase ${JSON.stringify(never)}`);
    }
  }
}

/** Keys 0..records-1 in seeded random (or ascending) order, `batch` per atomic batch; wall-clock timed. */
async function load(env: PhaseEnv, phase: Extract<KvPhase, { kind: 'load' }>): Promise<Measured> {
  const perm = new Permutation(phase.records, env.seed ^ 0x10ad);
  const hist = new Histogram();
  const ascending = phase.order === 'ascending';
  const label = `${phase.id}: load ${phase.records} (${phase.order}) in batches of ${phase.batch}`;
  const start = performance.now();
  for (let b = 0; b < phase.records; b += phase.batch) {
    const n = Math.min(phase.batch, phase.records - b);
    const entries: KvEntry[] = new Array<KvEntry>(n);
    for (let j = 0; j < n; j++) {
      const i = ascending ? b + j : perm.at(b + j);
      entries[j] = [makeKey(i), env.pool.valueFor(i)];
    }
    const t0 = performance.now();
    await env.adapter.putMany(entries);
    const t1 = performance.now();
    hist.record((t1 - t0) * 1e6);
    env.ctx.progress(label, b + n, phase.records, (t1 - start) / 1000);
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    ops: phase.records,
    seconds,
    hist,
    latencyOf: `one batch of ${phase.batch} puts`,
    notes: [],
    extra: { batches: hist.count, order: phase.order },
  };
}

/** Uniform random point reads of loaded keys; only the get loop is timed. */
async function reads(env: PhaseEnv, phase: Extract<KvPhase, { kind: 'reads' }>): Promise<Measured> {
  const { adapter, pool } = env;
  const notes: string[] = [];
  const extra: Record<string, number | string | boolean> = {};
  const label = `${phase.id}: ${phase.ops} random gets over ${phase.records} keys`;
  if (phase.warmScan) {
    const t0 = performance.now();
    const seen = await adapter.scan(makeKey(0), phase.records);
    extra['warmScanSeconds'] = (performance.now() - t0) / 1000;
    if (seen !== phase.records) notes.push(`VERIFY: warm-up scan saw ${seen} of ${phase.records} entries`);
  }
  const prng = new Prng(env.seed ^ 0x4ead);
  const slab = new KeySlab(readChunkKeys);
  for (let warmed = 0; warmed < phase.warmOps; warmed += slab.size) {
    slab.fill(prng, phase.records);
    for (const key of slab.views) adapter.get(key);
    await yieldToEventLoop();
  }
  const hist = new Histogram();
  let missing = 0;
  let wrong = 0;
  let timedMs = 0;
  let done = 0;
  while (done < phase.ops) {
    const n = Math.min(slab.size, phase.ops - done);
    slab.fill(prng, phase.records);
    const views = slab.views;
    const t0 = performance.now();
    for (let j = 0; j < n; j++) {
      const key = views[j] as Buffer;
      if (j % readSampleEvery === 0) {
        const s = performance.now();
        const v = adapter.get(key);
        hist.record((performance.now() - s) * 1e6);
        if (v === undefined) missing++;
      } else if (adapter.get(key) === undefined) {
        missing++;
      }
    }
    timedMs += performance.now() - t0;
    for (let j = 0; j < readVerifyPerChunk && j < n; j++) {
      if (!pool.matches(slab.indexes[j] ?? -1, adapter.get(views[j] as Buffer))) wrong++;
    }
    done += n;
    env.ctx.progress(label, done, phase.ops, timedMs / 1000);
    await yieldToEventLoop();
  }
  if (missing > 0) notes.push(`VERIFY: ${missing} gets of loaded keys returned nothing`);
  if (wrong > 0) notes.push(`VERIFY: ${wrong} sampled gets returned a wrong value`);
  extra['missing'] = missing;
  extra['wrongValues'] = wrong;
  extra['timerOverheadNs'] = timerOverheadNs();
  extra['latencySampledEvery'] = readSampleEvery;
  return { ops: phase.ops, seconds: timedMs / 1000, hist, latencyOf: 'one get (1 in 16 sampled)', notes, extra };
}

/** `scans` ordered scans of `length` entries from random start ranks. */
async function scans(env: PhaseEnv, phase: Extract<KvPhase, { kind: 'scans' }>): Promise<Measured> {
  const prng = new Prng(env.seed ^ 0x5ca2);
  const hist = new Histogram();
  const notes: string[] = [];
  const label = `${phase.id}: ${phase.scans} scans of ${phase.length}`;
  const length = Math.min(phase.length, phase.records);
  let entries = 0;
  let short = 0;
  let timedMs = 0;
  for (let s = 0; s < phase.scans; s++) {
    const startRank = prng.nextInt(phase.records - length + 1);
    const key = makeKey(startRank);
    const t0 = performance.now();
    const seen = await env.adapter.scan(key, length);
    const dt = performance.now() - t0;
    timedMs += dt;
    hist.record(dt * 1e6);
    entries += seen;
    if (seen !== length) short++;
    env.ctx.progress(label, s + 1, phase.scans, timedMs / 1000);
    await yieldToEventLoop();
  }
  if (short > 0) notes.push(`VERIFY: ${short} scans returned fewer than ${length} entries`);
  return {
    ops: entries,
    seconds: timedMs / 1000,
    hist,
    latencyOf: `one scan of ${length} entries`,
    notes,
    extra: { scans: phase.scans, scanLength: length, shortScans: short },
  };
}

/**
 * Durable puts of fresh keys with `inFlight` outstanding at all times (each completion issues the
 * next), until `opsMax` are done or `secondsMax` have passed.
 */
async function writes(env: PhaseEnv, phase: Extract<KvPhase, { kind: 'writes' }>): Promise<Measured> {
  const { adapter, pool } = env;
  const notes: string[] = [];
  let inFlight = phase.inFlight;
  if (adapter.serialWrites && inFlight > 1) {
    inFlight = 1;
    notes.push(`synchronous API, so run with 1 writer instead of ${phase.inFlight}`);
  }
  const perm = new Permutation(writeKeySpace, env.seed ^ 0x3417e);
  const hist = new Histogram();
  const label = `${phase.id}: puts, ${inFlight} in flight, up to ${phase.secondsMax} s`;
  const progressTotal = phase.opsMax < Number.MAX_SAFE_INTEGER ? phase.opsMax : 0;
  const start = performance.now();
  const deadline = start + phase.secondsMax * 1000;
  let issued = 0;
  let completed = 0;
  let lastDone = start;
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const issue = (): void => {
      if (failed) return;
      if (issued >= phase.opsMax || performance.now() >= deadline) {
        if (completed === issued) resolve();
        return;
      }
      const i = issued++;
      const t0 = performance.now();
      adapter.put(makeKey(perm.at(i)), pool.valueFor(i)).then(
        () => {
          lastDone = performance.now();
          hist.record((lastDone - t0) * 1e6);
          completed++;
          env.ctx.progress(label, completed, progressTotal, (lastDone - start) / 1000);
          issue();
        },
        (err: unknown) => {
          failed = true;
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    };
    for (let k = 0; k < inFlight; k++) issue();
  });
  return {
    ops: completed,
    seconds: (lastDone - start) / 1000,
    hist,
    latencyOf: 'one put, issue to durable',
    notes,
    extra: { inFlight, opsMax: phase.opsMax, secondsMax: phase.secondsMax },
  };
}

/**
 * Power loss at every I/O: a seeded workload on a MemoryFileSystem (durability 'sync', a small
 * cache so pages are evicted, large values in overflow pages, checkpoints in the middle) is cut
 * off after k mutating I/Os, for every k (or a wide sample). Each surviving image, without and
 * with torn unsynced writes, must reopen to exactly a prefix of the issued commits that holds
 * every acknowledged one, and pass `check()`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem, IoError, ReadOnlyAfterFailureError, type Durability } from '../../src/index.js';
import { Rng, seedFrom } from '../lib/rng.js';
import {
  type Commit,
  type Db,
  type State,
  abandon,
  applyCommit,
  checkGets,
  diffStates,
  errorText,
  hangMs,
  issue,
  keyspaces,
  makeWorkload,
  openOn,
  readState,
  withDeadline,
} from './harness.js';

/** Crash points tried: all of them up to this many, else every k up to `denseMax` plus a sample. */
const exhaustiveMax = 700;
const denseMax = 200;
const sampled = 320;

/** How the workload is issued: groups of commits issued together (to exercise group commit), checkpoints between. */
interface Script {
  readonly commits: readonly Commit[];
  /** Sizes of the groups issued concurrently, in order; they sum to commits.length. */
  readonly groups: readonly number[];
  /** Commit indexes before which `db.checkpoint()` is awaited. */
  readonly checkpointsBefore: ReadonlySet<number>;
}

function makeScript(seed: number): Script {
  const commits = makeWorkload(seed, {
    commits: 240,
    keyspaces,
    keysPerSpace: 90,
    largeChance: 0.15,
    bulk: { every: 12, keys: 500 },
  });
  const rng = new Rng(seed ^ 0x5eed);
  const groups: number[] = [];
  for (let left = commits.length; left > 0; ) {
    const g = Math.min(left, rng.chance(0.3) ? rng.range(2, 4) : 1);
    groups.push(g);
    left -= g;
  }
  return { commits, groups, checkpointsBefore: new Set([80, 170]) };
}

interface RunOutcome {
  /** Commits whose call was made. */
  issued: number;
  /** Index of the last acknowledged commit, -1 if none. */
  lastAcked: number;
  /**
   * How many leading commits must survive: in 'sync' durability every acknowledged one; in
   * 'none' those issued before the last checkpoint (or close) that completed.
   */
  floor: number;
  db: Db | undefined;
}

/** An error a commit may fail with once the power is cut. */
function expectedFailure(err: unknown): boolean {
  return err instanceof IoError || err instanceof ReadOnlyAfterFailureError;
}

/** Run the script on `fs` until it ends or the power is cut; closes the database when it ends. */
async function runScript(fs: MemoryFileSystem, s: Script, durability: Durability = 'sync'): Promise<RunOutcome> {
  const out: RunOutcome = { issued: 0, lastAcked: -1, floor: 0, db: undefined };
  const acked = (i: number): void => {
    out.lastAcked = Math.max(out.lastAcked, i);
    if (durability === 'sync') out.floor = out.lastAcked + 1;
  };
  try {
    out.db = await openOn(fs, 'open', durability);
  } catch (err) {
    if (fs.powerCut && expectedFailure(err)) return out;
    throw err;
  }
  const db = out.db;
  let next = 0;
  for (const g of s.groups) {
    if (s.checkpointsBefore.has(next)) {
      try {
        const before = next;
        await withDeadline(db.checkpoint(), hangMs, 'checkpoint');
        out.floor = Math.max(out.floor, before);
      } catch (err) {
        if (fs.powerCut && expectedFailure(err)) return out;
        throw err;
      }
    }
    const pending: Promise<void>[] = [];
    for (let j = 0; j < g; j++, next++) {
      const i = next;
      out.issued = i + 1;
      pending.push(issue(db, s.commits[i]!).then(() => acked(i)));
    }
    const results = await withDeadline(Promise.allSettled(pending), hangMs, `commits up to ${next - 1}`);
    for (const r of results) {
      if (r.status === 'rejected' && !(fs.powerCut && expectedFailure(r.reason))) throw r.reason;
    }
    if (fs.powerCut) return out;
  }
  try {
    await withDeadline(db.close(), hangMs, 'close');
    out.db = undefined;
    // close() checkpoints; if the power was cut during it, it may have swallowed the error.
    if (!fs.powerCut) out.floor = out.issued;
  } catch (err) {
    if (!(fs.powerCut && expectedFailure(err))) throw err;
  }
  return out;
}

/**
 * Run the script on a fresh file system whose power goes after `k` mutating I/Os, and abandon
 * the database it leaves open; `problem` says how the workload itself failed, if it did.
 */
async function runCutAfter(
  k: number,
  s: Script,
  durability: Durability = 'sync',
): Promise<{ fs: MemoryFileSystem; run: RunOutcome; problem?: never } | { fs: MemoryFileSystem; run?: never; problem: string }> {
  const fs = new MemoryFileSystem();
  fs.crashAfter(k);
  let run: RunOutcome;
  try {
    run = await runScript(fs, s, durability);
  } catch (err) {
    return { fs, problem: `k=${k}: workload: ${errorText(err)}` };
  }
  await abandon(run.db);
  return { fs, run };
}

/** Contents after the first `p` commits. */
function stateAfter(commits: readonly Commit[], p: number): State {
  const state: State = new Map();
  for (let i = 0; i < p; i++) applyCommit(state, commits[i]!);
  return state;
}

/** Result of verifying an image: a failure, or the length of the prefix of commits it holds. */
type Verdict = { problem: string; prefix?: never } | { problem?: never; prefix: number };

/**
 * Reopen `image` and check it holds exactly the first p commits for some p in [floor, issued]
 * (or exactly `exact` commits when given), that `check()` passes, and that it takes writes.
 */
async function verifyImage(
  image: MemoryFileSystem,
  commits: readonly Commit[],
  run: Pick<RunOutcome, 'floor' | 'issued'>,
  label: string,
  exact?: number,
): Promise<Verdict> {
  let db: Db | undefined;
  const lo = exact ?? run.floor;
  const hi = exact ?? run.issued;
  try {
    db = await openOn(image, 'reopen');
    await withDeadline(db.check(), hangMs, 'check');
    const got = readState(db, keyspaces);
    // Candidates: the shortest allowed prefix, then each longer one.
    const want = stateAfter(commits, lo);
    const vsFloor = diffStates(got, want);
    let prefix = vsFloor === undefined ? lo : -1;
    for (let p = lo; p < hi && prefix < 0; p++) {
      applyCommit(want, commits[p]!);
      if (diffStates(got, want) === undefined) prefix = p + 1;
    }
    if (prefix < 0) {
      return { problem: `${label}: state is no prefix in [${lo}, ${hi}] of the commits; vs. the first ${lo}: ${vsFloor}` };
    }
    const getProblem = checkGets(db, want);
    if (getProblem !== undefined) return { problem: `${label}: ${getProblem}` };
    // The recovered database must take writes and keep them.
    await withDeadline(db.keyspace('users').put('after-recovery', 'yes'), hangMs, 'put after recovery');
    await withDeadline(db.close(), hangMs, 'close after recovery');
    db = undefined;
    return { prefix };
  } catch (err) {
    return { problem: `${label}: ${errorText(err)}` };
  } finally {
    await abandon(db);
  }
}

/** Crash points to try: all of 1..n, or 1..denseMax plus a seeded sample over the rest. */
function crashPoints(n: number, rng: Rng): number[] {
  if (n <= exhaustiveMax) return Array.from({ length: n }, (_, i) => i + 1);
  const ks = new Set<number>();
  for (let k = 1; k <= denseMax; k++) ks.add(k);
  // One point in each of `sampled` equal strata over (denseMax, n]: spread over the whole range.
  const width = (n - denseMax) / sampled;
  for (let i = 0; i < sampled; i++) ks.add(denseMax + 1 + Math.min(n - denseMax - 1, Math.floor(i * width + rng.next() * width)));
  ks.add(n);
  return [...ks].sort((a, b) => a - b);
}

test('power loss after every k-th I/O leaves a prefix of the commits holding every acknowledged one', async () => {
  const seed = seedFrom('BASALT_POWER_SEED', 'power-loss');
  const script = makeScript(seed);

  // Dry run: count the mutating I/Os of the whole script and check it completes.
  const fs0 = new MemoryFileSystem();
  const full = await runScript(fs0, script);
  assert.equal(full.lastAcked, script.commits.length - 1, 'every commit acknowledged without faults');
  const n = fs0.ioCount;
  const clean = await verifyImage(fs0.crash(), script.commits, full, 'after a clean close');
  assert.equal(clean.problem, undefined, clean.problem);

  // The small cache must really evict, or the test is not testing what it says.
  const probe = await openOn(fs0.crash(), 'probe');
  readState(probe, keyspaces);
  const evictions = probe.stats().cacheEvictions;
  await probe.close();
  console.log(`# power-loss: ${script.commits.length} commits, ${n} mutating I/Os, ${evictions} evictions reading back`);
  assert.ok(evictions > 0, 'reading the database back evicts pages');

  const points = crashPoints(n, new Rng(seed ^ 0xc0ffee));
  const failures: string[] = [];
  for (const k of points) {
    const { fs, run, problem } = await runCutAfter(k, script);
    if (problem !== undefined) {
      failures.push(problem);
      if (failures.length >= 10) break;
      continue;
    }
    if (k < n) assert.ok(fs.powerCut, `k=${k} < ${n}: the power cut happened`);
    const tornSeed = (seed + k * 7919) >>> 0;
    for (const v of [
      await verifyImage(fs.crash(), script.commits, run, `k=${k} clean (acked ${run.lastAcked + 1}, issued ${run.issued})`),
      await verifyImage(fs.crash({ torn: true, seed: tornSeed }), script.commits, run, `k=${k} torn seed ${tornSeed} (acked ${run.lastAcked + 1}, issued ${run.issued})`),
    ]) {
      if (v.problem !== undefined) failures.push(v.problem);
    }
    if (failures.length >= 10) break;
  }
  console.log(`# power-loss: tried ${points.length} crash points of ${n}`);
  assert.deepEqual(failures, [], `seed ${seed}:\n${failures.join('\n')}`);
});

test("power loss in 'none' durability leaves a prefix of the commits, never part of a batch", async () => {
  const seed = seedFrom('BASALT_POWER_NONE_SEED', 'power-loss none');
  const script = makeScript(seed);
  const fs0 = new MemoryFileSystem();
  const full = await runScript(fs0, script, 'none');
  assert.equal(full.floor, script.commits.length);
  const n = fs0.ioCount;
  const rng = new Rng(seed ^ 0xbeef);
  const points = new Set<number>();
  while (points.size < Math.min(n, 80)) points.add(1 + rng.int(n));
  const failures: string[] = [];
  for (const k of [...points].sort((a, b) => a - b)) {
    const { fs, run, problem } = await runCutAfter(k, script, 'none');
    if (problem !== undefined) {
      failures.push(problem);
      if (failures.length >= 10) break;
      continue;
    }
    const tornSeed = (seed + k * 104729) >>> 0;
    const v = await verifyImage(fs.crash({ torn: true, seed: tornSeed }), script.commits, run, `k=${k} torn seed ${tornSeed} (floor ${run.floor}, issued ${run.issued})`);
    if (v.problem !== undefined) failures.push(v.problem);
    if (failures.length >= 10) break;
  }
  console.log(`# power-loss none: tried ${points.size} crash points of ${n}`);
  assert.deepEqual(failures, [], `seed ${seed}:\n${failures.join('\n')}`);
});

test('a second power loss during recovery keeps exactly what the first left', async () => {
  const seed = seedFrom('BASALT_POWER_TWICE_SEED', 'power-loss twice');
  const script = makeScript(seed);
  const fs0 = new MemoryFileSystem();
  await runScript(fs0, script);
  const n = fs0.ioCount;
  const rng = new Rng(seed ^ 0x7717e);
  const failures: string[] = [];
  let tried = 0;
  for (let i = 0; i < 20 && failures.length < 10; i++) {
    const k = 1 + Math.floor(((i + rng.next()) * n) / 20);
    const { fs, run, problem } = await runCutAfter(k, script);
    if (problem !== undefined) {
      failures.push(problem);
      continue;
    }
    const tornSeed = (seed + k) >>> 0;
    const first = fs.crash({ torn: true, seed: tornSeed });
    // What recovery makes of the first image, and how many I/Os it takes.
    const dry = first.crash();
    const v = await verifyImage(dry, script.commits, run, `k=${k} torn seed ${tornSeed}`);
    if (v.problem !== undefined) {
      failures.push(v.problem);
      continue;
    }
    const probe = first.crash();
    const db = await openOn(probe, 'probe');
    const recoveryIo = probe.ioCount;
    await db.close();
    for (let j = 0; j < recoveryIo; j++) {
      const second = first.crash();
      second.crashAfter(j);
      try {
        const d = await openOn(second, 'reopen');
        await abandon(d);
      } catch (err) {
        if (!(err instanceof IoError)) failures.push(`k=${k} j=${j}: recovery failed with ${errorText(err)}`);
      }
      const label = `k=${k} torn seed ${tornSeed}, then cut after ${j} of ${recoveryIo} recovery I/Os`;
      for (const image of [second.crash(), second.crash({ torn: true, seed: tornSeed + j })]) {
        const again = await verifyImage(image, script.commits, run, label, v.prefix);
        if (again.problem !== undefined) failures.push(again.problem);
      }
      tried++;
    }
  }
  console.log(`# power-loss twice: ${tried} second crashes`);
  assert.deepEqual(failures.slice(0, 10), [], `seed ${seed}:\n${failures.slice(0, 10).join('\n')}`);
});

/**
 * Crash rounds: spawn the writer (writer.ts) on a database directory, SIGKILL it after a seeded
 * delay (sometimes aimed into a checkpoint, sometimes into open/recovery), reopen the database
 * and check what survived against the writer's intent/ack log:
 *
 * 1. every key the scan shows was written by someone (this round or an earlier one);
 * 2. per key: the value is that of the last acknowledged write to it, or of a write issued after
 *    that one (which may have been in flight); with no acknowledged write this round, the value
 *    from before the round or of any write issued this round;
 * 3. no batch is half-applied;
 * 4. the whole state is that of a prefix of the issued writes (in issue order) that includes
 *    every acknowledged one (invariant 2 of the architecture), which implies 2 and 3;
 * 5. point reads agree with the scan, `stats().entries` counts what the scan saw, and `check()`
 *    passes.
 *
 * 6. after the clean close that ends the check, the database opens again.
 *
 * The directory is reused across rounds, so the database keeps growing; the state verified at
 * the end of a round is the baseline of the next. Before each reopen the directory is copied to
 * `<workDir>/before-reopen`, so a failing round can be replayed by opening that copy.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from '../../src/index.js';
import type { Database } from '../../src/index.js';
import { deriveSeed, Rng } from '../lib/rng.js';
import { modelKey, parseLog, valueOf, workloadKeyspaces } from './workload.js';
import type { WriteEntry } from './workload.js';
import type { WriterConfig } from './writer.js';

const writerPath = fileURLToPath(new URL('./writer.js', import.meta.url));

/** Where the kill lands. */
export type KillPlan =
  | { readonly kind: 'after-ready'; readonly delayMs: number }
  | { readonly kind: 'in-checkpoint'; readonly nth: number }
  | { readonly kind: 'early'; readonly delayMs: number };

export interface CrashRunOptions {
  /** Working directory: the database lives in `<workDir>/db`, logs beside it. */
  readonly workDir: string;
  readonly seed: number;
  readonly rounds: number;
  /** Progress lines (one per round). */
  readonly log?: (line: string) => void;
  /** Writes in flight at once in the writer (default 4). */
  readonly concurrency?: number;
}

export interface CrashRunSummary {
  rounds: number;
  issued: number;
  acked: number;
  keys: number;
  kills: Record<KillPlan['kind'], number>;
  /** Rounds whose writer died between the start and the end of a `checkpoint()` call. */
  killedInCheckpoint: number;
}

/** Thrown when a round finds the database in a state the model forbids. */
export class CrashCheckError extends Error {
  constructor(
    message: string,
    readonly seed: number,
    readonly round: number,
  ) {
    super(
      `crash round ${round} (seed ${seed}): ${message}\n` +
        `(the directory as the killed writer left it is kept in <work dir>/before-reopen)`,
    );
    this.name = 'CrashCheckError';
  }
}

/** The verified state: model key -> value (absent keys are not in the map). */
type State = Map<string, string>;

/** One write issued in a round, as the intent log told it. */
interface Issued {
  readonly seq: number;
  readonly entries: readonly WriteEntry[];
}

export async function runCrashRounds(options: CrashRunOptions): Promise<CrashRunSummary> {
  const dbDir = path.join(options.workDir, 'db');
  fs.mkdirSync(dbDir, { recursive: true });
  // A reused directory (soak --dir) starts from what it holds.
  let baseline: State = fs.existsSync(path.join(dbDir, 'data.basalt'))
    ? await readAndCheck(dbDir, options.seed, -1)
    : new Map();
  const summary: CrashRunSummary = {
    rounds: 0,
    issued: 0,
    acked: 0,
    keys: 0,
    kills: { 'after-ready': 0, 'in-checkpoint': 0, early: 0 },
    killedInCheckpoint: 0,
  };
  for (let round = 0; round < options.rounds; round++) {
    const roundSeed = deriveSeed(options.seed, round);
    const rng = new Rng(roundSeed);
    const plan = killPlan(rng);
    const logPath = path.join(options.workDir, `round-${round}.log`);
    fs.rmSync(logPath, { force: true });
    fs.writeFileSync(logPath, '');
    const config: WriterConfig = {
      dir: dbDir,
      logPath,
      seed: roundSeed,
      round,
      concurrency: options.concurrency ?? 4,
      checkpointEveryMs: rng.range(40, 200),
      writesMax: 200_000,
    };
    await runWriter(config, plan, options.seed, round);
    const lines = parseLog(fs.readFileSync(logPath, 'utf8'));
    const issued: Issued[] = [];
    const acked = new Set<number>();
    let inCheckpoint = false;
    for (const line of lines) {
      if (line.t === 'I') issued.push({ seq: line.s, entries: line.w });
      else if (line.t === 'A') acked.add(line.s);
      else inCheckpoint = line.e === 'start';
    }
    // Keep the directory as the killed writer left it, so a failure below replays exactly.
    const snapshot = path.join(options.workDir, 'before-reopen');
    fs.rmSync(snapshot, { recursive: true, force: true });
    fs.cpSync(dbDir, snapshot, { recursive: true });
    const observed = await readAndCheck(dbDir, options.seed, round);
    verifyRound({ baseline, observed, issued, acked, round, seed: options.seed });
    baseline = observed;
    fs.rmSync(logPath, { force: true });
    summary.rounds++;
    summary.issued += issued.length;
    summary.acked += acked.size;
    summary.keys = observed.size;
    summary.kills[plan.kind]++;
    if (inCheckpoint) summary.killedInCheckpoint++;
    options.log?.(
      `round ${round}: kill ${describePlan(plan)}${inCheckpoint ? ' (landed inside checkpoint())' : ''}, ` +
        `${issued.length} issued, ${acked.size} acked, ${observed.size} keys`,
    );
  }
  return summary;
}

export function killPlan(rng: Rng): KillPlan {
  const roll = rng.range(0, 99);
  if (roll < 15) return { kind: 'early', delayMs: rng.range(0, 150) };
  if (roll < 40) return { kind: 'in-checkpoint', nth: rng.range(1, 3) };
  return { kind: 'after-ready', delayMs: rng.range(50, 600) };
}

export function describePlan(plan: KillPlan): string {
  switch (plan.kind) {
    case 'after-ready':
      return `${plan.delayMs} ms after open`;
    case 'in-checkpoint':
      return `in checkpoint #${plan.nth}`;
    case 'early':
      return `${plan.delayMs} ms after spawn`;
    default: {
      const never: never = plan;
      return never;
    }
  }
}

/** Longest wait for a checkpoint to start before killing anyway, in milliseconds. */
const checkpointWaitMsMax = 2000;
/** Longest a writer may take to open the database, in milliseconds. */
const writerOpenMsMax = 60_000;

/**
 * Spawn the writer, kill it per the plan, and wait for it to be gone. Another writer script
 * (`script`, taking its config as JSON in argv[2]) may be run if it speaks the same protocol on
 * stdout: `ready` once the database is open, `checkpoint` as each checkpoint starts.
 */
export async function runWriter(
  config: object,
  plan: KillPlan,
  seed: number,
  round: number,
  script = writerPath,
): Promise<void> {
  const child = spawn(process.execPath, [script, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (stderr.length < 10_000) stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  const timers: NodeJS.Timeout[] = [];
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  let checkpoints = 0;
  let buffered = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line === 'ready') {
        timers.push(setTimeout(kill, writerOpenMsMax));
        if (plan.kind === 'after-ready') timers.push(setTimeout(kill, plan.delayMs));
        if (plan.kind === 'in-checkpoint') timers.push(setTimeout(kill, checkpointWaitMsMax));
      } else if (line === 'checkpoint' && plan.kind === 'in-checkpoint' && ++checkpoints === plan.nth) {
        kill();
      }
    }
  });
  if (plan.kind === 'early') timers.push(setTimeout(kill, plan.delayMs));
  timers.push(setTimeout(kill, writerOpenMsMax * 2));
  const { code, signal } = await exited;
  for (const t of timers) clearTimeout(t);
  if (signal !== 'SIGKILL') {
    throw new CrashCheckError(
      `writer exited on its own (code ${code}, signal ${signal}) before the kill:\n${stderr}`,
      seed,
      round,
    );
  }
}

/** Reopen the database, read every key of every workload keyspace, and run the integrity checks. */
async function readAndCheck(dir: string, seed: number, round: number): Promise<State> {
  const fail = (message: string): CrashCheckError => new CrashCheckError(message, seed, round);
  let db: Database;
  try {
    db = await open(dir, { durability: 'sync' });
  } catch (err) {
    throw fail(`reopen failed: ${String(err)}`);
  }
  const state: State = new Map();
  try {
    for (const ks of workloadKeyspaces) {
      const space = ks === '' ? db : db.keyspace(ks);
      let previous: string | undefined;
      for (const [key, value] of space.range({})) {
        const k = Buffer.from(key).toString('utf8');
        if (previous !== undefined && !(previous < k)) throw fail(`scan out of order: '${previous}' then '${k}'`);
        previous = k;
        state.set(modelKey(ks, k), Buffer.from(value).toString('utf8'));
      }
      for (const [id, value] of state) {
        const [space2, key] = id.split('\u0000') as [string, string];
        if (space2 !== ks) continue;
        const got = space.get(key);
        const text = got === undefined ? undefined : Buffer.from(got).toString('utf8');
        if (text !== value) throw fail(`get('${key}') in keyspace '${ks}' disagrees with the scan`);
      }
    }
    const entries = db.stats().entries;
    if (entries !== state.size) throw fail(`stats().entries is ${entries} but the scan saw ${state.size} keys`);
    try {
      await db.check();
    } catch (err) {
      throw fail(`check() failed: ${String(err)}`);
    }
  } finally {
    await db.close();
  }
  // A clean close (which checkpoints) must leave a database that opens again.
  try {
    const again = await open(dir);
    await again.close();
  } catch (err) {
    throw fail(`open after a clean close failed: ${String(err)}`);
  }
  return state;
}

interface RoundFacts {
  readonly baseline: State;
  readonly observed: State;
  readonly issued: readonly Issued[];
  readonly acked: ReadonlySet<number>;
  readonly round: number;
  readonly seed: number;
}

/** The value a write leaves under a key, or undefined for a delete. */
function written(round: number, seq: number, entry: WriteEntry): string | undefined {
  const [, key, len] = entry;
  return len < 0 ? undefined : valueOf(round, seq, key, len);
}

function show(value: string | undefined): string {
  if (value === undefined) return '(absent)';
  return value.length > 40 ? `'${value.slice(0, 40)}…' (${value.length} chars)` : `'${value}'`;
}

function verifyRound(facts: RoundFacts): void {
  const { baseline, observed, issued, acked, round, seed } = facts;
  const fail = (message: string): CrashCheckError => new CrashCheckError(message, seed, round);
  // Writes to each key this round, in issue order.
  const perKey = new Map<string, Array<{ seq: number; value: string | undefined }>>();
  for (const w of issued) {
    for (const entry of w.entries) {
      const id = modelKey(entry[0], entry[1]);
      let list = perKey.get(id);
      if (list === undefined) perKey.set(id, (list = []));
      list.push({ seq: w.seq, value: written(round, w.seq, entry) });
    }
  }
  // 1. Nothing appears from nowhere.
  for (const id of observed.keys()) {
    if (!baseline.has(id) && !perKey.has(id)) throw fail(`key ${id.replace('\u0000', '/')} was never written`);
  }
  // Keys untouched this round keep their value.
  for (const [id, value] of baseline) {
    if (!perKey.has(id) && observed.get(id) !== value) {
      throw fail(`untouched key ${id.replace('\u0000', '/')} changed: ${show(value)} -> ${show(observed.get(id))}`);
    }
  }
  // 2. Per key: the last acked write, or one issued after it.
  for (const [id, writes] of perKey) {
    const got = observed.get(id);
    let lastAcked = -1;
    for (const w of writes) if (acked.has(w.seq)) lastAcked = w.seq;
    const allowed = writes.filter((w) => w.seq >= lastAcked).map((w) => w.value);
    if (lastAcked < 0) allowed.push(baseline.get(id));
    if (!allowed.includes(got)) {
      const history = writes.map((w) => `#${w.seq}${acked.has(w.seq) ? '(acked)' : ''}=${show(w.value)}`).join(', ');
      throw fail(
        `key ${id.replace('\u0000', '/')} reads ${show(got)}; last acked write #${lastAcked}; ` +
          `before the round ${show(baseline.get(id))}; writes: ${history}`,
      );
    }
  }
  // 3. No batch half-applied.
  for (const w of issued) {
    if (w.entries.length < 2) continue;
    checkBatch(w, facts, perKey, fail);
  }
  // 4. The state is that of a prefix of the issued writes covering every ack.
  checkPrefix(facts, perKey, fail);
}

/**
 * A batch is visibly applied when some key of it still shows its value; then no key of it may show
 * a value older than the batch (from an earlier write or from before the round).
 */
function checkBatch(
  batch: Issued,
  facts: RoundFacts,
  perKey: Map<string, Array<{ seq: number; value: string | undefined }>>,
  fail: (m: string) => CrashCheckError,
): void {
  const { observed, baseline, round } = facts;
  const showing = batch.entries.filter(
    (e) => e[2] >= 0 && observed.get(modelKey(e[0], e[1])) === written(round, batch.seq, e),
  );
  if (showing.length === 0) return;
  for (const entry of batch.entries) {
    const id = modelKey(entry[0], entry[1]);
    const got = observed.get(id);
    const writes = perKey.get(id)!;
    // Values this key could show if the batch was applied: the batch's own or a later write's.
    const fromBatchOrLater = writes.filter((w) => w.seq >= batch.seq).map((w) => w.value);
    if (!fromBatchOrLater.includes(got)) {
      const older = writes.filter((w) => w.seq < batch.seq).map((w) => w.value);
      const why = older.includes(got) || baseline.get(id) === got ? 'an older value' : 'a value from nowhere';
      throw fail(
        `batch #${batch.seq} half-applied: '${showing[0]![1]}' shows the batch but ` +
          `'${entry[1]}' (keyspace '${entry[0]}') shows ${why}: ${show(got)}`,
      );
    }
  }
}

/** Find a cut P (>= the last acked seq) such that applying writes 0..P to the baseline gives the state. */
function checkPrefix(
  facts: RoundFacts,
  perKey: Map<string, Array<{ seq: number; value: string | undefined }>>,
  fail: (m: string) => CrashCheckError,
): void {
  const { baseline, observed, issued, acked } = facts;
  const sorted = [...issued].sort((a, b) => a.seq - b.seq);
  let maxAcked = -1;
  for (const s of acked) maxAcked = Math.max(maxAcked, s);
  // Keys whose current candidate value differs from what we observed.
  const state = new Map<string, string | undefined>();
  let mismatches = 0;
  for (const id of perKey.keys()) {
    const v = baseline.get(id);
    state.set(id, v);
    if (v !== observed.get(id)) mismatches++;
  }
  let bestMismatches = Number.POSITIVE_INFINITY;
  let bestCut = -1;
  if (maxAcked < 0 && mismatches === 0) return;
  for (const w of sorted) {
    for (const entry of w.entries) {
      const id = modelKey(entry[0], entry[1]);
      const before = state.get(id) === observed.get(id);
      const value = written(facts.round, w.seq, entry);
      state.set(id, value);
      const after = value === observed.get(id);
      if (before && !after) mismatches++;
      if (!before && after) mismatches--;
    }
    if (w.seq >= maxAcked) {
      if (mismatches === 0) return;
      if (mismatches < bestMismatches) {
        bestMismatches = mismatches;
        bestCut = w.seq;
      }
    }
  }
  throw fail(
    `the state is not that of any prefix of the issued writes covering the last ack #${maxAcked} ` +
      `(closest: through #${bestCut}, ${bestMismatches} keys differ; ${issued.length} issued)`,
  );
}

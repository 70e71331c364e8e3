/**
 * Worker side of corruption.test.ts: builds a database on a MemoryFileSystem, then for each
 * seeded trial flips one byte of one file in a copy of it, reopens, reads everything back and
 * runs `check()`. It runs in a worker thread so the test can stop a trial that loops forever.
 *
 * Messages to the parent: `start` before each trial (so a hang can be named), `result` after it,
 * `done` with the totals, `fatal` if building the database failed.
 *
 * Acceptable outcomes of a trial:
 * - every read returns exactly the right value ("unaffected": the flipped byte was unused — see
 *   below — or was detected and repaired, for example a damaged meta page with a good twin);
 * - a `CorruptionError` from open, from a `get`, from a range scan, or from `check()`, while every
 *   read that does return returns the right value.
 * Anything else fails: another error type, a wrong or missing value, an extra key, a scan out of
 * order, a hang.
 *
 * An "unused byte" is one that no read of user data interprets, so flipping it changes nothing a
 * user can see: the contents of a free page, the meta page of the older checkpoint (open takes
 * the newer valid one), WAL bytes wholly before the LSN the newest checkpoint covers
 * ('wal-checkpointed'), padding of a preallocated WAL segment past the end of the log
 * ('wal-past-end'). A flip there must leave every value readable and correct; `check()` may
 * still report it (it verifies both meta pages), which is also accepted.
 *
 * Regions named in the results: meta-page (pages 0 and 1), data-page, wal-header (bytes of the
 * segment before its first record), wal-record (a record before the last one), wal-last-record
 * (damage there is indistinguishable from a torn write, so losing that one commit is allowed),
 * wal-past-end, wal-checkpointed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { open, MemoryFileSystem, CorruptionError } from '../../src/index.js';
import {
  type Change,
  type Db,
  type State,
  applyCommit,
  dec,
  errorText,
  issue,
  makeValue,
  same,
  stateKey,
} from './harness.js';
import { Rng } from '../lib/rng.js';

export type Scenario = 'clean' | 'clean-16k' | 'wal';

export interface WorkerInput {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly trials: number;
}

export interface Trial {
  readonly index: number;
  readonly file: string;
  readonly offset: number;
  readonly xor: number;
  /** Where in the file the byte is, as the test understands it. */
  readonly region: string;
}

export type Outcome = 'unaffected' | 'detected' | 'lost-last-record' | 'detected-after-writes';

export type Message =
  | { type: 'start'; trial: Trial }
  | { type: 'result'; trial: Trial; outcome: Outcome | 'failure'; detail: string; notes: string[] }
  | { type: 'done'; summary: string }
  | { type: 'fatal'; detail: string };

const dir = '/db';
const keyspaces = ['', 'alpha', 'beta'] as const;
const cacheBytes = 1024 * 1024;

function post(m: Message): void {
  parentPort!.postMessage(m);
}

interface Built {
  readonly base: MemoryFileSystem;
  readonly want: State;
  /** WAL scenario: the state without the last commit, and where the last record starts. */
  readonly wantWithoutLast: State | undefined;
  readonly walFile: string | undefined;
  readonly walRecordsStart: number;
  readonly walLastRecordStart: number;
  /** WAL scenario: end of the last record (bytes past it are padding of a preallocated segment). */
  readonly walEnd: number;
  readonly pageSize: number;
}

/** Seeded contents: small values, large (overflow) values, deletes, in three keyspaces. */
function* contents(seed: number, n: number): Generator<{ ks: string; change: Change; index: number }> {
  const rng = new Rng(seed);
  const written: Change[] = [];
  for (let i = 0; i < n; i++) {
    const ks = rng.pick(keyspaces);
    if (written.length > 10 && rng.chance(0.1)) {
      const victim = rng.pick(written.filter((c) => c.ks === ks && c.value !== undefined).concat(written[0]!));
      yield { ks: victim.ks, change: { ks: victim.ks, key: victim.key, value: undefined }, index: i };
      continue;
    }
    const key = `k${String(rng.int(100_000)).padStart(6, '0')}`;
    const size = rng.chance(0.06) ? rng.range(9 * 1024, 100 * 1024) : rng.range(1, 200);
    const change: Change = { ks, key, value: makeValue(rng, i, key, size) };
    written.push(change);
    yield { ks, change, index: i };
  }
}

/** Clean scenario: a checkpointed, cleanly closed database. */
async function buildClean(seed: number, pageSize: number): Promise<Built> {
  const fs = new MemoryFileSystem();
  const want: State = new Map();
  const db = await open(dir, { fs, durability: 'none', cacheBytes, pageSize });
  let count = 0;
  for (const { ks, change } of contents(seed, 900)) {
    const c = { kind: change.value === undefined ? ('delete' as const) : ('put' as const), ks, changes: [change] };
    await issue(db, c);
    applyCommit(want, c);
    if (++count === 450) await db.checkpoint();
  }
  await db.close();
  return { base: fs, want, wantWithoutLast: undefined, walFile: undefined, walRecordsStart: 0, walLastRecordStart: 0, walEnd: 0, pageSize };
}

function walFiles(fs: MemoryFileSystem): string[] {
  return fs.listFiles().filter((p) => p.startsWith(`${dir}/wal/`));
}

/** Index one past the last byte that differs between `a` and `b` (or the longer length). */
function changedEnd(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) {
    let end = Math.max(a.length, b.length);
    const short = Math.min(a.length, b.length);
    const long = a.length > b.length ? a : b;
    while (end > short && long[end - 1] === 0) end--;
    if (end > short) return end;
  }
  for (let i = Math.min(a.length, b.length) - 1; i >= 0; i--) if (a[i] !== b[i]) return i + 1;
  return 0;
}

/** WAL scenario: acknowledged commits that live only in the WAL (no checkpoint, no close). */
async function buildWal(seed: number): Promise<Built> {
  const fs = new MemoryFileSystem();
  const want: State = new Map();
  const db: Db = await open(dir, { fs, durability: 'sync' });
  // The segment may be created at open or at the first commit; before it exists it reads as empty.
  const segment = (): string | undefined => {
    const files = walFiles(fs);
    if (files.length > 1) throw new Error(`the test assumes one WAL segment, found ${JSON.stringify(files)}`);
    return files[0];
  };
  const bytesOf = (f: string | undefined): Uint8Array => (f === undefined ? new Uint8Array(0) : fs.readFile(f));
  let snapshot = bytesOf(segment());
  // ends[i] = end of the log after i commits (ends[0]: the segment header, if any)
  const ends: number[] = [changedEnd(new Uint8Array(0), snapshot)];
  let previous: State = new Map();
  for (const { ks, change } of contents(seed, 160)) {
    const c = { kind: change.value === undefined ? ('delete' as const) : ('put' as const), ks, changes: [change] };
    const before = segment();
    await issue(db, c);
    previous = new Map(want);
    applyCommit(want, c);
    const now = bytesOf(segment());
    if (before === undefined && ends.length === 1) {
      // The segment appeared with this first commit: its header is unknown, count it as record bytes.
      ends[0] = 0;
    }
    ends.push(Math.max(changedEnd(snapshot, now), ends[ends.length - 1]!));
    snapshot = now;
  }
  const walFile = segment();
  if (walFile === undefined) throw new Error('no WAL segment after 160 commits');
  const base = fs.crash(); // not closed: the data is only in the WAL
  return {
    base,
    want,
    wantWithoutLast: previous,
    walFile,
    walRecordsStart: ends[0]!,
    walLastRecordStart: ends[ends.length - 2]!,
    walEnd: ends[ends.length - 1]!,
    pageSize: 4096,
  };
}

/** Pick the trials: uniform over files and offsets, plus targeted ones at the meta pages and WAL records. */
function planTrials(b: Built, rng: Rng, n: number): Trial[] {
  const files = b.base.crash().listFiles().filter((f) => b.base.crash().fileSize(f) > 0);
  const image = b.base.crash();
  const trials: Trial[] = [];
  const add = (file: string, offset: number, region: string): void => {
    trials.push({ index: trials.length, file, offset, xor: rng.range(1, 255), region });
  };
  const regionOf = (file: string, offset: number): string => {
    if (file === b.walFile) {
      if (offset < b.walRecordsStart) return 'wal-header';
      if (offset < b.walLastRecordStart) return 'wal-record';
      if (offset < b.walEnd) return 'wal-last-record';
      return 'wal-past-end';
    }
    if (file.includes('/wal/')) return 'wal-checkpointed';
    if (file.endsWith('/data.basalt')) return offset < 2 * b.pageSize ? 'meta-page' : 'data-page';
    return 'other';
  };
  for (let i = 0; i < n; i++) {
    const file = rng.pick(files);
    const offset = rng.int(image.fileSize(file));
    add(file, offset, regionOf(file, offset));
  }
  const data = `${dir}/data.basalt`;
  if (files.includes(data)) {
    for (let i = 0; i < Math.ceil(n / 10); i++) add(data, rng.int(2 * b.pageSize), 'meta-page');
  }
  if (b.walFile !== undefined && b.walLastRecordStart > b.walRecordsStart) {
    for (let i = 0; i < Math.ceil(n / 2); i++) add(b.walFile, rng.range(b.walRecordsStart, b.walLastRecordStart - 1), 'wal-record');
    for (let i = 0; i < Math.ceil(n / 10); i++) add(b.walFile, rng.range(b.walLastRecordStart, b.walEnd - 1), 'wal-last-record');
  }
  return trials;
}

/** Read every expected key with get and every keyspace with range. Returns failures; counts detections. */
function readEverything(db: Db, want: State, notes: string[]): { failures: string[]; detected: number } {
  const failures: string[] = [];
  let detected = 0;
  const onError = (what: string, err: unknown): void => {
    if (err instanceof CorruptionError) {
      detected++;
      if (err.page === undefined && err.lsn === undefined) notes.push(`${what}: CorruptionError names neither page nor lsn: ${err.message}`);
    } else failures.push(`${what}: ${errorText(err)}`);
  };
  for (const [k, v] of want) {
    const [ks, key] = k.split('\u0000') as [string, string];
    try {
      const got = (ks === '' ? db : db.keyspace(ks)).get(key);
      if (got === undefined || !same(got, v)) failures.push(`get ${ks}/${key}: wrong value (${got === undefined ? 'absent' : `${got.length} bytes`})`);
    } catch (err) {
      onError(`get ${ks}/${key}`, err);
    }
  }
  for (const ks of keyspaces) {
    const expected = [...want.entries()].filter(([k]) => k.startsWith(`${ks}\u0000`)).sort(([a], [b]) => (a < b ? -1 : 1));
    let i = 0;
    try {
      for (const [key, value] of (ks === '' ? db : db.keyspace(ks)).range({})) {
        const e = expected[i++];
        const name = dec(key);
        if (e === undefined || stateKey(ks, name) !== e[0]) {
          failures.push(`range ${ks}: got key ${name} at position ${i - 1}, want ${e === undefined ? 'end' : e[0].slice(ks.length + 1)}`);
          break;
        }
        if (!same(value, e[1])) {
          failures.push(`range ${ks}: wrong value for ${name}`);
          break;
        }
      }
      if (i < expected.length && failures.length === 0) failures.push(`range ${ks}: ended after ${i} of ${expected.length} keys`);
    } catch (err) {
      onError(`range ${ks}`, err);
    }
  }
  return { failures, detected };
}

async function runTrial(b: Built, t: Trial): Promise<TrialResult> {
  const image = b.base.crash();
  image.flipByte(t.file, t.offset, t.xor);
  const notes: string[] = [];
  let db: Db;
  try {
    db = await open(dir, { fs: image, cacheBytes });
  } catch (err) {
    if (!(err instanceof CorruptionError)) return { outcome: 'failure', detail: `open: ${errorText(err)}`, notes };
    if (t.region === 'wal-record' && err.lsn === undefined) {
      return { outcome: 'failure', detail: `open: CorruptionError in a WAL record names no lsn: ${err.message}`, notes };
    }
    return { outcome: 'detected', detail: `open: ${err.message}`, notes };
  }
  try {
    let want = b.want;
    let read = readEverything(db, want, notes);
    let lostLast = false;
    if (read.failures.length > 0 && t.region === 'wal-last-record' && b.wantWithoutLast !== undefined) {
      // Damage in the last record is indistinguishable from a torn write: losing that commit is allowed.
      const alt = readEverything(db, b.wantWithoutLast, []);
      if (alt.failures.length === 0) {
        want = b.wantWithoutLast;
        read = alt;
        lostLast = true;
      }
    }
    if (read.failures.length > 0) return { outcome: 'failure', detail: read.failures.slice(0, 3).join('; '), notes };
    let checkError: unknown;
    try {
      await db.check();
    } catch (err) {
      if (!(err instanceof CorruptionError)) return { outcome: 'failure', detail: `check: ${errorText(err)}`, notes };
      checkError = err;
    }
    if (read.detected > 0 && checkError === undefined) notes.push('a read reported corruption that check() passed');
    if (read.detected > 0) return { outcome: 'detected', detail: 'read', notes };
    await closeQuietly(db, notes);
    // Every read was right, so the damage must not matter to a user who goes on (even if check()
    // reported it, for example in the older meta page): the database must take writes and a
    // checkpoint on top of it and read back right afterwards.
    const later = await writeAfter(image, want, t);
    if (later !== undefined && (later.outcome === 'failure' || checkError === undefined)) return later;
    if (checkError !== undefined) return { outcome: 'detected', detail: errorText(checkError), notes };
    return { outcome: lostLast ? 'lost-last-record' : 'unaffected', detail: '', notes };
  } finally {
    await closeQuietly(db, notes);
  }
}

async function closeQuietly(db: Db, notes: string[]): Promise<void> {
  try {
    await db.close();
  } catch (err) {
    if (!(err instanceof CorruptionError)) notes.push(`close: ${errorText(err)}`);
  }
}

type TrialResult = { outcome: Outcome | 'failure'; detail: string; notes: string[] };

/** Write, checkpoint, close, reopen, read back. Undefined when all is right; a CorruptionError is 'detected-after-writes'. */
async function writeAfter(image: MemoryFileSystem, before: State, t: Trial): Promise<TrialResult | undefined> {
  const rng = new Rng(t.index * 7919 + t.offset);
  const want: State = new Map(before);
  const keys = [...want.keys()];
  const notes: string[] = [];
  let phase = 'reopen for writes';
  let db: Db | undefined;
  try {
    db = await open(dir, { fs: image, cacheBytes, durability: 'none' });
    phase = 'writes';
    for (let i = 0; i < 40; i++) {
      const existing = keys.length > 0 && rng.chance(0.5) ? rng.pick(keys) : undefined;
      const [ks, key] = existing !== undefined ? (existing.split('\u0000') as [string, string]) : [rng.pick(keyspaces), `w${t.index}-${i}`];
      const target = ks === '' ? db : db.keyspace(ks);
      if (existing !== undefined && rng.chance(0.3)) {
        await target.delete(key);
        want.delete(stateKey(ks, key));
      } else {
        const value = makeValue(rng, 10_000 + i, key, rng.chance(0.1) ? rng.range(9000, 30000) : rng.range(1, 200));
        await target.put(key, value);
        want.set(stateKey(ks, key), value);
      }
    }
    phase = 'checkpoint';
    await db.checkpoint();
    phase = 'close';
    await db.close();
    db = undefined;
    phase = 'reopen after writes';
    db = await open(dir, { fs: image, cacheBytes });
    phase = 'read after writes';
    const read = readEverything(db, want, notes);
    if (read.failures.length > 0) return { outcome: 'failure', detail: `after writes: ${read.failures.slice(0, 3).join('; ')}`, notes };
    phase = 'check after writes';
    await db.check();
    if (read.detected > 0) return { outcome: 'detected-after-writes', detail: 'read', notes };
    return undefined;
  } catch (err) {
    if (err instanceof CorruptionError) return { outcome: 'detected-after-writes', detail: `${phase}: ${err.message}`, notes };
    return { outcome: 'failure', detail: `${phase}: ${errorText(err)}`, notes };
  } finally {
    if (db !== undefined) await closeQuietly(db, notes);
  }
}

async function main(): Promise<void> {
  const input = workerData as WorkerInput;
  let built: Built;
  try {
    built =
      input.scenario === 'wal'
        ? await buildWal(input.seed)
        : await buildClean(input.seed, input.scenario === 'clean-16k' ? 16384 : 4096);
  } catch (err) {
    post({ type: 'fatal', detail: `building the database: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` });
    return;
  }
  const trials = planTrials(built, new Rng(input.seed ^ 0xf11b), input.trials);
  const counts = new Map<string, number>();
  for (const t of trials) {
    post({ type: 'start', trial: t });
    let r: { outcome: Outcome | 'failure'; detail: string; notes: string[] };
    try {
      r = await runTrial(built, t);
    } catch (err) {
      r = { outcome: 'failure', detail: `unexpected: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`, notes: [] };
    }
    const key = `${t.region}:${r.outcome}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    post({ type: 'result', trial: t, outcome: r.outcome, detail: r.detail, notes: r.notes });
  }
  const summary = [...counts.entries()].sort().map(([k, v]) => `${k}=${v}`).join(' ');
  post({ type: 'done', summary: `${trials.length} trials on ${built.base.crash().listFiles().join(', ')}: ${summary}` });
}

await main();

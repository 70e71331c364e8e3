/**
 * The crash writer: a child process that opens a database with `sync` durability and writes a
 * seeded workload (puts, deletes, multi-key batches, from several concurrent writers) until the
 * harness kills it with SIGKILL. Before each write it logs the intent; after the write's promise
 * resolves it logs the ack (see workload.ts). It calls `checkpoint()` now and then and prints
 * `checkpoint` on stdout when one starts, so the harness can aim a kill into it.
 *
 * Usage: node writer.js '<json WriterConfig>'
 */
import * as fs from 'node:fs';
import { NodeFileSystem, open } from '../../src/index.js';
import type { Database } from '../../src/index.js';
import { Rng } from '../lib/rng.js';
import { startCheckpoints } from './checkpoints.js';
import { valueOf, workloadKeyspaces } from './workload.js';
import type { WriteEntry } from './workload.js';

export interface WriterConfig {
  readonly dir: string;
  readonly logPath: string;
  readonly seed: number;
  readonly round: number;
  /** Writes in flight at once. */
  readonly concurrency: number;
  /** Mean pause between checkpoints, in milliseconds (0 = never call checkpoint). */
  readonly checkpointEveryMs: number;
  /** Most writes the round issues (a safety bound; the kill normally comes first). */
  readonly writesMax: number;
}

/** Keys shared by every round, so writes in flight often race on the same key. */
const hotKeyCount = 48;

type Writable = Pick<Database, 'put' | 'delete' | 'batch'>;

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as WriterConfig;
  const rng = new Rng(config.seed);
  const logFd = fs.openSync(config.logPath, 'a');
  const log = (line: object): void => {
    fs.writeSync(logFd, `${JSON.stringify(line)}\n`);
  };

  const db = await open(config.dir, { fs: new NodeFileSystem(), durability: 'sync' });
  const spaces = new Map<string, Writable>([
    ['', db],
    ['crash', db.keyspace('crash')],
  ]);
  process.stdout.write('ready\n');

  let seq = 0;
  let fresh = 0;
  const pickKey = (): string[] => {
    const ks = rng.pick(workloadKeyspaces);
    const key = rng.chance(0.5) ? `hot${rng.range(0, hotKeyCount - 1)}` : `r${config.round}k${fresh++}`;
    return [ks, key];
  };
  const pickLen = (): number => (rng.chance(0.05) ? rng.range(2000, 20000) : rng.range(0, 200));

  /** Issue one write: log its intent, start it in the same tick, log the ack after it resolves. */
  const issue = async (): Promise<void> => {
    const s = seq++;
    const kind = rng.range(0, 9);
    let entries: WriteEntry[];
    if (kind < 6) {
      const [ks, key] = pickKey();
      entries = [[ks!, key!, pickLen()]];
    } else if (kind < 7) {
      const [ks, key] = pickKey();
      entries = [[ks!, rng.chance(0.8) ? `hot${rng.range(0, hotKeyCount - 1)}` : key!, -1]];
    } else {
      entries = batchEntries(rng, pickKey, pickLen);
    }
    log({ t: 'I', s, w: entries });
    await write(spaces, config.round, s, entries);
    log({ t: 'A', s });
  };

  const loop = async (): Promise<void> => {
    while (seq < config.writesMax) await issue();
  };

  const stopCheckpoints = startCheckpoints(db, rng, config.checkpointEveryMs, log);
  await Promise.all(Array.from({ length: config.concurrency }, loop));
  await stopCheckpoints();
  await db.close();
  process.stdout.write('done\n');
}

/** Several keys of one keyspace under one seq, with now and then a delete among them. */
function batchEntries(rng: Rng, pickKey: () => string[], pickLen: () => number): WriteEntry[] {
  const entries: WriteEntry[] = [];
  const seen = new Set<string>();
  const ks = rng.pick(workloadKeyspaces);
  const n = rng.range(2, 6);
  for (let i = 0; i < n; i++) {
    const key = pickKey()[1]!;
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push([ks, key, rng.chance(0.15) ? -1 : pickLen()]);
  }
  return entries;
}

function write(
  spaces: Map<string, Writable>,
  round: number,
  seq: number,
  entries: readonly WriteEntry[],
): Promise<void> {
  const [first] = entries;
  const space = (ks: string): Writable => spaces.get(ks)!;
  if (entries.length === 1 && first !== undefined) {
    const [ks, key, len] = first;
    return len < 0 ? space(ks).delete(key) : space(ks).put(key, valueOf(round, seq, key, len));
  }
  // A batch's entries all belong to one keyspace (batches are per keyspace).
  const ks = entries[0]![0];
  return space(ks).batch(
    entries.map(([, key, len]) =>
      len < 0 ? { type: 'delete' as const, key } : { type: 'put' as const, key, value: valueOf(round, seq, key, len) },
    ),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`writer failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(70);
});

/**
 * The SQL crash writer: a child process that opens the database with `sync` durability and runs
 * the SQL workload (sql-workload.ts) until the harness SIGKILLs it. It speaks the harness protocol
 * on stdout (`ready` once open, `checkpoint` as each checkpoint starts; see harness.ts) and
 * appends the workload's intent/ack log to `logPath`. The model of the database at the start of
 * the round (tables, rows, markers) is read from `statePath`, written by the parent.
 *
 * Usage: node sql-writer.js '<json SqlWriterConfig>'
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem, open } from '../../src/index.js';
import { Rng } from '../lib/rng.js';
import { startCheckpoints } from './checkpoints.js';
import { runSqlWorkload, type SqlLogLine, type State } from './sql-workload.js';

export interface SqlWriterConfig {
  readonly dir: string;
  readonly logPath: string;
  readonly statePath: string;
  readonly seed: number;
  readonly round: number;
  readonly clients: number;
  /** Mean pause between checkpoints, in milliseconds (0 = never call checkpoint). */
  readonly checkpointEveryMs: number;
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as SqlWriterConfig;
  const state = JSON.parse(fs.readFileSync(config.statePath, 'utf8')) as State;
  const logFd = fs.openSync(config.logPath, 'a');
  const log = (line: SqlLogLine): void => {
    fs.writeSync(logFd, `${JSON.stringify(line)}\n`);
  };
  const db = await open(config.dir, { fs: new NodeFileSystem(), durability: 'sync' });
  process.stdout.write('ready\n');
  const stopCheckpoints = startCheckpoints(db, new Rng(config.seed ^ 0x5a5a5a5a), config.checkpointEveryMs, log);
  // Runs until killed; a workload that ends on its own (an unexpected error) ends the process.
  await runSqlWorkload(db, state, config, log, () => true);
  await stopCheckpoints();
  await db.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`sql writer failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  });
}

/**
 * `npm run soak`: crash rounds until told to stop (see harness.ts).
 *
 * Usage: node dist/test/crash/soak.js [--rounds N] [--seed S] [--dir DIR] [--concurrency N]
 * Prints the seed at the start and on failure; exits 1 on failure, 2 on a bad argument.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runCrashRounds } from './harness.js';
import { randomSeed } from '../lib/rng.js';

function integer(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    process.stderr.write(`soak: --${name} needs a non-negative integer (got '${value}')\n`);
    process.exit(2);
  }
  return Number(value);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        rounds: { type: 'string' },
        seed: { type: 'string' },
        dir: { type: 'string' },
        concurrency: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`soak: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  const rounds = integer(str(values['rounds']), 'rounds', 200);
  const seed = integer(str(values['seed']), 'seed', randomSeed()) >>> 0;
  const concurrency = integer(str(values['concurrency']), 'concurrency', 4);
  const given = str(values['dir']);
  const workDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-soak-'));
  console.log(`soak: seed ${seed}, ${rounds} rounds, work dir ${workDir}`);
  const started = Date.now();
  try {
    const summary = await runCrashRounds({
      workDir,
      seed,
      rounds,
      concurrency,
      log: (line) => console.log(line),
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `soak: passed ${summary.rounds} rounds in ${seconds} s: ${summary.issued} writes issued, ` +
        `${summary.acked} acked, ${summary.keys} keys; kills ${JSON.stringify(summary.kills)}, ${summary.killedInCheckpoint} inside checkpoint() (seed ${seed})`,
    );
    if (given === undefined) fs.rmSync(workDir, { recursive: true, force: true });
  } catch (err) {
    console.error(`soak: FAILED with seed ${seed}; database kept in ${workDir}`);
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  }
}

await main();

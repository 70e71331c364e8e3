/**
 * The long SQL crash run (for `npm run soak`): SIGKILL rounds, then power-loss rounds, of the SQL
 * workload (sql-crash.ts). Also callable as `runSqlSoak({ rounds, seed })`.
 *
 * Usage: node dist/test/crash/sql-soak.js [--rounds N] [--power-rounds N] [--seed S] [--clients N]
 * Prints the seed at the start and on failure; exits 1 on failure, 2 on a bad argument.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomSeed } from '../lib/rng.js';
import { runSqlCrashRounds, runSqlPowerLossRounds } from './sql-crash.js';

export interface SqlSoakOptions {
  readonly rounds?: number;
  readonly powerRounds?: number;
  readonly seed?: number;
  readonly clients?: number;
  readonly log?: (line: string) => void;
}

/** Run the long variant; throws CrashCheckError (with seed and round) on a failure. */
export async function runSqlSoak(options: SqlSoakOptions = {}): Promise<void> {
  const seed = options.seed ?? randomSeed();
  const log = options.log ?? ((l: string) => console.log(l));
  const clients = options.clients ?? 4;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-sql-soak-'));
  log(`sql soak: seed ${seed}, work dir ${workDir}`);
  const kill = await runSqlCrashRounds({ workDir, seed, rounds: options.rounds ?? 100, clients, log });
  log(`sql soak: SIGKILL rounds passed: ${JSON.stringify(kill)} (seed ${seed})`);
  fs.rmSync(workDir, { recursive: true, force: true });
  const power = await runSqlPowerLossRounds({ seed, rounds: options.powerRounds ?? 50, clients, log });
  log(`sql soak: power-loss rounds passed: ${JSON.stringify(power)} (seed ${seed})`);
}

function integer(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    process.stderr.write(`sql-soak: --${name} needs a non-negative integer\n`);
    process.exit(2);
  }
  return Number(value);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: { rounds: { type: 'string' }, 'power-rounds': { type: 'string' }, seed: { type: 'string' }, clients: { type: 'string' } },
    strict: true,
  });
  const seed = (integer(values.seed, 'seed') ?? randomSeed()) >>> 0;
  const options: SqlSoakOptions = { seed };
  const rounds = integer(values.rounds, 'rounds');
  const powerRounds = integer(values['power-rounds'], 'power-rounds');
  const clients = integer(values.clients, 'clients');
  try {
    await runSqlSoak({
      ...options,
      ...(rounds === undefined ? {} : { rounds }),
      ...(powerRounds === undefined ? {} : { powerRounds }),
      ...(clients === undefined ? {} : { clients }),
    });
  } catch (err) {
    console.error(`sql soak: FAILED with seed ${seed}`);
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  }
}

/**
 * SQL crash safety (issue 6, must-show 5), the short run for `npm test`: SIGKILL rounds of a child
 * process running concurrent SQL transactions with DDL, and power-loss rounds on the in-memory
 * file system (clean and torn images). After each crash the recovered tables, catalog and indexes
 * must agree with each other and with exactly the acknowledged (or surviving in-flight)
 * transactions; see test/crash/sql-crash.ts for the checks. The long run is test/crash/sql-soak.ts.
 *
 * BASALT_SQL_CRASH_SEED replays a run; the directory of a failed SIGKILL run is kept and printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { seedFrom } from '../lib/rng.js';
import { runSqlCrashRounds, runSqlPowerLossRounds } from '../crash/sql-crash.js';

/** Rounds per CI run: a few seconds on two cores. */
const killRounds = 6;
const powerLossRounds = 4;

test(`SQL transactions with DDL survive ${killRounds} SIGKILLs: acknowledged commits kept, none half there, indexes agree`, async () => {
  const seed = seedFrom('BASALT_SQL_CRASH_SEED', 'SQL crash test (SIGKILL)');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-sql-crash-'));
  let ok = false;
  try {
    const summary = await runSqlCrashRounds({ workDir, seed, rounds: killRounds, log: (l) => console.log(`# ${l}`) });
    console.log(`# SQL crash test, seed ${seed}: ${JSON.stringify(summary)}`);
    assert.ok(summary.acked > 0, 'no commit was acknowledged: the test checked nothing');
    ok = true;
  } finally {
    if (ok) fs.rmSync(workDir, { recursive: true, force: true });
    else console.log(`# SQL crash test failed (seed ${seed}); directory kept in ${workDir}`);
  }
});

test(`SQL transactions with DDL survive ${powerLossRounds} power cuts on MemoryFileSystem (clean and torn)`, async () => {
  const seed = seedFrom('BASALT_SQL_POWER_SEED', 'SQL crash test (power loss)');
  const summary = await runSqlPowerLossRounds({ seed, rounds: powerLossRounds, log: (l) => console.log(`# ${l}`) });
  console.log(`# SQL power-loss test, seed ${seed}: ${JSON.stringify(summary)}`);
  assert.ok(summary.acked > 0, 'no commit was acknowledged: the test checked nothing');
});

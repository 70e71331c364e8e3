/**
 * Crash safety in `sync` durability (architecture invariants 1 and 2): a writer process is
 * SIGKILLed at seeded moments, including inside checkpoints and during open/recovery, and every
 * acknowledged write must survive, no batch may be half-applied, and check() must pass.
 * Set BASALT_CRASH_SEED to replay a run; `npm run soak` runs many more rounds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCrashRounds } from './harness.js';
import { randomSeed } from '../lib/rng.js';

/** Rounds per CI run: enough to hit checkpoints and recovery several times, under a minute. */
const ciRounds = 24;

test(`database survives ${ciRounds} SIGKILLs of a concurrent writer`, async () => {
  const envSeed = process.env['BASALT_CRASH_SEED'];
  const seed = envSeed === undefined ? randomSeed() : Number(envSeed);
  console.log(`crash test seed ${seed} (replay with BASALT_CRASH_SEED=${seed})`);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-crash-'));
  let ok = false;
  try {
    const summary = await runCrashRounds({ workDir, seed, rounds: ciRounds });
    console.log(
      `crash test: ${summary.rounds} rounds, ${summary.issued} writes issued, ${summary.acked} acked, ` +
        `${summary.keys} keys at the end; kills ${JSON.stringify(summary.kills)}, ` +
        `${summary.killedInCheckpoint} inside checkpoint()`,
    );
    assert.equal(summary.rounds, ciRounds);
    assert.ok(summary.acked > 0, 'the writers got no write acknowledged: the test checked nothing');
    ok = true;
  } finally {
    if (ok) fs.rmSync(workDir, { recursive: true, force: true });
    else console.log(`crash test seed ${seed} failed; database kept in ${workDir}`);
  }
});

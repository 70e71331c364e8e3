/**
 * Single-byte corruption anywhere in a database's files (meta pages, data pages, WAL segments)
 * must surface as a CorruptionError or leave every value exactly right: never another error, a
 * wrong value, or a hang. The trials run in a worker thread (corruption-worker.ts, which also
 * documents what an "unused byte" is) so that a trial looping forever can be stopped and named.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import type { Message, Scenario, Trial, WorkerInput } from './corruption-worker.js';
import { seedFrom } from '../lib/rng.js';

/** No message from the worker for this long means a trial hangs (a hang guard, not a timing assertion). */
const silenceMs = 60_000;

function describe(t: Trial): string {
  return `trial ${t.index}: ${t.file} offset ${t.offset} xor 0x${t.xor.toString(16)} (${t.region})`;
}

/** Run one scenario in a worker; resolves with the failures, notes and summary. */
function runScenario(input: WorkerInput): Promise<{ failures: string[]; notes: string[]; summary: string }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./corruption-worker.js', import.meta.url), { workerData: input });
    const failures: string[] = [];
    const notes = new Set<string>();
    let current: Trial | undefined;
    let summary = '';
    let timer: NodeJS.Timeout | undefined;
    const watch = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        failures.push(`hang: ${current === undefined ? 'building the database' : describe(current)}`);
        void worker.terminate();
      }, silenceMs);
    };
    watch();
    worker.on('message', (m: Message) => {
      watch();
      switch (m.type) {
        case 'start':
          current = m.trial;
          break;
        case 'result':
          if (m.outcome === 'failure') failures.push(`${describe(m.trial)}: ${m.detail}`);
          for (const n of m.notes) notes.add(`${m.trial.region}: ${n}`);
          break;
        case 'done':
          summary = m.summary;
          break;
        case 'fatal':
          failures.push(m.detail);
          break;
      }
    });
    worker.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    worker.on('exit', () => {
      clearTimeout(timer);
      resolve({ failures, notes: [...notes], summary });
    });
  });
}

async function scenario(name: Scenario, envName: string, trials: number): Promise<void> {
  const seed = seedFrom(envName, `corruption ${name}`);
  const r = await runScenario({ scenario: name, seed, trials });
  console.log(`# corruption ${name}: ${r.summary}`);
  for (const n of r.notes.slice(0, 10)) console.log(`# note: ${n}`);
  assert.notEqual(r.summary, '', 'the worker finished');
  assert.deepEqual(r.failures.slice(0, 15), [], `seed ${seed}: ${r.failures.length} failing trials`);
}

test('a flipped byte in a cleanly closed database: CorruptionError or the right data', async () => {
  await scenario('clean', 'BASALT_CORRUPT_SEED', 300);
});

test('the same with 16 KiB pages', async () => {
  await scenario('clean-16k', 'BASALT_CORRUPT_16K_SEED', 100);
});

test('a flipped byte in a WAL record before the last one: CorruptionError naming an lsn, or the right data', async () => {
  await scenario('wal', 'BASALT_CORRUPT_WAL_SEED', 150);
});

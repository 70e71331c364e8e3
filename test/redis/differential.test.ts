// Differential test: every corpus under test/redis/corpus/ is sent to a real redis-server 7 and to
// BasaltDB, in RESP2 and in RESP3, and the raw reply bytes must be identical. Needs Debian's
// redis-server (`.ci/run` installs it).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { onPath, startRealRedis, type RunningServer } from '../lib/servers.js';
import { startTestServer, type TestServer } from './lib.js';
import { elements, RawClient } from './raw-client.js';

interface Corpus {
  corpus: ReadonlyArray<readonly string[]>;
  unordered?: ReadonlySet<number>;
  /** Known differences, run as todo so that a fix shows up as a passing todo. */
  pending?: ReadonlyArray<readonly string[]>;
}

const corpusDir = fileURLToPath(new URL('./corpus/', import.meta.url));
const corpora = fs.existsSync(corpusDir) ? fs.readdirSync(corpusDir).filter((f) => f.endsWith('.js')).sort() : [];

/** The reply around its first byte that differs from `other` (whole when short). */
function show(b: Buffer, other: Buffer): string {
  let i = 0;
  while (i < b.length && i < other.length && b[i] === other[i]) i++;
  const from = b.length <= 300 ? 0 : Math.max(0, i - 120);
  const text = JSON.stringify(b.toString('latin1', from, from + 300));
  return `${from > 0 ? `…[byte ${from}]` : ''}${text}${from + 300 < b.length ? '…' : ''}`;
}

function sameReply(a: Buffer, b: Buffer, unordered: boolean): boolean {
  if (a.equals(b)) return true;
  if (!unordered) return false;
  const ea = elements(a).map((x) => x.toString('latin1')).sort();
  const eb = elements(b).map((x) => x.toString('latin1')).sort();
  return a[0] === b[0] && ea.length === eb.length && ea.every((x, i) => x === eb[i]);
}

async function runCorpus(c: Corpus, real: RawClient, ours: RawClient): Promise<string[]> {
  const diffs: string[] = [];
  for (let i = 0; i < c.corpus.length; i++) {
    const argv = c.corpus[i]!;
    const [want, got] = await Promise.all([real.call(...argv), ours.call(...argv)]);
    if (!sameReply(want, got, c.unordered?.has(i) === true)) {
      diffs.push(`#${i} ${JSON.stringify(argv)}\n    redis:   ${show(want, got)}\n    basalt:  ${show(got, want)}`);
    }
  }
  return diffs;
}

test('differential: BasaltDB replies exactly as redis-server 7 does', { skip: corpora.length === 0 ? 'no corpus compiled' : false }, async (t) => {
  assert.ok(onPath('redis-server'), 'redis-server is not installed: apt-get install redis-server (the CI script installs it)');
  let real: RunningServer | undefined;
  let ours: TestServer | undefined;
  try {
    real = await startRealRedis();
    ours = await startTestServer();
    for (const file of corpora) {
      const mod = (await import(new URL(`./corpus/${file}`, import.meta.url).href)) as Corpus;
      for (const resp of [2, 3] as const) {
        await t.test(`${file} RESP${resp}`, async () => {
          const a = await RawClient.connect(real!.port);
          const b = await RawClient.connect(ours!.port);
          try {
            for (const cl of [a, b]) {
              await cl.call('FLUSHALL');
              if (resp === 3) await cl.call('HELLO', '3');
            }
            const diffs = await runCorpus(mod, a, b);
            assert.equal(diffs.length, 0, `${diffs.length} of ${mod.corpus.length} replies differ:\n${diffs.join('\n')}`);
          } finally {
            a.close();
            b.close();
          }
        });
        if (mod.pending !== undefined && mod.pending.length > 0) {
          const pending = mod.pending;
          await t.test(`${file} RESP${resp}: known differences`, { todo: `${pending.length} commands` }, async () => {
            const a = await RawClient.connect(real!.port);
            const b = await RawClient.connect(ours!.port);
            try {
              for (const cl of [a, b]) {
                await cl.call('FLUSHALL');
                if (resp === 3) await cl.call('HELLO', '3');
              }
              const diffs = await runCorpus({ corpus: pending }, a, b);
              assert.equal(diffs.length, 0, `${diffs.length} of ${pending.length} still differ:\n${diffs.join('\n')}`);
            } finally {
              a.close();
              b.close();
            }
          });
        }
      }
    }
  } finally {
    await ours?.close();
    await real?.stop();
    if (real !== undefined) fs.rmSync(real.dir, { recursive: true, force: true });
  }
});

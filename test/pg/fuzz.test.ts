// Protocol fuzz (issue 7, must-show 4): seeded random and mutated frames, truncated messages,
// hostile lengths, unknown types and messages before startup never crash or hang the server, and
// a separate healthy node-postgres session keeps getting correct answers throughout; slowloris
// connections (half a message, then idle) and a client that never reads its results do not stop
// anyone else. Cases and checks: fuzz-lib.ts; more of them: fuzz-soak.ts. Replay with SEED=<seed>.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { Rng, seedFrom } from '../lib/rng.js';
import { checkCase, describeCase, fuzzTableSql, makeCase, runCase, slowloris } from './fuzz-lib.js';
import * as raw from './raw.js';
import { eventually, realPort, startTarget, type Target } from './lib.js';

/** Cases per run, and how many connections run at once. */
const cases = 240;
const parallel = 8;

let target: Target;
let healthy: pg.Client;
let counter = 0;

/** The healthy session's check: its counter goes up by one, every time. */
async function healthyStep(where: string): Promise<void> {
  counter++;
  const r = await healthy.query('update fuzz_counter set n = n + 1 where id = 1 returning n');
  assert.deepEqual(r.rows, [{ n: counter }], `healthy session after ${where}`);
  assert.deepEqual((await healthy.query('select $1::int * 2 as d', [counter])).rows, [{ d: counter * 2 }]);
}

before(async () => {
  target = await startTarget({ maxConnections: 100 });
  healthy = await target.pgClient();
  await healthy.query('drop table if exists fuzz_t; drop table if exists fuzz_counter');
  await healthy.query(fuzzTableSql);
  await healthy.query('create table fuzz_counter (id int primary key, n int)');
  await healthy.query('insert into fuzz_counter values (1, 0)');
});

after(async () => {
  await healthy?.end();
  await target?.close();
});

test('seeded random and malformed frames: each connection gets an error and/or is closed; no crash, no hang', async () => {
  const seed = seedFrom('SEED', 'pg protocol fuzz');
  const rng = new Rng(seed);
  const kinds = new Map<string, number>();
  for (let done = 0; done < cases; done += parallel) {
    const batch = Array.from({ length: Math.min(parallel, cases - done) }, () => makeCase(rng, target.database, realPort !== undefined));
    const results = await Promise.all(batch.map((c) => runCase(target.port, target.database, c)));
    for (const [i, c] of batch.entries()) {
      kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
      const problem = checkCase(c, results[i]!);
      assert.equal(problem, undefined, `case ${done + i} of seed ${seed}: ${describeCase(c)}: ${problem}`);
    }
    await healthyStep(`cases ${done}..${done + batch.length - 1} of seed ${seed}`);
  }
  console.log(`# ${cases} cases: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  // The server still accepts new sessions, and the fuzzers left no transaction open.
  const fresh = await target.pgClient();
  assert.deepEqual((await fresh.query('select 1 as one')).rows, [{ one: 1 }]);
  await fresh.end();
  if (target.db !== undefined) {
    const db = target.db;
    assert.ok(await eventually(() => db.stats().activeTransactions === 0), 'no transaction left open by the fuzz connections');
  }
});

test('the named limits: a declared length past pgMessageBytesMax gets FATAL 54000 before its body is sent', { skip: realPort !== undefined ? 'BasaltDB limit' : false }, async () => {
  const { limits } = await import('../../src/index.js');
  const c = await raw.RawConnection.connect({ port: target.port, database: target.database });
  const head = Buffer.alloc(5);
  head.write('Q', 0, 'latin1');
  head.writeInt32BE(limits.pgMessageBytesMax + 1, 1);
  c.write(head);
  const ms = await c.drain(10_000);
  assert.deepEqual(
    ms.map((m) => [raw.fields(m)['S'], raw.fields(m)['C']]),
    [['FATAL', '54000']],
  );
  assert.equal(c.closed, true);
  await healthyStep('an oversized message');
});

test('an unknown message type: FATAL 08P01 "invalid frontend message type N", then closed (as PostgreSQL)', async () => {
  const c = await raw.RawConnection.connect({ port: target.port, database: target.database });
  c.write(Buffer.from([0x7a, 0, 0, 0, 7, 0x61, 0x62, 0x63]));
  const ms = await c.drain(10_000);
  assert.deepEqual(ms.map((m) => [raw.fields(m)['S'], raw.fields(m)['C'], raw.fields(m)['M']]), [['FATAL', '08P01', 'invalid frontend message type 122']]);
  assert.equal(c.closed, true);
  await healthyStep('an unknown message type');
});

test('slowloris: half-sent messages left idle, and a client that never reads, stop no one else', async () => {
  const idle = await slowloris(target.port, target.database, 20);
  // A client asks for a large result and never reads it.
  const reader = await raw.RawConnection.connect({ port: target.port, database: target.database });
  reader.socket.pause();
  reader.write(raw.query("select repeat('x', 1000) from generate_series(1, 50000)"));
  try {
    for (let i = 0; i < 20; i++) await healthyStep(`slowloris round ${i}`);
    const fresh = await target.pgClient();
    assert.deepEqual((await fresh.query('select count(*)::int as n from fuzz_counter')).rows, [{ n: 1 }]);
    await fresh.end();
  } finally {
    for (const s of idle) s.destroy();
    reader.destroy();
  }
  await healthyStep('the slowloris connections were dropped');
});

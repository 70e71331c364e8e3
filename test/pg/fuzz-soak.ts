/**
 * The protocol fuzz at soak length (not part of `npm test`): many more seeded cases of fuzz-lib.ts
 * against a fresh BasaltDB PostgreSQL server in this process, with a healthy node-postgres session
 * checked after every batch and slowloris connections held open throughout. Run by hand:
 *
 *     node dist/test/pg/fuzz-soak.js [cases] [parallel]      (default 20000 cases, 16 at a time)
 *
 * SEED=<n> replays a run; BASALT_PG_REAL=<port> runs the same cases against a real PostgreSQL.
 * Prints progress and the outcome counts; exits 1 on the first case that fails its check.
 */
import { Rng, seedFrom } from '../lib/rng.js';
import { checkCase, describeCase, fuzzTableSql, makeCase, runCase, slowloris } from './fuzz-lib.js';
import { eventually, realPort, startTarget } from './lib.js';

const total = Number(process.argv[2] ?? '20000');
const parallel = Number(process.argv[3] ?? '16');

async function main(): Promise<void> {
  const seed = seedFrom('SEED', 'pg protocol fuzz soak');
  const rng = new Rng(seed);
  const target = await startTarget({ maxConnections: 200 });
  const healthy = await target.pgClient();
  await healthy.query('drop table if exists fuzz_t; drop table if exists fuzz_counter');
  await healthy.query(fuzzTableSql);
  await healthy.query('create table fuzz_counter (id int primary key, n int)');
  await healthy.query('insert into fuzz_counter values (1, 0)');
  const idle = await slowloris(target.port, target.database, 20);
  const outcomes = new Map<string, number>();
  let counter = 0;
  let failed = false;
  const started = Date.now();
  try {
    for (let done = 0; done < total && !failed; done += parallel) {
      const batch = Array.from({ length: Math.min(parallel, total - done) }, () => makeCase(rng, target.database, realPort !== undefined));
      const results = await Promise.all(batch.map((c) => runCase(target.port, target.database, c)));
      for (const [i, c] of batch.entries()) {
        const r = results[i]!;
        const problem = checkCase(c, r);
        if (problem !== undefined) {
          console.log(`FAIL case ${done + i} of seed ${seed}: ${describeCase(c)}: ${problem}`);
          failed = true;
        }
        const last = r.messages[r.messages.length - 1];
        const key = `${c.kind} → ${last === undefined ? 'closed silently' : last.type === 'E' ? `E ${last.body.includes(Buffer.from('FATAL')) ? 'FATAL' : 'ERROR'}` : `ends with ${last.type}`}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      counter++;
      const row = (await healthy.query('update fuzz_counter set n = n + 1 where id = 1 returning n')).rows[0] as { n: number };
      if (row.n !== counter) {
        console.log(`FAIL healthy session after case ${done}: counter ${row.n}, expected ${counter}`);
        failed = true;
      }
      if ((done / parallel) % 100 === 0) console.log(`${done} cases, ${Math.round((Date.now() - started) / 1000)} s`);
    }
    if (target.db !== undefined) {
      const db = target.db;
      if (!(await eventually(() => db.stats().activeTransactions === 0))) {
        console.log('FAIL transactions left open by the fuzz connections');
        failed = true;
      }
    }
  } finally {
    for (const s of idle) s.destroy();
    await healthy.end();
    await target.close();
  }
  for (const [k, n] of [...outcomes].sort()) console.log(`  ${String(n).padStart(6)}  ${k}`);
  console.log(failed ? `FAILED (seed ${seed})` : `${total} cases passed (seed ${seed})`);
  if (failed) process.exitCode = 1;
}

await main();

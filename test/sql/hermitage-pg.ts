/**
 * Checks the expected outcomes of test/txn/hermitage.ts against a real PostgreSQL, with the same
 * runner as the engine test (lib.ts), each session a node-postgres client. Not part of `npm test`
 * (it needs a server); run by hand:
 *
 *     node dist/test/sql/hermitage-pg.js [port]        (default 55435, host 127.0.0.1, user postgres)
 *
 * A pending statement is "waiting for a lock" when pg_stat_activity shows its backend with
 * wait_event_type 'Lock'. After a step blocks, the deadlock scenario lets deadlock_timeout (1 s)
 * pass, so that the waiter already blocked is not the one whose check finds the cycle (see the
 * scenario). Prints one line per scenario and level; exits 1 if any disagrees.
 */
import pg from 'pg';
import { isolationLevels, scenarios, setupSql, type Row } from '../txn/hermitage.js';
import { endAll, runScenario, toRows, type Backend, type SqlClient, type Tracked } from './lib.js';

const port = Number(process.argv[2] ?? '55435');
const config = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls of pg_stat_activity before deciding a pending statement is not waiting for a lock. */
const pollsMax = 50;
const pollMs = 20;

async function main(): Promise<void> {
  const admin = new pg.Client(config);
  await admin.connect();
  let failures = 0;
  try {
    for (const s of scenarios) {
      for (const level of isolationLevels) {
        await admin.query('drop table if exists test');
        for (const sql of setupSql) await admin.query(sql);
        const clients: pg.Client[] = [];
        const pids = new Map<number, number>();
        const backend: Backend = {
          session: async (n): Promise<SqlClient> => {
            const c = new pg.Client(config);
            await c.connect();
            clients.push(c);
            const r = await c.query<{ pid: number }>('select pg_backend_pid() as pid');
            pids.set(n, r.rows[0]!.pid);
            return {
              query: async (text) => {
                const r2 = await c.query(text);
                return { rows: r2.rows, rowCount: r2.rowCount, command: r2.command };
              },
            };
          },
          mark: () => 0,
          settles: async (t: Tracked) => {
            await sleep(150);
            return t.settled;
          },
          waitsForLock: async (n, t) => {
            for (let i = 0; i < pollsMax && !t.settled; i++) {
              const r = await admin.query<{ w: string | null }>(
                'select wait_event_type as w from pg_stat_activity where pid = $1',
                [pids.get(n)],
              );
              if (r.rows[0]?.w === 'Lock') return true;
              await sleep(pollMs);
            }
            return false;
          },
          released: async (t) => {
            await Promise.race([t.done, sleep(5000)]);
            return t.settled;
          },
          afterBlocked: async (sc) => {
            if (sc.anomaly === 'deadlock') await sleep(1500);
          },
          tableRows: async (): Promise<Row[]> => toRows((await admin.query('select id, value from test order by id')).rows),
        };
        const sessions = new Map<number, SqlClient>();
        try {
          await runScenario(backend, s, level, sessions);
          console.log(`ok   ${s.id} @ ${level}`);
        } catch (err) {
          failures++;
          console.log(`FAIL ${s.id} @ ${level}: ${err instanceof Error ? err.message : String(err)}`);
          await endAll(sessions);
        } finally {
          for (const c of clients) await c.end();
        }
      }
    }
  } finally {
    await admin.end();
  }
  console.log(`${failures === 0 ? 'all' : failures} scenario/level runs ${failures === 0 ? 'agree' : 'disagree'} with PostgreSQL on port ${port}`);
  if (failures > 0) process.exitCode = 1;
}

await main();

/**
 * `npm run interop:pg`: real PostgreSQL tools and ORMs against BasaltDB's PostgreSQL server,
 * checking what they print against what PostgreSQL 15 prints.
 *
 *   node dist/test/interop/pg-interop.js                    start `basalt serve` on a fresh directory
 *   node dist/test/interop/pg-interop.js --port N           use a running server (user and database postgres)
 *   node dist/test/interop/pg-interop.js --against-postgres run the same checks against a real
 *                                                           PostgreSQL 15 (initdb in a temp dir)
 *   ... --against-postgres --write-expected                 and rewrite test/interop/pg/expected/
 * Other flags: --host H (with --port), --only psql,kysely,drizzle,pgbench, --seconds S (each pgbench
 * run, default 30), --scale N (pgbench -i -s, default 10), --verbose, --keep (keep the work directory).
 *
 * Parts:
 *   psql     the scripts test/interop/pg/NN-*.sql and a list of `psql -c` command lines
 *            (test/interop/pg/psql.ts); output compared with PostgreSQL 15's, less the documented
 *            differences of test/interop/pg/differences.ts
 *   kysely   Kysely's PostgresDialect: schema builder, inserts, joins, transactions, introspection
 *   drizzle  Drizzle over node-postgres, then `drizzle-kit pull` (test/interop/pg/orm.ts)
 *   pgbench  `pgbench -i -s 10`, TPC-B `-c 8 -j 2 -T 30`, select-only `-S`: no failed
 *            transactions, some processed; also 5 s of TPC-B with `-M prepared` and of
 *            select-only with `-M extended` (the extended protocol); the TPC-B balance
 *            invariant after the TPC-B runs, unchanged balances after the select-only ones
 *
 * Prints `ok - ...` / `not ok - ...` per check, then every failure again with its command and a
 * diff or the expected and actual values; exits 1 if any check failed. psql and pgbench are
 * installed with apt-get (Debian's postgresql-client / postgresql packages) when absent, as root.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { partKysely, partDrizzle } from './pg/orm.js';
import { outputTail, runPgbench, tpcbCounts, tpcbSums } from './pg/pgbench.js';
import type { PgbenchRun, TpcbSums } from './pg/pgbench.js';
import { partPsql } from './pg/psql.js';
import type { Target } from './pg/psql.js';
import type { PgServer } from './pg/servers.js';
import { ensureTool, startBasaltPg, startPostgres } from './pg/servers.js';
import { describe, partSummary, Tap } from './pg/tap.js';

const parts = ['psql', 'kysely', 'drizzle', 'pgbench'] as const;
type Part = (typeof parts)[number];

/** Hang guards for pgbench, not timed assertions. */
const pgbenchInitTimeoutMs = 600_000;
const pgbenchRunGraceMs = 120_000;

function pgbenchCheck(tap: Tap, name: string, run: PgbenchRun, wantTransactions: boolean): void {
  const args = run.args.join(' ');
  const problems: string[] = [];
  if (run.failure !== undefined) problems.push(run.failure);
  if (run.status !== 0) problems.push(`exit status ${String(run.status)}`);
  if (run.errors.length > 0) problems.push(...run.errors);
  if (wantTransactions) {
    if (run.failed !== 0) problems.push(`failed transactions: ${String(run.failed)}`);
    if (!((run.processed ?? 0) > 0)) problems.push(`transactions processed: ${String(run.processed)}`);
  }
  const summary = wantTransactions
    ? `processed ${String(run.processed)}, failed ${String(run.failed)}, tps ${String(run.tps)}, latency average ${String(run.latencyMs)} ms`
    : `done in ${run.seconds.toFixed(1)} s (${run.initPhases ?? 'no "done in" line'})`;
  tap.check(problems.length === 0, `pgbench: ${name}: ${summary}`, `pgbench ${args}`, `${problems.join('\n')}\n--- output (last lines):\n${outputTail(run)}`);
}

/** Length of the extra runs through the extended protocol (-M prepared, -M extended). */
const extraSeconds = 5;

async function partPgbench(tap: Tap, t: Target, seconds: number, scale: number): Promise<void> {
  const init = await runPgbench(t, ['-i', '-s', String(scale)], pgbenchInitTimeoutMs);
  pgbenchCheck(tap, `-i -s ${scale}`, init, false);
  if (init.status !== 0) return;
  const counts = await tpcbCounts(t);
  tap.equal(counts, { accounts: String(100_000 * scale), branches: String(scale), tellers: String(10 * scale), history: '0' },
    'pgbench: the initialised tables hold scale × (100000 accounts, 1 branch, 10 tellers)', 'SELECT count(*) FROM pgbench_*');
  const timeout = seconds * 1000 + pgbenchRunGraceMs;
  const tpcb = await runPgbench(t, ['-c', '8', '-j', '2', '-T', String(seconds)], timeout);
  pgbenchCheck(tap, `TPC-B -c 8 -j 2 -T ${seconds}`, tpcb, true);
  // The extended protocol with named prepared statements; -n keeps pgbench_history for the check below.
  const prepared = await runPgbench(t, ['-n', '-M', 'prepared', '-c', '4', '-j', '2', '-T', String(extraSeconds)], timeout);
  pgbenchCheck(tap, `TPC-B -M prepared -n -c 4 -j 2 -T ${extraSeconds}`, prepared, true);
  // Before the select-only run: pgbench truncates pgbench_history before every run (its vacuum step).
  let afterTpcb: TpcbSums | undefined;
  await tap.guard('pgbench: TPC-B invariant', 'SELECT sum(...) FROM pgbench_*', async () => {
    const s = await tpcbSums(t);
    afterTpcb = s;
    const equal = s.accounts === s.branches && s.branches === s.tellers && s.tellers === s.history;
    tap.check(equal, `pgbench: TPC-B invariant: sum(abalance) = sum(bbalance) = sum(tbalance) = sum(delta) = ${s.accounts}`,
      'SELECT sum(abalance), sum(bbalance), sum(tbalance), sum(delta) FROM pgbench_*', JSON.stringify(s));
    const want = tpcb.processed === undefined || prepared.processed === undefined ? undefined : String(tpcb.processed + prepared.processed);
    tap.check(s.historyRows === want, `pgbench: one history row per committed TPC-B transaction (${s.historyRows})`,
      'SELECT count(*) FROM pgbench_history', `expected ${String(want)} (transactions processed by the two TPC-B runs), got ${s.historyRows}`);
  });
  const select = await runPgbench(t, ['-S', '-c', '8', '-j', '2', '-T', String(seconds)], timeout);
  pgbenchCheck(tap, `select-only -S -c 8 -j 2 -T ${seconds}`, select, true);
  const extended = await runPgbench(t, ['-n', '-S', '-M', 'extended', '-c', '4', '-j', '2', '-T', String(extraSeconds)], timeout);
  pgbenchCheck(tap, `select-only -M extended -n -c 4 -j 2 -T ${extraSeconds}`, extended, true);
  await tap.guard('pgbench: select-only changes no balance', 'SELECT sum(...) FROM pgbench_*', async () => {
    const s = await tpcbSums(t);
    const same = afterTpcb !== undefined && s.accounts === afterTpcb.accounts && s.branches === afterTpcb.branches && s.tellers === afterTpcb.tellers;
    tap.check(same, 'pgbench: the select-only run changed no balance', 'SELECT sum(abalance), sum(bbalance), sum(tbalance) FROM pgbench_*',
      `before: ${JSON.stringify(afterTpcb)}\nafter:  ${JSON.stringify(s)}`);
  });
  const drop = await runPgbench(t, ['-i', '-I', 'd'], pgbenchInitTimeoutMs);
  pgbenchCheck(tap, 'pgbench -i -I d (drop the tables)', drop, false);
}

function positiveInt(raw: string | undefined, dflt: number, what: string): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${what} must be a positive integer (got "${raw}")`);
  return n;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'against-postgres': { type: 'boolean', default: false },
      'write-expected': { type: 'boolean', default: false },
      only: { type: 'string' },
      seconds: { type: 'string' },
      scale: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const only = new Set((values.only ?? parts.join(',')).split(',').map((s) => s.trim()));
  for (const p of only) if (!(parts as readonly string[]).includes(p)) throw new Error(`--only: unknown part "${p}" (choose from ${parts.join(', ')})`);
  const wants = (p: Part): boolean => only.has(p);
  const againstPostgres = values['against-postgres'];
  if (values['write-expected'] && !againstPostgres) throw new Error('--write-expected needs --against-postgres: expected outputs come from PostgreSQL');
  const seconds = positiveInt(values.seconds, 30, 'seconds');
  const scale = positiveInt(values.scale, 10, 'scale');

  ensureTool('psql', 'postgresql-client');
  if (wants('pgbench')) ensureTool('pgbench', 'postgresql');

  const work = mkdtempSync(path.join(os.tmpdir(), 'pg-interop-'));
  let server: PgServer | undefined;
  // A run that is interrupted (Ctrl-C, a closed pipe on stdout) must not leave its server behind.
  process.once('exit', () => {
    if (server !== undefined && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    if (values.keep) return;
    rmSync(work, { recursive: true, force: true });
    if (server !== undefined) rmSync(server.dir, { recursive: true, force: true });
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => process.exit(130));
  process.stdout.on('error', () => process.exit(1));
  const t0 = Date.now();
  const tap = new Tap(values.verbose);
  try {
    let host = values.host;
    let port: number;
    if (values.port !== undefined) {
      port = positiveInt(values.port, 0, 'port');
    } else {
      server = againstPostgres ? await startPostgres() : await startBasaltPg({ dir: path.join(work, 'basalt-data') });
      host = server.host;
      port = server.port;
    }
    const target: Target = { host, port, user: 'postgres', database: 'postgres' };
    const label = values.port !== undefined ? 'an existing server' : (server?.label ?? '');
    process.stdout.write(`# postgres interop against ${label} at ${host}:${port}\n`);
    if (wants('psql')) await partPsql(tap, target, { againstPostgres, writeExpected: values['write-expected'], work: path.join(work, 'psql') });
    if (wants('kysely')) await partKysely(tap, target);
    if (wants('drizzle')) await partDrizzle(tap, target, { work, writeExpected: values['write-expected'] });
    if (wants('pgbench')) await partPgbench(tap, target, seconds, scale);
  } finally {
    if (server !== undefined) {
      const status = await server.stop().catch((err: unknown) => `stop failed: ${(err as Error).message}`);
      tap.check(status === 0, `server: ${server.label} exits 0 when stopped`, 'SIGTERM (basalt) / SIGINT (postgres)', `exit status ${String(status)}`);
    }
    if (values.keep) process.stdout.write(`# work directory kept: ${work}\n`);
    else rmSync(work, { recursive: true, force: true });
  }

  const failed = tap.mismatches.length;
  if (failed > 0) {
    process.stdout.write('\n# failures:\n');
    for (const m of tap.mismatches) process.stdout.write(`not ok - ${m.name}\n${describe(m)}`);
  }
  process.stdout.write(`\n# summary:\n${partSummary(tap)}`);
  process.stdout.write(`# ${tap.count} checks, ${tap.count - failed} ok, ${failed} not ok (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);

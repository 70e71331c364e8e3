/**
 * Running pgbench (PostgreSQL 15's) against a server and reading its summary, for
 * `npm run interop:pg` and `npm run bench:pg`; and the TPC-B balance invariant over its tables.
 *
 * pgbench 15 prints, after a run:
 *   number of transactions actually processed: 12345
 *   number of failed transactions: 0 (0.000%)
 *   latency average = 1.234 ms
 *   initial connection time = 5.678 ms
 *   tps = 6789.012345 (without initial connection time)
 * and after `-i`: `done in 3.21 s (drop tables 0.01 s, create tables 0.02 s, ...).`
 */
import { spawn } from 'node:child_process';
import pg from 'pg';

export interface PgbenchTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
}

export interface PgbenchRun {
  /** pgbench's arguments after the connection options. */
  args: string[];
  status: number | null;
  /** Why pgbench did not finish normally (spawn error, timeout), if it did not. */
  failure?: string;
  output: string;
  seconds: number;
  processed?: number;
  failed?: number;
  tps?: number;
  latencyMs?: number;
  connectMs?: number;
  /** `-i`: the phases' times as pgbench printed them ("drop tables 0.01 s, ..."). */
  initPhases?: string;
  /** `pgbench: error:` lines and client aborts. */
  errors: string[];
}

function numberAfter(text: string, re: RegExp): number | undefined {
  const m = re.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/** Reads pgbench's summary lines (any that are missing stay undefined). */
export function parsePgbench(output: string): Pick<PgbenchRun, 'processed' | 'failed' | 'tps' | 'latencyMs' | 'connectMs' | 'initPhases' | 'errors'> {
  const r: ReturnType<typeof parsePgbench> = { errors: [] };
  const processed = numberAfter(output, /^number of transactions actually processed: (\d+)/m);
  const failed = numberAfter(output, /^number of failed transactions: (\d+)/m);
  const tps = numberAfter(output, /^tps = ([\d.]+) \(without initial connection time\)/m);
  const latency = numberAfter(output, /^latency average = ([\d.]+) ms/m);
  const connect = numberAfter(output, /^initial connection time = ([\d.]+) ms/m);
  if (processed !== undefined) r.processed = processed;
  if (failed !== undefined) r.failed = failed;
  if (tps !== undefined) r.tps = tps;
  if (latency !== undefined) r.latencyMs = latency;
  if (connect !== undefined) r.connectMs = connect;
  const init = /^done in [\d.]+ s \((.*)\)\.$/m.exec(output);
  if (init?.[1] !== undefined) r.initPhases = init[1];
  r.errors = output.split('\n').filter((l) => /pgbench: error:|^client \d+ aborted|FATAL|could not/.test(l)).slice(0, 20);
  return r;
}

/** Runs `pgbench -h H -p P -U U <args> DB` to completion; never throws. */
export function runPgbench(t: PgbenchTarget, args: readonly string[], timeoutMs: number): Promise<PgbenchRun> {
  return new Promise((resolve) => {
    const all = ['-h', t.host, '-p', String(t.port), '-U', t.user, ...args, t.database];
    const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', PGCONNECT_TIMEOUT: '10' };
    delete env['PGOPTIONS'];
    const t0 = process.hrtime.bigint();
    const child = spawn('pgbench', all, { stdio: ['ignore', 'pipe', 'pipe'], env });
    const chunks: Buffer[] = [];
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `killed after ${timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    // Both streams in arrival order: pgbench writes progress and errors to stderr, the summary to stdout.
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', (e) => {
      failure = `could not run pgbench: ${e.message}`;
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      const output = Buffer.concat(chunks).toString('utf8');
      const run: PgbenchRun = {
        args: [...args],
        status,
        output,
        seconds: Number(process.hrtime.bigint() - t0) / 1e9,
        ...parsePgbench(output),
      };
      if (failure !== undefined) run.failure = failure;
      resolve(run);
    });
  });
}

/** The last lines of pgbench's output, for failure reports. */
export function outputTail(run: PgbenchRun, lines = 25): string {
  return run.output.trimEnd().split('\n').slice(-lines).join('\n');
}

export interface TpcbSums {
  accounts: string;
  branches: string;
  tellers: string;
  history: string;
  historyRows: string;
}

/**
 * TPC-B's consistency condition: every transaction adds the same delta to one account, its
 * teller and its branch and records it in history, so the four sums are equal.
 */
export async function tpcbSums(t: PgbenchTarget): Promise<TpcbSums> {
  const client = new pg.Client({ host: t.host, port: t.port, user: t.user, database: t.database });
  await client.connect();
  try {
    const res = await client.query<{ a: string | null; b: string | null; t: string | null; h: string | null; n: string }>(
      `SELECT (SELECT sum(abalance) FROM pgbench_accounts) AS a,
              (SELECT sum(bbalance) FROM pgbench_branches) AS b,
              (SELECT sum(tbalance) FROM pgbench_tellers) AS t,
              (SELECT sum(delta) FROM pgbench_history) AS h,
              (SELECT count(*) FROM pgbench_history) AS n`,
    );
    const row = res.rows[0];
    if (row === undefined) throw new Error('the sums query returned no row');
    return { accounts: row.a ?? '0', branches: row.b ?? '0', tellers: row.t ?? '0', history: row.h ?? '0', historyRows: row.n };
  } finally {
    await client.end();
  }
}

/** Row counts of the four pgbench tables (as count(*)'s text). */
export async function tpcbCounts(t: PgbenchTarget): Promise<Record<string, string>> {
  const client = new pg.Client({ host: t.host, port: t.port, user: t.user, database: t.database });
  await client.connect();
  try {
    const r = await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM pgbench_accounts) AS accounts, (SELECT count(*) FROM pgbench_branches) AS branches,
              (SELECT count(*) FROM pgbench_tellers) AS tellers, (SELECT count(*) FROM pgbench_history) AS history`,
    );
    return r.rows[0] ?? {};
  } finally {
    await client.end();
  }
}

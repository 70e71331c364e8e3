/**
 * `npm run bench:pg`: pgbench against BasaltDB's PostgreSQL server and against a real
 * PostgreSQL 15 started in the same run on the same machine, both durable on commit:
 *   - PostgreSQL: initdb into a fresh directory, PostgreSQL's defaults (fsync on,
 *     synchronous_commit on, shared_buffers 128MB), listening on 127.0.0.1 only;
 *   - BasaltDB: `basalt serve --appendfsync always` (durability sync: a commit is acknowledged
 *     once fsynced; concurrent commits share an fsync).
 * One server at a time, each on its own fresh directory under bench/tmp/pg/ (removed afterwards
 * unless --keep), each given: `pgbench -i -s 10`; TPC-B `-c 8 -j 2 -T 60`; select-only
 * `-S -c 8 -j 2 -T 60`; single-client TPC-B `-c 1 -T 60`. After the 8-client TPC-B run the four
 * balance sums are read (TPC-B's consistency condition).
 *
 * Results: bench/results/pg-<time>.json, a markdown report on stdout and (for a run of the
 * issue's sizes with both servers, or with --docs) the section between the `pg-bench` markers
 * in docs/benchmarks.md.
 *
 * Flags:
 *   --seconds S          length of each measured run (default 60)
 *   --scale N            pgbench -i -s N (default 10)
 *   --servers a,b        subset of postgres,basalt (default both; postgres alone checks the harness)
 *   --docs / --no-docs   force / forbid rewriting the docs section
 *   --no-probe           skip the device probe (fdatasync rate of the disk)
 *   --keep               keep the data directories
 *   --from-json FILE     run nothing: print the report of an earlier run's JSON (and write the
 *                        docs section with --docs)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runPgbench, tpcbSums } from '../../test/interop/pg/pgbench.js';
import type { PgbenchRun } from '../../test/interop/pg/pgbench.js';
import type { PgServer } from '../../test/interop/pg/servers.js';
import { ensureTool, startBasaltPg, startPostgres } from '../../test/interop/pg/servers.js';
import { basaltMainJs } from '../../test/lib/servers.js';
import { probeDevice } from '../lib/device-probe.js';
import { dirBytes, machineInfo, repoRoot, sourceVersion } from '../lib/fs-info.js';
import { commandLine, parseCount } from '../lib/options.js';
import { regenerateSection, writeResultsJson } from '../lib/report.js';
import { runMain } from '../lib/suite-run.js';
import type { PgBenchData, RunName, ServerName, ServerResult } from './report.js';
import { renderReport, runArgs, runInfo, runNames, serverNames } from './report.js';

const fullSeconds = 60;
const fullScale = 10;
/** Hang guards, not timed assertions. */
const initTimeoutMs = 30 * 60_000;
const runGraceMs = 5 * 60_000;

interface Options {
  seconds: number;
  scale: number;
  servers: ServerName[];
  docs: 'auto' | 'yes' | 'no';
  probe: boolean;
  keep: boolean;
  fromJson?: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string' },
      scale: { type: 'string' },
      servers: { type: 'string', default: serverNames.join(',') },
      docs: { type: 'boolean' },
      'no-docs': { type: 'boolean' },
      'no-probe': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'from-json': { type: 'string' },
    },
  });
  const servers = values.servers.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const s of servers) if (!(serverNames as readonly string[]).includes(s)) throw new Error(`--servers: unknown server "${s}" (choose from ${serverNames.join(', ')})`);
  return {
    seconds: parseCount(values.seconds, fullSeconds, 'seconds'),
    scale: parseCount(values.scale, fullScale, 'scale'),
    servers: serverNames.filter((s) => servers.includes(s)),
    docs: values.docs === true ? 'yes' : values['no-docs'] === true ? 'no' : 'auto',
    probe: !values['no-probe'],
    keep: values.keep,
    ...(values['from-json'] !== undefined ? { fromJson: values['from-json'] } : {}),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench:pg] ${message}\n`);
}

function tryCommand(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
  } catch {
    return 'unknown';
  }
}

function startCommand(name: ServerName): string {
  if (name === 'postgres') {
    return 'initdb -D DIR -A trust -U postgres -E UTF8 --locale=C.UTF-8; postgres -D DIR -p P -c listen_addresses=127.0.0.1 (defaults otherwise)';
  }
  return `node ${path.relative(repoRoot(), basaltMainJs)} serve --data DIR --pg-port 0 --redis-port 0 --appendfsync always`;
}

/** PostgreSQL's durability settings as the server reports them, so the report can show them. */
async function postgresSettings(server: PgServer): Promise<string> {
  const client = new pg.Client({ host: server.host, port: server.port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    const names = ['fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections'];
    const parts: string[] = [];
    for (const n of names) {
      const r = await client.query<Record<string, string>>(`SHOW ${n}`);
      parts.push(`${n}=${r.rows[0]?.[n] ?? '?'}`);
    }
    return parts.join(', ');
  } finally {
    await client.end();
  }
}

function runProblems(run: PgbenchRun, measured: boolean): string[] {
  const p: string[] = [];
  if (run.failure !== undefined) p.push(run.failure);
  if (run.status !== 0) p.push(`exit status ${String(run.status)}`);
  p.push(...run.errors);
  if (measured && run.failed !== undefined && run.failed > 0) p.push(`${run.failed} failed transactions`);
  if (measured && run.tps === undefined) p.push('no tps line in the output');
  return p.map((x) => `pgbench ${run.args.join(' ')}: ${x}`);
}

/** The server running now, killed if the harness is interrupted. */
let running: PgServer | undefined;

async function benchServer(result: ServerResult, o: Options, dir: string): Promise<void> {
  let server: PgServer;
  try {
    server = result.name === 'postgres' ? await startPostgres({ parent: dir, keep: o.keep }) : await startBasaltPg({ dir: path.join(dir, 'basalt'), appendfsync: 'always' });
    running = server;
  } catch (err) {
    result.errors.push(`start: ${(err as Error).message}`);
    return;
  }
  result.label = server.label;
  const target = { host: server.host, port: server.port, user: 'postgres', database: 'postgres' };
  try {
    if (result.name === 'postgres') result.startCommand += `; ${await postgresSettings(server)}`;
    log(`${result.label}: pgbench -i -s ${o.scale}`);
    const init = await runPgbench(target, ['-i', '-s', String(o.scale)], initTimeoutMs);
    result.init = init;
    result.errors.push(...runProblems(init, false));
    log(`  ${init.seconds.toFixed(1)} s (${init.initPhases ?? 'no summary'})`);
    if (init.status !== 0) return;
    for (const name of runNames) {
      const args = runArgs(name, o.seconds);
      log(`${result.label}: ${runInfo[name].label}: pgbench ${args.join(' ')}`);
      const run = await runPgbench(target, args, o.seconds * 1000 + runGraceMs);
      result.runs[name] = run;
      result.errors.push(...runProblems(run, true));
      log(`  tps ${run.tps?.toFixed(1) ?? '-'}, latency average ${run.latencyMs ?? '-'} ms, processed ${run.processed ?? '-'}, failed ${run.failed ?? '-'}`);
      if (name === 'tpcb') await recordSums(result, target);
    }
  } catch (err) {
    result.errors.push((err as Error).message);
  } finally {
    result.diskBytes = dirBytes(server.dir).allocated;
    try {
      const status = await server.stop();
      running = undefined;
      if (status !== 0) result.errors.push(`exit status ${String(status)} when stopped`);
    } catch (err) {
      result.errors.push(`stop: ${(err as Error).message}`);
    }
  }
}

/** Balance sums after the first TPC-B run (pgbench truncates pgbench_history before each run). */
async function recordSums(result: ServerResult, target: { host: string; port: number; user: string; database: string }): Promise<void> {
  try {
    const s = await tpcbSums(target);
    result.sums = s;
    const ok = s.accounts === s.branches && s.branches === s.tellers && s.tellers === s.history;
    if (!ok) result.errors.push(`TPC-B balances inconsistent after the 8-client run: ${JSON.stringify(s)}`);
  } catch (err) {
    result.errors.push(`balance sums: ${(err as Error).message}`);
  }
}

function publishDocs(root: string, report: string): void {
  const docs = path.join(root, 'docs', 'benchmarks.md');
  regenerateSection(docs, 'pg-bench', report, '## PostgreSQL server (issue 7): pgbench, latest run');
  process.stdout.write(`updated ${path.relative(root, docs)}\n`);
}

async function main(): Promise<void> {
  const o = options();
  // An interrupted run must not leave a server behind.
  process.once('exit', () => {
    if (running !== undefined && running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(sig, () => process.exit(130));
  if (o.fromJson !== undefined) {
    const report = renderReport(JSON.parse(readFileSync(o.fromJson, 'utf8')) as PgBenchData);
    process.stdout.write(`${report}\n`);
    if (o.docs === 'yes') publishDocs(repoRoot(), report);
    return;
  }
  ensureTool('pgbench', 'postgresql');
  const root = repoRoot();
  const tmp = path.join(root, 'bench', 'tmp', 'pg');
  mkdirSync(tmp, { recursive: true });
  const startedAt = new Date();
  const device = o.probe ? await probeDevice({ dir: path.join(tmp, 'device'), seconds: 2, sequentialBytes: 64 * 2 ** 20 }) : undefined;
  rmSync(path.join(tmp, 'device'), { recursive: true, force: true });

  const servers: ServerResult[] = o.servers.map((name) => ({ name, label: name, startCommand: startCommand(name), runs: {}, errors: [] }));
  for (const s of servers) {
    const dir = path.join(tmp, s.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await benchServer(s, o, dir);
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }

  const data: PgBenchData = {
    command: commandLine('bench:pg'),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    seconds: o.seconds,
    scale: o.scale,
    short: o.seconds !== fullSeconds || o.scale !== fullScale,
    machine: machineInfo(tmp),
    disk: `${tryCommand('findmnt', ['-n', '-o', 'SOURCE,FSTYPE,OPTIONS', '--target', tmp])}`,
    source: sourceVersion(root),
    pgbenchVersion: tryCommand('pgbench', ['--version']),
    ...(device !== undefined ? { device } : {}),
    servers,
  };
  const report = renderReport(data);
  process.stdout.write(`\n${report}\n\n`);
  const json = writeResultsJson(root, 'pg', data, startedAt);
  process.stdout.write(`raw results: ${path.relative(root, json)}\n`);
  const full = !data.short && servers.length === serverNames.length;
  if (o.docs === 'yes' || (o.docs === 'auto' && full)) {
    publishDocs(root, report);
  }
  if (servers.some((s) => s.errors.length > 0)) process.exitCode = 1;
}

runMain(main);

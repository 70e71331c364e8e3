/**
 * `npm run bench:txn` — the transaction benchmark of issue 4.
 *
 * Every engine runs in its own child process (worker.ts), one child at a time, on a fresh
 * directory under bench/tmp/txn/ that is removed afterwards. Each child preloads the table,
 * then runs the uncontended workload with each client count and the contended one (basaltdb at
 * serializable and at repeatable read). A device probe runs before the first engine and after the
 * last. Results go to stdout as markdown, to bench/results/txn-<timestamp>.json, and (for a full
 * run of every engine and workload) to the generated section of docs/benchmarks.md.
 *
 *   --quick               small sizes: 100K keys, 2 s per run, the whole suite in under a minute
 *   --engines a,b         subset of basaltdb,lmdb,better-sqlite3
 *   --workloads a,b       subset of uncontended,contended
 *   --records N           keys preloaded (default 1,000,000)
 *   --clients 1,64        client counts of the uncontended workload (default 1,64)
 *   --contended-clients N clients of the contended workload (default 64)
 *   --hot-keys N          hot counters of the contended workload (default 16)
 *   --retries N           retries per transaction on 40001/40P01 (default 50)
 *   --seconds S           timed seconds of every run (default 10)
 *   --seed S              seed of every random choice (default 42)
 *   --durability D        sync (default) or none
 *   --cpu-prof            write V8 CPU profiles of the engine children to bench/tmp/prof/
 *   --docs / --no-docs    force / forbid regenerating docs/benchmarks.md
 *   --keep                keep the data directories
 */
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machineInfo, repoRoot, sourceVersion } from '../lib/fs-info.js';
import { commandLine, commonFlags, commonOptions, cpuProfArgs, parseCount, parseList, parseSeconds, writesDocs } from '../lib/options.js';
import type { CommonOptions } from '../lib/options.js';
import { ProgressPrinter, formatCount } from '../lib/progress.js';
import { formatNs } from '../lib/report.js';
import { childRunner, publishDocs, publishResults, runMain } from '../lib/suite-run.js';
import { deviceSpec } from '../lib/worker-spec.js';
import { isTxnEngine, txnEngines } from './engines.js';
import type { TxnEngine } from './engines.js';
import { targets, txnReport } from './report.js';
import type { TxnRunData } from './report.js';
import { hotKeysMin, isTxnWorkload, runId, txnIsolations, txnWorkloads } from './spec.js';
import type { TxnIsolation, TxnPhase, TxnWorkerSpec, TxnWorkload } from './spec.js';

const mib = 1024 * 1024;
/** Engine cache budget (basaltdb's default cacheBytes): the whole table fits. */
const cacheBytes = 256 * mib;
const loadBatch = 1000;

const flags = {
  ...commonFlags,
  clients: { type: 'string' },
  'contended-clients': { type: 'string' },
  'hot-keys': { type: 'string' },
  retries: { type: 'string' },
  seconds: { type: 'string' },
} as const;

interface Options extends CommonOptions {
  engines: TxnEngine[];
  workloads: TxnWorkload[];
  records: number;
  clients: number[];
  contendedClients: number;
  hotKeys: number;
  retries: number;
  seconds: number;
  warmSeconds: number;
}

function parseClients(raw: string | undefined): number[] {
  if (raw === undefined) return [1, 64];
  const list = raw.split(',').map((s) => parseCount(s.trim(), 1, 'clients'));
  return [...new Set(list)].sort((a, b) => a - b);
}

/** `--retries`: a non-negative integer. */
function parseRetries(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--retries wants a non-negative integer, got "${raw}"`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, strict: true, options: flags });
  const common = commonOptions(values, {
    quick: { deviceSeconds: 1, sequentialBytes: 64 * mib, childTimeoutMs: 10 * 60_000 },
    full: { deviceSeconds: 3, sequentialBytes: 256 * mib, childTimeoutMs: 30 * 60_000 },
  });
  const { quick } = common;
  const hotKeys = parseCount(values['hot-keys'], 16, 'hot-keys');
  if (hotKeys < hotKeysMin) throw new Error(`--hot-keys must be at least ${hotKeysMin}`);
  const seconds = parseSeconds(values.seconds, quick ? 2 : 10, 'seconds');
  return {
    ...common,
    engines: parseList(values.engines, txnEngines, isTxnEngine, 'engine'),
    workloads: parseList(values.workloads, txnWorkloads, isTxnWorkload, 'workload'),
    records: parseCount(values.records, quick ? 100_000 : 1_000_000, 'records'),
    clients: parseClients(values.clients),
    contendedClients: parseCount(values['contended-clients'], 64, 'contended-clients'),
    hotKeys,
    retries: parseRetries(values.retries),
    seconds,
    warmSeconds: Math.min(2, seconds / 4),
  };
}

/** The phases of `engine`'s child: load, uncontended per client count, contended per isolation. */
function phasesFor(o: Options, engine: TxnEngine): TxnPhase[] {
  const phases: TxnPhase[] = [{ kind: 'load', id: 'load', records: o.records, batch: loadBatch, hotKeys: o.hotKeys }];
  const runPhase = (workload: TxnWorkload, clients: number, isolation: TxnIsolation): TxnPhase => ({
    kind: 'run',
    id: runId(workload, clients),
    workload,
    clients,
    isolation,
    retries: o.retries,
    seconds: o.seconds,
    warmSeconds: o.warmSeconds,
    records: o.records,
    hotKeys: o.hotKeys,
  });
  if (o.workloads.includes('uncontended')) for (const c of o.clients) phases.push(runPhase('uncontended', c, 'serializable'));
  if (o.workloads.includes('contended')) {
    // The peers have one isolation (a single writer); basaltdb runs each level asked for by issue 4.
    const levels: readonly TxnIsolation[] = engine === 'basaltdb' ? txnIsolations : ['serializable'];
    for (const isolation of levels) phases.push(runPhase('contended', o.contendedClients, isolation));
  }
  return phases;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const root = repoRoot();
  const tmp = path.join(root, 'bench', 'tmp', 'txn');
  mkdirSync(tmp, { recursive: true });
  const worker = fileURLToPath(new URL('./worker.js', import.meta.url));
  const progress = new ProgressPrinter();
  const startedAt = new Date();
  const data: TxnRunData = {
    command: commandLine('bench:txn'),
    startedAt: startedAt.toISOString(),
    finishedAt: '',
    machine: machineInfo(tmp),
    source: sourceVersion(root),
    options: {
      quick: o.quick,
      engines: o.engines.join(','),
      workloads: o.workloads.join(','),
      records: o.records,
      clients: o.clients.join(','),
      contendedClients: o.contendedClients,
      hotKeys: o.hotKeys,
      retries: o.retries,
      seconds: o.seconds,
      warmSeconds: o.warmSeconds,
      seed: o.seed,
      durability: o.durability,
      cacheBytes,
    },
    results: [],
    finals: [],
    failures: [],
  };
  const runOne: (subject: string, group: string, spec: TxnWorkerSpec) => Promise<void> = childRunner({
    worker,
    timeoutMs: o.childTimeoutMs,
    execArgv: cpuProfArgs(root, o.cpuProf),
    progress,
    data,
    resultLine: (r) => {
      const iso = typeof r.extra['isolationAsked'] === 'string' && r.engine === 'basaltdb' ? ` (${r.extra['isolationAsked']})` : '';
      const aborts = typeof r.extra['abortRate'] === 'number' ? `, abort rate ${(r.extra['abortRate'] * 100).toFixed(1)}%` : '';
      return `${r.workload}${iso}: ${formatCount(r.ops)} in ${r.seconds.toFixed(2)} s = ${formatCount(r.opsPerSec)}/s, p50 ${formatNs(r.latency.p50)}, p99 ${formatNs(r.latency.p99)}${aborts}`;
    },
  });
  const probe = (tag: string): Promise<void> =>
    runOne('device', `device ${tag}`, deviceSpec(tag, { dir: path.join(tmp, 'device'), seconds: o.deviceSeconds, sequentialBytes: o.sequentialBytes }));

  await probe('before');
  for (const engine of o.engines) {
    const dir = path.join(tmp, engine);
    rmSync(dir, { recursive: true, force: true });
    await runOne(engine, 'txn', {
      kind: 'engine',
      engine,
      dir,
      durability: o.durability,
      cacheBytes,
      seed: o.seed,
      phases: phasesFor(o, engine),
    });
    if (!o.keep) rmSync(dir, { recursive: true, force: true });
  }
  await probe('after');
  rmSync(path.join(tmp, 'device'), { recursive: true, force: true });
  progress.clear();
  data.finishedAt = new Date().toISOString();

  const report = txnReport(data);
  publishResults(root, 'txn', data, report, startedAt);
  const complete = o.engines.length === txnEngines.length && o.workloads.length === txnWorkloads.length;
  if (writesDocs(o.docs, complete && !o.quick && data.failures.length === 0)) {
    publishDocs(root, 'txn-suite', report, '## Transaction suite (issue 4): latest full run');
  }
  const list = targets(data);
  for (const t of list) if (t.pass !== undefined) process.stdout.write(`${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.measured} (goal ${t.goal})\n`);
  const missed = list.filter((t) => t.pass === false).length;
  if (data.failures.length > 0) process.exitCode = 1;
  process.stdout.write(`${missed} target(s) missed, ${data.failures.length} failure(s)\n`);
}

runMain(main);

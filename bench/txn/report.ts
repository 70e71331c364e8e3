/** Tables, targets and the docs section of the transaction suite. */
import { formatNs, formatRate, formatRatio, markdownTable } from '../lib/report.js';
import type { Align } from '../lib/report.js';
import type { PhaseResult } from '../lib/protocol.js';
import { commitsPerFsync, failuresSection, reportHeader, sequentialBandwidths } from '../lib/suite-run.js';
import type { SuiteRunData } from '../lib/suite-run.js';
import { engineRank, txnEngineInfo, txnEngines } from './engines.js';
import { coldReadsPerContendedTxn, hotReadsPerTxn, readsPerTxn, writesPerTxn } from './spec.js';
import type { TxnIsolation } from './spec.js';

export type TxnRunData = SuiteRunData;

const base = 'basaltdb';
const peers: readonly string[] = txnEngines.filter((e) => e !== base);
/** Issue 4: basaltdb's uncontended throughput over the better of lmdb and better-sqlite3. */
export const uncontendedTargetFactor = 1.5;

function num(r: PhaseResult, name: string): number {
  const v = r.extra[name];
  return typeof v === 'number' ? v : 0;
}

function str(r: PhaseResult, name: string): string {
  const v = r.extra[name];
  return typeof v === 'string' ? v : '';
}

/** The result of `engine` on run `id` at the isolation asked for. */
function find(data: TxnRunData, id: string, engine: string, isolation: TxnIsolation = 'serializable'): PhaseResult | undefined {
  return data.results.find((r) => r.workload === id && r.engine === engine && str(r, 'isolationAsked') === isolation);
}

/** The faster peer on run `id`. */
function bestPeer(data: TxnRunData, id: string): PhaseResult | undefined {
  let best: PhaseResult | undefined;
  for (const p of peers) {
    const r = find(data, id, p);
    if (r !== undefined && (best === undefined || r.opsPerSec > best.opsPerSec)) best = r;
  }
  return best;
}

function runRows(data: TxnRunData, workload: string): PhaseResult[] {
  return data.results
    .filter((r) => str(r, 'workload') === workload && !r.engine.startsWith('device'))
    .sort((a, b) => num(a, 'clientsAsked') - num(b, 'clientsAsked') || engineRank(a.engine) - engineRank(b.engine) || str(a, 'isolationAsked').localeCompare(str(b, 'isolationAsked')) * -1);
}

function percent(x: number): string {
  return `${(x * 100).toFixed(x > 0 && x < 0.001 ? 3 : 1)}%`;
}

function engineLabel(r: PhaseResult): string {
  return r.engine === base ? `${r.engine}, ${str(r, 'isolationAsked')}` : r.engine;
}

function uncontendedTable(data: TxnRunData): string {
  const rows = runRows(data, 'uncontended');
  if (rows.length === 0) return '';
  const headers = ['engine', 'clients', 'committed', 'seconds', 'txn/s', 'p50', 'p99', 'p99.9', 'abort rate', 'basaltdb ÷ engine'];
  const body = rows.map((r) => {
    const b = find(data, String(r.workload), base);
    return [
      engineLabel(r),
      num(r, 'clients') === num(r, 'clientsAsked') ? String(num(r, 'clients')) : `${num(r, 'clients')} (of ${num(r, 'clientsAsked')})`,
      r.ops.toLocaleString('en-US'),
      r.seconds.toFixed(2),
      formatRate(r.opsPerSec),
      formatNs(r.latency.p50),
      formatNs(r.latency.p99),
      formatNs(r.latency.p999),
      percent(num(r, 'abortRate')),
      r.engine === base ? '1.00x' : formatRatio(b?.opsPerSec, r.opsPerSec),
    ];
  });
  const align: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
  const lines = [
    '### Uncontended: 10 random reads + 2 random writes per transaction',
    '',
    markdownTable(headers, body, align),
    '',
    `Keys uniformly random over the preloaded table, so clients rarely touch the same key. Latency is of ${rows[0]?.latencyOf ?? 'one transaction'}.`,
  ];
  return [...lines, ...engineNotes(rows)].join('\n');
}

function contendedTable(data: TxnRunData): string {
  const rows = runRows(data, 'contended');
  if (rows.length === 0) return '';
  const hot = num(rows[0] as PhaseResult, 'hotKeys');
  const headers = ['engine', 'clients', 'committed', 'txn/s', 'p50', 'p99', 'attempts', 'abort rate', '40001', '40P01', 'retries', 'gave up', 'counters', 'basaltdb ÷ engine'];
  const body = rows.map((r) => {
    const b = find(data, String(r.workload), base);
    const ok = r.extra['countersOk'] === true;
    return [
      engineLabel(r),
      num(r, 'clients') === num(r, 'clientsAsked') ? String(num(r, 'clients')) : `${num(r, 'clients')} (of ${num(r, 'clientsAsked')})`,
      r.ops.toLocaleString('en-US'),
      formatRate(r.opsPerSec),
      formatNs(r.latency.p50),
      formatNs(r.latency.p99),
      num(r, 'attempts').toLocaleString('en-US'),
      percent(num(r, 'abortRate')),
      r.engine === base ? num(r, 'engine.serializationFailures').toLocaleString('en-US') : '-',
      r.engine === base ? num(r, 'engine.deadlocks').toLocaleString('en-US') : '-',
      num(r, 'retries').toLocaleString('en-US'),
      num(r, 'gaveUp').toLocaleString('en-US'),
      ok ? `OK (+${num(r, 'counterIncrements').toLocaleString('en-US')})` : `WRONG (${num(r, 'countersWrong')} counters)`,
      formatRatio(b?.opsPerSec, r.opsPerSec),
    ];
  });
  const align: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'right'];
  const lines = [
    `### Contended: ${hot} hot counters, read-modify-write`,
    '',
    markdownTable(headers, body, align),
    '',
    `Each transaction reads ${coldReadsPerContendedTxn} random keys and ${hotReadsPerTxn} hot keys, then reads ${writesPerTxn} other hot counters and writes each back plus one (the ${writesPerTxn} counters in random order, so two transactions can lock them in opposite orders).`,
    'Abort rate = attempts that did not commit (serialization failures 40001 + deadlocks 40P01, counted by the engine) / attempts; retries = attempts beyond the first of a transaction; gave up = transactions still failing after the allowed retries (not committed).',
    'Counters: after the run, every hot counter must have grown by exactly the increments of the committed transactions (warm-up included): "OK (+N)" means it did, N increments in all; a lost update would show as WRONG.',
    'The basaltdb ÷ engine column compares with basaltdb at serializable.',
  ];
  return [...lines, ...engineNotes(rows)].join('\n');
}

/** Commits per fsync, and each result's notes. */
function engineNotes(rows: readonly PhaseResult[]): string[] {
  const lines: string[] = [];
  for (const r of rows) {
    const perFsync = commitsPerFsync(r);
    if (perFsync !== undefined) lines.push(`- ${engineLabel(r)}, ${num(r, 'clients')} client(s): ${perFsync}.`);
    for (const n of r.notes) lines.push(`- ${engineLabel(r)}, ${num(r, 'clientsAsked')} client(s): ${n}`);
  }
  return lines;
}

function loadLines(data: TxnRunData): string[] {
  const loads = data.results.filter((r) => r.workload === 'load').sort((a, b) => engineRank(a.engine) - engineRank(b.engine));
  if (loads.length === 0) return [];
  return [
    '',
    `Preload (not part of the targets): ${loads
      .map((r) => `${r.engine} ${r.ops.toLocaleString('en-US')} keys in ${r.seconds.toFixed(1)} s, reopen ${num(r, 'reopenSeconds').toFixed(1)} s, warm scan ${num(r, 'warmScanSeconds').toFixed(1)} s`)
      .join('; ')}.`,
    ...loads.flatMap((r) => r.notes.map((n) => `- ${r.engine}: ${n}`)),
  ];
}

function deviceLines(data: TxnRunData): string[] {
  const probes = data.results.filter((r) => r.engine.startsWith('device sync'));
  if (probes.length === 0) return [];
  const rates = probes.map((r) => `${r.engine.replace('device sync ', '')}: ${formatRate(r.opsPerSec)}/s (p50 ${formatNs(r.latency.p50)})`);
  const seq = sequentialBandwidths(data);
  return [
    '',
    `Device under the bench directory, 4 KiB write + fdatasync (sync calls): ${rates.join(', ')}.${seq.length > 0 ? ` Sequential write bandwidth: ${seq.join(', ')}.` : ''}`,
  ];
}

export interface TxnTarget {
  name: string;
  measured: string;
  goal: string;
  pass: boolean | undefined;
}

function ratioTarget(data: TxnRunData, name: string, id: string, factor: number | undefined): TxnTarget {
  const b = find(data, id, base);
  const p = bestPeer(data, id);
  const known = b !== undefined && p !== undefined && p.opsPerSec > 0;
  return {
    name,
    measured: known ? `${formatRatio(b.opsPerSec, p.opsPerSec)} (${formatRate(b.opsPerSec)} vs ${p.engine} ${formatRate(p.opsPerSec)})` : 'not measured',
    goal: factor === undefined ? '(no target)' : `>= ${factor}x`,
    pass: factor === undefined || !known ? undefined : b.opsPerSec / p.opsPerSec >= factor,
  };
}

/** The targets of issue 4 (with informational ratios at the other client counts and under contention). */
export function targets(data: TxnRunData): TxnTarget[] {
  const list: TxnTarget[] = [];
  const uncontendedIds = [...new Set(runRows(data, 'uncontended').map((r) => r.workload))];
  const top = uncontendedIds.at(-1);
  for (const id of uncontendedIds) {
    list.push(ratioTarget(data, `${id}: basaltdb (serializable) ÷ best of lmdb, better-sqlite3`, id, id === top ? uncontendedTargetFactor : undefined));
  }
  for (const id of [...new Set(runRows(data, 'contended').map((r) => r.workload))]) {
    list.push(ratioTarget(data, `${id}: basaltdb (serializable) ÷ best of lmdb, better-sqlite3`, id, undefined));
  }
  const contended = runRows(data, 'contended');
  if (contended.length > 0) {
    const wrong = contended.filter((r) => r.extra['countersOk'] !== true);
    list.push({
      name: 'contended: hot counters = committed increments (no lost updates), every engine and isolation',
      measured: wrong.length === 0 ? `${contended.length} of ${contended.length} runs add up` : `wrong in ${wrong.map(engineLabel).join('; ')}`,
      goal: 'all add up',
      pass: wrong.length === 0,
    });
  }
  return list;
}

export function targetsTable(data: TxnRunData): string {
  const rows = targets(data).map((t) => [t.name, t.measured, t.goal, t.pass === undefined ? 'info' : t.pass ? 'PASS' : 'MISS']);
  return markdownTable(['target (issue 4, equal durability)', 'measured', 'goal', 'result'], rows);
}

function enginesTable(data: TxnRunData): string {
  const engines = txnEngines.filter((e) => data.results.some((r) => r.engine === e));
  const rows = engines.map((e) => {
    const i = txnEngineInfo[e];
    return [e, i.call, i.durable, i.isolation, i.grouping];
  });
  return markdownTable(['engine', 'transaction measured', 'durable when it returns', 'isolation', 'concurrent commits'], rows);
}

/** The full markdown report of one run (also the regenerated docs section). */
export function txnReport(data: TxnRunData): string {
  const parts: string[] = [
    ...reportHeader(data),
    '',
    `Uncontended ids are "uncontended/<clients>", contended "contended/<clients>". Every transaction does ${readsPerTxn} point reads and ${writesPerTxn} writes over a preloaded table of 16-byte keys and 100-byte values; clients are async loops in one process, each with one transaction outstanding.`,
    '',
    `#### The transactions measured (durability "${String(data.options['durability'] ?? 'sync')}" for every engine; the table describes "sync")`,
    '',
    enginesTable(data),
    ...deviceLines(data),
    ...loadLines(data),
  ];
  for (const t of [uncontendedTable(data), contendedTable(data)]) if (t !== '') parts.push('', t);
  parts.push('', '### Targets', '', targetsTable(data));
  parts.push(...failuresSection(data.failures));
  return parts.join('\n');
}

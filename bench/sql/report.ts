/** Tables and the docs section of the SQL suite. */
import { formatNs, formatRate, formatRatio, markdownTable } from '../lib/report.js';
import type { Align } from '../lib/report.js';
import type { PhaseResult } from '../lib/protocol.js';
import { failuresSection, findResult, reportHeader, sequentialBandwidths } from '../lib/suite-run.js';
import type { SuiteRunData } from '../lib/suite-run.js';
import { sqlEngineInfo, sqlEngines } from './engines.js';
import { sqlWorkloads, workloadInfo } from './spec.js';

export type SqlRunData = SuiteRunData;

const base = 'basaltdb';
const peer = 'better-sqlite3';

/** Workloads in the order of the brief's list (1–8), which is not the order they run in. */
function reportOrder(data: SqlRunData): string[] {
  const ran = sqlWorkloads.filter((w) => data.results.some((r) => r.workload === w));
  return ran.sort((a, b) => workloadInfo[a].label.localeCompare(workloadInfo[b].label, 'en', { numeric: true }));
}

/** `a / b` as formatRatio does, with two significant digits below 0.01 (a join can be 1/10,000). */
function ratio(a: number | undefined, b: number | undefined): string {
  if (a !== undefined && b !== undefined && b > 0 && a / b > 0 && a / b < 0.01) return `${(a / b).toPrecision(2)}x`;
  return formatRatio(a, b);
}

function cell(r: PhaseResult | undefined, f: (r: PhaseResult) => string): string {
  return r === undefined ? '-' : f(r);
}

function mainTable(data: SqlRunData): string {
  const headers = ['workload', 'basaltdb ops/s', 'p50', 'p99', 'better-sqlite3 ops/s', 'p50', 'p99', 'basaltdb ÷ better-sqlite3 (ops/s)'];
  const rows = reportOrder(data).map((w) => {
    const b = findResult(data, w, base);
    const s = findResult(data, w, peer);
    return [
      workloadInfo[w as keyof typeof workloadInfo].label,
      cell(b, (r) => formatRate(r.opsPerSec)),
      cell(b, (r) => formatNs(r.latency.p50)),
      cell(b, (r) => formatNs(r.latency.p99)),
      cell(s, (r) => formatRate(r.opsPerSec)),
      cell(s, (r) => formatNs(r.latency.p50)),
      cell(s, (r) => formatNs(r.latency.p99)),
      ratio(b?.opsPerSec, s?.opsPerSec),
    ];
  });
  const align: Align[] = ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'];
  return markdownTable(headers, rows, align);
}

function statementsTable(data: SqlRunData): string {
  const rows = reportOrder(data).map((w) => {
    const info = workloadInfo[w as keyof typeof workloadInfo];
    const b = findResult(data, w, base);
    const s = findResult(data, w, peer);
    const counts = [b, s].filter((r): r is PhaseResult => r !== undefined).map((r) => `${r.engine} ${r.ops.toLocaleString('en-US')} in ${r.seconds.toFixed(1)} s`);
    return [info.label, `\`${info.sql}\``, info.op, counts.join('; ')];
  });
  return markdownTable(['workload', 'statement', 'one operation (one latency sample)', 'operations timed'], rows);
}

function plansTable(data: SqlRunData): string {
  const plan = (r: PhaseResult | undefined): string => {
    const p = r?.extra['plan'];
    return typeof p === 'string' && p !== '' ? p : '-';
  };
  const rows = reportOrder(data)
    .filter((w) => !workloadInfo[w as keyof typeof workloadInfo].writes || w === 'update')
    .map((w) => [workloadInfo[w as keyof typeof workloadInfo].label, plan(findResult(data, w, base)), plan(findResult(data, w, peer))]);
  return markdownTable(['workload', 'basaltdb EXPLAIN', 'better-sqlite3 EXPLAIN QUERY PLAN'], rows);
}

function enginesTable(data: SqlRunData): string {
  const engines = sqlEngines.filter((e) => data.results.some((r) => r.engine === e));
  return markdownTable(
    ['engine', 'calls measured', 'durable when it returns', 'schema and load'],
    engines.map((e) => [e, sqlEngineInfo[e].calls, sqlEngineInfo[e].durable, sqlEngineInfo[e].schema]),
  );
}

function deviceLines(data: SqlRunData): string[] {
  const probes = data.results.filter((r) => r.engine.startsWith('device sync'));
  if (probes.length === 0) return [];
  const rates = probes.map((r) => `${r.engine.replace('device sync ', '')}: ${formatRate(r.opsPerSec)}/s (p50 ${formatNs(r.latency.p50)})`);
  const seq = sequentialBandwidths(data);
  return ['', `Device under the bench directory, 4 KiB write + fdatasync (sync calls): ${rates.join(', ')}.${seq.length > 0 ? ` Sequential write bandwidth: ${seq.join(', ')}.` : ''}`];
}

function loadLines(data: SqlRunData): string[] {
  const loads = data.results.filter((r) => r.workload === 'load');
  if (loads.length === 0) return [];
  return [
    '',
    `Load (not a workload): ${loads.map((r) => `${r.engine} ${r.ops.toLocaleString('en-US')} rows in ${r.seconds.toFixed(1)} s (${formatRate(r.opsPerSec)} rows/s)`).join('; ')}.`,
  ];
}

/** fsyncs per write workload (basaltdb counts them), and every result's notes. */
function noteLines(data: SqlRunData): string[] {
  const lines: string[] = [];
  for (const r of data.results) {
    if (r.engine.startsWith('device')) continue;
    const fsyncs = r.extra['engine.fsyncs'];
    if (typeof fsyncs === 'number' && r.workload !== 'load' && r.ops > 0) {
      lines.push(`- ${r.engine}, ${r.workload}: ${fsyncs.toLocaleString('en-US')} fsyncs for ${r.ops.toLocaleString('en-US')} operations (engine counter).`);
    }
    for (const n of r.notes) lines.push(`- ${r.engine}, ${r.workload}: ${n}`);
  }
  return lines.length > 0 ? ['', ...lines] : [];
}

/** The full markdown report of one run (also the regenerated docs section). */
export function sqlReport(data: SqlRunData): string {
  const records = Number(data.options['records'] ?? 0);
  const parts: string[] = [
    ...reportHeader(data),
    '',
    `Tables: \`accounts(id int primary key, bal int, name text)\` and \`entries(id int primary key, account_id int, amount int, tag int)\` with an index on \`entries(account_id)\`, ${records.toLocaleString('en-US')} rows each, the same rows in both engines (every account id below ${(records / 10).toLocaleString('en-US')} has 10 entries; 100 tags). One client; each workload runs alone for its time after an untimed warm-up, read workloads first; latency is per operation, call to result (writes: to the durable commit). Ratios are basaltdb ÷ better-sqlite3 (below 1.00x: basaltdb is slower).`,
    '',
    '### Results',
    '',
    mainTable(data),
    '',
    `#### The engines (durability "${String(data.options['durability'] ?? 'sync')}" for both; the table describes both modes)`,
    '',
    enginesTable(data),
    ...deviceLines(data),
    ...loadLines(data),
    '',
    '#### The statements',
    '',
    statementsTable(data),
    '',
    '#### Plans chosen',
    '',
    plansTable(data),
    ...noteLines(data),
    ...failuresSection(data.failures),
  ];
  return parts.join('\n');
}

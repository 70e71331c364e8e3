/**
 * Tables, targets and the docs section of the YCSB suite.
 *
 * Ratios are always "engine ÷ basaltdb" of the quantity in the column before: for throughput
 * below 1.00x means the engine is slower than basaltdb; for latency, RSS and disk above 1.00x
 * means the engine needs more than basaltdb.
 */
import { formatBytes } from '../lib/fs-info.js';
import type { PhaseResult } from '../lib/protocol.js';
import { formatNs, formatRate, markdownTable } from '../lib/report.js';
import type { Align } from '../lib/report.js';
import { commitsPerFsync, failuresSection, findResult, reportHeader, sequentialBandwidths } from '../lib/suite-run.js';
import type { SuiteRunData } from '../lib/suite-run.js';
import { engineInfo, engineRank, isKvEngine } from '../kv/engines.js';
import { runId } from './spec.js';
import { ycsbWorkloads } from './workloads.js';
import type { YcsbWorkloadName } from './workloads.js';

export const baseEngine = 'basaltdb';
/** Engines whose API is synchronous: one client only, whatever --clients says. */
export const singleClientEngines: readonly string[] = ['better-sqlite3'];
/** Targets of issue 3, at equal durability. */
export const throughputTargetFactor = 1.5;

export interface YcsbChart {
  /** Path relative to docs/ (for the markdown image link). */
  file: string;
  alt: string;
}

export interface YcsbRunData extends SuiteRunData {
  suite: 'ycsb';
  options: Record<string, string | number | boolean>;
  engines: string[];
  /** Workloads measured, in the order of the tables (they ran a, b, c, f, d, then e on its own load). */
  workloads: YcsbWorkloadName[];
  clients: number[];
  charts: YcsbChart[];
}

/** `a / b` as "0.52x"; "-" when either is unknown. */
function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !(b > 0) || !Number.isFinite(a)) return '-';
  const r = a / b;
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}x`;
}

/** Client counts an engine runs with. */
export function clientCountsFor(engine: string, clients: readonly number[]): number[] {
  return singleClientEngines.includes(engine) ? [1] : [...clients];
}

export function workloadLabel(w: YcsbWorkloadName): string {
  return w.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Targets

export interface YcsbTarget {
  workload: YcsbWorkloadName;
  clients: number;
  /** basaltdb ÷ best peer throughput. */
  throughputRatio: number | undefined;
  bestPeer: string;
  /** The best peer's throughput and the client count it was measured with. */
  bestPeerOpsPerSec: number | undefined;
  bestPeerClients: number | undefined;
  throughputPass: boolean | undefined;
  /** basaltdb p99 and the lowest peer p99 (ns). */
  p99: number | undefined;
  bestPeerP99: number | undefined;
  bestP99Peer: string;
  p99Pass: boolean | undefined;
}

/**
 * Per workload and client count: basaltdb's throughput against the best peer's (a single-client
 * engine's one-client figure stands in at every client count: that is the most it can do), and
 * basaltdb's p99 against the lowest peer p99 measured at the same client count.
 */
export function targets(data: YcsbRunData): YcsbTarget[] {
  const list: YcsbTarget[] = [];
  for (const w of data.workloads) {
    for (const c of data.clients) {
      const b = findResult(data, runId(w, c), baseEngine);
      let best: PhaseResult | undefined;
      let bestP99: PhaseResult | undefined;
      for (const e of data.engines) {
        if (e === baseEngine) continue;
        const same = findResult(data, runId(w, c), e);
        const r = same ?? (singleClientEngines.includes(e) ? findResult(data, runId(w, 1), e) : undefined);
        if (r !== undefined && (best === undefined || r.opsPerSec > best.opsPerSec)) best = r;
        if (same !== undefined && (bestP99 === undefined || same.latency.p99 < bestP99.latency.p99)) bestP99 = same;
      }
      const tr = b !== undefined && best !== undefined && best.opsPerSec > 0 ? b.opsPerSec / best.opsPerSec : undefined;
      list.push({
        workload: w,
        clients: c,
        throughputRatio: tr,
        bestPeer: best?.engine ?? '-',
        bestPeerOpsPerSec: best?.opsPerSec,
        bestPeerClients: typeof best?.extra['clients'] === 'number' ? best.extra['clients'] : undefined,
        throughputPass: tr === undefined ? undefined : tr >= throughputTargetFactor,
        p99: b?.latency.p99,
        bestPeerP99: bestP99?.latency.p99,
        bestP99Peer: bestP99?.engine ?? '-',
        p99Pass: b === undefined || bestP99 === undefined ? undefined : b.latency.p99 <= bestP99.latency.p99,
      });
    }
  }
  return list;
}

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS';
}

export function targetsTable(data: YcsbRunData): string {
  const rows = targets(data).map((t) => {
    const b = findResult(data, runId(t.workload, t.clients), baseEngine);
    const peerClients = t.bestPeerClients !== undefined && t.bestPeerClients !== t.clients ? ` (${t.bestPeerClients} client)` : '';
    return [
      workloadLabel(t.workload),
      String(t.clients),
      t.throughputRatio === undefined ? '-' : `${t.throughputRatio.toFixed(2)}x (${formatRate(b?.opsPerSec ?? NaN)} vs ${t.bestPeer}${peerClients} ${formatRate(t.bestPeerOpsPerSec ?? NaN)})`,
      verdict(t.throughputPass),
      t.p99 === undefined || t.bestPeerP99 === undefined ? '-' : `${formatNs(t.p99)} vs ${t.bestP99Peer} ${formatNs(t.bestPeerP99)}`,
      verdict(t.p99Pass),
    ];
  });
  return markdownTable(
    ['workload', 'clients', `throughput: basaltdb ÷ best peer (goal >= ${throughputTargetFactor}x)`, 'result', 'p99: basaltdb vs best peer (goal <=)', 'result'],
    rows,
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

function summaryTable(data: YcsbRunData, cell: (r: PhaseResult, base: PhaseResult | undefined) => string): string {
  const engines = [...data.engines].sort((a, b) => engineRank(a) - engineRank(b));
  const rows: string[][] = [];
  for (const w of data.workloads) {
    for (const c of data.clients) {
      const base = findResult(data, runId(w, c), baseEngine);
      rows.push([
        workloadLabel(w),
        String(c),
        ...engines.map((e) => {
          const r = findResult(data, runId(w, c), e);
          return r === undefined ? (clientCountsFor(e, data.clients).includes(c) ? 'failed' : '1 client only') : cell(r, base);
        }),
      ]);
    }
  }
  const align: Align[] = ['left', 'right', ...engines.map((): Align => 'right')];
  return markdownTable(['workload', 'clients', ...engines], rows, align);
}

export function throughputSummary(data: YcsbRunData): string {
  return summaryTable(data, (r, base) => `${formatRate(r.opsPerSec)} (${ratio(r.opsPerSec, base?.opsPerSec)})`);
}

export function p99Summary(data: YcsbRunData): string {
  return summaryTable(data, (r, base) => `${formatNs(r.latency.p99)} (${ratio(r.latency.p99, base?.latency.p99)})`);
}

const detailHeaders = ['engine', 'clients', 'ops', 'seconds', 'ops/s', '÷ basaltdb', 'p50', 'p95', 'p99', 'p99.9', 'p99 ÷ basaltdb', 'peak RSS', '÷ basaltdb', 'disk', '÷ basaltdb'];
const detailAlign: Align[] = ['left', ...detailHeaders.slice(1).map((): Align => 'right')];

function detailRow(r: PhaseResult, base: PhaseResult | undefined, clients: string): string[] {
  return [
    r.engine,
    clients,
    r.ops.toLocaleString('en-US'),
    r.seconds.toFixed(2),
    formatRate(r.opsPerSec),
    ratio(r.opsPerSec, base?.opsPerSec),
    formatNs(r.latency.p50),
    formatNs(r.latency.p95),
    formatNs(r.latency.p99),
    formatNs(r.latency.p999),
    ratio(r.latency.p99, base?.latency.p99),
    formatBytes(r.peakRssBytes),
    ratio(r.peakRssBytes, base?.peakRssBytes),
    formatBytes(r.diskBytes),
    ratio(r.diskBytes, base?.diskBytes),
  ];
}

function workloadSection(data: YcsbRunData, w: YcsbWorkloadName): string {
  const rows: string[][] = [];
  const notes = new Set<string>();
  for (const c of data.clients) {
    const base = findResult(data, runId(w, c), baseEngine);
    const results = data.results
      .filter((r) => r.workload === runId(w, c))
      .sort((a, b) => engineRank(a.engine) - engineRank(b.engine));
    for (const r of results) {
      rows.push(detailRow(r, base, String(c)));
      for (const n of r.notes) notes.add(`${r.engine}, ${c} client(s): ${n}`);
      if (r.extra['stoppedByTime'] === true) {
        notes.add(`${r.engine}, ${c} client(s): stopped at the ${String(r.extra['maxSeconds'])} s limit after ${r.ops.toLocaleString('en-US')} of ${Number(r.extra['operationCount']).toLocaleString('en-US')} operations`);
      }
      const perFsync = commitsPerFsync(r);
      if (perFsync !== undefined) notes.add(`${r.engine}, ${c} client(s): ${perFsync}`);
    }
  }
  if (rows.length === 0) return '';
  const lines = [`### ${ycsbWorkloads[w].title}`, '', markdownTable(detailHeaders, rows, detailAlign)];
  const kinds = ['read', 'update', 'insert', 'scan', 'readModifyWrite'];
  const perKind: string[] = [];
  for (const c of data.clients) {
    for (const r of data.results.filter((x) => x.workload === runId(w, c)).sort((a, b) => engineRank(a.engine) - engineRank(b.engine))) {
      const parts = kinds
        .filter((k) => typeof r.extra[`${k}.p99`] === 'number')
        .map((k) => `${k} ${formatNs(Number(r.extra[`${k}.p99`]))}`);
      if (parts.length > 1) perKind.push(`${r.engine} (${c}): ${parts.join(', ')}`);
    }
  }
  if (perKind.length > 0) lines.push('', `p99 by operation: ${perKind.join('; ')}.`);
  if (notes.size > 0) {
    lines.push('');
    for (const n of notes) lines.push(`- ${n}`);
  }
  return lines.join('\n');
}

function loadSection(data: YcsbRunData): string {
  const rows: string[][] = [];
  for (const id of ['load', 'load-e']) {
    const base = findResult(data, id, baseEngine);
    for (const r of data.results.filter((x) => x.workload === id).sort((a, b) => engineRank(a.engine) - engineRank(b.engine))) {
      const row = detailRow(r, base, '1');
      row[0] = `${r.engine}${id === 'load-e' ? ' (reload for E)' : ''}`;
      rows.push(row);
    }
  }
  if (rows.length === 0) return '';
  const reopens = data.results
    .filter((r) => r.workload.startsWith('reopen'))
    .sort((a, b) => engineRank(a.engine) - engineRank(b.engine))
    .map((r) => `${r.engine}${r.workload === 'reopen-e' ? ' (E)' : ''} ${Number(r.extra['closeSeconds']).toFixed(2)} s + ${Number(r.extra['openSeconds']).toFixed(2)} s`);
  const first = data.results.find((r) => r.workload === 'load');
  const headers = [...detailHeaders];
  headers[2] = 'records';
  headers[4] = 'records/s';
  return [
    '### Load phase',
    '',
    markdownTable(headers, rows, detailAlign),
    '',
    `Latency is of ${first?.latencyOf ?? 'one batch'}. Disk is measured right after the load (before the engine's close).`,
    ...(reopens.length > 0 ? ['', `Close + open between the load and the run phases (\`--reopen\`): ${reopens.join('; ')}.`] : []),
  ].join('\n');
}

function deviceSection(data: YcsbRunData): string {
  const rows = data.results
    .filter((r) => r.workload === 'device')
    .map((r) => [r.engine, r.ops.toLocaleString('en-US'), r.seconds.toFixed(2), formatRate(r.opsPerSec), formatNs(r.latency.p50), formatNs(r.latency.p99), formatNs(r.latency.p999)]);
  if (rows.length === 0) return '';
  const seq = sequentialBandwidths(data);
  const lines = [
    '### The device',
    '',
    'Measured in the same run, right before the first engine and right after the last: one 4 KiB write + `fdatasync` on a preallocated 64 MiB file, back to back (synchronous calls: the disk and kernel alone; and through `fs.promises`, what an engine that keeps its event loop free pays). A single client\'s durable writes cannot beat this rate; concurrent clients can only by sharing syncs.',
    '',
    markdownTable(['probe', 'syncs', 'seconds', 'syncs/s', 'p50', 'p99', 'p99.9'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'right']),
  ];
  if (seq.length > 0) lines.push('', `Sequential write bandwidth (1 MiB writes, one fdatasync at the end): ${seq.join(', ')}.`);
  return lines.join('\n');
}

function durabilitySection(data: YcsbRunData): string {
  const durability = data.options['durability'] === 'none' ? 'none' : 'sync';
  const rows = data.engines.filter(isKvEngine).map((e) => {
    const setup = e === 'better-sqlite3' ? engineInfo[e].setup.replace('`kv(k BLOB PRIMARY KEY, v BLOB) WITHOUT ROWID`', '`kv(k BLOB PRIMARY KEY, v BLOB)` (a rowid table with its primary-key index: YCSB\'s JDBC schema shape)') : engineInfo[e].setup;
    return [e, engineInfo[e].durability[durability], engineInfo[e].grouping, setup];
  });
  return [
    `#### Durability of each engine in this run (\`${durability}\`)`,
    '',
    markdownTable(['engine', 'what a completed write means', 'how concurrent clients share syncs', 'setup'], rows),
  ].join('\n');
}

/** The full markdown report of one run (also the regenerated docs section). */
export function ycsbReport(data: YcsbRunData): string {
  const parts: string[] = [
    ...reportHeader(data),
    '',
    durabilitySection(data),
  ];
  const device = deviceSection(data);
  if (device !== '') parts.push('', device);
  if (data.charts.length > 0) {
    parts.push('', '### Charts', '');
    for (const c of data.charts) parts.push(`![${c.alt}](${c.file})`, '');
  }
  parts.push(
    '### Throughput (operations/s; in brackets: engine ÷ basaltdb)',
    '',
    throughputSummary(data),
    '',
    '### p99 latency (in brackets: engine ÷ basaltdb; above 1 = the engine is slower)',
    '',
    p99Summary(data),
    '',
    '### Targets (issue 3, equal durability)',
    '',
    targetsTable(data),
  );
  const load = loadSection(data);
  if (load !== '') parts.push('', load);
  for (const w of data.workloads) {
    const s = workloadSection(data, w);
    if (s !== '') parts.push('', s);
  }
  parts.push(...failuresSection(data.failures));
  return parts.join('\n');
}

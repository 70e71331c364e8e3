/** Tables, targets and the docs section of the key-value suite. */
import { formatBytes } from '../lib/fs-info.js';
import { formatNs, formatRate, formatRatio, markdownTable } from '../lib/report.js';
import type { PhaseResult } from '../lib/protocol.js';
import { commitsPerFsync, failuresSection, findResult, reportHeader, sequentialBandwidths } from '../lib/suite-run.js';
import type { SuiteRunData } from '../lib/suite-run.js';
import { deviceSyncPrefix, engineInfo, engineRank, kvEngines } from './engines.js';
import type { KvWorkload } from './spec.js';
import { workloadTitles } from './spec.js';

export interface KvRunData extends SuiteRunData {
  /** Cache budget of workload f, for its RSS target. */
  bigCacheBytes: number;
  /** RSS allowance over the cache in workload f. */
  bigRssSlackBytes: number;
}

const base = 'basaltdb';

function rowsFor(data: KvRunData, workload: string): PhaseResult[] {
  return data.results.filter((r) => r.workload === workload).sort((a, b) => engineRank(a.engine) - engineRank(b.engine));
}

function diskAfterClose(data: KvRunData, engine: string, group: string): number | undefined {
  const f = data.finals.find((x) => x.engine === engine && x.group === group)?.final['diskBytesAfterClose'];
  return typeof f === 'number' ? f : undefined;
}

function workloadTable(data: KvRunData, workload: KvWorkload): string {
  const id = workload;
  const rows = rowsFor(data, id);
  if (rows.length === 0) return '';
  const baseline = findResult(data, id, base)?.opsPerSec;
  const unit = id === 'd' ? 'entries/s' : 'ops/s';
  const headers = ['engine', id === 'd' ? 'entries' : 'ops', 'seconds', unit, 'p50', 'p99', 'p99.9', 'peak RSS', 'disk', 'basaltdb ÷ engine'];
  const body = rows.map((r) => {
    const disk = id === 'e' ? (diskAfterClose(data, r.engine, 'load') ?? r.diskBytes) : r.diskBytes;
    const isDevice = r.engine.startsWith('device');
    return [
      r.engine,
      r.ops.toLocaleString('en-US'),
      r.seconds.toFixed(2),
      formatRate(r.opsPerSec),
      formatNs(r.latency.p50),
      formatNs(r.latency.p99),
      formatNs(r.latency.p999),
      isDevice ? '-' : formatBytes(r.peakRssBytes),
      isDevice ? '-' : formatBytes(disk),
      r.engine === base ? '1.00x' : formatRatio(baseline, r.opsPerSec),
    ];
  });
  const lines = [`### ${workloadTitles[workload]}`, '', markdownTable(headers, body, ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'])];
  const first = rows[0];
  if (first !== undefined) lines.push('', `Latency is of ${first.latencyOf}.`);
  if (id === 'c') {
    const seq = sequentialBandwidths(data);
    if (seq.length > 0) lines.push(`Sequential write bandwidth of the device (1 MiB writes + one fdatasync): ${seq.join(', ')}.`);
    const raw = deviceSyncRate(data);
    if (raw !== undefined) lines.push(`Raw device rate used for the target: ${formatRate(raw)} syncs/s (mean of the probes before and after).`);
  }
  if (id === 'e') lines.push('Disk is measured after close.');
  if (id === 'b' || id === 'c' || id === 'e') {
    for (const r of rows) {
      const perFsync = commitsPerFsync(r);
      if (perFsync !== undefined) lines.push(`${r.engine}: ${perFsync}.`);
    }
  }
  if (id === 'f') {
    for (const r of rows) {
      const load = findResult(data, 'f-load', r.engine);
      if (load !== undefined) {
        lines.push(`${r.engine}: loading ${load.ops.toLocaleString('en-US')} keys took ${load.seconds.toFixed(1)} s (${formatRate(load.opsPerSec)} keys/s).`);
      }
    }
    lines.push(`Cache budget ${formatBytes(data.bigCacheBytes)} (lmdb has no cache setting: it maps the file). Peak RSS covers load and reads.`);
  }
  const notes = new Set<string>();
  for (const r of [...rows, ...data.results.filter((x) => x.workload === `${id}-load`)]) for (const n of r.notes) notes.add(`${r.engine}: ${n}`);
  for (const n of notes) lines.push(`- ${n}`);
  return lines.join('\n');
}

interface Target {
  name: string;
  measured: string;
  goal: string;
  pass: boolean | undefined;
}

/** Mean rate of the raw device probes (sync calls) of workload c. */
export function deviceSyncRate(data: KvRunData): number | undefined {
  const probes = data.results.filter((r) => r.workload === 'c' && r.engine.startsWith(deviceSyncPrefix));
  if (probes.length === 0) return undefined;
  return probes.reduce((s, r) => s + r.opsPerSec, 0) / probes.length;
}

function ratioTarget(data: KvRunData, name: string, workload: string, peer: string, factor: number): Target {
  const b = findResult(data, workload, base)?.opsPerSec;
  const p = findResult(data, workload, peer)?.opsPerSec;
  const known = b !== undefined && p !== undefined && p > 0;
  return {
    name,
    measured: known ? `${formatRatio(b, p)} (${formatRate(b)} vs ${formatRate(p)})` : 'not measured',
    goal: `>= ${factor}x`,
    pass: known ? b / p >= factor : undefined,
  };
}

function deviceTarget(data: KvRunData): Target {
  const b = findResult(data, 'c', base)?.opsPerSec;
  const raw = deviceSyncRate(data);
  const known = b !== undefined && raw !== undefined && raw > 0;
  return {
    name: 'c) serial durable writer vs raw 4 KiB write+fdatasync',
    measured: known ? `${formatRatio(b, raw)} (${formatRate(b)} vs ${formatRate(raw)})` : 'not measured',
    goal: '>= 0.8x',
    pass: known ? b / raw >= 0.8 : undefined,
  };
}

export function targets(data: KvRunData): Target[] {
  const list: Target[] = [
    ratioTarget(data, 'a) reads vs lmdb get', 'a', 'lmdb', 2),
    ratioTarget(data, 'a) reads vs sqlite prepared select', 'a', 'better-sqlite3', 5),
    ratioTarget(data, 'b) 64 durable writers vs lmdb', 'b', 'lmdb', 2),
    deviceTarget(data),
    ratioTarget(data, 'd) ordered scan vs lmdb getRange', 'd', 'lmdb', 1),
    ratioTarget(data, 'e) bulk load vs lmdb', 'e', 'lmdb', 1.5),
  ];
  const f = findResult(data, 'f', base);
  const limit = data.bigCacheBytes + data.bigRssSlackBytes;
  list.push({
    name: 'f) peak RSS, large database, 64 MiB cache',
    measured: f === undefined ? 'not measured' : `${formatBytes(f.peakRssBytes)} (${formatRate(f.opsPerSec)} reads/s)`,
    goal: `< ${formatBytes(limit)} (cache + ${formatBytes(data.bigRssSlackBytes)})`,
    pass: f === undefined ? undefined : f.peakRssBytes < limit && f.notes.every((n) => !n.startsWith('VERIFY')),
  });
  return list;
}

export function targetsTable(data: KvRunData): string {
  const rows = targets(data).map((t) => [t.name, t.measured, t.goal, t.pass === undefined ? 'n/a' : t.pass ? 'PASS' : 'MISS']);
  return markdownTable(['target (issue 2)', 'measured', 'goal', 'result'], rows);
}

function durabilityTable(data: KvRunData): string {
  const engines = kvEngines.filter((e) => data.results.some((r) => r.engine === e));
  const durability = String(data.options['durability'] ?? 'sync') === 'none' ? 'none' : 'sync';
  const rows = engines.map((e) => [e, engineInfo[e].durability[durability], engineInfo[e].grouping]);
  return markdownTable(['engine', `durability "${durability}" means`, 'concurrent writers'], rows);
}

/** The full markdown report of one run (also the regenerated docs section). */
export function kvReport(data: KvRunData, workloads: readonly KvWorkload[]): string {
  const parts: string[] = [
    ...reportHeader(data),
    '',
    '#### Durability of each engine in this run',
    '',
    durabilityTable(data),
  ];
  for (const w of workloads) {
    const t = workloadTable(data, w);
    if (t !== '') parts.push('', t);
  }
  parts.push('', '### Targets', '', targetsTable(data));
  parts.push(...failuresSection(data.failures));
  return parts.join('\n');
}

/** The report of `npm run bench:pg`: markdown for stdout and for docs/benchmarks.md. */
import type { PgbenchRun, TpcbSums } from '../../test/interop/pg/pgbench.js';
import type { DeviceProbeResult } from '../lib/device-probe.js';
import type { MachineInfo } from '../lib/fs-info.js';
import { formatBytes } from '../lib/fs-info.js';
import { formatNs, formatRate, formatRatio, markdownTable } from '../lib/report.js';
import { machineLine } from '../lib/suite-run.js';

export const serverNames = ['postgres', 'basalt'] as const;
export type ServerName = (typeof serverNames)[number];

export const runNames = ['tpcb', 'select', 'single'] as const;
export type RunName = (typeof runNames)[number];

/** How each measured run is labelled, and its target (issue 7). */
export const runInfo: Record<RunName, { label: string; target: string }> = {
  tpcb: { label: 'TPC-B, 8 clients', target: 'TPS ≥ 1x' },
  select: { label: 'select-only (-S), 8 clients', target: 'TPS ≥ 0.5x' },
  single: { label: 'TPC-B, 1 client', target: 'latency ≤ 1x' },
};

export interface ServerResult {
  name: ServerName;
  /** What ran in this slot (`PostgreSQL 15.18 (...)`, `basalt serve`). */
  label: string;
  startCommand: string;
  init?: PgbenchRun;
  runs: Partial<Record<RunName, PgbenchRun>>;
  /** Balance sums right after the 8-client TPC-B run (TPC-B's consistency condition). */
  sums?: TpcbSums;
  /** Bytes allocated by the data directory at the end. */
  diskBytes?: number;
  errors: string[];
}

export interface PgBenchData {
  command: string;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  scale: number;
  /** Not the issue's sizes (60 s, scale 10): a trial run. */
  short: boolean;
  machine: MachineInfo;
  disk: string;
  source: string;
  pgbenchVersion: string;
  device?: DeviceProbeResult;
  servers: ServerResult[];
}

/** The run's arguments as shown in the report. */
export function runArgs(name: RunName, seconds: number): string[] {
  switch (name) {
    case 'tpcb':
      return ['-c', '8', '-j', '2', '-T', String(seconds)];
    case 'select':
      return ['-S', '-c', '8', '-j', '2', '-T', String(seconds)];
    case 'single':
      return ['-c', '1', '-T', String(seconds)];
  }
}

function ms(v: number | undefined): string {
  return v === undefined ? '-' : `${v.toFixed(3)} ms`;
}

function runOf(data: PgBenchData, server: ServerName, run: RunName): PgbenchRun | undefined {
  return data.servers.find((s) => s.name === server)?.runs[run];
}

/** Whether a run met its target (undefined when either side is missing). */
export function targetMet(data: PgBenchData, run: RunName): boolean | undefined {
  const pg = runOf(data, 'postgres', run);
  const b = runOf(data, 'basalt', run);
  if (run === 'single') {
    if (pg?.latencyMs === undefined || b?.latencyMs === undefined) return undefined;
    return b.latencyMs <= pg.latencyMs;
  }
  if (pg?.tps === undefined || b?.tps === undefined) return undefined;
  return b.tps >= pg.tps * (run === 'tpcb' ? 1 : 0.5);
}

function resultsTable(data: PgBenchData): string {
  const rows = runNames.map((run) => {
    const pg = runOf(data, 'postgres', run);
    const b = runOf(data, 'basalt', run);
    const met = targetMet(data, run);
    return [
      runInfo[run].label,
      `pgbench ${runArgs(run, data.seconds).join(' ')}`,
      pg?.tps === undefined ? '-' : formatRate(pg.tps),
      b?.tps === undefined ? '-' : formatRate(b.tps),
      formatRatio(b?.tps, pg?.tps),
      ms(pg?.latencyMs),
      ms(b?.latencyMs),
      formatRatio(b?.latencyMs, pg?.latencyMs),
      runInfo[run].target,
      met === undefined ? '-' : met ? 'yes' : 'NO',
    ];
  });
  return markdownTable(
    ['run', 'command', 'PostgreSQL TPS', 'basalt TPS', 'TPS basalt/PG', 'PostgreSQL latency avg', 'basalt latency avg', 'latency basalt/PG', 'target', 'met?'],
    rows,
    ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
  );
}

function detailTable(data: PgBenchData): string {
  const rows: string[][] = [];
  for (const s of data.servers) {
    const init = s.init;
    rows.push([s.label, `pgbench -i -s ${data.scale}`, init === undefined ? '-' : `${init.seconds.toFixed(1)} s (${init.initPhases ?? '?'})`, '-', '-']);
    for (const run of runNames) {
      const r = s.runs[run];
      rows.push([
        s.label,
        `pgbench ${runArgs(run, data.seconds).join(' ')}`,
        r === undefined ? '-' : `${String(r.processed ?? '-')} transactions`,
        r?.failed === undefined ? '-' : String(r.failed),
        ms(r?.connectMs),
      ]);
    }
  }
  return markdownTable(['server', 'command', 'result', 'failed', 'initial connection time'], rows, ['left', 'left', 'left', 'right', 'right']);
}

function deviceLine(d: DeviceProbeResult): string {
  return `4 KiB write + fdatasync, back to back: ${formatRate(d.syncWrite.opsPerSec)}/s (p50 ${formatNs(d.syncWrite.latency.p50)}); sequential writes ${formatBytes(d.sequentialBytesPerSec)}/s`;
}

export function renderReport(data: PgBenchData): string {
  const lines: string[] = [];
  if (data.short) lines.push(`**Trial run (${data.seconds} s per run, scale ${data.scale}); the issue's sizes are 60 s and scale 10.**`, '');
  lines.push(
    `Command: \`${data.command}\``,
    '',
    `Date: ${data.startedAt} (finished ${data.finishedAt})`,
    '',
    `Machine: ${machineLine(data.machine)}`,
    '',
    `Disk of the data directories: ${data.disk}`,
    '',
    ...(data.device !== undefined ? [`Device (measured in this run): ${deviceLine(data.device)}`, ''] : []),
    `Client: ${data.pgbenchVersion}, on the same machine as the server; BasaltDB source: ${data.source}`,
    '',
    'Servers, each on its own fresh directory, one after the other (the other one stopped):',
    '',
    ...data.servers.map((s) => `- ${s.label}: \`${s.startCommand}\``),
    '',
    `Each server: \`pgbench -i -s ${data.scale}\`, then the three runs below in this order, ${data.seconds} s each. ` +
      'Latency is pgbench\'s "latency average"; TPS is pgbench\'s "tps (without initial connection time)". ' +
      'Targets of issue 7: TPC-B at least 1x PostgreSQL\'s TPS, select-only at least 0.5x, single-client TPC-B latency no worse.',
    '',
    '### Results',
    '',
    resultsTable(data),
    '',
    '### Details',
    '',
    detailTable(data),
    '',
  );
  for (const s of data.servers) {
    if (s.sums !== undefined) {
      const ok = s.sums.accounts === s.sums.branches && s.sums.branches === s.sums.tellers && s.sums.tellers === s.sums.history;
      lines.push(`- ${s.label}: after the 8-client TPC-B run, sum(abalance) = ${s.sums.accounts}, sum(bbalance) = ${s.sums.branches}, ` +
        `sum(tbalance) = ${s.sums.tellers}, sum(delta) = ${s.sums.history} over ${s.sums.historyRows} history rows (${ok ? 'consistent' : 'INCONSISTENT'})` +
        `${s.diskBytes !== undefined ? `; data directory ${formatBytes(s.diskBytes)} at the end` : ''}`);
    }
  }
  const errors = data.servers.flatMap((s) => s.errors.map((e) => `- ${s.label}: ${e}`));
  if (errors.length > 0) lines.push('', '### Errors', '', ...errors);
  return lines.join('\n');
}

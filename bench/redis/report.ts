/** The report of `npm run bench:redis`: markdown for stdout and docs/benchmarks.md. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DeviceProbeResult } from '../lib/device-probe.js';
import type { MachineInfo } from '../lib/fs-info.js';
import { formatBytes } from '../lib/fs-info.js';
import { formatNs, formatRate, formatRatio, markdownTable } from '../lib/report.js';
import { machineLine } from '../lib/suite-run.js';
import type { BenchRun } from './benchmark.js';
import { readTests } from './benchmark.js';

export type ServerName = 'redis' | 'basalt';

export interface MemoryResult {
  keys: number;
  loadSeconds: number;
  pipeSummary: string;
  rssEmpty: number;
  rssLoaded: number;
  peakRss: number;
  /** Bytes allocated on disk by the server's data directory after the load. */
  diskBytes: number;
}

export interface ServerResult {
  name: ServerName;
  /** What actually ran in this slot (`redis-server 7.0.15`, `basalt serve`, or a stand-in). */
  label: string;
  /** How it was started. */
  startCommand: string;
  runs: BenchRun[];
  memory?: MemoryResult;
  errors: string[];
}

export interface DiskInfo {
  /** `findmnt -n -o SOURCE,FSTYPE,OPTIONS --target DIR` */
  mount: string;
  /** `df -h --output=size,used,avail DIR` (values only) */
  df: string;
}

export interface RedisBenchData {
  command: string;
  startedAt: string;
  finishedAt: string;
  fsync: string;
  quick: boolean;
  /** Both slots ran redis-server (a check of the harness, not a result). */
  bothRedis: boolean;
  clients: number;
  requests: number;
  pipelines: number[];
  memoryKeys: number;
  machine: MachineInfo;
  disk: DiskInfo;
  redisVersion: string;
  source: string;
  device?: DeviceProbeResult;
  servers: ServerResult[];
}

function rpsOf(s: ServerResult | undefined, pipeline: number, test: string): number | undefined {
  return s?.runs.find((r) => r.pipeline === pipeline)?.results.find((x) => x.test === test)?.rps;
}

/** The test rows in redis-benchmark's order, as either server reported them. */
function testsOf(data: RedisBenchData, pipeline: number): string[] {
  const tests: string[] = [];
  for (const s of data.servers) {
    for (const r of s.runs.find((x) => x.pipeline === pipeline)?.results ?? []) if (!tests.includes(r.test)) tests.push(r.test);
  }
  return tests;
}

/** The target of a test, as a minimum ratio basalt/redis (undefined: no target, a setup step). */
export function targetOf(test: string): number | undefined {
  if (test.includes('setup')) return undefined;
  return readTests.has(test) ? 0.5 : 1;
}

function throughputTable(data: RedisBenchData): string {
  const redis = data.servers.find((s) => s.name === 'redis');
  const basalt = data.servers.find((s) => s.name === 'basalt');
  const rows: string[][] = [];
  for (const pipeline of data.pipelines) {
    for (const test of testsOf(data, pipeline)) {
      const r = rpsOf(redis, pipeline, test);
      const b = rpsOf(basalt, pipeline, test);
      const target = targetOf(test);
      const met = target === undefined || r === undefined || b === undefined ? '-' : b / r >= target ? 'yes' : 'NO';
      rows.push([
        test,
        String(pipeline),
        r === undefined ? 'failed' : formatRate(r),
        b === undefined ? 'failed' : formatRate(b),
        formatRatio(b, r),
        target === undefined ? '-' : `≥ ${target}x`,
        met,
      ]);
    }
  }
  return markdownTable(['test', '-P', 'redis rps', 'basalt rps', 'basalt/redis', 'target', 'met?'], rows, ['left', 'right', 'right', 'right', 'right', 'right', 'left']);
}

function latencyTable(data: RedisBenchData): string {
  const rows: string[][] = [];
  for (const pipeline of data.pipelines) {
    for (const test of testsOf(data, pipeline)) {
      const cells = [test, String(pipeline)];
      for (const name of ['redis', 'basalt'] as const) {
        const x = data.servers.find((s) => s.name === name)?.runs.find((r) => r.pipeline === pipeline)?.results.find((t) => t.test === test);
        cells.push(x === undefined ? '-' : `${x.p50Ms.toFixed(3)} / ${x.p99Ms.toFixed(3)}`);
      }
      rows.push(cells);
    }
  }
  return markdownTable(['test', '-P', 'redis p50 / p99 ms', 'basalt p50 / p99 ms'], rows, ['left', 'right', 'right', 'right']);
}

function memoryTable(data: RedisBenchData): string {
  const rows = data.servers.map((s) => {
    const m = s.memory;
    if (m === undefined) return [s.label, 'failed', '-', '-', '-', '-', '-'];
    return [
      s.label,
      m.keys.toLocaleString('en-US'),
      formatBytes(m.rssEmpty),
      formatBytes(m.rssLoaded),
      formatBytes(m.peakRss),
      `${((m.rssLoaded - m.rssEmpty) / m.keys).toFixed(1)} B`,
      formatBytes(m.diskBytes),
    ];
  });
  return markdownTable(
    ['server', 'keys (DBSIZE)', 'RSS empty', 'RSS after load', 'peak RSS', 'RSS growth per key', 'data dir on disk'],
    rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

function deviceLine(d: DeviceProbeResult): string {
  return `4 KiB write + fdatasync, back to back: ${formatRate(d.syncWrite.opsPerSec)}/s synchronous (p50 ${formatNs(d.syncWrite.latency.p50)}), ${formatRate(d.asyncSyncWrite.opsPerSec)}/s through fs.promises; sequential writes ${formatBytes(d.sequentialBytesPerSec)}/s`;
}

export function renderReport(data: RedisBenchData): string {
  const lines: string[] = [];
  if (data.bothRedis) lines.push('**Harness check: both columns are redis-server (`--both-redis`); these are not BasaltDB numbers.**', '');
  if (data.quick) lines.push(`**Quick run (\`--quick\`: -n ${data.requests}, ${data.memoryKeys.toLocaleString('en-US')} keys for memory); not the issue's sizes.**`, '');
  lines.push(
    `Command: \`${data.command}\``,
    '',
    `Date: ${data.startedAt} (finished ${data.finishedAt})`,
    '',
    `Machine: ${machineLine(data.machine)}`,
    '',
    `Disk of the data directories: ${data.disk.mount}; df: ${data.disk.df}`,
    '',
    ...(data.device !== undefined ? [`Device (measured in this run): ${deviceLine(data.device)}`, ''] : []),
    `Redis: ${data.redisVersion}; BasaltDB source: ${data.source}`,
    '',
    'Servers, each on its own fresh directory, one after the other:',
    '',
    ...data.servers.map((s) => `- ${s.label}: \`${s.startCommand}\``),
    '',
    `Throughput: for each server, \`redis-benchmark -c ${data.clients} -n ${data.requests} --csv -t set,get,incr,lpush,rpush,lpop,sadd,hset,zadd,lrange_100 -P N\` with -P ${data.pipelines.join(', then -P ')} (redis-benchmark on the same 2-core machine as the server). Targets of issue 5: writes at least 1x Redis under \`appendfsync always\`, reads (get, lrange_100) at least 0.5x; \`lpush (lrange setup)\` is the fill redis-benchmark runs before lrange_100.`,
    '',
    `### Throughput, appendfsync ${data.fsync} (requests/s)`,
    '',
    throughputTable(data),
    '',
    '### Latency (ms, from redis-benchmark)',
    '',
    latencyTable(data),
    '',
    `### Resident memory with ${data.memoryKeys.toLocaleString('en-US')} keys`,
    '',
    `A fresh server per row; ${data.memoryKeys.toLocaleString('en-US')} distinct keys \`mem:NNNNNNN\` with 3-byte values loaded with \`redis-cli --pipe\` (DBSIZE checked to be exactly that); VmRSS/VmHWM of the server process from /proc/PID/status right after the load.`,
    '',
    memoryTable(data),
  );
  const errors = data.servers.flatMap((s) => s.errors.map((e) => `- ${s.label}: ${e}`));
  if (errors.length > 0) lines.push('', '### Failures', '', ...errors);
  return lines.join('\n');
}

/**
 * Replaces the text between `start` and `end` markers in `file` with `content`; if the markers
 * are missing, appends `heading` and the marked section at the end of the file.
 */
export function replaceMarkedSection(file: string, start: string, end: string, content: string, heading: string): void {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${content.trim()}\n${end}`;
  const at = text.indexOf(start);
  const until = at >= 0 ? text.indexOf(end, at) : -1;
  const next = at >= 0 && until > at ? text.slice(0, at) + block + text.slice(until + end.length) : `${text.trimEnd()}\n\n${heading}\n\n${block}\n`;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, next);
}

/**
 * `npm run bench:redis`: BasaltDB's Redis server against Debian's redis-server, started in the
 * same run with `appendonly yes` and the same fsync policy, each on its own fresh directory
 * under bench/tmp/redis/ (removed afterwards unless --keep).
 *
 *   1. throughput: for each server in turn, `redis-benchmark -c 50 -n 200000 --csv -t <10 tests>`
 *      with -P 1 and then -P 16; per test requests/s of both and the ratio basalt/redis
 *   2. memory: for each server, a fresh instance loaded with 1,000,000 distinct keys through
 *      `redis-cli --pipe` (DBSIZE must be exactly that), then VmRSS of the server process
 *
 * Results: bench/results/redis-<time>.json, the report on stdout, and (unless --no-docs) the
 * section between `<!-- redis-bench:start -->` and `<!-- redis-bench:end -->` in
 * docs/benchmarks.md (`redis-bench-everysec:...` markers for `--fsync everysec`).
 *
 * Flags:
 *   --fsync always|everysec   the policy of both servers (default always)
 *   --quick                   -n 20000 and 100,000 keys for memory: for trying it out
 *   --memory-keys N           keys for the memory phase (default 1,000,000; 100,000 with --quick)
 *   --no-docs                 do not touch docs/benchmarks.md
 *   --keep                    keep the data directories
 *   --both-redis              run redis-server in BasaltDB's slot too (checks the harness
 *                             itself; never writes docs)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RunningServer } from '../../test/lib/servers.js';
import { basaltMainJs, ensureDebianPackage, startBasalt, startRealRedis } from '../../test/lib/servers.js';
import { probeDevice } from '../lib/device-probe.js';
import { dirBytes, machineInfo, repoRoot, sourceVersion } from '../lib/fs-info.js';
import { commandLine, parseCount } from '../lib/options.js';
import { writeResultsJson } from '../lib/report.js';
import { runMain } from '../lib/suite-run.js';
import { loadDistinctKeys, processMemory, runBenchmark } from './benchmark.js';
import type { DiskInfo, RedisBenchData, ServerName, ServerResult } from './report.js';
import { renderReport, replaceMarkedSection } from './report.js';

const clients = 50;
const fullRequests = 200_000;
const quickRequests = 20_000;
const pipelines = [1, 16];
const fullMemoryKeys = 1_000_000;
const quickMemoryKeys = 100_000;
/** Hang guards, not timed assertions. */
const benchTimeoutMs = 60 * 60_000;
const loadTimeoutMs = 30 * 60_000;

type Fsync = 'always' | 'everysec';

interface Options {
  fsync: Fsync;
  quick: boolean;
  docs: boolean;
  keep: boolean;
  bothRedis: boolean;
  requests: number;
  memoryKeys: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      fsync: { type: 'string', default: 'always' },
      quick: { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'both-redis': { type: 'boolean', default: false },
      'memory-keys': { type: 'string' },
    },
  });
  if (values.fsync !== 'always' && values.fsync !== 'everysec') throw new Error('--fsync must be always or everysec');
  const quick = values.quick;
  return {
    fsync: values.fsync,
    quick,
    docs: !values['no-docs'],
    keep: values.keep,
    bothRedis: values['both-redis'],
    requests: quick ? quickRequests : fullRequests,
    memoryKeys: parseCount(values['memory-keys'], quick ? quickMemoryKeys : fullMemoryKeys, 'memory-keys'),
  };
}

function log(message: string): void {
  process.stderr.write(`[bench:redis] ${message}\n`);
}

function tryCommand(cmd: string, args: readonly string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
  } catch {
    return 'unknown';
  }
}

function diskOf(dir: string): DiskInfo {
  const df = tryCommand('df', ['-h', '--output=source,size,used,avail', dir]).split(' ');
  return {
    mount: tryCommand('findmnt', ['-n', '-o', 'SOURCE,FSTYPE,OPTIONS', '--target', dir]),
    df: df.length >= 8 ? `${df[4] ?? ''} size ${df[5] ?? ''}, used ${df[6] ?? ''}, available ${df[7] ?? ''}` : df.join(' '),
  };
}

/** Starts the server of one slot on a fresh directory. */
async function startSlot(name: ServerName, o: Options, dir: string): Promise<RunningServer> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (name === 'redis' || o.bothRedis) return startRealRedis({ appendonly: true, appendfsync: o.fsync, dir });
  return startBasalt({ appendfsync: o.fsync, dir });
}

function slotLabel(name: ServerName, o: Options, redisVersion: string): string {
  if (name === 'redis') return redisVersion;
  return o.bothRedis ? `${redisVersion} (standing in for basalt)` : 'basalt serve';
}

function startCommand(name: ServerName, o: Options): string {
  if (name === 'redis' || o.bothRedis) {
    return `redis-server --port P --bind 127.0.0.1 --save '' --dir DIR --appendonly yes --appendfsync ${o.fsync} --daemonize no`;
  }
  return `node ${path.relative(repoRoot(), basaltMainJs)} serve --data DIR --redis-port 0 --pg-port 0 --appendfsync ${o.fsync}`;
}

async function stopChecked(server: RunningServer, result: ServerResult, what: string): Promise<void> {
  try {
    const status = await server.stop('SIGTERM');
    if (status !== 0) result.errors.push(`${what}: exit status ${String(status)} after SIGTERM`);
  } catch (err) {
    result.errors.push(`${what}: ${(err as Error).message}`);
  }
}

async function throughputPhase(result: ServerResult, o: Options, dir: string): Promise<void> {
  let server: RunningServer;
  try {
    server = await startSlot(result.name, o, dir);
  } catch (err) {
    result.errors.push(`start for throughput: ${(err as Error).message}`);
    return;
  }
  try {
    for (const pipeline of pipelines) {
      log(`${result.label}: redis-benchmark -P ${pipeline} -n ${o.requests}`);
      const run = await runBenchmark({ host: server.host, port: server.port, clients, requests: o.requests, pipeline, timeoutMs: benchTimeoutMs });
      result.runs.push(run);
      for (const r of run.results) log(`  ${r.test.padEnd(22)} ${Math.round(r.rps).toLocaleString('en-US').padStart(10)} rps  p50 ${r.p50Ms} ms`);
      for (const e of run.errors) {
        result.errors.push(`-P ${pipeline} ${e.test}: ${e.error}`);
        log(`  ${e.test} FAILED: ${e.error}`);
      }
    }
  } finally {
    await stopChecked(server, result, 'throughput server');
  }
}

async function memoryPhase(result: ServerResult, o: Options, dir: string): Promise<void> {
  let server: RunningServer;
  try {
    server = await startSlot(result.name, o, dir);
  } catch (err) {
    result.errors.push(`start for memory: ${(err as Error).message}`);
    return;
  }
  try {
    const pid = server.child.pid;
    if (pid === undefined) throw new Error('server process has no pid');
    const empty = processMemory(pid);
    log(`${result.label}: loading ${o.memoryKeys.toLocaleString('en-US')} distinct keys with redis-cli --pipe`);
    const load = await loadDistinctKeys(server.host, server.port, o.memoryKeys, loadTimeoutMs);
    const loaded = processMemory(pid);
    result.memory = {
      keys: load.keys,
      loadSeconds: load.seconds,
      pipeSummary: load.summary,
      rssEmpty: empty.rss,
      rssLoaded: loaded.rss,
      peakRss: loaded.hwm,
      diskBytes: dirBytes(dir).allocated,
    };
    log(`  ${load.summary} in ${load.seconds.toFixed(1)} s; VmRSS ${(loaded.rss / 2 ** 20).toFixed(1)} MiB`);
  } catch (err) {
    result.errors.push(`memory: ${(err as Error).message}`);
  } finally {
    await stopChecked(server, result, 'memory server');
  }
}

async function main(): Promise<void> {
  const o = options();
  ensureDebianPackage('redis-server', 'redis-server');
  ensureDebianPackage('redis-benchmark', 'redis-tools');
  ensureDebianPackage('redis-cli', 'redis-tools');
  const root = repoRoot();
  const tmp = path.join(root, 'bench', 'tmp', 'redis');
  mkdirSync(tmp, { recursive: true });
  const startedAt = new Date();
  const redisVersion = tryCommand('redis-server', ['--version']).replace(/^Redis server v=(\S+).*$/, 'redis-server $1');

  log(`device probe in ${path.relative(root, tmp)}`);
  const device = await probeDevice({ dir: path.join(tmp, 'device'), seconds: o.quick ? 0.5 : 2, sequentialBytes: 64 * 2 ** 20 });

  const servers: ServerResult[] = (['redis', 'basalt'] as const).map((name) => ({
    name,
    label: slotLabel(name, o, redisVersion),
    startCommand: startCommand(name, o),
    runs: [],
    errors: [],
  }));
  const dirOf = (s: ServerResult): string => path.join(tmp, `${s.name}-${o.fsync}`);
  for (const s of servers) await throughputPhase(s, o, dirOf(s));
  for (const s of servers) await memoryPhase(s, o, dirOf(s));
  if (!o.keep) for (const s of servers) rmSync(dirOf(s), { recursive: true, force: true });

  const data: RedisBenchData = {
    command: commandLine('bench:redis'),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    fsync: o.fsync,
    quick: o.quick,
    bothRedis: o.bothRedis,
    clients,
    requests: o.requests,
    pipelines,
    memoryKeys: o.memoryKeys,
    machine: machineInfo(tmp),
    disk: diskOf(tmp),
    redisVersion,
    source: sourceVersion(root),
    device,
    servers,
  };
  const report = renderReport(data);
  process.stdout.write(`\n${report}\n\n`);
  const json = writeResultsJson(root, 'redis', data, startedAt);
  process.stdout.write(`raw results: ${path.relative(root, json)}\n`);
  if (o.docs && !o.bothRedis) {
    const marker = o.fsync === 'always' ? 'redis-bench' : `redis-bench-${o.fsync}`;
    const docs = path.join(root, 'docs', 'benchmarks.md');
    replaceMarkedSection(docs, `<!-- ${marker}:start -->`, `<!-- ${marker}:end -->`, report, `## Redis server (issue 5): latest run, appendfsync ${o.fsync}`);
    process.stdout.write(`updated ${path.relative(root, docs)}\n`);
  } else if (o.docs) {
    process.stdout.write('docs not updated (--both-redis)\n');
  }
  if (servers.some((s) => s.errors.length > 0)) process.exitCode = 1;
}

runMain(main);

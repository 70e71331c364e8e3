/**
 * The measurements of `npm run bench:redis` against one server: redis-benchmark throughput
 * (its --csv output parsed) and resident memory after a mass insert of distinct keys.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { respCommand } from '../../test/lib/servers.js';

/** The redis-benchmark tests of issue 5, in the order redis-benchmark runs them. */
export const benchTests = ['set', 'get', 'incr', 'lpush', 'rpush', 'lpop', 'sadd', 'hset', 'zadd', 'lrange_100'] as const;

/** redis-benchmark's CSV test names -> the short names used in reports. */
const csvNames: Record<string, string> = {
  SET: 'set',
  GET: 'get',
  INCR: 'incr',
  LPUSH: 'lpush',
  RPUSH: 'rpush',
  LPOP: 'lpop',
  SADD: 'sadd',
  HSET: 'hset',
  ZADD: 'zadd',
  'LPUSH (needed to benchmark LRANGE)': 'lpush (lrange setup)',
  'LRANGE_100 (first 100 elements)': 'lrange_100',
};

/** Tests that only read: their target is 0.5x Redis; every other test writes (target 1x). */
export const readTests: ReadonlySet<string> = new Set(['get', 'lrange_100']);

export interface TestResult {
  /** Short name (`set`, `lrange_100`, `lpush (lrange setup)`). */
  test: string;
  rps: number;
  avgMs: number;
  minMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface BenchRun {
  pipeline: number;
  /** The redis-benchmark command line(s) this run took. */
  commands: string[];
  results: TestResult[];
  /** Tests that failed, with redis-benchmark's complaint. */
  errors: Array<{ test: string; error: string }>;
}

export interface ProcessOutput {
  stdout: string;
  stderr: string;
  status: number | null;
  failure?: string;
}

/** Runs a program to completion, feeding `input` (if any) to its stdin; never throws. */
export function runProgram(cmd: string, args: readonly string[], input: Buffer | undefined, timeoutMs: number): Promise<ProcessOutput> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `killed after ${timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    child.once('error', (e) => {
      failure = `could not run ${cmd}: ${e.message}`;
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      const r: ProcessOutput = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status };
      if (failure !== undefined) r.failure = failure;
      resolve(r);
    });
    if (input !== undefined && child.stdin !== null) {
      child.stdin.on('error', () => {
        // The program may exit before reading all input; its status and output say why.
      });
      child.stdin.end(input);
    }
  });
}

/** Cells of one CSV line of redis-benchmark (every cell double-quoted, no embedded quotes). */
function csvCells(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** The results in redis-benchmark --csv output (header line first, then one line per test). */
export function parseBenchCsv(text: string): TestResult[] {
  const lines = text.split(/\r?\n/).filter((l) => l.startsWith('"'));
  const header = csvCells(lines[0] ?? '');
  const col = (name: string): number => header.indexOf(name);
  if (col('test') < 0 || col('rps') < 0) return [];
  const results: TestResult[] = [];
  for (const line of lines.slice(1)) {
    const cells = csvCells(line);
    const num = (name: string): number => Number(cells[col(name)] ?? NaN);
    const raw = cells[col('test')] ?? '';
    results.push({
      test: csvNames[raw] ?? raw.toLowerCase(),
      rps: num('rps'),
      avgMs: num('avg_latency_ms'),
      minMs: num('min_latency_ms'),
      p50Ms: num('p50_latency_ms'),
      p95Ms: num('p95_latency_ms'),
      p99Ms: num('p99_latency_ms'),
      maxMs: num('max_latency_ms'),
    });
  }
  return results;
}

export interface BenchSpec {
  host: string;
  port: number;
  clients: number;
  requests: number;
  pipeline: number;
  timeoutMs: number;
}

function benchArgs(s: BenchSpec, tests: readonly string[]): string[] {
  return ['-h', s.host, '-p', String(s.port), '-c', String(s.clients), '-n', String(s.requests), '--csv', '-t', tests.join(','), '-P', String(s.pipeline)];
}

/** Why a redis-benchmark process failed, from its status and output ('' if it did not). */
function failureOf(r: ProcessOutput): string {
  const complaint = `${r.stderr}\n${r.stdout}`
    .split(/[\r\n]+/)
    .filter((l) => /error|ERR|WARN|could not/i.test(l))
    .join('; ')
    .trim();
  if (r.failure !== undefined) return `${r.failure}${complaint !== '' ? `: ${complaint}` : ''}`;
  if (r.status !== 0) return `exit status ${String(r.status)}${complaint !== '' ? `: ${complaint}` : ''}`;
  return complaint;
}

/**
 * Runs all tests in one redis-benchmark process. If it fails part-way (a command the server
 * rejects stops redis-benchmark), each test it did not report is run on its own, so that one
 * unsupported command costs only its own row.
 */
export async function runBenchmark(s: BenchSpec): Promise<BenchRun> {
  const args = benchArgs(s, benchTests);
  const first = await runProgram('redis-benchmark', args, undefined, s.timeoutMs);
  const run: BenchRun = { pipeline: s.pipeline, commands: [`redis-benchmark ${args.join(' ')}`], results: parseBenchCsv(first.stdout), errors: [] };
  const failure = failureOf(first);
  if (failure === '') return run;
  // A test was reported only if its row made it out; the test that failed has none.
  const done = new Set(run.results.map((r) => r.test));
  const missing = benchTests.filter((t) => !done.has(t));
  if (missing.length === 0) {
    run.errors.push({ test: '(run)', error: failure });
    return run;
  }
  for (const test of missing) {
    const oneArgs = benchArgs(s, [test]);
    const r = await runProgram('redis-benchmark', oneArgs, undefined, s.timeoutMs);
    run.commands.push(`redis-benchmark ${oneArgs.join(' ')}`);
    const rows = parseBenchCsv(r.stdout).filter((x) => !done.has(x.test));
    run.results.push(...rows);
    for (const x of rows) done.add(x.test);
    const err = failureOf(r);
    if (err !== '' || !done.has(test)) run.errors.push({ test, error: err !== '' ? err : 'no result' });
  }
  const order = (t: string): number => {
    const i = (benchTests as readonly string[]).indexOf(t);
    return i >= 0 ? i : benchTests.length - 1.5; // the lrange setup row sits before lrange_100
  };
  run.results.sort((a, b) => order(a.test) - order(b.test));
  return run;
}

/** A process's resident memory now and at its peak, from /proc/PID/status (bytes). */
export function processMemory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (m?.[1] === undefined) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(m[1]) * 1024;
  };
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

function resp(words: readonly string[]): string {
  return `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;
}

/** `count` SETs of distinct keys `mem:0000000`... with a 3-byte value (like redis-benchmark -d 3). */
export function distinctSets(count: number): Buffer {
  const width = String(count - 1).length;
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(resp(['SET', `mem:${String(i).padStart(width, '0')}`, 'xxx']));
  return Buffer.from(parts.join(''));
}

export interface LoadResult {
  keys: number;
  /** redis-cli --pipe's summary line. */
  summary: string;
  seconds: number;
}

/** Mass-inserts `count` distinct keys with `redis-cli --pipe` and checks DBSIZE is exactly `count`. */
export async function loadDistinctKeys(host: string, port: number, count: number, timeoutMs: number): Promise<LoadResult> {
  const input = distinctSets(count);
  const t0 = performance.now();
  const r = await runProgram('redis-cli', ['-h', host, '-p', String(port), '--pipe'], input, timeoutMs);
  const seconds = (performance.now() - t0) / 1000;
  const all = `${r.stdout}${r.stderr}`;
  const m = /errors: (\d+), replies: (\d+)/.exec(all);
  if (r.failure !== undefined || r.status !== 0 || m?.[1] !== '0' || m[2] !== String(count)) {
    throw new Error(`redis-cli --pipe of ${count} SETs failed (status ${String(r.status)}${r.failure !== undefined ? `, ${r.failure}` : ''}): ${all.trim()}`);
  }
  const keys = await respCommand(host, port, ['DBSIZE']);
  if (keys !== count) throw new Error(`after loading ${count} distinct keys DBSIZE is ${JSON.stringify(keys)}`);
  return { keys, summary: m[0], seconds };
}

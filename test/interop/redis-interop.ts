/**
 * `npm run interop:redis`: Debian's redis-cli and redis-benchmark against the BasaltDB Redis
 * server, checking every reply against what Redis 7 prints.
 *
 *   node dist/test/interop/redis-interop.js                 start `basalt serve` on a fresh directory
 *   node dist/test/interop/redis-interop.js --port N        use a running server (its data is FLUSHALLed)
 *   node dist/test/interop/redis-interop.js --against-redis run the same checks against a real
 *                                                           redis-server (validates the expectations)
 * Other flags: --host H (with --port), --only cli,clients,pipe,tools,bench,auth,restart, --verbose,
 * --keep (keep the data directories of the servers it started).
 *
 * Parts:
 *   cli      the transcript in redis-cli-transcript.ts: one redis-cli process per command, and
 *            redis-cli reading commands from stdin; plus `CONFIG GET *`
 *   clients  several redis-cli processes at once (redis-cli-clients.ts): WATCH, blocking pops,
 *            pub/sub, CLIENT KILL, a 4 MiB value through -x
 *   pipe     `redis-cli --pipe` mass insert (100,000 SETs + RPUSH/HSET/SADD/ZADD), its summary,
 *            DBSIZE and a sample of values
 *   tools    `redis-cli --scan`, `--bigkeys`, `--memkeys` over the mass-inserted data
 *   bench    `redis-benchmark -q` with and without -P 16: every test reports requests per second
 *   auth     a second server with a password: NOAUTH, -a, WRONGPASS, AUTH (own servers only)
 *   restart  SIGTERM exits 0, and a restart on the same directory has the same data (own servers)
 *
 * Prints `ok - ...` / `not ok - ...` per check, then every mismatch again with the command, the
 * expected and the actual output; exits 1 if any check failed. redis-tools is installed with
 * apt-get if redis-cli is missing (as root).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RunningServer } from '../lib/servers.js';
import { ensureDebianPackage, startBasalt, startRealRedis } from '../lib/servers.js';
import type { ProcessResult } from './cli-process.js';
import { run } from './cli-process.js';
import { clientScenarios } from './redis-cli-clients.js';
import type { CliCheck } from './redis-cli-transcript.js';
import { outputLines, outputMatches, parseTranscript, requiredConfigNames, transcript } from './redis-cli-transcript.js';

const parts = ['cli', 'clients', 'pipe', 'tools', 'bench', 'auth', 'restart'] as const;
type Part = (typeof parts)[number];

/** A process that runs longer than this is killed and its check fails (a hang guard). */
const cliTimeoutMs = 60_000;
const pipeTimeoutMs = 600_000;
const benchTimeoutMs = 900_000;

const pipeStrings = 100_000;
const pipeCollectionSize = 1_000;
const password = 'interop-secret';

interface Target {
  readonly host: string;
  readonly port: number;
  /** Set when this script started the server (so it may stop and restart it). */
  readonly own?: { server: RunningServer; restart: () => Promise<RunningServer> };
}

interface Mismatch {
  name: string;
  command: string;
  expected: string;
  got: string;
}

class Tap {
  count = 0;
  readonly mismatches: Mismatch[] = [];
  constructor(private readonly verbose: boolean) {}

  check(pass: boolean, name: string, detail: Omit<Mismatch, 'name'>): void {
    this.count++;
    if (pass) {
      process.stdout.write(`ok - ${name}\n`);
      if (this.verbose) process.stdout.write(indent(detail.got));
      return;
    }
    process.stdout.write(`not ok - ${name}\n${describe(detail)}`);
    this.mismatches.push({ name, ...detail });
  }
}

function indent(text: string): string {
  return text === '' ? '' : text.split('\n').map((l) => `#     ${l}\n`).join('');
}

function describe(d: Omit<Mismatch, 'name'>): string {
  return `#   command:\n${indent(d.command)}#   expected:\n${indent(d.expected)}#   got:\n${indent(d.got)}`;
}

function cliBase(t: Target): string[] {
  return ['-h', t.host, '-p', String(t.port)];
}

/** The redis-cli arguments of a transcript check. */
function cliArgs(t: Target, c: CliCheck): string[] {
  const args = cliBase(t);
  if (!c.options.has('raw')) args.push('--no-raw');
  if (c.options.has('resp3')) args.push('-3');
  if (c.db !== undefined) args.push('-n', String(c.db));
  if (c.options.has('auth')) args.push('-a', password, '--no-auth-warning');
  if (c.options.has('wrongauth')) args.push('-a', `not-${password}`, '--no-auth-warning');
  return [...args, ...c.words];
}

function shellQuote(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

async function runTranscript(tap: Tap, t: Target, text: string, label: string): Promise<void> {
  for (const c of parseTranscript(text)) {
    const args = cliArgs(t, c);
    const stdin = c.options.has('stdin') ? c.stdinLines.join('\n') + '\n' : undefined;
    const r = await run('redis-cli', args, stdin, cliTimeoutMs);
    let got = outputLines(r.stdout);
    if (c.options.has('stderr')) got = [...outputLines(r.stderr), ...got];
    const strayStderr = !c.options.has('stderr') && r.stderr.trim() !== '';
    const pass = r.failure === undefined && !strayStderr && outputMatches(c, got);
    const command = `redis-cli ${shellQuote(args)}${stdin === undefined ? '' : ` <<EOF\n${stdin}EOF`}`;
    const gotText = [
      ...got,
      ...(strayStderr ? [`[stderr] ${r.stderr.trim()}`] : []),
      ...(r.failure !== undefined ? [`[${r.failure}]`] : []),
    ].join('\n');
    tap.check(pass, `${label}${c.section}: ${c.text} (line ${c.line})`, { command, expected: c.expected.join('\n'), got: gotText });
  }
}

/** `CONFIG GET *`: name/value pairs, and the parameters tools read are among them. */
async function checkConfigGetAll(tap: Tap, t: Target): Promise<void> {
  const args = [...cliBase(t), 'CONFIG', 'GET', '*'];
  const r = await run('redis-cli', args, undefined, cliTimeoutMs);
  const lines = outputLines(r.stdout);
  const names = new Set(lines.filter((_, i) => i % 2 === 0));
  const missing = requiredConfigNames.filter((n) => !names.has(n));
  const pass = r.failure === undefined && lines.length % 2 === 0 && missing.length === 0;
  tap.check(pass, `config: CONFIG GET * lists ${requiredConfigNames.length} well-known parameters (${names.size} listed)`, {
    command: `redis-cli ${shellQuote(args)}`,
    expected: `an even number of lines, names including: ${requiredConfigNames.join(' ')}`,
    got: `${lines.length} lines; missing: ${missing.join(' ') || '(none)'}${r.failure !== undefined ? ` [${r.failure}]` : ''}`,
  });
}

function respCommand(words: readonly string[]): string {
  return `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join('')}`;
}

/** The mass-insert stream: distinct string keys, then one list, hash, set and sorted set. */
function pipeInput(): { data: Buffer; commands: number } {
  const chunks: string[] = [];
  for (let i = 0; i < pipeStrings; i++) chunks.push(respCommand(['SET', `pipe:key:${i}`, `value-${i}`]));
  for (let i = 0; i < pipeCollectionSize; i++) {
    chunks.push(respCommand(['RPUSH', 'pipe:list', `item-${i}`]));
    chunks.push(respCommand(['HSET', 'pipe:hash', `field-${i}`, `${i}`]));
    chunks.push(respCommand(['SADD', 'pipe:set', `member-${i}`]));
    chunks.push(respCommand(['ZADD', 'pipe:zset', `${i}`, `member-${i}`]));
  }
  return { data: Buffer.from(chunks.join('')), commands: pipeStrings + 4 * pipeCollectionSize };
}

/** Sum of the mass-inserted string values' lengths (what --bigkeys reports). */
function pipeStringBytes(): number {
  let total = 0;
  for (let i = 0; i < pipeStrings; i++) total += `value-${i}`.length;
  return total;
}

const pipeTranscript = String.raw`
// section: pipe sample
$ DBSIZE
(integer) ${pipeStrings + 4}
$ GET pipe:key:0
"value-0"
$ GET pipe:key:4242
"value-4242"
$ GET pipe:key:${pipeStrings - 1}
"value-${pipeStrings - 1}"
$ MGET pipe:key:1 pipe:key:${pipeStrings} pipe:key:77777
1) "value-1"
2) (nil)
3) "value-77777"
$ LLEN pipe:list
(integer) ${pipeCollectionSize}
$ LINDEX pipe:list 0
"item-0"
$ LINDEX pipe:list -1
"item-${pipeCollectionSize - 1}"
$ LRANGE pipe:list 500 502
1) "item-500"
2) "item-501"
3) "item-502"
$ HLEN pipe:hash
(integer) ${pipeCollectionSize}
$ HGET pipe:hash field-500
"500"
$ SCARD pipe:set
(integer) ${pipeCollectionSize}
$ SISMEMBER pipe:set member-999
(integer) 1
$ ZCARD pipe:zset
(integer) ${pipeCollectionSize}
$ ZSCORE pipe:zset member-777
"777"
$ ZRANGE pipe:zset 0 1 WITHSCORES
1) "member-0"
2) "0"
3) "member-1"
4) "1"
$ ZRANGEBYSCORE pipe:zset 997 +inf
1) "member-997"
2) "member-998"
3) "member-999"
`;

async function partPipe(tap: Tap, t: Target): Promise<void> {
  await run('redis-cli', [...cliBase(t), 'FLUSHALL'], undefined, cliTimeoutMs);
  const { data, commands } = pipeInput();
  const args = [...cliBase(t), '--pipe'];
  const r = await run('redis-cli', args, data, pipeTimeoutMs);
  const all = `${r.stdout}${r.stderr}`;
  const summary = /errors: (\d+), replies: (\d+)/.exec(all);
  tap.check(r.failure === undefined && r.status === 0 && summary?.[1] === '0' && summary[2] === String(commands), `pipe: redis-cli --pipe of ${commands} commands reports errors: 0, replies: ${commands}`, {
    command: `redis-cli ${shellQuote(args)} < (${commands} commands in RESP)`,
    expected: `exit status 0 and a summary "errors: 0, replies: ${commands}"`,
    got: `exit status ${String(r.status)}${r.failure !== undefined ? ` [${r.failure}]` : ''}\n${all.trim()}`,
  });
  await runTranscript(tap, t, pipeTranscript, '');
  await inlinePipe(tap, t);
}

const inlineCount = 1_000;

const inlineTranscript = String.raw`
// section: pipe inline
$ GET inline:0
"v0"
$ GET inline:${inlineCount - 1}
"v${inlineCount - 1}"
$ GET inline:quoted
"a b"
$ LRANGE inline:list 0 -1
1) "a"
2) "b c"
`;

/** `redis-cli --pipe` of inline commands (plain text lines, as a person would type them). */
async function inlinePipe(tap: Tap, t: Target): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < inlineCount; i++) lines.push(`SET inline:${i} v${i}`);
  lines.push('SET inline:quoted "a b"', `RPUSH inline:list a 'b c'`);
  const args = [...cliBase(t), '--pipe'];
  const r = await run('redis-cli', args, lines.join('\r\n') + '\r\n', pipeTimeoutMs);
  const all = `${r.stdout}${r.stderr}`;
  const summary = /errors: (\d+), replies: (\d+)/.exec(all);
  tap.check(r.failure === undefined && r.status === 0 && summary?.[1] === '0' && summary[2] === String(lines.length), `pipe: redis-cli --pipe of ${lines.length} inline commands reports errors: 0, replies: ${lines.length}`, {
    command: `redis-cli ${shellQuote(args)} < (${lines.length} inline commands, CRLF-terminated)`,
    expected: `exit status 0 and a summary "errors: 0, replies: ${lines.length}"`,
    got: `exit status ${String(r.status)}${r.failure !== undefined ? ` [${r.failure}]` : ''}\n${all.trim()}`,
  });
  await runTranscript(tap, t, inlineTranscript, '');
  await run('redis-cli', [...cliBase(t), 'DEL', 'inline:quoted', 'inline:list', ...Array.from({ length: inlineCount }, (_, i) => `inline:${i}`)], undefined, cliTimeoutMs);
}

/** Keys `redis-cli --scan` printed: every one, and the distinct ones. */
async function scan(t: Target, pattern: string): Promise<{ r: ProcessResult; lines: string[]; distinct: Set<string> }> {
  const r = await run('redis-cli', [...cliBase(t), '--scan', '--pattern', pattern], undefined, pipeTimeoutMs);
  const lines = outputLines(r.stdout);
  return { r, lines, distinct: new Set(lines) };
}

async function partTools(tap: Tap, t: Target): Promise<void> {
  const small = await scan(t, 'pipe:key:1234*');
  const want = ['pipe:key:1234', ...Array.from({ length: 10 }, (_, i) => `pipe:key:1234${i}`)].sort();
  const got = [...small.distinct].sort();
  tap.check(small.r.failure === undefined && got.join('\n') === want.join('\n'), `tools: redis-cli --scan --pattern 'pipe:key:1234*' finds the 11 matching keys`, {
    command: `redis-cli --scan --pattern 'pipe:key:1234*'`,
    expected: want.join('\n'),
    got: `${got.join('\n')}${small.r.failure !== undefined ? `\n[${small.r.failure}]` : ''}${small.r.stderr}`,
  });

  const all = await scan(t, 'pipe:key:*');
  const outside = all.lines.filter((k) => !k.startsWith('pipe:key:'));
  tap.check(all.r.failure === undefined && all.distinct.size === pipeStrings && outside.length === 0, `tools: redis-cli --scan --pattern 'pipe:key:*' finds all ${pipeStrings} keys`, {
    command: `redis-cli --scan --pattern 'pipe:key:*'`,
    expected: `${pipeStrings} distinct keys, all matching the pattern`,
    got: `${all.lines.length} lines, ${all.distinct.size} distinct, ${outside.length} not matching (${outside.slice(0, 3).join(' ')})${all.r.stderr}`,
  });

  const bigkeys: CliCheck = {
    section: 'tools', line: 0, db: undefined, words: [], stdinLines: [], text: '--bigkeys',
    options: new Set(['contains']),
    expected: [
      `Sampled ${pipeStrings + 4} keys in the keyspace!`,
      `~ Biggest +list found '"pipe:list"' has ${pipeCollectionSize} items`,
      `~ Biggest +hash found '"pipe:hash"' has ${pipeCollectionSize} fields`,
      `~ Biggest +set found '"pipe:set"' has ${pipeCollectionSize} members`,
      `~ Biggest +zset found '"pipe:zset"' has ${pipeCollectionSize} members`,
      `~ 1 lists with ${pipeCollectionSize} items .*`,
      `~ 1 hashs with ${pipeCollectionSize} fields .*`,
      `~ ${pipeStrings} strings with ${pipeStringBytes()} bytes .*`,
      `~ 1 sets with ${pipeCollectionSize} members .*`,
      `~ 1 zsets with ${pipeCollectionSize} members .*`,
    ],
  };
  const memkeys: CliCheck = {
    ...bigkeys, text: '--memkeys',
    expected: [
      `Sampled ${pipeStrings + 4} keys in the keyspace!`,
      `~ Biggest +list found '"pipe:list"' has \\d+ bytes`,
      `~ Biggest +hash found '"pipe:hash"' has \\d+ bytes`,
      `~ Biggest +set found '"pipe:set"' has \\d+ bytes`,
      `~ Biggest +zset found '"pipe:zset"' has \\d+ bytes`,
      `~ 1 lists with \\d+ bytes .*`,
      `~ ${pipeStrings} strings with \\d+ bytes .*`,
    ],
  };
  for (const c of [bigkeys, memkeys]) {
    const args = [...cliBase(t), c.text];
    const r = await run('redis-cli', args, undefined, pipeTimeoutMs);
    const lines = outputLines(r.stdout);
    const pass = r.failure === undefined && r.status === 0 && r.stderr.trim() === '' && outputMatches(c, lines);
    tap.check(pass, `tools: redis-cli ${c.text} summary`, {
      command: `redis-cli ${shellQuote(args)}`,
      expected: `lines, in this order:\n${c.expected.join('\n')}`,
      got: `exit status ${String(r.status)}${r.failure !== undefined ? ` [${r.failure}]` : ''}\n${lines.filter((l) => !l.startsWith('[')).join('\n')}${r.stderr}`,
    });
  }
}

const benchTests = 'set,get,incr,lpush,rpush,lpop,sadd,hset,zadd,lrange_100';
const benchLabels = ['SET', 'GET', 'INCR', 'LPUSH', 'RPUSH', 'LPOP', 'SADD', 'HSET', 'ZADD', 'LPUSH (needed to benchmark LRANGE)', 'LRANGE_100 (first 100 elements)'];

/** Runs redis-benchmark -q and checks it exits 0, prints no error and rates every test in `labels`. */
async function benchCheck(tap: Tap, host: Target, name: string, args: readonly string[], labels: readonly string[]): Promise<void> {
  const all = [...cliBase(host), ...args];
  const r = await run('redis-benchmark', all, undefined, benchTimeoutMs);
  // -q rewrites a progress line with \r; the final line of each test ends with \n.
  const lines = `${r.stdout}\n${r.stderr}`.split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l !== '');
  const rps = new Map<string, number>();
  for (const l of lines) {
    const m = /^(.+?): ([\d.]+) requests per second/.exec(l);
    if (m?.[1] !== undefined && m[2] !== undefined) rps.set(m[1], Number(m[2]));
  }
  const errors = lines.filter((l) => /error|ERR|WARN|could not/i.test(l));
  const missing = labels.filter((label) => !((rps.get(label) ?? 0) > 0));
  const pass = r.failure === undefined && r.status === 0 && errors.length === 0 && missing.length === 0;
  tap.check(pass, `bench: ${name}: ${labels.length === 1 ? 'the test reports' : `all ${labels.length} tests report`} requests per second`, {
    command: `redis-benchmark ${shellQuote(all)}`,
    expected: `exit status 0, no error lines, a rate for: ${labels.join(', ')}`,
    got: [
      `exit status ${String(r.status)}${r.failure !== undefined ? ` [${r.failure}]` : ''}`,
      ...[...rps].map(([k, v]) => `${k}: ${v} requests per second`),
      ...(missing.length > 0 ? [`missing: ${missing.join(', ')}`] : []),
      ...errors.slice(0, 10),
    ].join('\n'),
  });
}

const customBench = ['ZADD', 'bench:z', '__rand_int__', 'm:__rand_int__'];

const benchAfterTranscript = String.raw`
// section: bench
$[db=3,raw] DBSIZE
~ [1-9]\d*
$[raw] ZCARD bench:z
~ [1-9]\d*
$[db=3] FLUSHDB
OK
`;

async function partBench(tap: Tap, t: Target): Promise<void> {
  for (const pipeline of [1, 16]) {
    const args = ['-q', '-n', '20000', '-c', '20', ...(pipeline > 1 ? ['-P', String(pipeline)] : []), '-t', benchTests];
    await benchCheck(tap, t, `redis-benchmark -P ${pipeline}`, args, benchLabels);
  }
  // Inline PING, RESP3, random keys, 100-byte values, another database, more commands.
  await benchCheck(tap, t, 'redis-benchmark -3 --dbnum 3 -r 10000 -d 100', ['-q', '-n', '5000', '-c', '10', '-3', '--dbnum', '3', '-r', '10000', '-d', '100', '-t', 'ping_inline,ping_mbulk,set,get,rpop,spop,zpopmin,mset'], ['PING_INLINE', 'PING_MBULK', 'SET', 'GET', 'RPOP', 'SPOP', 'ZPOPMIN', 'MSET (10 keys)']);
  await benchCheck(tap, t, `redis-benchmark ${customBench.join(' ')}`, ['-q', '-n', '5000', '-c', '10', '-r', '1000', ...customBench], [customBench.join(' ')]);
  await runTranscript(tap, t, benchAfterTranscript, '');
}

const authTranscript = String.raw`
// section: auth
$ PING
(error) NOAUTH Authentication required.
$ GET k
(error) NOAUTH Authentication required.
$[auth] PING
PONG
$[auth] SET k v
OK
$[auth,resp3] GET k
"v"
$[wrongauth,stderr] PING
AUTH failed: WRONGPASS invalid username-password pair or user is disabled.
(error) NOAUTH Authentication required.
$[stdin]
| AUTH wrong
| AUTH ${password}
| GET k
(error) WRONGPASS invalid username-password pair or user is disabled.
OK
"v"
$[stdin]
| HELLO 3 AUTH default ${password}
| GET k
~ 1# "server" => "(redis|basalt.*)"
~ 2# "version" => "\d+\.\d+\.\d+"
3# "proto" => (integer) 3
~ 4# "id" => \(integer\) \d+
5# "mode" => "standalone"
6# "role" => "master"
7# "modules" => (empty array)
"v"
`;

async function partAuth(tap: Tap, againstRedis: boolean, dir: string, wantsBench: boolean): Promise<void> {
  const server = againstRedis
    ? await startRealRedis({ extra: ['--requirepass', password], dir })
    : await startBasalt({ requirepass: password, dir });
  try {
    const authed = { host: server.host, port: server.port };
    await runTranscript(tap, authed, authTranscript, '');
    if (wantsBench) await benchCheck(tap, authed, 'redis-benchmark -a (requirepass)', ['-q', '-n', '2000', '-c', '5', '-a', password, '-t', 'set,get'], ['SET', 'GET']);
  } finally {
    await server.stop();
  }
}

/** After SIGTERM the server exits 0; restarted on the same directory it has the same data. */
async function partRestart(tap: Tap, t: Target): Promise<void> {
  if (t.own === undefined) return;
  const probe = ['DBSIZE', 'GET pipe:key:4242', 'LINDEX pipe:list 999', 'EXPIRETIME keep:ttl', 'GET keep:ttl'];
  await run('redis-cli', [...cliBase(t), 'SET', 'keep:ttl', 'durable', 'EXAT', '4102444800'], undefined, cliTimeoutMs);
  const before = await run('redis-cli', [...cliBase(t), '--no-raw'], probe.join('\n') + '\n', cliTimeoutMs);
  const status = await t.own.server.stop('SIGTERM');
  tap.check(status === 0, 'restart: the server exits with status 0 on SIGTERM', { command: 'kill -TERM <server>', expected: 'exit status 0', got: `exit status ${String(status)}` });
  const again = await t.own.restart();
  try {
    const after = await run('redis-cli', ['-h', again.host, '-p', String(again.port), '--no-raw'], probe.join('\n') + '\n', cliTimeoutMs);
    tap.check(after.stdout === before.stdout && after.failure === undefined, 'restart: DBSIZE, values and expiry times are the same after a restart', {
      command: probe.join('; '),
      expected: before.stdout.trim(),
      got: `${after.stdout.trim()}${after.stderr}`,
    });
  } finally {
    await again.stop();
  }
}

async function startTarget(againstRedis: boolean, dir: string): Promise<Target> {
  if (againstRedis) {
    const opts = { appendonly: true, appendfsync: 'always', dir };
    const server = await startRealRedis(opts);
    return { host: server.host, port: server.port, own: { server, restart: () => startRealRedis({ ...opts, dir: server.dir }) } };
  }
  const server = await startBasalt({ appendfsync: 'always', dir });
  return { host: server.host, port: server.port, own: { server, restart: () => startBasalt({ appendfsync: 'always', dir }) } };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'against-redis': { type: 'boolean', default: false },
      only: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const only = new Set((values.only ?? parts.join(',')).split(',').map((s) => s.trim()));
  for (const p of only) if (!(parts as readonly string[]).includes(p)) throw new Error(`--only: unknown part "${p}" (choose from ${parts.join(', ')})`);
  const wants = (p: Part): boolean => only.has(p);

  ensureDebianPackage('redis-cli', 'redis-tools');
  ensureDebianPackage('redis-benchmark', 'redis-tools');
  const againstRedis = values['against-redis'];
  if (againstRedis) ensureDebianPackage('redis-server', 'redis-server');

  // Data directories of the servers this script starts (removed at the end unless --keep).
  const base = mkdtempSync(path.join(os.tmpdir(), 'redis-interop-'));
  const target: Target = values.port !== undefined ? { host: values.host, port: Number(values.port) } : await startTarget(againstRedis, path.join(base, 'main'));
  process.stdout.write(`# redis interop against ${values.port !== undefined ? 'an existing server' : againstRedis ? 'redis-server' : 'basalt serve'} at ${target.host}:${target.port}\n`);
  const tap = new Tap(values.verbose);
  if (target.own === undefined && (wants('auth') || wants('restart'))) {
    process.stdout.write('# skipped: auth and restart (they start and stop servers of their own; not with --port)\n');
  }
  let stopped = false;
  try {
    if (wants('cli')) {
      await runTranscript(tap, target, transcript, '');
      await checkConfigGetAll(tap, target);
    }
    if (wants('clients')) await clientScenarios(tap, target);
    if (wants('pipe')) await partPipe(tap, target);
    if (wants('tools')) await partTools(tap, target);
    if (wants('bench')) await partBench(tap, target);
    if (wants('auth') && target.own !== undefined) await partAuth(tap, againstRedis, path.join(base, 'auth'), wants('bench'));
    if (wants('restart') && target.own !== undefined) {
      stopped = true;
      await partRestart(tap, target);
    }
  } finally {
    if (!stopped && target.own !== undefined) await target.own.server.stop();
    if (values.keep) process.stdout.write(`# data directories kept under ${base}\n`);
    else rmSync(base, { recursive: true, force: true });
  }

  const failed = tap.mismatches.length;
  process.stdout.write(`\n# ${tap.count} checks, ${tap.count - failed} ok, ${failed} not ok\n`);
  if (failed > 0) {
    process.stdout.write('# mismatches:\n');
    for (const m of tap.mismatches) process.stdout.write(`not ok - ${m.name}\n${describe(m)}`);
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 2;
  },
);

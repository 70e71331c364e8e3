/**
 * The `basalt` command, run as a user would: `node dist/src/cli/main.js ...` on a temporary
 * directory, checking output and exit statuses (0 ok, 1 not found, 2 usage, 3 database error).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from '../../src/index.js';

const mainPath = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const packageJson = fileURLToPath(new URL('../../../package.json', import.meta.url));

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function basalt(args: readonly string[], cwd?: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [mainPath, ...args], { cwd: cwd ?? process.cwd(), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (stdout += c));
    child.stderr.on('data', (c: string) => (stderr += c));
    child.stdin.end();
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-cli-'));
}

/** Run with `--data <dir>/db` appended. */
function onDb(dir: string, ...args: string[]): Promise<Result> {
  return basalt([...args, '--data', path.join(dir, 'db')]);
}

test('--version prints the package version', async () => {
  const { version } = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string };
  const r = await basalt(['--version']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, `${version}\n`);
});

test('help: top level, each command group and each kv command', async () => {
  const top = await basalt(['--help']);
  assert.equal(top.code, 0);
  for (const word of ['kv', 'stats', 'check', '--data', '--version']) assert.match(top.stdout, new RegExp(word));
  assert.equal((await basalt(['help'])).stdout, top.stdout);
  for (const args of [['kv', '--help'], ['kv', 'get', '--help'], ['kv', 'put', '-h'], ['kv', 'delete', '--help'],
    ['kv', 'scan', '--help'], ['stats', '--help'], ['check', '--help'], ['help', 'kv']]) {
    const r = await basalt(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stdout, /^Usage: basalt /m, args.join(' '));
  }
  const scanHelp = await basalt(['kv', 'scan', '--help']);
  for (const opt of ['--prefix', '--gte', '--lt', '--reverse', '--limit', '--json', '--hex', '--keyspace']) {
    assert.match(scanHelp.stdout, new RegExp(opt));
  }
  // No command at all is a usage error, with the help on stderr.
  const none = await basalt([]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: basalt/);
});

test('put, get, delete round trip; put creates the directory', async () => {
  const dir = tempDir();
  try {
    const nested = path.join(dir, 'a', 'b');
    assert.equal((await basalt(['kv', 'put', 'greeting', 'hello world', '--data', nested])).code, 0);
    assert.ok(fs.existsSync(nested));
    const got = await basalt(['kv', 'get', 'greeting', '--data', nested]);
    assert.deepEqual([got.code, got.stdout], [0, 'hello world\n']);
    // Options may come before the command words too.
    const before = await basalt(['--data', nested, 'kv', 'get', 'greeting']);
    assert.deepEqual([before.code, before.stdout], [0, 'hello world\n']);
    assert.equal((await basalt(['kv', 'put', 'greeting', 'héllo ✓', '--data', nested])).code, 0);
    assert.equal((await basalt(['kv', 'get', 'greeting', '--data', nested])).stdout, 'héllo ✓\n');
    assert.equal((await basalt(['kv', 'delete', 'greeting', '--data', nested])).code, 0);
    const gone = await basalt(['kv', 'get', 'greeting', '--data', nested]);
    assert.equal(gone.code, 1);
    assert.equal(gone.stdout, '');
    assert.match(gone.stderr, /not found: greeting/);
    // Deleting an absent key is fine.
    assert.equal((await basalt(['kv', 'delete', 'greeting', '--data', nested])).code, 0);
    // A key that starts with dashes, after `--`.
    assert.equal((await basalt(['kv', 'put', '--data', nested, '--', '--odd', '-1'])).code, 0);
    assert.equal((await basalt(['kv', 'get', '--data', nested, '--', '--odd'])).stdout, '-1\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the default data directory is ./data', async () => {
  const dir = tempDir();
  try {
    assert.equal((await basalt(['kv', 'put', 'k', 'v'], dir)).code, 0);
    assert.ok(fs.existsSync(path.join(dir, 'data', 'data.basalt')));
    assert.equal((await basalt(['kv', 'get', 'k'], dir)).stdout, 'v\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('reading commands do not create a database where there is none', async () => {
  const dir = tempDir();
  try {
    for (const args of [['kv', 'get', 'k'], ['kv', 'scan'], ['kv', 'delete', 'k'], ['check']]) {
      const r = await onDb(dir, ...args);
      assert.equal(r.code, 3, args.join(' '));
      assert.match(r.stderr, /no database at/);
    }
    assert.ok(!fs.existsSync(path.join(dir, 'db')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('keyspaces are separate', async () => {
  const dir = tempDir();
  try {
    assert.equal((await onDb(dir, 'kv', 'put', 'alice', '1', '--keyspace', 'users')).code, 0);
    assert.equal((await onDb(dir, 'kv', 'put', 'alice', 'default')).code, 0);
    assert.equal((await onDb(dir, 'kv', 'get', 'alice', '--keyspace', 'users')).stdout, '1\n');
    assert.equal((await onDb(dir, 'kv', 'get', 'alice')).stdout, 'default\n');
    assert.equal((await onDb(dir, 'kv', 'get', 'alice', '--keyspace', 'other')).code, 1);
    const scan = await onDb(dir, 'kv', 'scan', '--keyspace=users');
    assert.equal(scan.stdout, 'alice\t1\n');
    assert.equal((await onDb(dir, 'kv', 'delete', 'alice', '--keyspace', 'users')).code, 0);
    assert.equal((await onDb(dir, 'kv', 'get', 'alice', '--keyspace', 'users')).code, 1);
    assert.equal((await onDb(dir, 'kv', 'get', 'alice')).stdout, 'default\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('scan: order, prefix, bounds, reverse, limit, json', async () => {
  const dir = tempDir();
  try {
    const db = await open(path.join(dir, 'db'));
    for (const k of ['b1', 'a1', 'a3', 'a2', 'c1']) await db.put(k, `v-${k}`);
    await db.close();
    const lines = async (...args: string[]): Promise<string[]> => {
      const r = await onDb(dir, 'kv', 'scan', ...args);
      assert.equal(r.code, 0, r.stderr);
      return r.stdout.split('\n').filter((l) => l !== '');
    };
    assert.deepEqual(await lines(), ['a1\tv-a1', 'a2\tv-a2', 'a3\tv-a3', 'b1\tv-b1', 'c1\tv-c1']);
    assert.deepEqual(await lines('--prefix', 'a'), ['a1\tv-a1', 'a2\tv-a2', 'a3\tv-a3']);
    assert.deepEqual(await lines('--gte', 'a2', '--lt', 'c1'), ['a2\tv-a2', 'a3\tv-a3', 'b1\tv-b1']);
    assert.deepEqual(await lines('--gt', 'a2', '--lte', 'b1'), ['a3\tv-a3', 'b1\tv-b1']);
    assert.deepEqual(await lines('--reverse', '--limit', '2'), ['c1\tv-c1', 'b1\tv-b1']);
    assert.deepEqual(await lines('--prefix', 'a', '--reverse'), ['a3\tv-a3', 'a2\tv-a2', 'a1\tv-a1']);
    assert.deepEqual(await lines('--limit', '0'), []);
    assert.deepEqual(await lines('--prefix', 'zz'), []);
    const json = await onDb(dir, 'kv', 'scan', '--prefix', 'b', '--json');
    assert.deepEqual(JSON.parse(json.stdout), [{ key: 'b1', value: 'v-b1' }]);
    const empty = await onDb(dir, 'kv', 'scan', '--prefix', 'zz', '--json');
    assert.deepEqual(JSON.parse(empty.stdout), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('values print as text when printable UTF-8, else as hex; --hex forces hex', async () => {
  const dir = tempDir();
  try {
    const db = await open(path.join(dir, 'db'));
    await db.put('bin', Uint8Array.from([0x00, 0xff, 0x10]));
    await db.put('bad-utf8', Uint8Array.from([0x61, 0xc3, 0x28]));
    await db.put('ctrl', 'a\u0007b');
    await db.put('lines', 'one\ntwo');
    await db.put(Uint8Array.from([0x01, 0x02]), 'binary key');
    await db.close();
    const get = async (...args: string[]): Promise<string> => (await onDb(dir, 'kv', 'get', ...args)).stdout;
    assert.equal(await get('bin'), '00ff10\n');
    assert.equal(await get('bad-utf8'), '61c328\n');
    assert.equal(await get('ctrl'), '610762\n');
    assert.equal(await get('lines'), 'one\ntwo\n');
    assert.equal(await get('lines', '--hex'), '6f6e650a74776f\n');
    assert.equal(await get('0102', '--hex-input'), 'binary key\n');
    // Scan output is one line per entry, so a newline in a value makes it hex there.
    const scan = await onDb(dir, 'kv', 'scan');
    assert.deepEqual(scan.stdout.split('\n').filter((l) => l !== ''), [
      '0102\tbinary key',
      'bad-utf8\t61c328',
      'bin\t00ff10',
      'ctrl\t610762',
      'lines\t6f6e650a74776f',
    ]);
    const json = JSON.parse((await onDb(dir, 'kv', 'scan', '--json')).stdout) as unknown[];
    assert.deepEqual(json, [
      { key: '\u0001\u0002', value: 'binary key' },
      { key: 'bad-utf8', valueHex: '61c328' },
      { key: 'bin', valueHex: '00ff10' },
      { key: 'ctrl', value: 'a\u0007b' },
      { key: 'lines', value: 'one\ntwo' },
    ]);
    const hexJson = JSON.parse((await onDb(dir, 'kv', 'scan', '--json', '--hex', '--limit', '1')).stdout) as unknown[];
    assert.deepEqual(hexJson, [{ keyHex: '0102', valueHex: '62696e617279206b6579' }]);
    // Binary keys and values can be written with --hex-input.
    assert.equal((await onDb(dir, 'kv', 'put', 'ff00', '0001', '--hex-input')).code, 0);
    assert.equal(await get('ff00', '--hex-input'), '0001\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2 and name the bad argument', async () => {
  const dir = tempDir();
  try {
    const cases: Array<[string[], RegExp]> = [
      [['kv', 'get', 'k', '--bogus'], /unknown option --bogus/],
      [['kv', 'scan', '--limit', 'ten'], /--limit.*'ten'/],
      [['kv', 'scan', '--limit', '-1'], /--limit/],
      [['kv', 'scan', '--limit'], /--limit needs a value/],
      [['kv', 'get'], /needs <key>/],
      [['kv', 'put', 'k'], /needs <value>/],
      [['kv', 'get', 'k', 'extra'], /unexpected argument 'extra'/],
      [['kv', 'get', 'k', '--reverse'], /--reverse is not valid for 'kv get'/],
      [['kv', 'frobnicate'], /unknown kv command 'frobnicate'/],
      [['kv'], /'kv' needs a command/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['stats', '--prefix', 'a'], /--prefix is not valid for 'stats'/],
      [['kv', 'put', 'k', 'v', '--durability', 'maybe'], /--durability.*'maybe'/],
      [['kv', 'get', 'zz', '--hex-input'], /<key> is not valid hex/],
      [['kv', 'get', 'k', '--keyspace', ''], /--keyspace needs a name/],
      [['kv', 'scan', '--reverse=yes'], /--reverse takes no value/],
    ];
    for (const [args, pattern] of cases) {
      const r = await onDb(dir, ...args);
      assert.equal(r.code, 2, `${args.join(' ')} -> ${r.code}: ${r.stderr}`);
      assert.match(r.stderr, pattern, args.join(' '));
      assert.equal(r.stdout, '', args.join(' '));
    }
    // Usage errors are found before anything touches the disk.
    assert.ok(!fs.existsSync(path.join(dir, 'db')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('stats creates the database and prints its counters, as text or JSON', async () => {
  const dir = tempDir();
  try {
    const text = await onDb(dir, 'stats');
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^entries\s+0$/m);
    assert.match(text.stdout, /^pageSize\s+\d+$/m);
    assert.match(text.stdout, /^durability\s+sync$/m);
    assert.match(text.stdout, /^keyspaces\s+\(default only\)$/m);
    await onDb(dir, 'kv', 'put', 'a', '1');
    await onDb(dir, 'kv', 'put', 'b', '2', '--keyspace', 'ks');
    const json = await onDb(dir, 'stats', '--json');
    assert.equal(json.code, 0, json.stderr);
    const stats = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.equal(stats['entries'], 2);
    assert.deepEqual(stats['keyspaces'], ['ks']);
    assert.equal(stats['data'], path.join(dir, 'db'));
    assert.equal(typeof stats['pageCount'], 'number');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('check passes on a sound database and fails with exit 3 on a corrupt one', async () => {
  const dir = tempDir();
  try {
    const dbDir = path.join(dir, 'db');
    const db = await open(dbDir);
    for (let i = 0; i < 2000; i++) await db.batch([{ type: 'put', key: `key${i}`, value: `value ${i}`.repeat(5) }]);
    await db.checkpoint();
    await db.close();
    const ok = await basalt(['check', '--data', dbDir]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^ok: 2000 entries/);
    // Flip one byte in the middle of every page after the two meta pages.
    const file = path.join(dbDir, 'data.basalt');
    const bytes = fs.readFileSync(file);
    const pageSize = 4096;
    assert.ok(bytes.length > 3 * pageSize, 'the data file holds tree pages');
    for (let p = 2; (p + 1) * pageSize <= bytes.length; p++) bytes[p * pageSize + pageSize / 2]! ^= 0x5a;
    fs.writeFileSync(file, bytes);
    const bad = await basalt(['check', '--data', dbDir]);
    assert.equal(bad.code, 3, `${bad.stdout}${bad.stderr}`);
    assert.match(bad.stderr, /CorruptionError/);
    assert.match(bad.stderr, /page \d+/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a database held by another process is a database error (exit 3) naming the lock', async () => {
  const dir = tempDir();
  try {
    const db = await open(path.join(dir, 'db'));
    try {
      for (const args of [['kv', 'get', 'k'], ['kv', 'put', 'k', 'v'], ['stats'], ['check']]) {
        const r = await onDb(dir, ...args);
        assert.equal(r.code, 3, args.join(' '));
        assert.match(r.stderr, /DatabaseLockedError/);
        assert.match(r.stderr, new RegExp(`process ${process.pid}`));
      }
    } finally {
      await db.close();
    }
    assert.equal((await onDb(dir, 'kv', 'get', 'k')).code, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('engine limits surface as database errors (exit 3)', async () => {
  const dir = tempDir();
  try {
    const r = await onDb(dir, 'kv', 'put', 'k'.repeat(2000), 'v');
    assert.equal(r.code, 3);
    assert.match(r.stderr, /KeyTooLargeError/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a large scan streams completely through a pipe', async () => {
  const dir = tempDir();
  try {
    const db = await open(path.join(dir, 'db'));
    const ops = [];
    for (let i = 0; i < 20000; i++) ops.push({ type: 'put' as const, key: `k${String(i).padStart(6, '0')}`, value: 'x'.repeat(50) });
    await db.batch(ops);
    await db.close();
    const r = await onDb(dir, 'kv', 'scan');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines.length, 20001);
    assert.equal(lines[19999], `k019999\t${'x'.repeat(50)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem } from '../../src/io/memory-fs.js';
import { DatabaseLockedError } from '../../src/errors.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function read(fs: MemoryFileSystem, path: string): string {
  return dec(fs.readFile(path));
}

/** A fresh fs with /d existing (durably) and a file /d/f whose entry is durable. */
async function withFile(contents = ''): Promise<MemoryFileSystem> {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/d');
  const h = fs.open('/d/f', 'create');
  if (contents !== '') await h.write(enc(contents), 0);
  await h.sync();
  await fs.syncDir('/d');
  await h.close();
  return fs;
}

function assertErrno(err: unknown, code: string): true {
  const e = err as NodeJS.ErrnoException;
  assert.ok(e instanceof Error, 'an Error');
  assert.equal(e.code, code);
  assert.equal(typeof e.errno, 'number');
  assert.equal(typeof e.syscall, 'string');
  return true;
}

test('memory-fs: read back what was written, at any position, with zero-filled holes', async () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/a/b');
  const h = fs.open('/a/b/file', 'create');
  await h.write(enc('hello'), 0);
  h.writeSync(enc('XY'), 10);
  await h.writev([enc('ab'), enc('cd')], 5);
  assert.equal(h.size(), 12);
  const buf = new Uint8Array(20);
  assert.equal(h.readSync(buf, 2, 20, 0), 12);
  assert.deepEqual([...buf.subarray(2, 14)], [...enc('helloabcd'), 0, ...enc('XY')]);
  assert.equal(h.readSync(buf, 0, 4, 100), 0, 'read past EOF');
  assert.equal(h.readSync(buf, 0, 4, 10), 2, 'short read at EOF');
  await h.truncate(3);
  assert.equal(read(fs, '/a/b/file'), 'hel');
  await h.truncate(5);
  assert.deepEqual([...fs.readFile('/a/b/file')], [...enc('hel'), 0, 0], 'extending truncate zero-fills');
  h.writeSync(enc('Z'), 8);
  assert.deepEqual([...fs.readFile('/a/b/file')], [...enc('hel'), 0, 0, 0, 0, 0, ...enc('Z')], 'no stale bytes after truncate');
});

test('memory-fs: write copies the caller buffer', async () => {
  const fs = new MemoryFileSystem();
  const h = fs.open('/f', 'create');
  const b = enc('abc');
  const p = h.write(b, 0);
  b[0] = 0x7a;
  await p;
  assert.equal(read(fs, '/f'), 'abc');
  await h.sync();
  const img = fs.crash();
  assert.equal(img.exists('/f'), false, 'root never synced: the entry is lost');
});

test('memory-fs: open modes, ENOENT, EISDIR, EBADF', async () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/d');
  assert.throws(() => fs.open('/d/missing', 'read'), (e) => assertErrno(e, 'ENOENT'));
  assert.throws(() => fs.open('/d/missing', 'readwrite'), (e) => assertErrno(e, 'ENOENT'));
  assert.throws(() => fs.open('/nodir/x', 'create'), (e) => assertErrno(e, 'ENOENT'));
  assert.throws(() => fs.open('/d', 'create'), (e) => assertErrno(e, 'EISDIR'));
  const w = fs.open('/d/x', 'create');
  w.writeSync(enc('data'), 0);
  const r = fs.open('/d/x', 'read');
  assert.throws(() => r.writeSync(enc('no'), 0), (e) => assertErrno(e, 'EBADF'));
  await assert.rejects(r.write(enc('no'), 0), (e) => assertErrno(e, 'EBADF'));
  const again = fs.open('/d/x', 'create');
  assert.equal(again.size(), 4, 'create opens an existing file without truncating');
  w.closeSync();
  assert.throws(() => w.size(), (e) => assertErrno(e, 'EBADF'));
  assert.throws(() => fs.readFile('/d/none'), (e) => assertErrno(e, 'ENOENT'));
});

test('memory-fs: paths are normalised POSIX paths; readdir is sorted and lists subdirectories', () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/db/wal/');
  for (const n of ['c', 'a', 'b']) fs.open(`/db//wal/../wal/${n}`, 'create');
  fs.open('/db/data', 'create');
  assert.deepEqual(fs.readdir('/db/wal'), ['a', 'b', 'c']);
  assert.deepEqual(fs.readdir('/db/'), ['data', 'wal']);
  assert.deepEqual(fs.readdir('/'), ['db']);
  assert.equal(fs.exists('/db/wal/a'), true);
  assert.equal(fs.exists('/db/./wal'), true);
  assert.equal(fs.exists('/db/nope'), false);
  assert.deepEqual(fs.listFiles(), ['/db/data', '/db/wal/a', '/db/wal/b', '/db/wal/c']);
  assert.throws(() => fs.readdir('/nope'), (e) => assertErrno(e, 'ENOENT'));
  assert.throws(() => fs.readdir('/db/data'), (e) => assertErrno(e, 'ENOTDIR'));
  assert.throws(() => fs.mkdirp('/db/data/sub'), (e) => assertErrno(e, 'ENOTDIR'));
});

test('memory-fs: remove and rename', () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/d');
  fs.open('/d/a', 'create').writeSync(enc('A'), 0);
  fs.open('/d/b', 'create').writeSync(enc('B'), 0);
  fs.rename('/d/a', '/d/b');
  assert.equal(read(fs, '/d/b'), 'A', 'rename replaces the target');
  assert.equal(fs.exists('/d/a'), false);
  assert.throws(() => fs.rename('/d/a', '/d/c'), (e) => assertErrno(e, 'ENOENT'));
  fs.remove('/d/b');
  assert.equal(fs.exists('/d/b'), false);
  fs.remove('/d/b'); // missing: no error
  assert.deepEqual(fs.readdir('/d'), []);
});

test('memory-fs: an open handle keeps working on a removed file', () => {
  const fs = new MemoryFileSystem();
  const h = fs.open('/f', 'create');
  fs.remove('/f');
  h.writeSync(enc('x'), 0);
  assert.equal(h.size(), 1);
});

test('memory-fs: crash without torn keeps exactly the synced contents', async () => {
  const fs = await withFile('durable');
  const h = fs.open('/d/f', 'readwrite');
  await h.write(enc('DUR'), 0);
  await h.write(enc('-more-unsynced'), 7);
  assert.equal(read(fs, '/d/f'), 'DURable-more-unsynced');
  const img = fs.crash();
  assert.equal(read(img, '/d/f'), 'durable');
  assert.equal(img.fileSize('/d/f'), 7);
});

test('memory-fs: sync makes the writes so far durable, later ones are not', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  h.writeSync(enc('one'), 0);
  h.syncSync();
  await h.write(enc('two'), 3);
  await h.sync();
  await h.truncate(4);
  await h.write(enc('three'), 10);
  const img = fs.crash();
  assert.equal(read(img, '/d/f'), 'onetwo');
});

test('memory-fs: a synced truncate is durable', async () => {
  const fs = await withFile('0123456789');
  const h = fs.open('/d/f', 'readwrite');
  await h.truncate(4);
  await h.sync();
  assert.equal(read(fs.crash(), '/d/f'), '0123');
});

test('memory-fs: a created file whose directory was never synced vanishes', async () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/d');
  const h = fs.open('/d/new', 'create');
  await h.write(enc('x'), 0);
  await h.sync();
  const img = fs.crash();
  assert.equal(img.exists('/d'), true, 'mkdirp is durable at once');
  assert.equal(img.exists('/d/new'), false);
  assert.deepEqual(img.readdir('/d'), []);
});

test('memory-fs: syncDir of one directory does not make another durable', async () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/a');
  fs.mkdirp('/b');
  fs.open('/a/x', 'create');
  fs.open('/b/y', 'create');
  await fs.syncDir('/a');
  const img = fs.crash();
  assert.deepEqual(img.listFiles(), ['/a/x']);
});

test('memory-fs: an unsynced rename reverts; a synced one holds', async () => {
  const fs = await withFile('old');
  const tmp = fs.open('/d/tmp', 'create');
  await tmp.write(enc('new'), 0);
  await tmp.sync();
  fs.rename('/d/tmp', '/d/f');
  assert.equal(read(fs, '/d/f'), 'new');
  const fs2 = await withFile('old');
  const t2 = fs2.open('/d/tmp', 'create');
  await t2.write(enc('new'), 0);
  await t2.sync();
  fs2.rename('/d/tmp', '/d/f');
  await fs2.syncDir('/d');

  const img = fs.crash();
  assert.equal(read(img, '/d/f'), 'old');
  assert.equal(img.exists('/d/tmp'), false);
  const img2 = fs2.crash();
  assert.equal(read(img2, '/d/f'), 'new');
  assert.deepEqual(img2.readdir('/d'), ['f']);
});

test('memory-fs: an unsynced remove reverts to the durable contents', async () => {
  const fs = await withFile('keep');
  fs.remove('/d/f');
  const img = fs.crash();
  assert.equal(read(img, '/d/f'), 'keep');
});

test('memory-fs: the crashed instance and its handles refuse calls; the image is independent', async () => {
  const fs = await withFile('abc');
  const h = fs.open('/d/f', 'readwrite');
  const img = fs.crash();
  assert.throws(() => fs.exists('/d/f'), /crashed/);
  assert.throws(() => fs.open('/d/f', 'read'), /crashed/);
  assert.throws(() => h.readSync(new Uint8Array(1), 0, 1, 0), /crashed/);
  await assert.rejects(h.write(enc('x'), 0), /crashed/);
  assert.equal(read(fs.crash(), '/d/f'), 'abc', 'crash() again gives another image of the same moment');
  const h2 = img.open('/d/f', 'readwrite');
  h2.writeSync(enc('Z'), 0);
  assert.equal(read(img, '/d/f'), 'Zbc');
  // the image has its own durability state: the write above is unsynced
  assert.equal(read(img.crash(), '/d/f'), 'abc');
});

test('memory-fs: a write in flight when crash() is called rejects', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  const p = h.write(enc('x'), 0);
  fs.crash();
  await assert.rejects(p, /crashed/);
});

test('memory-fs: torn crash keeps a prefix of the pending writes, cut at a sector boundary', async () => {
  const sizes = new Set<number>();
  let sawTornInside = false;
  for (let seed = 1; seed <= 200; seed++) {
    const fs = await withFile();
    const h = fs.open('/d/f', 'readwrite');
    // Three appends of 1500 bytes each, filled with 1, 2, 3.
    for (let i = 0; i < 3; i++) await h.write(new Uint8Array(1500).fill(i + 1), i * 1500);
    const img = fs.crash({ torn: true, seed });
    const got = img.readFile('/d/f');
    sizes.add(got.length);
    // The survivor is a prefix of the written stream...
    for (let j = 0; j < got.length; j++) assert.equal(got[j], Math.floor(j / 1500) + 1, `seed ${seed} byte ${j}`);
    // ...ending at a write boundary or a sector boundary inside a write.
    const atWrite = got.length % 1500 === 0;
    const atSector = got.length % 512 === 0;
    assert.ok(atWrite || atSector, `seed ${seed}: length ${got.length}`);
    if (!atWrite) sawTornInside = true;
    // Same seed, same result.
    const again = await withFile();
    const h2 = again.open('/d/f', 'readwrite');
    for (let i = 0; i < 3; i++) await h2.write(new Uint8Array(1500).fill(i + 1), i * 1500);
    assert.deepEqual(again.crash({ torn: true, seed }).readFile('/d/f'), got, `seed ${seed} replays`);
  }
  for (const n of [0, 1500, 3000, 4500]) assert.ok(sizes.has(n), `some seed keeps ${n} bytes`);
  assert.ok(sawTornInside, 'some seed tears a write inside');
});

test('memory-fs: a torn crash never changes synced bytes and a write within one sector is atomic', async () => {
  for (let seed = 1; seed <= 100; seed++) {
    const fs = await withFile('x'.repeat(1024));
    const h = fs.open('/d/f', 'readwrite');
    await h.write(new Uint8Array(100).fill(0x41), 600); // within sector 1
    const got = fs.crash({ torn: true, seed }).readFile('/d/f');
    assert.equal(got.length, 1024);
    const tail = got.subarray(600, 700);
    assert.ok(tail.every((b) => b === 0x41) || tail.every((b) => b === 0x78), `seed ${seed}: atomic sector`);
    assert.ok(got.subarray(0, 600).every((b) => b === 0x78));
    assert.ok(got.subarray(700).every((b) => b === 0x78));
  }
});

test('memory-fs: a torn crash may keep a prefix of unsynced directory changes, in order', async () => {
  const outcomes = new Set<string>();
  for (let seed = 1; seed <= 100; seed++) {
    const fs = new MemoryFileSystem();
    fs.mkdirp('/d');
    fs.open('/d/a', 'create');
    fs.open('/d/b', 'create');
    fs.rename('/d/a', '/d/c');
    const names = fs.crash({ torn: true, seed }).readdir('/d').join(',');
    outcomes.add(names);
  }
  // Possible prefixes: nothing; a; a,b; then the rename (a→c) as one step.
  assert.deepEqual([...outcomes].sort(), ['', 'a', 'a,b', 'b,c'].sort());
});

test('memory-fs: failAt(n, EIO, write) fails the n-th write, applying nothing', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  fs.failAt(2, 'EIO', 'write');
  await h.write(enc('a'), 0);
  await h.sync(); // syncs do not count toward a 'write' fault
  await assert.rejects(h.write(enc('b'), 1), (e) => assertErrno(e, 'EIO'));
  assert.equal(read(fs, '/d/f'), 'a');
  await h.write(enc('c'), 1);
  assert.equal(read(fs, '/d/f'), 'ac', 'a fault fires once');
  assert.equal(fs.pendingFaults().length, 0);
});

test('memory-fs: failAt with ENOSPC on writev and writeSync', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  fs.failAt(1, 'ENOSPC', 'write');
  await assert.rejects(h.writev([enc('a'), enc('b')], 0), (e) => {
    assertErrno(e, 'ENOSPC');
    assert.equal((e as NodeJS.ErrnoException).errno, -28);
    return true;
  });
  assert.equal(fs.fileSize('/d/f'), 0, 'a failed writev applies no part');
  fs.failAt(1, 'ENOSPC');
  assert.throws(() => h.writeSync(enc('x'), 0), (e) => assertErrno(e, 'ENOSPC'));
  assert.equal(fs.fileSize('/d/f'), 0);
});

test('memory-fs: failAt on sync: the failed sync makes nothing durable', async () => {
  const fs = await withFile('base');
  const h = fs.open('/d/f', 'readwrite');
  fs.failAt(1, 'EIO', 'sync');
  await h.write(enc('more'), 4);
  await assert.rejects(h.sync(), (e) => {
    assertErrno(e, 'EIO');
    assert.equal((e as NodeJS.ErrnoException).syscall, 'fdatasync');
    return true;
  });
  assert.equal(read(fs, '/d/f'), 'basemore', 'reads still see the write');
  fs.failAt(1, 'EIO', 'sync');
  assert.throws(() => h.syncSync(), (e) => assertErrno(e, 'EIO'));
  fs.failAt(1, 'EIO', 'sync');
  await assert.rejects(fs.syncDir('/d'), (e) => assertErrno(e, 'EIO'));
  assert.equal(read(fs.crash(), '/d/f'), 'base');
});

test('memory-fs: failAt counts from the call; any matches every mutating call', async () => {
  const fs = new MemoryFileSystem();
  fs.open('/x', 'create');
  fs.failAt(3, 'EIO', 'any');
  const h = fs.open('/y', 'create'); // 1
  fs.rename('/x', '/z'); // 2
  assert.throws(() => fs.remove('/z'), (e) => assertErrno(e, 'EIO')); // 3
  assert.equal(fs.exists('/z'), true, 'a failed remove removes nothing');
  h.writeSync(enc('ok'), 0);
  assert.throws(() => fs.failAt(0, 'EIO'), RangeError);
});

test('memory-fs: failAt with a path counts only calls on that path', async () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/db/wal');
  const data = fs.open('/db/data', 'create');
  const wal = fs.open('/db/wal/1', 'create');
  fs.failAt(2, 'ENOSPC', 'write', { path: '/db/data' });
  await data.write(enc('a'), 0);
  await wal.write(enc('w'), 0);
  await wal.write(enc('w'), 1);
  await assert.rejects(data.write(enc('b'), 1), (e) => assertErrno(e, 'ENOSPC'));
  assert.equal(read(fs, '/db/data'), 'a');
  assert.equal(read(fs, '/db/wal/1'), 'ww');
});

test('memory-fs: repeated crash() images of one moment are equal and independent', async () => {
  const fs = await withFile('base');
  const h = fs.open('/d/f', 'readwrite');
  await h.write(enc('-tail-that-is-long-enough'), 4);
  const a = fs.crash({ torn: true, seed: 5 });
  const b = fs.crash({ torn: true, seed: 5 });
  const clean = fs.crash();
  assert.deepEqual(a.readFile('/d/f'), b.readFile('/d/f'));
  assert.equal(read(clean, '/d/f'), 'base');
  a.flipByte('/d/f', 0);
  assert.equal(read(b, '/d/f').slice(0, 4), 'base');
});

test('memory-fs: ioCount counts every mutating call and nothing else', async () => {
  const fs = new MemoryFileSystem();
  assert.equal(fs.ioCount, 0);
  fs.mkdirp('/d');
  const h = fs.open('/d/f', 'create'); // 1
  fs.open('/d/f', 'create'); // existing: not counted
  fs.open('/d/f', 'read');
  await h.write(enc('a'), 0); // 2
  await h.writev([enc('b')], 1); // 3
  h.writeSync(enc('c'), 2); // 4
  await h.sync(); // 5
  h.syncSync(); // 6
  await h.truncate(1); // 7
  fs.rename('/d/f', '/d/g'); // 8
  fs.remove('/d/g'); // 9
  await fs.syncDir('/d'); // 10
  h.readSync(new Uint8Array(1), 0, 1, 0);
  h.size();
  fs.exists('/d');
  fs.readdir('/d');
  fs.listFiles();
  fs.lock('/d/LOCK');
  await h.close();
  assert.equal(fs.ioCount, 10);
});

test('memory-fs: crashAfter(n) lets n mutating calls through, then every call throws', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  fs.crashAfter(2);
  await h.write(enc('a'), 0);
  await h.sync();
  assert.equal(fs.powerCut, false);
  await assert.rejects(h.write(enc('b'), 1), (e) => assertErrno(e, 'EIO'));
  assert.equal(fs.powerCut, true);
  assert.throws(() => h.readSync(new Uint8Array(1), 0, 1, 0), (e) => assertErrno(e, 'EIO'));
  assert.throws(() => fs.exists('/d/f'), (e) => assertErrno(e, 'EIO'));
  assert.throws(() => fs.open('/d/f', 'read'), (e) => assertErrno(e, 'EIO'));
  const img = fs.crash();
  assert.equal(read(img, '/d/f'), 'a');
});

test('memory-fs: crashAfter rejects operations issued before the cut but not yet settled', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  fs.crashAfter(1);
  const first = h.write(enc('a'), 0); // takes effect, then the power goes before it settles
  assert.throws(() => h.writeSync(enc('b'), 1), (e) => assertErrno(e, 'EIO'));
  await assert.rejects(first, (e) => assertErrno(e, 'EIO'));
});

test('memory-fs: crashAfter(0) cuts the power at the next mutating call', async () => {
  const fs = await withFile('z');
  fs.crashAfter(0);
  fs.exists('/d/f'); // reads before the cut are fine
  assert.throws(() => fs.remove('/d/f'), (e) => assertErrno(e, 'EIO'));
  assert.equal(read(fs.crash(), '/d/f'), 'z');
});

test('memory-fs: flipByte changes current and durable bytes', async () => {
  const fs = await withFile('abcd');
  fs.flipByte('/d/f', 1, 0x20);
  assert.equal(read(fs, '/d/f'), 'aBcd');
  fs.flipByte('/d/f', 0);
  assert.equal(fs.readFile('/d/f')[0], 0x61 ^ 0xff);
  const img = fs.crash();
  assert.equal(img.readFile('/d/f')[1], 0x42);
  assert.equal(img.readFile('/d/f')[0], 0x61 ^ 0xff);
  assert.throws(() => img.flipByte('/d/f', 4), RangeError);
  assert.equal(img.fileSize('/d/f'), 4);
});

test('memory-fs: writeFile creates a durable file', () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/d');
  fs.writeFile('/d/w', enc('persist'));
  assert.equal(read(fs.crash(), '/d/w'), 'persist');
});

test('memory-fs: lock is exclusive per path per instance; crash images start unlocked', async () => {
  const fs = new MemoryFileSystem();
  fs.mkdirp('/db');
  const l = fs.lock('/db/LOCK');
  assert.throws(
    () => fs.lock('/db/LOCK'),
    (e) => e instanceof DatabaseLockedError && e.holderPid === undefined,
  );
  const other = fs.lock('/other/LOCK');
  l.release();
  l.release(); // idempotent
  const l2 = fs.lock('/db/LOCK');
  const img = fs.crash();
  img.lock('/db/LOCK').release();
  l2.release();
  other.release();
  new MemoryFileSystem().lock('/db/LOCK'); // another instance is another machine
});

test('memory-fs: async calls settle on a later turn so concurrent callers can group', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  let settled = false;
  const p = h.sync().then(() => (settled = true));
  await Promise.resolve();
  assert.equal(settled, false);
  await p;
  assert.equal(settled, true);
});

test('memory-fs: appending tens of MB in small writes is linear, and sync copies only new bytes', async () => {
  const fs = await withFile();
  const h = fs.open('/d/f', 'readwrite');
  const chunk = new Uint8Array(4096).fill(7);
  const total = 32 * 1024 * 1024;
  for (let pos = 0; pos < total; pos += chunk.length) {
    h.writeSync(chunk, pos);
    if ((pos / chunk.length) % 64 === 0) h.syncSync();
  }
  h.syncSync();
  assert.equal(h.size(), total);
  assert.equal(fs.crash().fileSize('/d/f'), total);
});

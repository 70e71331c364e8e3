/**
 * One opener per database directory: a second process or a second open in the same process gets
 * DatabaseLockedError; a lock left by a SIGKILLed holder is taken over; a clean close frees it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DatabaseLockedError, open } from '../../src/index.js';

const indexUrl = new URL('../../src/index.js', import.meta.url).href;

/**
 * A child that opens `dir` and reports on stdout: `ready` once it holds the database (then waits
 * for `close` on stdin, closes, prints `closed`), or `locked <holderPid>` / `error <name>` if open fails.
 */
const childSource = `
import { open, DatabaseLockedError } from ${JSON.stringify(indexUrl)};
const dir = process.argv[1];
let db;
try {
  db = await open(dir);
} catch (err) {
  if (err instanceof DatabaseLockedError) console.log('locked ' + err.holderPid);
  else console.log('error ' + (err && err.name) + ' ' + (err && err.message));
  process.exit(0);
}
await db.put('holder', String(process.pid));
console.log('ready');
process.stdin.setEncoding('utf8');
let input = '';
process.stdin.on('data', async (chunk) => {
  input += chunk;
  if (input.includes('close\\n')) {
    await db.close();
    console.log('closed');
    process.exit(0);
  }
});
`;

interface Child {
  readonly proc: ChildProcessWithoutNullStreams;
  /** Resolves with the next line the child prints. */
  nextLine(): Promise<string>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnChild(dir: string): Child {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', childSource, dir], { stdio: 'pipe' });
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let buffered = '';
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (c: string) => (stderr += c));
  proc.stdout.setEncoding('utf8');
  proc.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => {
      // A child that dies without printing would leave a waiter hanging: fail it instead.
      for (const w of waiters.splice(0)) w(`exited ${code} ${signal} ${stderr}`);
      resolve({ code, signal });
    }),
  );
  return {
    proc,
    exited,
    nextLine: () => {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(`exited ${stderr}`);
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-lock-'));
}

test('a second process cannot open a directory another process holds', async () => {
  const dir = tempDir();
  const holder = spawnChild(dir);
  try {
    assert.equal(await holder.nextLine(), 'ready');
    await assert.rejects(open(dir), (err: unknown) => {
      assert.ok(err instanceof DatabaseLockedError, `expected DatabaseLockedError, got ${String(err)}`);
      assert.equal(err.holderPid, holder.proc.pid);
      return true;
    });
    // And the other way round: another process is refused too.
    const other = spawnChild(dir);
    assert.equal(await other.nextLine(), `locked ${holder.proc.pid}`);
    await other.exited;
  } finally {
    holder.proc.kill('SIGKILL');
    await holder.exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a second open in the same process gets DatabaseLockedError, and works after close', async () => {
  const dir = tempDir();
  try {
    const db = await open(dir);
    await db.put('k', 'v1');
    await assert.rejects(open(dir), DatabaseLockedError);
    // The refused open must not have disturbed the first one.
    await db.put('k', 'v2');
    assert.equal(Buffer.from(db.get('k') ?? []).toString(), 'v2');
    await db.close();
    const again = await open(dir);
    assert.equal(Buffer.from(again.get('k') ?? []).toString(), 'v2');
    await again.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the lock of a SIGKILLed holder is taken over', async () => {
  const dir = tempDir();
  try {
    const holder = spawnChild(dir);
    assert.equal(await holder.nextLine(), 'ready');
    holder.proc.kill('SIGKILL');
    assert.equal((await holder.exited).signal, 'SIGKILL');
    const db = await open(dir);
    // The holder's acknowledged write survived its death.
    assert.equal(Buffer.from(db.get('holder') ?? []).toString(), String(holder.proc.pid));
    await db.put('after', 'takeover');
    await db.close();
    // A child process can take it over too once we are done.
    const next = spawnChild(dir);
    assert.equal(await next.nextLine(), 'ready');
    next.proc.stdin.write('close\n');
    assert.equal(await next.nextLine(), 'closed');
    await next.exited;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('after a clean close by another process, open succeeds', async () => {
  const dir = tempDir();
  try {
    const holder = spawnChild(dir);
    assert.equal(await holder.nextLine(), 'ready');
    holder.proc.stdin.write('close\n');
    assert.equal(await holder.nextLine(), 'closed');
    assert.equal((await holder.exited).code, 0);
    const db = await open(dir);
    assert.equal(Buffer.from(db.get('holder') ?? []).toString(), String(holder.proc.pid));
    await db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Bug pinned: two processes taking over the same stale lock at once could both win (each moved
// the lock aside, the second one moving the first one's fresh lock), so both wrote the database.
test('concurrent openers taking over a stale lock: exactly one wins', async () => {
  const dir = tempDir();
  const racers = 6;
  const trials = 8;
  try {
    const db = await open(dir);
    await db.close();
    for (let trial = 0; trial < trials; trial++) {
      // A lock left by a process that no longer exists (pid beyond pid_max on Linux).
      fs.writeFileSync(path.join(dir, 'LOCK'), '4194305 1\n');
      const startAt = Date.now() + 400;
      const source = `
        import { open } from ${JSON.stringify(indexUrl)};
        while (Date.now() < ${startAt});
        try {
          const db = await open(process.argv[1]);
          console.log('won');
          // Hold the lock until the parent has every racer's outcome (a slow starter must not
          // find it released and win legitimately).
          process.stdin.resume();
          await new Promise((r) => process.stdin.once('data', r));
          await db.close();
        } catch (err) {
          console.log(err.name);
        }`;
      const children: Array<ReturnType<typeof spawn>> = [];
      const outcomes = await Promise.all(
        Array.from({ length: racers }, () =>
          new Promise<string>((resolve) => {
            const child = spawn(process.execPath, ['--input-type=module', '-e', source, dir], { stdio: 'pipe' });
            children.push(child);
            let out = '';
            child.stdout.setEncoding('utf8');
            child.stderr.setEncoding('utf8');
            const line = (c: string): void => {
              out += c;
              if (out.includes('\n')) resolve(out.trim());
            };
            child.stdout.on('data', line);
            child.stderr.on('data', line);
            child.on('exit', () => resolve(out.trim()));
          }),
        ),
      );
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              c.stdin!.on('error', () => undefined); // a loser may be gone already
              if (c.exitCode !== null) return resolve();
              c.on('exit', () => resolve());
              c.stdin!.end('release\n');
            }),
        ),
      );
      const winners = outcomes.filter((o) => o === 'won').length;
      assert.equal(winners, 1, `trial ${trial}: ${winners} processes opened the database: ${outcomes.join(', ')}`);
      for (const o of outcomes) assert.ok(o === 'won' || o === 'DatabaseLockedError', o);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

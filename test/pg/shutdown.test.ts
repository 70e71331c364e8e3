/**
 * Shutting down with sessions connected (issue 7, "Server behaviour"): `srv.close()` and the CLI's
 * SIGTERM/SIGINT end every session with PostgreSQL's fast-shutdown FATAL 57P01 "terminating
 * connection due to administrator command" (a running statement is cancelled, an open
 * transaction rolled back), the process exits 0, and committed work is in the data directory.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import pg from 'pg';
import { open } from '../../src/index.js';
import { startPgServer } from '../../src/server/pg/index.js';
import { codeOf, eventually, needsServer, sleep } from './lib.js';

const mainJs = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** A client that records the error the server ends it with. */
async function client(port: number): Promise<{ c: pg.Client; errors: unknown[] }> {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  const errors: unknown[] = [];
  c.on('error', (e) => errors.push(e));
  await c.connect();
  return { c, errors };
}

async function committedRows(dir: string): Promise<unknown[]> {
  const db = await open(dir);
  try {
    return (await db.query('select id from s order by id')).rows.map((r) => (r as { id: number }).id);
  } finally {
    await db.close();
  }
}

describe('shutdown with sessions connected', needsServer('BasaltDB server shutdown'), () => {
  test('srv.close(): idle, in-transaction and running sessions get 57P01; committed work stays', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'basalt-pg-shutdown-'));
    try {
      const db = await open(dir);
      const srv = await startPgServer(db, { port: 0, host: '127.0.0.1' });
      const idle = await client(srv.address.port);
      const inTx = await client(srv.address.port);
      const running = await client(srv.address.port);
      await idle.c.query('create table s (id int primary key)');
      await idle.c.query('insert into s values (1)');
      await inTx.c.query('begin');
      await inTx.c.query('insert into s values (2)');
      const scan = running.c.query('select count(*) from generate_series(1, 100000000)');
      scan.catch(() => {});
      await sleep(100);
      await srv.close();
      const e = await scan.then(
        () => undefined,
        (x: unknown) => x,
      );
      assert.deepEqual([codeOf(e), (e as Error).message], ['57P01', 'terminating connection due to administrator command']);
      for (const s of [idle, inTx]) {
        assert.ok(await eventually(() => s.errors.length > 0), 'the idle session hears of it');
        assert.equal(codeOf(s.errors[0]), '57P01');
      }
      await db.close();
      assert.deepEqual(await committedRows(dir), [1]);
      await Promise.all([idle, inTx, running].map((s) => s.c.end().catch(() => {})));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`basalt serve on ${signal}: sessions end with 57P01, exit code 0, committed work durable`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'basalt-pg-serve-'));
      const child = spawn(process.execPath, [mainJs, 'serve', '--data', dir, '--pg-port', '0', '--redis-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      try {
        const port = await new Promise<number>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /postgres listening on 127\.0\.0\.1:(\d+)/.exec(out);
            if (m !== null) resolve(Number(m[1]));
          });
          child.once('exit', () => reject(new Error(`basalt serve exited before listening: ${stderr}`)));
        });
        const a = await client(port);
        const b = await client(port);
        await a.c.query('create table s (id int primary key)');
        await a.c.query('insert into s values (1), (2)');
        await b.c.query('begin');
        await b.c.query('insert into s values (3)');
        child.kill(signal);
        assert.equal(await exited, 0, `exit code (stderr: ${stderr})`);
        for (const s of [a, b]) {
          assert.ok(await eventually(() => s.errors.length > 0), 'the session hears of it');
          assert.equal(codeOf(s.errors[0]), '57P01');
        }
        await Promise.all([a, b].map((s) => s.c.end().catch(() => {})));
        assert.deepEqual(await committedRows(dir), [1, 2]);
      } finally {
        if (child.exitCode === null) child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

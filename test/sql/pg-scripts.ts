/**
 * Transcript scripts for the DDL and constraint tests (ddl.test.ts, constraints.test.ts): one
 * script is SQL statements, each followed by the outcome PostgreSQL 15 gave, as comment lines.
 * `npm test` plays each script on a fresh BasaltDB (MemoryFileSystem) and asserts the transcript
 * it produces equals the one written down. The same scripts can be played on a real PostgreSQL,
 * by hand (never in `npm test`):
 *
 *     node dist/test/sql/pg-scripts.js [--port 55437] [--write] [--basalt] [name-filter]
 *
 * prints, per script, where PostgreSQL's transcript differs from the one in the test file
 * (`--write` puts PostgreSQL's transcript into the test file's source, test/sql/*.test.ts) and,
 * with `--basalt`, where BasaltDB's differs from PostgreSQL's.
 *
 * Script format (a line-oriented transcript):
 *   - a statement is one or more lines, the last ending in `;`;
 *   - the outcome follows as lines starting with `-- `, in this order: notices
 *     (`-- NOTICE <sqlstate>: <text>`, `-- WARNING …`), then either the error
 *     (`-- ERROR <sqlstate>: <text>`, plus `-- DETAIL: <text>` when the error has a detail) or,
 *     for a statement that returns rows, one line per row (values joined by ` | `, NULL as
 *     `NULL`), or for INSERT/UPDATE/DELETE/MERGE/COPY the command tag (`-- INSERT 0 2`).
 *     A DDL statement that succeeds without notices has no outcome lines;
 *   - `@reopen` on its own line closes the database and opens it again on the same files
 *     (PostgreSQL: a new connection); `@session N` switches to session N (PostgreSQL: connection
 *     N), created on first use;
 *   - lines starting with `#` are comments.
 * Statements run one at a time in the order written, rows in the order returned (scripts that
 * check rows say ORDER BY).
 */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MemoryFileSystem, open, type Database, type Session } from '../../src/index.js';

export interface Script {
  readonly name: string;
  readonly text: string;
  /** Set when BasaltDB differs from PostgreSQL: the test stays, marked todo, with the reason. */
  readonly todo?: string;
}

type Step =
  | { readonly kind: 'sql'; readonly sql: string; readonly expected: readonly string[] }
  | { readonly kind: 'reopen' }
  | { readonly kind: 'session'; readonly n: number };

/** Split a script into steps; the expected outcome lines are kept without their `-- ` prefix. */
export function parseScript(text: string): Step[] {
  const steps: Step[] = [];
  let pending: string[] = [];
  let last: { sql: string; expected: string[] } | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('-- ') || line === '--') {
      assert.ok(last !== undefined && pending.length === 0, `outcome line without a statement: ${line}`);
      last.expected.push(line.slice(3));
      continue;
    }
    if (line.trim() === '' || line.startsWith('#')) continue;
    if (line.startsWith('@reopen')) {
      steps.push({ kind: 'reopen' });
      last = undefined;
      continue;
    }
    if (line.startsWith('@session ')) {
      steps.push({ kind: 'session', n: Number(line.slice(9)) });
      last = undefined;
      continue;
    }
    pending.push(line);
    if (line.endsWith(';')) {
      last = { sql: pending.join('\n'), expected: [] };
      steps.push({ kind: 'sql', sql: last.sql, expected: last.expected });
      pending = [];
    }
  }
  assert.equal(pending.length, 0, `statement without a final ';': ${pending.join(' ')}`);
  return steps;
}

/** One value as the transcript shows it (the same for node-postgres and BasaltDB values). */
export function showValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v).toString('hex')}`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const taggedCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'COPY']);

export interface Outcome {
  readonly notices: readonly { readonly severity: string; readonly code: string; readonly message: string }[];
  readonly error?: { readonly code: string; readonly message: string; readonly detail?: string | undefined };
  readonly command?: string;
  readonly tag?: string;
  readonly rows?: readonly (readonly unknown[])[];
  readonly hasFields?: boolean;
}

/** A message or detail of several lines, on one transcript line. */
function oneLine(s: string): string {
  return s.split('\n').join(' ¶ ');
}

/** The outcome lines of one statement. */
export function showOutcome(o: Outcome): string[] {
  const out = o.notices.map((n) => `${n.severity} ${n.code}: ${oneLine(n.message)}`);
  if (o.error !== undefined) {
    out.push(`ERROR ${o.error.code}: ${oneLine(o.error.message)}`);
    if (o.error.detail !== undefined && o.error.detail !== '') out.push(`DETAIL: ${oneLine(o.error.detail)}`);
    return out;
  }
  if (o.hasFields === true) {
    for (const r of o.rows ?? []) out.push(r.map(showValue).join(' | '));
  } else if (o.command !== undefined && taggedCommands.has(o.command) && o.tag !== undefined) {
    out.push(o.tag);
  }
  return out;
}

/** Runs statements somewhere: BasaltDB sessions or PostgreSQL connections. */
export interface Runner {
  run(sql: string): Promise<Outcome>;
  reopen(): Promise<void>;
  session(n: number): Promise<void>;
  close(): Promise<void>;
}

function errorOutcome(err: unknown, notices: Outcome['notices']): Outcome {
  const e = err as { code?: unknown; message?: unknown; detail?: unknown };
  if (typeof e.code !== 'string') throw err; // not an SQL error: a bug, let it surface
  return {
    notices,
    error: { code: e.code, message: String(e.message), detail: typeof e.detail === 'string' ? e.detail : undefined },
  };
}

/** BasaltDB on a MemoryFileSystem; `@reopen` closes and opens the same files. */
export async function basaltRunner(): Promise<Runner> {
  const fs = new MemoryFileSystem();
  let db: Database = await open('/db', { fs });
  let sessions = new Map<number, Session>();
  let current = 1;
  const get = (): Session => {
    let s = sessions.get(current);
    if (s === undefined) {
      s = db.session();
      sessions.set(current, s);
    }
    return s;
  };
  return {
    run: async (sql) => {
      const s = get();
      try {
        const r = await s.query(sql, [], { rowMode: 'array' });
        return {
          notices: r.notices,
          command: r.command,
          tag: r.commandTag,
          rows: r.rows as unknown[][],
          hasFields: r.fields.length > 0,
        };
      } catch (err) {
        return errorOutcome(err, []);
      }
    },
    reopen: async () => {
      await db.close();
      db = await open('/db', { fs });
      sessions = new Map();
      current = 1;
    },
    session: async (n) => {
      current = n;
    },
    close: async () => {
      await db.close();
    },
  };
}

/** Play a script; returns the transcript it produced (same format as the script). */
export async function playScript(runner: Runner, text: string): Promise<string> {
  const out: string[] = [];
  for (const step of parseScript(text)) {
    if (step.kind === 'reopen') {
      await runner.reopen();
      out.push('@reopen');
      continue;
    }
    if (step.kind === 'session') {
      await runner.session(step.n);
      out.push(`@session ${step.n}`);
      continue;
    }
    out.push(step.sql);
    for (const l of showOutcome(await runner.run(step.sql))) out.push(l === '' ? '--' : `-- ${l}`);
  }
  return out.join('\n');
}

/** The script as a transcript, comments and blank lines dropped (what playScript returns). */
export function normalize(text: string): string {
  const out: string[] = [];
  for (const step of parseScript(text)) {
    if (step.kind === 'reopen') out.push('@reopen');
    else if (step.kind === 'session') out.push(`@session ${step.n}`);
    else {
      out.push(step.sql);
      for (const l of step.expected) out.push(l === '' ? '--' : `-- ${l}`);
    }
  }
  return out.join('\n');
}

/** Play a script on a fresh BasaltDB and assert its transcript is the one written down. */
export async function checkScript(text: string): Promise<void> {
  const runner = await basaltRunner();
  try {
    assert.equal(await playScript(runner, text), normalize(text));
  } finally {
    await runner.close();
  }
}

/** Set by the PostgreSQL runner below, so that importing a test file only collects its scripts. */
const collectOnly = (globalThis as { pgScriptsCollect?: Script[] });

/** Register one node:test test per script (or, under the PostgreSQL runner, collect them). */
export function scriptTests(scripts: readonly Script[]): void {
  if (collectOnly.pgScriptsCollect !== undefined) {
    collectOnly.pgScriptsCollect.push(...scripts);
    return;
  }
  for (const s of scripts) {
    test(s.name, s.todo === undefined ? {} : { todo: s.todo }, () => checkScript(s.text));
  }
}

// ---------------------------------------------------------------------------------------------
// The PostgreSQL side (manual runs only).

async function pgRunner(port: number): Promise<Runner> {
  const { default: pg } = await import('pg');
  const base = { host: '127.0.0.1', port, user: 'postgres' };
  const admin = new pg.Client({ ...base, database: 'postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS pgscripts WITH (FORCE)');
  await admin.query('CREATE DATABASE pgscripts');
  let notices: Outcome['notices'][number][] = [];
  const clients = new Map<number, InstanceType<typeof pg.Client>>();
  let current = 1;
  const get = async (): Promise<InstanceType<typeof pg.Client>> => {
    let c = clients.get(current);
    if (c === undefined) {
      c = new pg.Client({ ...base, database: 'pgscripts' });
      c.on('notice', (n) => {
        notices.push({ severity: n.severity ?? 'NOTICE', code: n.code ?? '', message: n.message ?? '' });
      });
      await c.connect();
      clients.set(current, c);
    }
    return c;
  };
  const endAll = async (): Promise<void> => {
    for (const c of clients.values()) await c.end();
    clients.clear();
  };
  return {
    run: async (sql) => {
      const c = await get();
      notices = [];
      try {
        const r = await c.query({ text: sql, rowMode: 'array' });
        const tag = r.command === 'INSERT' ? `INSERT ${r.oid ?? 0} ${r.rowCount ?? 0}` : `${r.command} ${r.rowCount ?? ''}`.trim();
        return { notices, command: r.command, tag, rows: r.rows as unknown[][], hasFields: r.fields.length > 0 };
      } catch (err) {
        return errorOutcome(err, notices);
      }
    },
    reopen: async () => {
      await endAll();
      current = 1;
    },
    session: async (n) => {
      current = n;
    },
    close: async () => {
      await endAll();
      await admin.query('DROP DATABASE IF EXISTS pgscripts WITH (FORCE)');
      await admin.end();
    },
  };
}

/** A line diff (longest common subsequence) of two transcripts: `-` expected, `+` got. */
function lineDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let lastStmt = '';
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      if (!x[i]!.startsWith('-- ')) lastStmt = x[i]!;
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`    + ${y[j++]}    [after: ${lastStmt}]`);
    } else {
      out.push(`    - ${x[i++]}    [after: ${lastStmt}]`);
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let port = 55437;
  let write = false;
  let basalt = false;
  let filter = '';
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--port') port = Number(args[++i]);
    else if (a === '--write') write = true;
    else if (a === '--basalt') basalt = true;
    else filter = a;
  }
  const here = fileURLToPath(new URL('.', import.meta.url));
  const files = ['ddl.test', 'constraints.test'];
  let differ = 0;
  for (const f of files) {
    const collected: Script[] = [];
    collectOnly.pgScriptsCollect = collected;
    await import(pathToFileURL(`${here}${f}.js`).href);
    const srcPath = `${here}../../../test/sql/${f}.ts`;
    let src = await readFile(srcPath, 'utf8');
    let changed = false;
    for (const s of collected) {
      if (filter !== '' && !s.name.includes(filter)) continue;
      const pg = await pgRunner(port);
      let pgText: string;
      try {
        pgText = await playScript(pg, s.text);
      } finally {
        await pg.close();
      }
      const written = normalize(s.text);
      if (pgText !== written) {
        differ++;
        console.log(`PG differs from the script: ${f} / ${s.name}\n${lineDiff(written, pgText)}`);
        if (write) {
          if (src.includes(s.text)) {
            src = src.replace(s.text, () => `\n${pgText}\n`);
            changed = true;
          } else console.log(`  (could not find the script text in ${srcPath} to rewrite it)`);
        }
      } else console.log(`ok   ${f} / ${s.name}`);
      if (basalt) {
        const b = await basaltRunner();
        let bText: string;
        try {
          bText = await playScript(b, s.text);
        } finally {
          await b.close();
        }
        if (bText !== pgText) console.log(`  BasaltDB differs${s.todo !== undefined ? ' (todo)' : ''}:\n${lineDiff(pgText, bText)}`);
        else if (s.todo !== undefined) console.log(`  BasaltDB now agrees: drop the todo`);
      }
    }
    if (changed) await writeFile(srcPath, src);
  }
  process.exitCode = differ === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 2;
  });
}

/**
 * The psql part of `npm run interop:pg`: the scripts in this folder (`NN-name.sql`, run in order
 * with `psql -X -a -v ON_ERROR_STOP=1 -f`) and a list of `psql -c` command lines, each output
 * compared with what PostgreSQL 15 printed for the same input (`expected/<name>.out`, written by
 * `--against-postgres --write-expected`), after the documented differences in `differences.ts`
 * are applied to the expected text.
 *
 * A script or command's output is psql's stdout and stderr as one stream (both go to one file, so
 * they interleave as on a terminal), then `-- psql exit status N`, then the content of any file
 * the run created in its working directory (`\copy ... to 'file'`). Scripts that check errors
 * begin with `\set ON_ERROR_STOP off`; in the others an unexpected error stops the script, which
 * shows up as a difference.
 */
import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { differences } from './differences.js';
import type { Tap } from './tap.js';
import { lineDiff } from './tap.js';

/** The repository: the nearest ancestor of this module holding the basaltdb package.json. */
function findRepoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 16; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'basaltdb') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error('cannot find the repository (a package.json named basaltdb) above this script');
}

export const repoDir = findRepoRoot();
/** This folder in the source tree (scripts and expected outputs are not compiled into dist/). */
export const sourceDir = path.join(repoDir, 'test', 'interop', 'pg');
const expectedDir = path.join(sourceDir, 'expected');

/** A psql run that takes longer than this is killed and its check fails (a hang guard). */
const psqlTimeoutMs = 60_000;

export interface Target {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
}

/** `psql -c` command lines, run after the scripts, in this order. */
export const commands: ReadonlyArray<{ name: string; args: readonly string[] }> = [
  { name: 'cmd-select', args: ['-c', "SELECT 1 AS x, 'a' || 'b' AS y, 2.5::numeric AS z"] },
  { name: 'cmd-multi', args: ['-c', 'SELECT 1 AS a; SELECT 2 AS b, 3 AS c'] },
  {
    name: 'cmd-implicit-transaction',
    args: [
      '-c', 'CREATE TABLE cmd_t (a integer PRIMARY KEY, b text)',
      '-c', "INSERT INTO cmd_t VALUES (1, 'x'), (2, NULL)",
      '-c', "INSERT INTO cmd_t VALUES (3, 'y'); SELECT 1/0; INSERT INTO cmd_t VALUES (4, 'z')",
      '-c', "BEGIN; INSERT INTO cmd_t VALUES (5, 'five'); COMMIT; SELECT count(*) FROM cmd_t",
      '-c', 'SELECT * FROM cmd_t ORDER BY a',
    ],
  },
  { name: 'cmd-tuples-only', args: ['-At', '-F', '|', '-c', 'SELECT a, b FROM cmd_t ORDER BY a'] },
  { name: 'cmd-csv', args: ['--csv', '-c', 'SELECT * FROM cmd_t ORDER BY a'] },
  { name: 'cmd-expanded', args: ['-x', '-c', 'SELECT * FROM cmd_t ORDER BY a'] },
  { name: 'cmd-on-error-stop', args: ['-v', 'ON_ERROR_STOP=1', '-c', 'SELECT 1/0', '-c', "SELECT 'not reached'"] },
  { name: 'cmd-describe', args: ['-c', '\\dt cmd_t', '-c', '\\d cmd_t', '-c', '\\di cmd*'] },
  { name: 'cmd-list', args: ['-l'] },
  {
    name: 'cmd-settings',
    args: [
      '-At', '-c', 'SHOW server_encoding', '-c', 'SHOW client_encoding', '-c', 'SHOW DateStyle',
      '-c', 'SHOW standard_conforming_strings', '-c', 'SHOW TimeZone', '-c', 'SHOW transaction_isolation',
      '-c', 'SELECT current_user, session_user, current_schema()',
    ],
  },
  { name: 'cmd-stdin', args: ['-f', '-'] },
  { name: 'cmd-drop', args: ['-c', 'DROP TABLE cmd_t', '-c', 'DROP TABLE cmd_t'] },
];

/** What `cmd-stdin` feeds psql. */
const stdinScript = "SELECT 'from stdin' AS source;\n\\echo echoed\nSELECT count(*) FROM cmd_t;\n";

/** The environment psql runs in: nothing from ours that starts with PG, C messages, UTC. */
function psqlEnv(t: Target): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PG') && !k.startsWith('LC_')) env[k] = v;
  return {
    ...env,
    PGHOST: t.host,
    PGPORT: String(t.port),
    PGUSER: t.user,
    PGDATABASE: t.database,
    PGTZ: 'UTC',
    PGCLIENTENCODING: 'UTF8',
    PGCONNECT_TIMEOUT: '10',
    LC_ALL: 'C.UTF-8',
    LANG: 'C.UTF-8',
  };
}

/** Runs psql in `cwd` with stdout and stderr into one file; resolves with the exit status. */
function runPsql(t: Target, args: readonly string[], cwd: string, stdin: string | undefined, outFile: string): Promise<number | string> {
  return new Promise((resolve) => {
    const fd = openSync(outFile, 'w');
    const child = spawn('psql', ['-X', ...args], { cwd, env: psqlEnv(t), stdio: ['pipe', fd, fd] });
    closeSync(fd);
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `killed after ${psqlTimeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, psqlTimeoutMs);
    child.once('error', (e) => {
      failure = `could not run psql: ${e.message}`;
    });
    child.stdin?.on('error', () => {
      // psql may exit before reading its input; its output says why.
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve(failure ?? status ?? 'killed by a signal');
    });
    child.stdin?.end(stdin);
  });
}

/** Data files the scripts read with \copy (copied next to them). */
const dataFiles = ['measurements.csv'];

/** The files the runs read: the scripts and the data files; nothing else is copied. */
function inputFiles(): string[] {
  return [...readdirSync(sourceDir).filter((f) => /^\d\d-.*\.sql$/.test(f)), ...dataFiles].sort();
}

export function scriptNames(): string[] {
  return inputFiles().filter((f) => /^\d\d-.*\.sql$/.test(f)).map((f) => f.replace(/\.sql$/, ''));
}

/** Output of one run, in the form the expected files hold. */
function capture(work: string, outFile: string, status: number | string, inputs: ReadonlySet<string>): string {
  let text = readFileSync(outFile, 'utf8');
  rmSync(outFile);
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  text += `-- psql exit status ${String(status)}\n`;
  for (const f of readdirSync(work).sort()) {
    if (inputs.has(f)) continue;
    text += `-- file ${f}:\n${readFileSync(path.join(work, f), 'utf8')}`;
    rmSync(path.join(work, f), { recursive: true, force: true });
  }
  return text;
}

/** Expected output of `name` with the documented differences applied (when against BasaltDB). */
function expectedFor(name: string, againstPostgres: boolean): { text: string; problems: string[] } {
  const file = path.join(expectedDir, `${name}.out`);
  if (!existsSync(file)) return { text: '', problems: [`no expected output ${path.relative(sourceDir, file)}: run with --against-postgres --write-expected`] };
  let text = readFileSync(file, 'utf8');
  const problems: string[] = [];
  if (againstPostgres) return { text, problems };
  for (const d of differences) {
    if (d.file !== name) continue;
    if (!text.includes(d.postgres)) {
      problems.push(`documented difference "${d.why}" no longer matches PostgreSQL's output (stale entry in differences.ts)`);
      continue;
    }
    text = text.split(d.postgres).join(d.basalt);
  }
  return { text, problems };
}

export interface PsqlOptions {
  againstPostgres: boolean;
  writeExpected: boolean;
  /** Working directory for the runs (scripts and data files are copied into it). */
  work: string;
}

function describeRun(args: readonly string[]): string {
  return `psql -X ${args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ')}`;
}

async function checkOne(tap: Tap, t: Target, o: PsqlOptions, name: string, args: readonly string[], stdin?: string): Promise<void> {
  const inputs = new Set(inputFiles());
  const outFile = path.join(o.work, '..', `${name}.psql-output`);
  const status = await runPsql(t, args, o.work, stdin, outFile);
  const got = capture(o.work, outFile, status, inputs);
  if (o.writeExpected) {
    mkdirSync(expectedDir, { recursive: true });
    writeFileSync(path.join(expectedDir, `${name}.out`), got);
  }
  const { text: expected, problems } = expectedFor(name, o.againstPostgres);
  const same = got === expected && problems.length === 0;
  const detail = problems.length > 0 ? problems.join('\n') : `diff (- expected: PostgreSQL 15's output with the documented differences applied, + got):\n${lineDiff(expected, got)}`;
  tap.check(same, `psql: ${name}`, describeRun(args), detail);
}

/** Runs every script, then every command line; one check each. */
export async function partPsql(tap: Tap, t: Target, o: PsqlOptions): Promise<void> {
  rmSync(o.work, { recursive: true, force: true });
  mkdirSync(o.work, { recursive: true });
  for (const f of inputFiles()) copyFileSync(path.join(sourceDir, f), path.join(o.work, f));
  for (const name of scriptNames()) {
    await checkOne(tap, t, o, name, ['-a', '-v', 'ON_ERROR_STOP=1', '-f', `${name}.sql`]);
  }
  for (const c of commands) {
    await checkOne(tap, t, o, c.name, c.args, c.name === 'cmd-stdin' ? stdinScript : undefined);
  }
}

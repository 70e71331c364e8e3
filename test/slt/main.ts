// sqllogictest command line:
//   node dist/test/slt/main.js [--engine basalt|postgres] [--failures-ok FILE] [--verbose] <files…>
// Each script runs against a fresh, empty database: BasaltDB in memory (the default) or a
// throwaway PostgreSQL cluster (`--engine postgres`, the reference). Prints every failing record and ends with
// "N passed, N failed". Records listed in the --failures-ok file (lines "path:line<TAB>…", '#'
// comments) may fail; they are counted apart. Exit status 1 if any other record failed.

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SltParseError } from './format.js';
import { runFile } from './runner.js';
import type { SltEngine, SltFailure } from './runner.js';

/** Hands out engines on an empty database, one per script. */
export interface SltEngineProvider {
  newEngine(): Promise<SltEngine>;
  stop(): Promise<void>;
}

export type EngineStarter = () => Promise<SltEngineProvider>;

const ENGINES: Record<string, EngineStarter> = {
  basalt: async () => {
    const { startBasalt } = await import('./basalt-engine.js');
    return startBasalt();
  },
  postgres: async () => {
    const { startPostgres } = await import('./postgres-engine.js');
    return startPostgres();
  },
};

export interface AllowedFailure {
  readonly file: string;
  readonly line: number;
}

/** Parses a failures-ok list (the format of ../shared/sqllogictest/postgres15-failures.txt). */
export function parseFailuresList(text: string): AllowedFailure[] {
  const out: AllowedFailure[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const first = line.split(/\s+/)[0] ?? '';
    const m = /^(.+):(\d+)$/.exec(first);
    if (m === null) throw new Error(`bad failures-ok line: ${raw}`);
    out.push({ file: m[1]!.replace(/\\/g, '/'), line: Number(m[2]) });
  }
  return out;
}

/** Whether a failure at `file:line` is in the list (list paths match as path suffixes). */
export function isAllowed(allowed: readonly AllowedFailure[], file: string, line: number): boolean {
  const abs = resolve(file).replace(/\\/g, '/');
  return allowed.some((a) => a.line === line && (abs === a.file || abs.endsWith(`/${a.file.replace(/^\.\//, '')}`)));
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}

function printFailure(f: SltFailure): void {
  console.log(`FAIL ${f.file}:${f.line} (${f.kind})`);
  console.log(indent(f.sql));
  console.log('  expected:');
  console.log(indent(f.expected));
  console.log('  got:');
  console.log(indent(f.got));
}

function usage(): never {
  console.error('usage: main.js [--engine basalt|postgres] [--failures-ok FILE] [--verbose] <files…>');
  process.exit(2);
}

export async function main(argv: readonly string[]): Promise<number> {
  let engineName = 'basalt';
  let failuresOk: string | undefined;
  let verbose = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--engine') engineName = argv[++i] ?? usage();
    else if (a === '--failures-ok') failuresOk = argv[++i] ?? usage();
    else if (a === '--verbose') verbose = true;
    else if (a.startsWith('--')) usage();
    else files.push(a);
  }
  if (files.length === 0) usage();
  const starter = ENGINES[engineName];
  if (starter === undefined) {
    console.error(`unknown engine "${engineName}" (known: ${Object.keys(ENGINES).join(', ')})`);
    return 2;
  }
  const allowed = failuresOk === undefined ? [] : parseFailuresList(await readFile(failuresOk, 'utf8'));

  let passed = 0;
  let failed = 0;
  let allowedFailed = 0;
  let skipped = 0;
  const provider = await starter();
  // Stop the server (and remove its files) on Ctrl-C or termination too.
  let stopping: Promise<void> | undefined;
  const stopOnce = (): Promise<void> => (stopping ??= provider.stop());
  const onSignal = (signal: NodeJS.Signals): void => {
    void stopOnce().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (const file of files) {
      const engine = await provider.newEngine();
      try {
        const r = await runFile(file, engine);
        passed += r.passed;
        skipped += r.skipped;
        let fileFailed = 0;
        for (const f of r.failures) {
          if (isAllowed(allowed, f.file, f.line)) {
            allowedFailed++;
            if (verbose) console.log(`allowed failure ${f.file}:${f.line} (${f.kind}): ${f.got.split('\n')[0] ?? ''}`);
          } else {
            failed++;
            fileFailed++;
            printFailure(f);
          }
        }
        if (verbose || fileFailed > 0) {
          console.log(`# ${file}: ${r.passed} passed, ${r.failed} failed${r.halted ? ' (halted)' : ''}, ${r.skipped} skipped`);
        }
      } catch (err) {
        if (!(err instanceof SltParseError)) throw err;
        failed++;
        console.log(`FAIL ${err.message}`);
      } finally {
        await engine.close();
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopOnce();
  }
  console.log(`# ${allowedFailed} allowed failures (--failures-ok), ${skipped} records skipped by skipif/onlyif/halt`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href;
if (isEntry) {
  // Output piped into `head` and the like: stop printing, keep running so the server is stopped.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}

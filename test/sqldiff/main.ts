// Differential SQL test CLI: generates tables and queries from a seed, runs them on two engines and
// compares the results: by default BasaltDB (left, in memory, through the embedded API) against a
// throwaway PostgreSQL cluster started on a loopback port (right).
//   node dist/test/sqldiff/main.js [--seed N] [--queries N] [--kinds K,K…] [--left basalt] [--right postgres]
//   --kinds: which query kinds to mix (kinds.ts: select, window, cte, recursive, order, func, dml, or
//   all); default: DEFAULT_KINDS. A DML statement runs inside BEGIN … ROLLBACK on both engines and,
//   when it succeeds on both, the scratch table's contents are compared too.
//   node dist/test/sqldiff/main.js --seed N --print-schema   (the seed's tables as a SQL script, for repros)
// Without --seed the seed is random; it is printed first, so any run replays exactly.
// Prints the seed, progress lines and `N queries, N mismatches`; exit status 1 on any mismatch.

import { resolve } from 'node:path';
import { MemoryFileSystem, open } from '../../src/index.js';
import { startPostgres } from '../slt/postgres-engine.js';
import type { PostgresCluster } from '../slt/postgres-engine.js';
import { formatMismatch, FULLY_DETERMINED, runBoth } from './compare.js';
import type { Mismatch, SqlEngine, SqlOutcome } from './compare.js';
import { DEFAULT_KINDS, parseKinds } from './kinds.js';
import type { Kind } from './kinds.js';
import { generateMix } from './kinds.js';
import { generateSchema } from './schema.js';

/** Engines by name. Each gets a shared context that it can use to start servers lazily. */
interface EngineContext {
  postgres(): Promise<PostgresCluster>;
}

type EngineFactory = (ctx: EngineContext) => Promise<SqlEngine>;

/** The SLT adapter reports errors as "SQLSTATE message"; split it back. */
function splitError(text: string): { code: string; message: string } {
  const m = /^(\S{5}) ([\s\S]*)$/.exec(text);
  return m === null ? { code: '?????', message: text } : { code: m[1] ?? '?????', message: m[2] ?? '' };
}

/** SQLSTATE and message of an error thrown by BasaltDB; anything but a SqlError is '?????' (an engine bug). */
export function basaltError(err: unknown): { code: string; message: string } {
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  const code = typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : '?????';
  const message = typeof e.message === 'string' ? e.message : String(err);
  return { code, message: code === '?????' && typeof e.name === 'string' ? `${e.name}: ${message}` : message };
}

export const ENGINES: Record<string, EngineFactory> = {
  async basalt() {
    const db = await open('/basalt-sqldiff', { fs: new MemoryFileSystem(), durability: 'none' });
    return {
      name: 'basalt',
      async execute(sql: string): Promise<SqlOutcome> {
        try {
          const r = await db.query(sql, [], { rowMode: 'array' });
          return { rows: r.rows as unknown[][] };
        } catch (err) {
          return { error: basaltError(err) };
        }
      },
      close: () => db.close(),
    };
  },
  async postgres(ctx) {
    const engine = await (await ctx.postgres()).newEngine();
    return {
      name: 'postgres',
      async execute(sql: string): Promise<SqlOutcome> {
        const r = await engine.execute(sql);
        return 'error' in r ? { error: splitError(r.error) } : { rows: r.rows };
      },
      close: () => engine.close(),
    };
  },
};

function usage(): never {
  console.error(`usage: main.js [--seed N] [--queries N] [--left ENGINE] [--right ENGINE] (engines: ${Object.keys(ENGINES).join(', ')}; default --left basalt --right postgres)`);
  process.exit(2);
}

export async function main(argv: readonly string[]): Promise<number> {
  let seed = Math.floor(Math.random() * 2 ** 31);
  let count = 10_000;
  let leftName = 'basalt';
  let rightName = 'postgres';
  let printSchema = false;
  let kinds: readonly Kind[] = DEFAULT_KINDS;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--print-schema') {
      printSchema = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) usage();
    if (a === '--seed') seed = Number(value);
    else if (a === '--queries') count = Number(value);
    else if (a === '--left') leftName = value;
    else if (a === '--kinds') kinds = parseKinds(value);
    else if (a === '--right') rightName = value;
    else usage();
    i++;
  }
  if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(count) || count < 0) usage();
  if (printSchema) {
    console.log(`-- sqldiff schema, seed ${seed}`);
    for (const sql of generateSchema(seed).statements) console.log(`${sql};`);
    return 0;
  }
  const leftFactory = ENGINES[leftName];
  const rightFactory = ENGINES[rightName];
  if (leftFactory === undefined || rightFactory === undefined) {
    console.error(`unknown engine (known: ${Object.keys(ENGINES).join(', ')})`);
    return 2;
  }
  console.log(`sqldiff seed=${seed} queries=${count} kinds=${kinds.join(',')} left=${leftName} right=${rightName}`);

  let cluster: Promise<PostgresCluster> | undefined;
  const ctx: EngineContext = { postgres: () => (cluster ??= startPostgres()) };
  let stopping: Promise<void> | undefined;
  const stopOnce = (): Promise<void> => (stopping ??= cluster === undefined ? Promise.resolve()
    : cluster.then((c) => c.stop(), () => undefined));
  const onSignal = (signal: NodeJS.Signals): void => {
    void stopOnce().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let mismatches = 0;
  let errors = 0;
  const perKind = new Map<string, { queries: number; mismatches: number }>();
  const engines: SqlEngine[] = [];
  try {
    const left = await leftFactory(ctx);
    engines.push(left);
    const right = await rightFactory(ctx);
    engines.push(right);
    const schema = generateSchema(seed);
    let index = 0;
    for (const sql of schema.statements) {
      const m = await runBoth(left, right, ++index, sql, FULLY_DETERMINED);
      if (m !== undefined) {
        mismatches++;
        console.log(formatMismatch(seed, m));
      }
    }
    const queries = generateMix(schema, seed, count, kinds);
    const step = Math.max(1, Math.ceil(count / 10));
    let done = 0;
    for (const q of queries) {
      const kind = q.kind ?? 'select';
      const counts = perKind.get(kind) ?? { queries: 0, mismatches: 0 };
      perKind.set(kind, counts);
      counts.queries++;
      let leftFailed = false;
      let m: Mismatch | undefined;
      if (q.check !== undefined) {
        await Promise.all([left.execute('BEGIN'), right.execute('BEGIN')]);
        let rightFailed = false;
        m = await runBoth(left, right, ++index, q.sql, q, () => { errors++; leftFailed = true; }, () => { rightFailed = true; });
        if (m === undefined && !leftFailed && !rightFailed) m = await runBoth(left, right, index, q.check, FULLY_DETERMINED);
        if (m !== undefined && m.sql === q.check) m = { ...m, sql: `${q.sql}; ${q.check}`, reason: `table contents after the statement: ${m.reason}` };
        await Promise.all([left.execute('ROLLBACK'), right.execute('ROLLBACK')]);
      } else {
        m = await runBoth(left, right, ++index, q.sql, q, () => { errors++; });
      }
      if (m !== undefined) {
        mismatches++;
        counts.mismatches++;
        console.log(formatMismatch(seed, m));
      }
      done++;
      if (done % step === 0 || done === count) {
        console.log(`progress: ${done}/${count} queries, ${mismatches} mismatches, ${errors} errored on the left engine`);
      }
    }
  } finally {
    for (const e of engines) await e.close().catch(() => undefined);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopOnce();
  }
  console.log(`by kind: ${[...perKind].map(([k, c]) => `${k} ${c.queries}/${c.mismatches}`).join(', ')} (queries/mismatches)`);
  if (mismatches > 0) console.log(`replay: npm run sqldiff -- --seed ${seed} --queries ${count} --kinds ${kinds.join(',')} --left ${leftName} --right ${rightName}`);
  console.log(`${count} queries, ${mismatches} mismatches (seed ${seed})`);
  return mismatches > 0 ? 1 : 0;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href;
if (isEntry) {
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

/**
 * The long parser fuzz run (for `npm run soak`): many seeded random, truncated and mutated
 * statements; every one must parse or fail with a SqlError that has a SQLSTATE and a position.
 *
 * Usage: node dist/test/fuzz/parser-soak.js [--iterations N] [--seed S]
 * Prints the seed; exits 1 on failure (printing the inputs), 2 on a bad argument.
 */
import { parseArgs } from 'node:util';
import { randomSeed } from '../lib/rng.js';
import { runParserFuzz } from './sql-parser-fuzz-lib.js';

function main(): void {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ options: { iterations: { type: 'string' }, seed: { type: 'string' } }, strict: true }));
  } catch (err) {
    process.stderr.write(`parser-soak: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
  const num = (v: string | boolean | undefined, fallback: number): number => {
    if (v === undefined) return fallback;
    if (typeof v !== 'string' || !/^\d+$/.test(v)) {
      process.stderr.write(`parser-soak: expected a non-negative integer, got '${String(v)}'\n`);
      process.exit(2);
    }
    return Number(v);
  };
  const seed = num(values['seed'], randomSeed());
  const iterations = num(values['iterations'], 300_000);
  console.log(`parser soak: seed ${seed}, ${iterations} inputs`);
  const r = runParserFuzz(seed, iterations);
  console.log(`parser soak: ${r.iterations} inputs, ${r.parsed} parsed, ${r.rejected} rejected with a syntax error, ${r.failures.length} failures (seed ${seed})`);
  if (r.failures.length > 0) {
    for (const f of r.failures.slice(0, 20)) console.log(`FAIL ${JSON.stringify(f.input.slice(0, 300))}: ${f.problem}`);
    process.exit(1);
  }
}

main();

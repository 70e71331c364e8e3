// The parser never crashes or hangs: random, truncated and mutated statements and deep nesting
// either parse or fail with a SqlError carrying a SQLSTATE and a position (issue 6, #4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { randomSeed } from '../lib/rng.js';
import { runParserFuzz } from './sql-parser-fuzz-lib.js';

test('parser fuzz: every input parses or throws a positioned SqlError', () => {
  const seed = process.env['SQL_FUZZ_SEED'] !== undefined ? Number(process.env['SQL_FUZZ_SEED']) : randomSeed();
  const iterations = Number(process.env['SQL_FUZZ_ITERATIONS'] ?? 3000);
  console.log(`sql-parser fuzz seed ${seed} (SQL_FUZZ_SEED=${seed} SQL_FUZZ_ITERATIONS=${iterations} to replay)`);
  const result = runParserFuzz(seed, iterations);
  const shown = result.failures.slice(0, 5).map((f) => `${JSON.stringify(f.input.slice(0, 300))}: ${f.problem.slice(0, 500)}`);
  assert.deepEqual(shown, [], `seed ${seed}: ${result.failures.length} failures`);
  // Both outcomes occur: the corpus and its prefixes parse, mutations mostly do not.
  assert.ok(result.parsed > 0 && result.rejected > 0, `parsed ${result.parsed}, rejected ${result.rejected}`);
});

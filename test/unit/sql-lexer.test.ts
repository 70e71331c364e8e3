// The SQL lexer: PostgreSQL's token rules, positions for errors, and no crash on any input.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqlLexError, tokenize } from '../../src/sql/index.js';
import { randomSeed, Rng } from '../lib/rng.js';

const kinds = (sql: string): string[] => tokenize(sql).map((t) => `${t.kind}:${t.value}`);

test('identifiers fold to lower case; quoted ones keep case and "" ; keywords are recognised', () => {
  assert.deepEqual(kinds('SELECT Foo, "Bar""x", "select" FROM t'), [
    'keyword:select', 'ident:foo', 'punct:,', 'ident:Bar"x', 'punct:,', 'ident:select', 'keyword:from', 'ident:t', 'eof:',
  ]);
  assert.equal(tokenize('"select"')[0]!.quoted, true);
});

test('string constants: quotes, E escapes, dollar quoting, continuation across a newline', () => {
  assert.deepEqual(kinds("'it''s'"), ['string:it\'s', 'eof:']);
  assert.deepEqual(kinds("E'a\\nb\\x41\\101\\u00e9'"), ['string:a\nbAAé', 'eof:']);
  assert.deepEqual(kinds('$$a \'b\' $x$ c$$'), ["string:a 'b' $x$ c", 'eof:']);
  assert.deepEqual(kinds('$fn$ body $$ $fn$'), ['string: body $$ ', 'eof:']);
  assert.deepEqual(kinds("'ab'\n  'cd'"), ['string:abcd', 'eof:']);
  assert.deepEqual(kinds("'ab' 'cd'"), ['string:ab', 'string:cd', 'eof:']);
  assert.deepEqual(kinds("B'0101' X'1f'"), ['bitstring:b0101', 'bitstring:x1f', 'eof:']);
});

test('numbers, parameters, casts, operators and comments', () => {
  assert.deepEqual(kinds('1 1.5 .5 1e10 2.5E-3 5.'), ['integer:1', 'numeric:1.5', 'numeric:.5', 'numeric:1e10', 'numeric:2.5E-3', 'numeric:5.', 'eof:']);
  assert.deepEqual(kinds('$1 + $23::int'), ['param:1', 'op:+', 'param:23', 'op:::', 'keyword:int', 'eof:']);
  assert.deepEqual(kinds("a<=b<>c!=d||e->>'k' @> f"), ['ident:a', 'op:<=', 'ident:b', 'op:<>', 'ident:c', 'op:<>', 'ident:d', 'op:||', 'ident:e', 'op:->>', "string:k", 'op:@>', 'ident:f', 'eof:']);
  // A trailing + or - is split off an operator made only of + - * / < > =.
  assert.deepEqual(kinds('a=-1'), ['ident:a', 'op:=', 'op:-', 'integer:1', 'eof:']);
  assert.deepEqual(kinds('a*-1'), ['ident:a', 'op:*', 'op:-', 'integer:1', 'eof:']);
  assert.deepEqual(kinds('select 1 -- c\n/* a /* nested */ b */ , 2'), ['keyword:select', 'integer:1', 'punct:,', 'integer:2', 'eof:']);
  assert.deepEqual(kinds('a[1:2].b;'), ['ident:a', 'punct:[', 'integer:1', 'punct::', 'integer:2', 'punct:]', 'punct:.', 'ident:b', 'punct:;', 'eof:']);
});

test('errors carry SQLSTATE 42601 (or 22P02/22025) and the 1-based character position', () => {
  const cases: Array<[string, number, RegExp]> = [
    ["select 'abc", 8, /unterminated quoted string/],
    ['select "abc', 8, /unterminated quoted identifier/],
    ['select ""', 8, /zero-length delimited identifier/],
    ['select /* x', 8, /unterminated \/\* comment/],
    ['select $a$ x', 8, /unterminated dollar-quoted string/],
    ['select 12abc', 8, /trailing junk after numeric literal/],
    ['select é, \'x', 11, /unterminated quoted string/],
  ];
  for (const [sql, position, message] of cases) {
    assert.throws(
      () => tokenize(sql),
      (err: unknown) => err instanceof SqlLexError && err.position === position && message.test(err.message) && err.code === '42601',
      sql,
    );
  }
  assert.throws(() => tokenize("select B'012'"), (err: unknown) => err instanceof SqlLexError && err.code === '22P02');
});

test('random and mutated input: tokens or a SqlLexError, never another exception or a hang', () => {
  const seed = process.env['SEED'] !== undefined ? Number(process.env['SEED']) : randomSeed();
  console.log(`sql-lexer fuzz seed ${seed}`);
  const rng = new Rng(seed);
  const samples = ["select a, b from t where x = 'y' and z::int > $1 -- c", 'insert into t values (1, E\'\\n\', $$q$$)', 'update t set a = a + 1 /* x */'];
  const alphabet = ` \n\t'"$-/*.,;:()[]+<>=!@#%^&|~\`?0123456789eExXbBabz\\é`;
  for (let round = 0; round < 3000; round++) {
    let sql: string;
    if (rng.chance(0.5)) {
      sql = Array.from({ length: rng.int(40) }, () => alphabet[rng.int(alphabet.length)]).join('');
    } else {
      const base = rng.pick(samples);
      const cut = rng.int(base.length + 1);
      sql = base.slice(0, cut) + alphabet[rng.int(alphabet.length)] + base.slice(cut + rng.int(3));
    }
    try {
      const tokens = tokenize(sql);
      assert.equal(tokens.at(-1)!.kind, 'eof');
    } catch (err) {
      assert.ok(err instanceof SqlLexError, `round ${round}: ${JSON.stringify(sql)} threw ${String(err)}`);
      assert.ok(err.position >= 1 && err.position <= sql.length + 1, `position in range for ${JSON.stringify(sql)}`);
    }
  }
});

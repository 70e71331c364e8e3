// The SQL parser: AST shapes for each construct, PostgreSQL 15's operator precedence, keyword
// classes, source slices, and syntax errors worded and placed exactly as PostgreSQL 15 reports them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Expr, FromItem, Query, Select, Statement } from '../../src/sql/ast.js';
import { SqlError } from '../../src/sql/errors.js';
import { parse, parseExpression } from '../../src/sql/parser.js';

/** A compact rendering of an expression: `(op left right)`, names, literals. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'column':
      return [...e.qualifier, e.name].join('.');
    case 'literal':
      return e.type === 'null' ? 'NULL' : e.type === 'bool' ? String(e.value) : e.type === 'string' ? `'${e.value}'` : e.type === 'typed' ? `${e.typeName.name}${e.typeName.mods.length > 0 ? `(${e.typeName.mods.join(',')})` : ''}'${e.value}'` : e.value;
    case 'param':
      return `$${e.index}`;
    case 'unary':
      return `(${e.op} ${show(e.operand)})`;
    case 'binary':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'bool':
      return `(${e.op} ${e.args.map(show).join(' ')})`;
    case 'not':
      return `(not ${show(e.arg)})`;
    case 'isnull':
      return `(${e.negated ? 'notnull' : 'isnull'} ${show(e.arg)})`;
    case 'isbool':
      return `(is${e.negated ? ' not' : ''} ${e.value} ${show(e.arg)})`;
    case 'isdistinct':
      return `(${e.negated ? 'not ' : ''}distinct ${show(e.left)} ${show(e.right)})`;
    case 'between':
      return `(${e.negated ? 'not ' : ''}between${e.symmetric ? ' symmetric' : ''} ${show(e.arg)} ${show(e.low)} ${show(e.high)})`;
    case 'like':
      return `(${e.negated ? 'not ' : ''}${e.op} ${show(e.arg)} ${show(e.pattern)}${e.escape === null ? '' : ' ' + show(e.escape)})`;
    case 'inlist':
      return `(${e.negated ? 'not ' : ''}in ${show(e.arg)} [${e.list.map(show).join(' ')}])`;
    case 'insubquery':
      return `(${e.negated ? 'not ' : ''}in ${show(e.arg)} <query>)`;
    case 'exists':
      return '(exists <query>)';
    case 'subquery':
      return e.array ? '(array <query>)' : '<query>';
    case 'quantified':
      return `(${e.op} ${e.quantifier} ${show(e.left)} ${e.array === null ? '<query>' : show(e.array)})`;
    case 'case':
      return `(case${e.operand === null ? '' : ' ' + show(e.operand)} ${e.whens.map((w) => `${show(w.when)}=>${show(w.then)}`).join(' ')}${e.else === null ? '' : ' else ' + show(e.else)})`;
    case 'cast':
      return `(cast ${show(e.arg)} ${e.type.name}${e.type.mods.length > 0 ? `(${e.type.mods.join(',')})` : ''}${e.type.array ? '[]' : ''})`;
    case 'func':
      return `${e.name.schema === null ? '' : e.name.schema + '.'}${e.name.name}(${e.distinct ? 'distinct ' : ''}${e.star ? '*' : e.args.map(show).join(' ')}${e.orderBy.length > 0 ? ' order ' + e.orderBy.map((o) => show(o.expr) + (o.desc ? ' desc' : '')).join(' ') : ''})${e.filter === null ? '' : ` filter ${show(e.filter)}`}${e.over === null ? '' : ' over'}`;
    case 'array':
      return `[${e.elements.map(show).join(' ')}]`;
    case 'subscript':
      return `${show(e.arg)}[${e.index === null ? '' : show(e.index)}${e.slice ? ':' + (e.upper === null ? '' : show(e.upper)) : ''}]`;
    case 'row':
      return `(row ${e.items.map(show).join(' ')})`;
    case 'star':
      return [...e.qualifier, '*'].join('.');
    case 'special':
      return e.name + (e.precision === null ? '' : `(${e.precision})`);
    case 'collate':
      return `(collate ${show(e.arg)} ${e.collation})`;
    case 'default':
      return 'DEFAULT';
  }
}

const one = (sql: string): Statement => {
  const r = parse(sql);
  assert.equal(r.length, 1, sql);
  return r[0]!.statement;
};
const query = (sql: string): Query => {
  const s = one(sql);
  assert.equal(s.kind, 'query', sql);
  return s as Query;
};
const select = (sql: string): Select => {
  const q = query(sql);
  assert.equal(q.body.kind, 'select', sql);
  return q.body as Select;
};
/** The select list of `SELECT <list>` rendered. */
const items = (list: string): string[] => select(`SELECT ${list}`).items.map((i) => show(i.expr) + (i.alias === null ? '' : ` AS ${i.alias}`));
const expr = (text: string): string => show(parseExpression(text));

test('operator precedence and associativity follow PostgreSQL 15', () => {
  assert.equal(expr('- 2 ^ 2'), '(^ -2 2)');
  assert.equal(expr('-a ^ 2'), '(^ (- a) 2)');
  assert.equal(expr('2 ^ 3 ^ 2'), '(^ (^ 2 3) 2)');
  assert.equal(expr('1 + 2 * 3 - 4 / 2 % 3'), '(- (+ 1 (* 2 3)) (% (/ 4 2) 3))');
  assert.equal(expr("a || b + 1"), '(|| a (+ b 1))');
  assert.equal(expr("a + b || c"), '(|| (+ a b) c)');
  assert.equal(expr('NOT a = b'), '(not (= a b))');
  assert.equal(expr('NOT a AND b OR c'), '(or (and (not a) b) c)');
  assert.equal(expr('a OR b AND c OR d'), '(or a (and b c) d)');
  assert.equal(expr('a = b IS NULL'), '(isnull (= a b))');
  assert.equal(expr('a IS NULL IS NULL'), '(isnull (isnull a))');
  assert.equal(expr('a < b + 1'), '(< a (+ b 1))');
  assert.equal(expr("a LIKE 'x' || 'y'"), "(like a (|| 'x' 'y'))");
  assert.equal(expr("a = b LIKE c"), '(= a (like b c))');
  assert.equal(expr('a BETWEEN 1 AND 2 AND b'), '(and (between a 1 2) b)');
  assert.equal(expr('a NOT BETWEEN SYMMETRIC b + 1 AND c'), '(not between symmetric a (+ b 1) c)');
  assert.equal(expr('a IN (1) IN (true)'), '(in (in a [1]) [true])');
  assert.equal(expr('x = ANY(y) = true'), '(= (= any x y) true)');
  assert.equal(expr('a + b = ANY(ARRAY[1])'), '(= any (+ a b) [1])');
  assert.equal(expr('1 = NOT 2 = 3'), '(= 1 (not (= 2 3)))');
  assert.equal(expr('- a::int'), '(- (cast a int4))');
  assert.equal(expr('~ 1 + 2'), '(~ (+ 1 2))');
  assert.equal(expr("a COLLATE \"C\" < b"), '(< (collate a C) b)');
  assert.equal(expr("ts AT TIME ZONE 'UTC' + i"), "(+ timezone('UTC' ts) i)");
  assert.equal(expr('a IS NOT DISTINCT FROM b + 1'), '(not distinct a (+ b 1))');
  assert.equal(expr('a OPERATOR(pg_catalog.+) b * 2'), '(+ a (* b 2))');
  assert.equal(expr('- -1'), '1');
  assert.equal(expr('-9223372036854775808'), '-9223372036854775808');
});

test('comparisons and LIKE-level operators are non-associative, as in PostgreSQL', () => {
  for (const [sql, at] of [['select 1 = 2 = 3', 14], ['select 1 < 2 > 3', 14], ['select 1 like \'a\' like \'b\'', 19], ['select 1 is distinct from 2 is null', 29], ['select not 1 = 2 = 3', 18]] as const) {
    assert.throws(() => parse(sql), (e: unknown) => e instanceof SqlError && e.code === '42601' && e.position === at, sql);
  }
});

test('select lists: labels with AS take any keyword; bare labels only the ones PostgreSQL allows', () => {
  assert.deepEqual(items('1 AS from, 2 AS "select", 3 select, 4 x'), ['1 AS from', '2 AS select', '3 AS select', '4 AS x']);
  // A keyword operator with nothing after it is a label (SELECT 1 and), otherwise the operator.
  assert.deepEqual(items('1 and'), ['1 AS and']);
  assert.deepEqual(items('1 and 2'), ['(and 1 2)']);
  assert.deepEqual(items('1 is, 2 not, 3 like, 4 at, 5 collate'), ['1 AS is', '2 AS not', '3 AS like', '4 AS at', '5 AS collate']);
  assert.deepEqual(items('1 isnull'), ['(isnull 1)']);
  assert.deepEqual(items('key, level, name, text, date, year, value, data'), ['key', 'level', 'name', 'text', 'date', 'year', 'value', 'data']);
  assert.deepEqual(items('t.*, *'), ['t.*', '*']);
  assert.throws(() => parse('select 1 day'), /syntax error at or near "day"/);
  assert.throws(() => parse('select 1 as'), /syntax error at end of input/);
});

test('literals, typed literals, casts and arrays', () => {
  assert.deepEqual(items("DATE '2020-01-01', text 'x', int4 '1', varchar(3) 'abc', char 'ab', DOUBLE PRECISION '1.5'"), [
    "date'2020-01-01'", "text'x'", "int4'1'", "varchar(3)'abc'", "bpchar'ab'", "float8'1.5'",
  ]);
  // Interval qualifiers become PostgreSQL's interval typmod list: [field mask] or [mask, precision].
  assert.deepEqual(items("INTERVAL '1' DAY, INTERVAL '1' YEAR TO MONTH, INTERVAL '1' DAY TO SECOND(3), INTERVAL(2) '1', INTERVAL '1 day'"), [
    "interval(8)'1'", "interval(6)'1'", "interval(7176,3)'1'", "interval(32767,2)'1'", "interval'1 day'",
  ]);
  assert.deepEqual(items("TIMESTAMP WITH TIME ZONE '2020-01-01', TIME(3) '10:00', TIMESTAMP '2020-01-01'"), [
    "timestamptz'2020-01-01'", "time(3)'10:00'", "timestamp'2020-01-01'",
  ]);
  assert.deepEqual(items("x::int[], '{1,2}'::int[], CAST(a AS numeric(10,2)), a::character varying(5), a::double precision, a::float(10), a::char"), [
    '(cast x int4[])', "(cast '{1,2}' int4[])", '(cast a numeric(10,2))', '(cast a varchar(5))', '(cast a float8)', '(cast a float4)', '(cast a bpchar(1))',
  ]);
  assert.deepEqual(items('ARRAY[1, 2], ARRAY[[1], [2]], ARRAY(SELECT 1), a[1], a[1:2], a[:2], (a)[1]'), [
    '[1 2]', '[[1] [2]]', '(array <query>)', 'a[1]', 'a[1:2]', 'a[:2]', 'a[1]',
  ]);
  assert.deepEqual(items("1, 1.5, 1e3, 'it''s', E'a\\nb', $$x$$, B'01', X'1F', TRUE, NULL, $2"), ['1', '1.5', '1e3', "'it's'", "'a\nb'", "'x'", 'b01', 'x1F', 'true', 'NULL', '$2']);
});

test('special function syntaxes arrive normalised as ordinary calls', () => {
  assert.deepEqual(items("EXTRACT(YEAR FROM d), POSITION('b' IN s), SUBSTRING(s FROM 2 FOR 3), SUBSTRING(s FOR 2), TRIM(BOTH 'x' FROM s), TRIM(LEADING FROM s), TRIM(s), OVERLAY(s PLACING 'X' FROM 2 FOR 1)"), [
    "extract('year' d)", "position(s 'b')", 'substring(s 2 3)', 'substring(s 1 2)', "btrim(s 'x')", 'ltrim(s)', 'btrim(s)', "overlay(s 'X' 2 1)",
  ]);
  assert.deepEqual(items('COALESCE(a, b), NULLIF(a, 0), GREATEST(a, 1), LEAST(a, 1), CURRENT_DATE, CURRENT_TIMESTAMP(3), CURRENT_USER, CURRENT_SCHEMA'), [
    'coalesce(a b)', 'nullif(a 0)', 'greatest(a 1)', 'least(a 1)', 'current_date', 'current_timestamp(3)', 'current_user', 'current_schema',
  ]);
  assert.deepEqual(items("count(*), count(DISTINCT a), string_agg(c, ',' ORDER BY b DESC), sum(a) FILTER (WHERE a > 0), percentile_cont(0.5) WITHIN GROUP (ORDER BY a)"), [
    'count(*)', 'count(distinct a)', "string_agg(c ',' order b desc)", 'sum(a) filter (> a 0)', 'percentile_cont(0.5 order a)',
  ]);
  assert.deepEqual(items('CASE WHEN a THEN 1 ELSE 2 END, CASE a WHEN 1 THEN 2 END, ROW(1, 2), (1, 2), EXISTS (SELECT 1)'), [
    '(case a=>1 else 2)', '(case a 1=>2)', '(row 1 2)', '(row 1 2)', '(exists <query>)',
  ]);
});

test('IN lists, IN subqueries, ANY/ALL with arrays and subqueries, row comparisons', () => {
  assert.deepEqual(items('a IN (1, 2), a NOT IN (SELECT 1), (a, b) IN ((1, 2)), a = ANY (arr), a > ALL (SELECT 1), a LIKE ANY (p), a NOT LIKE ALL (p)'), [
    '(in a [1 2])', '(not in a <query>)', '(in (row a b) [(row 1 2)])', '(= any a arr)', '(> all a <query>)', '(~~ any a p)', '(!~~ all a p)',
  ]);
  assert.deepEqual(items('((SELECT 1) + 1), ((SELECT 1)), ((SELECT 1) UNION SELECT 2)'), ['(+ <query> 1)', '<query>', '<query>']);
});

test('window functions: OVER with partition, order and frames; WINDOW clause', () => {
  const sql = 'SELECT sum(a) OVER (w PARTITION BY b ORDER BY c ROWS BETWEEN 1 PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES), rank() OVER w FROM t WINDOW w AS (ORDER BY a)';
  const s = select(sql);
  const f = s.items[0]!.expr;
  assert.equal(f.kind, 'func');
  if (f.kind !== 'func' || f.over === null) return;
  assert.equal(f.over.ref, 'w');
  assert.deepEqual(f.over.partitionBy.map(show), ['b']);
  assert.deepEqual(f.over.frame, { mode: 'rows', start: { type: 'preceding', offset: { kind: 'literal', type: 'integer', value: '1', pos: sql.indexOf('1 PRECEDING') } }, end: { type: 'unbounded following', offset: null }, exclude: 'ties' });
  const g = s.items[1]!.expr;
  assert.ok(g.kind === 'func' && g.over !== null && g.over.ref === 'w' && g.over.orderBy.length === 0);
  assert.equal(s.windows[0]!.name, 'w');
  assert.equal(select('SELECT sum(a) OVER (ORDER BY b RANGE UNBOUNDED PRECEDING) FROM t').items[0]!.expr.kind, 'func');
  assert.throws(() => parse('select sum(a) over (rows between current row and 1 preceding) from t'),
    (e: unknown) => e instanceof SqlError && e.code === '42P20' && e.message === 'frame starting from current row cannot have preceding rows' && e.position === 50);
});

test('SELECT clauses: DISTINCT ON, FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT/OFFSET/FETCH, FOR UPDATE', () => {
  const q = query('SELECT DISTINCT ON (a) a, count(*) FROM t WHERE b > 1 GROUP BY a HAVING count(*) > 1 ORDER BY a DESC NULLS FIRST, 2 USING < LIMIT 5 OFFSET 2 FOR UPDATE');
  const s = q.body as Select;
  assert.deepEqual(s.distinct?.map(show), ['a']);
  assert.equal(show(s.where!), '(> b 1)');
  assert.deepEqual(s.groupBy.map(show), ['a']);
  assert.equal(show(s.having!), '(> count(*) 1)');
  assert.deepEqual(q.orderBy.map((o) => [show(o.expr), o.desc, o.nullsFirst, o.using]), [['a', true, true, null], ['2', false, null, '<']]);
  assert.equal(show(q.limit!), '5');
  assert.equal(show(q.offset!), '2');
  assert.equal(q.locking, 'update');
  const f = query('SELECT a FROM t ORDER BY a OFFSET 1 ROWS FETCH FIRST 3 ROWS WITH TIES');
  assert.equal(show(f.limit!), '3');
  assert.equal(f.withTies, true);
  assert.equal(query('SELECT a FROM t LIMIT ALL').limit, null);
  assert.equal(show(query('SELECT a FROM t FETCH NEXT ROW ONLY').limit!), '1');
  assert.deepEqual(select('SELECT FROM t').items, []);
  assert.deepEqual(select('SELECT DISTINCT a FROM t').distinct, []);
});

test('set operations: INTERSECT binds tighter than UNION and EXCEPT, all left-associative; parenthesised queries nest', () => {
  const q = query('SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4 ORDER BY 1');
  const b = q.body;
  assert.ok(b.kind === 'setop' && b.op === 'except' && b.all);
  if (b.kind !== 'setop' || b.left.kind !== 'setop') return assert.fail();
  assert.equal(b.left.op, 'union');
  assert.ok(b.left.right.kind === 'setop' && b.left.right.op === 'intersect');
  assert.equal(q.orderBy.length, 1);
  const p = query('(SELECT 1 UNION SELECT 2) ORDER BY 1 LIMIT 1');
  assert.ok(p.body.kind === 'setop' && p.orderBy.length === 1 && p.limit !== null);
  const n = query('SELECT 1 UNION (SELECT 2 ORDER BY 1 LIMIT 1)');
  assert.ok(n.body.kind === 'setop' && n.body.right.kind === 'query' && n.body.right.limit !== null);
  assert.ok(query('VALUES (1, 2), (3, 4)').body.kind === 'values');
  const t = select('TABLE t');
  assert.ok(t.from[0]!.kind === 'table' && t.items[0]!.expr.kind === 'star');
  assert.throws(() => parse('(select 1 order by 1) order by 1'), (e: unknown) => e instanceof SqlError && e.message === 'multiple ORDER BY clauses not allowed' && e.position === 32);
});

test('FROM items: joins nest as in PostgreSQL, subqueries, VALUES, functions, LATERAL', () => {
  const from = (sql: string): FromItem => select(sql).from[0]!;
  const j = from('SELECT * FROM a JOIN b JOIN c ON x ON y');
  assert.ok(j.kind === 'join' && j.left.kind === 'table' && j.right.kind === 'join' && show(j.on!) === 'y');
  const k = from('SELECT * FROM a CROSS JOIN b LEFT JOIN c USING (id) AS u NATURAL FULL JOIN d');
  assert.ok(k.kind === 'join' && k.natural && k.type === 'full' && k.left.kind === 'join' && k.left.type === 'left');
  if (k.kind === 'join' && k.left.kind === 'join') {
    assert.deepEqual(k.left.using, ['id']);
    assert.equal(k.left.alias?.name, 'u');
    assert.ok(k.left.left.kind === 'join' && k.left.left.type === 'cross');
  }
  const s = select('SELECT * FROM (SELECT 1) AS s(x), (VALUES (1, 2)) v(a, b), generate_series(1, 3) WITH ORDINALITY g(n, i), LATERAL (SELECT 1) l, ONLY t AS tt, (a JOIN b ON true) j');
  assert.deepEqual(s.from.map((f) => [f.kind, f.alias?.name ?? null, f.alias?.columns ?? []]), [
    ['subquery', 's', ['x']], ['values', 'v', ['a', 'b']], ['function', 'g', ['n', 'i']], ['subquery', 'l', []], ['table', 'tt', []], ['join', 'j', []],
  ]);
  assert.ok(s.from[2]!.kind === 'function' && s.from[2]!.ordinality);
  assert.ok(s.from[3]!.kind === 'subquery' && s.from[3]!.lateral);
  assert.throws(() => parse('select * from (select 1)'), (e: unknown) => e instanceof SqlError && e.message === 'subquery in FROM must have an alias' && e.position === 15);
});

test('WITH and WITH RECURSIVE, with data-modifying CTEs', () => {
  const q = query('WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r), d AS NOT MATERIALIZED (DELETE FROM t RETURNING *) SELECT * FROM r');
  assert.equal(q.with?.recursive, true);
  assert.deepEqual(q.with?.ctes.map((c) => [c.name, c.columns, c.query.kind, c.materialized]), [['r', ['n'], 'query', null], ['d', [], 'delete', false]]);
  const ins = one('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x');
  assert.ok(ins.kind === 'insert' && ins.with !== null);
  // RECURSIVE is an unreserved word: here it is the CTE's name.
  assert.equal(query('WITH recursive AS (SELECT 1) SELECT 1').with?.recursive, false);
});

test('INSERT, UPDATE, DELETE with every clause', () => {
  const i = one("INSERT INTO s.t AS x (a, b) OVERRIDING USER VALUE VALUES (1, DEFAULT), (2, 'y') ON CONFLICT (a) WHERE a > 0 DO UPDATE SET b = excluded.b WHERE x.b IS NULL RETURNING *, a AS aa");
  assert.ok(i.kind === 'insert');
  if (i.kind !== 'insert') return;
  assert.deepEqual([i.table.schema, i.table.name, i.alias, i.columns.map((c) => c.name), i.overriding], ['s', 't', 'x', ['a', 'b'], 'user']);
  assert.ok(i.source?.body.kind === 'values' && show(i.source.body.rows[0]![1]!) === 'DEFAULT');
  assert.deepEqual(i.onConflict && [i.onConflict.columns, i.onConflict.action, show(i.onConflict.targetWhere!), i.onConflict.set.map((c) => c.columns[0]!.name)], [['a'], 'update', '(> a 0)', ['b']]);
  assert.deepEqual(i.returning.map((r) => r.alias), [null, 'aa']);
  const d = one('INSERT INTO t DEFAULT VALUES');
  assert.ok(d.kind === 'insert' && d.source === null);
  const n = one('INSERT INTO t VALUES (1) ON CONFLICT ON CONSTRAINT c DO NOTHING');
  assert.ok(n.kind === 'insert' && n.onConflict?.constraint === 'c' && n.onConflict.action === 'nothing');
  const u = one("UPDATE t AS x SET a = a + 1, (b, c) = (1, 'z'), (d) = (SELECT 1) FROM u WHERE x.id = u.id RETURNING x.a");
  assert.ok(u.kind === 'update');
  if (u.kind === 'update') {
    assert.deepEqual(u.set.map((c) => [c.columns.map((x) => x.name), c.values.map(show)]), [[['a'], ['(+ a 1)']], [['b', 'c'], ['1', "'z'"]], [['d'], ['<query>']]]);
    assert.equal(u.alias, 'x');
    assert.equal(u.from.length, 1);
  }
  const del = one('DELETE FROM t x USING u WHERE x.a = u.a RETURNING x.*');
  assert.ok(del.kind === 'delete' && del.alias === 'x' && del.using.length === 1 && del.returning.length === 1);
});

test('COPY in both option syntaxes', () => {
  const c = one("COPY t (a, b) FROM STDIN WITH (FORMAT csv, HEADER, DELIMITER ';', NULL '')");
  assert.ok(c.kind === 'copy');
  if (c.kind === 'copy') {
    assert.deepEqual([c.columns, c.direction, c.target, c.options], [['a', 'b'], 'from', 'stdin', { format: 'csv', header: true, delimiter: ';', null: '', quote: null, escape: null }]);
  }
  const o = one("COPY t TO STDOUT CSV HEADER QUOTE AS '\"'");
  assert.ok(o.kind === 'copy' && o.options.format === 'csv' && o.options.header && o.options.quote === '"' && o.target === 'stdout');
  const q = one('COPY (SELECT 1) TO STDOUT');
  assert.ok(q.kind === 'copy' && q.query !== null && q.table === null);
  assert.throws(() => parse('copy t from stdin (format xml)'), (e: unknown) => e instanceof SqlError && e.code === '22023' && e.message === 'COPY format "xml" not recognized' && e.position === 20);
});

test('CREATE TABLE: columns, constraints, identity, defaults and CHECK text as source slices', () => {
  const sql = "CREATE TABLE IF NOT EXISTS s.x (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 10), a text NOT NULL DEFAULT lower( 'X' ) UNIQUE, b numeric(10,2) CONSTRAINT pos CHECK (b  >  0), c int REFERENCES t (a) ON DELETE CASCADE ON UPDATE SET NULL, PRIMARY KEY (id), FOREIGN KEY (a) REFERENCES u)";
  const c = one(sql);
  assert.ok(c.kind === 'create table');
  if (c.kind !== 'create table') return;
  assert.equal(c.ifNotExists, true);
  assert.deepEqual(c.columns.map((x) => [x.name, x.type.name, x.type.mods, x.notNull]), [['id', 'int4', [], false], ['a', 'text', [], true], ['b', 'numeric', [10, 2], false], ['c', 'int4', [], false]]);
  assert.deepEqual(c.columns[0]!.identity, { always: false, options: { as: null, increment: null, minValue: null, maxValue: null, start: '10', cache: null, cycle: null, ownedBy: null, restart: null } });
  assert.equal(c.columns[1]!.defaultText, "lower( 'X' )");
  const check = c.columns[2]!.constraints[0]!;
  assert.ok(check.kind === 'check' && check.text === 'b  >  0' && check.name === 'pos');
  const fk = c.columns[3]!.constraints[0]!;
  assert.ok(fk.kind === 'foreign key' && fk.onDelete === 'cascade' && fk.onUpdate === 'set null' && fk.refColumns[0] === 'a');
  assert.deepEqual(c.constraints.map((k) => k.kind), ['primary key', 'foreign key']);
  const as = one('CREATE TEMP TABLE y AS SELECT 1 AS n');
  assert.ok(as.kind === 'create table' && as.temporary && as.as !== null);
  const nn = one('CREATE TABLE z (a varchar(5) NULL, b serial, "Key" bigint[])');
  assert.ok(nn.kind === 'create table' && nn.columns[0]!.nullable && nn.columns[1]!.type.name === 'serial' && nn.columns[2]!.type.array && nn.columns[2]!.name === 'Key');
});

test('other DDL: indexes, views (with source text), sequences, schemas, ALTER, DROP, TRUNCATE', () => {
  const ix = one('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix ON t USING btree (a DESC NULLS LAST, lower(c), (a + b)) INCLUDE (d) WHERE a > 0');
  assert.ok(ix.kind === 'create index' && ix.unique && ix.concurrently && ix.ifNotExists && ix.name === 'ix' && ix.method === 'btree');
  if (ix.kind === 'create index') {
    assert.deepEqual(ix.columns.map((c) => [show(c.expr), c.desc, c.nullsFirst]), [['a', true, false], ['lower(c)', false, null], ['(+ a b)', false, null]]);
    assert.deepEqual(ix.include, ['d']);
  }
  const v = one('CREATE OR REPLACE VIEW v (x) AS SELECT a FROM t  WHERE a > 1 ;');
  assert.ok(v.kind === 'create view' && v.orReplace && v.text === 'SELECT a FROM t  WHERE a > 1' && v.columns[0] === 'x');
  const sq = one('CREATE SEQUENCE sq AS bigint INCREMENT BY -2 NO MINVALUE MAXVALUE 100 START 5 CACHE 1 NO CYCLE OWNED BY t.a');
  assert.ok(sq.kind === 'create sequence');
  if (sq.kind === 'create sequence') assert.deepEqual(sq.options, { as: { name: 'int8', mods: [], array: false, pos: 22 }, increment: '-2', minValue: 'none', maxValue: '100', start: '5', cache: '1', cycle: false, ownedBy: ['t', 'a'], restart: null });
  const asq = one('ALTER SEQUENCE sq RESTART');
  assert.ok(asq.kind === 'alter sequence' && asq.options.restart === 'start');
  assert.deepEqual(one('CREATE SCHEMA IF NOT EXISTS s'), { kind: 'create schema', name: 's', ifNotExists: true, pos: 0 });
  const at = one('ALTER TABLE IF EXISTS t ADD COLUMN IF NOT EXISTS z int DEFAULT 0, DROP COLUMN y CASCADE, ALTER a TYPE bigint USING a::bigint, ALTER b SET DEFAULT 1, ALTER b DROP DEFAULT, ALTER c SET NOT NULL, ADD CONSTRAINT u1 UNIQUE (a), DROP CONSTRAINT IF EXISTS c2');
  assert.ok(at.kind === 'alter table' && at.ifExists);
  if (at.kind === 'alter table') {
    assert.deepEqual(at.actions.map((a) => a.kind), ['add column', 'drop column', 'alter column type', 'alter column default', 'alter column default', 'alter column not null', 'add constraint', 'drop constraint']);
  }
  const rn = one('ALTER TABLE t RENAME COLUMN a TO b');
  assert.ok(rn.kind === 'alter table' && rn.actions[0]!.kind === 'rename column');
  assert.deepEqual(one('ALTER INDEX ix RENAME TO iy'), { kind: 'rename', object: 'index', name: { schema: null, name: 'ix', pos: 12 }, ifExists: false, to: 'iy', pos: 0 });
  const dr = one('DROP TABLE IF EXISTS a, s.b CASCADE');
  assert.ok(dr.kind === 'drop' && dr.object === 'table' && dr.ifExists && dr.cascade && dr.names.length === 2);
  const tr = one('TRUNCATE t, u RESTART IDENTITY');
  assert.ok(tr.kind === 'truncate' && tr.restartIdentity && !tr.cascade && tr.tables.length === 2);
  // IF is an unreserved word: a sequence may be called "if".
  const named = one('CREATE SEQUENCE if');
  assert.ok(named.kind === 'create sequence' && named.name.name === 'if' && !named.ifNotExists);
  // LOCAL and SAVEPOINT are names where nothing else can follow them.
  assert.deepEqual(one('SET local = 1'), { kind: 'set', name: 'local', value: '1', local: false, pos: 0 });
  assert.deepEqual(one('ROLLBACK TO SAVEPOINT'), { kind: 'rollback to', name: 'savepoint', pos: 0 });
});

test('transactions, SET / SHOW / RESET, EXPLAIN, PREPARE / EXECUTE / DEALLOCATE, utilities', () => {
  assert.deepEqual(one('BEGIN ISOLATION LEVEL SERIALIZABLE, READ ONLY DEFERRABLE'), { kind: 'begin', modes: { isolation: 'serializable', readOnly: true, deferrable: true }, pos: 0 });
  assert.deepEqual(one('START TRANSACTION READ WRITE'), { kind: 'begin', modes: { isolation: null, readOnly: false, deferrable: null }, pos: 0, start: true });
  assert.deepEqual(one('BEGIN WORK'), { kind: 'begin', modes: { isolation: null, readOnly: null, deferrable: null }, pos: 0 });
  assert.deepEqual(one('END TRANSACTION'), { kind: 'commit', chain: false, pos: 0 });
  assert.deepEqual(one('COMMIT AND CHAIN'), { kind: 'commit', chain: true, pos: 0 });
  assert.deepEqual(one('ABORT'), { kind: 'rollback', chain: false, pos: 0 });
  assert.deepEqual(one('ROLLBACK WORK TO SAVEPOINT sp'), { kind: 'rollback to', name: 'sp', pos: 0 });
  assert.deepEqual(one('RELEASE SAVEPOINT sp'), { kind: 'release', name: 'sp', pos: 0 });
  assert.deepEqual(one('SAVEPOINT sp'), { kind: 'savepoint', name: 'sp', pos: 0 });
  assert.deepEqual(one('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ'), { kind: 'set transaction', session: false, modes: { isolation: 'repeatable read', readOnly: null, deferrable: null }, pos: 0 });
  assert.deepEqual(one('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY'), { kind: 'set transaction', session: true, modes: { isolation: null, readOnly: true, deferrable: null }, pos: 0 });
  assert.deepEqual(one("SET search_path TO public, 'My Schema', x"), { kind: 'set', name: 'search_path', value: 'public, My Schema, x', local: false, pos: 0 });
  assert.deepEqual(one('SET LOCAL statement_timeout = 5000'), { kind: 'set', name: 'statement_timeout', value: '5000', local: true, pos: 0 });
  assert.deepEqual(one('SET TIME ZONE LOCAL'), { kind: 'set', name: 'timezone', value: null, local: false, pos: 0 });
  assert.deepEqual(one("SET TIME ZONE 'UTC'"), { kind: 'set', name: 'timezone', value: 'UTC', local: false, pos: 0 });
  assert.deepEqual(one('SET application_name TO DEFAULT'), { kind: 'set', name: 'application_name', value: null, local: false, pos: 0 });
  assert.deepEqual(one("SET NAMES 'UTF8'"), { kind: 'set', name: 'client_encoding', value: 'UTF8', local: false, pos: 0 });
  assert.deepEqual(one('SHOW TIME ZONE'), { kind: 'show', name: 'timezone', pos: 0 });
  assert.deepEqual(one('SHOW TRANSACTION ISOLATION LEVEL'), { kind: 'show', name: 'transaction_isolation', pos: 0 });
  assert.deepEqual(one('RESET ALL'), { kind: 'reset', name: 'all', pos: 0 });
  const ex = one('EXPLAIN (ANALYZE, COSTS OFF, FORMAT JSON) SELECT 1');
  assert.ok(ex.kind === 'explain' && ex.analyze && ex.costs === false && ex.format === 'json' && !ex.verbose);
  const ev = one('EXPLAIN ANALYZE VERBOSE DELETE FROM t');
  assert.ok(ev.kind === 'explain' && ev.analyze && ev.verbose && ev.statement.kind === 'delete');
  assert.throws(() => parse('explain (bogus) select 1'), (e: unknown) => e instanceof SqlError && e.message === 'unrecognized EXPLAIN option "bogus"' && e.position === 10);
  const pr = one('PREPARE q (int, text) AS SELECT $1, $2');
  assert.ok(pr.kind === 'prepare' && pr.name === 'q' && pr.types.map((t) => t.name).join() === 'int4,text' && pr.statement.kind === 'query');
  const exe = one("EXECUTE q (1, 'x')");
  assert.ok(exe.kind === 'execute' && exe.args.length === 2);
  assert.deepEqual(one('DEALLOCATE ALL'), { kind: 'deallocate', name: null, pos: 0 });
  assert.deepEqual(one('DEALLOCATE PREPARE q'), { kind: 'deallocate', name: 'q', pos: 0 });
  const utilities: [string, string, number][] = [
    ['VACUUM FULL ANALYZE t', 'vacuum', 1], ['VACUUM (VERBOSE, ANALYZE) t, u', 'vacuum', 2], ['ANALYZE', 'analyze', 0], ['CHECKPOINT', 'checkpoint', 0],
    ['LOCK TABLE t IN ACCESS EXCLUSIVE MODE', 'lock', 1], ['LOCK t, u', 'lock', 2], ['DISCARD ALL', 'discard', 0], ['REINDEX TABLE t', 'reindex', 1],
    ["COMMENT ON TABLE t IS 'x'", 'comment', 1], ['COMMENT ON COLUMN s.t.c IS NULL', 'comment', 1],
  ];
  // GRANT and REVOKE are statements of their own (roles and privileges, src/sql/roles.ts).
  const grant = one('GRANT SELECT, INSERT ON t TO app, PUBLIC');
  assert.ok(grant.kind === 'grant' && grant.grant);
  const revoke = one('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM app CASCADE');
  assert.ok(revoke.kind === 'grant' && !revoke.grant);
  for (const [sql, command, tables] of utilities) {
    const u = one(sql);
    assert.ok(u.kind === 'utility' && u.command === command && u.tables.length === tables, sql);
  }
});

test('scripts: statements with their source span; empty statements skipped; parseExpression', () => {
  const text = ' SELECT 1 ;; \n insert into t values (1) ; ';
  const r = parse(text);
  assert.deepEqual(r.map((s) => [s.statement.kind, text.slice(s.start, s.end)]), [['query', 'SELECT 1'], ['insert', 'insert into t values (1)']]);
  assert.deepEqual(parse(' ; -- nothing\n'), []);
  assert.equal(expr("a > 0 AND b <> ''"), "(and (> a 0) (<> b ''))");
  assert.throws(() => parseExpression('1 2'), (e: unknown) => e instanceof SqlError && e.code === '42601' && e.position === 3);
  // A syntax error in a later statement is reported with its position in the whole text.
  assert.throws(() => parse('select 1; select 2 +'), (e: unknown) => e instanceof SqlError && e.message === 'syntax error at end of input' && e.position === 21);
});

test('nesting past sqlParserDepthMax is 54001 stack depth limit exceeded, never a JS RangeError', () => {
  for (const sql of ['SELECT ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000), 'SELECT ' + 'NOT '.repeat(20_000) + 'true', '('.repeat(10_000) + 'SELECT 1']) {
    assert.throws(() => parse(sql), (e: unknown) => e instanceof SqlError && e.code === '54001' && e.message === 'stack depth limit exceeded');
  }
  // Long flat lists and operator chains are loops, not recursion.
  assert.equal(parse('SELECT 1 IN (' + Array.from({ length: 20_000 }, (_, k) => k).join(',') + ')').length, 1);
  assert.equal(parse('SELECT ' + '1 + '.repeat(20_000) + '1').length, 1);
  assert.equal(parse('SELECT ' + '('.repeat(200) + '1' + ')'.repeat(200)).length, 1);
});

/**
 * Erroneous statements with the SQLSTATE, message and 1-based position PostgreSQL 15 reported
 * for each (run against PostgreSQL 15.x with tables t(a int, b int, c text) and u(a int, d int)).
 */
const pgErrors: readonly (readonly [string, string, string, number])[] = [
  ["select 1 from", "42601", "syntax error at end of input", 14],
  ["select 1 = 2 = 3", "42601", "syntax error at or near \"=\"", 14],
  ["select 1 < 2 > 3", "42601", "syntax error at or near \">\"", 14],
  ["select 1 is distinct from 2 is null", "42601", "syntax error at or near \"is\"", 29],
  ["select 1 like 'a' like 'b'", "42601", "syntax error at or near \"like\"", 19],
  ["select 1 between 0 and 2 between true and true", "42601", "syntax error at or near \"between\"", 26],
  ["select a b c from t", "42601", "syntax error at or near \"c\"", 12],
  ["select 1 day", "42601", "syntax error at or near \"day\"", 10],
  ["select 1 over", "42601", "syntax error at or near \"over\"", 10],
  ["select * from (select 1)", "42601", "subquery in FROM must have an alias", 15],
  ["select * from (values (1))", "42601", "VALUES in FROM must have an alias", 15],
  ["select coalesce(1)[1]", "42601", "syntax error at or near \"[\"", 19],
  ["select (1,2)[1]", "42601", "syntax error at or near \"[\"", 13],
  ["select not in (1)", "42601", "syntax error at or near \"in\"", 12],
  ["select 1 overlaps", "42601", "syntax error at or near \"overlaps\"", 10],
  ["select (select 1) union", "42601", "syntax error at end of input", 24],
  ["select not 1 = 2 = 3", "42601", "syntax error at or near \"=\"", 18],
  ["select 1 as", "42601", "syntax error at end of input", 12],
  ["select 1 char", "42601", "syntax error at or near \"char\"", 10],
  ["select 1 with", "42601", "syntax error at or near \"with\"", 10],
  ["select a from t where", "42601", "syntax error at end of input", 22],
  ["select interval '1' day to", "42601", "syntax error at end of input", 27],
  ["select 1 + * 2", "42601", "syntax error at or near \"*\"", 12],
  ["select int4 '1' '2'", "42601", "syntax error at or near \"'2'\"", 17],
  ["select array[1][1]", "42601", "syntax error at or near \"[\"", 16],
  ["select int(1)", "42601", "syntax error at or near \"(\"", 11],
  ["select char(1)", "42601", "syntax error at end of input", 15],
  ["select 1 = any", "42601", "syntax error at end of input", 15],
  ["select 1 = any 1", "42601", "syntax error at or near \"1\"", 16],
  ["select 1 = any (1, 2)", "42601", "syntax error at or near \",\"", 18],
  ["select 1 filter", "42601", "syntax error at or near \"filter\"", 10],
  ["select f() over", "42601", "syntax error at end of input", 16],
  ["select f() within group", "42601", "syntax error at end of input", 24],
  ["select array[[1],2]", "42601", "syntax error at or near \"2\"", 18],
  ["(select 1 order by 1) order by 1", "42601", "multiple ORDER BY clauses not allowed", 32],
  ["(select 1 limit 1) limit 2", "42601", "multiple LIMIT clauses not allowed", 26],
  ["select * from (t)", "42601", "syntax error at or near \")\"", 17],
  ["select 1 fetch first 1+1 rows only", "42601", "syntax error at or near \"+\"", 23],
  ["update t set = 1", "42601", "syntax error at or near \"=\"", 14],
  ["select a from t order by a nulls", "42601", "syntax error at or near \"nulls\"", 28],
  ["select 1 limit 1, 2", "42601", "LIMIT #,# syntax is not supported", 10],
  ["select x.y.z.w.v from t", "42601", "improper qualified name (too many dotted names): x.y.z.w.v", 8],
  ["select * from s.t.u.v", "42601", "improper qualified name (too many dotted names): s.t.u.v", 15],
  ["select ,", "42601", "syntax error at or near \",\"", 8],
  ["select 1,", "42601", "syntax error at end of input", 10],
  ["select * from t where a = 1 group by", "42601", "syntax error at end of input", 37],
  ["select * from t join u", "42601", "syntax error at end of input", 23],
  ["select * from t natural join u on true", "42601", "syntax error at or near \"on\"", 32],
  ["select * from t cross join u using (a)", "42601", "syntax error at or near \"using\"", 30],
  ["select * from join u", "42601", "syntax error at or near \"u\"", 20],
  ["select count(* from t", "42601", "syntax error at or near \"from\"", 16],
  ["select case when 1 then 2", "42601", "syntax error at end of input", 26],
  ["select case 1 end", "42601", "syntax error at or near \"end\"", 15],
  ["select cast(1 as)", "42601", "syntax error at or near \")\"", 17],
  ["select cast(1)", "42601", "syntax error at or near \")\"", 14],
  ["select extract(from now())", "42601", "syntax error at or near \"from\"", 16],
  ["select position('a', 'b')", "42601", "syntax error at or near \",\"", 20],
  ["select trim(both)", "42601", "syntax error at or near \")\"", 17],
  ["select 1::", "42601", "syntax error at end of input", 11],
  ["select now() at time", "42601", "syntax error at end of input", 21],
  ["select * from t order by", "42601", "syntax error at end of input", 25],
  ["select * from t limit", "42601", "syntax error at end of input", 22],
  ["select * from t offset", "42601", "syntax error at end of input", 23],
  ["select sum(a) over (rows between unbounded following and current row) from t", "42P20", "frame start cannot be UNBOUNDED FOLLOWING", 34],
  ["select sum(a) over (rows between current row and unbounded preceding) from t", "42P20", "frame end cannot be UNBOUNDED PRECEDING", 50],
  ["select sum(a) over (rows between current row and 1 preceding) from t", "42P20", "frame starting from current row cannot have preceding rows", 50],
  ["select sum(a) over (rows unbounded following) from t", "42P20", "frame start cannot be UNBOUNDED FOLLOWING", 26],
  ["select 1 union select 2 order by 1 order by 1", "42601", "syntax error at or near \"order\"", 36],
  ["values", "42601", "syntax error at end of input", 7],
  ["values (1), ", "42601", "syntax error at end of input", 13],
  ["values ()", "42601", "syntax error at or near \")\"", 9],
  ["table", "42601", "syntax error at end of input", 6],
  ["with x as select 1 select 1", "42601", "syntax error at or near \"select\"", 11],
  ["with x as (select 1)", "42601", "syntax error at end of input", 21],
  ["insert into t", "42601", "syntax error at end of input", 14],
  ["insert into t values", "42601", "syntax error at end of input", 21],
  ["insert into t (a values (1)", "42601", "syntax error at or near \"values\"", 18],
  ["insert into t default values on conflict do update set a = 1", "42601", "ON CONFLICT DO UPDATE requires inference specification or constraint name", 30],
  ["insert t values (1)", "42601", "syntax error at or near \"t\"", 8],
  ["update t set a = 1 where", "42601", "syntax error at end of input", 25],
  ["update t a = 1", "42601", "syntax error at or near \"=\"", 12],
  ["delete t", "42601", "syntax error at or near \"t\"", 8],
  ["delete from t where", "42601", "syntax error at end of input", 20],
  ["create table", "42601", "syntax error at end of input", 13],
  ["create table x", "42601", "syntax error at end of input", 15],
  ["create table x (a int,)", "42601", "syntax error at or near \")\"", 23],
  ["create table x (a int primary)", "42601", "syntax error at or near \")\"", 30],
  ["create table x (a int references)", "42601", "syntax error at or near \")\"", 33],
  ["create table x (a numeric(10,))", "42601", "syntax error at or near \")\"", 30],
  ["create index on t", "42601", "syntax error at end of input", 18],
  ["create index on t ()", "42601", "syntax error at or near \")\"", 20],
  ["create view v as", "42601", "syntax error at end of input", 17],
  ["create sequence s increment", "42601", "syntax error at end of input", 28],
  ["drop table", "42601", "syntax error at end of input", 11],
  ["drop table if exists", "42601", "syntax error at end of input", 21],
  ["alter table t add", "42601", "syntax error at end of input", 18],
  ["alter table t drop", "42601", "syntax error at end of input", 19],
  ["alter table t rename column a", "42601", "syntax error at end of input", 30],
  ["begin transaction isolation level", "42601", "syntax error at end of input", 34],
  ["begin isolation level read", "42601", "syntax error at end of input", 27],
  ["commit and", "42601", "syntax error at end of input", 11],
  ["rollback to", "42601", "syntax error at end of input", 12],
  ["savepoint", "42601", "syntax error at end of input", 10],
  ["set search_path to", "42601", "syntax error at end of input", 19],
  ["set transaction isolation level serializable,", "42601", "syntax error at end of input", 46],
  ["show", "42601", "syntax error at end of input", 5],
  ["reset", "42601", "syntax error at end of input", 6],
  ["explain", "42601", "syntax error at end of input", 8],
  ["explain (analyze", "42601", "syntax error at end of input", 17],
  ["explain (bogus) select 1", "42601", "unrecognized EXPLAIN option \"bogus\"", 10],
  ["prepare p as", "42601", "syntax error at end of input", 13],
  ["execute", "42601", "syntax error at end of input", 8],
  ["copy t from", "42601", "syntax error at end of input", 12],
  ["copy t from stdin (format xml)", "22023", "COPY format \"xml\" not recognized", 20],
  ["copy t from stdin (bogus 1)", "42601", "option \"bogus\" not recognized", 20],
  ["copy (select 1) from stdin", "42601", "syntax error at or near \"from\"", 17],
  ["lock table t in share mode mode", "42601", "syntax error at or near \"mode\"", 28],
  ["grant select on t", "42601", "syntax error at end of input", 18],
  ["select 1 1", "42601", "syntax error at or near \"1\"", 10],
  ["select 'a' 'b'", "42601", "syntax error at or near \"'b'\"", 12],
  ["select $1 $2", "42601", "syntax error at or near \"$2\"", 11],
  ["select a.b.", "42601", "syntax error at end of input", 12],
  ["select f(a,)", "42601", "syntax error at or near \")\"", 12],
  ["select f(,a)", "42601", "syntax error at or near \",\"", 10],
  ["select (1", "42601", "syntax error at end of input", 10],
  ["select 1)", "42601", "syntax error at or near \")\"", 9],
  ["select [1]", "42601", "syntax error at or near \"[\"", 8],
  ["select 1 is not", "42601", "syntax error at end of input", 16],
  ["select 1 isnull isnull isnull 3", "42601", "syntax error at or near \"3\"", 31],
  ["select 1 not between 1", "42601", "syntax error at end of input", 23],
  ["select 1 similar 'a'", "42601", "syntax error at or near \"'a'\"", 18],
  ["select a from t group by a having", "42601", "syntax error at end of input", 34],
  ["select a from t window w as", "42601", "syntax error at end of input", 28],
  ["select distinct from t", "42601", "syntax error at or near \"from\"", 17],
  ["select distinct on a from t", "42601", "syntax error at or near \"a\"", 20],
  ["select * from t for", "42601", "syntax error at end of input", 20],
  ["select * from t for update of", "42601", "syntax error at end of input", 30],
  ["foo", "42601", "syntax error at or near \"foo\"", 1],
  ["select 1; foo", "42601", "syntax error at or near \"foo\"", 11],
  ["select 1; select 2 +", "42601", "syntax error at end of input", 21],
  ["select 'abc", "42601", "unterminated quoted string at or near \"'abc\"", 8],
  ["select \"abc", "42601", "unterminated quoted identifier at or near \"\"abc\"", 8],
  ["select 12abc", "42601", "trailing junk after numeric literal at or near \"12abc\"", 8],
  // Regression: PostgreSQL lexes as it parses, so an earlier syntax error wins over a later lexical error.
  ["select 1 +; select 'abc", "42601", "syntax error at or near \";\"", 11],
  ["select 1 1 'abc", "42601", "syntax error at or near \"1\"", 10],
  ["select 1; select 12abc", "42601", "trailing junk after numeric literal at or near \"12abc\"", 18],
  // A type/function-name keyword in FROM can only begin a function call.
  ["select * from join u", "42601", "syntax error at or near \"u\"", 20],
  // Errors PostgreSQL raises after parsing come after every syntax error of the text.
  ["create table x (a int null not null, b int garbage)", "42601", "syntax error at or near \"garbage\"", 44],
  ["select 1::numeric(1+1)", "42601", "type modifiers must be simple constants or identifiers", 11],
  ["insert into t values (1) on conflict do update set a = 1", "42601", "ON CONFLICT DO UPDATE requires inference specification or constraint name", 26],
];

test(`syntax errors: ${pgErrors.length} statements give PostgreSQL 15's SQLSTATE, message and position`, () => {
  assert.ok(pgErrors.length >= 60);
  const wrong: string[] = [];
  for (const [sql, code, message, position] of pgErrors) {
    try {
      parse(sql);
      wrong.push(`${sql}: parsed`);
    } catch (e) {
      if (!(e instanceof SqlError) || e.code !== code || e.message !== message || e.position !== position) {
        wrong.push(`${sql}: ${e instanceof SqlError ? `${e.code} ${e.message} @${e.position}` : String(e)}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

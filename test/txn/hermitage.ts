/**
 * The Hermitage isolation scenarios (Martin Kleppmann's test suite of transaction anomalies,
 * github.com/ept/hermitage) as data, with PostgreSQL's outcome at each isolation level.
 *
 * Every scenario starts from the Hermitage table
 *
 *     create table test (id int primary key, value int);
 *     insert into test (id, value) values (1, 10), (2, 20);
 *
 * and runs its steps in order. Each step belongs to session 1, 2 or 3 (`tx`); each session runs one
 * transaction at the scenario's isolation level, begun before its first step (the snapshot is taken
 * at its first statement, as PostgreSQL and the KV API both do). A step of a session whose
 * transaction has already ended runs on its own (autocommit), as it would in psql.
 *
 * A step carries its SQL statement (the one Hermitage uses, for the SQL layer) and the same action in
 * key-value terms (`kv`): the table is the keyspace `test`, the row id is the key ('1'), the value is
 * a decimal string ('10'). Rows are compared as sets, ordered by id (Hermitage's selects have no
 * ORDER BY).
 *
 * `expect[level]` is what PostgreSQL does at that step:
 *   - `rows`: the rows a read returns;
 *   - `count`: the rows an update/delete/insert changed (PostgreSQL's command tag count);
 *   - `blocks` + `unblockedBy`: the statement waits for a row lock, and completes (with its `rows`,
 *     `count` or `error`) only when step `unblockedBy` has run;
 *   - `error`: the statement fails with that SQLSTATE ('40001' serialization failure, '40P01'
 *     deadlock, '25P02' statement in a transaction that has already failed);
 *   - `outcome` (commit / rollback steps): whether the transaction committed or was rolled back.
 *     A COMMIT of a failed transaction rolls back (PostgreSQL answers ROLLBACK without an error).
 * `final[level]` is the table after every session has ended.
 *
 * The outcomes at the levels Hermitage documents are Hermitage's (run there on PostgreSQL 9.3); the
 * other levels, and the scenarios marked `source: 'derived'`, were worked out from PostgreSQL's rules
 * (row locks, first updater wins at repeatable read, SSI's dangerous structures) and then checked
 * step by step against a real PostgreSQL 15 server.
 *
 * Point selects (`where id = …`) are index lookups here: in PostgreSQL a sequential scan takes a
 * table-wide SIREAD lock, an index lookup a row lock. None of the outcomes below differ between
 * the two (checked with enable_seqscan on and off).
 */

export const isolationLevels = ['read committed', 'repeatable read', 'serializable'] as const;
export type Level = (typeof isolationLevels)[number];

/** One row of the test table: [id, value]. */
export type Row = readonly [id: number, value: number];

/** A condition on a row, as in a WHERE clause. */
export type Predicate =
  | { readonly kind: 'all' }
  | { readonly kind: 'id'; readonly key: string }
  | { readonly kind: 'value-eq'; readonly value: number }
  | { readonly kind: 'value-mod'; readonly divisor: number };

/** What an update assigns to `value`. */
export type Assignment = { readonly kind: 'const'; readonly value: number } | { readonly kind: 'add'; readonly delta: number };

/**
 * A step in key-value terms:
 *   - `get`: point reads of these keys (select … where id = k / id in (…)); rows that exist.
 *   - `scan`: read the whole keyspace and keep the rows matching `where` (a predicate read).
 *   - `put`: write one key (update … set value = c where id = k, or insert).
 *   - `update-where` / `delete-where`: find the matching rows (a scan, or a point read for an `id`
 *     predicate), then for each one take its lock, re-read it and re-check the predicate (PostgreSQL
 *     re-checks the newest version of a row it had to wait for, at read committed), and write it.
 *   - `commit` / `rollback`: end the transaction.
 */
export type KvAction =
  | { readonly kind: 'get'; readonly keys: readonly string[] }
  | { readonly kind: 'scan'; readonly where: Predicate }
  | { readonly kind: 'put'; readonly key: string; readonly value: string }
  | { readonly kind: 'update-where'; readonly where: Predicate; readonly set: Assignment }
  | { readonly kind: 'delete-where'; readonly where: Predicate }
  | { readonly kind: 'commit' }
  | { readonly kind: 'rollback' };

export type SqlState = '40001' | '40P01' | '25P02';

export interface Expect {
  readonly rows?: readonly Row[];
  readonly count?: number;
  readonly blocks?: true;
  readonly unblockedBy?: number;
  readonly error?: SqlState;
  readonly outcome?: 'committed' | 'rolled back';
}

export type PerLevel<T> = { readonly [L in Level]: T };

export interface Step {
  /** Which session runs the step. */
  readonly tx: 1 | 2 | 3;
  readonly sql: string;
  readonly kv: KvAction;
  readonly expect: PerLevel<Expect>;
}

export interface Scenario {
  /** Unique name, e.g. 'G-single-pred'. */
  readonly id: string;
  /** The anomaly (a column of Hermitage's summary table). */
  readonly anomaly: Anomaly;
  /** 'hermitage': Hermitage's PostgreSQL script; 'derived': a variant written here. */
  readonly source: 'hermitage' | 'derived';
  /** Levels Hermitage itself reports for this script (the others are derived). */
  readonly documentedAt: readonly Level[];
  readonly title: string;
  /** What the scenario probes, in a sentence or two. */
  readonly about: string;
  /** Whether the anomaly is prevented at each level (PostgreSQL's answer). */
  readonly prevented: PerLevel<boolean>;
  readonly steps: readonly Step[];
  readonly final: PerLevel<readonly Row[]>;
}

export const anomalies = [
  'G0',
  'G1a',
  'G1b',
  'G1c',
  'OTV',
  'PMP',
  'P4',
  'G-single',
  'G2-item',
  'G2',
  'deadlock',
] as const;
export type Anomaly = (typeof anomalies)[number];

/** The Hermitage table, before every scenario. */
export const setupSql = [
  'create table test (id int primary key, value int)',
  'insert into test (id, value) values (1, 10), (2, 20)',
] as const;
export const initialRows: readonly Row[] = [
  [1, 10],
  [2, 20],
];
/** The keyspace that holds the table in KV terms. */
export const tableKeyspace = 'test';

// ---------------------------------------------------------------------------------------------
// Builders: keep the scenario tables short.

function per<T>(rc: T, rr: T = rc, ser: T = rr): PerLevel<T> {
  return { 'read committed': rc, 'repeatable read': rr, serializable: ser };
}

const ok: Expect = {};
const committed: Expect = { outcome: 'committed' };
const rolledBack: Expect = { outcome: 'rolled back' };
const inFailedTx: Expect = { error: '25P02' };
const serializationFailure: Expect = { error: '40001' };

function rows(...r: Row[]): Expect {
  return { rows: r };
}
function count(n: number): Expect {
  return { count: n };
}
function blocked(until: number, then: Expect): Expect {
  return { blocks: true, unblockedBy: until, ...then };
}

function step(tx: 1 | 2 | 3, sql: string, kv: KvAction, expect: PerLevel<Expect> | Expect): Step {
  const e = 'read committed' in expect ? (expect as PerLevel<Expect>) : per(expect as Expect);
  return { tx, sql, kv, expect: e };
}

const all: Predicate = { kind: 'all' };
const selectAll = (tx: 1 | 2 | 3, e: PerLevel<Expect> | Expect): Step =>
  step(tx, 'select * from test', { kind: 'scan', where: all }, e);
const selectId = (tx: 1 | 2 | 3, id: number, e: PerLevel<Expect> | Expect): Step =>
  step(tx, `select * from test where id = ${id}`, { kind: 'get', keys: [String(id)] }, e);
const setId = (tx: 1 | 2 | 3, id: number, value: number, e: PerLevel<Expect> | Expect): Step =>
  step(tx, `update test set value = ${value} where id = ${id}`, { kind: 'put', key: String(id), value: String(value) }, e);
const insert = (tx: 1 | 2 | 3, id: number, value: number, e: PerLevel<Expect> | Expect): Step =>
  step(tx, `insert into test (id, value) values (${id}, ${value})`, { kind: 'put', key: String(id), value: String(value) }, e);
const selectWhere = (tx: 1 | 2 | 3, sqlWhere: string, where: Predicate, e: PerLevel<Expect> | Expect): Step =>
  step(tx, `select * from test where ${sqlWhere}`, { kind: 'scan', where }, e);
const commit = (tx: 1 | 2 | 3, e: PerLevel<Expect> | Expect): Step => step(tx, 'commit', { kind: 'commit' }, e);
const abort = (tx: 1 | 2 | 3, e: PerLevel<Expect> | Expect): Step => step(tx, 'rollback', { kind: 'rollback' }, e);

const rc = 'read committed';
const rr = 'repeatable read';
const ser = 'serializable';

// ---------------------------------------------------------------------------------------------
// The scenarios.

export const scenarios: readonly Scenario[] = [
  {
    id: 'G0',
    anomaly: 'G0',
    source: 'hermitage',
    documentedAt: [rc],
    title: 'Write cycles (dirty writes)',
    about:
      'Two transactions update the same two rows. The second writer of row 1 must wait for the first ' +
      "to end, so the final table holds one transaction's values for both rows, never a mix.",
    prevented: per(true),
    steps: [
      setId(1, 1, 11, count(1)),
      setId(2, 1, 12, per(blocked(4, count(1)), blocked(4, serializationFailure))),
      setId(1, 2, 21, count(1)),
      commit(1, committed),
      selectAll(1, rows([1, 11], [2, 21])),
      setId(2, 2, 22, per(count(1), inFailedTx)),
      commit(2, per(committed, rolledBack)),
    ],
    final: per<readonly Row[]>(
      [
        [1, 12],
        [2, 22],
      ],
      [
        [1, 11],
        [2, 21],
      ],
    ),
  },
  {
    id: 'G1a',
    anomaly: 'G1a',
    source: 'hermitage',
    documentedAt: [rc],
    title: 'Aborted reads',
    about: 'A reader never sees a write of a transaction that later rolls back.',
    prevented: per(true),
    steps: [
      setId(1, 1, 101, count(1)),
      selectAll(2, rows([1, 10], [2, 20])),
      abort(1, rolledBack),
      selectAll(2, rows([1, 10], [2, 20])),
      commit(2, committed),
    ],
    final: per(initialRows),
  },
  {
    id: 'G1b',
    anomaly: 'G1b',
    source: 'hermitage',
    documentedAt: [rc],
    title: 'Intermediate reads',
    about:
      'A transaction writes a row twice; a reader sees the row as it was before, or (read committed, ' +
      'after the commit) the final value, never the intermediate one.',
    prevented: per(true),
    steps: [
      setId(1, 1, 101, count(1)),
      selectAll(2, rows([1, 10], [2, 20])),
      setId(1, 1, 11, count(1)),
      commit(1, committed),
      selectAll(2, per(rows([1, 11], [2, 20]), rows([1, 10], [2, 20]))),
      commit(2, committed),
    ],
    final: per<readonly Row[]>([
      [1, 11],
      [2, 20],
    ]),
  },
  {
    id: 'G1c',
    anomaly: 'G1c',
    source: 'hermitage',
    documentedAt: [rc],
    title: 'Circular information flow',
    about:
      "Each transaction writes one row and reads the other's; neither sees the other's uncommitted " +
      'write. At serializable the two reads form a cycle of read-write dependencies: the first commit ' +
      'dooms the other transaction.',
    prevented: per(true),
    steps: [
      setId(1, 1, 11, count(1)),
      setId(2, 2, 22, count(1)),
      selectId(1, 2, rows([2, 20])),
      selectId(2, 1, rows([1, 10])),
      commit(1, committed),
      commit(2, per(committed, committed, serializationFailure)),
    ],
    final: per<readonly Row[]>(
      [
        [1, 11],
        [2, 22],
      ],
      [
        [1, 11],
        [2, 22],
      ],
      [
        [1, 11],
        [2, 20],
      ],
    ),
  },
  {
    id: 'OTV',
    anomaly: 'OTV',
    source: 'hermitage',
    documentedAt: [rc],
    title: 'Observed transaction vanishes',
    about:
      "Once a reader has seen a transaction's writes it keeps seeing them (or newer ones): T3 sees T1's " +
      "row 1, then T1's row 2, then T2's values after T2 commits at read committed. At repeatable read " +
      "T2's update of row 1, which T1 changed after T2's snapshot, fails instead.",
    prevented: per(true),
    steps: [
      setId(1, 1, 11, count(1)),
      setId(1, 2, 19, count(1)),
      setId(2, 1, 12, per(blocked(4, count(1)), blocked(4, serializationFailure))),
      commit(1, committed),
      selectId(3, 1, rows([1, 11])),
      setId(2, 2, 18, per(count(1), inFailedTx)),
      selectId(3, 2, rows([2, 19])),
      commit(2, per(committed, rolledBack)),
      selectId(3, 2, per(rows([2, 18]), rows([2, 19]))),
      selectId(3, 1, per(rows([1, 12]), rows([1, 11]))),
      commit(3, committed),
    ],
    final: per<readonly Row[]>(
      [
        [1, 12],
        [2, 18],
      ],
      [
        [1, 11],
        [2, 19],
      ],
    ),
  },
  {
    id: 'PMP',
    anomaly: 'PMP',
    source: 'hermitage',
    documentedAt: [rc, rr],
    title: 'Predicate-many-preceders (read predicate)',
    about:
      'A predicate read repeated after a concurrent insert commits: read committed sees the new row, ' +
      'repeatable read and serializable keep their snapshot and do not.',
    prevented: per(false, true),
    steps: [
      selectWhere(1, 'value = 30', { kind: 'value-eq', value: 30 }, rows()),
      insert(2, 3, 30, count(1)),
      commit(2, committed),
      selectWhere(1, 'value % 3 = 0', { kind: 'value-mod', divisor: 3 }, per(rows([3, 30]), rows())),
      commit(1, committed),
    ],
    final: per<readonly Row[]>([
      [1, 10],
      [2, 20],
      [3, 30],
    ]),
  },
  {
    id: 'PMP-write',
    anomaly: 'PMP',
    source: 'hermitage',
    documentedAt: [rc, rr],
    title: 'Predicate-many-preceders (write predicate)',
    about:
      'T1 adds 10 to every row; T2 deletes the rows with value 20 and must wait for row 2. At read ' +
      'committed T2 re-checks the newest row 2 (now 30), deletes nothing, and then sees row 1 at 20: ' +
      'its delete saw neither state whole. At repeatable read the delete fails instead.',
    prevented: per(false, true),
    steps: [
      step(
        1,
        'update test set value = value + 10',
        { kind: 'update-where', where: all, set: { kind: 'add', delta: 10 } },
        count(2),
      ),
      step(
        2,
        'delete from test where value = 20',
        { kind: 'delete-where', where: { kind: 'value-eq', value: 20 } },
        per(blocked(3, count(0)), blocked(3, serializationFailure)),
      ),
      commit(1, committed),
      selectWhere(2, 'value = 20', { kind: 'value-eq', value: 20 }, per(rows([1, 20]), inFailedTx)),
      commit(2, per(committed, rolledBack)),
    ],
    final: per<readonly Row[]>([
      [1, 20],
      [2, 30],
    ]),
  },
  {
    id: 'P4',
    anomaly: 'P4',
    source: 'hermitage',
    documentedAt: [rc, rr],
    title: 'Lost update',
    about:
      'Both transactions read row 1 and then write it. At read committed the second write waits and ' +
      "then overwrites the first (the first update is lost); at repeatable read it fails.",
    prevented: per(false, true),
    steps: [
      selectId(1, 1, rows([1, 10])),
      selectId(2, 1, rows([1, 10])),
      setId(1, 1, 11, count(1)),
      setId(2, 1, 11, per(blocked(5, count(1)), blocked(5, serializationFailure))),
      commit(1, committed),
      commit(2, per(committed, rolledBack)),
    ],
    final: per<readonly Row[]>([
      [1, 11],
      [2, 20],
    ]),
  },
  {
    id: 'P4-locks',
    anomaly: 'P4',
    source: 'derived',
    documentedAt: [],
    title: 'Lost update refused: the failed writer lets go of its other rows',
    about:
      'T2 holds row 2 and waits for row 1, which T1 commits: at read committed T2 goes on and T3 waits ' +
      "for row 2 until T2 commits; from repeatable read on T2 fails, and a failed transaction's row " +
      'locks are released with the error, so T3 writes row 2 at once.',
    prevented: per(false, true),
    steps: [
      setId(2, 2, 22, count(1)),
      setId(1, 1, 11, count(1)),
      setId(2, 1, 12, per(blocked(4, count(1)), blocked(4, serializationFailure))),
      commit(1, committed),
      setId(3, 2, 23, per(blocked(6, count(1)), count(1))),
      commit(2, per(committed, rolledBack)),
      commit(3, committed),
    ],
    final: per<readonly Row[]>(
      [
        [1, 12],
        [2, 23],
      ],
      [
        [1, 11],
        [2, 23],
      ],
    ),
  },
  {
    id: 'G-single',
    anomaly: 'G-single',
    source: 'hermitage',
    documentedAt: [rc, rr],
    title: 'Read skew',
    about:
      'T1 reads row 1, T2 moves 2 from row 2 to row 1 and commits, T1 reads row 2. At read committed ' +
      'T1 sees the new row 2 next to the old row 1 (the sum is off); from repeatable read on it sees ' +
      'its snapshot. At serializable T1 is read-only and serializes before T2: it commits.',
    prevented: per(false, true),
    steps: [
      selectId(1, 1, rows([1, 10])),
      selectId(2, 1, rows([1, 10])),
      selectId(2, 2, rows([2, 20])),
      setId(2, 1, 12, count(1)),
      setId(2, 2, 18, count(1)),
      commit(2, committed),
      selectId(1, 2, per(rows([2, 18]), rows([2, 20]))),
      commit(1, committed),
    ],
    final: per<readonly Row[]>([
      [1, 12],
      [2, 18],
    ]),
  },
  {
    id: 'G-single-pred',
    anomaly: 'G-single',
    source: 'hermitage',
    documentedAt: [rr],
    title: 'Read skew with predicate reads',
    about:
      'As G-single with predicate reads: T2 changes the row with value 10 to 12 after T1 read the ' +
      'multiples of 5; T1 then reads the multiples of 3 and finds 12 only at read committed.',
    prevented: per(false, true),
    steps: [
      selectWhere(1, 'value % 5 = 0', { kind: 'value-mod', divisor: 5 }, rows([1, 10], [2, 20])),
      step(
        2,
        'update test set value = 12 where value = 10',
        { kind: 'update-where', where: { kind: 'value-eq', value: 10 }, set: { kind: 'const', value: 12 } },
        count(1),
      ),
      commit(2, committed),
      selectWhere(1, 'value % 3 = 0', { kind: 'value-mod', divisor: 3 }, per(rows([1, 12]), rows())),
      commit(1, committed),
    ],
    final: per<readonly Row[]>([
      [1, 12],
      [2, 20],
    ]),
  },
  {
    id: 'G-single-write-pred',
    anomaly: 'G-single',
    source: 'hermitage',
    documentedAt: [rr],
    title: 'Read skew, then T1 writes through a predicate',
    about:
      'After T2 committed new values of both rows, T1 (which read row 1 before) deletes the rows with ' +
      'value 20. Read committed deletes nothing (the newest row 2 is 18) and commits; repeatable read ' +
      'and serializable find the old row 2, which T2 changed after the snapshot, and fail. (Hermitage ' +
      'ends T1 with abort; here T1 commits, so read committed shows that it can.)',
    prevented: per(false, true),
    steps: [
      selectId(1, 1, rows([1, 10])),
      selectAll(2, rows([1, 10], [2, 20])),
      setId(2, 1, 12, count(1)),
      setId(2, 2, 18, count(1)),
      commit(2, committed),
      step(
        1,
        'delete from test where value = 20',
        { kind: 'delete-where', where: { kind: 'value-eq', value: 20 } },
        per(count(0), serializationFailure),
      ),
      commit(1, per(committed, rolledBack)),
    ],
    final: per<readonly Row[]>([
      [1, 12],
      [2, 18],
    ]),
  },
  {
    id: 'G-single-write-key',
    anomaly: 'G-single',
    source: 'derived',
    documentedAt: [],
    title: 'Read skew, then T1 writes a row T2 changed',
    about:
      'As G-single-write-pred, but T1 writes row 2 by key, without reading it: from repeatable read ' +
      'on, writing a row that a transaction committed after our snapshot fails (first updater wins).',
    prevented: per(false, true),
    steps: [
      selectId(1, 1, rows([1, 10])),
      selectAll(2, rows([1, 10], [2, 20])),
      setId(2, 1, 12, count(1)),
      setId(2, 2, 18, count(1)),
      commit(2, committed),
      setId(1, 2, 21, per(count(1), serializationFailure)),
      commit(1, per(committed, rolledBack)),
    ],
    final: per<readonly Row[]>(
      [
        [1, 12],
        [2, 21],
      ],
      [
        [1, 12],
        [2, 18],
      ],
    ),
  },
  {
    id: 'G-single-write-dep',
    anomaly: 'G-single',
    source: 'derived',
    documentedAt: [],
    title: 'Read skew closed by a write the other transaction read',
    about:
      'T1 reads row 1; T2 reads row 2, updates row 1 and commits; T1 then updates row 2. No row is ' +
      'written twice, so repeatable read lets both commit, but T1 →rw T2 (row 1) and T2 →rw T1 ' +
      '(row 2) form a cycle with T2 already committed: at serializable T1 fails at its write.',
    prevented: per(false, false, true),
    steps: [
      selectId(1, 1, rows([1, 10])),
      selectId(2, 2, rows([2, 20])),
      setId(2, 1, 12, count(1)),
      commit(2, committed),
      setId(1, 2, 21, per(count(1), count(1), serializationFailure)),
      commit(1, per(committed, committed, rolledBack)),
    ],
    final: per<readonly Row[]>(
      [
        [1, 12],
        [2, 21],
      ],
      [
        [1, 12],
        [2, 21],
      ],
      [
        [1, 12],
        [2, 20],
      ],
    ),
  },
  {
    id: 'G2-item',
    anomaly: 'G2-item',
    source: 'hermitage',
    documentedAt: [rr, ser],
    title: 'Write skew',
    about:
      'Both transactions read both rows, then each updates a different one. Only serializable ' +
      'prevents it: the second commit fails.',
    prevented: per(false, false, true),
    steps: [
      step(1, 'select * from test where id in (1,2)', { kind: 'get', keys: ['1', '2'] }, rows([1, 10], [2, 20])),
      step(2, 'select * from test where id in (1,2)', { kind: 'get', keys: ['1', '2'] }, rows([1, 10], [2, 20])),
      setId(1, 1, 11, count(1)),
      setId(2, 2, 21, count(1)),
      commit(1, committed),
      commit(2, per(committed, committed, serializationFailure)),
    ],
    final: per<readonly Row[]>(
      [
        [1, 11],
        [2, 21],
      ],
      [
        [1, 11],
        [2, 21],
      ],
      [
        [1, 11],
        [2, 20],
      ],
    ),
  },
  {
    id: 'G2',
    anomaly: 'G2',
    source: 'hermitage',
    documentedAt: [rr, ser],
    title: 'Anti-dependency cycle with predicate reads',
    about:
      'Both transactions find no multiple of 3 and each inserts one. Only serializable prevents it: ' +
      'the second commit fails.',
    prevented: per(false, false, true),
    steps: [
      selectWhere(1, 'value % 3 = 0', { kind: 'value-mod', divisor: 3 }, rows()),
      selectWhere(2, 'value % 3 = 0', { kind: 'value-mod', divisor: 3 }, rows()),
      insert(1, 3, 30, count(1)),
      insert(2, 4, 42, count(1)),
      commit(1, committed),
      commit(2, per(committed, committed, serializationFailure)),
    ],
    final: per<readonly Row[]>(
      [
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 42],
      ],
      [
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 42],
      ],
      [
        [1, 10],
        [2, 20],
        [3, 30],
      ],
    ),
  },
  {
    id: 'G2-two-edge',
    anomaly: 'G2',
    source: 'hermitage',
    documentedAt: [ser],
    title: 'Anti-dependency cycle with two edges (Fekete et al.)',
    about:
      'T1 reads everything; T2 adds 5 to row 2 and commits; T3 reads everything (sees 25) and commits; ' +
      'T1 then writes row 1. T3 →rw T1 →rw T2 with T2 committed before T3 began: serializable fails ' +
      "T1's write. (Hermitage ends T1 with abort; here T1 commits, so the other levels show that it can.)",
    prevented: per(false, false, true),
    steps: [
      selectAll(1, rows([1, 10], [2, 20])),
      step(
        2,
        'update test set value = value + 5 where id = 2',
        { kind: 'update-where', where: { kind: 'id', key: '2' }, set: { kind: 'add', delta: 5 } },
        count(1),
      ),
      commit(2, committed),
      selectAll(3, rows([1, 10], [2, 25])),
      commit(3, committed),
      setId(1, 1, 0, per(count(1), count(1), serializationFailure)),
      commit(1, per(committed, committed, rolledBack)),
    ],
    final: per<readonly Row[]>(
      [
        [1, 0],
        [2, 25],
      ],
      [
        [1, 0],
        [2, 25],
      ],
      [
        [1, 10],
        [2, 25],
      ],
    ),
  },
  {
    id: 'deadlock',
    anomaly: 'deadlock',
    source: 'derived',
    documentedAt: [],
    title: 'Two writers lock two rows in opposite orders',
    about:
      'T1 waits for row 2 (held by T2), then T2 asks for row 1 (held by T1): the wait that closes the ' +
      "cycle fails with a deadlock at every level, and T2's failure releases its locks at once, so T1 " +
      "proceeds. (PostgreSQL detects the cycle after deadlock_timeout in the waiter that checks first; " +
      'with T1 already waiting longer than that, the check that finds the cycle is T2\'s.)',
    prevented: per(true),
    steps: [
      setId(1, 1, 11, count(1)),
      setId(2, 2, 22, count(1)),
      setId(1, 2, 21, blocked(4, count(1))),
      setId(2, 1, 12, { error: '40P01' }),
      abort(2, rolledBack),
      commit(1, committed),
    ],
    final: per<readonly Row[]>([
      [1, 11],
      [2, 21],
    ]),
  },
];

// ---------------------------------------------------------------------------------------------
// Outcome table.

/** PostgreSQL's row in Hermitage's summary table: is the anomaly prevented at each level? */
export const postgresSummary: { readonly [A in Exclude<Anomaly, 'deadlock'>]: PerLevel<boolean> } = {
  G0: per(true),
  G1a: per(true),
  G1b: per(true),
  G1c: per(true),
  OTV: per(true),
  PMP: per(false, true),
  P4: per(false, true),
  'G-single': per(false, true),
  'G2-item': per(false, false, true),
  G2: per(false, false, true),
};

/** One line on what PostgreSQL does in a scenario at a level: blocking, failures, commits. */
export function describeOutcome(s: Scenario, level: Level): string {
  const parts: string[] = [];
  s.steps.forEach((st, i) => {
    const e = st.expect[level];
    const n = i + 1;
    if (e.blocks === true) parts.push(`step ${n} (T${st.tx}) blocks until step ${e.unblockedBy ?? '?'}`);
    const ends = st.kv.kind === 'commit' || st.kv.kind === 'rollback';
    if (e.error !== undefined && e.error !== '25P02' && !ends) parts.push(`step ${n} (T${st.tx}) fails ${e.error}`);
  });
  const ends = s.steps
    .map((st) => ({ tx: st.tx, e: st.expect[level], kind: st.kv.kind }))
    .filter((x) => x.kind === 'commit' || x.kind === 'rollback')
    .map((x) => `T${x.tx} ${x.e.error !== undefined ? `commit fails ${x.e.error}` : (x.e.outcome ?? '?')}`);
  return [...parts, ...ends].join('; ');
}

export interface Outcome {
  readonly prevented: boolean;
  readonly outcome: string;
}

/** Scenario id × level → PostgreSQL's outcome. */
export const outcomeTable: { readonly [id: string]: PerLevel<Outcome> } = Object.fromEntries(
  scenarios.map((s) => [
    s.id,
    per<Outcome>(
      { prevented: s.prevented[rc], outcome: describeOutcome(s, rc) },
      { prevented: s.prevented[rr], outcome: describeOutcome(s, rr) },
      { prevented: s.prevented[ser], outcome: describeOutcome(s, ser) },
    ),
  ]),
);

/** Evaluate a predicate on a row. */
export function matches(where: Predicate, row: Row): boolean {
  switch (where.kind) {
    case 'all':
      return true;
    case 'id':
      return String(row[0]) === where.key;
    case 'value-eq':
      return row[1] === where.value;
    case 'value-mod':
      return row[1] % where.divisor === 0;
    default: {
      const never: never = where;
      throw new Error(`unknown predicate ${JSON.stringify(never)}`);
    }
  }
}

/** The value an assignment gives a row. */
export function assign(set: Assignment, row: Row): number {
  return set.kind === 'const' ? set.value : row[1] + set.delta;
}

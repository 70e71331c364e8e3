/**
 * The SQL syntax tree: what the parser produces and the planner consumes.
 *
 * Every node is a `readonly` object discriminated on `kind`; passes handle them with an
 * exhaustive `switch` so that adding a kind fails to compile until every pass handles it.
 * `pos` is the 0-based offset of the node's first token in the statement text (errors turn it into
 * PostgreSQL's 1-based character position with `characterPosition`).
 *
 * Names: unquoted identifiers arrive folded to lower case, quoted ones as written.
 */

/** A possibly schema-qualified name: `name` or `schema.name`. */
export interface QualifiedName {
  readonly schema: string | null;
  readonly name: string;
  readonly pos: number;
}

/** A type as written: `integer`, `varchar(10)`, `numeric(10,2)`, `int[]`, `timestamp with time zone`. */
export interface TypeName {
  /**
   * PostgreSQL's canonical name of the base type: int2 int4 int8 float4 float8 numeric bool text
   * varchar bpchar bytea date time timestamp timestamptz interval uuid json jsonb, or any other
   * name as written (the binder rejects unknown ones with 42704). `serial`, `bigserial` and
   * `smallserial` stay as written (the DDL turns them into a sequence default).
   */
  readonly name: string;
  /** Type modifiers: varchar(n)/bpchar(n) → [n]; numeric(p) → [p]; numeric(p,s) → [p, s]; time(p) → [p]. */
  readonly mods: readonly number[];
  /** `int[]`, `int[3]`, `int ARRAY`: a one-dimensional array of the base type. */
  readonly array: boolean;
  readonly pos: number;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type Expr =
  | ColumnRef
  | Literal
  | Param
  | Unary
  | Binary
  | BoolOp
  | Not
  | IsNull
  | IsBool
  | IsDistinct
  | Between
  | Like
  | InList
  | InSubquery
  | Exists
  | SubqueryExpr
  | Quantified
  | CaseExpr
  | Cast
  | FuncCall
  | ArrayExpr
  | Subscript
  | RowExpr
  | Star
  | SpecialValue
  | Collate
  | DefaultExpr;

/** `a`, `t.a`, `s.t.a`; `t.*` is a Star. */
export interface ColumnRef {
  readonly kind: 'column';
  /** Qualifiers before the column, outermost first: [] or ['t'] or ['s', 't']. */
  readonly qualifier: readonly string[];
  readonly name: string;
  readonly pos: number;
}

/**
 * A constant. `string` literals are of type unknown until context resolves them (as in
 * PostgreSQL: `'1' + 2` is an integer addition). `integer` keeps its text so that values past
 * int8 become numeric; `numeric` is a literal with a point or an exponent.
 */
export type Literal =
  | { readonly kind: 'literal'; readonly type: 'null'; readonly pos: number }
  | { readonly kind: 'literal'; readonly type: 'bool'; readonly value: boolean; readonly pos: number }
  | { readonly kind: 'literal'; readonly type: 'integer'; readonly value: string; readonly pos: number }
  | { readonly kind: 'literal'; readonly type: 'numeric'; readonly value: string; readonly pos: number }
  | { readonly kind: 'literal'; readonly type: 'string'; readonly value: string; readonly pos: number }
  /** B'0101' / X'1F': kept as written ('b0101', 'x1F'); BasaltDB has no bit type and rejects them. */
  | { readonly kind: 'literal'; readonly type: 'bitstring'; readonly value: string; readonly pos: number }
  /** `TYPE 'text'`, for example `DATE '2024-01-01'`, `INTERVAL '1 day'`. */
  | { readonly kind: 'literal'; readonly type: 'typed'; readonly typeName: TypeName; readonly value: string; readonly pos: number };

/** `$1` (1-based). */
export interface Param {
  readonly kind: 'param';
  readonly index: number;
  readonly pos: number;
}

/** Prefix operators: `-x`, `+x`, `~x`, `@x`. */
export interface Unary {
  readonly kind: 'unary';
  readonly op: string;
  readonly operand: Expr;
  readonly pos: number;
}

/**
 * Binary operators other than AND/OR: arithmetic, comparison, `||`, json `->` `->>` `@>` `<@`
 * `?`, regex `~` `~*` `!~` `!~*`, and any other operator token. `pos` is the operator's offset
 * (PostgreSQL reports operator errors there).
 */
export interface Binary {
  readonly kind: 'binary';
  readonly op: string;
  readonly left: Expr;
  readonly right: Expr;
  readonly pos: number;
}

/** `a AND b AND c` (flattened). */
export interface BoolOp {
  readonly kind: 'bool';
  readonly op: 'and' | 'or';
  readonly args: readonly Expr[];
  readonly pos: number;
}

export interface Not {
  readonly kind: 'not';
  readonly arg: Expr;
  readonly pos: number;
}

/** `x IS [NOT] NULL`, `x ISNULL`, `x NOTNULL`. */
export interface IsNull {
  readonly kind: 'isnull';
  readonly arg: Expr;
  readonly negated: boolean;
  readonly pos: number;
}

/** `x IS [NOT] TRUE | FALSE | UNKNOWN`. */
export interface IsBool {
  readonly kind: 'isbool';
  readonly arg: Expr;
  readonly value: 'true' | 'false' | 'unknown';
  readonly negated: boolean;
  readonly pos: number;
}

/** `a IS [NOT] DISTINCT FROM b`. */
export interface IsDistinct {
  readonly kind: 'isdistinct';
  readonly left: Expr;
  readonly right: Expr;
  readonly negated: boolean;
  readonly pos: number;
}

/** `x [NOT] BETWEEN [SYMMETRIC] lo AND hi`. */
export interface Between {
  readonly kind: 'between';
  readonly arg: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
  readonly symmetric: boolean;
  readonly pos: number;
}

/** `x [NOT] LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e]`. */
export interface Like {
  readonly kind: 'like';
  readonly op: 'like' | 'ilike' | 'similar';
  readonly arg: Expr;
  readonly pattern: Expr;
  readonly escape: Expr | null;
  readonly negated: boolean;
  readonly pos: number;
}

/** `x [NOT] IN (a, b, c)`. */
export interface InList {
  readonly kind: 'inlist';
  readonly arg: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
  readonly pos: number;
}

/** `x [NOT] IN (SELECT …)`; `arg` may be a RowExpr for `(a, b) IN (SELECT …)`. */
export interface InSubquery {
  readonly kind: 'insubquery';
  readonly arg: Expr;
  readonly query: Query;
  readonly negated: boolean;
  readonly pos: number;
}

/** `EXISTS (SELECT …)`. */
export interface Exists {
  readonly kind: 'exists';
  readonly query: Query;
  readonly pos: number;
}

/** `(SELECT …)` used as a scalar value; `ARRAY(SELECT …)` has `array: true`. */
export interface SubqueryExpr {
  readonly kind: 'subquery';
  readonly query: Query;
  readonly array: boolean;
  readonly pos: number;
}

/** `x op ANY|SOME|ALL (SELECT …)` or `x op ANY|ALL (array expression)`. */
export interface Quantified {
  readonly kind: 'quantified';
  readonly op: string;
  readonly quantifier: 'any' | 'all';
  readonly left: Expr;
  /** Exactly one of `query` and `array` is set. */
  readonly query: Query | null;
  readonly array: Expr | null;
  readonly pos: number;
}

/** `CASE [operand] WHEN … THEN … [ELSE …] END`. */
export interface CaseExpr {
  readonly kind: 'case';
  readonly operand: Expr | null;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else: Expr | null;
  readonly pos: number;
}

/** `CAST(x AS t)` and `x::t`. */
export interface Cast {
  readonly kind: 'cast';
  readonly arg: Expr;
  readonly type: TypeName;
  readonly pos: number;
}

/**
 * A function call, aggregate or window function. Special syntaxes arrive normalised:
 * `COALESCE`, `NULLIF`, `GREATEST`, `LEAST` are calls by those names; `EXTRACT(f FROM x)` is
 * `extract('f', x)` (first argument a string literal); `POSITION(a IN b)` is `position(b, a)`;
 * `SUBSTRING(x FROM a FOR b)` is `substring(x, a, b)`; `TRIM([LEADING|TRAILING|BOTH] [c] FROM x)`
 * is `btrim|ltrim|rtrim(x[, c])`; `OVERLAY(x PLACING y FROM a [FOR b])` is `overlay(x, y, a[, b])`.
 */
export interface FuncCall {
  readonly kind: 'func';
  readonly name: QualifiedName;
  readonly args: readonly Expr[];
  /** `count(*)`. */
  readonly star: boolean;
  readonly distinct: boolean;
  /** `string_agg(x, ',' ORDER BY y)`, `array_agg(x ORDER BY y)`. */
  readonly orderBy: readonly OrderItem[];
  /** `FILTER (WHERE …)`. */
  readonly filter: Expr | null;
  /** `OVER (…)` or `OVER name`. */
  readonly over: WindowSpec | null;
  readonly pos: number;
}

/** `ARRAY[a, b]` (and `'{1,2}'::int[]` is a Cast of a string literal). */
export interface ArrayExpr {
  readonly kind: 'array';
  readonly elements: readonly Expr[];
  readonly pos: number;
}

/** `a[i]` or `a[lo:hi]` (either bound may be omitted in a slice). */
export interface Subscript {
  readonly kind: 'subscript';
  readonly arg: Expr;
  readonly index: Expr | null;
  /** Set for a slice `a[lo:hi]`; `index` is then the lower bound (or null). */
  readonly slice: boolean;
  readonly upper: Expr | null;
  readonly pos: number;
}

/** `(a, b)` or `ROW(a, b)`: only as an operand of comparisons and IN. */
export interface RowExpr {
  readonly kind: 'row';
  readonly items: readonly Expr[];
  readonly pos: number;
}

/** `*` or `t.*` in a select list (and `count(*)` uses `star` instead). */
export interface Star {
  readonly kind: 'star';
  readonly qualifier: readonly string[];
  readonly pos: number;
}

/** Niladic SQL value functions: CURRENT_DATE, CURRENT_TIMESTAMP[(p)], LOCALTIMESTAMP, CURRENT_USER, … */
export interface SpecialValue {
  readonly kind: 'special';
  readonly name:
    | 'current_date'
    | 'current_time'
    | 'current_timestamp'
    | 'localtime'
    | 'localtimestamp'
    | 'current_user'
    | 'session_user'
    | 'user'
    | 'current_schema'
    | 'current_catalog';
  readonly precision: number | null;
  readonly pos: number;
}

/** `x COLLATE "C"`: accepted; BasaltDB compares text by code point (the C collation). */
export interface Collate {
  readonly kind: 'collate';
  readonly arg: Expr;
  readonly collation: string;
  readonly pos: number;
}

/** `DEFAULT` as a value: only inside `INSERT … VALUES` rows and `UPDATE … SET c = DEFAULT`. */
export interface DefaultExpr {
  readonly kind: 'default';
  readonly pos: number;
}

// ---------------------------------------------------------------------------------------------
// Queries

export interface OrderItem {
  readonly expr: Expr;
  readonly desc: boolean;
  /** null: the default (NULLS LAST for ASC, NULLS FIRST for DESC). */
  readonly nullsFirst: boolean | null;
  /** `ORDER BY x USING <`: the operator, or null. */
  readonly using: string | null;
}

export interface WindowFrameBound {
  readonly type: 'unbounded preceding' | 'preceding' | 'current row' | 'following' | 'unbounded following';
  /** The offset of `n PRECEDING` / `n FOLLOWING`. */
  readonly offset: Expr | null;
}

export interface WindowFrame {
  readonly mode: 'rows' | 'range' | 'groups';
  readonly start: WindowFrameBound;
  /** null when written without BETWEEN (the end is then CURRENT ROW). */
  readonly end: WindowFrameBound | null;
  readonly exclude: 'no others' | 'current row' | 'group' | 'ties';
}

export interface WindowSpec {
  /** `OVER w` or `OVER (w ORDER BY …)`: the base window's name. */
  readonly ref: string | null;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame: WindowFrame | null;
  readonly pos: number;
}

export interface SelectItem {
  readonly expr: Expr;
  /** `AS name` or a bare alias; null when none was written. */
  readonly alias: string | null;
}

export type FromItem = TableRef | SubqueryRef | FunctionRef | JoinRef | ValuesRef;

export interface Alias {
  readonly name: string;
  /** Column aliases `AS t(a, b)`. */
  readonly columns: readonly string[];
}

export interface TableRef {
  readonly kind: 'table';
  readonly name: QualifiedName;
  /** `ONLY t` is accepted and means the same (no inheritance). */
  readonly alias: Alias | null;
  readonly pos: number;
}

export interface SubqueryRef {
  readonly kind: 'subquery';
  readonly query: Query;
  readonly lateral: boolean;
  readonly alias: Alias | null;
  readonly pos: number;
}

/** `generate_series(1, 10) [WITH ORDINALITY] AS g(x)`, `unnest(arr)`. */
export interface FunctionRef {
  readonly kind: 'function';
  readonly call: FuncCall;
  readonly lateral: boolean;
  readonly ordinality: boolean;
  readonly alias: Alias | null;
  readonly pos: number;
}

/** `(VALUES (1, 'a'), (2, 'b')) AS v(n, s)`. */
export interface ValuesRef {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expr[])[];
  readonly alias: Alias | null;
  readonly pos: number;
}

export interface JoinRef {
  readonly kind: 'join';
  readonly type: 'inner' | 'left' | 'right' | 'full' | 'cross';
  readonly natural: boolean;
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on: Expr | null;
  readonly using: readonly string[] | null;
  /** `JOIN … USING (a) AS j`: rare; kept for completeness. */
  readonly alias: Alias | null;
  readonly pos: number;
}

export interface CommonTableExpr {
  readonly name: string;
  readonly columns: readonly string[];
  /** SELECT, VALUES, or a data-modifying statement with RETURNING. */
  readonly query: Query | InsertStmt | UpdateStmt | DeleteStmt;
  readonly materialized: boolean | null;
  readonly pos: number;
}

export interface WithClause {
  readonly recursive: boolean;
  readonly ctes: readonly CommonTableExpr[];
}

/** `SELECT …`: one query block. */
export interface Select {
  readonly kind: 'select';
  /** null: no DISTINCT; []: DISTINCT; [exprs]: DISTINCT ON (exprs). */
  readonly distinct: readonly Expr[] | null;
  readonly items: readonly SelectItem[];
  readonly from: readonly FromItem[];
  readonly where: Expr | null;
  readonly groupBy: readonly Expr[];
  readonly having: Expr | null;
  readonly windows: readonly { readonly name: string; readonly spec: WindowSpec }[];
  readonly pos: number;
}

/** `VALUES (…), (…)` as a query. */
export interface Values {
  readonly kind: 'values';
  readonly rows: readonly (readonly Expr[])[];
  readonly pos: number;
}

/** `left UNION [ALL] right` and friends. */
export interface SetOp {
  readonly kind: 'setop';
  readonly op: 'union' | 'intersect' | 'except';
  readonly all: boolean;
  readonly left: QueryBody;
  readonly right: QueryBody;
  readonly pos: number;
}

export type QueryBody = Select | Values | SetOp | Query;

/**
 * A full query: WITH, a body, then ORDER BY / LIMIT / OFFSET / locking that apply to the whole
 * body. A parenthesised query inside a set operation is a nested Query.
 */
export interface Query {
  readonly kind: 'query';
  readonly with: WithClause | null;
  readonly body: QueryBody;
  readonly orderBy: readonly OrderItem[];
  /** LIMIT n / FETCH FIRST n ROWS ONLY; `LIMIT ALL` is null. */
  readonly limit: Expr | null;
  readonly offset: Expr | null;
  /** FETCH FIRST n ROWS WITH TIES. */
  readonly withTies: boolean;
  /** FOR UPDATE / FOR SHARE / FOR NO KEY UPDATE / FOR KEY SHARE. */
  readonly locking: 'update' | 'no key update' | 'share' | 'key share' | null;
  readonly pos: number;
}

// ---------------------------------------------------------------------------------------------
// Data modification

export interface InsertStmt {
  readonly kind: 'insert';
  readonly with: WithClause | null;
  readonly table: QualifiedName;
  readonly alias: string | null;
  /** Target columns, or [] for all in order. */
  readonly columns: readonly { readonly name: string; readonly pos: number }[];
  /** A Query (VALUES or SELECT), or null for DEFAULT VALUES. In VALUES rows, `DEFAULT` is a DefaultExpr. */
  readonly source: Query | null;
  readonly onConflict: OnConflict | null;
  readonly returning: readonly SelectItem[];
  /** OVERRIDING SYSTEM VALUE / USER VALUE. */
  readonly overriding: 'system' | 'user' | null;
  readonly pos: number;
}


export interface OnConflict {
  /** Conflict target columns (or [] when omitted / ON CONSTRAINT). */
  readonly columns: readonly string[];
  readonly constraint: string | null;
  /** Target WHERE (partial unique index inference). */
  readonly targetWhere: Expr | null;
  readonly action: 'nothing' | 'update';
  readonly set: readonly SetClause[];
  readonly where: Expr | null;
  readonly pos: number;
}

/** `col = expr`, or `(a, b) = (x, y)` / `(a, b) = (SELECT …)` as several columns. */
export interface SetClause {
  readonly columns: readonly { readonly name: string; readonly pos: number }[];
  /** One Expr per column; for `(a, b) = (SELECT …)` a single SubqueryExpr. */
  readonly values: readonly Expr[];
}

export interface UpdateStmt {
  readonly kind: 'update';
  readonly with: WithClause | null;
  readonly table: QualifiedName;
  readonly alias: string | null;
  readonly set: readonly SetClause[];
  readonly from: readonly FromItem[];
  readonly where: Expr | null;
  readonly returning: readonly SelectItem[];
  readonly pos: number;
}

export interface DeleteStmt {
  readonly kind: 'delete';
  readonly with: WithClause | null;
  readonly table: QualifiedName;
  readonly alias: string | null;
  readonly using: readonly FromItem[];
  readonly where: Expr | null;
  readonly returning: readonly SelectItem[];
  readonly pos: number;
}

/** `COPY t [(cols)] FROM STDIN | TO STDOUT [WITH (FORMAT csv, HEADER, DELIMITER ',', NULL '', QUOTE '"', ESCAPE '"')]`, or `COPY (query) TO STDOUT`. */
export interface CopyStmt {
  readonly kind: 'copy';
  readonly table: QualifiedName | null;
  readonly query: Query | null;
  readonly columns: readonly string[];
  readonly direction: 'from' | 'to';
  /** 'stdin' / 'stdout', or a file name (refused: 42501, as for a non-superuser in PostgreSQL). */
  readonly target: string;
  readonly options: CopyOptions;
  readonly pos: number;
}

export interface CopyOptions {
  readonly format: 'text' | 'csv' | 'binary';
  readonly header: boolean;
  readonly delimiter: string | null;
  readonly null: string | null;
  readonly quote: string | null;
  readonly escape: string | null;
  /** FORCE_QUOTE: '*' (every column) or the column names; null: none. */
  readonly forceQuote?: '*' | readonly string[] | null;
}

// ---------------------------------------------------------------------------------------------
// Definitions

export type ReferentialAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

/** A table or column constraint. */
export type Constraint =
  | { readonly kind: 'primary key'; readonly name: string | null; readonly columns: readonly string[]; readonly pos: number }
  | { readonly kind: 'unique'; readonly name: string | null; readonly columns: readonly string[]; readonly nullsNotDistinct: boolean; readonly pos: number }
  | { readonly kind: 'check'; readonly name: string | null; readonly expr: Expr; readonly text: string; readonly pos: number }
  | {
      readonly kind: 'foreign key';
      readonly name: string | null;
      /** Referencing columns ([] for a column constraint: that column). */
      readonly columns: readonly string[];
      readonly table: QualifiedName;
      /** Referenced columns ([] means the referenced table's primary key). */
      readonly refColumns: readonly string[];
      readonly onDelete: ReferentialAction;
      readonly onUpdate: ReferentialAction;
      readonly pos: number;
    };

export interface ColumnDef {
  readonly name: string;
  readonly type: TypeName;
  readonly notNull: boolean;
  /** An explicit `NULL` was written (conflicts with NOT NULL → 42601). */
  readonly nullable: boolean;
  readonly default: Expr | null;
  /** The source text of the default expression (for catalog display). */
  readonly defaultText: string | null;
  /** GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(sequence options)]. */
  readonly identity: { readonly always: boolean; readonly options: SequenceOptions } | null;
  /** Column constraints other than NOT NULL / NULL / DEFAULT (PRIMARY KEY, UNIQUE, CHECK, REFERENCES). */
  readonly constraints: readonly Constraint[];
  readonly pos: number;
}

export interface SequenceOptions {
  readonly as: TypeName | null;
  readonly increment: string | null;
  readonly minValue: string | null | 'none';
  readonly maxValue: string | null | 'none';
  readonly start: string | null;
  readonly cache: string | null;
  readonly cycle: boolean | null;
  /** OWNED BY t.c (or 'none'). */
  readonly ownedBy: readonly string[] | 'none' | null;
  /** ALTER SEQUENCE … RESTART [WITH n]: the value, or 'start'. */
  readonly restart: string | 'start' | null;
}

export interface CreateTable {
  readonly kind: 'create table';
  readonly name: QualifiedName;
  readonly ifNotExists: boolean;
  readonly temporary: boolean;
  readonly columns: readonly ColumnDef[];
  readonly constraints: readonly Constraint[];
  /** `CREATE TABLE t AS query` (columns then name the output). */
  readonly as: Query | null;
  /** `WITH (fillfactor = 90)` and similar storage parameters: accepted and ignored. */
  readonly options: readonly { readonly name: string; readonly value: string }[];
  readonly pos: number;
}

export interface CreateIndex {
  readonly kind: 'create index';
  readonly name: string | null;
  readonly table: QualifiedName;
  readonly unique: boolean;
  readonly ifNotExists: boolean;
  readonly concurrently: boolean;
  /** `USING btree` (others → 0A000). */
  readonly method: string | null;
  readonly columns: readonly OrderItem[];
  /** INCLUDE (cols). */
  readonly include: readonly string[];
  readonly where: Expr | null;
  readonly pos: number;
}

export interface CreateView {
  readonly kind: 'create view';
  readonly name: QualifiedName;
  readonly orReplace: boolean;
  readonly temporary: boolean;
  readonly columns: readonly string[];
  readonly query: Query;
  /** The query's source text (the catalog keeps it; the view is re-parsed from it). */
  readonly text: string;
  readonly pos: number;
}

export interface CreateSequence {
  readonly kind: 'create sequence';
  readonly name: QualifiedName;
  readonly ifNotExists: boolean;
  readonly temporary: boolean;
  readonly options: SequenceOptions;
  readonly pos: number;
}

export interface AlterSequence {
  readonly kind: 'alter sequence';
  readonly name: QualifiedName;
  readonly ifExists: boolean;
  readonly options: SequenceOptions;
  readonly pos: number;
}

export interface CreateSchema {
  readonly kind: 'create schema';
  readonly name: string;
  readonly ifNotExists: boolean;
  readonly pos: number;
}

/** DROP TABLE | INDEX | VIEW | SEQUENCE | SCHEMA [IF EXISTS] a, b [CASCADE | RESTRICT]. */
export interface DropStmt {
  readonly kind: 'drop';
  readonly object: 'table' | 'index' | 'view' | 'sequence' | 'schema';
  readonly names: readonly QualifiedName[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
  readonly pos: number;
}

export type AlterTableAction =
  | { readonly kind: 'add column'; readonly column: ColumnDef; readonly ifNotExists: boolean }
  | { readonly kind: 'drop column'; readonly name: string; readonly ifExists: boolean; readonly cascade: boolean }
  | { readonly kind: 'rename column'; readonly from: string; readonly to: string }
  | { readonly kind: 'add constraint'; readonly constraint: Constraint }
  | { readonly kind: 'drop constraint'; readonly name: string; readonly ifExists: boolean; readonly cascade: boolean }
  | { readonly kind: 'rename'; readonly to: string }
  | { readonly kind: 'rename constraint'; readonly from: string; readonly to: string }
  | { readonly kind: 'alter column type'; readonly name: string; readonly type: TypeName; readonly using: Expr | null }
  | { readonly kind: 'alter column default'; readonly name: string; readonly default: Expr | null; readonly defaultText: string | null }
  | { readonly kind: 'alter column not null'; readonly name: string; readonly notNull: boolean }
  | { readonly kind: 'set schema'; readonly schema: string };

export interface AlterTable {
  readonly kind: 'alter table';
  readonly name: QualifiedName;
  readonly ifExists: boolean;
  readonly actions: readonly AlterTableAction[];
  readonly pos: number;
}

/** `ALTER INDEX a RENAME TO b`, `ALTER VIEW …`, `ALTER SEQUENCE … RENAME TO`. */
export interface RenameStmt {
  readonly kind: 'rename';
  readonly object: 'index' | 'view' | 'sequence' | 'schema';
  readonly name: QualifiedName;
  readonly ifExists: boolean;
  readonly to: string;
  readonly pos: number;
}

export interface TruncateStmt {
  readonly kind: 'truncate';
  readonly tables: readonly QualifiedName[];
  readonly restartIdentity: boolean;
  readonly cascade: boolean;
  readonly pos: number;
}

// ---------------------------------------------------------------------------------------------
// Transactions, settings, utilities

export type IsolationLevelName = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionModes {
  readonly isolation: IsolationLevelName | null;
  readonly readOnly: boolean | null;
  readonly deferrable: boolean | null;
}

export type TransactionStmt =
  | { readonly kind: 'begin'; readonly modes: TransactionModes; readonly pos: number; /** Written START TRANSACTION (its command tag). */ readonly start?: boolean }
  | { readonly kind: 'commit'; readonly chain: boolean; readonly pos: number }
  | { readonly kind: 'rollback'; readonly chain: boolean; readonly pos: number }
  | { readonly kind: 'savepoint'; readonly name: string; readonly pos: number }
  | { readonly kind: 'rollback to'; readonly name: string; readonly pos: number }
  | { readonly kind: 'release'; readonly name: string; readonly pos: number }
  /** SET TRANSACTION … / SET SESSION CHARACTERISTICS AS TRANSACTION …. */
  | { readonly kind: 'set transaction'; readonly session: boolean; readonly modes: TransactionModes; readonly pos: number };

/**
 * `SET [SESSION | LOCAL] name { TO | = } value [, …] | DEFAULT`, `SET TIME ZONE x`,
 * `SET NAMES x` (as client_encoding). Values arrive as the text PostgreSQL would store: identifiers
 * and strings as text, numbers as written; several values joined with ', '. null: DEFAULT.
 */
export interface SetStmt {
  readonly kind: 'set';
  readonly name: string;
  readonly value: string | null;
  readonly local: boolean;
  readonly pos: number;
}

/** `SHOW name` / `SHOW ALL`. */
export interface ShowStmt {
  readonly kind: 'show';
  readonly name: string;
  readonly pos: number;
}

/** `RESET name` / `RESET ALL`. */
export interface ResetStmt {
  readonly kind: 'reset';
  readonly name: string;
  readonly pos: number;
}

export interface ExplainStmt {
  readonly kind: 'explain';
  readonly analyze: boolean;
  readonly verbose: boolean;
  readonly costs: boolean | null;
  readonly format: 'text' | 'json';
  readonly statement: Statement;
  readonly pos: number;
}

/** PREPARE name [(types)] AS statement / EXECUTE name [(args)] / DEALLOCATE [PREPARE] name | ALL. */
export type PreparedStmt =
  | { readonly kind: 'prepare'; readonly name: string; readonly types: readonly TypeName[]; readonly statement: Statement; readonly pos: number }
  | { readonly kind: 'execute'; readonly name: string; readonly args: readonly Expr[]; readonly pos: number }
  | { readonly kind: 'deallocate'; readonly name: string | null; readonly pos: number };

/** Statements accepted for compatibility whose effect BasaltDB does not need: VACUUM, ANALYZE, CHECKPOINT, LOCK TABLE, DISCARD, REINDEX, COMMENT ON, GRANT/REVOKE. */
export interface UtilityStmt {
  readonly kind: 'utility';
  readonly command: 'vacuum' | 'analyze' | 'checkpoint' | 'lock' | 'discard' | 'reindex' | 'comment' | 'grant' | 'revoke';
  /** Tables named (VACUUM t, ANALYZE t, LOCK t, REINDEX TABLE t): checked to exist. */
  readonly tables: readonly QualifiedName[];
  readonly pos: number;
}

// ---- roles (roles.ts) -----------------------------------------------------------------------

/** RoleSpec: a role name, or one of the special specifiers (resolved when the statement runs). */
export type RoleSpec =
  | { readonly kind: 'name'; readonly name: string; readonly pos: number }
  | { readonly kind: 'current_user' | 'current_role' | 'session_user' | 'public'; readonly pos: number };

/** One option of CREATE/ALTER ROLE, as written (each may appear once: PostgreSQL's 42601 otherwise). */
export type RoleOption =
  | { readonly kind: 'superuser' | 'createdb' | 'createrole' | 'inherit' | 'login' | 'replication' | 'bypassrls'; readonly value: boolean; readonly pos: number }
  | { readonly kind: 'connection limit'; readonly value: number; readonly pos: number }
  /** PASSWORD 'x' / ENCRYPTED PASSWORD 'x' / PASSWORD NULL. */
  | { readonly kind: 'password'; readonly value: string | null; readonly pos: number }
  | { readonly kind: 'valid until'; readonly value: string; readonly pos: number }
  | { readonly kind: 'sysid'; readonly pos: number }
  /** IN ROLE / IN GROUP (the new role joins these), ROLE / USER (these join it), ADMIN (these join it WITH ADMIN OPTION). */
  | { readonly kind: 'in role' | 'role' | 'admin'; readonly roles: readonly RoleSpec[]; readonly pos: number };

/** CREATE ROLE / USER / GROUP name [WITH] options. */
export interface CreateRoleStmt {
  readonly kind: 'create role';
  readonly name: string;
  /** USER implies LOGIN unless NOLOGIN is given. */
  readonly user: boolean;
  readonly options: readonly RoleOption[];
  readonly pos: number;
}

/** ALTER ROLE / USER / GROUP role [WITH] options. */
export interface AlterRoleStmt {
  readonly kind: 'alter role';
  readonly role: RoleSpec;
  readonly options: readonly RoleOption[];
  readonly pos: number;
}

/** ALTER ROLE / USER / GROUP name RENAME TO new. */
export interface RenameRoleStmt {
  readonly kind: 'rename role';
  readonly name: string;
  readonly to: string;
  readonly pos: number;
}

/** DROP ROLE / USER / GROUP [IF EXISTS] role, …. */
export interface DropRoleStmt {
  readonly kind: 'drop role';
  readonly roles: readonly RoleSpec[];
  readonly ifExists: boolean;
  readonly pos: number;
}

/** GRANT role, … TO role, … [WITH ADMIN OPTION] / REVOKE [ADMIN OPTION FOR] role, … FROM role, …; ALTER GROUP g ADD|DROP USER u, …. */
export interface GrantRoleStmt {
  readonly kind: 'grant role';
  readonly grant: boolean;
  readonly roles: readonly RoleSpec[];
  /** Indexes in `roles` of names written with a column list (an error when the statement runs, as in PostgreSQL). */
  readonly withColumns: readonly number[];
  readonly grantees: readonly RoleSpec[];
  /** GRANT: WITH ADMIN OPTION; REVOKE: ADMIN OPTION FOR. */
  readonly admin: boolean;
  readonly grantedBy: RoleSpec | null;
  /** The command tag: GRANT ROLE / REVOKE ROLE, or ALTER ROLE for ALTER GROUP. */
  readonly tag: string;
  readonly pos: number;
}

/** What GRANT/REVOKE privileges ON names: a kind of object and the names, or ALL … IN SCHEMA. */
export interface GrantTarget {
  /** 'table' covers tables, views and sequences named without SEQUENCE; 'all tables' etc. name schemas. */
  readonly kind: 'table' | 'sequence' | 'schema' | 'database' | 'function' | 'procedure' | 'routine' | 'language' | 'type' | 'domain' | 'tablespace' | 'foreign data wrapper' | 'foreign server' | 'large object' | 'all tables' | 'all sequences' | 'all functions' | 'all procedures' | 'all routines';
  readonly names: readonly QualifiedName[];
}

/** GRANT privileges ON target TO roles / REVOKE [GRANT OPTION FOR] privileges ON target FROM roles. */
export interface GrantStmt {
  readonly kind: 'grant';
  readonly grant: boolean;
  /** Privilege words (lower case) with their positions and column lists; null: ALL [PRIVILEGES]. */
  readonly privileges: readonly { readonly name: string; readonly pos: number; readonly columns: readonly string[] | null }[] | null;
  /** ALL [PRIVILEGES] (columns): the columns, else null. */
  readonly allColumns: readonly string[] | null;
  readonly target: GrantTarget;
  readonly grantees: readonly RoleSpec[];
  readonly grantOption: boolean;
  readonly grantedBy: RoleSpec | null;
  readonly pos: number;
}

export type RoleStmt = CreateRoleStmt | AlterRoleStmt | RenameRoleStmt | DropRoleStmt | GrantRoleStmt | GrantStmt;

export type Statement =
  | Query
  | InsertStmt
  | UpdateStmt
  | DeleteStmt
  | CopyStmt
  | CreateTable
  | CreateIndex
  | CreateView
  | CreateSequence
  | AlterSequence
  | CreateSchema
  | DropStmt
  | AlterTable
  | RenameStmt
  | TruncateStmt
  | TransactionStmt
  | SetStmt
  | ShowStmt
  | ResetStmt
  | ExplainStmt
  | PreparedStmt
  | UtilityStmt
  | RoleStmt;

/** One statement of a script with its place in the text (for the wire server and error positions). */
export interface ParsedStatement {
  readonly statement: Statement;
  /** Offset of the first and one past the last character of the statement's text. */
  readonly start: number;
  readonly end: number;
}

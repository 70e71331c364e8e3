/**
 * pg_catalog and information_schema against PostgreSQL 15 (src/sql/system): the exact queries psql 15
 * sends for its backslash commands, pgbench's partition check, and what node-postgres, postgres.js,
 * Kysely's introspector and drizzle-kit's `pull` send, run on a database with the same schema as a
 * real PostgreSQL 15 cluster, whose answers (text format, as the wire carries them) are the
 * expectations below. Relation oids differ between the two systems: both sides print a user
 * relation's oid as `{name}` (queries take `{name}` where psql put the oid it had looked up).
 *
 * Known differences are spelled out where they occur: one database in \l; built-in types and
 * roles are the ones BasaltDB has; int2vector/oidvector columns are smallint[]/oid[].
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open, type Database, type Session } from '../../src/index.js';
import { formatValue } from '../../src/sql/types/index.js';

type Rows = ReadonlyArray<ReadonlyArray<string | null>>;

/** The schema both systems have: a serial primary key, an identity column, a foreign key, checks, defaults, indexes, a view, a sequence, a second schema, and pgbench -i's tables. */
const schema = [
  "CREATE TABLE authors ( id serial PRIMARY KEY, name text NOT NULL, email varchar(100) UNIQUE, created_at timestamptz DEFAULT now() )",
  "CREATE TABLE books ( id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, author_id integer NOT NULL REFERENCES authors(id) ON DELETE CASCADE, title text NOT NULL, price numeric(10,2) CHECK (price >= 0), isbn char(13), published date, stock integer DEFAULT 0 )",
  "CREATE INDEX books_title_idx ON books (title)",
  "CREATE UNIQUE INDEX books_isbn_idx ON books (isbn DESC)",
  "CREATE VIEW cheap_books AS SELECT id, title FROM books WHERE price < 10",
  "CREATE SEQUENCE order_seq START 100",
  "CREATE SCHEMA app",
  "CREATE TABLE app.settings (key text PRIMARY KEY, value jsonb, flags boolean[] DEFAULT '{}')",
  "create table pgbench_history(tid int,bid int,aid int,delta int,mtime timestamp,filler char(22))",
  "create table pgbench_tellers(tid int not null,bid int,tbalance int,filler char(84))",
  "create table pgbench_accounts(aid int not null,bid int,abalance int,filler char(84))",
  "create table pgbench_branches(bid int not null,bbalance int,filler char(88))",
  "alter table pgbench_branches add primary key (bid)",
  "alter table pgbench_tellers add primary key (tid)",
  "alter table pgbench_accounts add primary key (aid)",
];

interface Fixture {
  readonly db: Database;
  readonly session: Session;
  /** Run one statement; rows in text format, user relation oids as `{name}`. */
  run(sql: string): Promise<Rows>;
}

async function fixture(extra: readonly string[] = []): Promise<Fixture> {
  const db = await open('/db', { fs: new MemoryFileSystem(), durability: 'none' });
  for (const s of [...schema, ...extra]) await db.query(s);
  const session = db.session();
  const names = new Map<string, string>();
  const oids = new Map<string, string>();
  const refresh = async (): Promise<void> => {
    const r = await db.query(
      "select c.oid::text, case when n.nspname = 'public' then c.relname else n.nspname || '.' || c.relname end from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'app')",
      [],
      { rowMode: 'array' },
    );
    for (const [oid, name] of r.rows as string[][]) {
      names.set(oid!, name!);
      oids.set(name!, oid!);
    }
  };
  await refresh();
  const run = async (template: string): Promise<Rows> => {
    const sql = template.replace(/\{([a-z_.]+)\}/g, (m, n: string) => oids.get(n) ?? m);
    const parsed = session.parse(sql);
    assert.equal(parsed.length, 1);
    const r = await session.execute(parsed[0]!.statement, sql, []);
    const ctx = session.typeContext(0n);
    return r.rows.map((row) =>
      row.map((v, i) => {
        if (v === null) return null;
        const text = formatValue(r.columns[i]!.type, v, ctx);
        const name = names.get(text);
        return name === undefined ? text : `{${name}}`;
      }),
    );
  };
  return { db, session, run };
}

function sorted(rows: Rows): string[] {
  return rows.map((r) => JSON.stringify(r)).sort();
}

/** psql 15's queries per backslash command (captured with `psql -E`) and PostgreSQL 15's answers. */
const psql: ReadonlyArray<{ readonly command: string; readonly queries: ReadonlyArray<{ readonly sql: string; readonly rows: Rows }> }> = [
  {
    command: "\\d",
    queries: [
      {
        sql: "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam\nWHERE c.relkind IN ('r','p','v','m','S','f','')\n      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 1,2;",
        rows: [
          ["public", "authors", "table", "postgres"],
          ["public", "authors_id_seq", "sequence", "postgres"],
          ["public", "books", "table", "postgres"],
          ["public", "books_id_seq", "sequence", "postgres"],
          ["public", "cheap_books", "view", "postgres"],
          ["public", "order_seq", "sequence", "postgres"],
          ["public", "pgbench_accounts", "table", "postgres"],
          ["public", "pgbench_branches", "table", "postgres"],
          ["public", "pgbench_history", "table", "postgres"],
          ["public", "pgbench_tellers", "table", "postgres"],
        ],
      },
    ],
  },
  {
    command: "\\d+ books",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(books)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{books}", "public", "books"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')\n, c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{books}';",
        rows: [
          ["1", "r", "t", "f", "t", "f", "f", "f", "f", "", "0", "", "p", "d", "heap"],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated,\n  a.attstorage,\n  a.attcompression AS attcompression,\n  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,\n  pg_catalog.col_description(a.attrelid, a.attnum)\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{books}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["id", "bigint", null, "t", null, "a", "", "p", "", null, null],
          ["author_id", "integer", null, "t", null, "", "", "p", "", null, null],
          ["title", "text", null, "t", null, "", "", "x", "", null, null],
          ["price", "numeric(10,2)", null, "f", null, "", "", "m", "", null, null],
          ["isbn", "character(13)", null, "f", null, "", "", "x", "", null, null],
          ["published", "date", null, "f", null, "", "", "p", "", null, null],
          ["stock", "integer", "0", "f", null, "", "", "p", "", null, null],
        ],
      },
      {
        sql: "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\nFROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\nWHERE c.oid = '{books}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\nORDER BY i.indisprimary DESC, c2.relname;",
        rows: [
          ["books_pkey", "t", "t", "f", "t", "CREATE UNIQUE INDEX books_pkey ON books USING btree (id)", "PRIMARY KEY (id)", "p", "f", "f", "f", "0"],
          ["books_isbn_idx", "f", "t", "f", "t", "CREATE UNIQUE INDEX books_isbn_idx ON books USING btree (isbn DESC)", null, null, null, null, "f", "0"],
          ["books_title_idx", "f", "f", "f", "t", "CREATE INDEX books_title_idx ON books USING btree (title)", null, null, null, null, "f", "0"],
        ],
      },
      {
        sql: "SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{books}' AND r.contype = 'c'\nORDER BY 1;",
        rows: [
          ["books_price_check", "CHECK (price >= 0::numeric)"],
        ],
      },
      {
        sql: "SELECT true as sametable, conname,\n  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n  conrelid::pg_catalog.regclass AS ontable\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{books}' AND r.contype = 'f'\n     AND conparentid = 0\nORDER BY conname",
        rows: [
          ["t", "books_author_id_fkey", "FOREIGN KEY (author_id) REFERENCES authors(id) ON DELETE CASCADE", "books"],
        ],
      },
      {
        sql: "SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n  FROM pg_catalog.pg_constraint c\n WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('{books}')\n                     UNION ALL VALUES ('{books}'::pg_catalog.regclass))\n       AND contype = 'f' AND conparentid = 0\nORDER BY conname;",
        rows: [],
      },
      {
        sql: "SELECT pol.polname, pol.polpermissive,\n  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '{books}' ORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\npg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '{books}'\nORDER BY nsp, stxname;",
        rows: [],
      },
      {
        sql: "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\nWHERE pc.oid ='{books}' and pg_catalog.pg_relation_is_publishable('{books}')\nUNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n                pg_catalog.pg_attribute\n          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n        ELSE NULL END) FROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '{books}'\nUNION\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\nWHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('{books}')\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n     FROM pg_catalog.pg_trigger AS u,\n          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n           AND u.tgparentid = 0\n     ORDER BY a.depth LIMIT 1)\n  END AS parent\nFROM pg_catalog.pg_trigger t\nWHERE t.tgrelid = '{books}' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhparent AND i.inhrelid = '{books}'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '{books}'\nORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;",
        rows: [],
      },
    ],
  },
  {
    command: "\\d books",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(books)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{books}", "public", "books"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{books}';",
        rows: [
          ["1", "r", "t", "f", "t", "f", "f", "f", "f", "", "0", "", "p", "d", "heap"],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{books}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["id", "bigint", null, "t", null, "a", ""],
          ["author_id", "integer", null, "t", null, "", ""],
          ["title", "text", null, "t", null, "", ""],
          ["price", "numeric(10,2)", null, "f", null, "", ""],
          ["isbn", "character(13)", null, "f", null, "", ""],
          ["published", "date", null, "f", null, "", ""],
          ["stock", "integer", "0", "f", null, "", ""],
        ],
      },
      {
        sql: "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\nFROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\nWHERE c.oid = '{books}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\nORDER BY i.indisprimary DESC, c2.relname;",
        rows: [
          ["books_pkey", "t", "t", "f", "t", "CREATE UNIQUE INDEX books_pkey ON books USING btree (id)", "PRIMARY KEY (id)", "p", "f", "f", "f", "0"],
          ["books_isbn_idx", "f", "t", "f", "t", "CREATE UNIQUE INDEX books_isbn_idx ON books USING btree (isbn DESC)", null, null, null, null, "f", "0"],
          ["books_title_idx", "f", "f", "f", "t", "CREATE INDEX books_title_idx ON books USING btree (title)", null, null, null, null, "f", "0"],
        ],
      },
      {
        sql: "SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{books}' AND r.contype = 'c'\nORDER BY 1;",
        rows: [
          ["books_price_check", "CHECK (price >= 0::numeric)"],
        ],
      },
      {
        sql: "SELECT true as sametable, conname,\n  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n  conrelid::pg_catalog.regclass AS ontable\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{books}' AND r.contype = 'f'\n     AND conparentid = 0\nORDER BY conname",
        rows: [
          ["t", "books_author_id_fkey", "FOREIGN KEY (author_id) REFERENCES authors(id) ON DELETE CASCADE", "books"],
        ],
      },
      {
        sql: "SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n  FROM pg_catalog.pg_constraint c\n WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('{books}')\n                     UNION ALL VALUES ('{books}'::pg_catalog.regclass))\n       AND contype = 'f' AND conparentid = 0\nORDER BY conname;",
        rows: [],
      },
      {
        sql: "SELECT pol.polname, pol.polpermissive,\n  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '{books}' ORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\npg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '{books}'\nORDER BY nsp, stxname;",
        rows: [],
      },
      {
        sql: "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\nWHERE pc.oid ='{books}' and pg_catalog.pg_relation_is_publishable('{books}')\nUNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n                pg_catalog.pg_attribute\n          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n        ELSE NULL END) FROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '{books}'\nUNION\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\nWHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('{books}')\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n     FROM pg_catalog.pg_trigger AS u,\n          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n           AND u.tgparentid = 0\n     ORDER BY a.depth LIMIT 1)\n  END AS parent\nFROM pg_catalog.pg_trigger t\nWHERE t.tgrelid = '{books}' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhparent AND i.inhrelid = '{books}'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '{books}'\nORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;",
        rows: [],
      },
    ],
  },
  {
    command: "\\d authors",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(authors)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{authors}", "public", "authors"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{authors}';",
        rows: [
          ["0", "r", "t", "f", "t", "f", "f", "f", "f", "", "0", "", "p", "d", "heap"],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{authors}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["id", "integer", "nextval('authors_id_seq'::regclass)", "t", null, "", ""],
          ["name", "text", null, "t", null, "", ""],
          ["email", "character varying(100)", null, "f", null, "", ""],
          ["created_at", "timestamp with time zone", "now()", "f", null, "", ""],
        ],
      },
      {
        sql: "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\nFROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\nWHERE c.oid = '{authors}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\nORDER BY i.indisprimary DESC, c2.relname;",
        rows: [
          ["authors_pkey", "t", "t", "f", "t", "CREATE UNIQUE INDEX authors_pkey ON authors USING btree (id)", "PRIMARY KEY (id)", "p", "f", "f", "f", "0"],
          ["authors_email_key", "f", "t", "f", "t", "CREATE UNIQUE INDEX authors_email_key ON authors USING btree (email)", "UNIQUE (email)", "u", "f", "f", "f", "0"],
        ],
      },
      {
        sql: "SELECT true as sametable, conname,\n  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n  conrelid::pg_catalog.regclass AS ontable\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{authors}' AND r.contype = 'f'\n     AND conparentid = 0\nORDER BY conname",
        rows: [],
      },
      {
        sql: "SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n  FROM pg_catalog.pg_constraint c\n WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('{authors}')\n                     UNION ALL VALUES ('{authors}'::pg_catalog.regclass))\n       AND contype = 'f' AND conparentid = 0\nORDER BY conname;",
        rows: [
          ["books_author_id_fkey", "books", "FOREIGN KEY (author_id) REFERENCES authors(id) ON DELETE CASCADE"],
        ],
      },
      {
        sql: "SELECT pol.polname, pol.polpermissive,\n  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '{authors}' ORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\npg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '{authors}'\nORDER BY nsp, stxname;",
        rows: [],
      },
      {
        sql: "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\nWHERE pc.oid ='{authors}' and pg_catalog.pg_relation_is_publishable('{authors}')\nUNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n                pg_catalog.pg_attribute\n          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n        ELSE NULL END) FROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '{authors}'\nUNION\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\nWHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('{authors}')\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n     FROM pg_catalog.pg_trigger AS u,\n          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n           AND u.tgparentid = 0\n     ORDER BY a.depth LIMIT 1)\n  END AS parent\nFROM pg_catalog.pg_trigger t\nWHERE t.tgrelid = '{authors}' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhparent AND i.inhrelid = '{authors}'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '{authors}'\nORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;",
        rows: [],
      },
    ],
  },
  {
    command: "\\dt",
    queries: [
      {
        sql: "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam\nWHERE c.relkind IN ('r','p','')\n      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 1,2;",
        rows: [
          ["public", "authors", "table", "postgres"],
          ["public", "books", "table", "postgres"],
          ["public", "pgbench_accounts", "table", "postgres"],
          ["public", "pgbench_branches", "table", "postgres"],
          ["public", "pgbench_history", "table", "postgres"],
          ["public", "pgbench_tellers", "table", "postgres"],
        ],
      },
    ],
  },
  {
    command: "\\di",
    queries: [
      {
        sql: "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\",\n  c2.relname as \"Table\"\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n     LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid\nWHERE c.relkind IN ('i','I','')\n      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 1,2;",
        rows: [
          ["public", "authors_email_key", "index", "postgres", "authors"],
          ["public", "authors_pkey", "index", "postgres", "authors"],
          ["public", "books_isbn_idx", "index", "postgres", "books"],
          ["public", "books_pkey", "index", "postgres", "books"],
          ["public", "books_title_idx", "index", "postgres", "books"],
          ["public", "pgbench_accounts_pkey", "index", "postgres", "pgbench_accounts"],
          ["public", "pgbench_branches_pkey", "index", "postgres", "pgbench_branches"],
          ["public", "pgbench_tellers_pkey", "index", "postgres", "pgbench_tellers"],
        ],
      },
    ],
  },
  {
    command: "\\dn",
    queries: [
      {
        sql: "SELECT n.nspname AS \"Name\",\n  pg_catalog.pg_get_userbyid(n.nspowner) AS \"Owner\"\nFROM pg_catalog.pg_namespace n\nWHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'\nORDER BY 1;",
        rows: [
          ["app", "postgres"],
          ["public", "pg_database_owner"],
        ],
      },
    ],
  },
  {
    command: "\\du",
    queries: [
      {
        sql: "SELECT r.rolname, r.rolsuper, r.rolinherit,\n  r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,\n  r.rolconnlimit, r.rolvaliduntil,\n  ARRAY(SELECT b.rolname\n        FROM pg_catalog.pg_auth_members m\n        JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)\n        WHERE m.member = r.oid) as memberof\n, r.rolreplication\n, r.rolbypassrls\nFROM pg_catalog.pg_roles r\nWHERE r.rolname !~ '^pg_'\nORDER BY 1;",
        rows: [
          ["postgres", "t", "t", "t", "t", "t", "-1", null, "{}", "t", "t"],
        ],
      },
    ],
  },
  {
    command: "\\dv",
    queries: [
      {
        sql: "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relkind IN ('v','')\n      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 1,2;",
        rows: [
          ["public", "cheap_books", "view", "postgres"],
        ],
      },
    ],
  },
  {
    command: "\\ds",
    queries: [
      {
        sql: "SELECT n.nspname as \"Schema\",\n  c.relname as \"Name\",\n  CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as \"Type\",\n  pg_catalog.pg_get_userbyid(c.relowner) as \"Owner\"\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relkind IN ('S','')\n      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 1,2;",
        rows: [
          ["public", "authors_id_seq", "sequence", "postgres"],
          ["public", "books_id_seq", "sequence", "postgres"],
          ["public", "order_seq", "sequence", "postgres"],
        ],
      },
    ],
  },
  {
    command: "\\d cheap_books",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(cheap_books)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{cheap_books}", "public", "cheap_books"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{cheap_books}';",
        rows: [
          ["0", "v", "f", "t", "f", "f", "f", "f", "f", "", "0", "", "p", "n", null],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{cheap_books}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["id", "bigint", null, "f", null, "", ""],
          ["title", "text", null, "f", null, "", ""],
        ],
      },
    ],
  },
  {
    command: "\\d order_seq",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(order_seq)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{order_seq}", "public", "order_seq"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{order_seq}';",
        rows: [
          ["0", "S", "f", "f", "f", "f", "f", "f", "f", "", "0", "", "p", "n", null],
        ],
      },
      {
        sql: "SELECT pg_catalog.format_type(seqtypid, NULL) AS \"Type\",\n       seqstart AS \"Start\",\n       seqmin AS \"Minimum\",\n       seqmax AS \"Maximum\",\n       seqincrement AS \"Increment\",\n       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS \"Cycles?\",\n       seqcache AS \"Cache\"\nFROM pg_catalog.pg_sequence\nWHERE seqrelid = '{order_seq}';",
        rows: [
          ["bigint", "100", "1", "9223372036854775807", "1", "no", "1"],
        ],
      },
      {
        sql: "SELECT pg_catalog.quote_ident(nspname) || '.' ||\n   pg_catalog.quote_ident(relname) || '.' ||\n   pg_catalog.quote_ident(attname),\n   d.deptype\nFROM pg_catalog.pg_class c\nINNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid\nINNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace\nINNER JOIN pg_catalog.pg_attribute a ON (\n a.attrelid=c.oid AND\n a.attnum=d.refobjsubid)\nWHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.objid='{order_seq}'\n AND d.deptype IN ('a', 'i')",
        rows: [],
      },
    ],
  },
  {
    command: "\\d+ authors",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(authors)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{authors}", "public", "authors"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')\n, c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{authors}';",
        rows: [
          ["0", "r", "t", "f", "t", "f", "f", "f", "f", "", "0", "", "p", "d", "heap"],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated,\n  a.attstorage,\n  a.attcompression AS attcompression,\n  CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,\n  pg_catalog.col_description(a.attrelid, a.attnum)\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{authors}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["id", "integer", "nextval('authors_id_seq'::regclass)", "t", null, "", "", "p", "", null, null],
          ["name", "text", null, "t", null, "", "", "x", "", null, null],
          ["email", "character varying(100)", null, "f", null, "", "", "x", "", null, null],
          ["created_at", "timestamp with time zone", "now()", "f", null, "", "", "p", "", null, null],
        ],
      },
      {
        sql: "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\nFROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\nWHERE c.oid = '{authors}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\nORDER BY i.indisprimary DESC, c2.relname;",
        rows: [
          ["authors_pkey", "t", "t", "f", "t", "CREATE UNIQUE INDEX authors_pkey ON authors USING btree (id)", "PRIMARY KEY (id)", "p", "f", "f", "f", "0"],
          ["authors_email_key", "f", "t", "f", "t", "CREATE UNIQUE INDEX authors_email_key ON authors USING btree (email)", "UNIQUE (email)", "u", "f", "f", "f", "0"],
        ],
      },
      {
        sql: "SELECT true as sametable, conname,\n  pg_catalog.pg_get_constraintdef(r.oid, true) as condef,\n  conrelid::pg_catalog.regclass AS ontable\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{authors}' AND r.contype = 'f'\n     AND conparentid = 0\nORDER BY conname",
        rows: [],
      },
      {
        sql: "SELECT conname, conrelid::pg_catalog.regclass AS ontable,\n       pg_catalog.pg_get_constraintdef(oid, true) AS condef\n  FROM pg_catalog.pg_constraint c\n WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('{authors}')\n                     UNION ALL VALUES ('{authors}'::pg_catalog.regclass))\n       AND contype = 'f' AND conparentid = 0\nORDER BY conname;",
        rows: [
          ["books_author_id_fkey", "books", "FOREIGN KEY (author_id) REFERENCES authors(id) ON DELETE CASCADE"],
        ],
      },
      {
        sql: "SELECT pol.polname, pol.polpermissive,\n  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '{authors}' ORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\npg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '{authors}'\nORDER BY nsp, stxname;",
        rows: [],
      },
      {
        sql: "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\nWHERE pc.oid ='{authors}' and pg_catalog.pg_relation_is_publishable('{authors}')\nUNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n                pg_catalog.pg_attribute\n          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n        ELSE NULL END) FROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '{authors}'\nUNION\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\nWHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('{authors}')\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n  CASE WHEN t.tgparentid != 0 THEN\n    (SELECT u.tgrelid::pg_catalog.regclass\n     FROM pg_catalog.pg_trigger AS u,\n          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n           AND u.tgparentid = 0\n     ORDER BY a.depth LIMIT 1)\n  END AS parent\nFROM pg_catalog.pg_trigger t\nWHERE t.tgrelid = '{authors}' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhparent AND i.inhrelid = '{authors}'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '{authors}'\nORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;",
        rows: [],
      },
    ],
  },
  {
    command: "\\d app.settings",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(settings)$' COLLATE pg_catalog.default\n  AND n.nspname OPERATOR(pg_catalog.~) '^(app)$' COLLATE pg_catalog.default\nORDER BY 2, 3;",
        rows: [
          ["{app.settings}", "app", "settings"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{app.settings}';",
        rows: [
          ["0", "r", "t", "f", "f", "f", "f", "f", "f", "", "0", "", "p", "d", "heap"],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{app.settings}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["key", "text", null, "t", null, "", ""],
          ["value", "jsonb", null, "f", null, "", ""],
          ["flags", "boolean[]", "'{}'::boolean[]", "f", null, "", ""],
        ],
      },
      {
        sql: "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\nFROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\nWHERE c.oid = '{app.settings}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\nORDER BY i.indisprimary DESC, c2.relname;",
        rows: [
          ["settings_pkey", "t", "t", "f", "t", "CREATE UNIQUE INDEX settings_pkey ON app.settings USING btree (key)", "PRIMARY KEY (key)", "p", "f", "f", "f", "0"],
        ],
      },
      {
        sql: "SELECT pol.polname, pol.polpermissive,\n  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '{app.settings}' ORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\npg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '{app.settings}'\nORDER BY nsp, stxname;",
        rows: [],
      },
      {
        sql: "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\nWHERE pc.oid ='{app.settings}' and pg_catalog.pg_relation_is_publishable('{app.settings}')\nUNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n                pg_catalog.pg_attribute\n          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n        ELSE NULL END) FROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '{app.settings}'\nUNION\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\nWHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('{app.settings}')\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhparent AND i.inhrelid = '{app.settings}'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '{app.settings}'\nORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;",
        rows: [],
      },
    ],
  },
  {
    command: "\\d pgbench_accounts",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(pgbench_accounts)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{pgbench_accounts}", "public", "pgbench_accounts"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{pgbench_accounts}';",
        rows: [
          ["0", "r", "t", "f", "f", "f", "f", "f", "f", "", "0", "", "p", "d", "heap"],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{pgbench_accounts}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["aid", "integer", null, "t", null, "", ""],
          ["bid", "integer", null, "f", null, "", ""],
          ["abalance", "integer", null, "f", null, "", ""],
          ["filler", "character(84)", null, "f", null, "", ""],
        ],
      },
      {
        sql: "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),\n  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace\nFROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))\nWHERE c.oid = '{pgbench_accounts}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid\nORDER BY i.indisprimary DESC, c2.relname;",
        rows: [
          ["pgbench_accounts_pkey", "t", "t", "f", "t", "CREATE UNIQUE INDEX pgbench_accounts_pkey ON pgbench_accounts USING btree (aid)", "PRIMARY KEY (aid)", "p", "f", "f", "f", "0"],
        ],
      },
      {
        sql: "SELECT pol.polname, pol.polpermissive,\n  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\nFROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = '{pgbench_accounts}' ORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\npg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\nstxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = '{pgbench_accounts}'\nORDER BY nsp, stxname;",
        rows: [],
      },
      {
        sql: "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\nWHERE pc.oid ='{pgbench_accounts}' and pg_catalog.pg_relation_is_publishable('{pgbench_accounts}')\nUNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n         (SELECT string_agg(attname, ', ')\n           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n                pg_catalog.pg_attribute\n          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n        ELSE NULL END) FROM pg_catalog.pg_publication p\n     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\nWHERE pr.prrelid = '{pgbench_accounts}'\nUNION\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\nWHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('{pgbench_accounts}')\nORDER BY 1;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhparent AND i.inhrelid = '{pgbench_accounts}'\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;",
        rows: [],
      },
      {
        sql: "SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)\nFROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\nWHERE c.oid = i.inhrelid AND i.inhparent = '{pgbench_accounts}'\nORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;",
        rows: [],
      },
    ],
  },
  {
    command: "\\d+ cheap_books",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(cheap_books)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{cheap_books}", "public", "cheap_books"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', ')\n, c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{cheap_books}';",
        rows: [
          ["0", "v", "f", "t", "f", "f", "f", "f", "f", "", "0", "", "p", "n", null],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)\n   FROM pg_catalog.pg_attrdef d\n   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n  a.attnotnull,\n  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t\n   WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,\n  a.attidentity,\n  a.attgenerated,\n  a.attstorage,\n  pg_catalog.col_description(a.attrelid, a.attnum)\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{cheap_books}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["id", "bigint", null, "f", null, "", "", "p", null],
          ["title", "text", null, "f", null, "", "", "x", null],
        ],
      },
      {
        sql: "SELECT pg_catalog.pg_get_viewdef('{cheap_books}'::pg_catalog.oid, true);",
        rows: [
          [" SELECT books.id,\n    books.title\n   FROM books\n  WHERE books.price < 10::numeric;"],
        ],
      },
      {
        sql: "SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true))\nFROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = '{cheap_books}' AND r.rulename != '_RETURN' ORDER BY 1;",
        rows: [],
      },
    ],
  },
  {
    command: "\\d authors_id_seq",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(authors_id_seq)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{authors_id_seq}", "public", "authors_id_seq"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{authors_id_seq}';",
        rows: [
          ["0", "S", "f", "f", "f", "f", "f", "f", "f", "", "0", "", "p", "n", null],
        ],
      },
      {
        sql: "SELECT pg_catalog.format_type(seqtypid, NULL) AS \"Type\",\n       seqstart AS \"Start\",\n       seqmin AS \"Minimum\",\n       seqmax AS \"Maximum\",\n       seqincrement AS \"Increment\",\n       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS \"Cycles?\",\n       seqcache AS \"Cache\"\nFROM pg_catalog.pg_sequence\nWHERE seqrelid = '{authors_id_seq}';",
        rows: [
          ["integer", "1", "1", "2147483647", "1", "no", "1"],
        ],
      },
      {
        sql: "SELECT pg_catalog.quote_ident(nspname) || '.' ||\n   pg_catalog.quote_ident(relname) || '.' ||\n   pg_catalog.quote_ident(attname),\n   d.deptype\nFROM pg_catalog.pg_class c\nINNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid\nINNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace\nINNER JOIN pg_catalog.pg_attribute a ON (\n a.attrelid=c.oid AND\n a.attnum=d.refobjsubid)\nWHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.objid='{authors_id_seq}'\n AND d.deptype IN ('a', 'i')",
        rows: [
          ["public.authors.id", "a"],
        ],
      },
    ],
  },
  {
    command: "\\d books_pkey",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(books_pkey)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{books_pkey}", "public", "books_pkey"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{books_pkey}';",
        rows: [
          ["0", "i", "f", "f", "f", "f", "f", "f", "f", "", "0", "", "p", "n", "btree"],
        ],
      },
      {
        sql: "SELECT a.attname,\n  pg_catalog.format_type(a.atttypid, a.atttypmod),\n  CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = '{books_pkey}') THEN 'yes' ELSE 'no' END AS is_key,\n  pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, TRUE) AS indexdef\nFROM pg_catalog.pg_attribute a\nWHERE a.attrelid = '{books_pkey}' AND a.attnum > 0 AND NOT a.attisdropped\nORDER BY a.attnum;",
        rows: [
          ["id", "bigint", "yes", "id"],
        ],
      },
      {
        sql: "SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,\n  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferrable) AS condeferrable,\n  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferred) AS condeferred,\ni.indisreplident,\ni.indnullsnotdistinct,\n  a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)\nFROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a\nWHERE i.indexrelid = c.oid AND c.oid = '{books_pkey}' AND c.relam = a.oid\nAND i.indrelid = c2.oid;",
        rows: [
          ["t", "t", "f", "t", "f", "f", "f", "f", "btree", "books", null],
        ],
      },
    ],
  },
  {
    command: "\\d books_id_seq",
    queries: [
      {
        sql: "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE c.relname OPERATOR(pg_catalog.~) '^(books_id_seq)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\nORDER BY 2, 3;",
        rows: [
          ["{books_id_seq}", "public", "books_id_seq"],
        ],
      },
      {
        sql: "SELECT c.relchecks, c.relkind, c.relhasindex, c.relhasrules, c.relhastriggers, c.relrowsecurity, c.relforcerowsecurity, false AS relhasoids, c.relispartition, '', c.reltablespace, CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relpersistence, c.relreplident, am.amname\nFROM pg_catalog.pg_class c\n LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\nLEFT JOIN pg_catalog.pg_am am ON (c.relam = am.oid)\nWHERE c.oid = '{books_id_seq}';",
        rows: [
          ["0", "S", "f", "f", "f", "f", "f", "f", "f", "", "0", "", "p", "n", null],
        ],
      },
      {
        sql: "SELECT pg_catalog.format_type(seqtypid, NULL) AS \"Type\",\n       seqstart AS \"Start\",\n       seqmin AS \"Minimum\",\n       seqmax AS \"Maximum\",\n       seqincrement AS \"Increment\",\n       CASE WHEN seqcycle THEN 'yes' ELSE 'no' END AS \"Cycles?\",\n       seqcache AS \"Cache\"\nFROM pg_catalog.pg_sequence\nWHERE seqrelid = '{books_id_seq}';",
        rows: [
          ["bigint", "1", "1", "9223372036854775807", "1", "no", "1"],
        ],
      },
      {
        sql: "SELECT pg_catalog.quote_ident(nspname) || '.' ||\n   pg_catalog.quote_ident(relname) || '.' ||\n   pg_catalog.quote_ident(attname),\n   d.deptype\nFROM pg_catalog.pg_class c\nINNER JOIN pg_catalog.pg_depend d ON c.oid=d.refobjid\nINNER JOIN pg_catalog.pg_namespace n ON n.oid=c.relnamespace\nINNER JOIN pg_catalog.pg_attribute a ON (\n a.attrelid=c.oid AND\n a.attnum=d.refobjsubid)\nWHERE d.classid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.refclassid='pg_catalog.pg_class'::pg_catalog.regclass\n AND d.objid='{books_id_seq}'\n AND d.deptype IN ('a', 'i')",
        rows: [
          ["public.books.id", "i"],
        ],
      },
    ],
  },
];

/** psql's \\l. PostgreSQL lists its four databases; BasaltDB's one (named by the session, `basalt` by default) has the attributes of PostgreSQL's `postgres` row. */
const listDatabases = { sql: "SELECT d.datname as \"Name\",\n       pg_catalog.pg_get_userbyid(d.datdba) as \"Owner\",\n       pg_catalog.pg_encoding_to_char(d.encoding) as \"Encoding\",\n       d.datcollate as \"Collate\",\n       d.datctype as \"Ctype\",\n       d.daticulocale as \"ICU Locale\",\n       CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS \"Locale Provider\",\n       pg_catalog.array_to_string(d.datacl, E'\\n') AS \"Access privileges\"\nFROM pg_catalog.pg_database d\nORDER BY 1;", postgresRow: ["postgres", "postgres", "UTF8", "C.UTF-8", "C.UTF-8", null, "libc", null] };

/** What node-postgres, postgres.js (fetch_types), Kysely's introspector, drizzle-kit pull and pgbench send, and PostgreSQL 15's answers (compared as sets: most have no ORDER BY). */
const clients: ReadonlyArray<{ readonly sql: string; readonly rows: Rows }> = [
  {
    sql: "\n\t      select b.oid, b.typarray\n\t      from pg_catalog.pg_type a\n\t      left join pg_catalog.pg_type b on b.oid = a.typelem\n\t      where a.typcategory = 'A'\n\t      group by b.oid, b.typarray\n\t      order by b.oid",
    rows: [
      ["16", "1000"],
      ["17", "1001"],
      ["18", "1002"],
      ["19", "1003"],
      ["20", "1016"],
      ["21", "1005"],
      ["22", "1006"],
      ["23", "1007"],
      ["24", "1008"],
      ["25", "1009"],
      ["26", "1028"],
      ["27", "1010"],
      ["28", "1011"],
      ["29", "1012"],
      ["30", "1013"],
      ["71", "210"],
      ["75", "270"],
      ["81", "272"],
      ["83", "273"],
      ["114", "199"],
      ["142", "143"],
      ["600", "1017"],
      ["601", "1018"],
      ["602", "1019"],
      ["603", "1020"],
      ["604", "1027"],
      ["628", "629"],
      ["650", "651"],
      ["700", "1021"],
      ["701", "1022"],
      ["718", "719"],
      ["774", "775"],
      ["790", "791"],
      ["829", "1040"],
      ["869", "1041"],
      ["1033", "1034"],
      ["1042", "1014"],
      ["1043", "1015"],
      ["1082", "1182"],
      ["1083", "1183"],
      ["1114", "1115"],
      ["1184", "1185"],
      ["1186", "1187"],
      ["1248", "10052"],
      ["1266", "1270"],
      ["1560", "1561"],
      ["1562", "1563"],
      ["1700", "1231"],
      ["1790", "2201"],
      ["2202", "2207"],
      ["2203", "2208"],
      ["2204", "2209"],
      ["2205", "2210"],
      ["2206", "2211"],
      ["2275", "1263"],
      ["2842", "10057"],
      ["2843", "10058"],
      ["2950", "2951"],
      ["2970", "2949"],
      ["3220", "3221"],
      ["3614", "3643"],
      ["3615", "3645"],
      ["3642", "3644"],
      ["3734", "3735"],
      ["3769", "3770"],
      ["3802", "3807"],
      ["3904", "3905"],
      ["3906", "3907"],
      ["3908", "3909"],
      ["3910", "3911"],
      ["3912", "3913"],
      ["3926", "3927"],
      ["4066", "10093"],
      ["4072", "4073"],
      ["4089", "4090"],
      ["4096", "4097"],
      ["4191", "4192"],
      ["4451", "6150"],
      ["4532", "6151"],
      ["4533", "6152"],
      ["4534", "6153"],
      ["4535", "6155"],
      ["4536", "6157"],
      ["5038", "5039"],
      ["5069", "271"],
      ["6101", "10112"],
      ["10001", "10000"],
      ["10003", "10002"],
      ["10005", "10004"],
      ["10007", "10006"],
      ["10009", "10008"],
      ["10011", "10010"],
      ["10013", "10012"],
      ["10015", "10014"],
      ["10017", "10016"],
      ["10019", "10018"],
      ["10021", "10020"],
      ["10023", "10022"],
      ["10025", "10024"],
      ["10027", "10026"],
      ["10029", "10028"],
      ["10031", "10030"],
      ["10033", "10032"],
      ["10035", "10034"],
      ["10037", "10036"],
      ["10039", "10038"],
      ["10041", "10040"],
      ["10043", "10042"],
      ["10045", "10044"],
      ["10047", "10046"],
      ["10049", "10048"],
      ["10051", "10050"],
      ["10054", "10053"],
      ["10056", "10055"],
      ["10060", "10059"],
      ["10062", "10061"],
      ["10064", "10063"],
      ["10066", "10065"],
      ["10068", "10067"],
      ["10070", "10069"],
      ["10072", "10071"],
      ["10074", "10073"],
      ["10076", "10075"],
      ["10078", "10077"],
      ["10080", "10079"],
      ["10082", "10081"],
      ["10084", "10083"],
      ["10086", "10085"],
      ["10088", "10087"],
      ["10090", "10089"],
      ["10092", "10091"],
      ["10095", "10094"],
      ["10097", "10096"],
      ["10099", "10098"],
      ["10101", "10100"],
      ["10103", "10102"],
      ["10105", "10104"],
      ["10107", "10106"],
      ["10109", "10108"],
      ["10111", "10110"],
      ["10114", "10113"],
      ["12002", "12001"],
      ["12007", "12006"],
      ["12012", "12011"],
      ["12016", "12015"],
      ["12020", "12019"],
      ["12025", "12024"],
      ["12030", "12029"],
      ["12035", "12034"],
      ["12040", "12039"],
      ["12045", "12044"],
      ["12050", "12049"],
      ["12055", "12054"],
      ["12060", "12059"],
      ["12065", "12064"],
      ["12070", "12069"],
      ["12075", "12074"],
      ["12079", "12078"],
      ["12083", "12082"],
      ["12087", "12086"],
      ["12092", "12091"],
      ["12097", "12096"],
      ["12101", "12100"],
      ["12106", "12105"],
      ["12112", "12111"],
      ["12116", "12115"],
      ["12120", "12119"],
      ["12124", "12123"],
      ["12128", "12127"],
      ["12132", "12131"],
      ["12136", "12135"],
      ["12140", "12139"],
      ["12144", "12143"],
      ["12149", "12148"],
      ["12154", "12153"],
      ["12159", "12158"],
      ["12163", "12162"],
      ["12168", "12167"],
      ["12172", "12171"],
      ["12177", "12176"],
      ["12181", "12180"],
      ["12185", "12184"],
      ["12190", "12189"],
      ["12194", "12193"],
      ["12198", "12197"],
      ["12203", "12202"],
      ["12207", "12206"],
      ["12211", "12210"],
      ["12216", "12215"],
      ["12220", "12219"],
      ["12224", "12223"],
      ["12229", "12228"],
      ["12234", "12233"],
      ["12238", "12237"],
      ["12242", "12241"],
      ["12246", "12245"],
      ["12251", "12250"],
      ["12255", "12254"],
      ["12259", "12258"],
      ["12264", "12263"],
      ["12268", "12267"],
      ["12273", "12272"],
      ["12277", "12276"],
      ["12282", "12281"],
      ["12287", "12286"],
      ["12291", "12290"],
      ["12295", "12294"],
      ["12299", "12298"],
      ["12304", "12303"],
      ["12309", "12308"],
      ["12314", "12313"],
      ["12319", "12318"],
      ["12324", "12323"],
      ["12329", "12328"],
      ["12334", "12333"],
      ["12338", "12337"],
      ["13221", "13220"],
      ["13224", "13223"],
      ["13226", "13225"],
      ["13229", "13228"],
      ["13232", "13231"],
      ["13234", "13233"],
      ["13238", "13237"],
      ["13243", "13242"],
      ["13247", "13246"],
      ["13252", "13251"],
      ["13257", "13256"],
      ["13262", "13261"],
      ["13267", "13266"],
      ["13272", "13271"],
      ["13277", "13276"],
      ["13282", "13281"],
      ["13287", "13286"],
      ["13292", "13291"],
      ["13297", "13296"],
      ["13302", "13301"],
      ["13307", "13306"],
      ["13312", "13311"],
      ["13317", "13316"],
      ["13322", "13321"],
      ["13327", "13326"],
      ["13331", "13330"],
      ["13336", "13335"],
      ["13341", "13340"],
      ["13346", "13345"],
      ["13350", "13349"],
      ["13355", "13354"],
      ["13360", "13359"],
      ["13364", "13363"],
      ["13369", "13368"],
      ["13374", "13373"],
      ["13379", "13378"],
      ["13384", "13383"],
      ["13388", "13387"],
      ["13393", "13392"],
      ["13398", "13397"],
      ["13403", "13402"],
      ["13408", "13407"],
      ["13413", "13412"],
      ["13418", "13417"],
      ["13423", "13422"],
      ["13427", "13426"],
      ["13432", "13431"],
      ["13437", "13436"],
      ["13442", "13441"],
      ["13447", "13446"],
      ["13452", "13451"],
      ["13456", "13455"],
      ["13461", "13460"],
      ["13465", "13464"],
      ["13470", "13469"],
      ["13475", "13474"],
      ["13480", "13479"],
      ["13485", "13484"],
      ["13490", "13489"],
      ["13495", "13494"],
      ["13500", "13499"],
      ["13505", "13504"],
      ["13509", "13508"],
      ["13513", "13512"],
      ["13517", "13516"],
      ["13521", "13520"],
      ["13526", "13525"],
      ["13530", "13529"],
      ["13534", "13533"],
      ["13539", "13538"],
      ["13543", "13542"],
      ["13547", "13546"],
      ["13552", "13551"],
      ["13557", "13556"],
      ["16454", "16453"],
      ["16466", "16465"],
      ["16482", "16481"],
      ["16488", "16487"],
      ["16496", "16495"],
      ["16499", "16498"],
      ["16502", "16501"],
      ["16505", "16504"],
    ],
  },
  {
    sql: "select \"a\".\"attname\" as \"column\", \"a\".\"attnotnull\" as \"not_null\", \"a\".\"atthasdef\" as \"has_default\", \"c\".\"relname\" as \"table\", \"c\".\"relkind\" as \"table_type\", \"ns\".\"nspname\" as \"schema\", \"typ\".\"typname\" as \"type\", \"dtns\".\"nspname\" as \"type_schema\", col_description(a.attrelid, a.attnum) as \"column_description\", pg_get_serial_sequence(quote_ident(ns.nspname) || '.' || quote_ident(c.relname), a.attname) as \"auto_incrementing\" from \"pg_catalog\".\"pg_attribute\" as \"a\" inner join \"pg_catalog\".\"pg_class\" as \"c\" on \"a\".\"attrelid\" = \"c\".\"oid\" inner join \"pg_catalog\".\"pg_namespace\" as \"ns\" on \"c\".\"relnamespace\" = \"ns\".\"oid\" inner join \"pg_catalog\".\"pg_type\" as \"typ\" on \"a\".\"atttypid\" = \"typ\".\"oid\" inner join \"pg_catalog\".\"pg_namespace\" as \"dtns\" on \"typ\".\"typnamespace\" = \"dtns\".\"oid\" where \"c\".\"relkind\" in ('r', 'v', 'p', 'f') and \"ns\".\"nspname\" !~ '^pg_' and \"ns\".\"nspname\" != 'information_schema' and \"ns\".\"nspname\" != 'crdb_internal' and has_schema_privilege(ns.nspname, 'USAGE') and \"a\".\"attnum\" >= '0' and \"a\".\"attisdropped\" != 't' and \"c\".\"relname\" != 'kysely_migration' and \"c\".\"relname\" != 'kysely_migration_lock' order by \"ns\".\"nspname\", \"c\".\"relname\", \"a\".\"attnum\"",
    rows: [
      ["key", "t", "f", "settings", "r", "app", "text", "pg_catalog", null, null],
      ["value", "f", "f", "settings", "r", "app", "jsonb", "pg_catalog", null, null],
      ["flags", "f", "t", "settings", "r", "app", "_bool", "pg_catalog", null, null],
      ["id", "t", "t", "authors", "r", "public", "int4", "pg_catalog", null, "public.authors_id_seq"],
      ["name", "t", "f", "authors", "r", "public", "text", "pg_catalog", null, null],
      ["email", "f", "f", "authors", "r", "public", "varchar", "pg_catalog", null, null],
      ["created_at", "f", "t", "authors", "r", "public", "timestamptz", "pg_catalog", null, null],
      ["id", "t", "f", "books", "r", "public", "int8", "pg_catalog", null, "public.books_id_seq"],
      ["author_id", "t", "f", "books", "r", "public", "int4", "pg_catalog", null, null],
      ["title", "t", "f", "books", "r", "public", "text", "pg_catalog", null, null],
      ["price", "f", "f", "books", "r", "public", "numeric", "pg_catalog", null, null],
      ["isbn", "f", "f", "books", "r", "public", "bpchar", "pg_catalog", null, null],
      ["published", "f", "f", "books", "r", "public", "date", "pg_catalog", null, null],
      ["stock", "f", "t", "books", "r", "public", "int4", "pg_catalog", null, null],
      ["id", "f", "f", "cheap_books", "v", "public", "int8", "pg_catalog", null, null],
      ["title", "f", "f", "cheap_books", "v", "public", "text", "pg_catalog", null, null],
      ["aid", "t", "f", "pgbench_accounts", "r", "public", "int4", "pg_catalog", null, null],
      ["bid", "f", "f", "pgbench_accounts", "r", "public", "int4", "pg_catalog", null, null],
      ["abalance", "f", "f", "pgbench_accounts", "r", "public", "int4", "pg_catalog", null, null],
      ["filler", "f", "f", "pgbench_accounts", "r", "public", "bpchar", "pg_catalog", null, null],
      ["bid", "t", "f", "pgbench_branches", "r", "public", "int4", "pg_catalog", null, null],
      ["bbalance", "f", "f", "pgbench_branches", "r", "public", "int4", "pg_catalog", null, null],
      ["filler", "f", "f", "pgbench_branches", "r", "public", "bpchar", "pg_catalog", null, null],
      ["tid", "f", "f", "pgbench_history", "r", "public", "int4", "pg_catalog", null, null],
      ["bid", "f", "f", "pgbench_history", "r", "public", "int4", "pg_catalog", null, null],
      ["aid", "f", "f", "pgbench_history", "r", "public", "int4", "pg_catalog", null, null],
      ["delta", "f", "f", "pgbench_history", "r", "public", "int4", "pg_catalog", null, null],
      ["mtime", "f", "f", "pgbench_history", "r", "public", "timestamp", "pg_catalog", null, null],
      ["filler", "f", "f", "pgbench_history", "r", "public", "bpchar", "pg_catalog", null, null],
      ["tid", "t", "f", "pgbench_tellers", "r", "public", "int4", "pg_catalog", null, null],
      ["bid", "f", "f", "pgbench_tellers", "r", "public", "int4", "pg_catalog", null, null],
      ["tbalance", "f", "f", "pgbench_tellers", "r", "public", "int4", "pg_catalog", null, null],
      ["filler", "f", "f", "pgbench_tellers", "r", "public", "bpchar", "pg_catalog", null, null],
    ],
  },
  {
    sql: "select \"nspname\" from \"pg_catalog\".\"pg_namespace\"",
    rows: [
      ["pg_toast"],
      ["pg_catalog"],
      ["public"],
      ["information_schema"],
      ["app"],
    ],
  },
  {
    sql: "SELECT \n\t    n.nspname AS table_schema, \n\t    c.relname AS table_name, \n\t    CASE \n\t        WHEN c.relkind = 'r' THEN 'table'\n\t        WHEN c.relkind = 'v' THEN 'view'\n\t        WHEN c.relkind = 'm' THEN 'materialized_view'\n\t    END AS type,\n\t\tc.relrowsecurity AS rls_enabled\n\tFROM \n\t    pg_catalog.pg_class c\n\tJOIN \n\t    pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n\tWHERE \n\t\tc.relkind IN ('r', 'v', 'm') \n\t     AND n.nspname = 'public';",
    rows: [
      ["public", "authors", "table", "f"],
      ["public", "books", "table", "f"],
      ["public", "cheap_books", "view", "f"],
      ["public", "pgbench_accounts", "table", "f"],
      ["public", "pgbench_branches", "table", "f"],
      ["public", "pgbench_tellers", "table", "f"],
      ["public", "pgbench_history", "table", "f"],
    ],
  },
  {
    sql: "select s.nspname as table_schema\n\t  from pg_catalog.pg_namespace s\n\t  join pg_catalog.pg_user u on u.usesysid = s.nspowner\n\t  where nspname not in ('information_schema', 'pg_catalog', 'public')\n\t        and nspname not like 'pg_toast%'\n\t        and nspname not like 'pg_temp_%'\n\t  order by table_schema;",
    rows: [
      ["app"],
    ],
  },
  {
    sql: "select schemaname, sequencename, start_value, min_value, max_value, increment_by, cycle, cache_size from pg_sequences as seq WHERE schemaname = 'public';",
    rows: [
      ["public", "authors_id_seq", "1", "1", "2147483647", "1", "f", "1"],
      ["public", "books_id_seq", "1", "1", "9223372036854775807", "1", "f", "1"],
      ["public", "order_seq", "100", "1", "9223372036854775807", "1", "f", "1"],
    ],
  },
  {
    sql: "select n.nspname as enum_schema,\n\t  t.typname as enum_name,\n\t  e.enumlabel as enum_value,\n\t  e.enumsortorder as sort_order\n\t  from pg_type t\n\t  join pg_enum e on t.oid = e.enumtypid\n\t  join pg_catalog.pg_namespace n ON n.oid = t.typnamespace\n\t   WHERE n.nspname = 'public'\n\t  order by enum_schema, enum_name, sort_order;",
    rows: [],
  },
  {
    sql: "SELECT rolname, rolinherit, rolcreatedb, rolcreaterole FROM pg_roles;",
    rows: [
      ["postgres", "t", "t", "t"],
      ["pg_database_owner", "t", "f", "f"],
      ["pg_read_all_data", "t", "f", "f"],
      ["pg_write_all_data", "t", "f", "f"],
      ["pg_monitor", "t", "f", "f"],
      ["pg_read_all_settings", "t", "f", "f"],
      ["pg_read_all_stats", "t", "f", "f"],
      ["pg_stat_scan_tables", "t", "f", "f"],
      ["pg_read_server_files", "t", "f", "f"],
      ["pg_write_server_files", "t", "f", "f"],
      ["pg_execute_server_program", "t", "f", "f"],
      ["pg_signal_backend", "t", "f", "f"],
      ["pg_checkpoint", "t", "f", "f"],
    ],
  },
  {
    sql: "SELECT schemaname, tablename, policyname as name, permissive as \"as\", roles as to, cmd as for, qual as using, with_check as \"withCheck\" FROM pg_policies WHERE schemaname = 'public';",
    rows: [],
  },
  {
    sql: "SELECT \n\t    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name\n\t    a.attname AS column_name,   -- Column name\n\t    CASE \n\t        WHEN NOT a.attisdropped THEN \n\t            CASE \n\t                WHEN a.attnotnull THEN 'NO'\n\t                ELSE 'YES'\n\t            END \n\t        ELSE NULL \n\t    END AS is_nullable,  -- NULL or NOT NULL constraint\n\t    a.attndims AS array_dimensions,  -- Array dimensions\n\t    CASE \n\t        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[]) \n\t        AND EXISTS (\n\t            SELECT FROM pg_attrdef ad\n\t            WHERE ad.adrelid = a.attrelid \n\t            AND ad.adnum = a.attnum \n\t            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(''' \n\t                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'\n\t        )\n\t        THEN CASE a.atttypid\n\t            WHEN 'int'::regtype THEN 'serial'\n\t            WHEN 'int8'::regtype THEN 'bigserial'\n\t            WHEN 'int2'::regtype THEN 'smallserial'\n\t        END\n\t        ELSE format_type(a.atttypid, a.atttypmod)\n\t    END AS data_type,  -- Column data type\n\t--    ns.nspname AS type_schema,  -- Schema name\n\t    pg_get_serial_sequence('\"public\".\"authors\"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)\n\t    c.column_default,  -- Column default value\n\t    c.data_type AS additional_dt,  -- Data type from information_schema\n\t    c.udt_name AS enum_name,  -- Enum type (if applicable)\n\t    c.is_generated,  -- Is it a generated column?\n\t    c.generation_expression,  -- Generation expression (if generated)\n\t    c.is_identity,  -- Is it an identity column?\n\t    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)\n\t    c.identity_start,  -- Start value of identity column\n\t    c.identity_increment,  -- Increment for identity column\n\t    c.identity_maximum,  -- Maximum value for identity column\n\t    c.identity_minimum,  -- Minimum value for identity column\n\t    c.identity_cycle,  -- Does the identity column cycle?\n\t    enum_ns.nspname AS type_schema  -- Schema of the enum type\n\tFROM \n\t    pg_attribute a\n\tJOIN \n\t    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info\n\tJOIN \n\t    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info\n\tLEFT JOIN \n\t    information_schema.columns c ON c.column_name = a.attname \n\t        AND c.table_schema = ns.nspname \n\t        AND c.table_name = cls.relname  -- Match schema and table/view name\n\tLEFT JOIN \n\t    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info\n\tLEFT JOIN \n\t    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema\n\tWHERE \n\t    a.attnum > 0  -- Valid column numbers only\n\t    AND NOT a.attisdropped  -- Skip dropped columns\n\t    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')\n\t    AND ns.nspname = 'public'  -- Filter by schema\n\t    AND cls.relname = 'authors'  -- Filter by table name\n\tORDER BY \n\t    a.attnum;  -- Order by column number",
    rows: [
      ["authors", "id", "NO", "0", "serial", "authors_id_seq", "nextval('authors_id_seq'::regclass)", "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["authors", "name", "NO", "0", "text", null, null, "text", "text", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["authors", "email", "YES", "0", "character varying(100)", null, null, "character varying", "varchar", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["authors", "created_at", "YES", "0", "timestamp with time zone", null, "now()", "timestamp with time zone", "timestamptz", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
    ],
  },
  {
    sql: "SELECT \n\t    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name\n\t    a.attname AS column_name,   -- Column name\n\t    CASE \n\t        WHEN NOT a.attisdropped THEN \n\t            CASE \n\t                WHEN a.attnotnull THEN 'NO'\n\t                ELSE 'YES'\n\t            END \n\t        ELSE NULL \n\t    END AS is_nullable,  -- NULL or NOT NULL constraint\n\t    a.attndims AS array_dimensions,  -- Array dimensions\n\t    CASE \n\t        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[]) \n\t        AND EXISTS (\n\t            SELECT FROM pg_attrdef ad\n\t            WHERE ad.adrelid = a.attrelid \n\t            AND ad.adnum = a.attnum \n\t            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(''' \n\t                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'\n\t        )\n\t        THEN CASE a.atttypid\n\t            WHEN 'int'::regtype THEN 'serial'\n\t            WHEN 'int8'::regtype THEN 'bigserial'\n\t            WHEN 'int2'::regtype THEN 'smallserial'\n\t        END\n\t        ELSE format_type(a.atttypid, a.atttypmod)\n\t    END AS data_type,  -- Column data type\n\t--    ns.nspname AS type_schema,  -- Schema name\n\t    pg_get_serial_sequence('\"public\".\"books\"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)\n\t    c.column_default,  -- Column default value\n\t    c.data_type AS additional_dt,  -- Data type from information_schema\n\t    c.udt_name AS enum_name,  -- Enum type (if applicable)\n\t    c.is_generated,  -- Is it a generated column?\n\t    c.generation_expression,  -- Generation expression (if generated)\n\t    c.is_identity,  -- Is it an identity column?\n\t    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)\n\t    c.identity_start,  -- Start value of identity column\n\t    c.identity_increment,  -- Increment for identity column\n\t    c.identity_maximum,  -- Maximum value for identity column\n\t    c.identity_minimum,  -- Minimum value for identity column\n\t    c.identity_cycle,  -- Does the identity column cycle?\n\t    enum_ns.nspname AS type_schema  -- Schema of the enum type\n\tFROM \n\t    pg_attribute a\n\tJOIN \n\t    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info\n\tJOIN \n\t    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info\n\tLEFT JOIN \n\t    information_schema.columns c ON c.column_name = a.attname \n\t        AND c.table_schema = ns.nspname \n\t        AND c.table_name = cls.relname  -- Match schema and table/view name\n\tLEFT JOIN \n\t    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info\n\tLEFT JOIN \n\t    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema\n\tWHERE \n\t    a.attnum > 0  -- Valid column numbers only\n\t    AND NOT a.attisdropped  -- Skip dropped columns\n\t    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')\n\t    AND ns.nspname = 'public'  -- Filter by schema\n\t    AND cls.relname = 'books'  -- Filter by table name\n\tORDER BY \n\t    a.attnum;  -- Order by column number",
    rows: [
      ["books", "id", "NO", "0", "bigint", "books_id_seq", null, "bigint", "int8", "NEVER", null, "YES", "ALWAYS", "1", "1", "9223372036854775807", "1", "NO", "pg_catalog"],
      ["books", "author_id", "NO", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["books", "title", "NO", "0", "text", null, null, "text", "text", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["books", "price", "YES", "0", "numeric(10,2)", null, null, "numeric", "numeric", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["books", "isbn", "YES", "0", "character(13)", null, null, "character", "bpchar", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["books", "published", "YES", "0", "date", null, null, "date", "date", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["books", "stock", "YES", "0", "integer", null, "0", "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
    ],
  },
  {
    sql: "SELECT \n\t    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name\n\t    a.attname AS column_name,   -- Column name\n\t    CASE \n\t        WHEN NOT a.attisdropped THEN \n\t            CASE \n\t                WHEN a.attnotnull THEN 'NO'\n\t                ELSE 'YES'\n\t            END \n\t        ELSE NULL \n\t    END AS is_nullable,  -- NULL or NOT NULL constraint\n\t    a.attndims AS array_dimensions,  -- Array dimensions\n\t    CASE \n\t        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[]) \n\t        AND EXISTS (\n\t            SELECT FROM pg_attrdef ad\n\t            WHERE ad.adrelid = a.attrelid \n\t            AND ad.adnum = a.attnum \n\t            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(''' \n\t                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'\n\t        )\n\t        THEN CASE a.atttypid\n\t            WHEN 'int'::regtype THEN 'serial'\n\t            WHEN 'int8'::regtype THEN 'bigserial'\n\t            WHEN 'int2'::regtype THEN 'smallserial'\n\t        END\n\t        ELSE format_type(a.atttypid, a.atttypmod)\n\t    END AS data_type,  -- Column data type\n\t--    ns.nspname AS type_schema,  -- Schema name\n\t    pg_get_serial_sequence('\"public\".\"pgbench_accounts\"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)\n\t    c.column_default,  -- Column default value\n\t    c.data_type AS additional_dt,  -- Data type from information_schema\n\t    c.udt_name AS enum_name,  -- Enum type (if applicable)\n\t    c.is_generated,  -- Is it a generated column?\n\t    c.generation_expression,  -- Generation expression (if generated)\n\t    c.is_identity,  -- Is it an identity column?\n\t    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)\n\t    c.identity_start,  -- Start value of identity column\n\t    c.identity_increment,  -- Increment for identity column\n\t    c.identity_maximum,  -- Maximum value for identity column\n\t    c.identity_minimum,  -- Minimum value for identity column\n\t    c.identity_cycle,  -- Does the identity column cycle?\n\t    enum_ns.nspname AS type_schema  -- Schema of the enum type\n\tFROM \n\t    pg_attribute a\n\tJOIN \n\t    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info\n\tJOIN \n\t    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info\n\tLEFT JOIN \n\t    information_schema.columns c ON c.column_name = a.attname \n\t        AND c.table_schema = ns.nspname \n\t        AND c.table_name = cls.relname  -- Match schema and table/view name\n\tLEFT JOIN \n\t    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info\n\tLEFT JOIN \n\t    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema\n\tWHERE \n\t    a.attnum > 0  -- Valid column numbers only\n\t    AND NOT a.attisdropped  -- Skip dropped columns\n\t    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')\n\t    AND ns.nspname = 'public'  -- Filter by schema\n\t    AND cls.relname = 'pgbench_accounts'  -- Filter by table name\n\tORDER BY \n\t    a.attnum;  -- Order by column number",
    rows: [
      ["pgbench_accounts", "aid", "NO", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_accounts", "bid", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_accounts", "abalance", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_accounts", "filler", "YES", "0", "character(84)", null, null, "character", "bpchar", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
    ],
  },
  {
    sql: "SELECT \n\t    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name\n\t    a.attname AS column_name,   -- Column name\n\t    CASE \n\t        WHEN NOT a.attisdropped THEN \n\t            CASE \n\t                WHEN a.attnotnull THEN 'NO'\n\t                ELSE 'YES'\n\t            END \n\t        ELSE NULL \n\t    END AS is_nullable,  -- NULL or NOT NULL constraint\n\t    a.attndims AS array_dimensions,  -- Array dimensions\n\t    CASE \n\t        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[]) \n\t        AND EXISTS (\n\t            SELECT FROM pg_attrdef ad\n\t            WHERE ad.adrelid = a.attrelid \n\t            AND ad.adnum = a.attnum \n\t            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(''' \n\t                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'\n\t        )\n\t        THEN CASE a.atttypid\n\t            WHEN 'int'::regtype THEN 'serial'\n\t            WHEN 'int8'::regtype THEN 'bigserial'\n\t            WHEN 'int2'::regtype THEN 'smallserial'\n\t        END\n\t        ELSE format_type(a.atttypid, a.atttypmod)\n\t    END AS data_type,  -- Column data type\n\t--    ns.nspname AS type_schema,  -- Schema name\n\t    pg_get_serial_sequence('\"public\".\"pgbench_branches\"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)\n\t    c.column_default,  -- Column default value\n\t    c.data_type AS additional_dt,  -- Data type from information_schema\n\t    c.udt_name AS enum_name,  -- Enum type (if applicable)\n\t    c.is_generated,  -- Is it a generated column?\n\t    c.generation_expression,  -- Generation expression (if generated)\n\t    c.is_identity,  -- Is it an identity column?\n\t    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)\n\t    c.identity_start,  -- Start value of identity column\n\t    c.identity_increment,  -- Increment for identity column\n\t    c.identity_maximum,  -- Maximum value for identity column\n\t    c.identity_minimum,  -- Minimum value for identity column\n\t    c.identity_cycle,  -- Does the identity column cycle?\n\t    enum_ns.nspname AS type_schema  -- Schema of the enum type\n\tFROM \n\t    pg_attribute a\n\tJOIN \n\t    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info\n\tJOIN \n\t    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info\n\tLEFT JOIN \n\t    information_schema.columns c ON c.column_name = a.attname \n\t        AND c.table_schema = ns.nspname \n\t        AND c.table_name = cls.relname  -- Match schema and table/view name\n\tLEFT JOIN \n\t    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info\n\tLEFT JOIN \n\t    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema\n\tWHERE \n\t    a.attnum > 0  -- Valid column numbers only\n\t    AND NOT a.attisdropped  -- Skip dropped columns\n\t    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')\n\t    AND ns.nspname = 'public'  -- Filter by schema\n\t    AND cls.relname = 'pgbench_branches'  -- Filter by table name\n\tORDER BY \n\t    a.attnum;  -- Order by column number",
    rows: [
      ["pgbench_branches", "bid", "NO", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_branches", "bbalance", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_branches", "filler", "YES", "0", "character(88)", null, null, "character", "bpchar", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
    ],
  },
  {
    sql: "SELECT \n\t    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name\n\t    a.attname AS column_name,   -- Column name\n\t    CASE \n\t        WHEN NOT a.attisdropped THEN \n\t            CASE \n\t                WHEN a.attnotnull THEN 'NO'\n\t                ELSE 'YES'\n\t            END \n\t        ELSE NULL \n\t    END AS is_nullable,  -- NULL or NOT NULL constraint\n\t    a.attndims AS array_dimensions,  -- Array dimensions\n\t    CASE \n\t        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[]) \n\t        AND EXISTS (\n\t            SELECT FROM pg_attrdef ad\n\t            WHERE ad.adrelid = a.attrelid \n\t            AND ad.adnum = a.attnum \n\t            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(''' \n\t                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'\n\t        )\n\t        THEN CASE a.atttypid\n\t            WHEN 'int'::regtype THEN 'serial'\n\t            WHEN 'int8'::regtype THEN 'bigserial'\n\t            WHEN 'int2'::regtype THEN 'smallserial'\n\t        END\n\t        ELSE format_type(a.atttypid, a.atttypmod)\n\t    END AS data_type,  -- Column data type\n\t--    ns.nspname AS type_schema,  -- Schema name\n\t    pg_get_serial_sequence('\"public\".\"pgbench_tellers\"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)\n\t    c.column_default,  -- Column default value\n\t    c.data_type AS additional_dt,  -- Data type from information_schema\n\t    c.udt_name AS enum_name,  -- Enum type (if applicable)\n\t    c.is_generated,  -- Is it a generated column?\n\t    c.generation_expression,  -- Generation expression (if generated)\n\t    c.is_identity,  -- Is it an identity column?\n\t    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)\n\t    c.identity_start,  -- Start value of identity column\n\t    c.identity_increment,  -- Increment for identity column\n\t    c.identity_maximum,  -- Maximum value for identity column\n\t    c.identity_minimum,  -- Minimum value for identity column\n\t    c.identity_cycle,  -- Does the identity column cycle?\n\t    enum_ns.nspname AS type_schema  -- Schema of the enum type\n\tFROM \n\t    pg_attribute a\n\tJOIN \n\t    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info\n\tJOIN \n\t    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info\n\tLEFT JOIN \n\t    information_schema.columns c ON c.column_name = a.attname \n\t        AND c.table_schema = ns.nspname \n\t        AND c.table_name = cls.relname  -- Match schema and table/view name\n\tLEFT JOIN \n\t    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info\n\tLEFT JOIN \n\t    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema\n\tWHERE \n\t    a.attnum > 0  -- Valid column numbers only\n\t    AND NOT a.attisdropped  -- Skip dropped columns\n\t    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')\n\t    AND ns.nspname = 'public'  -- Filter by schema\n\t    AND cls.relname = 'pgbench_tellers'  -- Filter by table name\n\tORDER BY \n\t    a.attnum;  -- Order by column number",
    rows: [
      ["pgbench_tellers", "tid", "NO", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_tellers", "bid", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_tellers", "tbalance", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_tellers", "filler", "YES", "0", "character(84)", null, null, "character", "bpchar", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
    ],
  },
  {
    sql: "SELECT \n\t    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name\n\t    a.attname AS column_name,   -- Column name\n\t    CASE \n\t        WHEN NOT a.attisdropped THEN \n\t            CASE \n\t                WHEN a.attnotnull THEN 'NO'\n\t                ELSE 'YES'\n\t            END \n\t        ELSE NULL \n\t    END AS is_nullable,  -- NULL or NOT NULL constraint\n\t    a.attndims AS array_dimensions,  -- Array dimensions\n\t    CASE \n\t        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[]) \n\t        AND EXISTS (\n\t            SELECT FROM pg_attrdef ad\n\t            WHERE ad.adrelid = a.attrelid \n\t            AND ad.adnum = a.attnum \n\t            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(''' \n\t                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'\n\t        )\n\t        THEN CASE a.atttypid\n\t            WHEN 'int'::regtype THEN 'serial'\n\t            WHEN 'int8'::regtype THEN 'bigserial'\n\t            WHEN 'int2'::regtype THEN 'smallserial'\n\t        END\n\t        ELSE format_type(a.atttypid, a.atttypmod)\n\t    END AS data_type,  -- Column data type\n\t--    ns.nspname AS type_schema,  -- Schema name\n\t    pg_get_serial_sequence('\"public\".\"pgbench_history\"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)\n\t    c.column_default,  -- Column default value\n\t    c.data_type AS additional_dt,  -- Data type from information_schema\n\t    c.udt_name AS enum_name,  -- Enum type (if applicable)\n\t    c.is_generated,  -- Is it a generated column?\n\t    c.generation_expression,  -- Generation expression (if generated)\n\t    c.is_identity,  -- Is it an identity column?\n\t    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)\n\t    c.identity_start,  -- Start value of identity column\n\t    c.identity_increment,  -- Increment for identity column\n\t    c.identity_maximum,  -- Maximum value for identity column\n\t    c.identity_minimum,  -- Minimum value for identity column\n\t    c.identity_cycle,  -- Does the identity column cycle?\n\t    enum_ns.nspname AS type_schema  -- Schema of the enum type\n\tFROM \n\t    pg_attribute a\n\tJOIN \n\t    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info\n\tJOIN \n\t    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info\n\tLEFT JOIN \n\t    information_schema.columns c ON c.column_name = a.attname \n\t        AND c.table_schema = ns.nspname \n\t        AND c.table_name = cls.relname  -- Match schema and table/view name\n\tLEFT JOIN \n\t    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info\n\tLEFT JOIN \n\t    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema\n\tWHERE \n\t    a.attnum > 0  -- Valid column numbers only\n\t    AND NOT a.attisdropped  -- Skip dropped columns\n\t    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')\n\t    AND ns.nspname = 'public'  -- Filter by schema\n\t    AND cls.relname = 'pgbench_history'  -- Filter by table name\n\tORDER BY \n\t    a.attnum;  -- Order by column number",
    rows: [
      ["pgbench_history", "tid", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_history", "bid", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_history", "aid", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_history", "delta", "YES", "0", "integer", null, null, "integer", "int4", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_history", "mtime", "YES", "0", "timestamp without time zone", null, null, "timestamp without time zone", "timestamp", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["pgbench_history", "filler", "YES", "0", "character(22)", null, null, "character", "bpchar", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
    ],
  },
  {
    sql: "SELECT c.column_name, c.data_type, constraint_type, constraint_name, constraint_schema\n\t      FROM information_schema.table_constraints tc\n\t      JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, constraint_name)\n\t      JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema\n\t        AND tc.table_name = c.table_name AND ccu.column_name = c.column_name\n\t      WHERE tc.table_name = 'authors' and constraint_schema = 'public';",
    rows: [
      ["id", "integer", "PRIMARY KEY", "authors_pkey", "public"],
      ["email", "character varying", "UNIQUE", "authors_email_key", "public"],
    ],
  },
  {
    sql: "SELECT c.column_name, c.data_type, constraint_type, constraint_name, constraint_schema\n\t      FROM information_schema.table_constraints tc\n\t      JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, constraint_name)\n\t      JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema\n\t        AND tc.table_name = c.table_name AND ccu.column_name = c.column_name\n\t      WHERE tc.table_name = 'books' and constraint_schema = 'public';",
    rows: [
      ["id", "bigint", "PRIMARY KEY", "books_pkey", "public"],
      ["id", "bigint", "FOREIGN KEY", "books_author_id_fkey", "public"],
      ["price", "numeric", "CHECK", "books_price_check", "public"],
    ],
  },
  {
    sql: "SELECT c.column_name, c.data_type, constraint_type, constraint_name, constraint_schema\n\t      FROM information_schema.table_constraints tc\n\t      JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, constraint_name)\n\t      JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema\n\t        AND tc.table_name = c.table_name AND ccu.column_name = c.column_name\n\t      WHERE tc.table_name = 'pgbench_accounts' and constraint_schema = 'public';",
    rows: [
      ["aid", "integer", "PRIMARY KEY", "pgbench_accounts_pkey", "public"],
    ],
  },
  {
    sql: "SELECT c.column_name, c.data_type, constraint_type, constraint_name, constraint_schema\n\t      FROM information_schema.table_constraints tc\n\t      JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, constraint_name)\n\t      JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema\n\t        AND tc.table_name = c.table_name AND ccu.column_name = c.column_name\n\t      WHERE tc.table_name = 'pgbench_branches' and constraint_schema = 'public';",
    rows: [
      ["bid", "integer", "PRIMARY KEY", "pgbench_branches_pkey", "public"],
    ],
  },
  {
    sql: "SELECT c.column_name, c.data_type, constraint_type, constraint_name, constraint_schema\n\t      FROM information_schema.table_constraints tc\n\t      JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, constraint_name)\n\t      JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema\n\t        AND tc.table_name = c.table_name AND ccu.column_name = c.column_name\n\t      WHERE tc.table_name = 'pgbench_tellers' and constraint_schema = 'public';",
    rows: [
      ["tid", "integer", "PRIMARY KEY", "pgbench_tellers_pkey", "public"],
    ],
  },
  {
    sql: "SELECT c.column_name, c.data_type, constraint_type, constraint_name, constraint_schema\n\t      FROM information_schema.table_constraints tc\n\t      JOIN information_schema.constraint_column_usage AS ccu USING (constraint_schema, constraint_name)\n\t      JOIN information_schema.columns AS c ON c.table_schema = tc.constraint_schema\n\t        AND tc.table_name = c.table_name AND ccu.column_name = c.column_name\n\t      WHERE tc.table_name = 'pgbench_history' and constraint_schema = 'public';",
    rows: [],
  },
  {
    sql: "SELECT \n\t\t\t\t\t\t\ttc.constraint_name,\n\t\t\t\t\t\t\ttc.constraint_type,\n\t\t\t\t\t\t\tpg_get_constraintdef(con.oid) AS constraint_definition\n\t\t\t\t\t\tFROM \n\t\t\t\t\t\t\tinformation_schema.table_constraints AS tc\n\t\t\t\t\t\t\tJOIN pg_constraint AS con \n\t\t\t\t\t\t\t\tON tc.constraint_name = con.conname\n\t\t\t\t\t\t\t\tAND con.conrelid = (\n\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\tFROM pg_class \n\t\t\t\t\t\t\t\t\tWHERE relname = tc.table_name \n\t\t\t\t\t\t\t\t\tAND relnamespace = (\n\t\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\t\tFROM pg_namespace \n\t\t\t\t\t\t\t\t\t\tWHERE nspname = tc.constraint_schema\n\t\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\tWHERE \n\t\t\t\t\t\t\ttc.table_name = 'authors'\n\t\t\t\t\t\t\tAND tc.constraint_schema = 'public'\n\t\t\t\t\t\t\tAND tc.constraint_type = 'CHECK'\n\t\t\t\t\t\t\tAND con.contype = 'c';",
    rows: [],
  },
  {
    sql: "SELECT \n\t\t\t\t\t\t\ttc.constraint_name,\n\t\t\t\t\t\t\ttc.constraint_type,\n\t\t\t\t\t\t\tpg_get_constraintdef(con.oid) AS constraint_definition\n\t\t\t\t\t\tFROM \n\t\t\t\t\t\t\tinformation_schema.table_constraints AS tc\n\t\t\t\t\t\t\tJOIN pg_constraint AS con \n\t\t\t\t\t\t\t\tON tc.constraint_name = con.conname\n\t\t\t\t\t\t\t\tAND con.conrelid = (\n\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\tFROM pg_class \n\t\t\t\t\t\t\t\t\tWHERE relname = tc.table_name \n\t\t\t\t\t\t\t\t\tAND relnamespace = (\n\t\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\t\tFROM pg_namespace \n\t\t\t\t\t\t\t\t\t\tWHERE nspname = tc.constraint_schema\n\t\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\tWHERE \n\t\t\t\t\t\t\ttc.table_name = 'books'\n\t\t\t\t\t\t\tAND tc.constraint_schema = 'public'\n\t\t\t\t\t\t\tAND tc.constraint_type = 'CHECK'\n\t\t\t\t\t\t\tAND con.contype = 'c';",
    rows: [
      ["books_price_check", "CHECK", "CHECK ((price >= (0)::numeric))"],
    ],
  },
  {
    sql: "SELECT \n\t\t\t\t\t\t\ttc.constraint_name,\n\t\t\t\t\t\t\ttc.constraint_type,\n\t\t\t\t\t\t\tpg_get_constraintdef(con.oid) AS constraint_definition\n\t\t\t\t\t\tFROM \n\t\t\t\t\t\t\tinformation_schema.table_constraints AS tc\n\t\t\t\t\t\t\tJOIN pg_constraint AS con \n\t\t\t\t\t\t\t\tON tc.constraint_name = con.conname\n\t\t\t\t\t\t\t\tAND con.conrelid = (\n\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\tFROM pg_class \n\t\t\t\t\t\t\t\t\tWHERE relname = tc.table_name \n\t\t\t\t\t\t\t\t\tAND relnamespace = (\n\t\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\t\tFROM pg_namespace \n\t\t\t\t\t\t\t\t\t\tWHERE nspname = tc.constraint_schema\n\t\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\tWHERE \n\t\t\t\t\t\t\ttc.table_name = 'pgbench_accounts'\n\t\t\t\t\t\t\tAND tc.constraint_schema = 'public'\n\t\t\t\t\t\t\tAND tc.constraint_type = 'CHECK'\n\t\t\t\t\t\t\tAND con.contype = 'c';",
    rows: [],
  },
  {
    sql: "SELECT \n\t\t\t\t\t\t\ttc.constraint_name,\n\t\t\t\t\t\t\ttc.constraint_type,\n\t\t\t\t\t\t\tpg_get_constraintdef(con.oid) AS constraint_definition\n\t\t\t\t\t\tFROM \n\t\t\t\t\t\t\tinformation_schema.table_constraints AS tc\n\t\t\t\t\t\t\tJOIN pg_constraint AS con \n\t\t\t\t\t\t\t\tON tc.constraint_name = con.conname\n\t\t\t\t\t\t\t\tAND con.conrelid = (\n\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\tFROM pg_class \n\t\t\t\t\t\t\t\t\tWHERE relname = tc.table_name \n\t\t\t\t\t\t\t\t\tAND relnamespace = (\n\t\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\t\tFROM pg_namespace \n\t\t\t\t\t\t\t\t\t\tWHERE nspname = tc.constraint_schema\n\t\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\tWHERE \n\t\t\t\t\t\t\ttc.table_name = 'pgbench_branches'\n\t\t\t\t\t\t\tAND tc.constraint_schema = 'public'\n\t\t\t\t\t\t\tAND tc.constraint_type = 'CHECK'\n\t\t\t\t\t\t\tAND con.contype = 'c';",
    rows: [],
  },
  {
    sql: "SELECT \n\t\t\t\t\t\t\ttc.constraint_name,\n\t\t\t\t\t\t\ttc.constraint_type,\n\t\t\t\t\t\t\tpg_get_constraintdef(con.oid) AS constraint_definition\n\t\t\t\t\t\tFROM \n\t\t\t\t\t\t\tinformation_schema.table_constraints AS tc\n\t\t\t\t\t\t\tJOIN pg_constraint AS con \n\t\t\t\t\t\t\t\tON tc.constraint_name = con.conname\n\t\t\t\t\t\t\t\tAND con.conrelid = (\n\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\tFROM pg_class \n\t\t\t\t\t\t\t\t\tWHERE relname = tc.table_name \n\t\t\t\t\t\t\t\t\tAND relnamespace = (\n\t\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\t\tFROM pg_namespace \n\t\t\t\t\t\t\t\t\t\tWHERE nspname = tc.constraint_schema\n\t\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\tWHERE \n\t\t\t\t\t\t\ttc.table_name = 'pgbench_tellers'\n\t\t\t\t\t\t\tAND tc.constraint_schema = 'public'\n\t\t\t\t\t\t\tAND tc.constraint_type = 'CHECK'\n\t\t\t\t\t\t\tAND con.contype = 'c';",
    rows: [],
  },
  {
    sql: "SELECT \n\t\t\t\t\t\t\ttc.constraint_name,\n\t\t\t\t\t\t\ttc.constraint_type,\n\t\t\t\t\t\t\tpg_get_constraintdef(con.oid) AS constraint_definition\n\t\t\t\t\t\tFROM \n\t\t\t\t\t\t\tinformation_schema.table_constraints AS tc\n\t\t\t\t\t\t\tJOIN pg_constraint AS con \n\t\t\t\t\t\t\t\tON tc.constraint_name = con.conname\n\t\t\t\t\t\t\t\tAND con.conrelid = (\n\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\tFROM pg_class \n\t\t\t\t\t\t\t\t\tWHERE relname = tc.table_name \n\t\t\t\t\t\t\t\t\tAND relnamespace = (\n\t\t\t\t\t\t\t\t\t\tSELECT oid \n\t\t\t\t\t\t\t\t\t\tFROM pg_namespace \n\t\t\t\t\t\t\t\t\t\tWHERE nspname = tc.constraint_schema\n\t\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\t\t\t)\n\t\t\t\t\t\tWHERE \n\t\t\t\t\t\t\ttc.table_name = 'pgbench_history'\n\t\t\t\t\t\t\tAND tc.constraint_schema = 'public'\n\t\t\t\t\t\t\tAND tc.constraint_type = 'CHECK'\n\t\t\t\t\t\t\tAND con.contype = 'c';",
    rows: [],
  },
  {
    sql: "SELECT\n\t            con.contype AS constraint_type,\n\t            nsp.nspname AS constraint_schema,\n\t            con.conname AS constraint_name,\n\t            rel.relname AS table_name,\n\t            att.attname AS column_name,\n\t            fnsp.nspname AS foreign_table_schema,\n\t            frel.relname AS foreign_table_name,\n\t            fatt.attname AS foreign_column_name,\n\t            CASE con.confupdtype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS update_rule,\n\t            CASE con.confdeltype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS delete_rule\n\t          FROM\n\t            pg_catalog.pg_constraint con\n\t            JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid\n\t            JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace\n\t            LEFT JOIN pg_catalog.pg_attribute att ON att.attnum = ANY (con.conkey)\n\t              AND att.attrelid = con.conrelid\n\t            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid\n\t            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace\n\t            LEFT JOIN pg_catalog.pg_attribute fatt ON fatt.attnum = ANY (con.confkey)\n\t              AND fatt.attrelid = con.confrelid\n\t          WHERE\n\t            nsp.nspname = 'public'\n\t            AND rel.relname = 'authors'\n\t            AND con.contype IN ('f');",
    rows: [],
  },
  {
    sql: "SELECT\n\t            con.contype AS constraint_type,\n\t            nsp.nspname AS constraint_schema,\n\t            con.conname AS constraint_name,\n\t            rel.relname AS table_name,\n\t            att.attname AS column_name,\n\t            fnsp.nspname AS foreign_table_schema,\n\t            frel.relname AS foreign_table_name,\n\t            fatt.attname AS foreign_column_name,\n\t            CASE con.confupdtype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS update_rule,\n\t            CASE con.confdeltype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS delete_rule\n\t          FROM\n\t            pg_catalog.pg_constraint con\n\t            JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid\n\t            JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace\n\t            LEFT JOIN pg_catalog.pg_attribute att ON att.attnum = ANY (con.conkey)\n\t              AND att.attrelid = con.conrelid\n\t            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid\n\t            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace\n\t            LEFT JOIN pg_catalog.pg_attribute fatt ON fatt.attnum = ANY (con.confkey)\n\t              AND fatt.attrelid = con.confrelid\n\t          WHERE\n\t            nsp.nspname = 'public'\n\t            AND rel.relname = 'books'\n\t            AND con.contype IN ('f');",
    rows: [
      ["f", "public", "books_author_id_fkey", "books", "author_id", "public", "authors", "id", "NO ACTION", "CASCADE"],
    ],
  },
  {
    sql: "SELECT\n\t            con.contype AS constraint_type,\n\t            nsp.nspname AS constraint_schema,\n\t            con.conname AS constraint_name,\n\t            rel.relname AS table_name,\n\t            att.attname AS column_name,\n\t            fnsp.nspname AS foreign_table_schema,\n\t            frel.relname AS foreign_table_name,\n\t            fatt.attname AS foreign_column_name,\n\t            CASE con.confupdtype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS update_rule,\n\t            CASE con.confdeltype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS delete_rule\n\t          FROM\n\t            pg_catalog.pg_constraint con\n\t            JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid\n\t            JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace\n\t            LEFT JOIN pg_catalog.pg_attribute att ON att.attnum = ANY (con.conkey)\n\t              AND att.attrelid = con.conrelid\n\t            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid\n\t            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace\n\t            LEFT JOIN pg_catalog.pg_attribute fatt ON fatt.attnum = ANY (con.confkey)\n\t              AND fatt.attrelid = con.confrelid\n\t          WHERE\n\t            nsp.nspname = 'public'\n\t            AND rel.relname = 'pgbench_accounts'\n\t            AND con.contype IN ('f');",
    rows: [],
  },
  {
    sql: "SELECT\n\t            con.contype AS constraint_type,\n\t            nsp.nspname AS constraint_schema,\n\t            con.conname AS constraint_name,\n\t            rel.relname AS table_name,\n\t            att.attname AS column_name,\n\t            fnsp.nspname AS foreign_table_schema,\n\t            frel.relname AS foreign_table_name,\n\t            fatt.attname AS foreign_column_name,\n\t            CASE con.confupdtype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS update_rule,\n\t            CASE con.confdeltype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS delete_rule\n\t          FROM\n\t            pg_catalog.pg_constraint con\n\t            JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid\n\t            JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace\n\t            LEFT JOIN pg_catalog.pg_attribute att ON att.attnum = ANY (con.conkey)\n\t              AND att.attrelid = con.conrelid\n\t            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid\n\t            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace\n\t            LEFT JOIN pg_catalog.pg_attribute fatt ON fatt.attnum = ANY (con.confkey)\n\t              AND fatt.attrelid = con.confrelid\n\t          WHERE\n\t            nsp.nspname = 'public'\n\t            AND rel.relname = 'pgbench_branches'\n\t            AND con.contype IN ('f');",
    rows: [],
  },
  {
    sql: "SELECT\n\t            con.contype AS constraint_type,\n\t            nsp.nspname AS constraint_schema,\n\t            con.conname AS constraint_name,\n\t            rel.relname AS table_name,\n\t            att.attname AS column_name,\n\t            fnsp.nspname AS foreign_table_schema,\n\t            frel.relname AS foreign_table_name,\n\t            fatt.attname AS foreign_column_name,\n\t            CASE con.confupdtype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS update_rule,\n\t            CASE con.confdeltype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS delete_rule\n\t          FROM\n\t            pg_catalog.pg_constraint con\n\t            JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid\n\t            JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace\n\t            LEFT JOIN pg_catalog.pg_attribute att ON att.attnum = ANY (con.conkey)\n\t              AND att.attrelid = con.conrelid\n\t            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid\n\t            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace\n\t            LEFT JOIN pg_catalog.pg_attribute fatt ON fatt.attnum = ANY (con.confkey)\n\t              AND fatt.attrelid = con.confrelid\n\t          WHERE\n\t            nsp.nspname = 'public'\n\t            AND rel.relname = 'pgbench_tellers'\n\t            AND con.contype IN ('f');",
    rows: [],
  },
  {
    sql: "SELECT\n\t            con.contype AS constraint_type,\n\t            nsp.nspname AS constraint_schema,\n\t            con.conname AS constraint_name,\n\t            rel.relname AS table_name,\n\t            att.attname AS column_name,\n\t            fnsp.nspname AS foreign_table_schema,\n\t            frel.relname AS foreign_table_name,\n\t            fatt.attname AS foreign_column_name,\n\t            CASE con.confupdtype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS update_rule,\n\t            CASE con.confdeltype\n\t              WHEN 'a' THEN 'NO ACTION'\n\t              WHEN 'r' THEN 'RESTRICT'\n\t              WHEN 'n' THEN 'SET NULL'\n\t              WHEN 'c' THEN 'CASCADE'\n\t              WHEN 'd' THEN 'SET DEFAULT'\n\t            END AS delete_rule\n\t          FROM\n\t            pg_catalog.pg_constraint con\n\t            JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid\n\t            JOIN pg_catalog.pg_namespace nsp ON nsp.oid = con.connamespace\n\t            LEFT JOIN pg_catalog.pg_attribute att ON att.attnum = ANY (con.conkey)\n\t              AND att.attrelid = con.conrelid\n\t            LEFT JOIN pg_catalog.pg_class frel ON frel.oid = con.confrelid\n\t            LEFT JOIN pg_catalog.pg_namespace fnsp ON fnsp.oid = frel.relnamespace\n\t            LEFT JOIN pg_catalog.pg_attribute fatt ON fatt.attnum = ANY (con.confkey)\n\t              AND fatt.attrelid = con.confrelid\n\t          WHERE\n\t            nsp.nspname = 'public'\n\t            AND rel.relname = 'pgbench_history'\n\t            AND con.contype IN ('f');",
    rows: [],
  },
  {
    sql: "SELECT  DISTINCT ON (t.relname, ic.relname, k.i) t.relname as table_name, ic.relname AS indexname,\n\t        k.i AS index_order,\n\t        i.indisunique as is_unique,\n\t        am.amname as method,\n\t        ic.reloptions as with,\n\t        coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.i, false)) AS column_name,\n\t          CASE\n\t        WHEN pg_get_expr(i.indexprs, i.indrelid) IS NOT NULL THEN 1\n\t        ELSE 0\n\t    END AS is_expression,\n\t        i.indoption[k.i-1] & 1 = 1 AS descending,\n\t        i.indoption[k.i-1] & 2 = 2 AS nulls_first,\n\t        pg_get_expr(\n\t                              i.indpred,\n\t                              i.indrelid\n\t                          ) as where,\n\t         opc.opcname\n\t      FROM pg_class t\n\t          LEFT JOIN pg_index i ON t.oid = i.indrelid\n\t          LEFT JOIN pg_class ic ON ic.oid = i.indexrelid\n\t\t\t  CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)\n\t          LEFT JOIN pg_attribute AS a\n\t            ON i.indrelid = a.attrelid AND k.attnum = a.attnum\n\t          JOIN pg_namespace c on c.oid = t.relnamespace\n\t        LEFT JOIN pg_am AS am ON ic.relam = am.oid\n\t        JOIN pg_opclass opc ON opc.oid = ANY(i.indclass)\n\t      WHERE\n\t      c.nspname = 'public' AND\n\t      t.relname = 'authors';",
    rows: [
      ["authors", "authors_email_key", "1", "t", "btree", null, "email", "0", "f", "f", null, "text_ops"],
      ["authors", "authors_pkey", "1", "t", "btree", null, "id", "0", "f", "f", null, "int4_ops"],
    ],
  },
  {
    sql: "SELECT  DISTINCT ON (t.relname, ic.relname, k.i) t.relname as table_name, ic.relname AS indexname,\n\t        k.i AS index_order,\n\t        i.indisunique as is_unique,\n\t        am.amname as method,\n\t        ic.reloptions as with,\n\t        coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.i, false)) AS column_name,\n\t          CASE\n\t        WHEN pg_get_expr(i.indexprs, i.indrelid) IS NOT NULL THEN 1\n\t        ELSE 0\n\t    END AS is_expression,\n\t        i.indoption[k.i-1] & 1 = 1 AS descending,\n\t        i.indoption[k.i-1] & 2 = 2 AS nulls_first,\n\t        pg_get_expr(\n\t                              i.indpred,\n\t                              i.indrelid\n\t                          ) as where,\n\t         opc.opcname\n\t      FROM pg_class t\n\t          LEFT JOIN pg_index i ON t.oid = i.indrelid\n\t          LEFT JOIN pg_class ic ON ic.oid = i.indexrelid\n\t\t\t  CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)\n\t          LEFT JOIN pg_attribute AS a\n\t            ON i.indrelid = a.attrelid AND k.attnum = a.attnum\n\t          JOIN pg_namespace c on c.oid = t.relnamespace\n\t        LEFT JOIN pg_am AS am ON ic.relam = am.oid\n\t        JOIN pg_opclass opc ON opc.oid = ANY(i.indclass)\n\t      WHERE\n\t      c.nspname = 'public' AND\n\t      t.relname = 'books';",
    rows: [
      ["books", "books_isbn_idx", "1", "t", "btree", null, "isbn", "0", "t", "t", null, "bpchar_ops"],
      ["books", "books_pkey", "1", "t", "btree", null, "id", "0", "f", "f", null, "int8_ops"],
      ["books", "books_title_idx", "1", "f", "btree", null, "title", "0", "f", "f", null, "text_ops"],
    ],
  },
  {
    sql: "SELECT  DISTINCT ON (t.relname, ic.relname, k.i) t.relname as table_name, ic.relname AS indexname,\n\t        k.i AS index_order,\n\t        i.indisunique as is_unique,\n\t        am.amname as method,\n\t        ic.reloptions as with,\n\t        coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.i, false)) AS column_name,\n\t          CASE\n\t        WHEN pg_get_expr(i.indexprs, i.indrelid) IS NOT NULL THEN 1\n\t        ELSE 0\n\t    END AS is_expression,\n\t        i.indoption[k.i-1] & 1 = 1 AS descending,\n\t        i.indoption[k.i-1] & 2 = 2 AS nulls_first,\n\t        pg_get_expr(\n\t                              i.indpred,\n\t                              i.indrelid\n\t                          ) as where,\n\t         opc.opcname\n\t      FROM pg_class t\n\t          LEFT JOIN pg_index i ON t.oid = i.indrelid\n\t          LEFT JOIN pg_class ic ON ic.oid = i.indexrelid\n\t\t\t  CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)\n\t          LEFT JOIN pg_attribute AS a\n\t            ON i.indrelid = a.attrelid AND k.attnum = a.attnum\n\t          JOIN pg_namespace c on c.oid = t.relnamespace\n\t        LEFT JOIN pg_am AS am ON ic.relam = am.oid\n\t        JOIN pg_opclass opc ON opc.oid = ANY(i.indclass)\n\t      WHERE\n\t      c.nspname = 'public' AND\n\t      t.relname = 'pgbench_accounts';",
    rows: [
      ["pgbench_accounts", "pgbench_accounts_pkey", "1", "t", "btree", null, "aid", "0", "f", "f", null, "int4_ops"],
    ],
  },
  {
    sql: "SELECT  DISTINCT ON (t.relname, ic.relname, k.i) t.relname as table_name, ic.relname AS indexname,\n\t        k.i AS index_order,\n\t        i.indisunique as is_unique,\n\t        am.amname as method,\n\t        ic.reloptions as with,\n\t        coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.i, false)) AS column_name,\n\t          CASE\n\t        WHEN pg_get_expr(i.indexprs, i.indrelid) IS NOT NULL THEN 1\n\t        ELSE 0\n\t    END AS is_expression,\n\t        i.indoption[k.i-1] & 1 = 1 AS descending,\n\t        i.indoption[k.i-1] & 2 = 2 AS nulls_first,\n\t        pg_get_expr(\n\t                              i.indpred,\n\t                              i.indrelid\n\t                          ) as where,\n\t         opc.opcname\n\t      FROM pg_class t\n\t          LEFT JOIN pg_index i ON t.oid = i.indrelid\n\t          LEFT JOIN pg_class ic ON ic.oid = i.indexrelid\n\t\t\t  CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)\n\t          LEFT JOIN pg_attribute AS a\n\t            ON i.indrelid = a.attrelid AND k.attnum = a.attnum\n\t          JOIN pg_namespace c on c.oid = t.relnamespace\n\t        LEFT JOIN pg_am AS am ON ic.relam = am.oid\n\t        JOIN pg_opclass opc ON opc.oid = ANY(i.indclass)\n\t      WHERE\n\t      c.nspname = 'public' AND\n\t      t.relname = 'pgbench_branches';",
    rows: [
      ["pgbench_branches", "pgbench_branches_pkey", "1", "t", "btree", null, "bid", "0", "f", "f", null, "int4_ops"],
    ],
  },
  {
    sql: "SELECT  DISTINCT ON (t.relname, ic.relname, k.i) t.relname as table_name, ic.relname AS indexname,\n\t        k.i AS index_order,\n\t        i.indisunique as is_unique,\n\t        am.amname as method,\n\t        ic.reloptions as with,\n\t        coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.i, false)) AS column_name,\n\t          CASE\n\t        WHEN pg_get_expr(i.indexprs, i.indrelid) IS NOT NULL THEN 1\n\t        ELSE 0\n\t    END AS is_expression,\n\t        i.indoption[k.i-1] & 1 = 1 AS descending,\n\t        i.indoption[k.i-1] & 2 = 2 AS nulls_first,\n\t        pg_get_expr(\n\t                              i.indpred,\n\t                              i.indrelid\n\t                          ) as where,\n\t         opc.opcname\n\t      FROM pg_class t\n\t          LEFT JOIN pg_index i ON t.oid = i.indrelid\n\t          LEFT JOIN pg_class ic ON ic.oid = i.indexrelid\n\t\t\t  CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)\n\t          LEFT JOIN pg_attribute AS a\n\t            ON i.indrelid = a.attrelid AND k.attnum = a.attnum\n\t          JOIN pg_namespace c on c.oid = t.relnamespace\n\t        LEFT JOIN pg_am AS am ON ic.relam = am.oid\n\t        JOIN pg_opclass opc ON opc.oid = ANY(i.indclass)\n\t      WHERE\n\t      c.nspname = 'public' AND\n\t      t.relname = 'pgbench_tellers';",
    rows: [
      ["pgbench_tellers", "pgbench_tellers_pkey", "1", "t", "btree", null, "tid", "0", "f", "f", null, "int4_ops"],
    ],
  },
  {
    sql: "SELECT  DISTINCT ON (t.relname, ic.relname, k.i) t.relname as table_name, ic.relname AS indexname,\n\t        k.i AS index_order,\n\t        i.indisunique as is_unique,\n\t        am.amname as method,\n\t        ic.reloptions as with,\n\t        coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.i, false)) AS column_name,\n\t          CASE\n\t        WHEN pg_get_expr(i.indexprs, i.indrelid) IS NOT NULL THEN 1\n\t        ELSE 0\n\t    END AS is_expression,\n\t        i.indoption[k.i-1] & 1 = 1 AS descending,\n\t        i.indoption[k.i-1] & 2 = 2 AS nulls_first,\n\t        pg_get_expr(\n\t                              i.indpred,\n\t                              i.indrelid\n\t                          ) as where,\n\t         opc.opcname\n\t      FROM pg_class t\n\t          LEFT JOIN pg_index i ON t.oid = i.indrelid\n\t          LEFT JOIN pg_class ic ON ic.oid = i.indexrelid\n\t\t\t  CROSS JOIN LATERAL (SELECT unnest(i.indkey), generate_subscripts(i.indkey, 1) + 1) AS k(attnum, i)\n\t          LEFT JOIN pg_attribute AS a\n\t            ON i.indrelid = a.attrelid AND k.attnum = a.attnum\n\t          JOIN pg_namespace c on c.oid = t.relnamespace\n\t        LEFT JOIN pg_am AS am ON ic.relam = am.oid\n\t        JOIN pg_opclass opc ON opc.oid = ANY(i.indclass)\n\t      WHERE\n\t      c.nspname = 'public' AND\n\t      t.relname = 'pgbench_history';",
    rows: [],
  },
  {
    sql: "SELECT\n\t          idx.indexrelname AS index_name,\n\t          idx.relname AS table_name,\n\t          schemaname,\n\t          CASE WHEN con.conname IS NOT NULL THEN 1 ELSE 0 END AS generated_by_constraint\n\t        FROM\n\t          pg_stat_user_indexes idx\n\t        LEFT JOIN\n\t          pg_constraint con ON con.conindid = idx.indexrelid\n\t        WHERE idx.relname = 'authors' and schemaname = 'public'\n\t        group by index_name, table_name,schemaname, generated_by_constraint;",
    rows: [
      ["authors_email_key", "authors", "public", "1"],
      ["authors_pkey", "authors", "public", "1"],
    ],
  },
  {
    sql: "SELECT\n\t          idx.indexrelname AS index_name,\n\t          idx.relname AS table_name,\n\t          schemaname,\n\t          CASE WHEN con.conname IS NOT NULL THEN 1 ELSE 0 END AS generated_by_constraint\n\t        FROM\n\t          pg_stat_user_indexes idx\n\t        LEFT JOIN\n\t          pg_constraint con ON con.conindid = idx.indexrelid\n\t        WHERE idx.relname = 'books' and schemaname = 'public'\n\t        group by index_name, table_name,schemaname, generated_by_constraint;",
    rows: [
      ["books_isbn_idx", "books", "public", "0"],
      ["books_pkey", "books", "public", "1"],
      ["books_title_idx", "books", "public", "0"],
    ],
  },
  {
    sql: "SELECT\n\t          idx.indexrelname AS index_name,\n\t          idx.relname AS table_name,\n\t          schemaname,\n\t          CASE WHEN con.conname IS NOT NULL THEN 1 ELSE 0 END AS generated_by_constraint\n\t        FROM\n\t          pg_stat_user_indexes idx\n\t        LEFT JOIN\n\t          pg_constraint con ON con.conindid = idx.indexrelid\n\t        WHERE idx.relname = 'pgbench_accounts' and schemaname = 'public'\n\t        group by index_name, table_name,schemaname, generated_by_constraint;",
    rows: [
      ["pgbench_accounts_pkey", "pgbench_accounts", "public", "1"],
    ],
  },
  {
    sql: "SELECT\n\t          idx.indexrelname AS index_name,\n\t          idx.relname AS table_name,\n\t          schemaname,\n\t          CASE WHEN con.conname IS NOT NULL THEN 1 ELSE 0 END AS generated_by_constraint\n\t        FROM\n\t          pg_stat_user_indexes idx\n\t        LEFT JOIN\n\t          pg_constraint con ON con.conindid = idx.indexrelid\n\t        WHERE idx.relname = 'pgbench_branches' and schemaname = 'public'\n\t        group by index_name, table_name,schemaname, generated_by_constraint;",
    rows: [
      ["pgbench_branches_pkey", "pgbench_branches", "public", "1"],
    ],
  },
  {
    sql: "SELECT\n\t          idx.indexrelname AS index_name,\n\t          idx.relname AS table_name,\n\t          schemaname,\n\t          CASE WHEN con.conname IS NOT NULL THEN 1 ELSE 0 END AS generated_by_constraint\n\t        FROM\n\t          pg_stat_user_indexes idx\n\t        LEFT JOIN\n\t          pg_constraint con ON con.conindid = idx.indexrelid\n\t        WHERE idx.relname = 'pgbench_tellers' and schemaname = 'public'\n\t        group by index_name, table_name,schemaname, generated_by_constraint;",
    rows: [
      ["pgbench_tellers_pkey", "pgbench_tellers", "public", "1"],
    ],
  },
  {
    sql: "SELECT\n\t          idx.indexrelname AS index_name,\n\t          idx.relname AS table_name,\n\t          schemaname,\n\t          CASE WHEN con.conname IS NOT NULL THEN 1 ELSE 0 END AS generated_by_constraint\n\t        FROM\n\t          pg_stat_user_indexes idx\n\t        LEFT JOIN\n\t          pg_constraint con ON con.conindid = idx.indexrelid\n\t        WHERE idx.relname = 'pgbench_history' and schemaname = 'public'\n\t        group by index_name, table_name,schemaname, generated_by_constraint;",
    rows: [],
  },
  {
    sql: "SELECT \n\t    a.attrelid::regclass::text AS table_name,  -- Table, view, or materialized view name\n\t    a.attname AS column_name,   -- Column name\n\t    CASE \n\t        WHEN NOT a.attisdropped THEN \n\t            CASE \n\t                WHEN a.attnotnull THEN 'NO'\n\t                ELSE 'YES'\n\t            END \n\t        ELSE NULL \n\t    END AS is_nullable,  -- NULL or NOT NULL constraint\n\t    a.attndims AS array_dimensions,  -- Array dimensions\n\t    CASE \n\t        WHEN a.atttypid = ANY ('{int,int8,int2}'::regtype[]) \n\t        AND EXISTS (\n\t            SELECT FROM pg_attrdef ad\n\t            WHERE ad.adrelid = a.attrelid \n\t            AND ad.adnum = a.attnum \n\t            AND pg_get_expr(ad.adbin, ad.adrelid) = 'nextval(''' \n\t                || pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)::regclass || '''::regclass)'\n\t        )\n\t        THEN CASE a.atttypid\n\t            WHEN 'int'::regtype THEN 'serial'\n\t            WHEN 'int8'::regtype THEN 'bigserial'\n\t            WHEN 'int2'::regtype THEN 'smallserial'\n\t        END\n\t        ELSE format_type(a.atttypid, a.atttypmod)\n\t    END AS data_type,  -- Column data type\n\t--    ns.nspname AS type_schema,  -- Schema name\n\t    pg_get_serial_sequence('\"public\".\"cheap_books\"', a.attname)::regclass AS seq_name,  -- Serial sequence (if any)\n\t    c.column_default,  -- Column default value\n\t    c.data_type AS additional_dt,  -- Data type from information_schema\n\t    c.udt_name AS enum_name,  -- Enum type (if applicable)\n\t    c.is_generated,  -- Is it a generated column?\n\t    c.generation_expression,  -- Generation expression (if generated)\n\t    c.is_identity,  -- Is it an identity column?\n\t    c.identity_generation,  -- Identity generation strategy (ALWAYS or BY DEFAULT)\n\t    c.identity_start,  -- Start value of identity column\n\t    c.identity_increment,  -- Increment for identity column\n\t    c.identity_maximum,  -- Maximum value for identity column\n\t    c.identity_minimum,  -- Minimum value for identity column\n\t    c.identity_cycle,  -- Does the identity column cycle?\n\t    enum_ns.nspname AS type_schema  -- Schema of the enum type\n\tFROM \n\t    pg_attribute a\n\tJOIN \n\t    pg_class cls ON cls.oid = a.attrelid  -- Join pg_class to get table/view/materialized view info\n\tJOIN \n\t    pg_namespace ns ON ns.oid = cls.relnamespace  -- Join namespace to get schema info\n\tLEFT JOIN \n\t    information_schema.columns c ON c.column_name = a.attname \n\t        AND c.table_schema = ns.nspname \n\t        AND c.table_name = cls.relname  -- Match schema and table/view name\n\tLEFT JOIN \n\t    pg_type enum_t ON enum_t.oid = a.atttypid  -- Join to get the type info\n\tLEFT JOIN \n\t    pg_namespace enum_ns ON enum_ns.oid = enum_t.typnamespace  -- Join to get the enum schema\n\tWHERE \n\t    a.attnum > 0  -- Valid column numbers only\n\t    AND NOT a.attisdropped  -- Skip dropped columns\n\t    AND cls.relkind IN ('r', 'v', 'm')  -- Include regular tables ('r'), views ('v'), and materialized views ('m')\n\t    AND ns.nspname = 'public'  -- Filter by schema\n\t    AND cls.relname = 'cheap_books'  -- Filter by table name\n\tORDER BY \n\t    a.attnum;  -- Order by column number",
    rows: [
      ["cheap_books", "id", "YES", "0", "bigint", null, null, "bigint", "int8", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
      ["cheap_books", "title", "YES", "0", "text", null, null, "text", "text", "NEVER", null, "NO", null, null, null, null, null, "NO", "pg_catalog"],
    ],
  },
  {
    sql: "\n\t\t\t\t\t\tSELECT\n\t    c.relname AS view_name,\n\t    n.nspname AS schema_name,\n\t    pg_get_viewdef(c.oid, true) AS definition,\n\t    ts.spcname AS tablespace_name,\n\t    c.reloptions AS options,\n\t    pg_tablespace_location(ts.oid) AS location\n\tFROM\n\t    pg_class c\n\tJOIN\n\t    pg_namespace n ON c.relnamespace = n.oid\n\tLEFT JOIN\n\t    pg_tablespace ts ON c.reltablespace = ts.oid \n\tWHERE\n\t    (c.relkind = 'm' OR c.relkind = 'v')\n\t    AND n.nspname = 'public'\n\t    AND c.relname = 'cheap_books';",
    rows: [
      ["cheap_books", "public", " SELECT books.id,\n    books.title\n   FROM books\n  WHERE books.price < 10::numeric;", null, null, null],
    ],
  },
  {
    sql: "select o.n, p.partstrat, pg_catalog.count(i.inhparent) from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on (n.oid = c.relnamespace) cross join lateral (select pg_catalog.array_position(pg_catalog.current_schemas(true), n.nspname)) as o(n) left join pg_catalog.pg_partitioned_table as p on (p.partrelid = c.oid) left join pg_catalog.pg_inherits as i on (c.oid = i.inhparent) where c.relname = 'pgbench_accounts' and o.n is not null group by 1, 2 order by 1 asc limit 1",
    rows: [
      ["2", null, "0"],
    ],
  },
];

/** Catalog relations, information_schema views and catalog functions, and PostgreSQL 15's answers. */
const catalogCases: ReadonlyArray<{ readonly name: string; readonly sql: string; readonly rows: Rows }> = [
  {
    name: "information_schema.columns",
    sql: "select table_schema, table_name, column_name, ordinal_position, column_default, is_nullable, data_type, character_maximum_length, character_octet_length, numeric_precision, numeric_precision_radix, numeric_scale, datetime_precision, udt_name, dtd_identifier, is_identity, identity_generation, identity_start, identity_increment, identity_maximum, identity_minimum, identity_cycle, is_generated from information_schema.columns where table_schema in ('public', 'app') order by table_schema, table_name, ordinal_position",
    rows: [
      ["app", "settings", "key", "1", null, "NO", "text", null, "1073741824", null, null, null, null, "text", "1", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["app", "settings", "value", "2", null, "YES", "jsonb", null, null, null, null, null, null, "jsonb", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["app", "settings", "flags", "3", "'{}'::boolean[]", "YES", "ARRAY", null, null, null, null, null, null, "_bool", "3", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "authors", "id", "1", "nextval('authors_id_seq'::regclass)", "NO", "integer", null, null, "32", "2", "0", null, "int4", "1", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "authors", "name", "2", null, "NO", "text", null, "1073741824", null, null, null, null, "text", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "authors", "email", "3", null, "YES", "character varying", "100", "400", null, null, null, null, "varchar", "3", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "authors", "created_at", "4", "now()", "YES", "timestamp with time zone", null, null, null, null, null, "6", "timestamptz", "4", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "books", "id", "1", null, "NO", "bigint", null, null, "64", "2", "0", null, "int8", "1", "YES", "ALWAYS", "1", "1", "9223372036854775807", "1", "NO", "NEVER"],
      ["public", "books", "author_id", "2", null, "NO", "integer", null, null, "32", "2", "0", null, "int4", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "books", "title", "3", null, "NO", "text", null, "1073741824", null, null, null, null, "text", "3", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "books", "price", "4", null, "YES", "numeric", null, null, "10", "10", "2", null, "numeric", "4", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "books", "isbn", "5", null, "YES", "character", "13", "52", null, null, null, null, "bpchar", "5", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "books", "published", "6", null, "YES", "date", null, null, null, null, null, "0", "date", "6", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "books", "stock", "7", "0", "YES", "integer", null, null, "32", "2", "0", null, "int4", "7", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "cheap_books", "id", "1", null, "YES", "bigint", null, null, "64", "2", "0", null, "int8", "1", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "cheap_books", "title", "2", null, "YES", "text", null, "1073741824", null, null, null, null, "text", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_accounts", "aid", "1", null, "NO", "integer", null, null, "32", "2", "0", null, "int4", "1", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_accounts", "bid", "2", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_accounts", "abalance", "3", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "3", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_accounts", "filler", "4", null, "YES", "character", "84", "336", null, null, null, null, "bpchar", "4", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_branches", "bid", "1", null, "NO", "integer", null, null, "32", "2", "0", null, "int4", "1", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_branches", "bbalance", "2", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_branches", "filler", "3", null, "YES", "character", "88", "352", null, null, null, null, "bpchar", "3", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_history", "tid", "1", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "1", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_history", "bid", "2", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_history", "aid", "3", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "3", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_history", "delta", "4", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "4", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_history", "mtime", "5", null, "YES", "timestamp without time zone", null, null, null, null, null, "6", "timestamp", "5", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_history", "filler", "6", null, "YES", "character", "22", "88", null, null, null, null, "bpchar", "6", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_tellers", "tid", "1", null, "NO", "integer", null, null, "32", "2", "0", null, "int4", "1", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_tellers", "bid", "2", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "2", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_tellers", "tbalance", "3", null, "YES", "integer", null, null, "32", "2", "0", null, "int4", "3", "NO", null, null, null, null, null, "NO", "NEVER"],
      ["public", "pgbench_tellers", "filler", "4", null, "YES", "character", "84", "336", null, null, null, null, "bpchar", "4", "NO", null, null, null, null, null, "NO", "NEVER"],
    ],
  },
  {
    name: "information_schema.tables",
    sql: "select table_catalog = current_database(), table_schema, table_name, table_type , is_typed from information_schema.tables where table_schema in ('public', 'app') order by 2, 3",
    rows: [
      ["t", "app", "settings", "BASE TABLE", "NO"],
      ["t", "public", "authors", "BASE TABLE", "NO"],
      ["t", "public", "books", "BASE TABLE", "NO"],
      ["t", "public", "cheap_books", "VIEW", "NO"],
      ["t", "public", "pgbench_accounts", "BASE TABLE", "NO"],
      ["t", "public", "pgbench_branches", "BASE TABLE", "NO"],
      ["t", "public", "pgbench_history", "BASE TABLE", "NO"],
      ["t", "public", "pgbench_tellers", "BASE TABLE", "NO"],
    ],
  },
  {
    name: "information_schema.table_constraints",
    sql: "select constraint_schema, constraint_name, table_schema, table_name, constraint_type, is_deferrable, initially_deferred, enforced, nulls_distinct from information_schema.table_constraints where table_schema in ('public', 'app') and constraint_name not like '%not_null' order by 4, 2",
    rows: [
      ["public", "authors_email_key", "public", "authors", "UNIQUE", "NO", "NO", "YES", "YES"],
      ["public", "authors_pkey", "public", "authors", "PRIMARY KEY", "NO", "NO", "YES", null],
      ["public", "books_author_id_fkey", "public", "books", "FOREIGN KEY", "NO", "NO", "YES", null],
      ["public", "books_pkey", "public", "books", "PRIMARY KEY", "NO", "NO", "YES", null],
      ["public", "books_price_check", "public", "books", "CHECK", "NO", "NO", "YES", null],
      ["public", "pgbench_accounts_pkey", "public", "pgbench_accounts", "PRIMARY KEY", "NO", "NO", "YES", null],
      ["public", "pgbench_branches_pkey", "public", "pgbench_branches", "PRIMARY KEY", "NO", "NO", "YES", null],
      ["public", "pgbench_tellers_pkey", "public", "pgbench_tellers", "PRIMARY KEY", "NO", "NO", "YES", null],
      ["app", "settings_pkey", "app", "settings", "PRIMARY KEY", "NO", "NO", "YES", null],
    ],
  },
  {
    name: "information_schema.table_constraints not null",
    sql: "select count(*), string_agg(table_name, ',' order by table_name) from information_schema.table_constraints where table_schema in ('public', 'app') and constraint_name like '%not_null'",
    rows: [
      ["9", "authors,authors,books,books,books,pgbench_accounts,pgbench_branches,pgbench_tellers,settings"],
    ],
  },
  {
    name: "information_schema.key_column_usage",
    sql: "select constraint_name, table_name, column_name, ordinal_position, position_in_unique_constraint from information_schema.key_column_usage where table_schema in ('public', 'app') order by 2, 1, 4",
    rows: [
      ["authors_email_key", "authors", "email", "1", null],
      ["authors_pkey", "authors", "id", "1", null],
      ["books_author_id_fkey", "books", "author_id", "1", "1"],
      ["books_pkey", "books", "id", "1", null],
      ["pgbench_accounts_pkey", "pgbench_accounts", "aid", "1", null],
      ["pgbench_branches_pkey", "pgbench_branches", "bid", "1", null],
      ["pgbench_tellers_pkey", "pgbench_tellers", "tid", "1", null],
      ["settings_pkey", "settings", "key", "1", null],
    ],
  },
  {
    name: "information_schema.constraint_column_usage",
    sql: "select table_name, column_name, constraint_name from information_schema.constraint_column_usage where table_schema in ('public', 'app') order by 3, 1, 2",
    rows: [
      ["authors", "email", "authors_email_key"],
      ["authors", "id", "authors_pkey"],
      ["authors", "id", "books_author_id_fkey"],
      ["books", "id", "books_pkey"],
      ["books", "price", "books_price_check"],
      ["pgbench_accounts", "aid", "pgbench_accounts_pkey"],
      ["pgbench_branches", "bid", "pgbench_branches_pkey"],
      ["pgbench_tellers", "tid", "pgbench_tellers_pkey"],
      ["settings", "key", "settings_pkey"],
    ],
  },
  {
    name: "information_schema.referential_constraints",
    sql: "select constraint_name, unique_constraint_schema, unique_constraint_name, match_option, update_rule, delete_rule from information_schema.referential_constraints order by 1",
    rows: [
      ["books_author_id_fkey", "public", "authors_pkey", "NONE", "NO ACTION", "CASCADE"],
    ],
  },
  {
    name: "information_schema.check_constraints",
    sql: "select constraint_schema, constraint_name, check_clause from information_schema.check_constraints where constraint_schema = 'public' and constraint_name not like '%not_null' order by 2",
    rows: [
      ["public", "books_price_check", "((price >= (0)::numeric))"],
    ],
  },
  {
    name: "information_schema.schemata",
    sql: "select schema_name, schema_owner from information_schema.schemata order by 1",
    rows: [
      ["app", "postgres"],
      ["information_schema", "postgres"],
      ["pg_catalog", "postgres"],
      ["pg_toast", "postgres"],
      ["public", "pg_database_owner"],
    ],
  },
  {
    name: "information_schema.views",
    sql: "select table_schema, table_name, view_definition, check_option from information_schema.views where table_schema = 'public'",
    rows: [
      ["public", "cheap_books", " SELECT books.id,\n    books.title\n   FROM books\n  WHERE (books.price < (10)::numeric);", "NONE"],
    ],
  },
  {
    name: "information_schema.sequences",
    sql: "select sequence_schema, sequence_name, data_type, numeric_precision, numeric_precision_radix, numeric_scale, start_value, minimum_value, maximum_value, increment, cycle_option from information_schema.sequences order by 2",
    rows: [
      ["public", "authors_id_seq", "integer", "32", "2", "0", "1", "1", "2147483647", "1", "NO"],
      ["public", "order_seq", "bigint", "64", "2", "0", "100", "1", "9223372036854775807", "1", "NO"],
    ],
  },
  {
    name: "information_schema.routines",
    sql: "select count(*) from information_schema.routines where routine_schema = 'public'",
    rows: [
      ["0"],
    ],
  },
  {
    name: "pg_tables",
    sql: "select schemaname, tablename, tableowner, tablespace, hasindexes, hasrules, hastriggers, rowsecurity from pg_tables where schemaname in ('public', 'app') order by 2",
    rows: [
      ["public", "authors", "postgres", null, "t", "f", "t", "f"],
      ["public", "books", "postgres", null, "t", "f", "t", "f"],
      ["public", "pgbench_accounts", "postgres", null, "t", "f", "f", "f"],
      ["public", "pgbench_branches", "postgres", null, "t", "f", "f", "f"],
      ["public", "pgbench_history", "postgres", null, "f", "f", "f", "f"],
      ["public", "pgbench_tellers", "postgres", null, "t", "f", "f", "f"],
      ["app", "settings", "postgres", null, "t", "f", "f", "f"],
    ],
  },
  {
    name: "pg_indexes",
    sql: "select schemaname, tablename, indexname, tablespace, indexdef from pg_indexes where schemaname in ('public', 'app') order by 3",
    rows: [
      ["public", "authors", "authors_email_key", null, "CREATE UNIQUE INDEX authors_email_key ON public.authors USING btree (email)"],
      ["public", "authors", "authors_pkey", null, "CREATE UNIQUE INDEX authors_pkey ON public.authors USING btree (id)"],
      ["public", "books", "books_isbn_idx", null, "CREATE UNIQUE INDEX books_isbn_idx ON public.books USING btree (isbn DESC)"],
      ["public", "books", "books_pkey", null, "CREATE UNIQUE INDEX books_pkey ON public.books USING btree (id)"],
      ["public", "books", "books_title_idx", null, "CREATE INDEX books_title_idx ON public.books USING btree (title)"],
      ["public", "pgbench_accounts", "pgbench_accounts_pkey", null, "CREATE UNIQUE INDEX pgbench_accounts_pkey ON public.pgbench_accounts USING btree (aid)"],
      ["public", "pgbench_branches", "pgbench_branches_pkey", null, "CREATE UNIQUE INDEX pgbench_branches_pkey ON public.pgbench_branches USING btree (bid)"],
      ["public", "pgbench_tellers", "pgbench_tellers_pkey", null, "CREATE UNIQUE INDEX pgbench_tellers_pkey ON public.pgbench_tellers USING btree (tid)"],
      ["app", "settings", "settings_pkey", null, "CREATE UNIQUE INDEX settings_pkey ON app.settings USING btree (key)"],
    ],
  },
  {
    name: "pg_views",
    sql: "select schemaname, viewname, viewowner, definition from pg_views where schemaname = 'public'",
    rows: [
      ["public", "cheap_books", "postgres", " SELECT books.id,\n    books.title\n   FROM books\n  WHERE (books.price < (10)::numeric);"],
    ],
  },
  {
    name: "pg_sequences",
    sql: "select schemaname, sequencename, sequenceowner, data_type, start_value, min_value, max_value, increment_by, cycle, cache_size from pg_sequences order by 2",
    rows: [
      ["public", "authors_id_seq", "postgres", "integer", "1", "1", "2147483647", "1", "f", "1"],
      ["public", "books_id_seq", "postgres", "bigint", "1", "1", "9223372036854775807", "1", "f", "1"],
      ["public", "order_seq", "postgres", "bigint", "100", "1", "9223372036854775807", "1", "f", "1"],
    ],
  },
  {
    name: "pg_attribute of books",
    sql: "select attname, atttypid, attlen, attnum, attndims, atttypmod, attbyval, attalign, attstorage, attnotnull, atthasdef, attidentity, attisdropped, attcollation from pg_attribute where attrelid = 'books'::regclass and attnum > 0 order by attnum",
    rows: [
      ["id", "20", "8", "1", "0", "-1", "t", "d", "p", "t", "f", "a", "f", "0"],
      ["author_id", "23", "4", "2", "0", "-1", "t", "i", "p", "t", "f", "", "f", "0"],
      ["title", "25", "-1", "3", "0", "-1", "f", "i", "x", "t", "f", "", "f", "100"],
      ["price", "1700", "-1", "4", "0", "655366", "f", "i", "m", "f", "f", "", "f", "0"],
      ["isbn", "1042", "-1", "5", "0", "17", "f", "i", "x", "f", "f", "", "f", "100"],
      ["published", "1082", "4", "6", "0", "-1", "t", "i", "p", "f", "f", "", "f", "0"],
      ["stock", "23", "4", "7", "0", "-1", "t", "i", "p", "f", "t", "", "f", "0"],
    ],
  },
  {
    name: "pg_index",
    sql: "select indexrelid::regclass::text, indrelid::regclass::text, indnatts, indisunique, indisprimary, indisclustered, indisvalid, indimmediate from pg_index where indrelid in ('books'::regclass, 'authors'::regclass) order by 1",
    rows: [
      ["authors_email_key", "authors", "1", "t", "f", "f", "t", "t"],
      ["authors_pkey", "authors", "1", "t", "t", "f", "t", "t"],
      ["books_isbn_idx", "books", "1", "t", "f", "f", "t", "t"],
      ["books_pkey", "books", "1", "t", "t", "f", "t", "t"],
      ["books_title_idx", "books", "1", "f", "f", "f", "t", "t"],
    ],
  },
  {
    name: "pg_constraint",
    sql: "select conname, contype, conrelid::regclass::text, confrelid, confupdtype, confdeltype, confmatchtype, conkey, confkey, connoinherit from pg_constraint where conrelid in ('books'::regclass, 'authors'::regclass) order by conname",
    rows: [
      ["authors_email_key", "u", "authors", "0", " ", " ", " ", "{3}", null, "t"],
      ["authors_pkey", "p", "authors", "0", " ", " ", " ", "{1}", null, "t"],
      ["books_author_id_fkey", "f", "books", "{authors}", "a", "c", "s", "{2}", "{1}", "t"],
      ["books_pkey", "p", "books", "0", " ", " ", " ", "{1}", null, "t"],
      ["books_price_check", "c", "books", "0", " ", " ", " ", "{4}", null, "f"],
    ],
  },
  {
    name: "pg_type of our types",
    sql: "select oid, typname, typlen, typbyval, typtype, typcategory, typispreferred, typelem, typarray, typalign, typstorage, typcollation from pg_type where typname in ('int4', '_int4', 'text', 'numeric', 'varchar', 'bool', '_bool', 'jsonb', 'timestamptz', 'uuid', 'name', 'oid', 'regclass') order by oid",
    rows: [
      ["16", "bool", "1", "t", "b", "B", "t", "0", "1000", "c", "p", "0"],
      ["19", "name", "64", "f", "b", "S", "f", "18", "1003", "c", "p", "950"],
      ["23", "int4", "4", "t", "b", "N", "f", "0", "1007", "i", "p", "0"],
      ["25", "text", "-1", "f", "b", "S", "t", "0", "1009", "i", "x", "100"],
      ["26", "oid", "4", "t", "b", "N", "t", "0", "1028", "i", "p", "0"],
      ["1000", "_bool", "-1", "f", "b", "A", "f", "16", "0", "i", "x", "0"],
      ["1007", "_int4", "-1", "f", "b", "A", "f", "23", "0", "i", "x", "0"],
      ["1043", "varchar", "-1", "f", "b", "S", "f", "0", "1015", "i", "x", "100"],
      ["1184", "timestamptz", "8", "t", "b", "D", "t", "0", "1185", "d", "p", "0"],
      ["1700", "numeric", "-1", "f", "b", "N", "f", "0", "1231", "i", "m", "0"],
      ["2205", "regclass", "4", "t", "b", "N", "f", "0", "2210", "i", "p", "0"],
      ["2950", "uuid", "16", "f", "b", "U", "f", "0", "2951", "c", "p", "0"],
      ["3802", "jsonb", "-1", "f", "b", "U", "f", "0", "3807", "i", "x", "0"],
    ],
  },
  {
    name: "pg_depend owned sequences",
    sql: "select objid::regclass::text, refobjid::regclass::text, refobjsubid, deptype from pg_depend where classid = 'pg_class'::regclass and deptype in ('a', 'i') and objid in ('authors_id_seq'::regclass, 'books_id_seq'::regclass) order by 1",
    rows: [
      ["authors_id_seq", "authors", "1", "a"],
      ["books_id_seq", "books", "1", "i"],
    ],
  },
  {
    name: "format_type",
    sql: "select format_type(1042, null), format_type(1042, -1), format_type(1042, 17), format_type(1043, null), format_type(1014, null), format_type(1014, -1), format_type(22, null), format_type(18, null), format_type(1700, 655366), format_type(99999, null), format_type(1083, 3), format_type(1000, -1), format_type(2206, -1), format_type(19, -1), format_type(1184, 7), format_type(null, 5)",
    rows: [
      ["character", "bpchar", "character(13)", "character varying", "character[]", "bpchar[]", "int2vector", "\"char\"", "numeric(10,2)", "???", "time(3) without time zone", "boolean[]", "regtype", "name", "timestamp(7) with time zone", null],
    ],
  },
  {
    name: "pg_get_serial_sequence",
    sql: "select pg_get_serial_sequence('authors', 'id'), pg_get_serial_sequence('public.books', 'id'), pg_get_serial_sequence('\"public\".\"authors\"', 'name')",
    rows: [
      ["public.authors_id_seq", "public.books_id_seq", null],
    ],
  },
  {
    name: "current_schemas",
    sql: "select current_schemas(true), current_schemas(false), array_position(current_schemas(true), 'public')",
    rows: [
      ["{pg_catalog,public}", "{public}", "2"],
    ],
  },
  {
    name: "regclass and regtype casts",
    sql: "select 'books'::regclass::text, 'public.books'::regclass = 'books'::regclass, 'pg_catalog.pg_class'::regclass::oid, 'pg_class'::regclass::oid, 'int'::regtype::oid, 'character varying'::regtype::text, 'int8'::regtype = 20, 'public'::regnamespace::oid, 2200::regnamespace::text, 'postgres'::regrole::oid, 'app.settings'::regclass::text",
    rows: [
      ["books", "t", "1259", "1259", "23", "character varying", "t", "2200", "public", "10", "app.settings"],
    ],
  },
  {
    name: "regtype array",
    sql: "select '{int,int8,int2}'::regtype[]::oid[]",
    rows: [
      ["{23,20,21}"],
    ],
  },
  {
    name: "to_regclass",
    sql: "select to_regclass('books')::text, to_regclass('nope')",
    rows: [
      ["books", null],
    ],
  },
  {
    name: "pg_size_pretty",
    sql: "select pg_size_pretty(0::bigint), pg_size_pretty(10239::bigint), pg_size_pretty(10240::bigint), pg_size_pretty(1000000::bigint), pg_size_pretty(123456789012::bigint), pg_size_pretty(10485248::bigint), pg_size_pretty(10485247::bigint)",
    rows: [
      ["0 bytes", "10239 bytes", "10 kB", "977 kB", "115 GB", "10 MB", "10239 kB"],
    ],
  },
  {
    name: "visibility and owners",
    sql: "select pg_table_is_visible('books'::regclass), pg_table_is_visible('app.settings'::regclass), pg_get_userbyid(10), pg_get_userbyid(6171), pg_encoding_to_char(6), has_table_privilege('books', 'select'), has_schema_privilege('public', 'USAGE'), obj_description('books'::regclass, 'pg_class'), col_description('books'::regclass, 1)",
    rows: [
      ["t", "f", "postgres", "pg_database_owner", "UTF8", "t", "t", null, null],
    ],
  },
  {
    name: "pg_roles",
    sql: "select rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolconnlimit, rolpassword, rolvaliduntil, rolbypassrls, rolconfig, oid from pg_roles order by oid",
    rows: [
      ["postgres", "t", "t", "t", "t", "t", "t", "-1", "********", null, "t", null, "10"],
      ["pg_monitor", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "3373"],
      ["pg_read_all_settings", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "3374"],
      ["pg_read_all_stats", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "3375"],
      ["pg_stat_scan_tables", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "3377"],
      ["pg_signal_backend", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "4200"],
      ["pg_checkpoint", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "4544"],
      ["pg_read_server_files", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "4569"],
      ["pg_write_server_files", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "4570"],
      ["pg_execute_server_program", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "4571"],
      ["pg_database_owner", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "6171"],
      ["pg_read_all_data", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "6181"],
      ["pg_write_all_data", "f", "t", "f", "f", "f", "f", "-1", "********", null, "f", null, "6182"],
    ],
  },
  {
    name: "pg_namespace",
    sql: "select oid, nspname, nspowner from pg_namespace where nspname in ('pg_catalog', 'public', 'pg_toast') order by oid",
    rows: [
      ["11", "pg_catalog", "10"],
      ["99", "pg_toast", "10"],
      ["2200", "public", "6171"],
    ],
  },
  {
    name: "pg_am",
    sql: "select oid, amname, amtype from pg_am order by oid",
    rows: [
      ["2", "heap", "t"],
      ["403", "btree", "i"],
      ["405", "hash", "i"],
      ["783", "gist", "i"],
      ["2742", "gin", "i"],
      ["3580", "brin", "i"],
      ["4000", "spgist", "i"],
    ],
  },
  {
    name: "pg_class of system catalogs",
    sql: "select oid, relname, relkind, relnamespace from pg_class where relname in ('pg_class', 'pg_attribute', 'pg_type', 'pg_namespace', 'pg_index', 'pg_constraint', 'pg_roles', 'pg_tables') order by oid",
    rows: [
      ["1247", "pg_type", "r", "11"],
      ["1249", "pg_attribute", "r", "11"],
      ["1259", "pg_class", "r", "11"],
      ["2606", "pg_constraint", "r", "11"],
      ["2610", "pg_index", "r", "11"],
      ["2615", "pg_namespace", "r", "11"],
      ["12000", "pg_roles", "v", "11"],
      ["12033", "pg_tables", "v", "11"],
    ],
  },
  {
    name: "pg_get_viewdef forms",
    sql: "select pg_get_viewdef('cheap_books'), pg_get_viewdef('cheap_books', true), pg_get_viewdef('cheap_books'::regclass::oid)",
    rows: [
      [" SELECT books.id,\n    books.title\n   FROM books\n  WHERE (books.price < (10)::numeric);", " SELECT books.id,\n    books.title\n   FROM books\n  WHERE books.price < 10::numeric;", " SELECT books.id,\n    books.title\n   FROM books\n  WHERE (books.price < (10)::numeric);"],
    ],
  },
];

/** Tables whose defaults and checks exercise pg_get_expr / pg_get_constraintdef's printing rules. */
const deparseSchema = [
  "create table d1 (a int check (a > 0 and a < 100), b text default 'x' || 'y', c numeric default 1.5, d timestamp default now(), e int default -1, f text check (f in ('a','b')), g varchar(10) default 'hi', j bigint default 5, k boolean default true, l text check (l like 'a%'), m int check (m between 1 and 10), n float8 default 2.5, o numeric(5,2) default 0, p text check (length(p) > 2 or p is null), q int default 1+2, r jsonb default '{}', s uuid, constraint two check (a <> e))",
  "create table d2 (a int, b text, c numeric, g varchar(10), h date, j bigint, k boolean, n float8, s uuid, x smallint, y real, z timestamptz)",
  "alter table d2 add constraint c01 check (c > 10.0), add constraint c02 check (c > -1.5), add constraint c03 check (j > -5), add constraint c04 check (n > 1), add constraint c05 check (b = 'x'), add constraint c06 check (g = 'x'), add constraint c07 check (s <> '00000000-0000-0000-0000-000000000000'), add constraint c08 check (h > '2020-01-01'), add constraint c09 check (k), add constraint c10 check (not k), add constraint c11 check (a is not null), add constraint c12 check (a in (1,2,3)), add constraint c13 check (b ~ '^a'), add constraint c14 check (upper(b) <> ''), add constraint c15 check (coalesce(a,0) >= 0), add constraint c16 check (case when a > 1 then true else false end), add constraint c17 check (a::text <> ''), add constraint c18 check (x > 1), add constraint c19 check (y > 1.5), add constraint c20 check (c > 10), add constraint c21 check (j > 5000000000), add constraint c22 check (c between 1 and 2), add constraint c23 check (a > 1 and b is null or c < 2), add constraint c24 check (-a < 5), add constraint c25 check (b not like 'x%'), add constraint c26 check (z > now()), add constraint c27 check (a % 2 = 0), add constraint c28 check (g in ('a','b')), add constraint c29 check (b ilike 'a'), add constraint c30 check (length(b) between 1 and 5), add constraint c31 check (a <> all (array[1,2])), add constraint c32 check (c = 1e3), add constraint c33 check (b is distinct from 'q'), add constraint c34 check (k is true), add constraint c35 check ((a + 1) * 2 > 3), add constraint c36 check (b || 'x' <> 'y'), add constraint c37 check (a::bigint > 1), add constraint c38 check (b = lower(b)), add constraint c39 check (c::int > 1), add constraint c40 check (n::numeric(5,1) > 1)",
];

const deparseCases: ReadonlyArray<{ readonly name: string; readonly sql: string; readonly rows: Rows }> = [
  {
    name: "defaults (pg_get_expr plain and pretty)",
    sql: "select a.attname, pg_get_expr(d.adbin, d.adrelid), pg_get_expr(d.adbin, d.adrelid, true) from pg_attrdef d join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum where d.adrelid = 'd1'::regclass order by a.attnum",
    rows: [
      ["b", "('x'::text || 'y'::text)", "'x'::text || 'y'::text"],
      ["c", "1.5", "1.5"],
      ["d", "now()", "now()"],
      ["e", "'-1'::integer", "'-1'::integer"],
      ["g", "'hi'::character varying", "'hi'::character varying"],
      ["j", "5", "5"],
      ["k", "true", "true"],
      ["n", "2.5", "2.5"],
      ["o", "0", "0"],
      ["q", "(1 + 2)", "1 + 2"],
      ["r", "'{}'::jsonb", "'{}'::jsonb"],
    ],
  },
  {
    name: "check constraints (pg_get_constraintdef plain and pretty)",
    sql: "select conname, pg_get_constraintdef(oid), pg_get_constraintdef(oid, true) from pg_constraint where conrelid in ('d1'::regclass, 'd2'::regclass) order by conname",
    rows: [
      ["c01", "CHECK ((c > 10.0))", "CHECK (c > 10.0)"],
      ["c02", "CHECK ((c > '-1.5'::numeric))", "CHECK (c > '-1.5'::numeric)"],
      ["c03", "CHECK ((j > '-5'::integer))", "CHECK (j > '-5'::integer)"],
      ["c04", "CHECK ((n > (1)::double precision))", "CHECK (n > 1::double precision)"],
      ["c05", "CHECK ((b = 'x'::text))", "CHECK (b = 'x'::text)"],
      ["c06", "CHECK (((g)::text = 'x'::text))", "CHECK (g::text = 'x'::text)"],
      ["c07", "CHECK ((s <> '00000000-0000-0000-0000-000000000000'::uuid))", "CHECK (s <> '00000000-0000-0000-0000-000000000000'::uuid)"],
      ["c08", "CHECK ((h > '2020-01-01'::date))", "CHECK (h > '2020-01-01'::date)"],
      ["c09", "CHECK (k)", "CHECK (k)"],
      ["c10", "CHECK ((NOT k))", "CHECK (NOT k)"],
      ["c11", "CHECK ((a IS NOT NULL))", "CHECK (a IS NOT NULL)"],
      ["c12", "CHECK ((a = ANY (ARRAY[1, 2, 3])))", "CHECK (a = ANY (ARRAY[1, 2, 3]))"],
      ["c13", "CHECK ((b ~ '^a'::text))", "CHECK (b ~ '^a'::text)"],
      ["c14", "CHECK ((upper(b) <> ''::text))", "CHECK (upper(b) <> ''::text)"],
      ["c15", "CHECK ((COALESCE(a, 0) >= 0))", "CHECK (COALESCE(a, 0) >= 0)"],
      ["c16", "CHECK (\nCASE\n    WHEN (a > 1) THEN true\n    ELSE false\nEND)", "CHECK (\nCASE\n    WHEN a > 1 THEN true\n    ELSE false\nEND)"],
      ["c17", "CHECK (((a)::text <> ''::text))", "CHECK (a::text <> ''::text)"],
      ["c18", "CHECK ((x > 1))", "CHECK (x > 1)"],
      ["c19", "CHECK ((y > (1.5)::double precision))", "CHECK (y > 1.5::double precision)"],
      ["c20", "CHECK ((c > (10)::numeric))", "CHECK (c > 10::numeric)"],
      ["c21", "CHECK ((j > '5000000000'::bigint))", "CHECK (j > '5000000000'::bigint)"],
      ["c22", "CHECK (((c >= (1)::numeric) AND (c <= (2)::numeric)))", "CHECK (c >= 1::numeric AND c <= 2::numeric)"],
      ["c23", "CHECK ((((a > 1) AND (b IS NULL)) OR (c < (2)::numeric)))", "CHECK (a > 1 AND b IS NULL OR c < 2::numeric)"],
      ["c24", "CHECK (((- a) < 5))", "CHECK ((- a) < 5)"],
      ["c25", "CHECK ((b !~~ 'x%'::text))", "CHECK (b !~~ 'x%'::text)"],
      ["c26", "CHECK ((z > now()))", "CHECK (z > now())"],
      ["c27", "CHECK (((a % 2) = 0))", "CHECK ((a % 2) = 0)"],
      ["c28", "CHECK (((g)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[])))", "CHECK (g::text = ANY (ARRAY['a'::character varying, 'b'::character varying]::text[]))"],
      ["c29", "CHECK ((b ~~* 'a'::text))", "CHECK (b ~~* 'a'::text)"],
      ["c30", "CHECK (((length(b) >= 1) AND (length(b) <= 5)))", "CHECK (length(b) >= 1 AND length(b) <= 5)"],
      ["c31", "CHECK ((a <> ALL (ARRAY[1, 2])))", "CHECK (a <> ALL (ARRAY[1, 2]))"],
      ["c32", "CHECK ((c = '1000'::numeric))", "CHECK (c = '1000'::numeric)"],
      ["c33", "CHECK ((b IS DISTINCT FROM 'q'::text))", "CHECK (b IS DISTINCT FROM 'q'::text)"],
      ["c34", "CHECK ((k IS TRUE))", "CHECK (k IS TRUE)"],
      ["c35", "CHECK ((((a + 1) * 2) > 3))", "CHECK (((a + 1) * 2) > 3)"],
      ["c36", "CHECK (((b || 'x'::text) <> 'y'::text))", "CHECK ((b || 'x'::text) <> 'y'::text)"],
      ["c37", "CHECK (((a)::bigint > 1))", "CHECK (a::bigint > 1)"],
      ["c38", "CHECK ((b = lower(b)))", "CHECK (b = lower(b))"],
      ["c39", "CHECK (((c)::integer > 1))", "CHECK (c::integer > 1)"],
      ["c40", "CHECK (((n)::numeric(5,1) > (1)::numeric))", "CHECK (n::numeric(5,1) > 1::numeric)"],
      ["d1_a_check", "CHECK (((a > 0) AND (a < 100)))", "CHECK (a > 0 AND a < 100)"],
      ["d1_f_check", "CHECK ((f = ANY (ARRAY['a'::text, 'b'::text])))", "CHECK (f = ANY (ARRAY['a'::text, 'b'::text]))"],
      ["d1_l_check", "CHECK ((l ~~ 'a%'::text))", "CHECK (l ~~ 'a%'::text)"],
      ["d1_m_check", "CHECK (((m >= 1) AND (m <= 10)))", "CHECK (m >= 1 AND m <= 10)"],
      ["d1_p_check", "CHECK (((length(p) > 2) OR (p IS NULL)))", "CHECK (length(p) > 2 OR p IS NULL)"],
      ["two", "CHECK ((a <> e))", "CHECK (a <> e)"],
    ],
  },
  {
    name: "information_schema.columns defaults",
    sql: "select column_name, column_default from information_schema.columns where table_name = 'd1' and column_default is not null order by ordinal_position",
    rows: [
      ["b", "('x'::text || 'y'::text)"],
      ["c", "1.5"],
      ["d", "now()"],
      ["e", "'-1'::integer"],
      ["g", "'hi'::character varying"],
      ["j", "5"],
      ["k", "true"],
      ["n", "2.5"],
      ["o", "0"],
      ["q", "(1 + 2)"],
      ["r", "'{}'::jsonb"],
    ],
  },
];

/** Queries whose PostgreSQL answer BasaltDB's engine does not give yet, with the reason (outside src/sql/system). */
function knownGap(sql: string): string | undefined {
  if (sql.includes("c.reloptions || array(select 'toast.'")) {
    return 'NULL::text[] || ARRAY[]::text[] is {} in PostgreSQL (array_cat ignores a NULL side); the engine returns NULL, so array_to_string gives NULL instead of an empty string';
  }
  if (sql.includes('generate_subscripts(i.indkey, 1)')) return 'set-returning functions in a select list (unnest, generate_subscripts): the planner needs a ProjectSet (patch in /work/notes/pg-catalog-projectset.patch)';
  return undefined;
}

test('psql backslash commands: the queries psql 15 sends get PostgreSQL 15\'s rows', async (t) => {
  const f = await fixture();
  try {
    for (const sec of psql) {
      for (const [i, q] of sec.queries.entries()) {
        const gap = knownGap(q.sql);
        await t.test(`${sec.command} query ${i + 1}`, gap === undefined ? {} : { todo: gap }, async () => {
          assert.deepEqual(await f.run(q.sql), q.rows);
        });
      }
    }
  } finally {
    await f.db.close();
  }
});

test('psql \\l lists the one database with the attributes of PostgreSQL\'s postgres database', async () => {
  const f = await fixture();
  try {
    assert.deepEqual(await f.run(listDatabases.sql), [['basalt', ...listDatabases.postgresRow.slice(1)]]);
  } finally {
    await f.db.close();
  }
});

test('client introspection queries (pg, postgres.js, Kysely, drizzle-kit, pgbench) get PostgreSQL 15\'s rows', async (t) => {
  const f = await fixture();
  try {
    for (const q of clients) {
      const gap = knownGap(q.sql);
      await t.test(q.sql.replace(/\s+/g, ' ').trim().slice(0, 90), gap === undefined ? {} : { todo: gap }, async () => {
        const got = await f.run(q.sql);
        if (q.sql.includes('a.typcategory = \'A\'')) {
          // postgres.js's array types: PostgreSQL has ~100 built-in types; every pair we give must be PostgreSQL's.
          const pg = new Set(sorted(q.rows));
          for (const r of sorted(got)) assert.ok(pg.has(r), `${r} is not one of PostgreSQL's (element, array) pairs`);
          for (const pair of [['16', '1000'], ['20', '1016'], ['23', '1007'], ['25', '1009'], ['1043', '1015'], ['1700', '1231'], ['1184', '1185'], ['2950', '2951'], ['3802', '3807']]) {
            assert.ok(got.some((r) => r[0] === pair[0] && r[1] === pair[1]), `missing ${pair.join(' → ')}`);
          }
          return;
        }
        if (q.sql.includes('generate_subscripts(i.indkey, 1)')) {
          // drizzle-kit's index columns. index_order (the third column) is PostgreSQL's int2vector subscript + 1:
          // int2vector subscripts start at 0, our smallint[] at 1, so it is one more here (the order is the same).
          const dropOrder = (rows: Rows): Rows => rows.map((r) => [...r.slice(0, 2), ...r.slice(3)]);
          assert.deepEqual(sorted(dropOrder(got)), sorted(dropOrder(q.rows)));
          return;
        }
        assert.deepEqual(sorted(got), sorted(q.rows));
      });
    }
  } finally {
    await f.db.close();
  }
});

test('catalog relations, information_schema and catalog functions match PostgreSQL 15', async (t) => {
  const f = await fixture();
  try {
    for (const c of catalogCases) await t.test(c.name, async () => assert.deepEqual(await f.run(c.sql), c.rows));
  } finally {
    await f.db.close();
  }
});

test('pg_get_expr and pg_get_constraintdef print defaults and checks as PostgreSQL 15 does (plain and pretty)', async (t) => {
  const f = await fixture(deparseSchema);
  try {
    for (const c of deparseCases) await t.test(c.name, async () => assert.deepEqual(await f.run(c.sql), c.rows));
  } finally {
    await f.db.close();
  }
});

test('the catalogs are transactional: DDL in a transaction is visible to it only, and gone after ROLLBACK', async () => {
  const f = await fixture();
  try {
    const other = f.db.session();
    const count = async (s: Session, sql: string): Promise<unknown> => (await s.query(sql, [], { rowMode: 'array' })).rows[0];
    const q = "select count(*)::int from pg_class where relname = 'scratch'";
    await f.session.query('begin');
    await f.session.query('create table scratch (a int primary key, b text not null)');
    assert.deepEqual(await count(f.session, q), [1]);
    assert.deepEqual(await count(f.session, "select count(*)::int from information_schema.columns where table_name = 'scratch'"), [2]);
    assert.deepEqual(await count(f.session, "select count(*)::int from pg_index where indrelid = 'scratch'::regclass"), [1]);
    assert.deepEqual(await count(other, q), [0]);
    await f.session.query('rollback');
    assert.deepEqual(await count(f.session, q), [0]);
    await f.session.query('create table scratch (a int)');
    assert.deepEqual(await count(other, q), [1]);
    await other.close();
  } finally {
    await f.db.close();
  }
});

test('system relations: aliases, column aliases, qualification and the search path', async () => {
  const f = await fixture();
  try {
    assert.deepEqual(await f.run("select x.n from pg_catalog.pg_namespace as x(o, n) where x.n = 'app'"), [['app']]);
    assert.deepEqual(await f.run("select pg_class.relkind from pg_class where pg_class.relname = 'books'"), [['r']]);
    // information_schema is not on the default search path.
    await assert.rejects(f.session.query('select * from tables'), { code: '42P01' });
    await f.session.query('set search_path = information_schema, public');
    assert.deepEqual((await f.session.query("select table_type from tables where table_name = 'books'", [], { rowMode: 'array' })).rows, [['BASE TABLE']]);
    await f.session.query('reset search_path');
    // A user table does not hide the catalog of the same name (pg_catalog is searched first).
    await f.session.query('create table pg_am (x int)');
    assert.deepEqual(await f.run("select amname from pg_am where oid = 403"), [['btree']]);
    // A join of several system relations, as psql's \d list runs it, in one plan.
    const plan = (await f.session.query("explain select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'app'", [], { rowMode: 'array' })).rows.map((r) => (r as string[])[0]);
    assert.ok(plan.some((l) => l!.includes('Seq Scan on pg_class c')), plan.join('\n'));
  } finally {
    await f.db.close();
  }
});

test('size functions estimate from the stored rows; pg_backend_pid is 0 for an embedded session; pg_stat_activity shows the session', async () => {
  const f = await fixture();
  try {
    // As PostgreSQL 15: an empty table has no pages; an index has its metapage, a sequence its page.
    assert.deepEqual(await f.run("select pg_relation_size('books'), pg_indexes_size('books'), pg_relation_size('books_pkey'), pg_relation_size('order_seq')"), [['0', '24576', '8192', '8192']]);
    await f.db.query("insert into authors (name) values ('a')");
    await f.db.query("insert into books (author_id, title, price) select 1, 'title ' || g, g from generate_series(1, 500) g");
    const sizes = await f.run("select pg_relation_size('books'), pg_total_relation_size('books'), pg_size_pretty(pg_total_relation_size('books'))");
    const [rel, total, pretty] = sizes[0]!;
    assert.ok(Number(rel) >= 8192 && Number(rel) % 8192 === 0, `pg_relation_size ${rel}`);
    assert.ok(Number(total) > Number(rel), `pg_total_relation_size ${total} counts the indexes too`);
    assert.match(pretty!, /^\d+ (bytes|kB)$/);
    assert.deepEqual(await f.run('select pg_backend_pid()'), [['0']]);
    assert.deepEqual(await f.run('select datname, usename, state, backend_type from pg_stat_activity'), [['basalt', 'postgres', 'active', 'client backend']]);
  } finally {
    await f.db.close();
  }
});

test('roles appear in pg_roles, pg_authid and (when they can log in) pg_user', async () => {
  const f = await fixture();
  try {
    await f.db.query('create role reader');
    await f.db.query('create role writer login');
    assert.deepEqual(await f.run("select rolname, rolcanlogin, rolsuper from pg_roles where rolname in ('reader', 'writer') order by 1"), [
      ['reader', 'f', 'f'],
      ['writer', 't', 'f'],
    ]);
    assert.deepEqual(await f.run("select usename from pg_user where usename in ('reader', 'writer')"), [['writer']]);
    assert.deepEqual(await f.run("select rolname from pg_authid where rolname = 'reader'"), [['reader']]);
  } finally {
    await f.db.close();
  }
});

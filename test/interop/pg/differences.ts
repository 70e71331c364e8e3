/**
 * Deliberate, documented differences between what psql prints against PostgreSQL 15 and against
 * BasaltDB, for the same script. The interop run replaces `postgres` (an exact piece of the
 * expected file `expected/<file>.out`, which holds PostgreSQL's output verbatim) by `basalt`
 * before comparing; an entry whose `postgres` text no longer occurs in the expected file fails
 * the run, so this list cannot go stale silently.
 *
 * Only differences that follow from what BasaltDB is belong here (one database per data
 * directory, no template databases, ...); anything else is a bug to fix, not an entry.
 */
export interface Difference {
  /** The script or command name (`02-describe`, `cmd-list`). */
  readonly file: string;
  /** Why BasaltDB legitimately prints something else. */
  readonly why: string;
  /** PostgreSQL 15's text, exactly as in the expected file. */
  readonly postgres: string;
  /** What BasaltDB prints instead. */
  readonly basalt: string;
}

/**
 * `\l` against PostgreSQL lists postgres, template0 and template1. A BasaltDB data directory is one
 * database (answering to `postgres` and to `--database-name`): pg_database has one row, and
 * there are no template databases (CREATE DATABASE is not supported). The text BasaltDB should
 * print is what psql 15 prints for a PostgreSQL cluster whose only database is postgres (the
 * templates dropped), copied from such a run.
 */
const listPostgres = String.raw`                                             List of databases
   Name    |  Owner   | Encoding | Collate |  Ctype  | ICU Locale | Locale Provider |   Access privileges   
-----------+----------+----------+---------+---------+------------+-----------------+-----------------------
 postgres  | postgres | UTF8     | C.UTF-8 | C.UTF-8 |            | libc            | 
 template0 | postgres | UTF8     | C.UTF-8 | C.UTF-8 |            | libc            | =c/postgres          +
           |          |          |         |         |            |                 | postgres=CTc/postgres
 template1 | postgres | UTF8     | C.UTF-8 | C.UTF-8 |            | libc            | =c/postgres          +
           |          |          |         |         |            |                 | postgres=CTc/postgres
(3 rows)
`;
const listBasalt = String.raw`                                           List of databases
   Name   |  Owner   | Encoding | Collate |  Ctype  | ICU Locale | Locale Provider | Access privileges 
----------+----------+----------+---------+---------+------------+-----------------+-------------------
 postgres | postgres | UTF8     | C.UTF-8 | C.UTF-8 |            | libc            | 
(1 row)
`;
const oneDatabase = 'one data directory is one database: pg_database has a single row (no template0/template1)';

export const differences: readonly Difference[] = [
  { file: '02-describe', why: oneDatabase, postgres: listPostgres, basalt: listBasalt },
  { file: 'cmd-list', why: oneDatabase, postgres: listPostgres, basalt: listBasalt },
];

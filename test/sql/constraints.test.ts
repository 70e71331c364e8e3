// Constraints against PostgreSQL 15: column and table constraint forms, PostgreSQL's generated
// constraint names (and the numbered ones on clashes), enforcement, ALTER TABLE ADD/DROP/RENAME
// CONSTRAINT with validation of existing rows, foreign keys with every referential action,
// multi-column and self-referencing. Every outcome was played on a real PostgreSQL 15 with
// pg-scripts.ts; the format is described there.
import { scriptTests, type Script } from './pg-scripts.js';

const scripts: Script[] = [
  {
    name: 'generated constraint names: t_pkey, t_a_key, t_a_check, t_check, t_a_fkey',
    todo: 'BasaltDB differs: a table CHECK over several columns is named after its first column (t_a_check1), PostgreSQL: t_check',
    text: `
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), b int, c int REFERENCES p, CHECK (a < b), UNIQUE (a, b));
INSERT INTO p VALUES (1);
-- INSERT 0 1
INSERT INTO t VALUES (1, 1, 2, 1);
-- INSERT 0 1
INSERT INTO t VALUES (1, 2, 3, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_pkey"
-- DETAIL: Key (id)=(1) already exists.
INSERT INTO t VALUES (2, 1, 3, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_a_key"
-- DETAIL: Key (a)=(1) already exists.
INSERT INTO t VALUES (2, -1, 3, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_a_check"
-- DETAIL: Failing row contains (2, -1, 3, 1).
INSERT INTO t VALUES (2, 5, 3, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_check"
-- DETAIL: Failing row contains (2, 5, 3, 1).
INSERT INTO t VALUES (2, 2, 3, 9);
-- ERROR 23503: insert or update on table "t" violates foreign key constraint "t_c_fkey"
-- DETAIL: Key (c)=(9) is not present in table "p".
ALTER TABLE t DROP CONSTRAINT t_a_b_key;
ALTER TABLE t DROP CONSTRAINT t_check;
ALTER TABLE t DROP CONSTRAINT t_a_check;
ALTER TABLE t DROP CONSTRAINT t_c_fkey;
ALTER TABLE t DROP CONSTRAINT t_a_key;
ALTER TABLE t DROP CONSTRAINT t_pkey;
INSERT INTO t VALUES (1, 1, -5, 9);
-- INSERT 0 1
SELECT id, a, b, c FROM t ORDER BY b;
-- 1 | 1 | -5 | 9
-- 1 | 1 | 2 | 1
`,
  },
  {
    name: 'the same UNIQUE twice in CREATE TABLE makes one constraint',
    todo: 'BasaltDB differs: each UNIQUE makes its own constraint (t_a_key1, t_a_b_key1)',
    text: `
CREATE TABLE t (a int, b int, UNIQUE (a), UNIQUE (a), UNIQUE (a, b), UNIQUE (a, b));
ALTER TABLE t DROP CONSTRAINT t_a_key1;
-- ERROR 42704: constraint "t_a_key1" of relation "t" does not exist
ALTER TABLE t DROP CONSTRAINT t_a_b_key1;
-- ERROR 42704: constraint "t_a_b_key1" of relation "t" does not exist
ALTER TABLE t DROP CONSTRAINT t_a_key;
INSERT INTO t VALUES (1, 1), (1, 2);
-- INSERT 0 2
`,
  },
  {
    name: 'generated constraint names for single-column and multi-column keys, numbered on clashes',
    text: `
CREATE TABLE p (id int PRIMARY KEY, k int UNIQUE);
CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE CHECK (a > 0), b int CHECK (b > 0) CHECK (b < 100), c int REFERENCES p, d int REFERENCES p (k), UNIQUE (a, b), UNIQUE (b));
ALTER TABLE t ADD UNIQUE (b);
INSERT INTO p VALUES (1, 1);
-- INSERT 0 1
INSERT INTO t VALUES (1, 1, 1, 1, 1);
-- INSERT 0 1
INSERT INTO t VALUES (1, 2, 2, 1, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_pkey"
-- DETAIL: Key (id)=(1) already exists.
INSERT INTO t VALUES (2, 1, 2, 1, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_a_key"
-- DETAIL: Key (a)=(1) already exists.
INSERT INTO t VALUES (2, 0, 2, 1, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_a_check"
-- DETAIL: Failing row contains (2, 0, 2, 1, 1).
INSERT INTO t VALUES (2, 2, 0, 1, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_b_check"
-- DETAIL: Failing row contains (2, 2, 0, 1, 1).
INSERT INTO t VALUES (2, 2, 100, 1, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_b_check1"
-- DETAIL: Failing row contains (2, 2, 100, 1, 1).
INSERT INTO t VALUES (2, 2, 1, 1, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_b_key"
-- DETAIL: Key (b)=(1) already exists.
INSERT INTO t VALUES (2, 2, 2, 9, 1);
-- ERROR 23503: insert or update on table "t" violates foreign key constraint "t_c_fkey"
-- DETAIL: Key (c)=(9) is not present in table "p".
INSERT INTO t VALUES (2, 2, 2, 1, 9);
-- ERROR 23503: insert or update on table "t" violates foreign key constraint "t_d_fkey"
-- DETAIL: Key (d)=(9) is not present in table "p".
ALTER TABLE t DROP CONSTRAINT t_b_key;
INSERT INTO t VALUES (2, 2, 1, 1, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_b_key1"
-- DETAIL: Key (b)=(1) already exists.
ALTER TABLE t DROP CONSTRAINT t_b_key1;
ALTER TABLE t ADD CHECK (a < 50);
INSERT INTO t VALUES (2, 50, 1, 1, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_a_check1"
-- DETAIL: Failing row contains (2, 50, 1, 1, 1).
ALTER TABLE t ADD FOREIGN KEY (c) REFERENCES p;
ALTER TABLE t DROP CONSTRAINT t_c_fkey1;
ALTER TABLE t DROP CONSTRAINT t_c_fkey;
ALTER TABLE t DROP CONSTRAINT t_d_fkey;
ALTER TABLE t DROP CONSTRAINT t_pkey;
ALTER TABLE t DROP CONSTRAINT t_a_check, DROP CONSTRAINT t_a_check1, DROP CONSTRAINT t_b_check, DROP CONSTRAINT t_b_check1, DROP CONSTRAINT t_a_key, DROP CONSTRAINT t_a_b_key;
INSERT INTO t VALUES (1, 1, 1, 9, 9), (1, 1, 1, 9, 9);
-- INSERT 0 2
SELECT count(*) FROM t;
-- 3
`,
  },
  {
    name: 'generated constraint names: numbered on clashes, multi-column names, names shared with indexes',
    todo: 'BasaltDB differs: table CHECKs over several columns get t_<col>_check names (PostgreSQL t_check, t_check1); a CHECK named u_pkey next to PRIMARY KEY is 42710 (PostgreSQL accepts: constraint names need only be unique among indexes)',
    text: `
CREATE TABLE t (a int CHECK (a > 0) CHECK (a < 100), b int, CHECK (a <> b), CHECK (b > a), UNIQUE (a), UNIQUE (a));
INSERT INTO t VALUES (0, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_a_check"
-- DETAIL: Failing row contains (0, 1).
INSERT INTO t VALUES (100, 101);
-- ERROR 23514: new row for relation "t" violates check constraint "t_a_check1"
-- DETAIL: Failing row contains (100, 101).
INSERT INTO t VALUES (5, 5);
-- ERROR 23514: new row for relation "t" violates check constraint "t_check"
-- DETAIL: Failing row contains (5, 5).
INSERT INTO t VALUES (5, 4);
-- ERROR 23514: new row for relation "t" violates check constraint "t_check1"
-- DETAIL: Failing row contains (5, 4).
ALTER TABLE t DROP CONSTRAINT t_a_check1;
ALTER TABLE t DROP CONSTRAINT t_check1;
INSERT INTO t VALUES (100, 200);
-- INSERT 0 1
INSERT INTO t VALUES (5, 4);
-- INSERT 0 1
INSERT INTO t VALUES (6, 5);
-- INSERT 0 1
ALTER TABLE t DROP CONSTRAINT t_a_key;
ALTER TABLE t DROP CONSTRAINT t_a_key1;
-- ERROR 42704: constraint "t_a_key1" of relation "t" does not exist
ALTER TABLE t ADD UNIQUE (a, b);
ALTER TABLE t ADD UNIQUE (a, b);
INSERT INTO t VALUES (6, 5);
-- ERROR 23505: duplicate key value violates unique constraint "t_a_b_key"
-- DETAIL: Key (a, b)=(6, 5) already exists.
ALTER TABLE t DROP CONSTRAINT t_a_b_key1;
CREATE INDEX t_b_key ON t (b);
ALTER TABLE t ADD UNIQUE (b);
INSERT INTO t VALUES (7, 4);
-- ERROR 23505: duplicate key value violates unique constraint "t_b_key1"
-- DETAIL: Key (b)=(4) already exists.
ALTER TABLE t ADD CONSTRAINT t_b_key CHECK (b > 0);
ALTER TABLE t ADD CONSTRAINT t_a_b_key CHECK (b > 0);
-- ERROR 42710: constraint "t_a_b_key" for relation "t" already exists
CREATE TABLE u (x int, CONSTRAINT u_pkey CHECK (x > 0), PRIMARY KEY (x));
CREATE TABLE "Long" (a_really_long_column_name_that_is_rather_long int PRIMARY KEY CHECK (a_really_long_column_name_that_is_rather_long > 0) UNIQUE);
INSERT INTO "Long" VALUES (0);
-- ERROR 23514: new row for relation "Long" violates check constraint "Long_a_really_long_column_name_that_is_rather_long_check"
-- DETAIL: Failing row contains (0).
INSERT INTO "Long" VALUES (1), (1);
-- ERROR 23505: duplicate key value violates unique constraint "Long_pkey"
-- DETAIL: Key (a_really_long_column_name_that_is_rather_long)=(1) already exists.
`,
  },
  {
    name: 'named constraints: CONSTRAINT name on column and table constraints; duplicates rejected',
    text: `
CREATE TABLE p (id int CONSTRAINT p_ident PRIMARY KEY);
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0) CONSTRAINT a_uniq UNIQUE, b int CONSTRAINT b_nn NOT NULL, c int CONSTRAINT c_ref REFERENCES p, CONSTRAINT ab CHECK (a < b));
INSERT INTO p VALUES (1);
-- INSERT 0 1
INSERT INTO t VALUES (0, 1, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "a_pos"
-- DETAIL: Failing row contains (0, 1, 1).
INSERT INTO t VALUES (2, 1, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "ab"
-- DETAIL: Failing row contains (2, 1, 1).
INSERT INTO t VALUES (1, NULL, 1);
-- ERROR 23502: null value in column "b" of relation "t" violates not-null constraint
-- DETAIL: Failing row contains (1, null, 1).
INSERT INTO t VALUES (1, 2, 2);
-- ERROR 23503: insert or update on table "t" violates foreign key constraint "c_ref"
-- DETAIL: Key (c)=(2) is not present in table "p".
INSERT INTO t VALUES (1, 2, 1);
-- INSERT 0 1
INSERT INTO t VALUES (1, 3, 1);
-- ERROR 23505: duplicate key value violates unique constraint "a_uniq"
-- DETAIL: Key (a)=(1) already exists.
INSERT INTO p VALUES (1);
-- ERROR 23505: duplicate key value violates unique constraint "p_ident"
-- DETAIL: Key (id)=(1) already exists.
CREATE TABLE d2 (a int CONSTRAINT same2 UNIQUE, b int CONSTRAINT same2 UNIQUE);
-- ERROR 42P07: relation "same2" already exists
CREATE TABLE d3 (a int CONSTRAINT p_ident UNIQUE);
-- ERROR 42P07: relation "p_ident" already exists
CREATE TABLE m (a int PRIMARY KEY, b int PRIMARY KEY);
-- ERROR 42P16: multiple primary keys for table "m" are not allowed
CREATE TABLE m2 (a int PRIMARY KEY, b int, PRIMARY KEY (b));
-- ERROR 42P16: multiple primary keys for table "m2" are not allowed
`,
  },
  {
    name: 'two CHECKs of one name',
    todo: 'BasaltDB differs: the message is "constraint "same" for relation "d" already exists" (PostgreSQL: "check constraint "same" already exists" in CREATE TABLE)',
    text: `
CREATE TABLE d (a int, CONSTRAINT same CHECK (a > 0), CONSTRAINT same CHECK (a < 9));
-- ERROR 42710: check constraint "same" already exists
CREATE TABLE e (a int CONSTRAINT same CHECK (a > 0));
ALTER TABLE e ADD CONSTRAINT same CHECK (a < 9);
-- ERROR 42710: constraint "same" for relation "e" already exists
`,
  },
  {
    name: 'enforcement: NULLs in UNIQUE and CHECK, composite keys, UPDATE and multi-row statements',
    text: `
CREATE TABLE t (a int, b int, c int CHECK (c > 0), PRIMARY KEY (a, b), UNIQUE (c));
INSERT INTO t VALUES (1, 1, NULL), (1, 2, NULL), (2, 1, 1);
-- INSERT 0 3
INSERT INTO t VALUES (1, NULL, 5);
-- ERROR 23502: null value in column "b" of relation "t" violates not-null constraint
-- DETAIL: Failing row contains (1, null, 5).
INSERT INTO t VALUES (1, 1, 5);
-- ERROR 23505: duplicate key value violates unique constraint "t_pkey"
-- DETAIL: Key (a, b)=(1, 1) already exists.
INSERT INTO t VALUES (3, 3, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_c_key"
-- DETAIL: Key (c)=(1) already exists.
INSERT INTO t VALUES (3, 3, 0);
-- ERROR 23514: new row for relation "t" violates check constraint "t_c_check"
-- DETAIL: Failing row contains (3, 3, 0).
UPDATE t SET c = -1 WHERE a = 1;
-- ERROR 23514: new row for relation "t" violates check constraint "t_c_check"
-- DETAIL: Failing row contains (1, 1, -1).
UPDATE t SET c = 1 WHERE a = 1 AND b = 1;
-- ERROR 23505: duplicate key value violates unique constraint "t_c_key"
-- DETAIL: Key (c)=(1) already exists.
UPDATE t SET b = 1 WHERE a = 1;
-- ERROR 23505: duplicate key value violates unique constraint "t_pkey"
-- DETAIL: Key (a, b)=(1, 1) already exists.
UPDATE t SET b = b + 1;
-- ERROR 23505: duplicate key value violates unique constraint "t_pkey"
-- DETAIL: Key (a, b)=(1, 2) already exists.
UPDATE t SET b = 3 - b WHERE a = 1;
-- ERROR 23505: duplicate key value violates unique constraint "t_pkey"
-- DETAIL: Key (a, b)=(1, 2) already exists.
SELECT a, b, c FROM t ORDER BY a, b;
-- 1 | 1 | NULL
-- 1 | 2 | NULL
-- 2 | 1 | 1
INSERT INTO t VALUES (5, 5, 5), (6, 6, 5);
-- ERROR 23505: duplicate key value violates unique constraint "t_c_key"
-- DETAIL: Key (c)=(5) already exists.
SELECT count(*) FROM t;
-- 3
CREATE TABLE n (x int UNIQUE);
INSERT INTO n VALUES (NULL), (NULL), (1);
-- INSERT 0 3
SELECT count(*) FROM n;
-- 3
`,
  },
  {
    name: 'UNIQUE NULLS NOT DISTINCT (PostgreSQL 15)',
    text: `
CREATE TABLE n (x int UNIQUE NULLS NOT DISTINCT);
INSERT INTO n VALUES (NULL);
-- INSERT 0 1
INSERT INTO n VALUES (NULL);
-- ERROR 23505: duplicate key value violates unique constraint "n_x_key"
-- DETAIL: Key (x)=(null) already exists.
CREATE TABLE n2 (x int, y int, UNIQUE NULLS NOT DISTINCT (x, y));
INSERT INTO n2 VALUES (1, NULL), (NULL, 1);
-- INSERT 0 2
INSERT INTO n2 VALUES (1, NULL);
-- ERROR 23505: duplicate key value violates unique constraint "n2_x_y_key"
-- DETAIL: Key (x, y)=(1, null) already exists.
`,
  },
  {
    name: 'ALTER TABLE ADD CONSTRAINT validates existing rows: 23514, 23505, 23502, 23503',
    text: `
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE t (a int, b int, p_id int);
INSERT INTO p VALUES (1);
-- INSERT 0 1
INSERT INTO t VALUES (1, 1, 1), (1, -1, 2), (NULL, 3, NULL);
-- INSERT 0 3
ALTER TABLE t ADD CHECK (b > 0);
-- ERROR 23514: check constraint "t_b_check" of relation "t" is violated by some row
ALTER TABLE t ADD CONSTRAINT b_pos CHECK (b > 0);
-- ERROR 23514: check constraint "b_pos" of relation "t" is violated by some row
ALTER TABLE t ADD UNIQUE (a);
-- ERROR 23505: could not create unique index "t_a_key"
-- DETAIL: Key (a)=(1) is duplicated.
ALTER TABLE t ADD CONSTRAINT t_a_u UNIQUE (a);
-- ERROR 23505: could not create unique index "t_a_u"
-- DETAIL: Key (a)=(1) is duplicated.
ALTER TABLE t ADD PRIMARY KEY (b);
ALTER TABLE t ADD PRIMARY KEY (a);
-- ERROR 42P16: multiple primary keys for table "t" are not allowed
ALTER TABLE t ADD FOREIGN KEY (p_id) REFERENCES p;
-- ERROR 23503: insert or update on table "t" violates foreign key constraint "t_p_id_fkey"
-- DETAIL: Key (p_id)=(2) is not present in table "p".
ALTER TABLE t ADD CONSTRAINT fk_p FOREIGN KEY (p_id) REFERENCES p (id);
-- ERROR 23503: insert or update on table "t" violates foreign key constraint "fk_p"
-- DETAIL: Key (p_id)=(2) is not present in table "p".
DELETE FROM t WHERE b < 0;
-- DELETE 1
ALTER TABLE t ADD CHECK (b > 0);
ALTER TABLE t ADD UNIQUE (a);
ALTER TABLE t ADD PRIMARY KEY (b);
-- ERROR 42P16: multiple primary keys for table "t" are not allowed
ALTER TABLE t ADD FOREIGN KEY (p_id) REFERENCES p;
INSERT INTO t VALUES (2, 0, 1);
-- ERROR 23514: new row for relation "t" violates check constraint "t_b_check"
-- DETAIL: Failing row contains (2, 0, 1).
INSERT INTO t VALUES (1, 5, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_a_key"
-- DETAIL: Key (a)=(1) already exists.
INSERT INTO t VALUES (2, 1, 1);
-- ERROR 23505: duplicate key value violates unique constraint "t_pkey"
-- DETAIL: Key (b)=(1) already exists.
INSERT INTO t VALUES (2, 5, 7);
-- ERROR 23503: insert or update on table "t" violates foreign key constraint "t_p_id_fkey"
-- DETAIL: Key (p_id)=(7) is not present in table "p".
ALTER TABLE t ADD PRIMARY KEY (a);
-- ERROR 42P16: multiple primary keys for table "t" are not allowed
ALTER TABLE t ADD CONSTRAINT t_check CHECK (a > 0);
ALTER TABLE t ADD CONSTRAINT t_check CHECK (a > 0);
-- ERROR 42710: constraint "t_check" for relation "t" already exists
ALTER TABLE t ADD CONSTRAINT t_b_check CHECK (a > 0);
-- ERROR 42710: constraint "t_b_check" for relation "t" already exists
`,
  },
  {
    name: 'ALTER TABLE DROP/RENAME CONSTRAINT, IF EXISTS',
    text: `
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0), b int UNIQUE);
INSERT INTO t VALUES (1, 1);
-- INSERT 0 1
ALTER TABLE t DROP CONSTRAINT nope;
-- ERROR 42704: constraint "nope" of relation "t" does not exist
ALTER TABLE t DROP CONSTRAINT IF EXISTS nope;
-- NOTICE 00000: constraint "nope" of relation "t" does not exist, skipping
ALTER TABLE t RENAME CONSTRAINT a_pos TO a_positive;
INSERT INTO t VALUES (0, 2);
-- ERROR 23514: new row for relation "t" violates check constraint "a_positive"
-- DETAIL: Failing row contains (0, 2).
ALTER TABLE t RENAME CONSTRAINT t_b_key TO b_unique;
INSERT INTO t VALUES (2, 1);
-- ERROR 23505: duplicate key value violates unique constraint "b_unique"
-- DETAIL: Key (b)=(1) already exists.
ALTER TABLE t RENAME CONSTRAINT nope TO x;
-- ERROR 42704: constraint "nope" for table "t" does not exist
DROP INDEX b_unique;
-- ERROR 2BP01: cannot drop index b_unique because constraint b_unique on table t requires it
ALTER TABLE t DROP CONSTRAINT b_unique;
INSERT INTO t VALUES (2, 1);
-- INSERT 0 1
INSERT INTO t VALUES (-5, 9);
-- ERROR 23514: new row for relation "t" violates check constraint "a_positive"
-- DETAIL: Failing row contains (-5, 9).
SELECT a, b FROM t ORDER BY a;
-- 1 | 1
-- 2 | 1
`,
  },
  {
    name: 'RENAME CONSTRAINT onto an existing name; ADD CONSTRAINT … NOT VALID then VALIDATE CONSTRAINT',
    todo: 'BasaltDB differs: RENAME CONSTRAINT to a name in use succeeds (PostgreSQL 42710); NOT VALID validates existing rows at once (23514) and VALIDATE CONSTRAINT is 0A000',
    text: `
CREATE TABLE t (a int CONSTRAINT a_pos CHECK (a > 0), b int UNIQUE);
INSERT INTO t VALUES (1, 1), (2, 2), (3, 3);
-- INSERT 0 3
ALTER TABLE t RENAME CONSTRAINT a_pos TO t_b_key;
-- ERROR 42710: constraint "t_b_key" for relation "t" already exists
ALTER TABLE t ADD CONSTRAINT a_small CHECK (a < 2) NOT VALID;
INSERT INTO t VALUES (4, 4);
-- ERROR 23514: new row for relation "t" violates check constraint "a_small"
-- DETAIL: Failing row contains (4, 4).
ALTER TABLE t VALIDATE CONSTRAINT a_small;
-- ERROR 23514: check constraint "a_small" of relation "t" is violated by some row
DELETE FROM t WHERE a >= 2;
-- DELETE 2
ALTER TABLE t VALIDATE CONSTRAINT a_small;
INSERT INTO t VALUES (1, 5);
-- INSERT 0 1
`,
  },
  {
    name: 'foreign keys: insert/update checks, RESTRICT and NO ACTION, MATCH SIMPLE with NULLs, target must be unique',
    text: `
CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE, x int);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, p_code text REFERENCES p (code) ON DELETE RESTRICT);
INSERT INTO p VALUES (1, 'a', 0), (2, 'b', 0);
-- INSERT 0 2
INSERT INTO c VALUES (1, 1, 'a');
-- INSERT 0 1
INSERT INTO c VALUES (2, 3, NULL);
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_p_id_fkey"
-- DETAIL: Key (p_id)=(3) is not present in table "p".
INSERT INTO c VALUES (2, NULL, 'z');
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_p_code_fkey"
-- DETAIL: Key (p_code)=(z) is not present in table "p".
INSERT INTO c VALUES (2, NULL, NULL);
-- INSERT 0 1
UPDATE c SET p_id = 5 WHERE id = 1;
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_p_id_fkey"
-- DETAIL: Key (p_id)=(5) is not present in table "p".
DELETE FROM p WHERE id = 1;
-- ERROR 23503: update or delete on table "p" violates foreign key constraint "c_p_id_fkey" on table "c"
-- DETAIL: Key (id)=(1) is still referenced from table "c".
UPDATE p SET id = 10 WHERE id = 1;
-- ERROR 23503: update or delete on table "p" violates foreign key constraint "c_p_id_fkey" on table "c"
-- DETAIL: Key (id)=(1) is still referenced from table "c".
UPDATE p SET code = 'q' WHERE id = 1;
-- ERROR 23503: update or delete on table "p" violates foreign key constraint "c_p_code_fkey" on table "c"
-- DETAIL: Key (code)=(a) is still referenced from table "c".
UPDATE p SET x = 1 WHERE id = 1;
-- UPDATE 1
DELETE FROM p WHERE id = 2;
-- DELETE 1
DELETE FROM c WHERE id = 1;
-- DELETE 1
DELETE FROM p WHERE id = 1;
-- DELETE 1
SELECT id FROM p;
CREATE TABLE bad (x int REFERENCES p (x));
-- ERROR 42830: there is no unique constraint matching given keys for referenced table "p"
CREATE TABLE bad2 (x text REFERENCES p);
-- ERROR 42804: foreign key constraint "bad2_x_fkey" cannot be implemented
-- DETAIL: Key columns "x" and "id" are of incompatible types: text and integer.
CREATE TABLE bad3 (x int REFERENCES nope);
-- ERROR 42P01: relation "nope" does not exist
CREATE TABLE bad4 (x int REFERENCES p (nope));
-- ERROR 42703: column "nope" referenced in foreign key constraint does not exist
CREATE TABLE bad5 (x int, y int, FOREIGN KEY (x, y) REFERENCES p);
-- ERROR 42830: number of referencing and referenced columns for foreign key disagree
`,
  },
  {
    name: 'foreign keys: ON DELETE CASCADE, SET NULL, SET DEFAULT',
    text: `
CREATE TABLE p (id int PRIMARY KEY);
INSERT INTO p VALUES (0), (1), (2), (3);
-- INSERT 0 4
CREATE TABLE cc (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE CASCADE ON UPDATE CASCADE);
CREATE TABLE cn (id int PRIMARY KEY, p_id int REFERENCES p ON DELETE SET NULL ON UPDATE SET NULL);
CREATE TABLE cd (id int PRIMARY KEY, p_id int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT ON UPDATE SET DEFAULT);
INSERT INTO cc VALUES (1, 1), (2, 2), (3, 3);
-- INSERT 0 3
INSERT INTO cn VALUES (1, 1), (2, 2), (3, 3);
-- INSERT 0 3
INSERT INTO cd VALUES (1, 1), (2, 2), (3, 3);
-- INSERT 0 3
DELETE FROM p WHERE id = 1;
-- DELETE 1
SELECT id, p_id FROM cc ORDER BY id;
-- 2 | 2
-- 3 | 3
SELECT id, p_id FROM cn ORDER BY id;
-- 1 | NULL
-- 2 | 2
-- 3 | 3
SELECT id, p_id FROM cd ORDER BY id;
-- 1 | 0
-- 2 | 2
-- 3 | 3
DELETE FROM cd WHERE p_id = 0;
-- DELETE 1
DELETE FROM p WHERE id = 0;
-- DELETE 1
DELETE FROM p WHERE id = 3;
-- ERROR 23503: insert or update on table "cd" violates foreign key constraint "cd_p_id_fkey"
-- DETAIL: Key (p_id)=(0) is not present in table "p".
SELECT id, p_id FROM cc ORDER BY id;
-- 2 | 2
-- 3 | 3
SELECT id, p_id FROM cn ORDER BY id;
-- 1 | NULL
-- 2 | 2
-- 3 | 3
SELECT id, p_id FROM cd ORDER BY id;
-- 2 | 2
-- 3 | 3
SELECT id FROM p ORDER BY id;
-- 2
-- 3
`,
  },
  {
    name: 'foreign keys: ON DELETE SET DEFAULT to a default that has no referenced row fails',
    todo: 'BasaltDB differs: SET DEFAULT does not check the new value: deleting the row the default points to succeeds and leaves a dangling reference',
    text: `
CREATE TABLE p (id int PRIMARY KEY);
INSERT INTO p VALUES (0), (1);
-- INSERT 0 2
CREATE TABLE cd (id int PRIMARY KEY, p_id int DEFAULT 0 REFERENCES p ON DELETE SET DEFAULT);
INSERT INTO cd VALUES (1, 1);
-- INSERT 0 1
DELETE FROM p WHERE id = 1;
-- DELETE 1
DELETE FROM p WHERE id = 0;
-- ERROR 23503: update or delete on table "p" violates foreign key constraint "cd_p_id_fkey" on table "cd"
-- DETAIL: Key (id)=(0) is still referenced from table "cd".
SELECT id, p_id FROM cd;
-- 1 | 0
SELECT id FROM p;
-- 0
`,
  },
  {
    name: 'foreign keys: ON UPDATE CASCADE, SET NULL, SET DEFAULT',
    text: `
CREATE TABLE p (id int PRIMARY KEY);
INSERT INTO p VALUES (0), (1), (2);
-- INSERT 0 3
CREATE TABLE cc (id int PRIMARY KEY, p_id int REFERENCES p ON UPDATE CASCADE);
CREATE TABLE cn (id int PRIMARY KEY, p_id int REFERENCES p ON UPDATE SET NULL);
CREATE TABLE cd (id int PRIMARY KEY, p_id int DEFAULT 0 REFERENCES p ON UPDATE SET DEFAULT);
INSERT INTO cc VALUES (1, 1), (2, 2);
-- INSERT 0 2
INSERT INTO cn VALUES (1, 1), (2, 2);
-- INSERT 0 2
INSERT INTO cd VALUES (1, 1), (2, 2);
-- INSERT 0 2
UPDATE p SET id = 20 WHERE id = 2;
-- UPDATE 1
UPDATE p SET id = 10 WHERE id = 1;
-- UPDATE 1
SELECT id, p_id FROM cc ORDER BY id;
-- 1 | 10
-- 2 | 20
SELECT id, p_id FROM cn ORDER BY id;
-- 1 | NULL
-- 2 | NULL
SELECT id, p_id FROM cd ORDER BY id;
-- 1 | 0
-- 2 | 0
SELECT id FROM p ORDER BY id;
-- 0
-- 10
-- 20
`,
  },
  {
    name: 'foreign keys: SET NULL / SET DEFAULT with a column list (PostgreSQL 15)',
    todo: 'BasaltDB differs: ON DELETE SET NULL (cols) is 0A000',
    text: `
CREATE TABLE p (t int, id int, PRIMARY KEY (t, id));
CREATE TABLE c (t int, p_id int, FOREIGN KEY (t, p_id) REFERENCES p ON DELETE SET NULL (p_id));
INSERT INTO p VALUES (1, 1), (1, 2);
-- INSERT 0 2
INSERT INTO c VALUES (1, 1), (1, 2);
-- INSERT 0 2
DELETE FROM p WHERE id = 1;
-- DELETE 1
SELECT t, p_id FROM c ORDER BY p_id;
-- 1 | 2
-- 1 | NULL
`,
  },
  {
    name: 'foreign keys: multi-column keys, MATCH SIMPLE, ON DELETE CASCADE',
    text: `
CREATE TABLE p (a int, b int, v text, PRIMARY KEY (a, b));
INSERT INTO p VALUES (1, 1, 'x'), (1, 2, 'y');
-- INSERT 0 2
CREATE TABLE c (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES p (a, b) ON DELETE CASCADE ON UPDATE CASCADE);
INSERT INTO c VALUES (1, 1, 1), (2, 1, 2);
-- INSERT 0 2
INSERT INTO c VALUES (3, 2, 1);
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_a_b_fkey"
-- DETAIL: Key (a, b)=(2, 1) is not present in table "p".
INSERT INTO c VALUES (3, 2, NULL);
-- INSERT 0 1
DELETE FROM p WHERE b = 1;
-- DELETE 1
SELECT id, a, b FROM c ORDER BY id;
-- 2 | 1 | 2
-- 3 | 2 | NULL
`,
  },
  {
    name: 'foreign keys: multi-column ON UPDATE CASCADE, MATCH FULL, columns in another order than the key',
    todo: 'BasaltDB differs: ON UPDATE CASCADE is not run (23503); MATCH FULL lets (1, NULL) in; FOREIGN KEY (b, a) REFERENCES p (a, b) compares a with a instead of b with a',
    text: `
CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));
INSERT INTO p VALUES (1, 1), (1, 2);
-- INSERT 0 2
CREATE TABLE c (id int PRIMARY KEY, a int, b int, FOREIGN KEY (a, b) REFERENCES p (a, b) ON UPDATE CASCADE);
INSERT INTO c VALUES (1, 1, 2);
-- INSERT 0 1
UPDATE p SET b = 5 WHERE b = 2;
-- UPDATE 1
SELECT id, a, b FROM c ORDER BY id;
-- 1 | 1 | 5
CREATE TABLE f (a int, b int, FOREIGN KEY (a, b) REFERENCES p MATCH FULL);
INSERT INTO f VALUES (1, NULL);
-- ERROR 23503: insert or update on table "f" violates foreign key constraint "f_a_b_fkey"
-- DETAIL: MATCH FULL does not allow mixing of null and nonnull key values.
INSERT INTO f VALUES (NULL, NULL);
-- INSERT 0 1
INSERT INTO f VALUES (1, 1);
-- INSERT 0 1
CREATE TABLE g (a int, b int, FOREIGN KEY (b, a) REFERENCES p (a, b));
INSERT INTO g VALUES (1, 1);
-- INSERT 0 1
INSERT INTO g VALUES (5, 1);
-- INSERT 0 1
INSERT INTO g VALUES (1, 5);
-- ERROR 23503: insert or update on table "g" violates foreign key constraint "g_b_a_fkey"
-- DETAIL: Key (b, a)=(5, 1) is not present in table "p".
`,
  },
  {
    name: 'foreign keys: self-referencing table, cascading through levels, deleting a whole tree',
    text: `
CREATE TABLE n (id int PRIMARY KEY, parent int REFERENCES n ON DELETE CASCADE);
INSERT INTO n VALUES (1, NULL), (2, 1), (3, 2), (4, 1), (5, NULL);
-- INSERT 0 5
INSERT INTO n VALUES (6, 99);
-- ERROR 23503: insert or update on table "n" violates foreign key constraint "n_parent_fkey"
-- DETAIL: Key (parent)=(99) is not present in table "n".
DELETE FROM n WHERE id = 1;
-- DELETE 1
SELECT id, parent FROM n ORDER BY id;
-- 5 | NULL
CREATE TABLE r (id int PRIMARY KEY, parent int REFERENCES r);
INSERT INTO r VALUES (1, NULL), (2, 1);
-- INSERT 0 2
DELETE FROM r WHERE id = 1;
-- ERROR 23503: update or delete on table "r" violates foreign key constraint "r_parent_fkey" on table "r"
-- DETAIL: Key (id)=(1) is still referenced from table "r".
`,
  },
  {
    name: 'foreign keys: self-reference checked at the end of the statement (a row that references itself, deleting all rows)',
    text: `
CREATE TABLE n (id int PRIMARY KEY, parent int REFERENCES n);
INSERT INTO n VALUES (7, 7);
-- INSERT 0 1
INSERT INTO n VALUES (1, 2), (2, 1);
-- INSERT 0 2
INSERT INTO n VALUES (3, NULL), (4, 3);
-- INSERT 0 2
DELETE FROM n;
-- DELETE 5
SELECT count(*) FROM n;
-- 0
CREATE TABLE s (id int PRIMARY KEY, parent int REFERENCES s ON UPDATE CASCADE);
INSERT INTO s VALUES (1, NULL), (2, 1), (3, 2);
-- INSERT 0 3
UPDATE s SET id = 10 WHERE id = 1;
-- UPDATE 1
SELECT id, parent FROM s ORDER BY id;
-- 2 | 10
-- 3 | 2
-- 10 | NULL
`,
  },
  {
    name: 'foreign keys: ALTER TABLE ADD FOREIGN KEY validates rows (23503); DROP CONSTRAINT lifts the check; reopen keeps actions',
    text: `
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (id int PRIMARY KEY, p_id int);
INSERT INTO p VALUES (1);
-- INSERT 0 1
INSERT INTO c VALUES (1, 1), (2, 2);
-- INSERT 0 2
ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p ON DELETE CASCADE;
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_p_id_fkey"
-- DETAIL: Key (p_id)=(2) is not present in table "p".
DELETE FROM c WHERE id = 2;
-- DELETE 1
ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p ON DELETE CASCADE;
INSERT INTO c VALUES (2, 2);
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_p_id_fkey"
-- DETAIL: Key (p_id)=(2) is not present in table "p".
@reopen
INSERT INTO c VALUES (2, 2);
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_p_id_fkey"
-- DETAIL: Key (p_id)=(2) is not present in table "p".
DELETE FROM p WHERE id = 1;
-- DELETE 1
SELECT count(*) FROM c;
-- 0
ALTER TABLE c DROP CONSTRAINT c_p_id_fkey;
INSERT INTO c VALUES (2, 2);
-- INSERT 0 1
@reopen
INSERT INTO c VALUES (3, 3);
-- INSERT 0 1
SELECT id, p_id FROM c ORDER BY id;
-- 2 | 2
-- 3 | 3
`,
  },
  {
    name: 'foreign keys and DDL: dropping the referenced key, the referencing column; constraints in a rolled-back transaction',
    text: `
CREATE TABLE p (id int PRIMARY KEY, u int UNIQUE);
CREATE TABLE c (p_id int REFERENCES p, pu int REFERENCES p (u));
ALTER TABLE p DROP CONSTRAINT p_pkey;
-- ERROR 2BP01: cannot drop constraint p_pkey on table p because other objects depend on it
-- DETAIL: constraint c_p_id_fkey on table c depends on index p_pkey
ALTER TABLE c DROP CONSTRAINT c_pu_fkey;
ALTER TABLE p DROP CONSTRAINT p_u_key;
INSERT INTO c VALUES (NULL, 9);
-- INSERT 0 1
ALTER TABLE c DROP COLUMN p_id;
INSERT INTO p VALUES (1, 1);
-- INSERT 0 1
BEGIN;
ALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (pu) REFERENCES p (id);
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_fk"
-- DETAIL: Key (pu)=(9) is not present in table "p".
ROLLBACK;
INSERT INTO c VALUES (8);
-- INSERT 0 1
SELECT pu FROM c ORDER BY pu;
-- 8
-- 9
ALTER TABLE p DROP COLUMN id;
ALTER TABLE p DROP COLUMN id CASCADE;
-- ERROR 42703: column "id" of relation "p" does not exist
`,
  },
  {
    name: 'DROP CONSTRAINT … CASCADE of a referenced key drops the foreign keys, with a notice',
    todo: 'BasaltDB differs: no "drop cascades to constraint c_pu_fkey on table c" notice',
    text: `
CREATE TABLE p (id int PRIMARY KEY, u int UNIQUE);
CREATE TABLE c (pu int REFERENCES p (u));
ALTER TABLE p DROP CONSTRAINT p_u_key;
-- ERROR 2BP01: cannot drop constraint p_u_key on table p because other objects depend on it
-- DETAIL: constraint c_pu_fkey on table c depends on index p_u_key
ALTER TABLE p DROP CONSTRAINT p_u_key CASCADE;
-- NOTICE 00000: drop cascades to constraint c_pu_fkey on table c
INSERT INTO c VALUES (9);
-- INSERT 0 1
`,
  },
  {
    name: 'DEFERRABLE INITIALLY DEFERRED foreign keys are checked at COMMIT',
    todo: 'BasaltDB differs: DEFERRABLE INITIALLY DEFERRED is accepted but checked per statement',
    text: `
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (p_id int REFERENCES p DEFERRABLE INITIALLY DEFERRED);
BEGIN;
INSERT INTO c VALUES (1);
-- INSERT 0 1
INSERT INTO p VALUES (1);
-- INSERT 0 1
COMMIT;
BEGIN;
INSERT INTO c VALUES (2);
-- INSERT 0 1
COMMIT;
-- ERROR 23503: insert or update on table "c" violates foreign key constraint "c_p_id_fkey"
-- DETAIL: Key (p_id)=(2) is not present in table "p".
SELECT p_id FROM c;
-- 1
`,
  },
];

scriptTests(scripts);

/**
 * The ORM part of `npm run interop:pg`: Kysely with its PostgresDialect over a `pg` Pool, and
 * Drizzle over node-postgres (plus `drizzle-kit pull`, its schema introspection). Every expected
 * value below is what the same code returned against PostgreSQL 15 (`--against-postgres`).
 *
 * Tables are prefixed `k_` (Kysely) and `dz_` (Drizzle) and dropped at the end of each part.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, asc, count, eq, gt, sql as dsql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { boolean, integer, numeric, pgTable, serial, text, varchar } from 'drizzle-orm/pg-core';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { ColumnType, Generated } from 'kysely';
import pg from 'pg';
import { repoDir, sourceDir } from './psql.js';
import type { Target } from './psql.js';
import type { Tap } from './tap.js';
import { errorText, lineDiff } from './tap.js';

const drizzleKitTimeoutMs = 120_000;

interface KyselyDb {
  k_person: { id: Generated<number>; first_name: string; last_name: string | null; age: number | null };
  k_pet: { id: Generated<number>; name: string; owner_id: number; species: ColumnType<string, string | undefined, string>; weight: string | null };
}

function pool(t: Target): pg.Pool {
  return new pg.Pool({ host: t.host, port: t.port, user: t.user, database: t.database, max: 4 });
}

/** Kysely: schema builder, inserts, joins, aggregates, updates, transactions, introspection. */
export async function partKysely(tap: Tap, t: Target): Promise<void> {
  const db = new Kysely<KyselyDb>({ dialect: new PostgresDialect({ pool: pool(t) }) });
  const k = (name: string): string => `kysely: ${name}`;
  try {
    await db.schema.dropTable('k_pet').ifExists().execute();
    await db.schema.dropTable('k_person').ifExists().execute();
    await tap.guard(k('create tables and an index'), 'db.schema.createTable(...)', async () => {
      await db.schema.createTable('k_person')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('first_name', 'varchar(50)', (c) => c.notNull())
        .addColumn('last_name', 'text')
        .addColumn('age', 'integer', (c) => c.check(sql`age >= 0`))
        .execute();
      await db.schema.createTable('k_pet')
        .addColumn('id', 'serial', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('owner_id', 'integer', (c) => c.notNull().references('k_person.id').onDelete('cascade'))
        .addColumn('species', 'text', (c) => c.notNull().defaultTo('cat'))
        .addColumn('weight', 'numeric(6, 2)')
        .execute();
      await db.schema.createIndex('k_pet_owner_idx').on('k_pet').column('owner_id').execute();
      tap.check(true, k('create tables and an index'), 'db.schema.createTable(k_person, k_pet), createIndex', '');
    });

    await tap.guard(k('insert ... returning'), 'insertInto(k_person).values([...]).returning', async () => {
      const people = await db.insertInto('k_person')
        .values([
          { first_name: 'Jennifer', last_name: 'Aniston', age: 54 },
          { first_name: 'Arnold', last_name: 'Schwarzenegger', age: 76 },
          { first_name: 'Sylvester', last_name: null, age: null },
        ])
        .returning(['id', 'first_name'])
        .execute();
      tap.equal(people, [{ id: 1, first_name: 'Jennifer' }, { id: 2, first_name: 'Arnold' }, { id: 3, first_name: 'Sylvester' }],
        k('insert ... returning'), 'insertInto(k_person).values([3 rows]).returning([id, first_name])');
      const pets = await db.insertInto('k_pet')
        .values([
          { name: 'Catto', owner_id: 1, weight: '4.25' },
          { name: 'Doggo', owner_id: 1, species: 'dog', weight: '21.5' },
          { name: 'Hammo', owner_id: 2, species: 'hamster' },
          { name: 'Kitty', owner_id: 3 },
        ])
        .executeTakeFirst();
      tap.equal(String(pets.numInsertedOrUpdatedRows), '4', k('insert of 4 pets reports 4 rows'), 'insertInto(k_pet).values([4 rows])');
    });

    await tap.guard(k('select with a join'), 'selectFrom(k_person).innerJoin(k_pet)', async () => {
      const rows = await db.selectFrom('k_person')
        .innerJoin('k_pet', 'k_pet.owner_id', 'k_person.id')
        .select(['k_person.first_name', 'k_pet.name as pet', 'k_pet.weight'])
        .where('k_pet.species', '=', 'cat')
        .orderBy('k_pet.name')
        .execute();
      tap.equal(rows, [{ first_name: 'Jennifer', pet: 'Catto', weight: '4.25' }, { first_name: 'Sylvester', pet: 'Kitty', weight: null }],
        k('select with a join, where and order by'), "selectFrom(k_person).innerJoin(k_pet).where(species = 'cat')");
      const counts = await db.selectFrom('k_person')
        .leftJoin('k_pet', 'k_pet.owner_id', 'k_person.id')
        .select((eb) => ['k_person.first_name', eb.fn.count<string>('k_pet.id').as('pets'), eb.fn.sum<string>('k_pet.weight').as('weight')])
        .groupBy('k_person.first_name')
        .orderBy('k_person.first_name')
        .execute();
      tap.equal(counts, [
        { first_name: 'Arnold', pets: '1', weight: null },
        { first_name: 'Jennifer', pets: '2', weight: '25.75' },
        { first_name: 'Sylvester', pets: '1', weight: null },
      ], k('left join with count and sum, group by'), 'selectFrom(k_person).leftJoin(k_pet).groupBy(first_name)');
      const sub = await db.selectFrom('k_person')
        .select('first_name')
        .where('id', 'in', db.selectFrom('k_pet').select('owner_id').where('species', '<>', 'cat'))
        .where('age', '>', 18)
        .orderBy('age', 'desc')
        .limit(5)
        .execute();
      tap.equal(sub, [{ first_name: 'Arnold' }, { first_name: 'Jennifer' }], k('where in a subquery, limit'), 'where(id in (select owner_id ...)).limit(5)');
    });

    await tap.guard(k('update and delete'), 'updateTable(k_pet) / deleteFrom(k_person)', async () => {
      const upd = await db.updateTable('k_pet').set({ weight: sql`coalesce(weight, 0) + 1` }).where('owner_id', '=', 1).returning(['name', 'weight']).execute();
      tap.equal(upd.sort((a, b) => a.name.localeCompare(b.name)), [{ name: 'Catto', weight: '5.25' }, { name: 'Doggo', weight: '22.50' }],
        k('update ... returning'), 'updateTable(k_pet).set(weight + 1).where(owner_id = 1).returning');
      const del = await db.deleteFrom('k_person').where('first_name', '=', 'Arnold').executeTakeFirst();
      const left = await db.selectFrom('k_pet').select('name').orderBy('name').execute();
      tap.equal({ deleted: String(del.numDeletedRows), pets: left.map((r) => r.name) }, { deleted: '1', pets: ['Catto', 'Doggo', 'Kitty'] },
        k('delete cascades to the pets'), "deleteFrom(k_person).where(first_name = 'Arnold')");
    });

    await tap.guard(k('transactions'), 'db.transaction().execute(...)', async () => {
      const id = await db.transaction().execute(async (trx) => {
        const p = await trx.insertInto('k_person').values({ first_name: 'Bruce', age: 68 }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('k_pet').values({ name: 'Rover', owner_id: p.id, species: 'dog' }).execute();
        return p.id;
      });
      let rolledBack = 'no error';
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('k_person').values({ first_name: 'Ghost' }).execute();
          await trx.insertInto('k_pet').values({ name: 'Rover', owner_id: id }).execute();
        });
      } catch (err) {
        rolledBack = errorText(err);
      }
      const names = await db.selectFrom('k_person').select('first_name').orderBy('id').execute();
      tap.equal({ id, rolledBack, people: names.map((r) => r.first_name) }, {
        id: 4,
        rolledBack: '[23505] duplicate key value violates unique constraint "k_pet_name_key"',
        people: ['Jennifer', 'Sylvester', 'Bruce'],
      }, k('a transaction commits; one that fails rolls back'), 'transaction: insert person+pet; transaction: insert person, duplicate pet');
      const bad = await db.insertInto('k_person').values({ first_name: 'Negative', age: -1 }).execute().then(() => 'no error', errorText);
      tap.equal(bad, '[23514] new row for relation "k_person" violates check constraint "k_person_age_check"', k('check constraint violation'), 'insert age -1');
    });

    await tap.guard(k('introspection'), 'db.introspection.getTables()', async () => {
      const tables = await db.introspection.getTables();
      const mine = tables
        .filter((tb) => tb.name.startsWith('k_'))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((tb) => ({
          name: tb.name, schema: tb.schema, isView: tb.isView,
          columns: tb.columns.map((c) => [c.name, c.dataType, c.isNullable, c.isAutoIncrementing, c.hasDefaultValue].join(' ')),
        }));
      tap.equal(mine, [
        {
          name: 'k_person', schema: 'public', isView: false,
          columns: ['id int4 false true true', 'first_name varchar false false false', 'last_name text true false false', 'age int4 true false false'],
        },
        {
          name: 'k_pet', schema: 'public', isView: false,
          columns: ['id int4 false true true', 'name text false false false', 'owner_id int4 false false false', 'species text false false true', 'weight numeric true false false'],
        },
      ], k('db.introspection.getTables() describes both tables'), 'db.introspection.getTables()');
    });
  } finally {
    await db.schema.dropTable('k_pet').ifExists().execute().catch(() => undefined);
    await db.schema.dropTable('k_person').ifExists().execute().catch(() => undefined);
    await db.destroy();
  }
}

const dzUsers = pgTable('dz_users', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  email: varchar('email', { length: 100 }).unique(),
  active: boolean('active').notNull().default(true),
});

const dzPosts = pgTable('dz_posts', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull().references(() => dzUsers.id),
  title: text('title').notNull(),
  score: integer('score').default(0),
  rating: numeric('rating', { precision: 4, scale: 1 }),
});

const drizzleDdl = [
  `CREATE TABLE dz_users (id serial PRIMARY KEY, name text NOT NULL, email varchar(100) UNIQUE, active boolean NOT NULL DEFAULT true)`,
  `CREATE TABLE dz_posts (id serial PRIMARY KEY, user_id integer NOT NULL REFERENCES dz_users (id), title text NOT NULL,
     score integer DEFAULT 0, rating numeric(4,1))`,
  `CREATE INDEX dz_posts_user_idx ON dz_posts (user_id)`,
];

/** Drizzle over node-postgres: inserts, selects, joins, a transaction, named prepared statements; then drizzle-kit pull. */
export async function partDrizzle(tap: Tap, t: Target, o: { work: string; writeExpected: boolean }): Promise<void> {
  const p = pool(t);
  const db = drizzle(p);
  const d = (name: string): string => `drizzle: ${name}`;
  try {
    await p.query('DROP TABLE IF EXISTS dz_posts, dz_users');
    for (const stmt of drizzleDdl) await p.query(stmt);

    await tap.guard(d('insert and select'), 'db.insert(dzUsers).values(...).returning()', async () => {
      const users = await db.insert(dzUsers).values([
        { name: 'ada', email: 'ada@example.com' },
        { name: 'brian', email: 'brian@example.com', active: false },
        { name: 'cleo', email: null },
      ]).returning();
      tap.equal(users, [
        { id: 1, name: 'ada', email: 'ada@example.com', active: true },
        { id: 2, name: 'brian', email: 'brian@example.com', active: false },
        { id: 3, name: 'cleo', email: null, active: true },
      ], d('insert ... returning every column'), 'db.insert(dzUsers).values([3]).returning()');
      await db.insert(dzPosts).values([
        { userId: 1, title: 'Notes on the analytical engine', score: 10, rating: '4.5' },
        { userId: 1, title: 'Bernoulli numbers', rating: '5.0' },
        { userId: 3, title: 'Hello', score: 3 },
      ]);
      const active = await db.select({ name: dzUsers.name }).from(dzUsers).where(eq(dzUsers.active, true)).orderBy(asc(dzUsers.name));
      tap.equal(active, [{ name: 'ada' }, { name: 'cleo' }], d('select where active'), 'db.select().from(dzUsers).where(eq(active, true))');
      const joined = await db.select({ user: dzUsers.name, title: dzPosts.title, score: dzPosts.score, rating: dzPosts.rating })
        .from(dzPosts).innerJoin(dzUsers, eq(dzPosts.userId, dzUsers.id)).where(gt(dzPosts.score, -1)).orderBy(asc(dzPosts.id));
      tap.equal(joined, [
        { user: 'ada', title: 'Notes on the analytical engine', score: 10, rating: '4.5' },
        { user: 'ada', title: 'Bernoulli numbers', score: 0, rating: '5.0' },
        { user: 'cleo', title: 'Hello', score: 3, rating: null },
      ], d('inner join'), 'db.select(...).from(dzPosts).innerJoin(dzUsers)');
      const perUser = await db.select({ user: dzUsers.name, posts: count(dzPosts.id) })
        .from(dzUsers).leftJoin(dzPosts, eq(dzPosts.userId, dzUsers.id)).groupBy(dzUsers.name).orderBy(asc(dzUsers.name));
      tap.equal(perUser, [{ user: 'ada', posts: 2 }, { user: 'brian', posts: 0 }, { user: 'cleo', posts: 1 }],
        d('left join with count(), group by'), 'db.select({ posts: count(dzPosts.id) }).leftJoin(...).groupBy(...)');
    });

    await tap.guard(d('update, delete, prepared statements, transactions'), 'db.update / db.delete / prepare / transaction', async () => {
      const upd = await db.update(dzPosts).set({ score: dsql`${dzPosts.score} + 5` }).where(and(eq(dzPosts.userId, 1), gt(dzPosts.score, 5))).returning({ id: dzPosts.id, score: dzPosts.score });
      tap.equal(upd, [{ id: 1, score: 15 }], d('update ... returning'), 'db.update(dzPosts).set(score + 5).where(...).returning()');
      const byId = db.select().from(dzUsers).where(eq(dzUsers.id, dsql.placeholder('id'))).prepare('dz_user_by_id');
      const one = await byId.execute({ id: 2 });
      const other = await byId.execute({ id: 3 });
      tap.equal([one, other], [[{ id: 2, name: 'brian', email: 'brian@example.com', active: false }], [{ id: 3, name: 'cleo', email: null, active: true }]],
        d('a named prepared statement executed twice'), "db.select().from(dzUsers).where(eq(id, placeholder('id'))).prepare('dz_user_by_id')");
      let outcome = 'committed';
      try {
        await db.transaction(async (tx) => {
          await tx.insert(dzUsers).values({ name: 'dora' });
          await tx.delete(dzPosts).where(eq(dzPosts.userId, 3));
          tx.rollback();
        });
      } catch (err) {
        outcome = (err as Error).constructor.name;
      }
      const [users] = await db.select({ n: count() }).from(dzUsers);
      const [posts] = await db.select({ n: count() }).from(dzPosts);
      tap.equal({ outcome, users: users?.n, posts: posts?.n }, { outcome: 'TransactionRollbackError', users: 3, posts: 3 },
        d('tx.rollback() undoes the transaction'), 'db.transaction(tx => { insert; delete; tx.rollback() })');
      await db.transaction(async (tx) => {
        await tx.insert(dzUsers).values({ name: 'dora' });
        await tx.delete(dzPosts).where(eq(dzPosts.userId, 3));
      });
      const [users2] = await db.select({ n: count() }).from(dzUsers);
      const fk = await db.delete(dzUsers).where(eq(dzUsers.id, 1)).then(() => 'no error', (err: unknown) => errorText((err as { cause?: unknown }).cause ?? err));
      tap.equal({ users: users2?.n, fk }, { users: 4, fk: '[23503] update or delete on table "dz_users" violates foreign key constraint "dz_posts_user_id_fkey" on table "dz_posts"' },
        d('a committed transaction; a foreign-key error'), 'db.transaction(...); db.delete(dzUsers).where(id = 1)');
    });

    await tap.guard(d('drizzle-kit pull'), 'drizzle-kit pull', () => drizzleKitPull(tap, t, o));
  } finally {
    await p.query('DROP TABLE IF EXISTS dz_posts, dz_users').catch(() => undefined);
    await p.end();
  }
}

function runProcess(cmd: string, args: readonly string[], cwd: string, timeoutMs: number): Promise<{ status: number | null; output: string; failure?: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    const chunks: Buffer[] = [];
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `killed after ${timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.once('error', (e) => {
      failure = `could not run ${cmd}: ${e.message}`;
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      const r: { status: number | null; output: string; failure?: string } = { status, output: Buffer.concat(chunks).toString('utf8') };
      if (failure !== undefined) r.failure = failure;
      resolve(r);
    });
  });
}

/** drizzle-kit's output without its redrawn progress lines (spinners, "N tables fetching"). */
function progressFree(output: string): string {
  const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\n').map((l) => l.trimEnd());
  const kept = lines.filter((l) => l !== '' && !/\bfetch(ing|ed)$/.test(l));
  return [...new Set(kept)].join('\n');
}

/**
 * drizzle-kit exits 1 without a word when one of its catalog queries fails. The queries it sent
 * to PostgreSQL 15 for the dz_ tables (logged with log_statement=all, in
 * `expected/drizzle-kit-queries.txt`) are replayed to name the ones the server rejects.
 */
async function replayDrizzleKitQueries(t: Target): Promise<string> {
  const file = path.join(sourceDir, 'expected', 'drizzle-kit-queries.txt');
  if (!existsSync(file)) return '';
  const queries = readFileSync(file, 'utf8').split(/^-- query \d+\n/m).map((q) => q.trim()).filter((q) => q !== '');
  const client = new pg.Client({ host: t.host, port: t.port, user: t.user, database: t.database });
  await client.connect();
  const failures: string[] = [];
  try {
    for (const [i, q] of queries.entries()) {
      await client.query(q).catch((err: unknown) => {
        failures.push(`query ${i + 1} of ${path.relative(repoDir, file)} (${q.split('\n')[0]?.trim() ?? ''} ...): ${errorText(err)}`);
      });
    }
  } finally {
    await client.end();
  }
  return failures.length === 0
    ? `\nits ${queries.length} catalog queries (as sent to PostgreSQL) all succeed on this server`
    : `\nreplaying drizzle-kit's catalog queries, the server rejects:\n${failures.join('\n')}`;
}

/**
 * `drizzle-kit pull` over the dz_ tables: it must exit 0 and write a schema.ts (and relations.ts)
 * equal to what it wrote from PostgreSQL 15 (`expected/drizzle-schema.ts.txt`, `drizzle-relations.ts.txt`).
 */
async function drizzleKitPull(tap: Tap, t: Target, o: { work: string; writeExpected: boolean }): Promise<void> {
  const bin = path.join(repoDir, 'node_modules', '.bin', 'drizzle-kit');
  const out = path.join(o.work, 'drizzle-pull');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const url = `postgres://${t.user}@${t.host}:${t.port}/${t.database}`;
  const args = ['pull', '--dialect', 'postgresql', '--url', url, '--out', out, '--tablesFilter', 'dz_*'];
  const r = await runProcess(bin, args, out, drizzleKitTimeoutMs);
  const command = `drizzle-kit ${args.join(' ')}`;
  const ok = r.failure === undefined && r.status === 0;
  const why = ok ? '' : await replayDrizzleKitQueries(t);
  tap.check(ok, 'drizzle-kit: pull exits 0', command, `exit status ${String(r.status)}${r.failure !== undefined ? ` [${r.failure}]` : ''}\n${progressFree(r.output)}${why}`);
  if (!ok) return;
  for (const [file, expectedName] of [['schema.ts', 'drizzle-schema.ts.txt'], ['relations.ts', 'drizzle-relations.ts.txt']] as const) {
    const gotPath = path.join(out, file);
    const got = existsSync(gotPath) ? readFileSync(gotPath, 'utf8') : `(no ${file} written)`;
    const expectedPath = path.join(sourceDir, 'expected', expectedName);
    if (o.writeExpected) writeFileSync(expectedPath, got);
    const expected = existsSync(expectedPath) ? readFileSync(expectedPath, 'utf8') : '(no expected file: run with --against-postgres --write-expected)';
    tap.check(got === expected, `drizzle-kit: pull writes the ${file} PostgreSQL 15 gave`, command, `diff (- PostgreSQL 15 expected, + got):\n${lineDiff(expected, got)}`);
  }
}

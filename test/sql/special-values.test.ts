// Regression: CURRENT_DATE, CURRENT_TIME, LOCALTIME and LOCALTIMESTAMP compiled to calls of
// functions that were never registered, so `SELECT current_date` and `DEFAULT CURRENT_DATE`
// failed with 42883.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryFileSystem, open } from '../../src/index.js';

test('CURRENT_DATE, LOCALTIME, LOCALTIMESTAMP are the transaction start in the session time zone', async () => {
  const db = await open('/db', { fs: new MemoryFileSystem() });
  try {
    const s = db.session();
    await s.query("SET TIME ZONE 'Asia/Tokyo'");
    await s.query('BEGIN');
    const r = await s.query(
      `SELECT current_date = (now() AT TIME ZONE 'Asia/Tokyo')::date AS d,
              localtimestamp = (now() AT TIME ZONE 'Asia/Tokyo') AS ts,
              localtime = (now() AT TIME ZONE 'Asia/Tokyo')::time AS t,
              pg_typeof(current_date)::text AS dt, pg_typeof(localtimestamp)::text AS tst`,
    );
    assert.deepEqual(r.rows, [{ d: true, ts: true, t: true, dt: 'date', tst: 'timestamp without time zone' }]);
    await s.query('COMMIT');
    await s.query('CREATE TABLE t (id int, made date DEFAULT CURRENT_DATE)');
    await s.query('BEGIN');
    await s.query('INSERT INTO t (id) VALUES (1)');
    const made = await s.query("SELECT made = (now() AT TIME ZONE 'Asia/Tokyo')::date AS ok FROM t");
    await s.query('COMMIT');
    assert.deepEqual(made.rows, [{ ok: true }]);
    await s.close();
  } finally {
    await db.close();
  }
});

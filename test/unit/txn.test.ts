/** Transaction behaviour of the key-value API: isolation, locks, savepoints, limits, retries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryFileSystem, open, type Database } from '../../src/index.js';

const dec = (b: Uint8Array | undefined): string | undefined => (b === undefined ? undefined : Buffer.from(b).toString());
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
const code = (p: Promise<unknown>): Promise<string> => p.then(() => 'ok', (e: { code?: string }) => e.code ?? String(e));

async function fresh(opts: { versionStoreBytes?: number; lockTimeoutMs?: number } = {}): Promise<Database> {
  const db = await open('/db', { fs: new MemoryFileSystem(), ...opts });
  await db.batch([
    { type: 'put', key: '1', value: '10' },
    { type: 'put', key: '2', value: '20' },
  ]);
  return db;
}

/** A promise that has not settled after a few event-loop turns. */
async function pending(p: Promise<unknown>): Promise<boolean> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await tick();
  return !settled;
}

test('read committed sees each commit; repeatable read keeps its first snapshot', async () => {
  const db = await fresh();
  const rc = db.begin({ isolation: 'read committed' });
  const rr = db.begin({ isolation: 'repeatable read' });
  assert.equal(dec(rc.get('1')), '10');
  assert.equal(dec(rr.get('1')), '10');
  await db.put('1', '11');
  await db.delete('2');
  await db.put('3', '30');
  assert.equal(dec(rc.get('1')), '11');
  assert.equal(dec(rr.get('1')), '10');
  assert.deepEqual([...rr.range()].map(([k, v]) => [dec(k), dec(v)]), [['1', '10'], ['2', '20']]);
  assert.deepEqual([...rc.range()].map(([k, v]) => [dec(k), dec(v)]), [['1', '11'], ['3', '30']]);
  assert.ok(db.stats().versionsHeld >= 3, 'the repeatable-read snapshot pins the replaced values');
  await rc.commit();
  await rr.commit();
  assert.equal(db.stats().versionsHeld, 0);
  await db.close();
});

test('the snapshot is taken at the first operation, not at begin', async () => {
  const db = await fresh();
  const tx = db.begin({ isolation: 'repeatable read' });
  await db.put('1', '11');
  assert.equal(dec(tx.get('1')), '11');
  await tx.commit();
  await db.close();
});

test('writes are invisible to others until commit, visible to the writer at once', async () => {
  const db = await fresh();
  const tx = db.begin();
  await tx.put('1', 'mine');
  await tx.delete('2');
  await tx.keyspace('other').put('x', 'y');
  assert.equal(dec(tx.get('1')), 'mine');
  assert.equal(tx.get('2'), undefined);
  assert.equal(dec(tx.keyspace('other').get('x')), 'y');
  assert.equal(dec(db.get('1')), '10');
  assert.equal(db.keyspace('other').get('x'), undefined);
  await tx.commit();
  assert.equal(dec(db.get('1')), 'mine');
  assert.equal(db.get('2'), undefined);
  assert.equal(dec(db.keyspace('other').get('x')), 'y');
  assert.deepEqual(db.keyspaceNames(), ['other']);
  await db.close();
});

test('repeatable read: a blocked updater fails with 40001 when the holder commits, proceeds when it rolls back', async () => {
  const db = await fresh();
  for (const end of ['commit', 'rollback'] as const) {
    const t1 = db.begin({ isolation: 'repeatable read' });
    const t2 = db.begin({ isolation: 'repeatable read' });
    t2.get('1');
    await t1.put('1', 't1');
    const w = code(t2.put('1', 't2'));
    assert.ok(await pending(w), 't2 waits for t1');
    if (end === 'commit') await t1.commit();
    else t1.rollback();
    assert.equal(await w, end === 'commit' ? '40001' : 'ok');
    if (end === 'commit') {
      assert.equal(t2.state, 'failed');
      assert.equal(await code(t2.commit()), '40001', 'commit of a failed transaction rejects with its failure');
      assert.equal(t2.state, 'rolled back');
    } else {
      await t2.commit();
      assert.equal(dec(db.get('1')), 't2');
    }
  }
  await db.close();
});

test('read committed: a blocked updater proceeds after the holder commits (no error)', async () => {
  const db = await fresh();
  const t1 = db.begin({ isolation: 'read committed' });
  const t2 = db.begin({ isolation: 'read committed' });
  await t1.put('1', 't1');
  const w = code(t2.put('1', 't2'));
  assert.ok(await pending(w));
  await t1.commit();
  assert.equal(await w, 'ok');
  await t2.commit();
  assert.equal(dec(db.get('1')), 't2');
  await db.close();
});

test('an autocommit write waits for a transaction holding its key, and a transaction cannot overwrite an in-flight autocommit write', async () => {
  const db = await fresh();
  const tx = db.begin();
  await tx.put('1', 'tx');
  const auto = code(db.put('1', 'auto'));
  assert.ok(await pending(auto));
  await tx.commit();
  assert.equal(await auto, 'ok');
  assert.equal(dec(db.get('1')), 'auto');

  const rr = db.begin({ isolation: 'repeatable read' });
  rr.get('2');
  const inflight = db.put('2', 'auto'); // queued, not yet applied
  assert.equal(await code(rr.put('2', 'rr')), '40001');
  await inflight;
  rr.rollback();
  await db.close();
});

test('serializable: write skew fails one transaction with 40001; db.transaction retries it', async () => {
  const db = await fresh();
  const t1 = db.begin();
  const t2 = db.begin();
  t1.get('1');
  t1.get('2');
  t2.get('1');
  t2.get('2');
  await t1.put('1', '-');
  await t2.put('2', '-');
  await t1.commit();
  assert.equal(await code(t2.commit()), '40001');
  assert.equal(db.stats().serializationFailures, 1);

  // The same race inside db.transaction with retries: both end up committed, one after a retry.
  let attempts = 0;
  let gate!: () => void;
  const bothRead = new Promise<void>((r) => (gate = r));
  let reads = 0;
  const body = (key: string) => async (tx: import('../../src/index.js').Transaction) => {
    attempts++;
    const sum = Number(dec(tx.get('1')) ?? 0) + Number(dec(tx.get('2')) ?? 0);
    if (++reads === 2) gate();
    await bothRead;
    await tx.put(key, String(sum));
  };
  await db.put('1', '1');
  await db.put('2', '1');
  await Promise.all([db.transaction(body('1'), { retries: 3 }), db.transaction(body('2'), { retries: 3 })]);
  // One retry at least; a retry that starts before the winner's commit is visible fails again.
  assert.ok(attempts >= 3, `attempts: ${attempts}`);
  const v1 = Number(dec(db.get('1')));
  const v2 = Number(dec(db.get('2')));
  assert.deepEqual([v1, v2].sort(), [2, 3], 'the retried transaction saw the first one’s write');
  await db.close();
});

test('deadlock: the transaction whose wait closes the cycle fails with 40P01', async () => {
  const db = await fresh({ lockTimeoutMs: 0 });
  const t1 = db.begin();
  const t2 = db.begin();
  await t1.put('1', 'a');
  await t2.put('2', 'b');
  const w1 = code(t1.put('2', 'a'));
  assert.equal(await code(t2.put('1', 'b')), '40P01');
  t2.rollback();
  assert.equal(await w1, 'ok');
  await t1.commit();
  assert.equal(db.stats().deadlocks, 1);
  await db.close();
});

test('lock timeout fails the waiter with 55P03', async () => {
  const db = await fresh();
  const t1 = db.begin();
  const t2 = db.begin({ lockTimeoutMs: 20 });
  await t1.put('1', 'a');
  assert.equal(await code(t2.put('1', 'b')), '55P03');
  assert.equal(t2.state, 'failed');
  t2.rollback();
  await t1.commit();
  await db.close();
});

test('savepoints: rollbackTo undoes later writes, releases later locks and ends a failed state', async () => {
  const db = await fresh({ lockTimeoutMs: 0 });
  const tx = db.begin({ isolation: 'read committed' });
  await tx.put('1', 'a');
  tx.savepoint('s1');
  await tx.put('1', 'b');
  await tx.put('9', 'new');
  assert.equal(dec(tx.get('1')), 'b');
  tx.rollbackTo('s1');
  assert.equal(dec(tx.get('1')), 'a');
  assert.equal(tx.get('9'), undefined);
  // The lock on '9' was taken after s1: another transaction can take it now.
  const other = db.begin();
  await other.put('9', 'other');
  other.rollback();

  // A failure after a savepoint: rollbackTo recovers, release keeps the writes.
  const holder = db.begin();
  await holder.put('2', 'h');
  const t = db.begin({ isolation: 'read committed', lockTimeoutMs: 10 });
  await t.put('3', 'x');
  t.savepoint('before');
  assert.equal(await code(t.put('2', 'y')), '55P03');
  assert.throws(() => t.get('1'), { code: '25P02' });
  t.rollbackTo('before');
  assert.equal(dec(t.get('3')), 'x');
  t.release('before');
  assert.throws(() => t.rollbackTo('before'), { code: '3B001' });
  await t.commit();
  holder.rollback();
  await tx.commit();
  assert.equal(dec(db.get('1')), 'a');
  assert.equal(dec(db.get('3')), 'x');
  assert.equal(db.get('9'), undefined);
  await db.close();
});

test('read-only transactions refuse writes with 25006', async () => {
  const db = await fresh();
  const tx = db.begin({ readOnly: true });
  assert.equal(dec(tx.get('1')), '10');
  assert.equal(await code(tx.put('1', 'x')), '25006');
  tx.rollback();
  await db.close();
});

test('a snapshot pinning more than versionStoreBytes fails with 72000 and releases its versions', async () => {
  const db = await fresh({ versionStoreBytes: 64 * 1024 });
  const old = db.begin({ isolation: 'repeatable read' });
  assert.equal(dec(old.get('1')), '10');
  const young = db.begin({ isolation: 'repeatable read' });
  for (let i = 0; i < 100; i++) await db.put(`k${i}`, 'v'.repeat(1000));
  young.get('1');
  for (let i = 0; i < 100; i++) await db.put(`k${i}`, 'w'.repeat(1000));
  assert.throws(() => old.get('1'), { code: '72000' });
  assert.equal(old.state, 'failed');
  old.rollback();
  assert.ok(db.stats().versionBytes <= 64 * 1024);
  young.rollback();
  assert.equal(db.stats().versionsHeld, 0);
  await db.close();
});

test('calls after the end of a transaction fail with 25000; stats count open transactions and locks', async () => {
  const db = await fresh();
  const tx = db.begin();
  await tx.put('1', 'x');
  assert.equal(db.stats().activeTransactions, 1);
  assert.equal(db.stats().locksHeld, 1);
  await tx.commit();
  assert.equal(db.stats().activeTransactions, 0);
  assert.equal(db.stats().locksHeld, 0);
  assert.throws(() => tx.get('1'), { code: '25000' });
  assert.equal(await code(tx.put('1', 'y')), '25000');
  assert.throws(() => db.begin({ isolation: 'snapshot' as never }), { code: '22023' });
  await db.close();
});

test('closing the database ends pending lock waits with 08003', async () => {
  const db = await fresh({ lockTimeoutMs: 0 });
  const t1 = db.begin();
  const t2 = db.begin();
  await t1.put('1', 'a');
  const w = code(t2.put('1', 'b'));
  const auto = code(db.put('1', 'c'));
  assert.ok(await pending(w));
  await db.close();
  assert.equal(await w, '08003');
  assert.equal(await auto, '08003');
  assert.equal(await code(t1.commit()), '08003');
});

/**
 * Lock waits, deadlocks and lock timeouts (issue 4).
 *
 * - Cycles of 2, 3 and 10 transactions (tx i holds key i, then asks for key i+1 mod n): the
 *   transaction whose wait closes the cycle fails at once with DeadlockError (40P01) and, as in
 *   PostgreSQL, is aborted at once (its lock goes to its waiter); the others keep waiting for
 *   live holders and all commit.
 * - A wait longer than lockTimeoutMs fails with LockTimeoutError (55P03), per database and per
 *   transaction; the holder is unaffected.
 * - Waits that form chains, fan-ins and leftovers of a timed-out wait are not deadlocks; waiters
 *   are served in FIFO order.
 * - Autocommit writes wait for a transaction's lock and proceed when it ends.
 *
 * No assertion depends on wall-clock time: "still waiting" means "not settled after a few turns
 * of the event loop", and no lock wait here is released by a timer the test depends on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DeadlockError,
  LockTimeoutError,
  MemoryFileSystem,
  TransactionStateError,
  open,
} from '../../src/index.js';
import type { Database, IsolationLevel, OpenOptions, Transaction } from '../../src/index.js';

/** A safety net so that a hung lock wait fails the test instead of the whole run. */
const hangMs = 30_000;

async function openMemory(options: OpenOptions = {}): Promise<Database> {
  return open('/db', { fs: new MemoryFileSystem(), durability: 'sync', ...options });
}

/** A promise whose outcome can be looked at without awaiting it. */
interface Tracked<T> {
  readonly promise: Promise<T>;
  settled: boolean;
  error: unknown;
}

function track<T>(promise: Promise<T>): Tracked<T> {
  const t: Tracked<T> = { promise, settled: false, error: undefined };
  promise.then(
    () => {
      t.settled = true;
    },
    (err: unknown) => {
      t.settled = true;
      t.error = err;
    },
  );
  return t;
}

/** Let the event loop turn a few times, so that anything ready to happen has happened. */
async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function text(bytes: Uint8Array | undefined): string | undefined {
  return bytes === undefined ? undefined : Buffer.from(bytes).toString('utf8');
}

function isDeadlock(err: unknown): boolean {
  return err instanceof DeadlockError && err.code === '40P01';
}

function isLockTimeout(err: unknown): boolean {
  return err instanceof LockTimeoutError && err.code === '55P03';
}

function isFailedState(err: unknown): boolean {
  return err instanceof TransactionStateError && err.code === '25P02';
}

const key = (i: number): string => `k${i}`;

/**
 * Tx i takes key i (a put, or a lock without a write), then every tx puts key i+1 mod n in order,
 * so the last request closes the cycle. Checks the victim, the survivors' commits in chain order,
 * and the final values.
 *
 * With 'put', each survivor waits for a key its holder changed and commits, so under repeatable
 * read and serializable the survivors after the first would rightly fail with 40001 (first
 * updater wins): 'put' runs those levels only for n = 2, where the holder is the victim, whose
 * write is rolled back. With 'lock' the waited-for keys never change, so every level applies.
 */
async function deadlockCycle(n: number, via: 'put' | 'lock', isolation: IsolationLevel): Promise<void> {
  const db = await openMemory();
  try {
    const deadlocksBefore = db.stats().deadlocks;
    const txs: Transaction[] = [];
    for (let i = 0; i < n; i++) {
      const tx = db.begin({ isolation });
      txs.push(tx);
      if (via === 'put') await tx.put(key(i), `t${i}:first`);
      else await tx.lock(key(i));
    }
    const second = (i: number): Promise<void> => txs[i]!.put(key((i + 1) % n), `t${i}:second`);
    const waits: Array<Tracked<void>> = [];
    for (let i = 0; i < n - 1; i++) waits.push(track(second(i)));
    await settle();
    for (const [i, w] of waits.entries()) assert.equal(w.settled, false, `tx ${i} got key ${i + 1} while it is held`);

    // The last request closes the cycle: it fails at once, and nobody else does.
    const victim = txs[n - 1]!;
    await assert.rejects(second(n - 1), isDeadlock);
    assert.equal(victim.state, 'failed');
    assert.throws(() => victim.get(key(0)), isFailedState);
    // As in PostgreSQL the victim is aborted at the error: its lock goes at once, so the
    // transaction waiting for it proceeds; everyone else still waits for a live holder.
    await settle();
    for (const [i, w] of waits.entries()) {
      if (i === n - 2) {
        assert.equal(w.settled, true, `tx ${i} still waits for the aborted victim's key`);
        assert.equal(w.error, undefined);
      } else assert.equal(w.settled, false, `tx ${i} stopped waiting while its holder is alive`);
    }
    assert.equal(db.stats().deadlocks, (deadlocksBefore ?? 0) + 1);

    // The victim rolls back; each survivor gets its key, commits, and frees the next one.
    victim.rollback();
    assert.equal(victim.state, 'rolled back');
    await Promise.all(
      waits.map(async (w, i) => {
        await w.promise;
        await txs[i]!.commit();
      }),
    );
    for (let i = 0; i < n - 1; i++) assert.equal(txs[i]!.state, 'committed');
    // Key 0 keeps tx 0's first write, if any (the victim never wrote it); key i was last written
    // by tx i-1.
    assert.equal(text(db.get(key(0))), via === 'put' ? 't0:first' : undefined);
    for (let i = 1; i < n; i++) assert.equal(text(db.get(key(i))), `t${i - 1}:second`, `key ${i}`);
    const stats = db.stats();
    assert.equal(stats.activeTransactions, 0);
    assert.equal(stats.locksHeld, 0);
    await db.check();
  } finally {
    await db.close();
  }
}

for (const isolation of ['read committed', 'repeatable read', 'serializable'] as const) {
  test(`deadlock: a cycle of 2 transactions (put, ${isolation})`, { timeout: hangMs }, () =>
    deadlockCycle(2, 'put', isolation),
  );
}
const cycles: Array<[n: number, via: 'put' | 'lock', isolation: IsolationLevel]> = [
  [2, 'lock', 'serializable'],
  [3, 'put', 'read committed'],
  [3, 'lock', 'serializable'],
  [10, 'put', 'read committed'],
  [10, 'lock', 'repeatable read'],
  [10, 'lock', 'serializable'],
];
for (const [n, via, isolation] of cycles) {
  test(`deadlock: a cycle of ${n} transactions (${via}, ${isolation})`, { timeout: hangMs }, () =>
    deadlockCycle(n, via, isolation),
  );
}

test('deadlock: db.transaction rolls the victim back and retries it; everyone commits', { timeout: hangMs }, async () => {
  const db = await openMemory();
  try {
    const n = 3;
    let arrived = 0;
    let release!: () => void;
    const allHoldTheirFirstKey = new Promise<void>((resolve) => (release = resolve));
    const attempts = [0, 0, 0];
    const runs = Array.from({ length: n }, (_, i) =>
      db.transaction(
        async (tx) => {
          attempts[i]!++;
          await tx.put(key(i), `t${i}:first`);
          if (attempts[i] === 1 && ++arrived === n) release();
          if (attempts[i] === 1) await allHoldTheirFirstKey;
          await tx.put(key((i + 1) % n), `t${i}:second`);
          return i;
        },
        // Read committed: the retried transaction then waits for keys the others changed, which
        // under repeatable read would (rightly) fail it again with 40001.
        { retries: 2, isolation: 'read committed' },
      ),
    );
    assert.deepEqual(await Promise.all(runs), [0, 1, 2]);
    // Exactly one transaction was a victim and ran twice.
    assert.equal(attempts.reduce((a, b) => a + b, 0), n + 1, `attempts ${attempts.join(',')}`);
    assert.equal(db.stats().deadlocks, 1);
    const retried = attempts.findIndex((a) => a === 2);
    // The retried transaction committed last, so both its keys hold its values.
    assert.equal(text(db.get(key(retried))), `t${retried}:first`);
    assert.equal(text(db.get(key((retried + 1) % n))), `t${retried}:second`);
    assert.equal(db.stats().locksHeld, 0);
  } finally {
    await db.close();
  }
});

test('lock timeout: a wait longer than lockTimeoutMs fails with 55P03; the holder is unaffected', { timeout: hangMs }, async () => {
  const db = await openMemory({ lockTimeoutMs: 20 });
  try {
    const holder = db.begin();
    await holder.put('k', 'holder');

    // The database's default applies.
    const waiter = db.begin();
    await assert.rejects(waiter.put('k', 'waiter'), isLockTimeout);
    assert.equal(waiter.state, 'failed');
    assert.throws(() => waiter.get('k'), isFailedState);
    await assert.rejects(waiter.commit(), isLockTimeout); // commit of a failed tx: its error, and a rollback
    assert.equal(waiter.state, 'rolled back');

    // A transaction's own lockTimeoutMs applies, for lock() too.
    const short = db.begin({ lockTimeoutMs: 1 });
    await assert.rejects(short.lock('k'), isLockTimeout);
    short.rollback();

    // Autocommit reads are not blocked, and the holder goes on and commits.
    assert.equal(db.get('k'), undefined);
    await holder.put('k2', 'holder');
    await holder.commit();
    assert.equal(text(db.get('k')), 'holder');

    // The timed-out waiters left no trace in the queue: the key is free now.
    const next = db.begin({ lockTimeoutMs: 1 });
    await next.put('k', 'next');
    await next.commit();
    assert.equal(text(db.get('k')), 'next');
    assert.equal(db.stats().locksHeld, 0);
  } finally {
    await db.close();
  }
});

test('lock timeout: a longer per-transaction lockTimeoutMs overrides the database default', { timeout: hangMs }, async () => {
  const db = await openMemory({ lockTimeoutMs: 10 });
  try {
    const holder = db.begin();
    await holder.lock('k');
    const patient = db.begin({ lockTimeoutMs: 60_000 });
    const wait = track(patient.put('k', 'patient'));
    // Release well after the database default would have expired (the timer only delays the
    // release; the assertion holds however late it fires).
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(wait.error, undefined, 'the per-transaction lockTimeoutMs was ignored');
    await holder.commit();
    await wait.promise;
    await patient.commit();
    assert.equal(text(db.get('k')), 'patient');
  } finally {
    await db.close();
  }
});

test('no false deadlock: a chain and a fan-in of waits, served FIFO', { timeout: hangMs }, async () => {
  const db = await openMemory();
  try {
    // Read committed: each waiter then writes a key its holder changed, which is fine only there.
    const begin = (): Transaction => db.begin({ isolation: 'read committed' });
    const [t1, t2, t3, t4] = [begin(), begin(), begin(), begin()];
    await t1.put('a', 't1');
    await t2.put('b', 't2');
    await t3.put('c', 't3');
    await t4.put('d', 't4');
    const t2waitsA = track(t2.put('a', 't2')); // t2 -> t1
    await settle();
    const t3waitsB = track(t3.put('b', 't3')); // t3 -> t2 -> t1: a chain
    await settle();
    const t4waitsA = track(t4.put('a', 't4')); // t4 -> t1 (and behind t2 in a's queue)
    await settle();
    for (const w of [t2waitsA, t3waitsB, t4waitsA]) {
      assert.equal(w.settled, false, `a wait ended early: ${String(w.error)}`);
    }
    assert.equal(db.stats().deadlocks, 0);

    await t1.commit();
    await t2waitsA.promise; // first in a's queue
    await settle();
    assert.equal(t4waitsA.settled, false, 't4 got key a before t2, which asked first, released it');
    assert.equal(t3waitsB.settled, false, 't3 got key b while t2 holds it');
    await t2.commit();
    await Promise.all([t3waitsB.promise, t4waitsA.promise]);
    await t3.commit();
    await t4.commit();
    assert.equal(text(db.get('a')), 't4');
    assert.equal(text(db.get('b')), 't3');
    assert.equal(db.stats().deadlocks, 0);
  } finally {
    await db.close();
  }
});

test('no false deadlock: a timed-out wait leaves no edge in the wait-for graph', { timeout: hangMs }, async () => {
  const db = await openMemory();
  try {
    const t1 = db.begin();
    const t2 = db.begin({ lockTimeoutMs: 1 });
    await t1.put('a', 't1');
    await t2.put('b', 't2');
    await assert.rejects(t2.put('a', 't2'), isLockTimeout); // t2 waited for t1, gave up
    // t1 now waits for b, which failed t2 may still hold until it rolls back: not a cycle.
    const t1waitsB = track(t1.put('b', 't1'));
    await settle();
    assert.ok(!t1waitsB.settled || t1waitsB.error === undefined, `t1 failed: ${String(t1waitsB.error)}`);
    t2.rollback();
    await t1waitsB.promise;
    await t1.commit();
    assert.equal(text(db.get('a')), 't1');
    assert.equal(text(db.get('b')), 't1');
    assert.equal(db.stats().deadlocks, 0);
  } finally {
    await db.close();
  }
});

test('no false deadlock: waiting for a transaction whose own wait has ended', { timeout: hangMs }, async () => {
  // t2 waited for key a and got it when t1 committed; t3 then waits for t2. Were t2 still
  // recorded as waiting for a (now held by t2 itself), t3's wait would meet a loop.
  const db = await openMemory();
  try {
    const begin = (): Transaction => db.begin({ isolation: 'read committed' });
    const t1 = begin();
    const t2 = begin();
    await t1.put('a', 't1');
    await t2.put('b', 't2');
    const t2waitsA = track(t2.put('a', 't2'));
    await settle();
    await t1.commit();
    await t2waitsA.promise;
    const t3 = begin();
    await t3.put('c', 't3');
    const t3waitsB = track(t3.put('b', 't3')); // t3 -> t2 only
    await settle();
    assert.equal(t3waitsB.settled, false);
    await t2.commit();
    await t3waitsB.promise;
    await t3.commit();
    assert.equal(text(db.get('a')), 't2');
    assert.equal(text(db.get('b')), 't3');
    assert.equal(db.stats().deadlocks, 0);
  } finally {
    await db.close();
  }
});

test('autocommit: db.put waits for a transaction lock and runs after commit or rollback', { timeout: hangMs }, async () => {
  const db = await openMemory();
  try {
    await db.put('k', 'before');
    const tx = db.begin();
    await tx.put('k', 'tx');
    const auto = track(db.put('k', 'auto'));
    await settle();
    assert.equal(auto.settled, false, 'an autocommit put went past a transaction lock');
    assert.equal(text(db.get('k')), 'before', 'an uncommitted write is visible');
    await tx.commit();
    await auto.promise;
    assert.equal(text(db.get('k')), 'auto', 'the autocommit put ran before the transaction');

    const rolledBack = db.begin();
    await rolledBack.put('k', 'rolled back');
    const autoDelete = track(db.delete('k'));
    const autoBatch = track(db.batch([{ type: 'put', key: 'k', value: 'batch' }, { type: 'put', key: 'other', value: 'batch' }]));
    await settle();
    assert.equal(autoDelete.settled, false);
    assert.equal(autoBatch.settled, false);
    assert.equal(db.get('other'), undefined, 'half a batch became visible');
    rolledBack.rollback();
    await Promise.all([autoDelete.promise, autoBatch.promise]);
    // FIFO: the delete asked first, so the batch's value is the last.
    assert.equal(text(db.get('k')), 'batch');
    assert.equal(text(db.get('other')), 'batch');
    assert.equal(db.stats().locksHeld, 0);
  } finally {
    await db.close();
  }
});

test('autocommit: a batch and a transaction waiting for each other never hang', { timeout: hangMs }, async () => {
  const db = await openMemory();
  try {
    const tx = db.begin({ isolation: 'read committed' });
    await tx.put('k2', 'tx');
    // The batch wants k1 and k2; k2 is the transaction's.
    const batch = track(db.batch([{ type: 'put', key: 'k1', value: 'batch' }, { type: 'put', key: 'k2', value: 'batch' }]));
    await settle();
    assert.equal(batch.settled, false, 'the batch went past a transaction lock');
    // If the batch holds k1 while it waits, this wait closes a cycle and the transaction is the
    // victim; if the batch takes its locks all at once, the transaction simply gets k1.
    const txWaitsK1 = track(tx.put('k1', 'tx'));
    await settle();
    assert.equal(txWaitsK1.settled, true, 'the transaction and the batch wait for each other: an undetected deadlock');
    if (txWaitsK1.error !== undefined) {
      assert.ok(isDeadlock(txWaitsK1.error), `unexpected ${String(txWaitsK1.error)}`);
      tx.rollback();
    } else {
      await txWaitsK1.promise;
      await tx.commit();
    }
    await batch.promise;
    // Either way the batch ran last and whole.
    assert.equal(text(db.get('k1')), 'batch');
    assert.equal(text(db.get('k2')), 'batch');
    assert.ok(db.stats().deadlocks <= 1);
    assert.equal(db.stats().locksHeld, 0);
  } finally {
    await db.close();
  }
});

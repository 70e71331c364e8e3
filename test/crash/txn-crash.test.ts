/**
 * Crash safety of concurrent transactions (issue 4; architecture invariants 1 and 2): a child
 * process (txn-writer.ts) runs concurrent transfers between accounts at every isolation level
 * with `sync` durability and is SIGKILLed at seeded moments (see killPlan in harness.ts: after
 * open, inside a checkpoint, or while opening). After each kill the database is reopened and:
 *
 * 1. every account is present once, and a point read agrees with the scan;
 * 2. each account's version chain (every value names its writer and the version it replaced)
 *    leads back to the state verified after the previous round through transactions this round
 *    issued, with the balances they logged;
 * 3. every acknowledged commit is on the chain of every account it wrote (durability);
 * 4. every transaction on some chain is on the chains of all the accounts it wrote (atomicity);
 * 5. the balances sum to the initial total;
 * 6. `check()` passes and the database opens again after a clean close.
 *
 * BASALT_TXN_CRASH_SEED replays a run; the directory of a failed run is kept and printed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { open } from '../../src/index.js';
import { deriveSeed, Rng, seedFrom } from '../lib/rng.js';
import { CrashCheckError, describePlan, killPlan, runWriter } from './harness.js';
import { parseLog } from './workload.js';
import { accountKey, decodeBalance, encodeBalance } from './txn-writer.js';
import type { Balance, TxnLogLine, TxnWrite, TxnWriterConfig } from './txn-writer.js';

const writerScript = fileURLToPath(new URL('./txn-writer.js', import.meta.url));

/** Rounds per CI run: several checkpoint and open kills, well under a minute on two cores. */
const rounds = 16;
const accounts = 24;
const clients = 8;
const initialBalance = 1000;
const total = accounts * initialBalance;

/** Per account, the version verified after the last round. */
type State = Map<string, Balance>;

interface RoundLog {
  /** Transaction id -> its logged writes (logged before its commit). */
  readonly intents: Map<string, readonly TxnWrite[]>;
  readonly acked: Set<string>;
  /** Transactions that failed with 40001 or 40P01. */
  readonly aborted: number;
  readonly inCheckpoint: boolean;
}

function readLog(logPath: string): RoundLog {
  const intents = new Map<string, readonly TxnWrite[]>();
  const acked = new Set<string>();
  let aborted = 0;
  let inCheckpoint = false;
  // parseLog reads any JSON-lines log and forgives a torn last line.
  for (const line of parseLog(fs.readFileSync(logPath, 'utf8')) as unknown as TxnLogLine[]) {
    if (line.t === 'I') intents.set(line.id, line.w);
    else if (line.t === 'A') acked.add(line.id);
    else if (line.t === 'X') aborted++;
    else inCheckpoint = line.e === 'start';
  }
  return { intents, acked, aborted, inCheckpoint };
}

/** Open, read every account (scan and point reads), check, close, and open once more. */
async function readAndCheck(dir: string, fail: (m: string) => Error): Promise<State> {
  const db = await open(dir, { durability: 'sync' }).catch((err: unknown) => {
    throw fail(`reopen failed: ${String(err)}`);
  });
  const state: State = new Map();
  try {
    for (const [key, value] of db.range({})) state.set(Buffer.from(key).toString('utf8'), decodeBalance(value));
    const expected = Array.from({ length: accounts }, (_, i) => accountKey(i));
    if ([...state.keys()].join() !== expected.join()) {
      throw fail(`the scan shows keys ${[...state.keys()].join(' ')}, not the ${accounts} accounts`);
    }
    for (const [key, balance] of state) {
      const got = db.get(key);
      if (got === undefined || encodeBalance(decodeBalance(got)) !== encodeBalance(balance)) {
        throw fail(`get('${key}') disagrees with the scan`);
      }
    }
    const entries = db.stats().entries;
    if (entries !== accounts) throw fail(`stats().entries is ${entries}, not ${accounts}`);
    await db.check().catch((err: unknown) => {
      throw fail(`check() failed: ${String(err)}`);
    });
  } finally {
    await db.close();
  }
  const again = await open(dir).catch((err: unknown) => {
    throw fail(`open after a clean close failed: ${String(err)}`);
  });
  await again.close();
  return state;
}

/**
 * Follow each account's versions back to the baseline; returns, per account, the transactions
 * of this round applied to it (checks 2 to 5).
 */
function verifyRound(baseline: State, observed: State, log: RoundLog, fail: (m: string) => Error): Map<string, Set<string>> {
  const applied = new Map<string, Set<string>>();
  const entryOf = (id: string, key: string): TxnWrite | undefined => log.intents.get(id)?.find((w) => w[0] === key);
  for (const [key, base] of baseline) {
    const chain = new Set<string>();
    let version = observed.get(key)!;
    while (version.w !== base.w) {
      const entry = entryOf(version.w, key);
      if (entry === undefined) {
        throw fail(`${key} holds a version by ${version.w}, which logged no write of it this round`);
      }
      if (entry[1] !== version.b || entry[2] !== version.p) {
        throw fail(`${key}: the version by ${version.w} is ${encodeBalance(version)}, but it logged ${JSON.stringify(entry)}`);
      }
      if (chain.has(version.w)) throw fail(`${key}: the version chain loops at ${version.w}`);
      chain.add(version.w);
      if (version.p === base.w) {
        version = base;
        break;
      }
      const prev = entryOf(version.p, key);
      if (prev === undefined) {
        throw fail(`${key}: ${version.w} replaced a version by ${version.p}, which is neither logged nor the baseline`);
      }
      version = { b: prev[1], w: version.p, p: prev[2] };
    }
    if (version.b !== base.b || version.p !== base.p) throw fail(`${key}: the baseline version changed`);
    applied.set(key, chain);
  }
  for (const id of log.acked) {
    const writes = log.intents.get(id);
    if (writes === undefined) throw fail(`${id} was acknowledged without an intent`);
    for (const [key] of writes) {
      if (!applied.get(key)!.has(id)) throw fail(`acknowledged commit ${id} is lost from ${key}`);
    }
  }
  for (const [key, ids] of applied) {
    for (const id of ids) {
      for (const [other] of log.intents.get(id)!) {
        if (!applied.get(other)!.has(id)) throw fail(`${id} is half-applied: on ${key} but not on ${other}`);
      }
    }
  }
  let sum = 0;
  for (const balance of observed.values()) sum += balance.b;
  if (sum !== total) throw fail(`the balances sum to ${sum}, not ${total}`);
  return applied;
}

test(`concurrent transactions survive ${rounds} SIGKILLs: acknowledged commits kept, none half-applied`, async () => {
  const seed = seedFrom('BASALT_TXN_CRASH_SEED', 'transaction crash test');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'basalt-txn-crash-'));
  const dbDir = path.join(workDir, 'db');
  let ok = false;
  try {
    const setup = await open(dbDir, { durability: 'sync' });
    const initial: Balance = { b: initialBalance, w: 'init', p: '' };
    await setup.batch(
      Array.from({ length: accounts }, (_, i) => ({ type: 'put' as const, key: accountKey(i), value: encodeBalance(initial) })),
    );
    await setup.close();
    let baseline: State = new Map(Array.from({ length: accounts }, (_, i) => [accountKey(i), initial]));
    let acked = 0;
    let appliedUnacked = 0;
    let inCheckpoint = 0;
    for (let round = 0; round < rounds; round++) {
      const fail = (message: string): Error => new CrashCheckError(message, seed, round);
      const roundSeed = deriveSeed(seed, round);
      const rng = new Rng(roundSeed);
      const plan = killPlan(rng);
      const logPath = path.join(workDir, `round-${round}.log`);
      fs.writeFileSync(logPath, '');
      const config: TxnWriterConfig = {
        dir: dbDir,
        logPath,
        seed: roundSeed,
        round,
        clients,
        accounts,
        total,
        checkpointEveryMs: rng.range(40, 200),
      };
      await runWriter(config, plan, seed, round, writerScript);
      const log = readLog(logPath);
      const snapshot = path.join(workDir, 'before-reopen');
      fs.rmSync(snapshot, { recursive: true, force: true });
      fs.cpSync(dbDir, snapshot, { recursive: true });
      const observed = await readAndCheck(dbDir, fail);
      const applied = verifyRound(baseline, observed, log, fail);
      const appliedIds = new Set([...applied.values()].flatMap((ids) => [...ids]));
      const extra = [...appliedIds].filter((id) => !log.acked.has(id)).length;
      console.log(
        `# round ${round}: kill ${describePlan(plan)}${log.inCheckpoint ? ' (inside checkpoint())' : ''}: ` +
          `${log.intents.size} transactions logged, ${log.acked.size} acknowledged, ${appliedIds.size} applied ` +
          `(${extra} unacknowledged), ${log.aborted} aborted (40001/40P01)`,
      );
      acked += log.acked.size;
      appliedUnacked += extra;
      if (log.inCheckpoint) inCheckpoint++;
      baseline = observed;
      fs.rmSync(logPath, { force: true });
    }
    console.log(
      `# transaction crash test, seed ${seed}: ${rounds} rounds, ${acked} acknowledged commits, ` +
        `${appliedUnacked} applied without an ack, ${inCheckpoint} kills inside checkpoint()`,
    );
    assert.ok(acked > 0, 'no commit was acknowledged: the test checked nothing');
    ok = true;
  } finally {
    if (ok) fs.rmSync(workDir, { recursive: true, force: true });
    else console.log(`# transaction crash test failed; directory kept in ${workDir}`);
  }
});

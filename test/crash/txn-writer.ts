/**
 * The transaction crash writer: a child process that opens a database with `sync` durability and
 * runs concurrent transactions over a fixed set of accounts until the harness SIGKILLs it:
 * transfers between two accounts, splits from one account to two, and read-only audits that
 * check the total. It speaks the harness protocol on stdout (`ready`, `checkpoint`, see
 * harness.ts) and keeps an intent/ack log:
 *
 * | line                                         | written                                   |
 * |----------------------------------------------|-------------------------------------------|
 * | `{"t":"I","id":id,"w":[[key,balance,prev]..]}` | in the transaction, after its writes, before commit |
 * | `{"t":"A","id":id}`                          | after the commit's promise resolved       |
 * | `{"t":"X","code":code}`                      | after a transaction failed with 40001/40P01 |
 * | `{"t":"C","e":"start"}` / `"end"`            | around each `checkpoint()` call           |
 *
 * Every balance is stored as JSON `{"b":balance,"w":writer id,"p":id of the version it replaced}`,
 * so the parent can follow each account's chain of versions back to the previous round and tell
 * exactly which transactions were applied.
 *
 * Usage: node txn-writer.js '<json TxnWriterConfig>'
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DeadlockError, NodeFileSystem, SerializationError, open } from '../../src/index.js';
import type { IsolationLevel, Transaction } from '../../src/index.js';
import { Rng } from '../lib/rng.js';
import { startCheckpoints } from './checkpoints.js';

export interface TxnWriterConfig {
  readonly dir: string;
  readonly logPath: string;
  readonly seed: number;
  readonly round: number;
  /** Transactions in flight at once. */
  readonly clients: number;
  /** Accounts, keyed by `accountKey(i)`, created by the parent before the first round. */
  readonly accounts: number;
  /** The sum of all balances. */
  readonly total: number;
  /** Mean pause between checkpoints, in milliseconds (0 = never call checkpoint). */
  readonly checkpointEveryMs: number;
}

/** A stored balance: its amount, the transaction that wrote it, and the one it replaced. */
export interface Balance {
  readonly b: number;
  readonly w: string;
  readonly p: string;
}

/** One write of a transaction, as logged: key, new balance, writer of the replaced version. */
export type TxnWrite = readonly [key: string, balance: number, prev: string];

export type TxnLogLine =
  | { readonly t: 'I'; readonly id: string; readonly w: readonly TxnWrite[] }
  | { readonly t: 'A'; readonly id: string }
  | { readonly t: 'X'; readonly code: string }
  | { readonly t: 'C'; readonly e: 'start' | 'end' };

export function accountKey(i: number): string {
  return `acct:${String(i).padStart(4, '0')}`;
}

export function encodeBalance(balance: Balance): string {
  return JSON.stringify(balance);
}

export function decodeBalance(bytes: Uint8Array): Balance {
  return JSON.parse(Buffer.from(bytes).toString('utf8')) as Balance;
}

/** Most transactions a round issues: a bound on the loop; the kill always comes first. */
const txnsPerRoundMax = 1_000_000;

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as TxnWriterConfig;
  const rng = new Rng(config.seed);
  const logFd = fs.openSync(config.logPath, 'a');
  const log = (line: TxnLogLine): void => {
    fs.writeSync(logFd, `${JSON.stringify(line)}\n`);
  };
  const db = await open(config.dir, { fs: new NodeFileSystem(), durability: 'sync' });
  process.stdout.write('ready\n');
  const keys = Array.from({ length: config.accounts }, (_, i) => accountKey(i));

  let issued = 0;
  const client = async (c: number): Promise<void> => {
    for (let i = 0; issued < txnsPerRoundMax; i++) {
      issued++;
      const id = `r${config.round}.c${c}.${i}`;
      const roll = rng.int(100);
      const picked = new Set<string>();
      while (picked.size < 3) picked.add(rng.pick(keys));
      const [a, b, c2] = [...picked] as [string, string, string];
      const isolation = rng.pick(isolations);
      const amount = rng.range(1, 50);
      try {
        if (roll < 15) {
          await db.transaction((tx) => audit(tx, config.total), { isolation, readOnly: true, retries: 0 });
          continue;
        }
        const moves: Array<[key: string, delta: number]> =
          roll < 30 ? [[a, -2 * amount], [b, amount], [c2, amount]] : [[a, -amount], [b, amount]];
        const wrote = await db.transaction((tx) => move(tx, id, moves, isolation, log), { isolation, retries: 0 });
        if (wrote) log({ t: 'A', id });
      } catch (err) {
        if (!(err instanceof SerializationError || err instanceof DeadlockError)) throw err;
        log({ t: 'X', code: err.code });
      }
    }
  };

  const stopCheckpoints = startCheckpoints(db, rng, config.checkpointEveryMs, log);
  await Promise.all(Array.from({ length: config.clients }, (_, c) => client(c)));
  await stopCheckpoints();
  await db.close();
}

const isolations: readonly IsolationLevel[] = ['serializable', 'repeatable read', 'read committed'];

/**
 * Apply balance changes if the paying account has enough; logs the intent before the commit.
 * Under read committed the keys are locked before they are read (SELECT ... FOR UPDATE), since
 * each read there sees the latest commit and a plain read-modify-write could lose an update.
 */
async function move(
  tx: Transaction,
  id: string,
  moves: ReadonlyArray<readonly [key: string, delta: number]>,
  isolation: IsolationLevel,
  log: (line: TxnLogLine) => void,
): Promise<boolean> {
  if (isolation === 'read committed') for (const [key] of moves) await tx.lock(key);
  const before = moves.map(([key]) => read(tx, key));
  if (moves.some(([, delta], i) => before[i]!.b + delta < 0)) return false;
  const writes: TxnWrite[] = moves.map(([key, delta], i) => [key, before[i]!.b + delta, before[i]!.w]);
  for (const [key, balance, prev] of writes) await tx.put(key, encodeBalance({ b: balance, w: id, p: prev }));
  log({ t: 'I', id, w: writes });
  return true;
}

/** Read every account via the range and check the total; throws (ending the writer) if it is off. */
async function audit(tx: Transaction, total: number): Promise<void> {
  let sum = 0;
  for (const [, value] of tx.range({ prefix: 'acct:' })) sum += decodeBalance(value).b;
  if (sum !== total) throw new Error(`audit saw a total of ${sum}, not ${total}`);
}

function read(tx: Transaction, key: string): Balance {
  const bytes = tx.get(key);
  if (bytes === undefined) throw new Error(`account ${key} is missing`);
  return decodeBalance(bytes);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    process.stderr.write(`txn writer failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(70);
  });
}

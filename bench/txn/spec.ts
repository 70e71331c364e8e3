/**
 * What the transaction suite's parent asks a worker child to do, and the shape of its workloads.
 *
 * Two workloads, each a stream of small read-write transactions issued by concurrent clients:
 *
 * | workload    | reads per transaction                                   | writes per transaction                    |
 * |-------------|---------------------------------------------------------|-------------------------------------------|
 * | uncontended | 10 point reads of uniformly random preloaded keys        | 2 blind puts of random preloaded keys     |
 * | contended   | 6 random cold keys + 2 hot keys read only + the 2 counters | 2 hot counters: read, write counter + 1 |
 *
 * The hot set is `hotKeys` counters (16 by default) stored next to the preloaded table; every
 * contended transaction increments two distinct counters and reads two other hot keys, so
 * clients collide on nearly every transaction. At the end of a contended phase the counters must
 * have grown by exactly the number of increments the committed transactions made.
 */
import type { DeviceSpec, EngineSpec } from '../lib/worker-spec.js';

export const txnWorkloads = ['uncontended', 'contended'] as const;
export type TxnWorkload = (typeof txnWorkloads)[number];

export function isTxnWorkload(name: string): name is TxnWorkload {
  return (txnWorkloads as readonly string[]).includes(name);
}

/** Isolation levels the suite asks for (basaltdb runs both; the peers have a single writer). */
export const txnIsolations = ['serializable', 'repeatable read'] as const;
export type TxnIsolation = (typeof txnIsolations)[number];

/** Point reads of every transaction (for contended: cold + hot read-only + the counters). */
export const readsPerTxn = 10;
/** Writes of every transaction. */
export const writesPerTxn = 2;
/** Contended: hot keys each transaction reads without writing them. */
export const hotReadsPerTxn = 2;
/** Contended: random cold keys each transaction reads. */
export const coldReadsPerContendedTxn = readsPerTxn - writesPerTxn - hotReadsPerTxn;
/** The contended workload needs this many distinct hot keys (2 counters + 2 read-only). */
export const hotKeysMin = writesPerTxn + hotReadsPerTxn;

/** One step run inside an engine's child, in order. */
export type TxnPhase =
  | {
      /**
       * Load `records` keys of the key-value suite's shape (16-byte keys, 100-byte values) in
       * seeded random order, `batch` per durable batch, plus `hotKeys` counters at 0; then close
       * and reopen the database (the load goes through the key-value suite's adapter, the
       * transactions through this suite's), and scan it once so every engine starts cached.
       */
      readonly kind: 'load';
      readonly id: string;
      readonly records: number;
      readonly batch: number;
      readonly hotKeys: number;
    }
  | {
      /** Transactions of `workload` from `clients` concurrent clients for `seconds` (after an untimed warm-up). */
      readonly kind: 'run';
      readonly id: string;
      readonly workload: TxnWorkload;
      readonly clients: number;
      readonly isolation: TxnIsolation;
      /** Retries of a transaction that failed with a serialization failure or deadlock. */
      readonly retries: number;
      readonly seconds: number;
      readonly warmSeconds: number;
      readonly records: number;
      readonly hotKeys: number;
    };

export type TxnEngineSpec = EngineSpec<TxnPhase>;

/** The device probe runs before the first engine and after the last. */
export type TxnDeviceSpec = DeviceSpec;

export type TxnWorkerSpec = TxnEngineSpec | TxnDeviceSpec;

/** Result id of a run phase, e.g. "uncontended/64" or "contended/64". */
export function runId(workload: TxnWorkload, clients: number): string {
  return `${workload}/${clients}`;
}

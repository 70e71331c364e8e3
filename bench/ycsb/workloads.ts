/**
 * YCSB's core workloads A–F (CoreWorkload + workloads/workload{a..f}) as deterministic streams of
 * operations: the same (workload, record count, operation count, seed, client index, client
 * count) gives the same operations, byte for byte, for every engine.
 *
 * What is YCSB's, and where this differs:
 * - Proportions, request distributions, scan lengths, field count and length, readallfields=true,
 *   writeallfields=false, insertorder=hashed and zeropadding=1 are the property files' values
 *   over CoreWorkload's defaults (`ycsbWorkloads` below).
 * - Keys: `buildKeyName`: "user" + decimal FNV-64 hash of the key number (hashed insert order),
 *   left-padded with zeros to `zeroPadding` digits (default 1: no padding).
 * - Load: key numbers 0..recordCount−1, each inserted once with all fields. YCSB's load threads
 *   share one counter; here client c of N loads c, c+N, c+2N, ... (the same set of records).
 * - Run: the operation chooser picks read / update / insert / scan / read-modify-write; key
 *   numbers come from the request distribution and are redrawn while they name a record not yet
 *   acknowledged (YCSB's `nextKeynum`); for zipfian the scrambled generator's item space is
 *   recordCount + 2·operationCount·insertProportion + 1 keys (YCSB's "expected new keys" fudge).
 * - Several clients: YCSB's threads share the generators, so which thread gets which key depends
 *   on timing. Here each client has its own seeded generators, so its sequence is fixed. Client c
 *   of N inserts key numbers recordCount + c, recordCount + c + N, ... and sees (for key choice)
 *   the loaded records plus its own acknowledged inserts, never another client's. With one client
 *   this is exactly YCSB's single-thread behaviour.
 * - Running a workload twice on one database (one client, then N): the second run's inserts
 *   would name the first run's key numbers. `insertKeyOffset` moves this stream's whole
 *   "beyond the load" part of the key space up by that many key numbers (its inserts and the
 *   key choices that land past the load alike), so a later run inserts fresh keys and reads only
 *   the load and its own inserts, as on a fresh load; offset 0 (the default) is YCSB's numbering.
 * - Record values: one binary encoding for every engine (record.ts); fields come from a seeded
 *   pool of random printable fields instead of fresh random bytes per write.
 * - Update with writeallfields=false writes one field. A key-value engine has no partial update,
 *   so the runner performs it as get → replace the field (`withField`) → put, the same work as
 *   read-modify-write; every engine, SQLite included, does it that way, so all do the same work.
 *   YCSB's update against a store with native field updates would skip the read.
 */
import { Prng } from '../lib/prng.js';
import { decimalDigitsInto, decimalHalves, fnvResult, fnvhash64Halves } from './fnv64.js';
import {
  AcknowledgedCounterGenerator,
  DiscreteGenerator,
  ScrambledZipfianGenerator,
  SkewedLatestGenerator,
  UniformLongGenerator,
} from './generators.js';
import type { NumberGenerator } from './generators.js';
import { FieldPool, fieldPoolSize } from './record.js';

export const ycsbWorkloadNames = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type YcsbWorkloadName = (typeof ycsbWorkloadNames)[number];

export function isYcsbWorkloadName(name: string): name is YcsbWorkloadName {
  return (ycsbWorkloadNames as readonly string[]).includes(name);
}

export const requestDistributions = ['uniform', 'zipfian', 'latest'] as const;
export type RequestDistribution = (typeof requestDistributions)[number];

export const ycsbOpKinds = ['read', 'update', 'insert', 'scan', 'readModifyWrite'] as const;
export type YcsbOpKind = (typeof ycsbOpKinds)[number];

/** The CoreWorkload properties this suite uses (YCSB property names in the comments). */
export interface YcsbWorkload {
  readonly name: YcsbWorkloadName;
  readonly title: string;
  readonly readProportion: number; // readproportion
  readonly updateProportion: number; // updateproportion
  readonly insertProportion: number; // insertproportion
  readonly scanProportion: number; // scanproportion
  readonly readModifyWriteProportion: number; // readmodifywriteproportion
  readonly requestDistribution: RequestDistribution; // requestdistribution
  readonly minScanLength: number; // minscanlength
  readonly maxScanLength: number; // maxscanlength (scanlengthdistribution=uniform)
  readonly fieldCount: number; // fieldcount
  readonly fieldLength: number; // fieldlength (fieldlengthdistribution=constant)
  readonly readAllFields: boolean; // readallfields
  readonly writeAllFields: boolean; // writeallfields
  readonly orderedInserts: boolean; // insertorder=ordered (false: hashed)
  readonly zeroPadding: number; // zeropadding
}

/** CoreWorkload's defaults for every property a workload file does not set. */
const coreDefaults = {
  readProportion: 0.95,
  updateProportion: 0.05,
  insertProportion: 0,
  scanProportion: 0,
  readModifyWriteProportion: 0,
  requestDistribution: 'uniform',
  minScanLength: 1,
  maxScanLength: 1000,
  fieldCount: 10,
  fieldLength: 100,
  readAllFields: true,
  writeAllFields: false,
  orderedInserts: false,
  zeroPadding: 1,
} as const satisfies Omit<YcsbWorkload, 'name' | 'title'>;

/** workloads/workloada..f of the YCSB distribution, over CoreWorkload's defaults. */
export const ycsbWorkloads: Readonly<Record<YcsbWorkloadName, YcsbWorkload>> = {
  a: {
    ...coreDefaults,
    name: 'a',
    title: 'A: update heavy (50% read, 50% update, zipfian)',
    readProportion: 0.5,
    updateProportion: 0.5,
    requestDistribution: 'zipfian',
  },
  b: {
    ...coreDefaults,
    name: 'b',
    title: 'B: read mostly (95% read, 5% update, zipfian)',
    readProportion: 0.95,
    updateProportion: 0.05,
    requestDistribution: 'zipfian',
  },
  c: {
    ...coreDefaults,
    name: 'c',
    title: 'C: read only (100% read, zipfian)',
    readProportion: 1,
    updateProportion: 0,
    requestDistribution: 'zipfian',
  },
  d: {
    ...coreDefaults,
    name: 'd',
    title: 'D: read latest (95% read, 5% insert, latest)',
    readProportion: 0.95,
    updateProportion: 0,
    insertProportion: 0.05,
    requestDistribution: 'latest',
  },
  e: {
    ...coreDefaults,
    name: 'e',
    title: 'E: short ranges (95% scan of 1–100 records, 5% insert, zipfian)',
    readProportion: 0,
    updateProportion: 0,
    scanProportion: 0.95,
    insertProportion: 0.05,
    requestDistribution: 'zipfian',
    maxScanLength: 100,
  },
  f: {
    ...coreDefaults,
    name: 'f',
    title: 'F: read-modify-write (50% read, 50% read-modify-write, zipfian)',
    readProportion: 0.5,
    updateProportion: 0,
    readModifyWriteProportion: 0.5,
    requestDistribution: 'zipfian',
  },
};

/**
 * Default sizes for a 2-core, 24 GiB machine: about 500 MB of records per engine (1,021-byte
 * records), which every engine's cache or the OS page cache holds, and which the four engines
 * load twice (E has its own load) in about three minutes in all. The run phases are also bounded
 * by time (bench/ycsb/run.ts), since durable writes go at the disk's fsync rate.
 */
export const ycsbProfiles = {
  full: { recordCount: 500_000, operationCount: 1_000_000 },
  quick: { recordCount: 20_000, operationCount: 20_000 },
} as const;

/**
 * YCSB's `CoreWorkload.buildKeyName`: "user" + the key number (its FNV-64 hash unless inserts
 * are ordered) in decimal, zero-padded on the left to `zeroPadding` digits.
 */
export function buildKeyName(keyNumber: number, zeroPadding = 1, orderedInserts = false): string {
  let digits: string;
  if (orderedInserts) {
    digits = String(keyNumber);
  } else {
    fnvhash64Halves(keyNumber);
    digits = decimalHalves(fnvResult.hi, fnvResult.lo);
  }
  const fill = zeroPadding - digits.length;
  return fill > 0 ? 'user' + '0'.repeat(fill) + digits : 'user' + digits;
}

const keyPrefix = Buffer.from('user', 'latin1');
const keyDigits = new Uint8Array(20);

/**
 * The key of `keyNumber` in `workload` as bytes (ASCII), as engines receive it: the bytes of
 * `buildKeyName`, built without an intermediate string. A fresh buffer each call.
 */
export function keyBytes(workload: YcsbWorkload, keyNumber: number): Buffer {
  if (workload.orderedInserts || workload.zeroPadding > 1) {
    return Buffer.from(buildKeyName(keyNumber, workload.zeroPadding, workload.orderedInserts), 'latin1');
  }
  fnvhash64Halves(keyNumber);
  const start = decimalDigitsInto(fnvResult.hi, fnvResult.lo, keyDigits);
  const out = Buffer.allocUnsafe(keyPrefix.length + keyDigits.length - start);
  out.set(keyPrefix, 0);
  out.set(keyDigits.subarray(start), keyPrefix.length);
  return out;
}

interface OpBase {
  /** YCSB's key number (before hashing into the key name). */
  readonly keyNumber: number;
  /** The key bytes: "user" + hashed key number. A fresh buffer per operation. */
  readonly key: Buffer;
}

/**
 * One operation. Field values and records are never mutated after they are handed out; engines
 * may keep references to them.
 */
export type YcsbOp =
  | (OpBase & { readonly kind: 'read' })
  /** Rewrite one field: get, replace field `field` with `fieldValue` (`withField`), put. */
  | (OpBase & { readonly kind: 'update'; readonly field: number; readonly fieldValue: Buffer })
  /** Insert a new record (all fields), encoded by record.ts. */
  | (OpBase & { readonly kind: 'insert'; readonly record: Buffer })
  /** Read `scanLength` records in key order from the first key >= `key`. */
  | (OpBase & { readonly kind: 'scan'; readonly scanLength: number })
  /** Read the record, then rewrite one field as `update` does; timed as one operation. */
  | (OpBase & { readonly kind: 'readModifyWrite'; readonly field: number; readonly fieldValue: Buffer });

export interface StreamOptions {
  readonly workload: YcsbWorkload | YcsbWorkloadName;
  readonly recordCount: number;
  readonly seed: number;
  /** This client, 0 <= clientIndex < clientCount. */
  readonly clientIndex: number;
  readonly clientCount: number;
}

export interface OperationStreamOptions extends StreamOptions {
  /** Operations of the whole run phase, over all clients (YCSB's operationcount). */
  readonly operationCount: number;
  /**
   * 'auto' (default): an insert counts as acknowledged as soon as the next operation is asked
   * for, which is exact for a client that completes each operation before starting the next (a
   * YCSB client thread). 'manual': the runner calls `acknowledge(keyNumber)` when the insert is
   * durable; use it when a client keeps several operations in flight.
   */
  readonly acknowledge?: 'auto' | 'manual';
  /**
   * Key numbers this stream uses past the load are moved up by this much (default 0): see the
   * header. A runner that repeats a workload with inserts on one database passes a bound on the
   * earlier runs' inserts.
   */
  readonly insertKeyOffset?: number;
}

function resolveWorkload(w: YcsbWorkload | YcsbWorkloadName): YcsbWorkload {
  return typeof w === 'string' ? ycsbWorkloads[w] : w;
}

function checkClient(o: StreamOptions): void {
  if (!(Number.isSafeInteger(o.recordCount) && o.recordCount >= 2)) throw new RangeError(`recordCount ${o.recordCount} must be >= 2`);
  if (!(Number.isSafeInteger(o.clientCount) && o.clientCount >= 1)) throw new RangeError(`clientCount ${o.clientCount} must be >= 1`);
  if (!(Number.isSafeInteger(o.clientIndex) && o.clientIndex >= 0 && o.clientIndex < o.clientCount)) {
    throw new RangeError(`clientIndex ${o.clientIndex} not in 0..${o.clientCount - 1}`);
  }
}

/** How many of `total` operations client `clientIndex` of `clientCount` performs (YCSB's split). */
export function clientShare(total: number, clientIndex: number, clientCount: number): number {
  const base = Math.floor(total / clientCount);
  return base + (clientIndex < total % clientCount ? 1 : 0);
}

/** A 32-bit mix (murmur3's finalizer) for per-record field choices that need no stream state. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The records of the load phase for one client: key numbers clientIndex, clientIndex + N, ...
 * below recordCount, in that order, each with all fields. A record's bytes depend only on the
 * seed and its key number, not on the client split.
 */
export class LoadStream {
  readonly workload: YcsbWorkload;
  /** Records this client inserts. */
  readonly count: number;
  private readonly pool: FieldPool;
  private readonly indexes: Uint32Array;
  private nextKeyNumber: number;

  constructor(private readonly options: StreamOptions) {
    checkClient(options);
    this.workload = resolveWorkload(options.workload);
    this.count = clientShare(options.recordCount, options.clientIndex, options.clientCount);
    this.pool = FieldPool.get(options.seed, this.workload.fieldLength);
    this.indexes = new Uint32Array(this.workload.fieldCount);
    this.nextKeyNumber = options.clientIndex;
  }

  /** The next insert, or undefined when this client's share is loaded. */
  next(): (YcsbOp & { kind: 'insert' }) | undefined {
    const keyNumber = this.nextKeyNumber;
    if (keyNumber >= this.options.recordCount) return undefined;
    this.nextKeyNumber += this.options.clientCount;
    return { kind: 'insert', keyNumber, key: keyBytes(this.workload, keyNumber), record: this.loadRecord(keyNumber) };
  }

  /** The record key number `keyNumber` gets at load time. */
  loadRecord(keyNumber: number): Buffer {
    const lo = keyNumber >>> 0;
    const hi = Math.floor(keyNumber / 4294967296);
    const seedMix = fmix32(this.options.seed >>> 0);
    for (let f = 0; f < this.indexes.length; f++) {
      this.indexes[f] = fmix32(fmix32(seedMix ^ lo) ^ Math.imul(f + 1, 0x9e3779b9) ^ hi) % fieldPoolSize;
    }
    return this.pool.record(this.workload.fieldCount, this.indexes);
  }
}

/** Bound on redraws of one key choice; a bound this far out means a bug, not bad luck. */
const keyRedrawsMax = 1_000_000;

/**
 * The run phase for one client. `next()` returns this client's operations in order, then
 * undefined. Every random choice comes from one Prng seeded by (seed, workload, client index,
 * client count), drawn in a fixed order per operation: the operation kind, then the key number,
 * then (update, read-modify-write) the field and its new value, (insert) the record's fields or
 * (scan) the length.
 */
export class OperationStream {
  readonly workload: YcsbWorkload;
  /** Operations this client performs. */
  readonly count: number;
  /** Key numbers [0, keySpace) are what the zipfian chooser draws from (YCSB's item count). */
  readonly keySpace: number;
  private readonly recordCount: number;
  private readonly clientIndex: number;
  private readonly clientCount: number;
  private readonly autoAcknowledge: boolean;
  private readonly insertKeyOffset: number;
  private readonly prng: Prng;
  private readonly pool: FieldPool;
  private readonly chooser: DiscreteGenerator<YcsbOpKind>;
  /** Inserts in this client's logical numbering: recordCount, recordCount + 1, ... */
  private readonly inserts: AcknowledgedCounterGenerator;
  private readonly keyChooser: NumberGenerator;
  private readonly fieldChooser: UniformLongGenerator;
  private readonly scanLength: UniformLongGenerator;
  private readonly fieldIndexes: Uint32Array;
  private issued = 0;
  /** Auto mode: the logical number of the insert handed out last, acknowledged on the next call. */
  private autoAckPending = -1;

  constructor(options: OperationStreamOptions) {
    checkClient(options);
    if (!(Number.isSafeInteger(options.operationCount) && options.operationCount >= 0)) {
      throw new RangeError(`operationCount ${options.operationCount} must be >= 0`);
    }
    const w = resolveWorkload(options.workload);
    this.workload = w;
    this.recordCount = options.recordCount;
    this.clientIndex = options.clientIndex;
    this.clientCount = options.clientCount;
    this.count = clientShare(options.operationCount, options.clientIndex, options.clientCount);
    this.autoAcknowledge = (options.acknowledge ?? 'auto') === 'auto';
    this.insertKeyOffset = options.insertKeyOffset ?? 0;
    if (!(Number.isSafeInteger(this.insertKeyOffset) && this.insertKeyOffset >= 0)) {
      throw new RangeError(`insertKeyOffset ${this.insertKeyOffset} must be a non-negative integer`);
    }
    this.prng = new Prng(`ycsb-run/${options.seed}/${w.name}/${options.clientIndex}/${options.clientCount}`);
    this.pool = FieldPool.get(options.seed, w.fieldLength);
    this.fieldIndexes = new Uint32Array(w.fieldCount);

    // CoreWorkload.createOperationGenerator: only positive proportions, in this order.
    this.chooser = new DiscreteGenerator<YcsbOpKind>(this.prng);
    if (w.readProportion > 0) this.chooser.addValue(w.readProportion, 'read');
    if (w.updateProportion > 0) this.chooser.addValue(w.updateProportion, 'update');
    if (w.insertProportion > 0) this.chooser.addValue(w.insertProportion, 'insert');
    if (w.scanProportion > 0) this.chooser.addValue(w.scanProportion, 'scan');
    if (w.readModifyWriteProportion > 0) this.chooser.addValue(w.readModifyWriteProportion, 'readModifyWrite');

    this.inserts = new AcknowledgedCounterGenerator(this.recordCount);
    this.keySpace = this.recordCount;
    switch (w.requestDistribution) {
      case 'uniform':
        this.keyChooser = new UniformLongGenerator(this.prng, 0, this.recordCount - 1);
        break;
      case 'zipfian': {
        // YCSB sizes the item space for the inserts it expects (twice the expected count), so
        // the popular items stay put while inserts grow the table.
        const expectedNewKeys = Math.floor(options.operationCount * w.insertProportion * 2);
        this.keySpace = this.recordCount + expectedNewKeys + 1;
        this.keyChooser = new ScrambledZipfianGenerator(this.prng, 0, this.recordCount + expectedNewKeys);
        break;
      }
      case 'latest':
        this.keyChooser = new SkewedLatestGenerator(this.prng, this.inserts);
        break;
      default: {
        const never: never = w.requestDistribution;
        throw new Error(`unknown request distribution ${String(never)}`);
      }
    }
    this.fieldChooser = new UniformLongGenerator(this.prng, 0, w.fieldCount - 1);
    this.scanLength = new UniformLongGenerator(this.prng, w.minScanLength, w.maxScanLength);
  }

  /** Operations not yet handed out. */
  get remaining(): number {
    return this.count - this.issued;
  }

  /** Inserts handed out and not yet acknowledged. */
  get pendingInserts(): number {
    return this.inserts.pending;
  }

  /** The key number of this client's logical insert `logical` (>= recordCount). */
  private insertKeyNumber(logical: number): number {
    return this.recordCount + this.insertKeyOffset + (logical - this.recordCount) * this.clientCount + this.clientIndex;
  }

  /** A drawn key number, moved past `insertKeyOffset` when it lies beyond the load. */
  private shifted(keyNumber: number): number {
    return keyNumber < this.recordCount ? keyNumber : keyNumber + this.insertKeyOffset;
  }

  /**
   * Manual mode: marks the insert of `keyNumber` (from this stream) as done, so later key
   * choices may pick it. In auto mode the stream does this itself.
   */
  acknowledge(keyNumber: number): void {
    if (this.autoAcknowledge) throw new Error("acknowledge() needs the stream's acknowledge: 'manual' option");
    const offset = keyNumber - this.recordCount - this.insertKeyOffset - this.clientIndex;
    if (offset < 0 || offset % this.clientCount !== 0) throw new RangeError(`key ${keyNumber} is not an insert of this client`);
    this.inserts.acknowledge(this.recordCount + offset / this.clientCount);
  }

  /** Whether key choices may name `keyNumber` now: loaded, or an acknowledged insert of ours. */
  private visible(keyNumber: number): boolean {
    if (keyNumber < this.recordCount) return true;
    const offset = keyNumber - this.recordCount - this.insertKeyOffset - this.clientIndex;
    if (offset < 0 || offset % this.clientCount !== 0) return false;
    return this.recordCount + offset / this.clientCount <= this.inserts.lastValue();
  }

  /** YCSB's `nextKeynum`: draw until the key is one the database has acknowledged. */
  private nextKeyNumber(): number {
    if (this.workload.requestDistribution === 'latest') {
      const logical = this.keyChooser.next();
      return logical < this.recordCount ? logical : this.insertKeyNumber(logical);
    }
    for (let tries = 0; tries < keyRedrawsMax; tries++) {
      const keyNumber = this.shifted(this.keyChooser.next());
      if (this.visible(keyNumber)) return keyNumber;
    }
    throw new Error(`no visible key after ${keyRedrawsMax} draws (key space ${this.keySpace})`);
  }

  private key(keyNumber: number): Buffer {
    return keyBytes(this.workload, keyNumber);
  }

  /** The next operation of this client, or undefined when it has done its share. */
  next(): YcsbOp | undefined {
    if (this.autoAckPending >= 0) {
      this.inserts.acknowledge(this.autoAckPending);
      this.autoAckPending = -1;
    }
    if (this.issued >= this.count) return undefined;
    this.issued++;
    const kind = this.chooser.next();
    switch (kind) {
      case 'read': {
        const keyNumber = this.nextKeyNumber();
        return { kind, keyNumber, key: this.key(keyNumber) };
      }
      case 'update':
      case 'readModifyWrite': {
        const keyNumber = this.nextKeyNumber();
        const field = this.fieldChooser.next();
        const fieldValue = this.pool.field(this.prng.nextInt(fieldPoolSize));
        return { kind, keyNumber, key: this.key(keyNumber), field, fieldValue };
      }
      case 'insert': {
        const logical = this.inserts.next();
        const keyNumber = this.insertKeyNumber(logical);
        for (let f = 0; f < this.fieldIndexes.length; f++) this.fieldIndexes[f] = this.prng.nextInt(fieldPoolSize);
        const record = this.pool.record(this.workload.fieldCount, this.fieldIndexes);
        if (this.autoAcknowledge) this.autoAckPending = logical;
        return { kind, keyNumber, key: this.key(keyNumber), record };
      }
      case 'scan': {
        const keyNumber = this.nextKeyNumber();
        const scanLength = this.scanLength.next();
        return { kind, keyNumber, key: this.key(keyNumber), scanLength };
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown operation ${String(never)}`);
      }
    }
  }
}

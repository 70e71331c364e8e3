/** A keyspace: the key-value methods over its own slice of the tree. */
import { InvalidArgumentError, LimitExceededError } from '../errors.js';
import { batchBytesMax, batchOpsMax } from '../limits.js';
import type { KeyBounds } from '../storage/index.js';
import { internalKey, keyspacePrefix, opBytes, toByteString, valueBytes, type Op } from './codec.js';
import type { Engine } from './engine.js';
import type { BatchOp, Bytes, RangeOptions } from './types.js';

/** The byte string just above every string that starts with `p` (undefined: none). */
function prefixEnd(p: string): string | undefined {
  let i = p.length - 1;
  while (i >= 0 && p.charCodeAt(i) === 0xff) i--;
  if (i < 0) return undefined;
  return p.slice(0, i) + String.fromCharCode(p.charCodeAt(i) + 1);
}

export class Keyspace {
  /** @internal */
  readonly prefix: string;
  /** @internal */
  persisted: boolean;

  /** @internal */
  constructor(
    /** @internal */ protected readonly engine: Engine,
    /** The keyspace's name ('' for the database's default keyspace). */
    readonly name: string,
    /** @internal */ readonly id: number,
    persisted: boolean,
  ) {
    this.prefix = keyspacePrefix(id);
    this.persisted = persisted;
  }

  /** The value stored under `key`, or undefined. Synchronous; returns a copy. */
  get(key: Bytes): Uint8Array | undefined {
    return this.engine.get(internalKey(this.prefix, key));
  }

  /** Store `value` under `key`. Resolves when durable according to the durability mode. */
  put(key: Bytes, value: Bytes): Promise<void> {
    try {
      return this.engine.autocommit([{ key: internalKey(this.prefix, key), value: valueBytes(value) }], this);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Delete `key` (no error when absent). Resolves when durable. */
  delete(key: Bytes): Promise<void> {
    try {
      return this.engine.autocommit([{ key: internalKey(this.prefix, key), value: undefined }], this);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Apply every operation atomically: after a crash, all of them or none are there. */
  batch(ops: readonly BatchOp[]): Promise<void> {
    try {
      if (!Array.isArray(ops)) throw new InvalidArgumentError('batch expects an array of operations');
      if (ops.length > batchOpsMax) throw new LimitExceededError(`batch of ${ops.length} operations exceeds batchOpsMax (${batchOpsMax})`);
      const out: Op[] = [];
      let bytes = 0;
      for (const op of ops) {
        let o: Op;
        if (op?.type === 'put') o = { key: internalKey(this.prefix, op.key), value: valueBytes(op.value) };
        else if (op?.type === 'delete') o = { key: internalKey(this.prefix, op.key), value: undefined };
        else throw new InvalidArgumentError(`batch operation type must be 'put' or 'delete'`);
        bytes += opBytes(o);
        if (bytes > batchBytesMax) throw new LimitExceededError(`batch exceeds batchBytesMax (${batchBytesMax} bytes)`);
        out.push(o);
      }
      if (out.length === 0) return Promise.resolve();
      return this.engine.autocommit(out, this);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /** Entries in key order (descending with `reverse`) within the bounds. Synchronous. */
  *range(options: RangeOptions = {}): Generator<[Uint8Array, Uint8Array]> {
    const b = this.bounds(options);
    let limit = options.limit ?? Infinity;
    if (!(limit >= 0)) throw new InvalidArgumentError('range limit must be a non-negative number');
    if (b === undefined) return;
    yield* this.engine.scan(b, limit);
  }

  /** The values of `range(options)`, without copying the keys out. Synchronous. */
  *values(options: RangeOptions = {}): Generator<Uint8Array> {
    const b = this.bounds(options);
    const limit = options.limit ?? Infinity;
    if (!(limit >= 0)) throw new InvalidArgumentError('range limit must be a non-negative number');
    if (b === undefined) return;
    yield* this.engine.scanValues(b, limit);
  }

  /** Translate range options into internal key bounds; undefined when the range is empty. */
  /** @internal */
  bounds(o: RangeOptions): KeyBounds | undefined {
    const p = this.prefix;
    let low = p;
    let lowInc = true;
    let high = prefixEnd(p);
    let highInc = false;
    const raise = (k: string, inc: boolean): void => {
      if (k > low || (k === low && !inc)) {
        low = k;
        lowInc = inc;
      }
    };
    const lower = (k: string | undefined, inc: boolean): void => {
      if (k === undefined) return;
      if (high === undefined || k < high || (k === high && !inc)) {
        high = k;
        highInc = inc;
      }
    };
    if (o.gte !== undefined) raise(p + toByteString(o.gte, 'gte'), true);
    if (o.gt !== undefined) raise(p + toByteString(o.gt, 'gt'), false);
    if (o.lte !== undefined) lower(p + toByteString(o.lte, 'lte'), true);
    if (o.lt !== undefined) lower(p + toByteString(o.lt, 'lt'), false);
    if (o.prefix !== undefined) {
      const full = p + toByteString(o.prefix, 'prefix');
      raise(full, true);
      lower(prefixEnd(full), false);
    }
    if (high !== undefined && (low > high || (low === high && !(lowInc && highInc)))) return undefined;
    const bounds: KeyBounds = { low, lowInclusive: lowInc, highInclusive: highInc, reverse: o.reverse === true };
    if (high !== undefined) bounds.high = high;
    return bounds;
  }
}

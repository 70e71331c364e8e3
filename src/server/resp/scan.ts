/**
 * Cursors of SCAN, HSCAN, SSCAN and ZSCAN. Keys are ordered in the store, so a cursor is "the last
 * record returned"; the client sees a number that maps to it in a bounded table (oldest dropped
 * first). Every element present for the whole iteration is returned; none twice unless a cursor
 * was dropped, in which case the iteration starts over.
 */
import { redisScanCursorsMax } from '../../limits.js';
import { fail, globMatch, int, word, errSyntax } from './command.js';
import type { Client } from './client.js';

export class ScanCursors {
  private readonly table = new Map<number, Buffer>();
  private next = 1;

  /** The record to resume after, or null to start from the beginning. */
  resume(arg: Buffer): Buffer | null {
    const s = arg.toString('latin1');
    // As strtoul: an optional sign, digits, at most 2^64-1 in magnitude.
    if (!/^[+-]?\d{1,20}$/.test(s) || BigInt(s.replace(/^[+-]/, '')) > 18446744073709551615n) fail('ERR invalid cursor');
    const n = Number(s);
    if (n === 0) return null;
    return this.table.get(n) ?? null;
  }

  /** A cursor number for "after `last`". */
  save(last: Buffer): number {
    const n = this.next++;
    this.table.set(n, Buffer.from(last));
    if (this.table.size > redisScanCursorsMax) {
      const oldest = this.table.keys().next();
      if (oldest.done !== true) this.table.delete(oldest.value);
    }
    return n;
  }
}

export interface ScanOptions {
  match: Buffer | null;
  count: number;
  type: string | null;
  /** HRANDFIELD-like extras are not options of SCAN; NOVALUES is not in Redis 7.0. */
}

/** MATCH, COUNT and (for SCAN) TYPE options from argv[from…]. */
export function scanOptions(a: Buffer[], from: number, allowType: boolean): ScanOptions {
  const o: ScanOptions = { match: null, count: 10, type: null };
  for (let i = from; i < a.length; i++) {
    const w = word(a[i]!);
    if (i + 1 >= a.length) fail(errSyntax);
    if (w === 'MATCH') o.match = a[++i]!;
    else if (w === 'COUNT') {
      o.count = int(a[++i]!);
      if (o.count < 1) fail(errSyntax);
    } else if (w === 'TYPE' && allowType) o.type = a[++i]!.toString('latin1').toLowerCase();
    else fail(errSyntax);
  }
  return o;
}

/**
 * Visit up to `count` records of [low, high) after the cursor; `emit` gets each one. Writes the
 * reply's cursor; the caller writes the elements it collected.
 */
export function scanPage(
  c: Client,
  cursorArg: Buffer,
  low: Buffer,
  high: Buffer,
  count: number,
  emit: (k: Buffer, v: Buffer) => void,
): string {
  const cursors = c.server.cursors;
  const after = cursors.resume(cursorArg);
  let last: Buffer | null = null;
  let n = 0;
  const from = after !== null && Buffer.compare(after, low) >= 0 ? after : low;
  for (const [k, v] of c.store.scan(from, high)) {
    if (after !== null && k.equals(after)) continue;
    emit(k, v);
    last = k;
    if (++n >= count) break;
  }
  if (last === null || n < count) return '0';
  return String(cursors.save(last));
}

export function matches(o: ScanOptions, name: Buffer): boolean {
  return o.match === null || globMatch(o.match, name);
}

/** A SCAN-family reply: [cursor, [items…]]. */
export function replyScan(c: Client, cursor: string, items: readonly Buffer[]): void {
  c.w.array(2);
  c.w.bulk(cursor);
  c.w.array(items.length);
  for (const b of items) c.w.bulk(b);
}

/**
 * List commands: pushes and pops at both ends, ranges, positional edits, moves, and the blocking
 * pops (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH).
 *
 * A list is dense: its metadata holds `head` and `tail`, and element i (0-based from the left)
 * is the sub-key `listKey(id, head + i)` for every i in [0, tail - head). Pushes and pops move
 * `head`/`tail` and touch one record per element; LINDEX and LSET are one point read or write;
 * LRANGE and LPOS are one ordered scan. LINSERT and LREM shift the shorter side of the list
 * (O(N), as in Redis), LTRIM deletes the trimmed ends.
 */
import { blockKey, type Blocked, type Client } from '../client.js';
import { argCountError, checkKey, errNoSuchKey, errNotInt, errSyntax, errWrongType, fail, int, lookup, toBigInt, toFloat, word, type Handler } from '../command.js';
import { collectionMeta, listKey, RType, type Meta } from '../store.js';

/** Indexes stay within ±2^52 so that index + 2^52 (the stored key) is an exact, sortable double. */
const INDEX_SPAN = 2 ** 52;
const INT64_MIN = -9223372036854775808n;

const errOutOfRangePositive = 'ERR value is out of range, must be positive';

function length(m: Meta): number {
  return m.tail - m.head;
}

/** Refuse a change that would move head or tail out of the exact index space (never in practice). */
function room(head: number, tail: number): void {
  if (head < -INDEX_SPAN || tail > INDEX_SPAN) fail('ERR list index space exhausted; rewrite the list (LRANGE, DEL, RPUSH) to reset it');
}

/** Push `els` at one end of the list at `key` (created when `m` is null); returns the new length. */
function push(c: Client, key: Buffer, m: Meta | null, els: readonly Buffer[], left: boolean): number {
  const nm: Meta = m === null ? collectionMeta(RType.List, c.store.newId()) : { ...m };
  if (left) room(nm.head - els.length, nm.tail);
  else room(nm.head, nm.tail + els.length);
  if (m === null) checkKey(key);
  const store = c.store;
  if (left) for (const e of els) store.put(listKey(nm.id, --nm.head), e);
  else for (const e of els) store.put(listKey(nm.id, nm.tail++), e);
  store.setMeta(c.db, key, nm, m);
  return length(nm);
}

/** Read the elements at positions [from, to) (0-based from the left), in order or reversed. */
function readRange(c: Client, m: Meta, from: number, to: number, reverse = false): Buffer[] {
  const out: Buffer[] = [];
  if (to <= from) return out;
  if (to - from === 1) {
    out.push(element(c, m, from));
    return out;
  }
  for (const [, v] of c.store.scan(listKey(m.id, m.head + from), listKey(m.id, m.head + to), reverse)) out.push(v);
  return out;
}

/** The element at position i (which must exist). */
function element(c: Client, m: Meta, i: number): Buffer {
  const v = c.store.get(listKey(m.id, m.head + i));
  if (v === undefined) fail(`ERR list element ${i} of a list of ${length(m)} is missing (database damaged?)`);
  return v;
}

/** Pop up to `n` elements from one end; deletes the key when it empties. Values in pop order. */
function pop(c: Client, key: Buffer, m: Meta, n: number, left: boolean): Buffer[] {
  const len = length(m);
  const k = Math.min(n, len);
  const vals = left ? readRange(c, m, 0, k) : readRange(c, m, len - k, len, true);
  if (k === len) {
    c.store.deleteKey(c.db, key, m);
    return vals;
  }
  const store = c.store;
  if (left) {
    for (let i = 0; i < k; i++) store.del(listKey(m.id, m.head + i));
    store.setMeta(c.db, key, { ...m, head: m.head + k }, m);
  } else {
    for (let i = 1; i <= k; i++) store.del(listKey(m.id, m.tail - i));
    store.setMeta(c.db, key, { ...m, tail: m.tail - k }, m);
  }
  return vals;
}

/** Notify WATCH (and blocked clients) of a change that leaves the metadata as it is. */
function touch(c: Client, key: Buffer, m: Meta): void {
  c.store.onTouch(c.db, key, m);
}

// ---- pushes and pops ----

function pushCommand(c: Client, a: Buffer[], left: boolean, onlyExisting: boolean): void {
  const key = a[1]!;
  const m = lookup(c, key, RType.List);
  if (onlyExisting && m === null) return c.w.int(0);
  c.w.int(push(c, key, m, a.slice(2), left));
}

function popCommand(c: Client, a: Buffer[], left: boolean): void {
  if (a.length > 3) throw argCountError(left ? 'lpop' : 'rpop');
  const hasCount = a.length === 3;
  let count = 1;
  if (hasCount) {
    const v = toBigInt(a[2]!);
    if (v === null || v < 0n) fail(errOutOfRangePositive);
    count = Number(v);
  }
  const key = a[1]!;
  const m = lookup(c, key, RType.List);
  if (m === null) return hasCount ? c.w.nilArray() : c.w.nil();
  if (hasCount && count === 0) return c.w.array(0);
  const vals = pop(c, key, m, count, left);
  if (!hasCount) return c.w.bulk(vals[0]!);
  c.w.array(vals.length);
  for (const v of vals) c.w.bulk(v);
}

const llen: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.List);
  c.w.int(m === null ? 0 : length(m));
};

// ---- reading by position ----

const lrange: Handler = (c, a) => {
  let start = int(a[2]!);
  let end = int(a[3]!);
  const m = lookup(c, a[1]!, RType.List);
  if (m === null) return c.w.array(0);
  const len = length(m);
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return c.w.array(0);
  if (end >= len) end = len - 1;
  c.w.array(end - start + 1);
  let n = 0;
  for (const v of c.store.scanValues(listKey(m.id, m.head + start), listKey(m.id, m.head + end + 1))) {
    c.w.bulk(v);
    n++;
  }
  // A dense list yields exactly end - start + 1 elements; pad a damaged one so the reply stays well-formed.
  for (; n < end - start + 1; n++) c.w.nil();
};

const lindex: Handler = (c, a) => {
  const m = lookup(c, a[1]!, RType.List);
  if (m === null) return c.w.nil();
  let i = int(a[2]!);
  const len = length(m);
  if (i < 0) i += len;
  if (i < 0 || i >= len) return c.w.nil();
  c.w.bulk(element(c, m, i));
};

const lset: Handler = (c, a) => {
  const key = a[1]!;
  const m = lookup(c, key, RType.List);
  if (m === null) fail(errNoSuchKey);
  let i = int(a[2]!);
  const len = length(m);
  if (i < 0) i += len;
  if (i < 0 || i >= len) fail('ERR index out of range');
  c.store.put(listKey(m.id, m.head + i), a[3]!);
  touch(c, key, m);
  c.w.ok();
};

/** LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len] */
const lpos: Handler = (c, a) => {
  const ele = a[2]!;
  let rank = 1;
  let count = 0;
  let hasCount = false;
  let maxlen = 0;
  for (let j = 3; j < a.length; j++) {
    const opt = word(a[j]!);
    const more = j + 1 < a.length;
    if (opt === 'RANK' && more) {
      const v = toBigInt(a[++j]!);
      if (v === null) fail(errNotInt);
      if (v === 0n) fail("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
      rank = Number(v);
      // Redis 7.0 negates LONG_MIN into itself: every match from the tail counts, COUNT included.
      if (v === INT64_MIN) rank = -Infinity;
    } else if (opt === 'COUNT' && more) {
      const v = toBigInt(a[++j]!);
      if (v === null || v < 0n) fail("ERR COUNT can't be negative");
      count = Number(v);
      hasCount = true;
    } else if (opt === 'MAXLEN' && more) {
      const v = toBigInt(a[++j]!);
      if (v === null || v < 0n) fail("ERR MAXLEN can't be negative");
      maxlen = Number(v);
    } else {
      fail(errSyntax);
    }
  }
  const m = lookup(c, a[1]!, RType.List);
  if (m === null) return hasCount ? c.w.array(0) : c.w.nil();
  const len = length(m);
  const forward = rank > 0;
  let skip = Math.abs(rank) - 1; // matches to pass over before the first reported one
  let want = hasCount ? count : 1;
  if (rank === -Infinity) {
    skip = 0;
    if (hasCount) want = 0;
  }
  const span = maxlen === 0 ? len : Math.min(maxlen, len);
  const low = forward ? m.head : m.tail - span;
  const high = forward ? m.head + span : m.tail;
  const found: number[] = [];
  let i = 0;
  for (const [, v] of c.store.scan(listKey(m.id, low), listKey(m.id, high), !forward)) {
    if (v.equals(ele)) {
      if (skip > 0) skip--;
      else {
        found.push(forward ? i : len - 1 - i);
        if (want !== 0 && found.length >= want) break;
      }
    }
    i++;
  }
  if (!hasCount) return found.length === 0 ? c.w.nil() : c.w.int(found[0]!);
  c.w.array(found.length);
  for (const p of found) c.w.int(p);
};

// ---- edits in the middle ----

/** LINSERT key BEFORE|AFTER pivot element */
const linsert: Handler = (c, a) => {
  const where = word(a[2]!);
  if (where !== 'BEFORE' && where !== 'AFTER') fail(errSyntax);
  const key = a[1]!;
  const m = lookup(c, key, RType.List);
  if (m === null) return c.w.int(0);
  const pivot = a[3]!;
  const len = length(m);
  // Find the pivot, keeping the elements before it (the left side, if it is the shorter one).
  // Only a left side shorter than half the list is ever shifted: keep no more than that.
  const keep = Math.ceil(len / 2) + 1;
  const before: Buffer[] = [];
  let p = -1;
  let i = 0;
  for (const [, v] of c.store.scan(listKey(m.id, m.head), listKey(m.id, m.tail))) {
    const hit = v.equals(pivot);
    if ((!hit || where === 'AFTER') && before.length < keep) before.push(v);
    if (hit) {
      p = i;
      break;
    }
    i++;
  }
  if (p < 0) return c.w.int(-1);
  const q = where === 'BEFORE' ? p : p + 1; // the new element's position
  const store = c.store;
  if (q < len - q) {
    // Shift the q elements left of the insertion point one place to the left.
    room(m.head - 1, m.tail);
    for (let j = 0; j < q; j++) store.put(listKey(m.id, m.head + j - 1), before[j]!);
    store.put(listKey(m.id, m.head + q - 1), a[4]!);
    store.setMeta(c.db, key, { ...m, head: m.head - 1 }, m);
  } else {
    // Shift the len - q elements right of it one place to the right.
    room(m.head, m.tail + 1);
    const after = readRange(c, m, q, len);
    for (let j = after.length - 1; j >= 0; j--) store.put(listKey(m.id, m.head + q + j + 1), after[j]!);
    store.put(listKey(m.id, m.head + q), a[4]!);
    store.setMeta(c.db, key, { ...m, tail: m.tail + 1 }, m);
  }
  c.w.int(len + 1);
};

/** LREM key count element */
const lrem: Handler = (c, a) => {
  const count = int(a[2]!);
  const key = a[1]!;
  const m = lookup(c, key, RType.List);
  if (m === null) return c.w.int(0);
  const ele = a[3]!;
  const len = length(m);
  const limit = count === 0 ? Infinity : Math.abs(count);
  const fromTail = count < 0;
  // Positions of the elements to remove, in ascending order.
  const removed: number[] = [];
  let i = 0;
  for (const [, v] of c.store.scan(listKey(m.id, m.head), listKey(m.id, m.tail), fromTail)) {
    if (v.equals(ele)) {
      removed.push(fromTail ? len - 1 - i : i);
      if (removed.length >= limit) break;
    }
    i++;
  }
  if (fromTail) removed.reverse();
  const k = removed.length;
  if (k === 0) return c.w.int(0);
  if (k === len) {
    c.store.deleteKey(c.db, key, m);
    return c.w.int(k);
  }
  const store = c.store;
  const first = removed[0]!;
  const last = removed[k - 1]!;
  if (last + 1 <= len - first) {
    // Close the gaps by moving the survivors in [0, last] to the right; the head advances by k.
    const vals = readRange(c, m, 0, last + 1);
    let w = last;
    let r = k - 1;
    for (let j = last; j >= 0; j--) {
      if (r >= 0 && removed[r] === j) {
        r--;
        continue;
      }
      if (j !== w) store.put(listKey(m.id, m.head + w), vals[j]!);
      w--;
    }
    for (let j = 0; j < k; j++) store.del(listKey(m.id, m.head + j));
    store.setMeta(c.db, key, { ...m, head: m.head + k }, m);
  } else {
    // Move the survivors in [first, len) to the left; the tail retreats by k.
    const vals = readRange(c, m, first, len);
    let w = first;
    let r = 0;
    for (let j = first; j < len; j++) {
      if (r < k && removed[r] === j) {
        r++;
        continue;
      }
      if (j !== w) store.put(listKey(m.id, m.head + w), vals[j - first]!);
      w++;
    }
    for (let j = len - k; j < len; j++) store.del(listKey(m.id, m.head + j));
    store.setMeta(c.db, key, { ...m, tail: m.tail - k }, m);
  }
  c.w.int(k);
};

/** LTRIM key start stop */
const ltrim: Handler = (c, a) => {
  let start = int(a[2]!);
  let end = int(a[3]!);
  const key = a[1]!;
  const m = lookup(c, key, RType.List);
  if (m === null) return c.w.ok();
  const len = length(m);
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  let cutLeft: number;
  let cutRight: number;
  if (start > end || start >= len) {
    cutLeft = len;
    cutRight = 0;
  } else {
    if (end >= len) end = len - 1;
    cutLeft = start;
    cutRight = len - end - 1;
  }
  if (cutLeft + cutRight >= len) {
    c.store.deleteKey(c.db, key, m);
  } else if (cutLeft === 0 && cutRight === 0) {
    touch(c, key, m);
  } else {
    const store = c.store;
    for (let j = 0; j < cutLeft; j++) store.del(listKey(m.id, m.head + j));
    for (let j = 1; j <= cutRight; j++) store.del(listKey(m.id, m.tail - j));
    store.setMeta(c.db, key, { ...m, head: m.head + cutLeft, tail: m.tail - cutRight }, m);
  }
  c.w.ok();
};

// ---- moves ----

/** LEFT or RIGHT: true for LEFT; a syntax error otherwise. */
function side(b: Buffer): boolean {
  const w = word(b);
  if (w === 'LEFT') return true;
  if (w === 'RIGHT') return false;
  fail(errSyntax);
}

/**
 * Move one element from an end of `src` to an end of `dst`: the moved element, or null when
 * `src` does not exist. Both types are checked before anything is written.
 */
function move(c: Client, src: Buffer, dst: Buffer, fromLeft: boolean, toLeft: boolean): Buffer | null {
  const sm = lookup(c, src, RType.List);
  if (sm === null) return null;
  const store = c.store;
  if (src.equals(dst)) {
    const len = length(sm);
    const v = element(c, sm, fromLeft ? 0 : len - 1);
    if (len === 1 || fromLeft === toLeft) {
      // The element goes back where it was: the list is unchanged, but it counts as modified.
      touch(c, src, sm);
      return v;
    }
    if (fromLeft) {
      room(sm.head, sm.tail + 1);
      store.del(listKey(sm.id, sm.head));
      store.put(listKey(sm.id, sm.tail), v);
      store.setMeta(c.db, src, { ...sm, head: sm.head + 1, tail: sm.tail + 1 }, sm);
    } else {
      room(sm.head - 1, sm.tail);
      store.del(listKey(sm.id, sm.tail - 1));
      store.put(listKey(sm.id, sm.head - 1), v);
      store.setMeta(c.db, src, { ...sm, head: sm.head - 1, tail: sm.tail - 1 }, sm);
    }
    return v;
  }
  const dm = lookup(c, dst, RType.List);
  if (dm === null) checkKey(dst);
  else if (toLeft) room(dm.head - 1, dm.tail);
  else room(dm.head, dm.tail + 1);
  const v = pop(c, src, sm, 1, fromLeft)[0]!;
  push(c, dst, dm, [v], toLeft);
  return v;
}

function lmoveCommand(c: Client, src: Buffer, dst: Buffer, fromLeft: boolean, toLeft: boolean): void {
  const v = move(c, src, dst, fromLeft, toLeft);
  if (v === null) c.w.nil();
  else c.w.bulk(v);
}

// ---- blocking ----

/** A hexadecimal float as strtold reads it (0x1.8p3), or null. */
function hexFloat(b: Buffer): number | null {
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(b.toString('latin1'));
  if (m === null) return null;
  const whole = m[2] ?? '';
  const frac = m[3] ?? '';
  if (whole === '' && frac === '') return null;
  let v = 0;
  for (const ch of whole + frac) v = v * 16 + parseInt(ch, 16);
  v = v * 2 ** (Number(m[4] ?? '0') - 4 * frac.length);
  return m[1] === '-' ? -v : v;
}

/**
 * A blocking timeout in seconds, as Redis 7.0 reads it: milliseconds = ceil(seconds * 1000), 0
 * waits for ever; what does not fit a signed 64-bit integer (inf, 1e16) becomes negative there.
 */
function timeoutMs(b: Buffer): number {
  const s = b.toString('latin1');
  let v = toFloat(b) ?? hexFloat(b);
  if (v === null) fail('ERR timeout is not a float or out of range');
  // strtold keeps values below the double range (1e-400): positive ones round up to 1 ms.
  if (v === 0 && s[0] !== '-') {
    const hex = /^[+]?0[xX]/.test(s);
    const mantissa = hex ? s.replace(/^[+]?0[xX]/, '').split(/[pP]/)[0]! : s.split(/[eE]/)[0]!;
    if ((hex ? /[1-9a-fA-F]/ : /[1-9]/).test(mantissa)) v = Number.MIN_VALUE;
  }
  const ms = Math.ceil(v * 1000);
  if (!(ms < 2 ** 63) || ms < 0) fail('ERR timeout is negative');
  return ms === 0 ? 0 : ms;
}

/** Block `c` on `keys` (the server chains timers past Node's 2^31-1 ms range). */
function block(c: Client, keys: readonly Buffer[], ms: number, retry: (c: Client, ready: string) => boolean, timeout: (c: Client) => void): void {
  const names = [...new Set(keys.map((k) => blockKey(c.db, k)))];
  c.server.block(c, { keys: names, retry, timeout, timer: null }, ms);
}

/** Pop from the first non-empty list of `keys` and reply [key, element]; false when all are empty. */
function popFirst(c: Client, keys: readonly Buffer[], left: boolean, skipWrongType: boolean): boolean {
  for (const key of keys) {
    const m = c.store.meta(c.db, key, c.now);
    if (m === null) continue;
    if (m.type !== RType.List) {
      if (skipWrongType) continue;
      fail(errWrongType);
    }
    const v = pop(c, key, m, 1, left)[0]!;
    c.w.array(2);
    c.w.bulk(key);
    c.w.bulk(v);
    return true;
  }
  return false;
}

/**
 * Redis serves a client blocked on several keys from the key that became ready, not from the
 * first of its keys that has elements. When the server names that key, only it is tried.
 */
function readyFirst(c: Client, keys: readonly Buffer[], ready: string | undefined): readonly Buffer[] {
  if (ready === undefined) return keys;
  const k = keys.find((key) => blockKey(c.db, key) === ready);
  return k === undefined ? keys : [k];
}

/** BLPOP / BRPOP key [key ...] timeout */
function bpopCommand(c: Client, a: Buffer[], left: boolean): void {
  const ms = timeoutMs(a[a.length - 1]!);
  const keys = a.slice(1, -1);
  if (popFirst(c, keys, left, false)) return;
  if (c.inExec) return c.w.nilArray();
  block(
    c,
    keys,
    ms,
    (cl, ready?: string) => popFirst(cl, readyFirst(cl, keys, ready), left, true),
    (cl) => cl.w.nilArray(),
  );
}

/** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout (and BRPOPLPUSH). */
function bmoveCommand(c: Client, src: Buffer, dst: Buffer, fromLeft: boolean, toLeft: boolean, timeoutArg: Buffer): void {
  const ms = timeoutMs(timeoutArg);
  const v = move(c, src, dst, fromLeft, toLeft);
  if (v !== null) return c.w.bulk(v);
  if (c.inExec) return c.w.nil();
  block(
    c,
    [src],
    ms,
    (cl) => {
      const sm = cl.store.meta(cl.db, src, cl.now);
      if (sm === null || sm.type !== RType.List) return false;
      const moved = move(cl, src, dst, fromLeft, toLeft);
      if (moved === null) return false;
      cl.w.bulk(moved);
      return true;
    },
    (cl) => cl.w.nil(),
  );
}

export const listsCommands: Record<string, Handler> = {
  lpush: (c, a) => pushCommand(c, a, true, false),
  rpush: (c, a) => pushCommand(c, a, false, false),
  lpushx: (c, a) => pushCommand(c, a, true, true),
  rpushx: (c, a) => pushCommand(c, a, false, true),
  lpop: (c, a) => popCommand(c, a, true),
  rpop: (c, a) => popCommand(c, a, false),
  llen,
  lrange,
  lindex,
  lset,
  lpos,
  linsert,
  lrem,
  ltrim,
  lmove: (c, a) => lmoveCommand(c, a[1]!, a[2]!, side(a[3]!), side(a[4]!)),
  rpoplpush: (c, a) => lmoveCommand(c, a[1]!, a[2]!, false, true),
  blpop: (c, a) => bpopCommand(c, a, true),
  brpop: (c, a) => bpopCommand(c, a, false),
  blmove: (c, a) => {
    const fromLeft = side(a[3]!);
    const toLeft = side(a[4]!);
    bmoveCommand(c, a[1]!, a[2]!, fromLeft, toLeft, a[5]!);
  },
  // Needs a 'brpoplpush' entry in the command table to be reachable.
  brpoplpush: (c, a) => bmoveCommand(c, a[1]!, a[2]!, false, true, a[3]!),
};

/**
 * Serializable snapshot isolation (Cahill, Röhm and Fekete; Ports and Grittner for PostgreSQL).
 *
 * Snapshot isolation allows only one kind of anomaly: a cycle in the dependency graph that
 * contains two consecutive read-write antidependencies T_in →rw T_pivot →rw T_out between
 * concurrent transactions, where T_out commits first. Tracking those edges and aborting one
 * transaction of every such "dangerous structure" makes SI serializable; it may abort some
 * serializable histories too (false positives), never let a non-serializable one through.
 *
 * An edge R →rw W means: R read a key (or scanned a range containing a key) and W wrote a newer
 * version of it that R's snapshot does not see. Edges are found from both sides:
 *   - a reader finds versions newer than its snapshot (in the version store, or held by a
 *     writer's lock) — `onRead`;
 *   - a writer finds readers that registered the key or a range around it (SIREAD locks) —
 *     `onWrite`, at write time, at prepare and again when its commit is applied.
 * "Committed" here means prepared: a transaction gets its commit timestamp when its record is
 * queued for the log, and records are applied in that order, so the order of commit timestamps is
 * the commit order. A prepared transaction is never aborted; the checks that could abort it run
 * before it prepares.
 *
 * Victims follow PostgreSQL: the transaction performing the operation fails at once when the
 * structure is already complete (its T_out committed); otherwise the pivot is doomed and fails at
 * its next operation or commit. A committed read-only T_in only counts when T_out committed before
 * T_in's snapshot.
 *
 * SIREAD locks of a committed transaction stay while any transaction that overlapped it is open.
 */
import { SerializationError } from '../errors.js';
import { ssiReadKeysPerTxnMax, ssiReadRangesPerTxnMax } from '../limits.js';

/** A range scanned by a serializable transaction (bounds on internal keys). */
export interface ReadRange {
  low: string;
  lowInclusive: boolean;
  /** undefined: to the end of the key space. */
  high: string | undefined;
  highInclusive: boolean;
  readonly owner: Sx;
}

/** The serializable state of one transaction (or one autocommit write). */
export class Sx {
  /** Commit timestamp once prepared; 0 while open. */
  commitTs = 0;
  private ins: Set<Sx> | null = null;
  private outs: Set<Sx> | null = null;
  doomed = false;
  aborted = false;
  /** Keys read one by one (null once promoted to keyspace ranges). */
  readKeys: Set<string> | null = new Set();
  readonly ranges: ReadRange[] = [];
  /** Keyspace prefixes whose whole range this transaction has as read (after promotion). */
  promoted: Set<string> | null = null;
  /** Called when another transaction dooms this one (to cancel a pending lock wait). */
  onDoom: (() => void) | null = null;

  constructor(
    readonly id: number,
    /** Snapshot timestamp: sees commits with commitTs <= snapshot. */
    public snapshot: number,
    readonly readOnly: boolean,
    /** Keys this transaction has written (its write set). */
    readonly wrote: (key: string) => boolean,
    readonly writtenKeys: () => Iterable<string>,
  ) {}

  /** Readers R with R →rw this. */
  get inConflicts(): ReadonlySet<Sx> {
    return this.ins ?? noConflicts;
  }

  /** Writers W with this →rw W. */
  get outConflicts(): ReadonlySet<Sx> {
    return this.outs ?? noConflicts;
  }

  addIn(r: Sx): void {
    (this.ins ??= new Set()).add(r);
  }

  addOut(w: Sx): void {
    (this.outs ??= new Set()).add(w);
  }

  /** Forget the edges to and from `x`. */
  forget(x: Sx): void {
    this.ins?.delete(x);
    this.outs?.delete(x);
  }

  clearConflicts(): void {
    this.ins = null;
    this.outs = null;
  }
}

const noConflicts: ReadonlySet<Sx> = new Set();

const keyspacePrefixLength = 2;

function prefixEnd(p: string): string | undefined {
  let i = p.length - 1;
  while (i >= 0 && p.charCodeAt(i) === 0xff) i--;
  if (i < 0) return undefined;
  return p.slice(0, i) + String.fromCharCode(p.charCodeAt(i) + 1);
}

/**
 * Whether committed T_out `out` committed before T_in `tIn` (or is the same transaction, a cycle
 * of two), such that the structure counts: a read-only T_in only when T_out committed before its
 * snapshot.
 */
function committedFirst(out: Sx, tIn: Sx): boolean {
  const before = out === tIn || tIn.commitTs === 0 || out.commitTs < tIn.commitTs;
  return before && (!tIn.readOnly || out.commitTs <= tIn.snapshot);
}

export function rangeCovers(r: ReadRange, key: string): boolean {
  if (key < r.low || (key === r.low && !r.lowInclusive)) return false;
  if (r.high === undefined) return true;
  return key < r.high || (key === r.high && r.highInclusive);
}

export function serializationFailure(): SerializationError {
  return new SerializationError('could not serialize access due to read/write dependencies among transactions');
}

export class SsiTracker {
  /** Point SIREAD locks: key → reader (one, the common case) or readers. */
  private readonly readers = new Map<string, Sx | Set<Sx>>();
  /** Keys written by prepared commits not applied yet → their writer(s). */
  private readonly inflightKeys = new Map<string, Sx | Sx[]>();
  /** Range SIREAD locks of every tracked transaction. */
  private readonly ranges = new Set<ReadRange>();
  /** Prepared transactions whose commits are not applied yet. */
  readonly inflight = new Set<Sx>();
  /** Committed transactions kept for their SIREAD locks, in commit order. */
  private retained: Sx[] = [];
  private retainedHead = 0;
  failures = 0;

  /** SIREAD locks held (point keys + ranges), for stats. */
  get readLocks(): number {
    return this.readers.size + this.ranges.size;
  }

  // ---- registering reads -------------------------------------------------------------------

  registerKey(sx: Sx, key: string): void {
    if (sx.readKeys === null) {
      this.promotePrefix(sx, key.slice(0, keyspacePrefixLength));
      return;
    }
    if (sx.readKeys.has(key)) return;
    if (sx.readKeys.size >= ssiReadKeysPerTxnMax) {
      this.promote(sx);
      this.promotePrefix(sx, key.slice(0, keyspacePrefixLength));
      return;
    }
    sx.readKeys.add(key);
    const cur = this.readers.get(key);
    if (cur === undefined) this.readers.set(key, sx);
    else if (cur instanceof Sx) {
      if (cur !== sx) this.readers.set(key, new Set([cur, sx]));
    } else cur.add(sx);
  }

  /** Track a scanned range; the caller widens it as the scan advances. */
  registerRange(sx: Sx, range: Omit<ReadRange, 'owner'>): ReadRange {
    if (sx.ranges.length >= ssiReadRangesPerTxnMax) this.promote(sx);
    if (sx.promoted !== null) {
      // Everything under the range's keyspace is already tracked as read.
      const p = range.low.slice(0, keyspacePrefixLength);
      this.promotePrefix(sx, p);
      return sx.ranges.find((r) => r.low === p && r.lowInclusive)!;
    }
    const r: ReadRange = { ...range, owner: sx };
    sx.ranges.push(r);
    this.ranges.add(r);
    return r;
  }

  /** Replace a transaction's point reads and ranges by whole-keyspace ranges. */
  private promote(sx: Sx): void {
    if (sx.promoted !== null) return;
    const prefixes = new Set<string>();
    if (sx.readKeys !== null) {
      for (const k of sx.readKeys) {
        prefixes.add(k.slice(0, keyspacePrefixLength));
        this.dropReader(k, sx);
      }
    }
    sx.readKeys = null;
    for (const r of sx.ranges) {
      prefixes.add(r.low.slice(0, keyspacePrefixLength));
      if (r.high === undefined || r.high.slice(0, keyspacePrefixLength) !== r.low.slice(0, keyspacePrefixLength)) {
        // A range across keyspaces: keep it as it is (already coarse).
        continue;
      }
      this.ranges.delete(r);
    }
    const kept = sx.ranges.filter((r) => this.ranges.has(r));
    sx.ranges.length = 0;
    sx.ranges.push(...kept);
    sx.promoted = new Set();
    for (const p of prefixes) this.promotePrefix(sx, p);
  }

  private promotePrefix(sx: Sx, p: string): void {
    const promoted = sx.promoted!;
    if (promoted.has(p)) return;
    promoted.add(p);
    const r: ReadRange = { low: p, lowInclusive: true, high: prefixEnd(p), highInclusive: false, owner: sx };
    sx.ranges.push(r);
    this.ranges.add(r);
  }

  private dropReader(key: string, sx: Sx): void {
    const cur = this.readers.get(key);
    if (cur === undefined) return;
    if (cur instanceof Sx) {
      if (cur === sx) this.readers.delete(key);
      return;
    }
    cur.delete(sx);
    if (cur.size === 1) this.readers.set(key, cur.values().next().value!);
  }

  /** Whether `sx` has `key` as read (point or range). */
  hasRead(sx: Sx, key: string): boolean {
    if (sx.readKeys !== null && sx.readKeys.has(key)) return true;
    for (const r of sx.ranges) if (rangeCovers(r, key)) return true;
    return false;
  }

  // ---- edges -------------------------------------------------------------------------------

  /**
   * Record R →rw W (W's write is newer than what R's snapshot sees). `w` is null for a writer
   * that carries no state of its own (a committed autocommit write known only by its commit
   * timestamp). Returns the error the caller must throw, when the caller is the victim; dooms a
   * victim other than the caller.
   */
  edge(r: Sx, w: Sx | null, wCommitTs: number, wSnapshot: number, caller: Sx | null): SerializationError | undefined {
    if (r === w || r.aborted || (w !== null && w.aborted)) return undefined;
    // Concurrent only: R does not see W, and R had not committed when W took its snapshot.
    if (wCommitTs !== 0 && wCommitTs <= r.snapshot) return undefined;
    if (r.commitTs !== 0 && r.commitTs <= wSnapshot) return undefined;
    if (w !== null) {
      r.addOut(w);
      w.addIn(r);
    }
    // W is a pivot whose own T_out committed first: T_in = R.
    if (w !== null) {
      for (const x of w.outConflicts) {
        if (x.commitTs === 0 || x.aborted) continue;
        const beforePivot = w.commitTs === 0 || x.commitTs < w.commitTs;
        if (beforePivot && committedFirst(x, r)) {
          const err = this.victim(w, r, caller);
          if (err !== undefined || w.doomed || r.doomed) return err;
        }
      }
    }
    // R is a pivot and W, its T_out, committed first.
    if (wCommitTs !== 0 && r.commitTs === 0) {
      for (const t0 of r.inConflicts) {
        if (t0.aborted) continue;
        const outFirst = t0 === w || t0.commitTs === 0 || t0.commitTs > wCommitTs;
        const readOnlyOk = !t0.readOnly || t0.commitTs === 0 || wCommitTs <= t0.snapshot;
        if (outFirst && readOnlyOk) return this.victim(r, null, caller);
      }
    }
    return undefined;
  }

  /** Choose the victim of a dangerous structure: the pivot if it is still open, else the reader. */
  private victim(pivot: Sx, other: Sx | null, caller: Sx | null): SerializationError | undefined {
    const open = pivot.commitTs === 0 ? pivot : other !== null && other.commitTs === 0 ? other : null;
    if (open === null) return undefined; // both committed: nothing left to abort (cannot happen for a new edge)
    if (open === caller) {
      this.failures++;
      return serializationFailure();
    }
    if (caller !== null && caller.commitTs === 0 && (caller === pivot || caller === other)) {
      // The caller is part of the structure and still open: it fails now (PostgreSQL does the same).
      this.failures++;
      return serializationFailure();
    }
    this.doom(open);
    return undefined;
  }

  doom(sx: Sx): void {
    if (sx.doomed || sx.commitTs !== 0) return;
    sx.doomed = true;
    this.failures++;
    sx.onDoom?.();
  }

  /** A reader met a newer version of `key` written by `w` (or by a stateless writer at `wCommitTs`). */
  readerMetWriter(r: Sx, w: Sx | null, wCommitTs: number): SerializationError | undefined {
    return this.edge(r, w, wCommitTs, w?.snapshot ?? wCommitTs - 1, r);
  }

  /**
   * Writer `w` wrote `key`: edges from every concurrent reader that registered it. `caller` is
   * `w` when it writes or prepares (it may be the victim), null when its commit is being applied.
   */
  onWrite(w: Sx, key: string, caller: Sx | null): SerializationError | undefined {
    let err: SerializationError | undefined;
    const cur = this.readers.get(key);
    if (cur instanceof Sx) {
      if (cur !== w) err = this.edge(cur, w, w.commitTs, w.snapshot, caller);
    } else if (cur !== undefined) {
      for (const r of cur) {
        if (r === w) continue;
        err ??= this.edge(r, w, w.commitTs, w.snapshot, caller);
      }
    }
    if (this.ranges.size > 0) {
      for (const range of this.ranges) {
        if (range.owner === w || !rangeCovers(range, key)) continue;
        err ??= this.edge(range.owner, w, w.commitTs, w.snapshot, caller);
      }
    }
    return err;
  }

  /**
   * Checks before `sx` prepares. Edges to commits that are queued but not applied yet (their
   * versions are not in the version store, so a read cannot have met them), then the pivot test:
   * `sx` has an in-conflict and an out-conflict that committed first.
   */
  beforePrepare(sx: Sx): SerializationError | undefined {
    if (sx.doomed) return serializationFailure();
    if (this.inflight.size > 0) {
      const meet = (k: string): SerializationError | undefined => {
        const ws = this.inflightKeys.get(k);
        if (ws === undefined) return undefined;
        if (ws instanceof Sx) return ws === sx ? undefined : this.edge(sx, ws, ws.commitTs, ws.snapshot, sx);
        for (const w of ws) {
          const err = w === sx ? undefined : this.edge(sx, w, w.commitTs, w.snapshot, sx);
          if (err !== undefined) return err;
        }
        return undefined;
      };
      if (sx.readKeys !== null) {
        for (const k of sx.readKeys) {
          const err = meet(k);
          if (err !== undefined) return err;
        }
      }
      if (sx.ranges.length > 0) {
        for (const x of this.inflight) {
          if (x === sx) continue;
          for (const k of x.writtenKeys()) {
            if (sx.ranges.some((r) => rangeCovers(r, k))) {
              const err = this.edge(sx, x, x.commitTs, x.snapshot, sx);
              if (err !== undefined) return err;
              break;
            }
          }
        }
      }
    }
    if (sx.doomed) return serializationFailure();
    for (const x of sx.outConflicts) {
      if (x.commitTs === 0 || x.aborted) continue;
      for (const t0 of sx.inConflicts) {
        if (t0.aborted) continue;
        if (committedFirst(x, t0)) {
          this.failures++;
          return serializationFailure();
        }
      }
    }
    return undefined;
  }

  /** `sx` prepared with `commitTs`: doom the pivots for which it is the first-committed T_out. */
  prepared(sx: Sx, commitTs: number): void {
    sx.commitTs = commitTs;
    this.inflight.add(sx);
    const keys = this.inflightKeys;
    for (const k of sx.writtenKeys()) {
      const cur = keys.get(k);
      if (cur === undefined) keys.set(k, sx);
      else if (cur instanceof Sx) keys.set(k, [cur, sx]);
      else cur.push(sx);
      this.onWrite(sx, k, null);
    }
    for (const r of sx.inConflicts) this.edge(r, sx, commitTs, sx.snapshot, null);
  }

  /** `sx`'s commit is applied (visible). Readers that registered since it prepared get their edges. */
  applied(sx: Sx): void {
    this.leaveInflight(sx);
    for (const k of sx.writtenKeys()) this.onWrite(sx, k, null);
    if (sx.readKeys === null || sx.readKeys.size > 0 || sx.ranges.length > 0) {
      this.retained.push(sx);
    }
  }

  /** `sx` rolled back (or its commit failed): forget its reads and edges. */
  aborted(sx: Sx): void {
    sx.aborted = true;
    this.leaveInflight(sx);
    this.forgetReads(sx);
    for (const x of sx.outConflicts) x.forget(sx);
    for (const x of sx.inConflicts) x.forget(sx);
  }

  private leaveInflight(sx: Sx): void {
    if (!this.inflight.delete(sx)) return;
    const keys = this.inflightKeys;
    for (const k of sx.writtenKeys()) {
      const cur = keys.get(k);
      if (cur === sx) keys.delete(k);
      else if (Array.isArray(cur)) {
        const i = cur.indexOf(sx);
        if (i >= 0) cur.splice(i, 1);
        if (cur.length === 1) keys.set(k, cur[0]!);
      }
    }
  }

  private forgetReads(sx: Sx): void {
    if (sx.readKeys !== null) for (const k of sx.readKeys) this.dropReader(k, sx);
    for (const r of sx.ranges) this.ranges.delete(r);
    sx.ranges.length = 0;
    sx.readKeys = null;
  }

  /** An open transaction ended without writing (read-only commit): keep its reads while needed. */
  committedReadOnly(sx: Sx, commitTs: number): void {
    sx.commitTs = commitTs;
    if (sx.readKeys === null || sx.readKeys.size > 0 || sx.ranges.length > 0) this.retained.push(sx);
  }

  /** Drop committed transactions that no open snapshot overlaps (oldest snapshot >= commit). */
  prune(oldestSnapshot: number | undefined): void {
    const q = this.retained;
    let h = this.retainedHead;
    while (h < q.length && (oldestSnapshot === undefined || q[h]!.commitTs <= oldestSnapshot)) {
      const sx = q[h]!;
      this.forgetReads(sx);
      sx.clearConflicts();
      q[h++] = undefined as unknown as Sx;
    }
    if (h > 1024 && h * 2 > q.length) {
      this.retained = q.slice(h);
      h = 0;
    }
    this.retainedHead = h;
  }

  /** Committed transactions still kept, for stats. */
  get retainedCount(): number {
    return this.retained.length - this.retainedHead;
  }
}

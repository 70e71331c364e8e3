/**
 * A serializability checker for recorded transaction histories (Adya's direct serialization
 * graph, restricted to what a key-value test can observe).
 *
 * A history lists the committed transactions in commit order. Every value a test writes is tagged
 * with the id of the transaction that wrote it, so each read names the version it saw. The
 * version order of a key is the commit order of its writers, after the initial version (writer
 * `initialWriter`). Edges of the graph, Ti -> Tj meaning "Ti must come before Tj":
 *
 * | edge | when                                                                    |
 * |------|-------------------------------------------------------------------------|
 * | ww   | Ti wrote a version of k and Tj wrote the next version of k               |
 * | wr   | Tj read the version of k that Ti wrote                                   |
 * | rw   | Ti read a version of k and Tj wrote the next version of k (anti-dependency) |
 *
 * Range reads count as item reads of every key they returned. A range read over a span in which
 * it returned no entry for a key that some transaction writes reads that key's initial version
 * (the history has no deletes, so the initial version is the only absent one); a later write of
 * it is then an rw edge (a predicate anti-dependency, phantom).
 *
 * The history is serializable (for these observations) iff the graph is acyclic. A lost update
 * shows as a cycle too (T read v1, X wrote v2, T wrote v3: T -rw-> X -ww-> T). `checkHistory`
 * also rejects reads no serial order can explain at all: a version of a key written by no
 * committed writer of that key (an aborted or uncommitted write: G1a, or garbage), and a
 * transaction reading another's version that comes after its own write of the key.
 */

/** The writer id of every key's initial version. */
export const initialWriter = 'init';

/** One observed read: the key and the id of the transaction whose version was seen. */
export interface ReadObservation {
  readonly key: string;
  readonly writer: string;
}

/** A range read: its bounds (gte <= key < lt, compared as strings) and what it returned. */
export interface RangeObservation {
  readonly gte: string;
  readonly lt: string;
  readonly seen: readonly ReadObservation[];
}

/** One committed transaction as recorded by a test. */
export interface CommittedTxn {
  readonly id: string;
  readonly reads: readonly ReadObservation[];
  readonly ranges?: readonly RangeObservation[];
  /** Keys written (each at most once counts; later writes of a key by the same txn overwrite). */
  readonly writes: readonly string[];
}

export type EdgeKind = 'ww' | 'wr' | 'rw';

export interface Edge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly key: string;
}

export interface HistoryReport {
  /** A dependency cycle (edges in order, the last one returning to the first's source), if any. */
  readonly cycle: readonly Edge[] | undefined;
  /** Edges by kind, for the log. */
  readonly edges: Record<EdgeKind, number>;
  readonly transactions: number;
}

/** A history no serial order can explain for a reason other than a cycle. */
export class HistoryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HistoryError';
  }
}

/** Build the serialization graph of `committed` (in commit order) and look for a cycle. */
export function checkHistory(committed: readonly CommittedTxn[]): HistoryReport {
  const order = versionOrder(committed);
  const graph = new Map<string, Edge[]>();
  const counts: Record<EdgeKind, number> = { ww: 0, wr: 0, rw: 0 };
  const addEdge = (edge: Edge): void => {
    if (edge.from === edge.to) return;
    let out = graph.get(edge.from);
    if (out === undefined) graph.set(edge.from, (out = []));
    out.push(edge);
    counts[edge.kind]++;
  };
  for (const [key, writers] of order) {
    for (let i = 1; i + 1 < writers.length; i++) {
      addEdge({ from: writers[i]!, to: writers[i + 1]!, kind: 'ww', key });
    }
  }
  for (const txn of committed) {
    for (const read of allReads(txn, order)) {
      const writers = order.get(read.key) ?? [initialWriter];
      const at = writers.indexOf(read.writer);
      if (at < 0) {
        throw new HistoryError(
          `${txn.id} read key '${read.key}' as written by ${read.writer}, which committed no write to it ` +
            `(an aborted or uncommitted write, or garbage)`,
        );
      }
      if (read.writer === txn.id) continue;
      if (txn.writes.includes(read.key) && writers.indexOf(txn.id) < at) {
        throw new HistoryError(`${txn.id} read key '${read.key}' from ${read.writer}, a version after its own`);
      }
      if (read.writer !== initialWriter) addEdge({ from: read.writer, to: txn.id, kind: 'wr', key: read.key });
      const next = writers[at + 1];
      if (next !== undefined) addEdge({ from: txn.id, to: next, kind: 'rw', key: read.key });
    }
  }
  return { cycle: findCycle(graph, committed), edges: counts, transactions: committed.length };
}

/** Per key: the initial writer, then the committed writers in commit order. */
function versionOrder(committed: readonly CommittedTxn[]): Map<string, string[]> {
  const order = new Map<string, string[]>();
  const ids = new Set<string>();
  for (const txn of committed) {
    if (txn.id === initialWriter || ids.has(txn.id)) throw new HistoryError(`transaction id ${txn.id} is not unique`);
    ids.add(txn.id);
    for (const key of new Set(txn.writes)) {
      let writers = order.get(key);
      if (writers === undefined) order.set(key, (writers = [initialWriter]));
      writers.push(txn.id);
    }
  }
  return order;
}

/** Item reads plus the reads implied by range reads (returned keys, and absent written keys). */
function allReads(txn: CommittedTxn, order: ReadonlyMap<string, readonly string[]>): ReadObservation[] {
  const reads = [...txn.reads];
  for (const range of txn.ranges ?? []) {
    const returned = new Set<string>();
    for (const seen of range.seen) {
      if (!(range.gte <= seen.key && seen.key < range.lt)) {
        throw new HistoryError(`${txn.id}: range [${range.gte}, ${range.lt}) returned '${seen.key}'`);
      }
      returned.add(seen.key);
      reads.push(seen);
    }
    for (const key of order.keys()) {
      if (range.gte <= key && key < range.lt && !returned.has(key)) reads.push({ key, writer: initialWriter });
    }
  }
  return reads;
}

/** Depth-first search for a cycle; returns its edges, visiting transactions in commit order. */
function findCycle(graph: ReadonlyMap<string, readonly Edge[]>, committed: readonly CommittedTxn[]): Edge[] | undefined {
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const pathEdges: Edge[] = [];
  for (const root of committed) {
    if (done.has(root.id)) continue;
    // Iterative DFS: a stack of (node, index of the next out-edge to try).
    const stack: Array<{ node: string; next: number }> = [{ node: root.id, next: 0 }];
    onPath.set(root.id, 0);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = graph.get(top.node) ?? [];
      if (top.next >= out.length) {
        stack.pop();
        onPath.delete(top.node);
        done.add(top.node);
        pathEdges.pop();
        continue;
      }
      const edge = out[top.next++]!;
      const depth = onPath.get(edge.to);
      if (depth !== undefined) return [...pathEdges.slice(depth), edge];
      if (done.has(edge.to)) continue;
      pathEdges.push(edge);
      onPath.set(edge.to, stack.length);
      stack.push({ node: edge.to, next: 0 });
    }
  }
  return undefined;
}

/** A cycle as text: `T1 -rw(k)-> T2 -ww(j)-> T1`. */
export function describeCycle(cycle: readonly Edge[]): string {
  return cycle.map((e) => `${e.from} -${e.kind}(${e.key})->`).join(' ') + ` ${cycle[0]?.from ?? ''}`;
}

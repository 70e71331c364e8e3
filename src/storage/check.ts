/**
 * The integrity check: walks the whole tree, verifies every page on disk (checksum, self number,
 * type), key order within and across pages, equal leaf depth, entry count, overflow runs, and that
 * every page of the file is accounted for exactly once (tree, overflow, freelist, free, pending).
 */
import { CorruptionError } from '../errors.js';
import { PAGE_BRANCH, PAGE_LEAF, decodeMeta } from './page-format.js';
import { Overflow, type Node } from './node.js';
import type { Store } from './store.js';

export function checkStore(store: Store): void {
  const { tree, pager } = store;
  const owner = new Map<number, string>();
  const claim = (pgno: number, what: string): void => {
    if (pgno < 2 || pgno >= pager.pageCount) {
      throw new CorruptionError(`${what} references page ${pgno}, outside the file (${pager.pageCount} pages)`, { page: pgno });
    }
    const prev = owner.get(pgno);
    if (prev !== undefined) throw new CorruptionError(`page ${pgno} is used twice: ${prev} and ${what}`, { page: pgno });
    owner.set(pgno, what);
  };
  checkMetaPages(store);
  let entries = 0;
  if (tree.root !== 0) {
    const leafDepths = new Set<number>();
    // iterative DFS: [pgno, depth, low bound, high bound]
    const stack: Array<[number, number, string | undefined, string | undefined]> = [[tree.root, 1, undefined, undefined]];
    let steps = 0;
    while (stack.length > 0) {
      if (++steps > pager.pageCount) throw new CorruptionError('tree has more nodes than the file has pages', { page: tree.root });
      const [pgno, depth, low, high] = stack.pop()!;
      claim(pgno, depth === 1 ? 'root' : `tree page at depth ${depth}`);
      const node = tree.node(pgno);
      if (!node.dirty && !node.writing) pager.read(pgno, node.isLeaf ? PAGE_LEAF : PAGE_BRANCH);
      checkOrder(node, low, high);
      if (node.isLeaf) {
        leafDepths.add(depth);
        entries += node.keys.length;
        for (const val of node.vals) {
          if (val instanceof Overflow) {
            const n = tree.overflowPages(val.len);
            for (let k = 0; k < n; k++) claim(val.pgno + k, `overflow run of page ${pgno}`);
            tree.readOverflow(val);
          }
        }
      } else {
        if (node.children.length !== node.keys.length + 1) {
          throw new CorruptionError(`page ${pgno}: ${node.keys.length} keys but ${node.children.length} children`, { page: pgno });
        }
        if (node.kids.length !== node.children.length) {
          throw new Error(`bug: page ${pgno}: ${node.kids.length} resident-kid slots for ${node.children.length} children`);
        }
        for (let i = 0; i < node.kids.length; i++) {
          const kid = node.kids[i];
          if (kid !== undefined && kid.slot >= 0 && kid.pgno !== node.children[i]) {
            throw new Error(`bug: page ${pgno}: resident kid ${i} is page ${kid.pgno}, child pointer says ${node.children[i]}`);
          }
        }
        for (let i = node.children.length - 1; i >= 0; i--) {
          stack.push([node.children[i]!, depth + 1, i === 0 ? low : node.keys[i - 1], i < node.keys.length ? node.keys[i] : high]);
        }
      }
    }
    if (leafDepths.size !== 1 || !leafDepths.has(tree.height)) {
      throw new CorruptionError(`leaves at depths ${[...leafDepths].join(',')}, tree height ${tree.height}`, { page: tree.root });
    }
  }
  if (entries !== tree.entries) {
    throw new CorruptionError(`tree holds ${entries} entries, expected ${tree.entries}`, { page: tree.root });
  }
  for (const p of store.freelistPages) claim(p, 'freelist page');
  for (const p of pager.freePages()) claim(p, 'free set');
  for (const p of pager.pending) claim(p, 'pending free');
  for (let p = 2; p < pager.pageCount; p++) {
    if (!owner.has(p)) throw new CorruptionError(`page ${p} is neither used nor free (leaked)`, { page: p });
  }
}

function checkMetaPages(store: Store): void {
  const ps = store.pageSize;
  for (const slot of [0, 1] as const) {
    const page = Buffer.alloc(ps);
    store.file.readSync(page, 0, ps, slot * ps);
    decodeMeta(page, slot);
  }
}

function checkOrder(node: Node, low: string | undefined, high: string | undefined): void {
  const keys = node.keys;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (i > 0 && !(keys[i - 1]! < k)) throw new CorruptionError(`page ${node.pgno}: keys out of order at ${i}`, { page: node.pgno });
    if (low !== undefined && k < low) throw new CorruptionError(`page ${node.pgno}: key below its parent's bound`, { page: node.pgno });
    if (high !== undefined && k >= high) throw new CorruptionError(`page ${node.pgno}: key above its parent's bound`, { page: node.pgno });
  }
}

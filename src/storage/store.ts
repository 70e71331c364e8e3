/**
 * The page store: opens `data.basalt`, owns the pager, buffer pool and tree, and runs
 * checkpoints and the integrity check.
 *
 * Checkpoint (copy-on-write; see `checkpoint` below) in order:
 *   1. serialize every dirty node and pending overflow run, synchronously: a consistent cut;
 *   2. write the freelist for the new state into pages no durable meta references;
 *   3. make the log durable up to the cut (hook);
 *   4. write the pages in file order, neighbours coalesced into vectored writes;
 *   5. fdatasync the page file;
 *   6. write the meta page into the slot the last durable meta does not occupy; fdatasync;
 *   7. only now release the pages the old tree used, for reuse.
 * A crash before 6 completes leaves the previous meta and every page it references untouched.
 */
import { CorruptionError, InvalidArgumentError, toIoError } from '../errors.js';
import type { FileHandle, FileSystem } from '../io/index.js';
import { checkpointSliceNodes, checkpointWriteBytesMax, pageBytesMax, pageBytesMin } from '../limits.js';
import { BTree } from './btree.js';
import { BufferPool } from './buffer-pool.js';
import { encodeNode, type Node, type Overflow } from './node.js';
import {
  PAGE_FREELIST,
  PAGE_OVERFLOW,
  decodeMeta,
  encodeMeta,
  pageHeaderBytes,
  peekMetaPageSize,
  sealPage,
  view,
  writeHeader,
  type Meta,
} from './page-format.js';
import { Pager } from './pager.js';
import { checkStore } from './check.js';

export interface StoreOptions {
  pageSize: number;
  cacheBytes: number;
}

interface PageWrite {
  pgno: number;
  buf: Uint8Array;
}

/**
 * Page buffers for a checkpoint, cut from large slabs: one allocation per `slabPages` pages
 * instead of one (zero-filled) allocation per page, which dominated the encode's time.
 */
class PageSlab {
  private static readonly slabPages = 256;
  private slab: Buffer = Buffer.alloc(0);
  private used = 0;
  constructor(private readonly pageSize: number) {}
  next(): Buffer {
    if (this.used + this.pageSize > this.slab.length) {
      this.slab = Buffer.allocUnsafe(PageSlab.slabPages * this.pageSize);
      this.used = 0;
    }
    const page = this.slab.subarray(this.used, this.used + this.pageSize);
    this.used += this.pageSize;
    return page;
  }
}

function validPageSize(n: number): boolean {
  return Number.isInteger(n) && n >= pageBytesMin && n <= pageBytesMax && (n & (n - 1)) === 0;
}

export class Store {
  readonly tree: BTree;
  readonly pool: BufferPool;
  readonly pager: Pager;
  /** The last durable meta page. */
  meta: Meta;
  /** Pages holding the durable freelist. */
  freelistPages: number[];
  fsyncs = 0;
  checkpoints = 0;
  private inFlight: Promise<void> | null = null;

  private constructor(
    readonly file: FileHandle,
    meta: Meta,
    freelistPages: number[],
    free: number[],
    cacheBytes: number,
  ) {
    this.meta = meta;
    this.freelistPages = freelistPages;
    this.pager = new Pager(file, meta.pageSize, meta.pageCount);
    this.pager.setFree(free);
    this.pool = new BufferPool(cacheBytes);
    this.tree = new BTree(this.pager, this.pool, meta);
  }

  /** Open the page file at `path`, creating it when missing. */
  static async open(fs: FileSystem, path: string, opts: StoreOptions): Promise<Store> {
    if (!validPageSize(opts.pageSize)) {
      throw new InvalidArgumentError(`pageSize must be a power of two from ${pageBytesMin} to ${pageBytesMax}, got ${opts.pageSize}`);
    }
    if (!fs.exists(path)) await Store.initialize(fs, path, opts.pageSize);
    let file: FileHandle;
    try {
      file = fs.open(path, 'readwrite');
    } catch (err) {
      throw toIoError(err, `open ${path}`);
    }
    try {
      const meta = Store.readMeta(file);
      const { pages, free } = Store.readFreelist(file, meta);
      return new Store(file, meta, pages, free, opts.cacheBytes);
    } catch (err) {
      try {
        file.closeSync();
      } catch {
        // report the failure that made the open fail
      }
      throw err;
    }
  }

  /**
   * Create the page file of an empty database: both meta pages written and synced under a
   * temporary name, then renamed into place, so a crash never leaves a half-made page file.
   */
  private static async initialize(fs: FileSystem, path: string, pageSize: number): Promise<void> {
    const tmp = `${path}.init`;
    const dir = path.slice(0, Math.max(0, path.lastIndexOf('/'))) || '.';
    const base: Meta = { pageSize, epoch: 0, root: 0, height: 0, pageCount: 2, freeHead: 0, freeCount: 0, ckptLsn: 0, entries: 0 };
    try {
      fs.remove(tmp);
      const file = fs.open(tmp, 'create');
      try {
        await file.write(encodeMeta({ ...base, epoch: 1 }, 0), 0);
        await file.write(encodeMeta(base, 1), pageSize);
        await file.sync();
      } finally {
        await file.close();
      }
      fs.rename(tmp, path);
      await fs.syncDir(dir);
    } catch (err) {
      throw toIoError(err, `create ${path}`);
    }
  }

  /** Read both meta pages and return the valid one with the higher epoch. */
  private static readMeta(file: FileHandle): Meta & { slot: 0 | 1 } {
    const size = file.size();
    const head = Buffer.alloc(Math.min(pageBytesMax, size));
    file.readSync(head, 0, head.length, 0);
    const candidates: Array<Meta & { slot: 0 | 1 }> = [];
    const errors: string[] = [];
    const claimed = peekMetaPageSize(head);
    const sizes = validPageSize(claimed) ? [claimed] : [];
    for (let ps = pageBytesMin; ps <= pageBytesMax; ps *= 2) if (ps !== claimed) sizes.push(ps);
    if (validPageSize(claimed) && size >= claimed) {
      try {
        candidates.push({ ...decodeMeta(head.subarray(0, claimed), 0), slot: 0 });
      } catch (err) {
        errors.push((err as Error).message);
      }
    } else {
      errors.push('meta page 0: no valid page size');
    }
    for (const ps of candidates.length > 0 ? [candidates[0]!.pageSize] : sizes) {
      if (size < 2 * ps) continue;
      const page = Buffer.alloc(ps);
      file.readSync(page, 0, ps, ps);
      try {
        candidates.push({ ...decodeMeta(page, 1), slot: 1 });
        break;
      } catch (err) {
        if (candidates.length > 0 || ps === claimed) errors.push((err as Error).message);
      }
    }
    if (candidates.length === 0) {
      throw new CorruptionError(`no valid meta page in ${file.path}: ${errors.join('; ')}`, { page: 0, file: file.path });
    }
    candidates.sort((a, b) => b.epoch - a.epoch);
    const best = candidates[0]!;
    if (size < best.pageCount * best.pageSize) {
      throw new CorruptionError(`${file.path} is shorter (${size} bytes) than its ${best.pageCount} pages`, { page: best.pageCount - 1, file: file.path });
    }
    return best;
  }

  /** Follow the freelist chain of `meta`. */
  private static readFreelist(file: FileHandle, meta: Meta): { pages: number[]; free: number[] } {
    const pager = new Pager(file, meta.pageSize, meta.pageCount);
    const pages: number[] = [];
    const free: number[] = [];
    let pg = meta.freeHead;
    while (pg !== 0) {
      if (pages.length >= meta.pageCount) throw new CorruptionError(`freelist chain loops at page ${pg}`, { page: pg });
      const page = pager.read(pg, PAGE_FREELIST);
      const dv = view(page);
      const count = dv.getUint16(6, true);
      if (pageHeaderBytes + count * 4 > meta.pageSize) throw new CorruptionError(`page ${pg}: freelist count ${count} too large`, { page: pg });
      for (let i = 0; i < count; i++) {
        const f = dv.getUint32(pageHeaderBytes + i * 4, true);
        if (f < 2 || f >= meta.pageCount) throw new CorruptionError(`page ${pg}: free page ${f} out of range`, { page: pg });
        free.push(f);
      }
      pages.push(pg);
      pg = dv.getUint32(12, true);
    }
    if (free.length !== meta.freeCount) {
      throw new CorruptionError(`freelist holds ${free.length} pages, meta says ${meta.freeCount}`, { page: meta.freeHead });
    }
    return { pages, free };
  }

  get pageSize(): number {
    return this.meta.pageSize;
  }

  get checkpointing(): boolean {
    return this.inFlight !== null;
  }

  /** Wait for the checkpoint in flight, if any. */
  async idle(): Promise<void> {
    while (this.inFlight !== null) await this.inFlight.catch(() => undefined);
  }

  /**
   * Make the tree as of `lsn` durable (see the header comment). `beforeWrite` runs after the cut
   * and before any page is written: the caller makes the log durable up to `lsn` there.
   */
  async checkpoint(lsn: number, beforeWrite: () => Promise<void>): Promise<void> {
    await this.idle();
    const run = this.runCheckpoint(lsn, beforeWrite);
    this.inFlight = run;
    try {
      await run;
    } finally {
      this.inFlight = null;
    }
  }

  private async runCheckpoint(lsn: number, beforeWrite: () => Promise<void>): Promise<void> {
    const tree = this.tree;
    const pager = this.pager;
    // 1. the cut: freeze the dirty nodes. They are encoded in the background (1b); a write that
    //    reaches a frozen node first encodes it (BTree.encodeFrozen), so the checkpoint holds the
    //    state as of this instant without stalling the event loop for the whole encode.
    const writes: PageWrite[] = [];
    const written: Node[] = [...tree.dirtyNodes];
    const pages = new PageSlab(this.pageSize);
    const encode = (node: Node): void => {
      writes.push({ pgno: node.pgno, buf: encodeNode(node, pages.next()) });
      node.frozen = false;
    };
    for (const node of written) {
      node.dirty = false;
      node.writing = true;
      node.frozen = true;
    }
    tree.dirtyNodes.clear();
    tree.encodeFrozen = encode;
    const overflows = [...tree.pendingOverflow];
    for (const ovf of overflows) this.encodeOverflow(ovf.pgno, ovf.data!, writes);
    tree.pendingOverflow.clear();
    tree.dirtyBytes = 0;
    // 2. the freelist of the new state; free pages at the end of the file are given back
    const trimmed = pager.trimTail();
    const releasing = pager.pending;
    pager.pending = [];
    const oldFreelist = this.freelistPages;
    const listed = pager.freePages().concat(releasing, oldFreelist);
    const perPage = Math.floor((this.pageSize - pageHeaderBytes) / 4);
    const flCount = listed.length === 0 ? 0 : Math.ceil(listed.length / (perPage + 1));
    const flPages = pager.takeFree(flCount);
    const taken = new Set(flPages);
    const entries = listed.filter((p) => !taken.has(p)).sort((a, b) => a - b);
    this.encodeFreelist(flPages, entries, perPage, writes);
    const meta: Meta = {
      pageSize: this.pageSize,
      epoch: this.meta.epoch + 1,
      root: tree.root,
      height: tree.height,
      pageCount: pager.pageCount,
      freeHead: flPages[0] ?? 0,
      freeCount: entries.length,
      ckptLsn: lsn,
      entries: tree.entries,
    };
    try {
      await this.writeCut(meta, written, writes, overflows, beforeWrite);
    } catch (err) {
      // The new state is not (known to be) durable: account for it as still dirty, so `check()`
      // on the failed engine describes memory and the last durable checkpoint truthfully.
      for (const node of written) {
        node.writing = false;
        node.frozen = false;
        if (!node.dirty && node.slot >= 0) {
          node.dirty = true;
          tree.dirtyNodes.add(node);
          tree.dirtyBytes += this.pageSize;
        }
      }
      pager.pending = releasing.concat(pager.pending);
      pager.addFree(flPages);
      pager.untrim(trimmed);
      throw err;
    }
    // 7. the old tree's pages are now free
    this.meta = meta;
    this.freelistPages = flPages;
    pager.addFree(releasing);
    pager.addFree(oldFreelist);
    this.checkpoints++;
    if (trimmed.length > 0) await this.shrinkFile();
  }

  /** Steps 1b to 6 of a checkpoint: encode the cut, write it, sync, write the meta page, sync. */
  private async writeCut(
    meta: Meta,
    written: Node[],
    writes: PageWrite[],
    overflows: Overflow[],
    beforeWrite: () => Promise<void>,
  ): Promise<void> {
    const tree = this.tree;
    // 1b. encode the cut, yielding to the event loop every checkpointSliceNodes nodes (a count,
    //     not a time, so that a seeded simulation interleaves the same way on every machine)
    try {
      for (let i = 0; i < written.length; i++) {
        const node = written[i]!;
        if (node.frozen) tree.encodeFrozen!(node);
        if (i % checkpointSliceNodes === checkpointSliceNodes - 1) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      tree.encodeFrozen = null;
    }
    // 3. the log up to the cut must be durable before the state that includes it
    await beforeWrite();
    // 4. pages in file order, neighbours coalesced
    await this.writePages(writes);
    for (const node of written) node.writing = false;
    for (const ovf of overflows) if (!tree.pendingOverflow.has(ovf)) ovf.data = null;
    // 4b. pages allocated at the end of the file and freed before any checkpoint wrote them are
    //     counted in the page count: the file must cover them too
    const length = meta.pageCount * this.pageSize;
    if (this.file.size() < length) {
      try {
        await this.file.truncate(length);
      } catch (err) {
        throw toIoError(err, `extend ${this.file.path} to ${meta.pageCount} pages`);
      }
    }
    // 5. the pages (and the file length) are durable
    await this.sync();
    // 6. the meta page, into the slot the durable meta does not use
    const slot = (meta.epoch % 2) as 0 | 1;
    try {
      await this.file.write(encodeMeta(meta, slot), slot * this.pageSize);
    } catch (err) {
      throw toIoError(err, `write of meta page ${slot}`);
    }
    await this.sync();
  }

  /** Cut the file back to its page count (best effort: a longer file is harmless). */
  private async shrinkFile(): Promise<void> {
    const length = this.pager.pageCount * this.pageSize;
    if (this.file.size() <= length) return;
    try {
      await this.file.truncate(length);
    } catch {
      // the pages past the count are free either way; the next checkpoint tries again
    }
  }

  private encodeOverflow(first: number, data: Uint8Array, out: PageWrite[]): void {
    const payload = this.pageSize - pageHeaderBytes;
    const n = this.tree.overflowPages(data.length);
    for (let k = 0; k < n; k++) {
      const page = new Uint8Array(this.pageSize);
      writeHeader(view(page), PAGE_OVERFLOW, 0, first + k, k);
      page.set(data.subarray(k * payload, Math.min(data.length, (k + 1) * payload)), pageHeaderBytes);
      sealPage(page);
      out.push({ pgno: first + k, buf: page });
    }
  }

  private encodeFreelist(pages: number[], entries: number[], perPage: number, out: PageWrite[]): void {
    for (let i = 0; i < pages.length; i++) {
      const page = new Uint8Array(this.pageSize);
      const dv = view(page);
      const chunk = entries.slice(i * perPage, (i + 1) * perPage);
      writeHeader(dv, PAGE_FREELIST, chunk.length, pages[i]!, pages[i + 1] ?? 0);
      for (let j = 0; j < chunk.length; j++) dv.setUint32(pageHeaderBytes + j * 4, chunk[j]!, true);
      sealPage(page);
      out.push({ pgno: pages[i]!, buf: page });
    }
  }

  private async writePages(writes: PageWrite[]): Promise<void> {
    writes.sort((a, b) => a.pgno - b.pgno);
    const maxPages = Math.max(1, Math.floor(checkpointWriteBytesMax / this.pageSize));
    let i = 0;
    while (i < writes.length) {
      let j = i + 1;
      while (j < writes.length && j - i < maxPages && writes[j]!.pgno === writes[j - 1]!.pgno + 1) j++;
      const group = writes.slice(i, j).map((w) => w.buf);
      try {
        await this.file.writev(group, writes[i]!.pgno * this.pageSize);
      } catch (err) {
        throw toIoError(err, `write of pages ${writes[i]!.pgno}..${writes[j - 1]!.pgno}`);
      }
      i = j;
    }
  }

  private async sync(): Promise<void> {
    this.fsyncs++;
    try {
      await this.file.sync();
    } catch (err) {
      throw toIoError(err, `fdatasync of ${this.file.path}`);
    }
  }

  /** Full integrity check of the current state; throws CorruptionError naming the page. */
  async check(): Promise<void> {
    // The check must run in the same synchronous stretch that sees no checkpoint in flight: one
    // could start its cut between an awaited idle() and the check.
    for (;;) {
      const running = this.inFlight;
      if (running === null) {
        checkStore(this);
        return;
      }
      await running.catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await this.idle();
    this.pool.clear();
    await this.file.close();
  }

  closeSync(): void {
    this.pool.clear();
    this.file.closeSync();
  }
}

/**
 * The page file `data.basalt`: verified reads, vectored writes, and page allocation.
 *
 * Allocation invariants (copy-on-write):
 * 1. A page referenced by the last durable meta page is never written.
 * 2. `free` holds only pages that neither the last durable meta nor the in-memory tree references.
 * 3. A page the tree stops referencing goes to `pending`; it becomes free only once a meta page
 *    that no longer references it is durable (see Checkpointer).
 */
import { CorruptionError, toIoError } from '../errors.js';
import type { FileHandle } from '../io/index.js';
import { assert } from '../util/assert.js';
import { verifyPage } from './page-format.js';
import { scanReadAheadPagesMax } from '../limits.js';

export class Pager {
  /** Pages in the file, as far as allocation is concerned (the high-water mark). */
  pageCount: number;
  /** Free pages, sorted descending so `pop()` yields the lowest. */
  private free: number[] = [];
  /** Pages released since the current checkpoint interval began. */
  pending: number[] = [];
  /** Pages read from disk (cache misses and overflow reads). */
  pagesRead = 0;
  /** Reused by scratch reads (one page, or one read-ahead run). */
  private readonly scratch: Buffer;

  constructor(
    readonly file: FileHandle,
    readonly pageSize: number,
    pageCount: number,
  ) {
    this.pageCount = pageCount;
    this.scratch = Buffer.allocUnsafe(pageSize * scanReadAheadPagesMax);
  }

  get freeCount(): number {
    return this.free.length;
  }

  /** Replace the free set (at open, from the freelist). */
  setFree(pages: number[]): void {
    this.free = pages.slice().sort((a, b) => b - a);
  }

  /** Add pages to the free set (when a checkpoint has made their release durable). */
  addFree(pages: readonly number[]): void {
    if (pages.length === 0) return;
    for (const p of pages) this.free.push(p);
    this.free.sort((a, b) => b - a);
  }

  /** A snapshot of the free set, ascending. */
  freePages(): number[] {
    return this.free.slice().reverse();
  }

  /** Allocate one page: the lowest free page, or a new one at the end of the file. */
  alloc(): number {
    const p = this.free.pop();
    return p ?? this.pageCount++;
  }

  /**
   * Give back free pages at the end of the file: lower the page count past them. Returns the
   * pages given back (so a failed checkpoint can restore them).
   */
  trimTail(): number[] {
    const free = this.free; // descending: free[0] is the highest
    let n = 0;
    while (n < free.length && free[n] === this.pageCount - 1 - n) n++;
    if (n === 0) return [];
    const trimmed = free.splice(0, n);
    this.pageCount -= n;
    return trimmed;
  }

  /** Undo `trimTail`. */
  untrim(pages: number[]): void {
    if (pages.length === 0) return;
    this.pageCount += pages.length;
    this.addFree(pages);
  }

  /** Take up to `n` pages out of the free set for the caller's own use (freelist pages). */
  takeFree(n: number): number[] {
    const out: number[] = [];
    while (out.length < n) out.push(this.alloc());
    return out;
  }

  /** Allocate `n` consecutive pages (an overflow run): first fit in the free set, else at the end. */
  allocRun(n: number): number {
    if (n === 1) return this.alloc();
    const free = this.free; // descending
    let runEnd = -1;
    let runLen = 0;
    for (let i = free.length - 1; i >= 0; i--) {
      // walking ascending page numbers
      if (runLen > 0 && free[i] === free[i + 1]! + 1) runLen++;
      else runLen = 1;
      if (runLen === n) {
        runEnd = i;
        break;
      }
    }
    if (runEnd >= 0) {
      const start = free[runEnd + n - 1]!;
      free.splice(runEnd, n);
      return start;
    }
    const start = this.pageCount;
    this.pageCount += n;
    return start;
  }

  /** The tree stopped referencing `pgno`; it is reusable after the next durable checkpoint. */
  release(pgno: number): void {
    assert(pgno >= 2 && pgno < this.pageCount, `release of page ${pgno} out of range`);
    this.pending.push(pgno);
  }

  releaseRun(pgno: number, n: number): void {
    for (let i = 0; i < n; i++) this.release(pgno + i);
  }

  /**
   * Read and verify one page into a scratch buffer that the next read reuses: the caller decodes
   * or copies it before reading again. Throws CorruptionError naming the page, or IoError.
   */
  read(pgno: number, expectType?: number): Uint8Array {
    const page = this.readRaw(pgno, 1, true);
    verifyPage(page, pgno, expectType);
    return page;
  }

  /**
   * Read `n` consecutive pages unverified (the caller verifies each). With `scratch`, small reads
   * land in a buffer the next scratch read reuses (decoded pages are copied into strings, so a
   * miss leaves no page-sized garbage behind).
   */
  readRaw(pgno: number, n: number, scratch = false): Buffer {
    if (pgno < 2 || pgno + n > this.pageCount) {
      throw new CorruptionError(`reference to page ${pgno}${n > 1 ? `..${pgno + n - 1}` : ''} outside the file (${this.pageCount} pages)`, { page: pgno });
    }
    const bytes = n * this.pageSize;
    let buf: Buffer;
    if (scratch && bytes <= this.scratch.length) buf = this.scratch.subarray(0, bytes);
    else buf = Buffer.allocUnsafe(bytes);
    let got: number;
    try {
      got = this.file.readSync(buf, 0, buf.length, pgno * this.pageSize);
    } catch (err) {
      throw toIoError(err, `read of page ${pgno}`);
    }
    this.pagesRead += n;
    if (got < buf.length) {
      throw new CorruptionError(`page ${pgno + Math.floor(got / this.pageSize)} lies past the end of the file`, {
        page: pgno + Math.floor(got / this.pageSize),
      });
    }
    return buf;
  }
}

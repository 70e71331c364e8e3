/**
 * The file-system interface every byte of BasaltDB's I/O goes through, so tests can inject
 * crashes, torn writes and errors. Reads are synchronous (a cache miss is a `pread` of a few
 * microseconds); writes that wait on the device (`write`, `sync`) are asynchronous so the event
 * loop keeps serving while the disk works.
 *
 * Errors are thrown or rejected as Node system errors carrying `code` (`EIO`, `ENOSPC`, ...).
 */

/** An open file. Positions and lengths are byte offsets. */
export interface FileHandle {
  /** The path the file was opened with. */
  readonly path: string;
  /** Read up to `length` bytes at `position` into `buf[offset…]`; returns bytes read (short at EOF). */
  readSync(buf: Uint8Array, offset: number, length: number, position: number): number;
  /** Write all of `buf` at `position`. */
  write(buf: Uint8Array, position: number): Promise<void>;
  /** Write the buffers back to back starting at `position` (one vectored write). */
  writev(bufs: readonly Uint8Array[], position: number): Promise<void>;
  /** Write all of `buf` at `position`, synchronously. */
  writeSync(buf: Uint8Array, position: number): void;
  /** Make written data durable (fdatasync). */
  sync(): Promise<void>;
  /** Make written data durable (fdatasync), synchronously. */
  syncSync(): void;
  /** Set the file's length. */
  truncate(size: number): Promise<void>;
  /** The file's current length in bytes. */
  size(): number;
  /** Close the handle. */
  close(): Promise<void>;
  /** Close the handle synchronously. */
  closeSync(): void;
}

/** How `open` treats the path. */
export type OpenMode = 'read' | 'readwrite' | 'create';

/** A held directory lock; `release` gives it up. */
export interface FileLock {
  release(): void;
}

/** A file system: the Node one for real use, an in-memory one with fault injection for tests. */
export interface FileSystem {
  /** Open a file. `create` creates it if missing; `read`/`readwrite` fail with ENOENT if missing. */
  open(path: string, mode: OpenMode): FileHandle;
  /** Whether a file or directory exists at `path`. */
  exists(path: string): boolean;
  /** Create a directory and its parents. */
  mkdirp(path: string): void;
  /** Names (not paths) of the entries of a directory, sorted. */
  readdir(path: string): string[];
  /** Delete a file; no error if it is missing. */
  remove(path: string): void;
  /** Atomically rename a file (replacing the target). */
  rename(from: string, to: string): void;
  /** Make the directory's entries (creations, renames, removals) durable. */
  syncDir(path: string): Promise<void>;
  /**
   * Take the exclusive lock on a database directory, written to the file `path`. Throws
   * `DatabaseLockedError` if a live holder has it; a lock left by a dead process is taken over.
   */
  lock(path: string): FileLock;
}

/**
 * Typed errors for operating conditions. Programmer bugs use `assert` (util/assert.ts) instead.
 * Every error has a stable `code` (a SQLSTATE where one applies).
 */

/** Base class of every error BasaltDB throws on purpose. */
export class BasaltError extends Error {
  /** Stable machine-readable code; a SQLSTATE where one applies. */
  readonly code: string;
  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Stored data failed a check: a bad checksum, an impossible field, a bad log record. */
export class CorruptionError extends BasaltError {
  /** The page number involved, when the corruption is in the page file. */
  readonly page: number | undefined;
  /** The log position (LSN) involved, when the corruption is in the write-ahead log. */
  readonly lsn: number | undefined;
  /** The file involved. */
  readonly file: string | undefined;
  constructor(message: string, where: { page?: number; lsn?: number; file?: string } = {}) {
    super(message, 'XX001');
    this.page = where.page;
    this.lsn = where.lsn;
    this.file = where.file;
  }
}

/** A key is longer than `keyBytesMax`. */
export class KeyTooLargeError extends BasaltError {
  constructor(readonly bytes: number, readonly limit: number) {
    super(`key of ${bytes} bytes exceeds the limit of ${limit} bytes (keyBytesMax)`, '54000');
  }
}

/** A value is longer than `valueBytesMax`. */
export class ValueTooLargeError extends BasaltError {
  constructor(readonly bytes: number, readonly limit: number) {
    super(`value of ${bytes} bytes exceeds the limit of ${limit} bytes (valueBytesMax)`, '54000');
  }
}

/** A limit other than key or value size was exceeded (batch size, keyspace count, ...). */
export class LimitExceededError extends BasaltError {
  constructor(message: string) {
    super(message, '54000');
  }
}

/** The database was closed (or is closing) and cannot serve the call. */
export class DatabaseClosedError extends BasaltError {
  constructor(message = 'database is closed') {
    super(message, '08003');
  }
}

/** Another process (or another open in this process) holds the database directory. */
export class DatabaseLockedError extends BasaltError {
  constructor(readonly dir: string, readonly holderPid: number | undefined) {
    super(
      `database ${dir} is locked by ${holderPid === undefined ? 'another opener' : `process ${holderPid}`}`,
      '55006',
    );
  }
}

/** An operating-system I/O error; `errno` keeps the system code (EIO, ENOSPC, ...). */
export class IoError extends BasaltError {
  /** The system error code, for example `EIO` or `ENOSPC`. */
  readonly errno: string;
  constructor(message: string, errno: string, options?: { cause?: unknown }) {
    super(message, errno === 'ENOSPC' ? '53100' : '58030', options);
    this.errno = errno;
  }
}

/** The database refuses writes after an earlier write or fsync failed; reopen it to recover. */
export class ReadOnlyAfterFailureError extends BasaltError {
  constructor(cause: unknown) {
    super(
      `database refuses writes after an earlier I/O failure (${describe(cause)}); close and reopen it to recover`,
      '58030',
      { cause },
    );
  }
}

/** A caller passed an argument of the wrong shape (not a key type, bad option...). */
export class InvalidArgumentError extends BasaltError {
  constructor(message: string) {
    super(message, '22023');
  }
}

/**
 * The transaction cannot be serialized with concurrent ones: a write to a key another transaction
 * changed after this one's snapshot (first updater wins), or a dangerous structure of
 * read-write dependencies under SERIALIZABLE. Retrying the whole transaction may succeed.
 */
export class SerializationError extends BasaltError {
  constructor(message: string) {
    super(message, '40001');
  }
}

/** This transaction's lock wait closed a cycle in the wait-for graph; it is the victim. */
export class DeadlockError extends BasaltError {
  constructor(message: string) {
    super(message, '40P01');
  }
}

/** A lock wait lasted longer than the transaction's `lockTimeoutMs`. */
export class LockTimeoutError extends BasaltError {
  constructor(readonly key: Uint8Array, readonly timeoutMs: number) {
    super(`lock wait on a key timed out after ${timeoutMs} ms (lockTimeoutMs)`, '55P03');
  }
}

/**
 * The transaction's snapshot was released because the old versions it pinned passed
 * `versionStoreBytesMax`; it can no longer read consistently.
 */
export class SnapshotTooOldError extends BasaltError {
  constructor(message: string) {
    super(message, '72000');
  }
}

/** A call the transaction's state does not allow (after an error, after commit or rollback). */
export class TransactionStateError extends BasaltError {
  constructor(message: string, code = '25P02') {
    super(message, code);
  }
}

/** A write in a transaction begun with `readOnly: true`. */
export class ReadOnlyTransactionError extends BasaltError {
  constructor() {
    super('cannot write in a read-only transaction', '25006');
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Wrap a Node system error into IoError keeping its code; pass BasaltErrors through. */
export function toIoError(err: unknown, what: string): BasaltError {
  if (err instanceof BasaltError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const errno = typeof code === 'string' ? code : 'EIO';
  return new IoError(`${what}: ${describe(err)}`, errno, { cause: err });
}

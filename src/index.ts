/**
 * BasaltDB: a durable, transactional database engine in TypeScript.
 *
 * ```ts
 * import { open } from 'basaltdb';
 * const db = await open('./data');
 * await db.put('hello', 'world');
 * db.get('hello'); // Uint8Array of "world"
 * await db.close();
 * ```
 */
export { Database, open } from './database.js';
export { Keyspace, Transaction, TransactionKeyspace, durabilityModes, isolationLevels } from './kv/index.js';
export { PreparedStatement, Session, SqlError } from './sql/index.js';
export type { QueryField, QueryOptions, QueryResult, SessionOptions } from './sql/index.js';
export type {
  BatchOp,
  Bytes,
  DatabaseStats,
  Durability,
  IsolationLevel,
  OpenOptions,
  RangeOptions,
  TransactionOptions,
  TransactionState,
} from './kv/index.js';
export {
  BasaltError,
  CorruptionError,
  DatabaseClosedError,
  DatabaseLockedError,
  DeadlockError,
  LockTimeoutError,
  ReadOnlyTransactionError,
  SerializationError,
  SnapshotTooOldError,
  TransactionStateError,
  InvalidArgumentError,
  IoError,
  KeyTooLargeError,
  LimitExceededError,
  ReadOnlyAfterFailureError,
  ValueTooLargeError,
} from './errors.js';
export { MemoryFileSystem, NodeFileSystem } from './io/index.js';
export type { FileHandle, FileLock, FileSystem, OpenMode } from './io/index.js';
export * as limits from './limits.js';

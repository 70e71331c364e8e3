/** The embedded key-value API. */
export { Database, open } from './database.js';
export { Keyspace } from './keyspace.js';
export type { BatchOp, Bytes, DatabaseStats, Durability, OpenOptions, RangeOptions } from './types.js';
export { durabilityModes } from './types.js';
export { Transaction, TransactionKeyspace, isolationLevels } from './transaction.js';
export type { IsolationLevel, TransactionOptions, TransactionState } from './transaction.js';

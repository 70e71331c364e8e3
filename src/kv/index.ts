/** The embedded key-value API. */
export { Database, open, openWith } from './database.js';
export type { Engine } from './engine.js';
export { Keyspace } from './keyspace.js';
export type { BatchOp, Bytes, DatabaseStats, Durability, OpenOptions, RangeOptions } from './types.js';
export { durabilityModes } from './types.js';
export { Transaction, TransactionKeyspace, isolationLevels } from './transaction.js';
export type { IsolationLevel, TransactionOptions, TransactionState } from './transaction.js';

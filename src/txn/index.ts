/** The transaction layer: commit clock, snapshots, old versions, key locks, SSI tracking. */
export { TxnManager } from './manager.js';
export { LockTable } from './locks.js';
export type { LockEntry, LockOwner } from './locks.js';
export { SsiTracker, Sx, rangeCovers, serializationFailure } from './ssi.js';
export type { ReadRange } from './ssi.js';
export { SnapshotRegistry, VersionStore } from './versions.js';
export type { SnapshotHolder, StoredValue, Version } from './versions.js';
export { SortedKeys } from './sorted-keys.js';

/** The storage layer: pages, buffer pool, B+tree, cursors, checkpoints, integrity check. */
export { Store } from './store.js';
export type { StoreOptions } from './store.js';
export { BTree } from './btree.js';
export { Cursor } from './cursor.js';
export type { KeyBounds } from './cursor.js';
export { Overflow } from './node.js';
export type { LeafValue } from './node.js';

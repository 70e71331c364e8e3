/** The I/O layer: the `FileSystem` interface and its implementations. */
export type { FileHandle, FileLock, FileSystem, OpenMode } from './file-system.js';
export { NodeFileSystem } from './node-fs.js';
export { MemoryFileSystem } from './memory-fs.js';
export type { FaultKind, FaultPlan } from './memory-fs.js';

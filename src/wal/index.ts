/** The write-ahead log: record framing, segments, recovery. */
export { Log } from './log.js';
export type { LogOptions } from './log.js';
export { OP_DELETE, OP_PUT, recordHeaderBytes } from './record.js';

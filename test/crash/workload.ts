/**
 * What the crash writer and the harness agree on: the intent/ack log format and how a write's
 * value is derived from its identity, so the harness can recompute every value it reads.
 *
 * The log is one JSON object per line, written by the writer with `fs.writeSync`:
 *
 * | line                                      | written                                   |
 * |-------------------------------------------|-------------------------------------------|
 * | `{"t":"I","s":seq,"w":[[ks,key,len],..]}` | just before the write is issued           |
 * | `{"t":"A","s":seq}`                       | after the write's promise resolved        |
 * | `{"t":"C","e":"start"}` / `"end"`         | around each `checkpoint()` call           |
 *
 * `seq` numbers writes in issue order within a round (a batch is one seq). In `w`, `ks` is the
 * keyspace name ('' for the default one), `len` the filler length of a put, or -1 for a delete.
 * Since the writer is single-threaded and issues each write in the same tick as its intent line,
 * seq order is the order the writes reached the engine.
 */
import { Rng } from '../lib/rng.js';

/** One key written by a logged write: keyspace, key, and filler length (-1 = delete). */
export type WriteEntry = readonly [ks: string, key: string, len: number];

export interface IntentLine {
  readonly t: 'I';
  readonly s: number;
  readonly w: readonly WriteEntry[];
}
export interface AckLine {
  readonly t: 'A';
  readonly s: number;
}
export interface CheckpointLine {
  readonly t: 'C';
  readonly e: 'start' | 'end';
}
export type LogLine = IntentLine | AckLine | CheckpointLine;

/** Keyspaces the workload writes: the default one ('') and a named one. */
export const workloadKeyspaces = ['', 'crash'] as const;

/** The value of a put: its round, seq and key, then `len` filler bytes derived from them. */
export function valueOf(round: number, seq: number, key: string, len: number): string {
  const rng = new Rng((round * 1_000_003 + seq) >>> 0);
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let filler = '';
  for (let i = 0; i < len; i++) filler += alphabet[rng.int(alphabet.length)];
  return `${round}:${seq}:${key}:${filler}`;
}

/** Parse the log text; a torn or partial last line (impossible with single writes, but cheap) is ignored. */
export function parseLog(text: string): LogLine[] {
  const lines = text.split('\n');
  const out: LogLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    try {
      out.push(JSON.parse(line) as LogLine);
    } catch (err) {
      if (i < lines.length - 1) throw new Error(`ack log line ${i + 1} is not JSON: ${line}`, { cause: err });
    }
  }
  return out;
}

/** The model key for a keyspace and key. */
export function modelKey(ks: string, key: string): string {
  return `${ks}\u0000${key}`;
}

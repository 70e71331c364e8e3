/** What the YCSB suite's parent asks a worker child to do. */
import type { DeviceSpec, EngineSpec } from '../lib/worker-spec.js';
import type { YcsbWorkloadName } from './workloads.js';

/** One step inside an engine's child, in order. */
export type YcsbPhase =
  | {
      /** Insert records 0..recordCount-1 (YCSB's load phase), `batch` per atomic durable batch. */
      readonly kind: 'load';
      /** Names the result, e.g. "load" or "load-e". */
      readonly id: string;
      readonly batch: number;
    }
  | {
      /**
       * Close the database and open it again, timed (close and open separately): what YCSB's
       * separate `load` and `run` invocations do. Work an engine defers past the load (a
       * checkpoint, a memtable flush) is then done in the close instead of during the first
       * run phase. Off by default (`--reopen`).
       */
      readonly kind: 'reopen';
      /** Names the result, e.g. "reopen" or "reopen-e". */
      readonly id: string;
    }
  | {
      /**
       * Untimed: one ordered scan over every record, then `reads` zipfian gets, so every engine
       * starts the run phases with its cache (or the OS page cache) and the JIT warm.
       */
      readonly kind: 'warm';
      readonly reads: number;
    }
  | {
      /** A YCSB run phase: `clients` clients each running their own operation stream. */
      readonly kind: 'run';
      readonly workload: YcsbWorkloadName;
      readonly clients: number;
      /** YCSB's operationcount: operations of the whole phase, over all clients. */
      readonly operationCount: number;
      /** The phase stops issuing operations after this long (YCSB's maxexecutiontime). */
      readonly maxSeconds: number;
      /** See `OperationStreamOptions.insertKeyOffset`: > 0 when an earlier run inserted. */
      readonly insertKeyOffset: number;
    };

export interface YcsbEngineSpec extends EngineSpec<YcsbPhase> {
  /** Names this child's group in the results ("main" or "e"). */
  readonly group: string;
  readonly recordCount: number;
}

/** The device probe runs before the first engine and after the last ("before", "after"). */
export type YcsbDeviceSpec = DeviceSpec;

export type YcsbWorkerSpec = YcsbEngineSpec | YcsbDeviceSpec;

/** Result id of a run phase: workload and client count, e.g. "a/16". */
export function runId(workload: string, clients: number): string {
  return `${workload}/${clients}`;
}

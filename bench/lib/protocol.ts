/**
 * Messages between the benchmark runner (parent) and a worker child over the fork IPC channel.
 * Every engine runs in its own child so that its memory, native threads and page cache
 * behaviour are measured alone and one engine's crash cannot take the suite down.
 */
import type { HistogramJson, LatencySummary } from './histogram.js';

/** Parent -> child: run this spec (its shape belongs to the suite's worker). */
export interface RunMessage {
  readonly kind: 'run';
  readonly spec: unknown;
}

/** The measurement of one workload phase on one engine. */
export interface PhaseResult {
  /** Suite-specific workload id, e.g. "a". */
  workload: string;
  engine: string;
  /** Operations completed (entries visited, for scans). */
  ops: number;
  /** Wall-clock seconds of the timed part. */
  seconds: number;
  opsPerSec: number;
  /** Unit of the latency numbers. */
  latencyUnit: 'ns';
  /** What one latency sample is (e.g. "one get", "one batch of 1000 puts"). */
  latencyOf: string;
  latency: LatencySummary;
  histogram: HistogramJson;
  /** Peak resident set size of the child process so far, in bytes (process.resourceUsage().maxRSS). */
  peakRssBytes: number;
  /** Bytes allocated on disk by the engine's directory at the end of the phase. */
  diskBytes: number;
  /** Apparent size (sum of file lengths) of the engine's directory at the end of the phase. */
  diskApparentBytes: number;
  /** Free-form remarks shown under the table (e.g. "serial: API is synchronous"). */
  notes: string[];
  /** Extra numbers a suite wants to keep in the raw JSON. */
  extra: Record<string, number | string | boolean>;
}

export type ChildMessage =
  | { readonly kind: 'progress'; readonly label: string; readonly done: number; readonly total: number; readonly seconds: number }
  | { readonly kind: 'result'; readonly result: PhaseResult }
  | { readonly kind: 'log'; readonly message: string }
  | { readonly kind: 'done'; readonly final: Record<string, number | string | boolean> }
  | { readonly kind: 'error'; readonly message: string; readonly stack: string };

/** Turning what a phase measured inside a worker child into the `PhaseResult` it reports. */
import { dirBytes } from './fs-info.js';
import type { Histogram } from './histogram.js';
import type { SyncRate } from './device-probe.js';
import type { PhaseResult } from './protocol.js';

/** What a timed phase measured, before the disk and memory numbers are added. */
export interface Measured {
  ops: number;
  seconds: number;
  hist: Histogram;
  latencyOf: string;
  notes: string[];
  extra: Record<string, number | string | boolean>;
}

/** Counters that only grow are recorded as the phase's delta; gauges as their value at its end. */
const engineCounters = new Set([
  'fsyncs',
  'commits',
  'checkpoints',
  'cacheHits',
  'cacheMisses',
  'cacheEvictions',
  // Transaction counters of basaltdb's stats (issue 4).
  'lockWaits',
  'lockTimeouts',
  'deadlocks',
  'serializationFailures',
]);

/** Adds an engine's stats to `extra` as `engine.<name>`: counters as `after - before`, gauges as `after`. */
export function addEngineStats(
  extra: Record<string, number | string | boolean>,
  before: Record<string, number>,
  after: Record<string, number>,
): void {
  for (const [name, value] of Object.entries(after)) {
    extra[`engine.${name}`] = engineCounters.has(name) ? value - (before[name] ?? 0) : value;
  }
}

/** The result of phase `id` of `engine`, with the disk use of `dir` now and the given peak RSS. */
export function phaseResult(engine: string, id: string, dir: string, m: Measured, peakRssBytes: number): PhaseResult {
  const disk = dirBytes(dir);
  return {
    workload: id,
    engine,
    ops: m.ops,
    seconds: m.seconds,
    opsPerSec: m.seconds > 0 ? m.ops / m.seconds : 0,
    latencyUnit: 'ns',
    latencyOf: m.latencyOf,
    latency: m.hist.summary(),
    histogram: m.hist.toJSON(),
    peakRssBytes,
    diskBytes: disk.allocated,
    diskApparentBytes: disk.apparent,
    notes: m.notes,
    extra: m.extra,
  };
}

/** Peak RSS of this process so far, in bytes. */
export function peakRssSoFar(): number {
  return process.resourceUsage().maxRSS * 1024;
}

/** A device probe's sync rate as a result row (no disk use of its own). */
export function syncRateResult(workload: string, engine: string, r: SyncRate, latencyOf: string): PhaseResult {
  return {
    workload,
    engine,
    ops: r.ops,
    seconds: r.seconds,
    opsPerSec: r.opsPerSec,
    latencyUnit: 'ns',
    latencyOf,
    latency: r.latency,
    histogram: r.histogram,
    peakRssBytes: peakRssSoFar(),
    diskBytes: 0,
    diskApparentBytes: 0,
    notes: [],
    extra: {},
  };
}

/** What an engine child reports after closing its database: disk use after close and peak RSS. */
export function finalAfterClose(dir: string): Record<string, number> {
  const disk = dirBytes(dir);
  return {
    diskBytesAfterClose: disk.allocated,
    diskApparentBytesAfterClose: disk.apparent,
    peakRssBytes: peakRssSoFar(),
  };
}

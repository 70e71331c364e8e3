/** What the key-value suite's parent asks a worker child to do. */
import type { DeviceSpec, EngineSpec } from '../lib/worker-spec.js';

export const kvWorkloads = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type KvWorkload = (typeof kvWorkloads)[number];

export function isKvWorkload(name: string): name is KvWorkload {
  return (kvWorkloads as readonly string[]).includes(name);
}

export const workloadTitles: Readonly<Record<KvWorkload, string>> = {
  a: 'a) random point reads, all keys cached',
  b: 'b) 64 concurrent durable writers',
  c: 'c) one serial durable writer vs the device',
  d: 'd) ordered scans of 100K entries',
  e: 'e) bulk load in batches of 1,000 (durable)',
  f: 'f) random reads, 10M-class keys, 64 MiB cache',
};

/** One step run inside an engine's child; `id` names its result. */
export type KvPhase =
  | {
      readonly kind: 'load';
      readonly id: string;
      readonly records: number;
      readonly batch: number;
      /** Key order of the load: seeded random permutation, or ascending (append-only). */
      readonly order: 'random' | 'ascending';
    }
  | {
      readonly kind: 'reads';
      readonly id: string;
      readonly records: number;
      readonly ops: number;
      /** Scan every entry once before timing, so all pages are cached. */
      readonly warmScan: boolean;
      /** Untimed random gets before timing (JIT and cache warm-up). */
      readonly warmOps: number;
    }
  | { readonly kind: 'scans'; readonly id: string; readonly records: number; readonly length: number; readonly scans: number }
  | {
      readonly kind: 'writes';
      readonly id: string;
      readonly inFlight: number;
      readonly opsMax: number;
      readonly secondsMax: number;
    };

export type KvEngineSpec = EngineSpec<KvPhase>;

/** The device probe runs before and after the serial-writer engines. */
export type KvDeviceSpec = DeviceSpec;

export type KvWorkerSpec = KvEngineSpec | KvDeviceSpec;

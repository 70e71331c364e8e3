/** The specs a suite's parent sends its worker children, in the parts every suite shares. */
import type { KvDurability } from '../kv/adapter.js';
import type { DeviceProbeSpec } from './device-probe.js';

/** Run one engine on `dir`: open it, run `phases` in order, close it. */
export interface EngineSpec<Phase> {
  readonly kind: 'engine';
  readonly engine: string;
  readonly dir: string;
  readonly durability: KvDurability;
  readonly cacheBytes: number;
  readonly seed: number;
  readonly phases: readonly Phase[];
}

/** Measure the device under the bench directory. */
export interface DeviceSpec {
  readonly kind: 'device';
  /** Names the rows (e.g. "before", "after": the probe runs around the engines). */
  readonly tag: string;
  readonly probe: DeviceProbeSpec;
}

export function deviceSpec(tag: string, probe: DeviceProbeSpec): DeviceSpec {
  return { kind: 'device', tag, probe };
}

/**
 * Worker child of the key-value suite: runs one engine (or the device probe) per process.
 * Started by `run.ts` through `child_process.fork`; not meant to be run by hand.
 */
import { mkdirSync } from 'node:fs';
import { serveChild } from '../lib/child.js';
import type { ChildContext } from '../lib/child.js';
import { probeDevice } from '../lib/device-probe.js';
import { dirBytes } from '../lib/fs-info.js';
import { Histogram } from '../lib/histogram.js';
import type { PhaseResult } from '../lib/protocol.js';
import type { KvAdapterModule } from './adapter.js';
import { scanSink } from './adapter.js';
import { ValuePool } from './data.js';
import { deviceSyncPrefix, isKvEngine } from './engines.js';
import { runPhase } from './phases.js';
import type { KvDeviceSpec, KvEngineSpec, KvWorkerSpec } from './spec.js';

type Final = Record<string, number | string | boolean>;

async function runEngine(spec: KvEngineSpec, ctx: ChildContext): Promise<Final> {
  if (!isKvEngine(spec.engine)) throw new Error(`unknown engine ${spec.engine}`);
  // Loaded by computed URL so only this engine's module (and native addon) enters this process.
  const url = new URL(`./adapters/${spec.engine}.js`, import.meta.url).href;
  const mod = (await import(url)) as KvAdapterModule;
  const adapter = mod.createAdapter();
  mkdirSync(spec.dir, { recursive: true });
  await adapter.open(spec.dir, { durability: spec.durability, cacheBytes: spec.cacheBytes });
  const env = { engine: spec.engine, dir: spec.dir, seed: spec.seed, adapter, pool: new ValuePool(spec.seed), ctx };
  try {
    for (const phase of spec.phases) ctx.result(await runPhase(env, phase));
  } finally {
    await adapter.close();
  }
  const disk = dirBytes(spec.dir);
  return {
    diskBytesAfterClose: disk.allocated,
    diskApparentBytesAfterClose: disk.apparent,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    scanBytes: scanSink.bytes,
  };
}

function rateResult(engine: string, r: { ops: number; seconds: number; opsPerSec: number; histogram: ReturnType<Histogram['toJSON']> }, latencyOf: string): PhaseResult {
  const hist = Histogram.fromJSON(r.histogram);
  return {
    workload: 'c',
    engine,
    ops: r.ops,
    seconds: r.seconds,
    opsPerSec: r.opsPerSec,
    latencyUnit: 'ns',
    latencyOf,
    latency: hist.summary(),
    histogram: r.histogram,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    diskBytes: 0,
    diskApparentBytes: 0,
    notes: [],
    extra: {},
  };
}

async function runDevice(spec: KvDeviceSpec, ctx: ChildContext): Promise<Final> {
  ctx.log(`device probe: ${spec.probe.seconds}s sync, ${spec.probe.seconds}s async, ${spec.probe.sequentialBytes} bytes sequential`);
  const r = await probeDevice(spec.probe);
  ctx.result(rateResult(`${deviceSyncPrefix} ${spec.tag}`, r.syncWrite, 'one write + fdatasync (sync calls)'));
  ctx.result(rateResult(`device, async fs, ${spec.tag}`, r.asyncSyncWrite, 'one write + fdatasync (fs.promises)'));
  return { sequentialBytesPerSec: r.sequentialBytesPerSec, sequentialBytes: r.sequentialBytes };
}

serveChild(async (raw, ctx) => {
  const spec = raw as KvWorkerSpec;
  return spec.kind === 'device' ? runDevice(spec, ctx) : runEngine(spec, ctx);
});

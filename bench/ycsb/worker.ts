/**
 * Worker child of the YCSB suite: one engine (or the device probe) per process. Started by
 * `run.ts` through `child_process.fork`; not meant to be run by hand. Engines are driven through
 * the key-value suite's adapters (bench/kv/adapters/), loaded by computed URL so only this
 * engine's module and native addon enter the process.
 */
import { mkdirSync } from 'node:fs';
import { serveChild } from '../lib/child.js';
import type { ChildContext } from '../lib/child.js';
import { probeDevice } from '../lib/device-probe.js';
import type { SyncRate } from '../lib/device-probe.js';
import { dirBytes } from '../lib/fs-info.js';
import type { PhaseResult } from '../lib/protocol.js';
import type { KvAdapterModule } from '../kv/adapter.js';
import { isKvEngine } from '../kv/engines.js';
import { runPhase } from './phases.js';
import type { YcsbDeviceSpec, YcsbEngineSpec, YcsbWorkerSpec } from './spec.js';

type Final = Record<string, number | string | boolean>;

async function runEngine(spec: YcsbEngineSpec, ctx: ChildContext): Promise<Final> {
  if (!isKvEngine(spec.engine)) throw new Error(`unknown engine ${spec.engine}`);
  const url = new URL(`../kv/adapters/${spec.engine}.js`, import.meta.url).href;
  const mod = (await import(url)) as KvAdapterModule;
  const adapter = mod.createAdapter();
  mkdirSync(spec.dir, { recursive: true });
  // SQLite gets YCSB's JDBC table shape (rowid table + primary-key index): see KvOpenOptions.
  const open = (): Promise<void> =>
    adapter.open(spec.dir, { durability: spec.durability, cacheBytes: spec.cacheBytes, sqliteTable: 'rowid' });
  await open();
  const env = {
    close: () => adapter.close(),
    open,
    engine: spec.engine,
    group: spec.group,
    dir: spec.dir,
    seed: spec.seed,
    recordCount: spec.recordCount,
    adapter,
    ctx,
  };
  try {
    for (const phase of spec.phases) {
      const result = await runPhase(env, phase);
      if (result !== undefined) ctx.result(result);
    }
  } finally {
    await adapter.close();
  }
  const disk = dirBytes(spec.dir);
  return {
    diskBytesAfterClose: disk.allocated,
    diskApparentBytesAfterClose: disk.apparent,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}

function rateResult(engine: string, r: SyncRate, latencyOf: string): PhaseResult {
  return {
    workload: 'device',
    engine,
    ops: r.ops,
    seconds: r.seconds,
    opsPerSec: r.opsPerSec,
    latencyUnit: 'ns',
    latencyOf,
    latency: r.latency,
    histogram: r.histogram,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    diskBytes: 0,
    diskApparentBytes: 0,
    notes: [],
    extra: {},
  };
}

async function runDevice(spec: YcsbDeviceSpec, ctx: ChildContext): Promise<Final> {
  ctx.log(`device probe (${spec.tag}): ${spec.probe.seconds} s sync calls, ${spec.probe.seconds} s fs.promises, ${spec.probe.sequentialBytes} bytes sequential`);
  const r = await probeDevice(spec.probe);
  ctx.result(rateResult(`device sync ${spec.tag}`, r.syncWrite, 'one 4 KiB write + fdatasync (sync calls)'));
  ctx.result(rateResult(`device async ${spec.tag}`, r.asyncSyncWrite, 'one 4 KiB write + fdatasync (fs.promises)'));
  return { sequentialBytesPerSec: r.sequentialBytesPerSec, sequentialBytes: r.sequentialBytes };
}

serveChild(async (raw, ctx) => {
  const spec = raw as YcsbWorkerSpec;
  return spec.kind === 'device' ? runDevice(spec, ctx) : runEngine(spec, ctx);
});

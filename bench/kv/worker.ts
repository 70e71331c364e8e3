/**
 * Worker child of the key-value suite: runs one engine (or the device probe) per process.
 * Started by `run.ts` through `child_process.fork`; not meant to be run by hand.
 */
import { mkdirSync } from 'node:fs';
import { serveChild } from '../lib/child.js';
import type { ChildContext } from '../lib/child.js';
import { probeDevice } from '../lib/device-probe.js';
import { finalAfterClose, syncRateResult } from '../lib/phase-result.js';
import type { Final } from '../lib/suite-run.js';
import { scanSink } from './adapter.js';
import { ValuePool } from './data.js';
import { deviceSyncPrefix, loadAdapter } from './engines.js';
import { runPhase } from './phases.js';
import type { KvDeviceSpec, KvEngineSpec, KvWorkerSpec } from './spec.js';

async function runEngine(spec: KvEngineSpec, ctx: ChildContext): Promise<Final> {
  const adapter = await loadAdapter(spec.engine);
  mkdirSync(spec.dir, { recursive: true });
  await adapter.open(spec.dir, { durability: spec.durability, cacheBytes: spec.cacheBytes });
  const env = { engine: spec.engine, dir: spec.dir, seed: spec.seed, adapter, pool: new ValuePool(spec.seed), ctx };
  try {
    for (const phase of spec.phases) ctx.result(await runPhase(env, phase));
  } finally {
    await adapter.close();
  }
  return { ...finalAfterClose(spec.dir), scanBytes: scanSink.bytes };
}

async function runDevice(spec: KvDeviceSpec, ctx: ChildContext): Promise<Final> {
  ctx.log(`device probe: ${spec.probe.seconds}s sync, ${spec.probe.seconds}s async, ${spec.probe.sequentialBytes} bytes sequential`);
  const r = await probeDevice(spec.probe);
  ctx.result(syncRateResult('c', `${deviceSyncPrefix} ${spec.tag}`, r.syncWrite, 'one write + fdatasync (sync calls)'));
  ctx.result(syncRateResult('c', `device, async fs, ${spec.tag}`, r.asyncSyncWrite, 'one write + fdatasync (fs.promises)'));
  return { sequentialBytesPerSec: r.sequentialBytesPerSec, sequentialBytes: r.sequentialBytes };
}

serveChild(async (raw, ctx) => {
  const spec = raw as KvWorkerSpec;
  return spec.kind === 'device' ? runDevice(spec, ctx) : runEngine(spec, ctx);
});

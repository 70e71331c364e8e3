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
import { finalAfterClose, syncRateResult } from '../lib/phase-result.js';
import type { Final } from '../lib/suite-run.js';
import { loadAdapter } from '../kv/engines.js';
import { runPhase } from './phases.js';
import type { YcsbDeviceSpec, YcsbEngineSpec, YcsbWorkerSpec } from './spec.js';

async function runEngine(spec: YcsbEngineSpec, ctx: ChildContext): Promise<Final> {
  const adapter = await loadAdapter(spec.engine);
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
  return finalAfterClose(spec.dir);
}

async function runDevice(spec: YcsbDeviceSpec, ctx: ChildContext): Promise<Final> {
  ctx.log(`device probe (${spec.tag}): ${spec.probe.seconds} s sync calls, ${spec.probe.seconds} s fs.promises, ${spec.probe.sequentialBytes} bytes sequential`);
  const r = await probeDevice(spec.probe);
  ctx.result(syncRateResult('device', `device sync ${spec.tag}`, r.syncWrite, 'one 4 KiB write + fdatasync (sync calls)'));
  ctx.result(syncRateResult('device', `device async ${spec.tag}`, r.asyncSyncWrite, 'one 4 KiB write + fdatasync (fs.promises)'));
  return { sequentialBytesPerSec: r.sequentialBytesPerSec, sequentialBytes: r.sequentialBytes };
}

serveChild(async (raw, ctx) => {
  const spec = raw as YcsbWorkerSpec;
  return spec.kind === 'device' ? runDevice(spec, ctx) : runEngine(spec, ctx);
});

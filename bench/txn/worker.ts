/**
 * Worker child of the transaction suite: one engine (or the device probe) per process. Started by
 * `run.ts` through `child_process.fork`; not meant to be run by hand.
 */
import { mkdirSync } from 'node:fs';
import { serveChild } from '../lib/child.js';
import type { ChildContext } from '../lib/child.js';
import { probeDevice } from '../lib/device-probe.js';
import { finalAfterClose, syncRateResult } from '../lib/phase-result.js';
import type { Final } from '../lib/suite-run.js';
import { ValuePool } from '../kv/data.js';
import { loadAdapter } from '../kv/engines.js';
import { loadTxnAdapter } from './engines.js';
import { load, run } from './phases.js';
import type { PhaseEnv } from './phases.js';
import type { TxnDeviceSpec, TxnEngineSpec, TxnWorkerSpec } from './spec.js';

async function runEngine(spec: TxnEngineSpec, ctx: ChildContext): Promise<Final> {
  mkdirSync(spec.dir, { recursive: true });
  const env: PhaseEnv = {
    engine: spec.engine,
    dir: spec.dir,
    seed: spec.seed,
    openOptions: { durability: spec.durability, cacheBytes: spec.cacheBytes },
    pool: new ValuePool(spec.seed),
    ctx,
    kv: await loadAdapter(spec.engine),
    txn: await loadTxnAdapter(spec.engine),
  };
  try {
    for (const phase of spec.phases) ctx.result(phase.kind === 'load' ? await load(env, phase) : await run(env, phase));
  } finally {
    await env.kv.close();
    await env.txn.close();
  }
  return finalAfterClose(spec.dir);
}

async function runDevice(spec: TxnDeviceSpec, ctx: ChildContext): Promise<Final> {
  ctx.log(`device probe (${spec.tag}): ${spec.probe.seconds} s sync calls, ${spec.probe.seconds} s fs.promises, ${spec.probe.sequentialBytes} bytes sequential`);
  const r = await probeDevice(spec.probe);
  ctx.result(syncRateResult('device', `device sync ${spec.tag}`, r.syncWrite, 'one 4 KiB write + fdatasync (sync calls)'));
  ctx.result(syncRateResult('device', `device async ${spec.tag}`, r.asyncSyncWrite, 'one 4 KiB write + fdatasync (fs.promises)'));
  return { sequentialBytesPerSec: r.sequentialBytesPerSec, sequentialBytes: r.sequentialBytes };
}

serveChild(async (raw, ctx) => {
  const spec = raw as TxnWorkerSpec;
  return spec.kind === 'device' ? runDevice(spec, ctx) : runEngine(spec, ctx);
});

/**
 * Worker child of the SQL suite: one engine (or the device probe) per process. Started by
 * `run.ts` through `child_process.fork`; not meant to be run by hand.
 */
import { mkdirSync } from 'node:fs';
import { serveChild } from '../lib/child.js';
import type { ChildContext } from '../lib/child.js';
import { probeDevice } from '../lib/device-probe.js';
import { finalAfterClose, syncRateResult } from '../lib/phase-result.js';
import type { Final } from '../lib/suite-run.js';
import type { DeviceSpec } from '../lib/worker-spec.js';
import { loadSqlAdapter } from './engines.js';
import { load, run } from './phases.js';
import type { PhaseEnv } from './phases.js';
import type { SqlEngineSpec, SqlWorkerSpec } from './spec.js';

async function runEngine(spec: SqlEngineSpec, ctx: ChildContext): Promise<Final> {
  mkdirSync(spec.dir, { recursive: true });
  const sql = await loadSqlAdapter(spec.engine);
  const env: PhaseEnv = { engine: spec.engine, dir: spec.dir, seed: spec.seed, ctx, sql, nextId: 0, inserted: 0 };
  await sql.open(spec.dir, { durability: spec.durability, cacheBytes: spec.cacheBytes });
  try {
    for (const phase of spec.phases) ctx.result(phase.kind === 'load' ? await load(env, phase) : await run(env, phase));
  } finally {
    await sql.close();
  }
  return finalAfterClose(spec.dir);
}

async function runDevice(spec: DeviceSpec, ctx: ChildContext): Promise<Final> {
  ctx.log(`device probe (${spec.tag}): ${spec.probe.seconds} s sync calls, ${spec.probe.seconds} s fs.promises, ${spec.probe.sequentialBytes} bytes sequential`);
  const r = await probeDevice(spec.probe);
  ctx.result(syncRateResult('device', `device sync ${spec.tag}`, r.syncWrite, 'one 4 KiB write + fdatasync (sync calls)'));
  ctx.result(syncRateResult('device', `device async ${spec.tag}`, r.asyncSyncWrite, 'one 4 KiB write + fdatasync (fs.promises)'));
  return { sequentialBytesPerSec: r.sequentialBytesPerSec, sequentialBytes: r.sequentialBytes };
}

serveChild(async (raw, ctx) => {
  const spec = raw as SqlWorkerSpec;
  return spec.kind === 'device' ? runDevice(spec, ctx) : runEngine(spec, ctx);
});

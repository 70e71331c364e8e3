/**
 * What the disk under the bench directory can do, measured in its own process in the same run
 * as the engines:
 *   - the rate of "write 4 KiB + fdatasync" on a preallocated file (synchronous calls, so it is
 *     the device and kernel alone), the ceiling for one serial durable writer;
 *   - the same through Node's async fs (libuv thread pool), the ceiling for an engine that keeps
 *     its event loop free while syncing;
 *   - sequential write bandwidth (1 MiB writes, one fdatasync at the end).
 */
import { closeSync, fdatasyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { open as openAsync } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Histogram } from './histogram.js';
import type { HistogramJson, LatencySummary } from './histogram.js';

/** Size of the preallocated file the sync probe cycles through. */
const probeFileBytes = 64 * 1024 * 1024;
const blockBytes = 4096;
const seqChunkBytes = 1024 * 1024;
/** Untimed syncs before the sync probe. */
const warmupSeconds = 0.5;

export interface DeviceProbeSpec {
  readonly dir: string;
  /** Seconds for each fdatasync probe. */
  readonly seconds: number;
  /** Bytes written by the bandwidth probe. */
  readonly sequentialBytes: number;
}

export interface SyncRate {
  ops: number;
  seconds: number;
  opsPerSec: number;
  latency: LatencySummary;
  histogram: HistogramJson;
}

export interface DeviceProbeResult {
  syncWrite: SyncRate;
  asyncSyncWrite: SyncRate;
  sequentialBytesPerSec: number;
  sequentialBytes: number;
}

function preallocate(file: string): number {
  const fd = openSync(file, 'w+');
  const zeros = Buffer.alloc(seqChunkBytes);
  for (let off = 0; off < probeFileBytes; off += seqChunkBytes) writeSync(fd, zeros, 0, seqChunkBytes, off);
  fdatasyncSync(fd);
  return fd;
}

function syncProbe(fd: number, seconds: number): SyncRate {
  const block = Buffer.alloc(blockBytes, 0xa5);
  const hist = new Histogram();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let ops = 0;
  let now = start;
  while (now < deadline) {
    writeSync(fd, block, 0, blockBytes, (ops * blockBytes) % probeFileBytes);
    fdatasyncSync(fd);
    const t = performance.now();
    hist.record((t - now) * 1e6);
    now = t;
    ops++;
  }
  const elapsed = (now - start) / 1000;
  return { ops, seconds: elapsed, opsPerSec: ops / elapsed, latency: hist.summary(), histogram: hist.toJSON() };
}

async function asyncProbe(file: string, seconds: number): Promise<SyncRate> {
  const handle = await openAsync(file, 'r+');
  const block = Buffer.alloc(blockBytes, 0x5a);
  const hist = new Histogram();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let ops = 0;
  let now = start;
  try {
    while (now < deadline) {
      await handle.write(block, 0, blockBytes, (ops * blockBytes) % probeFileBytes);
      await handle.datasync();
      const t = performance.now();
      hist.record((t - now) * 1e6);
      now = t;
      ops++;
    }
  } finally {
    await handle.close();
  }
  const elapsed = (now - start) / 1000;
  return { ops, seconds: elapsed, opsPerSec: ops / elapsed, latency: hist.summary(), histogram: hist.toJSON() };
}

function sequentialProbe(file: string, bytes: number): number {
  const chunk = Buffer.alloc(seqChunkBytes, 0x3c);
  const fd = openSync(file, 'w');
  const start = performance.now();
  try {
    for (let off = 0; off < bytes; off += seqChunkBytes) writeSync(fd, chunk, 0, seqChunkBytes, off);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return bytes / ((performance.now() - start) / 1000);
}

export async function probeDevice(spec: DeviceProbeSpec): Promise<DeviceProbeResult> {
  mkdirSync(spec.dir, { recursive: true });
  const file = path.join(spec.dir, 'probe.bin');
  const seqFile = path.join(spec.dir, 'sequential.bin');
  try {
    const fd = preallocate(file);
    let syncWrite: SyncRate;
    try {
      // Untimed warm-up: the first syncs after preallocation also flush the file system's journal.
      syncProbe(fd, warmupSeconds);
      syncWrite = syncProbe(fd, spec.seconds);
    } finally {
      closeSync(fd);
    }
    const asyncSyncWrite = await asyncProbe(file, spec.seconds);
    const sequentialBytesPerSec = sequentialProbe(seqFile, spec.sequentialBytes);
    return { syncWrite, asyncSyncWrite, sequentialBytesPerSec, sequentialBytes: spec.sequentialBytes };
  } finally {
    rmSync(spec.dir, { recursive: true, force: true });
  }
}

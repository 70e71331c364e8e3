/** Facts about the machine and directories a benchmark ran on. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, lstatSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this module holding the basaltdb package.json. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 16; i++) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      const name = (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name;
      if (name === 'basaltdb') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return process.cwd();
}

export interface DirBytes {
  /** Bytes allocated on disk (st_blocks * 512): what the engine really occupies. */
  allocated: number;
  /** Sum of file lengths (sparse or preallocated files make this differ from `allocated`). */
  apparent: number;
}

/** Sizes of everything under `dir` (0 if it does not exist). Bounded depth: engines nest little. */
export function dirBytes(dir: string, depth = 0): DirBytes {
  const total: DirBytes = { allocated: 0, apparent: 0 };
  if (depth > 8 || !existsSync(dir)) return total;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const st = lstatSync(p);
    if (st.isDirectory()) {
      const sub = dirBytes(p, depth + 1);
      total.allocated += sub.allocated;
      total.apparent += sub.apparent;
    } else {
      total.allocated += st.blocks * 512;
      total.apparent += st.size;
    }
  }
  return total;
}

/** File system type of the mount holding `dir` (from /proc/mounts; "unknown" elsewhere). */
export function fileSystemOf(dir: string): string {
  let target: string;
  try {
    target = realpathSync(dir);
  } catch {
    return 'unknown';
  }
  let best = '';
  let type = 'unknown';
  try {
    for (const line of readFileSync('/proc/mounts', 'utf8').split('\n')) {
      const [, mount, fsType] = line.split(' ');
      if (mount === undefined || fsType === undefined) continue;
      const m = mount.replace(/\\040/g, ' ');
      const inside = target === m || target.startsWith(m.endsWith('/') ? m : m + '/');
      if (inside && m.length > best.length) {
        best = m;
        type = fsType;
      }
    }
  } catch {
    return 'unknown';
  }
  return type;
}

/**
 * The commit the engine was built from, and whether src/ had uncommitted changes (the build
 * compiles the working tree, so a dirty tree means the numbers are of uncommitted code).
 */
export function sourceVersion(root: string): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' }).trim();
    return dirty === '' ? commit : `${commit} + uncommitted changes in src/`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  platform: string;
  kernel: string;
  fileSystem: string;
}

export function machineInfo(benchDir: string): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    fileSystem: fileSystemOf(benchDir),
  };
}

/** 1536 -> "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[u]}`;
}

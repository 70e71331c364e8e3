/** Command-line options shared by the benchmark suites' runners (bench/kv/run.ts, bench/ycsb/run.ts). */
import path from 'node:path';
import type { KvDurability } from '../kv/adapter.js';
import { kvDurabilities } from '../kv/adapter.js';

/** Whether a run rewrites the docs: `--docs` forces it, `--no-docs` forbids it, else the suite decides. */
export type DocsMode = 'auto' | 'yes' | 'no';

/** The `parseArgs` flags every suite takes; a suite spreads them into its own. */
export const commonFlags = {
  quick: { type: 'boolean', default: false },
  engines: { type: 'string' },
  workloads: { type: 'string' },
  records: { type: 'string' },
  seed: { type: 'string' },
  durability: { type: 'string' },
  'cpu-prof': { type: 'boolean', default: false },
  docs: { type: 'boolean' },
  'no-docs': { type: 'boolean' },
  keep: { type: 'boolean', default: false },
} as const;

/** Sizes of a suite's device probe and its children's time limit, at one size (quick or full). */
export interface SuiteSizes {
  /** Seconds of each fdatasync probe of the device. */
  deviceSeconds: number;
  /** Bytes written by the device's bandwidth probe. */
  sequentialBytes: number;
  /** A child is killed after this long. */
  childTimeoutMs: number;
}

/** The options every suite has, read from the common flags. */
export interface CommonOptions extends SuiteSizes {
  quick: boolean;
  seed: number;
  durability: KvDurability;
  cpuProf: boolean;
  docs: DocsMode;
  keep: boolean;
}

export function commonOptions(
  values: {
    readonly quick?: boolean | undefined;
    readonly seed?: string | undefined;
    readonly durability?: string | undefined;
    readonly 'cpu-prof'?: boolean | undefined;
    readonly docs?: boolean | undefined;
    readonly 'no-docs'?: boolean | undefined;
    readonly keep?: boolean | undefined;
  },
  sizes: { readonly quick: SuiteSizes; readonly full: SuiteSizes },
): CommonOptions {
  const quick = values.quick === true;
  return {
    quick,
    ...(quick ? sizes.quick : sizes.full),
    seed: parseCount(values.seed, 42, 'seed'),
    durability: parseDurability(values.durability),
    cpuProf: values['cpu-prof'] === true,
    docs: docsMode(values),
    keep: values.keep === true,
  };
}

/**
 * A comma-separated subset of `all` (all of it when `raw` is undefined), in the order of `all`.
 * With `lowercase`, names are matched case-insensitively.
 */
export function parseList<T extends string>(
  raw: string | undefined,
  all: readonly T[],
  valid: (s: string) => s is T,
  what: string,
  lowercase = false,
): T[] {
  if (raw === undefined) return [...all];
  const names = raw
    .split(',')
    .map((s) => (lowercase ? s.trim().toLowerCase() : s.trim()))
    .filter((s) => s !== '');
  for (const n of names) if (!valid(n)) throw new Error(`unknown ${what} "${n}" (choose from ${all.join(', ')})`);
  return all.filter((x) => names.includes(x));
}

/** A positive integer option (`_` separators allowed), or `fallback` when absent. */
export function parseCount(raw: string | undefined, fallback: number, what: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${what} wants a positive integer, got "${raw}"`);
  return n;
}

/** A positive number of seconds, or `fallback` when absent. */
export function parseSeconds(raw: string | undefined, fallback: number, what: string): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!(Number.isFinite(n) && n > 0)) throw new Error(`--${what} wants a positive number, got "${raw}"`);
  return n;
}

/** `--durability`: sync (default) or none. */
export function parseDurability(raw: string | undefined): KvDurability {
  const durability = raw ?? 'sync';
  if (!(kvDurabilities as readonly string[]).includes(durability)) throw new Error('--durability must be sync or none');
  return durability as KvDurability;
}

export function docsMode(values: { readonly docs?: boolean | undefined; readonly 'no-docs'?: boolean | undefined }): DocsMode {
  return values['no-docs'] === true ? 'no' : values.docs === true ? 'yes' : 'auto';
}

/** Node flags of the engine children: V8 CPU profiles into bench/tmp/prof/ when asked for. */
export function cpuProfArgs(root: string, on: boolean): string[] {
  return on ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'bench', 'tmp', 'prof')}`] : [];
}

/** How this run was started, as a person would type it: `npm run <script> -- <args>`. */
export function commandLine(npmScript: string): string {
  return [`npm run ${npmScript}`, ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
}

/** Whether this run rewrites the docs: when forced, or by default after a complete full-size run. */
export function writesDocs(mode: DocsMode, completeFullRun: boolean): boolean {
  return mode === 'yes' || (mode === 'auto' && completeFullRun);
}

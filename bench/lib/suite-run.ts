/**
 * One run of a benchmark suite on the parent side: the data every suite records, running its
 * children one at a time (progress, results, failures), and writing the outcome out.
 */
import path from 'node:path';
import type { MachineInfo } from './fs-info.js';
import { formatBytes } from './fs-info.js';
import type { ProgressPrinter } from './progress.js';
import type { PhaseResult } from './protocol.js';
import { regenerateSection, writeResultsJson } from './report.js';
import { runChild } from './runner.js';

export type Final = Record<string, number | string | boolean>;

export interface RunFailure {
  engine: string;
  group: string;
  error: string;
}

/** What every suite keeps of a run (the raw JSON and the report are made from it). */
export interface SuiteRunData {
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  /** Commit of the code measured (see `sourceVersion`). */
  source: string;
  options: Record<string, unknown>;
  results: PhaseResult[];
  /** Per engine and group: what the child reported after closing (disk after close, peak RSS). */
  finals: Array<{ engine: string; group: string; final: Final }>;
  failures: RunFailure[];
}

export interface ChildRunnerOptions {
  /** Absolute path of the suite's compiled worker script. */
  worker: string;
  timeoutMs: number;
  /** Node flags of engine children (the device probe gets none). */
  execArgv: string[];
  progress: ProgressPrinter;
  data: SuiteRunData;
  /** One line per result, after the `[subject] ` prefix. */
  resultLine: (r: PhaseResult) => string;
}

/**
 * Returns `runOne(subject, group, spec)`: runs one child to its end, logging as it goes, and
 * records its results, final numbers and failure (if any) in `data`.
 */
export function childRunner(o: ChildRunnerOptions): (subject: string, group: string, spec: unknown) => Promise<void> {
  const { progress, data } = o;
  return async (subject, group, spec) => {
    const t0 = Date.now();
    const run = await runChild({
      script: o.worker,
      spec,
      timeoutMs: o.timeoutMs,
      execArgv: subject === 'device' ? [] : o.execArgv,
      onProgress: (label, done, total, seconds) => progress.update({ subject, label, done, total, seconds }),
      onResult: (r) => progress.log(`[${subject}] ${o.resultLine(r)}`),
      onLog: (m) => progress.log(`[${subject}] ${m}`),
    });
    data.results.push(...run.results);
    data.finals.push({ engine: subject, group, final: run.final });
    if (run.error !== undefined) {
      data.failures.push({ engine: subject, group, error: run.error });
      progress.log(`[${subject}] ${group} FAILED: ${run.error}${run.logs.length > 0 ? '\n' + run.logs.join('\n') : ''}`);
    } else {
      progress.log(`[${subject}] ${group} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
}

/** Prints the report, writes the raw results to bench/results/<suite>-<timestamp>.json and prints its path. */
export function publishResults(root: string, suite: string, data: SuiteRunData, report: string, startedAt: Date): void {
  process.stdout.write(`\n${report}\n\n`);
  const jsonPath = writeResultsJson(root, suite, data, startedAt);
  process.stdout.write(`raw results: ${path.relative(root, jsonPath)}\n`);
}

/** Rewrites the suite's generated section of docs/benchmarks.md with `report`. */
export function publishDocs(root: string, section: string, report: string, heading: string): void {
  const docs = path.join(root, 'docs', 'benchmarks.md');
  regenerateSection(docs, section, report, heading);
  process.stdout.write(`updated ${path.relative(root, docs)}\n`);
}

/** Runs a suite's `main`, printing any error and setting a failing exit code. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  });
}

export function machineLine(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${formatBytes(m.memoryBytes)} RAM, Node ${m.node}, ${m.platform} (kernel ${m.kernel}), bench directory on ${m.fileSystem}`;
}

/** The opening lines of a suite's report: command, dates, machine, source and settings. */
export function reportHeader(data: SuiteRunData): string[] {
  return [
    `Command: \`${data.command}\``,
    '',
    `Date: ${data.startedAt} (finished ${data.finishedAt})`,
    '',
    `Machine: ${machineLine(data.machine)}`,
    '',
    `BasaltDB source: ${data.source}`,
    '',
    `Settings: ${Object.entries(data.options).map(([k, v]) => `${k}=${String(v)}`).join(', ')}`,
  ];
}

/** The report's failures section (empty when nothing failed). */
export function failuresSection(failures: readonly RunFailure[]): string[] {
  if (failures.length === 0) return [];
  return ['', '### Failures', '', ...failures.map((f) => `- ${f.engine} (${f.group}): ${f.error}`)];
}

/** The first result of `engine` on `workload`. */
export function findResult(data: SuiteRunData, workload: string, engine: string): PhaseResult | undefined {
  return data.results.find((r) => r.workload === workload && r.engine === engine);
}

/** Sequential write bandwidth of each device probe, e.g. "before: 1.2 GiB/s". */
export function sequentialBandwidths(data: SuiteRunData): string[] {
  return data.finals
    .filter((x) => x.engine === 'device')
    .map((x) => `${x.group}: ${typeof x.final['sequentialBytesPerSec'] === 'number' ? formatBytes(x.final['sequentialBytesPerSec']) + '/s' : '?'}`);
}

/** "N commits made durable with M fsyncs (x per fsync)" from a result's engine counters, if it has them. */
export function commitsPerFsync(r: PhaseResult): string | undefined {
  const fsyncs = r.extra['engine.fsyncs'];
  const commits = r.extra['engine.commits'];
  if (typeof fsyncs !== 'number' || typeof commits !== 'number' || !(fsyncs > 0)) return undefined;
  return `${commits.toLocaleString('en-US')} commits made durable with ${fsyncs.toLocaleString('en-US')} fsyncs (${(commits / fsyncs).toFixed(1)} per fsync)`;
}

/**
 * The parent side: fork a compiled worker script, send it a spec, gather its results.
 * A child that crashes, exits early or overruns its time limit yields an error, not a hang.
 */
import { fork } from 'node:child_process';
import type { ChildMessage, PhaseResult } from './protocol.js';

export interface ChildRun {
  results: PhaseResult[];
  final: Record<string, number | string | boolean>;
  /** Set when the child failed; results holds whatever it reported before failing. */
  error?: string;
  logs: string[];
}

export interface ChildOptions {
  /** Absolute path of the compiled worker script. */
  script: string;
  spec: unknown;
  /** Kill the child after this long. */
  timeoutMs: number;
  /** Extra node flags for the child, e.g. ["--cpu-prof", "--cpu-prof-dir=..."]. */
  execArgv?: string[];
  onProgress?: (label: string, done: number, total: number, seconds: number) => void;
  onResult?: (result: PhaseResult) => void;
  onLog?: (message: string) => void;
}

export function runChild(options: ChildOptions): Promise<ChildRun> {
  return new Promise((resolve) => {
    const run: ChildRun = { results: [], final: {}, logs: [] };
    let settled = false;
    let gotDone = false;
    const child = fork(options.script, [], {
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== undefined) run.error = error;
      resolve(run);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(`timed out after ${Math.round(options.timeoutMs / 1000)} s`);
    }, options.timeoutMs);
    child.on('message', (raw: unknown) => {
      const m = raw as ChildMessage;
      switch (m.kind) {
        case 'progress':
          options.onProgress?.(m.label, m.done, m.total, m.seconds);
          break;
        case 'result':
          run.results.push(m.result);
          options.onResult?.(m.result);
          break;
        case 'log':
          run.logs.push(m.message);
          options.onLog?.(m.message);
          break;
        case 'done':
          gotDone = true;
          run.final = m.final;
          break;
        case 'error':
          run.error = m.message;
          run.logs.push(m.stack);
          break;
        default: {
          const never: never = m;
          throw new Error(`unknown child message ${JSON.stringify(never)}`);
        }
      }
    });
    child.on('error', (err) => finish(`child failed to start: ${err.message}`));
    child.on('close', (code, signal) => {
      if (run.error !== undefined) finish(run.error);
      else if (!gotDone) finish(`child exited early (code ${code}, signal ${signal})`);
      else finish();
    });
    child.send({ kind: 'run', spec: options.spec });
  });
}

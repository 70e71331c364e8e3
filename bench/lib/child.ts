/**
 * The child side of the runner protocol. A suite's worker script calls `serveChild(handler)`;
 * the handler gets the spec the parent sent and a context to report progress and results.
 */
import type { ChildMessage, PhaseResult, RunMessage } from './protocol.js';

const progressIntervalMs = 250;

export interface ChildContext {
  /** Reports progress; cheap to call often (throttled here). */
  progress(label: string, done: number, total: number, seconds: number): void;
  result(result: PhaseResult): void;
  log(message: string): void;
}

export type ChildHandler = (
  spec: unknown,
  ctx: ChildContext,
) => Promise<Record<string, number | string | boolean>>;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (process.send === undefined) {
      reject(new Error('bench worker must be started with child_process.fork'));
      return;
    }
    process.send(message, undefined, {}, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

export function serveChild(handler: ChildHandler): void {
  if (process.send === undefined) {
    process.stderr.write('this script is a benchmark worker; run the suite instead\n');
    process.exitCode = 2;
    return;
  }
  let lastProgressMs = 0;
  const ctx: ChildContext = {
    progress(label, done, total, seconds) {
      const now = Date.now();
      if (now - lastProgressMs < progressIntervalMs) return;
      lastProgressMs = now;
      void send({ kind: 'progress', label, done, total, seconds });
    },
    result(result) {
      void send({ kind: 'result', result });
    },
    log(message) {
      void send({ kind: 'log', message });
    },
  };
  process.once('message', (raw: unknown) => {
    const message = raw as RunMessage;
    if (message.kind !== 'run') return;
    handler(message.spec, ctx).then(
      async (final) => {
        await send({ kind: 'done', final });
        process.disconnect();
      },
      async (err: unknown) => {
        const e = err instanceof Error ? err : new Error(String(err));
        await send({ kind: 'error', message: `${e.name}: ${e.message}`, stack: e.stack ?? '' });
        process.disconnect();
        process.exitCode = 1;
      },
    );
  });
}

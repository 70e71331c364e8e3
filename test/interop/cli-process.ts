/** Running redis-cli and redis-benchmark for the interop script: to completion, or as a live session. */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { outputLines } from './redis-cli-transcript.js';

export interface ProcessResult {
  stdout: string;
  stderr: string;
  status: number | null;
  /** Why the process did not finish normally (spawn error, timeout), if it did not. */
  failure?: string;
}

/** Runs a program to completion with `input` on stdin; never throws. */
export function run(cmd: string, args: readonly string[], input: string | Buffer | undefined, timeoutMs: number): Promise<ProcessResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let failure: string | undefined;
    const timer = setTimeout(() => {
      failure = `killed after ${timeoutMs / 1000} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.stdin.on('error', () => {
      // The program may exit without reading all of its input; its output says why.
    });
    child.once('error', (e) => {
      failure = `could not run ${cmd}: ${e.message}`;
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      const result: ProcessResult = { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), status };
      if (failure !== undefined) result.failure = failure;
      resolve(result);
    });
    child.stdin.end(input);
  });
}

/** How often a session looks for new output while waiting. */
const pollMs = 20;

/**
 * A redis-cli process kept open: commands written to its stdin one line at a time (redis-cli
 * reads a pipe line by line and flushes each reply), or a process that blocks (BLPOP,
 * SUBSCRIBE) whose output arrives later. Waits are bounded: a hang fails a check, not the run.
 */
export class CliSession {
  private readonly child: ChildProcessWithoutNullStreams;
  private out = '';
  private err = '';
  private exited = false;
  /** Output lines already returned by `next`. */
  private taken = 0;

  constructor(args: readonly string[]) {
    this.child = spawn('redis-cli', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (c: Buffer) => {
      this.out += c.toString('utf8');
    });
    this.child.stderr.on('data', (c: Buffer) => {
      this.err += c.toString('utf8');
    });
    this.child.stdin.on('error', () => {
      // Gone already: the next wait reports what it printed.
    });
    this.child.once('close', () => {
      this.exited = true;
    });
  }

  send(line: string): void {
    if (!this.exited) this.child.stdin.write(`${line}\n`);
  }

  /** Complete output lines so far. */
  private lines(): string[] {
    const complete = this.out.slice(0, this.out.lastIndexOf('\n') + 1);
    return outputLines(complete);
  }

  /** The next `count` output lines, or fewer if the process exits or `timeoutMs` passes first. */
  async next(count: number, timeoutMs: number): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.lines().length < this.taken + count && !this.exited && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, pollMs));
    }
    const got = this.lines().slice(this.taken, this.taken + count);
    this.taken += got.length;
    return got;
  }

  stderr(): string {
    return this.err.trim();
  }

  /** Closes stdin and waits for the exit (killing the process after `timeoutMs`). */
  async close(timeoutMs: number): Promise<void> {
    this.child.stdin.end();
    await this.waitExit(timeoutMs);
  }

  /** Ends a process that would never exit by itself (a subscriber). */
  async kill(): Promise<void> {
    if (!this.exited) this.child.kill('SIGTERM');
    await this.waitExit(5_000);
  }

  private async waitExit(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, pollMs));
    if (!this.exited) {
      this.child.kill('SIGKILL');
      while (!this.exited) await new Promise((r) => setTimeout(r, pollMs));
    }
  }
}

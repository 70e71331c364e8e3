/**
 * Peak resident set size of this process over one phase.
 *
 * `process.resourceUsage().maxRSS` only grows, so in a child that runs several phases it is the
 * peak "so far". On Linux the kernel's high-water mark (VmHWM in /proc/self/status) can be reset
 * to the current RSS by writing 5 to /proc/self/clear_refs; `PeakRss.start()` does that, and
 * `PeakRss.bytes()` then reads the peak of this phase alone. Where that is not possible the
 * peak so far is reported and `perPhase` says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';

function statusKib(field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
    return m?.[1] === undefined ? undefined : Number(m[1]);
  } catch {
    return undefined;
  }
}

export class PeakRss {
  /** True when the last `start()` reset the kernel's high-water mark. */
  perPhase = false;

  /** Begins a phase: resets the high-water mark to the current RSS where the OS allows it. */
  start(): void {
    try {
      writeFileSync('/proc/self/clear_refs', '5');
      this.perPhase = statusKib('VmHWM') !== undefined;
    } catch {
      this.perPhase = false;
    }
  }

  /** Peak RSS in bytes since `start()` (or since the process began, if it could not reset). */
  bytes(): number {
    const hwm = this.perPhase ? statusKib('VmHWM') : undefined;
    return hwm !== undefined ? hwm * 1024 : process.resourceUsage().maxRSS * 1024;
  }
}

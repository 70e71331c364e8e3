/**
 * Progress output for long benchmark phases: a redrawn bar when stdout is a terminal,
 * otherwise one plain line every `lineIntervalMs` (so CI logs stay readable).
 */

const lineIntervalMs = 5000;
const barWidth = 28;

export interface ProgressUpdate {
  /** Who is running, e.g. "basaltdb". */
  readonly subject: string;
  /** What is running, e.g. "a: random reads". */
  readonly label: string;
  readonly done: number;
  /** 0 when the total is unknown (time-bounded phases report elapsed/limit instead). */
  readonly total: number;
  /** Seconds since the phase started. */
  readonly seconds: number;
}

export class ProgressPrinter {
  private readonly tty: boolean;
  private lastLineMs = 0;
  private lastKey = '';
  private drawn = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stdout) {
    this.tty = out.isTTY === true;
  }

  update(u: ProgressUpdate): void {
    const now = Date.now();
    const key = `${u.subject}\u0000${u.label}`;
    const rate = u.seconds > 0 ? u.done / u.seconds : 0;
    const fraction = u.total > 0 ? Math.min(1, u.done / u.total) : 0;
    const head = `[${u.subject}] ${u.label}`;
    const counts = `${formatCount(u.done)}${u.total > 0 ? '/' + formatCount(u.total) : ''}`;
    const tail = `${counts} ${formatCount(rate)}/s ${u.seconds.toFixed(1)}s`;
    if (this.tty) {
      const filled = Math.round(fraction * barWidth);
      const bar = u.total > 0 ? `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ` : '';
      const line = `${head} ${bar}${tail}`;
      const width = this.out.columns > 0 ? this.out.columns - 1 : 119;
      this.out.write(`\r${line.slice(0, width).padEnd(width)}`);
      this.drawn = true;
      return;
    }
    if (key !== this.lastKey || now - this.lastLineMs >= lineIntervalMs) {
      const pct = u.total > 0 ? ` (${(fraction * 100).toFixed(0)}%)` : '';
      this.out.write(`${head}: ${tail}${pct}\n`);
      this.lastLineMs = now;
      this.lastKey = key;
    }
  }

  /** Prints a message on its own line (clearing a drawn bar first). */
  log(message: string): void {
    this.clear();
    this.out.write(message + '\n');
  }

  /** Removes the bar, if one is drawn. */
  clear(): void {
    if (this.tty && this.drawn) {
      const width = this.out.columns > 0 ? this.out.columns - 1 : 119;
      this.out.write(`\r${' '.repeat(width)}\r`);
      this.drawn = false;
    }
  }
}

/** 1234567 -> "1.23M"; small numbers stay exact. */
export function formatCount(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return (n / 1e9).toFixed(2) + 'G';
  if (a >= 1e6) return (n / 1e6).toFixed(2) + 'M';
  if (a >= 1e4) return (n / 1e3).toFixed(1) + 'K';
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

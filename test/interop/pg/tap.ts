/** `ok - ...` / `not ok - ...` lines for the PostgreSQL interop script, and a line diff for mismatches. */

export interface Mismatch {
  name: string;
  /** What was run (a command line, a script name). */
  command: string;
  /** What went wrong: a diff of expected and actual output, or expected vs got. */
  detail: string;
}

export class Tap {
  count = 0;
  readonly mismatches: Mismatch[] = [];
  /** Per part (the check name up to its first colon): checks run and checks failed. */
  readonly parts = new Map<string, { run: number; failed: number }>();
  constructor(private readonly verbose: boolean) {}

  /** Records one check; `detail` is printed when it fails (and with --verbose when it passes). */
  check(pass: boolean, name: string, command: string, detail: string): void {
    this.count++;
    const part = name.includes(':') ? name.slice(0, name.indexOf(':')) : 'other';
    const tally = this.parts.get(part) ?? { run: 0, failed: 0 };
    tally.run++;
    if (!pass) tally.failed++;
    this.parts.set(part, tally);
    if (pass) {
      process.stdout.write(`ok - ${name}\n`);
      if (this.verbose && detail !== '') process.stdout.write(indent(detail));
      return;
    }
    process.stdout.write(`not ok - ${name}\n${describe({ name, command, detail })}`);
    this.mismatches.push({ name, command, detail });
  }

  /** A check that the first argument equals the second (printed as expected/got when not). */
  equal(got: unknown, expected: unknown, name: string, command: string): void {
    const g = JSON.stringify(got);
    const e = JSON.stringify(expected);
    this.check(g === e, name, command, `expected: ${e}\ngot:      ${g}`);
  }

  /** Runs `body`; an exception it throws is a failed check named `name`. */
  async guard(name: string, command: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      this.check(false, name, command, `threw: ${errorText(err)}`);
    }
  }
}

/** One line per part: `#   psql          19/21 ok`. */
export function partSummary(tap: Tap): string {
  const width = Math.max(8, ...[...tap.parts.keys()].map((k) => k.length));
  return [...tap.parts].map(([k, v]) => `#   ${k.padEnd(width)} ${v.run - v.failed}/${v.run} ok${v.failed > 0 ? ` (${v.failed} not ok)` : ''}\n`).join('');
}

export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as { code?: unknown }).code;
  return `${typeof code === 'string' ? `[${code}] ` : ''}${err.message}`;
}

export function indent(text: string): string {
  return text === '' ? '' : text.replace(/\n$/, '').split('\n').map((l) => `#     ${l}\n`).join('');
}

export function describe(m: Mismatch): string {
  return `#   command: ${m.command}\n${indent(m.detail)}`;
}

/** Most lines of a diff shown (the rest is summarised). */
const diffLinesMax = 200;

/**
 * A line diff of `expected` and `actual` (`-` expected only, `+` actual only, ` ` both), with
 * up to two lines of context around each change. Longest common subsequence, O(n·m): the
 * outputs compared are a few hundred lines.
 */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = a[i] === b[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const ops: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push(`  ${a[i] ?? ''}`);
      i++;
      j++;
    } else if (j < m && (i >= n || (lcs[i]?.[j + 1] ?? 0) >= (lcs[i + 1]?.[j] ?? 0))) {
      ops.push(`+ ${b[j] ?? ''}`);
      j++;
    } else {
      ops.push(`- ${a[i] ?? ''}`);
      i++;
    }
  }
  const keep = ops.map((op) => !op.startsWith('  '));
  const shown: string[] = [];
  let skipped = false;
  for (let k = 0; k < ops.length; k++) {
    const near = keep.slice(Math.max(0, k - 2), k + 3).some((x) => x);
    if (near) {
      shown.push(ops[k] ?? '');
      skipped = false;
    } else if (!skipped) {
      shown.push('  ...');
      skipped = true;
    }
  }
  if (shown.length > diffLinesMax) return [...shown.slice(0, diffLinesMax), `  ... (${shown.length - diffLinesMax} more diff lines)`].join('\n');
  return shown.join('\n');
}

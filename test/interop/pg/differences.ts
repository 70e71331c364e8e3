/**
 * Deliberate, documented differences between what psql prints against PostgreSQL 15 and against
 * BasaltDB, for the same script. The interop run replaces `postgres` (an exact piece of the
 * expected file `expected/<file>.out`, which holds PostgreSQL's output verbatim) by `basalt`
 * before comparing; an entry whose `postgres` text no longer occurs in the expected file fails
 * the run, so this list cannot go stale silently.
 *
 * Only differences that follow from what BasaltDB is belong here (one database per data
 * directory, no template databases, ...); anything else is a bug to fix, not an entry.
 */
export interface Difference {
  /** The script or command name (`02-describe`, `cmd-list`). */
  readonly file: string;
  /** Why BasaltDB legitimately prints something else. */
  readonly why: string;
  /** PostgreSQL 15's text, exactly as in the expected file. */
  readonly postgres: string;
  /** What BasaltDB prints instead. */
  readonly basalt: string;
}

export const differences: readonly Difference[] = [];

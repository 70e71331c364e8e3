/** The shape of one `basalt` command group (kv, stats, check, later serve). */
import type { ExitCode, ParsedArgs } from './args.js';
import type { Output } from './context.js';

export interface Command {
  /** The word that selects it: `basalt <name> ...`. */
  readonly name: string;
  /** One line for the top-level help. */
  readonly summary: string;
  /** Full help of the group, printed for `basalt <name> --help`. */
  readonly help: string;
  /**
   * Run it. `words` are the positional words after the group's name. Throws UsageError for a bad
   * command line; any other error is a database error.
   */
  run(args: ParsedArgs, words: readonly string[], out: Output): Promise<ExitCode>;
}

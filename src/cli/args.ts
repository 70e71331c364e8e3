/**
 * Command-line parsing for `basalt`, with no dependencies.
 *
 * Every command shares one table of options (`optionSpecs`), so a word after `--data` is always
 * its value wherever it stands on the line; each command then says which options it accepts and
 * any other one is a usage error naming it. Accepted forms: `--name value`, `--name=value`, `-h`,
 * and `--` to end options (so a key may start with `--`). A word starting with a single `-`
 * (such as `-5`) is a positional argument. A value starting with `--` needs the `=` form.
 */

/** Exit statuses of the `basalt` command. */
export const exitCodes = {
  ok: 0,
  /** `kv get` found no such key. */
  notFound: 1,
  /** The command line was wrong; the message names the bad argument. */
  usage: 2,
  /** The database reported an error (locked, corrupt, I/O, limits...). */
  database: 3,
} as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** A mistake in the command line. Its message names the offending argument. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command it applies to (`kv get`), for the "see --help" hint. */
    readonly command: string | undefined = undefined,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Options known to any command: `string` ones take a value, `boolean` ones do not. */
export const optionSpecs = {
  data: 'string',
  keyspace: 'string',
  prefix: 'string',
  gt: 'string',
  gte: 'string',
  lt: 'string',
  lte: 'string',
  limit: 'string',
  reverse: 'boolean',
  hex: 'boolean',
  'hex-input': 'boolean',
  json: 'boolean',
  durability: 'string',
  'redis-port': 'string',
  'redis-bind': 'string',
  appendfsync: 'string',
  requirepass: 'string',
  maxclients: 'string',
  'pg-port': 'string',
  'pg-bind': 'string',
  'database-name': 'string',
  'max-connections': 'string',
  auth: 'string',
  'tls-cert': 'string',
  'tls-key': 'string',
  'cache-mb': 'string',
  help: 'boolean',
  version: 'boolean',
} as const satisfies Record<string, 'string' | 'boolean'>;

export type OptionName = keyof typeof optionSpecs;
type StringOption = { [K in OptionName]: (typeof optionSpecs)[K] extends 'string' ? K : never }[OptionName];
type BooleanOption = Exclude<OptionName, StringOption>;

/** A command line split into positional words and options. */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly strings: Partial<Record<StringOption, string>>;
  readonly flags: Partial<Record<BooleanOption, true>>;
  /** Options in the order given, as written (for "not valid here" messages). */
  readonly given: readonly OptionName[];
}

function isOptionName(name: string): name is OptionName {
  return Object.prototype.hasOwnProperty.call(optionSpecs, name);
}

/** Split `argv` (without node and script) into positionals and options. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const strings: Partial<Record<StringOption, string>> = {};
  const flags: Partial<Record<BooleanOption, true>> = {};
  const given: OptionName[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (word === '-h') {
      flags.help = true;
      given.push('help');
      continue;
    }
    if (!word.startsWith('--') || word.length === 2) {
      positionals.push(word);
      continue;
    }
    const eq = word.indexOf('=');
    const name = eq < 0 ? word.slice(2) : word.slice(2, eq);
    if (!isOptionName(name)) throw new UsageError(`unknown option --${name}`);
    if (given.includes(name)) throw new UsageError(`option --${name} given more than once`);
    given.push(name);
    if (optionSpecs[name] === 'boolean') {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value (got '${word}')`);
      flags[name as BooleanOption] = true;
      continue;
    }
    let value: string | undefined;
    if (eq >= 0) {
      value = word.slice(eq + 1);
    } else {
      value = argv[i + 1];
      // A value that looks like an option is more likely a forgotten value: use --name=--value.
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new UsageError(`option --${name} needs a value`);
      }
      i++;
    }
    strings[name as StringOption] = value;
  }
  return { positionals, strings, flags, given };
}

/** Throw a usage error for the first option given that `allowed` does not list. */
export function checkAllowed(args: ParsedArgs, allowed: readonly OptionName[], command: string): void {
  for (const name of args.given) {
    if (name !== 'help' && !allowed.includes(name)) {
      throw new UsageError(`option --${name} is not valid for '${command}'`, command);
    }
  }
}

/** Throw unless exactly `names.length` positional words follow the command words. */
export function takePositionals(
  words: readonly string[],
  names: readonly string[],
  command: string,
): string[] {
  if (words.length < names.length) {
    throw new UsageError(`'${command}' needs <${names[words.length]}>`, command);
  }
  if (words.length > names.length) {
    throw new UsageError(`unexpected argument '${words[names.length]}' for '${command}'`, command);
  }
  return [...words];
}

/** Parse a non-negative integer option, or throw a usage error naming it. */
export function parseCount(value: string, option: string): number {
  if (!/^\d+$/.test(value)) {
    throw new UsageError(`option --${option} needs a non-negative integer (got '${value}')`);
  }
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new UsageError(`option --${option} is too large (got '${value}')`);
  return n;
}

/** Decode a hex argument (for `--hex-input`), or throw a usage error naming it. */
export function parseHexArg(value: string, what: string): Uint8Array {
  const text = value.startsWith('0x') ? value.slice(2) : value;
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new UsageError(`${what} is not valid hex (got '${value}')`);
  }
  return Uint8Array.from(Buffer.from(text, 'hex'));
}

/** The database directory: `--data`, default `./data`. */
export function dataDir(args: ParsedArgs): string {
  const dir = args.strings.data ?? './data';
  if (dir === '') throw new UsageError('option --data needs a directory (got an empty string)');
  return dir;
}

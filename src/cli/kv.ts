/** `basalt kv get|put|delete|scan`: read and write keys of a database directory. */
import type { Bytes, RangeOptions } from '../index.js';
import {
  checkAllowed,
  dataDir,
  exitCodes,
  parseCount,
  parseHexArg,
  takePositionals,
  UsageError,
} from './args.js';
import type { ExitCode, OptionName, ParsedArgs } from './args.js';
import type { Command } from './command.js';
import { openDatabase, parseDurability, withDatabase } from './context.js';
import type { Database, Output } from './context.js';
import { jsonBytes, showBytes } from './format.js';

const commonOptions = `Options:
  --data DIR         database directory (default ./data)
  --keyspace NAME    use keyspace NAME instead of the default one
  --hex-input        read <key>, <value> and bounds as hex digits
  -h, --help         show this help`;

const getHelp = `Usage: basalt kv get <key> [options]

Print the value stored under <key>, as UTF-8 text when it is valid and printable, else as hex.
Exits with status 1 when the key is absent.

  --hex              always print the value as hex
${commonOptions}
`;

const putHelp = `Usage: basalt kv put <key> <value> [options]

Store <value> under <key>. Creates the database directory if it does not exist.

  --durability MODE  sync (default), periodic or none
${commonOptions}
`;

const deleteHelp = `Usage: basalt kv delete <key> [options]

Remove <key>. Removing an absent key is not an error.

  --durability MODE  sync (default), periodic or none
${commonOptions}
`;

const scanHelp = `Usage: basalt kv scan [options]

Print entries in key order, one per line: key, a tab, value. Keys and values print as UTF-8
text when valid and free of control characters, else as hex.

  --prefix P         only keys starting with P
  --gt K, --gte K    only keys after K (or from K on)
  --lt K, --lte K    only keys before K (or up to K)
  --reverse          descending key order
  --limit N          at most N entries
  --hex              always print keys and values as hex
  --json             print a JSON array of {"key","value"} objects (keyHex/valueHex
                     for bytes that are not valid UTF-8)
${commonOptions}
`;

const kvHelp = `Usage: basalt kv <command> [options]

Commands:
  get <key>            print the value of <key> (exit status 1 if absent)
  put <key> <value>    store <value> under <key>
  delete <key>         remove <key>
  scan                 list entries in key order (--prefix, --gte, --lt, --reverse, --limit)

Run 'basalt kv <command> --help' for the options of each command.
`;

const baseOptions: readonly OptionName[] = ['data', 'keyspace', 'hex-input'];

/** The get/put/delete/range surface shared by a database and its keyspaces. */
type Store = Pick<Database, 'get' | 'put' | 'delete' | 'range'>;

function storeOf(db: Database, args: ParsedArgs): Store {
  const name = args.strings.keyspace;
  if (name === undefined) return db;
  return db.keyspace(name);
}

function bytesArg(args: ParsedArgs, value: string, what: string): Bytes {
  return args.flags['hex-input'] === true ? parseHexArg(value, what) : value;
}

function checkKeyspace(args: ParsedArgs): void {
  if (args.strings.keyspace === '') throw new UsageError('option --keyspace needs a name (got an empty string)');
}

async function runGet(args: ParsedArgs, words: readonly string[], out: Output): Promise<ExitCode> {
  checkAllowed(args, [...baseOptions, 'hex'], 'kv get');
  const [keyText] = takePositionals(words, ['key'], 'kv get');
  const key = bytesArg(args, keyText!, '<key>');
  checkKeyspace(args);
  const db = await openDatabase(dataDir(args), false);
  const value = await withDatabase(db, async () => storeOf(db, args).get(key));
  if (value === undefined) {
    out.error(`not found: ${keyText}`);
    return exitCodes.notFound;
  }
  await out.write(`${showBytes(value, args.flags.hex === true, true)}\n`);
  return exitCodes.ok;
}

function writeOptions(args: ParsedArgs): { durability?: 'sync' | 'periodic' | 'none' } {
  const durability = parseDurability(args.strings.durability);
  return durability === undefined ? {} : { durability };
}

async function runPut(args: ParsedArgs, words: readonly string[]): Promise<ExitCode> {
  checkAllowed(args, [...baseOptions, 'durability'], 'kv put');
  const [keyText, valueText] = takePositionals(words, ['key', 'value'], 'kv put');
  const key = bytesArg(args, keyText!, '<key>');
  const value = bytesArg(args, valueText!, '<value>');
  checkKeyspace(args);
  const db = await openDatabase(dataDir(args), true, writeOptions(args));
  await withDatabase(db, () => storeOf(db, args).put(key, value));
  return exitCodes.ok;
}

async function runDelete(args: ParsedArgs, words: readonly string[]): Promise<ExitCode> {
  checkAllowed(args, [...baseOptions, 'durability'], 'kv delete');
  const [keyText] = takePositionals(words, ['key'], 'kv delete');
  const key = bytesArg(args, keyText!, '<key>');
  checkKeyspace(args);
  const db = await openDatabase(dataDir(args), false, writeOptions(args));
  await withDatabase(db, () => storeOf(db, args).delete(key));
  return exitCodes.ok;
}

function rangeOptions(args: ParsedArgs): RangeOptions {
  const range: RangeOptions = {};
  const { prefix, gt, gte, lt, lte, limit } = args.strings;
  if (prefix !== undefined) range.prefix = bytesArg(args, prefix, 'option --prefix');
  if (gt !== undefined) range.gt = bytesArg(args, gt, 'option --gt');
  if (gte !== undefined) range.gte = bytesArg(args, gte, 'option --gte');
  if (lt !== undefined) range.lt = bytesArg(args, lt, 'option --lt');
  if (lte !== undefined) range.lte = bytesArg(args, lte, 'option --lte');
  if (gt !== undefined && gte !== undefined) throw new UsageError('options --gt and --gte cannot be combined');
  if (lt !== undefined && lte !== undefined) throw new UsageError('options --lt and --lte cannot be combined');
  if (args.flags.reverse === true) range.reverse = true;
  if (limit !== undefined) range.limit = parseCount(limit, 'limit');
  return range;
}

async function runScan(args: ParsedArgs, words: readonly string[], out: Output): Promise<ExitCode> {
  const scanOnly: OptionName[] = ['prefix', 'gt', 'gte', 'lt', 'lte', 'reverse', 'limit', 'hex', 'json'];
  checkAllowed(args, [...baseOptions, ...scanOnly], 'kv scan');
  takePositionals(words, [], 'kv scan');
  const range = rangeOptions(args);
  checkKeyspace(args);
  const hex = args.flags.hex === true;
  const json = args.flags.json === true;
  const db = await openDatabase(dataDir(args), false);
  await withDatabase(db, async () => {
    let first = true;
    if (json) await out.write('[');
    for (const [key, value] of storeOf(db, args).range(range)) {
      if (json) {
        const entry = { ...jsonBytes('key', key, hex), ...jsonBytes('value', value, hex) };
        await out.write(`${first ? '\n' : ',\n'}  ${JSON.stringify(entry)}`);
      } else {
        await out.write(`${showBytes(key, hex, false)}\t${showBytes(value, hex, false)}\n`);
      }
      first = false;
    }
    if (json) await out.write(first ? ']\n' : '\n]\n');
    await out.flush();
  });
  return exitCodes.ok;
}

type Run = (args: ParsedArgs, words: readonly string[], out: Output) => Promise<ExitCode>;

const subcommands: Record<string, { readonly help: string; readonly run: Run }> = {
  get: { help: getHelp, run: runGet },
  put: { help: putHelp, run: runPut },
  delete: { help: deleteHelp, run: runDelete },
  scan: { help: scanHelp, run: runScan },
};

export const kvCommand: Command = {
  name: 'kv',
  summary: 'get, put, delete and scan keys',
  help: kvHelp,
  async run(args, words, out) {
    const [sub, ...rest] = words;
    if (sub === undefined) {
      if (args.flags.help === true) {
        await out.write(kvHelp);
        return exitCodes.ok;
      }
      throw new UsageError("'kv' needs a command: get, put, delete or scan", 'kv');
    }
    const entry = Object.prototype.hasOwnProperty.call(subcommands, sub) ? subcommands[sub] : undefined;
    if (entry === undefined) throw new UsageError(`unknown kv command '${sub}'`, 'kv');
    if (args.flags.help === true) {
      await out.write(entry.help);
      return exitCodes.ok;
    }
    try {
      return await entry.run(args, rest, out);
    } catch (err) {
      // Point the "see --help" hint at this kv command.
      if (err instanceof UsageError && err.command === undefined) throw new UsageError(err.message, `kv ${sub}`);
      throw err;
    }
  },
};

#!/usr/bin/env node
/**
 * The `basalt` command: `basalt <group> [command] [args] [options]`.
 *
 * Exit statuses: 0 ok, 1 not found (`kv get`), 2 usage error, 3 database error.
 */
import * as fs from 'node:fs';
import { BasaltError, CorruptionError } from '../index.js';
import { exitCodes, parseArgs, UsageError } from './args.js';
import type { ExitCode } from './args.js';
import { checkCommand } from './check.js';
import type { Command } from './command.js';
import { NoDatabaseError, Output } from './context.js';
import { kvCommand } from './kv.js';
import { serveCommand } from './serve.js';
import { statsCommand } from './stats.js';

const commands: readonly Command[] = [serveCommand, kvCommand, statsCommand, checkCommand];

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}   ${c.summary}`);
  return `basalt ${version()}: the BasaltDB command line

Usage: basalt <command> [arguments] [options]

Commands:
${lines.join('\n')}

Common options:
  --data DIR      database directory (default ./data)
  -h, --help      show help (also 'basalt <command> --help')
  --version       print the version

Exit status: 0 ok, 1 key not found (kv get), 2 usage error, 3 database error.
`;
}

/** The package version, read from package.json three levels above dist/src/cli/. */
function version(): string {
  try {
    const text = fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === 'string' ? parsed.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Run one command line; never throws. */
async function runCli(argv: readonly string[], out: Output): Promise<ExitCode> {
  try {
    const args = parseArgs(argv);
    const [name, ...words] = args.positionals;
    if (name === undefined || name === 'help') {
      const topic = words[0];
      const command = commands.find((c) => c.name === topic);
      if (name === undefined && args.flags.version === true) {
        await out.write(`${version()}\n`);
        return exitCodes.ok;
      }
      if (name === undefined && args.flags.help !== true) {
        out.error(topHelp());
        return exitCodes.usage;
      }
      await out.write(command === undefined ? topHelp() : command.help);
      return exitCodes.ok;
    }
    const command = commands.find((c) => c.name === name);
    if (command === undefined) throw new UsageError(`unknown command '${name}'`);
    if (args.flags.version === true) throw new UsageError(`option --version is not valid for '${name}'`, name);
    try {
      return await command.run(args, words, out);
    } catch (err) {
      if (err instanceof UsageError && err.command === undefined) throw new UsageError(err.message, command.name);
      throw err;
    }
  } catch (err) {
    return report(err, out);
  }
}

function report(err: unknown, out: Output): ExitCode {
  if (err instanceof UsageError) {
    const topic = err.command === undefined ? '' : ` ${err.command}`;
    out.error(`basalt: ${err.message}\nRun 'basalt${topic} --help' for usage.`);
    return exitCodes.usage;
  }
  if (err instanceof BasaltError) {
    out.error(`basalt: ${err.name}: ${err.message}${where(err)}`);
    return exitCodes.database;
  }
  if (err instanceof NoDatabaseError) {
    out.error(`basalt: ${err.message}`);
    return exitCodes.database;
  }
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  const prefix = typeof code === 'string' && !message.startsWith(code) ? `${code}: ` : '';
  out.error(`basalt: ${prefix}${message}`);
  return exitCodes.database;
}

/** Where a CorruptionError points, unless its message already says so. */
function where(err: BasaltError): string {
  if (!(err instanceof CorruptionError)) return '';
  const parts: string[] = [];
  if (err.page !== undefined && !err.message.includes(`page ${err.page}`)) parts.push(`page ${err.page}`);
  if (err.lsn !== undefined && !err.message.includes(String(err.lsn))) parts.push(`lsn ${err.lsn}`);
  if (err.file !== undefined && !err.message.includes(err.file)) parts.push(`file ${err.file}`);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

async function main(): Promise<void> {
  // A reader that goes away (`basalt kv scan | head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(exitCodes.ok);
    throw err;
  });
  const out = new Output(process.stdout, process.stderr);
  const status = await runCli(process.argv.slice(2), out);
  await out.flush();
  // Exit explicitly: the database is closed, and nothing else should keep the process alive.
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  process.exit(status);
}

await main();

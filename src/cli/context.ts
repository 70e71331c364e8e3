/**
 * What every `basalt` command shares: buffered output that respects back-pressure, and opening
 * the database directory through the public API.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { open } from '../index.js';
import type { Database, OpenOptions } from '../index.js';
import { UsageError } from './args.js';

export type { Database };

/** Flush buffered output once it holds this many characters. */
const outputFlushChars = 64 * 1024;

/** Where a command writes. Text is buffered and flushed in chunks; `flush` waits for drain. */
export class Output {
  private pending = '';
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly errStream: NodeJS.WritableStream,
  ) {}

  /** Append text to standard output; resolves once the stream can take more. */
  async write(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= outputFlushChars) await this.flush();
  }

  /** Write everything buffered and wait until the stream has taken it. */
  async flush(): Promise<void> {
    if (this.pending === '') return;
    const chunk = this.pending;
    this.pending = '';
    await new Promise<void>((resolve) => {
      if (this.stream.write(chunk)) resolve();
      else this.stream.once('drain', () => resolve());
    });
  }

  /** A line on standard error (not buffered). */
  error(text: string): void {
    this.errStream.write(text.endsWith('\n') ? text : `${text}\n`);
  }
}

/**
 * Open the database in `dir`. With `create`, a missing directory is made; without it, a
 * directory holding no database is an error rather than silently becoming a new database.
 */
export async function openDatabase(
  dir: string,
  create: boolean,
  options: OpenOptions = {},
): Promise<Database> {
  if (create) {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new Error(`cannot create the database directory ${dir}: ${(err as Error).message}`, { cause: err });
    }
  } else if (!fs.existsSync(path.join(dir, 'data.basalt'))) {
    throw new NoDatabaseError(dir);
  }
  return open(dir, options);
}

/** `--data` names a directory holding no database (for commands that do not create one). */
export class NoDatabaseError extends Error {
  constructor(readonly dir: string) {
    super(`no database at ${dir} (data.basalt not found); 'basalt kv put' or 'basalt stats' creates one`);
    this.name = 'NoDatabaseError';
  }
}

/** Run `body` on the open database and close it afterwards, even when `body` throws. */
export async function withDatabase<T>(db: Database, body: (db: Database) => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body(db);
  } catch (err) {
    await db.close().catch(() => undefined);
    throw err;
  }
  await db.close();
  return result;
}

/** Parse `--durability`, or throw a usage error naming it. */
export function parseDurability(value: string | undefined): OpenOptions['durability'] {
  if (value === undefined) return undefined;
  if (value === 'sync' || value === 'periodic' || value === 'none') return value;
  throw new UsageError(`option --durability must be sync, periodic or none (got '${value}')`);
}

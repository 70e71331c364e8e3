/** `basalt stats`: open a database directory (creating it if missing) and print its counters. */
import { checkAllowed, dataDir, exitCodes, takePositionals } from './args.js';
import type { Command } from './command.js';
import { openDatabase, withDatabase } from './context.js';

const statsHelp = `Usage: basalt stats [options]

Open the database (creating it if the directory holds none) and print its statistics:
keyspaces, entries, pages, cache, write-ahead log, checkpoints.

Options:
  --data DIR         database directory (default ./data)
  --json             print one JSON object
  -h, --help         show this help
`;

export const statsCommand: Command = {
  name: 'stats',
  summary: 'print the statistics of a database (creates it if missing)',
  help: statsHelp,
  async run(args, words, out) {
    if (args.flags.help === true) {
      await out.write(statsHelp);
      return exitCodes.ok;
    }
    checkAllowed(args, ['data', 'json'], 'stats');
    takePositionals(words, [], 'stats');
    const dir = dataDir(args);
    const db = await openDatabase(dir, true);
    const [stats, keyspaces] = await withDatabase(db, async () => [db.stats(), db.keyspaceNames()] as const);
    if (args.flags.json === true) {
      await out.write(`${JSON.stringify({ data: dir, keyspaces, ...stats }, null, 2)}\n`);
    } else {
      const rows: Array<[string, string]> = [
        ['data', dir],
        ['keyspaces', keyspaces.length === 0 ? '(default only)' : keyspaces.join(', ')],
      ];
      for (const [name, value] of Object.entries(stats)) rows.push([name, String(value)]);
      const width = Math.max(...rows.map(([name]) => name.length));
      await out.write(rows.map(([name, value]) => `${name.padEnd(width)}  ${value}\n`).join(''));
    }
    return exitCodes.ok;
  },
};

/** `basalt check`: run the full integrity check of a database directory. */
import { checkAllowed, dataDir, exitCodes, takePositionals } from './args.js';
import type { Command } from './command.js';
import { openDatabase, withDatabase } from './context.js';

const checkHelp = `Usage: basalt check [options]

Open the database and verify every page and the tree structure. Prints "ok" and exits 0 when
the database is sound; otherwise prints the error (naming the corrupt page or log position)
and exits 3.

Options:
  --data DIR         database directory (default ./data)
  -h, --help         show this help
`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'verify the integrity of a database',
  help: checkHelp,
  async run(args, words, out) {
    if (args.flags.help === true) {
      await out.write(checkHelp);
      return exitCodes.ok;
    }
    checkAllowed(args, ['data'], 'check');
    takePositionals(words, [], 'check');
    const db = await openDatabase(dataDir(args), false);
    const stats = await withDatabase(db, async () => {
      await db.check();
      return db.stats();
    });
    await out.write(`ok: ${stats.entries} entries in ${stats.pageCount} pages of ${stats.pageSize} bytes\n`);
    return exitCodes.ok;
  },
};

/**
 * `db.prepare(text)`: a statement parsed once and run many times with different parameters.
 */
import type * as ast from './ast.js';
import { SqlError } from './errors.js';
import { parse } from './parser.js';
import type { PlanCache, QueryResult, Session } from './session.js';

export class PreparedStatement {
  private readonly statement: ast.Statement;
  /** The plan of a SELECT, kept while the catalog does not change. */
  private readonly cache: PlanCache = { plan: null, rt: null, catalog: null, searchPath: null };

  constructor(
    private readonly session: () => Session,
    readonly text: string,
  ) {
    let parsed: ast.ParsedStatement[];
    try {
      parsed = parse(text);
    } catch (err) {
      if (err instanceof SqlError) err.locate(text);
      throw err;
    }
    if (parsed.length !== 1) throw new SqlError('42601', parsed.length === 0 ? 'empty statement' : 'cannot insert multiple commands into a prepared statement');
    this.statement = parsed[0]!.statement;
  }

  /** Run and return the full result. */
  run(params: readonly unknown[] = []): Promise<QueryResult> {
    return this.session().runStatement(this.statement, this.text, params, {}, [], this.cache);
  }

  /** Run and return every row. */
  async all(params: readonly unknown[] = []): Promise<unknown[]> {
    return (await this.run(params)).rows;
  }

  /** Run and return the first row (undefined when none). */
  async get(params: readonly unknown[] = []): Promise<unknown> {
    return (await this.run(params)).rows[0];
  }
}

/**
 * The public Database: the key-value API of `kv/` plus the SQL face (`query`, `prepare`,
 * `session`), which runs on the same transactional store.
 */
import { Database as KvDatabase, openWith, type Engine, type OpenOptions } from './kv/index.js';
import type { RoleInfo } from './sql/catalog.js';
import { PreparedStatement, Session, SqlEngine, type QueryOptions, type QueryResult, type SessionOptions } from './sql/index.js';

export class Database extends KvDatabase {
  private sql: SqlEngine | null = null;
  private defaultSession: Session | null = null;
  private readonly sessions = new Set<Session>();

  /** @internal */
  constructor(engine: Engine) {
    super(engine);
  }

  /** The SQL engine, loaded (catalog read) on first use. */
  private sqlEngine(): SqlEngine {
    this.sql ??= new SqlEngine(this);
    return this.sql;
  }

  private shared(): Session {
    this.defaultSession ??= this.session();
    return this.defaultSession;
  }

  /**
   * Run SQL (PostgreSQL dialect) with `$1, $2, …` parameters. Each call is its own transaction
   * unless the text opens one (BEGIN … COMMIT in a single call); for a transaction across calls,
   * use `session()`. With several statements, returns the last one's result.
   */
  query(text: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult> {
    return this.shared().query(text, params, options);
  }

  /** Parse once, run many times: `stmt.all(params)`, `stmt.get(params)`, `stmt.run(params)`. */
  prepare(text: string): PreparedStatement {
    return new PreparedStatement(() => this.shared(), text);
  }

  /** The role `name` as committed (the wire server's authentication), or undefined. */
  roleForLogin(name: string): RoleInfo | undefined {
    return this.sqlEngine().catalog.role(name);
  }

  /** Whether any role has a password (the wire server then requires one by default). */
  anyRolePassword(): boolean {
    return this.sqlEngine().catalog.roles().some((r) => r.password !== null);
  }

  /** A session with its own transaction state and settings. Close it when done. */
  session(options: SessionOptions = {}): Session {
    const s = new Session(this.sqlEngine(), options);
    this.sessions.add(s);
    const close = s.close.bind(s);
    s.close = async () => {
      this.sessions.delete(s);
      await close();
    };
    return s;
  }

  override async close(): Promise<void> {
    for (const s of [...this.sessions]) await s.close();
    if (this.sql !== null) {
      // Best effort: after a failed write the store is read-only and a crash-style gap is fine.
      await this.sql.flushSequences().catch(() => undefined);
      this.sql.closed = true;
    }
    await super.close();
  }
}

/**
 * Open (creating if needed) the database in directory `dir`.
 * Throws DatabaseLockedError when another process or open holds it.
 */
export function open(dir: string, options: OpenOptions = {}): Promise<Database> {
  return openWith(dir, options, (engine) => new Database(engine));
}

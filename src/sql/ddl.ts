/**
 * DDL: CREATE/DROP/ALTER of schemas, tables, indexes, views and sequences, and TRUNCATE.
 *
 * Every DDL statement takes the catalog lock (one DDL transaction at a time) and an exclusive
 * lock on each table it changes, copies the committed catalog into its transaction (the first
 * time), changes the copy and writes the changed catalog records into the same key-value
 * transaction as its data changes. Commit installs the copy; rollback forgets it.
 */
import type * as ast from './ast.js';
import {
  isRelation,
  visibleColumns,
  type Catalog,
  type CatalogObject,
  type CheckInfo,
  type ColumnInfo,
  type ForeignKeyInfo,
  type IndexColumn,
  type IndexInfo,
  type SequenceInfo,
  type TableInfo,
  type ViewInfo,
  storagePrefix,
} from './catalog.js';
import { SqlError } from './errors.js';
import { persistBuiltinRoles, runRoleStatement, type RoleContext } from './roles.js';
import { deparse } from './expr.js';
import { tokenize } from './lexer.js';
import { parseExpression } from './parser.js';
import { PAUSE } from './runtime.js';
import { Scope, type ColBinding } from './scope.js';
import { done, type Exec, type StatementResult } from './session.js';
import { concat, TableLayout } from './table.js';
import { compareValues, encodeKey, formatValue, resolveTypeName, T, type SqlType, type Value } from './types/index.js';

export async function runDdl(ex: Exec, stmt: ast.Statement): Promise<StatementResult> {
  const timeout = Number(ex.session.setting('lock_timeout'));
  await ex.engine.locks.acquire(ex.tx, 'catalog', 'exclusive', timeout);
  const tx = ex.tx;
  tx.catalog ??= ex.engine.catalog.clone();
  const cat = tx.catalog;
  const before = new Map<number, CatalogObject>([...cat.all()].map((o) => [o.oid, o]));
  const d = new Ddl(ex, cat, timeout);
  const result = await d.run(stmt);
  await ex.engine.persistCatalog(tx.ks, before, cat);
  await persistBuiltinRoles(tx.ks, before, cat);
  if (d.garbage.length > 0) {
    await ex.engine.markGarbage(tx.ks, d.garbage);
    tx.garbage.push(...d.garbage);
  }
  return result;
}

const serialTypes: Record<string, 'int2' | 'int4' | 'int8'> = { serial: 'int4', serial4: 'int4', bigserial: 'int8', serial8: 'int8', smallserial: 'int2', serial2: 'int2' };

/**
 * Scans of table data here read the newest committed rows (`rangeLatest`), not the transaction's
 * snapshot: the table's exclusive lock is held, so no other writer is active, and a snapshot
 * taken earlier could miss rows committed before the lock was granted (an index built from it
 * would lack them).
 */
class Ddl {
  readonly garbage: number[] = [];

  constructor(
    readonly ex: Exec,
    readonly cat: Catalog,
    readonly timeout: number,
  ) {}

  async run(stmt: ast.Statement): Promise<StatementResult> {
    switch (stmt.kind) {
      case 'create table':
        return this.createTable(stmt);
      case 'create index':
        return this.createIndex(stmt);
      case 'create view':
        return this.createView(stmt);
      case 'create sequence':
        return this.createSequence(stmt);
      case 'alter sequence':
        return this.alterSequence(stmt);
      case 'create schema':
        return this.createSchema(stmt);
      case 'drop':
        return this.drop(stmt);
      case 'alter table':
        return this.alterTable(stmt);
      case 'rename':
        return this.rename(stmt);
      case 'truncate':
        return this.truncate(stmt);
      case 'create role':
      case 'alter role':
      case 'rename role':
      case 'drop role':
      case 'grant role':
      case 'grant':
        return runRoleStatement(this.roleContext(), stmt);
      default:
        throw new SqlError('0A000', `statement ${stmt.kind} is not supported`, { offset: (stmt as { pos?: number }).pos ?? 0 });
    }
  }

  private roleContext(): RoleContext {
    const session = this.ex.session;
    return {
      cat: this.cat,
      userName: session.userName,
      databaseNames: [session.databaseName, 'postgres'],
      searchPath: session.searchPath(),
      typeContext: this.ex.rt.ctx,
      setting: (name) => session.setting(name),
      notice: (severity, code, message) => session.notice(severity, code, message),
    };
  }

  private notice(message: string, code = '00000'): void {
    this.ex.session.notice('NOTICE', code, message);
  }

  private async lockTable(oid: number): Promise<void> {
    await this.ex.engine.locks.acquire(this.ex.tx, `table:${oid}`, 'exclusive', this.timeout);
  }

  /** The schema a new object goes to. */
  private targetSchema(name: ast.QualifiedName): string {
    if (name.schema !== null) {
      if (this.cat.schema(name.schema) === undefined) throw new SqlError('3F000', `schema "${name.schema}" does not exist`, { offset: name.pos });
      return name.schema;
    }
    for (const s of this.ex.session.searchPath()) if (s !== 'pg_catalog' && this.cat.schema(s) !== undefined) return s;
    throw new SqlError('3F000', 'no schema has been selected to create in', { offset: name.pos });
  }

  private lookup(name: ast.QualifiedName): ReturnType<Catalog['relation']> {
    if (name.schema !== null) return this.cat.relation(name.schema, name.name);
    for (const s of this.ex.session.searchPath()) {
      const r = this.cat.relation(s, name.name);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  private tableNamed(name: ast.QualifiedName): TableInfo {
    const r = this.lookup(name);
    if (r === undefined) throw new SqlError('42P01', `relation "${display(name)}" does not exist`);
    if (r.kind !== 'table') throw new SqlError('42809', `"${display(name)}" is not a table`, { offset: name.pos });
    return r;
  }

  /** A free relation name in `schema` based on `base` (PostgreSQL appends 1, 2, … on clashes). */
  private freeName(schema: string, base: string, taken: Set<string> = new Set()): string {
    const b = base.slice(0, 63);
    if (this.cat.relation(schema, b) === undefined && !taken.has(b)) return b;
    for (let i = 1; ; i++) {
      const n = `${base.slice(0, 63 - String(i).length)}${i}`;
      if (this.cat.relation(schema, n) === undefined && !taken.has(n)) return n;
    }
  }

  private checkFree(schema: string, name: string, pos: number): void {
    if (this.cat.relation(schema, name) !== undefined) throw new SqlError('42P07', `relation "${name}" already exists`);
  }

  // ---- CREATE TABLE --------------------------------------------------------------------------------

  private async createTable(stmt: ast.CreateTable): Promise<StatementResult> {
    const schema = this.targetSchema(stmt.name);
    if (this.cat.relation(schema, stmt.name.name) !== undefined) {
      if (stmt.ifNotExists) {
        this.notice(`relation "${stmt.name.name}" already exists, skipping`, '42P07');
        return done('CREATE TABLE');
      }
      throw new SqlError('42P07', `relation "${stmt.name.name}" already exists`);
    }
    if (stmt.as !== null) return this.createTableAs(stmt, schema);
    const oid = this.cat.allocateOid();
    const columns: ColumnInfo[] = [];
    const pending: Array<{ c: ast.Constraint; column: string | null }> = [];
    const seqs: Array<{ column: string; type: 'int2' | 'int4' | 'int8'; identity: ast.ColumnDef['identity'] }> = [];
    for (const def of stmt.columns) {
      if (columns.some((c) => c.name === def.name)) throw new SqlError('42701', `column "${def.name}" specified more than once`, { offset: def.pos });
      const col = this.columnFrom(def, columns.length, stmt.name.name, schema, seqs);
      columns.push(col);
      for (const c of def.constraints) pending.push({ c, column: def.name });
    }
    for (const c of stmt.constraints) pending.push({ c, column: null });
    let table: TableInfo = { kind: 'table', oid, schema, name: stmt.name.name, columns, storage: this.cat.allocateOid(), primaryKey: 0, checks: [], foreignKeys: [] };
    this.cat.put(table);
    for (const s of seqs) this.createOwnedSequence(table, s.column, s.type, s.identity);
    table = this.cat.table(oid);
    // Primary key first (its columns become NOT NULL), then the rest in order.
    const pks = pending.filter((p) => p.c.kind === 'primary key');
    if (pks.length > 1) throw new SqlError('42P16', `multiple primary keys for table "${table.name}" are not allowed`, { offset: pks[1]!.c.pos });
    for (const p of [...pks, ...pending.filter((p) => p.c.kind !== 'primary key')]) await this.addConstraint(this.cat.table(oid), p.c, p.column, false);
    return done('CREATE TABLE');
  }

  private columnFrom(def: ast.ColumnDef, attnum: number, table: string, schema: string, seqs: Array<{ column: string; type: 'int2' | 'int4' | 'int8'; identity: ast.ColumnDef['identity'] }>): ColumnInfo {
    const serial = !def.type.array ? serialTypes[def.type.name] : undefined;
    let type: SqlType;
    let dflt: string | null = def.defaultText;
    let notNull = def.notNull;
    if (serial !== undefined) {
      type = T[serial];
      if (def.default !== null) throw new SqlError('42601', `multiple default values specified for column "${def.name}" of table "${table}"`, { offset: def.pos });
      const seqName = this.freeName(schema, `${table}_${def.name}_seq`, new Set(seqs.map((s) => `${table}_${s.column}_seq`)));
      seqs.push({ column: def.name, type: serial, identity: null });
      dflt = `nextval('${schema === 'public' ? '' : schema + '.'}${seqName}')`;
      notNull = true;
    } else {
      type = resolveTypeName(def.type);
    }
    if (def.identity !== null) {
      if (!['int2', 'int4', 'int8'].includes(type.base) || type.array) {
        throw new SqlError('22023', `identity column type must be smallint, integer, or bigint`, { offset: def.pos });
      }
      const seqName = this.freeName(schema, `${table}_${def.name}_seq`);
      seqs.push({ column: def.name, type: type.base as 'int2' | 'int4' | 'int8', identity: def.identity });
      dflt = `nextval('${schema === 'public' ? '' : schema + '.'}${seqName}')`;
      notNull = true;
    }
    if (def.notNull && def.nullable) throw new SqlError('42601', `conflicting NULL/NOT NULL declarations for column "${def.name}" of table "${table}"`, { offset: def.pos });
    if (def.default !== null) this.validateDefault(def.default, type, def.name);
    return { name: def.name, type, notNull, default: dflt, identity: def.identity === null ? null : def.identity.always ? 'always' : 'by default', attnum, dropped: false, missing: null };
  }

  private validateDefault(e: ast.Expr, type: SqlType, column: string): void {
    const bad = defaultProblem(e);
    if (bad !== null) throw bad;
    const p = this.ex.session.planner(this.ex.rt, this.ex.tx);
    const scope = new Scope(null);
    scope.clause = 'DEFAULT expressions';
    const c = p.compile(e, scope);
    if (p.tryCoerce(c, type, 'assignment') === null) {
      throw new SqlError('42804', `column "${column}" is of type ${typeText(type)} but default expression is of type ${typeText(c.type)}`, {
        offset: e.pos,
        hint: 'You will need to rewrite or cast the expression.',
      });
    }
  }

  private createOwnedSequence(table: TableInfo, column: string, type: 'int2' | 'int4' | 'int8', identity: ast.ColumnDef['identity']): void {
    const col = table.columns.find((c) => c.name === column)!;
    const m = /^nextval\('(?:[^.']*\.)?([^']*)'\)$/.exec(col.default ?? '');
    const name = m?.[1] ?? `${table.name}_${column}_seq`;
    const opts = identity?.options ?? null;
    const seq = this.sequenceFrom(this.cat.allocateOid(), table.schema, name, type, opts);
    this.cat.put({ ...seq, ownedBy: { table: table.oid, attnum: col.attnum } });
  }

  private sequenceFrom(oid: number, schema: string, name: string, type0: 'int2' | 'int4' | 'int8', o: ast.SequenceOptions | null): SequenceInfo {
    let type = type0;
    if (o?.as !== null && o?.as !== undefined) {
      const t = resolveTypeName(o.as);
      if (t.base !== 'int2' && t.base !== 'int4' && t.base !== 'int8') throw new SqlError('22023', 'sequence type must be smallint, integer, or bigint');
      type = t.base;
    }
    const limits = { int2: [-32768n, 32767n], int4: [-2147483648n, 2147483647n], int8: [-9223372036854775808n, 9223372036854775807n] }[type] as [bigint, bigint];
    const num = (s: string | null | 'none' | undefined): bigint | null => (s === null || s === undefined || s === 'none' ? null : BigInt(s));
    const increment = num(o?.increment) ?? 1n;
    if (increment === 0n) throw new SqlError('22023', 'INCREMENT must not be zero');
    const min = num(o?.minValue) ?? (increment > 0n ? 1n : limits[0]);
    const max = num(o?.maxValue) ?? (increment > 0n ? limits[1] : -1n);
    if (min >= max) throw new SqlError('22023', `MINVALUE (${min}) must be less than MAXVALUE (${max})`);
    const start = num(o?.start) ?? (increment > 0n ? min : max);
    if (start < min) throw new SqlError('22023', `START value (${start}) cannot be less than MINVALUE (${min})`);
    if (start > max) throw new SqlError('22023', `START value (${start}) cannot be greater than MAXVALUE (${max})`);
    return { kind: 'sequence', oid, schema, name, type, start, increment, min, max, cycle: o?.cycle ?? false, ownedBy: null };
  }

  private async createTableAs(stmt: ast.CreateTable, schema: string): Promise<StatementResult> {
    const p = this.ex.session.planner(this.ex.rt, this.ex.tx);
    const q = p.planQuery(stmt.as!, new Scope(null));
    const names = stmt.columns.map((c) => c.name);
    const columns: ColumnInfo[] = q.columns.map((c, i) => ({
      name: names[i] ?? c.name,
      type: c.type.base === 'unknown' ? T.text : c.type,
      notNull: false,
      default: null,
      identity: null,
      attnum: i,
      dropped: false,
      missing: null,
    }));
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name)) throw new SqlError('42701', `column "${c.name}" specified more than once`);
      seen.add(c.name);
    }
    const table: TableInfo = { kind: 'table', oid: this.cat.allocateOid(), schema, name: stmt.name.name, columns, storage: this.cat.allocateOid(), primaryKey: 0, checks: [], foreignKeys: [] };
    this.cat.put(table);
    const layout = new TableLayout(table, this.cat);
    let n = 0;
    for (const row of q.node.rows(null)) {
      if (row === PAUSE) {
        await this.ex.rt.pause();
        continue;
      }
      this.ex.rt.tick();
      const key = encodeKey([T.int8], [this.ex.engine.nextRowId(this.ex.tx.ks, table.storage)]);
      await this.ex.tx.ks.put(layout.fullKey(key), layout.encode(row));
      n++;
    }
    return { ...done('SELECT'), tag: `SELECT ${n}`, rowCount: n };
  }

  // ---- constraints ---------------------------------------------------------------------------------

  /** Add a constraint to a table (CREATE TABLE or ALTER TABLE ADD), validating existing rows when `validate`. */
  private async addConstraint(table: TableInfo, c: ast.Constraint, column: string | null, validate: boolean): Promise<void> {
    const cols = (names: readonly string[]): number[] =>
      names.map((n) => {
        const col = table.columns.find((x) => x.name === n && !x.dropped);
        if (col === undefined) throw new SqlError('42703', `column "${n}" named in key does not exist`, { offset: c.pos });
        return col.attnum;
      });
    switch (c.kind) {
      case 'primary key': {
        if (table.primaryKey !== 0) throw new SqlError('42P16', `multiple primary keys for table "${table.name}" are not allowed`, { offset: c.pos });
        const attnums = cols(c.columns.length > 0 ? c.columns : [column!]);
        const name = c.name ?? this.freeName(table.schema, `${table.name}_pkey`);
        this.checkFree(table.schema, name, c.pos);
        const columns = table.columns.map((x) => (attnums.includes(x.attnum) ? { ...x, notNull: true } : x));
        const index: IndexInfo = { kind: 'index', oid: this.cat.allocateOid(), schema: table.schema, name, table: table.oid, columns: attnums.map((a) => ({ attnum: a, desc: false, nullsFirst: false })), unique: true, primary: true, constraint: true, storage: table.storage };
        const next: TableInfo = { ...table, columns, primaryKey: index.oid };
        if (validate) {
          for (const a of attnums) await this.validateNotNull(table, a);
          // The rows move from row-id keys to primary-key keys.
          this.cat.put(index);
          await this.rewrite(table, next, null);
        } else {
          this.cat.put(next);
          this.cat.put(index);
        }
        return;
      }
      case 'unique': {
        const attnums = cols(c.columns.length > 0 ? c.columns : [column!]);
        const name = c.name ?? this.freeName(table.schema, `${table.name}_${attnums.map((a) => table.columns[a]!.name).join('_')}_key`);
        this.checkFree(table.schema, name, c.pos);
        const index: IndexInfo = {
          kind: 'index',
          oid: this.cat.allocateOid(),
          schema: table.schema,
          name,
          table: table.oid,
          columns: attnums.map((a) => ({ attnum: a, desc: false, nullsFirst: false })),
          unique: true,
          primary: false,
          constraint: true,
          storage: this.cat.allocateOid(),
          ...(c.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
        };
        this.cat.put(index);
        if (validate) await this.buildIndex(this.cat.table(table.oid), index);
        return;
      }
      case 'check': {
        const t = this.cat.table(table.oid);
        const firstCol = column ?? firstColumnOf(c.expr, t);
        const name = c.name ?? this.freeConstraintName(t, firstCol === null ? `${t.name}_check` : `${t.name}_${firstCol}_check`);
        const layout = new TableLayout(t, this.cat);
        const p = this.ex.session.planner(this.ex.rt, this.ex.tx);
        const scope = tableScope(layout, t.name);
        scope.clause = 'check constraints';
        const pred = p.condition(c.expr, scope, 'CHECK');
        if (this.constraintNames(t).has(name)) throw new SqlError('42710', `constraint "${name}" for relation "${t.name}" already exists`, { offset: c.pos });
        const check: CheckInfo = { name, text: c.text };
        if (validate) {
          for (const [k, v] of this.ex.tx.ks.rangeLatest({ prefix: layout.prefix })) {
            const row = layout.decode(k.subarray(layout.prefix.length), v);
            if (pred.ev({ row, outer: null }) === false) {
              throw new SqlError('23514', `check constraint "${name}" of relation "${t.name}" is violated by some row`);
            }
          }
        }
        this.cat.put({ ...t, checks: [...t.checks, check] });
        return;
      }
      case 'foreign key': {
        const t = this.cat.table(table.oid);
        let attnums = cols(c.columns.length > 0 ? c.columns : [column!]);
        const parent = c.table.name === t.name && (c.table.schema === null || c.table.schema === t.schema) ? t : this.tableNamed(c.table);
        let refCols: number[];
        if (c.refColumns.length === 0) {
          const pk = this.cat.indexes(parent.oid).find((i) => i.primary);
          if (pk === undefined) throw new SqlError('42830', `there is no primary key for referenced table "${parent.name}"`, { offset: c.pos });
          refCols = pk.columns.map((x) => x.attnum);
        } else {
          refCols = c.refColumns.map((n) => {
            const col = parent.columns.find((x) => x.name === n && !x.dropped);
            if (col === undefined) throw new SqlError('42703', `column "${n}" referenced in foreign key constraint does not exist`, { offset: c.pos });
            return col.attnum;
          });
        }
        if (refCols.length !== attnums.length) throw new SqlError('42830', 'number of referencing and referenced columns for foreign key disagree', { offset: c.pos });
        // Any unique index over the same set of columns serves; pairs are kept in its column order.
        const ix = this.cat.indexes(parent.oid).find((i) => i.unique && i.columns.length === refCols.length && refCols.every((a) => i.columns.some((x) => x.attnum === a)));
        if (ix === undefined) throw new SqlError('42830', `there is no unique constraint matching given keys for referenced table "${parent.name}"`, { offset: c.pos });
        const declared = attnums.slice();
        const order = ix.columns.map((x) => refCols.indexOf(x.attnum));
        refCols = order.map((k) => refCols[k]!);
        attnums = order.map((k) => attnums[k]!);
        attnums.forEach((a, k) => {
          const ct = t.columns[a]!.type;
          const pt = parent.columns[refCols[k]!]!.type;
          if (!comparableKeyTypes(ct, pt)) {
            throw new SqlError('42804', `foreign key constraint "${c.name ?? `${t.name}_${t.columns[a]!.name}_fkey`}" cannot be implemented`, {
              detail: `Key columns "${t.columns[a]!.name}" and "${parent.columns[refCols[k]!]!.name}" are of incompatible types: ${typeText(ct)} and ${typeText(pt)}.`,
            });
          }
        });
        const name = c.name ?? this.freeConstraintName(t, `${t.name}_${declared.map((a) => t.columns[a]!.name).join('_')}_fkey`);
        const fk: ForeignKeyInfo = { name, columns: attnums, refTable: parent.oid, refColumns: refCols, onDelete: c.onDelete, onUpdate: c.onUpdate };
        if (validate) await this.validateForeignKey(t, parent, fk);
        this.cat.put({ ...this.cat.table(t.oid), foreignKeys: [...this.cat.table(t.oid).foreignKeys, fk] });
        return;
      }
    }
  }

  private constraintNames(t: TableInfo): Set<string> {
    return new Set([...t.checks.map((c) => c.name), ...t.foreignKeys.map((f) => f.name), ...this.cat.indexes(t.oid).filter((i) => i.constraint).map((i) => i.name)]);
  }

  private freeConstraintName(t: TableInfo, base: string): string {
    const taken = this.constraintNames(t);
    if (!taken.has(base)) return base;
    for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
  }

  private async validateNotNull(t: TableInfo, attnum: number): Promise<void> {
    const layout = new TableLayout(t, this.cat);
    const p = layout.position[attnum]!;
    for (const [k, v] of this.ex.tx.ks.rangeLatest({ prefix: layout.prefix })) {
      const row = layout.decode(k.subarray(layout.prefix.length), v);
      if (row[p] === null) throw new SqlError('23502', `column "${t.columns[attnum]!.name}" of relation "${t.name}" contains null values`);
    }
  }

  private async validateForeignKey(t: TableInfo, parent: TableInfo, fk: ForeignKeyInfo): Promise<void> {
    const layout = new TableLayout(t, this.cat);
    const players = new TableLayout(parent, this.cat);
    const types = fk.refColumns.map((a) => parent.columns[a]!.type);
    const ix = this.cat.indexes(parent.oid).find((i) => i.unique && i.columns.every((x, k) => x.attnum === fk.refColumns[k]))!;
    for (const [k, v] of this.ex.tx.ks.rangeLatest({ prefix: layout.prefix })) {
      const row = layout.decode(k.subarray(layout.prefix.length), v);
      const vals = fk.columns.map((a) => row[layout.position[a]!]!);
      if (vals.some((x) => x === null)) continue;
      const prefix = ix.primary ? concat(players.prefix, encodeKey(types, vals)) : concat(storagePrefix(ix.storage), encodeKey(types, vals));
      let found = false;
      for (const _ of this.ex.tx.ks.rangeLatest({ prefix, limit: 1 })) found = true;
      if (!found) {
        throw new SqlError('23503', `insert or update on table "${t.name}" violates foreign key constraint "${fk.name}"`, {
          detail: `Key (${fk.columns.map((a) => t.columns[a]!.name).join(', ')})=(${vals.map((x, i) => formatValue(types[i]!, x!, this.ex.rt.ctx)).join(', ')}) is not present in table "${parent.name}".`,
        });
      }
    }
  }

  /** Fill a new index from the table's rows, checking uniqueness. */
  private async buildIndex(table: TableInfo, index: IndexInfo): Promise<void> {
    const layout = new TableLayout(table, this.cat);
    const seen = new Set<string>();
    const types = layout.indexTypes(index);
    for (const [k, v] of this.ex.tx.ks.rangeLatest({ prefix: layout.prefix })) {
      if (this.ex.rt.pauseDue()) await this.ex.rt.pause();
      const rowKey = k.subarray(layout.prefix.length);
      const row = layout.decode(rowKey, v);
      const e = layout.indexEntry(index, row, rowKey);
      if (index.unique && (!e.hasNull || index.nullsNotDistinct === true)) {
        const id = Buffer.from(e.prefix).toString('latin1');
        if (seen.has(id)) {
          const vals = layout.indexValues(index, row);
          throw new SqlError('23505', `could not create unique index "${index.name}"`, {
            detail: `Key (${index.columns.map((c) => table.columns[c.attnum]!.name).join(', ')})=(${vals.map((x, i) => formatValue(types[i]!, x!, this.ex.rt.ctx)).join(', ')}) is duplicated.`,
          });
        }
        seen.add(id);
      }
      await this.ex.tx.ks.put(e.key, rowKey.slice());
    }
  }

  /**
   * Copy a table into new storage under a new definition (`next`; `convert` maps an old row to
   * the new visible values), rebuilding its indexes. The old storage is left for cleanup.
   */
  private async rewrite(old: TableInfo, next0: TableInfo, convert: ((row: Value[]) => Value[]) | null): Promise<void> {
    const oldLayout = new TableLayout(old, this.cat);
    const next: TableInfo = { ...next0, storage: this.cat.allocateOid() };
    const oldIndexes = this.cat.indexes(old.oid);
    this.garbage.push(old.storage, ...oldIndexes.filter((i) => !i.primary).map((i) => i.storage));
    for (const ix of oldIndexes) this.cat.put(ix.primary ? { ...ix, storage: next.storage } : { ...ix, storage: this.cat.allocateOid() });
    this.cat.put(next);
    const layout = new TableLayout(next, this.cat);
    const rows: Value[][] = [];
    for (const [k, v] of this.ex.tx.ks.rangeLatest({ prefix: oldLayout.prefix })) {
      const row = oldLayout.decode(k.subarray(oldLayout.prefix.length), v).slice(0, oldLayout.visible.length);
      rows.push(convert === null ? row : convert(row));
    }
    const seen = new Set<string>();
    for (const values of rows) {
      if (this.ex.rt.pauseDue()) await this.ex.rt.pause();
      let rowKey: Uint8Array;
      if (layout.keyAttnums.length === 0) rowKey = encodeKey([T.int8], [this.ex.engine.nextRowId(this.ex.tx.ks, next.storage)]);
      else {
        for (const a of layout.keyAttnums) {
          if (values[layout.position[a]!] === null) throw new SqlError('23502', `column "${next.columns[a]!.name}" of relation "${next.name}" contains null values`);
        }
        rowKey = layout.rowKey(values);
        const id = Buffer.from(rowKey).toString('latin1');
        if (seen.has(id)) {
          const pk = layout.indexes.find((i) => i.primary)!;
          throw new SqlError('23505', `could not create unique index "${pk.name}"`, { detail: `Key (${pk.columns.map((c) => next.columns[c.attnum]!.name).join(', ')}) is duplicated.` });
        }
        seen.add(id);
      }
      await this.ex.tx.ks.put(layout.fullKey(rowKey), layout.encode(values));
    }
    for (const ix of layout.indexes) if (!ix.primary) await this.buildIndex(next, ix);
  }

  // ---- CREATE INDEX / VIEW / SEQUENCE / SCHEMA ---------------------------------------------------------

  private async createIndex(stmt: ast.CreateIndex): Promise<StatementResult> {
    const table = this.tableNamed(stmt.table);
    await this.lockTable(table.oid);
    if (stmt.method !== null && stmt.method !== 'btree') throw new SqlError('0A000', `access method "${stmt.method}" is not supported`, { offset: stmt.pos });
    if (stmt.where !== null) throw new SqlError('0A000', 'partial indexes are not supported', { offset: stmt.where.pos });
    const columns: IndexColumn[] = stmt.columns.map((o) => {
      if (o.expr.kind !== 'column' || o.expr.qualifier.length > 0) throw new SqlError('0A000', 'indexes on expressions are not supported', { offset: o.expr.pos });
      const name = o.expr.name;
      const col = table.columns.find((c) => c.name === name && !c.dropped);
      if (col === undefined) throw new SqlError('42703', `column "${name}" does not exist`, { offset: o.expr.pos });
      return { attnum: col.attnum, desc: o.desc, nullsFirst: o.nullsFirst ?? o.desc };
    });
    const name = stmt.name ?? this.freeName(table.schema, `${table.name}_${columns.map((c) => table.columns[c.attnum]!.name).join('_')}_idx`);
    if (this.cat.relation(table.schema, name) !== undefined) {
      if (stmt.ifNotExists) {
        this.notice(`relation "${name}" already exists, skipping`, '42P07');
        return done('CREATE INDEX');
      }
      throw new SqlError('42P07', `relation "${name}" already exists`);
    }
    const index: IndexInfo = { kind: 'index', oid: this.cat.allocateOid(), schema: table.schema, name, table: table.oid, columns, unique: stmt.unique, primary: false, constraint: false, storage: this.cat.allocateOid() };
    this.cat.put(index);
    await this.buildIndex(table, index);
    return done('CREATE INDEX');
  }

  private createView(stmt: ast.CreateView): StatementResult {
    const schema = this.targetSchema(stmt.name);
    const existing = this.cat.relation(schema, stmt.name.name);
    if (existing !== undefined && !(stmt.orReplace && existing.kind === 'view')) {
      throw new SqlError('42P07', `relation "${stmt.name.name}" already exists`);
    }
    const p = this.ex.session.planner(this.ex.rt, this.ex.tx);
    const q = p.planQuery(stmt.query, new Scope(null));
    if (stmt.columns.length > q.columns.length) throw new SqlError('42601', 'CREATE VIEW specifies more column names than columns', { offset: stmt.pos });
    const columns = q.columns.map((c, i) => stmt.columns[i] ?? c.name);
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c)) throw new SqlError('42701', `column "${c}" specified more than once`, { offset: stmt.pos });
      seen.add(c);
    }
    const view: ViewInfo = {
      kind: 'view',
      oid: existing?.oid ?? this.cat.allocateOid(),
      schema,
      name: stmt.name.name,
      columns,
      text: stmt.text,
      searchPath: this.ex.session.searchPath(),
      dependsOn: [...p.relationsRead],
    };
    this.cat.put(view);
    return done('CREATE VIEW');
  }

  private createSequence(stmt: ast.CreateSequence): StatementResult {
    const schema = this.targetSchema(stmt.name);
    if (this.cat.relation(schema, stmt.name.name) !== undefined) {
      if (stmt.ifNotExists) {
        this.notice(`relation "${stmt.name.name}" already exists, skipping`, '42P07');
        return done('CREATE SEQUENCE');
      }
      throw new SqlError('42P07', `relation "${stmt.name.name}" already exists`, { offset: stmt.name.pos });
    }
    const seq = this.sequenceFrom(this.cat.allocateOid(), schema, stmt.name.name, 'int8', stmt.options);
    this.cat.put(seq);
    return done('CREATE SEQUENCE');
  }

  private alterSequence(stmt: ast.AlterSequence): StatementResult {
    const r = this.lookup(stmt.name);
    if (r === undefined || r.kind !== 'sequence') {
      if (stmt.ifExists) {
        this.notice(`relation "${stmt.name.name}" does not exist, skipping`);
        return done('ALTER SEQUENCE');
      }
      throw new SqlError('42P01', `relation "${display(stmt.name)}" does not exist`);
    }
    const o = stmt.options;
    const merged: ast.SequenceOptions = {
      as: o.as,
      increment: o.increment ?? r.increment.toString(),
      minValue: o.minValue ?? r.min.toString(),
      maxValue: o.maxValue ?? r.max.toString(),
      start: o.start ?? r.start.toString(),
      cache: null,
      cycle: o.cycle ?? r.cycle,
      ownedBy: null,
      restart: null,
    };
    const next = { ...this.sequenceFrom(r.oid, r.schema, r.name, r.type, merged), ownedBy: r.ownedBy };
    this.cat.put(next);
    if (o.restart !== null) this.ex.engine.setval(next, o.restart === 'start' ? next.start : BigInt(o.restart), false);
    return done('ALTER SEQUENCE');
  }

  private createSchema(stmt: ast.CreateSchema): StatementResult {
    if (this.cat.schema(stmt.name) !== undefined) {
      if (stmt.ifNotExists) {
        this.notice(`schema "${stmt.name}" already exists, skipping`, '42P06');
        return done('CREATE SCHEMA');
      }
      throw new SqlError('42P06', `schema "${stmt.name}" already exists`, { offset: stmt.pos });
    }
    if (stmt.name.startsWith('pg_')) throw new SqlError('42939', `unacceptable schema name "${stmt.name}"`, { offset: stmt.pos, detail: 'The prefix "pg_" is reserved for system schemas.' });
    this.cat.put({ kind: 'schema', oid: this.cat.allocateOid(), name: stmt.name });
    return done('CREATE SCHEMA');
  }

  // ---- DROP -----------------------------------------------------------------------------------------

  private async drop(stmt: ast.DropStmt): Promise<StatementResult> {
    const tag = `DROP ${stmt.object.toUpperCase()}`;
    for (const name of stmt.names) {
      if (stmt.object === 'schema') {
        await this.dropSchema(name.name, stmt, name.pos);
        continue;
      }
      const r = this.lookup(name);
      const want = stmt.object;
      if (r === undefined || r.kind !== want) {
        if (r !== undefined) {
          throw new SqlError('42809', `"${name.name}" is not ${want === 'index' ? 'an index' : `a ${want}`}`, { offset: name.pos, hint: `Use DROP ${r.kind.toUpperCase()} to remove a ${r.kind}.` });
        }
        if (stmt.ifExists) {
          this.notice(`${want === 'table' || want === 'index' || want === 'sequence' || want === 'view' ? `${want}` : 'relation'} "${name.name}" does not exist, skipping`);
          continue;
        }
        const what = want === 'index' ? 'index' : want === 'view' ? 'view' : want === 'sequence' ? 'sequence' : 'table';
        // PostgreSQL: 42704 and the bare name for an index, 42P01 for the others.
        if (want === 'index') throw new SqlError('42704', `index "${name.name}" does not exist`, { offset: name.pos });
        throw new SqlError('42P01', `${what} "${display(name)}" does not exist`);
      }
      switch (r.kind) {
        case 'table':
          await this.dropTable(r, stmt.cascade);
          break;
        case 'index': {
          const t = this.cat.table(r.table);
          await this.lockTable(t.oid);
          if (r.constraint) {
            throw new SqlError('2BP01', `cannot drop index ${r.name} because constraint ${r.name} on table ${t.name} requires it`, {
              hint: `You can drop constraint ${r.name} on table ${t.name} instead.`,
            });
          }
          this.cat.remove(r.oid);
          this.garbage.push(r.storage);
          break;
        }
        case 'view':
          this.dropDependentViews(r, stmt.cascade);
          this.cat.remove(r.oid);
          break;
        case 'sequence':
          if (r.ownedBy !== null && !stmt.cascade) {
            const t = this.cat.get(r.ownedBy.table);
            if (t !== undefined && t.kind === 'table') {
              const col = t.columns[r.ownedBy.attnum]!;
              if (col.default !== null && col.default.includes(`'${r.name}'`) || col.default?.includes(`.${r.name}'`)) {
                throw new SqlError('2BP01', `cannot drop sequence ${r.name} because other objects depend on it`, {
                  detail: `default value for column ${col.name} of table ${t.name} depends on sequence ${r.name}`,
                  hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
                });
              }
            }
          }
          this.cat.remove(r.oid);
          this.ex.engine.resetSequence(r.oid);
          break;
      }
    }
    return done(tag);
  }

  /**
   * Views reading `r`: without CASCADE an error (2BP01) naming them, with CASCADE they are
   * dropped too (and the views reading them).
   */
  private dropDependentViews(r: TableInfo | ViewInfo, cascade: boolean): void {
    const views = this.cat.dependentViews(r.oid);
    if (views.length === 0) return;
    const kind = r.kind === 'table' ? 'table' : 'view';
    if (!cascade) {
      const lines: string[] = [];
      const walk = (o: TableInfo | ViewInfo, seen: Set<number>): void => {
        for (const v of this.cat.dependentViews(o.oid)) {
          if (seen.has(v.oid)) continue;
          seen.add(v.oid);
          lines.push(`view ${v.name} depends on ${o.kind === 'table' ? 'table' : 'view'} ${o.name}`);
          walk(v, seen);
        }
      };
      walk(r, new Set());
      throw new SqlError('2BP01', `cannot drop ${kind} ${r.name} because other objects depend on it`, {
        detail: lines.join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    for (const v of views) {
      if (this.cat.get(v.oid) === undefined) continue;
      this.notice(`drop cascades to view ${v.name}`);
      this.dropDependentViews(v, true);
      this.cat.remove(v.oid);
    }
  }

  private async dropTable(t: TableInfo, cascade: boolean): Promise<void> {
    await this.lockTable(t.oid);
    this.dropDependentViews(t, cascade);
    const refs = this.cat.referencing(t.oid).filter((r) => r.table.oid !== t.oid);
    if (refs.length > 0) {
      if (!cascade) {
        throw new SqlError('2BP01', `cannot drop table ${t.name} because other objects depend on it`, {
          detail: refs.map((r) => `constraint ${r.fk.name} on table ${r.table.name} depends on table ${t.name}`).join('\n'),
          hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
        });
      }
      for (const r of refs) {
        this.notice(`drop cascades to constraint ${r.fk.name} on table ${r.table.name}`);
        const child = this.cat.table(r.table.oid);
        this.cat.put({ ...child, foreignKeys: child.foreignKeys.filter((f) => f !== r.fk && f.name !== r.fk.name) });
      }
    }
    for (const ix of this.cat.indexes(t.oid)) {
      this.cat.remove(ix.oid);
      if (!ix.primary) this.garbage.push(ix.storage);
    }
    for (const s of this.cat.ownedSequences(t.oid)) {
      this.cat.remove(s.oid);
      this.ex.engine.resetSequence(s.oid);
    }
    this.cat.remove(t.oid);
    this.garbage.push(t.storage);
  }

  private async dropSchema(name: string, stmt: ast.DropStmt, pos: number): Promise<void> {
    const s = this.cat.schema(name);
    if (s === undefined) {
      if (stmt.ifExists) {
        this.notice(`schema "${name}" does not exist, skipping`);
        return;
      }
      throw new SqlError('3F000', `schema "${name}" does not exist`, { offset: pos });
    }
    if (s.oid < 16384 && name !== 'public') throw new SqlError('42501', `cannot drop schema ${name} because it is required by the database system`);
    const members = [...this.cat.all()].filter(isRelation).filter((o) => o.schema === name);
    if (members.length > 0 && !stmt.cascade) {
      throw new SqlError('2BP01', `cannot drop schema ${name} because other objects depend on it`, {
        detail: members
          .filter((m) => m.kind !== 'index')
          .map((m) => `${m.kind} ${m.name} depends on schema ${name}`)
          .join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    // PostgreSQL's notice: the one object, or the count (the list goes to the server log there).
    const listed = members.filter((m) => m.kind === 'table' || m.kind === 'view' || (m.kind === 'sequence' && m.ownedBy === null));
    if (listed.length === 1) this.notice(`drop cascades to ${listed[0]!.kind} ${name}.${listed[0]!.name}`);
    else if (listed.length > 1) this.notice(`drop cascades to ${listed.length} other objects`);
    for (const m of members) {
      const cur = this.cat.get(m.oid);
      if (cur === undefined) continue;
      if (cur.kind === 'table') await this.dropTable(cur, true);
      else if (cur.kind === 'view' || cur.kind === 'sequence') this.cat.remove(cur.oid);
    }
    this.cat.remove(s.oid);
  }

  // ---- ALTER TABLE / RENAME / TRUNCATE ---------------------------------------------------------------

  private async alterTable(stmt: ast.AlterTable): Promise<StatementResult> {
    const r = this.lookup(stmt.name);
    if (r === undefined || r.kind !== 'table') {
      if (r === undefined && stmt.ifExists) {
        this.notice(`relation "${stmt.name.name}" does not exist, skipping`);
        return done('ALTER TABLE');
      }
      if (r !== undefined) throw new SqlError('42809', `"${stmt.name.name}" is not a table`, { offset: stmt.name.pos });
      throw new SqlError('42P01', `relation "${display(stmt.name)}" does not exist`);
    }
    await this.lockTable(r.oid);
    for (const a of stmt.actions) await this.alterAction(this.cat.table(r.oid), a, stmt.pos);
    return done('ALTER TABLE');
  }

  private column(t: TableInfo, name: string, pos: number): ColumnInfo {
    const c = t.columns.find((x) => x.name === name && !x.dropped);
    if (c === undefined) throw new SqlError('42703', `column "${name}" of relation "${t.name}" does not exist`, { offset: pos });
    return c;
  }

  private async alterAction(t: TableInfo, a: ast.AlterTableAction, pos: number): Promise<void> {
    switch (a.kind) {
      case 'add column': {
        const def = a.column;
        if (t.columns.some((c) => c.name === def.name && !c.dropped)) {
          if (a.ifNotExists) {
            this.notice(`column "${def.name}" of relation "${t.name}" already exists, skipping`, '42701');
            return;
          }
          throw new SqlError('42701', `column "${def.name}" of relation "${t.name}" already exists`);
        }
        const seqs: Array<{ column: string; type: 'int2' | 'int4' | 'int8'; identity: ast.ColumnDef['identity'] }> = [];
        const col = this.columnFrom(def, t.columns.length, t.name, t.schema, seqs);
        let next: TableInfo = { ...t, columns: [...t.columns, col] };
        this.cat.put(next);
        for (const s of seqs) this.createOwnedSequence(next, s.column, s.type, s.identity);
        next = this.cat.table(t.oid);
        if (col.default !== null) {
          const volatile = /nextval|random|clock_timestamp|gen_random_uuid/i.test(col.default);
          const p = this.ex.session.planner(this.ex.rt, this.ex.tx);
          const e = p.coerce(p.compile(parseExpression(col.default), new Scope(null)), col.type, 'assignment');
          if (volatile) {
            const i = visibleColumns(next).findIndex((c) => c.attnum === col.attnum);
            await this.rewrite(t, next, (row) => {
              const out = row.slice();
              out[i] = e.ev({ row: [], outer: null });
              return out;
            });
          } else {
            this.cat.put({ ...next, columns: next.columns.map((c) => (c.attnum === col.attnum ? { ...c, missing: e.ev({ row: [], outer: null }) } : c)) });
          }
        }
        if (col.notNull) await this.validateNotNull(this.cat.table(t.oid), col.attnum);
        for (const c of def.constraints) await this.addConstraint(this.cat.table(t.oid), c, def.name, true);
        return;
      }
      case 'drop column': {
        const col = t.columns.find((x) => x.name === a.name && !x.dropped);
        if (col === undefined) {
          if (a.ifExists) {
            this.notice(`column "${a.name}" of relation "${t.name}" does not exist, skipping`);
            return;
          }
          throw new SqlError('42703', `column "${a.name}" of relation "${t.name}" does not exist`, { offset: pos });
        }
        const refs = this.cat.referencing(t.oid).filter((r) => r.fk.refColumns.includes(col.attnum) && r.table.oid !== t.oid);
        if (refs.length > 0 && !a.cascade) {
          throw new SqlError('2BP01', `cannot drop column ${a.name} of table ${t.name} because other objects depend on it`, {
            detail: refs.map((r) => `constraint ${r.fk.name} on table ${r.table.name} depends on column ${a.name} of table ${t.name}`).join('\n'),
            hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
          });
        }
        for (const r of refs) {
          const child = this.cat.table(r.table.oid);
          this.cat.put({ ...child, foreignKeys: child.foreignKeys.filter((f) => f.name !== r.fk.name) });
        }
        const cur = this.cat.table(t.oid);
        let next: TableInfo = {
          ...cur,
          columns: cur.columns.map((c) => (c.attnum === col.attnum ? { ...c, dropped: true, name: `........pg.dropped.${c.attnum + 1}........`, notNull: false, default: null } : c)),
          checks: cur.checks.filter((c) => !mentions(c.text, col.name)),
          foreignKeys: cur.foreignKeys.filter((f) => !f.columns.includes(col.attnum)),
        };
        let rewritePk = false;
        for (const ix of this.cat.indexes(t.oid)) {
          if (!ix.columns.some((c) => c.attnum === col.attnum)) continue;
          this.cat.remove(ix.oid);
          if (ix.primary) {
            rewritePk = true;
            next = { ...next, primaryKey: 0 };
          } else this.garbage.push(ix.storage);
        }
        for (const s of this.cat.ownedSequences(t.oid)) if (s.ownedBy!.attnum === col.attnum) this.cat.remove(s.oid);
        if (rewritePk) await this.rewrite(cur, next, null);
        else this.cat.put(next);
        return;
      }
      case 'rename column': {
        const col = t.columns.find((x) => x.name === a.from && !x.dropped);
        if (col === undefined) throw new SqlError('42703', `column "${a.from}" does not exist`, { offset: pos });
        if (t.columns.some((c) => c.name === a.to && !c.dropped)) throw new SqlError('42701', `column "${a.to}" of relation "${t.name}" already exists`);
        this.cat.put({
          ...t,
          columns: t.columns.map((c) => (c.attnum === col.attnum ? { ...c, name: a.to } : c)),
          checks: t.checks.map((c) => ({ ...c, text: renameIdentifier(c.text, a.from, a.to) })),
        });
        return;
      }
      case 'add constraint':
        await this.addConstraint(t, a.constraint, null, true);
        return;
      case 'drop constraint': {
        const ix = this.cat.indexes(t.oid).find((i) => i.constraint && i.name === a.name);
        if (ix !== undefined) {
          const refs = this.cat.referencing(t.oid).filter((r) => r.fk.refColumns.length === ix.columns.length && r.fk.refColumns.every((c, k) => ix.columns[k]!.attnum === c));
          if (refs.length > 0 && !a.cascade) {
            throw new SqlError('2BP01', `cannot drop constraint ${a.name} on table ${t.name} because other objects depend on it`, {
              detail: refs.map((r) => `constraint ${r.fk.name} on table ${r.table.name} depends on index ${a.name}`).join('\n'),
              hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
            });
          }
          for (const r of refs) {
            const child = this.cat.table(r.table.oid);
            this.cat.put({ ...child, foreignKeys: child.foreignKeys.filter((f) => f.name !== r.fk.name) });
          }
          this.cat.remove(ix.oid);
          if (ix.primary) await this.rewrite(this.cat.table(t.oid), { ...this.cat.table(t.oid), primaryKey: 0 }, null);
          else this.garbage.push(ix.storage);
          return;
        }
        const cur = this.cat.table(t.oid);
        const checks = cur.checks.filter((c) => c.name !== a.name);
        const fks = cur.foreignKeys.filter((f) => f.name !== a.name);
        if (checks.length === cur.checks.length && fks.length === cur.foreignKeys.length) {
          if (a.ifExists) {
            this.notice(`constraint "${a.name}" of relation "${t.name}" does not exist, skipping`);
            return;
          }
          throw new SqlError('42704', `constraint "${a.name}" of relation "${t.name}" does not exist`, { offset: pos });
        }
        this.cat.put({ ...cur, checks, foreignKeys: fks });
        return;
      }
      case 'rename': {
        this.checkFree(t.schema, a.to, pos);
        this.cat.put({ ...t, name: a.to });
        return;
      }
      case 'rename constraint': {
        const ix = this.cat.indexes(t.oid).find((i) => i.constraint && i.name === a.from);
        if (ix !== undefined) {
          this.checkFree(t.schema, a.to, pos);
          this.cat.put({ ...ix, name: a.to });
          return;
        }
        if (!t.checks.some((c) => c.name === a.from) && !t.foreignKeys.some((f) => f.name === a.from)) {
          throw new SqlError('42704', `constraint "${a.from}" for table "${t.name}" does not exist`, { offset: pos });
        }
        this.cat.put({ ...t, checks: t.checks.map((c) => (c.name === a.from ? { ...c, name: a.to } : c)), foreignKeys: t.foreignKeys.map((f) => (f.name === a.from ? { ...f, name: a.to } : f)) });
        return;
      }
      case 'alter column type': {
        const col = this.column(t, a.name, pos);
        const type = resolveTypeName(a.type);
        const p = this.ex.session.planner(this.ex.rt, this.ex.tx);
        const layout = new TableLayout(t, this.cat);
        const scope = tableScope(layout, t.name);
        const i = layout.position[col.attnum]!;
        const src = a.using === null ? p.compile({ kind: 'column', qualifier: [], name: col.name, pos }, scope) : p.compile(a.using, scope);
        const conv = p.tryCoerce(src, type, 'assignment');
        if (conv === null) {
          throw new SqlError('42804', `column "${col.name}" cannot be cast automatically to type ${typeText(type)}`, { hint: `You might need to specify "USING ${col.name}::${typeText(type)}".` });
        }
        const next: TableInfo = { ...t, columns: t.columns.map((c) => (c.attnum === col.attnum ? { ...c, type, missing: null } : c)) };
        await this.rewrite(t, next, (row) => {
          const out = row.slice();
          out[i] = conv.ev({ row: [...row, null], outer: null });
          return out;
        });
        return;
      }
      case 'alter column default': {
        const col = this.column(t, a.name, pos);
        if (a.default !== null) this.validateDefault(a.default, col.type, col.name);
        this.cat.put({ ...t, columns: t.columns.map((c) => (c.attnum === col.attnum ? { ...c, default: a.defaultText } : c)) });
        return;
      }
      case 'alter column not null': {
        const col = this.column(t, a.name, pos);
        if (!a.notNull) {
          const pk = this.cat.indexes(t.oid).find((i) => i.primary);
          if (pk !== undefined && pk.columns.some((c) => c.attnum === col.attnum)) throw new SqlError('42P16', `column "${col.name}" is in a primary key`, { offset: pos });
        } else await this.validateNotNull(t, col.attnum);
        this.cat.put({ ...t, columns: t.columns.map((c) => (c.attnum === col.attnum ? { ...c, notNull: a.notNull } : c)) });
        return;
      }
      case 'set schema': {
        if (this.cat.schema(a.schema) === undefined) throw new SqlError('3F000', `schema "${a.schema}" does not exist`, { offset: pos });
        this.checkFree(a.schema, t.name, pos);
        this.cat.put({ ...t, schema: a.schema });
        for (const ix of this.cat.indexes(t.oid)) this.cat.put({ ...ix, schema: a.schema });
        return;
      }
    }
  }

  private async rename(stmt: ast.RenameStmt): Promise<StatementResult> {
    const tag = `ALTER ${stmt.object.toUpperCase()}`;
    if (stmt.object === 'schema') {
      const s = this.cat.schema(stmt.name.name);
      if (s === undefined) throw new SqlError('3F000', `schema "${stmt.name.name}" does not exist`, { offset: stmt.pos });
      if (this.cat.schema(stmt.to) !== undefined) throw new SqlError('42P06', `schema "${stmt.to}" already exists`, { offset: stmt.pos });
      const members = [...this.cat.all()].filter(isRelation).filter((o) => o.schema === s.name);
      this.cat.put({ ...s, name: stmt.to });
      for (const m of members) this.cat.put({ ...m, schema: stmt.to });
      return done(tag);
    }
    const r = this.lookup(stmt.name);
    if (r === undefined || r.kind !== stmt.object) {
      if (r === undefined && stmt.ifExists) {
        this.notice(`relation "${stmt.name.name}" does not exist, skipping`);
        return done(tag);
      }
      throw new SqlError('42P01', `relation "${display(stmt.name)}" does not exist`);
    }
    this.checkFree(r.schema, stmt.to, stmt.pos);
    this.cat.put({ ...r, name: stmt.to });
    return done(tag);
  }

  private async truncate(stmt: ast.TruncateStmt): Promise<StatementResult> {
    const tables = stmt.tables.map((n) => this.tableNamed(n));
    const set = new Set(tables.map((t) => t.oid));
    for (let i = 0; i < tables.length; i++) {
      for (const r of this.cat.referencing(tables[i]!.oid)) {
        if (set.has(r.table.oid)) continue;
        if (!stmt.cascade) {
          throw new SqlError('0A000', 'cannot truncate a table referenced in a foreign key constraint', {
            detail: `Table "${r.table.name}" references "${tables[i]!.name}".`,
            hint: `Truncate table "${r.table.name}" at the same time, or use TRUNCATE ... CASCADE.`,
          });
        }
        this.notice(`truncate cascades to table "${r.table.name}"`);
        set.add(r.table.oid);
        tables.push(this.cat.table(r.table.oid));
      }
    }
    for (const t0 of tables) {
      await this.lockTable(t0.oid);
      const t = this.cat.table(t0.oid);
      const storage = this.cat.allocateOid();
      this.garbage.push(t.storage);
      for (const ix of this.cat.indexes(t.oid)) {
        if (ix.primary) this.cat.put({ ...ix, storage });
        else {
          this.garbage.push(ix.storage);
          this.cat.put({ ...ix, storage: this.cat.allocateOid() });
        }
      }
      this.cat.put({ ...t, storage });
      if (stmt.restartIdentity) {
        for (const s of this.cat.ownedSequences(t.oid)) this.ex.engine.setval(s, s.start, false);
      }
    }
    return done('TRUNCATE TABLE');
  }
}

/** PostgreSQL's errors for what a DEFAULT expression may not hold (columns, subqueries). */
function defaultProblem(e: ast.Expr): SqlError | null {
  const text = JSON.stringify(e);
  if (/"kind":"column"/.test(text)) return new SqlError('0A000', 'cannot use column reference in DEFAULT expression', { offset: e.pos });
  if (/"kind":"(subquery|exists|insubquery)"/.test(text) || /"kind":"quantified","op":"[^"]*","quantifier":"[^"]*","left":.*"query":\{/.test(text)) {
    return new SqlError('0A000', 'cannot use subquery in DEFAULT expression', { offset: e.pos });
  }
  return null;
}

function display(n: ast.QualifiedName): string {
  return n.schema === null ? n.name : `${n.schema}.${n.name}`;
}

function typeText(t: SqlType): string {
  return formatTypeNameLocal(t);
}

import { formatTypeName as formatTypeNameLocal } from './types/index.js';

export function tableScope(layout: TableLayout, alias: string): Scope {
  const s = new Scope(null);
  const cols: ColBinding[] = layout.visible.map((c) => ({ name: c.name, type: c.type, merged: false, system: false }));
  cols.push({ name: 'ctid', type: T.bytea, merged: false, system: true });
  s.addRel(alias, layout.table.schema, cols, layout.table, layout);
  return s;
}

/** PostgreSQL names a table CHECK constraint after the first column its expression mentions. */
function firstColumnOf(e: ast.Expr, t: TableInfo): string | null {
  const text = JSON.stringify(e);
  const m = /"kind":"column","qualifier":\[[^\]]*\],"name":"((?:[^"\\]|\\.)*)"/.exec(text);
  if (m === null) return null;
  const name = JSON.parse(`"${m[1]}"`) as string;
  return t.columns.some((c) => c.name === name) ? name : null;
}

function mentions(text: string, name: string): boolean {
  try {
    return tokenize(text).some((tok) => tok.kind === 'ident' && tok.value === name);
  } catch {
    return false;
  }
}

/** Rename identifier tokens `from` to `to` in stored expression text. */
function renameIdentifier(text: string, from: string, to: string): string {
  let tokens;
  try {
    tokens = tokenize(text);
  } catch {
    return text;
  }
  let out = '';
  let at = 0;
  for (const tok of tokens) {
    if (tok.kind !== 'ident' || tok.value !== from) continue;
    let end = tok.start;
    if (text[end] === '"') {
      end++;
      while (end < text.length && !(text[end] === '"' && text[end + 1] !== '"')) end += text[end] === '"' ? 2 : 1;
      end++;
    } else while (end < text.length && /[\w$\u0080-\uffff]/.test(text[end]!)) end++;
    out += text.slice(at, tok.start) + `"${to.replace(/"/g, '""')}"`;
    at = end;
  }
  return out + text.slice(at);
}

/** Key types a foreign key can compare (same category). */
function comparableKeyTypes(a: SqlType, b: SqlType): boolean {
  if (a.array !== b.array) return false;
  const num = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'];
  const str = ['text', 'varchar', 'bpchar', 'name'];
  if (num.includes(a.base) && num.includes(b.base)) return true;
  if (str.includes(a.base) && str.includes(b.base)) return true;
  return a.base === b.base;
}

void deparse;
void compareValues;

/**
 * INSERT, UPDATE and DELETE: constraint checks (NOT NULL, CHECK, UNIQUE / PRIMARY KEY, FOREIGN KEY
 * with its referential actions), index maintenance, ON CONFLICT and RETURNING.
 *
 * Uniqueness: before inserting a key, the statement locks it (for a primary key, the row key; for
 * a unique index, the index prefix of the new values) and then looks for a committed or own entry
 * under it, reading the newest data rather than its snapshot. Two transactions inserting the same
 * key therefore serialise on the lock, and the second sees the first's row once it commits.
 *
 * UPDATE and DELETE find their rows in the statement's snapshot, then lock each row. Under READ
 * COMMITTED a row changed meanwhile is re-read at its newest version and the WHERE clause checked
 * again (PostgreSQL's re-check); a row deleted meanwhile is skipped. Under REPEATABLE READ and
 * SERIALIZABLE the lock itself fails with 40001 when the row changed after the snapshot.
 */
import type * as ast from './ast.js';
import type { Catalog, ForeignKeyInfo, IndexInfo, TableInfo } from './catalog.js';
import { storagePrefix } from './catalog.js';
import { SqlError } from './errors.js';
import { isValuesDefault, outputName, type PlannedQuery } from './planner.js';
import type { BExpr } from './expr.js';
import { deparse } from './expr.js';
import { parseExpression } from './parser.js';
import { ValuesNode, type CExpr } from './plan.js';
import { drainRows, PAUSE, type Frame, type Row } from './runtime.js';
import { Scope, type ColBinding } from './scope.js';
import type { Exec, StatementResult } from './session.js';
import { concat, layoutOf, TableLayout } from './table.js';
import { castValue, compareValues, encodeKey, parseValue, formatTypeName, formatValue, T, type SqlType, type TypeContext, type Value } from './types/index.js';

/**
 * Called once the statement is planned, before any row is touched: binds the parameter values
 * (their types are known now). `columns` are the RETURNING columns; a describe-only run
 * (the wire server's Describe) throws from here, so nothing is executed.
 */
export type BindParams = (columns?: ReadonlyArray<{ readonly name: string; readonly type: SqlType }>) => void;

export async function runDml(ex: Exec, stmt: ast.InsertStmt | ast.UpdateStmt | ast.DeleteStmt, bindParams: BindParams): Promise<StatementResult> {
  if (stmt.with !== null) throw new SqlError('0A000', 'WITH on INSERT/UPDATE/DELETE is not supported yet', { offset: stmt.pos });
  const table = ex.planner.table(stmt.table);
  await ex.engine.locks.acquire(ex.tx, `table:${table.oid}`, 'share', Number(ex.session.setting('lock_timeout')));
  // The table may have changed while we waited for the lock.
  const fresh = (ex.tx.catalog ?? ex.engine.catalog) === ex.planner.catalog ? ex.planner : ex.session.planner(ex.rt, ex.tx);
  const t = fresh.table(stmt.table);
  const w = new Writer(ex, fresh.catalog, t, fresh);
  const result = stmt.kind === 'insert' ? await w.insert(stmt, bindParams) : stmt.kind === 'update' ? await w.update(stmt, bindParams) : await w.delete(stmt, bindParams);
  await w.finishStatement();
  return result;
}

/**
 * COPY … FROM STDIN: rows of text fields (null for NULL) inserted with the same checks as
 * INSERT. `rows` yields batches as the data arrives.
 */
export async function runCopyFrom(ex: Exec, stmt: ast.CopyStmt, rows: AsyncIterable<Array<Array<string | null>>>): Promise<StatementResult> {
  const table = ex.planner.table(stmt.table!);
  await ex.engine.locks.acquire(ex.tx, `table:${table.oid}`, 'share', Number(ex.session.setting('lock_timeout')));
  const fresh = ex.session.planner(ex.rt, ex.tx);
  const t = fresh.table(stmt.table!);
  const w = new Writer(ex, fresh.catalog, t, fresh);
  const result = await w.copyFrom(stmt, rows);
  await w.finishStatement();
  return result;
}

/** Compiled checks and defaults of one table. */
class TableWriter {
  readonly layout: TableLayout;
  readonly scope: Scope;
  private checks: Array<{ name: string; ev: CExpr }> | null = null;
  private defaults: Array<BExpr | null> | null = null;

  constructor(
    readonly w: Writer,
    readonly table: TableInfo,
  ) {
    this.layout = layoutOf(table, w.catalog);
    this.scope = tableScope(this.layout, table.name);
  }

  checkExprs(): Array<{ name: string; ev: CExpr }> {
    if (this.checks === null) {
      this.checks = this.table.checks.map((c) => ({ name: c.name, ev: this.w.planner.condition(parseExpression(c.text), this.scope, 'CHECK') }));
    }
    return this.checks;
  }

  defaultExprs(): Array<BExpr | null> {
    if (this.defaults === null) {
      this.defaults = this.layout.visible.map((c) => {
        if (c.default === null) return null;
        const e = this.w.planner.compile(parseExpression(c.default), new Scope(null));
        return this.w.planner.coerce(e, c.type, 'assignment');
      });
    }
    return this.defaults;
  }
}

function tableScope(layout: TableLayout, alias: string): Scope {
  const s = new Scope(null);
  const cols: ColBinding[] = layout.visible.map((c) => ({ name: c.name, type: c.type, merged: false, system: false }));
  cols.push({ name: 'ctid', type: T.bytea, merged: false, system: true });
  s.addRel(alias, layout.table.schema, cols, layout.table, layout);
  return s;
}

class Writer {
  private readonly writers = new Map<number, TableWriter>();
  private readonly rt;

  constructor(
    readonly ex: Exec,
    readonly catalog: Catalog,
    readonly table: TableInfo,
    readonly planner: Exec['planner'],
  ) {
    this.rt = ex.rt;
  }

  writer(t: TableInfo): TableWriter {
    let w = this.writers.get(t.oid);
    if (w === undefined) this.writers.set(t.oid, (w = new TableWriter(this, t)));
    return w;
  }

  private get tx() {
    return this.ex.tx.ks;
  }

  // ---- COPY FROM ---------------------------------------------------------------------------------

  async copyFrom(stmt: ast.CopyStmt, batches: AsyncIterable<Array<Array<string | null>>>): Promise<StatementResult> {
    const tw = this.writer(this.table);
    const vis = tw.layout.visible;
    const targets = this.targetColumns(stmt.columns.map((name) => ({ name, pos: stmt.pos })), vis);
    const defaults = tw.defaultExprs();
    const empty: Frame = { row: [], outer: null };
    const ctx = this.rt.ctx;
    let line = 0;
    let count = 0;
    for await (const batch of batches) {
      for (const fields of batch) {
        line++;
        if (this.rt.pauseDue()) await this.rt.pause();
        const where = `COPY ${this.table.name}, line ${line}`;
        if (fields.length > targets.length) throw new SqlError('22P04', 'extra data after last expected column', { context: where });
        if (fields.length < targets.length) throw new SqlError('22P04', `missing data for column "${vis[targets[fields.length]!]!.name}"`, { context: where });
        const values = new Array<Value>(vis.length).fill(null);
        const given = new Array<boolean>(vis.length).fill(false);
        targets.forEach((i, j) => {
          const text = fields[j]!;
          given[i] = true;
          if (text === null) return;
          try {
            values[i] = parseValue(vis[i]!.type, text, ctx);
          } catch (err) {
            if (err instanceof SqlError) {
              throw new SqlError(err.code, err.message, { context: `${where}, column ${vis[i]!.name}: "${text.length > 30 ? text.slice(0, 30) + '...' : text}"` });
            }
            throw err;
          }
        });
        for (let i = 0; i < vis.length; i++) {
          if (given[i]) continue;
          const d = defaults[i];
          values[i] = d === null || d === undefined ? null : d.ev(empty);
        }
        try {
          await this.insertRow(tw, values, null);
        } catch (err) {
          // Constraint errors name the input line, as PostgreSQL's CONTEXT does.
          if (err instanceof SqlError && err.context === undefined) err.context = where;
          throw err;
        }
        count++;
      }
    }
    return { command: 'COPY', tag: `COPY ${count}`, columns: [], rows: [], rowCount: count };
  }

  private targetColumns(columns: readonly { name: string; pos: number }[], vis: TableLayout['visible']): number[] {
    const targets: number[] = [];
    if (columns.length === 0) for (let i = 0; i < vis.length; i++) targets.push(i);
    for (const c of columns) {
      const i = vis.findIndex((v) => v.name === c.name);
      if (i < 0) throw new SqlError('42703', `column "${c.name}" of relation "${this.table.name}" does not exist`, { offset: c.pos });
      if (targets.includes(i)) throw new SqlError('42701', `column "${c.name}" specified more than once`, { offset: c.pos });
      targets.push(i);
    }
    return targets;
  }

  // ---- INSERT ------------------------------------------------------------------------------------

  async insert(stmt: ast.InsertStmt, bindParams: BindParams): Promise<StatementResult> {
    const tw = this.writer(this.table);
    const layout = tw.layout;
    const vis = layout.visible;
    const targets = this.targetColumns(stmt.columns, vis);
    const targetTypes = targets.map((i) => vis[i]!.type);
    let source: PlannedQuery | null = null;
    let exprs: CExpr[] | null = null;
    if (stmt.source !== null) {
      const q = stmt.source;
      const plain = q.body.kind === 'values' && q.orderBy.length === 0 && q.limit === null && q.offset === null && q.with === null;
      if (plain && q.body.kind === 'values') {
        for (const r of q.body.rows) {
          if (r.length > targets.length) throw new SqlError('42601', 'INSERT has more expressions than target columns', { offset: r[targets.length]!.pos });
          if (r.length < targets.length && stmt.columns.length > 0) throw new SqlError('42601', 'INSERT has more target columns than expressions', { offset: stmt.columns[r.length]!.pos });
        }
        source = this.planner.planValues(q.body.rows, new Scope(null), targetTypes.slice(0, q.body.rows[0]!.length));
      } else {
        // As in PostgreSQL, untyped literals of the SELECT list take the target columns' types.
        const srcScope = new Scope(null);
        srcScope.keepUnknownOutputs = true;
        source = this.planner.planQuery(q, srcScope);
        if (source.columns.length > targets.length) throw new SqlError('42601', 'INSERT has more expressions than target columns', { offset: q.pos });
        if (source.columns.length < targets.length && stmt.columns.length > 0) throw new SqlError('42601', 'INSERT has more target columns than expressions', { offset: stmt.columns[source.columns.length]!.pos });
        exprs = source.columns.map((c, i) => {
          const e: BExpr = { type: c.type, text: c.name, ev: (f) => f.row[i]! };
          const to = targetTypes[i]!;
          const r = this.planner.tryCoerce(e, to, 'assignment');
          if (r === null) {
            throw new SqlError('42804', `column "${vis[targets[i]!]!.name}" is of type ${formatTypeName(to)} but expression is of type ${formatTypeName(c.type)}`, {
              hint: 'You will need to rewrite or cast the expression.',
            });
          }
          return r;
        });
      }
    }
    const alias = stmt.alias ?? this.table.name;
    const returning = stmt.returning.length > 0 ? this.returning(stmt.returning, tableScope(tw.layout, alias)) : null;
    const conflict = stmt.onConflict === null ? null : this.conflictPlan(stmt.onConflict, tw, alias);
    this.planner.raiseFoldErrors();
    bindParams(returning?.columns);
    // Materialise the source first: INSERT … SELECT from the same table must not see its own rows.
    const srcRows: Row[] = [];
    if (source === null) srcRows.push([]);
    else {
      for (const r of source.node.rows(null)) {
        if (r === PAUSE) await this.rt.pause();
        else srcRows.push(r);
      }
    }
    const defaults = tw.defaultExprs();
    const empty: Frame = { row: [], outer: null };
    const out: Value[][] = [];
    let count = 0;
    for (let rowIndex = 0; rowIndex < srcRows.length; rowIndex++) {
      const src = srcRows[rowIndex]!;
      if (this.rt.pauseDue()) await this.rt.pause();
      const f: Frame = { row: src, outer: null };
      const values = new Array<Value>(vis.length).fill(null);
      const given = new Array<boolean>(vis.length).fill(false);
      for (let j = 0; j < targets.length && j < (source?.columns.length ?? 0); j++) {
        const i = targets[j]!;
        if (exprs === null && source !== null) {
          const d = valuesExpr(source, rowIndex, j);
          if (d !== undefined && isValuesDefault(d)) continue;
        }
        values[i] = exprs === null ? src[j]! : exprs[j]!.ev(f);
        given[i] = true;
      }
      for (let i = 0; i < vis.length; i++) {
        const col = vis[i]!;
        if (given[i]) {
          if (col.identity === 'always' && stmt.overriding !== 'system') {
            throw new SqlError('428C9', `cannot insert a non-DEFAULT value into column "${col.name}"`, {
              detail: `Column "${col.name}" is an identity column defined as GENERATED ALWAYS.`,
              hint: 'Use OVERRIDING SYSTEM VALUE to override.',
            });
          }
          continue;
        }
        const d = defaults[i];
        values[i] = d === null || d === undefined ? null : d.ev(empty);
      }
      const res = await this.insertRow(tw, values, conflict);
      if (res === null) continue;
      count++;
      if (returning !== null) out.push(returning.exprs.map((e) => e.ev({ row: [...res.values, res.key], outer: null })));
    }
    return {
      command: 'INSERT',
      tag: `INSERT 0 ${count}`,
      columns: returning === null ? [] : returning.columns,
      rows: out,
      rowCount: count,
    };
  }

  private returning(items: readonly ast.SelectItem[], scope: Scope): { exprs: BExpr[]; columns: Array<{ name: string; type: SqlType }> } {
    scope.clause = 'RETURNING';
    const exprs: BExpr[] = [];
    const columns: Array<{ name: string; type: SqlType }> = [];
    for (const it of items) {
      if (it.expr.kind === 'star') {
        const q = it.expr.qualifier;
        const rels = q.length === 0 ? scope.rels : scope.rels.filter((r) => r.alias === q[q.length - 1]);
        for (const r of rels) {
          r.columns.forEach((c, i) => {
            if (c.system) return;
            const slot = r.offset + i;
            exprs.push({ type: c.type, text: c.name, ev: (f) => f.row[slot]! });
            columns.push({ name: c.name, type: c.type });
          });
        }
        continue;
      }
      let e = this.planner.compile(it.expr, scope);
      if (e.type.base === 'unknown') e = this.planner.coerce(e, T.text, 'implicit');
      exprs.push(e);
      columns.push({ name: it.alias ?? outputName(it.expr), type: e.type });
    }
    return { exprs, columns };
  }

  /** ON CONFLICT: the arbiter indexes and the DO UPDATE parts. */
  private conflictPlan(oc: ast.OnConflict, tw: TableWriter, alias: string): ConflictPlan {
    const layout = tw.layout;
    let arbiters: IndexInfo[];
    const unique = layout.indexes.filter((i) => i.unique);
    if (oc.constraint !== null) {
      const ix = unique.find((i) => i.name === oc.constraint);
      if (ix === undefined) throw new SqlError('42704', `constraint "${oc.constraint}" for table "${this.table.name}" does not exist`, { offset: oc.pos });
      arbiters = [ix];
    } else if (oc.columns.length > 0) {
      const want = oc.columns.map((n) => {
        const c = layout.visible.find((v) => v.name === n);
        if (c === undefined) throw new SqlError('42703', `column "${n}" does not exist`, { offset: oc.pos });
        return c.attnum;
      });
      arbiters = unique.filter((i) => i.columns.length === want.length && i.columns.every((c) => want.includes(c.attnum)));
      if (arbiters.length === 0) {
        throw new SqlError('42P10', 'there is no unique or exclusion constraint matching the ON CONFLICT specification', { offset: oc.pos });
      }
    } else {
      if (oc.action === 'update') throw new SqlError('42601', 'ON CONFLICT DO UPDATE requires inference specification or constraint name', { offset: oc.pos, hint: 'For example, ON CONFLICT (column_name).' });
      arbiters = unique;
    }
    if (oc.action === 'nothing') return { arbiters, action: 'nothing', set: [], where: null, seen: new Set() };
    // DO UPDATE: expressions over [existing row…, key, excluded row…].
    const s = tableScope(layout, alias);
    const ecols: ColBinding[] = layout.visible.map((c) => ({ name: c.name, type: c.type, merged: false, system: false }));
    s.addRel('excluded', null, ecols);
    s.clause = 'ON CONFLICT DO UPDATE';
    const set = this.setList(oc.set, layout, s);
    const where = oc.where === null ? null : this.planner.condition(oc.where, s, 'WHERE');
    return { arbiters, action: 'update', set, where, seen: new Set() };
  }

  /** SET clauses → (column position, value expression or DEFAULT). */
  private setList(clauses: readonly ast.SetClause[], layout: TableLayout, s: Scope): Array<{ col: number; expr: CExpr | 'default' }> {
    const out: Array<{ col: number; expr: CExpr | 'default' }> = [];
    const seen = new Set<number>();
    for (const sc of clauses) {
      if (sc.values.length === 1 && sc.columns.length > 1 && sc.values[0]!.kind === 'subquery') {
        throw new SqlError('0A000', 'multiple-column UPDATE from a subquery is not supported', { offset: sc.columns[0]!.pos });
      }
      if (sc.values.length !== sc.columns.length) throw new SqlError('42601', 'number of columns does not match number of values', { offset: sc.columns[0]!.pos });
      sc.columns.forEach((c, k) => {
        const i = layout.visible.findIndex((v) => v.name === c.name);
        if (i < 0) throw new SqlError('42703', `column "${c.name}" of relation "${layout.table.name}" does not exist`, { offset: c.pos });
        if (seen.has(i)) throw new SqlError('42601', `multiple assignments to same column "${c.name}"`, { offset: c.pos });
        seen.add(i);
        const v = sc.values[k]!;
        if (v.kind === 'default') {
          out.push({ col: i, expr: 'default' });
          return;
        }
        const col = layout.visible[i]!;
        const e = this.planner.compile(v, s);
        const r = this.planner.tryCoerce(e, col.type, 'assignment');
        if (r === null) {
          throw new SqlError('42804', `column "${col.name}" is of type ${formatTypeName(col.type)} but expression is of type ${formatTypeName(e.type)}`, {
            offset: v.pos,
            hint: 'You will need to rewrite or cast the expression.',
          });
        }
        if (col.identity === 'always') {
          throw new SqlError('428C9', `column "${col.name}" can only be updated to DEFAULT`, { detail: `Column "${col.name}" is an identity column defined as GENERATED ALWAYS.` });
        }
        out.push({ col: i, expr: r });
      });
    }
    return out;
  }

  // ---- row writes --------------------------------------------------------------------------------

  /** Insert one row (visible values). Returns its values and key, or null when ON CONFLICT skipped it. */
  private async insertRow(tw: TableWriter, values: Value[], conflict: ConflictPlan | null): Promise<{ values: Value[]; key: Uint8Array } | null> {
    const layout = tw.layout;
    this.checkRow(tw, values);
    await this.checkParents(tw, values, null);
    const tx = this.tx;
    let rowKey: Uint8Array;
    if (layout.keyAttnums.length === 0) rowKey = encodeKey([T.int8], [this.ex.engine.nextRowId(tx, this.table.storage)]);
    else rowKey = layout.rowKey(values);
    const full = layout.fullKey(rowKey);
    // Unique checks: the primary key, then each unique index.
    for (const ix of layout.indexes) {
      if (!ix.unique) continue;
      const existing = await this.findDuplicate(layout, ix, values, rowKey, null);
      if (existing === null) continue;
      if (conflict !== null && conflict.arbiters.includes(ix)) {
        if (conflict.action === 'nothing') return null;
        return this.conflictUpdate(tw, conflict, existing, values);
      }
      throw duplicateError(layout, ix, values, this.rt.ctx);
    }
    await tx.put(full, layout.encode(values));
    for (const ix of layout.indexes) {
      if (ix.primary) continue;
      const e = layout.indexEntry(ix, values, rowKey);
      await tx.put(e.key, rowKey);
    }
    if (conflict !== null && conflict.action === 'update') conflict.seen.add(keyId(full));
    return { values, key: rowKey };
  }

  /** The row key of an existing row with the same values in unique index `ix` (other than `self`), or null. */
  private async findDuplicate(layout: TableLayout, ix: IndexInfo, values: readonly Value[], rowKey: Uint8Array, self: Uint8Array | null): Promise<Uint8Array | null> {
    const tx = this.tx;
    if (ix.primary) {
      const full = layout.fullKey(rowKey);
      await tx.lock(full);
      if (self !== null && keyId(self) === keyId(rowKey)) return null;
      return tx.getLatest(full) === undefined ? null : rowKey;
    }
    const e = layout.indexEntry(ix, values, rowKey);
    if (e.hasNull && ix.nullsNotDistinct !== true) return null;
    await tx.lock(e.prefix);
    for (const [, other] of tx.rangeLatest({ prefix: e.prefix })) {
      if (self !== null && keyId(other) === keyId(self)) continue;
      return other;
    }
    return null;
  }

  private async conflictUpdate(tw: TableWriter, c: ConflictPlan, existingKey: Uint8Array, excluded: Value[]): Promise<{ values: Value[]; key: Uint8Array } | null> {
    const layout = tw.layout;
    const full = layout.fullKey(existingKey);
    if (c.seen.has(keyId(full))) {
      throw new SqlError('21000', 'ON CONFLICT DO UPDATE command cannot affect row a second time', {
        hint: 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.',
      });
    }
    await this.tx.lock(full);
    const bytes = this.tx.getLatest(full);
    if (bytes === undefined) return null;
    const old = layout.decode(existingKey, bytes);
    const f: Frame = { row: [...old, ...excluded], outer: null };
    if (c.where !== null && c.where.ev(f) !== true) return null;
    const next = old.slice(0, layout.visible.length);
    const defaults = tw.defaultExprs();
    for (const s of c.set) next[s.col] = s.expr === 'default' ? (defaults[s.col]?.ev({ row: [], outer: null }) ?? null) : s.expr.ev(f);
    const key = await this.updateRow(tw, existingKey, old.slice(0, layout.visible.length), next);
    c.seen.add(keyId(layout.fullKey(key)));
    return { values: next, key };
  }

  /** NOT NULL and CHECK constraints of a new row version. */
  private checkRow(tw: TableWriter, values: Value[]): void {
    const vis = tw.layout.visible;
    for (let i = 0; i < vis.length; i++) {
      const c = vis[i]!;
      if (c.notNull && values[i] === null) {
        throw new SqlError('23502', `null value in column "${c.name}" of relation "${tw.table.name}" violates not-null constraint`, {
          detail: `Failing row contains (${this.rowText(tw, values)}).`,
          schema: tw.table.schema,
          table: tw.table.name,
          column: c.name,
        });
      }
    }
    const checks = tw.checkExprs();
    if (checks.length === 0) return;
    const f: Frame = { row: [...values, null], outer: null };
    for (const c of checks) {
      if (c.ev.ev(f) === false) {
        throw new SqlError('23514', `new row for relation "${tw.table.name}" violates check constraint "${c.name}"`, {
          detail: `Failing row contains (${this.rowText(tw, values)}).`,
          schema: tw.table.schema,
          table: tw.table.name,
          constraint: c.name,
        });
      }
    }
  }

  private rowText(tw: TableWriter, values: readonly Value[]): string {
    return values.map((v, i) => (v === null ? 'null' : formatValue(tw.layout.visible[i]!.type, v, this.rt.ctx))).join(', ');
  }

  /** Foreign keys of this table: each referenced row must exist (locked until commit). */
  private async checkParents(tw: TableWriter, values: readonly Value[], old: readonly Value[] | null): Promise<void> {
    for (const fk of tw.table.foreignKeys) {
      const vals = fk.columns.map((a) => values[tw.layout.position[a]!]!);
      if (vals.some((v) => v === null)) continue;
      if (old !== null && fk.columns.every((a) => sameValue(tw.table.columns[a]!.type, old[tw.layout.position[a]!]!, values[tw.layout.position[a]!]!))) continue;
      const parent = this.catalog.table(fk.refTable);
      const pw = this.writer(parent);
      const pvals = vals.map((v, i) => convert(v!, tw.table.columns[fk.columns[i]!]!.type, parent.columns[fk.refColumns[i]!]!.type, this.rt.ctx));
      // Checked when the statement's rows are all written (PostgreSQL's after-row triggers): a
      // row may reference itself or a row inserted later by the same statement.
      this.pending.push(async () => {
        if (await this.findReferenced(pw, fk, pvals)) return;
        throw new SqlError('23503', `insert or update on table "${tw.table.name}" violates foreign key constraint "${fk.name}"`, {
          detail: `Key (${fk.columns.map((a) => tw.table.columns[a]!.name).join(', ')})=(${vals.map((v, i) => formatValue(tw.table.columns[fk.columns[i]!]!.type, v!, this.rt.ctx)).join(', ')}) is not present in table "${parent.name}".`,
          schema: tw.table.schema,
          table: tw.table.name,
          constraint: fk.name,
        });
      });
    }
  }

  /** Foreign-key checks waiting for the end of the statement. */
  private readonly pending: Array<() => Promise<void>> = [];

  /** Run the checks deferred to the end of the statement (they may queue more). */
  async finishStatement(): Promise<void> {
    while (this.pending.length > 0) {
      const check = this.pending.shift()!;
      await check();
    }
  }

  /** Whether the parent row with these referenced values exists (newest data); locks it. */
  private async findReferenced(pw: TableWriter, fk: ForeignKeyInfo, vals: readonly Value[]): Promise<boolean> {
    const layout = pw.layout;
    const ix = layout.indexes.find((i) => i.unique && i.columns.length === fk.refColumns.length && i.columns.every((c, k) => c.attnum === fk.refColumns[k]));
    if (ix === undefined) throw new SqlError('42830', `there is no unique constraint matching given keys for referenced table "${pw.table.name}"`);
    const types = fk.refColumns.map((a) => pw.table.columns[a]!.type);
    if (ix.primary) {
      const full = concat(layout.prefix, encodeKey(types, vals));
      await this.tx.lock(full);
      return this.tx.getLatest(full) !== undefined;
    }
    const prefix = concat(storagePrefix(ix.storage), encodeKey(types, vals));
    for (const [, rowKey] of this.tx.rangeLatest({ prefix })) {
      await this.tx.lock(layout.fullKey(rowKey));
      if (this.tx.getLatest(layout.fullKey(rowKey)) !== undefined) return true;
    }
    return false;
  }

  /** Rows of other tables referencing this row's old values: RESTRICT/NO ACTION, CASCADE, SET NULL/DEFAULT. */
  private async referencingActions(tw: TableWriter, old: readonly Value[], next: readonly Value[] | null): Promise<void> {
    for (const { table: child, fk } of this.catalog.referencing(tw.table.oid)) {
      const oldVals = fk.refColumns.map((a) => old[tw.layout.position[a]!]!);
      if (oldVals.some((v) => v === null)) continue;
      if (next !== null && fk.refColumns.every((a) => sameValue(tw.table.columns[a]!.type, old[tw.layout.position[a]!]!, next[tw.layout.position[a]!]!))) continue;
      const cw = this.writer(child);
      const cvals = oldVals.map((v, i) => convert(v!, tw.table.columns[fk.refColumns[i]!]!.type, child.columns[fk.columns[i]!]!.type, this.rt.ctx));
      const rows = this.childRows(cw, fk, cvals);
      if (rows.length === 0) continue;
      const action = next === null ? fk.onDelete : fk.onUpdate;
      if (action === 'restrict' || action === 'no action') {
        const violation = (): SqlError =>
          new SqlError('23503', `update or delete on table "${tw.table.name}" violates foreign key constraint "${fk.name}" on table "${child.name}"`, {
            detail: `Key (${fk.refColumns.map((a) => tw.table.columns[a]!.name).join(', ')})=(${oldVals.map((v, i) => formatValue(tw.table.columns[fk.refColumns[i]!]!.type, v!, this.rt.ctx)).join(', ')}) is still referenced from table "${child.name}".`,
            schema: child.schema,
            table: child.name,
            constraint: fk.name,
          });
        // At the end of the statement, in constraint order (PostgreSQL's after-row triggers): the
        // referencing rows must be gone by then; for NO ACTION the key may also exist again.
        this.pending.push(async () => {
          if (action === 'no action' && (await this.findReferenced(tw, fk, oldVals))) return;
          if (this.childRows(cw, fk, cvals).length > 0) throw violation();
        });
        continue;
      }
      for (const r of rows) {
        const key = r[r.length - 1] as Uint8Array;
        const full = cw.layout.fullKey(key);
        await this.tx.lock(full);
        const bytes = this.tx.getLatest(full);
        if (bytes === undefined) continue;
        const cur = cw.layout.decode(key, bytes).slice(0, cw.layout.visible.length);
        if (action === 'cascade' && next === null) {
          await this.deleteRow(cw, key, cur);
          continue;
        }
        const upd = cur.slice();
        fk.columns.forEach((a, k) => {
          const p = cw.layout.position[a]!;
          if (action === 'cascade') {
            const v = next![tw.layout.position[fk.refColumns[k]!]!]!;
            upd[p] = v === null ? null : convert(v, tw.table.columns[fk.refColumns[k]!]!.type, child.columns[a]!.type, this.rt.ctx);
          }
          else if (action === 'set null') upd[p] = null;
          else {
            const d = cw.defaultExprs()[p];
            upd[p] = d === null || d === undefined ? null : d.ev({ row: [], outer: null });
          }
        });
        await this.updateRow(cw, key, cur, upd);
      }
    }
  }

  /** Child rows (newest data) whose foreign key columns equal `vals`. */
  private childRows(cw: TableWriter, fk: ForeignKeyInfo, vals: readonly Value[]): Row[] {
    const out: Row[] = [];
    const layout = cw.layout;
    const pos = fk.columns.map((a) => layout.position[a]!);
    const types = fk.columns.map((a) => cw.table.columns[a]!.type);
    const ix = layout.indexes.find((i) => i.columns.length >= fk.columns.length && fk.columns.every((a, k) => i.columns[k]!.attnum === a));
    if (ix !== undefined && !ix.primary) {
      const prefix = concat(storagePrefix(ix.storage), encodeKey(types, vals));
      for (const [, rowKey] of this.tx.rangeLatest({ prefix })) {
        const bytes = this.tx.getLatest(layout.fullKey(rowKey));
        if (bytes !== undefined) out.push(layout.decode(rowKey, bytes));
      }
      return out;
    }
    for (const [k, v] of this.tx.rangeLatest({ prefix: layout.prefix })) {
      this.rt.tick();
      const row = layout.decode(k.subarray(layout.prefix.length), v);
      if (pos.every((p, i) => row[p] !== null && compareValues(types[i]!, row[p]!, vals[i]!) === 0)) out.push(row);
    }
    return out;
  }

  /** Replace a row's values; returns its (possibly new) row key. */
  async updateRow(tw: TableWriter, key: Uint8Array, old: readonly Value[], next: Value[]): Promise<Uint8Array> {
    const layout = tw.layout;
    this.checkRow(tw, next);
    await this.checkParents(tw, next, old);
    const tx = this.tx;
    let newKey = key;
    if (layout.keyAttnums.length > 0) newKey = layout.rowKey(next);
    const moved = keyId(newKey) !== keyId(key);
    for (const ix of layout.indexes) {
      if (!ix.unique) continue;
      const changed = moved || ix.columns.some((c) => !sameValue(tw.table.columns[c.attnum]!.type, old[layout.position[c.attnum]!]!, next[layout.position[c.attnum]!]!));
      if (!changed) continue;
      if (ix.primary && !moved) continue;
      const dup = await this.findDuplicate(layout, ix, next, newKey, key);
      if (dup !== null) throw duplicateError(layout, ix, next, this.rt.ctx);
    }
    if (moved) await tx.delete(layout.fullKey(key));
    await tx.put(layout.fullKey(newKey), layout.encode(next));
    for (const ix of layout.indexes) {
      if (ix.primary) continue;
      const o = layout.indexEntry(ix, old, key);
      const n = layout.indexEntry(ix, next, newKey);
      if (keyId(o.key) === keyId(n.key)) continue;
      await tx.delete(o.key);
      await tx.put(n.key, newKey);
    }
    // Referencing rows follow once the new row exists (ON UPDATE CASCADE points them at it).
    await this.referencingActions(tw, old, next);
    return newKey;
  }

  async deleteRow(tw: TableWriter, key: Uint8Array, old: readonly Value[]): Promise<void> {
    const layout = tw.layout;
    await this.referencingActions(tw, old, null);
    await this.tx.delete(layout.fullKey(key));
    for (const ix of layout.indexes) {
      if (ix.primary) continue;
      await this.tx.delete(layout.indexEntry(ix, old, key).key);
    }
  }

  // ---- UPDATE / DELETE -------------------------------------------------------------------------

  /** Lock a target row and return its newest version, or null when it is gone or no longer matches. */
  private async lockTarget(tw: TableWriter, joined: Row, width: number, where: CExpr | null): Promise<Row | null> {
    const layout = tw.layout;
    const key = joined[width - 1] as Uint8Array;
    const full = layout.fullKey(key);
    await this.tx.lock(full);
    const bytes = this.tx.getLatest(full);
    if (bytes === undefined) return null;
    const cur = layout.decode(key, bytes);
    if (this.ex.tx.kv.isolation !== 'read committed') return [...cur, ...joined.slice(width)];
    const row = [...cur, ...joined.slice(width)];
    if (where !== null && where.ev({ row, outer: null }) !== true) return null;
    return row;
  }

  async update(stmt: ast.UpdateStmt, bindParams: BindParams): Promise<StatementResult> {
    const tw = this.writer(this.table);
    const layout = tw.layout;
    const scope = new Scope(null);
    const targets = this.targetsPlan(stmt, scope);
    scope.clause = 'UPDATE';
    const set = this.setList(stmt.set, layout, scope);
    const returning = stmt.returning.length > 0 ? this.returning(stmt.returning, scope) : null;
    const defaults = tw.defaultExprs();
    return this.modifyRows('UPDATE', tw, targets, returning, bindParams, async (row) => {
      const f: Frame = { row, outer: null };
      const old = row.slice(0, layout.visible.length);
      const next = old.slice();
      for (const s of set) next[s.col] = s.expr === 'default' ? (defaults[s.col]?.ev({ row: [], outer: null }) ?? null) : s.expr.ev(f);
      const key = await this.updateRow(tw, row[targets.width - 1] as Uint8Array, old, next);
      return { row: [...next, key, ...row.slice(targets.width)], key };
    });
  }

  async delete(stmt: ast.DeleteStmt, bindParams: BindParams): Promise<StatementResult> {
    const tw = this.writer(this.table);
    const scope = new Scope(null);
    const targets = this.targetsPlan(stmt, scope);
    const returning = stmt.returning.length > 0 ? this.returning(stmt.returning, scope) : null;
    return this.modifyRows('DELETE', tw, targets, returning, bindParams, async (row) => {
      await this.deleteRow(tw, row[targets.width - 1] as Uint8Array, row.slice(0, tw.layout.visible.length));
      return { row, key: null };
    });
  }

  private targetsPlan(stmt: ast.UpdateStmt | ast.DeleteStmt, scope: Scope): Targets {
    const alias = stmt.alias === null ? null : { name: stmt.alias, columns: [] };
    const items: ast.FromItem[] = [{ kind: 'table', name: stmt.table, alias, pos: stmt.pos }, ...(stmt.kind === 'update' ? stmt.from : stmt.using)];
    const node = this.planner.planFrom(items, stmt.where, scope);
    const width = this.writer(this.table).layout.width;
    const where = stmt.where === null ? null : this.planner.condition(stmt.where, scope, 'WHERE');
    return { rows: () => drainRows(this.rt, node.rows(null)), where, width };
  }

  /**
   * UPDATE and DELETE: find the target rows in the snapshot, then lock each once (a join may
   * find a row twice), re-check it, and apply `act` to its newest version.
   */
  private async modifyRows(
    command: 'UPDATE' | 'DELETE',
    tw: TableWriter,
    targets: Targets,
    returning: { exprs: BExpr[]; columns: Array<{ name: string; type: SqlType }> } | null,
    bindParams: BindParams,
    act: (row: Row) => Promise<{ row: Row; key: Uint8Array | null }>,
  ): Promise<StatementResult> {
    this.planner.raiseFoldErrors();
    bindParams(returning?.columns);
    const { width, where } = targets;
    const seen = new Set<string>();
    const out: Value[][] = [];
    let count = 0;
    for (const joined of await targets.rows()) {
      if (this.rt.pauseDue()) await this.rt.pause();
      const id = keyId(joined[width - 1] as Uint8Array);
      if (seen.has(id)) continue;
      seen.add(id);
      const row = await this.lockTarget(tw, joined, width, where);
      if (row === null) continue;
      const done = await act(row);
      if (done.key !== null) seen.add(keyId(done.key));
      count++;
      if (returning !== null) out.push(returning.exprs.map((e) => e.ev({ row: done.row, outer: null })));
    }
    return { command, tag: `${command} ${count}`, columns: returning === null ? [] : returning.columns, rows: out, rowCount: count };
  }
}

interface Targets {
  /** All target rows, read before any is changed (pausing while they are read). */
  readonly rows: () => Promise<Row[]>;
  readonly where: CExpr | null;
  readonly width: number;
}

interface ConflictPlan {
  readonly arbiters: readonly IndexInfo[];
  readonly action: 'nothing' | 'update';
  readonly set: Array<{ col: number; expr: CExpr | 'default' }>;
  readonly where: CExpr | null;
  /** Row keys this statement inserted or updated (a second touch is an error). */
  readonly seen: Set<string>;
}

/** Whether column j of a VALUES source row is DEFAULT. */
function valuesExpr(source: PlannedQuery, row: number, j: number): CExpr | undefined {
  return source.node instanceof ValuesNode ? source.node.exprs[row]?.[j] : undefined;
}

/** A key value in another column's type (foreign keys between int4 and int8 columns, say). */
function convert(v: Value, from: SqlType, to: SqlType, ctx: TypeContext): Value {
  if (from.base === to.base && from.array === to.array) return v;
  return castValue(v, from, to, 'implicit', ctx);
}

function keyId(k: Uint8Array): string {
  return Buffer.from(k.buffer, k.byteOffset, k.byteLength).toString('latin1');
}

function sameValue(t: SqlType, a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  return compareValues(t, a, b) === 0;
}

function duplicateError(layout: TableLayout, ix: IndexInfo, values: readonly Value[], ctx: import('./types/index.js').TypeContext): SqlError {
  const cols = ix.columns.map((c) => layout.table.columns[c.attnum]!);
  const vals = ix.columns.map((c) => values[layout.position[c.attnum]!]!);
  return new SqlError('23505', `duplicate key value violates unique constraint "${ix.name}"`, {
    detail: `Key (${cols.map((c) => c.name).join(', ')})=(${vals.map((v, i) => (v === null ? 'null' : formatValue(cols[i]!.type, v, ctx))).join(', ')}) already exists.`,
    schema: layout.table.schema,
    table: layout.table.name,
    constraint: ix.name,
  });
}

void deparse;

/**
 * information_schema's views (the SQL standard's catalog), computed from our catalog as
 * PostgreSQL 15 computes them for a superuser: the views generic tools read (tables, columns,
 * schemata, constraints and their columns, views, sequences) and empty routines/parameters/
 * triggers. Domains of the standard (sql_identifier, character_data, cardinal_number, yes_or_no)
 * are represented by their base types (name, character varying, integer).
 *
 * As in PostgreSQL, NOT NULL columns appear in table_constraints and check_constraints as CHECK
 * constraints named `<schema oid>_<table oid>_<column number>_not_null`.
 */
import type { Catalog, ColumnInfo, SequenceInfo, TableInfo, ViewInfo } from '../catalog.js';
import type { Row } from '../runtime.js';
import { formatTypeName, sqlType, T, type SqlType, type Value } from '../types/index.js';
import { builtinOfType } from './builtin-types.js';
import { constraintDef, defaultNodeTree, exprDef, viewDef } from './deparse.js';
import { allRelations, constraints, isSystem, relkind, roles, schemaOid, schemas, type AnyRelation, type ConstraintRow } from './model.js';
import { columns, type SystemColumn, type SystemContext, type SystemRelationDef } from './relation.js';

function def(name: string, oid: number, spec: string, rows: (ctx: SystemContext) => Row[]): SystemRelationDef {
  const cols = columns(spec);
  return { schema: 'information_schema', name, oid, kind: 'v', columns: cols, rows: (ctx) => fit(name, cols, rows(ctx)) };
}

function fit(name: string, cols: readonly SystemColumn[], rows: Row[]): Row[] {
  for (const r of rows) if (r.length !== cols.length) throw new Error(`information_schema.${name}: a row of ${r.length} values for ${cols.length} columns`);
  return rows;
}

const empty = (): Row[] => [];
const yesNo = (b: boolean): string => (b ? 'YES' : 'NO');

function db(ctx: SystemContext): string {
  return ctx.rt.services.databaseName;
}

function owner(ctx: SystemContext): string {
  return ctx.catalog.roles().find((r) => r.oid === 10)?.name ?? 'postgres';
}

function tablesOf(catalog: Catalog): TableInfo[] {
  const out: TableInfo[] = [];
  for (const o of catalog.all()) if (o.kind === 'table') out.push(o);
  return out.sort((a, b) => a.oid - b.oid);
}

// ---- schemata, tables, views ---------------------------------------------------------------------------

const schemata = def(
  'schemata',
  13382,
  `catalog_name:name schema_name:name schema_owner:name default_character_set_catalog:name default_character_set_schema:name
   default_character_set_name:name sql_path:varchar`,
  (ctx) => schemas(ctx.catalog).map((s) => [db(ctx), s.name, s.name === 'public' ? 'pg_database_owner' : owner(ctx), null, null, null, null]),
);

function tableType(r: AnyRelation): string | null {
  const k = relkind(r);
  return k === 'r' ? 'BASE TABLE' : k === 'v' ? 'VIEW' : null;
}

const tables = def(
  'tables',
  13425,
  `table_catalog:name table_schema:name table_name:name table_type:varchar self_referencing_column_name:name
   reference_generation:varchar user_defined_type_catalog:name user_defined_type_schema:name user_defined_type_name:name
   is_insertable_into:varchar is_typed:varchar commit_action:varchar`,
  (ctx) =>
    allRelations(ctx.catalog)
      .filter((r) => tableType(r) !== null)
      .map((r) => [db(ctx), r.schema, r.name, tableType(r), null, null, null, null, null, yesNo(relkind(r) === 'r' && !isSystem(r)), 'NO', null]),
);

const views = def(
  'views',
  13483,
  `table_catalog:name table_schema:name table_name:name view_definition:varchar check_option:varchar is_updatable:varchar
   is_insertable_into:varchar is_trigger_updatable:varchar is_trigger_deletable:varchar is_trigger_insertable_into:varchar`,
  (ctx) => {
    const out: Row[] = [];
    for (const o of ctx.catalog.all()) {
      if (o.kind !== 'view') continue;
      out.push([db(ctx), o.schema, o.name, viewDef(ctx, o, false), 'NONE', 'NO', 'NO', 'NO', 'NO', 'NO']);
    }
    return out;
  },
);

// ---- columns -------------------------------------------------------------------------------------------------

/** information_schema's data_type: the type's SQL name without modifiers; ARRAY for arrays. */
function dataType(t: SqlType): string {
  if (t.array) return 'ARRAY';
  if (t.base === 'bpchar') return 'character';
  return formatTypeName(sqlType(t.base));
}

interface TypeFacts {
  readonly charLength: number | null;
  readonly octetLength: number | null;
  readonly precision: number | null;
  readonly radix: number | null;
  readonly scale: number | null;
  readonly datetimePrecision: number | null;
}

const noFacts: TypeFacts = { charLength: null, octetLength: null, precision: null, radix: null, scale: null, datetimePrecision: null };

/** The numeric, character and datetime facts information_schema reports for a type. */
function typeFacts(t: SqlType): TypeFacts {
  if (t.array) return noFacts;
  switch (t.base) {
    case 'int2':
      return { ...noFacts, precision: 16, radix: 2, scale: 0 };
    case 'int4':
      return { ...noFacts, precision: 32, radix: 2, scale: 0 };
    case 'int8':
      return { ...noFacts, precision: 64, radix: 2, scale: 0 };
    case 'float4':
      return { ...noFacts, precision: 24, radix: 2 };
    case 'float8':
      return { ...noFacts, precision: 53, radix: 2 };
    case 'numeric': {
      if (t.mod < 0) return { ...noFacts, radix: 10 };
      let scale = t.mod & 0xffff;
      if (scale >= 0x8000) scale -= 0x10000;
      return { ...noFacts, precision: t.mod >>> 16, radix: 10, scale };
    }
    case 'varchar':
    case 'bpchar':
      return t.mod >= 0 ? { ...noFacts, charLength: t.mod, octetLength: t.mod * 4 } : { ...noFacts, octetLength: 1073741824 };
    case 'text':
      return { ...noFacts, octetLength: 1073741824 };
    case 'date':
      return { ...noFacts, datetimePrecision: 0 };
    case 'time':
    case 'timestamp':
    case 'timestamptz':
    case 'interval':
      return { ...noFacts, datetimePrecision: t.mod >= 0 ? t.mod : 6 };
    default:
      return noFacts;
  }
}

function identitySequence(catalog: Catalog, t: TableInfo, c: ColumnInfo): SequenceInfo | undefined {
  return catalog.ownedSequences(t.oid).find((s) => s.ownedBy !== null && s.ownedBy.attnum === c.attnum);
}

function columnRow(ctx: SystemContext, r: AnyRelation, name: string, type: SqlType, position: number, notNull: boolean, def: string | null, identity: SequenceInfo | null, identityKind: string | null, updatable: boolean): Row {
  const f = typeFacts(type);
  const b = builtinOfType(type);
  return [
    db(ctx),
    r.schema,
    r.name,
    name,
    position,
    def,
    notNull ? 'NO' : 'YES',
    dataType(type),
    f.charLength,
    f.octetLength,
    f.precision,
    f.radix,
    f.scale,
    f.datetimePrecision,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    db(ctx),
    'pg_catalog',
    b.name,
    null,
    null,
    null,
    null,
    String(position),
    'NO',
    yesNo(identity !== null),
    identityKind,
    identity === null ? null : identity.start.toString(),
    identity === null ? null : identity.increment.toString(),
    identity === null ? null : identity.max.toString(),
    identity === null ? null : identity.min.toString(),
    identity === null ? 'NO' : yesNo(identity.cycle),
    'NEVER',
    null,
    yesNo(updatable),
  ];
}

function relationColumns(ctx: SystemContext, r: AnyRelation): Row[] {
  if (isSystem(r)) return r.columns.map((c, i) => columnRow(ctx, r, c.name, c.type, i + 1, false, null, null, null, false));
  if (r.kind === 'table') {
    const out: Row[] = [];
    for (const c of r.columns) {
      if (c.dropped) continue;
      const seq = c.identity === null ? null : (identitySequence(ctx.catalog, r, c) ?? null);
      const kind = c.identity === null ? null : c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT';
      const d = c.default === null || c.identity !== null ? null : exprDef(ctx, r, defaultNodeTree(c.attnum + 1, c.default), false);
      out.push(columnRow(ctx, r, c.name, c.type, c.attnum + 1, c.notNull, d, seq, kind, true));
    }
    return out;
  }
  if (r.kind === 'view') {
    const v: ViewInfo = r;
    const types = ctx.viewTypes(v);
    return v.columns.map((name, i) => columnRow(ctx, r, name, types[i] ?? T.text, i + 1, false, null, null, null, false));
  }
  return [];
}

const columnsView = def(
  'columns',
  13295,
  `table_catalog:name table_schema:name table_name:name column_name:name ordinal_position:int4 column_default:varchar
   is_nullable:varchar data_type:varchar character_maximum_length:int4 character_octet_length:int4 numeric_precision:int4
   numeric_precision_radix:int4 numeric_scale:int4 datetime_precision:int4 interval_type:varchar interval_precision:int4
   character_set_catalog:name character_set_schema:name character_set_name:name collation_catalog:name
   collation_schema:name collation_name:name domain_catalog:name domain_schema:name domain_name:name udt_catalog:name
   udt_schema:name udt_name:name scope_catalog:name scope_schema:name scope_name:name maximum_cardinality:int4
   dtd_identifier:name is_self_referencing:varchar is_identity:varchar identity_generation:varchar identity_start:varchar
   identity_increment:varchar identity_maximum:varchar identity_minimum:varchar identity_cycle:varchar
   is_generated:varchar generation_expression:varchar is_updatable:varchar`,
  (ctx) => allRelations(ctx.catalog).flatMap((r) => (relkind(r) === 'r' || relkind(r) === 'v' ? relationColumns(ctx, r) : [])),
);

// ---- constraints -------------------------------------------------------------------------------------------

const constraintTypes: Readonly<Record<ConstraintRow['type'], string>> = { p: 'PRIMARY KEY', u: 'UNIQUE', c: 'CHECK', f: 'FOREIGN KEY' };

/** The NOT NULL "constraints" PostgreSQL's information_schema invents, one per NOT NULL column. */
function notNullConstraints(catalog: Catalog): Array<{ table: TableInfo; column: ColumnInfo; name: string }> {
  const out: Array<{ table: TableInfo; column: ColumnInfo; name: string }> = [];
  for (const t of tablesOf(catalog)) {
    const nsp = schemaOid(catalog, t.schema);
    for (const c of t.columns) if (!c.dropped && c.notNull) out.push({ table: t, column: c, name: `${nsp}_${t.oid}_${c.attnum + 1}_not_null` });
  }
  return out;
}

const tableConstraints = def(
  'table_constraints',
  13411,
  `constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name table_schema:name table_name:name
   constraint_type:varchar is_deferrable:varchar initially_deferred:varchar enforced:varchar nulls_distinct:varchar`,
  (ctx) => {
    const d = db(ctx);
    const out: Row[] = constraints(ctx.catalog).map((c) => [
      d,
      c.table.schema,
      c.name,
      d,
      c.table.schema,
      c.table.name,
      constraintTypes[c.type],
      'NO',
      'NO',
      'YES',
      c.type === 'u' ? yesNo(c.index?.nullsNotDistinct !== true) : null,
    ]);
    for (const n of notNullConstraints(ctx.catalog)) out.push([d, n.table.schema, n.name, d, n.table.schema, n.table.name, 'CHECK', 'NO', 'NO', 'YES', null]);
    return out;
  },
);

const checkConstraints = def('check_constraints', 13260, 'constraint_catalog:name constraint_schema:name constraint_name:name check_clause:varchar', (ctx) => {
  const d = db(ctx);
  const out: Row[] = [];
  for (const c of constraints(ctx.catalog)) {
    if (c.type !== 'c') continue;
    // pg_get_constraintdef without the leading "CHECK ".
    out.push([d, c.table.schema, c.name, constraintDef(ctx, c, false).slice(6)]);
  }
  for (const n of notNullConstraints(ctx.catalog)) out.push([d, n.table.schema, n.name, `${n.column.name} IS NOT NULL`]);
  return out;
});

const keyColumnUsage = def(
  'key_column_usage',
  13329,
  `constraint_catalog:name constraint_schema:name constraint_name:name table_catalog:name table_schema:name table_name:name
   column_name:name ordinal_position:int4 position_in_unique_constraint:int4`,
  (ctx) => {
    const d = db(ctx);
    const out: Row[] = [];
    for (const c of constraints(ctx.catalog)) {
      if (c.type === 'c') continue;
      c.key.forEach((a, i) => {
        let pos: Value = null;
        if (c.type === 'f' && c.index !== null) {
          const refAttnum = c.refKey[i]! - 1;
          const p = c.index.columns.findIndex((ic) => ic.attnum === refAttnum);
          pos = p < 0 ? null : p + 1;
        }
        out.push([d, c.table.schema, c.name, d, c.table.schema, c.table.name, c.table.columns[a - 1]!.name, i + 1, pos]);
      });
    }
    return out;
  },
);

/**
 * Columns a constraint uses: a foreign key's referenced columns, the others' own columns. As in
 * PostgreSQL, check constraints come first, and each constraint's columns in column order.
 */
const constraintColumnUsage = def(
  'constraint_column_usage',
  13300,
  `table_catalog:name table_schema:name table_name:name column_name:name constraint_catalog:name constraint_schema:name
   constraint_name:name`,
  (ctx) => {
    const d = db(ctx);
    const out: Row[] = [];
    const all = constraints(ctx.catalog);
    for (const c of [...all.filter((x) => x.type === 'c'), ...all.filter((x) => x.type !== 'c')]) {
      const t = c.type === 'f' ? c.refTable : c.table;
      if (t === null) continue;
      const key = [...(c.type === 'f' ? c.refKey : c.key)].sort((a, b) => a - b);
      for (const a of key) out.push([d, t.schema, t.name, t.columns[a - 1]!.name, d, c.table.schema, c.name]);
    }
    return out;
  },
);

const constraintTableUsage = def(
  'constraint_table_usage',
  13305,
  'table_catalog:name table_schema:name table_name:name constraint_catalog:name constraint_schema:name constraint_name:name',
  (ctx) => {
    const d = db(ctx);
    const out: Row[] = [];
    for (const c of constraints(ctx.catalog)) {
      const t = c.type === 'f' ? c.refTable : c.table;
      if (t !== null) out.push([d, t.schema, t.name, d, c.table.schema, c.name]);
    }
    return out;
  },
);

const ruleNames: Readonly<Record<string, string>> = { 'no action': 'NO ACTION', restrict: 'RESTRICT', cascade: 'CASCADE', 'set null': 'SET NULL', 'set default': 'SET DEFAULT' };

const referentialConstraints = def(
  'referential_constraints',
  13339,
  `constraint_catalog:name constraint_schema:name constraint_name:name unique_constraint_catalog:name
   unique_constraint_schema:name unique_constraint_name:name match_option:varchar update_rule:varchar delete_rule:varchar`,
  (ctx) => {
    const d = db(ctx);
    const out: Row[] = [];
    for (const c of constraints(ctx.catalog)) {
      if (c.type !== 'f' || c.fk === null) continue;
      const ix = c.index;
      out.push([d, c.table.schema, c.name, ix === null ? null : d, ix === null ? null : ix.schema, ix === null ? null : ix.name, 'NONE', ruleNames[c.fk.onUpdate]!, ruleNames[c.fk.onDelete]!]);
    }
    return out;
  },
);

function isIdentitySequence(catalog: Catalog, s: SequenceInfo): boolean {
  if (s.ownedBy === null) return false;
  const t = catalog.get(s.ownedBy.table);
  return t !== undefined && t.kind === 'table' && t.columns[s.ownedBy.attnum]?.identity !== null && t.columns[s.ownedBy.attnum]?.identity !== undefined;
}

const sequences = def(
  'sequences',
  13386,
  `sequence_catalog:name sequence_schema:name sequence_name:name data_type:varchar numeric_precision:int4
   numeric_precision_radix:int4 numeric_scale:int4 start_value:varchar minimum_value:varchar maximum_value:varchar
   increment:varchar cycle_option:varchar`,
  (ctx) => {
    const out: Row[] = [];
    for (const o of ctx.catalog.all()) {
      // Identity columns' sequences are internal: PostgreSQL leaves them out.
      if (o.kind !== 'sequence' || isIdentitySequence(ctx.catalog, o)) continue;
      const t = o.type === 'int2' ? T.int2 : o.type === 'int4' ? T.int4 : T.int8;
      out.push([db(ctx), o.schema, o.name, dataType(t), typeFacts(t).precision, 2, 0, o.start.toString(), o.min.toString(), o.max.toString(), o.increment.toString(), yesNo(o.cycle)]);
    }
    return out.sort((a, b) => ((a[2] as string) < (b[2] as string) ? -1 : 1));
  },
);

const viewTableUsage = def(
  'view_table_usage',
  13478,
  'view_catalog:name view_schema:name view_name:name table_catalog:name table_schema:name table_name:name',
  (ctx) => {
    const out: Row[] = [];
    for (const o of ctx.catalog.all()) {
      if (o.kind !== 'view') continue;
      for (const dep of o.dependsOn ?? []) {
        const t = ctx.catalog.get(dep);
        if (t !== undefined && (t.kind === 'table' || t.kind === 'view')) out.push([db(ctx), o.schema, o.name, db(ctx), t.schema, t.name]);
      }
    }
    return out;
  },
);

const enabledRoles = def('enabled_roles', 13325, 'role_name:name', (ctx) => roles(ctx.catalog).map((r) => [r.name]));

const applicableRoles = def('applicable_roles', 13236, 'grantee:name role_name:name is_grantable:varchar', empty);

const routines = def(
  'routines',
  13377,
  `specific_catalog:name specific_schema:name specific_name:name routine_catalog:name routine_schema:name routine_name:name
   routine_type:varchar module_catalog:name module_schema:name module_name:name udt_catalog:name udt_schema:name
   udt_name:name data_type:varchar character_maximum_length:int4 character_octet_length:int4 character_set_catalog:name
   character_set_schema:name character_set_name:name collation_catalog:name collation_schema:name collation_name:name
   numeric_precision:int4 numeric_precision_radix:int4 numeric_scale:int4 datetime_precision:int4 interval_type:varchar
   interval_precision:int4 type_udt_catalog:name type_udt_schema:name type_udt_name:name scope_catalog:name
   scope_schema:name scope_name:name maximum_cardinality:int4 dtd_identifier:name routine_body:varchar
   routine_definition:varchar external_name:varchar external_language:varchar parameter_style:varchar
   is_deterministic:varchar sql_data_access:varchar is_null_call:varchar sql_path:varchar schema_level_routine:varchar
   max_dynamic_result_sets:int4 is_user_defined_cast:varchar is_implicitly_invocable:varchar security_type:varchar
   to_sql_specific_catalog:name to_sql_specific_schema:name to_sql_specific_name:name as_locator:varchar
   created:timestamptz last_altered:timestamptz new_savepoint_level:varchar is_udt_dependent:varchar
   result_cast_from_data_type:varchar result_cast_as_locator:varchar result_cast_char_max_length:int4
   result_cast_char_octet_length:int4 result_cast_char_set_catalog:name result_cast_char_set_schema:name
   result_cast_char_set_name:name result_cast_collation_catalog:name result_cast_collation_schema:name
   result_cast_collation_name:name result_cast_numeric_precision:int4 result_cast_numeric_precision_radix:int4
   result_cast_numeric_scale:int4 result_cast_datetime_precision:int4 result_cast_interval_type:varchar
   result_cast_interval_precision:int4 result_cast_type_udt_catalog:name result_cast_type_udt_schema:name
   result_cast_type_udt_name:name result_cast_scope_catalog:name result_cast_scope_schema:name
   result_cast_scope_name:name result_cast_maximum_cardinality:int4 result_cast_dtd_identifier:name`,
  empty,
);

const parameters = def(
  'parameters',
  13334,
  `specific_catalog:name specific_schema:name specific_name:name ordinal_position:int4 parameter_mode:varchar
   is_result:varchar as_locator:varchar parameter_name:name data_type:varchar character_maximum_length:int4
   character_octet_length:int4 character_set_catalog:name character_set_schema:name character_set_name:name
   collation_catalog:name collation_schema:name collation_name:name numeric_precision:int4 numeric_precision_radix:int4
   numeric_scale:int4 datetime_precision:int4 interval_type:varchar interval_precision:int4 udt_catalog:name
   udt_schema:name udt_name:name scope_catalog:name scope_schema:name scope_name:name maximum_cardinality:int4
   dtd_identifier:name parameter_default:varchar`,
  empty,
);

const triggers = def(
  'triggers',
  13440,
  `trigger_catalog:name trigger_schema:name trigger_name:name event_manipulation:varchar event_object_catalog:name
   event_object_schema:name event_object_table:name action_order:int4 action_condition:varchar action_statement:varchar
   action_orientation:varchar action_timing:varchar action_reference_old_table:name action_reference_new_table:name
   action_reference_old_row:name action_reference_new_row:name created:timestamptz`,
  empty,
);

export const informationSchemaRelations: readonly SystemRelationDef[] = [
  schemata,
  tables,
  views,
  columnsView,
  tableConstraints,
  checkConstraints,
  keyColumnUsage,
  constraintColumnUsage,
  constraintTableUsage,
  referentialConstraints,
  sequences,
  viewTableUsage,
  enabledRoles,
  applicableRoles,
  routines,
  parameters,
  triggers,
];

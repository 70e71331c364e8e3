/**
 * How result columns are described and values written on the wire: RowDescription's type
 * length and modifier, and the text and binary forms of a value.
 */
import type { SqlType, TypeContext, Value } from '../../sql/types/index.js';
import { formatValue, typeFromOid, typeOid } from '../../sql/types/index.js';
import { decodeBinary, encodeBinary } from './binary.js';

/** pg_type.typlen of a column's type (-1: variable length). */
export function typeLength(t: SqlType): number {
  if (t.array) return -1;
  switch (t.base) {
    case 'bool':
    case 'char':
      return 1;
    case 'int2':
      return 2;
    case 'int4':
    case 'float4':
    case 'date':
    case 'oid':
    case 'regclass':
      return 4;
    case 'int8':
    case 'float8':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return 8;
    case 'interval':
    case 'uuid':
      return 16;
    case 'name':
      return 64;
    case 'unknown':
      return -2;
    case 'void':
      return 4;
    default:
      return -1;
  }
}

/** PostgreSQL's atttypmod of a column's type as RowDescription reports it (-1: none). */
export function typeModifier(t: SqlType): number {
  if (t.mod < 0) return -1;
  switch (t.base) {
    case 'varchar':
    case 'bpchar':
    case 'numeric':
      // PostgreSQL adds VARHDRSZ (4) to these modifiers.
      return t.mod + 4;
    case 'interval':
      // Precision only, with the "all fields" range mask.
      return (0x7fff << 16) | t.mod;
    default:
      return t.mod;
  }
}

export { typeOid };

/** The declared type of a Parse parameter OID; 0 and unknown OIDs leave it to be inferred. */
export function parameterType(oid: number): SqlType | null {
  if (oid === 0) return null;
  const t = typeFromOid(oid);
  if (t === undefined || t.base === 'unknown') return null;
  return t;
}

/** A value's text form (what DataRow carries in format 0). */
export function textValue(t: SqlType, v: Value, ctx: TypeContext): string {
  return formatValue(t, v, ctx);
}

export { decodeBinary, encodeBinary };

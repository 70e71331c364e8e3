/**
 * How result columns are described and values written on the wire: RowDescription's type
 * length and modifier (pg_type's, from the system catalog), and the text and binary forms of a
 * value.
 */
import { builtinOfType, pgTypmod } from '../../sql/system/index.js';
import type { SqlType, TypeContext, Value } from '../../sql/types/index.js';
import { formatValue, typeFromOid, typeOid } from '../../sql/types/index.js';
import { decodeBinary, encodeBinary } from './binary.js';

/** pg_type.typlen of a column's type (-1: variable length). */
export function typeLength(t: SqlType): number {
  // (unknown[] and void[] have no pg_type row: variable length.)
  return (builtinOfType(t) as ReturnType<typeof builtinOfType> | undefined)?.len ?? -1;
}

/** PostgreSQL's atttypmod of a column's type as RowDescription reports it (-1: none). */
export const typeModifier = pgTypmod;

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

/**
 * Type categories and preferred types (pg_type.typcategory / typispreferred), and PostgreSQL's
 * select_common_type for UNION, CASE, COALESCE, VALUES, IN, GREATEST/LEAST.
 */
import { SqlError } from '../errors.js';
import { castKind } from './cast.js';
import { formatTypeName } from './names.js';
import { sqlType, T, type SqlType } from './type.js';

/** PostgreSQL's typcategory letter. */
export function typeCategory(t: SqlType): string {
  if (t.array) return 'A';
  switch (t.base) {
    case 'int2':
    case 'int4':
    case 'int8':
    case 'float4':
    case 'float8':
    case 'numeric':
    case 'oid':
    case 'regclass':
      return 'N';
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
      return 'S';
    case 'bool':
      return 'B';
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return 'D';
    case 'interval':
      return 'T';
    case 'unknown':
      return 'X';
    case 'void':
    case 'record':
      return 'P';
    case 'char':
      return 'Z';
    default:
      return 'U';
  }
}

export function isPreferredType(t: SqlType): boolean {
  if (t.array) return false;
  switch (t.base) {
    case 'float8':
    case 'oid':
    case 'text':
    case 'bool':
    case 'timestamptz':
    case 'interval':
      return true;
    default:
      return false;
  }
}

export function canCoerceImplicitly(from: SqlType, to: SqlType): boolean {
  if (from.base === to.base && from.array === to.array) return true;
  return castKind(from, to) === 'implicit';
}

/** select_common_type: the type every input converts to implicitly. */
export function commonType(types: readonly SqlType[], context: string): SqlType {
  let p: SqlType | null = null;
  let allSame = true;
  for (const t of types) {
    if (t.base === 'unknown' && !t.array) continue;
    if (p === null) p = t;
    else if (t.base !== p.base || t.array !== p.array) allSame = false;
    else if (t.mod !== p.mod) allSame = false;
  }
  if (p === null) return T.text;
  if (allSame) return p;
  let ptype = sqlType(p.base, -1, p.array);
  let pcat = typeCategory(ptype);
  let ppref = isPreferredType(ptype);
  let sameBase = true;
  for (const t0 of types) {
    if (t0.base === 'unknown' && !t0.array) continue;
    const t = sqlType(t0.base, -1, t0.array);
    if (t === ptype) continue;
    sameBase = false;
    const cat = typeCategory(t);
    if (cat !== pcat) {
      throw new SqlError('42804', `${context} types ${formatTypeName(ptype)} and ${formatTypeName(t)} cannot be matched`);
    }
    if (!ppref && canCoerceImplicitly(ptype, t) && !canCoerceImplicitly(t, ptype)) {
      ptype = t;
      pcat = cat;
      ppref = isPreferredType(t);
    }
  }
  if (sameBase) return ptype;
  for (const t of types) {
    if (t.base === 'unknown' && !t.array) continue;
    if (!canCoerceImplicitly(t, ptype)) {
      throw new SqlError('42846', `${context} could not convert type ${formatTypeName(t)} to ${formatTypeName(ptype)}`);
    }
  }
  return ptype;
}

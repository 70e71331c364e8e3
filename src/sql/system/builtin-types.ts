/**
 * The built-in types as pg_type lists them (PostgreSQL 15's oids and attributes), the mapping
 * between our SqlType and PostgreSQL's (type oid, typmod) pair, and format_type().
 *
 * Besides the types BasaltDB implements, the table holds the types PostgreSQL's own catalogs are
 * declared with (int2vector, oidvector, regproc, pg_node_tree, aclitem…), so that format_type()
 * and pg_type answer for them; their values are represented by the nearest type we have
 * (int2vector → smallint[], pg_node_tree → text, …).
 */
import { formatTypeName, sqlType, typeFromOid, typeOid, type BaseType, type SqlType } from '../types/index.js';

/** One pg_type row (the columns clients read; the rest are constant per kind). */
export interface BuiltinType {
  readonly oid: number;
  readonly name: string;
  readonly len: number;
  readonly byval: boolean;
  /** typtype: b base, p pseudo. */
  readonly kind: string;
  readonly category: string;
  readonly preferred: boolean;
  /** Element type of an array type (0 otherwise). */
  readonly elem: number;
  /** The array type of this type (0 when none). */
  readonly array: number;
  /** typalign: c char, s short, i int, d double. */
  readonly align: string;
  /** typstorage: p plain, x extended, m main. */
  readonly storage: string;
  /** typcollation: 100 default for collatable types, 950 "C" for name. */
  readonly collation: number;
}

/**
 * Scalar types: oid name len byval kind category preferred array align storage collation.
 * Array types are derived: `_name`, len -1, category A, storage x, align i or d, same collation.
 */
const scalarSpec = `
16 bool 1 t b B t 1000 c p 0
17 bytea -1 f b U f 1001 i x 0
18 char 1 t b Z f 1002 c p 0
19 name 64 f b S f 1003 c p 950
20 int8 8 t b N f 1016 d p 0
21 int2 2 t b N f 1005 s p 0
22 int2vector -1 f b A f 1006 i p 0
23 int4 4 t b N f 1007 i p 0
24 regproc 4 t b N f 1008 i p 0
25 text -1 f b S t 1009 i x 100
26 oid 4 t b N t 1028 i p 0
27 tid 6 f b U f 1010 s p 0
28 xid 4 t b U f 1011 i p 0
29 cid 4 t b U f 1012 i p 0
30 oidvector -1 f b A f 1013 i p 0
114 json -1 f b U f 199 i x 0
194 pg_node_tree -1 f b Z f 0 i x 100
700 float4 4 t b N f 1021 i p 0
701 float8 8 t b N t 1022 d p 0
705 unknown -2 f p X f 0 c p 0
869 inet -1 f b I t 1041 i m 0
1033 aclitem 12 f b U f 1034 i p 0
1042 bpchar -1 f b S f 1014 i x 100
1043 varchar -1 f b S f 1015 i x 100
1082 date 4 t b D f 1182 i p 0
1083 time 8 t b D f 1183 d p 0
1114 timestamp 8 t b D f 1115 d p 0
1184 timestamptz 8 t b D t 1185 d p 0
1186 interval 16 f b T t 1187 d p 0
1266 timetz 12 f b D f 1270 d p 0
1700 numeric -1 f b N f 1231 i m 0
2205 regclass 4 t b N f 2210 i p 0
2206 regtype 4 t b N f 2211 i p 0
2249 record -1 f p P f 2287 d x 0
2275 cstring -2 f p P f 1263 c p 0
2276 any 4 t p P f 0 i p 0
2277 anyarray -1 f p P f 0 d x 0
2278 void 4 t p P f 0 i p 0
2279 trigger 4 t p P f 0 i p 0
2283 anyelement 4 t p P f 0 i p 0
2950 uuid 16 f b U f 2951 c p 0
3802 jsonb -1 f b U f 3807 i x 0
4089 regnamespace 4 t b N f 4090 i p 0
4096 regrole 4 t b N f 4097 i p 0
`;

function buildTypes(): BuiltinType[] {
  const out: BuiltinType[] = [];
  for (const line of scalarSpec.trim().split('\n')) {
    const [oid, name, len, byval, kind, category, preferred, array, align, storage, collation] = line.split(' ') as [string, ...string[]];
    const t: BuiltinType = {
      oid: Number(oid),
      name: name!,
      len: Number(len),
      byval: byval === 't',
      kind: kind!,
      category: category!,
      preferred: preferred === 't',
      elem: name === 'name' ? 18 : name === 'int2vector' ? 21 : name === 'oidvector' ? 26 : 0,
      array: Number(array),
      align: align!,
      storage: storage!,
      collation: Number(collation),
    };
    out.push(t);
    if (t.array !== 0) {
      out.push({
        oid: t.array,
        name: '_' + t.name,
        len: -1,
        byval: false,
        kind: t.kind === 'p' ? 'p' : 'b',
        category: t.kind === 'p' ? 'P' : 'A',
        preferred: false,
        elem: t.oid,
        array: 0,
        align: t.align === 'd' ? 'd' : 'i',
        storage: 'x',
        collation: t.collation,
      });
    }
  }
  return out.sort((a, b) => a.oid - b.oid);
}

export const builtinTypes: readonly BuiltinType[] = buildTypes();

const byOid = new Map(builtinTypes.map((t) => [t.oid, t]));
const byName = new Map(builtinTypes.map((t) => [t.name, t]));

export function builtinType(oid: number): BuiltinType | undefined {
  return byOid.get(oid);
}

export function builtinTypeByName(name: string): BuiltinType | undefined {
  return byName.get(name);
}

/** PostgreSQL's atttypmod of a SqlType (ours leaves out the +4 header PostgreSQL adds to lengths). */
export function pgTypmod(t: SqlType): number {
  if (t.mod < 0) return -1;
  switch (t.base) {
    case 'varchar':
    case 'bpchar':
    case 'numeric':
      return t.mod + 4;
    case 'interval':
      // INTERVAL_FULL_RANGE in the high half, the precision in the low half.
      return (0x7fff << 16) | t.mod;
    default:
      return t.mod;
  }
}

/** Our typmod of a PostgreSQL (base type, typmod) pair. */
export function fromPgTypmod(base: BaseType, typmod: number): number {
  if (typmod < 0) return -1;
  switch (base) {
    case 'varchar':
    case 'bpchar':
    case 'numeric':
      return typmod - 4;
    case 'interval':
      return (typmod & 0xffff) === 0xffff ? -1 : typmod & 0xffff;
    default:
      return typmod;
  }
}

/** The SqlType of a type oid with a PostgreSQL typmod, or undefined for types we do not implement. */
export function sqlTypeOf(oid: number, typmod: number): SqlType | undefined {
  const t = typeFromOid(oid);
  if (t === undefined) return undefined;
  return sqlType(t.base, fromPgTypmod(t.base, typmod), t.array);
}

/** format_type(oid, typmod): PostgreSQL's display name; `???` for an unknown oid (as PostgreSQL). */
export function formatTypeOid(oid: number, typmod: number | null): string {
  const t = sqlTypeOf(oid, typmod ?? -1);
  if (t !== undefined) {
    // format_type without a typmod prints bpchar as "character" (PostgreSQL does the same when typmod is NULL).
    if (t.base === 'bpchar' && t.mod < 0) return typmod === null ? (t.array ? 'character[]' : 'character') : t.array ? 'bpchar[]' : 'bpchar';
    return formatTypeName(t);
  }
  const b = byOid.get(oid);
  if (b === undefined) return '???';
  if (b.category === 'A' && b.elem !== 0 && b.name.startsWith('_')) return formatTypeOid(b.elem, typmod) + '[]';
  return b.name === 'char' ? '"char"' : b.name;
}

/** pg_type row of a SqlType. */
export function builtinOfType(t: SqlType): BuiltinType {
  return byOid.get(typeOid(t))!;
}

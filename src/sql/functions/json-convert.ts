/**
 * SQL values → JSON, as to_json/to_jsonb, json_agg and json_build_* convert them: numbers stay
 * numbers (NaN and ±Infinity become strings), booleans stay booleans, date/time values become
 * ISO 8601 strings (`2024-01-01T12:00:00+00:00`), arrays become JSON arrays, json/jsonb are
 * embedded as they are, anything else becomes the string of its output function.
 */
import { Jsonb, Numeric, elementType, formatValue } from '../types/index.js';
import type { JsonNode, SqlType, TypeContext, Value } from '../types/index.js';

/** JSON string literal for s (PostgreSQL's escape_json). */
export function jsonQuote(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 34 && c !== 92) continue;
    out += s.slice(start, i);
    start = i + 1;
    switch (c) {
      case 34:
        out += '\\"';
        break;
      case 92:
        out += '\\\\';
        break;
      case 8:
        out += '\\b';
        break;
      case 12:
        out += '\\f';
        break;
      case 10:
        out += '\\n';
        break;
      case 13:
        out += '\\r';
        break;
      case 9:
        out += '\\t';
        break;
      default:
        out += '\\u' + c.toString(16).padStart(4, '0');
    }
  }
  return out + s.slice(start) + '"';
}

const isoCtx = (ctx: TypeContext): TypeContext => (ctx.dateStyle.startsWith('ISO') ? ctx : { ...ctx, dateStyle: 'ISO, MDY' });

/** date/time output in JSON's ISO 8601 form. */
function isoDateTime(t: SqlType, v: Value, ctx: TypeContext): string {
  let s = formatValue(t, v, isoCtx(ctx));
  if (s === 'infinity' || s === '-infinity') return s;
  if (t.base === 'timestamp' || t.base === 'timestamptz') {
    s = s.replace(' ', 'T');
    if (t.base === 'timestamptz') {
      const m = /([+-]\d\d)(:\d\d)?(:\d\d)?$/.exec(s);
      if (m !== null && m[2] === undefined) s += ':00';
    }
  }
  return s;
}

/** The JSON text of a non-null value of type t (to_json's rules). */
export function toJsonText(t: SqlType, v: Value, ctx: TypeContext): string {
  if (v === null) return 'null';
  if (t.array) {
    const el = elementType(t);
    const parts: string[] = [];
    for (const x of v as readonly Value[]) parts.push(toJsonText(el, x, ctx));
    return '[' + parts.join(',') + ']';
  }
  switch (t.base) {
    case 'bool':
      return v ? 'true' : 'false';
    case 'int2':
    case 'int4':
    case 'int8':
    case 'oid':
      return String(v);
    case 'float4':
    case 'float8': {
      const s = formatValue(t, v, ctx);
      return Number.isFinite(v as number) ? s : jsonQuote(s);
    }
    case 'numeric': {
      const n = v as Numeric;
      return n.isFinite() ? n.toString() : jsonQuote(n.toString());
    }
    case 'json':
      return v as string;
    case 'jsonb':
      return (v as Jsonb).toString();
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return jsonQuote(isoDateTime(t, v, ctx));
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
    case 'unknown':
      return jsonQuote(v as string);
    default:
      return jsonQuote(formatValue(t, v, ctx));
  }
}

/** The jsonb node of a value of type t (to_jsonb's rules; null → JSON null). */
export function toJsonNode(t: SqlType, v: Value, ctx: TypeContext): JsonNode {
  if (v === null) return null;
  if (t.array) {
    const el = elementType(t);
    const out: JsonNode[] = [];
    for (const x of v as readonly Value[]) out.push(toJsonNode(el, x, ctx));
    return out;
  }
  switch (t.base) {
    case 'bool':
      return v as boolean;
    case 'int2':
    case 'int4':
    case 'oid':
      return Numeric.fromBigInt(BigInt(v as number));
    case 'int8':
      return Numeric.fromBigInt(v as bigint);
    case 'float4':
    case 'float8': {
      const s = formatValue(t, v, ctx);
      return Number.isFinite(v as number) ? Numeric.fromString(s) : s;
    }
    case 'numeric': {
      const n = v as Numeric;
      return n.isFinite() ? n : n.toString();
    }
    case 'json':
      return Jsonb.parse(v as string).root;
    case 'jsonb':
      return (v as Jsonb).root;
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return isoDateTime(t, v, ctx);
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'name':
    case 'unknown':
      return v as string;
    default:
      return formatValue(t, v, ctx);
  }
}

/** A canonical jsonb object from pairs (shorter keys first, then by code point; last duplicate wins). */
export function makeJsonObject(pairs: Iterable<readonly [string, JsonNode]>): ReadonlyMap<string, JsonNode> {
  const m = new Map<string, JsonNode>();
  for (const [k, v] of pairs) m.set(k, v);
  const keys = [...m.keys()].sort(compareJsonKeys);
  const out = new Map<string, JsonNode>();
  for (const k of keys) out.set(k, m.get(k) ?? null);
  return out;
}

/** jsonb key order: UTF-8 length first, then bytewise (= code point order). */
export function compareJsonKeys(a: string, b: string): number {
  const la = Buffer.byteLength(a, 'utf8');
  const lb = Buffer.byteLength(b, 'utf8');
  if (la !== lb) return la - lb;
  return a < b ? -1 : a > b ? 1 : 0;
}

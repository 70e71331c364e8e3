import type { SqlType, Value } from './type.js';

export function compareValues(t: SqlType, a: Value, b: Value): number {
  void t;
  return a === b ? 0 : String(a) < String(b) ? -1 : 1;
}

export function equalityKey(t: SqlType, v: Value): string | number | bigint | boolean {
  void t;
  return String(v);
}

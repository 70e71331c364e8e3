import { SqlError } from '../errors.js';
import type { SqlType, TypeContext, Value } from './type.js';

export type CoercionContext = 'implicit' | 'assignment' | 'explicit';

export function castKind(from: SqlType, to: SqlType): CoercionContext | null {
  return from === to ? 'implicit' : null;
}

export function castValue(v: Value, from: SqlType, to: SqlType, context: CoercionContext, ctx: TypeContext): Value {
  void context;
  void ctx;
  if (from === to) return v;
  throw new SqlError('42846', `cannot cast type ${from.base} to ${to.base}`);
}

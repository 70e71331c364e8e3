import { SqlError } from '../errors.js';
import type { SqlType, TypeContext, Value } from './type.js';

export function parseValue(t: SqlType, text: string, ctx: TypeContext): Value {
  void ctx;
  throw new SqlError('0A000', `input of type ${t.base} is not implemented yet: "${text}"`);
}

export function formatValue(t: SqlType, v: Value, ctx: TypeContext): string {
  void ctx;
  void v;
  throw new SqlError('0A000', `output of type ${t.base} is not implemented yet`);
}

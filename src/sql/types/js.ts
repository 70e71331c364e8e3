import { SqlError } from '../errors.js';
import { T, type SqlType, type TypeContext, type Value } from './type.js';

export interface JsOptions {
  readonly int8As: 'string' | 'bigint' | 'number';
  readonly numericAs: 'string' | 'number';
}

export function toJs(t: SqlType, v: Value, opts: JsOptions, ctx: TypeContext): unknown {
  void t;
  void opts;
  void ctx;
  return v;
}

export function fromJs(x: unknown, t: SqlType, ctx: TypeContext): Value {
  void ctx;
  throw new SqlError('0A000', `parameter conversion to ${t.base} is not implemented yet: ${typeof x}`);
}

export function inferJsType(x: unknown): SqlType {
  void x;
  return T.text;
}

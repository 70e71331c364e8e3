import type { SqlType, TypeContext, Value } from './type.js';

export interface OperatorImpl {
  readonly left: SqlType | null;
  readonly right: SqlType;
  readonly result: SqlType;
  readonly fn: (a: Value, b: Value, ctx: TypeContext) => Value;
}

export function resolveOperator(op: string, left: SqlType | null, right: SqlType): OperatorImpl | undefined {
  void op;
  void left;
  void right;
  return undefined;
}

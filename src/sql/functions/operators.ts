/** Operators of this module (being written). */
import type { OperatorImpl, SqlType } from '../types/index.js';

export function resolveFunctionOperator(op: string, left: SqlType | null, right: SqlType): OperatorImpl | undefined {
  void op;
  void left;
  void right;
  return undefined;
}

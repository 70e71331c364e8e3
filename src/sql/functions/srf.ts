/** Set-returning functions (being written). */
import type { SqlType, TypeContext, Value } from '../types/index.js';

export interface SetFunctionImpl {
  readonly args: readonly SqlType[];
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  readonly fn: (args: readonly Value[], ctx: TypeContext) => Iterable<readonly Value[]>;
  readonly strict: boolean;
}

export function resolveSetFunction(name: string, args: readonly SqlType[]): SetFunctionImpl | undefined {
  void name;
  void args;
  return undefined;
}

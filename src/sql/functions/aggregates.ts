/** Aggregates (being written). */
import type { SqlType, TypeContext, Value } from '../types/index.js';

export interface AggregateImpl {
  readonly args: readonly SqlType[];
  readonly result: SqlType;
  init(): unknown;
  step(state: unknown, args: readonly Value[], ctx: TypeContext): unknown;
  final(state: unknown, ctx: TypeContext): Value;
  readonly strict: boolean;
}

export function resolveAggregate(name: string, args: readonly SqlType[]): AggregateImpl | undefined {
  void name;
  void args;
  return undefined;
}

export function isAggregate(name: string): boolean {
  void name;
  return false;
}

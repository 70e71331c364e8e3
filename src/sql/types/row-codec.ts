import { SqlError } from '../errors.js';
import type { SqlType, Value } from './type.js';

export function encodeRow(types: readonly SqlType[], values: readonly Value[]): Uint8Array {
  void types;
  void values;
  throw new SqlError('0A000', 'encodeRow is not implemented yet');
}

export function decodeRow(types: readonly SqlType[], bytes: Uint8Array): Value[] {
  void types;
  void bytes;
  throw new SqlError('0A000', 'decodeRow is not implemented yet');
}

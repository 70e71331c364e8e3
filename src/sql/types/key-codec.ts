import { SqlError } from '../errors.js';
import type { SqlType, Value } from './type.js';

export function encodeKey(types: readonly SqlType[], values: readonly Value[], desc?: readonly boolean[]): Uint8Array {
  void types;
  void values;
  void desc;
  throw new SqlError('0A000', 'encodeKey is not implemented yet');
}

export function decodeKey(types: readonly SqlType[], bytes: Uint8Array, desc?: readonly boolean[]): Value[] {
  void types;
  void bytes;
  void desc;
  throw new SqlError('0A000', 'decodeKey is not implemented yet');
}

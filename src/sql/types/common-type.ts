import { SqlError } from '../errors.js';
import { T, type SqlType } from './type.js';

export function commonType(types: readonly SqlType[], context: string): SqlType {
  const first = types.find((t) => t.base !== 'unknown');
  if (first === undefined) return T.text;
  for (const t of types) {
    if (t.base !== 'unknown' && t !== first) throw new SqlError('42804', `${context} types ${first.base} and ${t.base} cannot be matched`);
  }
  return first;
}

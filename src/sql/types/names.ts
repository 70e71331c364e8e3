import type { TypeName } from '../ast.js';
import { SqlError } from '../errors.js';
import type { SqlType } from './type.js';

export function resolveTypeName(t: TypeName): SqlType {
  throw new SqlError('42704', `type "${t.name}" does not exist`, { offset: t.pos });
}

export function formatTypeName(t: SqlType): string {
  return t.base;
}

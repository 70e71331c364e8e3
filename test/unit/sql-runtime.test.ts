// The per-statement memory backstop: a statement holding more than sqlMaterializedRowsMax rows
// fails with 54000 instead of exhausting the process.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { limits } from '../../src/index.js';
import { Runtime } from '../../src/sql/runtime.js';

test('Runtime.hold fails with 54000 past sqlMaterializedRowsMax', () => {
  const rt = new Runtime();
  rt.held = limits.sqlMaterializedRowsMax - 2;
  rt.hold();
  rt.hold();
  assert.throws(
    () => rt.hold(),
    (err: unknown) => (err as { code?: string }).code === '54000' && /sqlMaterializedRowsMax/.test((err as Error).message),
  );
});

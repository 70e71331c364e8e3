/** Thrown by `assert`: a programmer bug, never caught for recovery. */
export class AssertionFailure extends Error {
  constructor(message: string) {
    super(`assertion failed: ${message}`);
    this.name = 'AssertionFailure';
  }
}

/** Check an invariant that only a bug can break. */
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new AssertionFailure(message);
}

/**
 * Miscellaneous built-ins: gen_random_uuid, num_nulls / num_nonnulls.
 * (pg_typeof, coalesce/nullif/greatest/least, version(), current_setting … are the planner's.)
 */
import { randomUUID } from 'node:crypto';
import { T } from '../types/index.js';
import { def, defDynamic } from './registry.js';

def('gen_random_uuid', [], T.uuid, () => randomUUID(), { volatility: 'volatile' });

for (const [name, countNulls] of [
  ['num_nulls', true],
  ['num_nonnulls', false],
] as const) {
  defDynamic(name, (args) =>
    args.length === 0
      ? undefined
      : {
          args,
          result: T.int4,
          fn: (a) => {
            let k = 0;
            for (const v of a) if ((v === null) === countNulls) k++;
            return k;
          },
          strict: false,
          volatility: 'immutable',
        },
  );
}

/**
 * Built-in functions, aggregates, set-returning functions and the operators that live with them
 * (json/jsonb, LIKE family, regular expressions, array containment): the public face of
 * src/sql/functions.
 *
 * Each category file registers its overloads in registry.ts when it is loaded; the resolvers
 * below implement PostgreSQL's resolution rules over that table.
 *
 * Calling conventions the parser/planner rely on (all as PostgreSQL's grammar rewrites them):
 * - `position(a IN b)` → position(b, a); `EXTRACT(f FROM x)` → extract('f', x) (numeric);
 *   `x AT TIME ZONE z` → timezone(z, x); `trim([both|leading|trailing] c FROM s)` → btrim/ltrim/rtrim(s, c);
 *   `substring(s FROM p FOR n)` → substring(s, p, n); `substring(s SIMILAR p ESCAPE e)` → substring(s, p, e);
 *   `overlay(s PLACING r FROM p [FOR n])` → overlay(s, r, p[, n]); `a LIKE b` → operator ~~ (ILIKE ~~*),
 *   `LIKE … ESCAPE e` and `SIMILAR TO` → likeMatcher / similarMatcher.
 * - Variadic "any" functions (concat, concat_ws, format, json(b)_build_*, num_nulls) and polymorphic ones
 *   (array_*, to_json, unnest …) declare one argument type per actual argument; the caller casts to them.
 * - Polymorphic anyarray/anyelement arguments given only untyped literals raise 42804 as PostgreSQL does.
 * - Hot paths: LIKE and regex operators keep their last compiled pattern; integer sums stay in JS
 *   numbers below 2^52; float8 exp/ln/power and trigonometry are correctly rounded in bigint fixed
 *   point (about 10 µs a call) to print the same digits as PostgreSQL's C library.
 */
import './string.js';
import './math.js';
import './datetime.js';
import './formatting.js';
import './json.js';
import './array.js';
import './misc.js';

export { resolveFunction, isFunctionName, type FunctionImpl, type Volatility } from './registry.js';
export { resolveAggregate, isAggregate, type AggregateImpl } from './aggregates.js';
export { resolveSetFunction, type SetFunctionImpl } from './srf.js';
export { resolveFunctionOperator } from './operators.js';
export { likeMatcher, similarMatcher, similarToRegex } from './like.js';

/**
 * Built-in functions, aggregates, set-returning functions and the operators that live with them
 * (json/jsonb, LIKE family, regular expressions, array containment): the public face of
 * src/sql/functions.
 *
 * Each category file registers its overloads in registry.ts when it is loaded; the resolvers
 * below implement PostgreSQL's resolution rules over that table.
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

/**
 * SQL types and values: the public face of src/sql/types.
 *
 * type.ts is the contract (SqlType, Value, TypeContext, OIDs); the other files implement the
 * types' input/output functions, casts, order, operators, key and row encodings and the mapping
 * to and from JavaScript values.
 */
export * from './type.js';
export { Numeric } from './numeric.js';
export { Interval } from './interval.js';
export { Jsonb, type JsonNode, type JsonObject } from './jsonb.js';
export { resolveTypeName, formatTypeName } from './names.js';
export { parseValue, formatValue } from './io.js';
export { castKind, castValue, type CoercionContext } from './cast.js';
export { compareValues, equalityKey } from './compare.js';
export { resolveOperator, type OperatorImpl } from './operators.js';
export { commonType, isPreferredType, typeCategory } from './common-type.js';
export { encodeKey, decodeKey } from './key-codec.js';
export { encodeRow, decodeRow } from './row-codec.js';
export { toJs, fromJs, inferJsType, type JsOptions } from './js.js';

/**
 * The PostgreSQL wire protocol server (protocol 3.0) over a BasaltDB database.
 */
export { pgServerVersion, startPgServer } from './server.js';
export type { PgServer, PgServerOptions } from './server.js';
export { authMethods, isAuthMethod, type AuthMethod } from './auth.js';

// Roles against PostgreSQL 15: CREATE/ALTER/DROP ROLE (USER, GROUP), their options and errors,
// password verifiers, who may do what (superuser, CREATEROLE, plain roles), role membership,
// GRANT/REVOKE of privileges (checked, no effect), roles in transactions and across a reopen.
// Every transcript outcome was played on a real PostgreSQL 15 (format: pg-scripts.ts). Roles are
// cluster-wide in PostgreSQL, so the PostgreSQL side runs each script in a fresh database and
// drops every role the script made afterwards. `SET SESSION AUTHORIZATION r;` /
// `RESET SESSION AUTHORIZATION;` switch users: PostgreSQL runs them, here they open a session
// whose user is r (BasaltDB has no SET SESSION AUTHORIZATION; its sessions are one user each).
//
// Manual run against PostgreSQL (never in npm test):
//   node dist/test/sql/roles.test.js --pg 55432 [--write] [name-filter]
// prints where PostgreSQL's transcript differs (--write puts it into this file) and where
// BasaltDB's differs from PostgreSQL's.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { describe, it, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MemoryFileSystem, open, type Database, type Session } from '../../src/index.js';
import { normalize, playScript, type Outcome, type Runner, type Script } from './pg-scripts.js';

const scripts: Script[] = [
  {
    name: 'CREATE ROLE / USER / GROUP: defaults and every option',
    text: `
CREATE ROLE a;
CREATE USER b;
CREATE GROUP g;
CREATE ROLE c WITH SUPERUSER NOLOGIN CREATEDB CREATEROLE INHERIT REPLICATION BYPASSRLS CONNECTION LIMIT 5 PASSWORD NULL VALID UNTIL '2030-01-01';
CREATE ROLE d NOINHERIT NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOSUPERUSER LOGIN CONNECTION LIMIT -1;
CREATE USER e NOLOGIN;
CREATE ROLE "Mixed Case" LOGIN;
CREATE ROLE f "login";
CREATE ROLE h CONNECTION LIMIT 0 VALID UNTIL 'infinity';
CREATE ROLE i VALID UNTIL '2001-02-03 04:05:06+07';
CREATE ROLE j WITH SYSID 5;
-- NOTICE 00000: SYSID can no longer be specified
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, rolpassword IS NOT NULL AS pw FROM pg_authid WHERE oid >= 16384 ORDER BY rolname;
-- Mixed Case | false | true | false | false | true | false | false | -1 | NULL | false
-- a | false | true | false | false | false | false | false | -1 | NULL | false
-- b | false | true | false | false | true | false | false | -1 | NULL | false
-- c | true | true | true | true | false | true | true | 5 | 2030-01-01T00:00:00.000Z | false
-- d | false | false | false | false | true | false | false | -1 | NULL | false
-- e | false | true | false | false | false | false | false | -1 | NULL | false
-- f | false | true | false | false | true | false | false | -1 | NULL | false
-- g | false | true | false | false | false | false | false | -1 | NULL | false
-- h | false | true | false | false | false | false | false | 0 | Infinity | false
-- i | false | true | false | false | false | false | false | -1 | 2001-02-02T21:05:06.000Z | false
-- j | false | true | false | false | false | false | false | -1 | NULL | false
`,
  },
  {
    name: 'CREATE ROLE: errors',
    text: `
CREATE ROLE a;
CREATE ROLE a;
-- ERROR 42710: role "a" already exists
CREATE ROLE b LOGIN LOGIN;
-- ERROR 42601: conflicting or redundant options
CREATE ROLE b SUPERUSER NOSUPERUSER;
-- ERROR 42601: conflicting or redundant options
CREATE ROLE b PASSWORD 'x' ENCRYPTED PASSWORD 'y';
-- ERROR 42601: conflicting or redundant options
CREATE ROLE b VALID UNTIL 'infinity' VALID UNTIL 'infinity';
-- ERROR 42601: conflicting or redundant options
CREATE ROLE b CONNECTION LIMIT 1 CONNECTION LIMIT 1;
-- ERROR 42601: conflicting or redundant options
CREATE ROLE b CONNECTION LIMIT -2;
-- ERROR 22023: invalid connection limit: -2
CREATE ROLE b CONNECTION LIMIT 2147483648;
-- ERROR 42601: syntax error at or near "2147483648"
CREATE ROLE b CONNECTION LIMIT 'x';
-- ERROR 42601: syntax error at or near "'x'"
CREATE ROLE b VALID UNTIL 'garbage';
-- ERROR 22007: invalid input syntax for type timestamp with time zone: "garbage"
CREATE ROLE b VALID UNTIL 1;
-- ERROR 42601: syntax error at or near "1"
CREATE ROLE b PASSWORD 1;
-- ERROR 42601: syntax error at or near "1"
CREATE ROLE b UNENCRYPTED PASSWORD 'y';
-- ERROR 0A000: UNENCRYPTED PASSWORD is no longer supported
CREATE ROLE b FOO;
-- ERROR 42601: unrecognized role option "foo"
CREATE ROLE b SELECT;
-- ERROR 42601: syntax error at or near "SELECT"
CREATE ROLE pg_b;
-- ERROR 42939: role name "pg_b" is reserved
-- DETAIL: Role names starting with "pg_" are reserved.
CREATE ROLE public;
-- ERROR 42939: role name "public" is reserved
CREATE ROLE "public";
-- ERROR 42939: role name "public" is reserved
CREATE ROLE none;
-- ERROR 42939: role name "none" is reserved
CREATE ROLE current_user;
-- ERROR 42939: CURRENT_USER cannot be used as a role name here
CREATE ROLE session_user;
-- ERROR 42939: SESSION_USER cannot be used as a role name here
CREATE ROLE b IN ROLE nosuch;
-- ERROR 42704: role "nosuch" does not exist
CREATE ROLE b ROLE nosuch;
-- ERROR 42704: role "nosuch" does not exist
CREATE ROLE b;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, rolpassword IS NOT NULL AS pw FROM pg_authid WHERE oid >= 16384 ORDER BY rolname;
-- a | false | true | false | false | false | false | false | -1 | NULL | false
-- b | false | true | false | false | false | false | false | -1 | NULL | false
`,
  },
  {
    name: 'passwords are stored as SCRAM-SHA-256 or md5 verifiers',
    text: `
CREATE ROLE s1 LOGIN PASSWORD 'pencil';
SELECT rolname, left(rolpassword, 19), length(rolpassword) FROM pg_authid WHERE rolname = 's1';
-- s1 | SCRAM-SHA-256$4096: | 133
SHOW password_encryption;
-- scram-sha-256
SET password_encryption = 'md5';
CREATE ROLE m1 LOGIN PASSWORD 'secret';
SELECT rolpassword FROM pg_authid WHERE rolname = 'm1';
-- md5132ecbcbfa11be529b63ea4c4e734056
ALTER ROLE m1 PASSWORD 'md5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
SELECT rolpassword FROM pg_authid WHERE rolname = 'm1';
-- md5aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
ALTER ROLE m1 PASSWORD 'md5aaaa';
SELECT rolpassword FROM pg_authid WHERE rolname = 'm1';
-- md5e8a7408dd4b02b8957a1a74a9c25d25a
ALTER ROLE m1 PASSWORD 'SCRAM-SHA-256$4096:6eUB/fV15CY+gVKglr+HXg==$iam5exKCso6ss1hoAehfFU6PqW2BoPnyJUn3nsMnNHA=:hyCOnfBguMSd0kmWtj9o+i7EWxhiw83cg4348k138mQ=';
SELECT rolpassword FROM pg_authid WHERE rolname = 'm1';
-- SCRAM-SHA-256$4096:6eUB/fV15CY+gVKglr+HXg==$iam5exKCso6ss1hoAehfFU6PqW2BoPnyJUn3nsMnNHA=:hyCOnfBguMSd0kmWtj9o+i7EWxhiw83cg4348k138mQ=
ALTER ROLE m1 PASSWORD 'SCRAM-SHA-256$bogus';
SELECT rolpassword FROM pg_authid WHERE rolname = 'm1';
-- md5e2ff5f5b8584d0b30c97930c7fecbc2c
RESET password_encryption;
ALTER ROLE m1 PASSWORD 'md5bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
SELECT rolpassword FROM pg_authid WHERE rolname = 'm1';
-- md5bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
ALTER ROLE m1 ENCRYPTED PASSWORD 'x';
SELECT left(rolpassword, 19) FROM pg_authid WHERE rolname = 'm1';
-- SCRAM-SHA-256$4096:
ALTER ROLE m1 PASSWORD NULL;
SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 'm1';
-- true
CREATE ROLE e1 PASSWORD '';
-- NOTICE 00000: empty string is not a valid password, clearing password
SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 'e1';
-- true
ALTER ROLE s1 PASSWORD '';
-- NOTICE 00000: empty string is not a valid password, clearing password
SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 's1';
-- true
ALTER ROLE s1 PASSWORD 'md5a6cdcf0c4fc2e5af1ef89f1ba3f9f7d3';
SELECT rolpassword IS NULL FROM pg_authid WHERE rolname = 's1';
-- false
SET password_encryption = 'password';
-- ERROR 22023: invalid value for parameter "password_encryption": "password"
SET password_encryption = 'on';
-- ERROR 22023: invalid value for parameter "password_encryption": "on"
SET password_encryption = 'MD5';
SHOW password_encryption;
-- md5
`,
  },
  {
    name: 'ALTER ROLE / USER: options, RENAME TO (md5 verifiers cleared), errors',
    text: `
CREATE ROLE a;
CREATE ROLE b;
ALTER ROLE a WITH LOGIN CREATEDB CONNECTION LIMIT 3 VALID UNTIL '2030-06-01 12:00:00+02';
ALTER USER a NOINHERIT;
ALTER ROLE a;
ALTER ROLE a WITH;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, rolpassword IS NOT NULL AS pw FROM pg_authid WHERE oid >= 16384 ORDER BY rolname;
-- a | false | false | false | true | true | false | false | 3 | 2030-06-01T10:00:00.000Z | false
-- b | false | true | false | false | false | false | false | -1 | NULL | false
ALTER ROLE a RENAME TO a;
-- ERROR 42710: role "a" already exists
ALTER ROLE a RENAME TO b;
-- ERROR 42710: role "b" already exists
ALTER ROLE a RENAME TO pg_a;
-- ERROR 42939: role name "pg_a" is reserved
-- DETAIL: Role names starting with "pg_" are reserved.
ALTER ROLE nosuch RENAME TO c;
-- ERROR 42704: role "nosuch" does not exist
ALTER ROLE nosuch LOGIN;
-- ERROR 42704: role "nosuch" does not exist
ALTER ROLE postgres RENAME TO pp;
-- ERROR 0A000: session user cannot be renamed
ALTER ROLE current_user RENAME TO pp;
-- ERROR 42939: CURRENT_USER cannot be used as a role name here
ALTER ROLE a LOGIN NOLOGIN;
-- ERROR 42601: conflicting or redundant options
ALTER ROLE a CONNECTION LIMIT -5;
-- ERROR 22023: invalid connection limit: -5
ALTER ROLE a IN ROLE b;
-- ERROR 42601: syntax error at or near "ROLE"
ALTER ROLE public LOGIN;
-- ERROR 42704: role "public" does not exist
ALTER ROLE none LOGIN;
-- ERROR 42939: role name "none" is reserved
ALTER ROLE "none" LOGIN;
-- ERROR 42939: role name "none" is reserved
ALTER ROLE pg_monitor LOGIN;
-- ERROR 42939: role name "pg_monitor" is reserved
-- DETAIL: Cannot alter reserved roles.
ALTER ROLE pg_nosuch LOGIN;
-- ERROR 42939: role name "pg_nosuch" is reserved
-- DETAIL: Cannot alter reserved roles.
ALTER ROLE pg_monitor RENAME TO mon;
-- ERROR 42939: role name "pg_monitor" is reserved
-- DETAIL: Role names starting with "pg_" are reserved.
SET password_encryption = 'md5';
ALTER ROLE a PASSWORD 'x';
ALTER ROLE a RENAME TO a2;
-- NOTICE 00000: MD5 password cleared because of role rename
SELECT rolname, rolpassword IS NULL FROM pg_authid WHERE rolname LIKE 'a%';
-- a2 | true
RESET password_encryption;
ALTER ROLE a2 PASSWORD 'x';
ALTER ROLE a2 RENAME TO a3;
SELECT rolname, rolpassword IS NULL FROM pg_authid WHERE rolname LIKE 'a%';
-- a3 | false
ALTER ROLE current_user CREATEDB;
ALTER ROLE session_user CREATEDB;
ALTER USER a3 VALID UNTIL '-infinity';
SELECT rolvaliduntil FROM pg_authid WHERE rolname = 'a3';
-- -Infinity
`,
  },
  {
    name: 'DROP ROLE / USER / GROUP: IF EXISTS, lists, the current user, built-in roles',
    text: `
CREATE ROLE a;
CREATE ROLE b;
CREATE ROLE c;
DROP ROLE nosuch;
-- ERROR 42704: role "nosuch" does not exist
DROP ROLE IF EXISTS nosuch;
-- NOTICE 00000: role "nosuch" does not exist, skipping
DROP ROLE a, nosuch;
-- ERROR 42704: role "nosuch" does not exist
SELECT rolname FROM pg_roles WHERE rolname IN ('a', 'b', 'c') ORDER BY 1;
-- a
-- b
-- c
DROP ROLE IF EXISTS a, nosuch, a;
-- NOTICE 00000: role "nosuch" does not exist, skipping
-- NOTICE 00000: role "a" does not exist, skipping
DROP USER b;
DROP GROUP IF EXISTS c;
SELECT rolname FROM pg_roles WHERE rolname IN ('a', 'b', 'c') ORDER BY 1;
DROP ROLE postgres;
-- ERROR 55006: current user cannot be dropped
DROP ROLE current_user;
-- ERROR 22023: cannot use special role specifier in DROP ROLE
DROP ROLE public;
-- ERROR 22023: cannot use special role specifier in DROP ROLE
DROP ROLE pg_monitor;
-- ERROR 2BP01: cannot drop role pg_monitor because it is required by the database system
CREATE ROLE su SUPERUSER;
SET SESSION AUTHORIZATION su;
DROP ROLE postgres;
-- ERROR 2BP01: cannot drop role postgres because it is required by the database system
DROP ROLE su;
-- ERROR 55006: current user cannot be dropped
RESET SESSION AUTHORIZATION;
DROP ROLE su;
`,
  },
  {
    name: 'who may create, alter, rename and drop roles: superuser, CREATEROLE, a plain role',
    text: `
CREATE ROLE plain LOGIN;
CREATE ROLE cr CREATEROLE LOGIN;
CREATE ROLE su SUPERUSER;
CREATE ROLE victim;
SET SESSION AUTHORIZATION plain;
CREATE ROLE x;
-- ERROR 42501: permission denied to create role
ALTER ROLE plain PASSWORD 'mine';
ALTER ROLE plain PASSWORD 'mine' CREATEDB;
-- ERROR 42501: permission denied
ALTER ROLE plain VALID UNTIL 'infinity';
-- ERROR 42501: permission denied
ALTER ROLE plain CONNECTION LIMIT 4;
-- ERROR 42501: permission denied
ALTER ROLE plain;
-- ERROR 42501: permission denied
ALTER ROLE victim PASSWORD 'x';
-- ERROR 42501: permission denied
ALTER ROLE nosuch PASSWORD 'x';
-- ERROR 42704: role "nosuch" does not exist
ALTER ROLE victim RENAME TO v2;
-- ERROR 42501: permission denied to rename role
ALTER ROLE nosuch RENAME TO v2;
-- ERROR 42704: role "nosuch" does not exist
ALTER ROLE plain RENAME TO p2;
-- ERROR 0A000: session user cannot be renamed
DROP ROLE victim;
-- ERROR 42501: permission denied to drop role
DROP ROLE IF EXISTS nosuch;
-- ERROR 42501: permission denied to drop role
GRANT victim TO plain;
-- ERROR 42501: must have admin option on role "victim"
RESET SESSION AUTHORIZATION;
SET SESSION AUTHORIZATION cr;
CREATE ROLE x;
CREATE ROLE y SUPERUSER;
-- ERROR 42501: must be superuser to create superusers
CREATE ROLE y REPLICATION;
-- ERROR 42501: must be superuser to create replication users
CREATE ROLE y BYPASSRLS;
-- ERROR 42501: must be superuser to create bypassrls users
CREATE ROLE y CREATEROLE CREATEDB LOGIN;
ALTER ROLE victim CREATEDB PASSWORD 'x' VALID UNTIL 'infinity';
ALTER ROLE victim SUPERUSER;
-- ERROR 42501: must be superuser to alter superuser roles or change superuser attribute
ALTER ROLE victim REPLICATION;
-- ERROR 42501: must be superuser to alter replication roles or change replication attribute
ALTER ROLE victim BYPASSRLS;
-- ERROR 42501: must be superuser to change bypassrls attribute
ALTER ROLE su PASSWORD 'x';
-- ERROR 42501: must be superuser to alter superuser roles or change superuser attribute
ALTER ROLE su RENAME TO su2;
-- ERROR 42501: must be superuser to rename superusers
ALTER ROLE victim RENAME TO v2;
ALTER ROLE cr RENAME TO cr2;
-- ERROR 0A000: session user cannot be renamed
DROP ROLE su;
-- ERROR 42501: must be superuser to drop superusers
DROP ROLE cr;
-- ERROR 55006: current user cannot be dropped
DROP ROLE v2, x;
GRANT y TO plain;
GRANT su TO plain;
-- ERROR 42501: must be superuser to alter superusers
CREATE ROLE z IN ROLE su;
-- ERROR 42501: must be superuser to alter superusers
RESET SESSION AUTHORIZATION;
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, rolpassword IS NOT NULL AS pw FROM pg_authid WHERE oid >= 16384 ORDER BY rolname;
-- cr | false | true | true | false | true | false | false | -1 | NULL | false
-- plain | false | true | false | false | true | false | false | -1 | NULL | true
-- su | true | true | false | false | false | false | false | -1 | NULL | false
-- y | false | true | true | true | true | false | false | -1 | NULL | false
`,
  },
  {
    name: 'GRANT / REVOKE role membership: pg_auth_members, notices, loops, ADMIN OPTION, ALTER GROUP',
    text: `
CREATE ROLE r1;
CREATE ROLE r2;
CREATE ROLE r3;
GRANT r1 TO r2;
GRANT r1 TO r2;
-- NOTICE 00000: role "r2" is already a member of role "r1"
GRANT r1 TO r2 WITH ADMIN OPTION;
GRANT r1 TO r2 WITH ADMIN OPTION;
-- NOTICE 00000: role "r2" is already a member of role "r1"
GRANT r1, r3 TO r2, r3;
-- NOTICE 00000: role "r2" is already a member of role "r1"
-- ERROR 0LP01: role "r3" is a member of role "r3"
GRANT r2 TO r1;
-- ERROR 0LP01: role "r2" is a member of role "r1"
GRANT r1 TO public;
-- ERROR 42704: role "public" does not exist
GRANT public TO r1;
-- ERROR 42704: role "public" does not exist
GRANT nosuch TO r1;
-- ERROR 42704: role "nosuch" does not exist
GRANT r1 TO nosuch;
-- ERROR 42704: role "nosuch" does not exist
GRANT r1 TO r3 GRANTED BY r2;
GRANT r1 (a) TO r3;
-- ERROR 0LP01: column names cannot be included in GRANT/REVOKE ROLE
GRANT pg_read_all_data TO r3;
GRANT pg_database_owner TO r3;
-- ERROR XX000: role "pg_database_owner" cannot have explicit members
SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, a.admin_option FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.grantor WHERE a.member >= 16384 ORDER BY 1, 2;
-- pg_read_all_data | r3 | postgres | false
-- r1 | r2 | postgres | true
-- r1 | r3 | r2 | false
REVOKE ADMIN OPTION FOR r1 FROM r2;
REVOKE r1 FROM r3 CASCADE;
REVOKE r1 FROM r3;
-- WARNING 01000: role "r3" is not a member of role "r1"
REVOKE nosuch FROM r1;
-- ERROR 42704: role "nosuch" does not exist
SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, a.admin_option FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.grantor WHERE a.member >= 16384 ORDER BY 1, 2;
-- pg_read_all_data | r3 | postgres | false
-- r1 | r2 | postgres | false
ALTER GROUP r1 ADD USER r3, r2;
-- NOTICE 00000: role "r2" is already a member of role "r1"
ALTER GROUP r1 DROP USER r3;
CREATE ROLE n1 IN ROLE r1, r2 ROLE r3 ADMIN r2;
-- ERROR 0LP01: role "n1" is a member of role "r2"
CREATE ROLE n2 IN GROUP n1 USER r3;
-- ERROR 42704: role "n1" does not exist
SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, a.admin_option FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.grantor WHERE a.member >= 16384 ORDER BY 1, 2;
-- pg_read_all_data | r3 | postgres | false
-- r1 | r2 | postgres | false
DROP ROLE r1;
SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, a.admin_option FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.grantor WHERE a.member >= 16384 ORDER BY 1, 2;
-- pg_read_all_data | r3 | postgres | false
`,
  },
  {
    name: 'GRANT / REVOKE privileges: checked like PostgreSQL, otherwise accepted',
    text: `
CREATE ROLE r1;
CREATE ROLE r2;
CREATE TABLE t (a int, b int);
CREATE SEQUENCE s;
CREATE VIEW v AS SELECT 1 AS x;
CREATE INDEX ti ON t (a);
CREATE SCHEMA sc;
GRANT SELECT ON t TO r1;
GRANT SELECT, INSERT ON TABLE t, v TO r1, GROUP r2, PUBLIC;
GRANT ALL ON t TO r1 WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON t TO PUBLIC WITH GRANT OPTION;
-- ERROR 0LP01: grant options can only be granted to roles
GRANT SELECT (a, b), UPDATE (a) ON t TO r1;
GRANT ALL (a) ON t TO r1;
GRANT REFERENCES (a), SELECT (b) ON t TO r1;
GRANT SELECT (z) ON t TO r1;
-- ERROR 42703: column "z" of relation "t" does not exist
GRANT INSERT (a) ON v TO r1;
-- ERROR 42703: column "a" of relation "v" does not exist
GRANT DELETE (a) ON t TO r1;
-- ERROR 0LP01: invalid privilege type DELETE for column
GRANT USAGE ON t TO r1;
-- ERROR 0LP01: invalid privilege type USAGE for table
GRANT CREATE ON t TO r1;
-- ERROR 0LP01: invalid privilege type CREATE for relation
GRANT foo ON t TO r1;
-- ERROR 42601: unrecognized privilege type "foo"
GRANT SELECT ON nosuch TO r1;
-- ERROR 42P01: relation "nosuch" does not exist
GRANT SELECT ON sc.nosuch TO r1;
-- ERROR 42P01: relation "sc.nosuch" does not exist
GRANT SELECT ON nosuchschema.t TO r1;
-- ERROR 3F000: schema "nosuchschema" does not exist
GRANT SELECT ON t TO nosuch;
-- ERROR 42704: role "nosuch" does not exist
GRANT SELECT ON ti TO r1;
-- ERROR 42809: "ti" is an index
GRANT USAGE ON s TO r1;
GRANT INSERT ON s TO r1;
-- WARNING 0LP01: sequence "s" only supports USAGE, SELECT, and UPDATE privileges
GRANT INSERT ON SEQUENCE s TO r1;
-- ERROR 0LP01: invalid privilege type INSERT for sequence
GRANT SELECT ON SEQUENCE t TO r1;
-- ERROR 42809: "t" is not a sequence
GRANT ALL ON SEQUENCE s TO r1;
GRANT USAGE, CREATE ON SCHEMA public, sc TO r1;
GRANT ALL ON SCHEMA public TO r1;
GRANT SELECT ON SCHEMA public TO r1;
-- ERROR 0LP01: invalid privilege type SELECT for schema
GRANT USAGE ON SCHEMA nosuch TO r1;
-- ERROR 3F000: schema "nosuch" does not exist
GRANT CONNECT, TEMP ON DATABASE rolestest TO r1;
GRANT ALL ON DATABASE rolestest TO r1;
GRANT SELECT ON DATABASE rolestest TO r1;
-- ERROR 0LP01: invalid privilege type SELECT for database
GRANT CONNECT ON DATABASE nosuch TO r1;
-- ERROR 3D000: database "nosuch" does not exist
GRANT SELECT ON ALL TABLES IN SCHEMA public TO r1;
GRANT USAGE ON ALL TABLES IN SCHEMA public TO r1;
-- ERROR 0LP01: invalid privilege type USAGE for table
GRANT SELECT ON ALL TABLES IN SCHEMA nosuch TO r1;
-- ERROR 3F000: schema "nosuch" does not exist
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public, sc TO r1;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO r1;
GRANT SELECT ON t TO r1 GRANTED BY current_user;
GRANT SELECT ON t TO r1 GRANTED BY r2;
-- ERROR 0A000: grantor must be current user
GRANT SELECT ON t TO current_user, session_user, current_role;
GRANT SELECT ON pg_class TO r1;
GRANT SELECT ON pg_catalog.pg_class TO r1;
GRANT SELECT ON information_schema.tables TO r1;
GRANT SELECT ON pg_nosuch TO r1;
-- ERROR 42P01: relation "pg_nosuch" does not exist
GRANT SELECT ON information_schema.nosuch TO r1;
-- ERROR 42P01: relation "information_schema.nosuch" does not exist
GRANT SELECT ON tables TO r1;
-- ERROR 42P01: relation "tables" does not exist
REVOKE SELECT ON t FROM r1;
REVOKE GRANT OPTION FOR SELECT ON t FROM r1 CASCADE;
REVOKE ALL ON t FROM PUBLIC RESTRICT;
REVOKE SELECT ON t FROM nosuch;
-- ERROR 42704: role "nosuch" does not exist
REVOKE SELECT ON nosuch FROM r1;
-- ERROR 42P01: relation "nosuch" does not exist
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE USAGE ON t FROM r1;
-- ERROR 0LP01: invalid privilege type USAGE for table
DROP TABLE t;
DROP SEQUENCE s;
DROP VIEW v;
`,
  },
  {
    name: 'roles are transactional: rollback, savepoints, DDL visibility, reopen',
    text: `
BEGIN;
CREATE ROLE tx1;
ALTER ROLE tx1 LOGIN;
SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname = 'tx1';
-- tx1 | true
ROLLBACK;
SELECT count(*) FROM pg_roles WHERE rolname = 'tx1';
-- 0
BEGIN;
CREATE ROLE tx2;
SAVEPOINT s;
DROP ROLE tx2;
CREATE ROLE tx3;
ROLLBACK TO SAVEPOINT s;
GRANT pg_monitor TO tx2;
COMMIT;
SELECT rolname FROM pg_roles WHERE rolname LIKE 'tx%' ORDER BY 1;
-- tx2
BEGIN;
CREATE ROLE tx4;
CREATE ROLE tx4;
-- ERROR 42710: role "tx4" already exists
COMMIT;
SELECT count(*) FROM pg_roles WHERE rolname = 'tx4';
-- 0
CREATE ROLE keep LOGIN CREATEDB CONNECTION LIMIT 7 VALID UNTIL '2040-01-01' PASSWORD 'k';
GRANT tx2 TO keep WITH ADMIN OPTION;
ALTER ROLE postgres PASSWORD 'pg';
SET password_encryption = 'md5';
ALTER ROLE pg_monitor PASSWORD 'x';
-- ERROR 42939: role name "pg_monitor" is reserved
-- DETAIL: Cannot alter reserved roles.
RESET password_encryption;
GRANT pg_read_all_stats TO keep;
@reopen
SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication, rolbypassrls, rolconnlimit, rolvaliduntil, rolpassword IS NOT NULL AS pw FROM pg_authid WHERE oid >= 16384 ORDER BY rolname;
-- keep | false | true | false | true | true | false | false | 7 | 2040-01-01T00:00:00.000Z | true
-- tx2 | false | true | false | false | false | false | false | -1 | NULL | false
SELECT r.rolname AS role, m.rolname AS member, g.rolname AS grantor, a.admin_option FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid JOIN pg_roles m ON m.oid = a.member JOIN pg_roles g ON g.oid = a.grantor WHERE a.member >= 16384 ORDER BY 1, 2;
-- pg_monitor | tx2 | postgres | false
-- pg_read_all_stats | keep | postgres | false
-- tx2 | keep | postgres | true
SELECT rolname, left(rolpassword, 14) FROM pg_authid WHERE rolname IN ('postgres', 'keep') ORDER BY 1;
-- keep | SCRAM-SHA-256$
-- postgres | SCRAM-SHA-256$
CREATE ROLE keep;
-- ERROR 42710: role "keep" already exists
DROP ROLE keep;
`,
  },
];

/** ALTER ROLE … SET is the one PostgreSQL role statement BasaltDB refuses (per-role settings are not kept). */
describe('roles: BasaltDB differences', { skip: process.argv.includes('--pg') }, () => {
  it('ALTER ROLE … SET / RESET / IN DATABASE is 0A000 (PostgreSQL stores per-role settings)', async () => {
    const db = await open('/db', { fs: new MemoryFileSystem() });
    try {
      const s = db.session();
      await s.query('CREATE ROLE a');
      for (const q of ["ALTER ROLE a SET work_mem = '1MB'", 'ALTER ROLE a RESET ALL', 'ALTER ROLE ALL SET search_path = x', "ALTER ROLE a IN DATABASE basalt SET work_mem = '1MB'"]) {
        await assert.rejects(s.query(q), (e: { code?: string; message?: string }) => {
          assert.equal(e.code, '0A000', q);
          assert.match(e.message!, /^ALTER ROLE … (SET|RESET) is not supported$/);
          return true;
        });
      }
    } finally {
      await db.close();
    }
  });

  // Regression: Catalog.clone() kept only oids >= firstUserOid, so an altered postgres role (oid 10) was lost by the next DDL.
  it('the built-in superuser postgres keeps its password across a crash-free reopen and through clone (oid below firstUserOid)', async () => {
    const fs = new MemoryFileSystem();
    let db = await open('/db', { fs });
    await db.session().query("ALTER ROLE postgres PASSWORD 'pg'");
    // A later DDL transaction copies the catalog: the altered built-in role must survive the copy.
    await db.session().query('CREATE TABLE t (a int)');
    const before = await db.session().query("SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'", [], { rowMode: 'array' });
    assert.match(String((before.rows[0] as unknown[])[0]), /^SCRAM-SHA-256\$4096:/);
    await db.close();
    db = await open('/db', { fs });
    try {
      const r = await db.session().query("SELECT rolpassword FROM pg_authid WHERE rolname = 'postgres'", [], { rowMode: 'array' });
      assert.match(String((r.rows[0] as unknown[])[0]), /^SCRAM-SHA-256\$4096:/);
    } finally {
      await db.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Runners

const switchUser = /^\s*(SET SESSION AUTHORIZATION\s+("?)([^";\s]+)\2|RESET SESSION AUTHORIZATION)\s*;?\s*$/i;

function errorOutcome(err: unknown, notices: Outcome['notices']): Outcome {
  const e = err as { code?: unknown; message?: unknown; detail?: unknown };
  if (typeof e.code !== 'string') throw err;
  return { notices, error: { code: e.code, message: String(e.message), detail: typeof e.detail === 'string' ? e.detail : undefined } };
}

/** BasaltDB on a MemoryFileSystem; SET/RESET SESSION AUTHORIZATION switch to a session of that user. */
async function basaltRolesRunner(): Promise<Runner> {
  const fs = new MemoryFileSystem();
  let db: Database = await open('/db', { fs });
  let user = 'postgres';
  let session: Session | null = null;
  const get = (): Session => (session ??= db.session({ userName: user, databaseName: 'rolestest' }));
  return {
    run: async (sql) => {
      const m = switchUser.exec(sql);
      if (m !== null) {
        user = m[3] ?? 'postgres';
        session = null;
        return { notices: [], command: 'SET', tag: 'SET' };
      }
      try {
        const r = await get().query(sql, [], { rowMode: 'array' });
        return { notices: r.notices, command: r.command, tag: r.commandTag, rows: r.rows as unknown[][], hasFields: r.fields.length > 0 };
      } catch (err) {
        return errorOutcome(err, get().lastNotices);
      }
    },
    reopen: async () => {
      await db.close();
      db = await open('/db', { fs });
      session = null;
      user = 'postgres';
    },
    session: async () => {
      throw new Error('roles scripts use SET SESSION AUTHORIZATION, not @session');
    },
    close: async () => {
      await db.close();
    },
  };
}

/** PostgreSQL: the script in a fresh database `rolestest`; afterwards every role it made is dropped. */
async function pgRolesRunner(port: number): Promise<Runner> {
  const { default: pg } = await import('pg');
  const base = { host: '127.0.0.1', port, user: 'postgres' };
  const admin = new pg.Client({ ...base, database: 'postgres' });
  await admin.connect();
  await cleanPg(admin);
  await admin.query('CREATE DATABASE rolestest');
  let notices: Outcome['notices'][number][] = [];
  let client: InstanceType<typeof pg.Client> | null = null;
  const get = async (): Promise<InstanceType<typeof pg.Client>> => {
    if (client === null) {
      const c = new pg.Client({ ...base, database: 'rolestest' });
      c.on('notice', (n) => notices.push({ severity: n.severity ?? 'NOTICE', code: n.code ?? '', message: n.message ?? '' }));
      await c.connect();
      client = c;
    }
    return client;
  };
  return {
    run: async (sql) => {
      const c = await get();
      notices = [];
      try {
        const r = await c.query({ text: sql, rowMode: 'array' });
        return { notices, command: r.command, tag: `${r.command} ${r.rowCount ?? ''}`.trim(), rows: r.rows as unknown[][], hasFields: r.fields.length > 0 };
      } catch (err) {
        return errorOutcome(err, notices);
      }
    },
    reopen: async () => {
      await client?.end();
      client = null;
    },
    session: async () => {
      throw new Error('roles scripts use SET SESSION AUTHORIZATION, not @session');
    },
    close: async () => {
      await client?.end();
      await cleanPg(admin);
      await admin.end();
    },
  };
}

async function cleanPg(admin: { query(q: string): Promise<{ rows: unknown[] }> }): Promise<void> {
  await admin.query('DROP DATABASE IF EXISTS rolestest WITH (FORCE)');
  const r = await admin.query("SELECT quote_ident(rolname) AS n FROM pg_roles WHERE oid >= 16384");
  for (const row of r.rows as Array<{ n: string }>) await admin.query(`DROP ROLE ${row.n}`);
  await admin.query('ALTER ROLE postgres PASSWORD NULL');
  await admin.query('ALTER ROLE pg_monitor PASSWORD NULL').catch(() => undefined);
}

// ---------------------------------------------------------------------------------------------

async function checkRolesScript(text: string): Promise<void> {
  const runner = await basaltRolesRunner();
  try {
    assert.equal(await playScript(runner, text), normalize(text));
  } finally {
    await runner.close();
  }
}

/** A line diff (longest common subsequence): `-` PostgreSQL, `+` BasaltDB. */
function lineDiff(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const lcs: number[][] = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let last = '';
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      if (!x[i]!.startsWith('-- ')) last = x[i]!;
      i++;
      j++;
    } else if (j < y.length && (i === x.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      out.push(`    + ${y[j++]}    [after: ${last}]`);
    } else {
      out.push(`    - ${x[i++]}    [after: ${last}]`);
    }
  }
  return out.join('\n');
}

async function manual(args: string[]): Promise<void> {
  const port = Number(args[args.indexOf('--pg') + 1]);
  const write = args.includes('--write');
  const filter = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--pg')[0] ?? '';
  const srcPath = fileURLToPath(new URL('../../../test/sql/roles.test.ts', import.meta.url));
  let src = await readFile(srcPath, 'utf8');
  let differ = 0;
  for (const s of scripts) {
    if (!s.name.includes(filter)) continue;
    const pgr = await pgRolesRunner(port);
    let pgText: string;
    try {
      pgText = await playScript(pgr, s.text);
    } finally {
      await pgr.close();
    }
    if (pgText !== normalize(s.text)) {
      differ++;
      console.log(`PG differs from the script: ${s.name}`);
      if (write && src.includes(s.text.trim())) src = src.replace(s.text.trim(), () => pgText.replaceAll('`', '\\`').replaceAll('${', '\\${'));
    } else console.log(`ok   ${s.name}`);
    const b = await basaltRolesRunner();
    let bText: string;
    try {
      bText = await playScript(b, s.text);
    } finally {
      await b.close();
    }
    if (bText !== pgText) console.log(`  BasaltDB differs:\n${lineDiff(pgText, bText)}`);
  }
  if (write) await writeFile(srcPath, src);
  process.exitCode = differ === 0 ? 0 : 1;
}

if (process.argv.includes('--pg')) {
  void manual(process.argv.slice(2));
} else {
  for (const s of scripts) test(s.name, s.todo === undefined ? {} : { todo: s.todo }, () => checkRolesScript(s.text));
}


/**
 * Authentication and TLS (must-show 1): SCRAM-SHA-256, md5 and cleartext password exchanges with
 * right and wrong passwords (28P01), NOLOGIN (28000), the Authentication request each method sends,
 * and TLS with a self-signed certificate made at test time (the connection really is TLS; a
 * server without TLS refuses SSL). Roles are created through the embedded database before the
 * server starts. The messages are PostgreSQL 15's, checked against a PostgreSQL 15 cluster whose
 * pg_hba.conf gave each role the same method.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TLSSocket } from 'node:tls';
import type pg from 'pg';
import type { Database } from '../../src/index.js';
import * as raw from './raw.js';
import { codeOf, failure, needsServer, startTarget, type Target } from './lib.js';

async function createRoles(db: Database): Promise<void> {
  const s = db.session();
  await s.query("create role alice login password 'apw'");
  await s.query("create role carol login password 'cpw'");
  await s.query("create role dave nologin password 'dpw'");
  await s.query('create role erin login');
  await s.query("set password_encryption = 'md5'");
  await s.query("create role bob login password 'bpw'");
}

/** The Authentication request a server sends `user` first: [code, mechanisms or salt length]. */
async function authRequest(t: Target, user: string): Promise<[number, string]> {
  const c = await raw.RawConnection.open(t.port);
  try {
    c.write(raw.startupMessage({ user, database: t.database }));
    const m = await c.next();
    assert.equal(m.type, 'R');
    const code = m.body.readInt32BE(0);
    return [code, code === 10 ? m.body.toString('latin1', 4) : code === 5 ? `salt ${m.body.length - 4}` : m.body.toString('latin1', 4)];
  } finally {
    c.destroy();
  }
}

/** Connects with node-postgres and returns current_user, or the error's [code, severity, message]. */
async function login(t: Target, user: string, password: string | undefined, extra: pg.ClientConfig = {}): Promise<string | [string | undefined, unknown, string]> {
  try {
    const c = await t.pgClient({ user, ...(password === undefined ? {} : { password }), ...extra });
    try {
      return String((await c.query('select current_user as u')).rows[0]?.u);
    } finally {
      await c.end();
    }
  } catch (e) {
    const err = e as Error & { severity?: unknown };
    return [codeOf(e), err.severity, err.message];
  }
}

const failed = (user: string): [string, string, string] => ['28P01', 'FATAL', `password authentication failed for user "${user}"`];

describe('SCRAM-SHA-256 over TLS', needsServer('auth and TLS'), () => {
  let t: Target;
  before(async () => {
    t = await startTarget({ auth: 'scram-sha-256', tls: true, setup: createRoles });
  });
  after(async () => {
    await t?.close();
  });

  test('the server offers SASL with SCRAM-SHA-256 only', async () => {
    assert.deepEqual(await authRequest(t, 'alice'), [10, 'SCRAM-SHA-256\0\0']);
  });

  test('right password: logged in as the role; wrong password, no password, unknown role: 28P01', async () => {
    assert.equal(await login(t, 'alice', 'apw'), 'alice');
    assert.deepEqual(await login(t, 'alice', 'wrong'), failed('alice'));
    assert.deepEqual(await login(t, 'erin', 'x'), failed('erin'));
    assert.deepEqual(await login(t, 'nobody', 'x'), failed('nobody'));
  });

  test('a NOLOGIN role with the right password: 28000', async () => {
    assert.deepEqual(await login(t, 'dave', 'dpw'), ['28000', 'FATAL', 'role "dave" is not permitted to log in']);
  });

  test('an md5-stored password cannot answer SCRAM: 28P01', async () => {
    assert.deepEqual(await login(t, 'bob', 'bpw'), failed('bob'));
  });

  test('node-postgres over TLS: the socket is a TLS socket', async () => {
    const c = await t.pgClient({ user: 'alice', password: 'apw', ssl: { rejectUnauthorized: false } });
    try {
      const stream = (c as unknown as { connection: { stream: unknown } }).connection.stream;
      assert.ok(stream instanceof TLSSocket, 'a TLS socket');
      assert.equal(stream.encrypted, true);
      assert.match(stream.getProtocol() ?? '', /^TLSv1\.[23]$/);
      assert.equal(stream.getPeerCertificate().subject?.CN, 'localhost');
      assert.deepEqual((await c.query('select $1::text as x', ['over tls'])).rows, [{ x: 'over tls' }]);
    } finally {
      await c.end();
    }
  });

  test('postgres.js over TLS with SCRAM', async () => {
    const sql = t.postgresJs({ user: 'alice', password: 'apw', ssl: { rejectUnauthorized: false } });
    try {
      assert.deepEqual([...(await sql`select current_user as u, ${5}::int + 1 as n`)], [{ u: 'alice', n: 6 }]);
    } finally {
      await sql.end();
    }
    const bad = t.postgresJs({ user: 'alice', password: 'nope', ssl: { rejectUnauthorized: false } });
    try {
      assert.equal(codeOf(await failure(async () => bad`select 1`)), '28P01');
    } finally {
      await bad.end();
    }
  });

  test("raw SSLRequest is answered 'S'; the startup then runs inside TLS", async () => {
    const c = await raw.RawConnection.open(t.port);
    c.write(raw.sslRequest());
    assert.equal(await c.readByte(), 'S');
    const s = await raw.startTls(c);
    try {
      assert.ok(s.socket instanceof TLSSocket);
      s.write(raw.startupMessage({ user: 'alice', database: t.database }));
      const m = await s.next();
      assert.deepEqual([m.type, m.body.readInt32BE(0)], ['R', 10]);
    } finally {
      s.destroy();
    }
  });

  test('without TLS, a client still connects in the clear (TLS is offered, not required)', async () => {
    assert.equal(await login(t, 'alice', 'apw', { ssl: false }), 'alice');
  });
});

describe('md5', needsServer('auth'), () => {
  let t: Target;
  before(async () => {
    t = await startTarget({ auth: 'md5', setup: createRoles });
  });
  after(async () => {
    await t?.close();
  });

  test('an md5-stored password: MD5Password request with a 4-byte salt; right and wrong passwords', async () => {
    assert.deepEqual(await authRequest(t, 'bob'), [5, 'salt 4']);
    assert.equal(await login(t, 'bob', 'bpw'), 'bob');
    assert.deepEqual(await login(t, 'bob', 'no'), failed('bob'));
  });

  test('a SCRAM-stored password under md5 is authenticated with SCRAM, as PostgreSQL does', async () => {
    assert.deepEqual(await authRequest(t, 'alice'), [10, 'SCRAM-SHA-256\0\0']);
    assert.equal(await login(t, 'alice', 'apw'), 'alice');
    assert.deepEqual(await login(t, 'alice', 'x'), failed('alice'));
  });

  test('postgres.js with md5', async () => {
    const sql = t.postgresJs({ user: 'bob', password: 'bpw' });
    try {
      assert.deepEqual([...(await sql`select current_user as u`)], [{ u: 'bob' }]);
    } finally {
      await sql.end();
    }
  });
});

describe('cleartext password', needsServer('auth'), () => {
  let t: Target;
  before(async () => {
    t = await startTarget({ auth: 'password', setup: createRoles });
  });
  after(async () => {
    await t?.close();
  });

  test('CleartextPassword request; right and wrong passwords, whatever the stored form', async () => {
    assert.deepEqual(await authRequest(t, 'carol'), [3, '']);
    assert.equal(await login(t, 'carol', 'cpw'), 'carol');
    assert.deepEqual(await login(t, 'carol', 'x'), failed('carol'));
    assert.equal(await login(t, 'bob', 'bpw'), 'bob');
    assert.deepEqual(await login(t, 'bob', 'x'), failed('bob'));
  });

  test('the raw client answering the cleartext request', async () => {
    const c = await raw.RawConnection.connect({ port: t.port, user: 'carol', password: 'cpw', database: t.database });
    try {
      assert.deepEqual((await c.simple('select current_user')).map(raw.summary), ['T current_user', 'D ["carol"]', 'C SELECT 1', 'Z I']);
    } finally {
      await c.end();
    }
  });
});

describe('roles made over the wire', needsServer('auth'), () => {
  test('CREATE ROLE … PASSWORD and ALTER ROLE … PASSWORD through a session take effect for new connections', async () => {
    // Trust until the first password exists; then the server is started again with SCRAM.
    const t = await startTarget({ auth: 'scram-sha-256', setup: async (db) => void (await db.query("create role admin superuser login password 'root'")) });
    try {
      const a = await t.pgClient({ user: 'admin', password: 'root' });
      try {
        await a.query("create role frank login password 'f1'");
        assert.equal(await login(t, 'frank', 'f1'), 'frank');
        await a.query("alter role frank password 'f2'");
        assert.deepEqual(await login(t, 'frank', 'f1'), failed('frank'));
        assert.equal(await login(t, 'frank', 'f2'), 'frank');
        await a.query('drop role frank');
        assert.deepEqual(await login(t, 'frank', 'f2'), failed('frank'));
      } finally {
        await a.end();
      }
    } finally {
      await t.close();
    }
  });
});

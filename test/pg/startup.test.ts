/**
 * Connection startup (issue 7, "Protocol"): the ParameterStatus set and BackendKeyData PostgreSQL 15
 * sends, startup parameters and `options` becoming session settings (and the values RESET goes back
 * to), ParameterStatus on SET, NegotiateProtocolVersion, SSLRequest/GSSENCRequest refused with 'N'
 * when there is no TLS, the database name (3D000 for an unknown one), role errors, Terminate — as
 * PostgreSQL 15 answered, through raw.ts, node-postgres and postgres.js.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as raw from './raw.js';
import { type Target, codeOf, failure, gap, realPort, startTarget } from './lib.js';

let target: Target;

/** Known differences from PostgreSQL, reported in /work/notes/pg-clients.md (BasaltDB only). */
before(async () => {
  target = await startTarget();
});

after(async () => {
  await target.close();
});

/** Opens a connection, sends a StartupMessage and returns every message until the server goes quiet or closes. */
async function startup(params: { readonly [k: string]: string }, version = raw.protocol30): Promise<raw.Message[]> {
  const c = await raw.RawConnection.open(target.port);
  try {
    c.write(raw.startupMessage(params, version));
    const out: raw.Message[] = [];
    for (;;) {
      const m = await c.next(10_000).catch(() => undefined);
      if (m === undefined) return out;
      out.push(m);
      if (m.type === 'Z' || m.type === 'E') return out;
    }
  } finally {
    c.destroy();
  }
}

function errorOf(ms: readonly raw.Message[]): string {
  const e = ms.find((m) => m.type === 'E');
  if (e === undefined) return 'no error';
  const f = raw.fields(e);
  return `${f['S']} ${f['C']} ${f['M']}`;
}

describe('startup', () => {
  test('ParameterStatus: the set PostgreSQL 15 reports, BackendKeyData, ReadyForQuery I', async () => {
    const ms = await startup({ user: 'postgres', database: target.database, application_name: 'wire-test' });
    assert.equal(ms[0]!.type, 'R');
    assert.equal(ms[0]!.body.readInt32BE(0), 0, 'AuthenticationOk');
    const params = new Map(ms.filter((m) => m.type === 'S').map(raw.parameterStatus));
    assert.deepEqual([...params.keys()].sort(), [
      'DateStyle',
      'IntervalStyle',
      'TimeZone',
      'application_name',
      'client_encoding',
      'default_transaction_read_only',
      'in_hot_standby',
      'integer_datetimes',
      'is_superuser',
      'server_encoding',
      'server_version',
      'session_authorization',
      'standard_conforming_strings',
    ]);
    const { TimeZone: _tz, server_version: version, ...fixed } = Object.fromEntries(params);
    assert.deepEqual(fixed, {
      DateStyle: 'ISO, MDY',
      IntervalStyle: 'postgres',
      application_name: 'wire-test',
      client_encoding: 'UTF8',
      default_transaction_read_only: 'off',
      in_hot_standby: 'off',
      integer_datetimes: 'on',
      is_superuser: 'on',
      server_encoding: 'UTF8',
      session_authorization: 'postgres',
      standard_conforming_strings: 'on',
    });
    assert.match(version ?? '', /^15\./);
    const k = ms.find((m) => m.type === 'K');
    assert.ok(k !== undefined && k.body.length === 8, 'BackendKeyData with process id and secret key');
    assert.equal(raw.summary(ms[ms.length - 1]!), 'Z I');
  });

  test('startup parameters and -c options become the session settings', async () => {
    const c = await raw.RawConnection.connect({
      port: target.port,
      database: target.database,
      params: { application_name: 'myapp', TimeZone: 'America/New_York', options: '-c statement_timeout=5s -c search_path=foo' },
    });
    try {
      assert.equal(c.parameters.get('TimeZone'), 'America/New_York');
      for (const [q, v] of [
        ['show statement_timeout', '5s'],
        ['show search_path', 'foo'],
        ['show timezone', 'America/New_York'],
        ['show application_name', 'myapp'],
      ] as const) {
        assert.deepEqual((await c.simple(q)).filter((m) => m.type === 'D').map((m) => raw.textRow(m)[0]), [v], q);
      }
    } finally {
      await c.end();
    }
  });

  test('SET of a reported setting sends ParameterStatus; SET LOCAL is undone at COMMIT', async () => {
    const c = await raw.RawConnection.connect({ port: target.port, database: target.database, params: { TimeZone: 'America/New_York' } });
    const st = async (q: string): Promise<string[]> =>
      (await c.simple(q)).map((m) => (m.type === 'S' ? `S ${raw.parameterStatus(m).join('=')}` : raw.summary(m)));
    try {
      assert.deepEqual(await st("set application_name = 'other'"), ['C SET', 'S application_name=other', 'Z I']);
      assert.deepEqual(await st("set intervalstyle = 'iso_8601'"), ['C SET', 'S IntervalStyle=iso_8601', 'Z I']);
      assert.deepEqual(await st('reset intervalstyle'), ['C RESET', 'S IntervalStyle=postgres', 'Z I']);
      assert.deepEqual(await st("begin; set local timezone = 'Asia/Tokyo'"), ['C BEGIN', 'C SET', 'S TimeZone=Asia/Tokyo', 'Z T']);
      assert.deepEqual(await st('commit'), ['C COMMIT', 'S TimeZone=America/New_York', 'Z I']);
    } finally {
      await c.end();
    }
  });

  test('RESET ALL goes back to the values of the startup packet', gap('RESET ALL goes back to the built-in defaults'), async () => {
    const c = await raw.RawConnection.connect({ port: target.port, database: target.database, params: { application_name: 'myapp', TimeZone: 'America/New_York' } });
    const st = async (q: string): Promise<string[]> =>
      (await c.simple(q)).map((m) => (m.type === 'S' ? `S ${raw.parameterStatus(m).join('=')}` : raw.summary(m)));
    try {
      await st("set application_name = 'other'; set timezone = 'UTC'; set datestyle = 'German'");
      assert.deepEqual(await st('reset all'), ['C RESET', 'S application_name=myapp', 'S DateStyle=ISO, MDY', 'S TimeZone=America/New_York', 'Z I']);
    } finally {
      await c.end();
    }
  });

  test("SET datestyle = 'German' implies DMY order", async () => {
    const c = await raw.RawConnection.connect({ port: target.port, database: target.database });
    try {
      const ms = await c.simple("set datestyle = 'German'");
      assert.deepEqual(ms.filter((m) => m.type === 'S').map((m) => raw.parameterStatus(m).join('=')), ['DateStyle=German, DMY']);
    } finally {
      await c.end();
    }
  });

  test('an unknown setting in the startup packet is FATAL 42704', async () => {
    assert.equal(errorOf(await startup({ user: 'postgres', database: target.database, bogus_param: 'x' })), 'FATAL 42704 unrecognized configuration parameter "bogus_param"');
  });

  test('a newer 3.x minor version gets NegotiateProtocolVersion (3.0, the unknown _pq_ options), then the session', async () => {
    const ms = await startup({ user: 'postgres', database: target.database, '_pq_.foo': 'x' }, raw.protocol30 + 5);
    const v = ms.find((m) => m.type === 'v');
    assert.ok(v !== undefined, 'NegotiateProtocolVersion');
    assert.equal(v.body.readInt32BE(4), 1);
    assert.equal(v.body.toString('latin1', 8), '_pq_.foo\0');
    assert.equal(raw.summary(ms[ms.length - 1]!), 'Z I');
  });

  test('NegotiateProtocolVersion names version 3.0 as the newest supported', async () => {
    const ms = await startup({ user: 'postgres', database: target.database }, raw.protocol30 + 2);
    const v = ms.find((m) => m.type === 'v');
    assert.equal(v?.body.readInt32BE(0), raw.protocol30);
  });

  test('protocol 4.0 and a missing user are FATAL', async () => {
    assert.equal(errorOf(await startup({ user: 'postgres', database: target.database }, 4 << 16)), 'FATAL 0A000 unsupported frontend protocol 4.0: server supports 3.0 to 3.0');
    assert.equal(errorOf(await startup({ database: target.database })), 'FATAL 28000 no PostgreSQL user name specified in startup packet');
  });

  test('an unknown database is FATAL 3D000; an unknown role is FATAL 28000', async () => {
    assert.equal(errorOf(await startup({ user: 'postgres', database: 'nosuchdb' })), 'FATAL 3D000 database "nosuchdb" does not exist');
    assert.equal(errorOf(await startup({ user: 'ghost', database: target.database })), 'FATAL 28000 role "ghost" does not exist');
    const e = await failure(() => target.pgClient({ database: 'nosuchdb' }));
    assert.deepEqual([codeOf(e), e.message], ['3D000', 'database "nosuchdb" does not exist']);
    const sql = target.postgresJs({ database: 'nosuchdb' });
    try {
      assert.equal(codeOf(await failure(async () => sql`select 1`)), '3D000');
    } finally {
      await sql.end();
    }
  });

  test('BasaltDB answers to "postgres" and to its database name', { skip: realPort !== undefined ? 'BasaltDB only' : false }, async () => {
    for (const database of ['postgres', 'basalt']) {
      const c = await target.pgClient({ database });
      try {
        assert.deepEqual((await c.query('select current_database() as d')).rows, [{ d: database }]);
      } finally {
        await c.end();
      }
    }
  });

  test("SSLRequest without TLS is answered 'N' and the startup goes on in the clear", async () => {
    const c = await raw.RawConnection.open(target.port);
    try {
      c.write(raw.sslRequest());
      assert.equal(await c.readByte(), 'N');
      await c.startup({ port: target.port, database: target.database });
      assert.deepEqual((await c.simple('select 1')).map(raw.summary), ['T ?column?', 'D ["1"]', 'C SELECT 1', 'Z I']);
    } finally {
      await c.end();
    }
    const e = await failure(() => target.pgClient({ ssl: true }));
    assert.equal(e.message, 'The server does not support SSL connections');
  });

  test("GSSENCRequest is answered 'N'", { skip: realPort !== undefined ? 'the Debian build of PostgreSQL has GSSAPI and answers G' : false }, async () => {
    const c = await raw.RawConnection.open(target.port);
    try {
      c.write(raw.gssEncRequest());
      assert.equal(await c.readByte(), 'N');
      await c.startup({ port: target.port, database: target.database });
      assert.deepEqual((await c.simple('select 1')).map(raw.summary), ['T ?column?', 'D ["1"]', 'C SELECT 1', 'Z I']);
    } finally {
      await c.end();
    }
  });

  test('Terminate ends the session: the server closes the socket', async () => {
    const c = await raw.RawConnection.connect({ port: target.port, database: target.database });
    c.write(raw.terminate());
    await c.whenClosed;
    assert.equal(c.closed, true);
  });
});

// AuthExchange (src/server/pg/auth.ts) driven by a client-side SCRAM-SHA-256 / md5 / cleartext
// implementation written here, and against verifiers produced by a real PostgreSQL 15
// (CREATE ROLE … PASSWORD, then SELECT rolpassword FROM pg_authid).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { AuthExchange, type AuthMethod, type AuthOptions, type AuthRequest } from '../../src/server/pg/auth.js';
import { bootstrapSuperuser, type RoleInfo } from '../../src/sql/catalog.js';
import { SqlError } from '../../src/sql/errors.js';
import { encryptPassword, md5Secret, parseScramSecret, passwordType, saslprep, scramKeys, scramSecret, verifyPlainPassword } from '../../src/sql/password.js';

/** Verifiers PostgreSQL 15 stored (password_encryption scram-sha-256, then md5). */
const pg = {
  // CREATE ROLE scramuser LOGIN PASSWORD 'pencil'
  scramuser: 'SCRAM-SHA-256$4096:6eUB/fV15CY+gVKglr+HXg==$iam5exKCso6ss1hoAehfFU6PqW2BoPnyJUn3nsMnNHA=:hyCOnfBguMSd0kmWtj9o+i7EWxhiw83cg4348k138mQ=',
  // SET password_encryption = 'md5'; CREATE ROLE md5user LOGIN PASSWORD 'secret'
  md5user: 'md52aea419619857e8a27f0f7aa641db0c6',
  // … CREATE ROLE nologinuser NOLOGIN PASSWORD 'pw'
  nologinuser: 'md5ed76322efcff13000225d1d960c13767',
};

function role(name: string, password: string | null, extra: Partial<RoleInfo> = {}): RoleInfo {
  return { ...bootstrapSuperuser, oid: 16384, name, superuser: false, password, ...extra };
}

const enc = new TextEncoder();
const dec = new TextDecoder();

function cstring(s: string): Uint8Array {
  return enc.encode(`${s}\0`);
}

function hmac(key: Uint8Array, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** A SCRAM-SHA-256 client as RFC 5802 describes it (what libpq and node-postgres do). */
class ScramClient {
  readonly nonce = randomBytes(18).toString('base64');
  readonly first = `n=,r=${this.nonce}`;
  serverSignature = '';

  constructor(
    readonly password: string,
    readonly gs2 = 'n,,',
  ) {}

  initialResponse(mechanism = 'SCRAM-SHA-256', message = `${this.gs2}${this.first}`): Uint8Array {
    const m = enc.encode(message);
    const out = new Uint8Array(mechanism.length + 1 + 4 + m.length);
    out.set(cstring(mechanism));
    new DataView(out.buffer).setInt32(mechanism.length + 1, m.length);
    out.set(m, mechanism.length + 5);
    return out;
  }

  final(serverFirst: string, tamper: { nonce?: string; channel?: string; proof?: (p: Buffer) => Buffer } = {}): Uint8Array {
    const attrs = new Map(serverFirst.split(',').map((kv) => [kv[0]!, kv.slice(2)] as const));
    const nonce = attrs.get('r')!;
    assert.ok(nonce.startsWith(this.nonce), 'the server nonce extends the client nonce');
    const salt = Buffer.from(attrs.get('s')!, 'base64');
    const iterations = Number(attrs.get('i'));
    const salted = pbkdf2Sync(this.password, salt, iterations, 32, 'sha256');
    const clientKey = hmac(salted, 'Client Key');
    const storedKey = createHash('sha256').update(clientKey).digest();
    const withoutProof = `c=${tamper.channel ?? Buffer.from(this.gs2).toString('base64')},r=${tamper.nonce ?? nonce}`;
    const authMessage = `${this.first},${serverFirst},${withoutProof}`;
    const signature = hmac(storedKey, authMessage);
    let proof: Buffer = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
    if (tamper.proof !== undefined) proof = tamper.proof(proof);
    this.serverSignature = hmac(hmac(salted, 'Server Key'), authMessage).toString('base64');
    return enc.encode(`${withoutProof},p=${proof.toString('base64')}`);
  }
}

/** Run a SCRAM login; returns the server-final-message. */
function scramLogin(ex: AuthExchange, password: string): string {
  const start = ex.start();
  assert.equal(start.code, 10);
  assert.equal(dec.decode(start.data), 'SCRAM-SHA-256\0\0', 'only SCRAM-SHA-256, never -PLUS');
  const client = new ScramClient(password);
  const first = ex.receive(client.initialResponse());
  assert.equal(first.done, false);
  assert.equal(first.send!.code, 11);
  const final = ex.receive(client.final(dec.decode(first.send!.data)));
  assert.equal(final.done, true);
  assert.equal(final.send!.code, 12);
  const v = dec.decode(final.send!.data);
  assert.equal(v, `v=${client.serverSignature}`, 'the server proves it knows the verifier');
  return v;
}

function md5Response(req: AuthRequest, user: string, password: string): Uint8Array {
  assert.equal(req.code, 5);
  assert.equal(req.data.length, 4);
  const inner = createHash('md5').update(password + user).digest('hex');
  const outer = createHash('md5').update(Buffer.concat([Buffer.from(inner), req.data])).digest('hex');
  return cstring(`md5${outer}`);
}

function failsWith(code: string, message: string | RegExp, f: () => unknown): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof SqlError, String(e));
    assert.equal(e.code, code);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

const authFailed = (user: string): string => `password authentication failed for user "${user}"`;

describe('password verifiers', () => {
  it('derives the same SCRAM keys as PostgreSQL from its salt and iterations', () => {
    const s = parseScramSecret(pg.scramuser)!;
    assert.equal(s.iterations, 4096);
    const keys = scramKeys('pencil', s.salt, s.iterations);
    assert.deepEqual(keys.storedKey, Buffer.from(s.storedKey));
    assert.deepEqual(keys.serverKey, Buffer.from(s.serverKey));
    assert.equal(scramSecret('pencil', s.salt), pg.scramuser);
  });

  it('computes md5 verifiers as PostgreSQL does', () => {
    assert.equal(md5Secret('secret', 'md5user'), pg.md5user);
    assert.equal(encryptPassword('secret', 'md5user', 'md5'), pg.md5user);
  });

  it('stores a verifier given as the password unchanged, anything else encrypted', () => {
    assert.equal(encryptPassword(pg.scramuser, 'x', 'md5'), pg.scramuser);
    assert.equal(encryptPassword(pg.md5user, 'x', 'scram-sha-256'), pg.md5user);
    // Not verifiers (PostgreSQL hashed these as plain passwords): upper-case hex, short md5, broken SCRAM.
    for (const p of ['md5AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'md5aaaa', 'SCRAM-SHA-256$bogus', 'SCRAM-SHA-256$4096:AAAA$AAAA:AAAA']) {
      assert.equal(passwordType(p), 'plain', p);
      assert.match(encryptPassword(p, 'x', 'scram-sha-256'), /^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    }
  });

  it('verifies clear text against both kinds', () => {
    assert.equal(verifyPlainPassword('scramuser', pg.scramuser, 'pencil'), true);
    assert.equal(verifyPlainPassword('scramuser', pg.scramuser, 'Pencil'), false);
    assert.equal(verifyPlainPassword('md5user', pg.md5user, 'secret'), true);
    assert.equal(verifyPlainPassword('other', pg.md5user, 'secret'), false, 'md5 verifiers are salted with the role name');
  });

  it('applies SASLprep to non-ASCII passwords, keeps ASCII and rejected ones as they are', () => {
    assert.equal(saslprep('pencil'), 'pencil');
    assert.equal(saslprep('I\u00ADX'), 'IX', 'soft hyphen maps to nothing');
    assert.equal(saslprep('a\u00A0b'), 'a b', 'no-break space maps to space');
    assert.equal(saslprep('\u2168'), 'IX', 'NFKC');
    assert.equal(saslprep('a\u0007\u00e9'), 'a\u0007\u00e9', 'prohibited control character: used as is');
  });
});

describe('AuthExchange', () => {
  it('trust: AuthenticationOk at once for a login role; 28000 for an unknown or NOLOGIN role', () => {
    const ok = new AuthExchange('trust', 'postgres', bootstrapSuperuser).start();
    assert.equal(ok.code, 0);
    failsWith('28000', 'role "ghost" does not exist', () => new AuthExchange('trust', 'ghost', undefined).start());
    failsWith('28000', 'role "n" is not permitted to log in', () => new AuthExchange('trust', 'n', role('n', null, { login: false })).start());
  });

  it('SCRAM-SHA-256 against a verifier made by PostgreSQL', () => {
    scramLogin(new AuthExchange('scram-sha-256', 'scramuser', role('scramuser', pg.scramuser)), 'pencil');
  });

  it('SCRAM-SHA-256 against a verifier made by CREATE ROLE here', () => {
    const secret = encryptPassword('correct horse', 'u', 'scram-sha-256');
    scramLogin(new AuthExchange('scram-sha-256', 'u', role('u', secret)), 'correct horse');
  });

  it('SCRAM with a wrong password, an unknown user, no password, an md5 verifier: the same 28P01 after a full exchange', () => {
    const cases: Array<[string, RoleInfo | undefined, string]> = [
      ['scramuser', role('scramuser', pg.scramuser), 'wrong'],
      ['ghost', undefined, 'pencil'],
      ['nopw', role('nopw', null), ''],
      ['md5user', role('md5user', pg.md5user), 'secret'],
    ];
    for (const [user, r, password] of cases) {
      const ex = new AuthExchange('scram-sha-256', user, r);
      assert.equal(ex.start().code, 10);
      const client = new ScramClient(password);
      const first = ex.receive(client.initialResponse());
      assert.equal(first.send!.code, 11, `${user}: a mock exchange continues`);
      failsWith('28P01', authFailed(user), () => ex.receive(client.final(dec.decode(first.send!.data))));
    }
  });

  it('SCRAM mock salt of an unknown user is stable between attempts (does not reveal that the user is unknown)', () => {
    const salt = (): string => {
      const ex = new AuthExchange('scram-sha-256', 'ghost', undefined);
      ex.start();
      const first = ex.receive(new ScramClient('x').initialResponse());
      return /,s=([^,]+),/.exec(dec.decode(first.send!.data))![1]!;
    };
    assert.equal(salt(), salt());
    assert.equal(Buffer.from(salt(), 'base64').length, 16);
  });

  it('SCRAM: expired VALID UNTIL fails like a wrong password; infinity and future dates pass', () => {
    const at = (validUntil: string): AuthOptions & { role: RoleInfo } => ({ role: role('scramuser', pg.scramuser, { validUntil }), nowMicros: () => 800000000000000n });
    // now = 2025-05-09 (µs since 2000-01-01)
    const past = at('2001-02-02 21:05:06+00');
    failsWith('28P01', authFailed('scramuser'), () => scramLogin(new AuthExchange('scram-sha-256', 'scramuser', past.role, past), 'pencil'));
    const minus = at('-infinity');
    failsWith('28P01', authFailed('scramuser'), () => scramLogin(new AuthExchange('scram-sha-256', 'scramuser', minus.role, minus), 'pencil'));
    for (const v of ['infinity', '2030-01-01 00:00:00+00']) {
      const o = at(v);
      scramLogin(new AuthExchange('scram-sha-256', 'scramuser', o.role, o), 'pencil');
    }
  });

  it('SCRAM: a NOLOGIN role with the right password gets 28000, with a wrong one 28P01', () => {
    const secret = encryptPassword('pw', 'n', 'scram-sha-256');
    failsWith('28000', 'role "n" is not permitted to log in', () => scramLogin(new AuthExchange('scram-sha-256', 'n', role('n', secret, { login: false })), 'pw'));
    failsWith('28P01', authFailed('n'), () => scramLogin(new AuthExchange('scram-sha-256', 'n', role('n', secret, { login: false })), 'px'));
  });

  it('SCRAM protocol violations: other mechanism, channel binding, authzid, tampered nonce, channel or proof', () => {
    const begin = (): { ex: AuthExchange; client: ScramClient } => {
      const ex = new AuthExchange('scram-sha-256', 'scramuser', role('scramuser', pg.scramuser));
      ex.start();
      return { ex, client: new ScramClient('pencil') };
    };
    let b = begin();
    failsWith('08P01', 'client selected an invalid SASL authentication mechanism', () => b.ex.receive(b.client.initialResponse('SCRAM-SHA-256-PLUS')));
    b = begin();
    failsWith('08P01', 'malformed SCRAM message', () => b.ex.receive(b.client.initialResponse('SCRAM-SHA-256', `p=tls-server-end-point,,${b.client.first}`)));
    b = begin();
    failsWith('0A000', 'client uses authorization identity, but it is not supported', () => b.ex.receive(b.client.initialResponse('SCRAM-SHA-256', `n,a=bob,${b.client.first}`)));
    b = begin();
    failsWith('08P01', 'malformed SCRAM message', () => b.ex.receive(b.client.initialResponse('SCRAM-SHA-256', 'n,,n=,r=')));
    const tampered: Array<[string, RegExp, Parameters<ScramClient['final']>[1]]> = [
      ['08P01', /malformed SCRAM message/, { nonce: 'abc' }],
      ['08P01', /channel binding/, { channel: Buffer.from('y,,').toString('base64') }],
      ['08P01', /malformed SCRAM message/, { proof: (p) => p.subarray(0, 31) }],
      ['28P01', /password authentication failed/, { proof: (p) => Buffer.from(p.map((x, i) => (i === 0 ? x ^ 1 : x))) }],
    ];
    for (const [code, message, t] of tampered) {
      b = begin();
      const first = b.ex.receive(b.client.initialResponse());
      failsWith(code, message, () => b.ex.receive(b.client.final(dec.decode(first.send!.data), t)));
    }
  });

  it('SCRAM: a client that sends y,, (supports channel binding, server offered none) is accepted', () => {
    const ex = new AuthExchange('scram-sha-256', 'scramuser', role('scramuser', pg.scramuser));
    ex.start();
    const client = new ScramClient('pencil', 'y,,');
    const first = ex.receive(client.initialResponse());
    const final = ex.receive(client.final(dec.decode(first.send!.data)));
    assert.equal(dec.decode(final.send!.data), `v=${client.serverSignature}`);
  });

  it('md5 against an md5 verifier made by PostgreSQL; wrong password 28P01', () => {
    const ex = new AuthExchange('md5', 'md5user', role('md5user', pg.md5user));
    const req = ex.start();
    assert.deepEqual(ex.receive(md5Response(req, 'md5user', 'secret')), { send: null, done: true });
    const bad = new AuthExchange('md5', 'md5user', role('md5user', pg.md5user));
    failsWith('28P01', authFailed('md5user'), () => bad.receive(md5Response(bad.start(), 'md5user', 'Secret')));
  });

  it('md5 uses a fresh salt each time', () => {
    const a = new AuthExchange('md5', 'md5user', role('md5user', pg.md5user)).start();
    const b = new AuthExchange('md5', 'md5user', role('md5user', pg.md5user)).start();
    assert.notDeepEqual(a.data, b.data);
  });

  it('md5 method with a SCRAM verifier runs SCRAM (as PostgreSQL does)', () => {
    scramLogin(new AuthExchange('md5', 'scramuser', role('scramuser', pg.scramuser)), 'pencil');
  });

  it('md5 method for an unknown user: a mock of the password_encryption kind, then 28P01', () => {
    assert.equal(new AuthExchange('md5', 'ghost', undefined).start().code, 10, 'default scram-sha-256: mock SCRAM');
    const ex = new AuthExchange('md5', 'ghost', undefined, { passwordEncryption: 'md5' });
    const req = ex.start();
    failsWith('28P01', authFailed('ghost'), () => ex.receive(md5Response(req, 'ghost', 'anything')));
  });

  it('md5: a NOLOGIN role with the right password gets 28000 (PostgreSQL verifier)', () => {
    const ex = new AuthExchange('md5', 'nologinuser', role('nologinuser', pg.nologinuser, { login: false }));
    failsWith('28000', 'role "nologinuser" is not permitted to log in', () => ex.receive(md5Response(ex.start(), 'nologinuser', 'pw')));
  });

  it('cleartext password against SCRAM and md5 verifiers', () => {
    for (const [user, secret, password] of [['scramuser', pg.scramuser, 'pencil'], ['md5user', pg.md5user, 'secret']] as const) {
      const ex = new AuthExchange('password', user, role(user, secret));
      assert.equal(ex.start().code, 3);
      assert.deepEqual(ex.receive(cstring(password)), { send: null, done: true });
      const bad = new AuthExchange('password', user, role(user, secret));
      bad.start();
      failsWith('28P01', authFailed(user), () => bad.receive(cstring(`${password}x`)));
    }
  });

  it('cleartext: unknown user and no password fail like a wrong password; an empty password is refused', () => {
    for (const [user, r] of [['ghost', undefined], ['nopw', role('nopw', null)]] as const) {
      const ex = new AuthExchange('password', user, r);
      ex.start();
      failsWith('28P01', authFailed(user), () => ex.receive(cstring('pencil')));
    }
    const ex = new AuthExchange('password', 'scramuser', role('scramuser', pg.scramuser));
    ex.start();
    failsWith('28P01', 'empty password returned by client', () => ex.receive(cstring('')));
  });

  it('rejects a password packet with bytes after the NUL and messages after the end', () => {
    const ex = new AuthExchange('password', 'scramuser', role('scramuser', pg.scramuser));
    ex.start();
    failsWith('08P01', 'invalid password packet size', () => ex.receive(enc.encode('pencil\0x')));
    const done = new AuthExchange('trust', 'postgres', bootstrapSuperuser);
    done.start();
    failsWith('08P01', 'unexpected password message', () => done.receive(cstring('x')));
  });

  it('every method: the same failure text for an unknown user as for a wrong password', () => {
    const methods: AuthMethod[] = ['password', 'md5', 'scram-sha-256'];
    for (const m of methods) {
      const messages: string[] = [];
      for (const [user, r] of [['scramuser', role('scramuser', pg.scramuser)], ['scramuser', undefined]] as const) {
        const ex = new AuthExchange(m, user, r);
        const req = ex.start();
        try {
          if (req.code === 3) ex.receive(cstring('wrong'));
          else if (req.code === 5) ex.receive(md5Response(req, user, 'wrong'));
          else {
            const c = new ScramClient('wrong');
            const first = ex.receive(c.initialResponse());
            ex.receive(c.final(dec.decode(first.send!.data)));
          }
          assert.fail('authenticated');
        } catch (e) {
          assert.ok(e instanceof SqlError);
          messages.push(`${e.code} ${e.message}`);
        }
      }
      assert.equal(messages[0], messages[1], m);
      assert.equal(messages[0], `28P01 ${authFailed('scramuser')}`);
    }
  });
});

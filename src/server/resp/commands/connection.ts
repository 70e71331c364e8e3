/** Connection commands: PING, ECHO, HELLO, AUTH, SELECT, QUIT, RESET, CLIENT. */
import { redisDatabases } from '../../../limits.js';
import type { Client } from '../client.js';
import { errSyntax, fail, int, word, argCountError, type Handler } from '../command.js';

/** The Redis version this server answers as (its command semantics). */
export const redisVersionCompat = '7.0.15';

const ping: Handler = (c, a) => {
  if (a.length > 2) throw argCountError('ping');
  if (c.resp === 2 && c.subscriptions > 0) {
    c.w.array(2);
    c.w.bulk('pong');
    c.w.bulk(a.length === 2 ? a[1]! : '');
    return;
  }
  if (a.length === 2) c.w.bulk(a[1]!);
  else c.w.simple('PONG');
};

function checkPassword(c: Client, user: string, pass: Buffer): boolean {
  const want = c.server.config.requirepass();
  return user === 'default' && (want === '' || pass.toString('utf8') === want);
}

function authenticated(c: Client): void {
  c.authenticated = true;
  c.parser.limits = c.server.parserLimits(true);
}

const wrongPass = 'WRONGPASS invalid username-password pair or user is disabled.';

const auth: Handler = (c, a) => {
  if (a.length > 3) fail(errSyntax);
  const user = a.length === 3 ? a[1]!.toString('utf8') : 'default';
  if (a.length === 2 && c.server.config.requirepass() === '') {
    fail('ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
  }
  if (!checkPassword(c, user, a[a.length - 1]!)) fail(wrongPass);
  authenticated(c);
  c.w.ok();
};

/** HELLO [protover [AUTH username password] [SETNAME clientname]] */
const hello: Handler = (c, a) => {
  let proto = c.resp;
  if (a.length >= 2) {
    const v = Number(a[1]!.toString('latin1'));
    if (!/^-?\d+$/.test(a[1]!.toString('latin1'))) fail('ERR Protocol version is not an integer or out of range');
    if (v !== 2 && v !== 3) fail('NOPROTO unsupported protocol version');
    proto = v;
  }
  let name: string | null = null;
  let creds: [string, Buffer] | null = null;
  for (let i = 2; i < a.length; i++) {
    const w = word(a[i]!);
    if (w === 'AUTH' && i + 2 < a.length) {
      creds = [a[i + 1]!.toString('utf8'), a[i + 2]!];
      i += 2;
    } else if (w === 'SETNAME' && i + 1 < a.length) {
      name = a[++i]!.toString('utf8');
    } else {
      fail(`ERR Syntax error in HELLO option '${a[i]!.toString('utf8')}'`);
    }
  }
  if (creds !== null) {
    if (!checkPassword(c, creds[0], creds[1])) fail(wrongPass);
    authenticated(c);
  }
  if (!c.authenticated) {
    fail('NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time');
  }
  if (name !== null) setName(c, name);
  c.w.resp = proto;
  c.w.map(7);
  c.w.bulk('server');
  c.w.bulk('redis');
  c.w.bulk('version');
  c.w.bulk(redisVersionCompat);
  c.w.bulk('proto');
  c.w.int(proto);
  c.w.bulk('id');
  c.w.int(c.id);
  c.w.bulk('mode');
  c.w.bulk('standalone');
  c.w.bulk('role');
  c.w.bulk('master');
  c.w.bulk('modules');
  c.w.array(0);
};

function setName(c: Client, name: string): void {
  if (/[^!-~]/.test(name)) fail('ERR Client names cannot contain spaces, newlines or special characters.');
  c.name = name;
}

const select: Handler = (c, a) => {
  const n = int(a[1]!);
  if (n < 0 || n >= redisDatabases) fail('ERR DB index is out of range');
  c.db = n;
  c.w.ok();
};

const quit: Handler = (c) => {
  c.w.ok();
  c.closeAfterReply = true;
};

const reset: Handler = (c) => {
  const s = c.server;
  c.multi = null;
  c.multiError = false;
  s.unwatchAll(c);
  for (const ch of [...c.channels.keys()]) s.unsubscribe(c, ch);
  for (const p of [...c.patterns.keys()]) s.punsubscribe(c, p);
  c.db = 0;
  c.name = '';
  c.w.resp = 2;
  if (s.config.requirepass() !== '') {
    c.authenticated = false;
    c.parser.limits = s.parserLimits(false);
  }
  c.w.simple('RESET');
};

/** One line of CLIENT LIST / CLIENT INFO. */
export function clientLine(c: Client): string {
  const now = Date.now();
  return (
    `id=${c.id} addr=${c.addr} laddr=${c.laddr} fd=-1 name=${c.name} age=${Math.floor((now - c.createdAt) / 1000)} ` +
    `idle=${Math.floor((now - c.lastActive) / 1000)} flags=${c.flags} db=${c.db} sub=${c.channels.size} psub=${c.patterns.size} ssub=0 ` +
    `multi=${c.multi === null ? -1 : c.multi.length} qbuf=${c.parser.buffered} qbuf-free=0 argv-mem=0 multi-mem=0 rbs=0 rbp=0 ` +
    `obl=0 oll=0 omem=${c.socket.writableLength} tot-mem=${c.parser.buffered + c.socket.writableLength} events=r ` +
    `cmd=${c.lastCommand} user=default redir=-1 resp=${c.resp} lib-name=${c.libName} lib-ver=${c.libVer}\n`
  );
}

function clientType(c: Client): string {
  return c.subscriptions > 0 ? 'pubsub' : 'normal';
}

const clientTypes = ['normal', 'master', 'replica', 'slave', 'pubsub'];

const clientHelp = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GETNAME',
  '    Return the name of the current connection.',
  'ID',
  '    Return the ID of the current connection.',
  'INFO',
  '    Return information about the current client connection.',
  'KILL <ip:port>',
  '    Kill connection made from <ip:port>.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Kill connections. Options are: ID, TYPE, USER, ADDR, LADDR, SKIPME.',
  'LIST [options ...]',
  '    Return information about client connections. Options: TYPE, ID.',
  'SETNAME <name>',
  '    Assign the name <name> to the current connection.',
  'SETINFO <LIB-NAME|LIB-VER> <value>',
  '    Set client library name or version.',
  'NO-EVICT (ON|OFF)',
  '    Accepted; BasaltDB does not evict keys.',
  'NO-TOUCH (ON|OFF)',
  '    Accepted; BasaltDB does not record access times.',
  'HELP',
  '    Prints this help.',
];

function clientKill(c: Client, a: Buffer[]): void {
  const s = c.server;
  if (a.length === 3) {
    const addr = a[2]!.toString('utf8');
    const victim = [...s.clients.values()].find((x) => x.addr === addr);
    if (victim === undefined) fail('ERR No such client');
    killClient(c, victim);
    return c.w.ok();
  }
  if (a.length % 2 !== 0) fail(errSyntax);
  let skipMe = true;
  const filters: Array<(x: Client) => boolean> = [];
  for (let i = 2; i < a.length; i += 2) {
    const opt = word(a[i]!);
    const val = a[i + 1]!.toString('utf8');
    if (opt === 'ID') {
      const id = int(a[i + 1]!, 'ERR client-id should be greater than 0');
      if (id <= 0) fail('ERR client-id should be greater than 0');
      filters.push((x) => x.id === id);
    } else if (opt === 'TYPE') {
      const t = val.toLowerCase();
      if (!clientTypes.includes(t)) fail(`ERR Unknown client type '${val}'`);
      filters.push((x) => clientType(x) === t);
    } else if (opt === 'ADDR') filters.push((x) => x.addr === val);
    else if (opt === 'LADDR') filters.push((x) => x.laddr === val);
    else if (opt === 'USER') filters.push(() => val === 'default');
    else if (opt === 'SKIPME') {
      const v = val.toLowerCase();
      if (v !== 'yes' && v !== 'no') fail(errSyntax);
      skipMe = v === 'yes';
    } else fail(errSyntax);
  }
  let n = 0;
  for (const x of [...s.clients.values()]) {
    if (skipMe && x === c) continue;
    if (filters.every((f) => f(x))) {
      killClient(c, x);
      n++;
    }
  }
  c.w.int(n);
}

function killClient(c: Client, victim: Client): void {
  if (victim === c) c.closeAfterReply = true;
  else c.server.closeClient(victim);
}

const client: Handler = (c, a) => {
  const sub = word(a[1]!);
  const arity = (n: number): void => {
    if (a.length !== n) fail(`ERR wrong number of arguments for 'client|${sub.toLowerCase()}' command`);
  };
  switch (sub) {
    case 'ID':
      arity(2);
      return c.w.int(c.id);
    case 'GETNAME':
      arity(2);
      return c.name === '' ? c.w.nil() : c.w.bulk(c.name);
    case 'SETNAME':
      arity(3);
      setName(c, a[2]!.toString('utf8'));
      return c.w.ok();
    case 'SETINFO': {
      arity(4);
      const attr = word(a[2]!);
      const v = a[3]!.toString('utf8');
      if (/[^!-~]/.test(v)) fail(`ERR ${attr} cannot contain spaces, newlines or special characters.`);
      if (attr === 'LIB-NAME') c.libName = v;
      else if (attr === 'LIB-VER') c.libVer = v;
      else fail(`ERR Unrecognized option '${a[2]!.toString('utf8')}'`);
      return c.w.ok();
    }
    case 'INFO':
      arity(2);
      return c.w.verbatim(clientLine(c));
    case 'LIST': {
      let list = [...c.server.clients.values()];
      for (let i = 2; i < a.length; i++) {
        const opt = word(a[i]!);
        if (opt === 'TYPE' && i + 1 < a.length) {
          const t = a[++i]!.toString('utf8').toLowerCase();
          if (!clientTypes.includes(t)) fail(`ERR Unknown client type '${t}'`);
          list = list.filter((x) => clientType(x) === t);
        } else if (opt === 'ID' && i + 1 < a.length) {
          const ids = new Set<number>();
          for (i++; i < a.length; i++) {
            const id = int(a[i]!, 'ERR Invalid client ID');
            if (id <= 0) fail('ERR Invalid client ID');
            ids.add(id);
          }
          list = list.filter((x) => ids.has(x.id));
        } else fail(errSyntax);
      }
      return c.w.verbatim(list.map(clientLine).join(''));
    }
    case 'KILL':
      if (a.length < 3) fail(`ERR wrong number of arguments for 'client|kill' command`);
      return clientKill(c, a);
    case 'NO-EVICT':
    case 'NO-TOUCH': {
      arity(3);
      const v = word(a[2]!);
      if (v !== 'ON' && v !== 'OFF') fail(errSyntax);
      return c.w.ok();
    }
    case 'HELP':
      c.w.lines(clientHelp);
      return;
    default:
      fail(`ERR unknown subcommand '${a[1]!.toString('utf8')}'. Try CLIENT HELP.`);
  }
};

export const connectionCommands: Record<string, Handler> = {
  ping,
  echo: (c, a) => c.w.bulk(a[1]!),
  auth,
  hello,
  select,
  quit,
  reset,
  client,
};

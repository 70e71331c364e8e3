/**
 * Server commands: INFO, CONFIG, DBSIZE, FLUSHDB/FLUSHALL, TIME, COMMAND, SAVE/BGSAVE/LASTSAVE,
 * SHUTDOWN, MEMORY, FUNCTION, DEBUG.
 */
import * as os from 'node:os';
import { redisDatabases } from '../../../limits.js';
import type { Client } from '../client.js';
import { errSyntax, fail, int, word, type Handler } from '../command.js';
import { commandTable, lookupCommand, type ArgDoc, type CommandInfo } from '../command-table.js';
import type { ReplyWriter } from '../protocol.js';
import { memoryUsage } from './keys.js';
import { redisVersionCompat } from './connection.js';

function basaltVersion(): string {
  return process.env['npm_package_version'] ?? '0.1.0';
}

// ---- INFO ----

function infoSections(c: Client): Map<string, Array<[string, string | number]>> {
  const s = c.server;
  const st = s.db.stats();
  const mem = process.memoryUsage();
  const now = Date.now();
  const uptime = Math.floor((now - s.startedAt) / 1000);
  let blocked = 0;
  let pubsubClients = 0;
  let watching = 0;
  for (const cl of s.clients.values()) {
    if (cl.blocked !== null) blocked++;
    if (cl.subscriptions > 0) pubsubClients++;
    if (cl.watched.size > 0) watching++;
  }
  const sections = new Map<string, Array<[string, string | number]>>();
  sections.set('server', [
    ['redis_version', redisVersionCompat],
    ['basaltdb_version', basaltVersion()],
    ['redis_mode', 'standalone'],
    ['os', `${os.type()} ${os.release()} ${os.arch()}`],
    ['arch_bits', 64],
    ['process_id', process.pid],
    ['tcp_port', s.port],
    ['server_time_usec', now * 1000],
    ['uptime_in_seconds', uptime],
    ['uptime_in_days', Math.floor(uptime / 86400)],
    ['executable', process.argv[1] ?? ''],
    ['node_version', process.version],
  ]);
  sections.set('clients', [
    ['connected_clients', s.clients.size],
    ['maxclients', s.config.int('maxclients', 10000)],
    ['blocked_clients', blocked],
    ['pubsub_clients', pubsubClients],
    ['watching_clients', watching],
    ['total_watched_keys', 0],
  ]);
  sections.set('memory', [
    ['used_memory', mem.heapUsed + mem.external],
    ['used_memory_human', human(mem.heapUsed + mem.external)],
    ['used_memory_rss', mem.rss],
    ['used_memory_rss_human', human(mem.rss)],
    ['used_memory_peak', mem.rss],
    ['maxmemory', s.config.int('maxmemory', 0)],
    ['maxmemory_policy', s.config.value('maxmemory-policy')],
    ['mem_allocator', 'v8'],
    ['basalt_cache_bytes', st.cacheBytes ?? 0],
  ]);
  sections.set('persistence', [
    ['loading', 0],
    ['async_loading', 0],
    ['rdb_changes_since_last_save', 0],
    ['rdb_bgsave_in_progress', s.saving === null ? 0 : 1],
    ['rdb_last_save_time', Math.floor(s.store.lastSaveMs / 1000)],
    ['rdb_last_bgsave_status', s.lastSaveOk ? 'ok' : 'err'],
    ['aof_enabled', 1],
    ['aof_rewrite_in_progress', 0],
    ['aof_last_write_status', s.store.failure === null ? 'ok' : 'err'],
    ['appendfsync', s.config.value('appendfsync')],
    ['basalt_durability', st.durability],
    ['basalt_commits', st.commits ?? 0],
    ['basalt_wal_bytes', st.walBytes ?? 0],
    ['basalt_checkpoints', st.checkpoints ?? 0],
    ['basalt_collections_pending_cleanup', s.store.garbageCollections],
    ['basalt_commits_in_flight', s.store.inflightBatches],
    ['basalt_records_committed', s.store.writesCommitted],
  ]);
  sections.set('stats', [
    ['total_connections_received', s.stats.connections],
    ['total_commands_processed', s.stats.commands],
    ['total_net_input_bytes', s.stats.netInput],
    ['total_net_output_bytes', s.stats.netOutput],
    ['rejected_connections', s.stats.rejectedConnections],
    ['expired_keys', s.store.expiredKeys],
    ['evicted_keys', 0],
    ['keyspace_hits', s.stats.keyspaceHits],
    ['keyspace_misses', s.stats.keyspaceMisses],
    ['pubsub_channels', s.channels.size],
    ['pubsub_patterns', s.patterns.size],
    ['total_error_replies', s.stats.errorReplies],
  ]);
  sections.set('replication', [
    ['role', 'master'],
    ['connected_slaves', 0],
  ]);
  sections.set('cpu', [
    ['used_cpu_sys', (process.cpuUsage().system / 1e6).toFixed(6)],
    ['used_cpu_user', (process.cpuUsage().user / 1e6).toFixed(6)],
  ]);
  const cmdstats: Array<[string, string]> = [];
  for (const [name, cs] of s.commandStats) {
    cmdstats.push([`cmdstat_${name}`, `calls=${cs.calls},usec=${Math.round(cs.usec)},usec_per_call=${(cs.usec / Math.max(1, cs.calls)).toFixed(2)},rejected_calls=0,failed_calls=${cs.failed}`]);
  }
  sections.set('modules', []);
  sections.set('commandstats', cmdstats);
  const ks: Array<[string, string]> = [];
  if (s.store.hasPending) s.store.sawPending = true;
  for (let d = 0; d < redisDatabases; d++) {
    const keys = s.store.keyCounts[d]!;
    if (keys > 0) ks.push([`db${d}`, `keys=${keys},expires=${s.store.expireCounts[d]!},avg_ttl=0`]);
  }
  sections.set('errorstats', [...s.errorStats].map(([code, n]): [string, string] => [`errorstat_${code}`, `count=${n}`]));
  sections.set('cluster', [['cluster_enabled', 0]]);
  sections.set('keyspace', ks);
  return sections;
}

function human(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(2)}K`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(2)}M`;
  return `${(n / 1024 ** 3).toFixed(2)}G`;
}

const defaultSections = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];

const info: Handler = (c, a) => {
  const all = infoSections(c);
  let want = a.slice(1).map((b) => b.toString('latin1').toLowerCase());
  if (want.length === 0 || want.includes('default')) want = [...defaultSections, ...want.filter((w) => w !== 'default')];
  if (want.includes('all') || want.includes('everything')) want = [...all.keys()];
  const parts: string[] = [];
  for (const [name, fields] of all) {
    if (!want.includes(name)) continue;
    const title = name === 'cpu' ? 'CPU' : name[0]!.toUpperCase() + name.slice(1);
    parts.push(`# ${title}\r\n${fields.map(([k, v]) => `${k}:${v}\r\n`).join('')}`);
  }
  c.w.verbatim(parts.join('\r\n'));
};

// ---- CONFIG ----

const configHelp = [
  'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Not supported: BasaltDB takes its configuration from the command line.',
  'HELP',
  '    Prints this help.',
];

const config: Handler = (c, a) => {
  const sub = word(a[1]!);
  const s = c.server;
  switch (sub) {
    case 'GET': {
      if (a.length < 3) fail("ERR wrong number of arguments for 'config|get' command");
      const pairs = s.config.get(a.slice(2));
      c.w.map(pairs.length);
      for (const [k, v] of pairs) {
        c.w.bulk(k);
        c.w.bulk(v);
      }
      return;
    }
    case 'SET': {
      if (a.length < 4) fail("ERR wrong number of arguments for 'config|set' command");
      if (a.length % 2 !== 0) fail(errSyntax);
      const pairs: Array<[Buffer, Buffer]> = [];
      for (let i = 2; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
      s.config.set(pairs);
      return c.w.ok();
    }
    case 'RESETSTAT':
      if (a.length !== 2) fail("ERR wrong number of arguments for 'config|resetstat' command");
      s.commandStats.clear();
      for (const k of Object.keys(s.stats) as Array<keyof typeof s.stats>) s.stats[k] = 0;
      s.store.expiredKeys = 0;
      return c.w.ok();
    case 'REWRITE':
      fail('ERR BasaltDB has no configuration file to rewrite; pass options to basalt serve');
      break;
    case 'HELP':
      c.w.lines(configHelp);
      return;
    default:
      fail(`ERR unknown subcommand '${a[1]!.toString('utf8')}'. Try CONFIG HELP.`);
  }
};

// ---- databases ----

const dbsize: Handler = (c) => {
  if (c.store.hasPending) c.store.sawPending = true;
  c.w.int(c.store.keyCounts[c.db]!);
};

function flush(c: Client, a: Buffer[], db: number): void {
  if (a.length > 2) fail(errSyntax);
  if (a.length === 2) {
    const w = word(a[1]!);
    if (w !== 'ASYNC' && w !== 'SYNC') fail(errSyntax);
  }
  c.server.touchAll(db, c.now);
  c.store.flush(db);
  c.w.ok();
}

const time: Handler = (c) => {
  const us = BigInt(Date.now()) * 1000n + (process.hrtime.bigint() / 1000n) % 1000n;
  c.w.array(2);
  c.w.bulk(String(us / 1000000n));
  c.w.bulk(String(us % 1000000n));
};

// ---- COMMAND ----

function writeValue(w: ReplyWriter, v: unknown): void {
  if (typeof v === 'string') w.bulk(v);
  else if (typeof v === 'number') w.int(v);
  else if (Array.isArray(v)) {
    w.array(v.length);
    for (const x of v) writeValue(w, x);
  } else if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v);
    w.map(entries.length);
    for (const [k, x] of entries) {
      w.bulk(k);
      if (k === 'flags' && Array.isArray(x)) {
        // Key-spec flags are a set of status strings, as in Redis.
        w.set(x.length);
        for (const f of x) w.simple(String(f));
      } else writeValue(w, x);
    }
  } else w.nil();
}

function writeInfo(w: ReplyWriter, ci: CommandInfo): void {
  w.array(10);
  w.bulk(ci.name);
  w.int(ci.arity);
  w.set(ci.flags.length);
  for (const f of ci.flags) w.simple(f);
  w.int(ci.firstKey);
  w.int(ci.lastKey);
  w.int(ci.step);
  w.set(ci.categories.length);
  for (const f of ci.categories) w.simple(f);
  w.set(ci.tips.length);
  for (const f of ci.tips) w.simple(f);
  w.set(ci.keySpecs.length);
  for (const spec of ci.keySpecs) writeValue(w, spec);
  w.set(ci.subcommands.length);
  for (const sc of ci.subcommands) writeInfo(w, sc);
}

function writeArgs(w: ReplyWriter, args: readonly ArgDoc[]): void {
  w.array(args.length);
  for (const arg of args) {
    const fields: Array<[string, unknown]> = [['name', arg.name], ['type', arg.type]];
    if (arg.display !== undefined) fields.push(['display_text', arg.display]);
    if (arg.keySpecIndex !== undefined) fields.push(['key_spec_index', arg.keySpecIndex]);
    if (arg.token !== undefined) fields.push(['token', arg.token]);
    if (arg.since !== undefined) fields.push(['since', arg.since]);
    if (arg.deprecatedSince !== undefined) fields.push(['deprecated_since', arg.deprecatedSince]);
    if (arg.flags !== undefined && arg.flags.length > 0) fields.push(['flags', arg.flags]);
    if (arg.value !== undefined) fields.push(['value', arg.value]);
    w.map(fields.length + (arg.arguments !== undefined ? 1 : 0));
    for (const [k, v] of fields) {
      w.bulk(k);
      if (k === 'flags') {
        const fl = v as readonly string[];
        w.set(fl.length);
        for (const f of fl) w.simple(f);
      } else writeValue(w, v);
    }
    if (arg.arguments !== undefined) {
      w.bulk('arguments');
      writeArgs(w, arg.arguments);
    }
  }
}

function writeDocs(w: ReplyWriter, ci: CommandInfo): void {
  const d = ci.docs;
  const n = 3 + (d.complexity !== undefined ? 1 : 0) + (d.arguments !== undefined ? 1 : 0) + (ci.subcommands.length > 0 ? 1 : 0) + (d.docFlags !== undefined ? 1 : 0) + (d.deprecatedSince !== undefined ? 1 : 0) + (d.replacedBy !== undefined ? 1 : 0);
  w.map(n);
  w.bulk('summary');
  w.bulk(d.summary);
  w.bulk('since');
  w.bulk(d.since);
  w.bulk('group');
  w.bulk(d.group);
  if (d.complexity !== undefined) {
    w.bulk('complexity');
    w.bulk(d.complexity);
  }
  if (d.docFlags !== undefined) {
    w.bulk('doc_flags');
    w.set(d.docFlags.length);
    for (const f of d.docFlags) w.simple(f);
  }
  if (d.deprecatedSince !== undefined) {
    w.bulk('deprecated_since');
    w.bulk(d.deprecatedSince);
  }
  if (d.replacedBy !== undefined) {
    w.bulk('replaced_by');
    w.bulk(d.replacedBy);
  }
  if (d.arguments !== undefined) {
    w.bulk('arguments');
    writeArgs(w, d.arguments);
  }
  if (ci.subcommands.length > 0) {
    w.bulk('subcommands');
    w.map(ci.subcommands.length);
    for (const sc of ci.subcommands) {
      w.bulk(sc.name);
      writeDocs(w, sc);
    }
  }
}

const commandHelp = [
  'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  '(no subcommand)',
  "    Return details about all Redis commands.",
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'HELP',
  '    Prints this help.',
];

const command: Handler = (c, a) => {
  const w = c.w;
  if (a.length === 1) {
    w.array(commandTable.size);
    for (const ci of commandTable.values()) writeInfo(w, ci);
    return;
  }
  const sub = word(a[1]!);
  switch (sub) {
    case 'COUNT':
      return w.int(commandTable.size);
    case 'LIST': {
      const names: string[] = [];
      for (const ci of commandTable.values()) {
        names.push(ci.name);
        for (const sc of ci.subcommands) names.push(sc.name);
      }
      w.array(names.length);
      for (const name of names) w.bulk(name);
      return;
    }
    case 'INFO': {
      const names = a.length > 2 ? a.slice(2).map((b) => b.toString('latin1')) : [...commandTable.keys()];
      w.array(names.length);
      for (const n of names) {
        const ci = lookupCommand(n);
        if (ci === undefined) w.nil();
        else writeInfo(w, ci);
      }
      return;
    }
    case 'DOCS': {
      const names = a.length > 2 ? a.slice(2).map((b) => b.toString('latin1')) : [...commandTable.keys()];
      const found = names.map((n) => lookupCommand(n)).filter((x): x is CommandInfo => x !== undefined);
      w.map(found.length);
      for (const ci of found) {
        w.bulk(ci.name);
        writeDocs(w, ci);
      }
      return;
    }
    case 'GETKEYS': {
      if (a.length < 3) fail("ERR wrong number of arguments for 'command|getkeys' command");
      const ci = lookupCommand(a[2]!.toString('latin1'));
      if (ci === undefined) fail('ERR Invalid command specified');
      const argv = a.slice(2);
      if ((ci.arity > 0 && argv.length !== ci.arity) || argv.length < -ci.arity) fail('ERR Invalid number of arguments specified for command');
      if (ci.firstKey === 0) fail('ERR The command has no key arguments');
      const last = ci.lastKey < 0 ? argv.length + ci.lastKey : ci.lastKey;
      const keys: Buffer[] = [];
      for (let i = ci.firstKey; i <= last && i < argv.length; i += Math.max(1, ci.step)) keys.push(argv[i]!);
      w.array(keys.length);
      for (const k of keys) w.bulk(k);
      return;
    }
    case 'HELP':
      w.lines(commandHelp);
      return;
    default:
      fail(`ERR unknown subcommand '${a[1]!.toString('utf8')}'. Try COMMAND HELP.`);
  }
};

// ---- persistence and shutdown ----

const save: Handler = (c) => {
  c.server.suspend(
    c,
    c.server.save().then(
      () => c.w.ok(),
      (err: unknown) => c.w.error(`ERR ${err instanceof Error ? err.message : String(err)}`),
    ),
  );
};

const bgsave: Handler = (c, a) => {
  if (a.length > 2 || (a.length === 2 && word(a[1]!) !== 'SCHEDULE')) fail(errSyntax);
  const running = c.server.saving !== null;
  c.server.save().catch((err: unknown) => c.server.log(`BGSAVE failed: ${err instanceof Error ? err.message : String(err)}`));
  if (running && a.length === 2) c.w.simple('Background saving scheduled');
  else if (running) fail('ERR Background save already in progress');
  else c.w.simple('Background saving started');
};

const shutdown: Handler = (c, a) => {
  for (let i = 1; i < a.length; i++) {
    const w = word(a[i]!);
    if (!['NOSAVE', 'SAVE', 'NOW', 'FORCE', 'ABORT'].includes(w)) fail(errSyntax);
    if (w === 'ABORT') fail('ERR No shutdown in progress.');
  }
  const s = c.server;
  s.log(`SHUTDOWN requested by client id=${c.id}`);
  // As Redis: no reply; the connection closes when the server stops.
  const done = s.options.onShutdown;
  setImmediate(() => {
    if (done !== undefined) done();
    else void s.close();
  });
};

// ---- MEMORY, FUNCTION, DEBUG ----

const memoryHelp = [
  'MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'DOCTOR',
  '    Return memory problems reports.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
  'HELP',
  '    Prints this help.',
];

const memory: Handler = (c, a) => {
  const sub = word(a[1]!);
  switch (sub) {
    case 'USAGE': {
      if (a.length !== 3 && a.length !== 5) fail(a.length < 3 ? "ERR wrong number of arguments for 'memory|usage' command" : errSyntax);
      let samples = 5;
      if (a.length === 5) {
        if (word(a[3]!) !== 'SAMPLES') fail(errSyntax);
        samples = int(a[4]!);
        if (samples < 0) fail(errSyntax);
      }
      const m = c.store.meta(c.db, a[2]!, c.now);
      if (m === null) return c.w.nil();
      return c.w.int(memoryUsage(c, m, a[2]!, samples));
    }
    case 'STATS': {
      if (a.length !== 2) fail("ERR wrong number of arguments for 'memory|stats' command");
      const mem = process.memoryUsage();
      const pairs: Array<[string, number]> = [
        ['peak.allocated', mem.rss],
        ['total.allocated', mem.heapUsed + mem.external],
        ['startup.allocated', 0],
        ['keys.count', c.store.keyCounts.reduce((x, y) => x + y, 0)],
        ['dataset.bytes', mem.heapUsed],
      ];
      c.w.map(pairs.length);
      for (const [k, v] of pairs) {
        c.w.bulk(k);
        c.w.int(v);
      }
      return;
    }
    case 'DOCTOR':
      if (a.length !== 2) fail("ERR wrong number of arguments for 'memory|doctor' command");
      return c.w.verbatim('Hi Sam, I can\'t find any memory issue in your instance. I can only account for what occurs on this base.');
    case 'HELP':
      c.w.lines(memoryHelp);
      return;
    default:
      fail(`ERR unknown subcommand '${a[1]!.toString('utf8')}'. Try MEMORY HELP.`);
  }
};

const functionCmd: Handler = (c, a) => {
  const sub = word(a[1]!);
  switch (sub) {
    case 'LIST':
      for (let i = 2; i < a.length; i++) {
        const w = word(a[i]!);
        if (w === 'LIBRARYNAME' && i + 1 < a.length) i++;
        else if (w !== 'WITHCODE') fail(`ERR Unknown argument ${a[i]!.toString('utf8')}`);
      }
      return c.w.array(0);
    case 'FLUSH':
      if (a.length > 3) fail("ERR wrong number of arguments for 'function|flush' command");
      if (a.length === 3 && !['ASYNC', 'SYNC'].includes(word(a[2]!))) fail('ERR FUNCTION FLUSH only supports SYNC|ASYNC option');
      return c.w.ok();
    case 'STATS':
      c.w.map(2);
      c.w.bulk('running_script');
      c.w.nil();
      c.w.bulk('engines');
      c.w.map(1);
      c.w.bulk('LUA');
      c.w.map(2);
      c.w.bulk('libraries_count');
      c.w.int(0);
      c.w.bulk('functions_count');
      c.w.int(0);
      return;
    case 'DUMP':
      return c.w.bulk(Buffer.alloc(0));
    case 'DELETE':
      fail('ERR Library not found');
      break;
    case 'KILL':
      fail('NOTBUSY No scripts in execution right now.');
      break;
    case 'HELP':
      c.w.array(2);
      c.w.simple('FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are LIST, FLUSH, STATS, DUMP, DELETE, KILL, LOAD, RESTORE, HELP.');
      c.w.simple('BasaltDB has no scripting engine yet: the function library is always empty.');
      return;
    case 'LOAD':
    case 'RESTORE':
      fail('ERR BasaltDB has no scripting engine yet: functions cannot be loaded');
      break;
    default:
      fail(`ERR unknown subcommand '${a[1]!.toString('utf8')}'. Try FUNCTION HELP.`);
  }
};

const debug: Handler = (c, a) => {
  const sub = word(a[1]!);
  switch (sub) {
    case 'SLEEP': {
      if (a.length !== 3) fail(errSyntax);
      const secs = Number(a[2]!.toString('latin1'));
      if (!Number.isFinite(secs) || secs < 0) fail(errSyntax);
      c.server.suspend(c, new Promise<void>((r) => setTimeout(r, secs * 1000)).then(() => c.w.ok()));
      return;
    }
    case 'HELP':
      c.w.array(2);
      c.w.simple('DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:');
      c.w.simple('SLEEP <seconds>: stop replying to this client for <seconds> (other clients are served).');
      return;
    default:
      fail(`ERR DEBUG ${a[1]!.toString('utf8')} is not supported by BasaltDB (see DEBUG HELP)`);
  }
};

export const adminCommands: Record<string, Handler> = {
  info,
  config,
  dbsize,
  flushdb: (c, a) => flush(c, a, c.db),
  flushall: (c, a) => flush(c, a, -1),
  time,
  command,
  save,
  bgsave,
  lastsave: (c) => c.w.int(Math.floor(c.store.lastSaveMs / 1000)),
  shutdown,
  memory,
  function: functionCmd,
  debug,
};

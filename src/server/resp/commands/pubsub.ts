/** Pub/sub: SUBSCRIBE, PSUBSCRIBE, their UNs, PUBLISH, PUBSUB. Messages are not stored. */
import type { Client } from '../client.js';
import { fail, globMatch, word, type Handler } from '../command.js';

/** One subscription-change push: [kind, name, count]. */
function ack(c: Client, kind: string, name: Buffer | null): void {
  c.w.push(3);
  c.w.bulk(kind);
  if (name === null) c.w.nil();
  else c.w.bulk(name);
  c.w.int(c.subscriptions);
}

const subscribe: Handler = (c, a) => {
  for (let i = 1; i < a.length; i++) {
    c.server.subscribe(c, a[i]!);
    ack(c, 'subscribe', a[i]!);
  }
};

const psubscribe: Handler = (c, a) => {
  for (let i = 1; i < a.length; i++) {
    c.server.psubscribe(c, a[i]!);
    ack(c, 'psubscribe', a[i]!);
  }
};

const unsubscribe: Handler = (c, a) => {
  const names = a.length > 1 ? a.slice(1).map((b) => b.toString('latin1')) : [...c.channels.keys()];
  if (names.length === 0) return ack(c, 'unsubscribe', null);
  for (const k of names) {
    c.server.unsubscribe(c, k);
    ack(c, 'unsubscribe', Buffer.from(k, 'latin1'));
  }
};

const punsubscribe: Handler = (c, a) => {
  const names = a.length > 1 ? a.slice(1).map((b) => b.toString('latin1')) : [...c.patterns.keys()];
  if (names.length === 0) return ack(c, 'punsubscribe', null);
  for (const k of names) {
    c.server.punsubscribe(c, k);
    ack(c, 'punsubscribe', Buffer.from(k, 'latin1'));
  }
};

/** Deliver a message; the number of clients that got it. */
export function publish(c: Client, channel: Buffer, message: Buffer): number {
  const s = c.server;
  let n = 0;
  const subs = s.channels.get(channel.toString('latin1'));
  if (subs !== undefined) {
    for (const to of subs) {
      to.w.push(3);
      to.w.bulk('message');
      to.w.bulk(channel);
      to.w.bulk(message);
      if (to !== c) s.markDirty(to);
      n++;
    }
  }
  for (const { pattern, clients } of s.patterns.values()) {
    if (!globMatch(pattern, channel)) continue;
    for (const to of clients) {
      to.w.push(4);
      to.w.bulk('pmessage');
      to.w.bulk(pattern);
      to.w.bulk(channel);
      to.w.bulk(message);
      if (to !== c) s.markDirty(to);
      n++;
    }
  }
  s.stats.pubsubMessages += n;
  return n;
}

const pubsubHelp = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'HELP',
  '    Prints this help.',
];

const pubsub: Handler = (c, a) => {
  const sub = word(a[1]!);
  const s = c.server;
  switch (sub) {
    case 'CHANNELS': {
      if (a.length > 3) fail("ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.");
      const out = [...s.channels.keys()].map((k) => Buffer.from(k, 'latin1')).filter((k) => a.length < 3 || globMatch(a[2]!, k));
      c.w.array(out.length);
      for (const k of out) c.w.bulk(k);
      return;
    }
    case 'NUMSUB':
      c.w.array((a.length - 2) * 2);
      for (let i = 2; i < a.length; i++) {
        c.w.bulk(a[i]!);
        c.w.int(s.channels.get(a[i]!.toString('latin1'))?.size ?? 0);
      }
      return;
    case 'NUMPAT':
      if (a.length !== 2) fail("ERR wrong number of arguments for 'pubsub|numpat' command");
      return c.w.int(s.patterns.size);
    case 'HELP':
      c.w.lines(pubsubHelp);
      return;
    default:
      fail(`ERR unknown subcommand '${a[1]!.toString('utf8')}'. Try PUBSUB HELP.`);
  }
};

export const pubsubCommands: Record<string, Handler> = {
  subscribe,
  psubscribe,
  unsubscribe,
  punsubscribe,
  publish: (c, a) => c.w.int(publish(c, a[1]!, a[2]!)),
  pubsub,
};

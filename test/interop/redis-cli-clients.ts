/**
 * The part of `npm run interop:redis` that needs more than one client at a time: WATCH broken by
 * another client, blocking pops woken by another client's push (in arrival order), pub/sub
 * through redis-cli's subscriber mode (RESP2 and RESP3), CLIENT KILL, and a large value
 * through `redis-cli -x`. Each scenario is one check made of steps; the expected output of every
 * step is what Redis 7 prints through redis-cli.
 */
import { CliSession, run } from './cli-process.js';
import { lineMatches, outputLines } from './redis-cli-transcript.js';

export interface Checker {
  check(pass: boolean, name: string, detail: { command: string; expected: string; got: string }): void;
}

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/** Hang guard for one expected reply, and for conditions that become true "soon" (a disconnect). */
const waitMs = 10_000;

type Compare = 'exact' | 'sorted' | 'contains';

function matches(expected: readonly string[], got: readonly string[], how: Compare): boolean {
  if (how === 'contains') {
    let at = 0;
    for (const line of got) {
      const want = expected[at];
      if (want !== undefined && lineMatches(want, line)) at++;
    }
    return at === expected.length;
  }
  const e = how === 'sorted' ? [...expected].sort() : expected;
  const g = how === 'sorted' ? [...got].sort() : got;
  return e.length === g.length && e.every((x, i) => lineMatches(x, g[i] ?? ''));
}

interface Step {
  who: string;
  command: string;
  expected: readonly string[];
  got: readonly string[];
  ok: boolean;
}

class Scenario {
  private readonly steps: Step[] = [];
  constructor(private readonly e: Endpoint) {}

  base(): string[] {
    return ['-h', this.e.host, '-p', String(this.e.port)];
  }

  session(args: readonly string[]): CliSession {
    return new CliSession([...this.base(), ...args]);
  }

  private record(who: string, command: string, expected: readonly string[], got: readonly string[], how: Compare): boolean {
    const ok = matches(expected, got, how);
    this.steps.push({ who, command, expected, got, ok });
    return ok;
  }

  /** One command from a separate, short-lived client (`redis-cli --no-raw`, or raw). */
  async other(words: readonly string[], expected: readonly string[], how: Compare = 'exact', raw = false): Promise<string[]> {
    const r = await run('redis-cli', [...this.base(), ...(raw ? [] : ['--no-raw']), ...words], undefined, waitMs * 3);
    const got = [...outputLines(r.stdout), ...(r.stderr.trim() !== '' ? [`[stderr] ${r.stderr.trim()}`] : []), ...(r.failure !== undefined ? [`[${r.failure}]`] : [])];
    this.record('other', words.join(' '), expected, got, how);
    return got;
  }

  /** Repeats a command from another client until its output matches (bounded by `waitMs`). */
  async eventually(words: readonly string[], expected: readonly string[], how: Compare = 'exact', raw = false): Promise<void> {
    const deadline = Date.now() + waitMs;
    let got: string[] = [];
    for (;;) {
      const r = await run('redis-cli', [...this.base(), ...(raw ? [] : ['--no-raw']), ...words], undefined, waitMs);
      got = outputLines(r.stdout);
      if (matches(expected, got, how) || Date.now() > deadline) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    this.record('other', `${words.join(' ')} (until it matches)`, expected, got, how);
  }

  /** Sends `line` to an open session and checks the lines it prints in reply. */
  async say(s: CliSession, who: string, line: string, expected: readonly string[]): Promise<void> {
    s.send(line);
    await this.hear(s, who, line, expected);
  }

  /** Checks the next lines a session prints (a reply that arrives later: a pop, a message). */
  async hear(s: CliSession, who: string, what: string, expected: readonly string[]): Promise<void> {
    const got = await s.next(expected.length, waitMs);
    const err = s.stderr();
    this.record(who, what, expected, err !== '' && got.length < expected.length ? [...got, `[stderr] ${err}`] : got, 'exact');
  }

  report(checker: Checker, name: string): void {
    const show = (pick: (s: Step) => readonly string[]): string =>
      this.steps.map((s) => [`${s.ok ? '' : '>>> '}${s.who}> ${s.command}`, ...pick(s).map((l) => `    ${l}`)].join('\n')).join('\n');
    checker.check(
      this.steps.every((s) => s.ok),
      name,
      { command: this.steps.map((s) => `${s.who}> ${s.command}`).join('\n'), expected: show((s) => s.expected), got: show((s) => s.got) },
    );
  }
}

async function watchScenario(checker: Checker, e: Endpoint): Promise<void> {
  const sc = new Scenario(e);
  await sc.other(['DEL', 'w', 'w2'], ['~ \\(integer\\) \\d']);
  const a = sc.session(['--no-raw']);
  await sc.say(a, 'A', 'WATCH w', ['OK']);
  await sc.other(['SET', 'w', 'other'], ['OK']);
  await sc.say(a, 'A', 'MULTI', ['OK']);
  await sc.say(a, 'A', 'INCR w', ['QUEUED']);
  await sc.say(a, 'A', 'EXEC', ['(nil)']);
  await sc.other(['GET', 'w'], ['"other"']);
  await sc.say(a, 'A', 'WATCH w', ['OK']);
  await sc.other(['SET', 'w2', 'unrelated'], ['OK']);
  await sc.say(a, 'A', 'MULTI', ['OK']);
  await sc.say(a, 'A', 'APPEND w !', ['QUEUED']);
  await sc.say(a, 'A', 'EXEC', ['1) (integer) 6']);
  await a.close(waitMs);
  sc.report(checker, 'clients: WATCH: a write by another client aborts EXEC, a write to another key does not');
}

async function blockingScenario(checker: Checker, e: Endpoint): Promise<void> {
  const sc = new Scenario(e);
  await sc.other(['DEL', 'q', 'src', 'dst'], ['~ \\(integer\\) \\d']);
  const first = sc.session(['--no-raw', 'BLPOP', 'q', '0']);
  await sc.eventually(['INFO', 'clients'], ['~ blocked_clients:1'], 'contains', true);
  const second = sc.session(['--no-raw', 'BLPOP', 'q', '0']);
  await sc.eventually(['INFO', 'clients'], ['~ blocked_clients:2'], 'contains', true);
  await sc.other(['RPUSH', 'q', 'one'], ['(integer) 1']);
  await sc.hear(first, 'A (first blocked)', 'BLPOP q 0', ['1) "q"', '2) "one"']);
  await sc.other(['RPUSH', 'q', 'two'], ['(integer) 1']);
  await sc.hear(second, 'B (second blocked)', 'BLPOP q 0', ['1) "q"', '2) "two"']);
  await sc.other(['LLEN', 'q'], ['(integer) 0']);
  const mover = sc.session(['--no-raw', 'BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0']);
  await sc.eventually(['INFO', 'clients'], ['~ blocked_clients:1'], 'contains', true);
  await sc.other(['LPUSH', 'src', 'v'], ['(integer) 1']);
  await sc.hear(mover, 'C', 'BLMOVE src dst LEFT RIGHT 0', ['"v"']);
  await sc.other(['LRANGE', 'dst', '0', '-1'], ['1) "v"']);
  await sc.other(['EXISTS', 'src'], ['(integer) 0']);
  await sc.eventually(['INFO', 'clients'], ['~ blocked_clients:0'], 'contains', true);
  for (const s of [first, second, mover]) await s.close(waitMs);
  sc.report(checker, 'clients: BLPOP/BLMOVE wake up when another client pushes, first blocked served first');
}

async function pubsubScenario(checker: Checker, e: Endpoint): Promise<void> {
  const sc = new Scenario(e);
  const sub = sc.session(['--no-raw', 'SUBSCRIBE', 'ch', 'ch2']);
  await sc.hear(sub, 'S', 'SUBSCRIBE ch ch2', [
    'Reading messages... (press Ctrl-C to quit)',
    '1) "subscribe"', '2) "ch"', '3) (integer) 1',
    '1) "subscribe"', '2) "ch2"', '3) (integer) 2',
  ]);
  const psub = sc.session(['PSUBSCRIBE', 'c*']);
  await sc.hear(psub, 'P', 'PSUBSCRIBE c* (raw output)', ['psubscribe', 'c*', '1']);
  const sub3 = sc.session(['-3', '--no-raw', 'SUBSCRIBE', 'x3']);
  await sc.hear(sub3, 'R3', '-3 SUBSCRIBE x3', ['Reading messages... (press Ctrl-C to quit)', '1) "subscribe"', '2) "x3"', '3) (integer) 1']);
  await sc.other(['PUBSUB', 'NUMSUB', 'ch', 'ch2', 'none'], ['1) "ch"', '2) (integer) 1', '3) "ch2"', '4) (integer) 1', '5) "none"', '6) (integer) 0']);
  await sc.other(['PUBSUB', 'NUMPAT'], ['(integer) 1']);
  await sc.other(['PUBSUB', 'CHANNELS'], ['ch', 'ch2', 'x3'], 'sorted', true);
  await sc.other(['PUBSUB', 'CHANNELS', 'ch*'], ['ch', 'ch2'], 'sorted', true);
  await sc.other(['PUBLISH', 'ch', 'hello'], ['(integer) 2']);
  await sc.hear(sub, 'S', '(message)', ['1) "message"', '2) "ch"', '3) "hello"']);
  await sc.hear(psub, 'P', '(pmessage)', ['pmessage', 'c*', 'ch', 'hello']);
  await sc.other(['PUBLISH', 'x3', 'with space'], ['(integer) 1']);
  await sc.hear(sub3, 'R3', '(push message)', ['1) "message"', '2) "x3"', '3) "with space"']);
  await sc.other(['PUBLISH', 'nobody', 'x'], ['(integer) 0']);
  for (const s of [sub, psub, sub3]) await s.kill();
  await sc.eventually(['PUBSUB', 'NUMSUB', 'ch'], ['1) "ch"', '2) (integer) 0']);
  await sc.eventually(['PUBSUB', 'NUMPAT'], ['(integer) 0']);
  sc.report(checker, 'clients: SUBSCRIBE/PSUBSCRIBE receive PUBLISH (RESP2 and RESP3); counts drop when subscribers leave');
}

async function clientKillScenario(checker: Checker, e: Endpoint): Promise<void> {
  const sc = new Scenario(e);
  const victim = sc.session(['--no-raw']);
  await sc.say(victim, 'A', 'CLIENT SETNAME interop-victim', ['OK']);
  await sc.say(victim, 'A', 'CLIENT GETNAME', ['"interop-victim"']);
  const list = await sc.other(['CLIENT', 'LIST'], ['~ id=\\d+ .*\\bname=interop-victim\\b.*'], 'contains', true);
  const id = /\bid=(\d+)\b.*\bname=interop-victim\b/.exec(list.find((l) => l.includes('name=interop-victim')) ?? '')?.[1] ?? '0';
  await sc.other(['CLIENT', 'KILL', 'ID', id], ['(integer) 1']);
  await sc.other(['CLIENT', 'KILL', 'ID', id], ['(integer) 0']);
  // The kill takes effect as the server gets to it: look until the client is gone (bounded).
  let stillThere: string[] = [];
  for (const deadline = Date.now() + waitMs; ; ) {
    const after = await run('redis-cli', [...sc.base(), 'CLIENT', 'LIST'], undefined, waitMs);
    stillThere = outputLines(after.stdout).filter((l) => l.includes('name=interop-victim'));
    if (stillThere.length === 0 || Date.now() > deadline) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  checker.check(stillThere.length === 0, 'clients: CLIENT KILL ID removes the client from CLIENT LIST', {
    command: `CLIENT KILL ID ${id}; CLIENT LIST`,
    expected: 'no line with name=interop-victim',
    got: stillThere.join('\n') || '(none)',
  });
  await victim.kill();
  sc.report(checker, 'clients: CLIENT SETNAME/GETNAME/LIST/KILL across connections');
}

/** A 4 MiB value in through `redis-cli -x` and back out, byte for byte. */
async function largeValue(checker: Checker, e: Endpoint): Promise<void> {
  const base = ['-h', e.host, '-p', String(e.port)];
  const size = 4 * 1024 * 1024;
  const value = Buffer.alloc(size);
  for (let i = 0; i < size; i++) value[i] = 97 + ((i * 7 + (i >> 12)) % 26);
  const set = await run('redis-cli', [...base, '-x', 'SET', 'interop:big'], value, waitMs * 6);
  const len = await run('redis-cli', [...base, 'STRLEN', 'interop:big'], undefined, waitMs);
  const get = await run('redis-cli', [...base, 'GET', 'interop:big'], undefined, waitMs * 6);
  const del = await run('redis-cli', [...base, 'DEL', 'interop:big'], undefined, waitMs);
  const same = get.stdout === `${value.toString('latin1')}\n`;
  const pass = set.stdout.trim() === 'OK' && len.stdout.trim() === String(size) && same && del.stdout.trim() === '1';
  checker.check(pass, 'clients: a 4 MiB value through redis-cli -x SET comes back byte for byte', {
    command: 'redis-cli -x SET interop:big < (4 MiB); STRLEN interop:big; GET interop:big; DEL interop:big',
    expected: `OK; ${size}; the same 4 MiB; 1`,
    got: `${set.stdout.trim()}${set.stderr}; ${len.stdout.trim()}; ${same ? 'the same 4 MiB' : `${get.stdout.length} chars, differs${get.failure !== undefined ? ` [${get.failure}]` : ''}`}; ${del.stdout.trim()}`,
  });
}

export async function clientScenarios(checker: Checker, e: Endpoint): Promise<void> {
  await watchScenario(checker, e);
  await blockingScenario(checker, e);
  await pubsubScenario(checker, e);
  await clientKillScenario(checker, e);
  await largeValue(checker, e);
}

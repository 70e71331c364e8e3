/**
 * The redis-cli part of `npm run interop:redis`: a transcript of commands and the exact output
 * Redis 7 gives through redis-cli, checked against the server under test.
 *
 * Transcript format (one item per line; blank lines and lines starting with `//` are skipped):
 *
 *   $ SET greeting hello        one redis-cli process: `redis-cli --no-raw SET greeting hello`
 *   OK                          the expected stdout, one line each, until the next `$`
 *   $[raw,sorted] SMEMBERS s    options in brackets (see below)
 *   $[stdin]                    one redis-cli process reading the `| ` lines from stdin
 *   | MULTI
 *
 * Words of a `$` command are split like redis-cli splits its own input (double or single
 * quotes, `\n`, `\xHH` escapes in double quotes) and passed as separate arguments (no shell).
 *
 * Options: `raw` (redis-cli's default output when stdout is not a terminal; without it the check
 * runs with `--no-raw`), `resp3` (`-3`), `db=N` (`-n N`), `auth` / `wrongauth` (`-a` with the
 * right or a wrong password), `stdin`; and how output is compared: `sorted` (as a multiset of
 * lines: for replies whose order Redis does not define), `pairs` (as a multiset of line pairs:
 * HGETALL, CONFIG GET), `contains` (the expected lines appear in this order among the output
 * lines), `stderr` (stderr is compared too, before stdout; otherwise any stderr is a mismatch).
 *
 * Expected lines: literal text; `<empty>` for an empty line; `~ REGEX` for a line matching the
 * anchored regular expression. A trailing `\r` on output lines (INFO) is dropped.
 *
 * Scores are exactly representable doubles only (1.5, 0.25, ...): Redis 7.0 prints doubles with
 * %.17g and Redis 7.2 with the shortest round-trip form, which agree only on those.
 */

export const cliOptionNames = ['raw', 'resp3', 'auth', 'wrongauth', 'stdin', 'sorted', 'pairs', 'contains', 'stderr'] as const;
export type CliOptionName = (typeof cliOptionNames)[number];

function isCliOptionName(s: string): s is CliOptionName {
  return (cliOptionNames as readonly string[]).includes(s);
}

export interface CliCheck {
  readonly section: string;
  /** 1-based line of the `$` in the transcript. */
  readonly line: number;
  readonly options: ReadonlySet<CliOptionName>;
  readonly db: number | undefined;
  /** One command's words, or (with `stdin`) the lines fed to redis-cli's stdin. */
  readonly words: readonly string[];
  readonly stdinLines: readonly string[];
  readonly expected: readonly string[];
  /** The command as written in the transcript, for messages. */
  readonly text: string;
}

/**
 * Splits a command line into words the way redis-cli does (sdssplitargs). `\xHH` escapes are
 * bytes; a word's bytes are decoded as UTF-8 because arguments reach redis-cli through argv.
 */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' };
  let i = 0;
  const n = line.length;
  while (i < n) {
    while (i < n && /\s/.test(line[i] ?? '')) i++;
    if (i >= n) break;
    const bytes: number[] = [];
    const add = (s: string): void => {
      for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
    };
    let quote: '"' | "'" | undefined;
    for (; i < n; i++) {
      const c = line[i] ?? '';
      if (quote === undefined) {
        if (/\s/.test(c)) break;
        if (c === '"' || c === "'") quote = c;
        else add(c);
        continue;
      }
      if (c === quote) {
        quote = undefined;
        continue;
      }
      if (quote === '"' && c === '\\' && i + 1 < n) {
        const hex = /^x([0-9a-fA-F]{2})/.exec(line.slice(i + 1, i + 4));
        if (hex?.[1] !== undefined) {
          bytes.push(parseInt(hex[1], 16));
          i += 3;
        } else {
          const next = line[i + 1] ?? '';
          add(escapes[next] ?? next);
          i++;
        }
        continue;
      }
      add(c);
    }
    if (quote !== undefined) throw new Error(`unbalanced quotes in transcript line: ${line}`);
    words.push(Buffer.from(bytes).toString('utf8'));
  }
  return words;
}

/** Parses a transcript into checks; throws on malformed lines (a bug in the transcript). */
export function parseTranscript(text: string): CliCheck[] {
  const checks: CliCheck[] = [];
  let section = 'general';
  let current: { line: number; options: Set<CliOptionName>; db: number | undefined; text: string; stdinLines: string[]; expected: string[] } | undefined;
  const flush = (): void => {
    if (current === undefined) return;
    const words = current.options.has('stdin') ? [] : splitWords(current.text);
    checks.push({ section, ...current, words });
    current = undefined;
  };
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const sectionMatch = /^\/\/ section: (.+)$/.exec(raw);
    if (sectionMatch?.[1] !== undefined) {
      flush();
      section = sectionMatch[1].trim();
      continue;
    }
    if (raw.trim() === '' || raw.startsWith('//')) continue;
    const cmd = /^\$(?:\[([a-z0-9=,]+)\])?(?: (.*))?$/.exec(raw);
    if (cmd !== null) {
      flush();
      const options = new Set<CliOptionName>();
      let db: number | undefined;
      for (const opt of (cmd[1] ?? '').split(',').filter((s) => s !== '')) {
        const dbMatch = /^db=(\d+)$/.exec(opt);
        if (dbMatch?.[1] !== undefined) db = Number(dbMatch[1]);
        else if (isCliOptionName(opt)) options.add(opt);
        else throw new Error(`transcript line ${i + 1}: unknown option "${opt}"`);
      }
      current = { line: i + 1, options, db, text: cmd[2] ?? '', stdinLines: [], expected: [] };
      continue;
    }
    if (current === undefined) throw new Error(`transcript line ${i + 1}: output before any command: ${raw}`);
    if (raw.startsWith('| ')) {
      if (!current.options.has('stdin')) throw new Error(`transcript line ${i + 1}: "| " line without [stdin]`);
      if (current.expected.length > 0) throw new Error(`transcript line ${i + 1}: "| " line after expected output`);
      current.stdinLines.push(raw.slice(2));
      current.text = current.stdinLines.join('; ');
      continue;
    }
    current.expected.push(raw);
  }
  flush();
  return checks;
}

export function lineMatches(expected: string, actual: string): boolean {
  if (expected === '<empty>') return actual === '';
  if (expected.startsWith('~ ')) return new RegExp(`^(?:${expected.slice(2)})$`).test(actual);
  return expected === actual;
}

/** Output text -> lines: the final newline ends the last line, `\r` before a newline is dropped. */
export function outputLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function pairsOf(lines: readonly string[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < lines.length; i += 2) pairs.push(JSON.stringify([lines[i], lines[i + 1] ?? null]));
  return pairs.sort();
}

/** Whether `actual` output lines satisfy the check's expectation. */
export function outputMatches(check: CliCheck, actual: readonly string[]): boolean {
  const expected = check.expected;
  if (check.options.has('contains')) {
    let at = 0;
    for (const line of actual) {
      const want = expected[at];
      if (want !== undefined && lineMatches(want, line)) at++;
    }
    return at === expected.length;
  }
  if (check.options.has('sorted') || check.options.has('pairs')) {
    const norm = (ls: readonly string[]): string[] =>
      check.options.has('pairs') ? pairsOf(ls) : [...ls].sort();
    const a = norm(actual);
    const e = norm(expected.map((l) => (l === '<empty>' ? '' : l)));
    return a.length === e.length && a.every((x, i) => x === e[i]);
  }
  return actual.length === expected.length && expected.every((e, i) => lineMatches(e, actual[i] ?? ''));
}

/**
 * The transcript. Sections run in order on one server; each starts from an empty database
 * where its replies depend on it.
 */
export const transcript = String.raw`
// section: connection
$ FLUSHALL
OK
$ PING
PONG
$ PING "hello world"
"hello world"
$[raw] PING "hello world"
hello world
$ ECHO hi
"hi"
$ DBSIZE
(integer) 0
$ NOSUCHCOMMAND a b
~ \(error\) ERR unknown command 'NOSUCHCOMMAND', with args beginning with: 'a' 'b'\x20
$[raw] NOSUCHCOMMAND
~ ERR unknown command 'NOSUCHCOMMAND', with args beginning with:\x20
<empty>
$ GET
(error) ERR wrong number of arguments for 'get' command
$ SELECT 16
(error) ERR DB index is out of range
$ SELECT 15
OK
$[raw] TIME
~ \d{10}
~ \d{1,6}
$[resp3] PING
PONG
$[stdin]
| PING
| ECHO "two words"
| CLIENT SETNAME interop
| CLIENT GETNAME
PONG
"two words"
OK
"interop"

// section: strings
$ SET greeting hello
OK
$ GET greeting
"hello"
$[raw] GET greeting
hello
$ GET missing
(nil)
$[raw] GET missing
<empty>
$ SET greeting world XX GET
"hello"
$ SET fresh v NX
OK
$ SET fresh v2 NX
(nil)
$ SET fresh v3 XX
OK
$ SET fresh v NX XX
(error) ERR syntax error
$ SET nothere v XX
(nil)
$ SETNX fresh other
(integer) 0
$ SETNX fresh2 other
(integer) 1
$ GETSET fresh2 again
"other"
$ GETDEL fresh2
"again"
$ GETDEL fresh2
(nil)
$ EXISTS fresh2
(integer) 0
$ MSET k1 v1 k2 v2 k3 v3
OK
$ MGET k1 nokey k3
1) "v1"
2) (nil)
3) "v3"
$[raw] MGET k1 nokey k3
v1
<empty>
v3
$ MSET k1
(error) ERR wrong number of arguments for 'mset' command
$ MSETNX k3 x k4 y
(integer) 0
$ MSETNX k4 x k5 y
(integer) 1
$ SET counter 10
OK
$ INCR counter
(integer) 11
$ INCRBY counter 5
(integer) 16
$ DECR counter
(integer) 15
$ DECRBY counter 20
(integer) -5
$[raw] INCR counter
-4
$ INCR newcounter
(integer) 1
$ INCR greeting
(error) ERR value is not an integer or out of range
$[raw] INCR greeting
ERR value is not an integer or out of range
<empty>
$ INCRBY counter 1.5
(error) ERR value is not an integer or out of range
$ SET big 9223372036854775807
OK
$ INCR big
(error) ERR increment or decrement would overflow
$ SET fl 10.50
OK
$ INCRBYFLOAT fl 0.1
"10.6"
$ INCRBYFLOAT fl -5
"5.6"
$ SET fl 5.0e3
OK
$ INCRBYFLOAT fl 2.0e2
"5200"
$ INCRBYFLOAT greeting 1
(error) ERR value is not a valid float
$ APPEND greeting "!!"
(integer) 7
$ APPEND newappend abc
(integer) 3
$ GET greeting
"world!!"
$ STRLEN greeting
(integer) 7
$ STRLEN missing
(integer) 0
$ GETRANGE greeting 0 2
"wor"
$ GETRANGE greeting -3 -1
"d!!"
$ GETRANGE greeting 10 20
""
$ SETRANGE greeting 6 "?"
(integer) 7
$ GET greeting
"world!?"
$ SETRANGE padded 3 x
(integer) 4
$ GET padded
"\x00\x00\x00x"
$ SET spaced "a b  c"
OK
$ GET spaced
"a b  c"
$ SET quoted "say \"hi\"\n"
OK
$ GET quoted
"say \"hi\"\n"
$ SET utf "h\xc3\xa9llo"
OK
$ GET utf
"h\xc3\xa9llo"
$[raw] GET utf
héllo
$ STRLEN utf
(integer) 6
$ SET empty ""
OK
$ GET empty
""
$ STRLEN empty
(integer) 0
$ SETEX tmp 100 v
OK
$ SETEX tmp 0 v
(error) ERR invalid expire time in 'setex' command
$ PSETEX tmp2 100000 v
OK
$ GETEX greeting
"world!?"
$ GETEX greeting EX 1000
"world!?"
$ TTL greeting
~ \(integer\) (99\d|1000)
$ GETEX greeting PERSIST
"world!?"
$ TTL greeting
(integer) -1
$ GETEX missing PERSIST
(nil)
$ LPUSH greeting x
(error) WRONGTYPE Operation against a key holding the wrong kind of value

// section: keys and expiry
$ FLUSHDB
OK
$ SET a 1
OK
$ SET b 2
OK
$ RPUSH l x
(integer) 1
$ TYPE a
string
$ TYPE l
list
$ TYPE nothing
none
$ EXISTS a b nothing a
(integer) 3
$ EXPIRE a 1000
(integer) 1
$ TTL a
~ \(integer\) (99\d|1000)
$ PTTL a
~ \(integer\) (99\d{4}|1000000)
$ EXPIRE a 500 NX
(integer) 0
$ EXPIRE a 2000 GT
(integer) 1
$ EXPIRE a 10 GT
(integer) 0
$ EXPIRE a 1500 LT
(integer) 1
$ TTL a
~ \(integer\) (149\d|1500)
$ EXPIRE b 100 XX
(integer) 0
$ EXPIRE b 100 GT
(integer) 0
$ EXPIRE b 100 LT
(integer) 1
$ EXPIRE a 10 NX XX
(error) ERR NX and XX, GT or LT options at the same time are not compatible
$ EXPIRE a 10 GT LT
(error) ERR GT and LT options at the same time are not compatible
$ EXPIRE a 10 SOON
(error) ERR Unsupported option SOON
$ EXPIRE nothing 10
(integer) 0
$ PERSIST a
(integer) 1
$ PERSIST a
(integer) 0
$ TTL a
(integer) -1
$ PTTL a
(integer) -1
$ TTL nothing
(integer) -2
$ EXPIREAT a 4102444800
(integer) 1
$ EXPIRETIME a
(integer) 4102444800
$ PEXPIRETIME a
(integer) 4102444800000
$ PEXPIREAT b 4102444800123
(integer) 1
$ PEXPIRETIME b
(integer) 4102444800123
$ EXPIRETIME b
(integer) 4102444800
$ EXPIRETIME l
(integer) -1
$ EXPIRETIME nothing
(integer) -2
$ SET gone v EX 100
OK
$ PEXPIREAT gone 1
(integer) 1
$ EXISTS gone
(integer) 0
$ SET gone v EXAT 1
OK
$ EXISTS gone
(integer) 0
$ SET gone v EXPIRE 0
(error) ERR syntax error
$ SET withttl v EX 1000
OK
$ SET withttl v2 KEEPTTL
OK
$ TTL withttl
~ \(integer\) (99\d|1000)
$ SET withttl v3
OK
$ TTL withttl
(integer) -1
$ SET withttl v4 PX 5000000
OK
$ TTL withttl
~ \(integer\) (499\d|5000)
$ SET withttl v PXAT 4102444800999
OK
$ PEXPIRETIME withttl
(integer) 4102444800999
$ SET k v EX 0
(error) ERR invalid expire time in 'set' command
$ SET k v EX notanumber
(error) ERR value is not an integer or out of range
$ SET k v EX 10 PX 100
(error) ERR syntax error
$ RENAME a a2
OK
$ EXISTS a
(integer) 0
$ EXPIRETIME a2
(integer) 4102444800
$ RENAME nothing x
(error) ERR no such key
$ RENAMENX a2 b
(integer) 0
$ RENAMENX a2 a3
(integer) 1
$ COPY a3 a4
(integer) 1
$ COPY a3 a4
(integer) 0
$ COPY a3 a4 REPLACE
(integer) 1
$ GET a4
"1"
$ EXPIRETIME a4
(integer) 4102444800
$ COPY l l2
(integer) 1
$ LRANGE l2 0 -1
1) "x"
$ TOUCH a3 a4 nothing
(integer) 2
$ DEL a3 nothing
(integer) 1
$ UNLINK a4 l2
(integer) 2
$[raw,sorted] KEYS *
b
l
withttl
$[raw,sorted] KEYS ?
b
l
$ KEYS nomatch*
(empty array)
$[raw,sorted] SCAN 0 COUNT 1000
0
b
l
withttl
$[raw,sorted] SCAN 0 TYPE list COUNT 1000
0
l
$[raw] SCAN 0 MATCH w* COUNT 1000
0
withttl
$ DBSIZE
(integer) 3
$ SET num 12345
OK
$ OBJECT ENCODING num
"int"
$ SET short hello
OK
$ OBJECT ENCODING short
"embstr"
$ OBJECT ENCODING nothing
(nil)
$[db=5] FLUSHDB
OK
$[db=5] DBSIZE
(integer) 0
$[db=5] RANDOMKEY
(nil)
$[db=5] SET only 1
OK
$[db=5] RANDOMKEY
"only"
$[db=5] DBSIZE
(integer) 1
$ EXISTS only
(integer) 0
$[db=5] GET b
(nil)
$[db=5] FLUSHDB
OK
$ GET b
"2"

// section: lists
$ FLUSHDB
OK
$ SET str v
OK
$ RPUSH list a b c
(integer) 3
$ LPUSH list z
(integer) 4
$ LRANGE list 0 -1
1) "z"
2) "a"
3) "b"
4) "c"
$[raw] LRANGE list 1 2
a
b
$ LRANGE list 5 10
(empty array)
$ LLEN list
(integer) 4
$ LLEN nolist
(integer) 0
$ LINDEX list 1
"a"
$ LINDEX list -1
"c"
$ LINDEX list 99
(nil)
$ LSET list 1 A
OK
$ LSET list 99 x
(error) ERR index out of range
$ LSET nolist 0 x
(error) ERR no such key
$ LINSERT list BEFORE b B
(integer) 5
$ LINSERT list AFTER nothere x
(integer) -1
$ LINSERT nolist AFTER a x
(integer) 0
$ LRANGE list 0 -1
1) "z"
2) "A"
3) "B"
4) "b"
5) "c"
$ RPUSH list b b
(integer) 7
$ LREM list 2 b
(integer) 2
$ LRANGE list 0 -1
1) "z"
2) "A"
3) "B"
4) "c"
5) "b"
$ LPOS list c
(integer) 3
$ LPOS list nothere
(nil)
$ RPUSH list2 a b a c a
(integer) 5
$ LPOS list2 a COUNT 0
1) (integer) 0
2) (integer) 2
3) (integer) 4
$ LPOS list2 a RANK -1
(integer) 4
$ LPOS list2 a RANK 2 COUNT 5
1) (integer) 2
2) (integer) 4
$ LREM list2 -1 a
(integer) 1
$ LTRIM list 1 3
OK
$ LRANGE list 0 -1
1) "A"
2) "B"
3) "c"
$ LPOP list
"A"
$ RPOP list
"c"
$ RPUSH list x y z
(integer) 4
$ LPOP list 2
1) "B"
2) "x"
$ RPOP list 5
1) "z"
2) "y"
$ EXISTS list
(integer) 0
$ LPOP list
(nil)
$ LPOP list 2
(nil)
$ LPUSHX list a
(integer) 0
$ RPUSHX list2 d
(integer) 5
$ LMOVE list2 dst LEFT RIGHT
"a"
$ RPOPLPUSH list2 dst
"d"
$ LRANGE dst 0 -1
1) "d"
2) "a"
$ LMOVE list2 list2 LEFT RIGHT
"b"
$ LRANGE list2 0 -1
1) "a"
2) "c"
3) "b"
$ BLPOP dst 1
1) "dst"
2) "d"
$ BLPOP emptylist 0.1
(nil)
$ BRPOP emptylist dst 1
1) "dst"
2) "a"
$ BLMOVE list2 dst2 RIGHT LEFT 1
"b"
$ BLPOP dst 0.1
(nil)
$ BLPOP dst notanumber
(error) ERR timeout is not a float or out of range
$ LPUSH str x
(error) WRONGTYPE Operation against a key holding the wrong kind of value
$ LRANGE str 0 -1
(error) WRONGTYPE Operation against a key holding the wrong kind of value
$ GET list2
(error) WRONGTYPE Operation against a key holding the wrong kind of value
$ LPUSH
(error) ERR wrong number of arguments for 'lpush' command

// section: hashes
$ FLUSHDB
OK
$ SET str v
OK
$ HSET h f1 v1 f2 v2
(integer) 2
$ HSET h f1 new f3 v3
(integer) 1
$ HGET h f1
"new"
$ HGET h nope
(nil)
$ HGET noh f1
(nil)
$ HMGET h f1 nope f3
1) "new"
2) (nil)
3) "v3"
$ HMSET h f4 v4
OK
$ HSETNX h f4 x
(integer) 0
$ HSETNX h f5 v5
(integer) 1
$ HLEN h
(integer) 5
$ HEXISTS h f5
(integer) 1
$ HEXISTS h no
(integer) 0
$ HDEL h f5 nope
(integer) 1
$ HSTRLEN h f1
(integer) 3
$ HSTRLEN h nope
(integer) 0
$[raw,sorted] HKEYS h
f1
f2
f3
f4
$[raw,sorted] HVALS h
new
v2
v3
v4
$[raw,pairs] HGETALL h
f1
new
f2
v2
f3
v3
f4
v4
$ HSET one f v
(integer) 1
$ HGETALL one
1) "f"
2) "v"
$[resp3] HGETALL one
1# "f" => "v"
$ HGETALL nope
(empty array)
$[resp3] HGETALL nope
(empty hash)
$ HINCRBY h n 5
(integer) 5
$ HINCRBY h n -8
(integer) -3
$ HINCRBY h f1 1
(error) ERR hash value is not an integer
$ HSET hf field 10.50
(integer) 1
$ HINCRBYFLOAT hf field 0.1
"10.6"
$ HINCRBYFLOAT hf field -5
"5.6"
$ HSET hf field 5.0e3
(integer) 0
$ HINCRBYFLOAT hf field 2.0e2
"5200"
$ HINCRBYFLOAT h f1 1
(error) ERR hash value is not a float
$ HRANDFIELD one
"f"
$ HRANDFIELD one 1 WITHVALUES
1) "f"
2) "v"
$ HRANDFIELD nope
(nil)
$ HSCAN one 0
1) "0"
2) 1) "f"
   2) "v"
$ HSET h
(error) ERR wrong number of arguments for 'hset' command
$ HSET h f
(error) ERR wrong number of arguments for 'hset' command
$ HGET str f
(error) WRONGTYPE Operation against a key holding the wrong kind of value
$ HSET str f v
(error) WRONGTYPE Operation against a key holding the wrong kind of value
$ TYPE h
hash
$ HDEL one f
(integer) 1
$ EXISTS one
(integer) 0

// section: sets
$ FLUSHDB
OK
$ SET str v
OK
$ SADD s1 a b c
(integer) 3
$ SADD s1 a d
(integer) 1
$ SADD s2 c d e
(integer) 3
$ SCARD s1
(integer) 4
$ SCARD nos
(integer) 0
$ SISMEMBER s1 a
(integer) 1
$ SISMEMBER s1 z
(integer) 0
$ SMISMEMBER s1 a z d
1) (integer) 1
2) (integer) 0
3) (integer) 1
$[raw,sorted] SMEMBERS s1
a
b
c
d
$[raw,sorted] SINTER s1 s2
c
d
$[raw,sorted] SUNION s1 s2
a
b
c
d
e
$[raw,sorted] SDIFF s1 s2
a
b
$ SINTER s1 nos
(empty array)
$ SINTERSTORE s3 s1 s2
(integer) 2
$ SUNIONSTORE s4 s1 s2
(integer) 5
$ SDIFFSTORE s5 s1 s2
(integer) 2
$[raw,sorted] SMEMBERS s5
a
b
$ SINTERCARD 2 s1 s2
(integer) 2
$ SINTERCARD 2 s1 s2 LIMIT 1
(integer) 1
$ SINTERCARD 0 s1
(error) ERR numkeys should be greater than 0
$ SREM s1 a z
(integer) 1
$ SMOVE s1 s2 b
(integer) 1
$ SMOVE s1 s2 zz
(integer) 0
$ SISMEMBER s2 b
(integer) 1
$ SADD single only
(integer) 1
$ SRANDMEMBER single
"only"
$ SRANDMEMBER single 5
1) "only"
$ SSCAN single 0
1) "0"
2) 1) "only"
$ SPOP single
"only"
$ EXISTS single
(integer) 0
$ SPOP single
(nil)
$ SMEMBERS nos
(empty array)
$[resp3] SMEMBERS nos
(empty set)
$[resp3] SMEMBERS s3
~ 1~ "[cd]"
~ 2~ "[cd]"
$ SADD str x
(error) WRONGTYPE Operation against a key holding the wrong kind of value
$ TYPE s1
set

// section: sorted sets
$ FLUSHDB
OK
$ SET str v
OK
$ ZADD z 1 one 2 two 3 three
(integer) 3
$ ZADD z 1.5 onehalf
(integer) 1
$ ZSCORE z onehalf
"1.5"
$[raw] ZSCORE z onehalf
1.5
$[resp3] ZSCORE z onehalf
(double) 1.5
$ ZADD z NX 10 one
(integer) 0
$ ZSCORE z one
"1"
$ ZADD z XX 10 nothere
(integer) 0
$ ZSCORE z nothere
(nil)
$ ZADD z GT 0.5 one
(integer) 0
$ ZSCORE z one
"1"
$ ZADD z GT CH 5 one
(integer) 1
$ ZADD z LT 7 one
(integer) 0
$ ZSCORE z one
"5"
$ ZADD z LT CH 4 one
(integer) 1
$ ZADD z INCR 1 one
"5"
$ ZADD z NX INCR 1 one
(nil)
$ ZADD z NX XX 1 a
(error) ERR XX and NX options at the same time are not compatible
$ ZADD z GT LT 1 a
(error) ERR GT, LT, and/or NX options at the same time are not compatible
$ ZADD z INCR 1 a 2 b
(error) ERR INCR option supports a single increment-element pair
$ ZADD z notafloat a
(error) ERR value is not a valid float
$ ZADD z 1
(error) ERR wrong number of arguments for 'zadd' command
$ ZMSCORE z one nope two
1) "5"
2) (nil)
3) "2"
$ ZINCRBY z 0.25 two
"2.25"
$ ZINCRBY z -0.25 two
"2"
$ ZCARD z
(integer) 4
$ ZCARD noz
(integer) 0
$ ZCOUNT z 2 3
(integer) 2
$ ZCOUNT z (2 3
(integer) 1
$ ZCOUNT z -inf +inf
(integer) 4
$ ZRANK z two
(integer) 1
$ ZREVRANK z two
(integer) 2
$ ZRANK z nope
(nil)
$ ZRANGE z 0 -1 WITHSCORES
1) "onehalf"
2) "1.5"
3) "two"
4) "2"
5) "three"
6) "3"
7) "one"
8) "5"
$[raw] ZRANGE z 0 -1
onehalf
two
three
one
$ ZRANGE z 0 -1 REV
1) "one"
2) "three"
3) "two"
4) "onehalf"
$ ZRANGE z 2 4 BYSCORE LIMIT 1 5
1) "three"
$ ZRANGE z (1.5 +inf BYSCORE WITHSCORES
1) "two"
2) "2"
3) "three"
4) "3"
5) "one"
6) "5"
$ ZRANGE z +inf 3 BYSCORE REV
1) "one"
2) "three"
$ ZRANGE z 0 -1 LIMIT 0 1
(error) ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX
$ ZRANGEBYSCORE z 2 3
1) "two"
2) "three"
$ ZRANGEBYSCORE z -inf +inf LIMIT 0 2
1) "onehalf"
2) "two"
$ ZREVRANGEBYSCORE z +inf 3 WITHSCORES
1) "one"
2) "5"
3) "three"
4) "3"
$ ZRANGEBYSCORE z a b
(error) ERR min or max is not a float
$ ZADD lex 0 a 0 b 0 c 0 d
(integer) 4
$ ZRANGE lex [b (d BYLEX
1) "b"
2) "c"
$ ZRANGEBYLEX lex - [b
1) "a"
2) "b"
$ ZRANGE lex + [c BYLEX REV
1) "d"
2) "c"
$ ZRANGE lex a c BYLEX
(error) ERR min or max not valid string range item
$ ZREM z onehalf nope
(integer) 1
$ ZPOPMIN z
1) "two"
2) "2"
$ ZPOPMAX z
1) "one"
2) "5"
$ ZADD z 1 a 2 b
(integer) 2
$ ZPOPMIN z 2
1) "a"
2) "1"
3) "b"
4) "2"
$ ZPOPMIN noz
(empty array)
$ ZREMRANGEBYSCORE z -inf 2
(integer) 0
$ ZADD z 4 four 5 five
(integer) 2
$ ZREMRANGEBYRANK z 0 0
(integer) 1
$ ZRANGE z 0 -1 WITHSCORES
1) "four"
2) "4"
3) "five"
4) "5"
$ ZREMRANGEBYSCORE z (4 5
(integer) 1
$ ZADD za 1 x 2 y
(integer) 2
$ ZADD zb 10 y 20 w
(integer) 2
$ ZUNIONSTORE zu 2 za zb WEIGHTS 1 0.5
(integer) 3
$ ZRANGE zu 0 -1 WITHSCORES
1) "x"
2) "1"
3) "y"
4) "7"
5) "w"
6) "10"
$ ZINTERSTORE zi 2 za zb AGGREGATE MAX
(integer) 1
$ ZRANGE zi 0 -1 WITHSCORES
1) "y"
2) "10"
$ ZINTERSTORE zi 2 za nozset
(integer) 0
$ EXISTS zi
(integer) 0
$ ZSCAN za 0
1) "0"
2) 1) "x"
   2) "1"
   3) "y"
   4) "2"
$[resp3] ZRANGE za 0 -1 WITHSCORES
1) 1) "x"
   2) (double) 1
2) 1) "y"
   2) (double) 2
$ ZADD inf +inf big -inf small
(integer) 2
$ ZSCORE inf big
"inf"
$ ZSCORE inf small
"-inf"
$ ZADD str 1 x
(error) WRONGTYPE Operation against a key holding the wrong kind of value
$ ZRANGE noz 0 -1
(empty array)
$ TYPE za
zset

// section: transactions
$ FLUSHDB
OK
$[stdin]
| MULTI
| SET tx 1
| INCR tx
| LPUSH tx x
| GET tx
| EXEC
OK
QUEUED
QUEUED
QUEUED
QUEUED
1) OK
2) (integer) 2
3) (error) WRONGTYPE Operation against a key holding the wrong kind of value
4) "2"
$[stdin,raw]
| MULTI
| INCR tx
| EXEC
OK
QUEUED
3
$[stdin]
| MULTI
| SET tx2 1
| INCR
| EXEC
| GET tx2
OK
QUEUED
(error) ERR wrong number of arguments for 'incr' command
(error) EXECABORT Transaction discarded because of previous errors.
(nil)
$[stdin]
| MULTI
| SET tx3 1
| DISCARD
| GET tx3
OK
QUEUED
OK
(nil)
$[stdin]
| MULTI
| MULTI
| EXEC
OK
(error) ERR MULTI calls can not be nested
(empty array)
$ EXEC
(error) ERR EXEC without MULTI
$ DISCARD
(error) ERR DISCARD without MULTI
$[stdin]
| WATCH w
| SET w 1
| MULTI
| INCR w
| EXEC
| GET w
OK
OK
OK
QUEUED
(nil)
"1"
$[stdin]
| WATCH w
| UNWATCH
| SET w 5
| MULTI
| INCR w
| EXEC
OK
OK
OK
OK
QUEUED
1) (integer) 6
$[stdin]
| WATCH w
| MULTI
| INCR w
| EXEC
OK
OK
QUEUED
1) (integer) 7
$[stdin]
| MULTI
| WATCH w
| EXEC
OK
(error) ERR WATCH inside MULTI is not allowed
(empty array)

// section: info
$ FLUSHALL
OK
$ SET i1 v
OK
$ SET i2 v EX 1000
OK
$ RPUSH i3 v
(integer) 1
$[db=3] SET i4 v
OK
$[raw] INFO keyspace
# Keyspace
~ db0:keys=3,expires=1,avg_ttl=\d+
~ db3:keys=1,expires=0,avg_ttl=\d+
$[raw,contains] INFO
# Server
~ redis_version:\d+\.\d+\.\d+
~ redis_mode:standalone
~ tcp_port:\d+
<empty>
# Clients
~ connected_clients:\d+
<empty>
# Memory
~ used_memory:\d+
<empty>
# Persistence
~ loading:0
<empty>
# Stats
~ total_connections_received:\d+
~ total_commands_processed:\d+
<empty>
# Keyspace
~ db0:keys=3,expires=1,avg_ttl=\d+
~ db3:keys=1,expires=0,avg_ttl=\d+
$[raw,contains] INFO server
# Server
~ redis_version:\d+\.\d+\.\d+
$[raw,contains] INFO stats
# Stats
~ total_commands_processed:\d+
$[raw,contains] INFO persistence
# Persistence
~ loading:0
$[db=3] FLUSHDB
OK
$[raw] INFO keyspace
# Keyspace
~ db0:keys=3,expires=1,avg_ttl=\d+

// section: server and introspection
$ FLUSHALL
OK
$ SET k hello
OK
$ COMMAND COUNT
~ \(integer\) \d+
$ COMMAND INFO get
1)  1) "get"
    2) (integer) 2
    3) 1) readonly
       2) fast
    4) (integer) 1
    5) (integer) 1
    6) (integer) 1
    7) 1) @read
       2) @string
       3) @fast
    8) (empty array)
    9) 1) 1) "flags"
          2) 1) RO
             2) access
          3) "begin_search"
          4) 1) "type"
             2) "index"
             3) "spec"
             4) 1) "index"
                2) (integer) 1
          5) "find_keys"
          6) 1) "type"
             2) "range"
             3) "spec"
             4) 1) "lastkey"
                2) (integer) 0
                3) "keystep"
                4) (integer) 1
                5) "limit"
                6) (integer) 0
   10) (empty array)
$ COMMAND INFO nosuchcommand
1) (nil)
$ MEMORY USAGE k
~ \(integer\) \d+
$ MEMORY USAGE nope
(nil)
$ OBJECT FREQ k
(error) ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.
$ OBJECT IDLETIME k
~ \(integer\) \d+
$ OBJECT REFCOUNT k
(integer) 1
$ OBJECT REFCOUNT nope
(nil)
$ FUNCTION LIST
(empty array)
$ FUNCTION FLUSH
OK
$ DEBUG nosuchsubcommand
~ \(error\) ERR .+
$ SAVE
OK
$ LASTSAVE
~ \(integer\) \d{10}
$ CLIENT ID
~ \(integer\) \d+
$ CLIENT INFO
~ id=\d+ addr=127\.0\.0\.1:\d+ .*\bname= .*\bdb=0 .*\bcmd=client\|info\b.*
$[db=2] CLIENT INFO
~ id=\d+ .*\bdb=2\b.*
$[resp3] CLIENT INFO
~ id=\d+ .*\bresp=3\b.*
$ CLIENT SETNAME "has space"
(error) ERR Client names cannot contain spaces, newlines or special characters.
$ CLIENT KILL ID 999999
(integer) 0
$ CLIENT NOSUCH
(error) ERR unknown subcommand 'NOSUCH'. Try CLIENT HELP.
$ CONFIG NOSUCH
(error) ERR unknown subcommand 'NOSUCH'. Try CONFIG HELP.
$ RESET
RESET
$ QUIT
OK
$ HELLO 2
 1) "server"
~  2\) "[^"]+"
 3) "version"
~  4\) "\d+\.\d+\.\d+"
 5) "proto"
 6) (integer) 2
 7) "id"
~  8\) \(integer\) \d+
 9) "mode"
10) "standalone"
11) "role"
12) "master"
13) "modules"
14) (empty array)
$ HELLO 4
(error) NOPROTO unsupported protocol version
$ FLUSHDB ASYNC
OK
$ DBSIZE
(integer) 0
$ CONFIG GET port
1) "port"
~ 2\) "\d+"

// section: edge cases
$ FLUSHALL
OK
$ SET big x
OK
$ SETRANGE big 536870912 x
(error) ERR string exceeds maximum allowed size (proto-max-bulk-len)
$ EXPIRE big 9223372036854775807
(error) ERR invalid expire time in 'expire' command
$ SET k2 v
OK
$ PEXPIRE k2 -1
(integer) 1
$ EXISTS k2
(integer) 0
$ SET nokey v GET
(nil)
$ SET big v GET
"x"
$ APPEND nolist x
(integer) 1
$ GETEX big EX 0
(error) ERR invalid expire time in 'getex' command
$ GETEX big PX 10 EX 10
(error) ERR syntax error
$ SET n 10
OK
$ INCRBY n abc
(error) ERR value is not an integer or out of range
$ DECRBY n -9223372036854775808
(error) ERR decrement would overflow
$ SET f 3.0
OK
$ INCRBYFLOAT f 1.5
"4.5"
$ INCRBYFLOAT f 1e2
"104.5"
$ RPUSH L a
(integer) 1
$ LPOP L 0
(empty array)
$ LPOP L -1
(error) ERR value is out of range, must be positive
$ LRANGE L a b
(error) ERR value is not an integer or out of range
$ LINSERT L MIDDLE a b
(error) ERR syntax error
$ LPOS L a RANK 0
(error) ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list
$ HINCRBYFLOAT h f nan
(error) ERR value is not a valid float
$ ZADD z nan m
(error) ERR value is not a valid float
$ ZINCRBY z +inf m
"inf"
$ ZINCRBY z -inf m
(error) ERR resulting score is not a number (NaN)
$ ZRANGEBYSCORE z (1 (1
(empty array)
$ SINTERCARD 1 s LIMIT -1
(error) ERR LIMIT can't be negative
$ SRANDMEMBER s -3
(empty array)
$ SPOP s -1
(error) ERR value is out of range, must be positive
$ SMOVE s s x
(integer) 0
$ SELECT abc
(error) ERR value is not an integer or out of range
$ SCAN abc
(error) ERR invalid cursor
$ SCAN 0 COUNT 0
(error) ERR syntax error
$ RENAME L L
OK
$ COPY L L
(error) ERR source and destination objects are the same
$ TOUCH
(error) ERR wrong number of arguments for 'touch' command
$ UNSUBSCRIBE
1) "unsubscribe"
2) (nil)
3) (integer) 0
$ PUBSUB NUMSUB ch
1) "ch"
2) (integer) 0
$ PUBLISH ch x
(integer) 0
$[stdin]
| SET "bin\x00key" "v\x00al"
| GET "bin\x00key"
| STRLEN "bin\x00key"
| EXISTS "bin\x00key" bin
| KEYS bin*
OK
"v\x00al"
(integer) 4
(integer) 1
1) "bin\x00key"
$[stdin]
| SET "\xff\xfe" "\x80"
| GET "\xff\xfe"
OK
"\x80"

// section: config
$ CONFIG GET maxmemory
1) "maxmemory"
2) "0"
$ CONFIG GET databases
1) "databases"
2) "16"
$ CONFIG GET maxmemory-policy
1) "maxmemory-policy"
2) "noeviction"
$ CONFIG GET nosuchparam
(empty array)
$[raw,pairs] CONFIG GET maxmemory*
maxmemory
0
maxmemory-clients
0
maxmemory-eviction-tenacity
10
maxmemory-policy
noeviction
maxmemory-samples
5
$[raw,pairs] CONFIG GET databases maxmemory-policy
databases
16
maxmemory-policy
noeviction
$ CONFIG SET hash-max-listpack-entries 256
OK
$ CONFIG GET hash-max-listpack-entries
1) "hash-max-listpack-entries"
2) "256"
$ CONFIG SET hash-max-listpack-entries 128
OK
$ CONFIG GET hash-max-listpack-entries
1) "hash-max-listpack-entries"
2) "128"
$ CONFIG SET hash-max-listpack-entries notanumber
(error) ERR CONFIG SET failed (possibly related to argument 'hash-max-listpack-entries') - argument couldn't be parsed into an integer
$ CONFIG SET nosuch 1
(error) ERR Unknown option or number of arguments for CONFIG SET - 'nosuch'
$ CONFIG RESETSTAT
OK
$ CONFIG
(error) ERR wrong number of arguments for 'config' command
$ FLUSHALL
OK
`;

/** Parameter names `CONFIG GET *` must list (a sample that tools and clients read). */
export const requiredConfigNames = [
  'bind', 'port', 'databases', 'maxclients', 'maxmemory', 'maxmemory-policy', 'timeout', 'tcp-keepalive',
  'save', 'appendonly', 'appendfsync', 'dir', 'dbfilename', 'requirepass', 'protected-mode',
  'hash-max-listpack-entries', 'hash-max-listpack-value', 'list-max-listpack-size', 'set-max-intset-entries',
  'zset-max-listpack-entries', 'zset-max-listpack-value', 'slowlog-log-slower-than', 'notify-keyspace-events',
  'client-output-buffer-limit', 'proto-max-bulk-len', 'client-query-buffer-limit', 'lua-time-limit',
  'latency-tracking', 'io-threads', 'loglevel', 'busy-reply-threshold',
] as const;

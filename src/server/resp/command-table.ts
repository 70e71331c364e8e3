/**
 * Redis 7.0 command metadata for the commands the RESP server implements: what COMMAND INFO,
 * COMMAND DOCS, COMMAND COUNT / LIST and the arity check need.
 *
 * The rows below were generated from the replies of a live Redis 7.0.15 (COMMAND INFO and
 * COMMAND DOCS) and are decoded once at load time. Deliberate omissions: key-spec `notes`,
 * doc `history`, and complexity texts are cut to their first sentence.
 *
 * Row layout (CommandRow):
 *   [name, arity, 'flag flag', firstKey, lastKey, step, '@cat @cat', 'tip tip', [keySpec...], doc, subcommands?]
 * keySpec string:  'FLAG FLAG|<begin_search>|<find_keys>'
 *   begin_search:  'index <index>' | 'keyword <keyword> <startfrom>' | 'unknown'
 *   find_keys:     'range <lastkey> <keystep> <limit>' | 'keynum <keynumidx> <firstkey> <keystep>' | 'unknown'
 * doc (DocRow):    [summary, since, group, complexity | U, [arg...] | U, { docFlags?, deprecatedSince?, replacedBy? }?]
 * arg (ArgRow):    [name, type, 'attrs'?, [arg...]?] where attrs are space-separated:
 *   T=<token>  ?  (optional)  *  (multiple)  **  (multiple_token)  k=<key_spec_index>  s=<since>  d=<deprecated_since>
 */

export interface ArgDoc {
  name: string;
  type: string;
  token?: string;
  flags?: readonly string[];
  display?: string;
  value?: string;
  arguments?: readonly ArgDoc[];
  since?: string;
  /** COMMAND DOCS `key_spec_index` (only on arguments of type 'key'). */
  keySpecIndex?: number;
  deprecatedSince?: string;
}

export interface CommandDoc {
  summary: string;
  since: string;
  group: string;
  complexity?: string;
  arguments?: readonly ArgDoc[];
  /** COMMAND DOCS `doc_flags` ('deprecated', 'syscmd'). */
  docFlags?: readonly string[];
  deprecatedSince?: string;
  replacedBy?: string;
}

export interface CommandInfo {
  /** Lowercase; subcommands as 'client|setname'. */
  name: string;
  /** Redis arity: positive = exactly, negative = at least -arity (the command name counts). */
  arity: number;
  flags: readonly string[];
  firstKey: number;
  lastKey: number;
  step: number;
  /** ACL categories with '@'. */
  categories: readonly string[];
  tips: readonly string[];
  /** Key specs as COMMAND INFO reports them (RESP maps as plain objects, without `notes`). */
  keySpecs: readonly unknown[];
  subcommands: readonly CommandInfo[];
  docs: CommandDoc;
}

type ArgRow = readonly [name: string, type: string, attrs?: string, args?: readonly ArgRow[]];
interface DocExtra { docFlags?: readonly string[]; deprecatedSince?: string; replacedBy?: string }
type DocRow = readonly [summary: string, since: string, group: string, complexity: string | undefined,
  args?: readonly ArgRow[] | undefined, extra?: DocExtra];
type CommandRow = readonly [name: string, arity: number, flags: string, firstKey: number, lastKey: number,
  step: number, categories: string, tips: string, keySpecs: readonly string[], doc: DocRow,
  subcommands?: readonly CommandRow[]];

const U = undefined;

// prettier-ignore
const ROWS: readonly CommandRow[] = [
  ['ping', -1, 'fast', 0, 0, 0, '@fast @connection', 'request_policy:all_shards response_policy:all_succeeded', [], ['Ping the server', '1.0.0', 'connection', 'O(1)', [['message', 'string', '?']]]],
  ['echo', 2, 'loading stale fast', 0, 0, 0, '@fast @connection', '', [], ['Echo the given string', '1.0.0', 'connection', 'O(1)', [['message', 'string']]]],
  ['hello', -1, 'noscript loading stale fast no_auth allow_busy', 0, 0, 0, '@fast @connection', '', [], ['Handshake with Redis', '6.0.0', 'connection', 'O(1)', [['arguments', 'block', '?', [['protover', 'integer'], ['username_password', 'block', 'T=AUTH ?', [['username', 'string'], ['password', 'string']]], ['clientname', 'string', 'T=SETNAME ?']]]]]],
  ['auth', -2, 'noscript loading stale fast no_auth allow_busy', 0, 0, 0, '@fast @connection', '', [], ['Authenticate to the server', '1.0.0', 'connection', 'O(N) where N is the number of passwords defined for the user', [['username', 'string', '? s=6.0.0'], ['password', 'string']]]],
  ['select', 2, 'loading stale fast', 0, 0, 0, '@fast @connection', '', [], ['Change the selected database for the current connection', '1.0.0', 'connection', 'O(1)', [['index', 'integer']]]],
  ['quit', -1, 'noscript loading stale fast no_auth allow_busy', 0, 0, 0, '@fast @connection', '', [], ['Close the connection', '1.0.0', 'connection', 'O(1)']],
  ['reset', 1, 'noscript loading stale fast no_auth allow_busy', 0, 0, 0, '@fast @connection', '', [], ['Reset the connection', '6.2.0', 'connection', 'O(1)']],
  ['client', -2, '', 0, 0, 0, '@slow', '', [], ['A container for client connection commands', '2.4.0', 'connection', 'Depends on subcommand.'], [
    ['client|caching', 3, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Instruct the server about tracking or not keys in the next request', '6.0.0', 'connection', 'O(1)', [['mode', 'oneof', '', [['yes', 'pure-token', 'T=YES'], ['no', 'pure-token', 'T=NO']]]]]],
    ['client|getname', 2, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Get the current connection name', '2.6.9', 'connection', 'O(1)']],
    ['client|getredir', 2, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Get tracking notifications redirection client ID if any', '6.0.0', 'connection', 'O(1)']],
    ['client|help', 2, 'loading stale', 0, 0, 0, '@slow @connection', '', [], ['Show helpful text about the different subcommands', '5.0.0', 'connection', 'O(1)']],
    ['client|id', 2, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Returns the client ID for the current connection', '5.0.0', 'connection', 'O(1)']],
    ['client|info', 2, 'noscript loading stale', 0, 0, 0, '@slow @connection', 'nondeterministic_output', [], ['Returns information about the current client connection.', '6.2.0', 'connection', 'O(1)']],
    ['client|kill', -3, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous @connection', '', [], ['Kill the connection of a client', '2.4.0', 'connection', 'O(N) where N is the number of client connections', [['filter', 'oneof', '', [['ip:port', 'string', 'd=2.8.12'], ['new-format', 'oneof', '*', [['client-id', 'integer', 'T=ID ? s=2.8.12'], ['normal_master_slave_pubsub', 'oneof', 'T=TYPE ? s=2.8.12', [['normal', 'pure-token', 'T=NORMAL'], ['master', 'pure-token', 'T=MASTER s=3.2.0'], ['slave', 'pure-token', 'T=SLAVE'], ['replica', 'pure-token', 'T=REPLICA s=5.0.0'], ['pubsub', 'pure-token', 'T=PUBSUB']]], ['username', 'string', 'T=USER ?'], ['ip:port', 'string', 'T=ADDR ?'], ['ip:port', 'string', 'T=LADDR ? s=6.2.0'], ['yes/no', 'string', 'T=SKIPME ?']]]]]]]],
    ['client|list', -2, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous @connection', 'nondeterministic_output', [], ['Get the list of client connections', '2.4.0', 'connection', 'O(N) where N is the number of client connections', [['normal_master_replica_pubsub', 'oneof', 'T=TYPE ? s=5.0.0', [['normal', 'pure-token', 'T=NORMAL'], ['master', 'pure-token', 'T=MASTER'], ['replica', 'pure-token', 'T=REPLICA'], ['pubsub', 'pure-token', 'T=PUBSUB']]], ['id', 'block', 'T=ID ? s=6.2.0', [['client-id', 'integer', '*']]]]]],
    ['client|no-evict', 3, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous @connection', '', [], ['Set client eviction mode for the current connection', '7.0.0', 'connection', 'O(1)', [['enabled', 'oneof', '', [['on', 'pure-token', 'T=ON'], ['off', 'pure-token', 'T=OFF']]]]]],
    ['client|pause', -3, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous @connection', '', [], ['Stop processing commands from clients for some time', '2.9.50', 'connection', 'O(1)', [['timeout', 'integer'], ['mode', 'oneof', '? s=6.2.0', [['write', 'pure-token', 'T=WRITE'], ['all', 'pure-token', 'T=ALL']]]]]],
    ['client|reply', 3, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Instruct the server whether to reply to commands', '3.2.0', 'connection', 'O(1)', [['on_off_skip', 'oneof', '', [['on', 'pure-token', 'T=ON'], ['off', 'pure-token', 'T=OFF'], ['skip', 'pure-token', 'T=SKIP']]]]]],
    ['client|setname', 3, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Set the current connection name', '2.6.9', 'connection', 'O(1)', [['connection-name', 'string']]]],
    ['client|tracking', -3, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Enable or disable server assisted client side caching support', '6.0.0', 'connection', 'O(1).', [['status', 'oneof', '', [['on', 'pure-token', 'T=ON'], ['off', 'pure-token', 'T=OFF']]], ['client-id', 'integer', 'T=REDIRECT ?'], ['prefix', 'string', 'T=PREFIX ? * **'], ['bcast', 'pure-token', 'T=BCAST ?'], ['optin', 'pure-token', 'T=OPTIN ?'], ['optout', 'pure-token', 'T=OPTOUT ?'], ['noloop', 'pure-token', 'T=NOLOOP ?']]]],
    ['client|trackinginfo', 2, 'noscript loading stale', 0, 0, 0, '@slow @connection', '', [], ['Return information about server assisted client side caching for the current connection', '6.2.0', 'connection', 'O(1)']],
    ['client|unblock', -3, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous @connection', '', [], ['Unblock a client blocked in a blocking command from a different connection', '5.0.0', 'connection', 'O(log N) where N is the number of client connections', [['client-id', 'integer'], ['timeout_error', 'oneof', '?', [['timeout', 'pure-token', 'T=TIMEOUT'], ['error', 'pure-token', 'T=ERROR']]]]]],
    ['client|unpause', 2, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous @connection', '', [], ['Resume processing of clients that were paused', '6.2.0', 'connection', 'O(N) Where N is the number of paused clients']],
  ]],
  ['info', -1, 'loading stale', 0, 0, 0, '@slow @dangerous', 'nondeterministic_output request_policy:all_shards response_policy:special', [], ['Get information and statistics about the server', '1.0.0', 'server', 'O(1)', [['section', 'string', '? *']]]],
  ['config', -2, '', 0, 0, 0, '@slow', '', [], ['A container for server configuration commands', '2.0.0', 'server', 'Depends on subcommand.'], [
    ['config|get', -3, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous', '', [], ['Get the values of configuration parameters', '2.0.0', 'server', 'O(N) when N is the number of configuration parameters provided', [['parameter', 'block', '*', [['parameter', 'string']]]]]],
    ['config|help', 2, 'loading stale', 0, 0, 0, '@slow', '', [], ['Show helpful text about the different subcommands', '5.0.0', 'server', 'O(1)']],
    ['config|resetstat', 2, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous', '', [], ['Reset the stats returned by INFO', '2.0.0', 'server', 'O(1)']],
    ['config|rewrite', 2, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous', '', [], ['Rewrite the configuration file with the in memory configuration', '2.8.0', 'server', 'O(1)']],
    ['config|set', -4, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous', 'request_policy:all_nodes response_policy:all_succeeded', [], ['Set configuration parameters to the given values', '2.0.0', 'server', 'O(N) when N is the number of configuration parameters provided', [['parameter_value', 'block', '*', [['parameter', 'string'], ['value', 'string']]]]]],
  ]],
  ['dbsize', 1, 'readonly fast', 0, 0, 0, '@keyspace @read @fast', 'request_policy:all_shards response_policy:agg_sum', [], ['Return the number of keys in the selected database', '1.0.0', 'server', 'O(1)']],
  ['flushdb', -1, 'write', 0, 0, 0, '@keyspace @write @slow @dangerous', 'request_policy:all_shards response_policy:all_succeeded', [], ['Remove all keys from the current database', '1.0.0', 'server', 'O(N) where N is the number of keys in the selected database', [['async', 'oneof', '?', [['async', 'pure-token', 'T=ASYNC s=4.0.0'], ['sync', 'pure-token', 'T=SYNC s=6.2.0']]]]]],
  ['flushall', -1, 'write', 0, 0, 0, '@keyspace @write @slow @dangerous', 'request_policy:all_shards response_policy:all_succeeded', [], ['Remove all keys from all databases', '1.0.0', 'server', 'O(N) where N is the total number of keys in all databases', [['async', 'oneof', '?', [['async', 'pure-token', 'T=ASYNC s=4.0.0'], ['sync', 'pure-token', 'T=SYNC s=6.2.0']]]]]],
  ['time', 1, 'loading stale fast', 0, 0, 0, '@fast', 'nondeterministic_output', [], ['Return the current server time', '2.6.0', 'server', 'O(1)']],
  ['command', -1, 'loading stale', 0, 0, 0, '@slow @connection', 'nondeterministic_output_order', [], ['Get array of Redis command details', '2.8.13', 'server', 'O(N) where N is the total number of Redis commands'], [
    ['command|count', 2, 'loading stale', 0, 0, 0, '@slow @connection', '', [], ['Get total number of Redis commands', '2.8.13', 'server', 'O(1)']],
    ['command|docs', -2, 'loading stale', 0, 0, 0, '@slow @connection', 'nondeterministic_output_order', [], ['Get array of specific Redis command documentation', '7.0.0', 'server', 'O(N) where N is the number of commands to look up', [['command-name', 'string', '? *']]]],
    ['command|getkeys', -4, 'loading stale', 0, 0, 0, '@slow @connection', '', [], ['Extract keys given a full Redis command', '2.8.13', 'server', 'O(N) where N is the number of arguments to the command']],
    ['command|help', 2, 'loading stale', 0, 0, 0, '@slow @connection', '', [], ['Show helpful text about the different subcommands', '5.0.0', 'server', 'O(1)']],
    ['command|info', -2, 'loading stale', 0, 0, 0, '@slow @connection', 'nondeterministic_output_order', [], ['Get array of specific Redis command details, or all when no argument is given.', '2.8.13', 'server', 'O(N) where N is the number of commands to look up', [['command-name', 'string', '? *']]]],
    ['command|list', -2, 'loading stale', 0, 0, 0, '@slow @connection', 'nondeterministic_output_order', [], ['Get an array of Redis command names', '7.0.0', 'server', 'O(N) where N is the total number of Redis commands', [['filterby', 'oneof', 'T=FILTERBY ?', [['module-name', 'string', 'T=MODULE'], ['category', 'string', 'T=ACLCAT'], ['pattern', 'pattern', 'T=PATTERN']]]]]],
  ]],
  ['save', 1, 'admin noscript no_async_loading no_multi', 0, 0, 0, '@admin @slow @dangerous', '', [], ['Synchronously save the dataset to disk', '1.0.0', 'server', 'O(N) where N is the total number of keys in all databases']],
  ['bgsave', -1, 'admin noscript no_async_loading', 0, 0, 0, '@admin @slow @dangerous', '', [], ['Asynchronously save the dataset to disk', '1.0.0', 'server', 'O(1)', [['schedule', 'pure-token', 'T=SCHEDULE ? s=3.2.2']]]],
  ['lastsave', 1, 'loading stale fast', 0, 0, 0, '@admin @fast @dangerous', 'nondeterministic_output', [], ['Get the UNIX time stamp of the last successful save to disk', '1.0.0', 'server', 'O(1)']],
  ['shutdown', -1, 'admin noscript loading stale no_multi allow_busy', 0, 0, 0, '@admin @slow @dangerous', '', [], ['Synchronously save the dataset to disk and then shut down the server', '1.0.0', 'server', 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)', [['nosave_save', 'oneof', '?', [['nosave', 'pure-token', 'T=NOSAVE'], ['save', 'pure-token', 'T=SAVE']]], ['now', 'pure-token', 'T=NOW ? s=7.0.0'], ['force', 'pure-token', 'T=FORCE ? s=7.0.0'], ['abort', 'pure-token', 'T=ABORT ? s=7.0.0']]]],
  ['memory', -2, '', 0, 0, 0, '@slow', '', [], ['A container for memory diagnostics commands', '4.0.0', 'server', 'Depends on subcommand.'], [
    ['memory|doctor', 2, '', 0, 0, 0, '@slow', 'nondeterministic_output request_policy:all_shards response_policy:special', [], ['Outputs memory problems report', '4.0.0', 'server', 'O(1)']],
    ['memory|help', 2, 'loading stale', 0, 0, 0, '@slow', '', [], ['Show helpful text about the different subcommands', '4.0.0', 'server', 'O(1)']],
    ['memory|stats', 2, '', 0, 0, 0, '@slow', 'nondeterministic_output request_policy:all_shards response_policy:special', [], ['Show memory usage details', '4.0.0', 'server', 'O(1)']],
    ['memory|usage', -3, 'readonly', 2, 2, 1, '@read @slow', '', ['RO|index 2|range 0 1 0'], ['Estimate the memory usage of a key', '4.0.0', 'server', 'O(N) where N is the number of samples.', [['key', 'key', 'k=0'], ['count', 'integer', 'T=SAMPLES ?']]]],
  ]],
  ['object', -2, '', 0, 0, 0, '@slow', '', [], ['A container for object introspection commands', '2.2.3', 'generic', 'Depends on subcommand.'], [
    ['object|encoding', 3, 'readonly', 2, 2, 1, '@keyspace @read @slow', 'nondeterministic_output', ['RO|index 2|range 0 1 0'], ['Inspect the internal encoding of a Redis object', '2.2.3', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
    ['object|freq', 3, 'readonly', 2, 2, 1, '@keyspace @read @slow', 'nondeterministic_output', ['RO|index 2|range 0 1 0'], ['Get the logarithmic access frequency counter of a Redis object', '4.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
    ['object|help', 2, 'loading stale', 0, 0, 0, '@keyspace @slow', '', [], ['Show helpful text about the different subcommands', '6.2.0', 'generic', 'O(1)']],
    ['object|idletime', 3, 'readonly', 2, 2, 1, '@keyspace @read @slow', 'nondeterministic_output', ['RO|index 2|range 0 1 0'], ['Get the time since a Redis object was last accessed', '2.2.3', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
    ['object|refcount', 3, 'readonly', 2, 2, 1, '@keyspace @read @slow', 'nondeterministic_output', ['RO|index 2|range 0 1 0'], ['Get the number of references to the value of the key', '2.2.3', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
  ]],
  ['function', -2, '', 0, 0, 0, '@slow', '', [], ['A container for function commands', '7.0.0', 'scripting', 'Depends on subcommand.'], [
    ['function|delete', 3, 'write noscript', 0, 0, 0, '@write @slow @scripting', 'request_policy:all_shards response_policy:all_succeeded', [], ['Delete a function by name', '7.0.0', 'scripting', 'O(1)', [['library-name', 'string']]]],
    ['function|dump', 2, 'noscript', 0, 0, 0, '@slow @scripting', '', [], ['Dump all functions into a serialized binary payload', '7.0.0', 'scripting', 'O(N) where N is the number of functions']],
    ['function|flush', -2, 'write noscript', 0, 0, 0, '@write @slow @scripting', 'request_policy:all_shards response_policy:all_succeeded', [], ['Deleting all functions', '7.0.0', 'scripting', 'O(N) where N is the number of functions deleted', [['async', 'oneof', '?', [['async', 'pure-token', 'T=ASYNC'], ['sync', 'pure-token', 'T=SYNC']]]]]],
    ['function|help', 2, 'loading stale', 0, 0, 0, '@slow @scripting', '', [], ['Show helpful text about the different subcommands', '7.0.0', 'scripting', 'O(1)']],
    ['function|kill', 2, 'noscript allow_busy', 0, 0, 0, '@slow @scripting', 'request_policy:all_shards response_policy:one_succeeded', [], ['Kill the function currently in execution.', '7.0.0', 'scripting', 'O(1)']],
    ['function|list', -2, 'noscript', 0, 0, 0, '@slow @scripting', 'nondeterministic_output_order', [], ['List information about all the functions', '7.0.0', 'scripting', 'O(N) where N is the number of functions', [['library-name-pattern', 'string', 'T=LIBRARYNAME ?'], ['withcode', 'pure-token', 'T=WITHCODE ?']]]],
    ['function|load', -3, 'write denyoom noscript', 0, 0, 0, '@write @slow @scripting', 'request_policy:all_shards response_policy:all_succeeded', [], ['Create a function with the given arguments (name, code, description)', '7.0.0', 'scripting', 'O(1) (considering compilation time is redundant)', [['replace', 'pure-token', 'T=REPLACE ?'], ['function-code', 'string']]]],
    ['function|restore', -3, 'write denyoom noscript', 0, 0, 0, '@write @slow @scripting', 'request_policy:all_shards response_policy:all_succeeded', [], ['Restore all the functions on the given payload', '7.0.0', 'scripting', 'O(N) where N is the number of functions on the payload', [['serialized-value', 'string'], ['policy', 'oneof', '?', [['flush', 'pure-token', 'T=FLUSH'], ['append', 'pure-token', 'T=APPEND'], ['replace', 'pure-token', 'T=REPLACE']]]]]],
    ['function|stats', 2, 'noscript allow_busy', 0, 0, 0, '@slow @scripting', 'nondeterministic_output request_policy:all_shards response_policy:special', [], ['Return information about the function currently running (name, description, duration)', '7.0.0', 'scripting', 'O(1)']],
  ]],
  ['debug', -2, 'admin noscript loading stale', 0, 0, 0, '@admin @slow @dangerous', '', [], ['A container for debugging commands', '1.0.0', 'server', 'Depends on subcommand.', U, { docFlags: ['syscmd'] }]],
  ['del', -2, 'write', 1, -1, 1, '@keyspace @write @slow', 'request_policy:multi_shard response_policy:agg_sum', ['RM delete|index 1|range -1 1 0'], ['Delete a key', '1.0.0', 'generic', 'O(N) where N is the number of keys that will be removed.', [['key', 'key', '* k=0']]]],
  ['unlink', -2, 'write fast', 1, -1, 1, '@keyspace @write @fast', 'request_policy:multi_shard response_policy:agg_sum', ['RM delete|index 1|range -1 1 0'], ['Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.', '4.0.0', 'generic', 'O(1) for each key removed regardless of its size.', [['key', 'key', '* k=0']]]],
  ['exists', -2, 'readonly fast', 1, -1, 1, '@keyspace @read @fast', 'request_policy:multi_shard response_policy:agg_sum', ['RO|index 1|range -1 1 0'], ['Determine if a key exists', '1.0.0', 'generic', 'O(N) where N is the number of keys to check.', [['key', 'key', '* k=0']]]],
  ['type', 2, 'readonly fast', 1, 1, 1, '@keyspace @read @fast', '', ['RO|index 1|range 0 1 0'], ['Determine the type stored at key', '1.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
  ['expire', -3, 'write fast', 1, 1, 1, '@keyspace @write @fast', '', ['RW update|index 1|range 0 1 0'], ['Set a key\'s time to live in seconds', '1.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0'], ['seconds', 'integer'], ['condition', 'oneof', '? s=7.0.0', [['nx', 'pure-token', 'T=NX'], ['xx', 'pure-token', 'T=XX'], ['gt', 'pure-token', 'T=GT'], ['lt', 'pure-token', 'T=LT']]]]]],
  ['pexpire', -3, 'write fast', 1, 1, 1, '@keyspace @write @fast', '', ['RW update|index 1|range 0 1 0'], ['Set a key\'s time to live in milliseconds', '2.6.0', 'generic', 'O(1)', [['key', 'key', 'k=0'], ['milliseconds', 'integer'], ['condition', 'oneof', '? s=7.0.0', [['nx', 'pure-token', 'T=NX'], ['xx', 'pure-token', 'T=XX'], ['gt', 'pure-token', 'T=GT'], ['lt', 'pure-token', 'T=LT']]]]]],
  ['expireat', -3, 'write fast', 1, 1, 1, '@keyspace @write @fast', '', ['RW update|index 1|range 0 1 0'], ['Set the expiration for a key as a UNIX timestamp', '1.2.0', 'generic', 'O(1)', [['key', 'key', 'k=0'], ['unix-time-seconds', 'unix-time'], ['condition', 'oneof', '? s=7.0.0', [['nx', 'pure-token', 'T=NX'], ['xx', 'pure-token', 'T=XX'], ['gt', 'pure-token', 'T=GT'], ['lt', 'pure-token', 'T=LT']]]]]],
  ['pexpireat', -3, 'write fast', 1, 1, 1, '@keyspace @write @fast', '', ['RW update|index 1|range 0 1 0'], ['Set the expiration for a key as a UNIX timestamp specified in milliseconds', '2.6.0', 'generic', 'O(1)', [['key', 'key', 'k=0'], ['unix-time-milliseconds', 'unix-time'], ['condition', 'oneof', '? s=7.0.0', [['nx', 'pure-token', 'T=NX'], ['xx', 'pure-token', 'T=XX'], ['gt', 'pure-token', 'T=GT'], ['lt', 'pure-token', 'T=LT']]]]]],
  ['ttl', 2, 'readonly fast', 1, 1, 1, '@keyspace @read @fast', 'nondeterministic_output', ['RO access|index 1|range 0 1 0'], ['Get the time to live for a key in seconds', '1.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
  ['pttl', 2, 'readonly fast', 1, 1, 1, '@keyspace @read @fast', 'nondeterministic_output', ['RO access|index 1|range 0 1 0'], ['Get the time to live for a key in milliseconds', '2.6.0', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
  ['expiretime', 2, 'readonly fast', 1, 1, 1, '@keyspace @read @fast', '', ['RO access|index 1|range 0 1 0'], ['Get the expiration Unix timestamp for a key', '7.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
  ['pexpiretime', 2, 'readonly fast', 1, 1, 1, '@keyspace @read @fast', '', ['RO access|index 1|range 0 1 0'], ['Get the expiration Unix timestamp for a key in milliseconds', '7.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
  ['persist', 2, 'write fast', 1, 1, 1, '@keyspace @write @fast', '', ['RW update|index 1|range 0 1 0'], ['Remove the expiration from a key', '2.2.0', 'generic', 'O(1)', [['key', 'key', 'k=0']]]],
  ['keys', 2, 'readonly', 0, 0, 0, '@keyspace @read @slow @dangerous', 'request_policy:all_shards nondeterministic_output_order', [], ['Find all keys matching the given pattern', '1.0.0', 'generic', 'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.', [['pattern', 'pattern']]]],
  ['scan', -2, 'readonly', 0, 0, 0, '@keyspace @read @slow', 'nondeterministic_output request_policy:special', [], ['Incrementally iterate the keys space', '2.8.0', 'generic', 'O(1) for every call.', [['cursor', 'integer'], ['pattern', 'pattern', 'T=MATCH ?'], ['count', 'integer', 'T=COUNT ?'], ['type', 'string', 'T=TYPE ? s=6.0.0']]]],
  ['rename', 3, 'write', 1, 2, 1, '@keyspace @write @slow', '', ['RW access delete|index 1|range 0 1 0', 'OW update|index 2|range 0 1 0'], ['Rename a key', '1.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0'], ['newkey', 'key', 'k=1']]]],
  ['renamenx', 3, 'write fast', 1, 2, 1, '@keyspace @write @fast', '', ['RW access delete|index 1|range 0 1 0', 'OW insert|index 2|range 0 1 0'], ['Rename a key, only if the new key does not exist', '1.0.0', 'generic', 'O(1)', [['key', 'key', 'k=0'], ['newkey', 'key', 'k=1']]]],
  ['randomkey', 1, 'readonly', 0, 0, 0, '@keyspace @read @slow', 'request_policy:all_shards nondeterministic_output', [], ['Return a random key from the keyspace', '1.0.0', 'generic', 'O(1)']],
  ['copy', -3, 'write denyoom', 1, 2, 1, '@keyspace @write @slow', '', ['RO access|index 1|range 0 1 0', 'OW update|index 2|range 0 1 0'], ['Copy a key', '6.2.0', 'generic', 'O(N) worst case for collections, where N is the number of nested items.', [['source', 'key', 'k=0'], ['destination', 'key', 'k=1'], ['destination-db', 'integer', 'T=DB ?'], ['replace', 'pure-token', 'T=REPLACE ?']]]],
  ['touch', -2, 'readonly fast', 1, -1, 1, '@keyspace @read @fast', 'request_policy:multi_shard response_policy:agg_sum', ['RO|index 1|range -1 1 0'], ['Alters the last access time of a key(s). Returns the number of existing keys specified.', '3.2.1', 'generic', 'O(N) where N is the number of keys that will be touched.', [['key', 'key', '* k=0']]]],
  ['get', 2, 'readonly fast', 1, 1, 1, '@read @string @fast', '', ['RO access|index 1|range 0 1 0'], ['Get the value of a key', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0']]]],
  ['set', -3, 'write denyoom', 1, 1, 1, '@write @string @slow', '', ['RW access update variable_flags|index 1|range 0 1 0'], ['Set the string value of a key', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['value', 'string'], ['condition', 'oneof', '? s=2.6.12', [['nx', 'pure-token', 'T=NX'], ['xx', 'pure-token', 'T=XX']]], ['get', 'pure-token', 'T=GET ? s=6.2.0'], ['expiration', 'oneof', '?', [['seconds', 'integer', 'T=EX s=2.6.12'], ['milliseconds', 'integer', 'T=PX s=2.6.12'], ['unix-time-seconds', 'unix-time', 'T=EXAT s=6.2.0'], ['unix-time-milliseconds', 'unix-time', 'T=PXAT s=6.2.0'], ['keepttl', 'pure-token', 'T=KEEPTTL s=6.0.0']]]]]],
  ['setnx', 3, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['OW insert|index 1|range 0 1 0'], ['Set the value of a key, only if the key does not exist', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['value', 'string']]]],
  ['setex', 4, 'write denyoom', 1, 1, 1, '@write @string @slow', '', ['OW update|index 1|range 0 1 0'], ['Set the value and expiration of a key', '2.0.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['seconds', 'integer'], ['value', 'string']]]],
  ['psetex', 4, 'write denyoom', 1, 1, 1, '@write @string @slow', '', ['OW update|index 1|range 0 1 0'], ['Set the value and expiration in milliseconds of a key', '2.6.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['milliseconds', 'integer'], ['value', 'string']]]],
  ['getset', 3, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['RW access update|index 1|range 0 1 0'], ['Set the string value of a key and return its old value', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['value', 'string']], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`SET` with the `!GET` argument' }]],
  ['getdel', 2, 'write fast', 1, 1, 1, '@write @string @fast', '', ['RW access delete|index 1|range 0 1 0'], ['Get the value of a key and delete the key', '6.2.0', 'string', 'O(1)', [['key', 'key', 'k=0']]]],
  ['getex', -2, 'write fast', 1, 1, 1, '@write @string @fast', '', ['RW access update|index 1|range 0 1 0'], ['Get the value of a key and optionally set its expiration', '6.2.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['expiration', 'oneof', '?', [['seconds', 'integer', 'T=EX'], ['milliseconds', 'integer', 'T=PX'], ['unix-time-seconds', 'unix-time', 'T=EXAT'], ['unix-time-milliseconds', 'unix-time', 'T=PXAT'], ['persist', 'pure-token', 'T=PERSIST']]]]]],
  ['mget', -2, 'readonly fast', 1, -1, 1, '@read @string @fast', 'request_policy:multi_shard', ['RO access|index 1|range -1 1 0'], ['Get the values of all the given keys', '1.0.0', 'string', 'O(N) where N is the number of keys to retrieve.', [['key', 'key', '* k=0']]]],
  ['mset', -3, 'write denyoom', 1, -1, 2, '@write @string @slow', 'request_policy:multi_shard response_policy:all_succeeded', ['OW update|index 1|range -1 2 0'], ['Set multiple keys to multiple values', '1.0.1', 'string', 'O(N) where N is the number of keys to set.', [['key_value', 'block', '*', [['key', 'key', 'k=0'], ['value', 'string']]]]]],
  ['msetnx', -3, 'write denyoom', 1, -1, 2, '@write @string @slow', 'request_policy:multi_shard response_policy:agg_min', ['OW insert|index 1|range -1 2 0'], ['Set multiple keys to multiple values, only if none of the keys exist', '1.0.1', 'string', 'O(N) where N is the number of keys to set.', [['key_value', 'block', '*', [['key', 'key', 'k=0'], ['value', 'string']]]]]],
  ['incr', 2, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['RW access update|index 1|range 0 1 0'], ['Increment the integer value of a key by one', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0']]]],
  ['decr', 2, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['RW access update|index 1|range 0 1 0'], ['Decrement the integer value of a key by one', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0']]]],
  ['incrby', 3, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['RW access update|index 1|range 0 1 0'], ['Increment the integer value of a key by the given amount', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['increment', 'integer']]]],
  ['decrby', 3, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['RW access update|index 1|range 0 1 0'], ['Decrement the integer value of a key by the given number', '1.0.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['decrement', 'integer']]]],
  ['incrbyfloat', 3, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['RW access update|index 1|range 0 1 0'], ['Increment the float value of a key by the given amount', '2.6.0', 'string', 'O(1)', [['key', 'key', 'k=0'], ['increment', 'double']]]],
  ['append', 3, 'write denyoom fast', 1, 1, 1, '@write @string @fast', '', ['RW insert|index 1|range 0 1 0'], ['Append a value to a key', '2.0.0', 'string', 'O(1).', [['key', 'key', 'k=0'], ['value', 'string']]]],
  ['strlen', 2, 'readonly fast', 1, 1, 1, '@read @string @fast', '', ['RO|index 1|range 0 1 0'], ['Get the length of the value stored in a key', '2.2.0', 'string', 'O(1)', [['key', 'key', 'k=0']]]],
  ['getrange', 4, 'readonly', 1, 1, 1, '@read @string @slow', '', ['RO access|index 1|range 0 1 0'], ['Get a substring of the string stored at a key', '2.4.0', 'string', 'O(N) where N is the length of the returned string.', [['key', 'key', 'k=0'], ['start', 'integer'], ['end', 'integer']]]],
  ['setrange', 4, 'write denyoom', 1, 1, 1, '@write @string @slow', '', ['RW update|index 1|range 0 1 0'], ['Overwrite part of a string at key starting at the specified offset', '2.2.0', 'string', 'O(1), not counting the time taken to copy the new string in place.', [['key', 'key', 'k=0'], ['offset', 'integer'], ['value', 'string']]]],
  ['lpush', -3, 'write denyoom fast', 1, 1, 1, '@write @list @fast', '', ['RW insert|index 1|range 0 1 0'], ['Prepend one or multiple elements to a list', '1.0.0', 'list', 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', [['key', 'key', 'k=0'], ['element', 'string', '*']]]],
  ['rpush', -3, 'write denyoom fast', 1, 1, 1, '@write @list @fast', '', ['RW insert|index 1|range 0 1 0'], ['Append one or multiple elements to a list', '1.0.0', 'list', 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', [['key', 'key', 'k=0'], ['element', 'string', '*']]]],
  ['lpushx', -3, 'write denyoom fast', 1, 1, 1, '@write @list @fast', '', ['RW insert|index 1|range 0 1 0'], ['Prepend an element to a list, only if the list exists', '2.2.0', 'list', 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', [['key', 'key', 'k=0'], ['element', 'string', '*']]]],
  ['rpushx', -3, 'write denyoom fast', 1, 1, 1, '@write @list @fast', '', ['RW insert|index 1|range 0 1 0'], ['Append an element to a list, only if the list exists', '2.2.0', 'list', 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', [['key', 'key', 'k=0'], ['element', 'string', '*']]]],
  ['lpop', -2, 'write fast', 1, 1, 1, '@write @list @fast', '', ['RW access delete|index 1|range 0 1 0'], ['Remove and get the first elements in a list', '1.0.0', 'list', 'O(N) where N is the number of elements returned', [['key', 'key', 'k=0'], ['count', 'integer', '? s=6.2.0']]]],
  ['rpop', -2, 'write fast', 1, 1, 1, '@write @list @fast', '', ['RW access delete|index 1|range 0 1 0'], ['Remove and get the last elements in a list', '1.0.0', 'list', 'O(N) where N is the number of elements returned', [['key', 'key', 'k=0'], ['count', 'integer', '? s=6.2.0']]]],
  ['llen', 2, 'readonly fast', 1, 1, 1, '@read @list @fast', '', ['RO|index 1|range 0 1 0'], ['Get the length of a list', '1.0.0', 'list', 'O(1)', [['key', 'key', 'k=0']]]],
  ['lrange', 4, 'readonly', 1, 1, 1, '@read @list @slow', '', ['RO access|index 1|range 0 1 0'], ['Get a range of elements from a list', '1.0.0', 'list', 'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.', [['key', 'key', 'k=0'], ['start', 'integer'], ['stop', 'integer']]]],
  ['lindex', 3, 'readonly', 1, 1, 1, '@read @list @slow', '', ['RO access|index 1|range 0 1 0'], ['Get an element from a list by its index', '1.0.0', 'list', 'O(N) where N is the number of elements to traverse to get to the element at index.', [['key', 'key', 'k=0'], ['index', 'integer']]]],
  ['lset', 4, 'write denyoom', 1, 1, 1, '@write @list @slow', '', ['RW update|index 1|range 0 1 0'], ['Set the value of an element in a list by its index', '1.0.0', 'list', 'O(N) where N is the length of the list.', [['key', 'key', 'k=0'], ['index', 'integer'], ['element', 'string']]]],
  ['linsert', 5, 'write denyoom', 1, 1, 1, '@write @list @slow', '', ['RW insert|index 1|range 0 1 0'], ['Insert an element before or after another element in a list', '2.2.0', 'list', 'O(N) where N is the number of elements to traverse before seeing the value pivot.', [['key', 'key', 'k=0'], ['where', 'oneof', '', [['before', 'pure-token', 'T=BEFORE'], ['after', 'pure-token', 'T=AFTER']]], ['pivot', 'string'], ['element', 'string']]]],
  ['lrem', 4, 'write', 1, 1, 1, '@write @list @slow', '', ['RW delete|index 1|range 0 1 0'], ['Remove elements from a list', '1.0.0', 'list', 'O(N+M) where N is the length of the list and M is the number of elements removed.', [['key', 'key', 'k=0'], ['count', 'integer'], ['element', 'string']]]],
  ['ltrim', 4, 'write', 1, 1, 1, '@write @list @slow', '', ['RW delete|index 1|range 0 1 0'], ['Trim a list to the specified range', '1.0.0', 'list', 'O(N) where N is the number of elements to be removed by the operation.', [['key', 'key', 'k=0'], ['start', 'integer'], ['stop', 'integer']]]],
  ['lpos', -3, 'readonly', 1, 1, 1, '@read @list @slow', '', ['RO access|index 1|range 0 1 0'], ['Return the index of matching elements on a list', '6.0.6', 'list', 'O(N) where N is the number of elements in the list, for the average case.', [['key', 'key', 'k=0'], ['element', 'string'], ['rank', 'integer', 'T=RANK ?'], ['num-matches', 'integer', 'T=COUNT ?'], ['len', 'integer', 'T=MAXLEN ?']]]],
  ['lmove', 5, 'write denyoom', 1, 2, 1, '@write @list @slow', '', ['RW access delete|index 1|range 0 1 0', 'RW insert|index 2|range 0 1 0'], ['Pop an element from a list, push it to another list and return it', '6.2.0', 'list', 'O(1)', [['source', 'key', 'k=0'], ['destination', 'key', 'k=1'], ['wherefrom', 'oneof', '', [['left', 'pure-token', 'T=LEFT'], ['right', 'pure-token', 'T=RIGHT']]], ['whereto', 'oneof', '', [['left', 'pure-token', 'T=LEFT'], ['right', 'pure-token', 'T=RIGHT']]]]]],
  ['rpoplpush', 3, 'write denyoom', 1, 2, 1, '@write @list @slow', '', ['RW access delete|index 1|range 0 1 0', 'RW insert|index 2|range 0 1 0'], ['Remove the last element in a list, prepend it to another list and return it', '1.2.0', 'list', 'O(1)', [['source', 'key', 'k=0'], ['destination', 'key', 'k=1']], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`LMOVE` with the `RIGHT` and `LEFT` arguments' }]],
  ['blpop', -3, 'write noscript blocking', 1, -2, 1, '@write @list @slow @blocking', '', ['RW access delete|index 1|range -2 1 0'], ['Remove and get the first element in a list, or block until one is available', '2.0.0', 'list', 'O(N) where N is the number of provided keys.', [['key', 'key', '* k=0'], ['timeout', 'double']]]],
  ['brpop', -3, 'write noscript blocking', 1, -2, 1, '@write @list @slow @blocking', '', ['RW access delete|index 1|range -2 1 0'], ['Remove and get the last element in a list, or block until one is available', '2.0.0', 'list', 'O(N) where N is the number of provided keys.', [['key', 'key', '* k=0'], ['timeout', 'double']]]],
  ['blmove', 6, 'write denyoom noscript blocking', 1, 2, 1, '@write @list @slow @blocking', '', ['RW access delete|index 1|range 0 1 0', 'RW insert|index 2|range 0 1 0'], ['Pop an element from a list, push it to another list and return it; or block until one is available', '6.2.0', 'list', 'O(1)', [['source', 'key', 'k=0'], ['destination', 'key', 'k=1'], ['wherefrom', 'oneof', '', [['left', 'pure-token', 'T=LEFT'], ['right', 'pure-token', 'T=RIGHT']]], ['whereto', 'oneof', '', [['left', 'pure-token', 'T=LEFT'], ['right', 'pure-token', 'T=RIGHT']]], ['timeout', 'double']]]],
  ['hset', -4, 'write denyoom fast', 1, 1, 1, '@write @hash @fast', '', ['RW update|index 1|range 0 1 0'], ['Set the string value of a hash field', '2.0.0', 'hash', 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.', [['key', 'key', 'k=0'], ['field_value', 'block', '*', [['field', 'string'], ['value', 'string']]]]]],
  ['hsetnx', 4, 'write denyoom fast', 1, 1, 1, '@write @hash @fast', '', ['RW insert|index 1|range 0 1 0'], ['Set the value of a hash field, only if the field does not exist', '2.0.0', 'hash', 'O(1)', [['key', 'key', 'k=0'], ['field', 'string'], ['value', 'string']]]],
  ['hget', 3, 'readonly fast', 1, 1, 1, '@read @hash @fast', '', ['RO access|index 1|range 0 1 0'], ['Get the value of a hash field', '2.0.0', 'hash', 'O(1)', [['key', 'key', 'k=0'], ['field', 'string']]]],
  ['hmget', -3, 'readonly fast', 1, 1, 1, '@read @hash @fast', '', ['RO access|index 1|range 0 1 0'], ['Get the values of all the given hash fields', '2.0.0', 'hash', 'O(N) where N is the number of fields being requested.', [['key', 'key', 'k=0'], ['field', 'string', '*']]]],
  ['hmset', -4, 'write denyoom fast', 1, 1, 1, '@write @hash @fast', '', ['RW update|index 1|range 0 1 0'], ['Set multiple hash fields to multiple values', '2.0.0', 'hash', 'O(N) where N is the number of fields being set.', [['key', 'key', 'k=0'], ['field_value', 'block', '*', [['field', 'string'], ['value', 'string']]]], { docFlags: ['deprecated'], deprecatedSince: '4.0.0', replacedBy: '`HSET` with multiple field-value pairs' }]],
  ['hdel', -3, 'write fast', 1, 1, 1, '@write @hash @fast', '', ['RW delete|index 1|range 0 1 0'], ['Delete one or more hash fields', '2.0.0', 'hash', 'O(N) where N is the number of fields to be removed.', [['key', 'key', 'k=0'], ['field', 'string', '*']]]],
  ['hexists', 3, 'readonly fast', 1, 1, 1, '@read @hash @fast', '', ['RO|index 1|range 0 1 0'], ['Determine if a hash field exists', '2.0.0', 'hash', 'O(1)', [['key', 'key', 'k=0'], ['field', 'string']]]],
  ['hlen', 2, 'readonly fast', 1, 1, 1, '@read @hash @fast', '', ['RO|index 1|range 0 1 0'], ['Get the number of fields in a hash', '2.0.0', 'hash', 'O(1)', [['key', 'key', 'k=0']]]],
  ['hkeys', 2, 'readonly', 1, 1, 1, '@read @hash @slow', 'nondeterministic_output_order', ['RO access|index 1|range 0 1 0'], ['Get all the fields in a hash', '2.0.0', 'hash', 'O(N) where N is the size of the hash.', [['key', 'key', 'k=0']]]],
  ['hvals', 2, 'readonly', 1, 1, 1, '@read @hash @slow', 'nondeterministic_output_order', ['RO access|index 1|range 0 1 0'], ['Get all the values in a hash', '2.0.0', 'hash', 'O(N) where N is the size of the hash.', [['key', 'key', 'k=0']]]],
  ['hgetall', 2, 'readonly', 1, 1, 1, '@read @hash @slow', 'nondeterministic_output_order', ['RO access|index 1|range 0 1 0'], ['Get all the fields and values in a hash', '2.0.0', 'hash', 'O(N) where N is the size of the hash.', [['key', 'key', 'k=0']]]],
  ['hincrby', 4, 'write denyoom fast', 1, 1, 1, '@write @hash @fast', '', ['RW access update|index 1|range 0 1 0'], ['Increment the integer value of a hash field by the given number', '2.0.0', 'hash', 'O(1)', [['key', 'key', 'k=0'], ['field', 'string'], ['increment', 'integer']]]],
  ['hincrbyfloat', 4, 'write denyoom fast', 1, 1, 1, '@write @hash @fast', '', ['RW access update|index 1|range 0 1 0'], ['Increment the float value of a hash field by the given amount', '2.6.0', 'hash', 'O(1)', [['key', 'key', 'k=0'], ['field', 'string'], ['increment', 'double']]]],
  ['hstrlen', 3, 'readonly fast', 1, 1, 1, '@read @hash @fast', '', ['RO|index 1|range 0 1 0'], ['Get the length of the value of a hash field', '3.2.0', 'hash', 'O(1)', [['key', 'key', 'k=0'], ['field', 'string']]]],
  ['hscan', -3, 'readonly', 1, 1, 1, '@read @hash @slow', 'nondeterministic_output', ['RO access|index 1|range 0 1 0'], ['Incrementally iterate hash fields and associated values', '2.8.0', 'hash', 'O(1) for every call.', [['key', 'key', 'k=0'], ['cursor', 'integer'], ['pattern', 'pattern', 'T=MATCH ?'], ['count', 'integer', 'T=COUNT ?']]]],
  ['hrandfield', -2, 'readonly', 1, 1, 1, '@read @hash @slow', 'nondeterministic_output', ['RO access|index 1|range 0 1 0'], ['Get one or multiple random fields from a hash', '6.2.0', 'hash', 'O(N) where N is the number of fields returned', [['key', 'key', 'k=0'], ['options', 'block', '?', [['count', 'integer'], ['withvalues', 'pure-token', 'T=WITHVALUES ?']]]]]],
  ['sadd', -3, 'write denyoom fast', 1, 1, 1, '@write @set @fast', '', ['RW insert|index 1|range 0 1 0'], ['Add one or more members to a set', '1.0.0', 'set', 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.', [['key', 'key', 'k=0'], ['member', 'string', '*']]]],
  ['srem', -3, 'write fast', 1, 1, 1, '@write @set @fast', '', ['RW delete|index 1|range 0 1 0'], ['Remove one or more members from a set', '1.0.0', 'set', 'O(N) where N is the number of members to be removed.', [['key', 'key', 'k=0'], ['member', 'string', '*']]]],
  ['smembers', 2, 'readonly', 1, 1, 1, '@read @set @slow', 'nondeterministic_output_order', ['RO access|index 1|range 0 1 0'], ['Get all the members in a set', '1.0.0', 'set', 'O(N) where N is the set cardinality.', [['key', 'key', 'k=0']]]],
  ['sismember', 3, 'readonly fast', 1, 1, 1, '@read @set @fast', '', ['RO|index 1|range 0 1 0'], ['Determine if a given value is a member of a set', '1.0.0', 'set', 'O(1)', [['key', 'key', 'k=0'], ['member', 'string']]]],
  ['smismember', -3, 'readonly fast', 1, 1, 1, '@read @set @fast', '', ['RO access|index 1|range 0 1 0'], ['Returns the membership associated with the given elements for a set', '6.2.0', 'set', 'O(N) where N is the number of elements being checked for membership', [['key', 'key', 'k=0'], ['member', 'string', '*']]]],
  ['scard', 2, 'readonly fast', 1, 1, 1, '@read @set @fast', '', ['RO|index 1|range 0 1 0'], ['Get the number of members in a set', '1.0.0', 'set', 'O(1)', [['key', 'key', 'k=0']]]],
  ['spop', -2, 'write fast', 1, 1, 1, '@write @set @fast', 'nondeterministic_output', ['RW access delete|index 1|range 0 1 0'], ['Remove and return one or multiple random members from a set', '1.0.0', 'set', 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.', [['key', 'key', 'k=0'], ['count', 'integer', '? s=3.2.0']]]],
  ['srandmember', -2, 'readonly', 1, 1, 1, '@read @set @slow', 'nondeterministic_output', ['RO access|index 1|range 0 1 0'], ['Get one or multiple random members from a set', '1.0.0', 'set', 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.', [['key', 'key', 'k=0'], ['count', 'integer', '? s=2.6.0']]]],
  ['smove', 4, 'write fast', 1, 2, 1, '@write @set @fast', '', ['RW access delete|index 1|range 0 1 0', 'RW insert|index 2|range 0 1 0'], ['Move a member from one set to another', '1.0.0', 'set', 'O(1)', [['source', 'key', 'k=0'], ['destination', 'key', 'k=1'], ['member', 'string']]]],
  ['sinter', -2, 'readonly', 1, -1, 1, '@read @set @slow', 'nondeterministic_output_order', ['RO access|index 1|range -1 1 0'], ['Intersect multiple sets', '1.0.0', 'set', 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', [['key', 'key', '* k=0']]]],
  ['sunion', -2, 'readonly', 1, -1, 1, '@read @set @slow', 'nondeterministic_output_order', ['RO access|index 1|range -1 1 0'], ['Add multiple sets', '1.0.0', 'set', 'O(N) where N is the total number of elements in all given sets.', [['key', 'key', '* k=0']]]],
  ['sdiff', -2, 'readonly', 1, -1, 1, '@read @set @slow', 'nondeterministic_output_order', ['RO access|index 1|range -1 1 0'], ['Subtract multiple sets', '1.0.0', 'set', 'O(N) where N is the total number of elements in all given sets.', [['key', 'key', '* k=0']]]],
  ['sinterstore', -3, 'write denyoom', 1, -1, 1, '@write @set @slow', '', ['RW update|index 1|range 0 1 0', 'RO access|index 2|range -1 1 0'], ['Intersect multiple sets and store the resulting set in a key', '1.0.0', 'set', 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', [['destination', 'key', 'k=0'], ['key', 'key', '* k=1']]]],
  ['sunionstore', -3, 'write denyoom', 1, -1, 1, '@write @set @slow', '', ['OW update|index 1|range 0 1 0', 'RO access|index 2|range -1 1 0'], ['Add multiple sets and store the resulting set in a key', '1.0.0', 'set', 'O(N) where N is the total number of elements in all given sets.', [['destination', 'key', 'k=0'], ['key', 'key', '* k=1']]]],
  ['sdiffstore', -3, 'write denyoom', 1, -1, 1, '@write @set @slow', '', ['OW update|index 1|range 0 1 0', 'RO access|index 2|range -1 1 0'], ['Subtract multiple sets and store the resulting set in a key', '1.0.0', 'set', 'O(N) where N is the total number of elements in all given sets.', [['destination', 'key', 'k=0'], ['key', 'key', '* k=1']]]],
  ['sintercard', -3, 'readonly movablekeys', 0, 0, 0, '@read @set @slow', '', ['RO access|index 1|keynum 0 1 1'], ['Intersect multiple sets and return the cardinality of the result', '7.0.0', 'set', 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', [['numkeys', 'integer'], ['key', 'key', '* k=0'], ['limit', 'integer', 'T=LIMIT ?']]]],
  ['sscan', -3, 'readonly', 1, 1, 1, '@read @set @slow', 'nondeterministic_output', ['RO access|index 1|range 0 1 0'], ['Incrementally iterate Set elements', '2.8.0', 'set', 'O(1) for every call.', [['key', 'key', 'k=0'], ['cursor', 'integer'], ['pattern', 'pattern', 'T=MATCH ?'], ['count', 'integer', 'T=COUNT ?']]]],
  ['zadd', -4, 'write denyoom fast', 1, 1, 1, '@write @sortedset @fast', '', ['RW update|index 1|range 0 1 0'], ['Add one or more members to a sorted set, or update its score if it already exists', '1.2.0', 'sorted-set', 'O(log(N)) for each item added, where N is the number of elements in the sorted set.', [['key', 'key', 'k=0'], ['condition', 'oneof', '? s=3.0.2', [['nx', 'pure-token', 'T=NX'], ['xx', 'pure-token', 'T=XX']]], ['comparison', 'oneof', '? s=6.2.0', [['gt', 'pure-token', 'T=GT'], ['lt', 'pure-token', 'T=LT']]], ['change', 'pure-token', 'T=CH ? s=3.0.2'], ['increment', 'pure-token', 'T=INCR ? s=3.0.2'], ['score_member', 'block', '*', [['score', 'double'], ['member', 'string']]]]]],
  ['zrem', -3, 'write fast', 1, 1, 1, '@write @sortedset @fast', '', ['RW delete|index 1|range 0 1 0'], ['Remove one or more members from a sorted set', '1.2.0', 'sorted-set', 'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.', [['key', 'key', 'k=0'], ['member', 'string', '*']]]],
  ['zscore', 3, 'readonly fast', 1, 1, 1, '@read @sortedset @fast', '', ['RO access|index 1|range 0 1 0'], ['Get the score associated with the given member in a sorted set', '1.2.0', 'sorted-set', 'O(1)', [['key', 'key', 'k=0'], ['member', 'string']]]],
  ['zmscore', -3, 'readonly fast', 1, 1, 1, '@read @sortedset @fast', '', ['RO access|index 1|range 0 1 0'], ['Get the score associated with the given members in a sorted set', '6.2.0', 'sorted-set', 'O(N) where N is the number of members being requested.', [['key', 'key', 'k=0'], ['member', 'string', '*']]]],
  ['zincrby', 4, 'write denyoom fast', 1, 1, 1, '@write @sortedset @fast', '', ['RW access update|index 1|range 0 1 0'], ['Increment the score of a member in a sorted set', '1.2.0', 'sorted-set', 'O(log(N)) where N is the number of elements in the sorted set.', [['key', 'key', 'k=0'], ['increment', 'integer'], ['member', 'string']]]],
  ['zcard', 2, 'readonly fast', 1, 1, 1, '@read @sortedset @fast', '', ['RO|index 1|range 0 1 0'], ['Get the number of members in a sorted set', '1.2.0', 'sorted-set', 'O(1)', [['key', 'key', 'k=0']]]],
  ['zcount', 4, 'readonly fast', 1, 1, 1, '@read @sortedset @fast', '', ['RO access|index 1|range 0 1 0'], ['Count the members in a sorted set with scores within the given values', '2.0.0', 'sorted-set', 'O(log(N)) with N being the number of elements in the sorted set.', [['key', 'key', 'k=0'], ['min', 'double'], ['max', 'double']]]],
  ['zrank', 3, 'readonly fast', 1, 1, 1, '@read @sortedset @fast', '', ['RO access|index 1|range 0 1 0'], ['Determine the index of a member in a sorted set', '2.0.0', 'sorted-set', 'O(log(N))', [['key', 'key', 'k=0'], ['member', 'string']]]],
  ['zrevrank', 3, 'readonly fast', 1, 1, 1, '@read @sortedset @fast', '', ['RO access|index 1|range 0 1 0'], ['Determine the index of a member in a sorted set, with scores ordered from high to low', '2.0.0', 'sorted-set', 'O(log(N))', [['key', 'key', 'k=0'], ['member', 'string']]]],
  ['zrange', -4, 'readonly', 1, 1, 1, '@read @sortedset @slow', '', ['RO access|index 1|range 0 1 0'], ['Return a range of members in a sorted set', '1.2.0', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.', [['key', 'key', 'k=0'], ['start', 'string'], ['stop', 'string'], ['sortby', 'oneof', '? s=6.2.0', [['byscore', 'pure-token', 'T=BYSCORE'], ['bylex', 'pure-token', 'T=BYLEX']]], ['rev', 'pure-token', 'T=REV ? s=6.2.0'], ['offset_count', 'block', 'T=LIMIT ? s=6.2.0', [['offset', 'integer'], ['count', 'integer']]], ['withscores', 'pure-token', 'T=WITHSCORES ?']]]],
  ['zrangebyscore', -4, 'readonly', 1, 1, 1, '@read @sortedset @slow', '', ['RO access|index 1|range 0 1 0'], ['Return a range of members in a sorted set, by score', '1.0.5', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.', [['key', 'key', 'k=0'], ['min', 'double'], ['max', 'double'], ['withscores', 'pure-token', 'T=WITHSCORES ? s=2.0.0'], ['offset_count', 'block', 'T=LIMIT ?', [['offset', 'integer'], ['count', 'integer']]]], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `BYSCORE` argument' }]],
  ['zrevrangebyscore', -4, 'readonly', 1, 1, 1, '@read @sortedset @slow', '', ['RO access|index 1|range 0 1 0'], ['Return a range of members in a sorted set, by score, with scores ordered from high to low', '2.2.0', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.', [['key', 'key', 'k=0'], ['max', 'double'], ['min', 'double'], ['withscores', 'pure-token', 'T=WITHSCORES ?'], ['offset_count', 'block', 'T=LIMIT ?', [['offset', 'integer'], ['count', 'integer']]]], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `REV` and `BYSCORE` arguments' }]],
  ['zrangebylex', -4, 'readonly', 1, 1, 1, '@read @sortedset @slow', '', ['RO access|index 1|range 0 1 0'], ['Return a range of members in a sorted set, by lexicographical range', '2.8.9', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.', [['key', 'key', 'k=0'], ['min', 'string'], ['max', 'string'], ['offset_count', 'block', 'T=LIMIT ?', [['offset', 'integer'], ['count', 'integer']]]], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `BYLEX` argument' }]],
  ['zrevrange', -4, 'readonly', 1, 1, 1, '@read @sortedset @slow', '', ['RO access|index 1|range 0 1 0'], ['Return a range of members in a sorted set, by index, with scores ordered from high to low', '1.2.0', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.', [['key', 'key', 'k=0'], ['start', 'integer'], ['stop', 'integer'], ['withscores', 'pure-token', 'T=WITHSCORES ?']], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `REV` argument' }]],
  ['zremrangebyscore', 4, 'write', 1, 1, 1, '@write @sortedset @slow', '', ['RW delete|index 1|range 0 1 0'], ['Remove all members in a sorted set within the given scores', '1.2.0', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.', [['key', 'key', 'k=0'], ['min', 'double'], ['max', 'double']]]],
  ['zremrangebyrank', 4, 'write', 1, 1, 1, '@write @sortedset @slow', '', ['RW delete|index 1|range 0 1 0'], ['Remove all members in a sorted set within the given indexes', '2.0.0', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.', [['key', 'key', 'k=0'], ['start', 'integer'], ['stop', 'integer']]]],
  ['zpopmin', -2, 'write fast', 1, 1, 1, '@write @sortedset @fast', '', ['RW access delete|index 1|range 0 1 0'], ['Remove and return members with the lowest scores in a sorted set', '5.0.0', 'sorted-set', 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.', [['key', 'key', 'k=0'], ['count', 'integer', '?']]]],
  ['zpopmax', -2, 'write fast', 1, 1, 1, '@write @sortedset @fast', '', ['RW access delete|index 1|range 0 1 0'], ['Remove and return members with the highest scores in a sorted set', '5.0.0', 'sorted-set', 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.', [['key', 'key', 'k=0'], ['count', 'integer', '?']]]],
  ['zunionstore', -4, 'write denyoom movablekeys', 1, 1, 1, '@write @sortedset @slow', '', ['OW update|index 1|range 0 1 0', 'RO access|index 2|keynum 0 1 1'], ['Add multiple sorted sets and store the resulting sorted set in a new key', '2.0.0', 'sorted-set', 'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.', [['destination', 'key', 'k=0'], ['numkeys', 'integer'], ['key', 'key', '* k=1'], ['weight', 'integer', 'T=WEIGHTS ? *'], ['aggregate', 'oneof', 'T=AGGREGATE ?', [['sum', 'pure-token', 'T=SUM'], ['min', 'pure-token', 'T=MIN'], ['max', 'pure-token', 'T=MAX']]]]]],
  ['zinterstore', -4, 'write denyoom movablekeys', 1, 1, 1, '@write @sortedset @slow', '', ['OW update|index 1|range 0 1 0', 'RO access|index 2|keynum 0 1 1'], ['Intersect multiple sorted sets and store the resulting sorted set in a new key', '2.0.0', 'sorted-set', 'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.', [['destination', 'key', 'k=0'], ['numkeys', 'integer'], ['key', 'key', '* k=1'], ['weight', 'integer', 'T=WEIGHTS ? *'], ['aggregate', 'oneof', 'T=AGGREGATE ?', [['sum', 'pure-token', 'T=SUM'], ['min', 'pure-token', 'T=MIN'], ['max', 'pure-token', 'T=MAX']]]]]],
  ['zscan', -3, 'readonly', 1, 1, 1, '@read @sortedset @slow', 'nondeterministic_output', ['RO access|index 1|range 0 1 0'], ['Incrementally iterate sorted sets elements and associated scores', '2.8.0', 'sorted-set', 'O(1) for every call.', [['key', 'key', 'k=0'], ['cursor', 'integer'], ['pattern', 'pattern', 'T=MATCH ?'], ['count', 'integer', 'T=COUNT ?']]]],
  ['multi', 1, 'noscript loading stale fast allow_busy', 0, 0, 0, '@fast @transaction', '', [], ['Mark the start of a transaction block', '1.2.0', 'transactions', 'O(1)']],
  ['exec', 1, 'noscript loading stale skip_slowlog', 0, 0, 0, '@slow @transaction', '', [], ['Execute all commands issued after MULTI', '1.2.0', 'transactions', 'Depends on commands in the transaction']],
  ['discard', 1, 'noscript loading stale fast allow_busy', 0, 0, 0, '@fast @transaction', '', [], ['Discard all commands issued after MULTI', '2.0.0', 'transactions', 'O(N), when N is the number of queued commands']],
  ['watch', -2, 'noscript loading stale fast allow_busy', 1, -1, 1, '@fast @transaction', '', ['RO|index 1|range -1 1 0'], ['Watch the given keys to determine execution of the MULTI/EXEC block', '2.2.0', 'transactions', 'O(1) for every key.', [['key', 'key', '* k=0']]]],
  ['unwatch', 1, 'noscript loading stale fast allow_busy', 0, 0, 0, '@fast @transaction', '', [], ['Forget about all watched keys', '2.2.0', 'transactions', 'O(1)']],
  ['subscribe', -2, 'pubsub noscript loading stale', 0, 0, 0, '@pubsub @slow', '', [], ['Listen for messages published to the given channels', '2.0.0', 'pubsub', 'O(N) where N is the number of channels to subscribe to.', [['channel', 'string', '*']]]],
  ['unsubscribe', -1, 'pubsub noscript loading stale', 0, 0, 0, '@pubsub @slow', '', [], ['Stop listening for messages posted to the given channels', '2.0.0', 'pubsub', 'O(N) where N is the number of clients already subscribed to a channel.', [['channel', 'string', '? *']]]],
  ['psubscribe', -2, 'pubsub noscript loading stale', 0, 0, 0, '@pubsub @slow', '', [], ['Listen for messages published to channels matching the given patterns', '2.0.0', 'pubsub', 'O(N) where N is the number of patterns the client is already subscribed to.', [['pattern', 'block', '*', [['pattern', 'pattern']]]]]],
  ['punsubscribe', -1, 'pubsub noscript loading stale', 0, 0, 0, '@pubsub @slow', '', [], ['Stop listening for messages posted to channels matching the given patterns', '2.0.0', 'pubsub', 'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).', [['pattern', 'pattern', '? *']]]],
  ['publish', 3, 'pubsub loading stale fast', 0, 0, 0, '@pubsub @fast', '', [], ['Post a message to a channel', '2.0.0', 'pubsub', 'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).', [['channel', 'string'], ['message', 'string']]]],
  ['pubsub', -2, '', 0, 0, 0, '@slow', '', [], ['A container for Pub/Sub commands', '2.8.0', 'pubsub', 'Depends on subcommand.'], [
    ['pubsub|channels', -2, 'pubsub loading stale', 0, 0, 0, '@pubsub @slow', '', [], ['List active channels', '2.8.0', 'pubsub', 'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)', [['pattern', 'pattern', '?']]]],
    ['pubsub|help', 2, 'loading stale', 0, 0, 0, '@slow', '', [], ['Show helpful text about the different subcommands', '6.2.0', 'pubsub', 'O(1)']],
    ['pubsub|numpat', 2, 'pubsub loading stale', 0, 0, 0, '@pubsub @slow', '', [], ['Get the count of unique patterns pattern subscriptions', '2.8.0', 'pubsub', 'O(1)']],
    ['pubsub|numsub', -2, 'pubsub loading stale', 0, 0, 0, '@pubsub @slow', '', [], ['Get the count of subscribers for channels', '2.8.0', 'pubsub', 'O(N) for the NUMSUB subcommand, where N is the number of requested channels', [['channel', 'string', '? *']]]],
  ]],
  ['brpoplpush', 4, 'write denyoom noscript blocking', 1, 2, 1, '@write @list @slow @blocking', '', ['RW access delete|index 1|range 0 1 0', 'RW insert|index 2|range 0 1 0'], ['Pop an element from a list, push it to another list and return it; or block until one is available', '2.2.0', 'list', 'O(1)', [['source', 'key', 'k=0'], ['destination', 'key', 'k=1'], ['timeout', 'double']], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`BLMOVE` with the `RIGHT` and `LEFT` arguments' }]],
  ['zlexcount', 4, 'readonly fast', 1, 1, 1, '@read @sortedset @fast', '', ['RO access|index 1|range 0 1 0'], ['Count the number of members in a sorted set between a given lexicographical range', '2.8.9', 'sorted-set', 'O(log(N)) with N being the number of elements in the sorted set.', [['key', 'key', 'k=0'], ['min', 'string'], ['max', 'string']]]],
  ['zrevrangebylex', -4, 'readonly', 1, 1, 1, '@read @sortedset @slow', '', ['RO access|index 1|range 0 1 0'], ['Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.', '2.8.9', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned.', [['key', 'key', 'k=0'], ['max', 'string'], ['min', 'string'], ['offset_count', 'block', 'T=LIMIT ?', [['offset', 'integer'], ['count', 'integer']]]], { docFlags: ['deprecated'], deprecatedSince: '6.2.0', replacedBy: '`ZRANGE` with the `REV` and `BYLEX` arguments' }]],
  ['zremrangebylex', 4, 'write', 1, 1, 1, '@write @sortedset @slow', '', ['RW delete|index 1|range 0 1 0'], ['Remove all members in a sorted set between the given lexicographical range', '2.8.9', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.', [['key', 'key', 'k=0'], ['min', 'string'], ['max', 'string']]]],
  ['zrangestore', -5, 'write denyoom', 1, 2, 1, '@write @sortedset @slow', '', ['OW update|index 1|range 0 1 0', 'RO access|index 2|range 0 1 0'], ['Store a range of members from sorted set into another key', '6.2.0', 'sorted-set', 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.', [['dst', 'key', 'k=0'], ['src', 'key', 'k=1'], ['min', 'string'], ['max', 'string'], ['sortby', 'oneof', '?', [['byscore', 'pure-token', 'T=BYSCORE'], ['bylex', 'pure-token', 'T=BYLEX']]], ['rev', 'pure-token', 'T=REV ?'], ['offset_count', 'block', 'T=LIMIT ?', [['offset', 'integer'], ['count', 'integer']]]]]],
  ['zunion', -3, 'readonly movablekeys', 0, 0, 0, '@read @sortedset @slow', '', ['RO access|index 1|keynum 0 1 1'], ['Add multiple sorted sets', '6.2.0', 'sorted-set', 'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.', [['numkeys', 'integer'], ['key', 'key', '* k=0'], ['weight', 'integer', 'T=WEIGHTS ? *'], ['aggregate', 'oneof', 'T=AGGREGATE ?', [['sum', 'pure-token', 'T=SUM'], ['min', 'pure-token', 'T=MIN'], ['max', 'pure-token', 'T=MAX']]], ['withscores', 'pure-token', 'T=WITHSCORES ?']]]],
  ['zinter', -3, 'readonly movablekeys', 0, 0, 0, '@read @sortedset @slow', '', ['RO access|index 1|keynum 0 1 1'], ['Intersect multiple sorted sets', '6.2.0', 'sorted-set', 'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.', [['numkeys', 'integer'], ['key', 'key', '* k=0'], ['weight', 'integer', 'T=WEIGHTS ? *'], ['aggregate', 'oneof', 'T=AGGREGATE ?', [['sum', 'pure-token', 'T=SUM'], ['min', 'pure-token', 'T=MIN'], ['max', 'pure-token', 'T=MAX']]], ['withscores', 'pure-token', 'T=WITHSCORES ?']]]],
  ['zdiff', -3, 'readonly movablekeys', 0, 0, 0, '@read @sortedset @slow', '', ['RO access|index 1|keynum 0 1 1'], ['Subtract multiple sorted sets', '6.2.0', 'sorted-set', 'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.', [['numkeys', 'integer'], ['key', 'key', '* k=0'], ['withscores', 'pure-token', 'T=WITHSCORES ?']]]],
  ['zdiffstore', -4, 'write denyoom movablekeys', 1, 1, 1, '@write @sortedset @slow', '', ['OW update|index 1|range 0 1 0', 'RO access|index 2|keynum 0 1 1'], ['Subtract multiple sorted sets and store the resulting sorted set in a new key', '6.2.0', 'sorted-set', 'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.', [['destination', 'key', 'k=0'], ['numkeys', 'integer'], ['key', 'key', '* k=1']]]],
  ['substr', 4, 'readonly', 1, 1, 1, '@read @string @slow', '', ['RO access|index 1|range 0 1 0'], ['Get a substring of the string stored at a key', '1.0.0', 'string', 'O(N) where N is the length of the returned string.', [['key', 'key', 'k=0'], ['start', 'integer'], ['end', 'integer']], { docFlags: ['deprecated'], deprecatedSince: '2.0.0', replacedBy: '`GETRANGE`' }]],
];

function words(s: string): readonly string[] {
  return s === '' ? [] : s.split(' ');
}

function int(s: string | undefined, what: string): number {
  const n = Number(s);
  if (s === undefined || s === '' || !Number.isInteger(n)) throw new Error(`command-table: bad ${what} '${s}'`);
  return n;
}

function decodeBeginSearch(s: string): unknown {
  const [type = '', a, b] = s.split(' ');
  switch (type) {
    case 'index': return { type, spec: { index: int(a, 'index') } };
    case 'keyword': return { type, spec: { keyword: a, startfrom: int(b, 'startfrom') } };
    case 'unknown': return { type, spec: {} };
    default: throw new Error(`command-table: bad begin_search '${s}'`);
  }
}

function decodeFindKeys(s: string): unknown {
  const [type = '', a, b, c] = s.split(' ');
  switch (type) {
    case 'range': return { type, spec: { lastkey: int(a, 'lastkey'), keystep: int(b, 'keystep'), limit: int(c, 'limit') } };
    case 'keynum': return { type, spec: { keynumidx: int(a, 'keynumidx'), firstkey: int(b, 'firstkey'), keystep: int(c, 'keystep') } };
    case 'unknown': return { type, spec: {} };
    default: throw new Error(`command-table: bad find_keys '${s}'`);
  }
}

function decodeKeySpec(s: string): unknown {
  const [flags = '', begin = '', find = ''] = s.split('|');
  return { flags: words(flags), begin_search: decodeBeginSearch(begin), find_keys: decodeFindKeys(find) };
}

const argFlagNames: Readonly<Record<string, string>> = { '?': 'optional', '*': 'multiple', '**': 'multiple_token' };

function decodeArg(row: ArgRow): ArgDoc {
  const [name, type, attrs = '', args] = row;
  const arg: ArgDoc = { name, type };
  const flags: string[] = [];
  for (const a of words(attrs)) {
    const flag = argFlagNames[a];
    if (flag !== undefined) { flags.push(flag); continue; }
    const value = a.slice(2);
    switch (a.slice(0, 2)) {
      case 'T=': arg.token = value; break;
      case 'k=': arg.keySpecIndex = int(value, 'key_spec_index'); break;
      case 's=': arg.since = value; break;
      case 'd=': arg.deprecatedSince = value; break;
      default: throw new Error(`command-table: bad argument attribute '${a}' on '${name}'`);
    }
  }
  if (flags.length > 0) arg.flags = flags;
  if (args !== undefined) arg.arguments = args.map(decodeArg);
  return arg;
}

function decodeDoc(row: DocRow): CommandDoc {
  const [summary, since, group, complexity, args, extra] = row;
  const doc: CommandDoc = { summary, since, group };
  if (complexity !== undefined) doc.complexity = complexity;
  if (args !== undefined) doc.arguments = args.map(decodeArg);
  if (extra?.docFlags !== undefined) doc.docFlags = extra.docFlags;
  if (extra?.deprecatedSince !== undefined) doc.deprecatedSince = extra.deprecatedSince;
  if (extra?.replacedBy !== undefined) doc.replacedBy = extra.replacedBy;
  return doc;
}

function decodeCommand(row: CommandRow): CommandInfo {
  const [name, arity, flags, firstKey, lastKey, step, categories, tips, keySpecs, doc, subcommands = []] = row;
  return {
    name, arity, flags: words(flags), firstKey, lastKey, step,
    categories: words(categories), tips: words(tips),
    keySpecs: keySpecs.map(decodeKeySpec),
    subcommands: subcommands.map(decodeCommand),
    docs: decodeDoc(doc),
  };
}

function buildTables(): { top: Map<string, CommandInfo>; all: Map<string, CommandInfo> } {
  const top = new Map<string, CommandInfo>();
  const all = new Map<string, CommandInfo>();
  for (const row of ROWS) {
    const info = decodeCommand(row);
    top.set(info.name, info);
    all.set(info.name, info);
    for (const sub of info.subcommands) all.set(sub.name, sub);
  }
  return { top, all };
}

const tables = buildTables();

/** Top-level commands keyed by lowercase name (subcommands hang off their container). */
export const commandTable: ReadonlyMap<string, CommandInfo> = tables.top;

/** Case-insensitive lookup; 'client|setname' (any case) finds the subcommand. */
export function lookupCommand(name: string): CommandInfo | undefined {
  return tables.all.get(name) ?? tables.all.get(name.toLowerCase());
}

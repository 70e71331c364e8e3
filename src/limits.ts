/**
 * Every named limit of the engine, in one place. Units come last in each name.
 * Relations between limits are asserted at load time at the bottom of this file.
 */

/** Smallest page size a database may be created with. */
export const pageBytesMin = 4096;
/** Largest page size a database may be created with. */
export const pageBytesMax = 65536;
/** Page size used when `open()` creates a database and no `pageSize` is given. */
export const pageBytesDefault = 4096;

/** Largest user key, in bytes (after UTF-8 encoding of string keys). */
export const keyBytesMax = 1024;
/** Largest value, in bytes. Larger values get `ValueTooLargeError`. */
export const valueBytesMax = 64 * 1024 * 1024;
/** Longest keyspace name, in bytes of UTF-8. */
export const keyspaceNameBytesMax = 255;
/** Most keyspaces one database may hold. */
export const keyspaceCountMax = 65535;
/**
 * Most operations in one atomic batch or transaction. A transaction's writes are held in memory
 * until commit (about 200 bytes each beyond the data), so this bounds that memory; their bytes
 * are bounded by batchBytesMax. (`pgbench -i -s 10` loads 1M rows, about 120 MB, in one
 * transaction.)
 */
export const batchOpsMax = 8_000_000;
/** Largest total payload of one atomic batch (one WAL record), in bytes. */
export const batchBytesMax = 256 * 1024 * 1024;

/**
 * Most bytes of commits waiting for the log (issued but not yet written). Beyond it a write is
 * refused with LimitExceededError instead of growing memory without bound; callers that await
 * their writes never come near it.
 */
export const commitQueueBytesMax = 512 * 1024 * 1024;

/** Default buffer pool capacity, in bytes. */
export const cacheBytesDefault = 256 * 1024 * 1024;
/** Smallest buffer pool capacity accepted, in bytes. */
export const cacheBytesMin = 1024 * 1024;

/** Most buffer-pool entries the CLOCK hand visits per eviction call. */
export const cacheEvictScanMax = 1024;

/** Size of one WAL segment file, in bytes (a record larger than this gets a segment of its own). */
export const walSegmentBytes = 64 * 1024 * 1024;
/** Largest bytes of commits gathered into one group-commit write, in bytes. */
export const walGroupBytesMax = 8 * 1024 * 1024;
/** Largest WAL record payload accepted on recovery, in bytes (anything larger is corruption). */
export const walRecordBytesMax = batchBytesMax + 1024 * 1024;

/** A checkpoint starts when the WAL since the last one exceeds this many bytes. */
export const checkpointWalBytes = 128 * 1024 * 1024;
/** A checkpoint starts when dirty pages exceed this fraction of the cache capacity. */
export const checkpointDirtyFraction = 0.5;
/** A checkpoint starts at least this often while there are dirty pages, in milliseconds. */
export const checkpointIntervalMs = 30_000;
/**
 * A checkpoint's background encode yields to the event loop after this many nodes (about 1 ms
 * of work here). A count rather than a time keeps seeded simulations deterministic.
 */
export const checkpointSliceNodes = 64;
/** Largest number of bytes written by one vectored write during a checkpoint. */
export const checkpointWriteBytesMax = 4 * 1024 * 1024;

/** fsync interval of the `periodic` durability mode, in milliseconds. */
export const periodicSyncMsDefault = 100;

/** Pages read ahead by an ordered scan that misses the cache. */
export const scanReadAheadPagesMax = 32;

/**
 * Default lock wait of a transaction before LockTimeoutError, in milliseconds (per transaction:
 * `lockTimeoutMs` of `begin()`/`transaction()`, or of `open()` for all).
 */
export const lockTimeoutMsDefault = 60_000;
/** Most transactions open at once (begun and not yet committed or rolled back). */
export const transactionsOpenMax = 100_000;
/**
 * Most bytes of old versions kept for open snapshots. Past it the oldest snapshots are released
 * and their transactions fail with SnapshotTooOldError, instead of memory growing without bound.
 */
export const versionStoreBytesMax = 256 * 1024 * 1024;
/** Bookkeeping bytes counted per old version on top of its key and value. */
export const versionOverheadBytes = 64;
/**
 * Most keys one SERIALIZABLE transaction tracks as read one by one. Past it, its reads are
 * tracked per keyspace (like PostgreSQL promoting tuple locks to relation locks): bounded memory
 * at the price of more serialization failures.
 */
export const ssiReadKeysPerTxnMax = 4096;
/** Most ranges one SERIALIZABLE transaction tracks as scanned before tracking per keyspace. */
export const ssiReadRangesPerTxnMax = 256;
/** Default retries of `db.transaction()` after a serialization failure or deadlock. */
export const transactionRetriesDefault = 0;
/** First backoff before a retry of `db.transaction()`, in milliseconds; doubles per retry. */
export const transactionRetryBackoffMs = 1;
/** Longest backoff between retries of `db.transaction()`, in milliseconds. */
export const transactionRetryBackoffMaxMs = 100;

// ---- Redis server (src/server/resp) ----

/** Most connected Redis clients (`maxclients`); one more gets Redis's "max number of clients" error. */
export const redisClientsMaxDefault = 10_000;
/**
 * Largest bulk string in a request (`proto-max-bulk-len`). Bounded by the engine's value limit,
 * since a string value is stored as one record with a small header.
 */
export const redisBulkBytesMax = 64 * 1024 * 1024 - 64;
/** Most elements of one request array (Redis's multibulk limit). */
export const redisRequestArgsMax = 1024 * 1024;
/** Longest inline (telnet-style) command line, in bytes. */
export const redisInlineBytesMax = 64 * 1024;
/** Most unparsed bytes a client may have buffered (`client-query-buffer-limit`). */
export const redisQueryBufferBytesMax = 1024 * 1024 * 1024;
/** Before AUTH, the largest request array and bulk string accepted (as Redis, against scans of a locked server). */
export const redisUnauthArgsMax = 10;
export const redisUnauthBulkBytesMax = 16 * 1024;
/**
 * Output buffered for a client that does not read (replies and pub/sub messages), in bytes.
 * Past the hard limit the client is disconnected; past the soft limit for `redisOutputSoftSeconds`
 * also (Redis's `client-output-buffer-limit pubsub 32mb 8mb 60`, applied to every client).
 */
export const redisOutputHardBytes = 32 * 1024 * 1024;
export const redisOutputSoftBytes = 8 * 1024 * 1024;
export const redisOutputSoftSeconds = 60;
/**
 * Longest Redis key, hash field, set or sorted-set member, in bytes: each becomes part of an engine
 * key (after a prefix of at most 24 bytes), and engine keys are at most `keyBytesMax`.
 */
export const redisKeyBytesMax = 1000;
/** Collections with at most this many elements are deleted inline; larger ones in the background. */
export const redisInlineDeleteMax = 256;
/** Sub-keys the background cleaner deletes per pass, and passes per second. */
export const redisCleanupBatch = 1000;
/** Keys the active expiry cycle examines per pass (it runs every `redisExpiryCycleMs`). */
export const redisExpiryBatch = 200;
export const redisExpiryCycleMs = 100;
/**
 * A turn's writes are committed early once they pass either size, so one huge command (FLUSHALL
 * of millions of keys) becomes several commits instead of one that breaks the batch limits.
 * MULTI/EXEC is never split.
 */
export const redisTurnOpsMax = 100_000;
export const redisTurnBytesMax = 64 * 1024 * 1024;
/**
 * Most bytes of arguments one client may queue between MULTI and EXEC; past it the command is
 * refused and EXEC answers EXECABORT (the queue is one commit, bounded like a batch).
 */
export const redisMultiQueueBytesMax = 256 * 1024 * 1024;
/** SPOP/SRANDMEMBER/HRANDFIELD sample collections up to this size exactly (by walking them); larger ones by descent. */
export const redisExactSampleMax = 512;
/**
 * Largest reply a negative count (picks with repetition) of SRANDMEMBER/HRANDFIELD may build,
 * estimated as the mean element size plus 16 bytes per pick; larger counts are refused before
 * picking (Redis would try and run out of memory).
 */
export const redisRepeatReplyBytesMax = 256 * 1024 * 1024;
/** SCAN-family cursors remembered at once; the oldest is dropped (its iteration starts over). */
export const redisScanCursorsMax = 100_000;
/** Most databases (SELECT 0..N-1). */
export const redisDatabases = 16;

function assertLimits(): void {
  const checks: Array<[boolean, string]> = [
    [pageBytesMin <= pageBytesDefault && pageBytesDefault <= pageBytesMax, 'pageBytesDefault in range'],
    [(pageBytesMin & (pageBytesMin - 1)) === 0, 'pageBytesMin is a power of two'],
    // A branch or leaf entry must be at most a third of the usable page (see btree split).
    [keyBytesMax + 64 <= Math.floor((pageBytesMin - 64) / 3), 'keyBytesMax fits three to a page'],
    [batchBytesMax < walRecordBytesMax, 'batchBytesMax below walRecordBytesMax'],
    [valueBytesMax <= batchBytesMax, 'valueBytesMax fits in a batch'],
    [batchBytesMax <= commitQueueBytesMax, 'a maximal batch fits in the commit queue'],
    [cacheBytesMin >= pageBytesMax * 8, 'cacheBytesMin holds a few pages'],
    [checkpointDirtyFraction > 0 && checkpointDirtyFraction < 1, 'checkpointDirtyFraction in (0,1)'],
    [redisKeyBytesMax + 24 <= keyBytesMax, 'a Redis key plus its sub-key prefix fits an engine key'],
    [redisBulkBytesMax + 64 <= valueBytesMax, 'a Redis string plus its metadata header fits an engine value'],
  ];
  for (const [ok, what] of checks) {
    if (!ok) throw new Error(`limits.ts: relation violated: ${what}`);
  }
}
assertLimits();

/** The WAL zero-extends its segment this far ahead of the write position, in bytes. */
export const walPreallocBytes = 1024 * 1024;

// ---- SQL -----------------------------------------------------------------------------------------

/** Deepest nesting of parentheses, subqueries and expressions the SQL parser accepts (54001 beyond). */
export const sqlParserDepthMax = 1000;
/** Sequence values one durable sequence record reserves (PostgreSQL logs 32 ahead too). */
export const sqlSequenceLogAhead = 32n;
/** Oids one durable counter record reserves. */
export const sqlOidLogAhead = 100;
/** Keys deleted per batch when cleaning up a dropped table's storage. */
export const sqlCleanupBatchKeys = 1000;
/** Rows a statement processes between two checks of statement_timeout and cancellation (a power of two). */
export const sqlTickRows = 1024;
/**
 * A running SQL statement yields to the event loop once it has run this long since it last did
 * (checked every sqlTickRows rows), so the server keeps reading cancel requests and serving other
 * sessions while one statement scans millions of rows.
 */
export const sqlPauseAfterMs = 10;
/**
 * Rows one SQL statement may hold in memory at once, summed over its sorts, hash tables, groups,
 * DISTINCT sets, window partitions, WITH results and its result (54000 beyond): a backstop
 * against a statement exhausting the process's memory.
 */
export const sqlMaterializedRowsMax = 20_000_000;

// ---- PostgreSQL wire server -------------------------------------------------------------------------

/**
 * Longest message a PostgreSQL client may send once authenticated (a Query, Bind or CopyData):
 * room for one value at `valueBytesMax` plus its statement. A longer declared length gets
 * 54000 and the connection is closed before the bytes are buffered.
 */
export const pgMessageBytesMax = 80 * 1024 * 1024;
/**
 * Messages a client may have sent ahead of the server (pipelined, or COPY data one row per
 * message) before the server stops reading its socket until it catches up.
 */
export const pgQueuedMessagesMax = 65_536;
/** Longest message before authentication completes (startup packet, password, SASL): PostgreSQL's 10000. */
export const pgStartupBytesMax = 10_000;
/** Connections the PostgreSQL listener accepts by default (`--max-connections`); PostgreSQL's default is 100. */
export const pgMaxConnectionsDefault = 100;
/** A client must finish startup and authentication within this many milliseconds (PostgreSQL's authentication_timeout: 60 s). */
export const pgAuthenticationTimeoutMs = 60_000;
/**
 * Bytes of replies queued for a client that does not read them before the server stops running
 * that client's statements until the socket drains (a slow reader holds only its own memory).
 */
export const pgOutputBufferBytesMax = 16 * 1024 * 1024;

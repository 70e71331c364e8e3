/** MULTI, EXEC, DISCARD, WATCH, UNWATCH. EXEC runs the queue in one turn: one atomic commit. */
import { blockKey } from '../client.js';
import { fail, type Handler } from '../command.js';

const multi: Handler = (c) => {
  if (c.multi !== null) fail('ERR MULTI calls can not be nested');
  c.multi = [];
  c.multiBytes = 0;
  c.multiError = false;
  c.w.ok();
};

const exec: Handler = (c) => {
  const queue = c.multi;
  if (queue === null) fail('ERR EXEC without MULTI');
  const s = c.server;
  c.multi = null;
  if (c.multiError) {
    c.multiError = false;
    s.unwatchAll(c);
    fail('EXECABORT Transaction discarded because of previous errors.');
  }
  if (c.watchDirty) {
    s.unwatchAll(c);
    return c.w.nilArray();
  }
  s.unwatchAll(c);
  c.w.array(queue.length);
  c.store.hold();
  c.inExec = true;
  try {
    for (const argv of queue) s.runQueued(c, argv);
  } finally {
    c.inExec = false;
    c.store.release();
  }
};

const discard: Handler = (c) => {
  if (c.multi === null) fail('ERR DISCARD without MULTI');
  c.multi = null;
  c.multiError = false;
  c.server.unwatchAll(c);
  c.w.ok();
};

const watch: Handler = (c, a) => {
  if (c.multi !== null) fail('ERR WATCH inside MULTI is not allowed');
  for (let i = 1; i < a.length; i++) {
    // Reading the key expires it now if its time has come, so a later expiry counts as a change.
    c.store.meta(c.db, a[i]!, c.now);
    c.server.watch(c, blockKey(c.db, a[i]!));
  }
  c.w.ok();
};

const unwatch: Handler = (c) => {
  c.server.unwatchAll(c);
  c.w.ok();
};

export const multiCommands: Record<string, Handler> = { multi, exec, discard, watch, unwatch };

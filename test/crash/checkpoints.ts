/**
 * The crash writers' background checkpoints: at seeded random intervals around `everyMs`, log
 * the start (so the parent can aim a kill inside one), checkpoint, log the end.
 */
import type { Database } from '../../src/index.js';
import type { Rng } from '../lib/rng.js';

/** Start the loop; the returned function stops it and waits for a checkpoint in flight. */
export function startCheckpoints(
  db: Database,
  rng: Rng,
  everyMs: number,
  log: (line: { readonly t: 'C'; readonly e: 'start' | 'end' }) => void,
): () => Promise<void> {
  let running = true;
  const loop = async (): Promise<void> => {
    if (everyMs <= 0) return;
    while (running) {
      await new Promise((r) => setTimeout(r, rng.range(everyMs / 2, everyMs * 2)));
      if (!running) break;
      log({ t: 'C', e: 'start' });
      process.stdout.write('checkpoint\n');
      await db.checkpoint();
      log({ t: 'C', e: 'end' });
    }
  };
  const done = loop();
  return () => {
    running = false;
    return done;
  };
}

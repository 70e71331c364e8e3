/**
 * Lets the event loop run (timers, I/O completions). Benchmark loops call it between chunks of
 * synchronous work, as any server would between requests, so an engine's background work
 * (checkpoint I/O) can progress.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

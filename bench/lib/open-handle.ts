/** The database handle of an engine adapter: set by `open`, required by every call, dropped by `close`. */
export class OpenHandle<T extends { close(): unknown }> {
  private value: T | undefined;

  /** `what` names the adapter in the error of a call made before `open`. */
  constructor(private readonly what: string) {}

  get handle(): T {
    if (this.value === undefined) throw new Error(`${this.what} used before open`);
    return this.value;
  }

  set(value: T): T {
    this.value = value;
    return value;
  }

  /** Closes the handle if open (awaiting it if the engine's close is asynchronous) and forgets it. */
  async close(): Promise<void> {
    await this.value?.close();
    this.value = undefined;
  }
}

/**
 * A short-lived memory of read results, for reads a hot path repeats on every call (an API key, a
 * connection's opened credentials, its mapping overrides). An entry lives `ttlMs` at most: that is how
 * late this process can see a change another process made. Changes made through this process call
 * `invalidate()`, and a read that was under way when that happened does not store what it read (it may
 * predate the change), so this process sees its own changes at once.
 */
export class ReadCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value of `key`, else `read()`'s (kept when it is not undefined and nothing changed meanwhile). */
  through(key: string, read: () => Promise<V>): Promise<V>;
  through(key: string, read: () => Promise<V | undefined>): Promise<V | undefined>;
  async through(key: string, read: () => Promise<V | undefined>): Promise<V | undefined> {
    const at = this.now();
    const entry = this.entries.get(key);
    if (entry && entry.until > at) return entry.value;
    if (entry) this.entries.delete(key);
    const generation = this.generation;
    const value = await read();
    // Misses are not kept: a key or connection created a moment later must be found at once.
    if (value !== undefined && generation === this.generation && this.ttlMs > 0) {
      if (this.entries.size >= this.maxEntries)
        this.entries.delete(this.entries.keys().next().value as string);
      this.entries.set(key, { value, until: at + this.ttlMs });
    }
    return value;
  }

  /** Forgets everything (a write went through this process); reads under way will not store their result. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}

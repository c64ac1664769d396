/** A Map of at most `capacity` entries: reading an entry makes it the most recent; the least recent goes first. */
export class LruMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }

  /** The entries, least recent first; reading them changes no order. */
  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }

  delete(key: K): void {
    this.map.delete(key);
  }
}

/** A tiny listener set: views subscribe and get an unsubscribe function back. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const l of this.set) {
      try {
        l(value);
      } catch (err) {
        console.error('listener failed', err);
      }
    }
  }

  get size(): number {
    return this.set.size;
  }
}

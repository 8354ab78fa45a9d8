/**
 * The one boundary every vendor engine keeps its state behind. In memory today; a shared store
 * could replace it without touching the rules, because rules only ever see `transact`.
 *
 * Atomicity: engine rules are synchronous and check everything before they change anything, so a
 * transaction can neither interleave with another request nor leave a half-applied change.
 * `transact` refuses async functions to keep that promise honest.
 */
export class MemoryStore<S> {
  private current: S;

  constructor(private readonly init: () => S) {
    this.current = init();
  }

  /** Read-only view for queries. */
  read<R>(fn: (state: Readonly<S>) => R): R {
    return fn(this.current);
  }

  /** Runs one synchronous change against the state. */
  transact<R>(fn: (state: S) => R): R {
    const result = fn(this.current);
    if (result instanceof Promise) {
      throw new Error('MemoryStore.transact: rules must be synchronous to stay atomic');
    }
    return result;
  }

  /** Throws the state away and builds it again from the initialiser (the seeded world). */
  reset(): void {
    this.current = this.init();
  }
}

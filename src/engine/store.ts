import { UndoLog } from './undo-log.js';

/** What a state may offer to be told it is being thrown away (a reset, a dropped world). */
export const DISPOSE: unique symbol = Symbol('coupon-sandbox.dispose');

interface Disposable {
  [DISPOSE](): void;
}

/**
 * The one boundary every vendor engine keeps its state behind. In memory today; a shared store
 * could replace it without touching the rules, because rules only ever see `transact`.
 *
 * Atomicity: a transaction is all or nothing. Rules are synchronous (so a transaction never
 * interleaves with another request) and check before they change, but a throw half-way (a bug, a
 * runtime limit such as V8's Map size) must not leave half a change behind either: the rule runs
 * against an undo-logged view of the state (src/engine/undo-log.ts) and every change it made is put
 * back when it throws. `transact` refuses async functions, whose later steps no log could cover.
 */
export class MemoryStore<S> {
  private current: S;

  constructor(private readonly init: () => S) {
    this.current = init();
  }

  /** Read-only view for queries (the state itself: reads pay nothing for the undo log). */
  read<R>(fn: (state: Readonly<S>) => R): R {
    return fn(this.current);
  }

  /** Runs one synchronous change against the state; if it throws, nothing it did remains. */
  transact<R>(fn: (state: S) => R): R {
    const log = new UndoLog();
    try {
      const result = fn(log.view(this.current));
      if (result instanceof Promise) {
        // Whatever ran before the first await is undone below; the rest could not be.
        result.catch(() => undefined);
        throw new Error('MemoryStore.transact: rules must be synchronous to stay atomic');
      }
      return result;
    } catch (error) {
      log.rollback();
      throw error;
    } finally {
      log.close();
    }
  }

  /** The state itself, for a snapshot to copy (never changed through this). */
  peek(): Readonly<S> {
    return this.current;
  }

  /** Puts a whole state in place (a snapshot restored); the one before is dropped as it is. */
  replace(state: S): void {
    this.current = state;
  }

  /** Throws the state away and builds it again from the initialiser (the seeded world). */
  reset(): void {
    this.dispose();
    this.current = this.init();
  }

  /** Tells the state it is no longer used (it may give back what it holds of process-wide budgets). */
  dispose(): void {
    (this.current as Partial<Disposable> | undefined)?.[DISPOSE]?.();
  }
}

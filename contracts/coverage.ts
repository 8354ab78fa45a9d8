/**
 * What a run proved, cell by cell: operations answered successfully, documented errors asserted
 * by exact code, and state transitions walked by scenarios. Only passing checks count.
 */
export class Coverage {
  readonly succeeded = new Set<string>();
  /** operation id -> error keys asserted. */
  readonly errors = new Map<string, Set<string>>();
  /** scenario id -> transitions proved. */
  readonly transitions = new Map<string, string[]>();

  success(operation: string): void {
    this.succeeded.add(operation);
  }

  error(operation: string, key: string): void {
    let keys = this.errors.get(operation);
    if (!keys) this.errors.set(operation, (keys = new Set()));
    keys.add(key);
  }

  transition(scenario: string, transitions: string[]): void {
    this.transitions.set(scenario, transitions);
  }

  /** Whether the operation was exercised at all (a success or an asserted error). */
  exercised(operation: string): boolean {
    return this.succeeded.has(operation) || (this.errors.get(operation)?.size ?? 0) > 0;
  }
}

import type { CaseResult } from './session.js';

export type ProgressWrite = (line: string) => void;

/** Progress goes to stderr, which vitest passes through as it comes (console output waits for the test). */
export const stderrLine: ProgressWrite = (line) => void process.stderr.write(`${line}\n`);

const short = (text: string, max = 110) => (text.length > max ? `${text.slice(0, max - 3)}...` : text);

/**
 * One line per case worth a line: every case on a real target (each takes seconds of pacing and a
 * silent minute looks like a hang), else the cases slower than `slowMs` (0: every case). `false`
 * prints nothing.
 */
export class Progress {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly slowMs: number | false,
    private readonly everyCase: boolean,
    private readonly write: ProgressWrite = stderrLine,
  ) {}

  get enabled(): boolean {
    return this.slowMs !== false;
  }

  /** A line about the run itself (what the target is, what was put back). */
  note(line: string): void {
    if (this.enabled) this.write(`[contracts] ${line}`);
  }

  /** Counts a finished case and prints it when it is slow (or every case is wanted). */
  caseDone(result: CaseResult): void {
    this.done++;
    if (this.slowMs === false) return;
    if (!this.everyCase && this.slowMs > 0 && result.ms <= this.slowMs) return;
    const status = result.status === 'failed' ? 'FAILED' : result.status;
    const why = result.status === 'skipped' && result.reason ? ` (${short(result.reason)})` : '';
    this.write(`[contracts ${String(this.done).padStart(String(this.total).length)}/${this.total}] ${result.id}: ${status} in ${result.ms} ms${why}`);
  }
}

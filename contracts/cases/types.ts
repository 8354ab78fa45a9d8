import type { Vendor } from '../../src/index.js';
import type { CaseContext } from '../context.js';

/** What a case is evidence of in the coverage table. */
export type CaseKind = 'operation' | 'error' | 'scenario';

/**
 * One contract check, written once and run against any target. A case declares what it needs;
 * the runner skips it WITH that reason where the target cannot offer it (control surface on a
 * real API, writes without opt-in), so nothing is ever skipped silently.
 */
export interface ContractCase {
  /** Unique id: `<operation>` for a success check, `<operation> !<error key>` for an error, `scenario:<name>`. */
  id: string;
  vendor: Vendor;
  kind: CaseKind;
  title: string;
  /** Operation ids this case exercises. */
  operations: string[];
  /** Catalogue key of the error an error case asserts. */
  errorKey?: string;
  /** State transitions a scenario proves (`NORMAL -> CONSUMED`). */
  transitions?: string[];
  needs?: {
    /** The sandbox's /_sandbox/ control surface. */
    control?: boolean;
    /** Writing operations (on a real target: CONTRACT_ALLOW_WRITES and named fixtures). */
    writes?: boolean;
    /** WeChat appid+secret rather than a ready token. */
    wechatSecret?: boolean;
  };
  run(ctx: CaseContext): Promise<void>;
}

/** Raised inside a case to skip it with a reason that ends up in every report. */
export class CaseSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CaseSkipped';
  }
}

import { TRACK, type SelfTracking, type Undo } from '../undo-log.js';
import { CodeState } from './model.js';

/** Rarely needed per-code facts, kept out of the columns so a million codes stay small. */
export interface CodeExtra {
  /** `outer_str` the code was received with (scene value). */
  outerStr?: string;
  /** When the holder actually received it, if not the validity anchor (a friend's accepted gift). */
  receivedAt?: number;
  /** The giver's code, for a code received as a gift. */
  fromCode?: string;
  /** Member cards: activated by the user. */
  activated?: boolean;
}

/** Owner value of codes made by the bulk generator: their openid is derived from the row. */
export const BULK_OWNER = -1;

/** The openid of a bulk-generated code's synthetic holder (28 chars, like a real openid). */
export function bulkOpenid(row: number): string {
  return `oSbx${row.toString(36).padStart(24, '0')}`;
}

/** The row a synthetic bulk openid names, or undefined. */
export function rowOfBulkOpenid(openid: string): number | undefined {
  if (!/^oSbx[0-9a-z]{24}$/.test(openid)) return undefined;
  const row = parseInt(openid.slice(4), 36);
  return Number.isSafeInteger(row) ? row : undefined;
}

/**
 * Every code of every app, stored column-wise in typed arrays: one row is ~25 bytes plus its code
 * string, so the benchmark's million codes fit in a few tens of MB. Rows are never removed (a
 * consumed or gifted code still answers with its status); lookups by code string go through each
 * app's `codes` map, which stores row numbers.
 *
 * Every change goes through a method, so that the table can undo its own changes cheaply inside a
 * transaction (SelfTracking): new rows are one truncation, a changed row one step.
 */
export class CodeTable implements SelfTracking {
  size = 0;
  code: string[] = [];
  card = new Uint32Array(1024);
  /** User serial of the holder, or BULK_OWNER. */
  owner = new Int32Array(1024);
  state = new Uint8Array(1024);
  /** Validity anchor in seconds: when the code was first received from the merchant. */
  anchor = new Uint32Array(1024);
  /** Seconds of the last state change (consume, gift start, delete...). */
  changedAt = new Uint32Array(1024);
  extra = new Map<number, CodeExtra>();
  /** Set while a transaction is open: records undo steps for rows that existed before it. */
  private undo: Undo | undefined;
  /** Rows at the start of the open transaction; rows from here on are undone by one truncation. */
  private sizeAtStart = 0;
  /** Rows whose extra facts were saved in the open transaction. */
  private savedExtra = new Set<number>();

  [TRACK](undo: Undo | undefined): void {
    this.undo = undo;
    this.savedExtra = new Set();
    if (!undo) return;
    const size = (this.sizeAtStart = this.size);
    undo(() => {
      for (let row = size; row < this.size; row++) this.extra.delete(row);
      this.size = size;
      this.code.length = size;
    });
  }

  /** Makes room for `more` rows at once (bulk generation grows the arrays only once). */
  reserve(more: number): void {
    const need = this.size + more;
    if (need <= this.card.length) return;
    let cap = this.card.length;
    while (cap < need) cap *= 2;
    this.card = grow(this.card, cap);
    this.owner = grow(this.owner, cap);
    this.state = grow(this.state, cap);
    this.anchor = grow(this.anchor, cap);
    this.changedAt = grow(this.changedAt, cap);
  }

  /** Appends one code; returns its row. */
  add(code: string, card: number, owner: number, anchor: number): number {
    this.reserve(1);
    const row = this.size++;
    this.code[row] = code;
    this.card[row] = card;
    this.owner[row] = owner;
    this.state[row] = CodeState.NORMAL;
    this.anchor[row] = anchor;
    this.changedAt[row] = anchor;
    return row;
  }

  setState(row: number, state: CodeState, at: number): void {
    if (this.undo && row < this.sizeAtStart) {
      const [oldState, oldAt] = [this.state[row]!, this.changedAt[row]!];
      this.undo(() => {
        this.state[row] = oldState;
        this.changedAt[row] = oldAt;
      });
    }
    this.state[row] = state;
    this.changedAt[row] = at;
  }

  /** Gives a row another code string (card/code/update). */
  rename(row: number, code: string): void {
    if (this.undo && row < this.sizeAtStart) {
      const old = this.code[row]!;
      this.undo(() => (this.code[row] = old));
    }
    this.code[row] = code;
  }

  /** The row's extra facts, to change (in a transaction their previous values are kept for undo). */
  extraOf(row: number): CodeExtra {
    if (this.undo && row < this.sizeAtStart && !this.savedExtra.has(row)) {
      this.savedExtra.add(row);
      const old = this.extra.get(row);
      const copy = old && { ...old };
      this.undo(() => {
        if (!old) return void this.extra.delete(row);
        // The same object again (callers may hold it), with exactly its former fields.
        for (const key of Object.keys(old)) delete old[key as keyof CodeExtra];
        this.extra.set(row, Object.assign(old, copy));
      });
    }
    let e = this.extra.get(row);
    if (!e) {
      e = {};
      this.extra.set(row, e);
    }
    return e;
  }
}

function grow<T extends Uint32Array | Int32Array | Uint8Array>(array: T, cap: number): T {
  const next = new (array.constructor as new (n: number) => T)(cap);
  next.set(array);
  return next;
}

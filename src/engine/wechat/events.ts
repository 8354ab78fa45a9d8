import { TRACK, type SelfTracking, type Undo } from '../undo-log.js';

/**
 * What happened, when: the datacube endpoints aggregate this log (plus code expiries, which are
 * derived from the code table), so statistics always agree with the operations performed.
 */
export const EventKind = {
  VIEW: 0,
  RECEIVE: 1,
  VERIFY: 2,
  /** A gift accepted by a friend, counted for the giver. */
  GIVEN: 3,
  /** A member card activated. */
  ACTIVATE: 4,
  /** A member leaves: code deleted by the user or set unavailable. */
  DROP: 5,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

/**
 * Append-only, column-wise (an event is a handful of numbers and a shared openid string). Being
 * append-only, a transaction undoes it with one truncation (SelfTracking).
 */
export class EventLog implements SelfTracking {
  readonly at: number[] = [];
  readonly kind: EventKind[] = [];
  readonly card: number[] = [];
  /** The user, or undefined for an aggregate of `count` distinct anonymous users (bulk codes). */
  readonly user: (string | undefined)[] = [];
  readonly count: number[] = [];

  [TRACK](undo: Undo | undefined): void {
    if (!undo) return;
    const length = this.length;
    undo(() => {
      for (const column of [this.at, this.kind, this.card, this.user, this.count]) column.length = length;
    });
  }

  get length(): number {
    return this.at.length;
  }

  record(at: number, kind: EventKind, card: number, openid: string | undefined, count = 1): void {
    this.at.push(at);
    this.kind.push(kind);
    this.card.push(card);
    this.user.push(openid);
    this.count.push(count);
  }
}

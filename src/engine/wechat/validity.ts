import { CodeState, type Card, type Seconds, type WechatState } from './model.js';
import { DAY_MS, dayStart, shanghaiDay } from '../shanghai-time.js';

/**
 * How long a gift waits for the friend before it times out. WeChat does not document it; its
 * client says an unclaimed gift returns after 24 hours.
 */
export const GIFT_TIMEOUT_SECONDS = 86400;

/** When a code can be used: [begin, end] in seconds; end is Infinity for DATE_TYPE_PERMANENT. */
export interface ValidityWindow {
  begin: number;
  end: number;
}

/**
 * The validity window of a code of `card` first received at `anchor`.
 * Fixed-term cards count whole Shanghai days from the day of receipt (doc: received 2013-10-01 with
 * 90 days -> valid 2013-10-01 to 2013-12-29), starting `fixed_begin_term` days later; an
 * `end_timestamp` on a fixed-term card caps it.
 */
export function validityWindow(card: Card, anchor: Seconds): ValidityWindow {
  const info = card.dateInfo;
  switch (info.type) {
    case 'DATE_TYPE_FIX_TIME_RANGE':
      return { begin: info.begin_timestamp ?? 0, end: info.end_timestamp ?? Infinity };
    case 'DATE_TYPE_FIX_TERM': {
      // WeChat times are seconds; the Shanghai day helpers count milliseconds.
      const begin = dayStart(shanghaiDay(anchor * 1000) + (info.fixed_begin_term ?? 0)) / 1000;
      let end = begin + (Math.max(info.fixed_term ?? 1, 1) * DAY_MS) / 1000 - 1;
      if (info.end_timestamp) end = Math.min(end, info.end_timestamp);
      return { begin, end };
    }
    default:
      return { begin: anchor, end: Infinity };
  }
}

/** A code's state as of `now`, with the instant it entered that state. */
export interface Effective {
  state: CodeState;
  since: Seconds;
}

const LIVE = new Set<number>([CodeState.NORMAL, CodeState.GIFTING, CodeState.GIFT_TIMEOUT]);

/**
 * The state of a row at `now`, computing the time-driven transitions lazily and deterministically:
 * a live code past its end is EXPIRE since end + 1 s; a gift left unaccepted for
 * GIFT_TIMEOUT_SECONDS is GIFT_TIMEOUT.
 */
export function effectiveState(state: Readonly<WechatState>, row: number, now: Seconds): Effective {
  const codes = state.codes;
  const stored = codes.state[row] as CodeState;
  const changed = codes.changedAt[row]!;
  if (!LIVE.has(stored)) return { state: stored, since: changed };
  const card = state.cards[codes.card[row]!]!;
  const window = validityWindow(card, codes.anchor[row]!);
  if (now > window.end) return { state: CodeState.EXPIRE, since: window.end + 1 };
  if (stored === CodeState.GIFTING && now >= changed + GIFT_TIMEOUT_SECONDS) {
    return { state: CodeState.GIFT_TIMEOUT, since: changed + GIFT_TIMEOUT_SECONDS };
  }
  return { state: stored, since: changed };
}

/** Writes the lazily computed state into the row (before a rule changes it or its card's dates). */
export function settle(state: WechatState, row: number, now: Seconds): CodeState {
  const effective = effectiveState(state, row, now);
  if (effective.state !== state.codes.state[row]) state.codes.setState(row, effective.state, effective.since);
  return effective.state;
}

import { DELIVERY_TIMEOUT_MS } from './retry-policy.js';
import type { NotifyingVendor, WireRequest } from './notification.js';

/** What the library's `onNotification` hook is given for every attempt. */
export interface NotificationDelivery {
  id: string;
  vendor: NotifyingVendor;
  event: string;
  kind: 'delivery' | 'duplicate' | 'probe';
  request: WireRequest;
}

/** The receiver's answer as a hook gives it instead of a network exchange. */
export interface HookAnswer {
  status: number;
  body?: string;
}

/** Called for every attempt; an answer returned is the receiver's (no request goes out), undefined sends it with fetch. */
export type NotificationHook = (delivery: NotificationDelivery) => void | HookAnswer | Response | Promise<void | HookAnswer | Response>;

/** What came back from one attempt. */
export interface Exchanged {
  status: number | null;
  error: string | null;
  body: string;
  ms: number;
}

/** Answers kept in the delivery log are cut here: the log is for people, not an archive. */
const MAX_LOGGED_BODY = 16 * 1024;

/**
 * Sends one request the way the vendors do: POST, the 5 s limit covering connect, answer and body
 * (what does not arrive in time is a timeout), through `fetch` so that msw or a local server can
 * catch it; or hands it to the library's hook.
 */
export async function sendAttempt(delivery: NotificationDelivery, hook: NotificationHook | undefined): Promise<Exchanged> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  try {
    const answered = hook ? await hook(delivery) : undefined;
    if (answered) {
      const body = answered instanceof Response ? await answered.text() : (answered.body ?? '');
      return { status: answered.status, error: null, body: body.slice(0, MAX_LOGGED_BODY), ms: elapsed() };
    }
  } catch (error) {
    return { status: null, error: `onNotification threw: ${error instanceof Error ? error.message : String(error)}`, body: '', ms: elapsed() };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
  try {
    const { url, headers, body } = delivery.request;
    const response = await fetch(url, { method: 'POST', headers, body, signal: controller.signal, redirect: 'manual' });
    const text = await response.text();
    return { status: response.status, error: null, body: text.slice(0, MAX_LOGGED_BODY), ms: elapsed() };
  } catch (error) {
    const timedOut = controller.signal.aborted;
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return {
      status: null,
      error: timedOut ? `timeout: no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : `connection error: ${cause}`,
      body: '',
      ms: elapsed(),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether the vendor counts an answer as received. WeChat Pay: HTTP 200 or 204 (C.8). WeChat: an
 * HTTP 200 whose body is empty, `success`, or a reply message (XML or JSON); anything else is a
 * malformed reply (B.8).
 */
export function received(vendor: NotifyingVendor, status: number | null, body: string): boolean {
  if (status === null) return false;
  if (vendor === 'wechatpay') return status === 200 || status === 204;
  const text = body.trim();
  return status === 200 && (text === '' || text === 'success' || text.startsWith('<xml') || text.startsWith('{'));
}

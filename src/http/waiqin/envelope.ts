import type { ResolvedOptions } from '../../options.js';
import type { VoucherInfo } from '../../engine/waiqin/views.js';
import { textResponse } from '../../journal/body-text.js';

/** The waiqin365 envelope on the wire. */
export interface WaiqinEnvelope {
  return_code: string | number;
  return_msg: string | null;
  msg_id: string | null;
  response_data: string | null;
}

/** return_code as the sandbox sends it: "0" (voucher page) by default, 0 with waiqinReturnCode 'number'. */
export function returnCode(options: ResolvedOptions, code: number | string): string | number {
  return options.waiqinReturnCode === 'number' ? Number(code) : String(code);
}

const DIGITS = /^[0-9]+$/;

/**
 * getVoucherInfos' `id` is a bare JSON number on the vendor page (6856083179295188426, beyond
 * 2^53), as a Java `long` serialises. The digits are written verbatim, so none is lost; every other
 * field goes through JSON.stringify. Each item is stringified whole and its leading
 * `{"id":"<digits>"` unquoted: `id` is always the first key (views.ts builds it first), and an
 * object-rest copy (`{ id, ...rest }`) would leave V8 a slow-properties object that
 * JSON.stringify serialises several times slower (it was the top cost of a 100-row page).
 */
export function encodeVoucherInfos(items: readonly VoucherInfo[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const text = JSON.stringify(item);
    // `{"id":"` is 7 characters; digits need no escaping, so the quoted id is exactly id.length long.
    const numeric = text.startsWith('{"id":"') && DIGITS.test(item.id);
    out += (i === 0 ? '' : ',') + (numeric ? `{"id":${item.id}${text.slice(8 + item.id.length)}` : text);
  }
  return out + ']';
}

/** Serialises a whole envelope the way the vendor's Spring backend answers. */
export function envelopeResponse(envelope: WaiqinEnvelope): Response {
  return textResponse(JSON.stringify(envelope), {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
  });
}

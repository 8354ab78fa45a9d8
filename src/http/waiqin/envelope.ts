import type { ResolvedOptions } from '../../options.js';
import type { VoucherInfo } from '../../engine/waiqin/views.js';

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

/**
 * getVoucherInfos' `id` is a bare JSON number on the vendor page (6856083179295188426, beyond
 * 2^53), as a Java `long` serialises. The digits are written verbatim, so none is lost; every other
 * field goes through JSON.stringify.
 */
export function encodeVoucherInfos(items: readonly VoucherInfo[]): string {
  return `[${items
    .map(({ id, ...rest }) => {
      const tail = JSON.stringify(rest).slice(1);
      return `{"id":${/^\d+$/.test(id) ? id : JSON.stringify(id)}${tail === '}' ? '}' : `,${tail}`}`;
    })
    .join(',')}]`;
}

/** Serialises a whole envelope the way the vendor's Spring backend answers. */
export function envelopeResponse(envelope: WaiqinEnvelope): Response {
  return new Response(JSON.stringify(envelope), {
    status: 200,
    headers: { 'content-type': 'application/json;charset=UTF-8' },
  });
}

import type { WaiqinState } from '../../engine/waiqin/model.js';
import * as ops from '../../engine/waiqin/operations.js';
import { rule } from '../../pipeline/vendor-module.js';
import type { WaiqinAddVoucherInfoRequest } from '../../types/waiqin/add-voucher-info.request.js';
import type { WaiqinFinishVoucherRequest } from '../../types/waiqin/finish-voucher.request.js';
import type { WaiqinGetCmInfosRequest } from '../../types/waiqin/get-cm-infos.request.js';
import type { WaiqinGetVoucherInfosRequest } from '../../types/waiqin/get-voucher-infos.request.js';
import type { WaiqinModifyVoucherEndDateRequest } from '../../types/waiqin/modify-voucher-end-date.request.js';
import type { WaiqinQueryVoucherUsedInfoRequest } from '../../types/waiqin/query-voucher-used-info.request.js';
import type { WaiqinReceiveVoucherInfoRequest } from '../../types/waiqin/receive-voucher-info.request.js';
import { encodeVoucherInfos } from './envelope.js';

type S = WaiqinState;
const json = (value: unknown): string => JSON.stringify(value);

/**
 * The engine rule behind every waiqin365 method, by operation id. Each returns the
 * `response_data` text (null: none): the payload is JSON inside the JSON envelope.
 */
export const waiqinRules = {
  // getVoucherInfos' ids are bare JSON numbers beyond 2^53 (see encodeVoucherInfos).
  'waiqin.getVoucherInfos': rule((s: S, b: WaiqinGetVoucherInfosRequest) => encodeVoucherInfos(ops.getVoucherInfos(s, b))),
  'waiqin.addVoucherInfo': rule((s: S, b: WaiqinAddVoucherInfoRequest, c) => json(ops.addVoucherInfo(s, b, c.now))),
  'waiqin.finishVoucher': rule((s: S, b: WaiqinFinishVoucherRequest, c) => ops.finishVoucher(s, b, c.now)),
  'waiqin.modifyVoucherEndDate': rule((s: S, b: WaiqinModifyVoucherEndDateRequest, c) => ops.modifyVoucherEndDate(s, b, c.now)),
  'waiqin.receiveVoucherInfo': rule((s: S, b: WaiqinReceiveVoucherInfoRequest, c) => json(ops.receiveVoucherInfo(s, b, c.now))),
  'waiqin.getCmInfos': rule((s: S, b: WaiqinGetCmInfosRequest) => json(ops.getCmInfos(s, b))),
  'waiqin.queryVoucherUsedInfo': rule((s: S, b: WaiqinQueryVoucherUsedInfoRequest, c) => json(ops.queryVoucherUsedInfo(s, b, c.now))),
};

import type { WaiqinAddVoucherInfoData } from '../../types/waiqin/add-voucher-info.data.js';
import type { WaiqinAddVoucherInfoRequest } from '../../types/waiqin/add-voucher-info.request.js';
import type { WaiqinFinishVoucherRequest } from '../../types/waiqin/finish-voucher.request.js';
import type { WaiqinGetCmInfosRequest } from '../../types/waiqin/get-cm-infos.request.js';
import type { WaiqinGetVoucherInfosRequest } from '../../types/waiqin/get-voucher-infos.request.js';
import type { WaiqinModifyVoucherEndDateRequest } from '../../types/waiqin/modify-voucher-end-date.request.js';
import type { WaiqinQueryVoucherUsedInfoRequest } from '../../types/waiqin/query-voucher-used-info.request.js';
import type { WaiqinReceiveVoucherInfoData } from '../../types/waiqin/receive-voucher-info.data.js';
import type { WaiqinReceiveVoucherInfoRequest } from '../../types/waiqin/receive-voucher-info.request.js';
import { paged } from '../paging.js';
import { autoDistribute, findCustomer, findVoucher, receive } from './holdings.js';
import { addVoucher, holdingsOf } from './indexes.js';
import { idText } from './input.js';
import type { WaiqinState } from './model.js';
import { formatDate, formatDateTime } from '../shanghai-time.js';
import { useStatus, voucherInfo, voucherUsedInfo, type CmInfo, type VoucherInfo, type VoucherUsedInfo } from './views.js';
import { buildVoucher, changeEndDate, finish, voucherById } from './vouchers.js';

/*
 * The seven waiqin365 voucher operations as rules: plain state in, result out, sandbox time
 * (ms) as input. Inputs arrive schema-checked (blank values already dropped) by the pipeline.
 */

/** waiqin365 pages: page 1 and 1000 rows unless asked otherwise. */
const page = <T>(items: T[], pageNumber: number | string | null | undefined, pageLength: number | string | null | undefined): T[] =>
  paged(items, Number(pageNumber ?? 1), Number(pageLength ?? 1000));

/** getVoucherInfos: vouchers in creation order, filtered by inclusive Shanghai create/modify days, one page. */
export function getVoucherInfos(s: Readonly<WaiqinState>, q: WaiqinGetVoucherInfosRequest): VoucherInfo[] {
  const within = (ms: number, from?: string | null, to?: string | null) => {
    if (!from && !to) return true; // no filter: skip formatting the day of every voucher
    const day = formatDate(ms);
    return (!from || day >= from) && (!to || day <= to);
  };
  // Creation order (a stable sort keeps insertion order for vouchers created the same millisecond).
  const list = [...s.vouchers.values()]
    .sort((a, b) => a.createdAt - b.createdAt)
    .filter((v) => within(v.createdAt, q.start_create_date, q.end_create_date) && within(v.modifiedAt, q.start_modify_date, q.end_modify_date));
  return page(list, q.page_number, q.page_length).map((v) => voucherInfo(s, v));
}

/** addVoucherInfo: checks every rule, stores the voucher, returns its id (autoReceive Y distributes it). */
export function addVoucherInfo(s: WaiqinState, body: WaiqinAddVoucherInfoRequest, now: number): WaiqinAddVoucherInfoData {
  const voucher = buildVoucher(s, body, now);
  addVoucher(s, voucher);
  if (voucher.autoReceive === 'Y') autoDistribute(s, voucher, now);
  return { voucherId: voucher.id };
}

/** finishVoucher: isFinish Y; the voucher can no longer be received (held ones stay usable until endDate). */
export function finishVoucher(s: WaiqinState, body: WaiqinFinishVoucherRequest, now: number): null {
  finish(voucherById(s, idText(body.voucherId)!), now);
  return null;
}

/** modifyVoucherEndDate: any day from today (and from startDate) on; not on a finished voucher. */
export function modifyVoucherEndDate(s: WaiqinState, body: WaiqinModifyVoucherEndDateRequest, now: number): null {
  changeEndDate(voucherById(s, idText(body.voucherId)!), body.endDate, now);
  return null;
}

/** receiveVoucherInfo: one holding for one customer, honouring num, eachCmNum, the range, dates and isFinish. */
export function receiveVoucherInfo(s: WaiqinState, body: WaiqinReceiveVoucherInfoRequest, now: number): WaiqinReceiveVoucherInfoData {
  const voucher = findVoucher(s, idText(body.voucherId ?? undefined) || undefined, body.voucherName ?? undefined);
  const customer = findCustomer(s, { cmId: idText(body.cmId ?? undefined), cmCode: body.cmCode ?? undefined, cmSourceCode: body.cmSourceCode ?? undefined });
  const holding = receive(s, voucher, customer, now, body.receiveTime ?? undefined);
  return { id: holding.id, voucherId: voucher.id, cmId: customer.id, receiveTime: formatDateTime(holding.receivedAt) };
}

/** getCmInfos: each customer holding the voucher once, in order of first receipt, one page. */
export function getCmInfos(s: Readonly<WaiqinState>, body: WaiqinGetCmInfosRequest): CmInfo[] {
  const voucher = voucherById(s, idText(body.voucher_id)!);
  const ids = [...(s.holdings.get(voucher.id)?.byCustomer.keys() ?? [])];
  return page(ids, body.page_number, body.page_length).map((id) => {
    const c = s.customerIndex.byId.get(id)!;
    return { id: c.id, code: c.code, name: c.name };
  });
}

/**
 * queryVoucherUsedInfo: the voucher's holdings, optionally only one use status (2 = expired by the
 * sandbox clock). Unpaged, as the vendor answers it; the vendor's own rule bounds it: a voucher has
 * at most `num` <= 99 999 holdings. Costs what this voucher holds, not what the tenant holds.
 */
export function queryVoucherUsedInfo(s: Readonly<WaiqinState>, body: WaiqinQueryVoucherUsedInfoRequest, now: number): VoucherUsedInfo[] {
  const status = body.voucherStatus === undefined || body.voucherStatus === null ? undefined : String(body.voucherStatus);
  const voucher = voucherById(s, idText(body.voucherId)!);
  const rows: VoucherUsedInfo[] = [];
  for (const h of holdingsOf(s, voucher.id)) {
    if (status !== undefined && useStatus(h, voucher, now) !== status) continue;
    rows.push(voucherUsedInfo(h, voucher, s.customerIndex.byId.get(h.customerId)!, now));
  }
  return rows;
}

// The documented examples under schemas/<vendor>/examples/, imported statically so the OpenAPI
// builders stay browser-safe (no file system). test/openapi checks this list against the folders,
// so an example file added there and not here fails the tests.
import e_waiqin_add_voucher_info from '../../schemas/waiqin/examples/add-voucher-info.json' with { type: 'json' };
import e_waiqin_envelope from '../../schemas/waiqin/examples/envelope.json' with { type: 'json' };
import e_waiqin_finish_voucher from '../../schemas/waiqin/examples/finish-voucher.json' with { type: 'json' };
import e_waiqin_get_cm_infos from '../../schemas/waiqin/examples/get-cm-infos.json' with { type: 'json' };
import e_waiqin_get_voucher_infos from '../../schemas/waiqin/examples/get-voucher-infos.json' with { type: 'json' };
import e_waiqin_modify_voucher_end_date from '../../schemas/waiqin/examples/modify-voucher-end-date.json' with { type: 'json' };
import e_waiqin_query_voucher_used_info from '../../schemas/waiqin/examples/query-voucher-used-info.json' with { type: 'json' };
import e_waiqin_receive_voucher_info from '../../schemas/waiqin/examples/receive-voucher-info.json' with { type: 'json' };
import e_wechat_card_batchget from '../../schemas/wechat/examples/card-batchget.json' with { type: 'json' };
import e_wechat_card_create from '../../schemas/wechat/examples/card-create.json' with { type: 'json' };
import e_wechat_card_delete from '../../schemas/wechat/examples/card-delete.json' with { type: 'json' };
import e_wechat_card_get from '../../schemas/wechat/examples/card-get.json' with { type: 'json' };
import e_wechat_card_modifystock from '../../schemas/wechat/examples/card-modifystock.json' with { type: 'json' };
import e_wechat_card_update from '../../schemas/wechat/examples/card-update.json' with { type: 'json' };
import e_wechat_code_consume from '../../schemas/wechat/examples/code-consume.json' with { type: 'json' };
import e_wechat_code_get from '../../schemas/wechat/examples/code-get.json' with { type: 'json' };
import e_wechat_code_unavailable from '../../schemas/wechat/examples/code-unavailable.json' with { type: 'json' };
import e_wechat_code_update from '../../schemas/wechat/examples/code-update.json' with { type: 'json' };
import e_wechat_rid_get from '../../schemas/wechat/examples/rid-get.json' with { type: 'json' };
import e_wechat_datacube_getcardbizuininfo from '../../schemas/wechat/examples/datacube-getcardbizuininfo.json' with { type: 'json' };
import e_wechat_datacube_getcardcardinfo from '../../schemas/wechat/examples/datacube-getcardcardinfo.json' with { type: 'json' };
import e_wechat_datacube_getcardmembercarddetail from '../../schemas/wechat/examples/datacube-getcardmembercarddetail.json' with { type: 'json' };
import e_wechat_datacube_getcardmembercardinfo from '../../schemas/wechat/examples/datacube-getcardmembercardinfo.json' with { type: 'json' };
import e_wechat_error from '../../schemas/wechat/examples/error.json' with { type: 'json' };
import e_wechat_token from '../../schemas/wechat/examples/token.json' with { type: 'json' };
import e_wechat_user_getcardlist from '../../schemas/wechat/examples/user-getcardlist.json' with { type: 'json' };
import e_wechatpay_associate_coupon_request from '../../schemas/wechatpay/examples/associate-coupon.request.json' with { type: 'json' };
import e_wechatpay_associate_coupon_response from '../../schemas/wechatpay/examples/associate-coupon.response.json' with { type: 'json' };
import e_wechatpay_coupon from '../../schemas/wechatpay/examples/coupon.json' with { type: 'json' };
import e_wechatpay_create_stock_request from '../../schemas/wechatpay/examples/create-stock.request.json' with { type: 'json' };
import e_wechatpay_create_stock_response from '../../schemas/wechatpay/examples/create-stock.response.json' with { type: 'json' };
import e_wechatpay_deactivate_coupon_request from '../../schemas/wechatpay/examples/deactivate-coupon.request.json' with { type: 'json' };
import e_wechatpay_delete_coupon_code_query from '../../schemas/wechatpay/examples/delete-coupon-code.query.json' with { type: 'json' };
import e_wechatpay_delete_coupon_code_response from '../../schemas/wechatpay/examples/delete-coupon-code.response.json' with { type: 'json' };
import e_wechatpay_disassociate_coupon_request from '../../schemas/wechatpay/examples/disassociate-coupon.request.json' with { type: 'json' };
import e_wechatpay_disassociate_coupon_response from '../../schemas/wechatpay/examples/disassociate-coupon.response.json' with { type: 'json' };
import e_wechatpay_error from '../../schemas/wechatpay/examples/error.json' with { type: 'json' };
import e_wechatpay_list_coupon_codes_query from '../../schemas/wechatpay/examples/list-coupon-codes.query.json' with { type: 'json' };
import e_wechatpay_list_coupon_codes_response from '../../schemas/wechatpay/examples/list-coupon-codes.response.json' with { type: 'json' };
import e_wechatpay_list_user_coupons_query from '../../schemas/wechatpay/examples/list-user-coupons.query.json' with { type: 'json' };
import e_wechatpay_list_user_coupons_response from '../../schemas/wechatpay/examples/list-user-coupons.response.json' with { type: 'json' };
import e_wechatpay_modify_budget_request from '../../schemas/wechatpay/examples/modify-budget.request.json' with { type: 'json' };
import e_wechatpay_modify_budget_response from '../../schemas/wechatpay/examples/modify-budget.response.json' with { type: 'json' };
import e_wechatpay_modify_stock_request from '../../schemas/wechatpay/examples/modify-stock.request.json' with { type: 'json' };
import e_wechatpay_query_coupon_code_query from '../../schemas/wechatpay/examples/query-coupon-code.query.json' with { type: 'json' };
import e_wechatpay_query_coupon_code_response from '../../schemas/wechatpay/examples/query-coupon-code.response.json' with { type: 'json' };
import e_wechatpay_return_coupon_request from '../../schemas/wechatpay/examples/return-coupon.request.json' with { type: 'json' };
import e_wechatpay_send_coupon_request from '../../schemas/wechatpay/examples/send-coupon.request.json' with { type: 'json' };
import e_wechatpay_send_coupon_response from '../../schemas/wechatpay/examples/send-coupon.response.json' with { type: 'json' };
import e_wechatpay_set_callbacks_request from '../../schemas/wechatpay/examples/set-callbacks.request.json' with { type: 'json' };
import e_wechatpay_set_callbacks_response from '../../schemas/wechatpay/examples/set-callbacks.response.json' with { type: 'json' };
import e_wechatpay_upload_coupon_codes_request from '../../schemas/wechatpay/examples/upload-coupon-codes.request.json' with { type: 'json' };
import e_wechatpay_upload_coupon_codes_response from '../../schemas/wechatpay/examples/upload-coupon-codes.response.json' with { type: 'json' };
import e_wechatpay_use_coupon_request from '../../schemas/wechatpay/examples/use-coupon.request.json' with { type: 'json' };
import e_wechatpay_use_coupon_response from '../../schemas/wechatpay/examples/use-coupon.response.json' with { type: 'json' };

/** One entry of an examples file (the shape test/schemas checks). */
export interface SchemaExampleEntry {
  schema: string;
  valid: boolean;
  source: string;
  note?: string;
  data: unknown;
}

/** The example files, by path under schemas/. */
export const exampleFiles: Readonly<Record<string, readonly SchemaExampleEntry[]>> = {
  'waiqin/examples/add-voucher-info.json': ([] as SchemaExampleEntry[]).concat(e_waiqin_add_voucher_info as SchemaExampleEntry | SchemaExampleEntry[]),
  'waiqin/examples/envelope.json': ([] as SchemaExampleEntry[]).concat(e_waiqin_envelope as SchemaExampleEntry | SchemaExampleEntry[]),
  'waiqin/examples/finish-voucher.json': ([] as SchemaExampleEntry[]).concat(e_waiqin_finish_voucher as SchemaExampleEntry | SchemaExampleEntry[]),
  'waiqin/examples/get-cm-infos.json': ([] as SchemaExampleEntry[]).concat(e_waiqin_get_cm_infos as SchemaExampleEntry | SchemaExampleEntry[]),
  'waiqin/examples/get-voucher-infos.json': ([] as SchemaExampleEntry[]).concat(e_waiqin_get_voucher_infos as SchemaExampleEntry | SchemaExampleEntry[]),
  'waiqin/examples/modify-voucher-end-date.json': ([] as SchemaExampleEntry[]).concat(
    e_waiqin_modify_voucher_end_date as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'waiqin/examples/query-voucher-used-info.json': ([] as SchemaExampleEntry[]).concat(
    e_waiqin_query_voucher_used_info as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'waiqin/examples/receive-voucher-info.json': ([] as SchemaExampleEntry[]).concat(e_waiqin_receive_voucher_info as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/card-batchget.json': ([] as SchemaExampleEntry[]).concat(e_wechat_card_batchget as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/card-create.json': ([] as SchemaExampleEntry[]).concat(e_wechat_card_create as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/card-delete.json': ([] as SchemaExampleEntry[]).concat(e_wechat_card_delete as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/card-get.json': ([] as SchemaExampleEntry[]).concat(e_wechat_card_get as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/card-modifystock.json': ([] as SchemaExampleEntry[]).concat(e_wechat_card_modifystock as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/card-update.json': ([] as SchemaExampleEntry[]).concat(e_wechat_card_update as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/code-consume.json': ([] as SchemaExampleEntry[]).concat(e_wechat_code_consume as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/code-get.json': ([] as SchemaExampleEntry[]).concat(e_wechat_code_get as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/code-unavailable.json': ([] as SchemaExampleEntry[]).concat(e_wechat_code_unavailable as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/code-update.json': ([] as SchemaExampleEntry[]).concat(e_wechat_code_update as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/rid-get.json': ([] as SchemaExampleEntry[]).concat(e_wechat_rid_get as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/datacube-getcardbizuininfo.json': ([] as SchemaExampleEntry[]).concat(
    e_wechat_datacube_getcardbizuininfo as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechat/examples/datacube-getcardcardinfo.json': ([] as SchemaExampleEntry[]).concat(
    e_wechat_datacube_getcardcardinfo as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechat/examples/datacube-getcardmembercarddetail.json': ([] as SchemaExampleEntry[]).concat(
    e_wechat_datacube_getcardmembercarddetail as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechat/examples/datacube-getcardmembercardinfo.json': ([] as SchemaExampleEntry[]).concat(
    e_wechat_datacube_getcardmembercardinfo as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechat/examples/error.json': ([] as SchemaExampleEntry[]).concat(e_wechat_error as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/token.json': ([] as SchemaExampleEntry[]).concat(e_wechat_token as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechat/examples/user-getcardlist.json': ([] as SchemaExampleEntry[]).concat(e_wechat_user_getcardlist as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechatpay/examples/associate-coupon.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_associate_coupon_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/associate-coupon.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_associate_coupon_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/coupon.json': ([] as SchemaExampleEntry[]).concat(e_wechatpay_coupon as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechatpay/examples/create-stock.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_create_stock_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/create-stock.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_create_stock_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/deactivate-coupon.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_deactivate_coupon_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/delete-coupon-code.query.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_delete_coupon_code_query as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/delete-coupon-code.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_delete_coupon_code_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/disassociate-coupon.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_disassociate_coupon_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/disassociate-coupon.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_disassociate_coupon_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/error.json': ([] as SchemaExampleEntry[]).concat(e_wechatpay_error as SchemaExampleEntry | SchemaExampleEntry[]),
  'wechatpay/examples/list-coupon-codes.query.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_list_coupon_codes_query as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/list-coupon-codes.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_list_coupon_codes_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/list-user-coupons.query.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_list_user_coupons_query as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/list-user-coupons.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_list_user_coupons_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/modify-budget.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_modify_budget_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/modify-budget.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_modify_budget_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/modify-stock.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_modify_stock_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/query-coupon-code.query.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_query_coupon_code_query as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/query-coupon-code.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_query_coupon_code_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/return-coupon.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_return_coupon_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/send-coupon.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_send_coupon_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/send-coupon.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_send_coupon_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/set-callbacks.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_set_callbacks_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/set-callbacks.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_set_callbacks_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/upload-coupon-codes.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_upload_coupon_codes_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/upload-coupon-codes.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_upload_coupon_codes_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/use-coupon.request.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_use_coupon_request as SchemaExampleEntry | SchemaExampleEntry[],
  ),
  'wechatpay/examples/use-coupon.response.json': ([] as SchemaExampleEntry[]).concat(
    e_wechatpay_use_coupon_response as SchemaExampleEntry | SchemaExampleEntry[],
  ),
};

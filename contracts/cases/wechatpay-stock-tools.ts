import type { CaseContext } from '../context.js';
import { example, requestNo } from './common.js';
import type { ContractCase } from './types.js';
import { kitCoupon, kitStock } from './wechatpay.js';

/*
 * The busifavor operations a merchant uses after the basics: modifying a stock and its budget,
 * associating coupons with orders, and the pre-uploaded codes of a MERCHANT_UPLOAD stock. Each
 * case acts only on stocks and coupons this run created, so writes never touch anyone else's.
 */

const op = (name: string, title: string, run: (ctx: CaseContext) => Promise<unknown>): ContractCase => ({
  id: `wechatpay.${name}`,
  vendor: 'wechatpay',
  kind: 'operation',
  title,
  operations: [`wechatpay.${name}`],
  run: async (ctx) => void (await run(ctx)),
});

/** A MERCHANT_UPLOAD stock of this run with two uploaded codes (uploaded once per run). */
async function kitCodes(ctx: CaseContext): Promise<{ stock_id: string; codes: string[] }> {
  const cached = ctx.scratch.get('wechatpay.kit-codes') as { stock_id: string; codes: string[] } | undefined;
  if (cached) return cached;
  const stock_id = await kitStock(ctx, false, { coupon_code_mode: 'MERCHANT_UPLOAD' });
  const codes = [requestNo('KIT'), requestNo('KIT')];
  const body = example(ctx, 'wechatpay.busifavor-upload-coupon-codes', { coupon_code_list: codes, upload_request_no: requestNo('kitup') });
  const { body: res } = await ctx.ok('wechatpay.busifavor-upload-coupon-codes', { params: { stock_id }, body });
  ctx.expect('wechatpay.busifavor-upload-coupon-codes', '/success_codes', res.success_codes, codes);
  const kit = { stock_id, codes };
  ctx.scratch.set('wechatpay.kit-codes', kit);
  return kit;
}

/** The kit stock's send rule as WeChat Pay reports it now. */
async function sendRule(ctx: CaseContext, stock_id: string): Promise<{ max_coupons: number }> {
  return (await ctx.ok('wechatpay.busifavor-query-stock', { params: { stock_id } })).body.stock_send_rule;
}

/** Contract cases of the busifavor stock tools, one per operation. */
export function stockToolCases(): ContractCase[] {
  return [
    op('busifavor-modify-stock', "modifies the kit stock's information (204, signed over an empty body)", async (ctx) => {
      const stock_id = await kitStock(ctx);
      const body = example(ctx, 'wechatpay.busifavor-modify-stock', { out_request_no: requestNo('kitmod') });
      await ctx.ok('wechatpay.busifavor-modify-stock', { params: { stock_id }, body });
      const stock = await ctx.ok('wechatpay.busifavor-query-stock', { params: { stock_id } });
      ctx.expect('wechatpay.busifavor-query-stock', '/stock_name', stock.body.stock_name, body.stock_name, 'the modified name reads back');
    }),
    op('busifavor-modify-budget', "raises the kit stock's budget by one", async (ctx) => {
      const stock_id = await kitStock(ctx);
      const { max_coupons } = await sendRule(ctx, stock_id);
      const body = example(
        ctx,
        'wechatpay.busifavor-modify-budget',
        { modify_budget_request_no: requestNo('kitbudget'), target_max_coupons: max_coupons + 1, current_max_coupons: max_coupons },
        (d) => 'target_max_coupons' in d,
      );
      const { body: res } = await ctx.ok('wechatpay.busifavor-modify-budget', { params: { stock_id }, body });
      ctx.expect('wechatpay.busifavor-modify-budget', '/max_coupons', res.max_coupons, max_coupons + 1);
    }),
    op('busifavor-associate-coupon', 'associates a coupon the kit sent with an order', async (ctx) => {
      const coupon = await kitCoupon(ctx);
      await ctx.ok('wechatpay.busifavor-associate-coupon', {
        body: example(ctx, 'wechatpay.busifavor-associate-coupon', { ...coupon, out_trade_no: requestNo('kitorder'), out_request_no: requestNo('kitassoc') }),
      });
    }),
    op('busifavor-disassociate-coupon', 'unties a coupon from the order it was associated with', async (ctx) => {
      const coupon = await kitCoupon(ctx);
      const out_trade_no = requestNo('kitorder');
      await ctx.ok('wechatpay.busifavor-associate-coupon', {
        body: example(ctx, 'wechatpay.busifavor-associate-coupon', { ...coupon, out_trade_no, out_request_no: requestNo('kitassoc') }),
      });
      await ctx.ok('wechatpay.busifavor-disassociate-coupon', {
        body: example(ctx, 'wechatpay.busifavor-disassociate-coupon', { ...coupon, out_trade_no, out_request_no: requestNo('kitdis') }),
      });
    }),
    op('busifavor-upload-coupon-codes', 'uploads codes to a MERCHANT_UPLOAD stock of the kit', (ctx) => kitCodes(ctx)),
    op('busifavor-list-coupon-codes', "lists the kit's uploaded codes", async (ctx) => {
      const { stock_id, codes } = await kitCodes(ctx);
      const { body } = await ctx.ok('wechatpay.busifavor-list-coupon-codes', { params: { stock_id }, query: { offset: 0, limit: 20 } });
      const listed = (body.data ?? []).map((c: { code: string }) => c.code);
      ctx.expect(
        'wechatpay.busifavor-list-coupon-codes',
        '/data/[]/code',
        codes.every((c) => listed.includes(c)),
        true,
        'the uploaded codes are listed',
      );
    }),
    op('busifavor-query-coupon-code', 'queries one uploaded code', async (ctx) => {
      const { stock_id, codes } = await kitCodes(ctx);
      const { body } = await ctx.ok('wechatpay.busifavor-query-coupon-code', { params: { stock_id, coupon_code: codes[0]! } });
      ctx.expect('wechatpay.busifavor-query-coupon-code', '/code_information/code', body.code_information.code, codes[0]);
    }),
    op('busifavor-delete-coupon-code', 'deletes an uploaded code nobody received', async (ctx) => {
      const { stock_id, codes } = await kitCodes(ctx);
      await ctx.ok('wechatpay.busifavor-delete-coupon-code', {
        params: { stock_id, coupon_code: codes[1]! },
        query: { delete_request_no: requestNo('kitdel') },
      });
    }),
  ];
}

import { operation, operationsOf } from '../../src/operations.js';
import type { CaseContext } from '../context.js';
import { exampleFor } from '../examples.js';
import type { CallInput } from '../vendors/client.js';
import { errorCase, example, requestNo } from './common.js';
import { schemaProbeCases } from './schema-probes.js';
import type { ContractCase } from './types.js';

const op = (id: string, title: string, run: (ctx: CaseContext) => Promise<unknown>): ContractCase => ({
  id: `wechatpay.${id}`,
  vendor: 'wechatpay',
  kind: 'operation',
  title,
  operations: [`wechatpay.${id}`],
  run: async (ctx) => void (await run(ctx)),
});

/** RFC 3339 with the +08:00 offset WeChat Pay writes (VENDOR-BEHAVIOUR.md C.1). */
export function rfc3339(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export const appid = (ctx: CaseContext) => ctx.need(ctx.payAppid, 'WeChat Pay appid (WECHATPAY_APPID)');
export const openid = (ctx: CaseContext) => ctx.need(ctx.fixtures.wechatpay?.openid, 'WeChat Pay openid (WECHATPAY_OPENID)');

/**
 * A stock this run created from the documented example, its window moved around now (RUNNING at
 * once). `over` changes the example (a MERCHANT_UPLOAD stock: `{ coupon_code_mode }`, cached apart).
 */
export async function kitStock(ctx: CaseContext, fresh = false, over: Record<string, unknown> = {}): Promise<string> {
  const slot = `wechatpay.kit-stock${Object.keys(over).length > 0 ? `:${JSON.stringify(over)}` : ''}`;
  const cached = ctx.scratch.get(slot) as string | undefined;
  if (cached && !fresh) return cached;
  const body = example(ctx, 'wechatpay.busifavor-create-stock', { belong_merchant: ctx.payMchid, out_request_no: requestNo('kitstock'), ...over });
  const rule = body.coupon_use_rule as { coupon_available_time?: Record<string, unknown> } | undefined;
  // The documented window lies in the past and its weekly/irregular limits would make "use" depend
  // on the weekday: keep the example's shape, with a plain window around the target's now.
  if (rule) {
    rule.coupon_available_time = { available_begin_time: rfc3339(ctx.now() - 3600_000), available_end_time: rfc3339(ctx.now() + 60 * 86_400_000) };
  }
  const { body: res } = await ctx.ok('wechatpay.busifavor-create-stock', { body });
  ctx.adopt(res.stock_id);
  if (!fresh) ctx.scratch.set(slot, res.stock_id);
  return res.stock_id as string;
}

/** A SENDED coupon of the kit's stock: sent by this run, so writes may touch it on a real target. */
export async function kitCoupon(ctx: CaseContext): Promise<{ coupon_code: string; stock_id: string }> {
  const stock_id = await kitStock(ctx);
  const body = example(ctx, 'wechatpay.busifavor-send-coupon', {
    openid: openid(ctx),
    appid: appid(ctx),
    stock_id,
    out_request_no: requestNo('kitsend'),
    coupon_code: undefined,
  });
  const { body: res } = await ctx.ok('wechatpay.busifavor-send-coupon', { body });
  ctx.adopt(res.coupon_code);
  return { coupon_code: res.coupon_code as string, stock_id };
}

const use = (ctx: CaseContext, coupon: { coupon_code: string; stock_id: string }) =>
  example(ctx, 'wechatpay.busifavor-use-coupon', {
    ...coupon,
    appid: appid(ctx),
    use_time: rfc3339(ctx.now()),
    use_request_no: requestNo('kituse'),
    openid: undefined,
  });

/** The run's merchant as the callbacks calls name it (absent: the signer). */
const mchidOf = (ctx: CaseContext): { mchid?: string } => (ctx.payMchid ? { mchid: ctx.payMchid } : {});

function operationCases(): ContractCase[] {
  return [
    op('certificates', 'GET /v3/certificates lists the platform certificates, signed', (ctx) => ctx.ok('wechatpay.certificates')),
    op('busifavor-list-user-coupons', "lists a user's coupons with paging fields", async (ctx) => {
      const { body } = await ctx.ok('wechatpay.busifavor-list-user-coupons', readInput(ctx, 'wechatpay.busifavor-list-user-coupons'));
      const first = (body.data ?? [])[0] as { coupon_code?: string; stock_id?: string } | undefined;
      ctx.fixtures.wechatpay ??= {};
      if (first) {
        ctx.fixtures.wechatpay.coupon_code ??= first.coupon_code;
        ctx.fixtures.wechatpay.stock_id ??= first.stock_id;
      }
    }),
    op('busifavor-query-stock', 'queries one stock', async (ctx) => {
      const stock_id = ctx.fixtures.wechatpay?.stock_id ?? (await kitStock(ctx));
      await ctx.ok('wechatpay.busifavor-query-stock', { params: { stock_id } });
    }),
    op('busifavor-query-coupon', 'queries one coupon of a user', async (ctx) => {
      const coupon_code = ctx.need(ctx.fixtures.wechatpay?.coupon_code, 'coupon_code (WECHATPAY_COUPON_CODE)');
      await ctx.ok('wechatpay.busifavor-query-coupon', { params: { openid: openid(ctx), coupon_code, appid: appid(ctx) } });
    }),
    op('busifavor-create-stock', 'creates a stock from the documented example', (ctx) => kitStock(ctx)),
    op('busifavor-send-coupon', "sends a coupon of the kit's stock", (ctx) => kitCoupon(ctx)),
    op('busifavor-query-callbacks', "reads the merchant's notify URL", (ctx) => ctx.ok('wechatpay.busifavor-query-callbacks', { query: mchidOf(ctx) })),
    op('busifavor-set-callbacks', 'sets the notify URL the merchant already has (or a placeholder when it has none)', async (ctx) => {
      // Re-setting the current URL leaves a real merchant's callbacks where they were.
      const { body } = await ctx.ok('wechatpay.busifavor-query-callbacks', { query: mchidOf(ctx) });
      const notify_url = typeof body.notify_url === 'string' ? body.notify_url : 'https://contract-kit.invalid/notify';
      await ctx.ok('wechatpay.busifavor-set-callbacks', { body: { ...mchidOf(ctx), notify_url } });
    }),
    op('busifavor-use-coupon', 'uses a coupon the kit sent', async (ctx) => ctx.ok('wechatpay.busifavor-use-coupon', { body: use(ctx, await kitCoupon(ctx)) })),
    op('busifavor-return-coupon', 'returns a used coupon', async (ctx) => {
      const coupon = await kitCoupon(ctx);
      await ctx.ok('wechatpay.busifavor-use-coupon', { body: use(ctx, coupon) });
      await ctx.ok('wechatpay.busifavor-return-coupon', {
        body: example(ctx, 'wechatpay.busifavor-return-coupon', { ...coupon, return_request_no: requestNo('kitret') }),
      });
    }),
    op('busifavor-deactivate-coupon', 'deactivates a sent coupon', async (ctx) => {
      const coupon = await kitCoupon(ctx);
      await ctx.ok('wechatpay.busifavor-deactivate-coupon', {
        body: example(ctx, 'wechatpay.busifavor-deactivate-coupon', { ...coupon, deactivate_request_no: requestNo('kitdeact') }),
      });
    }),
  ];
}

/** Example data with the run's own ids in place, so a probe breaks one rule only. */
function fixtureData(ctx: CaseContext, data: Record<string, unknown>): Record<string, unknown> {
  const f = ctx.fixtures.wechatpay ?? {};
  const ids: Record<string, unknown> = {
    openid: f.openid,
    appid: ctx.payAppid,
    stock_id: f.stock_id,
    coupon_code: f.coupon_code,
    belong_merchant: ctx.payMchid,
    creator_merchant: ctx.payMchid,
  };
  for (const [key, value] of Object.entries(ids)) if (key in data && value) data[key] = value;
  return data;
}

/**
 * The request of a GET operation: path parameters are the run's ids (a documented example's ids
 * belong to someone else), the list's query adds the documented example's paging when present.
 */
function readInput(ctx: CaseContext, operationId: string): CallInput {
  const f = ctx.fixtures.wechatpay ?? {};
  switch (operationId) {
    case 'wechatpay.busifavor-list-user-coupons': {
      const documented = exampleFor<Record<string, string>>(operation(operationId).query!) ?? {};
      return {
        params: { openid: openid(ctx) },
        query: { limit: documented.limit, offset: documented.offset, appid: appid(ctx), creator_merchant: ctx.payMchid },
      };
    }
    case 'wechatpay.busifavor-query-stock':
      return { params: { stock_id: f.stock_id ?? '1989000000' } };
    case 'wechatpay.busifavor-query-coupon':
      return { params: { openid: openid(ctx), coupon_code: f.coupon_code ?? '1989000000000000000001', appid: appid(ctx) } };
    case 'wechatpay.busifavor-list-coupon-codes':
      return { params: pathParams(ctx, operationId) };
    case 'wechatpay.busifavor-query-coupon-code':
      return { params: pathParams(ctx, operationId) };
    case 'wechatpay.busifavor-delete-coupon-code':
      return { params: pathParams(ctx, operationId), query: { delete_request_no: requestNo('kitdel') } };
    default:
      return {};
  }
}

/** Path parameters for the error probes, which fail before any lookup: the run's ids or placeholders. */
function pathParams(ctx: CaseContext, operationId: string): Record<string, string> {
  const f = ctx.fixtures.wechatpay ?? {};
  const names = [...operation(operationId).path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const known: Record<string, string> = { stock_id: f.stock_id ?? '1989000000', coupon_code: 'CONTRACTKIT0000000001' };
  return Object.fromEntries(names.map((name) => [name, known[name] ?? name]));
}

function errorCases(): ContractCase[] {
  const out: ContractCase[] = [];
  for (const operation of operationsOf('wechatpay')) {
    const input = (ctx: CaseContext): CallInput =>
      operation.request ? { body: fixtureData(ctx, example(ctx, operation.id)), params: pathParams(ctx, operation.id) } : readInput(ctx, operation.id);
    out.push(
      ...errorCase(operation.id, 'SIGN_ERROR', 'a signature that does not verify', (ctx) =>
        ctx.fail(operation.id, { ...input(ctx), auth: 'invalid' }, 'SIGN_ERROR'),
      ),
    );
    out.push(
      ...errorCase(operation.id, 'SIGN_ERROR_HEADER', 'no Authorization header', (ctx) =>
        ctx.fail(operation.id, { ...input(ctx), auth: 'none' }, 'SIGN_ERROR_HEADER'),
      ),
    );
    if (operation.request) {
      out.push(
        ...errorCase(operation.id, 'PARAM_ERROR_JSON', 'a body that is not JSON', (ctx) =>
          ctx.fail(operation.id, { rawBody: '{"stock_id":', params: pathParams(ctx, operation.id) }, 'PARAM_ERROR_JSON'),
        ),
      );
    }
    out.push(...schemaProbeCases(operation.id, (ctx, data) => fixtureData(ctx, data)));
  }
  out.push(
    ...errorCase('wechatpay.certificates', 'SIGN_ERROR_TIMESTAMP', 'a signature timestamp an hour old', (ctx) =>
      ctx.fail('wechatpay.certificates', { auth: 'stale' }, 'SIGN_ERROR_TIMESTAMP'),
    ),
    ...errorCase('wechatpay.certificates', 'SIGN_ERROR_MCHID', 'an unknown mchid', (ctx) =>
      ctx.fail('wechatpay.certificates', { auth: 'unknown-account' }, 'SIGN_ERROR_MCHID'),
    ),
    ...errorCase('wechatpay.busifavor-query-stock', 'STOCK_NOT_EXISTS', 'an unknown stock_id', (ctx) =>
      ctx.fail('wechatpay.busifavor-query-stock', { params: { stock_id: '1989000000' } }, 'STOCK_NOT_EXISTS'),
    ),
    ...errorCase('wechatpay.busifavor-query-coupon', 'COUPON_NOT_EXISTS', 'an unknown coupon_code', (ctx) =>
      ctx.fail(
        'wechatpay.busifavor-query-coupon',
        { params: { openid: openid(ctx), coupon_code: '1989000000000000000001', appid: appid(ctx) } },
        'COUPON_NOT_EXISTS',
      ),
    ),
    ...errorCase('wechatpay.busifavor-list-user-coupons', 'PARAM_ERROR', 'a missing appid', (ctx) =>
      ctx.fail('wechatpay.busifavor-list-user-coupons', { params: { openid: openid(ctx) }, query: { creator_merchant: ctx.payMchid } }, 'PARAM_ERROR'),
    ),
  );
  return out;
}

function scenarios(): ContractCase[] {
  const scenario = (name: string, title: string, operations: string[], transitions: string[], run: (ctx: CaseContext) => Promise<void>): ContractCase => ({
    id: `scenario:wechatpay.${name}`,
    vendor: 'wechatpay',
    kind: 'scenario',
    title,
    operations,
    transitions,
    needs: { writes: true },
    run,
  });
  const state = async (ctx: CaseContext, coupon_code: string) =>
    (await ctx.ok('wechatpay.busifavor-query-coupon', { params: { openid: openid(ctx), coupon_code, appid: appid(ctx) } })).body.coupon_state;
  return [
    scenario(
      'stock-send-use-return',
      'a stock is created, a coupon sent, used, refused a second use, returned and deactivated',
      [
        'wechatpay.busifavor-create-stock',
        'wechatpay.busifavor-query-stock',
        'wechatpay.busifavor-send-coupon',
        'wechatpay.busifavor-query-coupon',
        'wechatpay.busifavor-use-coupon',
        'wechatpay.busifavor-return-coupon',
        'wechatpay.busifavor-deactivate-coupon',
        'wechatpay.busifavor-list-user-coupons',
      ],
      [
        'stock (created) -> RUNNING',
        'coupon (sent) -> SENDED',
        'coupon SENDED -> USED',
        'coupon USED: use again -> RESOURCE_ALREADY_EXISTS',
        'coupon USED -> SENDED (return)',
        'coupon SENDED -> DEACTIVATED',
        'coupon DEACTIVATED: deactivate again -> INVALID_REQUEST',
      ],
      async (ctx) => {
        const stock_id = await kitStock(ctx, true);
        const stock = await ctx.ok('wechatpay.busifavor-query-stock', { params: { stock_id } });
        ctx.expect('wechatpay.busifavor-query-stock', '/stock_state', stock.body.stock_state, 'RUNNING');
        ctx.scratch.set('wechatpay.kit-stock', stock_id);
        const coupon = await kitCoupon(ctx);
        ctx.expect('wechatpay.busifavor-query-coupon', '/coupon_state', await state(ctx, coupon.coupon_code), 'SENDED');
        const listed = await ctx.ok('wechatpay.busifavor-list-user-coupons', {
          params: { openid: openid(ctx) },
          query: { appid: appid(ctx), stock_id, creator_merchant: ctx.payMchid },
        });
        ctx.expect(
          'wechatpay.busifavor-list-user-coupons',
          '/data/[]/coupon_code',
          (listed.body.data as { coupon_code: string }[]).some((c) => c.coupon_code === coupon.coupon_code),
          true,
          'the sent coupon is listed',
        );
        await ctx.ok('wechatpay.busifavor-use-coupon', { body: use(ctx, coupon) });
        ctx.expect('wechatpay.busifavor-query-coupon', '/coupon_state', await state(ctx, coupon.coupon_code), 'USED');
        await ctx.fail('wechatpay.busifavor-use-coupon', { body: use(ctx, coupon) }, 'COUPON_ALREADY_USED');
        await ctx.ok('wechatpay.busifavor-return-coupon', { body: { ...coupon, return_request_no: requestNo('kitret') } });
        ctx.expect('wechatpay.busifavor-query-coupon', '/coupon_state', await state(ctx, coupon.coupon_code), 'SENDED');
        await ctx.ok('wechatpay.busifavor-deactivate-coupon', {
          body: { ...coupon, deactivate_request_no: requestNo('kitdeact'), deactivate_reason: 'contract kit' },
        });
        ctx.expect('wechatpay.busifavor-query-coupon', '/coupon_state', await state(ctx, coupon.coupon_code), 'DEACTIVATED');
        await ctx.fail('wechatpay.busifavor-deactivate-coupon', { body: { ...coupon, deactivate_request_no: requestNo('kitdeact') } }, 'INVALID_REQUEST');
      },
    ),
  ];
}

/** Every WeChat Pay contract case, in run order. */
export function wechatpayCases(): ContractCase[] {
  return [...operationCases(), ...errorCases(), ...scenarios()];
}

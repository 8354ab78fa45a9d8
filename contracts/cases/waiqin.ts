import { operationsOf } from '../../src/operations.js';
import type { CaseContext } from '../context.js';
import { errorCase, example, requestNo, shanghaiDate } from './common.js';
import { schemaProbeCases } from './schema-probes.js';
import type { ContractCase } from './types.js';

const id = (method: string) => `waiqin.${method}`;
const op = (method: string, title: string, run: (ctx: CaseContext) => Promise<unknown>): ContractCase => ({
  id: id(method),
  vendor: 'waiqin',
  kind: 'operation',
  title,
  operations: [id(method)],
  run: async (ctx) => void (await run(ctx)),
});

const DAY = 86_400_000;

/**
 * The first voucher id in a response_data string, read from the raw text: ids are 19-digit numbers
 * in the docs (6856083179295188426), beyond what a JavaScript number holds exactly.
 */
export function firstVoucherId(raw: unknown, field = 'id'): string | undefined {
  if (typeof raw !== 'string') return undefined;
  return new RegExp(`"${field}"\\s*:\\s*"?(\\d+)"?`).exec(raw)?.[1];
}

/** A voucher this run created from the documented example, valid from today for 30 days. */
export async function kitVoucher(ctx: CaseContext, fresh = false): Promise<string> {
  const cached = ctx.scratch.get('waiqin.kit-voucher') as string | undefined;
  if (cached && !fresh) return cached;
  const body = example(ctx, id('addVoucherInfo'), {
    name: `kit${requestNo('').slice(-8)}`,
    startDate: shanghaiDate(ctx.now()),
    endDate: shanghaiDate(ctx.now() + 30 * DAY),
  });
  const { body: res, data } = await ctx.ok(id('addVoucherInfo'), { body });
  const voucherId = firstVoucherId(res.response_data, 'voucherId') ?? String(data?.voucherId ?? '');
  ctx.adopt(voucherId);
  if (!fresh) ctx.scratch.set('waiqin.kit-voucher', voucherId);
  return voucherId;
}

/** A voucher to read: configured, discovered by getVoucherInfos, or (sandbox) the kit's own. */
async function someVoucher(ctx: CaseContext): Promise<string> {
  return ctx.fixtures.waiqin?.voucherId ?? (ctx.targetKind === 'sandbox' ? kitVoucher(ctx) : ctx.skip('no voucher found (set WAIQIN_VOUCHER_ID)'));
}

function operationCases(): ContractCase[] {
  return [
    op('getVoucherInfos', 'getVoucherInfos pages through vouchers', async (ctx) => {
      const body = example(ctx, id('getVoucherInfos'), {
        page_number: 1,
        page_length: 50,
        start_create_date: undefined,
        end_create_date: undefined,
        start_modify_date: undefined,
        end_modify_date: undefined,
      });
      const { body: res } = await ctx.ok(id('getVoucherInfos'), { body });
      ctx.fixtures.waiqin ??= {};
      ctx.fixtures.waiqin.voucherId ??= firstVoucherId(res.response_data);
    }),
    op('getCmInfos', 'getCmInfos lists the customers holding a voucher', async (ctx) => {
      await ctx.ok(id('getCmInfos'), { body: example(ctx, id('getCmInfos'), { page_number: 1, page_length: 50, voucher_id: await someVoucher(ctx) }) });
    }),
    op('queryVoucherUsedInfo', "queryVoucherUsedInfo lists a voucher's holdings by status", async (ctx) => {
      await ctx.ok(id('queryVoucherUsedInfo'), { body: example(ctx, id('queryVoucherUsedInfo'), { voucherId: await someVoucher(ctx), voucherStatus: '0' }) });
    }),
    op('addVoucherInfo', 'addVoucherInfo creates a voucher from the documented example', (ctx) => kitVoucher(ctx)),
    op('modifyVoucherEndDate', 'modifyVoucherEndDate extends the kit voucher', async (ctx) => {
      const voucherId = await kitVoucher(ctx);
      await ctx.ok(id('modifyVoucherEndDate'), { body: example(ctx, id('modifyVoucherEndDate'), { voucherId, endDate: shanghaiDate(ctx.now() + 60 * DAY) }) });
    }),
    op('receiveVoucherInfo', 'receiveVoucherInfo gives the kit voucher to a customer', async (ctx) => {
      const voucherId = await kitVoucher(ctx);
      const cmId = ctx.need(ctx.fixtures.waiqin?.cmId, 'customer (WAIQIN_CM_ID)');
      await ctx.ok(id('receiveVoucherInfo'), {
        body: example(ctx, id('receiveVoucherInfo'), {
          voucherId,
          voucherName: undefined,
          cmId,
          cmCode: undefined,
          cmSourceCode: undefined,
          receiveTime: undefined,
        }),
      });
    }),
    op('finishVoucher', 'finishVoucher ends a voucher the kit created for it', async (ctx) => {
      const voucherId = await kitVoucher(ctx, true);
      await ctx.ok(id('finishVoucher'), { body: example(ctx, id('finishVoucher'), { voucherId }) });
    }),
  ];
}

/** Example data with the run's ids and live dates, so a probe breaks one rule only. */
function fixtureData(ctx: CaseContext, data: Record<string, unknown>): Record<string, unknown> {
  const f = ctx.fixtures.waiqin ?? {};
  const kit = ctx.scratch.get('waiqin.kit-voucher') as string | undefined;
  const ids: Record<string, unknown> = { voucherId: kit ?? f.voucherId, voucher_id: kit ?? f.voucherId, cmId: f.cmId, cmCode: f.cmCode };
  for (const [key, value] of Object.entries(ids)) if (key in data && value) data[key] = value;
  if ('startDate' in data) data.startDate = shanghaiDate(ctx.now());
  if ('endDate' in data) data.endDate = shanghaiDate(ctx.now() + 30 * DAY);
  return data;
}

function errorCases(): ContractCase[] {
  const out: ContractCase[] = [];
  for (const operation of operationsOf('waiqin')) {
    const body = (ctx: CaseContext) => fixtureData(ctx, example(ctx, operation.id));
    out.push(
      ...errorCase(operation.id, 'BAD_DIGEST', 'a digest made with another appkey', (ctx) =>
        ctx.fail(operation.id, { body: body(ctx), auth: 'invalid' }, 'BAD_DIGEST'),
      ),
    );
    out.push(
      ...errorCase(operation.id, 'STALE_TIMESTAMP', 'a timestamp a day old', (ctx) =>
        ctx.fail(operation.id, { body: body(ctx), auth: 'stale' }, 'STALE_TIMESTAMP'),
      ),
    );
    out.push(
      ...errorCase(operation.id, 'UNKNOWN_OPENID', 'an openid of no tenant', (ctx) =>
        ctx.fail(operation.id, { body: body(ctx), auth: 'unknown-account' }, 'UNKNOWN_OPENID'),
      ),
    );
    out.push(
      ...errorCase(operation.id, 'BAD_JSON', 'a correctly signed body that is not JSON', (ctx) =>
        ctx.fail(operation.id, { rawBody: '{"voucherId":' }, 'BAD_JSON'),
      ),
    );
    out.push(...schemaProbeCases(operation.id, (ctx, data) => fixtureData(ctx, data)));
  }
  out.push(
    ...errorCase(id('queryVoucherUsedInfo'), 'VOUCHER_NOT_FOUND', 'an unknown voucherId', (ctx) =>
      ctx.fail(id('queryVoucherUsedInfo'), { body: { voucherId: '1000000000000000001', voucherStatus: '0' } }, 'VOUCHER_NOT_FOUND'),
    ),
  );
  return out;
}

function scenarios(): ContractCase[] {
  return [
    {
      id: 'scenario:waiqin.voucher-lifecycle',
      vendor: 'waiqin',
      kind: 'scenario',
      title: 'a voucher is added, received, used by an order, finished, and then refuses new receivers',
      operations: [id('addVoucherInfo'), id('receiveVoucherInfo'), id('queryVoucherUsedInfo'), id('getCmInfos'), id('finishVoucher')],
      transitions: [
        'voucher (added) -> isFinish N',
        'holding (received) -> unused (0)',
        'holding unused -> used (1) by an order',
        'voucher isFinish N -> Y (finish)',
        'finished voucher: receive -> VOUCHER_FINISHED',
      ],
      needs: { control: true, writes: true },
      async run(ctx) {
        const voucherId = await kitVoucher(ctx, true);
        const cmId = ctx.need(ctx.fixtures.waiqin?.cmId, 'customer (WAIQIN_CM_ID)');
        await ctx.ok(id('receiveVoucherInfo'), { body: { voucherId, cmId } });
        const holders = await ctx.ok(id('getCmInfos'), { body: { page_number: 1, page_length: 50, voucher_id: voucherId } });
        ctx.expect(
          id('getCmInfos'),
          '/response_data(json)/[]/id',
          (holders.data as { id: unknown }[]).some((c) => String(c.id) === cmId),
          true,
          'the receiver is listed',
        );
        let used = await ctx.ok(id('queryVoucherUsedInfo'), { body: { voucherId, voucherStatus: '0' } });
        ctx.expect(id('queryVoucherUsedInfo'), '/response_data(json)', (used.data as unknown[]).length, 1, 'one unused holding');
        await ctx.control('POST', '/_sandbox/waiqin/orders', { voucherId, cmId, amount: '1000.00' });
        used = await ctx.ok(id('queryVoucherUsedInfo'), { body: { voucherId, voucherStatus: '1' } });
        ctx.expect(id('queryVoucherUsedInfo'), '/response_data(json)', (used.data as unknown[]).length, 1, 'one used holding');
        await ctx.ok(id('finishVoucher'), { body: { voucherId } });
        await ctx.fail(id('receiveVoucherInfo'), { body: { voucherId, cmId } }, 'VOUCHER_FINISHED');
      },
    },
  ];
}

/** Every waiqin365 contract case, in run order. */
export function waiqinCases(): ContractCase[] {
  return [...operationCases(), ...errorCases(), ...scenarios()];
}

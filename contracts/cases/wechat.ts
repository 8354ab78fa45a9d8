import { operationsOf } from '../../src/operations.js';
import type { CaseContext } from '../context.js';
import { datacubeRange, errorCase, example } from './common.js';
import { schemaProbeCases } from './schema-probes.js';
import type { ContractCase } from './types.js';

const op = (id: string, title: string, run: (ctx: CaseContext) => Promise<unknown>, needs?: ContractCase['needs']): ContractCase => ({
  id: `wechat.${id}`,
  vendor: 'wechat',
  kind: 'operation',
  title,
  operations: [`wechat.${id}`],
  needs,
  run: async (ctx) => void (await run(ctx)),
});

/**
 * A card this run created (CASH, from the documented example), made on first use. `custom`
 * makes a use_custom_code card (card/code/update only applies to those); `fresh` always makes a
 * new one (for card/delete and scenarios).
 */
export async function kitCard(ctx: CaseContext, options: { fresh?: boolean; custom?: boolean } = {}): Promise<string> {
  const slot = `wechat.kit-card${options.custom ? '-custom' : ''}`;
  const cached = ctx.scratch.get(slot) as string | undefined;
  if (cached && !options.fresh) return cached;
  const body = example(ctx, 'wechat.card-create', {}, (d) => (d.card as { card_type?: string })?.card_type === 'CASH');
  // The documented example's validity window lies in 2015: move it around the target's now.
  const card = body.card as Record<string, { base_info?: Record<string, unknown> }>;
  const now = Math.floor(ctx.now() / 1000);
  const baseInfo = card.cash?.base_info;
  if (baseInfo) {
    baseInfo.date_info = { type: 'DATE_TYPE_FIX_TIME_RANGE', begin_timestamp: now - 3600, end_timestamp: now + 90 * 86_400 };
    if (options.custom) baseInfo.use_custom_code = true;
  }
  const { body: res } = await ctx.ok('wechat.card-create', { body });
  ctx.adopt(res.card_id);
  if (!options.fresh) ctx.scratch.set(slot, res.card_id);
  return res.card_id as string;
}

/** A user nobody else uses: a new openid becomes a new test user on the sandbox (get_limit is per user). */
function newOpenid(): string {
  return `oKit${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`.padEnd(28, '0').slice(0, 28);
}

/**
 * A NORMAL code nobody else relies on: on a sandbox, the kit's own card is approved and a code
 * given to a new test user (control surface); on a real target, the next unused WECHAT_WRITE_CODE.
 */
export async function freshCode(ctx: CaseContext, options: { custom?: boolean } = {}): Promise<{ code: string; card_id?: string; openid?: string }> {
  if (ctx.targetKind === 'real') {
    const used = (ctx.scratch.get('wechat.used-codes') as Set<string> | undefined) ?? new Set<string>();
    ctx.scratch.set('wechat.used-codes', used);
    const code = ctx.need(
      ctx.writeFixtures('wechat', 'code').find((c) => !used.has(c)),
      'unused write fixture code (WECHAT_WRITE_CODE)',
    );
    used.add(code);
    return { code };
  }
  const card_id = await kitCard(ctx, options);
  const approved = `${card_id}:approved`;
  if (!ctx.scratch.has(approved)) {
    await ctx.control('POST', '/_sandbox/wechat/review', { card_id, result: 'VERIFY_OK' });
    ctx.scratch.set(approved, true);
  }
  const openid = newOpenid();
  const code = options.custom ? String(Date.now()).slice(-10) + String(Math.floor(Math.random() * 100)).padStart(2, '0') : undefined;
  const given = await ctx.control<{ code: string }>('POST', '/_sandbox/wechat/give-code', { card_id, openid, code });
  return { code: given.code, card_id, openid };
}

/** A member card for getcardmembercarddetail: configured, or found among the first listed cards. */
async function memberCard(ctx: CaseContext): Promise<string> {
  const configured = ctx.fixtures.wechat?.member_card_id;
  if (configured) return configured;
  const ids = ((ctx.scratch.get('wechat.card-ids') as string[] | undefined) ?? []).slice(0, 20);
  for (const card_id of ids) {
    const { body } = await ctx.ok('wechat.card-get', { body: { card_id } });
    if (body.card?.card_type === 'MEMBER_CARD') return (ctx.fixtures.wechat!.member_card_id = card_id);
  }
  return ctx.skip('no member card among the first 20 cards (set WECHAT_MEMBER_CARD_ID)');
}

const datacube = (name: string, extra?: (ctx: CaseContext) => Promise<Record<string, unknown>>) =>
  op(name, `${name.replace('datacube-', 'datacube/')} answers the documented daily rows for the last week`, async (ctx) => {
    const body = example(ctx, `wechat.${name}`, { ...datacubeRange(ctx.now()), ...(extra ? await extra(ctx) : {}) });
    // Examples that filter by a card name a documented (foreign) card: use one of the target's.
    if ('card_id' in body && name !== 'datacube-getcardmembercarddetail') body.card_id = ctx.need(ctx.fixtures.wechat?.card_id, 'card_id');
    await ctx.ok(`wechat.${name}`, { body });
  });

/** Operation cases, in an order where each discovers what the next needs. */
function operationCases(): ContractCase[] {
  return [
    op(
      'token',
      'GET /cgi-bin/token issues an access_token',
      async (ctx) => {
        const { appid, secret } = ctx.wechatApp;
        await ctx.ok('wechat.token', { query: example(ctx, 'wechat.token', { appid, secret, grant_type: 'client_credential' }) as Record<string, string> });
      },
      { wechatSecret: true },
    ),
    op('card-batchget', 'card/batchget lists the card ids', async (ctx) => {
      const { body } = await ctx.ok('wechat.card-batchget', { body: example(ctx, 'wechat.card-batchget', { offset: 0, count: 50, status_list: undefined }) });
      const ids = (body.card_id_list ?? []) as string[];
      ctx.scratch.set('wechat.card-ids', ids);
      ctx.fixtures.wechat ??= {};
      ctx.fixtures.wechat.card_id ??= ids[0];
    }),
    op('card-get', 'card/get returns a card with its base_info', async (ctx) => {
      const card_id = ctx.need(ctx.fixtures.wechat?.card_id, 'card_id');
      await ctx.ok('wechat.card-get', { body: example(ctx, 'wechat.card-get', { card_id }) });
    }),
    op('user-getcardlist', "card/user/getcardlist lists a user's usable codes", async (ctx) => {
      const openid = ctx.need(ctx.fixtures.wechat?.openid, 'WeChat openid');
      const { body } = await ctx.ok('wechat.user-getcardlist', { body: example(ctx, 'wechat.user-getcardlist', { openid, card_id: undefined }) });
      const first = (body.card_list ?? [])[0] as { code?: string; card_id?: string } | undefined;
      if (first?.code && !ctx.fixtures.wechat!.code) Object.assign(ctx.fixtures.wechat!, { code: first.code, code_card_id: first.card_id });
    }),
    op('code-get', 'card/code/get describes a code without consuming it', async (ctx) => {
      const code = ctx.need(ctx.fixtures.wechat?.code, 'code');
      const card_id = (ctx.fixtures.wechat as { code_card_id?: string }).code_card_id;
      await ctx.ok('wechat.code-get', { body: example(ctx, 'wechat.code-get', { code, card_id, check_consume: false }) });
    }),
    op('rid-get', 'openapi/rid/get finds the request of an error rid', async (ctx) => {
      const refused = await ctx.fail('wechat.code-get', { body: { code: '000000000001' } }, '40056');
      const errmsg = (refused.body as { errmsg?: unknown }).errmsg;
      const rid = typeof errmsg === 'string' ? / rid: (\S+)$/.exec(errmsg)?.[1] : undefined;
      await ctx.ok('wechat.rid-get', { body: { rid: ctx.need(rid, 'a rid in the errmsg') } });
    }),
    datacube('datacube-getcardbizuininfo', async () => ({ cond_source: 0 })),
    datacube('datacube-getcardcardinfo', async () => ({ cond_source: 0 })),
    datacube('datacube-getcardmembercardinfo', async () => ({ cond_source: 0 })),
    datacube('datacube-getcardmembercarddetail', async (ctx) => ({ card_id: await memberCard(ctx) })),
    op('card-create', 'card/create makes a card from the documented example', async (ctx) => kitCard(ctx)),
    op('card-update', "card/update changes updatable fields of the kit's card", async (ctx) => {
      const card_id = await kitCard(ctx);
      await ctx.ok('wechat.card-update', { body: example(ctx, 'wechat.card-update', { card_id }, (d) => 'cash' in d) });
    }),
    op('card-modifystock', "card/modifystock raises the kit card's stock", async (ctx) => {
      const card_id = await kitCard(ctx);
      await ctx.ok('wechat.card-modifystock', {
        body: example(ctx, 'wechat.card-modifystock', { card_id, increase_stock_value: 1, reduce_stock_value: undefined }),
      });
    }),
    op('code-consume', 'card/code/consume redeems a code', async (ctx) => {
      const { code, card_id } = await freshCode(ctx);
      await ctx.ok('wechat.code-consume', { body: example(ctx, 'wechat.code-consume', { code, card_id }) });
    }),
    op('code-unavailable', 'card/code/unavailable retires a code', async (ctx) => {
      const { code, card_id } = await freshCode(ctx);
      await ctx.ok('wechat.code-unavailable', { body: example(ctx, 'wechat.code-unavailable', { code, card_id }) });
    }),
    op('code-update', 'card/code/update renames a code', async (ctx) => {
      const { code, card_id } = await freshCode(ctx, { custom: true });
      const new_code = String(Date.now()).slice(-12);
      await ctx.ok('wechat.code-update', { body: example(ctx, 'wechat.code-update', { code, card_id, new_code, newcode: undefined }) });
    }),
    op('card-delete', 'card/delete deletes a card the kit created for it', async (ctx) => {
      const card_id = await kitCard(ctx, { fresh: true });
      await ctx.ok('wechat.card-delete', { body: example(ctx, 'wechat.card-delete', { card_id }) });
    }),
  ];
}

/** The body of an operation with the run's fixtures laid in, so an error probe breaks one rule only. */
async function fixtureBody(ctx: CaseContext, operationId: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const f = ctx.fixtures.wechat ?? {};
  for (const [key, value] of Object.entries({ card_id: f.card_id, code: f.code, openid: f.openid })) {
    if (key in data && value) data[key] = value;
  }
  if (operationId.includes('datacube')) Object.assign(data, datacubeRange(ctx.now()));
  return data;
}

/** Error cases: auth on every call, the schema's own rules, and the documented lookups. */
function errorCases(): ContractCase[] {
  const out: ContractCase[] = [];
  for (const operation of operationsOf('wechat')) {
    if (operation.id === 'wechat.token') {
      // With the account's own appid and secret in place, only the probed parameter is wrong.
      out.push(...schemaProbeCases(operation.id, (ctx, data) => ({ ...data, ...ctx.wechatApp }), { wechatSecret: true }));
      continue;
    }
    const body = (ctx: CaseContext) => fixtureBody(ctx, operation.id, example(ctx, operation.id));
    out.push(...errorCase(operation.id, '41001', 'no access_token', async (ctx) => ctx.fail(operation.id, { body: await body(ctx), auth: 'none' }, '41001')));
    out.push(
      ...errorCase(operation.id, '40001', 'a forged access_token', async (ctx) => ctx.fail(operation.id, { body: await body(ctx), auth: 'invalid' }, '40001')),
    );
    out.push(...errorCase(operation.id, '47001', 'a body that is not JSON', async (ctx) => ctx.fail(operation.id, { rawBody: '{"card_id":' }, '47001')));
    out.push(...errorCase(operation.id, '44002', 'an empty body', async (ctx) => ctx.fail(operation.id, { rawBody: '' }, '44002')));
    out.push(...schemaProbeCases(operation.id, (ctx, data) => fixtureBody(ctx, operation.id, data)));
  }
  const token = (query: Record<string, string | undefined>) => query as Record<string, string>;
  out.push(
    ...errorCase('wechat.token', '40013', 'an unknown appid', (ctx) =>
      ctx.fail('wechat.token', { query: token({ grant_type: 'client_credential', appid: 'wx00000000c0n7ac75', secret: 'x' }) }, '40013'),
    ),
    ...errorCase('wechat.token', '40125', 'a wrong secret', (ctx) =>
      ctx.fail(
        'wechat.token',
        { query: token({ grant_type: 'client_credential', appid: ctx.need(ctx.wechatApp.appid, 'WECHAT_APPID'), secret: 'contract-kit-wrong-secret' }) },
        '40125',
      ),
    ),
    ...errorCase(
      'wechat.token',
      '40002',
      'an unsupported grant_type',
      (ctx) => ctx.fail('wechat.token', { query: token({ grant_type: 'password', ...ctx.wechatApp }) }, '40002'),
      { wechatSecret: true },
    ),
    ...errorCase('wechat.card-get', '40073', 'an unknown card_id', (ctx) =>
      ctx.fail('wechat.card-get', { body: { card_id: 'pContractKitNoSuchCard000000' } }, '40073'),
    ),
    ...errorCase('wechat.code-get', '40056', 'an unknown code', (ctx) => ctx.fail('wechat.code-get', { body: { code: '000000000001' } }, '40056')),
    ...errorCase('wechat.user-getcardlist', '40003', 'an openid that is not a user of the app', (ctx) =>
      ctx.fail('wechat.user-getcardlist', { body: { openid: 'oContractKitNotAUserOfThisApp' } }, '40003'),
    ),
  );
  for (const name of ['bizuininfo', 'cardinfo', 'membercardinfo']) {
    const id = `wechat.datacube-getcard${name}`;
    out.push(...errorCase(id, '61501', 'a range over 62 days', (ctx) => ctx.fail(id, { body: { ...datacubeRange(ctx.now(), 90), cond_source: 0 } }, '61501')));
  }
  return out;
}

/** State transitions, written once; they need the control surface (review, give code) or its clock. */
function scenarios(): ContractCase[] {
  const scenario = (name: string, title: string, operations: string[], transitions: string[], run: (ctx: CaseContext) => Promise<void>): ContractCase => ({
    id: `scenario:wechat.${name}`,
    vendor: 'wechat',
    kind: 'scenario',
    title,
    operations,
    transitions,
    needs: { control: true, writes: true },
    run,
  });
  // card/get nests base_info under the lower-cased card type: {card: {card_type: 'CASH', cash: {base_info}}}.
  const status = async (ctx: CaseContext, card_id: string) => {
    const { card } = (await ctx.ok('wechat.card-get', { body: { card_id } })).body;
    return card?.[String(card?.card_type).toLowerCase()]?.base_info?.status;
  };
  return [
    scenario(
      'card-to-consumed',
      'a created card is reviewed, a code given, consumed once, and then refused',
      ['wechat.card-create', 'wechat.card-get', 'wechat.code-get', 'wechat.code-consume'],
      [
        'card (created) -> CARD_STATUS_NOT_VERIFY',
        'card NOT_VERIFY -> VERIFY_OK (review)',
        'code (given) -> NORMAL',
        'code NORMAL -> CONSUMED',
        'code CONSUMED: consume again -> 40099',
      ],
      async (ctx) => {
        const card_id = await kitCard(ctx, { fresh: true });
        ctx.expect('wechat.card-get', '/card/<type>/base_info/status', await status(ctx, card_id), 'CARD_STATUS_NOT_VERIFY', 'a new card awaits review');
        await ctx.control('POST', '/_sandbox/wechat/review', { card_id, result: 'VERIFY_OK' });
        ctx.expect('wechat.card-get', '/card/<type>/base_info/status', await status(ctx, card_id), 'CARD_STATUS_VERIFY_OK', 'after review');
        const openid = newOpenid();
        const { code } = await ctx.control<{ code: string }>('POST', '/_sandbox/wechat/give-code', { card_id, openid });
        let got = await ctx.ok('wechat.code-get', { body: { code, card_id, check_consume: false } });
        ctx.expect('wechat.code-get', '/user_card_status', got.body.user_card_status, 'NORMAL');
        ctx.expect('wechat.code-get', '/can_consume', got.body.can_consume, true);
        const consumed = await ctx.ok('wechat.code-consume', { body: { code, card_id } });
        ctx.expect('wechat.code-consume', '/openid', consumed.body.openid, openid);
        got = await ctx.ok('wechat.code-get', { body: { code, card_id, check_consume: false } });
        ctx.expect('wechat.code-get', '/user_card_status', got.body.user_card_status, 'CONSUMED');
        ctx.expect('wechat.code-get', '/can_consume', got.body.can_consume, false);
        await ctx.fail('wechat.code-consume', { body: { code, card_id } }, '40099');
        await ctx.fail('wechat.code-get', { body: { code, card_id, check_consume: true } }, '40099');
      },
    ),
    scenario(
      'code-unavailable',
      'an unavailable code reads UNAVAILABLE and can no longer be consumed',
      ['wechat.code-unavailable', 'wechat.code-get', 'wechat.code-consume'],
      ['code NORMAL -> UNAVAILABLE', 'code UNAVAILABLE: consume -> 40127'],
      async (ctx) => {
        const { code, card_id } = await freshCode(ctx);
        await ctx.ok('wechat.code-unavailable', { body: { code, card_id } });
        const got = await ctx.ok('wechat.code-get', { body: { code, card_id, check_consume: false } });
        ctx.expect('wechat.code-get', '/user_card_status', got.body.user_card_status, 'UNAVAILABLE');
        await ctx.fail('wechat.code-consume', { body: { code, card_id } }, '40127');
      },
    ),
    scenario(
      'token-expiry',
      'an access_token stops working 7200 s later (sandbox clock)',
      ['wechat.token', 'wechat.card-batchget'],
      ['token valid -> expired after expires_in (42001)'],
      async (ctx) => {
        const { appid, secret } = ctx.wechatApp;
        const { body } = await ctx.ok('wechat.token', { query: { grant_type: 'client_credential', appid, secret } });
        await ctx.control('POST', '/_sandbox/clock', { advance_seconds: Number(body.expires_in) + 1 });
        await ctx.fail('wechat.card-batchget', { body: { offset: 0, count: 1 }, query: { access_token: body.access_token } }, '42001');
      },
    ),
  ].map((c) => (c.id.endsWith('token-expiry') ? { ...c, needs: { control: true, wechatSecret: true } } : c));
}

/** Every WeChat contract case, in run order. */
export function wechatCases(): ContractCase[] {
  return [...operationCases(), ...errorCases(), ...scenarios()];
}

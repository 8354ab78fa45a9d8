import { seedFaker as faker } from '../seed-faker.js';
import type { EngineContext } from '../context.js';
import { runtimeStream, seededStream } from '../random.js';
import { CodeTable } from './code-table.js';
import { ensureUser } from './code-lookup.js';
import { createCard, deleteCard, reviewCard, type CreateCardRequest } from './cards.js';
import { consumeCode, makeUnavailable } from './codes.js';
import { DISPOSE } from '../store.js';
import { releaseBulkCodes } from './bulk.js';
import { EventLog } from './events.js';
import { TokenBook } from './tokens.js';
import { newAppid, newOpenid, newSecret } from './ids.js';
import type { App, Card, CardType, DateInfo, WechatState } from './model.js';
import { dayStart, shanghaiDay } from '../shanghai-time.js';
import { acceptGift, activateMember, deleteByUser, giveCode, startGift, timeoutGift, viewCard } from './user-actions.js';

/** Days of past activity the seeded world carries (datacube has something to report). */
const HISTORY_DAYS = 30;

/**
 * appid/secret of the two Official Accounts, the same for every seed: credentials a user copied
 * from the start-up banner or a config file keep working after `reset {"seed":N}`; only the world
 * (cards, users, codes) follows the seed. They are seed 1's, so seed 1 is unchanged.
 */
const STABLE_CREDENTIALS: readonly { appid: string; secret: string }[] = (() => {
  const random = seededStream(1, 'wechatIds');
  return [0, 1].map(() => ({ appid: newAppid(random), secret: newSecret(random) }));
})();

function addApp(state: WechatState, name: string): App {
  // Drawn and dropped: the seed's generator advances exactly as before, so each world stays as it was.
  newAppid(state.random);
  newSecret(state.random);
  const { appid, secret } = STABLE_CREDENTIALS[state.apps.length]!;
  const app: App = {
    serial: state.apps.length,
    appid,
    secret,
    name,
    cards: [],
    codes: new Map(),
    users: new Map(),
  };
  state.apps.push(app);
  state.appsById.set(app.appid, app);
  return app;
}

/** An empty state with the apps and test users (what `--empty` starts with). */
function baseState(seed: number): WechatState {
  const state: WechatState = {
    apps: [],
    appsById: new Map(),
    cards: [],
    cardsById: new Map(),
    users: [],
    codes: new CodeTable(),
    tokens: new TokenBook(),
    bulkCodes: 0,
    events: new EventLog(),
    push: new Map(),
    random: seededStream(seed, 'wechatIds'),
  };
  // Thrown away (a reset, a dropped world): its bulk codes no longer count against the process.
  (state as WechatState & { [DISPOSE]: () => void })[DISPOSE] = () => releaseBulkCodes(state);
  faker.seed(seed);
  const main = addApp(state, faker.company.name());
  const other = addApp(state, faker.company.name());
  for (let i = 0; i < 6; i++) ensureUser(state, main, newOpenid(state.random), faker.person.fullName());
  for (let i = 0; i < 2; i++) ensureUser(state, other, newOpenid(state.random), faker.person.fullName());
  return state;
}

interface CardSpec {
  type: CardType;
  title: string;
  date: DateInfo;
  quantity: number;
  getLimit?: number;
  custom?: boolean;
  extra?: Record<string, unknown>;
}

function cardRequest(spec: CardSpec, brand: string): CreateCardRequest {
  return {
    card: {
      card_type: spec.type,
      [spec.type.toLowerCase()]: {
        base_info: {
          logo_url: `http://mmbiz.qpic.cn/mmbiz/${faker.string.alphanumeric(20)}/0`,
          code_type: 'CODE_TYPE_QRCODE',
          brand_name: brand,
          title: spec.title,
          color: faker.helpers.arrayElement(['Color010', 'Color020', 'Color040', 'Color060', 'Color090']),
          notice: '使用时向服务员出示此券',
          description: faker.lorem.sentence(),
          date_info: spec.date,
          sku: { quantity: spec.quantity },
          ...(spec.getLimit ? { get_limit: spec.getLimit } : {}),
          use_custom_code: spec.custom === true,
          can_share: true,
          can_give_friend: true,
          service_phone: faker.phone.number(),
        },
        ...spec.extra,
      },
    },
  };
}

/**
 * The seeded world: two Official Accounts; the main one with cards of several types in every
 * status, test users holding codes in every status, and a month of activity (views, receipts,
 * consumptions, gifts, expiries, activations) so the datacube endpoints have rows. Built by
 * replaying the engine's own rules at past instants, so the statistics are what those rules
 * recorded. Same seed, same world (relative to the clock's "now").
 */
export function seedWorld(ctx: EngineContext): WechatState {
  const state = baseState(ctx.seed);
  const now = ctx.clock.nowSeconds();
  // A clock parked near the epoch (tests do that) leaves no room for a month of history.
  if (ctx.empty || now < 400 * 86400) return startMinting(state, ctx);
  const today = shanghaiDay(now * 1000);
  const at = (dayOffset: number, hour: number) => dayStart(today + dayOffset) / 1000 + hour * 3600;
  const start = at(-HISTORY_DAYS - 2, 9);
  const [main, other] = state.apps as [App, App];
  const brand = main.name;
  const users = [...main.users.values()].map((u) => u.openid);

  const make = (app: App, spec: CardSpec, source: 0 | 1, review?: 'VERIFY_OK' | 'VERIFY_FAIL'): Card => {
    const card = createCard(state, app, cardRequest(spec, app === main ? brand : app.name), start, source);
    if (review) reviewCard(state, card.cardId, review, start + 3600, review === 'VERIFY_FAIL' ? '图片不清晰' : undefined);
    return card;
  };
  const range = (fromDay: number, toDay: number): DateInfo => ({
    type: 'DATE_TYPE_FIX_TIME_RANGE',
    begin_timestamp: at(fromDay, 0),
    end_timestamp: at(toDay, 24) - 1,
  });
  const amount = () => faker.helpers.arrayElement([5, 10, 20, 30, 50]);

  const cash = make(
    main,
    {
      type: 'CASH',
      title: `${amount()}元代金券`,
      date: range(-HISTORY_DAYS - 2, 90),
      quantity: 1000,
      getLimit: 10,
      extra: { least_cost: 10000, reduce_cost: 2000 },
    },
    1,
    'VERIFY_OK',
  );
  const discount = make(
    main,
    {
      type: 'DISCOUNT',
      title: '9折优惠券',
      date: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 30, fixed_begin_term: 0 },
      quantity: 500,
      getLimit: 3,
      extra: { discount: 10 },
    },
    0,
    'VERIFY_OK',
  );
  const groupon = make(
    main,
    { type: 'GROUPON', title: '双人套餐团购券', date: range(-HISTORY_DAYS - 2, 60), quantity: 300, extra: { deal_detail: faker.lorem.sentence() } },
    0,
    'VERIFY_OK',
  );
  reviewCard(state, groupon.cardId, 'DISPATCH', start + 7200);
  make(main, { type: 'GIFT', title: '新品试吃礼品券', date: range(-HISTORY_DAYS - 2, 60), quantity: 200, extra: { gift: faker.commerce.productName() } }, 1);
  make(
    main,
    { type: 'GENERAL_COUPON', title: '会员日优惠券', date: range(-HISTORY_DAYS - 2, 60), quantity: 200, extra: { default_detail: '全场通用' } },
    1,
    'VERIFY_FAIL',
  );
  const member = make(
    main,
    {
      type: 'MEMBER_CARD',
      title: '尊享会员卡',
      date: { type: 'DATE_TYPE_PERMANENT' },
      quantity: 10000,
      getLimit: 1,
      extra: { supply_bonus: true, supply_balance: false, prerogative: '会员享全场9折', bonus_rules: '每消费1元积1分' },
    },
    1,
    'VERIFY_OK',
  );
  const custom = make(
    main,
    {
      type: 'CASH',
      title: '自定义码代金券',
      date: { type: 'DATE_TYPE_FIX_TERM', fixed_term: 7, fixed_begin_term: 0 },
      quantity: 100,
      custom: true,
      extra: { least_cost: 0, reduce_cost: 500 },
    },
    1,
    'VERIFY_OK',
  );
  const shortLived = make(
    main,
    { type: 'GENERAL_COUPON', title: '限时优惠券', date: range(-HISTORY_DAYS - 2, -3), quantity: 100, extra: { default_detail: '限时' } },
    1,
    'VERIFY_OK',
  );
  const retired = make(
    main,
    { type: 'DISCOUNT', title: '旧版8折券', date: range(-HISTORY_DAYS - 2, 60), quantity: 100, extra: { discount: 20 } },
    1,
    'VERIFY_OK',
  );

  // A month of ordinary traffic, in time order.
  const random = seededStream(ctx.seed, 'wechatWorld');
  let customSerial = 1;
  for (let d = -HISTORY_DAYS; d <= -1; d++) {
    if (random.next() < 0.3) continue; // quiet days: rows are sparse
    const daily = [cash, discount, groupon, shortLived, retired, member];
    for (let i = 0; i < random.int(1, 3); i++) {
      const card = random.pick(daily);
      const user = random.pick(users.slice(1));
      const t = at(d, random.int(9, 21));
      if (card === shortLived && d > -4) continue;
      viewCard(state, { card_id: card.cardId, openid: user }, t);
      if (random.next() < 0.7 && (card.received.get(user) ?? 0) < card.getLimit) {
        const given = giveCode(state, { card_id: card.cardId, openid: user }, t + 60);
        if (card === member) activateMember(state, { code: given.code }, t + 120);
        else if (random.next() < 0.5) consumeCode(state, main, { code: given.code }, t + 3600);
      }
    }
    if (d === -10) {
      const given = giveCode(state, { card_id: custom.cardId, openid: random.pick(users), code: `SBX${String(customSerial++).padStart(6, '0')}` }, at(d, 10));
      consumeCode(state, main, { code: given.code, card_id: custom.cardId }, at(d, 15));
    }
  }
  deleteCard(state, main, { card_id: retired.cardId }, at(-2, 18));

  // One test user holding a code in every status (the README's first stop).
  const [alice, bob] = users as [string, string];
  const gift = (status: 'NORMAL' | 'CONSUMED' | 'GIFTING' | 'GIFT_TIMEOUT' | 'DELETE' | 'UNAVAILABLE' | 'ACCEPTED', t: number) => {
    const given = giveCode(state, { card_id: cash.cardId, openid: alice, outer_str: 'seed' }, t);
    const target = { code: given.code };
    if (status === 'CONSUMED') consumeCode(state, main, target, t + 600);
    if (status === 'GIFTING' || status === 'GIFT_TIMEOUT' || status === 'ACCEPTED') startGift(state, target, t + 600);
    if (status === 'GIFT_TIMEOUT') timeoutGift(state, target, t + 1200);
    if (status === 'ACCEPTED') acceptGift(state, { ...target, friend_openid: bob }, t + 1200);
    if (status === 'DELETE') deleteByUser(state, target, t + 600);
    if (status === 'UNAVAILABLE') makeUnavailable(state, main, target, t + 600);
  };
  gift('NORMAL', at(-5, 10));
  gift('CONSUMED', at(-5, 11));
  gift('GIFT_TIMEOUT', at(-4, 10));
  gift('DELETE', at(-4, 11));
  gift('UNAVAILABLE', at(-3, 10));
  gift('ACCEPTED', at(-3, 11));
  gift('GIFTING', Math.max(at(-1, 23), now - 3600) - 1800);
  // Expired: a code of the short-lived card, and a fixed-term custom code received 8 days ago.
  giveCode(state, { card_id: shortLived.cardId, openid: alice }, at(-6, 10));
  giveCode(state, { card_id: custom.cardId, openid: alice, code: `SBX${String(customSerial++).padStart(6, '0')}` }, at(-8, 10));
  giveCode(state, { card_id: custom.cardId, openid: alice, code: `SBX${String(customSerial).padStart(6, '0')}` }, at(-1, 10));
  const welcome = giveCode(state, { card_id: member.cardId, openid: alice }, at(-2, 10));
  activateMember(state, { code: welcome.code }, at(-2, 11));

  // The second Official Account: its own cards and holders, invisible to the first one's tokens.
  const otherUser = [...other.users.keys()][0]!;
  const otherCash = make(
    other,
    { type: 'CASH', title: '新客立减券', date: range(-HISTORY_DAYS - 2, 60), quantity: 50, extra: { least_cost: 0, reduce_cost: 800 } },
    1,
    'VERIFY_OK',
  );
  make(other, { type: 'DISCOUNT', title: '周末折扣券', date: range(-HISTORY_DAYS - 2, 60), quantity: 50, extra: { discount: 15 } }, 1);
  giveCode(state, { card_id: otherCash.cardId, openid: otherUser }, at(-2, 12));
  return startMinting(state, ctx);
}

/** Seeding done: ids minted from now on come from the run-time stream (see runtimeStream). */
function startMinting(state: WechatState, ctx: EngineContext): WechatState {
  state.random = runtimeStream(state.random, ctx.seed, 'wechatIds', ctx.idNonce);
  return state;
}

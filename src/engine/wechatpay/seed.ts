import { seedFaker as zhFaker } from '../seed-faker.js';
import type { Random } from '../random.js';
import { addCodes, dispatchCode } from './code-pool.js';
import { addCoupon } from './coupons.js';
import { APPIDS, MERCHANTS, TEST_OPENIDS } from './identities.js';
import type { Stock, StockSpec, StockState, StoredCouponState, WechatPayState } from './model.js';
import { newStock } from './stocks.js';
import { DAY_MS, formatRfc3339 } from '../shanghai-time.js';
import { couponWindow } from './validity.js';

type Spec = StockSpec;

/**
 * The seeded world: stocks in every status and of every type and code mode, and coupons of the
 * test users in every state (SENDED, USED, EXPIRED both by a relative validity and by the stock's
 * end, DEACTIVATED, DELETED), plus another merchant's stock for NO_AUTH. Times are relative to the
 * sandbox clock at reset, so a fresh world is always "current"; names and codes depend only on
 * the seed.
 */
export function seedStocks(state: WechatPayState, nowMs: number, seed: number, random: Random): void {
  const faker = zhFaker;
  faker.seed(seed);
  const [u0, u1, u2] = TEST_OPENIDS;
  const [officialAppid, miniAppid] = APPIDS;
  const short = (text: string, max: number) => Array.from(text).slice(0, max).join('');

  const spec = (over: {
    type: Spec['stock_type'];
    belong: string;
    begin: number;
    end: number;
    mode?: Spec['coupon_code_mode'];
    time?: Partial<Spec['coupon_use_rule']['coupon_available_time']>;
    useMethod?: Spec['coupon_use_rule']['use_method'];
    perUser?: number;
  }): Spec => {
    const merchantName = short(faker.company.name(), 16);
    const rule: Spec['coupon_use_rule'] = {
      coupon_available_time: {
        available_begin_time: formatRfc3339(over.begin),
        available_end_time: formatRfc3339(over.end),
        ...over.time,
      },
      use_method: over.useMethod ?? 'OFF_LINE',
    };
    const amount = faker.number.int({ min: 1, max: 50 }) * 100;
    if (over.type === 'NORMAL') rule.fixed_normal_coupon = { discount_amount: amount, transaction_minimum: amount * 5 };
    if (over.type === 'DISCOUNT') rule.discount_coupon = { discount_percent: faker.number.int({ min: 70, max: 95 }), transaction_minimum: amount * 2 };
    if (over.type === 'EXCHANGE') rule.exchange_coupon = { exchange_price: amount, transaction_minimum: amount * 3 };
    if (rule.use_method === 'MINI_PROGRAMS') {
      rule.mini_programs_appid = miniAppid;
      rule.mini_programs_path = '/pages/coupon/index';
    }
    return {
      stock_name: short(`${merchantName}${over.type === 'DISCOUNT' ? '折扣券' : over.type === 'EXCHANGE' ? '换购券' : '满减券'}`, 21),
      belong_merchant: over.belong,
      comment: short(`沙箱批次 ${faker.string.alphanumeric(6)}`, 20),
      goods_name: short(faker.commerce.productName(), 15),
      stock_type: over.type,
      coupon_use_rule: rule,
      stock_send_rule: {
        max_coupons: 1000,
        max_coupons_per_user: over.perUser ?? 5,
        transferable: faker.datatype.boolean(),
        shareable: faker.datatype.boolean(),
      },
      display_pattern_info: {
        description: faker.lorem.sentence(),
        merchant_logo_url: faker.image.url({ width: 120, height: 120 }),
        merchant_name: merchantName,
        background_color: faker.helpers.arrayElement([
          'Color010',
          'Color020',
          'Color030',
          'Color040',
          'Color050',
          'Color060',
          'Color070',
          'Color080',
          'Color090',
          'Color100',
        ] as const),
      },
      coupon_code_mode: over.mode ?? 'WECHATPAY_MODE',
    };
  };

  const stock = (s: Spec, stockState: StockState, creator: string = MERCHANTS.main) =>
    newStock(state, s, creator, stockState, Date.parse(s.coupon_use_rule.coupon_available_time.available_begin_time));

  let sendNo = 0;
  const give = (st: Stock, openid: string, receivedDaysAgo: number, end: StoredCouponState, appid: string = officialAppid, code?: string) => {
    const receive = nowMs - receivedDaysAgo * DAY_MS;
    const window = couponWindow(st, receive);
    const coupon = addCoupon(state, st, {
      coupon_code: code ?? String(random.int(1, 9)) + random.digits(21),
      stock_id: st.stock_id,
      openid,
      appid,
      state: 'SENDED',
      sender_merchant: st.creator_merchant,
      send_request_no: `seed-send-${++sendNo}`,
      receive_time: receive,
      available_start_time: window.start,
      expire_time: window.expire,
    });
    if (end === 'USED') {
      coupon.state = 'USED';
      coupon.use_request_no = `seed-use-${sendNo}`;
      coupon.use_time = receive + DAY_MS / 2;
    } else coupon.state = end;
    return coupon;
  };

  const normal = stock(spec({ type: 'NORMAL', belong: MERCHANTS.main, begin: nowMs - 30 * DAY_MS, end: nowMs + 90 * DAY_MS }), 'RUNNING');
  give(normal, u0, 2, 'SENDED');
  give(normal, u0, 5, 'USED');
  give(normal, u1, 3, 'SENDED');
  give(normal, u1, 4, 'DEACTIVATED');
  give(normal, u2, 6, 'DELETED');

  const relative = stock(
    spec({ type: 'DISCOUNT', belong: MERCHANTS.subA, begin: nowMs - 60 * DAY_MS, end: nowMs + 60 * DAY_MS, time: { available_day_after_receive: 7 } }),
    'RUNNING',
  );
  give(relative, u0, 20, 'SENDED'); // past its 7 days: reads EXPIRED
  give(relative, u1, 1, 'SENDED');

  const weekly = stock(
    spec({
      type: 'EXCHANGE',
      belong: MERCHANTS.subB,
      begin: nowMs - 10 * DAY_MS,
      end: nowMs + 120 * DAY_MS,
      mode: 'MERCHANT_API',
      useMethod: 'MINI_PROGRAMS',
      time: { available_week: { week_day: [1, 2, 3, 4, 5], available_day_time: [{ begin_time: 9 * 3600, end_time: 21 * 3600 }] } },
    }),
    'RUNNING',
  );
  give(weekly, u0, 1, 'SENDED', miniAppid, `SANDBOX${faker.string.numeric(8)}`);

  const paused = stock(spec({ type: 'NORMAL', belong: MERCHANTS.main, begin: nowMs - 15 * DAY_MS, end: nowMs + 45 * DAY_MS }), 'PAUSED');
  give(paused, u0, 3, 'SENDED');

  const stopped = stock(spec({ type: 'NORMAL', belong: MERCHANTS.main, begin: nowMs - 60 * DAY_MS, end: nowMs - DAY_MS }), 'STOPED');
  give(stopped, u1, 30, 'SENDED'); // the stock ended yesterday: reads EXPIRED

  stock(spec({ type: 'NORMAL', belong: MERCHANTS.main, begin: nowMs, end: nowMs + 30 * DAY_MS }), 'UNAUDIT');

  const upload = stock(spec({ type: 'NORMAL', belong: MERCHANTS.main, begin: nowMs - DAY_MS, end: nowMs + 30 * DAY_MS, mode: 'MERCHANT_UPLOAD' }), 'RUNNING');
  const uploaded = Array.from({ length: 5 }, () => `UP${faker.string.numeric(10)}`);
  addCodes(upload, uploaded, nowMs - DAY_MS);
  dispatchCode(upload, uploaded[0]!, u2, nowMs - DAY_MS);
  give(upload, u2, 1, 'SENDED', officialAppid, uploaded[0]);

  const foreign = stock(spec({ type: 'NORMAL', belong: MERCHANTS.foreign, begin: nowMs - 5 * DAY_MS, end: nowMs + 25 * DAY_MS }), 'RUNNING', MERCHANTS.foreign);
  give(foreign, u0, 1, 'SENDED');
}

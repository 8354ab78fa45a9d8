import type { EngineContext } from '../context.js';
import { seedFaker as zhFaker } from '../seed-faker.js';

type Faker = typeof zhFaker;
import { runtimeStream, seededStream } from '../random.js';
import { addDays, formatDate, startOfDay } from '../shanghai-time.js';
import { addHolding, addVoucher, indexCustomers } from './indexes.js';
import { newId, type Customer, type Holding, type Named, type Product, type Voucher, type WaiqinState } from './model.js';

/**
 * The seeded waiqin365 tenant. Master data (customer levels, types, departments, labels, districts,
 * brands, product types) uses fixed, realistic names, including every name the vendor page's
 * examples use (level A and D, types 陶瓷店 and 腻子专柜店, product SP202108240007 and 12428312,
 * customers CUS010043 and CUS010103), so the page's request examples work as they are. Customer and
 * product details come from faker, seeded: same seed, same world. Vouchers in every state (active,
 * finished, expired, not yet started, sold out, received, used) are dated relative to the sandbox
 * clock at reset, so they keep their state whenever the sandbox starts.
 */

const LEVELS = ['A', 'B', 'C', 'D'];
const TYPES = ['陶瓷店', '腻子专柜店', '五金店', '建材超市', '涂料专卖店'];
const DEPTS = ['华东大区', '华南大区', '华北大区', '西南大区'];
const LABELS = ['重点客户', '新开客户', '年度签约', '沉睡客户'];
const DISTRICTS: Array<[string, string]> = [
  ['JS-NJ', '南京'],
  ['SH', '上海'],
  ['GD-GZ', '广州'],
  ['BJ', '北京'],
  ['SC-CD', '成都'],
];
const BRANDS = ['徐福记', '立邦', '多乐士', '东方雨虹', '三棵树'];
const PRODUCT_TYPES = ['糖果零食', '内墙涂料', '外墙涂料', '防水材料', '辅材工具'];
/** Product nouns per product type, combined with a brand into a product name. */
const NOUNS: Record<string, string[]> = {
  糖果零食: ['酥心糖', '牛轧糖', '沙琪玛', '凤梨酥'],
  内墙涂料: ['净味内墙乳胶漆5L', '抗甲醛墙面漆', '儿童房墙面漆'],
  外墙涂料: ['外墙弹性涂料', '真石漆', '外墙防水乳胶漆'],
  防水材料: ['柔韧型防水涂料', 'JS防水浆料', '堵漏王'],
  辅材工具: ['耐水腻子粉', '滚筒刷套装', '美纹纸'],
};

/** Ids the vendor page's examples use, seeded so that those examples find their voucher and customers. */
export const DOC_IDS = {
  /** queryVoucherUsedInfo request example's voucherId (sent as a JSON number there). */
  usedInfoVoucher: '708742168422351694',
  /** getCmInfos request example's voucher_id. */
  cmInfosVoucher: '8144100181735612578',
  customerCus010043: '8833956197749704288',
  customerCus010103: '9139133117350330302',
} as const;

/** The seeded tenant of a world (the empty one: master data only), dated from the clock now. */
export function seedWorld(ctx: EngineContext): WaiqinState {
  const { seed, empty, idNonce } = ctx;
  const now = ctx.clock.now();
  const random = seededStream(seed, 'waiqinWorld');
  const faker = zhFaker;
  faker.seed(seed);
  const state: WaiqinState = {
    levels: [],
    types: [],
    depts: [],
    labels: [],
    districts: [],
    brands: [],
    productTypes: [],
    customers: [],
    products: [],
    customerIndex: indexCustomers([]),
    vouchers: new Map(),
    vouchersByName: new Map(),
    holdings: new Map(),
    orderNos: new Set(),
    random,
    usedIds: new Set(Object.values(DOC_IDS)),
    orderSeq: 0,
  };
  const named = (names: string[]): Named[] => names.map((name) => ({ id: newId(state), name }));
  state.levels = named(LEVELS);
  state.types = named(TYPES);
  state.depts = named(DEPTS);
  state.labels = named(LABELS);
  state.districts = DISTRICTS.map(([code, name]) => ({ id: newId(state), code, name }));
  state.brands = named(BRANDS);
  state.productTypes = named(PRODUCT_TYPES);
  seedProducts(state, faker);
  seedCustomers(state, faker);
  state.customerIndex = indexCustomers(state.customers);
  // Master data is what the tenant already has: the voucher API cannot create customers or
  // products, so an "empty" sandbox still has them and only starts without vouchers.
  if (!empty) seedVouchers(state, now);
  // Seeding done: voucher, holding and order ids minted from now on come from the run-time stream.
  state.random = runtimeStream(state.random, seed, 'waiqinWorld', idNonce);
  return state;
}

function byName(list: Named[], name: string): Named {
  const found = list.find((item) => item.name === name);
  if (!found) throw new Error(`seed: no ${name}`);
  return found;
}

function seedProducts(state: WaiqinState, faker: Faker): void {
  const add = (code: string, name: string, brand: string, type: string): void => {
    state.products.push({ id: newId(state), code, name, brandId: byName(state.brands, brand).id, typeId: byName(state.productTypes, type).id });
  };
  add('12428312', '徐福记鸡蛋味煎卷盒装喜铺专销系列@40x32g CN', '徐福记', '糖果零食');
  add('SP202108240007', '立邦净味120二合一内墙乳胶漆5L', '立邦', '内墙涂料');
  for (let i = 0; i < 18; i++) {
    const type = PRODUCT_TYPES[i % PRODUCT_TYPES.length]!;
    const brand = type === '糖果零食' ? '徐福记' : faker.helpers.arrayElement(BRANDS.slice(1));
    const code = `SP2021${faker.string.numeric(8)}`;
    if (state.products.some((p) => p.code === code)) continue;
    add(code, `${brand}${faker.helpers.arrayElement(NOUNS[type]!)}`, brand, type);
  }
}

function seedCustomers(state: WaiqinState, faker: Faker): void {
  const customer = (over: Partial<Customer> & { code: string; name: string }): Customer => ({
    id: newId(state),
    sourceCode: '',
    levelId: faker.helpers.arrayElement(state.levels).id,
    typeId: faker.helpers.arrayElement(state.types).id,
    deptId: faker.helpers.arrayElement(state.depts).id,
    labelIds: faker.helpers.arrayElements(state.labels, { min: 0, max: 2 }).map((l) => l.id),
    districtId: faker.helpers.arrayElement(state.districts).id,
    ...over,
  });
  state.customers.push(
    customer({
      id: DOC_IDS.customerCus010043,
      code: 'CUS010043',
      name: '新增的终端',
      levelId: byName(state.levels, 'A').id,
      typeId: byName(state.types, '腻子专柜店').id,
      deptId: byName(state.depts, '华东大区').id,
      labelIds: [byName(state.labels, '重点客户').id],
      districtId: state.districts[0]!.id,
    }),
    customer({
      id: DOC_IDS.customerCus010103,
      code: 'CUS010103',
      name: 'fx0906',
      levelId: byName(state.levels, 'D').id,
      typeId: byName(state.types, '陶瓷店').id,
    }),
  );
  for (let i = 0; i < 28; i++) {
    const code = `CUS0101${String(10 + i).padStart(2, '0')}`;
    const name = i % 3 === 0 ? `${faker.person.lastName()}${faker.person.firstName()}建材` : faker.company.name().slice(0, 32);
    const sourceCode = i % 2 === 0 ? `ERP${faker.string.numeric(6)}` : '';
    state.customers.push(customer({ code, name, sourceCode }));
  }
}

type VoucherSeed = Partial<Voucher> & Pick<Voucher, 'name' | 'startDate' | 'endDate'>;

function seedVouchers(state: WaiqinState, now: number): void {
  const today = formatDate(now);
  const day = (offset: number) => addDays(today, offset);
  // Creation instants: at 10:00 Shanghai on the given day.
  const at = (offset: number) => startOfDay(day(offset)) + 10 * 3600_000;
  const level = (name: string) => byName(state.levels, name).id;
  const type = (name: string) => byName(state.types, name).id;
  const product = (code: string) => state.products.find((p: Product) => p.code === code)!.id;
  const customer = (code: string) => state.customers.find((c) => c.code === code)!.id;
  const emptyRange = { levelIds: [], typeIds: [], deptIds: [], labelIds: [], districtIds: [], customerIds: [] };

  const voucher = (created: number, v: VoucherSeed): Voucher => {
    const full: Voucher = {
      id: newId(state),
      moneyCents: 1000,
      num: 100,
      eachCmNum: 1,
      doorsillType: 'N',
      doorsillAmount: null,
      payType: 'UNLIMITED',
      remark: '',
      grantType: 'HDFF',
      tradeRange: '1',
      range: { ...emptyRange, levelIds: [level('A')] },
      prodMode: 'ALL',
      prodTypeIds: [],
      brandIds: [],
      productIds: [],
      requiredProductIds: [],
      businessFromName: '',
      comment: '',
      autoReceive: 'N',
      discountsType: 'GDMZ',
      discountsPercent: '',
      maxDiscountsCents: null,
      sourceFrom: 'ZZ',
      createType: 'ZZ',
      isFinish: 'N',
      requiredType: '0',
      createdAt: at(created),
      modifiedAt: at(created),
      ...v,
    };
    state.usedIds.add(full.id);
    addVoucher(state, full);
    return full;
  };
  const hold = (v: Voucher, code: string, received: number, order?: { amount: number; offset: number }): Holding => {
    const h: Holding = { id: newId(state), voucherId: v.id, customerId: customer(code), distributedAt: at(received), receivedAt: at(received) };
    if (order) {
      state.orderSeq += 1;
      const orderNo = `DD${day(order.offset).replace(/-/g, '')}${String(state.orderSeq).padStart(6, '0')}`;
      state.orderNos.add(orderNo);
      const discount = Math.min(v.moneyCents ?? 0, order.amount);
      h.order = { id: newId(state), no: orderNo, createdAt: at(order.offset) + 120_000, amountCents: order.amount, discountCents: discount, payType: 'ONLINE' };
    }
    addHolding(state, h);
    return h;
  };
  const levelA = state.customers.filter((c) => c.levelId === level('A')).map((c) => c.code);

  // Active fixed-value voucher for level A, held unused and used (the page's queryVoucherUsedInfo example id).
  const tenYuan = voucher(-20, {
    id: DOC_IDS.usedInfoVoucher,
    name: '10元优惠券',
    startDate: day(-20),
    endDate: day(40),
    doorsillType: 'Y',
    doorsillAmount: 20,
    businessFromName: '业务来源1',
  });
  hold(tenYuan, 'CUS010043', -10, { amount: 10000, offset: -9 });
  levelA.slice(1, 4).forEach((code, i) => hold(tenYuan, code, -5 + i));

  // Active voucher for named customers on one product (the page's getCmInfos example id).
  const named = voucher(-15, {
    id: DOC_IDS.cmInfosVoucher,
    name: '满200减20',
    startDate: day(-15),
    endDate: day(30),
    moneyCents: 2000,
    doorsillType: 'Y',
    doorsillAmount: 200,
    tradeRange: '2',
    range: { ...emptyRange, customerIds: [customer('CUS010043'), customer('CUS010103'), customer('CUS010110')] },
    prodMode: 'PRODUCT',
    productIds: [product('12428312'), product('SP202108240007')],
    eachCmNum: 2,
    modifiedAt: at(-3),
  });
  hold(named, 'CUS010043', -12);
  hold(named, 'CUS010103', -11, { amount: 25000, offset: -2 });

  // Discount voucher (85%, capped) for one customer type and one brand.
  const zkbl = voucher(-8, {
    name: '会员85折券',
    startDate: day(-8),
    endDate: day(60),
    moneyCents: null,
    discountsType: 'ZKBL',
    discountsPercent: '0.85',
    maxDiscountsCents: 5000,
    payType: 'ONLINE',
    grantType: 'ZDLQ',
    range: { ...emptyRange, typeIds: [type('陶瓷店'), type('腻子专柜店')] },
    prodMode: 'BRAND',
    brandIds: [byName(state.brands, '立邦').id],
  });
  hold(zkbl, 'CUS010103', -7);

  // Finished (终止) voucher: held, no longer receivable.
  const finished = voucher(-30, {
    name: '春季促销券',
    startDate: day(-30),
    endDate: day(20),
    isFinish: 'Y',
    modifiedAt: at(-4),
    range: { ...emptyRange, levelIds: [level('A'), level('B')] },
  });
  hold(finished, 'CUS010043', -25);

  // Expired voucher: one holding used in time, one left unused (status 2).
  const expired = voucher(-60, {
    name: '过期体验券',
    startDate: day(-60),
    endDate: day(-10),
    moneyCents: 500,
    prodMode: 'TYPE',
    prodTypeIds: [byName(state.productTypes, '内墙涂料').id],
  });
  hold(expired, 'CUS010043', -50);
  if (levelA[1]) hold(expired, levelA[1], -40, { amount: 8800, offset: -35 });

  // Not started yet.
  voucher(-1, {
    name: '下月预售券',
    startDate: day(10),
    endDate: day(45),
    moneyCents: 3000,
    grantType: 'THIRDPARTY',
    range: { ...emptyRange, districtIds: [state.districts[0]!.id] },
  });

  // Sold out: num 1, received.
  const soldOut = voucher(-6, { name: '限量1张券', startDate: day(-6), endDate: day(24), num: 1, moneyCents: 5000 });
  hold(soldOut, 'CUS010043', -5);

  // Issued by the brand owner (互联下发) with required products.
  voucher(-4, {
    name: '厂家下发满减券',
    startDate: day(-4),
    endDate: day(26),
    sourceFrom: 'XF',
    createType: 'XF',
    requiredType: 'ANYONE',
    prodMode: 'PRODUCT',
    productIds: [product('SP202108240007')],
    requiredProductIds: [product('SP202108240007')],
    range: { ...emptyRange, labelIds: [byName(state.labels, '重点客户').id] },
  });
}

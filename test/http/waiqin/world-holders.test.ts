import { describe, expect, it } from 'vitest';
import { DOC_IDS } from '../../../src/engine/waiqin/seed.js';
import { waiqinSandbox } from './support.js';

type WorldVoucher = {
  id: string;
  received: number;
  used: number;
  holders: { cmId: string; cmCode: string; cmName: string; useStatus: string; orderNo?: string }[];
};

describe('GET /_sandbox/waiqin/world shows who holds what', () => {
  it('lists each holding of a voucher with its customer and use status', async () => {
    const sandbox = waiqinSandbox();
    const world = (await (await sandbox.app.request('/_sandbox/waiqin/world')).json()) as { vouchers: WorldVoucher[] };
    for (const v of world.vouchers) {
      expect(v.holders, v.id).toHaveLength(v.received);
      expect(
        v.holders.filter((h) => h.useStatus === '1'),
        v.id,
      ).toHaveLength(v.used);
      for (const h of v.holders) expect(h.orderNo !== undefined, v.id).toBe(h.useStatus === '1');
    }
    const named = world.vouchers.find((v) => v.id === DOC_IDS.cmInfosVoucher)!;
    expect(named.holders).toEqual([
      { cmId: DOC_IDS.customerCus010043, cmCode: 'CUS010043', cmName: expect.any(String), useStatus: '0' },
      { cmId: DOC_IDS.customerCus010103, cmCode: 'CUS010103', cmName: expect.any(String), useStatus: '1', orderNo: expect.stringMatching(/^DD\d{8}\d{6}$/) },
    ]);
  });

  it('shows an order placed through the control route as used, with its order number', async () => {
    const sandbox = waiqinSandbox();
    const res = await sandbox.app.request('/_sandbox/waiqin/orders', {
      method: 'POST',
      body: JSON.stringify({ voucherId: DOC_IDS.cmInfosVoucher, cmCode: 'CUS010043', amount: '250.00', orderNo: 'DD-README-1' }),
    });
    expect(res.status).toBe(200);
    const holder = sandbox.waiqin
      .world()
      .vouchers.find((v) => v.id === DOC_IDS.cmInfosVoucher)!
      .holders.find((h) => h.cmCode === 'CUS010043');
    expect(holder).toMatchObject({ useStatus: '1', orderNo: 'DD-README-1' });
  });
});

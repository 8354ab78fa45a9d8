import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupSandboxServer } from '../../mocks/node.js';
import { VENDOR_ORIGINS } from '../../mocks/index.js';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import type { SandboxOptions } from '../../src/options.js';
import { createSandbox, type Sandbox } from '../../src/sandbox.js';
import { APPIDS, TEST_OPENIDS } from '../../src/engine/wechatpay/identities.js';
import { anyStock, payList } from '../support/state-reads.js';
import { verifyV3Response } from '../../src/http/wechatpay/signer.js';
import * as keys from '../../src/engine/wechatpay/test-keys.js';
import { observe, type Observed } from './observe.js';
import { clockSteps, SEED, waiqinSteps, START, wechatpaySteps, wechatSteps, outcomeOf, type Memo, type Step, type Target } from './parity-steps.js';

/**
 * The same sequence of requests through the Node HTTP server and through msw (fetch to the real
 * vendor hosts), against two sandboxes with the same seed and the same frozen instant: every
 * status, header and body must match, apart from per-request ids and signatures (observe.ts).
 */
const options: SandboxOptions = {
  seed: SEED,
  startAt: START,
  frozen: true,
  validateResponses: true,
  // Two sandboxes must mint the same ids to answer alike.
  deterministicIds: true,
  onUnexpectedError: (error) => {
    throw error;
  },
};
const SANDBOX_ORIGIN = 'http://coupon-sandbox.test';
const TENANT_ORIGIN = 'https://openapi-tenant.waiqin365.com';
const mocked = setupSandboxServer({ ...options, sandboxOrigin: SANDBOX_ORIGIN, waiqinOrigins: [TENANT_ORIGIN] });
let served: RunningSandbox;

beforeAll(async () => {
  served = await serveSandbox({ ...options, port: 0 });
  // msw patches this process's fetch: let the loopback server through, refuse anything else unhandled.
  mocked.server.listen({
    onUnhandledRequest(request, print) {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
});
afterAll(async () => {
  mocked.server.close();
  await served?.close();
});

interface Answer extends Observed {
  step: string;
  /** `status code`, as Step.outcome. */
  outcome: string;
  /** For 2xx WeChat Pay answers: does the platform signature verify (as v3 SDKs check)? */
  signature?: string;
}

async function run(steps: Step[], originOf: (target: Target) => string, memo: Memo): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const step of steps) {
    const res = await fetch(await step.request(originOf(step.target), memo));
    const text = await res.clone().text();
    const json = text === '' ? undefined : JSON.parse(text);
    const answer: Answer = { step: step.name, outcome: outcomeOf(step.target, res.status, json), ...(await observe(res)) };
    if (step.target === 'wechatpay' && res.status < 300) {
      answer.signature =
        (await verifyV3Response(res.headers, text, { serial: keys.TEST_PLATFORM_SERIAL, publicKeyPem: keys.TEST_PLATFORM_PUBLIC_KEY })) ?? 'verified';
    }
    step.remember?.(json, memo);
    answers.push(answer);
  }
  return answers;
}

const viaServer = () => served.url;
const viaMsw = (target: Target) => (target === 'sandbox' ? SANDBOX_ORIGIN : target === 'waiqin-tenant' ? TENANT_ORIGIN : VENDOR_ORIGINS[target]);

describe('parity: Node HTTP server vs msw', () => {
  const serverMemo: Memo = {};
  const mswMemo: Memo = {};

  it.each([
    ['WeChat Cards', wechatSteps],
    ['WeChat Pay v3 busifavor', wechatpaySteps],
    ['waiqin365 vouchers', waiqinSteps],
    ['the clock and token expiry', clockSteps],
  ])('answers %s identically', async (_name, steps) => {
    const overHttp = await run(steps, viaServer, serverMemo);
    const overMsw = await run(steps, viaMsw, mswMemo);
    expect(overMsw).toEqual(overHttp);
    // The sequence really did what it says (a parity of identical failures would prove nothing).
    expect(overHttp.map((a) => `${a.step}: ${a.outcome}`)).toEqual(steps.map((s) => `${s.name}: ${s.outcome}`));
    expect(overHttp.filter((a) => a.signature !== undefined && a.signature !== 'verified')).toEqual([]);
    // Both sandboxes end in the same state, and it is not the state they started in, so each case
    // proves parity of state on its own (run alone or in any order).
    expect(stateOf(mocked.sandbox)).toEqual(stateOf(served.sandbox));
    expect(mswMemo).toEqual(serverMemo);
    if (steps !== clockSteps) expect(stateOf(served.sandbox)).not.toEqual(stateOf(createSandbox(options)));
  });
});

/** Everything the steps can change, of every vendor: WeChat codes, WeChat Pay stocks and wallets, waiqin365 vouchers, the clock. */
function stateOf(sandbox: Sandbox) {
  const stocks = sandbox.wechatpay.seededStocks().stocks;
  return {
    wechat: sandbox.wechat.identities(),
    wechatpay: {
      stocks: stocks.map((s) => anyStock(sandbox, s.stock_id)),
      wallets: TEST_OPENIDS.flatMap((openid) => APPIDS.map((appid) => payList(sandbox, { openid, appid, creator_merchant: keys.TEST_MCHID, limit: 100 }))),
    },
    waiqin: sandbox.waiqin.world(),
    clock: sandbox.clock.now(),
  };
}

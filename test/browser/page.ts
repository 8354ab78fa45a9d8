// The page of the real-browser test: the sandbox runs in this page, msw's service worker sends the
// page's own `fetch` calls to https://api.weixin.qq.com to it. Bundled by build-page.ts.
import { setupSandboxWorker } from '../../mocks/browser.js';
import { signedV3Request, verifyV3Response } from '../../src/http/wechatpay/signer.js';
import { signWaiqinRequest } from '../../src/http/waiqin/signer.js';

const WECHAT = 'https://api.weixin.qq.com';
const { worker, sandbox } = setupSandboxWorker({ seed: 5, startAt: Date.parse('2026-03-01T08:00:00.000Z'), frozen: true });

const log = document.getElementById('log')!;

async function call(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(
    `${WECHAT}${path}`,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const json = (await res.json()) as Record<string, unknown>;
  log.textContent += `${res.status} ${path.split('?')[0]} ${JSON.stringify(json)}\n`;
  return json;
}

/** Gives a code to a user, consumes it over fetch, then asks WeChat about it twice. */
async function consumeScenario() {
  const { appid, secret, test_users } = sandbox.wechat.credentials();
  const token = await call(`/cgi-bin/token?grant_type=client_credential&appid=${appid}&secret=${secret}`);
  const q = `?access_token=${String(token.access_token)}`;
  const card = sandbox.wechat
    .identities()
    .apps[0]!.cards.find((c) => c.status === 'CARD_STATUS_VERIFY_OK' && c.card_type !== 'MEMBER_CARD' && !c.use_custom_code)!;
  const given = sandbox.wechat.giveCode({ card_id: card.card_id, openid: test_users[0]!.openid });
  return {
    given,
    token,
    before: await call(`/card/code/get${q}`, { code: given.code }),
    consume: await call(`/card/code/consume${q}`, { code: given.code }),
    after: await call(`/card/code/get${q}`, { code: given.code }),
    status: await call(`/card/code/get${q}`, { code: given.code, check_consume: false }),
    controlled: navigator.serviceWorker.controller !== null,
  };
}

/**
 * The two signed vendors from the browser: a WeChat Pay v3 call signed with Web Crypto (RSA) whose
 * signed answer is verified with Web Crypto, and a waiqin365 call with its MD5 digest.
 */
async function signedVendorsScenario() {
  const pay = sandbox.credentials().wechatpay as {
    mchid: string;
    merchant_serial_no: string;
    merchant_private_key: string;
    platform_serial_no: string;
    platform_public_key: string;
  };
  const request = await signedV3Request(
    { mchid: pay.mchid, serial: pay.merchant_serial_no, privateKeyPem: pay.merchant_private_key },
    'GET',
    'https://api.mch.weixin.qq.com/v3/marketing/busifavor/stocks/98065001',
    undefined,
    { timestamp: sandbox.clock.nowSeconds() },
  );
  const v3 = await fetch(request);
  const v3Text = await v3.text();
  const verified = await verifyV3Response(v3.headers, v3Text, { serial: pay.platform_serial_no, publicKeyPem: pay.platform_public_key });

  const wq = sandbox.credentials().waiqin as { openid: string; appkey: string };
  const body = JSON.stringify({});
  const signed = signWaiqinRequest({ method: 'getVoucherInfos', body, openid: wq.openid, appkey: wq.appkey, now: sandbox.clock.now(), msgId: 'browser-1' });
  const waiqin = await fetch(`https://openapi.waiqin365.com${signed.path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const waiqinJson = (await waiqin.json()) as { return_code: unknown; msg_id: string; response_data: string };
  log.textContent += `${v3.status} v3 stock (${verified ?? 'signature verified'})\n${waiqin.status} waiqin return_code ${String(waiqinJson.return_code)}\n`;
  return {
    v3: { status: v3.status, stock: JSON.parse(v3Text) as Record<string, unknown>, verified: verified ?? 'verified' },
    waiqin: {
      status: waiqin.status,
      return_code: waiqinJson.return_code,
      msg_id: waiqinJson.msg_id,
      vouchers: (JSON.parse(waiqinJson.response_data) as unknown[]).length,
    },
  };
}

declare global {
  interface Window {
    consumeScenario: typeof consumeScenario;
    signedVendorsScenario: typeof signedVendorsScenario;
  }
}

window.consumeScenario = consumeScenario;
window.signedVendorsScenario = signedVendorsScenario;
await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'error', quiet: true });
document.body.dataset.ready = 'true';

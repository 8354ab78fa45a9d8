import { aesGcmDecrypt } from '../../src/http/wechatpay/crypto.js';
import { TEST_APIV3_KEY } from '../../src/engine/wechatpay/test-keys.js';

/**
 * What a client can observe of a response (status, headers, body), with the parts that are
 * legitimately different on every request replaced by placeholders, so two transports can be
 * compared with one `toEqual`.
 */
export interface Observed {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Added by Node's HTTP server on the wire, never by the app: a socket transport has them and an
 * in-process one (msw, `app.request`) cannot. Everything else must match exactly.
 */
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/**
 * Per-request values: trace ids and signatures (a nonce makes every signature different), and the
 * v3 response timestamp, which is the host's wall clock by design (SDKs compare it with theirs).
 */
const VOLATILE_HEADERS = new Set(['request-id', 'wechatpay-nonce', 'wechatpay-signature', 'wechatpay-timestamp']);

/** WeChat's trace suffixes in errmsg: ` rid: xxxxxxxx-xxxxxxxx-xxxxxxxx` and the older ` hint: [...]`. */
const TRACE_SUFFIXES: Array<[RegExp, string]> = [
  [/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}/g, ' rid: <rid>'],
  [/ hint: \[[^\]]*\]/g, ' hint: [<hint>]'],
];

export function normaliseBody(text: string): string {
  return TRACE_SUFFIXES.reduce((out, [pattern, placeholder]) => out.replace(pattern, placeholder), text);
}

/**
 * `GET /v3/certificates` encrypts under a fresh nonce each time: compare what was encrypted instead
 * of the ciphertext (decrypting also proves the APIv3 key opens it).
 */
async function decryptCertificates(text: string): Promise<string> {
  if (!text.includes('"encrypt_certificate"')) return text;
  const body = JSON.parse(text) as { data: { encrypt_certificate: Record<string, string> }[] };
  for (const entry of body.data) {
    const { nonce, associated_data, ciphertext, ...rest } = entry.encrypt_certificate;
    entry.encrypt_certificate = {
      ...rest,
      associated_data: associated_data!,
      plaintext: await aesGcmDecrypt(TEST_APIV3_KEY, nonce!, associated_data!, ciphertext!),
    };
  }
  return JSON.stringify(body);
}

export async function observe(res: Response): Promise<Observed> {
  const headers: Record<string, string> = {};
  for (const [name, value] of res.headers) {
    if (TRANSPORT_HEADERS.has(name)) continue;
    headers[name] = VOLATILE_HEADERS.has(name) ? `<${name}>` : value;
  }
  return { status: res.status, headers, body: normaliseBody(await decryptCertificates(await res.text())) };
}

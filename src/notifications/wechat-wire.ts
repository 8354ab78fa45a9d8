import { randomToken } from '../http/wechatpay/crypto.js';
import type { PushConfig } from '../engine/wechat/push-config.js';
import type { WechatPayload, WireRequest } from './notification.js';
import { encryptMessage, pushSignature } from './wechat-crypto.js';

/** XML text of a CDATA section (a `]]>` inside is split, as XML requires). */
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

/** An event as WeChat writes it: `<xml>` with strings in CDATA and numbers bare, or JSON with the same names (numbers unquoted). */
export function renderEvent(fields: Readonly<Record<string, string | number>>, format: PushConfig['format']): string {
  if (format === 'json') return JSON.stringify(fields);
  const inner = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'number' ? String(value) : cdata(value)}</${name}>`)
    .join('');
  return `<xml>${inner}</xml>`;
}

/** Options of one push request (the receiver kit bends them to make invalid ones). */
export interface PushOptions {
  /** Wall-clock seconds; default now. */
  timestamp?: number;
  signature?: string;
  msgSignature?: string;
  /** Replaces the body after signing (a tampered body). */
  tamperBody?: (body: string) => string;
}

/**
 * One push as WeChat sends it: the event in the account's format; query `signature`,
 * `timestamp`, `nonce`, `openid`; in compatible and safe mode also `encrypt_type=aes` and
 * `msg_signature`, the body carrying `Encrypt` (next to the plaintext fields in compatible mode,
 * with ToUserName alone in safe mode).
 */
export async function pushRequest(payload: Readonly<WechatPayload>, options: PushOptions = {}): Promise<WireRequest> {
  const { config, fields } = payload;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomToken(9, '0123456789');
  const plain = renderEvent(fields, config.format);
  const query = new URLSearchParams({ signature: options.signature ?? pushSignature(config.token, timestamp, nonce), timestamp, nonce });
  if (typeof fields.FromUserName === 'string') query.set('openid', fields.FromUserName);
  let body = plain;
  if (config.mode !== 'plain') {
    const encrypt = await encryptMessage(config.encoding_aes_key!, config.appid, plain);
    const envelope: Record<string, string | number> =
      config.mode === 'safe' ? { ToUserName: fields.ToUserName ?? '', Encrypt: encrypt } : { ...fields, Encrypt: encrypt };
    body = renderEvent(envelope, config.format);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', options.msgSignature ?? pushSignature(config.token, timestamp, nonce, encrypt));
  }
  if (options.tamperBody) body = options.tamperBody(body);
  const url = new URL(config.url);
  for (const [name, value] of query) url.searchParams.append(name, value);
  const type = config.format === 'json' ? 'application/json' : 'text/xml';
  return { url: url.toString(), headers: { 'content-type': type, 'user-agent': 'Mozilla/4.0' }, body };
}

/** A push whose `signature` (and `msg_signature`) no Token produces: a correct receiver rejects it. */
export function probePushRequest(payload: Readonly<WechatPayload>): Promise<WireRequest> {
  const wrong = pushSignature('not-the-token', randomToken(16));
  return pushRequest(payload, { signature: wrong, msgSignature: wrong });
}

import { createDecipheriv, createHash } from 'node:crypto';
import { createRequire } from 'node:module';

/** The fields of a flat `<xml>` push (CDATA or bare text), read independently of src/. */
export function xmlFields(xml: string): Record<string, string> {
  const inner = /^<xml>([\s\S]*)<\/xml>$/.exec(xml.trim());
  if (!inner) throw new Error(`not an <xml> body: ${xml.slice(0, 80)}`);
  const out: Record<string, string> = {};
  for (const m of inner[1]!.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

/** sha1 of the sorted strings, joined (node:crypto). */
export function sha1Sorted(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** WeChat's message decryption with node:crypto: AES-256-CBC, IV = key[0:16], 32-byte PKCS#7, random(16) + length + message + appid. */
export function decryptWithNode(encodingAesKey: string, encrypt: string): { message: string; appid: string; pad: number } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > 32 || plain.length % 32 !== 0) throw new Error(`bad padding ${pad} on ${plain.length} bytes`);
  const body = plain.subarray(16, plain.length - pad);
  const length = body.readUInt32BE(0);
  return { message: body.subarray(4, 4 + length).toString('utf8'), appid: body.subarray(4 + length).toString('utf8'), pad };
}

/** The npm `wechat-crypto` library (WXBizMsgCrypt for Node), a widely used third-party implementation. */
export interface WechatCryptoLib {
  getSignature(timestamp: string, nonce: string, encrypt: string): string;
  decrypt(text: string): { message: string; id: string };
  encrypt(text: string): string;
}
const require = createRequire(import.meta.url);
const WXBizMsgCrypt = require('wechat-crypto') as new (token: string, encodingAesKey: string, id: string) => WechatCryptoLib;
export const wechatCrypto = (token: string, encodingAesKey: string, appid: string): WechatCryptoLib => new WXBizMsgCrypt(token, encodingAesKey, appid);

/** A push's query string. */
export function queryOf(target: string): Record<string, string> {
  return Object.fromEntries(new URL(target, 'http://receiver').searchParams);
}

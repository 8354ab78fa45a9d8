import { createDecipheriv, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { decryptWithNode, queryOf, sha1Sorted, xmlFields } from './wechat-support.js';
import type { Answer } from './receiver.js';

/**
 * A COUPON.SEND receiver done right, with node:crypto only: timestamp within 5 minutes, a known
 * Wechatpay-Serial, the signature, the resource decrypted, a nonce never seen before (a replayed
 * request is refused; WeChat Pay's own retries come with a new nonce), duplicates of an id acknowledged.
 */
export function correctV3Receiver(platformKeys: Record<string, string>, apiv3Key: string): Answer {
  const keys = new Map<string, KeyObject>(Object.entries(platformKeys).map(([serial, pem]) => [serial, createPublicKey(pem)]));
  const nonces = new Set<string>();
  const handled = new Set<string>();
  const fail = (status: number) => ({ status, body: JSON.stringify({ code: 'FAIL', message: '失败' }) });
  return ({ headers, body }) => {
    const timestamp = Number(headers['wechatpay-timestamp']);
    const nonce = headers['wechatpay-nonce'] ?? '';
    const key = keys.get(headers['wechatpay-serial'] ?? '');
    if (!key || !Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return fail(401);
    const ok = verify('sha256', Buffer.from(`${timestamp}\n${nonce}\n${body}\n`), key, Buffer.from(headers['wechatpay-signature'] ?? '', 'base64'));
    if (!ok || nonces.has(nonce)) return fail(401);
    nonces.add(nonce);
    try {
      const { id, resource } = JSON.parse(body);
      const data = Buffer.from(resource.ciphertext, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiv3Key), Buffer.from(resource.nonce));
      decipher.setAuthTag(data.subarray(data.length - 16));
      decipher.setAAD(Buffer.from(resource.associated_data));
      JSON.parse(Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8'));
      handled.add(id);
      return { status: 204 };
    } catch {
      return fail(400);
    }
  };
}

/** A card-event receiver done right: `signature`, and in compatible/safe mode `msg_signature` and the decrypted appid. */
export function correctWechatReceiver(token: string, appid: string, encodingAesKey?: string): Answer {
  return ({ target, body }) => {
    const q = queryOf(target);
    if (q.signature !== sha1Sorted(token, q.timestamp ?? '', q.nonce ?? '')) return { status: 403, body: 'bad signature' };
    if (q.encrypt_type !== 'aes') return { status: 200, body: 'success' };
    const encrypt = body.trim().startsWith('{') ? JSON.parse(body).Encrypt : xmlFields(body).Encrypt;
    if (!encrypt || q.msg_signature !== sha1Sorted(token, q.timestamp ?? '', q.nonce ?? '', encrypt)) return { status: 403, body: 'bad msg_signature' };
    try {
      if (decryptWithNode(encodingAesKey!, encrypt).appid !== appid) return { status: 403, body: 'wrong appid' };
    } catch {
      return { status: 400, body: 'cannot decrypt' };
    }
    return { status: 200, body: 'success' };
  };
}

/** What too many receivers do: answer success to anything. */
export const naiveReceiver: Answer = () => ({ status: 200, body: 'success' });

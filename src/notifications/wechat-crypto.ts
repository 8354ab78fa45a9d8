import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { fromBase64, toBase64 } from '../http/wechatpay/crypto.js';

/*
 * WeChat's message crypto for pushes (VENDOR-BEHAVIOUR.md B.9), on Web Crypto and @noble/hashes so
 * it runs in a browser too. Published as WeChat's own sample code does it (WXBizMsgCrypt).
 */

const encoder = new TextEncoder();

/**
 * `signature` / `msg_signature`: lowercase hex SHA-1 of the strings sorted as plain strings
 * (not numerically) and joined without a separator: [Token, timestamp, nonce] for `signature`,
 * plus the Encrypt text for `msg_signature`.
 *
 * @example
 * pushSignature('AAAAA', '1714037059', '486452656') // '899cf89e464efb63f54ddac96b0a0a235f53aa78' (the doc's vector)
 */
export function pushSignature(...parts: string[]): string {
  return bytesToHex(sha1(encoder.encode([...parts].sort().join(''))));
}

/** The AES-256 key of an EncodingAESKey: Base64 of 43 characters plus `=`. */
export function aesKeyOf(encodingAesKey: string): Uint8Array {
  const key = fromBase64(`${encodingAesKey}=`);
  if (key.length !== 32) throw new RangeError('encoding_aes_key must be 43 characters of Base64 (32 bytes)');
  return key;
}

/** Whether an EncodingAESKey is usable (43 characters of Base64 that decode to 32 bytes). */
export function isEncodingAesKey(text: string): boolean {
  if (!/^[A-Za-z0-9+/]{43}$/.test(text)) return false;
  try {
    aesKeyOf(text);
    return true;
  } catch {
    return false;
  }
}

/** WeChat pads to a multiple of 32 bytes (PKCS#7 with a 32-byte block: pad values 1..32). */
const BLOCK = 32;

/**
 * `Encrypt`: AES-256-CBC, IV = the key's first 16 bytes, over 16 random bytes + the message
 * length (4 bytes, big-endian) + the message + the appid, padded PKCS#7 to 32 bytes.
 */
export async function encryptMessage(
  encodingAesKey: string,
  appid: string,
  message: string,
  random = globalThis.crypto.getRandomValues(new Uint8Array(16)),
): Promise<string> {
  const key = aesKeyOf(encodingAesKey);
  const msg = encoder.encode(message);
  const id = encoder.encode(appid);
  const length = 16 + 4 + msg.length + id.length;
  const pad = BLOCK - (length % BLOCK);
  const plain = new Uint8Array(length + pad);
  plain.set(random.subarray(0, 16), 0);
  new DataView(plain.buffer).setUint32(16, msg.length);
  plain.set(msg, 20);
  plain.set(id, 20 + msg.length);
  plain.fill(pad, length);
  const cryptoKey = await globalThis.crypto.subtle.importKey('raw', key as BufferSource, { name: 'AES-CBC' }, false, ['encrypt']);
  // Web Crypto always adds its own 16-byte PKCS#7 block; the input is already a whole number of
  // blocks, so that block is the last 16 bytes of the output and the rest is exactly WeChat's.
  const out = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-CBC', iv: key.subarray(0, 16) as BufferSource }, cryptoKey, plain));
  return toBase64(out.subarray(0, out.length - 16));
}

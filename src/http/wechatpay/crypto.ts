import { freshBytes } from '../../engine/random.js';
/**
 * The WeChat Pay v3 primitives on Web Crypto (`globalThis.crypto.subtle`) only, so the same code
 * runs in Node, in a browser and in a service worker under msw: SHA256withRSA (RSASSA-PKCS1-v1_5)
 * signatures in standard Base64, and AEAD_AES_256_GCM as WeChat Pay applies it (key = the 32-byte
 * APIv3 key as ASCII, IV = the nonce string's bytes, output = ciphertext followed by the 16-byte tag).
 */

const subtle = () => globalThis.crypto.subtle;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** Standard Base64 of bytes (btoa exists in Node >= 16 and every browser). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Bytes of a standard Base64 string; throws on characters outside the alphabet. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** DER bytes of the first PEM block with this label (e.g. 'PRIVATE KEY', 'PUBLIC KEY'). */
export function pemToDer(pem: string, label: string): Uint8Array {
  const match = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`).exec(pem);
  if (!match) throw new Error(`no ${label} PEM block`);
  return fromBase64(match[1]!.replace(/\s+/g, ''));
}

const keyCache = new Map<string, Promise<CryptoKey>>();

function cached(id: string, make: () => Promise<CryptoKey>): Promise<CryptoKey> {
  let key = keyCache.get(id);
  if (!key) {
    key = make();
    keyCache.set(id, key);
  }
  return key;
}

/** Imports a PKCS#8 PEM private key for SHA256withRSA signing (cached per PEM). */
export function importPrivateKey(pem: string): Promise<CryptoKey> {
  return cached(`priv:${pem}`, () => subtle().importKey('pkcs8', pemToDer(pem, 'PRIVATE KEY') as BufferSource, RSA, false, ['sign']));
}

/** Imports an SPKI PEM public key for SHA256withRSA verification (cached per PEM). */
export function importPublicKey(pem: string): Promise<CryptoKey> {
  return cached(`pub:${pem}`, () => subtle().importKey('spki', pemToDer(pem, 'PUBLIC KEY') as BufferSource, RSA, false, ['verify']));
}

/**
 * SHA256withRSA over the UTF-8 message, Base64.
 *
 * @example
 * const signature = await rsaSign(privateKeyPem, 'GET\n/v3/certificates\n1554208460\nnonce\n\n');
 */
export async function rsaSign(privateKeyPem: string, message: string): Promise<string> {
  const key = await importPrivateKey(privateKeyPem);
  return toBase64(new Uint8Array(await subtle().sign(RSA, key, encoder.encode(message))));
}

/** Whether a Base64 SHA256withRSA signature of the message verifies; false for garbage, never throws. */
export async function rsaVerify(publicKeyPem: string, message: string, signature: string): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(signature);
  } catch {
    return false;
  }
  const key = await importPublicKey(publicKeyPem);
  return subtle().verify(RSA, key, bytes as BufferSource, encoder.encode(message));
}

async function aesKey(apiv3Key: string, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return subtle().importKey('raw', encoder.encode(apiv3Key), { name: 'AES-GCM' }, false, [usage]);
}

/** AEAD_AES_256_GCM as WeChat Pay uses it: Base64(ciphertext || tag). */
export async function aesGcmEncrypt(apiv3Key: string, nonce: string, associatedData: string, plaintext: string): Promise<string> {
  const params = { name: 'AES-GCM', iv: encoder.encode(nonce), additionalData: encoder.encode(associatedData), tagLength: 128 };
  const out = await subtle().encrypt(params, await aesKey(apiv3Key, 'encrypt'), encoder.encode(plaintext));
  return toBase64(new Uint8Array(out));
}

/** Inverse of aesGcmEncrypt (what a client does with GET /v3/certificates or a callback resource). */
export async function aesGcmDecrypt(apiv3Key: string, nonce: string, associatedData: string, ciphertext: string): Promise<string> {
  const params = { name: 'AES-GCM', iv: encoder.encode(nonce), additionalData: encoder.encode(associatedData), tagLength: 128 };
  const out = await subtle().decrypt(params, await aesKey(apiv3Key, 'decrypt'), fromBase64(ciphertext) as BufferSource);
  return decoder.decode(out);
}

/**
 * `length` random characters of [0-9A-Za-z] (nonces, Request-IDs, notification ids). Drawn
 * through `freshBytes`: while a shared log entry is applied, every instance draws the same.
 */
export function randomToken(length: number, alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'): string {
  const bytes = freshBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

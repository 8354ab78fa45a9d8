import { TEST_MIGRATING_MERCHANT, TEST_PUBLIC_KEY_MERCHANT } from './test-keys-merchants.js';
import { TEST_MCHID } from './test-keys.js';

/**
 * The sandbox's fixed WeChat Pay identities. The calling merchant (TEST_MCHID) serves two
 * sub-merchants, so stocks can belong to another merchant than their creator and the list
 * filters creator_merchant / belong_merchant / sender_merchant mean different things; a foreign
 * merchant owns a stock the caller may not touch (NO_AUTH). Two more merchants show WeChat Pay's
 * other key modes (merchants.ts): one with a WeChat Pay public key only, one migrating to it; each
 * serves only itself.
 */
export const MERCHANTS = {
  main: TEST_MCHID,
  subA: '1900000001',
  subB: '1900000002',
  foreign: '1900009999',
  publicKey: TEST_PUBLIC_KEY_MERCHANT.mchid,
  migrating: TEST_MIGRATING_MERCHANT.mchid,
} as const;

/** Merchants the caller may act for (create stocks belonging to them, filter by them). */
export const SERVED_MERCHANTS: readonly string[] = [MERCHANTS.main, MERCHANTS.subA, MERCHANTS.subB];
/** Every merchant the sandbox knows (anything else is MCH_NOT_EXISTS). */
export const KNOWN_MERCHANTS: readonly string[] = [...SERVED_MERCHANTS, MERCHANTS.foreign, MERCHANTS.publicKey, MERCHANTS.migrating];

/** Appids bound to the sandbox's merchants, all of them (official account first, mini program second). */
export const APPIDS = ['wxd678efh567hg6787', 'wx8888888888888888'] as const;

/** Seeded test users (openids under the appids). */
export const TEST_OPENIDS = ['oUpF8uMuAJO_M2pxb1Q9zNjWeS6o', 'oUpF8uN95-Ptaags6E_roPHg7AG0', 'oUpF8uKQ0x7Y2v3wZ9aBcDeFgH1i'] as const;

/** Shape of a real openid: 28 characters of the URL-safe base64 alphabet. */
const OPENID_SHAPE = /^[A-Za-z0-9_-]{28}$/;

/**
 * Whether the sandbox treats an openid as an existing user: the seeded ones, and anything shaped
 * like a real openid (so apps can use their own test users without registering them first).
 */
export function isKnownUser(openid: string): boolean {
  return OPENID_SHAPE.test(openid);
}

import { WECHAT_ID_ALPHABET, type Random } from '../random.js';

/** A card_id as WeChat makes them: 'p' + 27 URL-safe base64 characters (28 in all). */
export function newCardId(random: Random): string {
  return `p${random.string(27, WECHAT_ID_ALPHABET)}`;
}

/** An openid: 'o' + 27 URL-safe base64 characters. */
export function newOpenid(random: Random): string {
  return `o${random.string(27, WECHAT_ID_ALPHABET)}`;
}

/** A system-generated code: 12 digits, never starting with 0 (as WeChat's are). */
export function newCode(random: Random): string {
  return `${random.int(1, 9)}${random.digits(11)}`;
}

/** An opaque access_token shaped like WeChat's (long, URL-safe). */
export function newAccessToken(random: Random): string {
  return `${random.int(10, 99)}_${random.string(134, WECHAT_ID_ALPHABET)}`;
}

/** An appid: 'wx' + 16 hex digits. */
export function newAppid(random: Random): string {
  return `wx${random.hex(16)}`;
}

/** An AppSecret: 32 hex digits. */
export function newSecret(random: Random): string {
  return random.hex(32);
}

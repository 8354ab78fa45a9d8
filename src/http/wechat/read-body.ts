import { VendorError } from '../../engine/vendor-error.js';
import { errorKey } from '../../errors/catalogue.js';
import { schemas } from '../../schema/registry.js';
import type { WechatErrorKey } from '../../types/error-key.js';
import { BodyTooLarge, parseJson, readTextBody } from '../body.js';

/**
 * WeChat caps request bodies far below the sandbox's general limit; anything larger is answered
 * like an unreadable body (47001) without being buffered.
 */
export const WECHAT_MAX_BODY = 256 * 1024;

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/**
 * Reads and validates the JSON body of a WeChat POST operation:
 * - no body (or only whitespace) -> 44002 "empty post data";
 * - too large, not JSON (a form body, truncated JSON...), or JSON that is not an object -> 47001;
 * - schema failures -> the key the schema names through `x-errors`, else 41011 for a missing
 *   required field and 47001 for anything else (wrong type, bad value).
 */
export async function readWechatBody(request: Request, schemaId: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readTextBody(request, WECHAT_MAX_BODY);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw wx('47001');
    throw error;
  }
  if (text.trim() === '') throw wx('44002');
  const parsed = parseJson(text);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    throw wx('47001');
  }
  const result = schemas().validate(schemaId, parsed.value);
  if (!result.ok) {
    const issue = result.issues[0]!;
    throw wx(errorKey('wechat', issue.errorKey ?? (issue.keyword === 'required' ? '41011' : '47001'))); // x-errors is a plain string
  }
  return parsed.value as Record<string, unknown>;
}

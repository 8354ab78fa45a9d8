import type { WechatState } from '../../engine/wechat/model.js';
import { appForToken } from '../../engine/wechat/tokens.js';
import { VendorError } from '../../engine/vendor-error.js';
import type { WechatErrorKey } from '../../types/error-key.js';
import type { Step } from '../../pipeline/exchange.js';
import { issueError } from '../../pipeline/issue-error.js';
import { parseJson } from '../../pipeline/bounded-json.js';
import { bodyText } from '../../pipeline/read-body.js';
import type { InputPolicy } from '../../pipeline/vendor-module.js';
import { seconds } from './rules.js';

const wx = (key: WechatErrorKey) => new VendorError('wechat', key);

/** WeChat caps request bodies far below the sandbox's general limit; larger ones are unreadable (47001). */
export const WECHAT_MAX_BODY = 256 * 1024;

/**
 * The HTTP method: a POST operation called otherwise answers 43002 "require POST method", a GET
 * one 43001. HEAD is GET without a body.
 */
export const methodStep: Step = (exchange) => {
  const op = exchange.op!;
  const method = exchange.request!.method;
  if (method === op.method) return;
  if (op.method === 'GET' && method === 'HEAD') exchange.head = true;
  else throw wx(op.method === 'POST' ? '43002' : '43001');
};

/** The access_token in the query names the calling app (41001 missing, 40001 unknown or superseded, 42001 expired). */
export const tokenStep: Step = (exchange) => {
  if (exchange.op!.auth === 'app-secret') return;
  const token = exchange.queryParam?.('access_token');
  const now = seconds(exchange.world.clock.now());
  exchange.caller = exchange.world.store<WechatState>('wechat').read((state) => appForToken(state, token, now).appid);
};

/**
 * WeChat's reading of a JSON body: none (or only whitespace) is 44002 "empty post data"; too
 * large, nested deeper than MAX_JSON_DEPTH, not JSON or not an object is 47001; a schema failure is the key the schema names,
 * else 41011 for a missing field and 47001 for anything else.
 */
export const wechatInput: InputPolicy = {
  parseBody(exchange) {
    const text = bodyText(exchange);
    if (text.trim() === '') throw wx('44002');
    // Too deep (MAX_JSON_DEPTH) is a data format error like any other unreadable body.
    const parsed = parseJson(text);
    if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) throw wx('47001');
    return parsed.value;
  },
  reject: (issues, location) => issueError('wechat', issues, location, { missing: '41011', invalid: '47001' }),
};

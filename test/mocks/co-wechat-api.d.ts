// co-wechat-api ships no types; just what the SDK test calls (its methods are mixed in at runtime).
declare module 'co-wechat-api' {
  interface WeChatAPIError extends Error {
    code?: number;
  }
  export default class WechatAPI {
    constructor(appid: string, secret: string);
    getAccessToken(): Promise<{ accessToken: string; expireTime: number }>;
    createCard(card: Record<string, unknown>): Promise<{ errcode: number; errmsg: string; card_id: string }>;
    getCode(code: string, cardId?: string): Promise<Record<string, unknown>>;
    consumeCode(code: string, cardId?: string): Promise<{ errcode: number; errmsg: string; card: { card_id: string }; openid: string }>;
  }
  export type { WeChatAPIError };
}

import { CODE_STATE_NAMES, type App, type Seconds, type WechatState } from './model.js';
import { VendorError } from '../vendor-error.js';
import { effectiveState } from './validity.js';

/** The seeded identities a client needs (GET /_sandbox/credentials `wechat`). */
export interface WechatCredentials {
  appid: string;
  secret: string;
  apps: { appid: string; secret: string; name: string }[];
  test_users: { appid: string; openid: string; nickname: string }[];
}

/** One row of GET /_sandbox/wechat/identities. */
export interface WechatIdentities {
  apps: {
    appid: string;
    secret: string;
    name: string;
    cards: {
      card_id: string;
      card_type: string;
      title: string;
      status: import('./model.js').CardStatus;
      use_custom_code: boolean;
      quantity: number;
      cond_source: 0 | 1;
    }[];
    users: { openid: string; nickname: string; codes: { code: string; card_id: string; status: string }[] }[];
  }[];
}

/** The app an appid names (40013 for an appid this world does not have). */
export function appOf(state: Readonly<WechatState>, appid: string): App {
  const app = state.appsById.get(appid);
  if (!app) throw new VendorError('wechat', '40013');
  return app;
}

/** Credentials and test identities a client needs, for GET /_sandbox/credentials. */
export function wechatCredentials(state: Readonly<WechatState>): WechatCredentials {
  const main = state.apps[0]!;
  return {
    appid: main.appid,
    secret: main.secret,
    apps: state.apps.map((a) => ({ appid: a.appid, secret: a.secret, name: a.name })),
    test_users: state.apps.flatMap((a) => [...a.users.values()].slice(0, 6).map((u) => ({ appid: a.appid, openid: u.openid, nickname: u.nickname }))),
  };
}

/** Every app with its cards and its users' codes (bulk-generated codes are left out). */
export function wechatIdentities(s: Readonly<WechatState>, now: Seconds): WechatIdentities {
  return {
    apps: s.apps.map((app) => ({
      appid: app.appid,
      secret: app.secret,
      name: app.name,
      cards: app.cards.map((serial) => {
        const card = s.cards[serial]!;
        return {
          card_id: card.cardId,
          card_type: card.cardType,
          title: typeof card.body.base_info.title === 'string' ? card.body.base_info.title : '',
          status: card.status,
          use_custom_code: card.useCustomCode,
          quantity: card.quantity,
          cond_source: card.source,
        };
      }),
      users: [...app.users.values()].map((user) => ({
        openid: user.openid,
        nickname: user.nickname,
        codes: user.rows.map((row) => ({
          code: s.codes.code[row]!,
          card_id: s.cards[s.codes.card[row]!]!.cardId,
          status: CODE_STATE_NAMES[effectiveState(s, row, now).state]!,
        })),
      })),
    })),
  };
}

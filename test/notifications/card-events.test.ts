import { afterEach, describe, expect, it } from 'vitest';
import { serveSandbox, type RunningSandbox } from '../../src/node.js';
import { pushSignature } from '../../src/notifications/wechat-crypto.js';
import { localReceiver, type LocalReceiver } from './receiver.js';
import { decryptWithNode, queryOf, sha1Sorted, wechatCrypto, xmlFields } from './wechat-support.js';

const T0 = Date.parse('2026-03-02T10:00:00+08:00');
const TOKEN = 'sandboxToken42';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

let server: RunningSandbox | undefined;
let receiver: LocalReceiver | undefined;
afterEach(async () => {
  await server?.close();
  await receiver?.close();
  server = receiver = undefined;
});

async function control(path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${server!.url}/_sandbox/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function setUp(config: Record<string, unknown>, answer?: Parameters<typeof localReceiver>[0]) {
  server = await serveSandbox({ port: 0, startAt: T0, frozen: true, validateResponses: true });
  receiver = await localReceiver(answer ?? (() => ({ status: 200, body: 'success' })));
  const ids = await control('wechat/identities');
  const app = ids.apps[0];
  await control('wechat/push-config', { appid: app.appid, url: receiver.url, token: TOKEN, ...config });
  return {
    app,
    cash: app.cards.find((c: any) => c.card_type === 'CASH' && c.status === 'CARD_STATUS_VERIFY_OK'),
    member: app.cards.find((c: any) => c.card_type === 'MEMBER_CARD'),
  };
}

describe('the push signature', () => {
  it("reproduces the vendor doc's worked vector (Token AAAAA, timestamp 1714037059, nonce 486452656)", () => {
    expect(pushSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    expect(sha1Sorted('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    // The Mini Program page's vector, where the nonce sorts first.
    expect(pushSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
  });
});

describe('card events over real sockets, in the three security modes', () => {
  it('plain mode: user_get_card in XML with signature, timestamp, nonce and openid, verified with node:crypto', async () => {
    const { app, cash } = await setUp({ mode: 'plain', format: 'xml' });
    const given = await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-event-user', outer_str: 'scene-7' });
    const got = await receiver!.nth(1);
    const q = queryOf(got.target);
    expect(Object.keys(q).sort()).toEqual(['nonce', 'openid', 'signature', 'timestamp']);
    expect(q.signature).toBe(sha1Sorted(TOKEN, q.timestamp!, q.nonce!));
    expect(q.openid).toBe('o-event-user');
    expect(got.headers['content-type']).toBe('text/xml');
    expect(xmlFields(got.body)).toEqual({
      ToUserName: expect.stringMatching(/^gh_[0-9a-f]{12}$/),
      FromUserName: 'o-event-user',
      CreateTime: String(T0 / 1000),
      MsgType: 'event',
      Event: 'user_get_card',
      CardId: cash.card_id,
      IsGiveByFriend: '0',
      FriendUserName: '',
      UserCardCode: given.code,
      OldUserCardCode: '',
      OuterId: '0',
      OuterStr: 'scene-7',
      IsRestoreMemberCard: '0',
      IsRecommendByFriend: '0',
      SourceScene: 'SOURCE_SCENE_UNKNOW',
      UnionId: '',
    });
    expect(got.body).toContain(`<CreateTime>${T0 / 1000}</CreateTime>`);
    expect(app.appid).toMatch(/^wx/);
  });

  it('compatible mode: plaintext fields and Encrypt, encrypt_type=aes and msg_signature; decrypted by node:crypto and by wechat-crypto', async () => {
    const { app, cash } = await setUp({ mode: 'compatible', format: 'xml', encoding_aes_key: AES_KEY });
    const given = await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-compat' });
    const got = await receiver!.nth(1);
    const q = queryOf(got.target);
    const fields = xmlFields(got.body);
    expect(q.encrypt_type).toBe('aes');
    expect(q.signature).toBe(sha1Sorted(TOKEN, q.timestamp!, q.nonce!));
    expect(q.msg_signature).toBe(sha1Sorted(TOKEN, q.timestamp!, q.nonce!, fields.Encrypt!));
    expect(fields).toMatchObject({ Event: 'user_get_card', UserCardCode: given.code });
    const plain = decryptWithNode(AES_KEY, fields.Encrypt!);
    expect(plain.appid).toBe(app.appid);
    expect(xmlFields(plain.message)).toMatchObject({ Event: 'user_get_card', FromUserName: 'o-compat', UserCardCode: given.code, CardId: cash.card_id });
    const lib = wechatCrypto(TOKEN, AES_KEY, app.appid);
    expect(lib.getSignature(q.timestamp!, q.nonce!, fields.Encrypt!)).toBe(q.msg_signature);
    expect(lib.decrypt(fields.Encrypt!)).toEqual({ message: plain.message, id: app.appid });
  });

  it('safe mode: ToUserName and Encrypt only; both decryptions agree; the padding goes up to 32 bytes', async () => {
    const { app, cash } = await setUp({ mode: 'safe', format: 'xml', encoding_aes_key: AES_KEY });
    await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-safe' });
    const got = await receiver!.nth(1);
    const fields = xmlFields(got.body);
    expect(Object.keys(fields)).toEqual(['ToUserName', 'Encrypt']);
    const q = queryOf(got.target);
    expect(q.msg_signature).toBe(sha1Sorted(TOKEN, q.timestamp!, q.nonce!, fields.Encrypt!));
    const plain = decryptWithNode(AES_KEY, fields.Encrypt!);
    expect(plain.pad).toBeGreaterThanOrEqual(1);
    expect(wechatCrypto(TOKEN, AES_KEY, app.appid).decrypt(fields.Encrypt!).message).toBe(plain.message);
    expect(xmlFields(plain.message).ToUserName).toBe(fields.ToUserName);
  });

  it('JSON format (safe mode): the same names, numbers unquoted, {ToUserName, Encrypt} around them', async () => {
    const { app, cash } = await setUp({ mode: 'safe', format: 'json', encoding_aes_key: AES_KEY });
    await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-json' });
    const got = await receiver!.nth(1);
    const envelope = JSON.parse(got.body);
    expect(Object.keys(envelope)).toEqual(['ToUserName', 'Encrypt']);
    const event = JSON.parse(wechatCrypto(TOKEN, AES_KEY, app.appid).decrypt(envelope.Encrypt).message);
    expect(event).toMatchObject({ MsgType: 'event', Event: 'user_get_card', CreateTime: T0 / 1000, IsGiveByFriend: 0, FromUserName: 'o-json' });
  });
});

describe('each event at the moment of its state change', () => {
  it('gift, consume through the API, delete, review, member activation and update, with their fields', async () => {
    const { app, cash, member } = await setUp({ mode: 'plain', format: 'xml' });
    const events = () => receiver!.received.map((r) => xmlFields(r.body));
    const given = await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-giver' });
    await control('wechat/gift-code', { card_id: cash.card_id, code: given.code });
    const friend = await control('wechat/accept-gift', { card_id: cash.card_id, code: given.code, friend_openid: 'o-friend' });
    await receiver!.nth(3);
    expect(events().slice(1)).toMatchObject([
      { Event: 'user_gifting_card', FromUserName: 'o-giver', UserCardCode: given.code, FriendUserName: 'o-friend', IsReturnBack: '0', IsChatRoom: '0' },
      {
        Event: 'user_get_card',
        FromUserName: 'o-friend',
        IsGiveByFriend: '1',
        FriendUserName: 'o-giver',
        UserCardCode: friend.code,
        OldUserCardCode: given.code,
      },
    ]);

    const token = await (await fetch(`${server!.url}/cgi-bin/token?grant_type=client_credential&appid=${app.appid}&secret=${app.secret}`)).json();
    const consumed = await fetch(`${server!.url}/card/code/consume?access_token=${token.access_token}`, {
      method: 'POST',
      body: JSON.stringify({ code: friend.code }),
    });
    expect((await consumed.json()).errcode).toBe(0);
    expect(xmlFields((await receiver!.nth(4)).body)).toMatchObject({
      Event: 'user_consume_card',
      FromUserName: 'o-friend',
      ConsumeSource: 'FROM_API',
      UserCardCode: friend.code,
      CardId: cash.card_id,
    });

    const other = await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-deleter' });
    await control('wechat/delete-code', { card_id: cash.card_id, code: other.code });
    expect(xmlFields((await receiver!.nth(6)).body)).toMatchObject({ Event: 'user_del_card', FromUserName: 'o-deleter', UserCardCode: other.code });

    const pending = app.cards.find((c: any) => c.status === 'CARD_STATUS_NOT_VERIFY');
    await control('wechat/review', { card_id: pending.card_id, result: 'VERIFY_FAIL', reason: '图片不清晰' });
    expect(xmlFields((await receiver!.nth(7)).body)).toMatchObject({ Event: 'card_not_pass_check', CardId: pending.card_id, RefuseReason: '图片不清晰' });

    const card = await control('wechat/give-code', { card_id: member.card_id, openid: 'o-member' });
    await control('wechat/activate-member-card', { card_id: member.card_id, code: card.code });
    await control('wechat/update-member', { card_id: member.card_id, code: card.code, modify_bonus: 50, modify_balance: -100 });
    await receiver!.nth(10);
    expect(events().slice(8)).toMatchObject([
      { Event: 'submit_membercard_user_info', FromUserName: 'o-member', CardId: member.card_id, UserCardCode: card.code },
      { Event: 'update_member_card', FromUserName: 'o-member', ModifyBonus: '50', ModifyBalance: '-100' },
    ]);
  });

  it('card_sku_remind when a receipt leaves a card of more than 200 with 100 or fewer, at most every 12 h', async () => {
    const { cash: low } = await setUp({ mode: 'plain', format: 'xml' });
    // Bulk codes take the stock down to 101 without events of their own; the next receipt leaves 100.
    await control('wechat/bulk-codes', { card_id: low.card_id, count: low.quantity - 101 });
    await control('wechat/give-code', { card_id: low.card_id, openid: 'o-low-1' });
    await control('wechat/give-code', { card_id: low.card_id, openid: 'o-low-2' });
    await control('notifications/deliver', {});
    const names = receiver!.received.map((r) => xmlFields(r.body).Event);
    expect(names).toEqual(['user_get_card', 'card_sku_remind', 'user_get_card']);
    expect(xmlFields(receiver!.received[1]!.body)).toMatchObject({ CardId: low.card_id, Detail: "the card's quantity is equal to 100" });
    await control('clock', { advance_seconds: 12 * 3600 });
    await control('wechat/give-code', { card_id: low.card_id, openid: 'o-low-3' });
    await control('notifications/deliver', {});
    expect(receiver!.received.map((r) => xmlFields(r.body).Event).slice(3)).toEqual(['user_get_card', 'card_sku_remind']);
  });
});

describe("the vendor's retries", () => {
  it('an empty body or success stops; a malformed reply to user_get_card is retried 3 times a minute apart', async () => {
    const { cash } = await setUp({ mode: 'plain', format: 'xml' }, () => ({ status: 200, body: 'fail' }));
    await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-retry' });
    await receiver!.nth(1);
    await control('clock', { advance_seconds: 60 });
    expect(receiver!.received).toHaveLength(2);
    await control('clock', { advance_seconds: 3600 });
    expect(receiver!.received).toHaveLength(4);
    const [n] = (await control('notifications?vendor=wechat')).notifications;
    expect(n).toMatchObject({ event: 'user_get_card', status: 'failed', next_attempt_at: null });
    expect(n.attempts).toHaveLength(4);
    expect(n.attempts.every((a: any) => a.status === 200 && a.response.body === 'fail')).toBe(true);
  });

  it('other events: at most 3 retries after the 5 s wait; success ends them', async () => {
    let answer = 'oops';
    const { cash } = await setUp({ mode: 'plain', format: 'xml' }, () => ({ status: answer === 'oops' ? 500 : 200, body: answer }));
    const given = await control('wechat/give-code', { card_id: cash.card_id, openid: 'o-del' });
    await control('clock', { advance_seconds: 3600 });
    const before = receiver!.received.length;
    await control('wechat/delete-code', { card_id: cash.card_id, code: given.code });
    await control('clock', { advance_seconds: 5 });
    await control('clock', { advance_seconds: 5 });
    expect(receiver!.received.length - before).toBe(3);
    answer = 'success';
    await control('clock', { advance_seconds: 5 });
    await control('clock', { advance_seconds: 3600 });
    expect(receiver!.received.length - before).toBe(4);
    const del = (await control('notifications?vendor=wechat')).notifications.find((n: any) => n.event === 'user_del_card');
    expect(del.status).toBe('delivered');
  });
});

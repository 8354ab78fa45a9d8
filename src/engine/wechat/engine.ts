import type { EngineContext } from '../context.js';
import { MemoryStore } from '../store.js';
import { VendorError } from '../vendor-error.js';
import { bulkCodes, type BulkCodesInput, type BulkCodesResult } from './bulk.js';
import { updateCard, type UpdateCardRequest } from './card-update.js';
import { batchGetCards, createCard, deleteCard, getCard, modifyStock, reviewCard, type BatchGetRequest, type CreateCardRequest, type ModifyStockRequest, type ReviewResult } from './cards.js';
import { holderOf } from './code-lookup.js';
import { consumeCode, getCode, listUserCards, makeUnavailable, renameCode, type CodeGetRequest, type CodeUpdateRequest } from './codes.js';
import type { CodeRef } from './code-lookup.js';
import { bizSummary, freeCouponStats, memberCardDetail, memberSummary, type DatacubeRequest } from './datacube.js';
import { CODE_STATE_NAMES, type App, type CardStatus, type WechatState } from './model.js';
import { seedWorld } from './seed-world.js';
import { appForToken, issueToken, tokenRequestApp, type TokenRequest, type TokenResponse } from './tokens.js';
import {
  acceptGift,
  activateMember,
  appByIdOrDefault,
  deleteByUser,
  giveCode,
  startGift,
  timeoutGift,
  viewCard,
  type CodeTarget,
  type CodeView,
  type GiveCodeInput,
  type GivenCode,
} from './user-actions.js';
import { effectiveState } from './validity.js';

/** The seeded identities a client needs (GET /_sandbox/credentials `wechat`). */
export interface WechatCredentials {
  appid: string;
  secret: string;
  token_url: string;
  apps: { appid: string; secret: string; name: string }[];
  test_users: { appid: string; openid: string; nickname: string }[];
}

/** One row of GET /_sandbox/wechat/identities. */
export interface WechatIdentities {
  apps: {
    appid: string;
    secret: string;
    name: string;
    cards: { card_id: string; card_type: string; title: string; status: CardStatus; use_custom_code: boolean; quantity: number; cond_source: 0 | 1 }[];
    users: { openid: string; nickname: string; codes: { code: string; card_id: string; status: string }[] }[];
  }[];
}

/**
 * The WeChat Cards & Offers engine: all state behind one MemoryStore, rules that take the sandbox
 * time as input, no HTTP. Its public methods are both what the HTTP routes call (the vendor
 * operations, for the app an access_token names) and the typed control actions that simulate
 * what users and WeChat staff do (review, give, view, gift, delete...).
 *
 * @example
 * const sandbox = createSandbox({ seed: 7 });
 * const { appid } = sandbox.wechat.credentials();
 * const card_id = sandbox.wechat.identities().apps[0].cards[0].card_id;
 * const given = sandbox.wechat.giveCode({ card_id, openid: 'o-test-user' });
 * sandbox.wechat.consumeCode(appid, { code: given.code });
 */
export class WechatEngine {
  private readonly store: MemoryStore<WechatState>;

  constructor(readonly ctx: EngineContext) {
    this.store = new MemoryStore(() => seedWorld(this.ctx));
  }

  private now(): number {
    return this.ctx.clock.nowSeconds();
  }

  private app(state: Readonly<WechatState>, appid: string): App {
    const app = state.appsById.get(appid);
    if (!app) throw new VendorError('wechat', '40013');
    return app;
  }

  /** Restores the seeded world (same seed, same world; ctx.empty: apps and users only). */
  reset(): void {
    this.store.reset();
  }

  /** Credentials and test identities a client needs, for GET /_sandbox/credentials. */
  credentials(): WechatCredentials {
    return this.store.read((state) => {
      const main = state.apps[0]!;
      return {
        appid: main.appid,
        secret: main.secret,
        token_url: `/cgi-bin/token?grant_type=client_credential&appid=${main.appid}&secret=${main.secret}`,
        apps: state.apps.map((a) => ({ appid: a.appid, secret: a.secret, name: a.name })),
        test_users: state.apps.flatMap((a) =>
          [...a.users.values()].slice(0, 6).map((u) => ({ appid: a.appid, openid: u.openid, nickname: u.nickname })),
        ),
      };
    });
  }

  // ---- vendor operations (what the HTTP routes call) ----

  /** GET /cgi-bin/token. */
  token(request: TokenRequest): TokenResponse {
    return this.store.transact((s) => issueToken(s, request, this.now()));
  }

  /**
   * Checks a /cgi-bin/token request like `token` does (same errors) without issuing anything:
   * what a HEAD request gets, so a probe cannot push the app's live token into its grace period.
   */
  checkTokenRequest(request: TokenRequest): void {
    this.store.read((s) => tokenRequestApp(s, request));
  }

  /** The appid an access_token belongs to (41001 / 40001 / 42001). */
  authenticate(accessToken: string | undefined): string {
    return this.store.read((s) => appForToken(s, accessToken, this.now()).appid);
  }

  createCard(appid: string, request: CreateCardRequest): { card_id: string } {
    return this.store.transact((s) => ({ card_id: createCard(s, this.app(s, appid), request, this.now()).cardId }));
  }

  getCard(appid: string, request: { card_id?: string }): { card: Record<string, unknown> } {
    return this.store.read((s) => getCard(s, this.app(s, appid), request));
  }

  batchGetCards(appid: string, request: BatchGetRequest): { card_id_list: string[]; total_num: number } {
    return this.store.read((s) => batchGetCards(s, this.app(s, appid), request));
  }

  updateCard(appid: string, request: UpdateCardRequest): { send_check: boolean } {
    return this.store.transact((s) => updateCard(s, this.app(s, appid), request, this.now()));
  }

  modifyStock(appid: string, request: ModifyStockRequest): void {
    this.store.transact((s) => modifyStock(s, this.app(s, appid), request, this.now()));
  }

  deleteCard(appid: string, request: { card_id?: string }): void {
    this.store.transact((s) => deleteCard(s, this.app(s, appid), request, this.now()));
  }

  getCode(appid: string, request: CodeGetRequest) {
    return this.store.read((s) => getCode(s, this.app(s, appid), request, this.now()));
  }

  consumeCode(appid: string, request: CodeRef) {
    return this.store.transact((s) => consumeCode(s, this.app(s, appid), request, this.now()));
  }

  renameCode(appid: string, request: CodeUpdateRequest): void {
    this.store.transact((s) => renameCode(s, this.app(s, appid), request, this.now()));
  }

  makeUnavailable(appid: string, request: CodeRef & { reason?: string }): void {
    this.store.transact((s) => makeUnavailable(s, this.app(s, appid), request, this.now()));
  }

  listUserCards(appid: string, request: { openid?: string; card_id?: string }) {
    return this.store.read((s) => listUserCards(s, this.app(s, appid), request, this.now()));
  }

  bizSummary(appid: string, request: DatacubeRequest) {
    return this.store.read((s) => bizSummary(s, this.app(s, appid), request, this.now()));
  }

  freeCouponStats(appid: string, request: DatacubeRequest) {
    return this.store.read((s) => freeCouponStats(s, this.app(s, appid), request, this.now()));
  }

  memberSummary(appid: string, request: DatacubeRequest) {
    return this.store.read((s) => memberSummary(s, this.app(s, appid), request, this.now()));
  }

  memberCardDetail(appid: string, request: DatacubeRequest) {
    return this.store.read((s) => memberCardDetail(s, this.app(s, appid), request, this.now()));
  }

  // ---- control actions (what users and WeChat staff do) ----

  /** WeChat staff review a card: VERIFY_OK / VERIFY_FAIL from NOT_VERIFY, DISPATCH from VERIFY_OK (else 40078). */
  reviewCard(input: { card_id: string; result: ReviewResult; reason?: string }): { card_id: string; status: CardStatus } {
    return this.store.transact((s) => {
      const card = reviewCard(s, input.card_id, input.result, this.now(), input.reason);
      return { card_id: card.cardId, status: card.status };
    });
  }

  /** A user receives a code (stock, get_limit, custom codes, card status are enforced). */
  giveCode(input: GiveCodeInput): GivenCode {
    return this.store.transact((s) => giveCode(s, input, this.now()));
  }

  /** A user views a card (datacube views). */
  viewCard(input: { card_id: string; openid: string }): void {
    this.store.transact((s) => viewCard(s, input, this.now()));
  }

  /** The holder starts gifting the code to a friend (-> GIFTING). */
  giftCode(input: CodeTarget): CodeView {
    return this.store.transact((s) => startGift(s, input, this.now()));
  }

  /** The friend accepts: they get a new code; the old one answers 40056. */
  acceptGift(input: CodeTarget & { friend_openid: string }): GivenCode {
    return this.store.transact((s) => acceptGift(s, input, this.now()));
  }

  /** The gift times out now (-> GIFT_TIMEOUT; also happens by itself 24 h after the gift started). */
  timeoutGift(input: CodeTarget): CodeView {
    return this.store.transact((s) => timeoutGift(s, input, this.now()));
  }

  /** The user deletes the code from their wallet (-> DELETE). */
  deleteCode(input: CodeTarget): CodeView {
    return this.store.transact((s) => deleteByUser(s, input, this.now()));
  }

  /** The user activates a member card. */
  activateMemberCard(input: CodeTarget): CodeView {
    return this.store.transact((s) => activateMember(s, input, this.now()));
  }

  /** Generates `count` received codes at once (load tests); see bulk.ts. */
  bulkCodes(input: BulkCodesInput): BulkCodesResult {
    return this.store.transact((s) => bulkCodes(s, appByIdOrDefault(s, input.appid), input, this.now()));
  }

  /** Every app with its cards and its users' codes (bulk-generated codes are left out). */
  identities(): WechatIdentities {
    const now = this.now();
    return this.store.read((s) => ({
      apps: s.apps.map((app) => ({
        appid: app.appid,
        secret: app.secret,
        name: app.name,
        cards: app.cards.map((serial) => {
          const card = s.cards[serial]!;
          return {
            card_id: card.cardId,
            card_type: card.cardType,
            title: String(card.body.base_info.title ?? ''),
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
    }));
  }

  /** The openid holding a code of an app (undefined when the code is unknown). */
  holderOf(appid: string, code: string): string | undefined {
    return this.store.read((s) => {
      const row = s.appsById.get(appid)?.codes.get(code);
      return row === undefined ? undefined : holderOf(s, row);
    });
  }
}

import type { Operation } from '../src/operations.js';
import type { Vendor } from '../src/index.js';
import type { WritePolicy } from './config.js';
import { RequestRefused } from './transport.js';

/**
 * Request fields that name an existing vendor object, per vendor, mapped to the fixture list that
 * must name it before a writing request may touch it. Fields that carry NEW values (new_code,
 * out_request_no...) are not listed: they touch nothing that exists.
 */
const GUARDED_FIELDS: Record<Vendor, Record<string, string>> = {
  wechat: { card_id: 'card_id', code: 'code' },
  wechatpay: { stock_id: 'stock_id', coupon_code: 'coupon_code', openid: 'openid' },
  waiqin: { voucherId: 'voucherId', voucher_id: 'voucherId', cmId: 'cmId', cmCode: 'cmId' },
};

/**
 * Decides whether a request may be sent. On a sandbox the kit started everything may; on somebody
 * else's sandbox run read-only (`readOnlySandbox` is the reason) no writing operation and no
 * control action that changes state (a POST under /_sandbox/) may; on a real target a writing
 * operation needs `writes.allow` and may only touch ids listed in `writes.fixtures` or created by
 * this run (a card the run made is the run's to change). The sandbox control surface is never
 * called on a real target.
 */
export class WriteGuard {
  private readonly created = new Set<string>();

  constructor(
    private readonly real: boolean,
    private readonly policy: WritePolicy,
    private readonly readOnlySandbox?: string,
  ) {}

  /** Whether writing operations may run at all on this target. */
  get writesAllowed(): boolean {
    return this.real ? this.policy.allow : this.readOnlySandbox === undefined;
  }

  /** Why cases that change the target are skipped here (undefined when they may run). */
  get refusal(): string | undefined {
    if (this.real)
      return this.policy.allow
        ? undefined
        : 'sends writing operations; a real target is read-only unless CONTRACT_ALLOW_WRITES=1 and the fixtures it may touch are named';
    return this.readOnlySandbox;
  }

  /** Remembers an id the run created (card_id, stock_id, voucherId...), so later writes may touch it. */
  adopt(id: string | number | undefined): void {
    if (id !== undefined && id !== '') this.created.add(String(id));
  }

  /** Throws {@link RequestRefused} when the request must not be sent; `fields` are its body and path values. */
  check(operation: Operation | 'control', fields: Record<string, unknown>, method: 'GET' | 'POST' = 'POST'): void {
    if (!this.real) {
      if (this.readOnlySandbox === undefined) return;
      if (operation === 'control' ? method !== 'GET' : operation.writes) throw new RequestRefused(this.readOnlySandbox);
      return;
    }
    if (operation === 'control') throw new RequestRefused('the sandbox control surface does not exist on a real target');
    if (!operation.writes) return;
    if (!this.policy.allow) {
      throw new RequestRefused(`${operation.id} changes vendor state; the run is read-only (set CONTRACT_ALLOW_WRITES=1 and name the fixtures it may touch)`);
    }
    const allowed = (this.policy.fixtures[operation.vendor] ?? {}) as Record<string, string[] | undefined>;
    for (const [field, value] of flatten(fields)) {
      const kind = GUARDED_FIELDS[operation.vendor][field];
      if (!kind || value === undefined || value === null || value === '') continue;
      const id = String(value);
      if (this.created.has(id) || allowed[kind]?.includes(id)) continue;
      throw new RequestRefused(`${operation.id} would touch ${field} ${id}, which is neither a write fixture (${kind}) nor created by this run`);
    }
  }
}

/** Every (key, scalar value) pair of a JSON value, at any depth. */
type JsonLeaf = string | number | boolean | null | undefined;

function* flatten(value: unknown, key = ''): Generator<[string, JsonLeaf]> {
  if (Array.isArray(value)) for (const item of value) yield* flatten(item, key);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* flatten(v, k);
  else yield [key, value as JsonLeaf]; // neither array nor object: a leaf of parsed JSON
}

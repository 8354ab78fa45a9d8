/**
 * The JSON the dashboard's read API answers and its page renders: vendor-neutral tables, entity
 * pages and the actions an entity offers. The vendor readers (`*-reads.ts`) fill these from the
 * engines' own views, so the page shows fields exactly as the vendor returns them.
 */

/** A link to an entity page: its kind, its id and what else finds it (`card_id`, `stock_id`, `appid`). */
export interface EntityRef {
  kind: EntityKind;
  id: string;
  params?: Record<string, string>;
}

export type EntityKind = 'card' | 'code' | 'stock' | 'coupon' | 'voucher' | 'customer';
export type ListKind = 'cards' | 'codes' | 'stocks' | 'coupons' | 'vouchers' | 'customers';

/** One counted group of the overview: `values` maps a state to how many are in it. */
export interface CountGroup {
  label: string;
  values: Record<string, number>;
}

export interface VendorOverview {
  vendor: string;
  title: string;
  counts: CountGroup[];
  /** The lists of this vendor, for the navigation. */
  lists: ListKind[];
}

/** One page of a list. `by` is the search field the query was matched on. */
export interface ListPage {
  kind: ListKind;
  /** The search fields this list offers, the first one the default. */
  searchBy: string[];
  by?: string;
  q?: string;
  total: number;
  offset: number;
  limit: number;
  columns: string[];
  rows: { ref: EntityRef; cells: Record<string, string | number | boolean | null> }[];
}

/** A value an action asks for before it runs (a labelled input on the page). */
export interface ActionField {
  name: string;
  label: string;
  value: string;
}

/**
 * An action button. `control`: POST that body to a `/_sandbox/` control route. `operation`: run
 * the catalogue operation (as `as`) through the dashboard's call route. In `input`/`body`, the
 * strings `$request_no` and `$now` become a fresh merchant request number and the sandbox time.
 */
export type EntityAction =
  | { label: string; kind: 'control'; path: string; body: Record<string, unknown>; ask?: ActionField[] }
  | { label: string; kind: 'operation'; operation: string; as?: string; input: Record<string, unknown>; ask?: ActionField[] };

export interface EntityPage {
  ref: EntityRef;
  vendor: string;
  title: string;
  state: string;
  /** Facts worth a glance (holder, validity window, counters). */
  facts: Record<string, string | number | boolean | null>;
  /** The object as the vendor's read operation returns it. */
  fields: unknown;
  /** Which read operation `fields` is (`wechat.code-get`...). */
  fieldsFrom: string;
  /** Other entities this one links to (its card, its coupons, its holdings...). */
  related: { label: string; rows: ListPage['rows']; columns: string[] }[];
  actions: EntityAction[];
  /** What to search the journal for (the entity's id). */
  historyQuery: string;
}

/** A bounded search window: offset and limit as asked, within sane bounds. */
export function windowOf(query: Record<string, string | undefined>): { offset: number; limit: number } {
  const offset = Math.max(0, Math.min(Number.parseInt(query.offset ?? '0', 10) || 0, 2 ** 31));
  const limit = Math.max(1, Math.min(Number.parseInt(query.limit ?? '20', 10) || 20, 200));
  return { offset, limit };
}

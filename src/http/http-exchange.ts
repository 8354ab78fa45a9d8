import type { Context } from 'hono';
import type { Operation } from '../operations.js';
import type { Exchange } from '../pipeline/exchange.js';
import type { World, WorldDirectory } from '../pipeline/world.js';

/**
 * The exchange of one vendor call over HTTP. A class rather than an object literal because every
 * call makes one: every field is in place from the start (one hidden class, in-object fields, no
 * growth as the steps fill them in) and the query readers are methods, not closures made per call.
 */
export class HttpExchange<M = unknown> implements Exchange<M> {
  caller: string | undefined = undefined;
  head: boolean | undefined = undefined;
  raw: Uint8Array | undefined = undefined;
  rawText: Exchange['rawText'] = undefined;
  input: unknown = undefined;
  outcome: string | undefined = undefined;
  /** The last query parameter read, and its value: the identity and token steps both read access_token. */
  private lastName: string | undefined = undefined;
  private lastValue: string | undefined = undefined;

  constructor(
    private readonly c: Context,
    public world: World,
    readonly worlds: WorldDirectory | undefined,
    readonly request: Request,
    readonly target: string,
    readonly params: Readonly<Record<string, string>>,
    public op: Operation | undefined,
    public meta: M,
    readonly exactLength: boolean,
  ) {}

  query(): Record<string, string> {
    return this.c.req.query();
  }

  queryParam(name: string): string | undefined {
    if (name !== this.lastName) {
      this.lastName = name;
      this.lastValue = this.c.req.query(name);
    }
    return this.lastValue;
  }
}

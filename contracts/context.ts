import { errorEntry } from '../src/errors/catalogue.js';
import { operation as findOperation, type Operation } from '../src/operations.js';
import type { ErrorKey } from '../src/types/error-key.js';
import type { Fixtures } from './config.js';
import { CaseSkipped, type ContractCase } from './cases/types.js';
import type { ContractSession } from './session.js';
import type { Exchange } from './transport.js';
import type { CallInput, Outcome } from './vendors/client.js';
import { ContractViolation, show, type Violation } from './violation.js';

/** The answer to one call: the raw exchange, what it means, the body and (waiqin) the decoded response_data. */
export interface CallResult {
  exchange: Exchange;
  outcome: Outcome;
  // Response bodies are checked against their schemas before a case reads them, hence `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
}

/** Where each vendor puts its error code, for violation paths. */
const CODE_PATH = { wechat: '/errcode', wechatpay: '/code', waiqin: '/return_code' } as const;
/** Schema of each vendor's error body, checked when the schemas define it. */
const ERROR_SCHEMA = {
  wechat: 'https://coupon-sandbox.dev/schemas/wechat/error.json',
  wechatpay: 'https://coupon-sandbox.dev/schemas/wechatpay/error.json',
  waiqin: 'https://coupon-sandbox.dev/schemas/waiqin/envelope.json',
} as const;

/**
 * What a case works with: calls that check the contract as they go (`ok`, `fail`), the sandbox
 * control surface, shared fixtures, and skipping with a reason. Every check records coverage only
 * when it passed.
 */
export class CaseContext {
  constructor(
    private readonly session: ContractSession,
    readonly current: ContractCase,
  ) {}

  get targetKind(): 'sandbox' | 'real' {
    return this.session.target.kind;
  }

  /** Fixtures shared by every case of the run (discovered ones are added as cases find them). */
  get fixtures(): Fixtures {
    return this.session.target.fixtures;
  }

  /** Values cases hand to later cases of the same run. */
  get scratch(): Map<string, unknown> {
    return this.session.scratch;
  }

  /** Now on the target's clock (the sandbox clock may have been moved by a scenario). */
  now(): number {
    return Date.now() + this.session.clockOffsetMs;
  }

  /** appid/secret of the WeChat target, when configured (token cases). */
  get wechatApp(): { appid?: string; secret?: string } {
    return { appid: this.session.target.wechat?.appid, secret: this.session.target.wechat?.secret };
  }

  /** Appid the WeChat Pay merchant is bound to. */
  get payAppid(): string | undefined {
    return this.session.clients.wechatpay?.appid;
  }

  get payMchid(): string | undefined {
    return this.session.clients.wechatpay?.mchid;
  }

  /** The ids the configuration lets writes touch (real targets), e.g. writeFixtures('wechat', 'code'). */
  writeFixtures(vendor: 'wechat' | 'wechatpay' | 'waiqin', kind: string): string[] {
    return ((this.session.config.writes.fixtures[vendor] ?? {}) as Record<string, string[] | undefined>)[kind] ?? [];
  }

  /** Skips the case; the reason shows in the console, the JUnit XML and the coverage report. */
  skip(reason: string): never {
    throw new CaseSkipped(reason);
  }

  /** The value, or a skip naming the missing fixture. */
  need<T>(value: T | undefined | null, what: string): T {
    if (value === undefined || value === null || value === '') this.skip(`no ${what} available (configure it or let an earlier case discover it)`);
    return value as T;
  }

  /** Records an id this run created, so later writes may touch it on a real target. */
  adopt(id: string | number | undefined): void {
    this.session.guard.adopt(id);
  }

  /** Sends one call without judging the answer. */
  async call(operationId: string, input: CallInput = {}): Promise<CallResult> {
    const op = findOperation(operationId);
    const client = this.session.clients[op.vendor];
    if (!client) this.skip(`${op.vendor} is not configured for this target`);
    const { request, fields } = await client.build(op, input);
    this.session.guard.check(op, { ...fields, ...(input.params ?? {}) });
    const exchange = await this.session.send(request, op);
    const outcome = client.outcome(op, exchange);
    return { exchange, outcome, body: exchange.json };
  }

  /**
   * Calls and requires success: the vendor's success envelope, every transport check (v3
   * signatures...), and the response schema (plus waiqin's decoded response_data schema). Throws a
   * {@link ContractViolation} listing every break.
   */
  async ok(operationId: string, input: CallInput = {}): Promise<CallResult> {
    const op = findOperation(operationId);
    const result = await this.call(operationId, input);
    const { exchange, outcome } = result;
    if (!outcome.ok) {
      throw new ContractViolation([
        {
          operation: op.id,
          path: exchange.json ? CODE_PATH[op.vendor] : 'status',
          expected: 'success',
          actual: `${outcome.code}${outcome.message ? ` ${show(outcome.message)}` : ''}`,
          message: 'the call failed',
        },
      ]);
    }
    const violations: Violation[] = [...this.session.clients[op.vendor]!.verify(op, exchange)];
    if (exchange.text !== '' || exchange.status !== 204) {
      violations.push(...this.schemaCheck(op.id, op.response, exchange.json === undefined ? exchange.text : exchange.json));
      this.session.drift.record(op.id, op.response, exchange.json);
    }
    if (op.responseData) result.data = this.decodeData(op, result.body, violations);
    if (violations.length) throw new ContractViolation(violations);
    this.session.coverage.success(op.id);
    return result;
  }

  /** A schema check whose breaks also go to the drift report: they are drift, not only failures. */
  private schemaCheck(operation: string, schema: string, data: unknown, prefix?: string): Violation[] {
    const found = this.session.validator.check(operation, schema, data, prefix);
    this.session.schemaMismatches.push(...found);
    return found;
  }

  /** waiqin's response_data is a JSON string: decode it and check it against the data schema. */
  private decodeData(op: Operation, body: { response_data?: unknown } | undefined, violations: Violation[]): unknown {
    const raw = body?.response_data;
    let data: unknown = raw ?? null;
    if (typeof raw === 'string') {
      try {
        data = JSON.parse(raw);
      } catch {
        violations.push({
          operation: op.id,
          path: '/response_data',
          expected: 'a JSON-encoded string',
          actual: show(raw),
          message: 'response_data does not parse',
        });
        return undefined;
      }
    }
    violations.push(...this.schemaCheck(op.id, op.responseData!, data, '/response_data(json)'));
    this.session.drift.record(op.id, op.responseData!, data);
    return data;
  }

  /**
   * Calls and requires the catalogued error `key` of the operation's vendor: exact code and HTTP
   * status. A differing message is reported as drift, not as a break (vendors reword messages and
   * append trace ids; clients key on codes).
   */
  async fail(operationId: string, input: CallInput, key: ErrorKey): Promise<CallResult> {
    const op = findOperation(operationId);
    const entry = errorEntry(op.vendor, key);
    const result = await this.call(operationId, input);
    const { exchange, outcome } = result;
    const violations: Violation[] = [];
    if (outcome.ok) {
      violations.push({
        operation: op.id,
        path: CODE_PATH[op.vendor],
        expected: `error ${show(entry.code)}`,
        actual: 'success',
        message: `expected ${entry.when}`,
      });
    } else if (outcome.code !== String(entry.code)) {
      violations.push({
        operation: op.id,
        path: exchange.json ? CODE_PATH[op.vendor] : 'status',
        expected: String(entry.code),
        actual: String(outcome.code),
        message: outcome.message ?? '',
      });
    }
    if (exchange.status !== entry.status) {
      violations.push({ operation: op.id, path: 'status', expected: String(entry.status), actual: String(exchange.status), message: `HTTP status of ${key}` });
    }
    if (!outcome.ok && this.session.validator.has(ERROR_SCHEMA[op.vendor])) {
      violations.push(...this.schemaCheck(op.id, ERROR_SCHEMA[op.vendor], exchange.json));
    }
    if (violations.length) throw new ContractViolation(violations);
    if (outcome.message !== undefined && !outcome.message.startsWith(entry.message)) {
      this.session.messageDrift.push({ operation: op.id, key, expected: entry.message, actual: outcome.message });
    }
    this.session.coverage.error(op.id, key);
    return result;
  }

  /** Requires `actual` to equal `expected` (deep), as a contract violation at `path` of `operationId`. */
  expect(operationId: string, path: string, actual: unknown, expected: unknown, message = ''): void {
    if (JSON.stringify(actual) === JSON.stringify(expected)) return;
    throw new ContractViolation([{ operation: operationId, path, expected: show(expected), actual: show(actual), message }]);
  }

  /** Calls the sandbox's control surface; a non-2xx answer fails the case. Refused on real targets. */
  async control<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    return this.session.control<T>(method, path, body);
  }
}

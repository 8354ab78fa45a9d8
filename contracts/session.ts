import type { Vendor } from '../src/index.js';
import { operation, type Operation } from '../src/operations.js';
import type { ContractConfig } from './config.js';
import { CaseContext } from './context.js';
import { Coverage } from './coverage.js';
import { CaseSkipped, type ContractCase } from './cases/types.js';
import { DriftCollector } from './drift.js';
import { leaseTarget, type ControlCall, type TargetLease } from './isolation.js';
import { Progress, type ProgressWrite } from './progress.js';
import { WriteGuard } from './safety.js';
import { openTarget, type OpenTarget } from './target.js';
import { RequestRefused, Transport, type Exchange, type SentRequest } from './transport.js';
import { ResponseValidator } from './validate.js';
import { ContractViolation, type Violation } from './violation.js';
import type { VendorClient } from './vendors/client.js';
import { WaiqinClient } from './vendors/waiqin.js';
import { WechatClient } from './vendors/wechat.js';
import { WechatPayClient } from './vendors/wechatpay.js';

/** The lease's way onto the control surface: through the run's transport (recorded, paced), with timings. */
/** JSON, and the leased world of a shared sandbox when there is one. */
function controlHeaders(target: OpenTarget): Record<string, string> {
  return { 'content-type': 'application/json', ...(target.world === undefined ? {} : { 'x-sandbox-world': target.world }) };
}

function rawControl(transport: Transport, target: OpenTarget): ControlCall {
  return async (method, path, body) => {
    const exchange = await transport.send(
      { method, url: `${target.controlUrl}${path}`, headers: controlHeaders(target), body: body === undefined ? undefined : JSON.stringify(body) },
      'control',
    );
    return { status: exchange.status, json: exchange.json, endedAt: Date.now(), ms: exchange.ms };
  };
}

/** The result of one case. */
export interface CaseResult {
  id: string;
  title: string;
  vendor: Vendor;
  kind: ContractCase['kind'];
  operations: string[];
  errorKey?: string;
  transitions?: string[];
  status: 'passed' | 'failed' | 'skipped';
  /** Why it was skipped, or the failure message. */
  reason?: string;
  violations: Violation[];
  ms: number;
}

/** A documented error answered with the right code but another message (drift, not a break). */
export interface MessageDrift {
  operation: string;
  key: string;
  expected: string;
  actual: string;
}

export interface SessionOptions {
  /** Replaces global fetch for every request (tests). */
  fetch?: typeof fetch;
  /** Where progress lines go (default: stderr). */
  progress?: ProgressWrite;
}

// Validators and schema walks are built once per process, like the emulator's registry.
let sharedValidator: ResponseValidator | undefined;

/**
 * One contract run against one target: opens it, runs cases one by one, and keeps what the
 * reports need (results, coverage, drift, every exchange).
 */
export class ContractSession {
  readonly transport: Transport;
  readonly guard: WriteGuard;
  readonly validator = (sharedValidator ??= new ResponseValidator());
  readonly drift = new DriftCollector();
  readonly coverage = new Coverage();
  readonly results: CaseResult[] = [];
  readonly messageDrift: MessageDrift[] = [];
  /** Every way a response broke its schema (wrong type, missing required field...): real drift. */
  readonly schemaMismatches: Violation[] = [];
  /** What closing the run did to the target (clock put back, sandbox reset...). */
  teardown: string[] = [];
  /** Set once a control call moved the sandbox clock (or reset it), so it must be put back. */
  private clockMoved = false;
  private progress = new Progress(0, false, false);
  /** Values cases hand to later cases (a card the kit created, a coupon it sent...). */
  readonly scratch = new Map<string, unknown>();
  /** Target clock minus local clock (a sandbox whose clock a scenario moved). */
  clockOffsetMs = 0;
  clients: Partial<Record<Vendor, VendorClient>> & { wechat?: WechatClient; wechatpay?: WechatPayClient; waiqin?: WaiqinClient } = {};

  private constructor(
    readonly config: ContractConfig,
    readonly target: OpenTarget,
    private readonly options: SessionOptions,
    transport: Transport,
    /** How this run keeps the target as it found it (see isolation.ts). */
    readonly lease: TargetLease,
  ) {
    this.transport = transport;
    this.guard = new WriteGuard(target.kind === 'real', config.writes, lease.refusal);
    const send = (request: SentRequest, op: Operation) => this.send(request, op);
    const wanted = (v: Vendor) => config.vendors.includes(v);
    if (wanted('wechat') && target.wechat) this.clients.wechat = new WechatClient(target.wechat, send);
    if (wanted('wechatpay') && target.wechatpay?.mchid && target.wechatpay.privateKey) this.clients.wechatpay = new WechatPayClient(target.wechatpay);
    if (wanted('waiqin') && target.waiqin?.openid) this.clients.waiqin = new WaiqinClient(target.waiqin);
  }

  /** Opens the configured target (starting a sandbox when asked) and readies the vendor clients. */
  static async open(config: ContractConfig, options: SessionOptions = {}): Promise<ContractSession> {
    const target = await openTarget(config, options.fetch);
    const transport = new Transport({ paceMs: config.paceMs, timeoutMs: config.timeoutMs, fetch: options.fetch });
    let lease: TargetLease;
    try {
      lease = await leaseTarget(target, config, rawControl(transport, target));
    } catch (error) {
      await target.close();
      throw error;
    }
    const session = new ContractSession(config, target, options, transport, lease);
    if (target.kind === 'sandbox') await session.syncClock();
    return session;
  }

  /** Starts counting cases for the progress lines and says what the target is. */
  startProgress(total: number): void {
    this.progress = new Progress(total, this.config.progressMs, this.target.kind === 'real', this.options.progress);
    const where = this.target.kind === 'real' ? 'the real APIs' : `the sandbox at ${this.target.controlUrl}`;
    const how = {
      own: 'started by the kit, stopped after the run',
      'shared-read-only': "not the kit's own: read-only, write cases are skipped (CONTRACT_RESET_SANDBOX=1 runs them and resets it)",
      'shared-world': "not the kit's own: every case runs in a world of its own, deleted after the run",
      'shared-reset': "not the kit's own: CONTRACT_RESET_SANDBOX=1, it is reset to its seeded world after the run",
      real: this.config.writes.allow ? 'writes allowed on the named fixtures only' : 'read-only',
    }[this.lease.mode];
    this.progress.note(`${total} cases against ${where} (${how})`);
  }

  /** Sends a vendor request through the paced transport (the guard has already approved it). */
  send(request: SentRequest, op: Operation): Promise<Exchange> {
    return this.transport.send(request, op);
  }

  /** Calls the sandbox control surface (never on a real target) and keeps the kit's clocks in step. */
  async control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    this.guard.check('control', {}, method);
    if (!this.target.controlUrl) throw new RequestRefused('this target has no control surface');
    const exchange = await this.transport.send(
      {
        method,
        url: this.target.controlUrl + path,
        headers: controlHeaders(this.target),
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      'control',
    );
    const movesClock = method === 'POST' && (path.startsWith('/_sandbox/clock') || path.startsWith('/_sandbox/reset'));
    if (movesClock) this.clockMoved = true;
    if (exchange.status < 200 || exchange.status >= 300) {
      throw new Error(`control ${method} ${path} answered HTTP ${exchange.status}: ${exchange.text.slice(0, 300)}`);
    }
    if (movesClock) await this.syncClock();
    return exchange.json as T;
  }

  /** waiqin path timestamps and datacube dates follow the sandbox clock, which scenarios may move (v3 signatures use the wall clock, like SDKs). */
  private async syncClock(): Promise<void> {
    const exchange = await this.transport.send(
      { method: 'GET', url: `${this.target.controlUrl}/_sandbox/clock`, headers: controlHeaders(this.target) },
      'control',
    );
    const now = (exchange.json as { now?: number } | undefined)?.now;
    if (typeof now !== 'number') return;
    const offset = now - Date.now();
    this.clockOffsetMs = offset;
    if (this.clients.waiqin) this.clients.waiqin.clockOffsetMs = offset;
    // A token from before a jump may have expired in sandbox time: fetch a fresh one when needed.
    this.clients.wechat?.forgetToken();
  }

  /** Why this case cannot run on this target, or undefined when it can. */
  private unmet(c: ContractCase): string | undefined {
    if (!this.clients[c.vendor]) return `${c.vendor} is not configured for this target (see the ${c.vendor.toUpperCase()}_* variables)`;
    if (c.needs?.control && this.target.kind === 'real') return 'needs the sandbox control surface (/_sandbox/), which a real API does not have';
    // Every case that needs the control surface changes state through it (review, give, clock).
    const writes = c.needs?.writes || c.needs?.control || c.operations.some((id) => operation(id).writes);
    if (writes && !this.guard.writesAllowed) return this.guard.refusal;
    if (c.needs?.wechatSecret && !this.clients.wechat?.canFetchToken) return 'needs WECHAT_APPID and WECHAT_SECRET (only an access token is configured)';
    return undefined;
  }

  /** Runs one case and records its result; never throws. */
  async runCase(c: ContractCase): Promise<CaseResult> {
    const started = Date.now();
    const base = {
      id: c.id,
      title: c.title,
      vendor: c.vendor,
      kind: c.kind,
      operations: c.operations,
      errorKey: c.errorKey,
      transitions: c.transitions,
      violations: [] as Violation[],
    };
    let result: CaseResult;
    const unmet = this.unmet(c);
    if (unmet) {
      result = { ...base, status: 'skipped', reason: unmet, ms: 0 };
    } else {
      this.transport.caseId = c.id;
      try {
        await c.run(new CaseContext(this, c));
        if (c.kind === 'scenario' && c.transitions) this.coverage.transition(c.id, c.transitions);
        result = { ...base, status: 'passed', ms: Date.now() - started };
      } catch (error) {
        const ms = Date.now() - started;
        if (error instanceof CaseSkipped) result = { ...base, status: 'skipped', reason: error.reason, ms };
        else if (error instanceof RequestRefused) result = { ...base, status: 'skipped', reason: `refused by the safety policy: ${error.message}`, ms };
        else if (error instanceof ContractViolation) result = { ...base, status: 'failed', reason: error.message, violations: error.violations, ms };
        else result = { ...base, status: 'failed', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error), ms };
      } finally {
        this.transport.caseId = undefined;
      }
    }
    this.results.push(result);
    this.progress.caseDone(result);
    return result;
  }

  /**
   * Puts the target back as the run found it (see {@link TargetLease}) and stops a sandbox the kit
   * started. Throws when the target could not be put back, after stopping it.
   */
  async close(): Promise<void> {
    try {
      this.teardown = await this.lease.release({ clockMoved: this.clockMoved });
      for (const line of this.teardown) this.progress.note(line);
    } finally {
      await this.target.close();
    }
  }
}

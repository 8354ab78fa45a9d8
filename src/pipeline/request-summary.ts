import { maskSecrets } from './log-mask.js';

/**
 * One answered request, as a log line or a test sees it: what was asked, which operation or
 * control action served it, and the vendor's outcome.
 */
export interface RequestSummary {
  method: string;
  /** Path and query, with secrets (access_token, secret) masked. */
  target: string;
  /** Catalogue operation id, `control:<path>` for the sandbox's own surface, undefined when nothing matched. */
  operation?: string;
  /** `ok`, or the vendor's error (WeChat errcode, WeChat Pay code, waiqin365 return_code), or the HTTP status. */
  outcome: string;
  status: number;
  /** Milliseconds from the request's arrival to its answer. */
  ms: number;
}

/**
 * A request target with every secret query value masked (access_token, secret, the control
 * token...: src/pipeline/log-mask.ts), so logs never carry a usable token.
 *
 * @example
 * maskTarget('/card/get?access_token=abc') // '/card/get?access_token=***'
 */
export function maskTarget(target: string): string {
  return maskSecrets(target);
}

/**
 * The one-line form: `POST /card/code/consume?access_token=*** wechat.code-consume 40099 3.1ms`.
 *
 * @example
 * formatSummary({ method: 'GET', target: '/_sandbox/clock', operation: 'control:/_sandbox/clock', outcome: 'ok', status: 200, ms: 0.4 })
 */
export function formatSummary(summary: RequestSummary): string {
  return `${summary.method} ${summary.target} ${summary.operation ?? '-'} ${summary.outcome} ${summary.ms.toFixed(1)}ms`;
}

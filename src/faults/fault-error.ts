/**
 * What a direct call (`sandbox.call`) rejects with for a fault that only a connection can show
 * (timeout_after_commit, connection_reset, empty_response, malformed_body): there is no socket to
 * misbehave, so the call fails as a client library would report a transport failure.
 * `committed` says whether the operation was applied before the failure.
 */
export class SandboxFaultError extends Error {
  constructor(
    readonly kind: string,
    readonly committed: boolean,
  ) {
    super(`coupon-sandbox: injected ${kind}${committed ? ' (the operation was applied)' : ''}`);
    this.name = 'SandboxFaultError';
  }
}

import { action } from '../pipeline/control-action.js';
import { ControlError } from '../pipeline/control-error.js';
import type { World } from '../pipeline/world.js';
import { schemaId } from '../schema/registry.js';
import type { SandboxClearQuotaRequest } from '../types/sandbox/clear-quota.request.js';
import type { SandboxFaultRequest } from '../types/sandbox/fault.request.js';
import type { SandboxLimitsRequest } from '../types/sandbox/limits.request.js';

type Target = { readonly world: World };
const schema = (name: string) => schemaId(`sandbox/${name}.request.json`);

/**
 * `/_sandbox/faults` and `/_sandbox/limits`: the world's fault rules, their log, and the opt-in
 * rate limits. Part of the world's control table (src/pipeline/world-controls.ts), so the app mounts
 * them and the OpenAPI control document lists them.
 */
export const faultControls = {
  addFault: action(
    {
      method: 'POST',
      path: '/_sandbox/faults',
      summary: 'Add a fault rule: vendor_error, latency, timeout_after_commit, connection_reset, empty_response or malformed_body',
      request: schema('fault'),
      writes: true,
    },
    ({ world }: Target, input: SandboxFaultRequest) => world.faults.add(input, world.options.seed),
  ),
  listFaults: action(
    { method: 'GET', path: '/_sandbox/faults', summary: 'The fault rules with their match and hit counts', writes: false },
    ({ world }: Target) => ({ faults: world.faults.list() }),
  ),
  faultLog: action(
    { method: 'GET', path: '/_sandbox/faults/log', summary: 'The latest injected faults and over-limit answers (bounded)', writes: false },
    ({ world }: Target) => ({ log: world.faults.log() }),
  ),
  removeFault: action(
    { method: 'DELETE', path: '/_sandbox/faults/:id', summary: 'Remove one fault rule', writes: true },
    ({ world }: Target, input: { id: string }) => {
      if (!world.faults.remove(input.id)) throw new ControlError(404, 'NOT_FOUND', `no fault rule ${input.id}`);
      return { ok: true as const, id: input.id };
    },
  ),
  clearFaults: action({ method: 'DELETE', path: '/_sandbox/faults', summary: 'Remove every fault rule', writes: true }, ({ world }: Target) => {
    world.faults.clear();
    return { ok: true as const };
  }),
  setLimits: action(
    {
      method: 'POST',
      path: '/_sandbox/limits',
      summary: 'Turn on (or off, with null) WeChat Pay QPS and WeChat daily quotas, counted on the sandbox clock',
      request: schema('limits'),
      writes: true,
    },
    ({ world }: Target, input: SandboxLimitsRequest) => {
      world.faults.limits.configure(input);
      return world.faults.limits.toJSON(world.clock.now());
    },
  ),
  limits: action(
    { method: 'GET', path: '/_sandbox/limits', summary: 'The rate limits and the counters of the current second / Shanghai day', writes: false },
    ({ world }: Target) => world.faults.limits.toJSON(world.clock.now()),
  ),
  clearQuota: action(
    {
      method: 'POST',
      path: '/_sandbox/limits/clear-quota',
      summary: "Zero today's WeChat daily-quota counters (one appid, or all)",
      request: schema('clear-quota'),
      writes: true,
    },
    ({ world }: Target, input: SandboxClearQuotaRequest) => ({ ok: true as const, cleared: world.faults.limits.clearQuota(input.appid) }),
  ),
};

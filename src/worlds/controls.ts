import { action } from '../pipeline/control-action.js';
import { ControlError } from '../pipeline/control-error.js';
import type { VendorModule } from '../pipeline/vendor-module.js';
import { worldCredentials } from '../pipeline/world-controls.js';
import { schemaId } from '../schema/registry.js';
import type { SandboxWorldsRequest } from '../types/sandbox/worlds.request.js';
import type { WorldRegistry } from './registry.js';

/** What the worlds actions act on: the registry and the vendors every world holds. */
export interface WorldsTarget {
  readonly registry: WorldRegistry;
  readonly vendors: readonly VendorModule[];
}

/** `/_sandbox/worlds`: create, list and delete isolated worlds. */
export const worldsControls = {
  createWorld: action(
    {
      method: 'POST',
      path: '/_sandbox/worlds',
      summary: 'Create an isolated world (own credentials, data, clock, tokens); its id names it on every /_sandbox/ route (?world= or X-Sandbox-World)',
      request: schemaId('sandbox/worlds.request.json'),
      writes: true,
    },
    ({ registry, vendors }: WorldsTarget, input: SandboxWorldsRequest) => {
      const { id, world } = registry.create(input);
      return { id, credentials: worldCredentials({ world, vendors }) };
    },
  ),
  listWorlds: action(
    { method: 'GET', path: '/_sandbox/worlds', summary: 'Every world: the default one and the created ones, with when each expires', writes: false },
    ({ registry }: WorldsTarget) => ({ worlds: registry.list() }),
  ),
  deleteWorld: action(
    { method: 'DELETE', path: '/_sandbox/worlds/:id', summary: 'Remove a created world: its credentials and tokens stop working at once', writes: true },
    ({ registry }: WorldsTarget, input: { id: string }) => {
      if (input.id === 'default') throw new ControlError(400, 'BAD_REQUEST', 'the default world cannot be deleted (POST /_sandbox/reset restores it)');
      if (!registry.remove(input.id)) throw new ControlError(404, 'NOT_FOUND', `no world ${JSON.stringify(input.id)}`);
      return { ok: true as const, id: input.id };
    },
  ),
};

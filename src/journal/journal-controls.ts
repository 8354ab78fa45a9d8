import { action } from '../pipeline/control-action.js';
import { ControlError } from '../pipeline/control-error.js';
import type { World } from '../pipeline/world.js';
import { schemaId } from '../schema/registry.js';
import type { SandboxSnapshotRequest } from '../types/sandbox/snapshot.request.js';
import type { RequestFilter } from './requests-ring.js';

type Target = { readonly world: World };
type Query = Record<string, string | undefined>;

/** A positive integer query parameter, or undefined when absent; 400 when it is not one. */
function count(query: Query, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new ControlError(400, 'BAD_REQUEST', `${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw);
}

const requestFilter = (query: Query): RequestFilter => ({
  vendor: query.vendor,
  operation: query.operation,
  outcome: query.outcome,
  limit: count(query, 'limit'),
  after: count(query, 'after'),
});

/**
 * `/_sandbox/journal`, `/_sandbox/requests` and `/_sandbox/snapshots`: what happened in a world, and
 * named snapshots of it. Part of the world's control table (src/pipeline/world-controls.ts), so
 * taking, restoring and deleting a snapshot are journaled like every other action.
 */
export const journalControls = {
  journal: action(
    { method: 'GET', path: '/_sandbox/journal', summary: 'Every state change, newest first (?vendor=&operation=&since=&limit=&q=)', writes: false },
    ({ world }: Target, query: Query) => ({
      entries: world.journal.select({ vendor: query.vendor, operation: query.operation, since: query.since, limit: count(query, 'limit'), q: query.q }),
    }),
  ),
  requests: action(
    {
      method: 'GET',
      path: '/_sandbox/requests',
      summary: 'The last requests, reads included, newest first (?vendor=&operation=&outcome=&limit=&after=)',
      writes: false,
    },
    ({ world }: Target, query: Query) => ({ requests: world.requests.list(requestFilter(query)) }),
  ),
  requestsCount: action(
    { method: 'GET', path: '/_sandbox/requests/count', summary: 'How many requests in the ring match (?operation=&vendor=&outcome=)', writes: false },
    ({ world }: Target, query: Query) => ({ count: world.requests.count({ ...requestFilter(query), limit: undefined }) }),
  ),
  snapshots: action({ method: 'GET', path: '/_sandbox/snapshots', summary: 'The named snapshots of this world', writes: false }, ({ world }: Target) => ({
    snapshots: world.journal.snapshots.list(),
  })),
  takeSnapshot: action(
    {
      method: 'POST',
      path: '/_sandbox/snapshots',
      summary: 'Take a snapshot of the whole world under a name',
      request: schemaId('sandbox/snapshot.request.json'),
      writes: true,
    },
    ({ world }: Target, input: SandboxSnapshotRequest) => world.journal.snapshots.take(world, input.name),
  ),
  restoreSnapshot: action(
    { method: 'POST', path: '/_sandbox/snapshots/:name/restore', summary: 'Put the world back as the snapshot holds it', writes: true },
    ({ world }: Target, input: { name: string }) => {
      if (!world.journal.snapshots.restore(world, input.name)) throw new ControlError(404, 'NOT_FOUND', `no snapshot ${input.name}`);
      return { ok: true as const, name: input.name, clock: world.clock.toJSON() };
    },
  ),
  deleteSnapshot: action(
    { method: 'DELETE', path: '/_sandbox/snapshots/:name', summary: 'Delete a snapshot', writes: true },
    ({ world }: Target, input: { name: string }) => {
      if (!world.journal.snapshots.delete(input.name)) throw new ControlError(404, 'NOT_FOUND', `no snapshot ${input.name}`);
      return { ok: true as const, name: input.name };
    },
  ),
};

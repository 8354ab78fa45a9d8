import { action } from '../pipeline/control-action.js';
import { ControlError } from '../pipeline/control-error.js';
import type { WorldTarget } from '../pipeline/world-controls.js';
import { schemaId } from '../schema/registry.js';
import type { SandboxNotificationsNextRequest } from '../types/sandbox/notifications-next.request.js';
import type { NotificationStatus, NotifyingVendor } from './notification.js';
import { notificationView, type Outbox } from './outbox.js';

const VENDORS: readonly string[] = ['wechatpay', 'wechat'];
const STATUSES: readonly string[] = ['pending', 'delivered', 'failed'];

/** One notification by its path id, or a 404. */
function found(outbox: Outbox, id: string) {
  const n = outbox.get(id);
  if (!n) throw new ControlError(404, 'NOT_FOUND', `no notification ${id}`);
  return n;
}

function filterOf(input: { vendor?: string; status?: string; limit?: string }) {
  if (input.vendor !== undefined && !VENDORS.includes(input.vendor)) throw new ControlError(400, 'BAD_REQUEST', `vendor must be one of ${VENDORS.join(', ')}`);
  if (input.status !== undefined && !STATUSES.includes(input.status))
    throw new ControlError(400, 'BAD_REQUEST', `status must be one of ${STATUSES.join(', ')}`);
  const limit = input.limit === undefined ? 100 : Number(input.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ControlError(400, 'BAD_REQUEST', 'limit must be an integer from 1 to 1000');
  return { vendor: input.vendor as NotifyingVendor | undefined, status: input.status as NotificationStatus | undefined, limit };
}

/**
 * `/_sandbox/notifications`: the delivery log of the world's outbox (each notification with every
 * attempt and the exact request sent) and what a test does to a receiver: redeliver now, send the
 * next one twice or two out of order, send a signature probe. Part of the world's control table.
 */
export const notificationControls = {
  notifications: action(
    {
      method: 'GET',
      path: '/_sandbox/notifications',
      summary: 'The delivery log (?vendor=&status=&limit=)',
      writes: false,
    },
    ({ world }: WorldTarget, input: { vendor?: string; status?: string; limit?: string }) => ({
      notifications: world.notifications.list(filterOf(input)).map(notificationView),
    }),
  ),
  notification: action(
    { method: 'GET', path: '/_sandbox/notifications/:id', summary: 'One notification with its attempts', writes: false },
    ({ world }: WorldTarget, input: { id: string }) => notificationView(found(world.notifications, input.id)),
  ),
  redeliverNotification: action(
    {
      method: 'POST',
      path: '/_sandbox/notifications/:id/redeliver',
      runsHere: true,
      summary: 'Send a notification again now',
      writes: true,
    },
    async ({ world }: WorldTarget, input: { id: string }) => {
      found(world.notifications, input.id);
      return notificationView((await world.notifications.redeliver(input.id))!);
    },
  ),
  probeNotification: action(
    {
      method: 'POST',
      path: '/_sandbox/notifications/:id/probe',
      runsHere: true,
      summary: 'Send a signature probe of a notification',
      writes: true,
    },
    async ({ world }: WorldTarget, input: { id: string }) => {
      found(world.notifications, input.id);
      const attempt = (await world.notifications.probe(input.id))!;
      const view = notificationView(found(world.notifications, input.id));
      return { ...view.attempts[view.attempts.length - 1]!, rejected: !attempt.ok };
    },
  ),
  duplicateNext: action(
    {
      method: 'POST',
      path: '/_sandbox/notifications/duplicate-next',
      summary: 'Send the next delivery twice',
      request: schemaId('sandbox/notifications-next.request.json'),
      writes: true,
    },
    ({ world }: WorldTarget, input: SandboxNotificationsNextRequest) => {
      world.notifications.duplicateNext(input.vendor);
      return { ok: true as const };
    },
  ),
  outOfOrder: action(
    {
      method: 'POST',
      path: '/_sandbox/notifications/out-of-order',
      summary: 'Send the next two notifications out of order',
      request: schemaId('sandbox/notifications-next.request.json'),
      writes: true,
    },
    ({ world }: WorldTarget, input: SandboxNotificationsNextRequest) => {
      world.notifications.outOfOrderNext(input.vendor);
      return { ok: true as const };
    },
  ),
  deliverDue: action(
    { method: 'POST', path: '/_sandbox/notifications/deliver', summary: 'Deliver what is due now', writes: true, runsHere: true },
    async ({ world }: WorldTarget) => {
      await world.notifications.deliverNow(undefined, true);
      return { ok: true as const, pending: world.notifications.list({ status: 'pending', limit: 1000 }).length };
    },
  ),
};

import type { Hono } from 'hono';
import type { Sandbox } from '../sandbox.js';
import { schemaId } from '../schema/registry.js';
import { controlBody, ControlError } from './control.js';

/** Vendor-neutral control routes: credentials, reset, clock. Vendors add theirs under `/_sandbox/<vendor>/`. */
export function mountControlRoutes(app: Hono, sandbox: Sandbox): void {
  app.get('/_sandbox/credentials', (c) => c.json(sandbox.credentials()));

  app.post('/_sandbox/reset', async (c) => {
    const body = await controlBody<{ seed?: number; empty?: boolean }>(c, schemaId('sandbox/reset.request.json'));
    sandbox.reset(body);
    return c.json({ ok: true, seed: sandbox.options.seed, empty: sandbox.options.empty, clock: sandbox.clock.toJSON() });
  });

  app.get('/_sandbox/clock', (c) => c.json(sandbox.clock.toJSON()));

  app.post('/_sandbox/clock', async (c) => {
    const body = await controlBody<{ set?: string | number; advance_seconds?: number; freeze?: boolean; real?: true }>(
      c,
      schemaId('sandbox/clock.request.json'),
    );
    const clock = sandbox.clock;
    if (body.real) clock.resetToReal();
    if (body.set !== undefined) {
      const at = typeof body.set === 'number' ? body.set : Date.parse(body.set);
      if (Number.isNaN(at)) throw new ControlError(400, 'BAD_REQUEST', `cannot read date ${String(body.set)}`);
      clock.set(at);
    }
    if (body.advance_seconds !== undefined) clock.advance(body.advance_seconds * 1000);
    if (body.freeze === true) clock.freeze();
    if (body.freeze === false) clock.unfreeze();
    return c.json(clock.toJSON());
  });
}

// msw is a peer dependency (package.json: ^2.8.0): the handlers must run on the user's msw, at
// both ends of the range, so that the README's per-test override `server.use(http.post(...))` wins.
// Each case is a throwaway consumer project whose node_modules/msw is one end of the range (npm
// aliases msw-lowest / msw-highest of the devDependencies) and whose coupon-sandbox is the built
// package; a script there (fixtures/msw-override.mjs or .cjs, with msw-scenario.cjs) proves a sandbox answer, then the
// override, then the sandbox again after resetHandlers(), through createSandboxHandlers with the
// user's setupServer and through setupSandboxServer.
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeConsumer, REPO, type Consumer } from '../support/consumer.js';

const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
const fixture = (name: string) => readFileSync(join(REPO, 'test/package/fixtures', name), 'utf8');
/** The consumer's scripts: the shared scenario and its ESM and CommonJS callers. */
const SCRIPTS = { 'msw-scenario.cjs': fixture('msw-scenario.cjs'), 'main.mjs': fixture('msw-override.mjs'), 'main.cjs': fixture('msw-override.cjs') };

/** The two ends: `npm:msw@X` aliases, X the lowest version of the peer range and the newest 2.x. */
const ENDS = [
  { alias: 'msw-lowest', version: manifest.devDependencies!['msw-lowest']!.replace('npm:msw@', '') },
  { alias: 'msw-highest', version: manifest.devDependencies!['msw-highest']!.replace('npm:msw@', '') },
];

const consumers: Consumer[] = [];
afterAll(() => consumers.forEach((c) => c.remove()));

interface Scenario {
  code: string;
  sandboxAnswer: Record<string, unknown>;
  overridden: Record<string, unknown>;
  afterReset: Record<string, unknown>;
}
interface Outcome {
  mswVersion: string;
  mswOfPackage: string;
  mswOfConsumer: string;
  createSandboxHandlers?: Scenario;
  setupSandboxServer?: Scenario;
}

async function runIn(consumer: Consumer, file: string, args: string[] = []): Promise<Outcome> {
  consumers.push(consumer);
  const { stdout } = await consumer.node(file, args);
  return JSON.parse(stdout.trim().split('\n').pop()!) as Outcome;
}

function expectOverrideWins(scenario: Scenario | undefined): void {
  expect(scenario).toBeDefined();
  const { code, sandboxAnswer, overridden, afterReset } = scenario!;
  // The sandbox: the code just given to the test user, NORMAL.
  expect(sandboxAnswer).toMatchObject({ errcode: 0, errmsg: 'ok', card: { code }, user_card_status: 'NORMAL', can_consume: true });
  // The per-test override, then the sandbox again.
  expect(overridden).toEqual({ errcode: -1, errmsg: 'system error (override)' });
  expect(afterReset).toEqual(sandboxAnswer);
}

describe('msw as a peer dependency', () => {
  it('is a peer (optional: only coupon-sandbox/msw needs it) and no dependency pulls a copy of its own', () => {
    expect(manifest.peerDependencies!.msw).toBe(`^${ENDS[0]!.version.replace(/\.\d+$/, '.0')}`);
    expect((manifest.peerDependenciesMeta as unknown as Record<string, { optional?: boolean }>).msw).toEqual({ optional: true });
    expect(manifest.dependencies).not.toHaveProperty('msw');
    expect(ENDS[1]!.version.split('.')[0]).toBe('2');
    // No production dependency of the package depends on msw (npm would nest a private copy).
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean; peer?: boolean; dependencies?: Record<string, string> }>;
    };
    const pullers = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && !pkg.dev && !pkg.devOptional && pkg.dependencies?.msw !== undefined)
      .map(([path]) => path);
    expect(pullers).toEqual([]);
  });

  for (const end of ENDS) {
    it(`msw ${end.version} (${end.alias}), ESM: the sandbox answers through the user's msw and server.use(http.post(...)) wins`, async () => {
      const outcome = await runIn(makeConsumer({ type: 'module', msw: end.alias, files: SCRIPTS }), 'main.mjs');
      expect(outcome.mswVersion).toBe(end.version);
      expect(outcome.mswOfPackage).toBe(outcome.mswOfConsumer); // one msw: the user's
      expect(outcome.mswOfConsumer).toBe(join(REPO, 'node_modules', end.alias));
      expectOverrideWins(outcome.createSandboxHandlers);
      expectOverrideWins(outcome.setupSandboxServer);
    }, 60_000);

    it(`msw ${end.version} (${end.alias}), CommonJS (require): the same`, async () => {
      const outcome = await runIn(makeConsumer({ type: 'commonjs', msw: end.alias, files: SCRIPTS }), 'main.cjs');
      expect(outcome.mswVersion).toBe(end.version);
      expect(outcome.mswOfPackage).toBe(outcome.mswOfConsumer);
      expectOverrideWins(outcome.createSandboxHandlers);
      expectOverrideWins(outcome.setupSandboxServer);
    }, 60_000);
  }

  it('control: with a private msw nested under coupon-sandbox (what a hard dependency gave), the override is silently ignored', async () => {
    const consumer = makeConsumer({ type: 'module', msw: 'msw-highest', files: SCRIPTS });
    mkdirSync(join(consumer.dir, 'node_modules/coupon-sandbox/node_modules'));
    symlinkSync(join(REPO, 'node_modules/msw-lowest'), join(consumer.dir, 'node_modules/coupon-sandbox/node_modules/msw'), 'dir');
    const outcome = await runIn(consumer, 'main.mjs', ['setupSandboxServer']);
    expect(outcome.mswOfPackage).not.toBe(outcome.mswOfConsumer);
    const { sandboxAnswer, overridden } = outcome.setupSandboxServer!;
    expect(sandboxAnswer).toMatchObject({ errcode: 0, user_card_status: 'NORMAL' });
    expect(overridden).toEqual(sandboxAnswer); // the user's http.post never ran: the bug the peer dependency fixes
  }, 60_000);
});

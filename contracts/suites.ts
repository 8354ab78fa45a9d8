import { afterAll, beforeAll, describe, it } from 'vitest';
import { contractCases } from './cases/index.js';
import type { ContractConfig } from './config.js';
import { consoleSummary, summarize, writeReports } from './report.js';
import { ContractSession, type SessionOptions } from './session.js';

/**
 * Registers the contract cases as vitest tests, one `it` per case, grouped by vendor and kind.
 * Cases run one after another against one target (opened in `beforeAll`, closed in `afterAll`);
 * a case the target cannot support is skipped with its reason (shown by the console reporter and
 * attached to the JUnit test case as a `skip-reason` property). The coverage and drift reports
 * are written after the last case.
 *
 * @example
 * // contracts.test.ts in your project
 * import { contractConfigFromEnv, defineContractSuites } from 'coupon-sandbox/contracts';
 * defineContractSuites(contractConfigFromEnv());
 */
export function defineContractSuites(config: ContractConfig, options: SessionOptions = {}): void {
  const cases = contractCases(config);
  let session: ContractSession | undefined;

  describe(`coupon contracts (${config.target})`, () => {
    beforeAll(async () => {
      session = await ContractSession.open(config, options);
      session.startProgress(cases.length);
    }, 60_000);

    afterAll(async () => {
      if (!session) return;
      // Reports are written even when the target could not be put back; then the suite fails.
      let failure: unknown;
      try {
        await session.close();
      } catch (error) {
        failure = error;
      }
      const run = summarize(session);
      if (config.reportsDir) writeReports(run, config.reportsDir);
      console.log(consoleSummary(run));
      if (failure) throw failure instanceof Error ? failure : new Error('the contract run failed', { cause: failure });
    });

    for (const vendor of config.vendors) {
      for (const kind of ['operation', 'error', 'scenario'] as const) {
        const group = cases.filter((c) => c.vendor === vendor && c.kind === kind);
        if (!group.length) continue;
        describe(`${vendor} ${kind}s`, () => {
          for (const c of group) {
            it(
              c.title,
              async (ctx) => {
                if (!session) throw new Error('the contract target did not open (see beforeAll)');
                const result = await session.runCase(c);
                if (result.status === 'skipped') {
                  await ctx.annotate(result.reason ?? 'skipped', 'skip-reason');
                  ctx.skip(result.reason);
                }
                if (result.status === 'failed') throw new Error(`${c.id}\n${result.reason}`);
              },
              Math.max(config.timeoutMs * 4, 30_000) + config.paceMs * 40,
            );
          }
        });
      }
    }
  });
}

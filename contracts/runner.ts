import { contractCases } from './cases/index.js';
import type { ContractConfig } from './config.js';
import { consoleSummary, summarize, writeReports, type ContractRun } from './report.js';
import { ContractSession, type SessionOptions } from './session.js';
import type { Exchange } from './transport.js';

/** A finished run plus every exchange it made (what the safety tests inspect). */
export interface ContractRunWithLog extends ContractRun {
  exchanges: Exchange[];
}

/**
 * Runs every contract case against the configured target outside vitest (scripts, tests of the
 * kit itself) and returns the results; writes the reports when `config.reportsDir` is set.
 *
 * @example
 * const run = await runContracts(contractConfig({ reportsDir: false }));
 * if (run.failed) console.log(run.results.filter((r) => r.status === 'failed'));
 */
export async function runContracts(config: ContractConfig, options: SessionOptions & { log?: (line: string) => void } = {}): Promise<ContractRunWithLog> {
  const session = await ContractSession.open(config, options);
  const cases = contractCases(config);
  let failure: unknown;
  try {
    session.startProgress(cases.length);
    for (const c of cases) await session.runCase(c);
  } finally {
    // Put the target back whatever happened; if that fails, report first, then throw.
    try {
      await session.close();
    } catch (error) {
      failure = error;
    }
  }
  const run = summarize(session);
  if (config.reportsDir) writeReports(run, config.reportsDir);
  options.log?.(consoleSummary(run));
  if (failure) throw failure instanceof Error ? failure : new Error('the contract run failed', { cause: failure });
  return { ...run, exchanges: session.transport.log };
}

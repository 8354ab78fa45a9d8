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
  try {
    for (const c of contractCases(config)) await session.runCase(c);
  } finally {
    await session.close();
  }
  const run = summarize(session);
  if (config.reportsDir) writeReports(run, config.reportsDir);
  options.log?.(consoleSummary(run));
  return { ...run, exchanges: session.transport.log };
}

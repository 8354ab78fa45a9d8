import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operations } from '../src/operations.js';
import type { DriftEntry } from './drift.js';
import type { CaseResult, ContractSession, MessageDrift } from './session.js';
import { formatViolation } from './violation.js';

/** Everything one run found, as plain data (also written to reports/contract-results.json). */
export interface ContractRun {
  target: 'sandbox' | 'real';
  vendors: string[];
  results: CaseResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Operations of the tested vendors that no passing check called successfully. */
  uncovered: string[];
  coverage: OperationCoverage[];
  transitions: { scenario: string; status: CaseResult['status']; transitions: string[]; reason?: string }[];
  drift: DriftEntry[];
  messageDrift: MessageDrift[];
  requests: number;
  /** Files written, by kind. */
  files: Record<string, string>;
}

/** One row of the coverage table. */
export interface OperationCoverage {
  operation: string;
  writes: boolean;
  success: boolean;
  /** Documented error keys (the catalogue's list for the operation) asserted / not asserted. */
  errorsAsserted: string[];
  errorsMissing: string[];
  /** Keys asserted that the operation's documented list does not name. */
  errorsExtra: string[];
  scenarios: string[];
}

/** Builds the run summary from a finished session. */
export function summarize(session: ContractSession): ContractRun {
  const { results, coverage } = session;
  const vendors = session.config.vendors;
  const ops = operations.filter((op) => vendors.includes(op.vendor));
  const rows: OperationCoverage[] = ops.map((op) => {
    const asserted = coverage.errors.get(op.id) ?? new Set<string>();
    return {
      operation: op.id,
      writes: op.writes,
      success: coverage.succeeded.has(op.id),
      errorsAsserted: op.errors.filter((k) => asserted.has(k)),
      errorsMissing: op.errors.filter((k) => !asserted.has(k)),
      errorsExtra: [...asserted].filter((k) => !(op.errors as readonly string[]).includes(k)),
      scenarios: results.filter((r) => r.kind === 'scenario' && r.status === 'passed' && r.operations.includes(op.id)).map((r) => r.id),
    };
  });
  return {
    target: session.target.kind,
    vendors,
    results,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    uncovered: ops.filter((op) => !coverage.succeeded.has(op.id)).map((op) => op.id),
    coverage: rows,
    transitions: results.filter((r) => r.kind === 'scenario').map((r) => ({ scenario: r.id, status: r.status, transitions: r.transitions ?? [], reason: r.reason })),
    drift: session.drift.entries(),
    messageDrift: session.messageDrift,
    requests: session.transport.log.length,
    files: {},
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The coverage table plus every failure (each violation on its own line) and every skip with its reason. */
export function coverageMarkdown(run: ContractRun): string {
  const lines = [
    `# Contract coverage (${run.target})`,
    '',
    `${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped; ${run.requests} requests; vendors: ${run.vendors.join(', ')}.`,
    '',
    '## Operations x documented errors x scenarios',
    '',
    '| operation | writes | success | documented errors asserted | not asserted | scenarios |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of run.coverage) {
    const total = row.errorsAsserted.length + row.errorsMissing.length;
    const extra = row.errorsExtra.length ? ` (+${row.errorsExtra.join(', ')})` : '';
    lines.push(`| ${row.operation} | ${row.writes ? 'yes' : ''} | ${row.success ? 'yes' : 'NO'} | ${row.errorsAsserted.length}/${total}: ${row.errorsAsserted.join(', ')}${extra} | ${row.errorsMissing.join(', ')} | ${row.scenarios.map((s) => s.replace('scenario:', '')).join(', ')} |`);
  }
  lines.push('', '## State transitions', '', '| scenario | status | transitions |', '|---|---|---|');
  for (const t of run.transitions) lines.push(`| ${t.scenario} | ${t.status}${t.reason && t.status !== 'passed' ? `: ${cell(t.reason)}` : ''} | ${t.transitions.join('<br>')} |`);
  if (run.uncovered.length) lines.push('', '## Operations never answered successfully', '', ...run.uncovered.map((op) => `- ${op}`));
  const failed = run.results.filter((r) => r.status === 'failed');
  if (failed.length) {
    lines.push('', '## Failures', '');
    for (const r of failed) {
      lines.push(`### ${r.id}`, '');
      if (r.violations.length) lines.push(...r.violations.map((v) => `- ${cell(formatViolation(v))}`));
      else lines.push(`- ${cell(r.reason ?? '')}`);
      lines.push('');
    }
  }
  const skipped = run.results.filter((r) => r.status === 'skipped');
  if (skipped.length) lines.push('', '## Skipped (with reasons)', '', ...skipped.map((r) => `- ${r.id}: ${cell(r.reason ?? '')}`));
  return `${lines.join('\n')}\n`;
}

/** Drift as a readable file: undocumented fields seen, documented fields never seen, reworded messages. */
export function driftMarkdown(run: ContractRun): string {
  const lines = [`# Schema drift (${run.target})`, '', 'Additions are reported, never failed: vendors add fields without notice.', ''];
  for (const d of run.drift) {
    if (!d.undocumented.length && !d.neverSeen.length) continue;
    lines.push(`## ${d.operation} (${d.schema.replace('https://coupon-sandbox.dev/schemas/', '')}, ${d.responses} responses)`, '');
    if (d.undocumented.length) lines.push('Seen but not in the schema:', ...d.undocumented.map((p) => `- \`${p}\``), '');
    if (d.neverSeen.length) lines.push('In the schema but never seen:', ...d.neverSeen.map((p) => `- \`${p}\``), '');
  }
  if (run.messageDrift.length) {
    lines.push('## Error messages that differ from the catalogue (codes matched)', '');
    for (const m of run.messageDrift) lines.push(`- ${m.operation} ${m.key}: expected "${m.expected}...", got "${m.actual}"`);
  }
  return `${lines.join('\n')}\n`;
}

/** One line for the console. */
export function consoleSummary(run: ContractRun): string {
  const undocumented = run.drift.reduce((n, d) => n + d.undocumented.length, 0);
  const exercised = run.coverage.length - run.uncovered.length;
  const errors = run.coverage.reduce((n, r) => n + r.errorsAsserted.length, 0);
  const documented = run.coverage.reduce((n, r) => n + r.errorsAsserted.length + r.errorsMissing.length, 0);
  const where = Object.values(run.files).length ? ` -> ${Object.values(run.files).join(', ')}` : '';
  return `contracts (${run.target}): ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped; operations ${exercised}/${run.coverage.length}; documented errors ${errors}/${documented}; undocumented fields ${undocumented}${where}`;
}

/** Writes coverage, drift and results under `dir`; returns the paths. */
export function writeReports(run: ContractRun, dir: string): Record<string, string> {
  mkdirSync(dir, { recursive: true });
  const files = {
    coverage: join(dir, 'contract-coverage.md'),
    drift: join(dir, 'drift.md'),
    driftJson: join(dir, 'drift.json'),
    results: join(dir, 'contract-results.json'),
  };
  writeFileSync(files.coverage, coverageMarkdown(run));
  writeFileSync(files.drift, driftMarkdown(run));
  writeFileSync(files.driftJson, `${JSON.stringify({ target: run.target, drift: run.drift, messageDrift: run.messageDrift }, null, 2)}\n`);
  writeFileSync(files.results, `${JSON.stringify({ ...run, files }, null, 2)}\n`);
  run.files = files;
  return files;
}

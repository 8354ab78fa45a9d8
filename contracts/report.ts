import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { operations } from '../src/operations.js';
import type { DriftEntry } from './drift.js';
import type { LeaseMode } from './isolation.js';
import type { CaseResult, ContractSession, MessageDrift } from './session.js';
import { formatViolation, type Violation } from './violation.js';

/** Everything one run found, as plain data (also written to reports/contract-results.json). */
export interface ContractRun {
  target: 'sandbox' | 'real';
  /** How the run kept the target as it found it (own sandbox, shared read-only, shared reset, real). */
  lease: LeaseMode;
  /** What closing the run did to the target, one line each (clock put back, sandbox reset...). */
  teardown: string[];
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
  /** Every way a response broke its schema (type, required field, enum...), failed cases included. */
  schemaMismatches: Violation[];
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
    lease: session.lease.mode,
    teardown: session.teardown,
    vendors,
    results,
    passed: results.filter((r) => r.status === 'passed').length,
    failed: results.filter((r) => r.status === 'failed').length,
    skipped: results.filter((r) => r.status === 'skipped').length,
    uncovered: ops.filter((op) => !coverage.succeeded.has(op.id)).map((op) => op.id),
    coverage: rows,
    transitions: results
      .filter((r) => r.kind === 'scenario')
      .map((r) => ({ scenario: r.id, status: r.status, transitions: r.transitions ?? [], reason: r.reason })),
    drift: session.drift.entries(),
    messageDrift: session.messageDrift,
    schemaMismatches: session.schemaMismatches,
    requests: session.transport.log.length,
    files: {},
  };
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The summary numbers, computed once for the console line and the report that explains them. */
export function summaryNumbers(run: ContractRun) {
  const answered = run.coverage.filter((r) => r.success).length;
  return {
    answered,
    operations: run.coverage.length,
    errorsAsserted: run.coverage.reduce((n, r) => n + r.errorsAsserted.length, 0),
    errorsDocumented: run.coverage.reduce((n, r) => n + r.errorsAsserted.length + r.errorsMissing.length, 0),
    undocumented: run.drift.reduce((n, d) => n + d.undocumented.length, 0),
    mismatches: run.schemaMismatches.length,
  };
}

/** What each summary number counts, with this run's values: the top of contract-coverage.md. */
function numbersExplained(run: ContractRun): string[] {
  const n = summaryNumbers(run);
  return [
    '## What the numbers count',
    '',
    `- **${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped**: contract cases, one per vitest test: a success check per operation, one per documented error probe, one per scenario. A skipped case says why below; nothing is skipped silently.`,
    `- **operations ${n.answered}/${n.operations}**: of the ${n.operations} operations of the tested vendors in the operation catalogue (\`src/operations.ts\`), ${n.answered} answered a passing check successfully at least once. An operation only reached by error probes does not count; the table marks it \`NO\` under "success".`,
    `- **documented errors ${n.errorsAsserted}/${n.errorsDocumented}**: each operation lists the error keys its vendor documents (\`schemas/<vendor>/errors.json\`); ${n.errorsDocumented} is that list summed over the operations (a key two operations share counts twice) and ${n.errorsAsserted} the ones a passing check got, by exact code and HTTP status, from that operation. Many documented errors cannot be provoked safely (quota, frozen account, system errors), so this stays below 100% even on a sandbox.`,
    `- **undocumented fields ${n.undocumented}**: distinct field paths (per operation, array items written \`[]\`) that responses carried and the schemas do not describe; each is listed in drift.md. Drift is reported, never failed.`,
    `- **schema mismatches ${n.mismatches}**: every way a response broke its schema (wrong type, missing required field, value off its enum); each fails its case and is listed in drift.md too.`,
    `- **${run.requests} requests**: every HTTP request of the run, control surface included.`,
    '',
  ];
}

/** The coverage table plus every failure (each violation on its own line) and every skip with its reason. */
export function coverageMarkdown(run: ContractRun): string {
  const lines = [
    `# Contract coverage (${run.target})`,
    '',
    `${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped; ${run.requests} requests; vendors: ${run.vendors.join(', ')}.`,
    '',
    ...numbersExplained(run),
    ...(run.teardown.length ? ['## What the run did to the target afterwards', '', ...run.teardown.map((t) => `- ${t}`), ''] : []),
    '## Operations x documented errors x scenarios',
    '',
    '| operation | writes | success | documented errors asserted | not asserted | scenarios |',
    '|---|---|---|---|---|---|',
  ];
  for (const row of run.coverage) {
    const total = row.errorsAsserted.length + row.errorsMissing.length;
    const extra = row.errorsExtra.length ? ` (+${row.errorsExtra.join(', ')})` : '';
    lines.push(
      `| ${row.operation} | ${row.writes ? 'yes' : ''} | ${row.success ? 'yes' : 'NO'} | ${row.errorsAsserted.length}/${total}: ${row.errorsAsserted.join(', ')}${extra} | ${row.errorsMissing.join(', ')} | ${row.scenarios.map((s) => s.replace('scenario:', '')).join(', ')} |`,
    );
  }
  lines.push('', '## State transitions', '', '| scenario | status | transitions |', '|---|---|---|');
  for (const t of run.transitions)
    lines.push(`| ${t.scenario} | ${t.status}${t.reason && t.status !== 'passed' ? `: ${cell(t.reason)}` : ''} | ${t.transitions.join('<br>')} |`);
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

/**
 * Drift as a readable file, real drift first: responses that broke their schema, fields the schemas
 * do not know, reworded error messages; then, apart, documented fields no response carried (which
 * only says what this run's responses happened to hold).
 */
export function driftMarkdown(run: ContractRun): string {
  const n = summaryNumbers(run);
  const neverSeen = run.drift.reduce((k, d) => k + d.neverSeen.length, 0);
  const lines = [
    `# Schema drift (${run.target})`,
    '',
    `Real drift: ${n.mismatches} schema mismatches, ${n.undocumented} undocumented fields, ${run.messageDrift.length} reworded error messages. Also ${neverSeen} documented fields never seen (informational, at the end).`,
    'Undocumented fields and reworded messages are reported, never failed: vendors add fields without notice. A schema mismatch also fails its case.',
    '',
    '## Real drift',
    '',
  ];
  const short = (schema: string) => schema.replace('https://coupon-sandbox.dev/schemas/', '');
  lines.push('### Responses that break the schema (type mismatches, missing required fields, values off the enum)', '');
  if (run.schemaMismatches.length) lines.push(...run.schemaMismatches.map((v) => `- ${cell(formatViolation(v))}`), '');
  else lines.push('None.', '');
  lines.push('### Fields seen but not in the schema', '');
  const unknown = run.drift.filter((d) => d.undocumented.length);
  if (unknown.length) {
    for (const d of unknown) lines.push(`- ${d.operation} (${short(d.schema)}, ${d.responses} responses): ${d.undocumented.map((p) => `\`${p}\``).join(', ')}`);
    lines.push('');
  } else lines.push('None.', '');
  lines.push('### Error messages that differ from the catalogue (codes matched)', '');
  if (run.messageDrift.length) {
    lines.push(...run.messageDrift.map((m) => `- ${m.operation} ${m.key}: expected "${m.expected}...", got "${m.actual}"`), '');
  } else lines.push('None.', '');
  lines.push(
    '## Documented fields never seen',
    '',
    'Not drift by itself: no response of this run carried these (only the topmost missing field of a subtree is listed).',
    '',
  );
  for (const d of run.drift.filter((x) => x.neverSeen.length)) {
    lines.push(`- ${d.operation} (${short(d.schema)}, ${d.responses} responses): ${d.neverSeen.map((p) => `\`${p}\``).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One line for the console. */
export function consoleSummary(run: ContractRun): string {
  const n = summaryNumbers(run);
  const files = Object.values(run.files);
  const where = files.length ? ` -> ${files.join(', ')} (${run.files.coverage} says what each number counts)` : '';
  return `contracts (${run.target}): ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped; operations ${n.answered}/${n.operations} answered; documented errors ${n.errorsAsserted}/${n.errorsDocumented} asserted; undocumented fields ${n.undocumented}; schema mismatches ${n.mismatches}${where}`;
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
  writeFileSync(
    files.driftJson,
    `${JSON.stringify({ target: run.target, schemaMismatches: run.schemaMismatches, drift: run.drift, messageDrift: run.messageDrift }, null, 2)}\n`,
  );
  writeFileSync(files.results, `${JSON.stringify({ ...run, files }, null, 2)}\n`);
  run.files = files;
  return files;
}

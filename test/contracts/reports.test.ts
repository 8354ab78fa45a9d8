import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { consoleSummary, contractConfig, coverageMarkdown, runContracts } from '../../contracts/index.js';
import { Progress } from '../../contracts/progress.js';
import type { CaseResult } from '../../contracts/session.js';
import { ROOT } from '../support/cli.js';

const run = promisify(execFile);

const result = (id: string, ms: number, status: CaseResult['status'] = 'passed', reason?: string): CaseResult => ({
  id,
  title: id,
  vendor: 'wechat',
  kind: 'operation',
  operations: [],
  status,
  reason,
  violations: [],
  ms,
});

describe('progress lines', () => {
  it('prints the cases slower than the threshold, every case when asked (real targets), none when off', () => {
    const lines = (slowMs: number | false, every: boolean) => {
      const out: string[] = [];
      const progress = new Progress(3, slowMs, every, (l) => out.push(l));
      progress.note('3 cases against the sandbox');
      progress.caseDone(result('wechat.a', 40));
      progress.caseDone(result('wechat.b', 2500));
      progress.caseDone(result('wechat.c', 0, 'skipped', 'needs the sandbox control surface'));
      return out;
    };
    expect(lines(2000, false)).toEqual(['[contracts] 3 cases against the sandbox', '[contracts 2/3] wechat.b: passed in 2500 ms']);
    expect(lines(2000, true)).toEqual([
      '[contracts] 3 cases against the sandbox',
      '[contracts 1/3] wechat.a: passed in 40 ms',
      '[contracts 2/3] wechat.b: passed in 2500 ms',
      '[contracts 3/3] wechat.c: skipped in 0 ms (needs the sandbox control surface)',
    ]);
    expect(lines(false, true)).toEqual([]);
  });

  it('reports each case of a run with CONTRACT_PROGRESS_MS=0', async () => {
    const out: string[] = [];
    const done = await runContracts(contractConfig({ only: ['wechat.card-batchget', 'wechat.card-get'], reportsDir: false, progressMs: 0 }), {
      progress: (l) => out.push(l),
    });
    expect(out[0]).toMatch(
      new RegExp(`^\\[contracts\\] ${done.results.length} cases against the sandbox at http://127\\.0\\.0\\.1:\\d+ \\(started by the kit`),
    );
    expect(out.slice(1)).toEqual(
      done.results.map((r, i) =>
        expect.stringMatching(
          new RegExp(`^\\[contracts +${i + 1}/${done.results.length}\\] ${r.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${r.status} in \\d+ ms`),
        ),
      ),
    );
  });
});

describe('the coverage report', () => {
  it('explains each number of the console summary, with the same values', async () => {
    const done = await runContracts(
      contractConfig({ vendors: ['wechat'], only: ['wechat.card-batchget', 'wechat.card-get'], reportsDir: false, progressMs: false }),
    );
    const line = consoleSummary(done);
    const report = coverageMarkdown(done);
    expect(report).toContain('## What the numbers count');
    const ops = /operations (\d+\/\d+) answered/.exec(line)![1];
    const errors = /documented errors (\d+\/\d+) asserted/.exec(line)![1];
    const fields = /undocumented fields (\d+)/.exec(line)![1];
    const answered = done.coverage.filter((r) => r.success).length;
    expect(ops).toBe(`${answered}/17`);
    expect(answered).toBeGreaterThanOrEqual(2);
    expect(report).toMatch(
      new RegExp(`\\*\\*operations ${ops}\\*\\*: of the 17 operations of the tested vendors .*, ${answered} answered a passing check successfully`),
    );
    expect(report).toContain(`**documented errors ${errors}**`);
    expect(report).toContain(`**undocumented fields ${fields}**`);
    expect(report).toContain(`**${done.passed} passed, ${done.failed} failed, ${done.skipped} skipped**`);
  });
});

describe('npm run contract with CONTRACT_REPORTS_DIR', () => {
  it('writes every report there, JUnit included, and nothing under reports/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'contract-reports-'));
    const repoReports = join(ROOT, 'reports');
    const before = existsSync(repoReports) ? readdirSync(repoReports).map((f) => [f, statSync(join(repoReports, f)).mtimeMs]) : [];
    try {
      // A vitest run of its own, as `npm run contract` starts it (the parent's VITEST_* must not leak in).
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
      const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'contracts/vitest.config.ts'], {
        cwd: ROOT,
        env: {
          ...env,
          CONTRACT_REPORTS_DIR: dir,
          CONTRACT_VENDORS: 'wechat',
          CONTRACT_ONLY: 'wechat.card-batchget,wechat.card-get',
          CONTRACT_PROGRESS_MS: '0',
          NO_COLOR: '1',
        },
        timeout: 120_000,
      });
      expect(readdirSync(dir).sort()).toEqual(['contract-coverage.md', 'contract-junit.xml', 'contract-results.json', 'drift.json', 'drift.md']);
      const junit = readFileSync(join(dir, 'contract-junit.xml'), 'utf8');
      expect(junit).toMatch(/<testcase [^>]*name="[^"]*card\/get returns a card with its base_info"/);
      expect(stderr).toMatch(/^\[contracts +1\/\d+\] wechat\.card-batchget: passed in \d+ ms$/m);
      expect(stderr).toMatch(/^\[contracts +2\/\d+\] wechat\.card-get: passed in \d+ ms$/m);
      expect(stdout).toContain(`${join(dir, 'contract-coverage.md')} says what each number counts`);
      const after = existsSync(repoReports) ? readdirSync(repoReports).map((f) => [f, statSync(join(repoReports, f)).mtimeMs]) : [];
      expect(after).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

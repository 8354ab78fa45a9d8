import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEntry, errorKey } from '../../src/errors/catalogue.js';
import { ROOT, startCli, type RunningCli } from '../support/cli.js';
import { commandsOf, shellBlocks, type ShellBlock, type ShellCommand } from './shell-blocks.js';

const run = promisify(execFile);
const README = join(ROOT, 'README.md');

/** One HTTP answer a README command got, as the curl wrapper recorded it. */
interface Answer {
  readmeLine: number;
  command?: ShellCommand;
  status: number;
  body: string;
  json?: Record<string, any>;
}

/**
 * Every curl call goes through this function: the real curl, plus the response headers and body
 * saved under $__LOG with the script line of the call, so each answer is traced to its README line.
 * Calls inside $(...) run in subshells, hence one file per call and an append-only index.
 */
const PREAMBLE = `set -eo pipefail
trap 'echo "README command failed (script line $LINENO): $BASH_COMMAND" >&2' ERR
# macOS has no md5sum: the README must not need it.
md5sum() { echo "the README must not depend on md5sum (macOS lacks it)" >&2; return 127; }
curl() {
  local f; f=$(mktemp "$__LOG/call.XXXXXX")
  echo "\${BASH_LINENO[0]} $f" >> "$__LOG/index"
  command curl -D "$f.head" "$@" | tee "$f.body"
}
`;

/** The error an answer carries in its vendor's envelope (or the control surface's), if any. */
function errorOf(a: Answer): string | undefined {
  const j = a.json;
  if (j && typeof j.errcode === 'number' && j.errcode !== 0) return String(j.errcode);
  if (j && 'return_code' in j && String(j.return_code) !== '0') return String(j.return_code);
  if (j?.error?.vendor_error?.code !== undefined) return String(j.error.vendor_error.code);
  if (j?.error?.code) return String(j.error.code);
  if (a.status >= 400) return typeof j?.code === 'string' ? j.code : String(a.status);
  return undefined;
}

/** Whether an error answer is the one `mark` names: an errcode, a v3 / control code, or an HTTP status. */
function matches(a: Answer, mark: string): boolean {
  const j = a.json ?? {};
  return [String(a.status), j.errcode, j.code, j.return_code, j.error?.code, j.error?.vendor_error?.code].some((v) => v !== undefined && String(v) === mark);
}

describe('every shell block of the README, in order, on a fresh `npm start`', () => {
  const blocks = shellBlocks(README);
  const runnable = blocks.filter((b) => !b.notRun);
  let cli: RunningCli;
  let answers: Answer[] = [];
  let result: { stdout: string; stderr: string; code: number };
  const log = mkdtempSync(join(tmpdir(), 'readme-shell-'));

  beforeAll(async () => {
    cli = await startCli(['--port', '0', '--quiet']);
    const port = String(cli.port);
    // Script line -> README line, so BASH_LINENO of a curl call names the README line.
    const lines = PREAMBLE.split('\n');
    const readmeLineOf = new Map<number, number>();
    for (const block of runnable) {
      lines.push(`# README line ${block.line}`);
      block.lines.forEach((text, k) => {
        lines.push(text.replace(/(127\.0\.0\.1|localhost):4010/g, `127.0.0.1:${port}`));
        readmeLineOf.set(lines.length, block.line + k);
      });
    }
    const script = join(log, 'readme.sh');
    writeFileSync(script, `${lines.join('\n')}\n`);
    try {
      const { stdout, stderr } = await run('bash', [script], {
        cwd: log,
        env: { ...process.env, __LOG: log, BASE: '' },
        timeout: 120_000,
        maxBuffer: 64 << 20,
      });
      result = { stdout, stderr, code: 0 };
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; code?: number };
      result = { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code: e.code ?? -1 };
    }
    const commands = runnable.flatMap(commandsOf);
    const index = existsSync(join(log, 'index')) ? readFileSync(join(log, 'index'), 'utf8').trim().split('\n') : [];
    answers = index.map((row) => {
      const [scriptLine, file] = row.split(' ') as [string, string];
      const readmeLine = readmeLineOf.get(Number(scriptLine)) ?? -1;
      const head = readFileSync(`${file}.head`, 'utf8');
      const statuses = [...head.matchAll(/^HTTP\/[\d.]+ (\d{3})/gm)].map((m) => Number(m[1]));
      const body = readFileSync(`${file}.body`, 'utf8');
      let json: Record<string, any> | undefined;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      return { readmeLine, command: commands.find((c) => c.from <= readmeLine && readmeLine <= c.to), status: statuses.at(-1) ?? 0, body, json };
    });
  }, 180_000);

  afterAll(async () => {
    await cli?.stop();
    rmSync(log, { recursive: true, force: true });
  });

  it('says why each block it does not run is left out', () => {
    for (const b of blocks.filter((x) => x.notRun)) expect(b.notRun!.length, `README line ${b.line}`).toBeGreaterThan(10);
    expect(runnable.length).toBeGreaterThanOrEqual(6);
  });

  it('runs the blocks to the end (set -e, pipefail)', () => {
    expect(result.stderr).not.toMatch(/README command failed/);
    expect(result.code, result.stderr).toBe(0);
  });

  it('makes requests from every block it runs', () => {
    const quiet = runnable.filter((b: ShellBlock) => !answers.some((a) => a.readmeLine >= b.line && a.readmeLine < b.line + b.lines.length));
    expect(quiet.map((b) => `README line ${b.line}: ${b.lines[0]}`)).toEqual([]);
  });

  it('gets no error answer except where the README says which one it demonstrates', () => {
    const unexpected = answers
      .filter((a) => errorOf(a) !== undefined && !a.command?.answers)
      .map((a) => `README line ${a.readmeLine}: ${errorOf(a)} ${a.body.slice(0, 200)}`);
    expect(unexpected).toEqual([]);
  });

  it('gets exactly the error each `# answers` mark names, with the catalogue message', () => {
    const marked = runnable.flatMap(commandsOf).filter((c) => c.answers);
    expect(marked.length).toBeGreaterThan(0);
    for (const c of marked) {
      const got = answers.filter((a) => a.command === c || a.command?.from === c.from);
      expect(got.length, `README line ${c.from}`).toBeGreaterThan(0);
      for (const a of got) {
        expect(matches(a, c.answers!), `README line ${c.from}: expected ${c.answers}, got ${a.status} ${a.body.slice(0, 200)}`).toBe(true);
        if (typeof a.json?.errcode === 'number')
          expect(a.json.errmsg).toMatch(
            new RegExp(`^${errorEntry('wechat', errorKey('wechat', String(a.json.errcode))).message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} rid: `),
          );
      }
    }
  });

  it('walks the WeChat walkthrough to a consumed code', () => {
    const consumed = answers.filter((a) => a.json?.user_card_status === 'CONSUMED' && a.json?.can_consume === false);
    expect(consumed.length).toBeGreaterThan(0);
    expect(consumed[0]!.json).toMatchObject({ errcode: 0, errmsg: 'ok', openid: 'oDemoUser' });
  });
});

import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** This repository's root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const REPO_MODULES = join(REPO, 'node_modules');
const execFileAsync = promisify(execFile);

/** What a throwaway consumer project is made of. */
export interface ConsumerSpec {
  /** `type` of the consumer's package.json. */
  type: 'module' | 'commonjs';
  /**
   * The msw the consumer depends on: a directory under this repository's node_modules (`msw`,
   * `msw-lowest`, `msw-highest`), linked as the consumer's own `node_modules/msw`. Default `msw`.
   */
  msw?: string;
  /** Other packages of this repository's node_modules the consumer has (vitest, @types/node, ...). */
  link?: readonly string[];
  /** Files to write, relative to the project root. */
  files?: Readonly<Record<string, string>>;
}

/** A consumer project on disk. */
export interface Consumer {
  dir: string;
  /**
   * Runs `node <file>` in the project with this process's environment plus `env` (a variable set to
   * undefined is removed); rejects with the output when it exits non-zero.
   */
  node(file: string, args?: readonly string[], env?: Readonly<Record<string, string | undefined>>): Promise<{ stdout: string; stderr: string }>;
  remove(): void;
}

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'dir');
}

/**
 * Assembles a project that depends on the built coupon-sandbox the way an npm install would lay it
 * out, without downloading anything: `node_modules/coupon-sandbox` is a copy of this package's
 * `package.json` and `dist/` (a copy, not a link, so Node resolves its imports from the consumer's
 * node_modules, as for an installed package), `schemas/` is linked, every production dependency is
 * linked from this repository's node_modules, and `node_modules/msw` is the chosen msw copy. The
 * package has no node_modules of its own, so the only msw it can load is the consumer's: the peer
 * dependency, as npm resolves it.
 *
 * @example
 * const app = makeConsumer({ type: 'module', msw: 'msw-lowest', files: { 'main.mjs': "import 'coupon-sandbox/msw';" } });
 * await app.node('main.mjs');
 * app.remove();
 */
export function makeConsumer(spec: ConsumerSpec): Consumer {
  if (!existsSync(join(REPO, 'dist/src/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  // realpath: on macOS tmpdir() is a symlink, and Node reports real paths in import.meta.url.
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'coupon-sandbox-consumer-')));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: spec.type }, null, 2));
  const own = join(dir, 'node_modules/coupon-sandbox');
  mkdirSync(own, { recursive: true });
  cpSync(join(REPO, 'package.json'), join(own, 'package.json'));
  cpSync(join(REPO, 'dist'), join(own, 'dist'), { recursive: true });
  link(join(REPO, 'schemas'), join(own, 'schemas'));
  const mswDir = resolve(REPO_MODULES, spec.msw ?? 'msw');
  if (!existsSync(join(mswDir, 'package.json'))) throw new Error(`${mswDir} is not installed`);
  link(mswDir, join(dir, 'node_modules/msw'));
  for (const name of [...Object.keys(manifest.dependencies ?? {}), ...(spec.link ?? [])]) {
    if (name === 'msw') continue;
    link(join(REPO_MODULES, name), join(dir, 'node_modules', name));
  }
  for (const [file, content] of Object.entries(spec.files ?? {})) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return {
    dir,
    async node(file, args = [], env = {}) {
      const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
      for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
      try {
        return await execFileAsync(process.execPath, [file, ...args], { cwd: dir, env: merged, timeout: 60_000 });
      } catch (error) {
        const e = error as { stdout?: string; stderr?: string; message: string };
        throw new Error(`node ${file} failed in ${dir}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: error });
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

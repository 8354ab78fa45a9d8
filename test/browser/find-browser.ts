import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Env = Record<string, string | undefined>;

/** Names a Chromium goes by on PATH (Debian, Ubuntu/Fedora, Google's builds). */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Where macOS keeps them (no PATH entry there). */
const WELL_KNOWN = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export type BrowserSearch = { found: true; path: string; via: string } | { found: false; reason: string; required: boolean };

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether a run must have a browser: CI (the CI variable, which .ci/run sets) never skips browser tests. */
export function browserRequired(env: Env): boolean {
  const ci = env.CI?.trim().toLowerCase();
  return (ci !== undefined && ci !== '' && ci !== '0' && ci !== 'false') || env.REQUIRE_BROWSER === '1';
}

/**
 * What to look for: the program's name in messages, its override variable, its names on PATH, its
 * macOS paths; `required`: whether a run must have it (default: {@link browserRequired}).
 */
export interface ProgramSpec {
  what: string;
  envVar: string;
  names: readonly string[];
  wellKnown: readonly string[];
  /** How to get one, for the message when none is found. */
  install: string;
  required?: (env: Env) => boolean;
}

/**
 * A program the tests run (a browser, redis-server): `spec.envVar` when set (it must exist: a typo
 * must not quietly skip the tests), else the first of `spec.names` on PATH (names in order of
 * preference: an earlier name in a later directory wins), else a macOS install.
 */
export function findProgram(env: Env, spec: ProgramSpec): BrowserSearch {
  const override = env[spec.envVar];
  if (override) {
    if (executable(override)) return { found: true, path: override, via: spec.envVar };
    return { found: false, required: true, reason: `${spec.envVar}=${override} is not an executable file` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of spec.names) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (executable(path)) return { found: true, path, via: `${name} on PATH` };
    }
  }
  for (const path of spec.wellKnown) if (executable(path)) return { found: true, path, via: 'its usual macOS location' };
  return {
    found: false,
    required: (spec.required ?? browserRequired)(env),
    reason: `no ${spec.what} found (${spec.envVar} unset; none of ${spec.names.join(', ')} on PATH): install one (${spec.install}) or set ${spec.envVar}`,
  };
}

/** The Chromium the browser tests drive: CHROMIUM_PATH, else {@link BROWSER_NAMES} on PATH, else a macOS install. */
export function findChromium(env: Env = process.env): BrowserSearch {
  return findProgram(env, {
    what: 'Chromium',
    envVar: 'CHROMIUM_PATH',
    names: BROWSER_NAMES,
    wellKnown: WELL_KNOWN,
    install: 'Debian: apt-get install chromium',
  });
}

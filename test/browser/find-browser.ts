import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

type Env = Record<string, string | undefined>;

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
 * The Chromium the browser tests drive: CHROMIUM_PATH when set (it must exist: a typo must not
 * quietly skip the tests), else the first of {@link BROWSER_NAMES} on PATH, else a macOS install.
 */
export function findChromium(env: Env = process.env): BrowserSearch {
  const required = browserRequired(env);
  if (env.CHROMIUM_PATH) {
    if (executable(env.CHROMIUM_PATH)) return { found: true, path: env.CHROMIUM_PATH, via: 'CHROMIUM_PATH' };
    return { found: false, required: true, reason: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of BROWSER_NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (executable(path)) return { found: true, path, via: `${name} on PATH` };
    }
  }
  for (const path of WELL_KNOWN) if (executable(path)) return { found: true, path, via: 'its usual macOS location' };
  return {
    found: false,
    required,
    reason: `no Chromium found (CHROMIUM_PATH unset; none of ${BROWSER_NAMES.join(', ')} on PATH): install one (Debian: apt-get install chromium) or set CHROMIUM_PATH`,
  };
}

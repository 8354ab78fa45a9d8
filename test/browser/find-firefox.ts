import { findProgram, type BrowserSearch, type Env } from './find-browser.js';

/** Names a Firefox goes by on PATH: Debian's ESR first (what CI installs), then a plain Firefox. */
export const FIREFOX_NAMES = ['firefox-esr', 'firefox'];

/**
 * The Firefox the Firefox dashboard test drives (puppeteer-core over WebDriver BiDi, so a stock build
 * will do, unlike playwright's): FIREFOX_PATH when set (it must exist), else the first of
 * {@link FIREFOX_NAMES} on PATH, else a macOS install. Required in CI, as Chromium is.
 */
export function findFirefox(env: Env = process.env): BrowserSearch {
  return findProgram(env, {
    what: 'Firefox',
    envVar: 'FIREFOX_PATH',
    names: FIREFOX_NAMES,
    wellKnown: ['/Applications/Firefox.app/Contents/MacOS/firefox'],
    install: 'Debian: apt-get install firefox-esr',
  });
}

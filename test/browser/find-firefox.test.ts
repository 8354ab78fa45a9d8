import { writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFirefox } from './find-firefox.js';
import { fakeBins } from './fake-bins.js';

const { root, bin } = fakeBins('find-firefox-');

describe('finding a Firefox for the Firefox dashboard test', () => {
  it('takes FIREFOX_PATH first, then firefox-esr, then firefox on PATH', () => {
    const plain = bin('plain', 'firefox');
    const esr = bin('esr', 'firefox-esr');
    const own = join(bin('own', 'my-firefox'), 'my-firefox');
    const PATH = [plain, esr].join(delimiter);
    expect(findFirefox({ PATH, FIREFOX_PATH: own })).toEqual({ found: true, path: own, via: 'FIREFOX_PATH' });
    expect(findFirefox({ PATH })).toEqual({ found: true, path: join(esr, 'firefox-esr'), via: 'firefox-esr on PATH' });
    expect(findFirefox({ PATH: plain })).toEqual({ found: true, path: join(plain, 'firefox'), via: 'firefox on PATH' });
  });

  it('ignores a file of that name that is not executable', () => {
    const dir = bin('not-executable');
    writeFileSync(join(dir, 'firefox-esr'), 'not a program');
    expect(findFirefox({ PATH: dir })).toMatchObject({ found: false });
  });

  it('without one, gives the reason to print and skips, except in CI where it is required', () => {
    const empty = bin('empty');
    expect(findFirefox({ PATH: empty })).toEqual({
      found: false,
      required: false,
      reason:
        'no Firefox found (FIREFOX_PATH unset; none of firefox-esr, firefox on PATH): install one (Debian: apt-get install firefox-esr) or set FIREFOX_PATH',
    });
    expect(findFirefox({ PATH: empty, CI: 'true' })).toMatchObject({ found: false, required: true });
    expect(findFirefox({ PATH: empty, CI: 'false' })).toMatchObject({ found: false, required: false });
  });

  it('fails rather than skips when FIREFOX_PATH names nothing, in CI or not (a typo must not hide the test)', () => {
    const missing = join(root, 'nope');
    expect(findFirefox({ PATH: bin('has-one', 'firefox-esr'), FIREFOX_PATH: missing })).toEqual({
      found: false,
      required: true,
      reason: `FIREFOX_PATH=${missing} is not an executable file`,
    });
  });
});

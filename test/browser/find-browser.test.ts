import { writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserRequired, findChromium } from './find-browser.js';
import { fakeBins } from './fake-bins.js';

const { root, bin } = fakeBins('find-browser-');

describe('finding a Chromium for the browser tests', () => {
  it('takes CHROMIUM_PATH first, then chromium, chromium-browser, google-chrome on PATH, in that order', () => {
    const a = bin('a', 'google-chrome');
    const b = bin('b', 'chromium-browser');
    const own = join(bin('own', 'my-chrome'), 'my-chrome');
    expect(findChromium({ PATH: [a, b].join(delimiter), CHROMIUM_PATH: own })).toEqual({ found: true, path: own, via: 'CHROMIUM_PATH' });
    expect(findChromium({ PATH: [a, b].join(delimiter) })).toEqual({ found: true, path: join(b, 'chromium-browser'), via: 'chromium-browser on PATH' });
    expect(findChromium({ PATH: a })).toEqual({ found: true, path: join(a, 'google-chrome'), via: 'google-chrome on PATH' });
  });

  it('ignores a file of that name that is not executable', () => {
    const dir = bin('plain');
    writeFileSync(join(dir, 'chromium'), 'not a program');
    expect(findChromium({ PATH: dir })).toMatchObject({ found: false });
  });

  it('without one, gives the reason to print and skips, except in CI where it is required', () => {
    const empty = bin('empty');
    const local = findChromium({ PATH: empty });
    expect(local).toMatchObject({ found: false, required: false, reason: expect.stringMatching(/no Chromium found .*CHROMIUM_PATH/) });
    expect(findChromium({ PATH: empty, CI: 'true' })).toMatchObject({ found: false, required: true });
    expect(findChromium({ PATH: empty, CI: '1' })).toMatchObject({ required: true });
    expect(findChromium({ PATH: empty, CI: 'false' })).toMatchObject({ required: false });
  });

  it('fails rather than skips when CHROMIUM_PATH names nothing (a typo must not hide the tests)', () => {
    expect(findChromium({ PATH: '', CHROMIUM_PATH: join(root, 'nope') })).toMatchObject({
      found: false,
      required: true,
      reason: expect.stringContaining('CHROMIUM_PATH='),
    });
  });

  it('reads CI the way CI services set it', () => {
    expect([undefined, '', '0', 'false', 'true', '1', 'yes'].map((CI) => browserRequired({ CI }))).toEqual([false, false, false, false, true, true, true]);
  });
});

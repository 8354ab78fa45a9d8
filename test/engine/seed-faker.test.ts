// The seeded worlds use a faker cut down to the definitions they read (src/engine/seed-faker.ts),
// so that the browser bundle does not carry faker's zh_CN and en locales. This proves the cut-down
// faker answers exactly what `@faker-js/faker/locale/zh_CN` answers, call by call, for every faker
// method the seed files call: same seed, same world.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { faker as zhFaker } from '@faker-js/faker/locale/zh_CN';
import type { Faker } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { seedFaker } from '../../src/engine/seed-faker.js';
import { seedLocaleSource } from '../../src/tools/seed-locale.js';
import { ROOT as REPO } from '../../src/tools/generate.js';

/** Every faker method a seed file calls, each with the arguments the seeds use. */
const CALLS: Record<string, (f: Faker) => unknown> = {
  'company.name': (f) => f.company.name(),
  'person.fullName': (f) => f.person.fullName(),
  'person.firstName': (f) => f.person.firstName(),
  'person.lastName': (f) => f.person.lastName(),
  'commerce.productName': (f) => f.commerce.productName(),
  'lorem.sentence': (f) => f.lorem.sentence(),
  'phone.number': (f) => f.phone.number(),
  'image.url': (f) => f.image.url({ width: 120, height: 120 }),
  'string.alphanumeric': (f) => [f.string.alphanumeric(6), f.string.alphanumeric(20)],
  'string.numeric': (f) => [f.string.numeric(6), f.string.numeric(8), f.string.numeric(10)],
  'number.int': (f) => [f.number.int({ min: 1, max: 50 }), f.number.int({ min: 70, max: 95 })],
  'datatype.boolean': (f) => f.datatype.boolean(),
  'helpers.arrayElement': (f) => f.helpers.arrayElement(['Color010', 'Color020', 'Color040', 'Color060', 'Color090']),
  'helpers.arrayElements': (f) => f.helpers.arrayElements(['a', 'b', 'c', 'd'], { min: 0, max: 2 }),
};

function transcript(f: Faker, seed: number): unknown[] {
  f.seed(seed);
  const out: unknown[] = [];
  // Interleaved and repeated, so a call that read other data would also shift every later value.
  for (let round = 0; round < 25; round++) for (const call of Object.values(CALLS)) out.push(call(f));
  return out;
}

function seedFiles(): string[] {
  const dir = join(REPO, 'src/engine');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /(^|\/)seed[^/]*\.ts$/.test(file) && !file.endsWith('seed-locale.ts'))
    .map((file) => join(dir, file));
}

describe('the seed faker', () => {
  const seeds = [0, 1, 2, 3, 5, 7, 42, 1234, 99999, ...Array.from({ length: 40 }, (_, i) => 1000 + i * 7919)];

  it('answers what the zh_CN faker answers, call by call, for 49 seeds', () => {
    for (const seed of seeds) expect(transcript(seedFaker, seed), `seed ${seed}`).toEqual(transcript(zhFaker, seed));
  });

  it('covers every faker method the seed files call', () => {
    const called = new Set<string>();
    for (const file of seedFiles()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:faker|zhFaker)\.([a-z]+)\.([a-zA-Z]+)\(/g)) called.add(`${m[1]}.${m[2]}`);
    }
    expect(
      seedFiles()
        .map((f) => relative(REPO, f))
        .sort(),
    ).toEqual(['src/engine/seed-faker.ts', 'src/engine/waiqin/seed.ts', 'src/engine/wechat/seed-world.ts', 'src/engine/wechatpay/seed.ts']);
    expect(called.size).toBeGreaterThan(10);
    expect(
      [...called].filter((name) => !(name in CALLS)),
      'add these to CALLS (and regenerate the locale if they need data)',
    ).toEqual([]);
  });

  it('is built from the installed faker (src/engine/seed-locale.ts is fresh)', () => {
    expect(readFileSync(join(REPO, 'src/engine/seed-locale.ts'), 'utf8'), 'run `npx tsx src/tools/seed-locale.ts`').toBe(seedLocaleSource());
  });
});

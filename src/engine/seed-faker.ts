import type { Faker } from '@faker-js/faker';
// The base subpath is the one module holding the Faker class (plus faker's small base locale):
// the package root would load every locale in Node (~120 ms, ~35 MB), and the zh_CN subpath puts
// the whole zh_CN and en locales (~390 kB minified) into every browser bundle.
import { faker as baseFaker } from '@faker-js/faker/locale/base';
import { seedLocale } from './seed-locale.js';

const FakerClass = baseFaker.constructor as typeof Faker;

/**
 * The one faker every seeded world uses: the zh_CN faker's data, cut down to the definitions the
 * seeds read (src/engine/seed-locale.ts), so the same seed gives the same names, codes and texts
 * as `@faker-js/faker/locale/zh_CN` did. A method that needs other data throws faker's "locale
 * data ... are missing" error rather than inventing a value: regenerate the locale then
 * (src/tools/seed-locale.ts).
 *
 * @example
 * import { seedFaker } from './seed-faker.js';
 * seedFaker.seed(1);
 * seedFaker.company.name(); // same value as the zh_CN faker seeded with 1
 */
export const seedFaker: Faker = new FakerClass({ locale: [seedLocale] });

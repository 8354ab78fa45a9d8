// The architecture's import boundaries as ESLint rules, for feedback in the editor and in
// `npm run lint`. They match import specifiers; test/architecture/boundaries.test.ts checks the same
// rules on resolved paths (and import cycles, which a per-file linter cannot see).
import { builtinModules } from 'node:module';

const VENDORS = ['wechat', 'wechatpay', 'waiqin'];
const WHY = 'see ARCHITECTURE.md and test/architecture/boundaries.test.ts';

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const bareBuiltins = builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/')).map(escape);

/** One restriction: a regex over the import specifier, and why. */
const restriction = (regex, message) => ({ regex, message: `${message} (${WHY})` });

const NODE = restriction(
  `^(node:|(${bareBuiltins.join('|')})(/|$))`,
  'only src/node.ts, src/cli*.ts, src/tools/** and the data-dir files (src/journal/file-*.ts, open-data-dir.ts) may import Node builtins',
);
const TRANSPORT = restriction('^(hono|msw|@hono/[^/]+)(/|$)', 'the engine knows no transport: no hono or msw');
const HTTP = restriction('(^|/)http(/|$)', 'the engine must not import src/http (the transport depends on the engine, not back)');
const INTERNALS = restriction(
  '(^|/)src/(engine|http|vendors)(/|$)',
  'contracts/ is black-box: import src/index.ts, src/operations.ts, src/errors or src/schema instead',
);
const otherVendors = (vendor) =>
  restriction(
    `(^|/)(${VENDORS.filter((v) => v !== vendor).join('|')})(/|\\.[jt]s$|$)`,
    `${vendor} code must not import another vendor's code; move what both need to shared code`,
  );

/**
 * The rule settings for one group of files. ESLint replaces (does not merge) a rule's options when a
 * later config object matches the same file, so each group lists every restriction that applies to it.
 */
function restrict(files, restrictions, ignores = []) {
  // `import()` is not an ImportDeclaration: no-restricted-imports misses it, so match it by syntax.
  const dynamic = restrictions.map((r) => ({
    selector: `ImportExpression[source.value=/${r.regex.replaceAll('/', '\\/')}/]`,
    message: r.message,
  }));
  return {
    files,
    ignores,
    rules: {
      'no-restricted-imports': ['error', { patterns: restrictions }],
      'no-restricted-syntax': ['error', ...dynamic],
    },
  };
}

const perVendor = (globsOf, extra) => VENDORS.map((v) => restrict(globsOf(v), [...extra, otherVendors(v)]));

/** Ordered from general to specific: the last matching group wins and holds the union. */
export const boundaries = [
  restrict(['src/**/*.ts'], [NODE], ['src/node.ts', 'src/cli*.ts', 'src/tools/**', 'src/journal/file-*.ts', 'src/journal/open-data-dir.ts']),
  restrict(['src/engine/**/*.ts', 'src/vendors/*/engine/**/*.ts'], [NODE, TRANSPORT, HTTP]),
  ...perVendor((v) => [`src/http/${v}/**/*.ts`, `src/vendors/${v}/**/*.ts`, `src/vendors/${v}.ts`], [NODE]),
  ...perVendor((v) => [`src/engine/${v}/**/*.ts`, `src/vendors/${v}/engine/**/*.ts`], [NODE, TRANSPORT, HTTP]),
  restrict(['contracts/**/*.ts'], [INTERNALS]),
];

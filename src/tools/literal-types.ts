/**
 * String-literal types for the type generator: operation ids from the catalogue in
 * src/operations.ts, error keys from schemas/<vendor>/errors.json. With these a misspelt id or
 * key is a compile error instead of a runtime "not in the catalogue".
 */
import type { Vendor } from '../engine/vendor-error.js';

/** `wechatpay` -> `Wechatpay`: the prefix of a vendor's type names. */
export function vendorPrefix(vendor: string): string {
  return vendor.charAt(0).toUpperCase() + vendor.slice(1);
}

function union(values: readonly string[]): string {
  if (values.length === 0) return ' never';
  return values.map((v) => `\n  | ${JSON.stringify(v)}`).join('');
}

/**
 * One union per vendor, optionally the union of them all, a vendor -> union map, and
 * `<by><V extends Vendor = Vendor>` indexing that map: indexing by V only compiles while every
 * vendor has an entry, so a vendor added to `Vendor` cannot be forgotten here.
 */
function perVendor(
  groups: ReadonlyMap<string, readonly string[]>,
  names: { what: string; of: (vendor: string) => string; doc: (vendor: string) => string; all?: string; map: string; by: string },
): string {
  const lines: string[] = [];
  for (const [vendor, values] of groups) lines.push(`/** ${names.doc(vendor)} */`, `export type ${names.of(vendor)} =${union(values)};`, '');
  if (names.all)
    lines.push(
      `/** Every ${names.what.replace(/s$/, '')} of every vendor. */`,
      `export type ${names.all} = ${[...groups.keys()].map(names.of).join(' | ')};`,
      '',
    );
  lines.push(`/** Vendor -> its ${names.what}. */`, `export interface ${names.map} {`);
  for (const vendor of groups.keys()) lines.push(`  ${vendor}: ${names.of(vendor)};`);
  lines.push('}', '');
  lines.push(`/** The ${names.what} of vendor V (of every vendor by default). */`);
  lines.push(`export type ${names.by}<V extends Vendor = Vendor> = ${names.map}[V];`, '');
  return lines.join('\n');
}

const VENDOR_IMPORT = "import type { Vendor } from '../engine/vendor-error.js';\n";

/** src/types/operation-id.ts from the catalogue, in catalogue order. */
export function operationIdModule(banner: string, operations: readonly { vendor: Vendor; id: string }[]): string {
  const groups = new Map<string, string[]>();
  for (const op of operations) groups.set(op.vendor, [...(groups.get(op.vendor) ?? []), op.id]);
  return [
    banner,
    '// Operation ids of the catalogue (`operations` in src/operations.ts).',
    VENDOR_IMPORT,
    perVendor(groups, {
      what: 'operation ids',
      of: (v) => `${vendorPrefix(v)}OperationId`,
      doc: (v) => `The ids of the ${v} operations.`,
      all: 'OperationId',
      map: 'OperationIdByVendor',
      by: 'OperationIdOf',
    }),
  ].join('\n');
}

/** src/types/error-key.ts from the error catalogues, in catalogue order. */
export function errorKeyModule(banner: string, catalogues: ReadonlyMap<string, readonly string[]>): string {
  return [
    banner,
    '// Error keys of the catalogues (the `key` of each entry of schemas/<vendor>/errors.json).',
    VENDOR_IMPORT,
    perVendor(catalogues, {
      what: 'error keys',
      of: (v) => `${vendorPrefix(v)}ErrorKey`,
      doc: (v) => `The keys of schemas/${v}/errors.json.`,
      map: 'ErrorKeyByVendor',
      by: 'ErrorKey',
    }),
  ].join('\n');
}

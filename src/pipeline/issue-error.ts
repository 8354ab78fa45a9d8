import { VendorError, type Vendor } from '../engine/vendor-error.js';
import type { ValidationIssue } from '../schema/registry.js';
import { errorKey } from '../errors/catalogue.js';
import type { ErrorKey } from '../types/error-key.js';
import type { InputLocation } from './vendor-module.js';

/** How a vendor names a schema failure its schemas do not name through `x-errors`. */
export interface IssueMapping {
  /** Key for a missing required field. */
  readonly missing: ErrorKey;
  /** Key for any other failure (wrong type, bad value...). */
  readonly invalid: ErrorKey;
  /**
   * Report the first issue that names a key (waiqin365: anyOf/if branches name none), rather
   * than the first issue.
   */
  readonly firstNamed?: boolean;
  /** Add `{field, location, issue}` as the error's detail (WeChat Pay does). */
  readonly detail?: boolean;
}

/**
 * The one mapping from schema issues to a vendor error: the key the schema names through
 * `x-errors` when it names one, else the vendor's missing/invalid key.
 */
export function issueError(vendor: Vendor, issues: readonly ValidationIssue[], location: InputLocation, mapping: IssueMapping): VendorError {
  const issue = (mapping.firstNamed ? issues.find((i) => i.errorKey) : undefined) ?? issues[0]!;
  // x-errors values are plain strings in the schemas: checked against the catalogue here (a key
  // missing from it is a schema bug, answered as the vendor's system error).
  const key =
    issue.errorKey !== undefined ? errorKey(vendor, issue.errorKey) : issue.keyword === 'required' && !mapping.firstNamed ? mapping.missing : mapping.invalid;
  if (!mapping.detail) return new VendorError(vendor, key);
  const field = issue.missingProperty ?? issue.path.replace(/^\//, '').replace(/\//g, '.');
  return new VendorError(vendor, key, { field, location, issue: issue.message });
}

import type { Vendor } from '../engine/vendor-error.js';
import type { ErrorEntry } from '../errors/catalogue.js';
import type { Operation } from '../operations.js';
import type { ExampleObject, HeaderObject, JsonSchema, ParameterObject, SecurityRequirement, SecuritySchemeObject } from './openapi-types.js';
import type { SchemaComponents } from './schema-components.js';

/**
 * What differs between the three vendors' documents; `vendorDocument()` does the rest the same
 * way for all (paths, parameters, bodies, error grouping). One profile per vendor file.
 */
export interface VendorProfile {
  vendor: Vendor;
  title: string;
  /** Markdown for `info.description`: transport, auth and error conventions. */
  description: string;
  securitySchemes?: Record<string, SecuritySchemeObject>;
  /** Document-wide requirement; an operation may override it with `operationSecurity`. */
  security?: SecurityRequirement[];
  operationSecurity?(op: Operation): SecurityRequirement[] | undefined;
  /** The content type of every response, exactly as the sandbox (and the vendor) sends it. */
  responseMediaType: string;
  /** Headers on every response of the vendor (components/headers), e.g. WeChat Pay's signature. */
  responseHeaders?: Record<string, HeaderObject>;
  /** Schema id of every error body. */
  errorSchema: string;
  /**
   * The example name of a catalogued error (default: its catalogue key). Never an array index
   * ('40001'): JavaScript orders such keys first, and mock servers answer with the first example,
   * which must stay the success.
   */
  errorExampleName?(entry: ErrorEntry): string;
  /** The body the vendor answers a catalogued error with (for the named examples). */
  errorBody(entry: ErrorEntry, op: Operation): unknown;
  /** Schema of the 200 body; for vendors whose errors are HTTP 200 too, success and error alike. */
  okSchema(op: Operation, components: SchemaComponents): JsonSchema;
  /** Success examples of the 200 body (named), taken from the documented examples. */
  okExamples(op: Operation): Record<string, ExampleObject>;
  /** A path parameter that the operation's query schema does not describe (waiqin365's path). */
  pathParameter?(name: string, op: Operation): Omit<ParameterObject, 'name' | 'in' | 'required'>;
  /** Extra prose for one operation's `description`. */
  operationNote?(op: Operation): string | undefined;
}

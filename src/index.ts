// Public surface of the library: re-exports only.
export { createSandbox, type Sandbox } from './sandbox.js';
export type { SandboxOptions, ResolvedOptions } from './options.js';
export { SandboxClock } from './engine/clock.js';
export { VendorError, type Vendor } from './engine/vendor-error.js';
export { errorEntry, errorCatalogue, type ErrorEntry } from './errors/catalogue.js';
export { operations, operation, operationsOf, type Operation } from './operations.js';
export { schemas, schemaId, SCHEMA_BASE, type ValidationIssue, type ValidationResult } from './schema/registry.js';

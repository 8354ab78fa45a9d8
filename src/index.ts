// Public surface of the library: re-exports only.
export { createSandbox, type Sandbox, type WorldHandle, type WechatpayCredentials, type WaiqinCredentials } from './sandbox.js';
// Isolated worlds of a running sandbox, over fetch (any runner, Node or browser).
export { createWorld, type CreateWorldOptions, type RemoteWorld, type WorldClockState } from './worlds/client.js';
export type { SandboxOptions, ResolvedOptions } from './options.js';
export { SandboxClock } from './engine/clock.js';
export { VendorError, type Vendor } from './engine/vendor-error.js';
export { errorEntry, errorCatalogue, type ErrorEntry } from './errors/catalogue.js';
export { operations, operation, operationsOf, type Operation } from './operations.js';
export { schemas, schemaId, SCHEMA_BASE, type ValidationIssue, type ValidationResult } from './schema/registry.js';
// Client-side signing for calls without a vendor SDK (Web Crypto / pure JS: browser-safe).
export {
  v3Authorization,
  signedV3Request,
  verifyV3Response,
  signerKeys,
  type V3MerchantCredentials,
  type V3SignerKeys,
  type V3MerchantCredentialsFromSandbox,
} from './http/wechatpay/signer.js';
export { h5CouponUrl, v2Sign, type H5CouponParams } from './http/wechatpay/h5-link.js';
export { signWaiqinRequest, type WaiqinSignInput, type SignedWaiqinRequest } from './http/waiqin/signer.js';
export { waiqinDigest } from './http/waiqin/digest.js';
export type { OperationId, OperationInput, OperationBody } from './vendors.js';
export { ControlError } from './pipeline/control-error.js';
export {
  openapiDocument,
  mountOpenapiRoutes,
  controlDocument,
  OPENAPI_DOCUMENT_NAMES,
  type ControlRouteDescription,
  type OpenapiDocumentName,
  type OpenApiDocument,
} from './openapi/index.js';
export { checkReceiver, formatReport, junitReport, type CheckReceiverOptions, type ReceiverCase, type ReceiverReport } from './notifications/check-receiver.js';
export type { NotificationDelivery, NotificationHook, HookAnswer } from './notifications/send-attempt.js';
export type { Notification, Attempt, NotificationStatus } from './notifications/notification.js';
export type { OutboxChange } from './notifications/outbox.js';

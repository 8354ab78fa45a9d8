// The contract-test kit (`coupon-sandbox/contracts`): re-exports only.
export {
  contractConfig,
  DEFAULT_BASE_URLS,
  DEFAULT_PROGRESS_MS,
  type ContractConfig,
  type ContractConfigInput,
  type Fixtures,
  type WriteFixtures,
  type WritePolicy,
  type WechatTargetConfig,
  type WechatPayTargetConfig,
  type WaiqinTargetConfig,
} from './config.js';
export { contractConfigFromEnv, reportsDirFromEnv, CONTRACT_ENV, type EnvVariable } from './env.js';
export { leaseTarget, type TargetLease, type LeaseMode, type ControlCall, type ControlAnswer } from './isolation.js';
export { Progress, type ProgressWrite } from './progress.js';
export { contractTarget } from './contract-target.js';
export { defineContractSuites } from './suites.js';
export { runContracts, type ContractRunWithLog } from './runner.js';
export { contractCases, CaseSkipped, type ContractCase, type CaseKind } from './cases/index.js';
export { ContractSession, type CaseResult, type MessageDrift, type SessionOptions } from './session.js';
export { CaseContext, type CallResult } from './context.js';
export {
  summarize,
  summaryNumbers,
  coverageMarkdown,
  driftMarkdown,
  consoleSummary,
  writeReports,
  type ContractRun,
  type OperationCoverage,
} from './report.js';
export { ContractViolation, formatViolation, type Violation } from './violation.js';
export { RequestRefused, type Exchange, type SentRequest } from './transport.js';
export { ResponseValidator } from './validate.js';
export { DriftCollector, type DriftEntry } from './drift.js';
export { authorization as wechatpayAuthorization, signatureMessage as wechatpaySignatureMessage } from './vendors/wechatpay.js';
export { waiqinDigest, waiqinTimestamp } from './vendors/waiqin.js';

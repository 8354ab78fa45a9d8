import {
  configureKeys,
  KeyControlError,
  rotateCertificate,
  type CertificatesAnswer,
  type MerchantKeys,
  type NotifySigning,
} from '../../engine/wechatpay/key-modes.js';
import { merchantAccount } from '../../engine/wechatpay/merchants.js';
import type { WechatPayState } from '../../engine/wechatpay/model.js';
import { action } from '../../pipeline/control-action.js';
import { ControlError } from '../../pipeline/control-error.js';
import { schemaId } from '../../schema/registry.js';
import { merchantView, merchantViews } from './credentials.js';

type S = WechatPayState;

/** The keys of a merchant that has any, or 404 (sub-merchants and unknown mchids have none). */
function keysOf(state: S, mchid: string): MerchantKeys {
  const keys = state.keys.get(mchid);
  if (!keys) throw new ControlError(404, 'NOT_FOUND', `merchant ${mchid} has no API keys in the sandbox`);
  return keys;
}

/** Runs a change of a merchant's keys; a refusal of the key rules is 409. */
function change(state: S, mchid: string, nowMs: number, apply: (keys: MerchantKeys) => void): Record<string, unknown> {
  const keys = keysOf(state, mchid);
  try {
    apply(keys);
  } catch (error) {
    if (error instanceof KeyControlError) throw new ControlError(409, 'VENDOR_RULE', error.message);
    throw error;
  }
  return merchantView(merchantAccount(mchid)!, keys, nowMs);
}

/**
 * What WeChat Pay's merchant platform and its certificate schedule do to a merchant's keys:
 * list them, rotate the platform certificate, and set the knobs the vendor leaves to chance
 * (the answer to GET /v3/certificates without certificates, the key of a migrating merchant's
 * notifications). Also `sandbox.wechatpay.<name>(input)`.
 */
export const keyControls = {
  merchants: action(
    {
      method: 'GET',
      path: '/_sandbox/wechatpay/merchants',
      summary: 'The merchants with API keys: key mode (certificate, public_key, migrating), platform certificates listed now, public key id',
      writes: false,
    },
    (s: S, _input: Record<string, never>, ctx) => ({ merchants: merchantViews(s, ctx.now) }),
  ),
  configureMerchant: action(
    {
      method: 'POST',
      path: '/_sandbox/wechatpay/merchants/:mchid',
      summary: "Set what GET /v3/certificates answers a public-key-only merchant, or which key signs a migrating merchant's notifications",
      request: schemaId('sandbox/wechatpay-merchant-config.request.json'),
      writes: true,
    },
    (s: S, input: { mchid: string; certificates_answer?: CertificatesAnswer; notify_signing?: NotifySigning }, ctx) =>
      change(s, input.mchid, ctx.now, (keys) => configureKeys(keys, input)),
  ),
  rotateCertificate: action(
    {
      method: 'POST',
      path: '/_sandbox/wechatpay/merchants/:mchid/rotate-certificate',
      summary: 'Rotate the platform certificate: the new one signs from now on, the old one stays listed for overlap_seconds',
      request: schemaId('sandbox/wechatpay-rotate-certificate.request.json'),
      writes: true,
    },
    (s: S, input: { mchid: string; overlap_seconds?: number }, ctx) =>
      change(s, input.mchid, ctx.now, (keys) => rotateCertificate(keys, ctx.now, input.overlap_seconds ?? 86400)),
  ),
};

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkReceiver, formatReport, junitReport, type CheckReceiverOptions } from './notifications/check-receiver.js';

/** `coupon-sandbox check-receiver --help`. */
export const CHECK_RECEIVER_HELP = `Usage: coupon-sandbox check-receiver --vendor wechatpay|wechat --url URL [options]

Sends a notification receiver one valid delivery and a battery of invalid ones and prints what it
answered. Exits 1 when it rejects the valid one or accepts an invalid one.

  --vendor wechatpay|wechat   which vendor's notifications (COUPON.SEND, card events)
  --url URL                   the receiver
  --sandbox URL               read the keys from a running sandbox (default: its TEST-ONLY keys as seeded)
  --mchid ID                  WeChat Pay merchant whose keys sign (default: the sandbox merchant)
  --appid ID                  WeChat: the Official Account (with --sandbox: its push settings)
  --token T --encoding-aes-key K --mode plain|compatible|safe --format xml|json
                              WeChat push settings (without --sandbox)
  --junit FILE                also write the results as JUnit XML`;

/** One line for a usage mistake. */
class CheckUsageError extends Error {}

async function fetchJson(url: string): Promise<Record<string, unknown>> {
  const res = await fetch(url);
  if (!res.ok) throw new CheckUsageError(`${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  return (await res.json()) as Record<string, unknown>;
}

/** The kit's options from flags (and a running sandbox's control surface, when given). */
async function optionsOf(values: Record<string, string | undefined>): Promise<CheckReceiverOptions> {
  const { vendor, url, sandbox } = values;
  if (!url) throw new CheckUsageError('--url is required');
  if (vendor === 'wechatpay') {
    if (!sandbox) return { vendor, url, ...(values.mchid && { mchid: values.mchid }) };
    // The merchant's keys as the running sandbox has them now: the key its notifications are signed with, its APIv3 key.
    const { wechatpay } = (await fetchJson(`${sandbox.replace(/\/$/, '')}/_sandbox/credentials`)) as { wechatpay: { merchants: Record<string, string>[] } };
    const merchant = wechatpay.merchants.find((m) => m.mchid === (values.mchid ?? wechatpay.merchants[0]!.mchid));
    if (!merchant) throw new CheckUsageError(`the sandbox has no merchant ${values.mchid}`);
    const publicKey = merchant.mode === 'public_key' || (merchant.mode === 'migrating' && merchant.notify_signing === 'public_key');
    return { vendor, url, mchid: merchant.mchid!, apiv3Key: merchant.apiv3_key!, serial: publicKey ? merchant.public_key_id! : merchant.platform_serial_no! };
  }
  if (vendor !== 'wechat') throw new CheckUsageError('--vendor must be wechatpay or wechat');
  if (sandbox) {
    const config = await fetchJson(
      `${sandbox.replace(/\/$/, '')}/_sandbox/wechat/push-config${values.appid ? `?appid=${encodeURIComponent(values.appid)}` : ''}`,
    );
    return {
      vendor,
      url,
      appid: String(config.appid),
      token: String(config.token),
      mode: config.mode as 'plain',
      format: config.format as 'xml',
      ...(typeof config.encoding_aes_key === 'string' && { encodingAesKey: config.encoding_aes_key }),
    };
  }
  if (!values.token || !values.appid) throw new CheckUsageError('--vendor wechat needs --token and --appid (or --sandbox URL)');
  const mode = (values.mode ?? 'plain') as 'plain' | 'compatible' | 'safe';
  if (!['plain', 'compatible', 'safe'].includes(mode)) throw new CheckUsageError('--mode must be plain, compatible or safe');
  if (mode !== 'plain' && !values['encoding-aes-key']) throw new CheckUsageError(`--mode ${mode} needs --encoding-aes-key`);
  return {
    vendor,
    url,
    appid: values.appid,
    token: values.token,
    mode,
    format: values.format === 'json' ? 'json' : 'xml',
    ...(values['encoding-aes-key'] && { encodingAesKey: values['encoding-aes-key'] }),
  };
}

/** Runs `check-receiver` with its arguments; resolves to the exit code. */
export async function runCheckReceiver(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args,
      options: Object.fromEntries(
        ['vendor', 'url', 'sandbox', 'mchid', 'appid', 'token', 'encoding-aes-key', 'mode', 'format', 'junit'].map((name) => [
          name,
          { type: 'string' as const },
        ]),
      ),
      allowPositionals: false,
      strict: true,
    }).values;
    if (args.includes('--help') || args.includes('-h')) {
      console.log(CHECK_RECEIVER_HELP);
      return 0;
    }
  } catch (error) {
    if (args.includes('--help') || args.includes('-h')) {
      console.log(CHECK_RECEIVER_HELP);
      return 0;
    }
    console.error(`coupon-sandbox check-receiver: ${(error as Error).message}`);
    return 2;
  }
  try {
    const options = await optionsOf(values as Record<string, string | undefined>);
    const report = await checkReceiver(options);
    console.log(formatReport(report));
    const junit = values.junit;
    if (typeof junit === 'string') writeFileSync(junit, junitReport(report));
    return report.passed ? 0 : 1;
  } catch (error) {
    console.error(`coupon-sandbox check-receiver: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

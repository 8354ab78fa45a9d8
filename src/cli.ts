#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { serveSandbox } from './node.js';

// The CLI maps flags and environment to options and prints; all behaviour lives in the library.
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    empty: { type: 'boolean' },
    'lenient-auth': { type: 'boolean' },
    'waiqin-return-code': { type: 'string' },
    quiet: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`coupon-sandbox [--port 4010] [--host 127.0.0.1] [--seed N] [--empty] [--lenient-auth] [--waiqin-return-code string|number]
Environment: PORT, HOST, SEED. Flags win over the environment.`);
  process.exit(0);
}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`coupon-sandbox: ${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

const returnCode = values['waiqin-return-code'];
if (returnCode !== undefined && returnCode !== 'string' && returnCode !== 'number') {
  console.error('coupon-sandbox: --waiqin-return-code must be "string" or "number"');
  process.exit(2);
}

try {
  const running = await serveSandbox({
    port: int('port', values.port ?? process.env.PORT, 4010),
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    seed: int('seed', values.seed ?? process.env.SEED, 1),
    empty: values.empty ?? false,
    lenientAuth: values['lenient-auth'] ?? false,
    waiqinReturnCode: returnCode as 'string' | 'number' | undefined,
  });
  console.log(`coupon-sandbox listening on ${running.url}`);
  if (!values.quiet) {
    console.log('credentials (GET /_sandbox/credentials):');
    console.log(JSON.stringify(running.sandbox.credentials(), null, 2));
  }
  const stop = (signal: string) => {
    console.log(`coupon-sandbox: ${signal}, shutting down`);
    // A close that fails must still end the process, and say why, rather than hang on an unhandled rejection.
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('coupon-sandbox: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error(`coupon-sandbox: could not start: ${(error as Error).message}`);
  process.exitCode = 1;
}

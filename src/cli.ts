#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { HELP, HINT, readCommandLine, UsageError, type CliRequest } from './cli-args.js';
import { startupBanner } from './cli-banner.js';
import { DataDirError, openSandbox, SharedStoreError } from './node.js';
import { formatSummary, type RequestSummary } from './pipeline/request-summary.js';

// The CLI maps flags and environment to options and prints; all behaviour lives in the library.
// Every failure a user can cause ends in one line on stderr, never a stack.

// `coupon-sandbox check-receiver ...`: the receiver test kit, a command of its own.
if (process.argv[2] === 'check-receiver') {
  const { runCheckReceiver } = await import('./cli-check-receiver.js');
  process.exit(await runCheckReceiver(process.argv.slice(3)));
}

/** The package version, from the package.json beside dist/ (built) or beside src/ (tsx). */
function version(): string {
  for (const path of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'coupon-sandbox' && pkg.version) return pkg.version;
    } catch {
      /* try the next location */
    }
  }
  return 'unknown';
}

/** What a failed listen means to a user, in one line. */
function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  if (error.code === 'EADDRINUSE') {
    return `port ${port} on ${host} is already in use (another sandbox?); use --port 0 for a free port, or --port N for another one`;
  }
  if (error.code === 'EACCES') return `not allowed to listen on port ${port} (ports below 1024 need privileges); use --port 0 or a port above 1023`;
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return `cannot bind to host ${host} (not an address of this machine); use --host 127.0.0.1`;
  return `could not start: ${error.message}`;
}

let request: CliRequest;
try {
  request = readCommandLine(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`coupon-sandbox: ${error.message}`);
  console.error(HINT);
  process.exit(2);
}

if (request.kind === 'help') {
  console.log(HELP);
  process.exit(0);
}
if (request.kind === 'version') {
  console.log(`coupon-sandbox ${version()}`);
  process.exit(0);
}

const { options, quiet } = request;
// One line per request in a terminal (method, path with secrets masked, operation, outcome, ms);
// piped output (CI logs, a supervisor) stays quiet unless asked, and --quiet silences it.
const logRequests = !quiet && (process.stdout.isTTY === true || process.env.SANDBOX_LOG_REQUESTS === '1');

/** Whether a bind address only accepts connections from this machine. */
function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

// Beyond loopback, other machines reach /_sandbox/ too (credentials with private keys, reset, signing).
if (!isLoopbackHost(options.host!)) {
  console.error(
    `coupon-sandbox: WARNING: bound to ${options.host}, not loopback: other machines can reach it. ` +
      (options.controlToken
        ? 'The control surface (/_sandbox/) requires the control token.'
        : 'The control surface (/_sandbox/: credentials with private keys, reset, signing) is open to them: set --control-token or SANDBOX_CONTROL_TOKEN.'),
  );
}
try {
  const running = await openSandbox({ ...options, ...(logRequests && { onRequest: (summary: RequestSummary) => console.log(formatSummary(summary)) }) });
  if (running.torn) console.error(running.torn);
  const stop = (signal: string) => {
    if (!quiet) console.log(`coupon-sandbox: ${signal}, shutting down`);
    // A close that fails must still end the process, and say why, rather than hang on an unhandled rejection.
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('coupon-sandbox: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  // Before the banner: whoever waits for "listening on" may send SIGTERM right after reading it.
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  const banner = startupBanner(running);
  console.log((quiet ? banner.slice(0, 1) : banner).join('\n'));
} catch (error) {
  // A data dir it must not start on (in use, corrupt, another layout): say why, never start empty.
  if (error instanceof DataDirError || error instanceof SharedStoreError) console.error(`coupon-sandbox: ${error.message}`);
  else console.error(`coupon-sandbox: ${listenFailure(error as NodeJS.ErrnoException, options.host!, options.port!)}`);
  process.exitCode = 1;
}

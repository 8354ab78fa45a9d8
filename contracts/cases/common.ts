import { errorCatalogue } from '../../src/errors/catalogue.js';
import type { Vendor } from '../../src/index.js';
import { operation } from '../../src/operations.js';
import type { CaseContext } from '../context.js';
import { exampleFor } from '../examples.js';
import type { ContractCase } from './types.js';

/**
 * The request of an operation built from its first documented example (body or query), with the
 * run's fixtures laid over it. Skips when the schemas have no example yet: the kit builds requests
 * from documentation, never from invented data.
 */
export function example(
  ctx: CaseContext,
  operationId: string,
  overrides: Record<string, unknown> = {},
  pick?: (data: Record<string, unknown>) => boolean,
): Record<string, unknown> {
  const op = operation(operationId);
  const schema = op.request ?? op.query;
  const base = schema ? exampleFor<Record<string, unknown>>(schema, pick) : {};
  if (!base) ctx.skip(`no documented example of ${schema} under schemas/${op.vendor}/examples/ to build the request from`);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete base[key];
    else base[key] = value;
  }
  return base;
}

/** Whether a catalogue key exists (cases for keys a vendor helper renamed are simply not generated). */
export function known(vendor: Vendor, key: string): boolean {
  return errorCatalogue(vendor).some((e) => e.key === key);
}

/** A case asserting one documented error, or nothing when the catalogue lacks the key. */
export function errorCase(
  operationId: string,
  key: string,
  how: string,
  run: (ctx: CaseContext) => Promise<unknown>,
  needs?: ContractCase['needs'],
): ContractCase[] {
  const op = operation(operationId);
  if (!known(op.vendor, key)) return [];
  return [
    {
      id: `${operationId} !${key} (${how})`,
      vendor: op.vendor,
      kind: 'error',
      title: `${operationId} answers ${key} for ${how}`,
      operations: [operationId],
      errorKey: key,
      needs,
      run: async (ctx) => void (await run(ctx)),
    },
  ];
}

/** yyyy-MM-dd of an instant in China Standard Time (WeChat datacube days are Asia/Shanghai days). */
export function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

const DAY = 86_400_000;

/** A datacube range ending yesterday (today is never available), `days` long. */
export function datacubeRange(nowMs: number, days = 7): { begin_date: string; end_date: string } {
  return { begin_date: shanghaiDate(nowMs - days * DAY), end_date: shanghaiDate(nowMs - DAY) };
}

/** A unique request number for idempotency keys (out_request_no, use_request_no...). */
export function requestNo(prefix: string): string {
  return `${prefix}${Date.now()}${Math.floor(Math.random() * 1e6)
    .toString()
    .padStart(6, '0')}`;
}

import { errorEntry, type ErrorEntry } from '../errors/catalogue.js';
import type { Operation } from '../operations.js';
import type {
  ExampleObject,
  HttpMethod,
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  RequestBodyObject,
  ResponseObject,
} from './openapi-types.js';
import { namedExamples } from './named-examples.js';
import { SchemaComponents } from './schema-components.js';
import { vendorServers } from './servers.js';
import type { VendorProfile } from './vendor-profile.js';

/** Names of the `{name}` segments of a path template, in order. */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

/** The catalogued errors of an operation by HTTP status, each key once, in catalogue-list order. */
export function errorsByStatus(op: Operation): Map<number, ErrorEntry[]> {
  const out = new Map<number, ErrorEntry[]>();
  for (const key of new Set(op.errors)) {
    const entry = errorEntry(op.vendor, key);
    out.set(entry.status, [...(out.get(entry.status) ?? []), entry]);
  }
  return out;
}

function parameters(profile: VendorProfile, op: Operation, components: SchemaComponents): ParameterObject[] {
  const query = op.query ? components.source(op.query) : undefined;
  const properties = (query?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((query?.required ?? []) as string[]);
  const inPath = pathParameterNames(op.path);
  const fromProperty = (name: string) => {
    const schema = components.rewrite(properties[name]!, op.query!);
    const description = typeof schema.description === 'string' ? schema.description : undefined;
    return { schema, ...(description !== undefined && { description }) };
  };
  const out: ParameterObject[] = inPath.map((name) => {
    const described = properties[name] ? fromProperty(name) : profile.pathParameter?.(name, op);
    if (!described) throw new Error(`openapi: ${op.id} has path parameter {${name}} that nothing describes`);
    return { name, in: 'path', required: true, ...described };
  });
  for (const name of Object.keys(properties)) {
    if (!inPath.includes(name)) out.push({ name, in: 'query', required: required.has(name), ...fromProperty(name) });
  }
  return out;
}

function requestBody(op: Operation, components: SchemaComponents): RequestBodyObject | undefined {
  if (!op.request) return undefined;
  const examples = namedExamples(op.request, 'example');
  return {
    required: true,
    content: {
      'application/json': { schema: components.ref(op.request), ...(Object.keys(examples).length > 0 && { examples }) },
    },
  };
}

function errorExamples(profile: VendorProfile, op: Operation, entries: readonly ErrorEntry[]): Record<string, ExampleObject> {
  return Object.fromEntries(
    entries.map((entry) => [
      profile.errorExampleName?.(entry) ?? entry.key,
      { summary: `${entry.code} ${entry.message}`, description: entry.when, value: profile.errorBody(entry, op) },
    ]),
  );
}

function responses(profile: VendorProfile, op: Operation, components: SchemaComponents): Record<string, ResponseObject> {
  const headers = profile.responseHeaders
    ? Object.fromEntries(Object.keys(profile.responseHeaders).map((name) => [name, { $ref: `#/components/headers/${name}` }]))
    : undefined;
  const byStatus = errorsByStatus(op);
  const inOk = byStatus.get(200) ?? [];
  const okExamples = { ...profile.okExamples(op), ...errorExamples(profile, op, inOk) };
  const out: Record<string, ResponseObject> = {};
  if (op.noContent && inOk.length === 0) {
    // WeChat Pay's PATCH stock: no body to describe, only the signed headers.
    out['204'] = { description: 'Success: no body', ...(headers && { headers }) };
  } else {
    out['200'] = {
      description: inOk.length > 0 ? `Success, or one of the ${inOk.length} catalogued errors (HTTP 200 too)` : 'Success',
      ...(headers && { headers }),
      content: {
        [profile.responseMediaType]: {
          schema: profile.okSchema(op, components),
          ...(Object.keys(okExamples).length > 0 && { examples: okExamples }),
        },
      },
    };
  }
  for (const status of [...byStatus.keys()].filter((s) => s !== 200).sort((a, b) => a - b)) {
    const entries = byStatus.get(status)!;
    out[String(status)] = {
      description: `Error: ${[...new Set(entries.map((e) => e.code))].join(', ')}`,
      ...(headers && { headers }),
      content: {
        [profile.responseMediaType]: { schema: components.ref(profile.errorSchema), examples: errorExamples(profile, op, entries) },
      },
    };
  }
  return out;
}

function operationObject(profile: VendorProfile, op: Operation, components: SchemaComponents): OperationObject {
  const notes = [
    op.summary + '.',
    profile.operationNote?.(op),
    op.query ? (components.source(op.query).description as string | undefined) : undefined,
    op.writes ? 'Changes vendor state (the contract kit refuses it on real targets unless writes are allowed).' : undefined,
  ].filter((note): note is string => typeof note === 'string' && note !== '');
  const params = parameters(profile, op, components);
  const body = requestBody(op, components);
  const security = profile.operationSecurity?.(op);
  return {
    operationId: op.id,
    summary: op.summary,
    description: notes.join('\n\n'),
    tags: [profile.vendor],
    ...(params.length > 0 && { parameters: params }),
    ...(body && { requestBody: body }),
    responses: responses(profile, op, components),
    ...(security !== undefined && { security }),
    'x-writes': op.writes,
    'x-source': op.source,
  };
}

/**
 * One vendor's OpenAPI 3.1 document, built from the operation catalogue (method, path, schemas,
 * errors) and the JSON Schemas, so it describes exactly what the sandbox routes and validates.
 * Every catalogued error of an operation is a named example (key = catalogue key) under the HTTP
 * status the vendor answers it with.
 *
 * @example
 * const doc = vendorDocument(wechatProfile, operationsOf('wechat'), '0.1.0');
 * doc.paths['/card/code/get']!.post!.operationId; // 'wechat.code-get'
 */
export function vendorDocument(profile: VendorProfile, ops: readonly Operation[], version: string): OpenApiDocument {
  const components = new SchemaComponents();
  const paths: Record<string, PathItemObject> = {};
  for (const op of ops) {
    if (op.vendor !== profile.vendor) throw new Error(`openapi: ${op.id} is not a ${profile.vendor} operation`);
    const item = (paths[op.path] ??= {});
    const method = op.method.toLowerCase() as HttpMethod;
    if (item[method]) throw new Error(`openapi: two operations on ${op.method} ${op.path}`);
    item[method] = operationObject(profile, op, components);
  }
  return {
    openapi: '3.1.0',
    info: { title: profile.title, version, description: profile.description },
    servers: vendorServers(profile.vendor),
    tags: [{ name: profile.vendor, description: profile.title }],
    paths,
    components: {
      schemas: components.schemas(),
      ...(profile.responseHeaders && { headers: profile.responseHeaders }),
      ...(profile.securitySchemes && { securitySchemes: profile.securitySchemes }),
    },
    ...(profile.security && { security: profile.security }),
  };
}

import { schemaId } from '../schema/registry.js';
import type { OpenApiDocument, OperationObject, ParameterObject, PathItemObject, ResponseObject } from './openapi-types.js';
import { SchemaComponents } from './schema-components.js';
import { sandboxServer } from './servers.js';
import { pathParameterNames } from './vendor-document.js';

/**
 * One route of the sandbox's own control surface (`/_sandbox/...`), described for the OpenAPI
 * export. Schemas are `$id`s (schemas/sandbox/ and friends); a route without `response` answers
 * some JSON object.
 */
export interface ControlRouteDescription {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  /** OpenAPI path template, `{name}` for path parameters. */
  path: string;
  summary: string;
  /** Schema `$id` of the JSON body. */
  request?: string;
  /** Schema `$id` of the query string (its properties become query parameters). */
  query?: string;
  /** Schema `$id` of the success body. */
  response?: string;
}

const CONTROL_ERROR = schemaId('sandbox/control-error.json');
const MEDIA_TYPE = 'application/json';

/** `sandbox.post-wechatpay-stocks-stock_id-state`: stable, readable, unique per method and path. */
export function controlOperationId(route: Pick<ControlRouteDescription, 'method' | 'path'>): string {
  const rest = route.path
    .replace(/^\/_sandbox\//, '')
    .replace(/[{}]/g, '')
    .split(/[^A-Za-z0-9_]+/)
    .filter(Boolean);
  return `sandbox.${route.method.toLowerCase()}-${rest.join('-')}`;
}

function tagOf(path: string): string {
  const first = /^\/_sandbox\/([^/]+)\//.exec(path)?.[1];
  return first ?? 'sandbox';
}

const errorExamples = {
  NOT_FOUND: {
    summary: 'NOT_FOUND: no such route, or an unknown name in the path',
    value: { error: { code: 'NOT_FOUND', message: 'no sandbox route for GET /_sandbox/nothing' } },
  },
  VENDOR_RULE: {
    summary: "VENDOR_RULE (409): a vendor rule refused the action; vendor_error carries the vendor's code",
    value: {
      error: {
        code: 'VENDOR_RULE',
        message: 'wechat rule refused the action: invalid card status',
        vendor_error: { vendor: 'wechat', code: 40078, message: 'invalid card status' },
      },
    },
  },
};

function operationObject(route: ControlRouteDescription, components: SchemaComponents): OperationObject {
  const parameters: ParameterObject[] = pathParameterNames(route.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', minLength: 1 },
  }));
  if (route.query) {
    const query = components.source(route.query);
    const required = new Set((query.required ?? []) as string[]);
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: components.rewrite(schema, route.query) });
    }
  }
  const responses: Record<string, ResponseObject> = {
    '200': {
      description: 'Done',
      content: { [MEDIA_TYPE]: { schema: route.response ? components.ref(route.response) : { type: 'object' } } },
    },
  };
  if (route.request) {
    responses['400'] = {
      description: 'BAD_REQUEST: the body is not JSON, breaks its schema, or is too large',
      content: {
        [MEDIA_TYPE]: {
          schema: components.ref(CONTROL_ERROR),
          examples: { BAD_REQUEST: { summary: 'BAD_REQUEST', value: { error: { code: 'BAD_REQUEST', message: 'body is not valid JSON' } } } },
        },
      },
    };
  }
  responses.default = {
    description: 'Any other refusal: 404 NOT_FOUND (no such route or resource), 409 VENDOR_RULE (a vendor rule refused the action)',
    content: { [MEDIA_TYPE]: { schema: components.ref(CONTROL_ERROR), examples: errorExamples } },
  };
  const request = route.request ? components.source(route.request) : undefined;
  const description = typeof request?.description === 'string' ? request.description : undefined;
  return {
    operationId: controlOperationId(route),
    summary: route.summary,
    ...(description !== undefined && { description }),
    tags: [tagOf(route.path)],
    ...(parameters.length > 0 && { parameters }),
    ...(route.request && {
      requestBody: {
        // An empty body reads as `{}`, so a body is only needed when the schema requires fields.
        required: ((request?.required ?? []) as string[]).length > 0,
        content: { [MEDIA_TYPE]: { schema: components.ref(route.request) } },
      },
    }),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document of the sandbox's control surface: reset, clock, credentials and each
 * vendor's back-office actions. Built from a declarative list of routes, so it cannot disagree
 * with whatever table the app mounts them from.
 *
 * @example
 * const doc = controlDocument([{ method: 'GET', path: '/_sandbox/clock', summary: 'Read the clock', response: schemaId('sandbox/clock.response.json') }], '0.1.0');
 * doc.paths['/_sandbox/clock']!.get!.operationId; // 'sandbox.get-clock'
 */
export function controlDocument(routes: readonly ControlRouteDescription[], version: string): OpenApiDocument {
  const components = new SchemaComponents();
  const paths: Record<string, PathItemObject> = {};
  const ids = new Set<string>();
  for (const route of routes) {
    const id = controlOperationId(route);
    if (ids.has(id)) throw new Error(`openapi: two control routes make the operation id ${id}`);
    ids.add(id);
    (paths[route.path] ??= {})[route.method.toLowerCase() as 'get' | 'post' | 'delete' | 'patch'] = operationObject(route, components);
  }
  const tags = [...new Set(routes.map((r) => tagOf(r.path)))].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'coupon-sandbox control surface',
      version,
      description: [
        "The sandbox's own routes under `/_sandbox/`: no vendor has them. They reset the world, move the clock, hand out the TEST-ONLY credentials, and do what the vendors' back offices and users do (review a card, receive a code, pause a stock, place an order).",
        '',
        'JSON in, JSON out; an empty body counts as `{}`. Errors are `{"error": {"code", "message", "vendor_error"?}}`: 400 BAD_REQUEST, 404 NOT_FOUND, 409 VENDOR_RULE. No authentication: never expose a sandbox beyond your machine or CI.',
      ].join('\n'),
    },
    servers: [sandboxServer()],
    tags,
    paths,
    components: { schemas: components.schemas() },
  };
}

import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject } from 'ajv';
import type { OpenApiDocument } from '../../src/openapi/index.js';

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as typeof addFormatsModule.default;

/** Every `$ref` string anywhere in a JSON value. */
export function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsOf(item, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else refsOf(value, out);
    }
  }
  return out;
}

/** The value a local `#/...` JSON pointer names, or undefined. */
export function atPointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** A JSON pointer fragment (URI-encoded) for a path of keys. */
export function pointerOf(keys: readonly string[]): string {
  return '#/' + keys.map((k) => encodeURIComponent(k.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

/**
 * Validates data against the schema found at a path inside an OpenAPI document, with the whole
 * document loaded into ajv so `#/components/schemas/...` refs resolve the way an OpenAPI tool
 * resolves them (no access to our own schema files).
 */
export function documentValidator(doc: OpenApiDocument): (keys: readonly string[], data: unknown) => ErrorObject[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  const id = 'https://openapi.test/document.json';
  ajv.addSchema(doc as object, id);
  return (keys, data) => {
    const validate = ajv.compile({ $ref: id + pointerOf(keys) });
    return validate(data) ? [] : (validate.errors ?? []);
  };
}

/** Each media type with its location in the document. */
export interface MediaTypeAt {
  keys: string[];
  operationId: string;
  status?: string;
  schema: unknown;
  examples: Record<string, { value: unknown }>;
}

/** Every request and response media type of every operation. */
export function mediaTypes(doc: OpenApiDocument): MediaTypeAt[] {
  const out: MediaTypeAt[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op) continue;
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
        out.push({
          keys: ['paths', path, method, 'requestBody', 'content', type, 'schema'],
          operationId: op.operationId,
          schema: media.schema,
          examples: media.examples ?? {},
        });
      }
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) {
          out.push({
            keys: ['paths', path, method, 'responses', status, 'content', type, 'schema'],
            operationId: op.operationId,
            status,
            schema: media.schema,
            examples: media.examples ?? {},
          });
        }
      }
    }
  }
  return out;
}

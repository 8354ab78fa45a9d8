import { Hono } from 'hono';
import { serveSandbox } from '../../src/node.js';
import { describe, expect, it } from 'vitest';
import { createSandbox, schemaId, schemas } from '../../src/index.js';
import { controlRouteList, mountOpenapiRoutes, OPENAPI_DOCUMENT_NAMES, OPENAPI_ROUTE, openapiDocument } from '../../src/openapi/index.js';

function appWithRoutes(): Hono {
  const app = new Hono();
  mountOpenapiRoutes(app);
  return app;
}

describe('GET /_sandbox/openapi/{name}.json', () => {
  it.each(OPENAPI_DOCUMENT_NAMES.map((name) => [name]))('serves the %s document exactly as openapiDocument() builds it', async (name) => {
    const res = await appWithRoutes().request(`/_sandbox/openapi/${name}.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as { openapi: string };
    expect(body.openapi).toBe('3.1.0');
    expect(body).toEqual(openapiDocument(name));
  });

  it.each([['petstore.json'], ['wechat'], ['wechat.yaml'], ['.json']])('answers %s with a 404 in the control-error shape', async (file) => {
    const res = await appWithRoutes().request(`/_sandbox/openapi/${file}`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(schemas().validate(schemaId('sandbox/control-error.json'), body)).toEqual({ ok: true });
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toContain('wechat.json');
  });
});

describe('the control-route list', () => {
  it('names exactly the /_sandbox/ routes the app mounts', () => {
    const { app } = createSandbox({ empty: true });
    const mounted = app.routes
      // The control guard is middleware on /_sandbox/*, not a route.
      .filter((r) => r.path.startsWith('/_sandbox/') && !r.path.startsWith('/_sandbox/openapi/') && r.path !== '/_sandbox/*')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const listed = controlRouteList.filter((r) => r.path !== OPENAPI_ROUTE).map((r) => `${r.method} ${r.path}`);
    expect(mounted.length).toBeGreaterThan(10);
    expect([...new Set(listed)].sort()).toEqual([...new Set(mounted)].sort());
    expect(listed.length).toBe(new Set(listed).size);
  });

  it('documents each listed route once in the sandbox document', () => {
    const doc = openapiDocument('sandbox');
    for (const route of controlRouteList) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase() as 'get'];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op!.summary).toBe(route.summary);
      if (route.request) expect(op!.responses['400'], route.path).toBeDefined();
    }
  });
});

describe('the running server', () => {
  it('serves the four documents over a real socket', async () => {
    const running = await serveSandbox({ port: 0, empty: true });
    try {
      for (const name of OPENAPI_DOCUMENT_NAMES) {
        const res = await fetch(`${running.url}/_sandbox/openapi/${name}.json`);
        expect(res.status, name).toBe(200);
        expect(await res.json()).toEqual(JSON.parse(JSON.stringify(openapiDocument(name))));
      }
    } finally {
      await running.close();
    }
  });
});

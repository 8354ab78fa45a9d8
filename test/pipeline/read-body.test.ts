import { describe, expect, it } from 'vitest';
import { BodyTooLarge, bodyText, readBodyStep, readRawBody } from '../../src/pipeline/read-body.js';
import type { Exchange } from '../../src/pipeline/exchange.js';

const encoder = new TextEncoder();

/** A request whose body arrives as a stream of chunks, with no Content-Length (chunked). */
function chunked(chunks: string[]): Request {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request('http://sandbox.test/', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
}

describe('the body reader', () => {
  it('reads a body with a declared length exactly, bytes unchanged', async () => {
    const bytes = await readRawBody(new Request('http://sandbox.test/', { method: 'POST', body: '{"a":"é"}' }));
    expect(new TextDecoder().decode(bytes)).toBe('{"a":"é"}');
  });

  it('joins a chunked body', async () => {
    expect(new TextDecoder().decode(await readRawBody(chunked(['{"a":', '1}'])))).toBe('{"a":1}');
  });

  it('refuses a declared length over the limit without reading it', async () => {
    const request = new Request('http://sandbox.test/', { method: 'POST', body: 'x'.repeat(11), headers: { 'content-length': '11' } });
    await expect(readRawBody(request, 10)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it('refuses a chunked body as soon as it passes the limit', async () => {
    await expect(readRawBody(chunked(['12345', '67890', 'x']), 10)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it('answers an oversized body with the vendor’s own error through the body step', async () => {
    const step = readBodyStep(4, () => new Error('vendor: too large'));
    const exchange = { request: new Request('http://sandbox.test/', { method: 'POST', body: 'abcdef' }), meta: {} } as Exchange<unknown>;
    await expect(step(exchange)).rejects.toThrow('vendor: too large');
    const fits = { request: new Request('http://sandbox.test/', { method: 'POST', body: 'abc' }), meta: {} } as Exchange<unknown>;
    await step(fits);
    expect(bodyText(fits)).toBe('abc');
  });
});

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a local receiver got, as it arrived on the socket. */
export interface Received {
  method: string;
  /** Path and query as sent. */
  target: string;
  headers: Record<string, string>;
  body: string;
}

export interface LocalReceiver {
  url: string;
  received: Received[];
  /** Resolves with the n-th request (1-based) once it has arrived. */
  nth(n: number, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

/** What the receiver answers to one request. */
export type Answer = (request: Received, index: number) => { status: number; body?: string } | Promise<{ status: number; body?: string }>;

/** A real HTTP receiver on 127.0.0.1:0 that records every request and answers with `answer`. */
export async function localReceiver(answer: Answer = () => ({ status: 200 }), path = '/notify'): Promise<LocalReceiver> {
  const received: Received[] = [];
  const waiters: { n: number; resolve: (r: Received) => void }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const request = { method: req.method ?? '', target: req.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(request);
      for (const w of waiters.filter((w) => w.n === received.length)) w.resolve(request);
      void Promise.resolve(answer(request, received.length)).then(({ status, body }) => {
        res.statusCode = status;
        res.end(body ?? '');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    nth(n, timeoutMs = 5000) {
      if (received.length >= n) return Promise.resolve(received[n - 1]!);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`receiver got ${received.length} requests, waited for ${n}`)), timeoutMs);
        waiters.push({
          n,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

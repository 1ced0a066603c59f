import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from './faultProxy';

/** A loopback target that records how many body bytes each request delivered before it ended or broke. */
async function startTarget() {
  const received: number[] = [];
  const server: Server = createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('close', () => received.push(bytes));
    req.on('end', () => {
      const body = JSON.stringify({ ok: true, bytes, padding: 'x'.repeat(200) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function setUp(rates: Parameters<FaultProxy['setRates']>[0], seed = 7) {
  const target = await startTarget();
  const proxy = await startFaultProxy({ target: target.url, rates, seed, maxDelayMs: 50 });
  closers.push(proxy.close, target.close);
  return { target, proxy };
}

/** PATCH-like upload of `size` bytes in chunks; resolves to the status, or 'reset' when the connection broke. */
function send(url: string, path: string, size: number): Promise<number | 'reset'> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${path}`, { method: 'PATCH', headers: { 'content-length': String(size) } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve(res.statusCode === 200 && !text.endsWith('}') ? 'reset' : (res.statusCode ?? 0)));
      res.on('error', () => resolve('reset'));
    });
    req.on('error', () => resolve('reset'));
    const chunk = Buffer.alloc(16 * 1024, 1);
    let left = size;
    const pump = () => {
      while (left > 0) {
        const part = chunk.subarray(0, Math.min(chunk.length, left));
        left -= part.length;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('fault proxy', () => {
  it('forwards untouched when no fault is drawn, counting bytes per route class', async () => {
    const { target, proxy } = await setUp({});
    expect(await send(proxy.url, '/v1/uploads/abc', 200_000)).toBe(200);
    expect(target.received).toEqual([200_000]);
    const counts = proxy.counts();
    expect(counts.requests.upload).toBe(1);
    expect(counts.bytesToTarget.upload).toBe(200_000);
  });

  it('resets mid-request-body: the target gets part of the body, the client a broken connection', async () => {
    const { target, proxy } = await setUp({ resetRequest: 1 });
    expect(await send(proxy.url, '/v1/uploads/abc', 300_000)).toBe('reset');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(target.received).toHaveLength(1);
    expect(target.received[0]).toBeLessThan(300_000);
    expect(proxy.counts().bytesToTarget.upload).toBe(target.received[0]);
    expect(proxy.counts().faults.resetRequest).toBe(1);
  });

  it('answers 503 and 429 with Retry-After, a captive portal, and truncated JSON', async () => {
    const answers = async (rates: Parameters<FaultProxy['setRates']>[0]) => {
      const { proxy } = await setUp(rates);
      const response = await fetch(`${proxy.url}/v1/submissions/x`);
      return { status: response.status, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type'), text: await response.text() };
    };
    expect(await answers({ unavailable: 1 })).toMatchObject({ status: 503, retryAfter: '1' });
    expect(await answers({ rateLimited: 1 })).toMatchObject({ status: 429, retryAfter: '1' });
    expect(await answers({ captivePortal: 1 })).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    const truncated = await answers({ truncatedJson: 1 });
    expect(truncated.status).toBe(200);
    expect(() => JSON.parse(truncated.text)).toThrow(SyntaxError);
  });

  it('drops and resets mid-response so the client sees a broken connection', async () => {
    for (const rates of [{ drop: 1 }, { resetResponse: 1 }]) {
      const { proxy } = await setUp(rates);
      expect(await fetch(`${proxy.url}/v1/submissions/x`).then((r) => r.text()).then(() => 'ok', () => 'broken')).toBe('broken');
    }
  });

  it('draws from its seed, so a run replays, and honours per-class rates', async () => {
    const run = async () => {
      const { proxy } = await setUp({ unavailable: 0.5 }, 99);
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await fetch(`${proxy.url}/v1/registries/individuals/x`)).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 503]));
    expect(await run()).toEqual(first);

    const { proxy } = await setUp({});
    proxy.setRates({}, { token: { unavailable: 1 } });
    expect((await fetch(`${proxy.url}/v1/oauth/token`, { method: 'POST' })).status).toBe(503);
    expect((await fetch(`${proxy.url}/health`)).status).toBe(200);
  });
});

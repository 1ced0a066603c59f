import { mkdtemp, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../shared/host/hostApi';
import { HostError } from '../../shared/host/hostError';
import { startBridgeServer, type BridgeServer } from './bridgeServer';

const token = 'test-token-0123456789';
const handlers = {
  'operators.status': async () => ({ hasOperators: true }),
  'operators.login': async () => {
    throw new HostError('operators.invalidCredentials');
  },
} as unknown as HostHandlers;

let bridge: BridgeServer;

beforeAll(async () => {
  const staticDir = await mkdtemp(join(tmpdir(), 'qabyl-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  bridge = await startBridgeServer({ handlers, staticDir, token, promptOrigin: 'http://127.0.0.1:1' });
});
afterAll(() => bridge.close());

const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${bridge.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });

/** fetch() forbids setting Host, so a raw request stands in for a DNS-rebinding page. */
const withHost = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${bridge.origin}/api/operators.status`, { method: 'POST', headers: { host, authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('{}');
  });

describe('bridgeServer', () => {
  it('answers a call with the right token', async () => {
    const response = await call('operators.status', {});
    expect(await response.json()).toEqual({ ok: true, value: { hasOperators: true } });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await fetch(`${bridge.origin}/api/operators.status`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await call('operators.status', {}, { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('refuses a foreign Origin and a foreign Host', async () => {
    expect((await call('operators.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect(await withHost('evil.example:80')).toBe(421);
  });

  it('validates arguments against the contract and carries host error codes', async () => {
    expect(await (await call('operators.status', { extra: 1 })).json()).toMatchObject({ ok: false, error: { code: 'bridge.badRequest' } });
    expect(await (await call('no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'bridge.unknownMethod' } });
    expect(await (await call('operators.login', { login: 'a', password: 'b' })).json()).toEqual({ ok: false, error: { code: 'operators.invalidCredentials' } });
  });

  it('serves the app shell with a CSP that allows only the prompt origin as a frame', async () => {
    const response = await fetch(`${bridge.origin}/some/screen`);
    expect(await response.text()).toContain('<title>app</title>');
    expect(response.headers.get('content-security-policy')).toContain('frame-src http://127.0.0.1:1');
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-eval');
  });

  it('does not serve files outside the app folder', async () => {
    const response = await fetch(`${bridge.origin}/..%2F..%2F..%2Fetc%2Fpasswd`);
    expect(await response.text()).not.toContain('root:');
  });

  it('puts the token in the fragment of the launch URL only', () => {
    expect(bridge.launchUrl).toBe(`${bridge.origin}/#token=${token}`);
  });
});

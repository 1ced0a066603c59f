import { mkdtemp, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../shared/host/hostApi';
import { HostError } from '../../shared/host/hostError';
import { contentSecurityPolicy } from '../../shared/host/contentSecurityPolicy';
import { expectStrictPolicy } from '../../test/support/strictPolicy';
import { startBridgeServer, tokenMatches, type BridgeServer } from './bridgeServer';

const token = 'test-token-0123456789';
const handlers = {
  'operators.status': async () => ({ hasOperators: true }),
  'operators.login': async () => {
    throw new HostError('operators.invalidCredentials');
  },
} as unknown as HostHandlers;

let bridge: BridgeServer;
let staticDir: string;

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'qabyl-static-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  bridge = await startBridgeServer({ handlers, staticDir, token, promptOrigin: 'http://127.0.0.1:1' });
});
afterAll(() => bridge.close());

const call = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${bridge.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });

/** fetch() forbids setting Host and Origin freely, so a raw request stands in for a DNS-rebinding or foreign page. */
const rawRequest = (path: string, method: string, headers: Record<string, string>) =>
  new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(`${bridge.origin}${path}`, { method, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });

const withHost = async (host: string) => (await rawRequest('/api/operators.status', 'POST', { host, authorization: `Bearer ${token}` })).status;

/** Whether anything accepts a TCP connection on this address and the bridge's port. */
const accepts = (address: string) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: address, port: Number(new URL(bridge.origin).port) });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const corsHeaders = (headers: Record<string, unknown> | Headers) =>
  (headers instanceof Headers ? [...headers.keys()] : Object.keys(headers)).filter((name) => name.toLowerCase().startsWith('access-control-'));

describe('bridgeServer', () => {
  it('answers a call with the right token', async () => {
    const response = await call('operators.status', {});
    expect(await response.json()).toEqual({ ok: true, value: { hasOperators: true } });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await fetch(`${bridge.origin}/api/operators.status`, { method: 'POST', body: '{}' })).status).toBe(401);
    for (const authorization of ['Bearer nope', `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, `Bearer ${token.replace(/.$/, 'X')}`, token, `Basic ${token}`, 'Bearer ', `Bearer ${token.toUpperCase()}`]) {
      expect((await call('operators.status', {}, { authorization })).status, authorization).toBe(401);
    }
  });

  it('compares tokens by digest, so a token of another length is refused without an error', () => {
    expect(tokenMatches(`Bearer ${token}`, token)).toBe(true);
    expect(tokenMatches(`Bearer ${token}${token}`, token)).toBe(false);
    expect(tokenMatches('Bearer ключ', token)).toBe(false);
    expect(tokenMatches(undefined, token)).toBe(false);
  });

  it('refuses a foreign Origin and a foreign Host (DNS rebinding), even with the right token', async () => {
    expect((await call('operators.status', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await rawRequest('/api/operators.status', 'POST', { origin: 'null', authorization: `Bearer ${token}` })).status).toBe(403);
    expect((await rawRequest('/api/operators.status', 'POST', { origin: bridge.origin.replace('127.0.0.1', 'localhost'), authorization: `Bearer ${token}` })).status).toBe(403);
    expect(await withHost('evil.example:80')).toBe(421);
    expect(await withHost(`evil.example:${new URL(bridge.origin).port}`)).toBe(421);
    expect(await withHost(`localhost:${new URL(bridge.origin).port}`)).toBe(421);
    expect((await rawRequest('/', 'GET', { host: 'evil.example' })).status).toBe(421);
  });

  it('never sends CORS allow headers: a preflight from another origin gets a refusal and nothing to allow it', async () => {
    const preflight = await rawRequest('/api/operators.status', 'OPTIONS', {
      origin: 'http://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    expect(preflight.status).toBe(403);
    expect(corsHeaders(preflight.headers)).toEqual([]);
    for (const response of [await call('operators.status', {}), await call('operators.status', {}, { origin: 'http://evil.example' }), await fetch(`${bridge.origin}/`)]) {
      expect(corsHeaders(response.headers)).toEqual([]);
    }
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(new URL(bridge.origin).hostname).toBe('127.0.0.1');
    expect(await accepts('127.0.0.1')).toBe(true);
    // Another loopback address and every other interface of this machine: a wildcard bind would answer there.
    const elsewhere = ['127.0.0.2', ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address))];
    for (const address of elsewhere) expect(await accepts(address), address).toBe(false);
  });

  it('makes a new token for each run, good only for its own server', async () => {
    const [first, second] = await Promise.all([1, 2].map(() => startBridgeServer({ handlers, staticDir, promptOrigin: 'http://127.0.0.1:1' })));
    try {
      const tokenOf = (server: BridgeServer) => new URL(server.launchUrl).hash.replace('#token=', '');
      expect(tokenOf(first!)).not.toBe(tokenOf(second!));
      expect(tokenOf(first!).length).toBeGreaterThanOrEqual(43);
      const callWith = (server: BridgeServer, key: string) => fetch(`${server.origin}/api/operators.status`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: '{}' });
      expect((await callWith(first!, tokenOf(first!))).status).toBe(200);
      expect((await callWith(second!, tokenOf(first!))).status).toBe(401);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  it('validates arguments against the contract and carries host error codes', async () => {
    expect(await (await call('operators.status', { extra: 1 })).json()).toMatchObject({ ok: false, error: { code: 'bridge.badRequest' } });
    expect(await (await call('no.such', {})).json()).toMatchObject({ ok: false, error: { code: 'bridge.unknownMethod' } });
    expect(await (await call('operators.login', { login: 'a', password: 'b' })).json()).toEqual({ ok: false, error: { code: 'operators.invalidCredentials' } });
  });

  it('serves the app shell with the strict CSP that allows only the prompt origin as a frame', async () => {
    const response = await fetch(`${bridge.origin}/some/screen`);
    expect(await response.text()).toContain('<title>app</title>');
    expect(response.headers.get('content-security-policy')).toBe(contentSecurityPolicy('http://127.0.0.1:1'));
    expectStrictPolicy(response.headers.get('content-security-policy'), 'http://127.0.0.1:1');
  });

  it('does not serve files outside the app folder', async () => {
    const response = await fetch(`${bridge.origin}/..%2F..%2F..%2Fetc%2Fpasswd`);
    expect(await response.text()).not.toContain('root:');
  });

  it('puts the token in the fragment of the launch URL only', () => {
    expect(bridge.launchUrl).toBe(`${bridge.origin}/#token=${token}`);
  });
});

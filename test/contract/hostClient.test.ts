/**
 * Both ends of browser mode's host contract together: the renderer's HTTP client against the real loopback
 * bridge, so a change on either side that breaks the other fails here, not at an operator's window.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostHandlers } from '../../shared/host/hostApi';
import { HostError } from '../../shared/host/hostError';
import { startBridgeServer, type BridgeServer } from '../../electron/web/bridgeServer';
import { createHttpHostClient, HostCallError } from '../../renderer/src/host/hostClient';

const token = 'contract-test-token';
const handlers = {
  'operators.status': async () => ({ hasOperators: false }),
  'operators.login': async () => {
    throw new HostError('operators.invalidCredentials');
  },
} as unknown as HostHandlers;

let bridge: BridgeServer;

beforeAll(async () => {
  const staticDir = await mkdtemp(join(tmpdir(), 'qabyl-contract-'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html>');
  bridge = await startBridgeServer({ handlers, staticDir, token, promptOrigin: 'http://127.0.0.1:1' });
});
afterAll(() => bridge.close());

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('renderer host client ↔ loopback bridge', () => {
  it('returns the handler value and carries host error codes back as HostCallError', async () => {
    const client = createHttpHostClient(bridge.origin, token);
    expect(await client.call('operators.status', {})).toEqual({ hasOperators: false });
    expect(await failureOf(client.call('operators.login', { login: 'a', password: 'b' }))).toMatchObject({ code: 'operators.invalidCredentials' });
  });

  it('turns a wrong token into bridge.unauthorized and arguments off the contract into bridge.badRequest', async () => {
    expect(await failureOf(createHttpHostClient(bridge.origin, 'stale-token').call('operators.status', {}))).toMatchObject({ code: 'bridge.unauthorized' });
    const client = createHttpHostClient(bridge.origin, token);
    expect(await failureOf(client.call('operators.login', { login: '', password: 'b' }))).toMatchObject({ code: 'bridge.badRequest' });
  });

  it('reports a host that cannot be reached as unreachable, not as a crash', async () => {
    const error = await failureOf(createHttpHostClient('http://127.0.0.1:9', token).call('operators.status', {}));
    expect(error).toBeInstanceOf(HostCallError);
    expect(error).toMatchObject({ code: 'unreachable' });
  });
});

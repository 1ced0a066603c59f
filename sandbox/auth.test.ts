import { afterEach, describe, expect, it } from 'vitest';
import { paths, problemTypes, tokenResponseSchema } from '../shared/gateway/gatewayProtocol';
import { TRAINING_GATEWAY_CLIENT } from '../shared/training/trainingGatewayClient';
import { fetchToken, FIXED_NOW, makeDataDir, removeDataDirs, request } from './sandboxTestKit';
import { startSandbox, type RunningSandbox } from './server';

let sandbox: RunningSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  await removeDataDirs();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('gateway auth (client credentials)', () => {
  it('issues a bearer token for form credentials that opens the /v1 routes until it expires', async () => {
    let now = FIXED_NOW;
    sandbox = await startSandbox({ dataDir: await makeDataDir(), now: () => now, tokenTtlSeconds: 60, clients: { office: 's3cret' } });
    const result = await request(sandbox.url, 'POST', paths.token, 'grant_type=client_credentials&client_id=office&client_secret=s3cret', FORM);
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('no-store');
    const token = tokenResponseSchema.parse(JSON.parse(result.text));
    expect(token.expires_in).toBe(60);

    const individual = paths.individual('850515300016');
    expect((await request(sandbox.url, 'GET', individual, undefined, { authorization: `Bearer ${token.access_token}` })).status).toBe(200);
    now = new Date(FIXED_NOW.getTime() + 60_000);
    const expired = await request(sandbox.url, 'GET', individual, undefined, { authorization: `Bearer ${token.access_token}` });
    expect(expired.status).toBe(401);
    expect(JSON.parse(expired.text).type).toBe(problemTypes.unauthorized);
    expect(expired.headers.get('www-authenticate')).toContain('Bearer');
  });

  it('accepts HTTP Basic client authentication, and the training client by default', async () => {
    sandbox = await startSandbox({ dataDir: await makeDataDir() });
    const basic = Buffer.from(`${TRAINING_GATEWAY_CLIENT.clientId}:${TRAINING_GATEWAY_CLIENT.clientSecret}`).toString('base64');
    const result = await request(sandbox.url, 'POST', paths.token, 'grant_type=client_credentials', { ...FORM, authorization: `Basic ${basic}` });
    expect(result.status).toBe(200);
    expect(await fetchToken(sandbox.url)).toMatch(/^[\w-]{20,}$/);
  });

  it('refuses a wrong secret, an unknown client and another grant type', async () => {
    sandbox = await startSandbox({ dataDir: await makeDataDir(), clients: { office: 's3cret' } });
    const token = (body: string) => request(sandbox!.url, 'POST', paths.token, body, FORM);
    expect((await token('grant_type=client_credentials&client_id=office&client_secret=wrong')).status).toBe(401);
    expect((await token('grant_type=client_credentials&client_id=other&client_secret=s3cret')).status).toBe(401);
    expect((await token('grant_type=password&client_id=office&client_secret=s3cret')).status).toBe(400);
  });

  it('answers 401 without a token or with one it did not issue, on every protected route', async () => {
    sandbox = await startSandbox({ dataDir: await makeDataDir() });
    for (const headers of [{}, { authorization: 'Bearer forged' }] as Record<string, string>[]) {
      for (const [method, path] of [['GET', paths.individual('850515300016')], ['POST', paths.uploads], ['GET', paths.submission('0191d2b4-5c1e-7a2b-9c3d-4e5f60718293')]] as const) {
        const result = await request(sandbox.url, method, path, undefined, headers);
        expect(result.status, `${method} ${path}`).toBe(401);
      }
    }
  });
});

import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { paths, problemTypes } from '../shared/gateway/gatewayProtocol';
import { connect, FIXED_NOW, makeDataDir, makeSubmission, removeDataDirs, request } from './sandboxTestKit';
import { startSandbox, type RunningSandbox } from './server';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  await removeDataDirs();
});

async function setUp() {
  const sandbox = await startSandbox({ dataDir: await makeDataDir(), now: () => FIXED_NOW });
  running.push(sandbox);
  const client = await connect(sandbox.url);
  await client.upload('scan');
  const id = randomUUID();
  return { sandbox, client, id, body: makeSubmission(id, ['scan']) };
}

const failed = (promise: Promise<unknown>) => promise.then(() => false, () => true);

describe('sandbox fault knobs', () => {
  it('answers 5xx with Retry-After for `count` commits, storing nothing, then recovers', async () => {
    const { sandbox, client, id, body } = await setUp();
    sandbox.setFaults({ rules: [{ mode: 'serverError', on: 'commit', status: 502, count: 2, retryAfterSeconds: 7 }] });
    for (let attempt = 0; attempt < 2; attempt++) {
      const unavailable = await client.commit(id, body);
      expect(unavailable.status).toBe(502);
      expect(unavailable.headers.get('retry-after')).toBe('7');
    }
    const registered = await client.commit(id, body);
    expect(registered.status).toBe(201);
    expect(JSON.parse(registered.text).registrationNumber).toBe('KZ-EL-2026-000001');
  });

  it('answers 429 with Retry-After, a captive portal page, and malformed JSON without running the route', async () => {
    const { sandbox, client, id, body } = await setUp();
    const set = await request(sandbox.url, 'POST', '/_sandbox/faults', {
      rules: [
        { mode: 'rateLimit', on: 'commit', count: 1 },
        { mode: 'captivePortal', count: 1 },
        { mode: 'malformedJson', count: 1 },
      ],
    });
    expect(set.status).toBe(200);
    const limited = await client.commit(id, body);
    expect([limited.status, limited.headers.get('retry-after'), JSON.parse(limited.text).type]).toEqual([429, '1', problemTypes.rateLimited]);
    const portal = await client.commit(id, body);
    expect([portal.status, portal.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(portal.text).toContain('<form');
    const malformed = await client.commit(id, body);
    expect(malformed.headers.get('content-type')).toBe('application/json');
    expect(() => JSON.parse(malformed.text)).toThrow(SyntaxError);
    expect((await client.commit(id, body)).status).toBe(201);
  });

  it('applies the commit but cuts the answer (truncated JSON, reset mid-response): the retry replays it', async () => {
    const { sandbox, client, id, body } = await setUp();
    sandbox.setFaults({ rules: [{ mode: 'truncatedJson', on: 'commit', count: 1 }, { mode: 'resetResponse', on: 'status', count: 1 }] });
    const truncated = await client.commit(id, body);
    expect(truncated.status).toBe(201);
    expect(() => JSON.parse(truncated.text)).toThrow(SyntaxError);
    expect(await failed(client.status(id))).toBe(true);
    const replay = await client.commit(id, body);
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.text).registrationNumber).toBe('KZ-EL-2026-000001');
  });

  it('drops the connection without an answer, and cuts a request body so a tus PATCH keeps what arrived', async () => {
    const { sandbox, client, id, body } = await setUp();
    sandbox.setFaults({ rules: [{ mode: 'drop', on: 'commit', count: 1 }] });
    expect(await failed(client.commit(id, body))).toBe(true);
    expect((await client.status(id)).status).toBe(404);

    const bytes = Buffer.alloc(4000, 1);
    const upload = await client.createUpload(bytes);
    sandbox.setFaults({ rules: [{ mode: 'resetRequest', on: 'upload', count: 2, afterBytes: 1000 }] });
    // A request without a body has nothing to cut mid-way: it is served, and the rule waits for a body.
    expect((await client.call('HEAD', upload, undefined, { 'tus-resumable': '1.0.0' })).headers.get('upload-offset')).toBe('0');
    expect(await failed(client.patch(upload, 0, bytes))).toBe(true);
    const head = await client.call('HEAD', upload, undefined, { 'tus-resumable': '1.0.0' });
    expect(head.headers.get('upload-offset')).toBe('1000');
  });

  it('delays a commit while holding its id in flight', async () => {
    const { sandbox, client, id, body } = await setUp();
    sandbox.setFaults({ rules: [{ mode: 'delay', on: 'commit', delayMs: 300, count: 1 }] });
    const startedAt = performance.now();
    const results = await Promise.all([client.commit(id, body), new Promise((resolve) => setTimeout(resolve, 100)).then(() => client.commit(id, body))]);
    expect(results.map((r) => r.status)).toEqual([201, 409]);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(290);
  });

  it('hits only its route class, never the admin API', async () => {
    const { sandbox, client, id, body } = await setUp();
    sandbox.setFaults({ rules: [{ mode: 'serverError', on: 'registry' }] });
    expect((await client.commit(id, body)).status).toBe(201);
    expect((await client.call('GET', paths.individual('850515300016'))).status).toBe(503);
    sandbox.setFaults({ rules: [{ mode: 'serverError' }] });
    expect((await request(sandbox.url, 'GET', '/_sandbox/stats')).status).toBe(200);
    expect((await request(sandbox.url, 'POST', '/_sandbox/faults', { rules: [] })).status).toBe(200);
    expect((await client.call('GET', paths.individual('850515300016'))).status).toBe(200);
  });

  it('draws probabilities from the seed, so a run replays', async () => {
    const pattern = async () => {
      const { sandbox, client } = await setUp();
      sandbox.setFaults({ seed: 42, rules: [{ mode: 'serverError', probability: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await client.call('GET', paths.individual('850515300016'))).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(200);
    expect(first).toContain(503);
    expect(await pattern()).toEqual(first);
  });

  it('rejects invalid fault settings with 400', async () => {
    const { sandbox } = await setUp();
    const result = await request(sandbox.url, 'POST', '/_sandbox/faults', { rules: [{ mode: 'explode' }] });
    expect(result.status).toBe(400);
    expect(JSON.parse(result.text).type).toBe(problemTypes.malformedRequest);
  });
});

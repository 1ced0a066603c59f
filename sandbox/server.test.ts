import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { problemSchema, submissionStatusSchema } from '../shared/gateway/gatewayProtocol';
import { problemTypes } from './problems';
import {
  FIXED_NOW,
  getSubmission,
  makeDataDir,
  makeSubmission,
  putSubmission,
  removeDataDirs,
  request,
  type HttpResult,
} from './sandboxTestKit';
import { startSandbox, type RunningSandbox, type SandboxOptions } from './server';
import { sha256Hex } from './submissionChecks';

const running: RunningSandbox[] = [];

async function start(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ dataDir: await makeDataDir(), now: () => FIXED_NOW, ...options });
  running.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  await removeDataDirs();
});

function expectProblem(result: HttpResult, status: number, type: string) {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toBe('application/problem+json');
  const problem = problemSchema.parse(JSON.parse(result.text));
  expect(problem.type).toBe(type);
  return problem;
}

describe('sandbox gateway', () => {
  it('answers health', async () => {
    const { url } = await start();
    const result = await request(url, 'GET', '/health');
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ status: 'ok', service: 'qabyl-sandbox' });
  });

  it('registers a first PUT with 201, a registration number and the attachments on disk', async () => {
    const dataDir = await makeDataDir();
    const { url } = await start({ dataDir });
    const id = randomUUID();
    const result = await putSubmission(url, id, makeSubmission(id, ['page one', 'page two']));

    expect(result.status).toBe(201);
    expect(result.headers.get('location')).toBe(`/v0/submissions/${id}`);
    expect(submissionStatusSchema.parse(JSON.parse(result.text))).toEqual({
      submissionId: id,
      registrationNumber: 'KZ-EL-2026-000001',
      status: 'registered',
      receivedAt: FIXED_NOW.toISOString(),
    });
    expect(await readFile(join(dataDir, 'attachments', sha256Hex('page two')), 'utf8')).toBe('page two');
  });

  it('replays the byte-identical response with 200 for the same id and body', async () => {
    const { url } = await start();
    const id = randomUUID();
    const body = makeSubmission(id);
    const first = await putSubmission(url, id, body);
    const replay = await putSubmission(url, id, body);

    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
  });

  it('rejects the same id with a different body with 422', async () => {
    const { url } = await start();
    const id = randomUUID();
    await putSubmission(url, id, makeSubmission(id, ['original']));
    const result = await putSubmission(url, id, makeSubmission(id, ['changed']));
    expectProblem(result, 422, problemTypes.idempotencyKeyReused);
  });

  it('answers 409 to a PUT whose id is still in flight, then replays once it is done', async () => {
    let release = () => {};
    let entered = () => {};
    const verifierEntered = new Promise<void>((resolve) => (entered = resolve));
    const { url } = await start({
      verifySignature: async () => {
        entered();
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, signerIin: '900101300019' };
      },
    });
    const id = randomUUID();
    const body = makeSubmission(id);

    const first = putSubmission(url, id, body);
    await verifierEntered;
    expectProblem(await putSubmission(url, id, body), 409, problemTypes.submissionInFlight);
    release();
    expect((await first).status).toBe(201);
    expect((await putSubmission(url, id, body)).status).toBe(200);
  });

  it.each([
    ['malformed JSON', '{"signedXml": '],
    ['a body failing the schema', { attachments: [] }],
  ])('answers 400 to %s', async (_label, body) => {
    const { url } = await start();
    const id = randomUUID();
    expectProblem(await putSubmission(url, id, body), 400, problemTypes.malformedRequest);
    expectProblem(await getSubmission(url, id), 404, problemTypes.notFound);
  });

  it('answers 400 to an id that is not a UUID', async () => {
    const { url } = await start();
    const result = await putSubmission(url, 'not-a-uuid', makeSubmission(randomUUID()));
    expectProblem(result, 400, problemTypes.malformedRequest);
  });

  it('answers 422 when an attachment does not hash to its sha256, and stores nothing', async () => {
    const { url } = await start();
    const id = randomUUID();
    const body = makeSubmission(id, ['real content']);
    const [attachment] = body.attachments;
    if (!attachment) throw new Error('fixture has one attachment');
    attachment.contentBase64 = Buffer.from('tampered content').toString('base64');

    const problem = expectProblem(await putSubmission(url, id, body), 422, problemTypes.attachmentHashMismatch);
    expect(problem.detail).toContain(sha256Hex('tampered content'));
    expectProblem(await getSubmission(url, id), 404, problemTypes.notFound);
  });

  it.each([
    ['lists a file that is not attached', ['a'], ['a', 'b']],
    ['omits an attached file', ['a', 'b'], ['a']],
    ['lists the right count but another file', ['a', 'b'], ['a', 'c']],
  ])('answers 422 when the signed XML %s', async (_label, files, listedFiles) => {
    const { url } = await start();
    const id = randomUUID();
    const result = await putSubmission(url, id, makeSubmission(id, files, listedFiles.map(sha256Hex)));
    expectProblem(result, 422, problemTypes.attachmentListMismatch);
  });

  it('answers 422 when the signed XML is not well-formed', async () => {
    const { url } = await start();
    const id = randomUUID();
    const body = { ...makeSubmission(id), signedXml: '<request><attachments>' };
    expectProblem(await putSubmission(url, id, body), 422, problemTypes.signedXmlInvalid);
  });

  it('answers 422 signature-invalid with the verifier reason, and stores the signer IIN when valid', async () => {
    const dataDir = await makeDataDir();
    const { url } = await start({
      dataDir,
      verifySignature: (xml) =>
        xml.includes('forged') ? { ok: false, reason: 'certificate revoked' } : { ok: true, signerIin: '900101300019' },
    });
    const forgedId = randomUUID();
    const forged = makeSubmission(forgedId);
    forged.signedXml = forged.signedXml.replace('excavation', 'forged');
    const problem = expectProblem(await putSubmission(url, forgedId, forged), 422, 'urn:qabyl:problem:signature-invalid');
    expect(problem.detail).toBe('certificate revoked');

    const id = randomUUID();
    expect((await putSubmission(url, id, makeSubmission(id))).status).toBe(201);
    const record = JSON.parse(await readFile(join(dataDir, 'submissions', `${id}.json`), 'utf8'));
    expect(record.signerIin).toBe('900101300019');
  });

  it('returns the status with GET, whatever the case of the UUID, and 404 for an unknown id', async () => {
    const { url } = await start();
    const id = randomUUID();
    const put = await putSubmission(url, id.toUpperCase(), makeSubmission(id));

    const result = await getSubmission(url, id);
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(result.text)).toEqual(JSON.parse(put.text));
    expectProblem(await getSubmission(url, randomUUID()), 404, problemTypes.notFound);
  });

  it('keeps submissions and continues the sequence across a restart with the same data dir', async () => {
    const dataDir = await makeDataDir();
    const first = await start({ dataDir });
    const idA = randomUUID();
    const bodyA = makeSubmission(idA);
    const putA = await putSubmission(first.url, idA, bodyA);
    await first.close();

    const second = await start({ dataDir });
    const replayA = await putSubmission(second.url, idA, bodyA);
    expect(replayA.status).toBe(200);
    expect(replayA.text).toBe(putA.text);
    expect((await getSubmission(second.url, idA)).status).toBe(200);

    const idB = randomUUID();
    const putB = await putSubmission(second.url, idB, makeSubmission(idB));
    expect(JSON.parse(putB.text).registrationNumber).toBe('KZ-EL-2026-000002');
  });

  it('answers 404 to unknown paths and 405 to wrong methods', async () => {
    const { url } = await start();
    expectProblem(await request(url, 'GET', '/v1/whatever'), 404, problemTypes.notFound);
    expectProblem(await request(url, 'GET', `/v0/submissions/${randomUUID()}/extra`), 404, problemTypes.notFound);
    const wrongMethod = await request(url, 'DELETE', `/v0/submissions/${randomUUID()}`);
    expectProblem(wrongMethod, 405, problemTypes.methodNotAllowed);
    expect(wrongMethod.headers.get('allow')).toBe('GET, PUT');
  });

  it('answers 413 to a body over the limit', async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const id = randomUUID();
    const result = await putSubmission(url, id, makeSubmission(id, ['x'.repeat(2048)]));
    expectProblem(result, 413, problemTypes.payloadTooLarge);
  });

  it('answers 413 to a streamed body without content-length once it passes the limit', async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${url}/v0/submissions/${randomUUID()}`, { method: 'PUT' }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on('error', reject);
      // Two writes make node send the body chunked, so only counting the bytes can catch it.
      req.write('x'.repeat(800));
      setTimeout(() => req.end('x'.repeat(800)), 20);
    });
    expect(status).toBe(413);
  });
});

describe('sandbox fault injection', () => {
  it('answers garbage via the admin API for `count` PUTs, then recovers', async () => {
    const { url } = await start();
    const set = await request(url, 'POST', '/_sandbox/faults', { mode: 'garbage', count: 1 });
    expect(set.status).toBe(200);
    const id = randomUUID();
    const body = makeSubmission(id);

    const garbage = await putSubmission(url, id, body);
    expect(garbage.status).toBe(200);
    expect(() => JSON.parse(garbage.text)).toThrow(SyntaxError);
    // The garbage reply stored nothing: the retry is the first real registration.
    const retry = await putSubmission(url, id, body);
    expect(retry.status).toBe(201);
    expect(JSON.parse(retry.text).registrationNumber).toBe('KZ-EL-2026-000001');
  });

  it('answers 503 with Retry-After for `count` PUTs, then recovers', async () => {
    const sandbox = await start();
    sandbox.setFaults({ mode: 'error503', count: 2, retryAfterSeconds: 7 });
    const id = randomUUID();
    const body = makeSubmission(id);

    for (let attempt = 0; attempt < 2; attempt++) {
      const unavailable = await putSubmission(sandbox.url, id, body);
      expectProblem(unavailable, 503, problemTypes.serviceUnavailable);
      expect(unavailable.headers.get('retry-after')).toBe('7');
    }
    expect((await putSubmission(sandbox.url, id, body)).status).toBe(201);
  });

  it('keeps a fault without count until reset to none', async () => {
    const sandbox = await start();
    sandbox.setFaults({ mode: 'error503' });
    const id = randomUUID();
    const body = makeSubmission(id);
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await putSubmission(sandbox.url, id, body)).status).toBe(503);
    }
    sandbox.setFaults({ mode: 'none' });
    expect((await putSubmission(sandbox.url, id, body)).status).toBe(201);
  });

  it('delays PUTs and holds the id in flight meanwhile', async () => {
    const sandbox = await start();
    sandbox.setFaults({ mode: 'delay', delayMs: 300 });
    const id = randomUUID();
    const body = makeSubmission(id);

    const startedAt = performance.now();
    // Whichever arrives first is delayed; the other finds the id in flight before any delay applies.
    const results = await Promise.all([putSubmission(sandbox.url, id, body), putSubmission(sandbox.url, id, body)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(290);
  });

  it('rejects invalid fault settings with 400', async () => {
    const { url } = await start();
    const result = await request(url, 'POST', '/_sandbox/faults', { mode: 'explode' });
    expectProblem(result, 400, problemTypes.malformedRequest);
  });
});

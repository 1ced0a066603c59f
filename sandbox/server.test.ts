import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { paths, problemSchema, submissionStatusSchema } from '../shared/gateway/gatewayProtocol';
import { problemTypes } from './problems';
import { connect, FIXED_NOW, makeDataDir, makeSubmission, removeDataDirs, request, type HttpResult } from './sandboxTestKit';
import { startSandbox, type RunningSandbox, type SandboxOptions } from './server';
import { sha256Hex } from './submissionChecks';

const running: RunningSandbox[] = [];

export async function start(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ dataDir: await makeDataDir(), now: () => FIXED_NOW, ...options });
  running.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  await removeDataDirs();
});

export function expectProblem(result: HttpResult, status: number, type: string) {
  expect(result.status).toBe(status);
  expect(result.headers.get('content-type')).toBe('application/problem+json');
  const problem = problemSchema.parse(JSON.parse(result.text));
  expect(problem.type).toBe(type);
  return problem;
}

/** A sandbox, a logged-in client, and a commit whose files are uploaded. */
async function withUploaded(files: string[] = ['page one', 'page two'], options: Partial<SandboxOptions> = {}) {
  const sandbox = await start(options);
  const client = await connect(sandbox.url);
  for (const file of files) await client.upload(file);
  const id = randomUUID();
  return { sandbox, client, id, body: makeSubmission(id, files) };
}

describe('sandbox gateway v1', () => {
  it('answers health without a token', async () => {
    const { url } = await start();
    const result = await request(url, 'GET', '/health');
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual({ status: 'ok', service: 'qabyl-sandbox' });
  });

  it('registers a first commit with 201, a registration number and a registered event', async () => {
    const { client, id, body } = await withUploaded();
    const result = await client.commit(id, body);

    expect(result.status).toBe(201);
    expect(result.headers.get('location')).toBe(paths.submission(id));
    expect(submissionStatusSchema.parse(JSON.parse(result.text))).toEqual({
      submissionId: id,
      registrationNumber: 'KZ-EL-2026-000001',
      status: 'registered',
      receivedAt: FIXED_NOW.toISOString(),
      events: [{ at: FIXED_NOW.toISOString(), code: 'registered', text: 'Өтініш тіркелді, № KZ-EL-2026-000001' }],
    });
  });

  it('replays the byte-identical response with 200 for the same id and body, and 422 for another body', async () => {
    const { client, id, body } = await withUploaded(['a', 'b']);
    const first = await client.commit(id, body);
    const replay = await client.commit(id, body);
    expect(replay.status).toBe(200);
    expect(replay.text).toBe(first.text);
    expectProblem(await client.commit(id, makeSubmission(id, ['a'])), 422, problemTypes.idempotencyKeyReused);
  });

  it('answers 409 to a commit whose id is still in flight, then replays once it is done', async () => {
    let release = () => {};
    let entered = () => {};
    const verifierEntered = new Promise<void>((resolve) => (entered = resolve));
    const { client, id, body } = await withUploaded(['x'], {
      verifySignature: async () => {
        entered();
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: true, signerIin: '900101300017' };
      },
    });
    const first = client.commit(id, body);
    await verifierEntered;
    expectProblem(await client.commit(id, body), 409, problemTypes.submissionInFlight);
    release();
    expect((await first).status).toBe(201);
    expect((await client.commit(id, body)).status).toBe(200);
  });

  it('answers 422 attachment-not-uploaded with the missing sha256 values, and stores nothing', async () => {
    const { client, id } = await withUploaded(['held']);
    const body = makeSubmission(id, ['held', 'not uploaded', 'not uploaded either']);
    const problem = expectProblem(await client.commit(id, body), 422, problemTypes.attachmentNotUploaded);
    expect(problem.missing).toEqual([sha256Hex('not uploaded'), sha256Hex('not uploaded either')]);
    expectProblem(await client.status(id), 404, problemTypes.notFound);
  });

  it('answers 422 when the committed size is not the blob size', async () => {
    const { client, id, body } = await withUploaded(['twelve bytes']);
    body.attachments[0]!.size = 11;
    expectProblem(await client.commit(id, body), 422, problemTypes.attachmentHashMismatch);
  });

  it.each([
    ['lists a file that is not attached', ['a'], ['a', 'b']],
    ['omits an attached file', ['a', 'b'], ['a']],
    ['lists the right count but another file', ['a', 'b'], ['a', 'c']],
  ])('answers 422 when the signed XML %s', async (_label, files, listedFiles) => {
    const { client, id } = await withUploaded(['a', 'b', 'c']);
    const result = await client.commit(id, makeSubmission(id, files, { listedSha256: listedFiles.map(sha256Hex) }));
    expectProblem(result, 422, problemTypes.attachmentListMismatch);
  });

  it('answers 422 when the signed XML is not well-formed or names a service the catalog lacks', async () => {
    const { client, id, body } = await withUploaded(['a']);
    expectProblem(await client.commit(id, { ...body, signedXml: '<request><attachments>' }), 422, problemTypes.signedXmlInvalid);
    const unknown = makeSubmission(id, ['a'], { document: { serviceId: 'seed009.nothing' } });
    expectProblem(await client.commit(id, unknown), 422, problemTypes.signedXmlInvalid);
  });

  it('answers 422 signature-invalid with the verifier reason, and stores the signer IIN when valid', async () => {
    const dataDir = await makeDataDir();
    const { client } = await withUploaded(['scan of passport'], {
      dataDir,
      verifySignature: (xml) => (xml.includes('forged') ? { ok: false, reason: 'certificate revoked' } : { ok: true, signerIin: '900101300017' }),
    });
    const forgedId = randomUUID();
    const forged = makeSubmission(forgedId);
    forged.signedXml = forged.signedXml.replace('excavation', 'forged');
    expect(expectProblem(await client.commit(forgedId, forged), 422, problemTypes.signatureInvalid).detail).toBe('certificate revoked');

    const id = randomUUID();
    expect((await client.commit(id, makeSubmission(id))).status).toBe(201);
    expect(JSON.parse(await readFile(join(dataDir, 'submissions', `${id}.json`), 'utf8')).signerIin).toBe('900101300017');
  });

  it('verifies attachment signatures against the held blobs', async () => {
    const seen: string[] = [];
    const { client, id, body } = await withUploaded(['signed page'], {
      verifyAttachmentSignature: async (_cms, content) => (seen.push(sha256Hex(Buffer.from(content).toString())), { ok: true, signerIin: '900101300017' }),
    });
    expectProblem(await client.commit(id, body), 422, problemTypes.signatureInvalid);
    body.attachments[0]!.cmsBase64 = Buffer.from('cms').toString('base64');
    expect((await client.commit(id, body)).status).toBe(201);
    expect(seen).toEqual([sha256Hex('signed page')]);
  });

  it.each([
    ['malformed JSON', '{"signedXml": '],
    ['a body failing the schema', { attachments: [] }],
  ])('answers 400 to %s', async (_label, body) => {
    const { client, id } = await withUploaded([]);
    expectProblem(await client.commit(id, body), 400, problemTypes.malformedRequest);
    expectProblem(await client.call('PUT', paths.submission('not-a-uuid'), makeSubmission(id)), 400, problemTypes.malformedRequest);
  });

  it('returns the status with GET, whatever the case of the UUID, and 404 for an unknown id', async () => {
    const { client, id, body } = await withUploaded(['a']);
    const put = await client.commit(id.toUpperCase(), body);
    const result = await client.status(id);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toEqual(JSON.parse(put.text));
    expectProblem(await client.status(randomUUID()), 404, problemTypes.notFound);
  });

  it('serves the public status page a receipt\'s QR code opens, without a token, and names no applicant', async () => {
    const { sandbox, client, id, body } = await withUploaded(['a']);
    const put = JSON.parse((await client.commit(id, body)).text) as { registrationNumber: string };
    const page = await fetch(`${sandbox.url}/status/${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain(put.registrationNumber);
    expect(html).toContain('registered');
    // State and time of receipt only: nothing from the signed request itself.
    expect(html.match(/<dt>/g)).toHaveLength(2);
    const unknown = await fetch(`${sandbox.url}/status/${randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Заявление не найдено');
    expect((await fetch(`${sandbox.url}/status/not-a-uuid`)).status).toBe(400);
  });

  it('keeps submissions and blobs and continues the sequence across a restart with the same data dir', async () => {
    const dataDir = await makeDataDir();
    const { sandbox, client, id: idA, body: bodyA } = await withUploaded(['kept'], { dataDir });
    const putA = await client.commit(idA, bodyA);
    await sandbox.close();

    const second = await start({ dataDir });
    const again = await connect(second.url);
    const replayA = await again.commit(idA, bodyA);
    expect(replayA.status).toBe(200);
    expect(replayA.text).toBe(putA.text);
    const idB = randomUUID();
    const putB = await again.commit(idB, makeSubmission(idB, ['kept']));
    expect(JSON.parse(putB.text).registrationNumber).toBe('KZ-EL-2026-000002');
    expect(await second.stats()).toMatchObject({ blobs: 1, submissions: 2 });
  });

  it('answers 404 to unknown paths (v0 included) and 405 with Allow to wrong methods', async () => {
    const { url } = await start();
    const client = await connect(url);
    expectProblem(await client.call('GET', '/v1/whatever'), 404, problemTypes.notFound);
    expectProblem(await client.call('PUT', `/v0/submissions/${randomUUID()}`, {}), 404, problemTypes.notFound);
    const wrongMethod = await client.call('DELETE', paths.submission(randomUUID()));
    expectProblem(wrongMethod, 405, problemTypes.methodNotAllowed);
    expect(wrongMethod.headers.get('allow')).toBe('PUT, GET');
  });

  it('answers 413 to a commit body over the limit, also when streamed without content-length', async () => {
    const { url } = await start({ maxBodyBytes: 1024 });
    const client = await connect(url);
    const id = randomUUID();
    expectProblem(await client.commit(id, { ...makeSubmission(id), signedXml: 'x'.repeat(2048) }), 413, problemTypes.payloadTooLarge);
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(`${url}${paths.submission(id)}`, { method: 'PUT', headers: { authorization: `Bearer ${client.token}` } }, (res) => {
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

  it('serves stats on the loopback admin route', async () => {
    const { sandbox, client, id, body } = await withUploaded(['one', 'three']);
    await client.commit(id, body);
    const stats = await request(sandbox.url, 'GET', '/_sandbox/stats');
    const counted = JSON.parse(stats.text);
    expect(counted).toMatchObject({ uploadBytesReceived: 8, uploadBytesDiscarded: 0, uploadsCreated: 2, uploadsCompleted: 2, blobs: 2, submissions: 1 });
    expect(Object.values(counted.uploadBytesReceivedByUpload).sort()).toEqual([3, 5]);
  });
});

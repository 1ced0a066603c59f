import { createHash, randomUUID, webcrypto } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { submissionResultSchema, submissionStatusSchema } from '../../shared/gateway/gatewayProtocol';
import type { RequestDocument } from '../../shared/request/requestDocument';
import { verifyDetachedCms } from '../../shared/pki/detachedCms';
import { createTestPki, type TestPki } from '../pki/testPki';
import { derOfPem } from '../pki/webCryptoSigner';
import { problemTypes } from '../problems';
import { connect, makeDataDir, makeSubmission, removeDataDirs } from '../sandboxTestKit';
import { startSandbox, type RunningSandbox } from '../server';
import { createResultSigner, type ResultSigner } from './resultDocument';

const crypto = webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'];
const DAY_SECONDS = 1;
let pki: TestPki;
let resultSigner: ResultSigner;
// The provider's certificate is issued now and its CMS is judged at the decision time, so the clock starts now.
const START = new Date(Math.floor(Date.now() / 1000) * 1000);
let now = START;
const running: RunningSandbox[] = [];

beforeAll(async () => {
  pki = createTestPki();
  resultSigner = await createResultSigner(pki);
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((sandbox) => sandbox.close()));
  await removeDataDirs();
  now = START;
});

async function submit(dataDir: string, document: Partial<RequestDocument> = {}) {
  const sandbox = await startSandbox({ dataDir, now: () => now, workingDaySeconds: DAY_SECONDS, resultSigner });
  running.push(sandbox);
  const client = await connect(sandbox.url);
  await client.upload('scan');
  const id = randomUUID();
  expect((await client.commit(id, makeSubmission(id, ['scan'], { document }))).status).toBe(201);
  return { sandbox, client, id };
}

describe('processing and signed results', () => {
  it('walks to a license whose PDF is signed by the provider under the test root, with stable bytes', async () => {
    const dataDir = await makeDataDir();
    const { sandbox, client, id } = await submit(dataDir);
    expect(JSON.parse((await client.status(id)).text).status).toBe('registered');
    const undecided = await client.result(id);
    expect(undecided.status).toBe(404);
    expect(JSON.parse(undecided.text).type).toBe(problemTypes.notFound);

    now = new Date(START.getTime() + 30 * DAY_SECONDS * 1000);
    const status = submissionStatusSchema.parse(JSON.parse((await client.status(id)).text));
    expect(status.status).toBe('completed');
    // A ЦОН request of seed 004 walks Diagram No. 3: the provider's check, then the license (the hand-over is the window's).
    expect(status.events.map((event) => event.code)).toEqual(['registered', 'step-completed', 'license-issued']);
    const first = await client.result(id);
    const result = submissionResultSchema.parse(JSON.parse(first.text));
    expect(result).toMatchObject({ kind: 'license', licenseNumber: `KZ-LIC-${START.getUTCFullYear()}-000001`, decidedAt: status.result?.decidedAt });
    const pdf = Buffer.from(result.document.contentBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const digest = createHash('sha256').update(pdf).digest();
    expect(digest.toString('hex')).toBe(result.document.sha256);
    const verdict = await verifyDetachedCms(Buffer.from(result.cmsBase64, 'base64'), { content: pdf, trustedCertificatesDer: [pki.rootCertPem, pki.intermediateCertPem].map(derOfPem), crypto });
    expect(verdict).toMatchObject({ ok: true, signer: { commonName: 'ЛИЦЕНЗИАР ТЕСТ' } });

    await sandbox.close();
    const again = await startSandbox({ dataDir, now: () => now, workingDaySeconds: DAY_SECONDS });
    running.push(again);
    expect((await (await connect(again.url)).result(id)).text).toBe(first.text);
  });

  it('refuses an applicant the registry does not hold, with the catalog ground and its paragraph', async () => {
    const { client, id } = await submit(await makeDataDir(), {
      applicant: { kind: 'legalEntity', bin: '150440000003', name: 'Жоқ ЖШС' },
    });
    now = new Date(START.getTime() + 30 * DAY_SECONDS * 1000);
    expect(JSON.parse((await client.status(id)).text)).toMatchObject({ status: 'rejected', result: { kind: 'refusal' } });
    const result = submissionResultSchema.parse(JSON.parse((await client.result(id)).text));
    expect(result.grounds).toEqual([
      { code: 'data-unavailable', text: expect.stringContaining('БСН 150440000003'), basis: 'seed-004, Annex 2, Table 3 col. 4; п. 8.5 (4-үдеріс)' },
    ]);
    expect(result.licenseNumber).toBeUndefined();
  });

  it('lists every ground: inactive entity, revoked power of attorney, refunded payment', async () => {
    const { client, id } = await submit(await makeDataDir(), {
      applicant: { kind: 'legalEntity', bin: '150440999901', name: 'Жабық ЖШС' },
      form: { hasRepresentative: 'yes', powerOfAttorneyNumber: '12345679', paymentReference: '1234567897' },
    });
    now = new Date(START.getTime() + 30 * DAY_SECONDS * 1000);
    const result = submissionResultSchema.parse(JSON.parse((await client.result(id)).text));
    expect(result.grounds?.map((ground) => ground.code)).toEqual(['data-irregularities', 'data-irregularities', 'no-payment']);
  });
});

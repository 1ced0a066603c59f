import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createResultSigner } from '../../../sandbox/processing/resultDocument';
import { createTestPki } from '../../../sandbox/pki/testPki';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../sandbox/server';
import { buildRequestXml } from '../../../shared/request/requestDocument';
import { sampleRequestDocument } from '../../../shared/request/requestDocument.testkit';
import { TRAINING_GATEWAY_CLIENT } from '../../../shared/training/trainingGatewayClient';
import { createDocumentStore, type DocumentStore } from '../storage/documentStore';
import { keySealer } from '../vault/vault';
import type { GatewayCredentials } from './gatewayAuth';
import { commitBody, createHttpGatewayTransport, type GatewayTransport } from './gatewayTransport';
import { certificatesDerOfPem, verifyResult } from './resultVerifier';

const folders: string[] = [];
const sandboxes: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function setUp(options: Partial<SandboxOptions> = {}, credentials: GatewayCredentials = TRAINING_GATEWAY_CLIENT) {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-transport-'));
  folders.push(dir);
  const sandbox = await startSandbox({ dataDir: join(dir, 'sandbox'), ...options });
  sandboxes.push(sandbox);
  const atRest = keySealer();
  const documents = createDocumentStore(join(dir, 'documents'), atRest);
  const transport = createHttpGatewayTransport({ baseUrl: sandbox.url, documents, credentials: async () => credentials, uploadStateFile: join(dir, 'uploads.json'), atRest });
  return { sandbox, documents, transport, dir };
}

const attachmentOf = async (documents: DocumentStore, bytes: Uint8Array, name = 'scan.pdf') => ({ ...(await documents.put(bytes)), fileName: name, mimeType: 'application/pdf' });

async function commitOf(documents: DocumentStore, submissionId: string, attachments: { sha256: string; size: number; fileName: string; mimeType: string }[]) {
  const signedXml = buildRequestXml(sampleRequestDocument({ submissionId, attachments, createdAt: new Date().toISOString() }));
  return commitBody(signedXml, attachments, (sha256) => documents.size(sha256));
}

async function uploadAll(transport: GatewayTransport, attachments: { sha256: string; fileName: string; mimeType: string }[]) {
  for (const attachment of attachments) expect(await transport.upload(attachment)).toMatchObject({ kind: 'uploaded' });
}

describe('gateway transport against the sandbox', () => {
  it('uploads with tus, commits by reference, and replays the same answer on a repeated commit', async () => {
    const { documents, transport, sandbox } = await setUp();
    const file = await attachmentOf(documents, randomBytes(2_500_000));
    const first = await transport.upload(file);
    expect(first).toEqual({ kind: 'uploaded', sha256: file.sha256, bytesSent: 2_500_000 });
    // Held already: asked, not sent again.
    expect(await transport.upload(file)).toEqual({ kind: 'uploaded', sha256: file.sha256, bytesSent: 0 });

    const id = randomUUID();
    const body = await commitOf(documents, id, [file]);
    const accepted = await transport.commit(id, body);
    expect(accepted).toMatchObject({ kind: 'accepted', status: 'registered' });
    expect(await transport.commit(id, body)).toEqual(accepted);
    expect((await sandbox.stats()).submissions).toBe(1);
  });

  it('asks whether the gateway holds a file only on a retry, never on a request’s first attempt', async () => {
    const { documents, transport, sandbox } = await setUp();
    const file = await attachmentOf(documents, randomBytes(400_000));
    expect(await transport.upload(file, { firstAttempt: true })).toEqual({ kind: 'uploaded', sha256: file.sha256, bytesSent: 400_000 });
    // Sent again unasked on another first attempt (another request with the same scan), asked and not sent on a retry.
    expect(await transport.upload(file, { firstAttempt: true })).toEqual({ kind: 'uploaded', sha256: file.sha256, bytesSent: 400_000 });
    expect(await transport.upload(file)).toEqual({ kind: 'uploaded', sha256: file.sha256, bytesSent: 0 });
    // Each upload went with its creation: two uploads made, each complete, nothing thrown away.
    expect(await sandbox.stats()).toMatchObject({ uploadsCreated: 2, uploadsCompleted: 2, uploadBytesReceived: 800_000, uploadBytesDiscarded: 0 });
  });

  it('resumes an upload cut off mid-body from the offset the gateway holds', async () => {
    const { documents, transport, sandbox } = await setUp();
    const size = 3 * 1024 * 1024;
    const file = await attachmentOf(documents, randomBytes(size));
    sandbox.setFaults({ rules: [{ mode: 'resetRequest', on: 'upload', count: 2, afterBytes: 300_000 }] });

    expect(await transport.upload(file)).toMatchObject({ kind: 'uploaded' });

    const stats = await sandbox.stats();
    expect(stats.uploadsCompleted).toBe(1);
    // Cut-off PATCH bodies are checksummed, so they are discarded: at most two chunks sent twice.
    expect(stats.uploadBytesReceived - stats.uploadBytesDiscarded).toBe(size);
  });

  it('says which files the gateway does not hold when a commit names one never uploaded', async () => {
    const { documents, transport } = await setUp();
    const held = await attachmentOf(documents, randomBytes(1000), 'a.pdf');
    const missing = await attachmentOf(documents, randomBytes(1000), 'b.pdf');
    await uploadAll(transport, [held]);
    const id = randomUUID();

    const outcome = await transport.commit(id, await commitOf(documents, id, [held, missing]));

    expect(outcome).toMatchObject({ kind: 'upload_expired', sha256s: [missing.sha256] });
  });

  it('classifies refused credentials as auth, and gateway trouble as transient with its Retry-After', async () => {
    const refused = await setUp({}, { clientId: 'qabyl-training', clientSecret: 'wrong' });
    const file = await attachmentOf(refused.documents, randomBytes(100));
    expect(await refused.transport.upload(file)).toMatchObject({ kind: 'auth' });

    const { documents, transport, sandbox } = await setUp();
    const id = randomUUID();
    const other = await attachmentOf(documents, randomBytes(100));
    await uploadAll(transport, [other]);
    const body = await commitOf(documents, id, [other]);
    sandbox.setFaults({ rules: [{ mode: 'rateLimit', on: 'commit', count: 1, retryAfterSeconds: 7 }] });
    expect(await transport.commit(id, body)).toMatchObject({ kind: 'transient', httpStatus: 429, retryAfterMs: 7_000 });
    sandbox.setFaults({ rules: [{ mode: 'captivePortal', on: 'commit', count: 1 }] });
    expect(await transport.commit(id, body)).toMatchObject({ kind: 'transient', httpStatus: 200 });
    expect(await transport.commit(id, body)).toMatchObject({ kind: 'accepted' });
  });

  it('polls the timeline and fetches a result that verifies against the pinned roots', async () => {
    const pki = createTestPki();
    let now = Date.now();
    const { documents, transport } = await setUp({ resultSigner: await createResultSigner(pki), workingDaySeconds: 1, now: () => new Date(now) });
    const file = await attachmentOf(documents, randomBytes(100));
    await uploadAll(transport, [file]);
    const id = randomUUID();
    expect(await transport.commit(id, await commitOf(documents, id, [file]))).toMatchObject({ kind: 'accepted' });

    now += 60 * 24 * 3_600_000;
    const status = await transport.status(id);
    expect(status.ok && status.value.result).toBeTruthy();
    expect(status.ok && status.value.events.length).toBeGreaterThan(0);
    const result = await transport.result(id);
    if (!result.ok) throw new Error(result.failure.detail);
    const trustedRootsDer = [pki.rootCertPem, pki.intermediateCertPem].flatMap(certificatesDerOfPem);

    const verdict = await verifyResult(result.value, { submissionId: id, trustedRootsDer });
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.ok && createHash('sha256').update(verdict.document).digest('hex')).toBe(result.value.document.sha256);

    const foreign = createTestPki();
    expect(await verifyResult(result.value, { submissionId: id, trustedRootsDer: certificatesDerOfPem(foreign.rootCertPem) })).toMatchObject({ ok: false });
    const altered = { ...result.value, document: { ...result.value.document, contentBase64: Buffer.from('forged').toString('base64') } };
    expect(await verifyResult(altered, { submissionId: id, trustedRootsDer })).toEqual({ ok: false, reason: 'the document does not match its declared SHA-256' });
    expect(await verifyResult(result.value, { submissionId: randomUUID(), trustedRootsDer })).toMatchObject({ ok: false });
  });

  it('looks applicants up in the registries, and says when there is none', async () => {
    const { transport } = await setUp();
    const found = await transport.individual('900101300017');
    expect(found).toMatchObject({ ok: true });
    expect(found.ok && found.value).toMatchObject({ iin: '900101300017', birthDate: '1990-01-01' });
    expect(await transport.individual('900101300007')).toEqual({ ok: true, value: null });
    const power = await transport.powerOfAttorney('12345671');
    expect(power.ok && power.value).toMatchObject({ number: '12345671', revoked: false });
    expect(await transport.powerOfAttorney('02345671')).toEqual({ ok: true, value: null });
  });
});

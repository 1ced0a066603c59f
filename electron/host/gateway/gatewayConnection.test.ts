/**
 * Production's gateway connection against real loopback servers: the sandbox, behind an HTTPS front whose
 * certificate comes from a CA made here. Only a pinned certificate is trusted, only https:// is spoken, and a
 * server that says it is the sandbox is refused — each before anything (the client secret first) is sent.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import { withCheckDigit } from '../../../shared/identity/iin';
import { DEFAULT_SETTINGS } from '../../../shared/settings/settingsSchema';
import { TRAINING_GATEWAY_CLIENT } from '../../../shared/training/trainingGatewayClient';
import { createTestCa, startHttpsFront, type HttpsFront, type TestCa } from '../../../test/support/testTls';
import { createDocumentStore } from '../storage/documentStore';
import { keySealer } from '../vault/vault';
import { checkGatewayAddress, openGatewayConnection, vetGatewaySettings, type GatewayRefused } from './gatewayConnection';
import { createHttpGatewayTransport } from './gatewayTransport';

const closing: { close(): Promise<void> }[] = [];
const folders: string[] = [];
let ca: TestCa;
let otherCa: TestCa;
let sandbox: RunningSandbox;

beforeAll(async () => {
  ca = createTestCa();
  otherCa = createTestCa('Another CA');
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-gwtls-'));
  folders.push(dir);
  sandbox = await startSandbox({ dataDir: dir });
});
afterAll(async () => {
  await sandbox.close();
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});
afterEach(async () => {
  await Promise.all(closing.splice(0).map((item) => item.close()));
});

/** The sandbox behind HTTPS: as the real gateway would say its name, or passed through (it then says it is the sandbox). */
async function front(options: { certificate?: ReturnType<TestCa['issueServer']>; asGateway?: boolean } = {}): Promise<HttpsFront> {
  const started = await startHttpsFront({ target: sandbox.url, tls: options.certificate ?? ca.issueServer({ ips: ['127.0.0.1'] }), ...(options.asGateway === false ? {} : { service: 'e-licensing-gateway' }) });
  closing.push(started);
  return started;
}

/** A plain-HTTP server that only counts what reaches it: proof that nothing was sent. */
async function listeningHttp() {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', service: 'e-licensing-gateway' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function productionTransport(url: string, pinnedCertificatePem: string) {
  const dir = await mkdtemp(join(tmpdir(), 'qabyl-gwtls-ws-'));
  folders.push(dir);
  const atRest = keySealer();
  const refusals: string[] = [];
  const connection = openGatewayConnection({ production: true, address: { url, pinnedCertificatePem }, onRefused: (refusal: GatewayRefused) => refusals.push(refusal.code) });
  const documents = createDocumentStore(join(dir, 'documents'), atRest);
  const transport = createHttpGatewayTransport({ baseUrl: url, documents, credentials: async () => TRAINING_GATEWAY_CLIENT, uploadStateFile: join(dir, 'uploads.json'), atRest, connection });
  return { transport, documents, refusals };
}

const refusalOf = (promise: Promise<unknown>) => promise.then(() => 'accepted', (error: { code?: string }) => error.code ?? String(error));
const IIN = withCheckDigit('85030530001')!;

describe('production gateway connection', () => {
  it('talks to a gateway whose certificate the pinned CA issued: lookups, tus uploads and the address check', async () => {
    const gateway = await front();
    expect(await checkGatewayAddress({ url: gateway.url, pinnedCertificatePem: ca.certificatePem })).toEqual({ reached: true });
    const { transport, documents } = await productionTransport(gateway.url, ca.certificatePem);
    expect(await transport.probe()).toBe(true);
    expect(await transport.individual(IIN)).toMatchObject({ ok: true });
    const file = { ...(await documents.put(randomBytes(300_000))), fileName: 'scan.pdf', mimeType: 'application/pdf' };
    expect(await transport.upload(file)).toEqual({ kind: 'uploaded', sha256: file.sha256, bytesSent: 300_000 });
    // Everything went through the TLS front, the token request included.
    expect(gateway.requests).toEqual(expect.arrayContaining(['GET /health', 'POST /v1/oauth/token']));
  });

  it('refuses a certificate the pin does not cover, or one not for the address, before sending anything', async () => {
    const foreign = await front({ certificate: otherCa.issueServer({ ips: ['127.0.0.1'] }) });
    expect(await refusalOf(checkGatewayAddress({ url: foreign.url, pinnedCertificatePem: ca.certificatePem }))).toBe('gateway.pinMismatch');
    const { transport, refusals } = await productionTransport(foreign.url, ca.certificatePem);
    expect(await transport.probe()).toBe(false);
    expect(await transport.individual(IIN)).toMatchObject({ ok: false, failure: { kind: 'unreachable', detail: expect.stringContaining('gateway.pinMismatch') } });
    expect(refusals).toContain('gateway.pinMismatch');
    // Not even the TLS handshake completed: no request of any kind reached the server.
    expect(foreign.requests).toEqual([]);

    const elsewhere = await front({ certificate: ca.issueServer({ names: ['gateway.tsoq.local'] }) });
    expect(await refusalOf(checkGatewayAddress({ url: elsewhere.url, pinnedCertificatePem: ca.certificatePem }))).toBe('gateway.pinMismatch');
    expect(elsewhere.requests).toEqual([]);
  });

  it('refuses the sandbox even behind a pinned certificate: only its /health is asked, never a token', async () => {
    const disguised = await front({ asGateway: false });
    expect(await refusalOf(checkGatewayAddress({ url: disguised.url, pinnedCertificatePem: ca.certificatePem }))).toBe('gateway.sandbox');
    const { transport, refusals } = await productionTransport(disguised.url, ca.certificatePem);
    expect(await transport.individual(IIN)).toMatchObject({ ok: false, failure: { kind: 'unreachable', detail: expect.stringContaining('gateway.sandbox') } });
    expect(await transport.probe()).toBe(false);
    expect(refusals).toContain('gateway.sandbox');
    expect(disguised.requests.every((line) => line === 'GET /health')).toBe(true);
  });

  it('refuses http://, and a missing or unreadable pin, with nothing sent', async () => {
    const plain = await listeningHttp();
    expect(await refusalOf(checkGatewayAddress({ url: plain.url, pinnedCertificatePem: ca.certificatePem }))).toBe('gateway.insecure');
    expect(await refusalOf(checkGatewayAddress({ url: 'https://127.0.0.1:1', pinnedCertificatePem: '' }))).toBe('gateway.pinMissing');
    expect(await refusalOf(checkGatewayAddress({ url: 'https://127.0.0.1:1', pinnedCertificatePem: '-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----' }))).toBe('gateway.pinInvalid');
    const { transport, refusals } = await productionTransport(plain.url, ca.certificatePem);
    expect(await transport.probe()).toBe(false);
    expect(await transport.individual(IIN)).toMatchObject({ ok: false, failure: { kind: 'unreachable' } });
    expect(refusals).toEqual(['gateway.insecure']);
    expect(plain.seen).toEqual([]);
  });

  it('keeps an address nothing answers at (checked at every connection later); training stays on plain HTTP', async () => {
    expect(await checkGatewayAddress({ url: 'https://127.0.0.1:1', pinnedCertificatePem: ca.certificatePem }, 2_000)).toEqual({ reached: false });
    const training = openGatewayConnection({ production: false, address: { url: sandbox.url, pinnedCertificatePem: '' } });
    expect((await training.fetch(`${sandbox.url}/health`)).ok).toBe(true);
  });

  it('vets a settings change that gives or changes the gateway, and lets an untouched one through', async () => {
    const gateway = await front();
    const production = { ...DEFAULT_SETTINGS, trainingMode: false };
    expect(await vetGatewaySettings(production, DEFAULT_SETTINGS)).toBeUndefined();
    expect(await vetGatewaySettings({ ...production, gateway: { ...production.gateway, url: gateway.url, pinnedCertificatePem: ca.certificatePem } }, production)).toBe('reached');
    expect(await refusalOf(vetGatewaySettings({ ...production, gateway: { ...production.gateway, url: sandbox.url, pinnedCertificatePem: ca.certificatePem } }, production))).toBe('gateway.insecure');
    expect(await refusalOf(vetGatewaySettings({ ...production, gateway: { ...production.gateway, url: gateway.url } }, production))).toBe('gateway.pinMissing');
  });
});

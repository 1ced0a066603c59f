import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrlPublisher } from '../../../sandbox/crl/crlPublisher';
import { createPkiPublication } from '../../../sandbox/crl/pkiPublication';
import { createTestPki, TEST_PKI_PUBLICATION_BASE, type TestPki } from '../../../sandbox/pki/testPki';
import { startSandbox } from '../../../sandbox/server';
import { TRAINING_GATEWAY_CLIENT } from '../../../shared/training/trainingGatewayClient';
import { createHttpGatewayTransport } from '../gateway/gatewayTransport';
import { createDocumentStore } from '../storage/documentStore';
import { keySealer } from '../vault/vault';
import { withCheckDigit } from '../../../shared/identity/iin';
import { createCrlCache, type CrlCacheOptions } from './crlCache';

const HOUR_MS = 3_600_000;
const T0 = new Date('2026-11-22T10:00:00.000Z');
const operator = { iin: withCheckDigit('85010130012')!, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' };

let pki: TestPki;
let foreignPki: TestPki;
let goodPem: string;
let revokedPem: string;
let revokedSerial: string;
const folders: string[] = [];

beforeAll(() => {
  pki = createTestPki();
  // Same intermediate name, different key: what a forged CRL would look like.
  foreignPki = createTestPki();
  goodPem = pki.issueLeaf({ operator, usage: 'sign', password: 'x' }).certificatePem;
  const revoked = pki.issueLeaf({ operator, usage: 'sign', password: 'x' });
  revokedPem = revoked.certificatePem;
  revokedSerial = revoked.serialNumber;
});

afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A cache on a fresh folder with a movable clock; `serve` is what the next fetch returns or throws. */
async function setUp(overrides: Partial<CrlCacheOptions> = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'qabyl-crl-'));
  folders.push(folder);
  const clock = { now: T0 };
  const fetcher = { serve: (): Uint8Array => crlFrom(pki, T0) };
  const options: CrlCacheOptions = {
    folder,
    fetchCrl: async () => fetcher.serve(),
    trustedIssuersPem: [pki.intermediateCertPem],
    maxAgeMs: 24 * HOUR_MS,
    now: () => clock.now,
    ...overrides,
  };
  return { cache: createCrlCache(options), options, clock, fetcher };
}

function crlFrom(issuer: TestPki, thisUpdate: Date, nextUpdateInMs = 48 * HOUR_MS): Uint8Array {
  return issuer.issueCrl({ revokedSerials: [revokedSerial], thisUpdate, nextUpdate: new Date(thisUpdate.getTime() + nextUpdateInMs) }).der;
}

const later = (ms: number) => new Date(T0.getTime() + ms);

describe('CRL cache', () => {
  it('answers revoked for a listed certificate and ok for another', async () => {
    const { cache } = await setUp();
    expect((await cache.refresh()).ok).toBe(true);
    expect(await cache.checkCertificate(revokedPem)).toEqual({ ok: false, code: 'keys.revoked' });
    expect(await cache.checkCertificate(goodPem)).toEqual({ ok: true });
  });

  it('answers crlMissing before the first download', async () => {
    const { cache } = await setUp();
    expect(await cache.checkCertificate(goodPem)).toEqual({ ok: false, code: 'keys.crlMissing' });
    expect(await cache.status()).toEqual({ fetchedAt: null, thisUpdate: null, nextUpdate: null, ageMs: null, stale: true });
  });

  it('answers crlMissing for a certificate of an issuer the CRL does not cover', async () => {
    const { cache } = await setUp();
    await cache.refresh();
    // The intermediate's own certificate is issued by the root, whose CRL the cache does not hold.
    expect(await cache.checkCertificate(pki.intermediateCertPem)).toEqual({ ok: false, code: 'keys.crlMissing' });
  });

  it('goes stale after maxAgeMs without a download, but still knows what is revoked', async () => {
    const { cache, clock } = await setUp();
    await cache.refresh();
    clock.now = later(24 * HOUR_MS + 1);
    expect((await cache.status()).stale).toBe(true);
    expect(await cache.checkCertificate(goodPem)).toEqual({ ok: false, code: 'keys.crlStale' });
    expect(await cache.checkCertificate(revokedPem)).toEqual({ ok: false, code: 'keys.revoked' });
  });

  it('goes stale past nextUpdate even within maxAgeMs', async () => {
    const { cache, clock, fetcher } = await setUp();
    fetcher.serve = () => crlFrom(pki, T0, HOUR_MS);
    await cache.refresh();
    clock.now = later(HOUR_MS - 1);
    expect(await cache.checkCertificate(goodPem)).toEqual({ ok: true });
    clock.now = later(HOUR_MS + 1);
    expect(await cache.status()).toMatchObject({ stale: true, nextUpdate: later(HOUR_MS).toISOString() });
    expect(await cache.checkCertificate(goodPem)).toEqual({ ok: false, code: 'keys.crlStale' });
  });

  it('refuses a CRL signed by another CA and keeps the cached one', async () => {
    const { cache, clock, fetcher } = await setUp();
    await cache.refresh();
    clock.now = later(HOUR_MS);
    fetcher.serve = () => foreignPki.issueCrl({ revokedSerials: [], thisUpdate: later(HOUR_MS), nextUpdate: later(48 * HOUR_MS) }).der;
    const result = await cache.refresh();
    expect(result).toMatchObject({ ok: false, reason: 'untrusted', status: { fetchedAt: T0.toISOString(), ageMs: HOUR_MS } });
    expect(await cache.checkCertificate(revokedPem)).toEqual({ ok: false, code: 'keys.revoked' });
  });

  it('refuses bytes that are not a CRL, and an older CRL than the cached one', async () => {
    const { cache, clock, fetcher } = await setUp();
    fetcher.serve = () => new TextEncoder().encode('<html>captive portal</html>');
    expect(await cache.refresh()).toMatchObject({ ok: false, reason: 'unreadable' });
    fetcher.serve = () => crlFrom(pki, T0);
    await cache.refresh();
    clock.now = later(HOUR_MS);
    // A replayed CRL from before the revocation must not un-revoke the certificate.
    fetcher.serve = () => pki.issueCrl({ revokedSerials: [], thisUpdate: later(-HOUR_MS), nextUpdate: later(48 * HOUR_MS) }).der;
    expect(await cache.refresh()).toMatchObject({ ok: false, reason: 'older' });
    expect(await cache.checkCertificate(revokedPem)).toEqual({ ok: false, code: 'keys.revoked' });
  });

  it('keeps the cached CRL when the download fails, and reports its age', async () => {
    const { cache, clock, fetcher } = await setUp();
    await cache.refresh();
    clock.now = later(3 * HOUR_MS);
    fetcher.serve = () => {
      throw new Error('ECONNREFUSED');
    };
    const result = await cache.refresh();
    expect(result).toMatchObject({ ok: false, reason: 'fetchFailed', detail: 'ECONNREFUSED' });
    expect(await cache.status()).toEqual({
      fetchedAt: T0.toISOString(),
      thisUpdate: T0.toISOString(),
      nextUpdate: later(48 * HOUR_MS).toISOString(),
      ageMs: 3 * HOUR_MS,
      stale: false,
    });
    expect(await cache.checkCertificate(goodPem)).toEqual({ ok: true });
  });

  it('persists the CRL for a new cache on the same folder', async () => {
    const { cache, options, clock } = await setUp();
    await cache.refresh();
    clock.now = later(HOUR_MS);
    const reopened = createCrlCache(options);
    expect(await reopened.status()).toMatchObject({ fetchedAt: T0.toISOString(), ageMs: HOUR_MS, stale: false });
    expect(await reopened.checkCertificate(revokedPem)).toEqual({ ok: false, code: 'keys.revoked' });
  });

  it('treats a damaged cache file as no CRL', async () => {
    const { options } = await setUp();
    await writeFile(join(options.folder, 'crl.json'), 'null');
    expect(await createCrlCache(options).checkCertificate(goodPem)).toEqual({ ok: false, code: 'keys.crlMissing' });
  });

  it('ignores a stored CRL when the trusted issuer changes', async () => {
    const { cache, options } = await setUp();
    await cache.refresh();
    const reopened = createCrlCache({ ...options, trustedIssuersPem: [foreignPki.intermediateCertPem] });
    expect(await reopened.checkCertificate(goodPem)).toEqual({ ok: false, code: 'keys.crlMissing' });
  });

  it('downloads the sandbox CA CRL through the gateway transport', async () => {
    const publisher = createCrlPublisher({ testPki: pki });
    publisher.revoke(revokedSerial);
    const dataDir = await mkdtemp(join(tmpdir(), 'qabyl-crl-sandbox-'));
    folders.push(dataDir);
    const sandbox = await startSandbox({ dataDir, crl: publisher.crl });
    const transport = createHttpGatewayTransport({
      baseUrl: sandbox.url,
      documents: createDocumentStore(join(dataDir, 'documents'), keySealer()),
      credentials: async () => TRAINING_GATEWAY_CLIENT,
      uploadStateFile: join(dataDir, 'uploads.json'),
      atRest: keySealer(),
    });
    try {
      const { cache } = await setUp({ now: () => new Date(), fetchCrl: () => transport.fetchCrl() });
      expect((await cache.refresh()).ok).toBe(true);
      expect(await cache.checkCertificate(revokedPem)).toEqual({ ok: false, code: 'keys.revoked' });
      expect(await cache.checkCertificate(goodPem)).toEqual({ ok: true });
    } finally {
      await sandbox.close();
    }
  });

  it("learns a GOST certificate's CDP and freshestCRL, fetches both from the sandbox and sees a new revocation in the delta at once", async () => {
    const gostPki = createTestPki({ algorithm: 'gost2015' });
    const leaf = gostPki.issueLeaf({ operator, usage: 'sign', password: 'x' });
    const publisher = createCrlPublisher({ testPki: gostPki });
    const dataDir = await mkdtemp(join(tmpdir(), 'qabyl-crl-sandbox-'));
    folders.push(dataDir);
    const sandbox = await startSandbox({ dataDir, pki: createPkiPublication({ testPki: gostPki, crlPublisher: publisher }) });
    const fetched: string[] = [];
    try {
      const { cache, options } = await setUp({
        now: () => new Date(),
        trustedIssuersPem: [gostPki.intermediateCertPem],
        fetchCrl: undefined,
        fetchUrl: async (url) => {
          fetched.push(url);
          const response = await fetch(url.replace(TEST_PKI_PUBLICATION_BASE, `${sandbox.url}/pki`));
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return new Uint8Array(await response.arrayBuffer());
        },
      });
      expect((await cache.refresh()).ok).toBe(false);
      expect(await cache.checkCertificate(leaf.certificatePem)).toEqual({ ok: false, code: 'keys.crlMissing' });
      expect((await cache.refresh()).ok).toBe(true);
      expect(fetched.sort()).toEqual([gostPki.publication.deltaCrlUrl, gostPki.publication.fullCrlUrl].sort());
      expect(await cache.checkCertificate(leaf.certificatePem)).toEqual({ ok: true });
      publisher.revoke(leaf.serialNumber);
      expect((await cache.refresh()).ok).toBe(true);
      expect(await cache.checkCertificate(leaf.certificatePem)).toEqual({ ok: false, code: 'keys.revoked' });
      // Offline afterwards: a new cache on the same folder still holds both lists and the distribution points.
      const offline = createCrlCache({ ...options, fetchUrl: async () => Promise.reject(new Error('offline')) });
      expect(await offline.checkCertificate(leaf.certificatePem)).toEqual({ ok: false, code: 'keys.revoked' });
      expect((await offline.refresh()).ok).toBe(false);
    } finally {
      await sandbox.close();
    }
  });
});

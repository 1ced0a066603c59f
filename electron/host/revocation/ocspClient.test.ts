import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrlPublisher, type CrlPublisher } from '../../../sandbox/crl/crlPublisher';
import { createPkiPublication } from '../../../sandbox/crl/pkiPublication';
import { createOcspResponder } from '../../../sandbox/ocsp/ocspResponder';
import { createTestPki, TEST_PKI_PUBLICATION_BASE, type IssuedLeaf, type TestPki, type TestPkiAlgorithm } from '../../../sandbox/pki/testPki';
import { startSandbox, type RunningSandbox } from '../../../sandbox/server';
import { withCheckDigit } from '../../../shared/identity/iin';
import { createCrlCache } from './crlCache';
import { buildOcspRequest, createOcspChecker, readOcspResponse } from './ocspClient';
import { startRevocationWatch } from './revocationWatch';

const operator = { iin: withCheckDigit('85010130012')!, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' };
const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const folders: string[] = [];

/** The same response with one bit of its signature changed (the signed bytes kept as they were). */
function withFlippedSignature(der: Uint8Array): Uint8Array {
  const response = pkijs.OCSPResponse.fromBER(new Uint8Array(der));
  const basic = pkijs.BasicOCSPResponse.fromBER(new Uint8Array(response.responseBytes!.response.valueBlock.valueHexView));
  const signature = new Uint8Array(basic.signature.valueBlock.valueHexView);
  signature[7] = signature[7]! ^ 0x01;
  basic.signature = new asn1js.BitString({ valueHex: signature.buffer });
  response.responseBytes!.response = new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) });
  return new Uint8Array(response.toSchema().toBER(false));
}

interface World {
  pki: TestPki;
  publisher: CrlPublisher;
  sandbox: RunningSandbox;
  resolveUrl: (url: string) => string;
  good: IssuedLeaf;
  revoked: IssuedLeaf;
}

/** A test CA of `algorithm` published by a real sandbox on loopback, one of its leaves revoked. */
async function world(algorithm: TestPkiAlgorithm): Promise<World> {
  const pki = createTestPki({ algorithm });
  const publisher = createCrlPublisher({ testPki: pki });
  const dataDir = await mkdtemp(join(tmpdir(), 'qabyl-ocsp-'));
  folders.push(dataDir);
  const sandbox = await startSandbox({ dataDir, pki: createPkiPublication({ testPki: pki, crlPublisher: publisher }) });
  const good = pki.issueLeaf({ operator, usage: 'sign', password: 'x' });
  const revoked = pki.issueLeaf({ operator, usage: 'sign', password: 'x' });
  publisher.revoke(revoked.serialNumber);
  return { pki, publisher, sandbox, resolveUrl: (url) => url.replace(TEST_PKI_PUBLICATION_BASE, `${sandbox.url}/pki`), good, revoked };
}

const worlds: World[] = [];
let gost: World;
let rsa: World;

beforeAll(async () => {
  gost = await world('gost2015');
  rsa = await world('rsa');
  worlds.push(gost, rsa);
});

afterAll(async () => {
  await Promise.all(worlds.map(({ sandbox }) => sandbox.close()));
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

describe('OCSP against the sandbox responder', () => {
  it.each([['GOST 2015', () => gost], ['RSA', () => rsa]] as const)('%s: answers good and revoked, with the moment of revocation', async (_name, current) => {
    const { pki, resolveUrl, good, revoked, publisher } = current();
    const checker = createOcspChecker({ trustedIssuersPem: [pki.rootCertPem, pki.intermediateCertPem], resolveUrl });
    expect(await checker.check(good.certificatePem)).toMatchObject({ status: 'good' });
    expect(await checker.check(revoked.certificatePem)).toEqual({ status: 'revoked', revokedAt: new Date(Math.floor(publisher.revokedAt(revoked.serialNumber)!.getTime() / 1000) * 1000) });
  });

  it('reports unavailable, for the CRLs to decide, when the responder is unreachable or another CA\'s, or the issuer untrusted', async () => {
    const offline = createOcspChecker({ trustedIssuersPem: [gost.pki.intermediateCertPem], resolveUrl: () => 'http://127.0.0.1:9/ocsp/', timeoutMs: 2_000 });
    expect(await offline.check(gost.good.certificatePem)).toMatchObject({ status: 'unavailable' });
    const untrusted = createOcspChecker({ trustedIssuersPem: [rsa.pki.intermediateCertPem], resolveUrl: gost.resolveUrl });
    expect(await untrusted.check(gost.good.certificatePem)).toEqual({ status: 'unavailable', reason: 'the issuer is not a trusted CA' });
    // The RSA CA's certificate sent to the GOST CA's responder: an answer from a responder its issuer never certified.
    const wrongResponder = createOcspChecker({ trustedIssuersPem: [rsa.pki.intermediateCertPem], resolveUrl: gost.resolveUrl });
    expect(await wrongResponder.check(rsa.good.certificatePem)).toEqual({ status: 'unavailable', reason: 'the responder is not certified by the issuer for OCSP signing' });
  });

  describe('what counts as an answer', () => {
    const intermediate = () => pkijs.Certificate.fromBER(derOfPem(gost.pki.intermediateCertPem));
    const leaf = () => pkijs.Certificate.fromBER(derOfPem(gost.revoked.certificatePem));
    const nonce = new Uint8Array(16).fill(7);

    async function certIdAndAnswer(responder: { respond(der: Uint8Array): Promise<Uint8Array> }) {
      const issuer = intermediate();
      const certId = new pkijs.CertID();
      await certId.createForCertificate(leaf(), { hashAlgorithm: 'SHA-1', issuerCertificate: issuer });
      return { certId, der: await responder.respond(buildOcspRequest(certId, nonce)), issuer };
    }

    it('accepts the delegated responder of the issuer, and one changed signature byte makes it unavailable', async () => {
      const responder = createOcspResponder({
        issuerCertificatePem: gost.pki.intermediateCertPem,
        responder: gost.pki.issueOcspSignerCertificate(),
        revokedAt: (serial) => gost.publisher.revokedAt(serial),
      });
      const { certId, der, issuer } = await certIdAndAnswer(responder);
      expect(await readOcspResponse(der, { certId, nonce, issuer, at: new Date() })).toMatchObject({ status: 'revoked' });
      const badSignature = withFlippedSignature(der);
      await expect(readOcspResponse(badSignature, { certId, nonce, issuer, at: new Date() })).rejects.toThrow(/signature does not verify/);
    });

    it("refuses another CA's responder, another nonce and an out-of-date answer", async () => {
      const stranger = createOcspResponder({
        issuerCertificatePem: gost.pki.intermediateCertPem,
        responder: createTestPki({ algorithm: 'gost2015' }).issueOcspSignerCertificate(),
        revokedAt: () => null,
      });
      const forged = await certIdAndAnswer(stranger);
      await expect(readOcspResponse(forged.der, { certId: forged.certId, nonce, issuer: forged.issuer, at: new Date() })).rejects.toThrow(/not certified by the issuer/);
      const honest = createOcspResponder({ issuerCertificatePem: gost.pki.intermediateCertPem, responder: gost.pki.issueOcspSignerCertificate(), revokedAt: () => null });
      const { certId, der, issuer } = await certIdAndAnswer(honest);
      await expect(readOcspResponse(der, { certId, nonce: new Uint8Array(16).fill(8), issuer, at: new Date() })).rejects.toThrow(/another nonce/);
      await expect(readOcspResponse(der, { certId, nonce, issuer, at: new Date(Date.now() + 3_600_000) })).rejects.toThrow(/out of date/);
      expect(await readOcspResponse(der, { certId, nonce, issuer, at: new Date() })).toMatchObject({ status: 'good' });
    });
  });
});

describe('revocation watch: OCSP online, full and delta CRLs offline', () => {
  it('signs on OCSP good without any CRL, refuses on OCSP revoked, and falls back to the delta CRL offline', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'qabyl-watch-'));
    folders.push(folder);
    const { pki, resolveUrl, good, revoked } = gost;
    let online = true;
    const fetchUrl = async (url: string) => {
      if (!online) throw new Error('offline');
      const response = await fetch(resolveUrl(url));
      return new Uint8Array(await response.arrayBuffer());
    };
    const cache = createCrlCache({ folder, fetchUrl, trustedIssuersPem: [pki.intermediateCertPem], maxAgeMs: 24 * 3_600_000 });
    const unavailable: string[] = [];
    const ocsp = createOcspChecker({ trustedIssuersPem: [pki.intermediateCertPem], resolveUrl: (url) => (online ? resolveUrl(url) : 'http://127.0.0.1:9/'), timeoutMs: 2_000 });
    const watch = startRevocationWatch({ cache, ocsp, onOcspUnavailable: (reason) => unavailable.push(reason) });
    try {
      await expect(watch.check(good.certificatePem)).resolves.toBeUndefined();
      await expect(watch.check(revoked.certificatePem)).rejects.toMatchObject({ code: 'keys.revoked' });
      expect(unavailable).toEqual([]);
      // Answered online, the watch still had the cache learn the distribution points and fetch both lists.
      await expect.poll(async () => (await cache.status()).fetchedAt).not.toBeNull();
      // (Joins that background refresh, so the revocation below comes after it.)
      expect((await cache.refresh()).ok).toBe(true);
      const late = pki.issueLeaf({ operator, usage: 'sign', password: 'x' });
      gost.publisher.revoke(late.serialNumber);
      expect((await cache.refresh()).ok).toBe(true);
      online = false;
      await expect(watch.check(good.certificatePem)).resolves.toBeUndefined();
      // Revoked after the full CRL was issued: offline, only the cached delta CRL knows it.
      await expect(watch.check(late.certificatePem)).rejects.toMatchObject({ code: 'keys.revoked' });
      expect(unavailable.length).toBe(2);
    } finally {
      watch.stop();
    }
  });
});

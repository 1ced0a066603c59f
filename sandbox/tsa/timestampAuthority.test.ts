import { randomBytes, webcrypto } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/identity/iin';
import { createDetachedCms, verifyDetachedCms } from '../../shared/pki/detachedCms';
import { ALGORITHM_OID } from '../../shared/pki/signatureAlgorithms';
import { attachTimestampToken, buildTimeStampRequest, hasTimestamp, verifyTimeStampToken } from '../../shared/pki/timestamps';
import { paths } from '../../shared/gateway/gatewayProtocol';
import { createTestPki, type TestPki } from '../pki/testPki';
import { fetchToken } from '../sandboxTestKit';
import { derOfPem, webCryptoSigner, type WebCryptoSigner } from '../pki/webCryptoSigner';
import { startSandbox, type RunningSandbox } from '../server';
import { createTimestampAuthority } from './timestampAuthority';

const crypto = webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'];
// Inside the validity of the certificates the test PKI issues now; a token's time has whole seconds.
const stampedAt = new Date(Math.floor(Date.now() / 1000) * 1000);

let pki: TestPki;
let signer: WebCryptoSigner;
let sandbox: RunningSandbox;
let anchors: Uint8Array[];

beforeAll(async () => {
  pki = createTestPki();
  signer = await webCryptoSigner(pki, { iin: withCheckDigit('85010130012')!, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });
  anchors = [derOfPem(pki.rootCertPem), derOfPem(pki.intermediateCertPem)];
  const tsa = await createTimestampAuthority({ ...pki.issueTsaCertificate(), now: () => stampedAt });
  sandbox = await startSandbox({ dataDir: await mkdtemp(join(tmpdir(), 'qabyl-tsa-')), tsa });
});
afterAll(() => sandbox.close());

const signOffline = (content: Uint8Array) =>
  createDetachedCms({ contentDigest: signer.key.digest(content), key: signer.key, signingTime: new Date(stampedAt.getTime() - 60_000) });

async function askTsa(requestDer: Uint8Array): Promise<Uint8Array> {
  const response = await fetch(`${sandbox.url}${paths.tsa}`, { method: 'POST', headers: { 'content-type': 'application/timestamp-query', authorization: `Bearer ${await fetchToken(sandbox.url)}` }, body: requestDer });
  expect(response.headers.get('content-type')).toBe('application/timestamp-reply');
  return new Uint8Array(await response.arrayBuffer());
}

describe('time-stamping signatures made offline', () => {
  it('a signature stamped at sync carries the TSA time and still verifies', async () => {
    const content = randomBytes(4000);
    const cms = await signOffline(content);
    expect(hasTimestamp(cms)).toBe(false);
    const stamped = await attachTimestampToken(cms, await askTsa(await buildTimeStampRequest(cms, crypto)), crypto);
    expect(hasTimestamp(stamped)).toBe(true);
    const verdict = await verifyDetachedCms(stamped, { content, trustedCertificatesDer: anchors, crypto });
    // The signer certificate is judged at the TSA's time, not at the signing time the signer wrote.
    expect(verdict).toMatchObject({ ok: true, timestamp: { time: stampedAt, tsaName: 'QABYL TEST TSA' }, attestedAt: stampedAt });
  });

  it('refuses a token issued for another signature', async () => {
    const first = await signOffline(randomBytes(100));
    const second = await signOffline(randomBytes(100));
    const tokenForFirst = await askTsa(await buildTimeStampRequest(first, crypto));
    await expect(attachTimestampToken(second, tokenForFirst, crypto)).rejects.toThrow('timestamp is for another signature');
  });

  it('answers garbage with a rejection, not a token', async () => {
    await expect(attachTimestampToken(await signOffline(randomBytes(10)), await askTsa(new Uint8Array([1, 2, 3])), crypto)).rejects.toThrow('timestamp refused');
  });

  it('a stamp from a TSA outside the anchors makes the signature fail verification', async () => {
    const strangerTsa = await createTimestampAuthority({ ...createTestPki().issueTsaCertificate() });
    const content = randomBytes(500);
    const cms = await signOffline(content);
    const stamped = await attachTimestampToken(cms, await strangerTsa.respond(await buildTimeStampRequest(cms, crypto)), crypto);
    const verdict = await verifyDetachedCms(stamped, { content, trustedCertificatesDer: anchors, crypto });
    expect(verdict).toMatchObject({ ok: false, problem: 'timestamp', reason: 'timestamp: authority signer certificate is not issued by a trusted CA' });
  });

  it('a GOST 2015 test PKI gets GOST-signed tokens (Streebog-512, GOST 34.10-2015) that verify, and fail with one byte changed', async () => {
    const gostPki = createTestPki({ algorithm: 'gost2015' });
    const gostTsa = await createTimestampAuthority({ ...gostPki.issueTsaCertificate(), now: () => stampedAt });
    const data = randomBytes(64);
    const request = new pkijs.TimeStampReq({
      version: 1,
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: ALGORITHM_OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: await crypto.subtle.digest('SHA-256', data) }),
      }),
      certReq: true,
    });
    const response = pkijs.TimeStampResp.fromBER(await gostTsa.respond(new Uint8Array(request.toSchema().toBER(false))));
    const token = new Uint8Array(response.timeStampToken!.toSchema().toBER(false));
    const gostAnchors = [gostPki.rootCertPem, gostPki.intermediateCertPem].map((pem) => pkijs.Certificate.fromBER(derOfPem(pem)));
    const verdict = await verifyTimeStampToken(token, { imprinted: data, anchors: gostAnchors, crypto });
    expect(verdict).toMatchObject({ ok: true, time: stampedAt, tsa: { keyAlgorithm: 'gost2015' } });
    const signerInfo = new pkijs.SignedData({ schema: response.timeStampToken!.content }).signerInfos[0]!;
    expect([signerInfo.digestAlgorithm.algorithmId, signerInfo.signatureAlgorithm.algorithmId]).toEqual([ALGORITHM_OID.streebog512, ALGORITHM_OID.gost2015Signature512]);
    token[token.length - 5]! ^= 0x01;
    expect(await verifyTimeStampToken(token, { imprinted: data, anchors: gostAnchors, crypto })).toMatchObject({ ok: false, problem: 'timestamp' });
  });
});

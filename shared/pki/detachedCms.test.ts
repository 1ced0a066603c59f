import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as asn1js from 'asn1js';
import fc from 'fast-check';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { derOfPem as der, webCryptoSigner, type WebCryptoSigner } from '../../sandbox/pki/webCryptoSigner';
import { createTestPki, type TestPki } from '../../sandbox/pki/testPki';
import {
  engineStreebog512,
  flipped,
  GOST2015_KEYS,
  GOST2015_MOMENT,
  gostEngineVerifies,
  KALKAN,
  kalkanCmsDer,
  ncaAnchorsDer,
  ncaCrlsDer,
} from '../../sandbox/pki/ncaMaterial.testkit';
import { ncaSigningKey } from '../../test/support/ncaKeys';
import { withCheckDigit } from '../identity/iin';
import { precomputedDigests, type SignedContent } from './cmsSignerInfo';
import { createDetachedCms, verifyCms, verifyDetachedCms } from './detachedCms';
import { ALGORITHM_OID } from './signatureAlgorithms';
import type { SigningKey } from './signingKey';

const crypto = webcrypto as unknown as Crypto;
const iin = withCheckDigit('85010130012')!;
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('detached CMS by an RSA key of the test PKI', () => {
  let pki: TestPki;
  let signer: WebCryptoSigner;
  let anchors: Uint8Array[];
  const signerFrom = (testPki: TestPki) => webCryptoSigner(testPki, { iin, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });
  const signingTime = new Date();
  const sign = (content: Uint8Array, by: WebCryptoSigner = signer) => createDetachedCms({ contentDigest: by.key.digest(content), key: by.key, signingTime });
  const verify = (cms: Uint8Array, content: SignedContent) => verifyDetachedCms(cms, { content, trustedCertificatesDer: anchors, crypto });

  beforeAll(async () => {
    pki = createTestPki();
    signer = await signerFrom(pki);
    anchors = [der(pki.rootCertPem), der(pki.intermediateCertPem)];
  });

  it('signs a file and verifies it, naming the signer and the signing time', async () => {
    const content = randomBytes(5000);
    const verdict = await verify(await sign(content), content);
    expect(verdict).toMatchObject({ ok: true, signer: { iin }, signingTime: new Date(Math.floor(signingTime.getTime() / 1000) * 1000), timestamp: null, content: null });
  });

  it('refuses another file, a flipped signature byte and a signer outside the anchors, each with its reason', async () => {
    const content = randomBytes(1000);
    const cms = await sign(content);
    expect(await verify(cms, randomBytes(1000))).toMatchObject({ ok: false, problem: 'contentMismatch', reason: 'the file is not the one that was signed' });
    expect(await verify(flipped(cms, cms.length - 10), content)).toMatchObject({ ok: false, problem: 'badSignature' });
    expect(await verify(await sign(content, await signerFrom(createTestPki())), content)).toMatchObject({ ok: false, problem: 'untrustedChain', reason: 'signer certificate is not issued by a trusted CA' });
    expect(await verifyCms(cms, { trustedCertificatesDer: anchors, crypto })).toMatchObject({ ok: false, problem: 'contentMissing' });
  });

  it('checks against digests the caller computed, and says when it lacks the one the CMS needs', async () => {
    const content = randomBytes(300);
    const cms = await sign(content);
    expect(await verify(cms, precomputedDigests({ [ALGORITHM_OID.sha256]: sha256(content) }))).toMatchObject({ ok: true });
    expect(await verify(cms, precomputedDigests({ [ALGORITHM_OID.streebog512]: new Uint8Array(64) }))).toMatchObject({ ok: false, problem: 'contentMissing' });
  });

  it('is accepted by an independent implementation (openssl cms -verify) and carries signing-certificate-v2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qabyl-cms-'));
    const content = randomBytes(20_000);
    writeFileSync(join(dir, 'file.bin'), content);
    writeFileSync(join(dir, 'sig.cms'), await sign(content));
    writeFileSync(join(dir, 'ca.pem'), `${pki.rootCertPem}\n${pki.intermediateCertPem}`);
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'sig.cms'), '-content', join(dir, 'file.bin'), '-CAfile', join(dir, 'ca.pem'), '-purpose', 'any', '-out', '/dev/null'];
    // openssl exits non-zero (and execFileSync throws) unless the signature, digest and chain all verify.
    expect(() => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] })).not.toThrow();
    const cmsInfo = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', join(dir, 'sig.cms')]).toString();
    expect(cmsInfo).toContain('id-smime-aa-signingCertificateV2');
  });

  it('round-trips any content, and any single flipped digest byte fails', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.nat(31), async (content, position) => {
        const ownCms = await sign(content);
        expect((await verify(ownCms, content)).ok).toBe(true);
        const digest = sha256(content);
        digest[position]! ^= 0x01;
        expect((await verify(ownCms, precomputedDigests({ [ALGORITHM_OID.sha256]: digest }))).ok).toBe(false);
      }),
      { numRuns: 15 },
    );
  });
});

/** The parts of a CMS an independent check needs: the signed attributes as signed, their values, the signature. */
function partsOf(cms: Uint8Array) {
  const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(cms)).content });
  const signerInfo = signedData.signerInfos[0]!;
  const signedAttributes = new Uint8Array(signerInfo.signedAttrs!.encodedValue.slice(0));
  signedAttributes[0] = 0x31;
  const attribute = (oid: string) => signerInfo.signedAttrs!.attributes.find((candidate) => candidate.type === oid)?.values[0];
  return { signedData, signerInfo, signedAttributes, signature: new Uint8Array(signerInfo.signature.valueBlock.valueHexView), attribute };
}

describe('detached CMS by NCA GOST 34.10-2015 test keys', () => {
  const anchors = ncaAnchorsDer();
  const crlsDer = ncaCrlsDer();
  const individual = ncaSigningKey(GOST2015_KEYS.individual);
  const content = new TextEncoder().encode('%PDF-1.4 диплом / diploma');
  const sign = (key: SigningKey, signingTime = GOST2015_MOMENT) => createDetachedCms({ contentDigest: key.digest(content), key, signingTime });

  it("has Kalkan's shape: Streebog-512 digest and the GOST 2015 signature OID, content type, signing time and message digest", async () => {
    const { signedData, signerInfo, attribute } = partsOf(await sign(individual));
    expect(signerInfo.digestAlgorithm.algorithmId).toBe(ALGORITHM_OID.streebog512);
    expect(signerInfo.signatureAlgorithm.algorithmId).toBe(ALGORITHM_OID.gost2015Signature512);
    expect(signedData.digestAlgorithms.map((algorithm) => algorithm.algorithmId)).toEqual([ALGORITHM_OID.streebog512]);
    expect(signerInfo.signedAttrs!.attributes.map((item) => item.type)).toEqual(['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.5', '1.2.840.113549.1.9.4']);
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    // The message digest is Streebog-512 of the content as Debian's gost engine computes it.
    expect(hex(new Uint8Array((attribute('1.2.840.113549.1.9.4') as asn1js.OctetString).valueBlock.valueHexView))).toBe(engineStreebog512(content));
  });

  it("signs its attributes so that Debian's gost engine accepts the signature, and not one byte changed", async () => {
    const { signedAttributes, signature } = partsOf(await sign(individual));
    expect(gostEngineVerifies(individual.certificateDer, signedAttributes, signature)).toBe(true);
    expect(gostEngineVerifies(individual.certificateDer, flipped(signedAttributes, 40), signature)).toBe(false);
  });

  it('verifies at its signing time with the GOST 2022 test CRL, and refuses a changed file, a changed signature, a revoked key', async () => {
    const cms = await sign(individual);
    expect(await verifyCms(cms, { content, trustedCertificatesDer: anchors, crlsDer, crypto })).toMatchObject({ ok: true, signer: { keyAlgorithm: 'gost2015', iin: '123456789012' }, attestedAt: GOST2015_MOMENT, revocation: { status: 'good' } });
    expect(await verifyCms(cms, { content: flipped(content, 3), trustedCertificatesDer: anchors, crypto })).toMatchObject({ ok: false, problem: 'contentMismatch' });
    expect(await verifyCms(flipped(cms, cms.length - 5), { content, trustedCertificatesDer: anchors, crypto })).toMatchObject({ ok: false, problem: 'badSignature' });
    const revoked = await sign(ncaSigningKey(GOST2015_KEYS.ceoRevoked));
    expect(await verifyCms(revoked, { content, trustedCertificatesDer: anchors, crlsDer, crypto })).toMatchObject({ ok: false, problem: 'revoked' });
  });

  it('judges the certificate at the signing time it attests: after the certificate expired, refused', async () => {
    const late = await sign(individual, new Date('2024-01-10T00:00:00Z'));
    expect(await verifyCms(late, { content, trustedCertificatesDer: anchors, crypto })).toMatchObject({ ok: false, problem: 'expired' });
  });
});

describe("Kalkan's CMS files (attached, without signing-certificate-v2)", () => {
  const anchors = ncaAnchorsDer();
  const crlsDer = ncaCrlsDer();

  it.each([
    ['RSA', KALKAN.rsaCms, 'rsa'],
    ['GOST 34.310-2004', KALKAN.gost2004Cms, 'gost2004'],
  ])('%s: verifies at its signing time, with its enclosed content', async (_name, path, keyAlgorithm) => {
    const verdict = await verifyCms(kalkanCmsDer(path), { trustedCertificatesDer: anchors, crlsDer, crypto });
    expect(verdict).toMatchObject({ ok: true, signer: { keyAlgorithm, iin: '123456789011' }, signingTime: new Date('2020-09-09T20:03:14Z') });
    expect(verdict.ok && new TextDecoder().decode(verdict.content!)).toBe('asdasd');
  });

  it.each([KALKAN.rsaCms, KALKAN.gost2004Cms])('%s: one byte changed in the content, the message digest or the signature fails', async (path) => {
    const cms = kalkanCmsDer(path);
    const { attribute } = partsOf(cms);
    const messageDigest = new Uint8Array((attribute('1.2.840.113549.1.9.4') as asn1js.OctetString).valueBlock.valueHexView);
    const offsets = { content: Buffer.from(cms).indexOf('asdasd'), messageDigest: Buffer.from(cms).indexOf(messageDigest), signature: cms.length - 3 };
    const problems = await Promise.all(Object.values(offsets).map(async (at) => {
      const verdict = await verifyCms(flipped(cms, at), { trustedCertificatesDer: anchors, crypto });
      return verdict.ok ? 'ok' : verdict.problem;
    }));
    expect(problems).toEqual(['contentMismatch', 'contentMismatch', 'badSignature']);
  });

  it('refuses the one made with an AUTH key', async () => {
    expect(await verifyCms(kalkanCmsDer(KALKAN.authCms), { trustedCertificatesDer: anchors, crypto })).toMatchObject({ ok: false, problem: 'authKey' });
  });

  it('verifies made detached, against the content given, and only that content', async () => {
    const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(kalkanCmsDer(KALKAN.gost2004Cms)));
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    signedData.encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: signedData.encapContentInfo.eContentType });
    const detached = new Uint8Array(new pkijs.ContentInfo({ contentType: contentInfo.contentType, content: signedData.toSchema(true) }).toSchema().toBER(false));
    const check = (content?: Uint8Array) => verifyCms(detached, { ...(content ? { content } : {}), trustedCertificatesDer: anchors, crypto });
    expect(await check(new TextEncoder().encode('asdasd'))).toMatchObject({ ok: true, content: null });
    expect(await check(new TextEncoder().encode('asdasf'))).toMatchObject({ ok: false, problem: 'contentMismatch' });
    expect(await check()).toMatchObject({ ok: false, problem: 'contentMissing' });
  });
});

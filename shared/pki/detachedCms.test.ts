import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { derOfPem as der, webCryptoSigner, type WebCryptoSigner } from '../../sandbox/pki/webCryptoSigner';
import { createTestPki, type TestPki } from '../../sandbox/pki/testPki';
import { withCheckDigit } from '../identity/iin';
import { createDetachedCms, verifyDetachedCms } from './detachedCms';

const crypto = webcrypto as unknown as Crypto;
const iin = withCheckDigit('85010130012')!;
const sha256 = (bytes: Uint8Array) => new Uint8Array(createHash('sha256').update(bytes).digest());

let pki: TestPki;
let signer: WebCryptoSigner;
let anchors: Uint8Array[];

const signerFrom = (testPki: TestPki) => webCryptoSigner(testPki, { iin, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });

const sign = (content: Uint8Array, by: WebCryptoSigner = signer) =>
  createDetachedCms({ contentDigest: sha256(content), privateKey: by.privateKey, signerCertificateDer: by.certificateDer, signingTime: new Date('2026-11-22T10:00:00Z'), crypto });
const verify = (cms: Uint8Array, content: Uint8Array) => verifyDetachedCms(cms, { contentDigest: sha256(content), trustedCertificatesDer: anchors, crypto });

beforeAll(async () => {
  pki = createTestPki();
  signer = await signerFrom(pki);
  anchors = [der(pki.rootCertPem), der(pki.intermediateCertPem)];
});

describe('detached CMS', () => {
  it('signs a file digest and verifies it, naming the signer and the signing time', async () => {
    const content = randomBytes(5000);
    const verdict = await verify(await sign(content), content);
    expect(verdict).toMatchObject({ ok: true, signer: { iin }, signingTime: new Date('2026-11-22T10:00:00Z'), timestamp: null });
  });

  it('refuses another file, a flipped signature byte and a signer outside the anchors', async () => {
    const content = randomBytes(1000);
    const cms = await sign(content);
    expect(await verify(cms, randomBytes(1000))).toMatchObject({ ok: false, reason: 'the file is not the one that was signed' });
    const flipped = cms.slice();
    flipped[flipped.length - 10]! ^= 0xff;
    expect((await verify(flipped, content)).ok).toBe(false);
    const stranger = await signerFrom(createTestPki());
    expect(await verify(await sign(content, stranger), content)).toMatchObject({ ok: false, reason: 'signer certificate is not issued by a trusted CA' });
  });

  it('is accepted by an independent implementation (openssl cms -verify)', async () => {
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
        expect((await verifyDetachedCms(ownCms, { contentDigest: digest, trustedCertificatesDer: anchors, crypto })).ok).toBe(false);
      }),
      { numRuns: 15 },
    );
  });
});

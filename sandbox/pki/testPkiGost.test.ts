/**
 * The GOST 34.10-2015 training hierarchy against NCA's own GOST 2015 test material (test/fixtures/nca-test): the same
 * certificate and key-file layout, verification by our shared code and, independently, by Debian's gost engine.
 * (That the host opens these files is tested in electron/training, since the sandbox imports nothing of the host.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/identity/iin';
import { certificateSignedBy, crlSignedBy } from '../../shared/pki/signatureAlgorithms';
import { createTestPki, type IssuedLeaf, type TestPki } from './testPki';

const fixture = (path: string) => readFileSync(join(import.meta.dirname, '../../test/fixtures/nca-test', path));
const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const certificateOf = (pem: string) => pkijs.Certificate.fromBER(derOfPem(pem));
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

const operator = { iin: withCheckDigit('85010130012')!, surname: 'ТЕСТОВ', givenName: 'ТЕСТ', patronymic: 'ТЕСТОВИЧ' };

let testPki: TestPki;
let signLeaf: IssuedLeaf;
let intermediate: pkijs.Certificate;
let root: pkijs.Certificate;

beforeAll(() => {
  testPki = createTestPki({ algorithm: 'gost2015' });
  signLeaf = testPki.issueLeaf({ operator, usage: 'sign', password: 'Qwerty12' });
  intermediate = certificateOf(testPki.intermediateCertPem);
  root = certificateOf(testPki.rootCertPem);
});

/** What a certificate's layout is, byte values aside: algorithms with parameters, and extensions in order. */
function shape(certificate: pkijs.Certificate) {
  const params = (identifier: pkijs.AlgorithmIdentifier) =>
    identifier.algorithmParams instanceof asn1js.Sequence
      ? identifier.algorithmParams.valueBlock.value.map((node) => (node as asn1js.ObjectIdentifier).valueBlock.toString())
      : identifier.algorithmParams?.constructor.name;
  return {
    version: certificate.version,
    serialBytes: certificate.serialNumber.valueBlock.valueHexView.length,
    signature: [certificate.signature.algorithmId, params(certificate.signature)],
    spki: [certificate.subjectPublicKeyInfo.algorithm.algorithmId, params(certificate.subjectPublicKeyInfo.algorithm)],
    publicKeyBytes: certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.length,
    extensions: certificate.extensions?.map((extension) => `${extension.extnID}${extension.critical ? ' critical' : ''}`),
  };
}

const extensionBytes = (certificate: pkijs.Certificate, oid: string) =>
  Buffer.from(certificate.extensions!.find((extension) => extension.extnID === oid)!.extnValue.valueBlock.valueHexView).toString('hex');

/** Debian's gost engine over the RFC 4491/7091 layout: s ‖ r big-endian, the tc26 OIDs naming the same curve and hash. */
function gostEngineVerifies(signed: Uint8Array, ncaSignature: Uint8Array, issuer: pkijs.Certificate): boolean {
  const rfcSignature = Buffer.concat([Buffer.from(ncaSignature.subarray(64)).reverse(), Buffer.from(ncaSignature.subarray(0, 64)).reverse()]);
  const spki = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.1.1.2' }), new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.2.1.2.1' })] })] }),
      new asn1js.BitString({ valueHex: issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice().buffer }),
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'qabyl-gost-'));
  writeFileSync(join(dir, 'tbs'), signed);
  writeFileSync(join(dir, 'sig'), rfcSignature);
  writeFileSync(join(dir, 'key.der'), Buffer.from(spki.toBER(false)));
  try {
    const out = execFileSync('openssl', ['dgst', '-engine', 'gost', '-md_gost12_512', '-keyform', 'DER', '-verify', join(dir, 'key.der'), '-signature', join(dir, 'sig'), join(dir, 'tbs')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return out.toString().includes('Verified OK');
  } catch {
    return false;
  }
}

const signatureOf = (object: { signatureValue: asn1js.BitString }) => new Uint8Array(object.signatureValue.valueBlock.valueHexView);

describe('GOST 2015 training hierarchy', () => {
  it("lays out the signing certificate like NCA's GOST 2015 test certificate", () => {
    // openssl reads the certificate out of NCA's file (it cannot read the GOST key, -nokeys skips it).
    const ncaPem = execFileSync('openssl', ['pkcs12', '-legacy', '-nokeys', '-passin', 'pass:Aa123456'], { input: fixture('keys/key_individual_valid_2015.p12'), stdio: ['pipe', 'pipe', 'pipe'] });
    const nca = certificateOf(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/.exec(ncaPem.toString('latin1'))![0]);
    const ours = certificateOf(signLeaf.certificatePem);
    expect(shape(ours)).toEqual(shape(nca));
    // Same key usage bits, the same private extension; EKU differs only in the role (employee, not individual).
    expect(extensionBytes(ours, '2.5.29.15')).toBe(extensionBytes(nca, '2.5.29.15'));
    expect(extensionBytes(ours, '1.2.398.3.3.5')).toBe(extensionBytes(nca, '1.2.398.3.3.5'));
    // NCA's serial is the SubjectKeyIdentifier with its top bit cleared.
    const ski = extensionBytes(ours, '2.5.29.14').slice(4);
    expect(signLeaf.serialNumber.slice(2)).toBe(ski.slice(2));
    expect(signLeaf.fileName).toBe(`GOST512_${ski}.p12`);
  });

  it("lays out the CAs like NCA's GOST 2022 test intermediate, with training names", () => {
    const nca = pkijs.Certificate.fromBER(fixture('ca/nca_gost2015_test.cer'));
    for (const ca of [root, intermediate]) {
      const ours = shape(ca);
      expect([ours.signature, ours.spki, ours.publicKeyBytes]).toEqual([shape(nca).signature, shape(nca).spki, shape(nca).publicKeyBytes]);
      expect(ours.extensions).toContain('2.5.29.19 critical');
      expect(extensionBytes(ca, '2.5.29.15')).toBe(extensionBytes(nca, '2.5.29.15'));
    }
    expect(testPki.intermediateCertPem).not.toBe(testPki.rootCertPem);
    const commonName = (certificate: pkijs.Certificate) => (certificate.subject.typesAndValues[0]!.value as asn1js.Utf8String).valueBlock.value;
    expect(commonName(intermediate)).toBe('ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST QABYL');
    expect(commonName(root)).toMatch(/TEST QABYL$/);
  });

  it('chains leaf → intermediate → root by our GOST verification, and one changed byte breaks it', async () => {
    const leaf = certificateOf(signLeaf.certificatePem);
    expect(await certificateSignedBy(leaf, intermediate, crypto)).toBe(true);
    expect(await certificateSignedBy(intermediate, root, crypto)).toBe(true);
    expect(await certificateSignedBy(root, root, crypto)).toBe(true);
    expect(await certificateSignedBy(leaf, root, crypto)).toBe(false);
    const tampered = pkijs.Certificate.fromBER(flipped(derOfPem(signLeaf.certificatePem), 300));
    expect(await certificateSignedBy(tampered, intermediate, crypto)).toBe(false);
  });

  it("passes Debian's gost engine: certificate and full and delta CRL signatures", () => {
    const leaf = certificateOf(signLeaf.certificatePem);
    expect(gostEngineVerifies(leaf.tbsView, signatureOf(leaf), intermediate)).toBe(true);
    expect(gostEngineVerifies(intermediate.tbsView, signatureOf(intermediate), root)).toBe(true);
    expect(gostEngineVerifies(flipped(leaf.tbsView, 40), signatureOf(leaf), intermediate)).toBe(false);
    const now = new Date();
    for (const deltaOf of [undefined, 1]) {
      const crl = pkijs.CertificateRevocationList.fromBER(
        testPki.issueCrl({ revokedSerials: [signLeaf.serialNumber], thisUpdate: now, nextUpdate: new Date(now.getTime() + 3_600_000), crlNumber: 2, ...(deltaOf ? { deltaOf } : {}) }).der,
      );
      expect(gostEngineVerifies(crl.tbsView, signatureOf(crl), intermediate)).toBe(true);
    }
  });

  it('signs CRLs crlSignedBy accepts, full with freshestCRL, delta with a critical deltaCRLIndicator', async () => {
    const now = new Date();
    const full = pkijs.CertificateRevocationList.fromBER(testPki.issueCrl({ revokedSerials: [], thisUpdate: now, nextUpdate: new Date(now.getTime() + 3_600_000), crlNumber: 7 }).der);
    const delta = pkijs.CertificateRevocationList.fromBER(
      testPki.issueCrl({ revokedSerials: [signLeaf.serialNumber], thisUpdate: now, nextUpdate: new Date(now.getTime() + 3_600_000), crlNumber: 8, deltaOf: 7 }).der,
    );
    expect(await crlSignedBy(full, intermediate, crypto)).toBe(true);
    expect(await crlSignedBy(delta, intermediate, crypto)).toBe(true);
    expect(await crlSignedBy(delta, root, crypto)).toBe(false);
    const extensions = (crl: pkijs.CertificateRevocationList) => crl.crlExtensions!.extensions.map((extension) => `${extension.extnID}${extension.critical ? ' critical' : ''}`);
    expect(extensions(full)).toEqual(['2.5.29.20', '2.5.29.35', '2.5.29.46']);
    expect(extensions(delta)).toEqual(['2.5.29.20', '2.5.29.35', '2.5.29.27 critical']);
    expect(delta.revokedCertificates?.map((entry) => Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex'))).toEqual([signLeaf.serialNumber]);
  });

  it("writes the key file with NCA's legacy PBE, as openssl reads it", () => {
    const dir = mkdtempSync(join(tmpdir(), 'qabyl-p12-'));
    /** The container's layout as openssl reports it: MAC, bag encryptions, iterations, bags. */
    const layout = (bytes: Uint8Array, password: string) => {
      writeFileSync(join(dir, 'key.p12'), bytes);
      const args = ['pkcs12', '-legacy', '-info', '-noout', '-nokeys', '-in', join(dir, 'key.p12'), '-passin', `pass:${password}`];
      // openssl writes the -info report to stderr.
      const report = spawnSync('openssl', args, { encoding: 'utf8' });
      expect(report.status).toBe(0);
      return report.stderr.concat(report.stdout).split('\n').filter((line) => line.trim() !== '' && !line.includes('Certificate bag'));
    };
    expect(layout(signLeaf.p12Der, 'Qwerty12')).toEqual(layout(fixture('keys/key_individual_valid_2015.p12'), 'Aa123456'));
    expect(layout(signLeaf.p12Der, 'Qwerty12')).toContain('Shrouded Keybag: pbeWithSHA1And3-KeyTripleDES-CBC, Iteration 1024');
    expect(spawnSync('openssl', ['pkcs12', '-legacy', '-info', '-noout', '-nokeys', '-in', join(dir, 'key.p12'), '-passin', 'pass:Qwerty13']).status).not.toBe(0);
  });

  it('keeps its algorithm across exportState and issues an RSA authentication key under the GOST CA', async () => {
    const restored = createTestPki(JSON.parse(JSON.stringify(testPki.exportState())));
    expect(restored.algorithm).toBe('gost2015');
    const auth = restored.issueLeaf({ operator, usage: 'auth', password: 'x' });
    expect(auth.fileName).toMatch(/^AUTH_RSA256_[0-9a-f]{40}\.p12$/);
    expect(auth.keyAlgorithm).toBe('rsa');
    expect(await certificateSignedBy(certificateOf(auth.certificatePem), intermediate, crypto)).toBe(true);
    expect(() => restored.issueLeaf({ operator, usage: 'auth', password: 'x', keyAlgorithm: 'gost2015' })).toThrow(/AUTH_RSA256_/);
  });
});

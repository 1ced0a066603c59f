import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/identity/iin';
import { createTestPki, writeTrainingKeys, type IssuedLeaf, type TestOperator, type TestPki } from './testPki';

const { pki, asn1, util } = forge;

const operator: TestOperator = {
  iin: withCheckDigit('85010130012')!,
  surname: 'ТЕСТОВ',
  givenName: 'ТЕСТ',
  patronymic: 'ТЕСТОВИЧ',
  organization: { name: 'АО "ТЕСТ"', bin: '123456789021' },
};

let testPki: TestPki;
let signLeaf: IssuedLeaf;
let authLeaf: IssuedLeaf;
let setupMs: number;

beforeAll(() => {
  const started = performance.now();
  testPki = createTestPki();
  signLeaf = testPki.issueLeaf({ operator, usage: 'sign', password: 'Qwerty12' });
  authLeaf = testPki.issueLeaf({ operator, usage: 'auth', password: 'Qwerty12' });
  setupMs = performance.now() - started;
});

const utf8Field = (cert: forge.pki.Certificate, type: string): string => {
  const field = cert.subject.getField({ type }) as forge.pki.CertificateField;
  expect(field.valueTagClass as number).toBe(asn1.Type.UTF8);
  return util.decodeUtf8(field.value as string);
};

/** DER values nested in OCTET STRINGs (PKCS#12 wraps each layer that way) are decoded too. */
function* walk(node: forge.asn1.Asn1): Generator<forge.asn1.Asn1> {
  yield node;
  if (Array.isArray(node.value)) for (const child of node.value) yield* walk(child);
  else if (node.type === asn1.Type.OCTETSTRING) {
    try {
      yield* walk(asn1.fromDer(node.value));
    } catch {
      // Opaque bytes (salts, digests, encrypted data), not nested DER.
    }
  }
}

const oidOf = (node: forge.asn1.Asn1 | undefined) => (node?.type === asn1.Type.OID ? asn1.derToOid(node.value as string) : undefined);
const children = (node: forge.asn1.Asn1 | undefined) => (Array.isArray(node?.value) ? node.value : []);

describe('createTestPki', () => {
  it('is fast enough for training mode (native key generation)', () => {
    // forge's pure-JS generator needs seconds per 2048-bit key; four native keys take about one second.
    expect(setupMs).toBeLessThan(6000);
  });

  it('chains leaf → "ҰКО" intermediate → self-signed root, both CAs', () => {
    const root = pki.certificateFromPem(testPki.rootCertPem);
    const intermediate = pki.certificateFromPem(testPki.intermediateCertPem);
    const leaf = pki.certificateFromPem(signLeaf.certificatePem);
    expect(root.verify(root)).toBe(true);
    expect(root.verify(intermediate)).toBe(true);
    expect(intermediate.verify(leaf)).toBe(true);
    expect(utf8Field(intermediate, '2.5.4.3')).toBe('ҰКО 3.0 (RSA TEST) QABYL');
    for (const ca of [root, intermediate]) expect(ca.getExtension('basicConstraints')).toMatchObject({ cA: true, critical: true });
  });

  it('writes the NCA subject layout with Cyrillic UTF8String values', () => {
    const leaf = pki.certificateFromPem(signLeaf.certificatePem);
    expect(utf8Field(leaf, '2.5.4.3')).toBe('ТЕСТОВ ТЕСТ');
    expect(utf8Field(leaf, '2.5.4.4')).toBe('ТЕСТОВ');
    expect(utf8Field(leaf, '2.5.4.42')).toBe('ТЕСТОВИЧ');
    expect(utf8Field(leaf, '2.5.4.10')).toBe('АО "ТЕСТ"');
    expect(leaf.subject.getField({ type: '2.5.4.5' })).toMatchObject({ value: `IIN${operator.iin}`, valueTagClass: asn1.Type.PRINTABLESTRING });
    expect(leaf.subject.getField({ type: '2.5.4.11' })).toMatchObject({ value: 'BIN123456789021' });
    expect(leaf.subject.getField('C')).toMatchObject({ value: 'KZ' });
  });

  it('gives the sign key digitalSignature + nonRepudiation, emailProtection + employee role, signing policy', () => {
    const leaf = pki.certificateFromPem(signLeaf.certificatePem);
    expect(leaf.getExtension('keyUsage')).toMatchObject({ critical: true, digitalSignature: true, nonRepudiation: true, keyEncipherment: false });
    expect(leaf.getExtension('extKeyUsage')).toMatchObject({ emailProtection: true });
    expect(leaf.getExtension('extKeyUsage')).not.toHaveProperty('clientAuth');
    expect(leaf.getExtension('extKeyUsage')).toHaveProperty(['1.2.398.3.3.4.1.2.5'], true);
    const policies = leaf.getExtension('certificatePolicies') as { value: string };
    expect([...walk(asn1.fromDer(policies.value))].map(oidOf)).toContain('1.2.398.3.3.2.1');
  });

  it('gives the auth key digitalSignature + keyEncipherment and clientAuth, without nonRepudiation', () => {
    const leaf = pki.certificateFromPem(authLeaf.certificatePem);
    expect(leaf.getExtension('keyUsage')).toMatchObject({ digitalSignature: true, keyEncipherment: true, nonRepudiation: false });
    expect(leaf.getExtension('extKeyUsage')).toMatchObject({ clientAuth: true });
    expect(leaf.getExtension('extKeyUsage')).not.toHaveProperty('emailProtection');
  });

  it('names files by type and lowercase SubjectKeyIdentifier, which is also the friendlyName', () => {
    const ski = (leaf: IssuedLeaf) => (pki.certificateFromPem(leaf.certificatePem).getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier: string }).subjectKeyIdentifier;
    expect(signLeaf.fileName).toBe(`RSA256_${ski(signLeaf)}.p12`);
    expect(authLeaf.fileName).toBe(`AUTH_RSA256_${ski(authLeaf)}.p12`);
    expect(signLeaf.fileName).toMatch(/^RSA256_[0-9a-f]{40}\.p12$/);
    const p12 = forge.pkcs12.pkcs12FromAsn1(asn1.fromDer(util.createBuffer(Buffer.from(signLeaf.p12Der).toString('binary'))), 'Qwerty12');
    expect(p12.getBags({ friendlyName: ski(signLeaf) }).friendlyName?.length).toBeGreaterThan(0);
  });

  it('encrypts the key bag with legacy pbeWithSHAAnd3-KeyTripleDES-CBC and MACs with SHA-1, as NCA files are', () => {
    const pfx = asn1.fromDer(util.createBuffer(Buffer.from(signLeaf.p12Der).toString('binary')));
    const macAlgorithm = children(children(children(children(pfx)[2])[0])[0])[0];
    expect(oidOf(macAlgorithm)).toBe('1.3.14.3.2.26');
    const shroudedBag = [...walk(pfx)].find((node) => oidOf(children(node)[0]) === pki.oids.pkcs8ShroudedKeyBag);
    const encryption = children(children(children(children(shroudedBag)[1])[0])[0]);
    expect(oidOf(encryption[0])).toBe('1.2.840.113549.1.12.1.3');
    expect(asn1.derToInteger(children(encryption[1])[1]!.value as string)).toBe(1024);
    // No modern PBES2/AES anywhere in the file.
    expect([...walk(pfx)].map(oidOf)).not.toContain('1.2.840.113549.1.5.13');
  });

  it('honours notBefore/notAfter and refuses an IIN with a bad check digit', () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2021-01-01T00:00:00Z');
    const expired = pki.certificateFromPem(testPki.issueLeaf({ operator, usage: 'sign', password: 'x', notBefore, notAfter }).certificatePem);
    expect(expired.validity).toEqual({ notBefore, notAfter });
    const badIin = operator.iin.slice(0, 11) + String((Number(operator.iin[11]) + 1) % 10);
    expect(() => testPki.issueLeaf({ operator: { ...operator, iin: badIin }, usage: 'sign', password: 'x' })).toThrow(/invalid IIN/);
  });
});

describe('createTestPki(state)', () => {
  it('restores a saved hierarchy that keeps issuing under the same, intact CA names', () => {
    const restored = createTestPki(JSON.parse(JSON.stringify(testPki.exportState())));
    expect(restored.rootCertPem).toBe(testPki.rootCertPem);
    expect(restored.intermediateCertPem).toBe(testPki.intermediateCertPem);
    const leaf = pki.certificateFromPem(restored.issueLeaf({ operator, usage: 'sign', password: 'x' }).certificatePem);
    const intermediate = pki.certificateFromPem(testPki.intermediateCertPem);
    // verify() compares the leaf's issuer name with the intermediate's subject byte for byte.
    expect(intermediate.verify(leaf)).toBe(true);
  });
});

describe('writeTrainingKeys', () => {
  it('writes sign and auth key files plus both CA certificates', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'qabyl-pki-')), 'keys');
    const { rootCertPem, files } = await writeTrainingKeys(dir, operator, 'Qwerty12', 'rsa');
    expect((await readdir(dir)).sort()).toEqual(files.map((file) => basename(file)).sort());
    expect(files.map((file) => basename(file).replace(/[0-9a-f]{40}/, '<ski>')).sort()).toEqual(
      ['AUTH_RSA256_<ski>.p12', 'RSA256_<ski>.p12', 'intermediate.pem', 'root.pem'].sort(),
    );
    expect(await readFile(join(dir, 'root.pem'), 'utf8')).toBe(rootCertPem);
    const intermediate = pki.certificateFromPem(await readFile(join(dir, 'intermediate.pem'), 'utf8'));
    expect(pki.certificateFromPem(rootCertPem).verify(intermediate)).toBe(true);
  });

  it('writes a GOST 2015 signing key and an RSA authentication key by default, as NCA issues them', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'qabyl-pki-')), 'keys');
    const { files } = await writeTrainingKeys(dir, operator, 'Qwerty12');
    expect(files.map((file) => basename(file).replace(/[0-9a-f]{40}/, '<ski>')).sort()).toEqual(
      ['AUTH_RSA256_<ski>.p12', 'GOST512_<ski>.p12', 'intermediate.pem', 'root.pem'].sort(),
    );
  });
});

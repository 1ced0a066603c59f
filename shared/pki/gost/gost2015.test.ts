import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { gost2015PublicKey, signGost2015, verifyGost2015 } from './gost2015';
import { streebog256, streebog512 } from './streebog';
import { certificateSignedBy, crlSignedBy } from '../signatureAlgorithms';
import { openKeyFile } from '../../../electron/host/keys/pkcs12Container';

const material = (path: string) => readFileSync(join(import.meta.dirname, '../../../test/fixtures/nca-test', path));
const certificate = (path: string) => {
  const bytes = material(path);
  const pem = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END/.exec(bytes.toString('latin1'));
  return pkijs.Certificate.fromBER(pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes);
};
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = new Uint8Array(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

/** Debian's gost engine (libengine-gost-openssl): the independent implementation our results are checked against. */
function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

describe('Streebog (GOST 34.11-2015)', () => {
  it('gives the RFC 6986 example digests', () => {
    const m1 = Buffer.from('012345678901234567890123456789012345678901234567890123456789012', 'latin1');
    expect(hex(streebog512(m1))).toBe('1b54d01a4af5b9d5cc3d86d68d285462b19abc2475222f35c085122be4ba1ffa00ad30f8767b3a82384c6574f024c311e2a481332b08ef7f41797891c1646f48');
    expect(hex(streebog256(m1))).toBe('9d151eefd8590b89daa6ba6cb74af9275dd051026bb149a452fd84e5e57b5500');
  });

  it('agrees with Debian\'s gost engine on odd lengths and across block boundaries', () => {
    for (const length of [0, 1, 63, 64, 65, 127, 128, 4096 + 7]) {
      const data = new Uint8Array(length).map((_, i) => (i * 31 + length) & 0xff);
      const theirs = openssl(['dgst', '-engine', 'gost', '-streebog512', '-r'], data).toString('latin1').split(' ')[0];
      expect(hex(streebog512(data)), `length ${length}`).toBe(theirs);
    }
  });
});

describe('GOST 34.10-2015 with NCA test material', () => {
  const ca = certificate('ca/nca_gost2015_test.cer');
  const gostKey = (path: string) => {
    const opened = openKeyFile(material(path), 'Aa123456');
    if (opened.key.algorithm !== 'gost2015') throw new Error(`${path} is not a GOST 2015 key`);
    const point = asn1js.fromBER(opened.certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView.slice().buffer).result as asn1js.OctetString;
    return { certificate: opened.certificate, gostPrivateKey: opened.key.privateKey, gostPublicKey: new Uint8Array(point.valueBlock.valueHexView) };
  };
  const individual = gostKey('keys/key_individual_valid_2015.p12');
  const ceo = gostKey('keys/key_ceo_revoked_2015.p12');

  it("verifies the NCA test CA's signature on both GOST 2015 test certificates, and fails with one byte changed", async () => {
    for (const leaf of [individual.certificate, ceo.certificate]) {
      expect(await certificateSignedBy(leaf, ca, crypto)).toBe(true);
      const tampered = pkijs.Certificate.fromBER(flipped(new Uint8Array(leaf.toSchema().toBER(false)), 200));
      expect(await certificateSignedBy(tampered, ca, crypto)).toBe(false);
      const badSignature = pkijs.Certificate.fromBER(leaf.toSchema().toBER(false));
      badSignature.signatureValue = new asn1js.BitString({ valueHex: flipped(new Uint8Array(leaf.signatureValue.valueBlock.valueHexView), 5) });
      expect(await certificateSignedBy(badSignature, ca, crypto)).toBe(false);
    }
  });

  it('verifies the GOST 2022 test CRL, and fails with one byte changed', async () => {
    const der = new Uint8Array(material('crl/nca_gost2022_test.crl'));
    expect(await crlSignedBy(pkijs.CertificateRevocationList.fromBER(der), ca, crypto)).toBe(true);
    const crl = pkijs.CertificateRevocationList.fromBER(der);
    const value = flipped(new Uint8Array(crl.signatureValue.valueBlock.valueHexView), 70);
    crl.signatureValue = new asn1js.BitString({ valueHex: value });
    expect(await crlSignedBy(crl, ca, crypto)).toBe(false);
  });

  it('reads the private key so that its public key is the certificate\'s', () => {
    expect(hex(gost2015PublicKey(individual.gostPrivateKey))).toBe(hex(individual.gostPublicKey));
  });

  it('signs so that its own verification and the one-byte-changed cases behave', () => {
    const digest = streebog512(new TextEncoder().encode('өтініш'));
    const signature = signGost2015(individual.gostPrivateKey, digest);
    expect(verifyGost2015(individual.gostPublicKey, digest, signature)).toBe(true);
    expect(verifyGost2015(individual.gostPublicKey, flipped(digest, 0), signature)).toBe(false);
    expect(verifyGost2015(individual.gostPublicKey, digest, flipped(signature, 100))).toBe(false);
    expect(verifyGost2015(ceo.gostPublicKey, digest, signature)).toBe(false);
  });

  it("makes signatures Debian's gost engine accepts once put in RFC 4491's layout", () => {
    const data = new TextEncoder().encode('<request>Жұмабаев</request>');
    const ours = signGost2015(individual.gostPrivateKey, streebog512(data));
    // RFC 4491/7091 write s ‖ r big-endian; the point stays x ‖ y little-endian; tc26 OIDs name the same curve.
    const rfcSignature = Buffer.concat([Buffer.from(ours.subarray(64)).reverse(), Buffer.from(ours.subarray(0, 64)).reverse()]);
    const spki = new asn1js.Sequence({
      value: [
        new asn1js.Sequence({
          value: [
            new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.1.1.2' }),
            new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: '1.2.643.7.1.2.1.2.1' })] }),
          ],
        }),
        new asn1js.BitString({ valueHex: new asn1js.OctetString({ valueHex: individual.gostPublicKey }).toBER(false) }),
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'gost-'));
    writeFileSync(join(dir, 'data'), data);
    writeFileSync(join(dir, 'sig'), rfcSignature);
    writeFileSync(join(dir, 'key.der'), Buffer.from(spki.toBER(false)));
    const verify = (file: string) =>
      openssl(['dgst', '-engine', 'gost', '-md_gost12_512', '-keyform', 'DER', '-verify', join(dir, 'key.der'), '-signature', join(dir, 'sig'), join(dir, file)]).toString();
    expect(verify('data')).toContain('Verified OK');
    writeFileSync(join(dir, 'other'), flipped(data, 3));
    expect(() => verify('other')).toThrow(/signature mismatch|Verification failure/);
  });
});

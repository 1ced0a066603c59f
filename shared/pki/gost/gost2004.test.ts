import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { gost2004Digest, verifyGost2004 } from './gost2004';

const material = (path: string) => readFileSync(join(import.meta.dirname, '../../../test/fixtures/nca-test', path));
const pemOrDer = (bytes: Buffer, label: string) => {
  const pem = new RegExp(`-----BEGIN ${label}-----([\\s\\S]+?)-----END`).exec(bytes.toString('latin1'));
  return new Uint8Array(pem ? Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64') : bytes);
};
const certificate = (path: string) => pkijs.Certificate.fromBER(pemOrDer(material(path), 'CERTIFICATE'));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const flipped = (bytes: Uint8Array, at: number) => {
  const copy = new Uint8Array(bytes);
  copy[at]! ^= 0x01;
  return copy;
};
const publicKey = (cert: pkijs.Certificate) => new Uint8Array(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
const signatureValue = (signed: { signatureValue: asn1js.BitString }) => new Uint8Array(signed.signatureValue.valueBlock.valueHexView);

/** A certificate's or CRL's signature, checked over GOST 34.311-95(TBS) with the issuer's key. */
const signedBy = (signed: { tbsView: Uint8Array; signatureValue: asn1js.BitString }, issuer: pkijs.Certificate) =>
  verifyGost2004(publicKey(issuer), gost2004Digest(new Uint8Array(signed.tbsView)), signatureValue(signed));

/** A CMS SignedData's single signer: its certificate, the DER SET OF signed attributes, the signature, the content. */
function cmsSigner(der: Uint8Array<ArrayBuffer>) {
  const signedData = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(der).content });
  const signer = signedData.signerInfos[0]!;
  const sid = signer.sid as pkijs.IssuerAndSerialNumber;
  const cert = (signedData.certificates as pkijs.Certificate[]).find(
    (c) => hex(c.serialNumber.valueBlock.valueHexView) === hex(sid.serialNumber.valueBlock.valueHexView),
  )!;
  const signedAttrs = new Uint8Array(signer.signedAttrs!.encodedValue);
  signedAttrs[0] = 0x31; // RFC 5652 §5.4: the signature covers the attributes as an explicit SET OF, not [0] IMPLICIT.
  const messageDigest = signer.signedAttrs!.attributes.find((a) => a.type === '1.2.840.113549.1.9.4')!.values[0] as asn1js.OctetString;
  return {
    cert,
    signedAttrs,
    signature: new Uint8Array(signer.signature.valueBlock.valueHexView),
    messageDigest: new Uint8Array(messageDigest.valueBlock.valueHexView),
    content: new Uint8Array(signedData.encapContentInfo.eContent!.getValue()),
  };
}

// The .cms file is the base64 of an attached CMS over "asdasd".
const kalkanCms = () =>
  new Uint8Array(Buffer.from(material('kalkan-signed/organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.cms').toString('latin1'), 'base64'));
const root = certificate('ca/root_gost_test.pem');
const intermediate = certificate('ca/nca_gost_test.pem');
const leaf = certificate('kalkan-signed/organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.cer');

describe('GOST 34.311-95 digest', () => {
  it('gives the GOST R 34.11-94 worked examples for the test parameter set', () => {
    const digest = (text: string) => hex(gost2004Digest(new TextEncoder().encode(text)));
    expect(digest('This is message, length=32 bytes')).toBe('b1c466d37519b82e8319819ff32595e047a28cb6f83eff1c6916a815a637fffa');
    expect(digest('Suppose the original message has length = 50 bytes')).toBe('471aba57a60a770d3a76130635c1fbea4ef14de51f78b4ae57dd893b62f55208');
    expect(digest('')).toBe('ce85b99cc46752fffee35cab9a7b0278abb4c2d2055cff685af4912c49490f8d');
  });

  it("equals the messageDigest Kalkan and the NCA TSA wrote into their CMS", () => {
    const kalkan = cmsSigner(kalkanCms());
    expect(new TextDecoder().decode(kalkan.content)).toBe('asdasd');
    expect(hex(gost2004Digest(kalkan.content))).toBe(hex(kalkan.messageDigest));
    const tsa = cmsSigner(new Uint8Array(material('tsp/tsp_token.bin')));
    expect(hex(gost2004Digest(tsa.content))).toBe(hex(tsa.messageDigest));
  });
});

describe('GOST 34.310-2004 signatures of the NCA test PKI', () => {
  it('verifies the GOST test chain: root self-signature, intermediate by root, Kalkan leaf by intermediate', () => {
    expect(signedBy(root, root)).toBe(true);
    expect(signedBy(intermediate, root)).toBe(true);
    expect(signedBy(leaf, intermediate)).toBe(true);
    expect(signedBy(leaf, root)).toBe(false);
    expect(signedBy(intermediate, intermediate)).toBe(false);
  });

  it('fails with one byte changed in the signed data, the signature or the key', () => {
    for (const [cert, issuer] of [[root, root], [intermediate, root], [leaf, intermediate]] as const) {
      const tbs = new Uint8Array(cert.tbsView);
      const digest = gost2004Digest(tbs);
      const signature = signatureValue(cert);
      expect(verifyGost2004(publicKey(issuer), digest, signature)).toBe(true);
      expect(verifyGost2004(publicKey(issuer), gost2004Digest(flipped(tbs, 100)), signature)).toBe(false);
      for (const at of [0, 31, 32, 63]) expect(verifyGost2004(publicKey(issuer), digest, flipped(signature, at))).toBe(false);
      expect(verifyGost2004(flipped(publicKey(issuer), 10), digest, signature)).toBe(false);
    }
  });

  it('verifies the GOST test CRL, and fails with one byte changed', () => {
    const der = new Uint8Array(material('crl/nca_gost_test.crl'));
    const crl = pkijs.CertificateRevocationList.fromBER(der);
    expect(signedBy(crl, intermediate)).toBe(true);
    const tbs = new Uint8Array(crl.tbsView);
    expect(verifyGost2004(publicKey(intermediate), gost2004Digest(flipped(tbs, 60)), signatureValue(crl))).toBe(false);
    expect(verifyGost2004(publicKey(intermediate), gost2004Digest(tbs), flipped(signatureValue(crl), 40))).toBe(false);
  });

  it("verifies Kalkan's CMS and the TSA token over their signed attributes, and the TSA certificate", () => {
    const kalkan = cmsSigner(kalkanCms());
    expect(hex(kalkan.cert.tbsView)).toBe(hex(leaf.tbsView));
    expect(verifyGost2004(publicKey(kalkan.cert), gost2004Digest(kalkan.signedAttrs), kalkan.signature)).toBe(true);
    expect(verifyGost2004(publicKey(kalkan.cert), gost2004Digest(flipped(kalkan.signedAttrs, 30)), kalkan.signature)).toBe(false);

    const tsa = cmsSigner(new Uint8Array(material('tsp/tsp_token.bin')));
    expect(signedBy(tsa.cert, intermediate)).toBe(true);
    expect(verifyGost2004(publicKey(tsa.cert), gost2004Digest(tsa.signedAttrs), tsa.signature)).toBe(true);
    expect(verifyGost2004(publicKey(tsa.cert), gost2004Digest(tsa.signedAttrs), flipped(tsa.signature, 50))).toBe(false);
  });

  it('answers false, without throwing, for malformed input', () => {
    const key = publicKey(intermediate);
    const digest = gost2004Digest(new Uint8Array(leaf.tbsView));
    const signature = signatureValue(leaf);
    expect(verifyGost2004(key.subarray(2), digest, signature)).toBe(true); // the bare x ‖ y is accepted too
    expect(verifyGost2004(key.subarray(1), digest, signature)).toBe(false);
    expect(verifyGost2004(key, digest.subarray(1), signature)).toBe(false);
    expect(verifyGost2004(key, digest, signature.subarray(1))).toBe(false);
    expect(verifyGost2004(key, digest, new Uint8Array(64))).toBe(false);
    expect(verifyGost2004(key, digest, new Uint8Array(64).fill(0xff))).toBe(false);
    expect(verifyGost2004(new Uint8Array(66).fill(0x04), digest, signature)).toBe(false);
  });
});

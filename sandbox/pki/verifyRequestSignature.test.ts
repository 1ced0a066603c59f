/**
 * Shapes the verifier must refuse before it even looks at keys. The accepted NCALayer shape, tampering
 * and untrusted signers are covered end to end (host key store → this verifier) in
 * electron/host/keys/pkcs12FolderKeyStore.test.ts, which owns the signer.
 */
import { generateKeyPairSync } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { verifyRequestSignature } from './verifyRequestSignature';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const request = '<request><applicant Id="a1">ТЕСТОВ</applicant><service>license</service></request>';

function sign(
  xml: string,
  shape: { xpath: string; emptyUri: boolean; at: string; signatureAlgorithm?: string },
): string {
  const signature = new SignedXml({
    privateKey,
    signatureAlgorithm: shape.signatureAlgorithm ?? 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  });
  signature.addReference({
    xpath: shape.xpath,
    isEmptyUri: shape.emptyUri,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signature.computeSignature(xml, { prefix: 'ds', location: { reference: shape.at, action: 'append' } });
  return signature.getSignedXml();
}

const reasonFor = (xml: string) => {
  const result = verifyRequestSignature(xml, []);
  return result.ok ? 'accepted' : result.reason;
};

describe('verifyRequestSignature refuses', () => {
  it('XML that is not well-formed', () => {
    expect(reasonFor('<request><open></request>')).toMatch(/not well-formed/);
  });

  it('an unsigned request', () => {
    expect(reasonFor(request)).toMatch(/exactly one ds:Signature/);
  });

  it('a second signature', () => {
    const once = sign(request, { xpath: '/*', emptyUri: true, at: '/*' });
    expect(reasonFor(sign(once, { xpath: '/*', emptyUri: true, at: '//*[local-name(.)="service"]' }))).toMatch(/exactly one ds:Signature/);
  });

  it('a signature that is not a child of the root (it would sign only part of the document)', () => {
    expect(reasonFor(sign(request, { xpath: '/*', emptyUri: true, at: '//*[local-name(.)="applicant"]' }))).toMatch(/not a child of the root/);
  });

  it('a reference to one element instead of the whole document', () => {
    expect(reasonFor(sign(request, { xpath: '//*[@Id="a1"]', emptyUri: false, at: '/*' }))).toMatch(/URI=""/);
  });

  it('RSA-SHA1', () => {
    const sha1 = sign(request, { xpath: '/*', emptyUri: true, at: '/*', signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' });
    expect(reasonFor(sha1)).toMatch(/rsa-sha256/);
  });

  it('a signature without a signer certificate', () => {
    expect(reasonFor(sign(request, { xpath: '/*', emptyUri: true, at: '/*' }))).toMatch(/X509Certificate/);
  });
});

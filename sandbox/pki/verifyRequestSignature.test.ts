/**
 * Shapes the verifier must refuse before it even looks at keys; then Kalkan's real XMLDSig files (RSA and GOST 2004).
 * Our own GOST 2015 signatures through this verifier: electron/host/keys/xmlSignature.test.ts, which owns the signer.
 */
import { generateKeyPairSync } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { KALKAN, KALKAN_MOMENT, kalkanFile, ncaAnchorsDer, ncaCrlsDer } from './ncaMaterial.testkit';
import { verifyRequestSignature, verifyXmlSignature, type XmlVerification } from './verifyRequestSignature';

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

const reasonFor = async (xml: string) => {
  const result = await verifyRequestSignature(xml, []);
  return result.ok ? 'accepted' : result.reason;
};

describe('verifyRequestSignature refuses', () => {
  it('XML that is not well-formed', async () => {
    expect(await reasonFor('<request><open></request>')).toMatch(/not well-formed/);
  });

  it('an unsigned request', async () => {
    expect(await reasonFor(request)).toMatch(/exactly one ds:Signature/);
  });

  it('a second signature', async () => {
    const once = sign(request, { xpath: '/*', emptyUri: true, at: '/*' });
    expect(await reasonFor(sign(once, { xpath: '/*', emptyUri: true, at: '//*[local-name(.)="service"]' }))).toMatch(/exactly one ds:Signature/);
  });

  it('a signature that is not a child of the root (it would sign only part of the document)', async () => {
    expect(await reasonFor(sign(request, { xpath: '/*', emptyUri: true, at: '//*[local-name(.)="applicant"]' }))).toMatch(/not a child of the root/);
  });

  it('a reference to one element instead of the whole document', async () => {
    expect(await reasonFor(sign(request, { xpath: '//*[@Id="a1"]', emptyUri: false, at: '/*' }))).toMatch(/URI=""/);
  });

  it('RSA-SHA1', async () => {
    const sha1 = sign(request, { xpath: '/*', emptyUri: true, at: '/*', signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' });
    expect(await reasonFor(sha1)).toMatch(/rsa-sha256/);
  });

  it('a signature without a signer certificate', async () => {
    expect(await reasonFor(sign(request, { xpath: '/*', emptyUri: true, at: '/*' }))).toMatch(/X509Certificate/);
  });
});

const trusted = ncaAnchorsDer();
const crls = ncaCrlsDer();
const outcome = async (xml: string, options: Partial<XmlVerification> = {}) => {
  const verdict = await verifyXmlSignature(xml, { trusted, crls, ...options });
  return verdict.ok ? `ok:${verdict.signer.keyAlgorithm}` : verdict.problem;
};
const kalkanXml = (path: string) => new TextDecoder().decode(kalkanFile(path));

describe("Kalkan's XMLDSig files", () => {
  it.each([
    ['RSA', KALKAN.rsaXml, 'ok:rsa'],
    ['GOST 34.310-2004', KALKAN.gost2004Xml, 'ok:gost2004'],
    ['an AUTH key', KALKAN.authXml, 'authKey'],
  ])('%s, at a moment inside the certificate validity: %s', async (_name, path, expected) => {
    expect(await outcome(kalkanXml(path), { at: KALKAN_MOMENT })).toBe(expected);
  });

  it.each([KALKAN.rsaXml, KALKAN.gost2004Xml])('%s: refused after the certificate expired, and with one byte changed', async (path) => {
    const xml = kalkanXml(path);
    expect(await outcome(xml)).toBe('expired');
    expect(await outcome(xml.replace('<name>NCANode</name>', '<name>NCANodf</name>'), { at: KALKAN_MOMENT })).toBe('contentMismatch');
    const value = /<ds:SignatureValue>\s*(\S{10})/.exec(xml)![1]!;
    const otherValue = value.slice(0, 5) + (value[5] === 'A' ? 'B' : 'A') + value.slice(6);
    expect(await outcome(xml.replace(value, otherValue), { at: KALKAN_MOMENT })).toBe('badSignature');
  });

  it('trusts nothing it was not given: without the GOST TEST chain the GOST file is untrusted', async () => {
    expect(await outcome(kalkanXml(KALKAN.gost2004Xml), { at: KALKAN_MOMENT, trusted: trusted.slice(0, 1) })).toBe('untrustedChain');
  });
});

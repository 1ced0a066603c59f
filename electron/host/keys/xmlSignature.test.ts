/**
 * Our enveloped XMLDSig with a real NCA GOST 34.10-2015 test key: the Kalkan shape with the pkigovkz URIs, accepted by
 * the receiver's verifier (sandbox/pki/verifyRequestSignature.ts), and by an independent check: SignedInfo canonicalised
 * by xml-crypto's C14N, the SignatureValue and DigestValue by Debian's gost engine.
 */
import { DOMParser } from '@xmldom/xmldom';
import { C14nCanonicalization, findAncestorNs } from 'xml-crypto';
import { describe, expect, it } from 'vitest';
import { SIGNING_IDENTIFIERS } from '../../../shared/pki/signingKey';
import { engineStreebog512, flipped, GOST2015_KEYS, GOST2015_MOMENT, gostEngineVerifies, ncaAnchorsDer, ncaCrlsDer } from '../../../sandbox/pki/ncaMaterial.testkit';
import { verifyRequestSignature, verifyXmlSignature } from '../../../sandbox/pki/verifyRequestSignature';
import { ncaSigningKey } from '../../../test/support/ncaKeys';
import { signXmlEnveloped } from './xmlSignature';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const trusted = ncaAnchorsDer();
const crls = ncaCrlsDer();
const outcome = async (xml: string) => {
  const verdict = await verifyXmlSignature(xml, { trusted, crls, at: GOST2015_MOMENT });
  return verdict.ok ? `ok:${verdict.signer.keyAlgorithm}` : verdict.problem;
};

describe('our GOST 34.10-2015 XMLDSig', () => {
  const key = ncaSigningKey(GOST2015_KEYS.individual);
  const request = '<request xmlns="urn:qabyl:request:1"><applicant iin="123456789012">ТЕСТОВ ТЕСТ</applicant><service>license</service></request>';
  const signed = signXmlEnveloped(request, key);

  it('has the Kalkan shape with the pkigovkz URIs', () => {
    expect(signed).toContain(`<ds:SignatureMethod Algorithm="${SIGNING_IDENTIFIERS.gost2015.xmlSignatureMethod}"/>`);
    expect(signed).toContain(`<ds:DigestMethod Algorithm="${SIGNING_IDENTIFIERS.gost2015.xmlDigestMethod}"/>`);
    expect(signed).toContain('<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"/>');
    expect(signed).toContain('<ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"/><ds:Transform Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"/></ds:Transforms>');
    expect(signed).toMatch(/<ds:KeyInfo><ds:X509Data><ds:X509Certificate>MII[^<]+<\/ds:X509Certificate><\/ds:X509Data><\/ds:KeyInfo><\/ds:Signature><\/request>$/);
  });

  it('verifies at a moment inside the key validity, with the GOST 2022 CRL; a revoked key and a changed document are refused', async () => {
    expect(await verifyRequestSignature(signed, trusted, { crls, at: GOST2015_MOMENT })).toMatchObject({ ok: true, signerIin: '123456789012' });
    expect(await outcome(signed.replace('license', 'licensf'))).toBe('contentMismatch');
    expect(await outcome(signXmlEnveloped(request, ncaSigningKey(GOST2015_KEYS.ceoRevoked)))).toBe('revoked');
  });

  it("passes an independent check: SignedInfo canonicalised by xml-crypto's C14N, the values by Debian's gost engine", () => {
    const document = new DOMParser().parseFromString(signed, 'text/xml');
    const signedInfo = document.getElementsByTagNameNS(DSIG, 'SignedInfo').item(0)!;
    // Inclusive C14N renders the namespaces in scope on the apex: the request's default namespace too.
    const ancestorNamespaces = findAncestorNs(document as unknown as Document, "//*[local-name()='SignedInfo']");
    const canonical = new C14nCanonicalization().process(signedInfo as unknown as Node, { ancestorNamespaces });
    expect(canonical.startsWith('<ds:SignedInfo xmlns="urn:qabyl:request:1" xmlns:ds="http://www.w3.org/2000/09/xmldsig#">')).toBe(true);
    const value = Buffer.from(document.getElementsByTagNameNS(DSIG, 'SignatureValue').item(0)!.textContent!, 'base64');
    expect(gostEngineVerifies(key.certificateDer, new TextEncoder().encode(canonical), value)).toBe(true);
    expect(gostEngineVerifies(key.certificateDer, flipped(new TextEncoder().encode(canonical), 30), value)).toBe(false);
    // The request is already canonical and has no comments, so the reference's octets are exactly its bytes.
    const digestValue = document.getElementsByTagNameNS(DSIG, 'DigestValue').item(0)!.textContent!;
    expect(Buffer.from(digestValue, 'base64').toString('hex')).toBe(engineStreebog512(new TextEncoder().encode(request)));
  });
});

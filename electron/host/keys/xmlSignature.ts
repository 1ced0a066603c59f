/**
 * Enveloped XMLDSig in exactly the shape NCALayer/Kalkan produce (eds.md §4A), so a receiver cannot
 * tell a file-key signature from an NCALayer one: whole-document reference URI="", transforms
 * enveloped-signature + inclusive C14N with comments, SignedInfo in inclusive C14N 1.0, RSA-SHA256,
 * `ds:` prefix, signer certificate in KeyInfo, Signature appended as the root's last child.
 */
import { SignedXml } from 'xml-crypto';

const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const C14N_WITH_COMMENTS = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments';
const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';

export function signXmlEnveloped(xml: string, privateKeyPem: string, certificatePem: string): string {
  const signature = new SignedXml({
    privateKey: privateKeyPem,
    publicCert: certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: C14N,
  });
  signature.addReference({
    xpath: '/*',
    isEmptyUri: true,
    transforms: [ENVELOPED_SIGNATURE, C14N_WITH_COMMENTS],
    digestAlgorithm: SHA256,
  });
  signature.computeSignature(xml, { prefix: 'ds', location: { reference: '/*', action: 'append' } });
  return signature.getSignedXml();
}

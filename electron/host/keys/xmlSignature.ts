/**
 * Enveloped XMLDSig in exactly the shape NCALayer/Kalkan produce (eds.md §4A), so a receiver cannot tell a file-key
 * signature from an NCALayer one: whole-document reference URI="", transforms enveloped-signature + inclusive C14N
 * with comments, SignedInfo in inclusive C14N 1.0, `ds:` prefix, signer certificate in KeyInfo, Signature appended
 * as the root's last child. RSA-SHA256, or GOST 34.10-2015 with the pkigovkz URIs and a SignatureValue laid out as
 * the key signs (r ‖ s, little-endian, as NCA's own signatures are).
 */
import { certificatePem } from '../../../shared/pki/pem';
import { SignedXml } from 'xml-crypto';
import type { SigningKey } from '../../../shared/pki/signingKey';
import { base64OfBytes, XML_SIGNATURE_ALGORITHMS, XMLDSIG_SHAPE, xmlHashAlgorithms } from '../../../shared/pki/xmldsigAlgorithms';


export function signXmlEnveloped(xml: string, key: SigningKey): string {
  const algorithm = XML_SIGNATURE_ALGORITHMS[key.algorithm];
  const signature = new SignedXml({
    // The key is the SigningKey the algorithm below closes over; xml-crypto only insists that something is here.
    privateKey: Buffer.alloc(0),
    publicCert: certificatePem(key.certificateDer),
    signatureAlgorithm: algorithm.signatureMethod,
    canonicalizationAlgorithm: XMLDSIG_SHAPE.signedInfoCanonicalization,
  });
  Object.assign(signature.HashAlgorithms, xmlHashAlgorithms());
  signature.SignatureAlgorithms[algorithm.signatureMethod] = class {
    getAlgorithmName() {
      return algorithm.signatureMethod;
    }
    getSignature(signedInfo: string | Uint8Array) {
      return base64OfBytes(key.sign(typeof signedInfo === 'string' ? new TextEncoder().encode(signedInfo) : signedInfo));
    }
    verifySignature(): boolean {
      throw new Error('this algorithm only signs');
    }
  } as unknown as (typeof signature.SignatureAlgorithms)[string];
  signature.addReference({ xpath: '/*', isEmptyUri: true, transforms: [...XMLDSIG_SHAPE.transforms], digestAlgorithm: algorithm.digestMethod });
  signature.computeSignature(xml, { prefix: XMLDSIG_SHAPE.prefix, location: { reference: '/*', action: 'append' } });
  return signature.getSignedXml();
}

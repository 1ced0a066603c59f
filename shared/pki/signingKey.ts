/**
 * A private key unlocked for one signing, as the signature formats (XMLDSig, CMS) use it: they hand it bytes, it
 * hashes them with its own hash and signs. Synchronous, because xml-crypto's signature algorithms are; GOST and
 * SHA-256 here are pure JS, and the host's RSA key uses Node's native crypto.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { ALGORITHM_OID } from './signatureAlgorithms';
import { signGost2015 } from './gost/gost2015';
import { streebog512 } from './gost/streebog';

export type SigningAlgorithm = 'rsa' | 'gost2015';

export interface SigningKey {
  readonly algorithm: SigningAlgorithm;
  /** The signer's certificate, DER. */
  readonly certificateDer: Uint8Array;
  /** The key's own digest (SHA-256 for RSA, Streebog-512 for GOST 2015): CMS messageDigest, XML DigestValue. */
  digest(data: Uint8Array): Uint8Array;
  /** The signature value over `data` as XMLDSig's SignatureValue and CMS's SignerInfo carry it. */
  sign(data: Uint8Array): Uint8Array;
}

/** Per algorithm: the OIDs and XMLDSig URIs a signature by such a key names (eds.md §5 and its closing table). */
export const SIGNING_IDENTIFIERS = {
  rsa: {
    digestOid: ALGORITHM_OID.sha256,
    signatureOid: ALGORITHM_OID.sha256WithRsa,
    xmlSignatureMethod: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    xmlDigestMethod: 'http://www.w3.org/2001/04/xmlenc#sha256',
  },
  gost2015: {
    digestOid: ALGORITHM_OID.streebog512,
    signatureOid: ALGORITHM_OID.gost2015Signature512,
    xmlSignatureMethod: 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34102015-gostr34112015-512',
    xmlDigestMethod: 'urn:ietf:params:xml:ns:pkigovkz:xmlsec:algorithms:gostr34112015-512',
  },
} as const satisfies Record<SigningAlgorithm, { digestOid: string; signatureOid: string; xmlSignatureMethod: string; xmlDigestMethod: string }>;

export function digestFor(algorithm: SigningAlgorithm, data: Uint8Array): Uint8Array {
  return algorithm === 'gost2015' ? streebog512(data) : sha256(data);
}

/** A GOST 2015 key (64 bytes little-endian, as in NCA's key files). */
export function gost2015SigningKey(privateKey: Uint8Array, certificateDer: Uint8Array): SigningKey {
  return {
    algorithm: 'gost2015',
    certificateDer,
    digest: (data) => streebog512(data),
    sign: (data) => signGost2015(privateKey, streebog512(data)),
  };
}

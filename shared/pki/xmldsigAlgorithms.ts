/**
 * The XMLDSig algorithms NCA's signers use (eds.md §4A and the closing table): which URI names which digest and
 * signature, for the signer (electron/host/keys/xmlSignature.ts) and the verifier (sandbox/pki) alike. Both drive
 * xml-crypto; the digest classes below have xml-crypto's HashAlgorithm shape without importing it (shared/ stays
 * platform-free), so the two sides cannot hash a DigestValue differently.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { gost2004Digest } from './gost/gost2004';
import { streebog512 } from './gost/streebog';
import { ALGORITHM_OID, type KeyAlgorithm } from './signatureAlgorithms';
import { SIGNING_IDENTIFIERS } from './signingKey';

/** The enveloped shape Kalkan and NCALayer make: whole-document reference, these transforms, SignedInfo in C14N 1.0. */
export const XMLDSIG_SHAPE = {
  signedInfoCanonicalization: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments'],
  namespace: 'http://www.w3.org/2000/09/xmldsig#',
  prefix: 'ds',
} as const;

export interface XmlSignatureAlgorithm {
  keyAlgorithm: KeyAlgorithm;
  signatureMethod: string;
  digestMethod: string;
  /** The X.509 signature OID verifySignatureValue checks the SignatureValue under. */
  signatureOid: string;
  digest(data: Uint8Array): Uint8Array;
}

export const XML_SIGNATURE_ALGORITHMS: Record<KeyAlgorithm, XmlSignatureAlgorithm> = {
  rsa: {
    keyAlgorithm: 'rsa',
    signatureMethod: SIGNING_IDENTIFIERS.rsa.xmlSignatureMethod,
    digestMethod: SIGNING_IDENTIFIERS.rsa.xmlDigestMethod,
    signatureOid: SIGNING_IDENTIFIERS.rsa.signatureOid,
    digest: (data) => sha256(data),
  },
  gost2015: {
    keyAlgorithm: 'gost2015',
    signatureMethod: SIGNING_IDENTIFIERS.gost2015.xmlSignatureMethod,
    digestMethod: SIGNING_IDENTIFIERS.gost2015.xmlDigestMethod,
    signatureOid: SIGNING_IDENTIFIERS.gost2015.signatureOid,
    digest: (data) => streebog512(data),
  },
  // Legacy keys: verified (Kalkan's GOSTKNCA files), never made here.
  gost2004: {
    keyAlgorithm: 'gost2004',
    signatureMethod: 'http://www.w3.org/2001/04/xmldsig-more#gost34310-gost34311',
    digestMethod: 'http://www.w3.org/2001/04/xmldsig-more#gost34311',
    signatureOid: ALGORITHM_OID.gost2004Signature,
    digest: (data) => gost2004Digest(data),
  },
};

export function xmlAlgorithmBySignatureMethod(uri: string | null | undefined): XmlSignatureAlgorithm | undefined {
  return Object.values(XML_SIGNATURE_ALGORITHMS).find((algorithm) => algorithm.signatureMethod === uri);
}

export const base64OfBytes = (bytes: Uint8Array): string => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
export const bytesOfBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text.replace(/\s+/g, '')), (char) => char.charCodeAt(0));

/**
 * Digest classes to register on an xml-crypto SignedXml under `HashAlgorithms`: xml-crypto hands them the canonical
 * XML as a string (hashed as UTF-8) and wants the DigestValue in base64.
 */
export function xmlHashAlgorithms(): Record<string, new () => { getAlgorithmName(): string; getHash(xml: string): string }> {
  return Object.fromEntries(
    Object.values(XML_SIGNATURE_ALGORITHMS).map((algorithm) => [
      algorithm.digestMethod,
      class {
        getAlgorithmName() {
          return algorithm.digestMethod;
        }
        getHash(xml: string) {
          return base64OfBytes(algorithm.digest(new TextEncoder().encode(xml)));
        }
      },
    ]),
  );
}

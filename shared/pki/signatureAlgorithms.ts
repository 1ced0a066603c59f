/**
 * Which key, digest and signature algorithm a certificate or signature names, and checking a signature value
 * with a certificate's key, for every algorithm NCA issues: RSA (WebCrypto), Kazakh GOST 34.10-2015 (512-bit,
 * Streebog-512) and legacy GOST 34.310-2004 (verification only: NCA no longer issues such keys). One place, so the XML, CMS, CRL,
 * certificate and time-stamp checks cannot disagree about an algorithm.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { streebog512 } from './gost/streebog';
import { verifyGost2015 } from './gost/gost2015';
import { gost2004Digest, verifyGost2004 } from './gost/gost2004';

export const ALGORITHM_OID = {
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha1: '1.3.14.3.2.26',
  /** GOST 34.10-2015 public key (parameters name the 512-bit curve and Streebog-512). */
  gost2015Key: '1.2.398.3.10.1.1.2.2',
  /** GOST 34.11-2015-512 with GOST 34.10-2015-512: what NCA's GOST 2015 CA and keys sign with. */
  gost2015Signature512: '1.2.398.3.10.1.1.2.3.2',
  /** GOST 34.11-2015 (Streebog) 512-bit digest. */
  streebog512: '1.2.398.3.10.1.3.3',
  gost2004Key: '1.2.398.3.10.1.1.1.1',
  gost2004Signature: '1.2.398.3.10.1.1.1.2',
  gost2004Digest: '1.2.398.3.10.1.3.1',
} as const;

export type KeyAlgorithm = 'rsa' | 'gost2015' | 'gost2004';

/** An algorithm this workstation does not know: the caller says so plainly instead of calling the signature bad. */
export class UnsupportedAlgorithmError extends Error {
  constructor(readonly algorithm: string) {
    super(`unsupported algorithm ${algorithm}`);
  }
}

export function keyAlgorithmOf(spki: pkijs.PublicKeyInfo): KeyAlgorithm | null {
  switch (spki.algorithm.algorithmId) {
    case ALGORITHM_OID.rsaEncryption:
      return 'rsa';
    case ALGORITHM_OID.gost2015Key:
      return 'gost2015';
    case ALGORITHM_OID.gost2004Key:
      return 'gost2004';
    default:
      return null;
  }
}

/** Human name for messages and `keys:check`. */
export const KEY_ALGORITHM_NAME: Record<KeyAlgorithm, string> = {
  rsa: 'RSA',
  gost2015: 'GOST 34.10-2015 (512)',
  gost2004: 'GOST 34.310-2004',
};

/** The digest a key of this algorithm signs with, as a CMS digestAlgorithm OID. */
export function digestOidForKey(algorithm: KeyAlgorithm): string {
  if (algorithm === 'rsa') return ALGORITHM_OID.sha256;
  if (algorithm === 'gost2015') return ALGORITHM_OID.streebog512;
  return ALGORITHM_OID.gost2004Digest;
}

/** The X.509/CMS signature algorithm OID a key of this algorithm signs with. */
export function signatureOidForKey(algorithm: KeyAlgorithm): string {
  if (algorithm === 'rsa') return ALGORITHM_OID.sha256WithRsa;
  if (algorithm === 'gost2015') return ALGORITHM_OID.gost2015Signature512;
  return ALGORITHM_OID.gost2004Signature;
}

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer as ArrayBuffer;

/** Digest of `data` under a CMS digestAlgorithm OID. */
export async function digestByOid(oid: string, data: Uint8Array, crypto: Crypto): Promise<Uint8Array> {
  switch (oid) {
    case ALGORITHM_OID.sha256:
      return new Uint8Array(await crypto.subtle.digest('SHA-256', toArrayBuffer(data)));
    case ALGORITHM_OID.sha1:
      return new Uint8Array(await crypto.subtle.digest('SHA-1', toArrayBuffer(data)));
    case ALGORITHM_OID.streebog512:
      return streebog512(data);
    case ALGORITHM_OID.gost2004Digest:
      return gost2004Digest(data);
    default:
      throw new UnsupportedAlgorithmError(oid);
  }
}

/** The raw public key: an RSA key's SPKI DER as WebCrypto imports it, a GOST key's point bytes. */
function gostPublicKeyBytes(spki: pkijs.PublicKeyInfo): Uint8Array {
  // NCA wraps the 128-byte point in an OCTET STRING inside the BIT STRING, as RFC 4491 does.
  const inner = asn1js.fromBER(spki.subjectPublicKey.valueBlock.valueHexView.slice().buffer);
  if (inner.offset === -1 || !(inner.result instanceof asn1js.OctetString)) throw new Error('malformed GOST public key');
  return new Uint8Array(inner.result.valueBlock.valueHexView);
}

/** Which digest a signature algorithm OID implies (a CMS SignerInfo may name the key algorithm instead). */
function rsaHashOf(signatureOid: string, digestOid?: string): 'SHA-256' | 'SHA-1' {
  if (signatureOid === ALGORITHM_OID.sha1WithRsa) return 'SHA-1';
  if (signatureOid === ALGORITHM_OID.rsaEncryption && digestOid === ALGORITHM_OID.sha1) return 'SHA-1';
  return 'SHA-256';
}

/**
 * Checks `signature` over `signed` with the certificate's key. `signatureOid` is the algorithm the signature says it
 * uses; it must fit the key. Throws UnsupportedAlgorithmError for algorithms recognised but not computable here.
 */
export async function verifySignatureValue(options: {
  spki: pkijs.PublicKeyInfo;
  signatureOid: string;
  /** CMS only: the digestAlgorithm, when signatureOid names just the key algorithm. */
  digestOid?: string;
  signed: Uint8Array;
  signature: Uint8Array;
  crypto: Crypto;
}): Promise<boolean> {
  const keyAlgorithm = keyAlgorithmOf(options.spki);
  if (keyAlgorithm === 'rsa') {
    if (![ALGORITHM_OID.sha256WithRsa, ALGORITHM_OID.sha1WithRsa, ALGORITHM_OID.rsaEncryption].includes(options.signatureOid as never)) return false;
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: rsaHashOf(options.signatureOid, options.digestOid) };
    const key = await options.crypto.subtle.importKey('spki', options.spki.toSchema().toBER(false), algorithm, false, ['verify']);
    return options.crypto.subtle.verify(algorithm, key, toArrayBuffer(options.signature), toArrayBuffer(options.signed));
  }
  if (keyAlgorithm === 'gost2015') {
    if (![ALGORITHM_OID.gost2015Signature512, ALGORITHM_OID.gost2015Key].includes(options.signatureOid as never)) return false;
    if (options.digestOid && options.digestOid !== ALGORITHM_OID.streebog512) return false;
    return verifyGost2015(gostPublicKeyBytes(options.spki), streebog512(options.signed), options.signature);
  }
  if (keyAlgorithm === 'gost2004') {
    if (![ALGORITHM_OID.gost2004Signature, ALGORITHM_OID.gost2004Key].includes(options.signatureOid as never)) return false;
    if (options.digestOid && options.digestOid !== ALGORITHM_OID.gost2004Digest) return false;
    return verifyGost2004(gostPublicKeyBytes(options.spki), gost2004Digest(options.signed), options.signature);
  }
  throw new UnsupportedAlgorithmError(options.spki.algorithm.algorithmId);
}

const bitStringBytes = (bits: asn1js.BitString): Uint8Array => new Uint8Array(bits.valueBlock.valueHexView);

/** Whether `issuer` signed `child` (name chaining is the caller's business). */
export async function certificateSignedBy(child: pkijs.Certificate, issuer: pkijs.Certificate, crypto: Crypto): Promise<boolean> {
  return verifySignatureValue({
    spki: issuer.subjectPublicKeyInfo,
    signatureOid: child.signatureAlgorithm.algorithmId,
    signed: new Uint8Array(child.tbsView),
    signature: bitStringBytes(child.signatureValue),
    crypto,
  });
}

/** Whether `issuer` signed the CRL. */
export async function crlSignedBy(crl: pkijs.CertificateRevocationList, issuer: pkijs.Certificate, crypto: Crypto): Promise<boolean> {
  if (!crl.issuer.isEqual(issuer.subject)) return false;
  return verifySignatureValue({
    spki: issuer.subjectPublicKeyInfo,
    signatureOid: crl.signatureAlgorithm.algorithmId,
    signed: new Uint8Array(crl.tbsView),
    signature: bitStringBytes(crl.signatureValue),
    crypto,
  });
}

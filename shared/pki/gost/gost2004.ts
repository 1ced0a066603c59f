/**
 * Verification of legacy Kazakh GOST 34.310-2004 signatures with the GOST 34.311-95 hash, as NCA's Kalkan makes them
 * (certificates, CRLs, CMS signed attributes, TSA tokens, XMLDSig `xmldsig-more#gost34310-gost34311`). Verification
 * only: no new signatures are made with the 2004 algorithms.
 *
 * Primitives come from libraries: the hash is GOST R 34.11-94 from crypto-gost-js, the curve arithmetic is
 * @noble/curves; the signature check is GOST 34.10 §6.2 in NCA's byte layout (gostSignatureScheme.ts).
 *
 * Every choice below was measured on NCA's test PKI (test/fixtures/nca-test): the root's self-signature, the
 * ҰКО 3.0 (GOST TEST) intermediate, a Kalkan leaf, the GOST test CRL, Kalkan's CMS and XMLDSig and the TSA token all
 * verify with exactly this combination, and with no other of the candidates tried (CryptoPro A/B/C and the RFC 4357
 * test curve; hash S-boxes CryptoPro, test, SC and the GOST 28147 encryption sets; digest and r, s in either byte
 * order, r ‖ s or s ‖ r).
 * - Hash: GOST R 34.11-94 with the *test* parameter set S-box (id-GostR3411-94-TestParamSet, crypto-gost-js 'D-TEST'),
 *   which is what the SPKI hash parameter 1.2.398.3.10.1.3.1.1.0 names (cf. 1.2.643.2.2.30.0). Output bytes are the
 *   library's (= Kalkan's CMS messageDigest and XMLDSig DigestValue bytes).
 * - Curve: key parameters 1.2.398.3.10.1.1.1.1.1 are the GOST R 34.10-2001 CryptoPro-A curve (RFC 4357,
 *   1.2.643.2.2.35.1; the same as XchA): every NCA GOST 2004 public point lies on it and on none of the others.
 * - Public key: the SPKI BIT STRING holds an OCTET STRING of x ‖ y, each 32 bytes little-endian (as in RFC 4491).
 * - Digest: read as a little-endian integer (as in RFC 4491 / CryptoPro).
 * - Signature: r ‖ s, each 32 bytes little-endian — the byte reversal of RFC 4491's s ‖ r big-endian. Same layout in
 *   certificates, CRLs, CMS and XMLDSig.
 */
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { GostEngine } from './gostEngine';
import { gostSignatureScheme } from './gostSignatureScheme';

const SIZE = 32;

const gost3411TestParamSet = GostEngine.getGostDigest({ name: 'GOST R 34.11', version: 1994, sBox: 'D-TEST' });

/** id-GostR3410-2001-CryptoPro-A-ParamSet (RFC 4357 §11.4). */
const Point = weierstrass({
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd94n,
  b: 166n,
  n: 0xffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893n,
  h: 1n,
  Gx: 1n,
  Gy: 0x8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14n,
});
const scheme = gostSignatureScheme(Point, SIZE, 'GOST 34.310-2004');

/** GOST 34.311-95 (GOST R 34.11-94 with the test parameter set S-box), 32 bytes. */
export function gost2004Digest(data: Uint8Array): Uint8Array {
  return new Uint8Array(gost3411TestParamSet.digest(data));
}

/** x ‖ y from the subjectPublicKey BIT STRING content (DER OCTET STRING `04 40 …`); the bare 64 bytes are accepted too. */
function publicPointBytes(publicKey: Uint8Array): Uint8Array | null {
  if (publicKey.length === 2 + 2 * SIZE && publicKey[0] === 0x04 && publicKey[1] === 2 * SIZE) return publicKey.subarray(2);
  if (publicKey.length === 2 * SIZE) return publicKey;
  return null;
}

/**
 * Checks a GOST 34.310-2004 signature (r ‖ s, NCA's layout) over a GOST 34.311-95 digest (GOST 34.10 §6.2).
 * `publicKeyFromSpki` is the subjectPublicKey BIT STRING content. Never throws for bad input.
 */
export function verifyGost2004(publicKeyFromSpki: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  const point = publicPointBytes(publicKeyFromSpki);
  return point !== null && scheme.verify(point, digest, signature);
}

/**
 * Kazakh GOST 34.10-2015 (512-bit) signatures as NCA's Kalkan makes and checks them. The curve is GOST R 34.10-2012's
 * id-tc26-gost-3410-12-512-paramSetA (RFC 7836), with its arithmetic from @noble/curves; only the signature
 * equations of GOST 34.10 (§6.1, §6.2) are written here, because no audited library implements them.
 *
 * Byte conventions, measured on NCA's own test CA signatures (not the RFC 4491/7091 layout GOST libraries default to):
 * - the digest is read as a little-endian integer;
 * - a signature is r ‖ s, each 64 bytes little-endian;
 * - a public key is x ‖ y, each 64 bytes little-endian; a private key is 64 bytes little-endian.
 */
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { invert, mod } from '@noble/curves/abstract/modular.js';

const SIZE = 64;

const Point = weierstrass({
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc4n,
  b: 0xe8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  n: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  h: 1n,
  Gx: 3n,
  Gy: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
});
const q = Point.Fn.ORDER;

export const GOST2015_SIGNATURE_BYTES = 2 * SIZE;

function fromLittleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

function toLittleEndian(value: bigint, length = SIZE): Uint8Array {
  const bytes = new Uint8Array(length);
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** GOST 34.10 §6.1 step 2: e = α mod q, and 1 where that is 0. */
function digestScalar(digest: Uint8Array): bigint {
  if (digest.length !== SIZE) throw new Error(`GOST 2015-512 signs a 64-byte digest, got ${digest.length}`);
  return mod(fromLittleEndian(digest), q) || 1n;
}

function privateScalar(privateKey: Uint8Array): bigint {
  const d = fromLittleEndian(privateKey);
  if (privateKey.length !== SIZE || d <= 0n || d >= q) throw new Error('not a GOST 2015-512 private key');
  return d;
}

function randomScalar(): bigint {
  // Rejection sampling keeps k uniform in [1, q-1]; q is just below 2^512, so a retry is rare.
  for (;;) {
    const k = fromLittleEndian(globalThis.crypto.getRandomValues(new Uint8Array(SIZE)));
    if (k > 0n && k < q) return k;
  }
}

/** The public key (x ‖ y, little-endian) of a private key. */
export function gost2015PublicKey(privateKey: Uint8Array): Uint8Array {
  const { x, y } = Point.BASE.multiply(privateScalar(privateKey)).toAffine();
  return concat(toLittleEndian(x), toLittleEndian(y));
}

/** Signs a Streebog-512 digest (GOST 34.10 §6.1) and returns r ‖ s in NCA's layout. */
export function signGost2015(privateKey: Uint8Array, digest: Uint8Array): Uint8Array {
  const d = privateScalar(privateKey);
  const e = digestScalar(digest);
  for (;;) {
    const k = randomScalar();
    const r = mod(Point.BASE.multiply(k).toAffine().x, q);
    if (r === 0n) continue;
    const s = mod(r * d + k * e, q);
    if (s === 0n) continue;
    return concat(toLittleEndian(r), toLittleEndian(s));
  }
}

/** Checks a signature (r ‖ s, NCA's layout) over a Streebog-512 digest (GOST 34.10 §6.2); never throws for bad input. */
export function verifyGost2015(publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 2 * SIZE || signature.length !== 2 * SIZE || digest.length !== SIZE) return false;
  const r = fromLittleEndian(signature.subarray(0, SIZE));
  const s = fromLittleEndian(signature.subarray(SIZE));
  if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
  let Q;
  try {
    Q = Point.fromAffine({ x: fromLittleEndian(publicKey.subarray(0, SIZE)), y: fromLittleEndian(publicKey.subarray(SIZE)) });
    Q.assertValidity();
  } catch {
    return false;
  }
  const v = invert(digestScalar(digest), q);
  const z1 = mod(s * v, q);
  const z2 = mod(-r * v, q);
  const C = Point.BASE.mulAddUnsafe(z1, Q, z2);
  if (C.is0()) return false;
  return mod(C.toAffine().x, q) === r;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

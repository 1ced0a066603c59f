/**
 * The GOST 34.10 signature equations (§6.1 signing, §6.2 verification; the same in Kazakh GOST 34.310-2004 and
 * 34.10-2015) over a curve whose arithmetic comes from @noble/curves, in the byte conventions NCA's Kalkan uses,
 * measured on NCA's own CA signatures (test/fixtures/nca-test), not the RFC 4491/7091 layout GOST libraries default to:
 * - the digest is read as a little-endian integer;
 * - a signature is r ‖ s, each half little-endian;
 * - a public key is x ‖ y, each little-endian; a private key is little-endian.
 * No audited library implements these equations, so they are the only GOST code written here.
 */
import { invert, mod } from '@noble/curves/abstract/modular.js';
import type { WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js';

export function fromLittleEndian(bytes: Uint8Array): bigint {
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i -= 1) value = (value << 8n) | BigInt(bytes[i]!);
  return value;
}

function toLittleEndian(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let rest = value;
  for (let i = 0; i < length; i += 1) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

export interface GostSignatureScheme {
  /** The public key (x ‖ y) of a private key. */
  publicKey(privateKey: Uint8Array): Uint8Array;
  /** Signs a digest and returns r ‖ s. */
  sign(privateKey: Uint8Array, digest: Uint8Array): Uint8Array;
  /** Checks r ‖ s over a digest with a public key x ‖ y; never throws for bad input. */
  verify(publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean;
}

/** The scheme on a curve whose coordinates, scalars and digests are `size` bytes. */
export function gostSignatureScheme(Point: WeierstrassPointCons<bigint>, size: number, name: string): GostSignatureScheme {
  const q = Point.Fn.ORDER;

  /** §6.1 step 2 / §6.2 step 3: e = α mod q, and 1 where that is 0. */
  const digestScalar = (digest: Uint8Array) => mod(fromLittleEndian(digest), q) || 1n;

  function privateScalar(privateKey: Uint8Array): bigint {
    const d = fromLittleEndian(privateKey);
    if (privateKey.length !== size || d <= 0n || d >= q) throw new Error(`not a ${name} private key`);
    return d;
  }

  function randomScalar(): bigint {
    // Rejection sampling keeps k uniform in [1, q-1]; q is just below 2^(8·size), so a retry is rare.
    for (;;) {
      const k = fromLittleEndian(globalThis.crypto.getRandomValues(new Uint8Array(size)));
      if (k > 0n && k < q) return k;
    }
  }

  return {
    publicKey(privateKey) {
      const { x, y } = Point.BASE.multiply(privateScalar(privateKey)).toAffine();
      return concat(toLittleEndian(x, size), toLittleEndian(y, size));
    },

    sign(privateKey, digest) {
      if (digest.length !== size) throw new Error(`${name} signs a ${size}-byte digest, got ${digest.length}`);
      const d = privateScalar(privateKey);
      const e = digestScalar(digest);
      for (;;) {
        const k = randomScalar();
        const r = mod(Point.BASE.multiply(k).toAffine().x, q);
        if (r === 0n) continue;
        const s = mod(r * d + k * e, q);
        if (s === 0n) continue;
        return concat(toLittleEndian(r, size), toLittleEndian(s, size));
      }
    },

    verify(publicKey, digest, signature) {
      if (publicKey.length !== 2 * size || signature.length !== 2 * size || digest.length !== size) return false;
      const r = fromLittleEndian(signature.subarray(0, size));
      const s = fromLittleEndian(signature.subarray(size));
      if (r <= 0n || r >= q || s <= 0n || s >= q) return false;
      let Q;
      try {
        Q = Point.fromAffine({ x: fromLittleEndian(publicKey.subarray(0, size)), y: fromLittleEndian(publicKey.subarray(size)) });
        Q.assertValidity();
      } catch {
        return false;
      }
      const v = invert(digestScalar(digest), q);
      const C = Point.BASE.mulAddUnsafe(mod(s * v, q), Q, mod(-r * v, q));
      if (C.is0()) return false;
      return mod(C.toAffine().x, q) === r;
    },
  };
}

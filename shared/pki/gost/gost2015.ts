/**
 * Kazakh GOST 34.10-2015 (512-bit) signatures as NCA's Kalkan makes and checks them: the GOST 34.10 equations in NCA's
 * byte layout (gostSignatureScheme.ts) on GOST R 34.10-2012's id-tc26-gost-3410-12-512-paramSetA (RFC 7836), the curve
 * NCA's GOST 2015 public points lie on. Digests are Streebog-512 (streebog.ts); keys and halves are 64 bytes.
 */
import { weierstrass } from '@noble/curves/abstract/weierstrass.js';
import { gostSignatureScheme } from './gostSignatureScheme';

const Point = weierstrass({
  p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7n,
  a: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc4n,
  b: 0xe8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760n,
  n: 0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275n,
  h: 1n,
  Gx: 3n,
  Gy: 0x7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4n,
});

const scheme = gostSignatureScheme(Point, 64, 'GOST 2015-512');

/** The public key (x ‖ y, little-endian) of a private key (64 bytes, little-endian, as NCA's key files hold it). */
export const gost2015PublicKey = scheme.publicKey;
/** Signs a Streebog-512 digest and returns r ‖ s in NCA's layout. */
export const signGost2015 = scheme.sign;
/** Checks a signature (r ‖ s, NCA's layout) over a Streebog-512 digest; never throws for bad input. */
export const verifyGost2015 = scheme.verify;

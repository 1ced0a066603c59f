/**
 * GOST 34.11-2015 (Streebog), the hash of Kazakh GOST 2015 signatures, from crypto-gost-js (the maintained fork of
 * Rudolf Nickolaev's GOST suite). Checked against Debian's gost engine and the RFC 6986 vectors in the tests.
 */
import { GostEngine } from './gostEngine';

const streebog512Engine = GostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 512 });
const streebog256Engine = GostEngine.getGostDigest({ name: 'GOST R 34.11', version: 2012, length: 256 });

/** Streebog-512 in the byte order of RFC 6986's examples and of `openssl dgst -streebog512`. */
export function streebog512(data: Uint8Array): Uint8Array {
  return new Uint8Array(streebog512Engine.digest(data));
}

export function streebog256(data: Uint8Array): Uint8Array {
  return new Uint8Array(streebog256Engine.digest(data));
}

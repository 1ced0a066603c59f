/** The part of @wavesenterprise/crypto-gost-js (a UMD bundle without types) that Qabyl uses: its GOST R 34.11 digests. */
declare module '@wavesenterprise/crypto-gost-js' {
  interface GostDigestAlgorithm {
    name: 'GOST R 34.11';
    version: 1994 | 2012;
    length?: 256 | 512;
    sBox?: string;
    procreator?: string;
  }
  interface GostDigest {
    digest(data: Uint8Array | ArrayBuffer): ArrayBuffer;
  }
  export const GostEngine: { getGostDigest(algorithm: GostDigestAlgorithm): GostDigest };
}

/**
 * Reading a CRL and proving who issued it. PKI.js does the parsing and the signature check (forge has
 * no CRL support), over Node's WebCrypto (globalThis.crypto, PKI.js's default engine).
 */
import { X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';

export type CrlReading = { ok: true; crl: pkijs.CertificateRevocationList } | { ok: false; reason: 'unreadable' | 'untrusted'; detail: string };

const PEM_CRL = /-----BEGIN X509 CRL-----([^-]+)-----END X509 CRL-----/;

/** CA distribution points serve DER; some mirrors (and our sandbox) serve PEM. */
function derOf(bytes: Uint8Array): Uint8Array {
  const pem = PEM_CRL.exec(Buffer.from(bytes).toString('latin1'));
  return pem?.[1] ? Buffer.from(pem[1].replace(/\s+/g, ''), 'base64') : bytes;
}

export function certificateFromPem(pem: string): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new X509Certificate(pem).raw);
}

/** Parses `bytes` and accepts the CRL only if one of `issuers` signed it (PKI.js also matches the issuer name). */
export async function readTrustedCrl(bytes: Uint8Array, issuers: readonly pkijs.Certificate[]): Promise<CrlReading> {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(derOf(bytes));
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  for (const issuerCertificate of issuers) {
    try {
      if (await crl.verify({ issuerCertificate })) return { ok: true, crl };
    } catch {
      // An algorithm this issuer's key cannot verify: try the next issuer.
    }
  }
  return { ok: false, reason: 'untrusted', detail: 'not signed by a trusted CRL issuer' };
}

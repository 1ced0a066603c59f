/**
 * Reading a CRL and proving who issued it. PKI.js parses; the signature is checked by crlSignedBy, the one algorithm
 * dispatch (RSA through WebCrypto, GOST 2015 and GOST 2004 through shared/pki/gost), so NCA's GOST CRLs are accepted
 * from their issuer just as RSA ones are.
 */
import { webcrypto, X509Certificate } from 'node:crypto';
import * as pkijs from 'pkijs';
import { CRL_LABELS, derObjectsOf } from '../../../shared/pki/pem';
import { crlSignedBy } from '../../../shared/pki/signatureAlgorithms';

export type CrlReading = { ok: true; crl: pkijs.CertificateRevocationList } | { ok: false; reason: 'unreadable' | 'untrusted'; detail: string };

const crypto = webcrypto as unknown as Parameters<typeof crlSignedBy>[2];

export function certificateFromPem(pem: string): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new X509Certificate(pem).raw);
}

/** Parses `bytes` (DER as distribution points serve it, or PEM as some mirrors and our sandbox do) and accepts the CRL only if one of `issuers` signed it. */
export async function readTrustedCrl(bytes: Uint8Array, issuers: readonly pkijs.Certificate[]): Promise<CrlReading> {
  let crl: pkijs.CertificateRevocationList;
  try {
    const [der] = derObjectsOf(bytes, CRL_LABELS);
    if (!der) throw new Error('no CRL in the file');
    crl = pkijs.CertificateRevocationList.fromBER(der);
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: error instanceof Error ? error.message : String(error) };
  }
  for (const issuer of issuers) {
    // crlSignedBy also requires the CRL's issuer name to be this certificate's subject.
    if (await crlSignedBy(crl, issuer, crypto).catch(() => false)) return { ok: true, crl };
  }
  return { ok: false, reason: 'untrusted', detail: 'not signed by a trusted CRL issuer' };
}

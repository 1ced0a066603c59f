/**
 * The sandbox's check of attachment signatures on receipt: the CMS over the file's bytes (its digest by the CMS's own
 * algorithm, Streebog-512 for GOST), chained to the trust list, the signer judged at the attested moment.
 */
import { webcrypto } from 'node:crypto';
import { verifyCms, type CmsVerification } from '../../shared/pki/detachedCms';
import { certificatesDerOf } from '../../shared/pki/pem';

const crypto = webcrypto as unknown as CmsVerification['crypto'];

/** The verdict the sandbox needs, plus the trusted time when the signature carries a timestamp. */
type AttachmentVerdict = { ok: true; signerIin: string; timestamp: Date | null } | { ok: false; reason: string };

export function createAttachmentVerifier(trusted: readonly (string | Uint8Array)[], options: { crlsDer?: readonly Uint8Array[] } = {}): (cmsDer: Uint8Array, content: Uint8Array) => Promise<AttachmentVerdict> {
  const trustedCertificatesDer = certificatesDerOf(trusted);
  return async (cmsDer, content) => {
    const verdict = await verifyCms(cmsDer, { content, trustedCertificatesDer, ...(options.crlsDer ? { crlsDer: options.crlsDer } : {}), crypto });
    if (!verdict.ok) return verdict;
    if (!verdict.signer.iin) return { ok: false, reason: 'signer certificate has no IIN' };
    return { ok: true, signerIin: verdict.signer.iin, timestamp: verdict.timestamp?.time ?? null };
  };
}

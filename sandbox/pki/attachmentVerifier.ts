/** The sandbox's check of attachment signatures on receipt: detached CMS over the file's digest, chained to the trust list. */
import { webcrypto } from 'node:crypto';
import { verifyDetachedCms } from '../../shared/pki/detachedCms';
import { derOfPem } from './webCryptoSigner';

const crypto = webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'];

/** The verdict the sandbox needs, plus the trusted time when the signature carries a timestamp. */
type AttachmentVerdict = { ok: true; signerIin: string; timestamp: Date | null } | { ok: false; reason: string };

export function createAttachmentVerifier(trustedCertificatesPem: string[]): (cmsDer: Uint8Array, sha256Hex: string) => Promise<AttachmentVerdict> {
  const trustedCertificatesDer = trustedCertificatesPem.map(derOfPem);
  return async (cmsDer, sha256Hex) => {
    const verdict = await verifyDetachedCms(cmsDer, { contentDigest: Buffer.from(sha256Hex, 'hex'), trustedCertificatesDer, crypto });
    if (!verdict.ok) return verdict;
    if (!verdict.signer.iin) return { ok: false, reason: 'signer certificate has no IIN' };
    return { ok: true, signerIin: verdict.signer.iin, timestamp: verdict.timestamp?.time ?? null };
  };
}

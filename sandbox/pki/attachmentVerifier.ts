/** The sandbox's check of attachment signatures on receipt: detached CMS over the file's digest, chained to the trust list. */
import { webcrypto } from 'node:crypto';
import { verifyDetachedCms } from '../../shared/pki/detachedCms';
import type { AttachmentSignatureVerifier } from '../submissionService';
import { derOfPem } from './webCryptoSigner';

const crypto = webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'];

export function createAttachmentVerifier(trustedCertificatesPem: string[]): AttachmentSignatureVerifier {
  const trustedCertificatesDer = trustedCertificatesPem.map(derOfPem);
  return async (cmsDer, sha256Hex) => {
    const verdict = await verifyDetachedCms(cmsDer, { contentDigest: Buffer.from(sha256Hex, 'hex'), trustedCertificatesDer, crypto });
    if (!verdict.ok) return verdict;
    return verdict.signer.iin ? { ok: true, signerIin: verdict.signer.iin } : { ok: false, reason: 'signer certificate has no IIN' };
  };
}

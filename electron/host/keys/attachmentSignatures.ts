/** Detached CMS over each attachment with the key just unlocked (shared/pki/detachedCms.ts does the CMS). */
import { createDetachedCms } from '../../../shared/pki/detachedCms';
import type { SigningKey } from '../../../shared/pki/signingKey';
import type { AttachmentSignature } from './keyStore';

/**
 * One CMS per attachment, named by its SHA-256 (hex). Each signs the attachment's digest under the key's own hash
 * (Streebog-512 for GOST; attachmentDigests.ts computes them).
 */
export async function signAttachmentDigests(
  attachments: readonly { sha256: string; keyDigest: Uint8Array }[],
  signer: { key: SigningKey; signingTime: Date; chainDer?: readonly Uint8Array[] },
): Promise<AttachmentSignature[]> {
  return Promise.all(
    attachments.map(async (attachment) => {
      const cms = await createDetachedCms({ contentDigest: attachment.keyDigest, ...signer });
      return { sha256: attachment.sha256, cmsBase64: Buffer.from(cms).toString('base64') };
    }),
  );
}

/** Detached CMS over each attachment digest with the key just unlocked (shared/pki/detachedCms.ts does the CMS). */
import { createPrivateKey, webcrypto } from 'node:crypto';
import { createDetachedCms } from '../../../shared/pki/detachedCms';
import type { AttachmentSignature } from './keyStore';

type CmsOptions = Parameters<typeof createDetachedCms>[0];
// Node's WebCrypto is the standard API the shared PKI code is typed against (DOM types).
const crypto = webcrypto as unknown as CmsOptions['crypto'];

export async function signAttachmentDigests(
  digestsHex: string[],
  signer: { privateKeyPem: string; certificateDer: Uint8Array; signingTime: Date },
): Promise<AttachmentSignature[]> {
  if (digestsHex.length === 0) return [];
  const pkcs8 = createPrivateKey(signer.privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const privateKey: CmsOptions['privateKey'] = await crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
  return Promise.all(
    digestsHex.map(async (sha256) => {
      const cms = await createDetachedCms({ contentDigest: Buffer.from(sha256, 'hex'), privateKey, signerCertificateDer: signer.certificateDer, signingTime: signer.signingTime, crypto });
      return { sha256, cmsBase64: Buffer.from(cms).toString('base64') };
    }),
  );
}

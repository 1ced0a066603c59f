/**
 * Key store over a folder of NCA key files (`GOST512_<ski>.p12`, `RSA256_<ski>.p12`, `AUTH_RSA256_<ski>.p12`, …):
 * GOST 34.10-2015 and RSA keys sign here; legacy GOST 2004 keys are refused with a pointer to NCALayer.
 * The decrypted key lives only in local variables of one signPackage call: no cache, no logging, and the password
 * goes no further than the container reader (pkcs12Container.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HostError } from '../../../shared/host/hostError';
import { checkSigningCertificate } from './certificateChecks';
import { attachmentDigests } from './attachmentDigests';
import { signAttachmentDigests } from './attachmentSignatures';
import type { KeyFileEntry, KeyStore } from './keyStore';
import { openKeyFile } from './pkcs12Container';
import { signingKeyOf } from './unlockedSigningKey';
import { signXmlEnveloped } from './xmlSignature';

const KEY_FILE = /\.(p12|pfx)$/i;

function kindOf(fileName: string): KeyFileEntry['kind'] {
  const name = fileName.toUpperCase();
  if (name.startsWith('AUTH_')) return 'auth';
  if (name.startsWith('GOSTKNCA_')) return 'gost';
  if (name.startsWith('RSA256_') || name.startsWith('GOST512_')) return 'sign';
  return 'unknown';
}

async function readKeyFile(folder: string, keyId: string): Promise<Buffer> {
  // The id comes from the renderer: it must name a key file directly inside the folder.
  if (!KEY_FILE.test(keyId) || /[/\\]/.test(keyId) || keyId.includes('..')) throw new HostError('keys.notFound');
  try {
    return await readFile(join(folder, keyId));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HostError(code === 'ENOENT' || code === 'EISDIR' ? 'keys.notFound' : 'keys.unreadable');
  }
}

export function createPkcs12FolderKeyStore(folder: string): KeyStore {
  return {
    async list() {
      let names: string[];
      try {
        names = await readdir(folder);
      } catch (error) {
        // No folder yet simply means no keys have been put there.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      return names
        .filter((name) => KEY_FILE.test(name))
        .sort()
        .map((name) => ({ id: name, fileName: name, kind: kindOf(name) }));
    },

    async signPackage(keyId, password, xml, policy, attachments = []) {
      const opened = openKeyFile(await readKeyFile(folder, keyId), password);
      // A GOST 2004 key is refused before its certificate is judged: the operator can do nothing about the rest here.
      const key = signingKeyOf(opened.key, opened.certificateDer);
      const signer = await checkSigningCertificate(opened.certificateDer, opened.others, policy);
      const signedXml = signXmlEnveloped(xml, key);
      // The content-addressed store hands out only bytes of that SHA-256; each CMS signs the key's own digest of them.
      const digests = await attachmentDigests(key.algorithm, attachments);
      const attachmentSignatures = await signAttachmentDigests(
        attachments.map((attachment, index) => ({ sha256: attachment.sha256, keyDigest: digests[index]! })),
        { key, signingTime: policy.at },
      );
      return { signedXml, attachmentSignatures, signer };
    },
  };
}

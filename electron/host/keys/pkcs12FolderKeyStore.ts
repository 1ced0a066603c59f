/**
 * Key store over a folder of NCA key files (`GOST512_<ski>.p12`, `RSA256_<ski>.p12`, `AUTH_RSA256_<ski>.p12`, …):
 * GOST 34.10-2015 and RSA keys sign here; legacy GOST 2004 keys are refused with a pointer to NCALayer.
 * The decrypted key lives only in local variables of one signPackage call: no cache, no logging, and the password
 * goes no further than the container reader (pkcs12Container.ts).
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { HostError } from '../../../shared/host/hostError';
import { keyAlgorithmOf } from '../../../shared/pki/signatureAlgorithms';
import { checkSigningCertificate } from './certificateChecks';
import { attachmentDigests } from './attachmentDigests';
import { signAttachmentDigests } from './attachmentSignatures';
import type { KeyFileEntry, KeyStore, Signer, SigningPolicy } from './keyStore';
import { openKeyFile } from './pkcs12Container';
import type { CertificateMemory } from './rememberedCertificates';
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

/** The algorithm NCA's file name promises (AUTH_ files carry the same algorithm prefixes), until the certificate tells. */
function algorithmOfName(fileName: string): KeyFileEntry['algorithm'] {
  const name = fileName.toUpperCase().replace(/^AUTH_/, '');
  if (name.startsWith('RSA256_')) return 'rsa';
  if (name.startsWith('GOST512_')) return 'gost2015';
  if (name.startsWith('GOSTKNCA_')) return 'gost2004';
  return null;
}

/**
 * Whether a key file's certificate may sign here, in the order the operator hears it: a legacy GOST 2004 key first
 * (only NCALayer signs with it, whatever else holds), then the sign dialog's certificate checks. The signing act and
 * the picker (for a remembered certificate) both ask this, so they refuse the same keys for the same reasons.
 */
export async function checkKeyFileCertificate(certificateDer: Uint8Array, others: readonly pkijs.Certificate[], policy: SigningPolicy): Promise<Signer> {
  let certificate: pkijs.Certificate;
  try {
    certificate = pkijs.Certificate.fromBER(new Uint8Array(certificateDer));
  } catch {
    throw new HostError('keys.unreadable', 'signer certificate');
  }
  if (keyAlgorithmOf(certificate.subjectPublicKeyInfo) === 'gost2004') throw new HostError('keys.gost2004NeedsNcaLayer');
  return checkSigningCertificate(certificateDer, others, policy);
}

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

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

export interface Pkcs12FolderOptions {
  /** Where certificates of unlocked files are remembered for the picker; without it the picker knows file names only. */
  certificates?: CertificateMemory;
  /** A failure to remember is told here and never fails the signature. */
  onRememberFailed?(error: unknown): void;
}

export function createPkcs12FolderKeyStore(folder: string, options: Pkcs12FolderOptions = {}): KeyStore {
  async function keyFileNames(): Promise<string[]> {
    try {
      return (await readdir(folder)).filter((name) => KEY_FILE.test(name)).sort();
    } catch (error) {
      // No folder yet simply means no keys have been put there.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** The digest of each key file now in the folder (a few kilobytes each); a file that vanished meanwhile is left out. */
  async function digests(names: readonly string[]): Promise<Map<string, string>> {
    const read = await Promise.all(names.map(async (name) => [name, await readFile(join(folder, name)).catch(() => null)] as const));
    return new Map(read.flatMap(([name, bytes]) => (bytes ? [[name, sha256Of(bytes)] as const] : [])));
  }

  async function remember(fileSha256: string, opened: ReturnType<typeof openKeyFile>): Promise<void> {
    if (!options.certificates) return;
    try {
      const present = new Set((await digests(await keyFileNames())).values());
      const othersDer = opened.others.map((certificate) => new Uint8Array(certificate.toSchema().toBER(false)));
      await options.certificates.remember(fileSha256, { certificateDer: opened.certificateDer, othersDer }, present);
    } catch (error) {
      options.onRememberFailed?.(error);
    }
  }

  return {
    async list() {
      const names = await keyFileNames();
      const memory = options.certificates;
      const byName = memory ? await digests(names) : new Map<string, string>();
      return Promise.all(
        names.map(async (name): Promise<KeyFileEntry> => {
          const digest = byName.get(name);
          const certificate = memory && digest ? await memory.recall(digest) : null;
          return { id: name, fileName: name, kind: kindOf(name), algorithm: algorithmOfName(name), ...(certificate ? { certificate } : {}) };
        }),
      );
    },

    async signPackage(keyId, password, xml, policy, attachments = []) {
      const file = await readKeyFile(folder, keyId);
      const opened = openKeyFile(file, password);
      // Remembered whatever the checks say next: the picker then tells why this key cannot sign before the password.
      await remember(sha256Of(file), opened);
      const signer = await checkKeyFileCertificate(opened.certificateDer, opened.others, policy);
      const key = signingKeyOf(opened.key, opened.certificateDer);
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

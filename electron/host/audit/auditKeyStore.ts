/**
 * Where the workstation's audit signing key (Ed25519) lives. A port, so the key can move behind the
 * OS-protected data key once the host has one; until then a PKCS#8 file readable by the host's user only.
 */
import { createHash, createPublicKey, generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../storage/atomicFile';

export interface AuditKeyStore {
  /** The signing key, generated and kept on first use. */
  loadOrCreate(): Promise<KeyObject>;
}

export function createFileAuditKeyStore(file: string): AuditKeyStore {
  return {
    async loadOrCreate() {
      const pem = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (pem !== null) return createPrivateKey(pem);
      const { privateKey } = generateKeyPairSync('ed25519');
      await writeFileAtomically(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
      return privateKey;
    },
  };
}

export interface PublicKeyInfo {
  /** SPKI DER, base64: what the genesis entry carries. */
  spkiBase64: string;
  pem: string;
  /** SHA-256 of the SPKI DER, hex. */
  fingerprint: string;
}

export function publicKeyInfo(key: KeyObject): PublicKeyInfo {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { spkiBase64: der.toString('base64'), pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), fingerprint: createHash('sha256').update(der).digest('hex') };
}

/**
 * Where the workstation's audit signing key (Ed25519) lives: behind a port, so a shell could keep it elsewhere.
 * The file store keeps it as PKCS#8, sealed under the workstation's data key (vault) when one is given, so a
 * copied data folder cannot sign checkpoints on another machine; unsealed only in tests and tools.
 */
import { createHash, createPublicKey, generateKeyPairSync, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '../storage/atomicFile';
import type { FileSealer } from '../vault/vault';

export interface AuditKeyStore {
  /** The signing key, generated and kept on first use. */
  loadOrCreate(): Promise<KeyObject>;
}

const SEAL_LABEL = 'audit/audit-key';

export function createFileAuditKeyStore(file: string, sealer?: FileSealer): AuditKeyStore {
  return {
    async loadOrCreate() {
      const kept = await readFile(file).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (kept !== null) return createPrivateKey({ key: sealer ? sealer.open(kept, SEAL_LABEL) : kept, format: 'der', type: 'pkcs8' });
      const { privateKey } = generateKeyPairSync('ed25519');
      const der = privateKey.export({ type: 'pkcs8', format: 'der' });
      await writeFileAtomically(file, sealer ? sealer.seal(der, SEAL_LABEL) : der);
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

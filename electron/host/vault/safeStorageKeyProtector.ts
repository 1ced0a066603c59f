/**
 * The Electron shell's key protector over safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret or
 * KWallet on Linux). electron/main hands in Electron's own safeStorage object; only it may import 'electron'.
 */
import { VaultError, type KeyProtector } from './keyProtector';

/** The part of Electron's safeStorage this uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only, after the app is ready. */
  getSelectedStorageBackend?(): string;
}

/** Throws VaultError when the OS cannot really protect the key: the caller decides whether that stops the start. */
export function createSafeStorageKeyProtector(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): KeyProtector {
  if (!safeStorage.isEncryptionAvailable()) throw new VaultError('safeStorageUnavailable');
  // With no keyring Chromium "encrypts" under a hard-coded password: as good as plain text on disk.
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') throw new VaultError('safeStorageBasicText');
  return {
    kind: 'safeStorage',
    async wrap(key) {
      return safeStorage.encryptString(key.toString('base64'));
    },
    async unwrap(blob) {
      let text: string;
      try {
        text = safeStorage.decryptString(blob);
      } catch (error) {
        throw new VaultError('keyRefused', error instanceof Error ? error.message : undefined);
      }
      return Buffer.from(text, 'base64');
    },
  };
}

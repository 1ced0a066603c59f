/**
 * Which protector a workstation's data key gets, decided once at start by the composition root. Production
 * refuses to start unprotected; training (practice data only) falls back to a generated secret kept in its
 * own data folder, so `npm start` works with no setup.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HostLog } from '../logging/hostLog';
import { writeFileAtomically } from '../storage/atomicFile';
import { VaultError, type KeyProtector } from './keyProtector';
import { createSafeStorageKeyProtector, type SafeStorageLike } from './safeStorageKeyProtector';
import { createSecretKeyProtector } from './secretKeyProtector';

/** What the shell can offer: Electron's safeStorage, or (browser mode) the administrator's secret if given. */
export type DataProtection = { kind: 'safeStorage'; safeStorage: SafeStorageLike; platform?: NodeJS.Platform } | { kind: 'secret'; secret?: string };

export const TRAINING_SECRET_FILE = 'training-secret';

async function trainingSecret(vaultFolder: string, log: HostLog): Promise<string> {
  const file = join(vaultFolder, TRAINING_SECRET_FILE);
  const kept = await readFile(file, 'utf8').catch(() => null);
  if (kept !== null) return kept.trim();
  const secret = randomBytes(32).toString('base64url');
  await writeFileAtomically(file, secret);
  // Said out loud: this secret sits beside the data it protects, which is only acceptable for practice data.
  log.warn('vault.trainingSecretGenerated', { reason: 'training data only: the data secret is kept in the training data folder' });
  return secret;
}

export async function keyProtectorFor(protection: DataProtection, context: { training: boolean; vaultFolder: string; log: HostLog }): Promise<KeyProtector> {
  if (protection.kind === 'safeStorage') {
    try {
      return createSafeStorageKeyProtector(protection.safeStorage, protection.platform);
    } catch (error) {
      if (!context.training || !(error instanceof VaultError)) throw error;
      context.log.warn('vault.safeStorageUnusable', { reason: error.problem });
      return createSecretKeyProtector(await trainingSecret(context.vaultFolder, context.log));
    }
  }
  if (protection.secret) return createSecretKeyProtector(protection.secret);
  if (!context.training) throw new VaultError('noSecret');
  return createSecretKeyProtector(await trainingSecret(context.vaultFolder, context.log));
}

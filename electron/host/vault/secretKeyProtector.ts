/**
 * Browser mode's key protector: the key-encryption key is scrypt of the administrator's secret, so a copied
 * data folder is useless without the secret, which never lives beside it (except in training, see
 * trainingSecret).
 */
import { randomBytes, scrypt } from 'node:crypto';
import { openSealedFile, SealedFileError, sealFile } from './sealedFile';
import { VaultError, type KeyProtector } from './keyProtector';

export const MIN_SECRET_LENGTH = 16;
const FORMAT = 1;
const SALT_BYTES = 16;
/** scrypt N = 2^15, r = 8: about 0.1 s and 32 MiB once per start, which is what makes guessing slow. */
const DEFAULT_LOG_N = 15;
const WRAP_LABEL = 'qabyl/data-key';

function deriveKek(secret: string, salt: Buffer, logN: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 2 ** logN * 8 * 128 * 2 }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `logN` only for tests, which need not spend a real start's scrypt time on every case. */
export function createSecretKeyProtector(secret: string, options: { logN?: number } = {}): KeyProtector {
  if (secret.length < MIN_SECRET_LENGTH) throw new VaultError('secretTooShort');
  const logN = options.logN ?? DEFAULT_LOG_N;
  return {
    kind: 'secret',
    async wrap(key) {
      const salt = randomBytes(SALT_BYTES);
      const sealed = sealFile(await deriveKek(secret, salt, logN), key, WRAP_LABEL);
      return Buffer.concat([Buffer.from([FORMAT, logN]), salt, sealed]);
    },
    async unwrap(blob) {
      if (blob.byteLength < 2 + SALT_BYTES || blob[0] !== FORMAT) throw new VaultError('keyFileDamaged');
      const salt = blob.subarray(2, 2 + SALT_BYTES);
      try {
        return openSealedFile(await deriveKek(secret, salt, blob[1]!), blob.subarray(2 + SALT_BYTES), WRAP_LABEL);
      } catch (error) {
        if (error instanceof SealedFileError && error.problem === 'wrongKey') throw new VaultError('wrongSecret');
        throw new VaultError('keyFileDamaged', error instanceof Error ? error.message : undefined);
      }
    },
  };
}

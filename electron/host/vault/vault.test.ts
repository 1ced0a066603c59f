import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHostLog } from '../logging/hostLog';
import { keyProtectorFor, TRAINING_SECRET_FILE } from './keyProtection';
import { VaultError } from './keyProtector';
import { createSafeStorageKeyProtector, type SafeStorageLike } from './safeStorageKeyProtector';
import { createSecretKeyProtector } from './secretKeyProtector';
import { DATA_KEY_FILE, AUDIT_LOGIN_KEY_INFO, deriveKey, FIELD_KEY_INFO, openVault } from './vault';

// Small scrypt cost: the tests check the logic, not the work factor.
const secretProtector = (secret: string) => createSecretKeyProtector(secret, { logN: 10 });
const folder = () => mkdtemp(join(tmpdir(), 'qabyl-vault-'));

/**
 * Electron's safeStorage cannot run here (no Electron binary): this stand-in keeps its contract, an
 * encryptString whose output only the same "machine" decrypts.
 */
function fakeSafeStorage(options: { available?: boolean; backend?: string; machine?: string } = {}): SafeStorageLike {
  const machine = options.machine ?? 'pc-1';
  return {
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString: (text) => Buffer.from(JSON.stringify({ machine, text })),
    decryptString: (blob) => {
      const parsed = JSON.parse(blob.toString()) as { machine: string; text: string };
      if (parsed.machine !== machine) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return parsed.text;
    },
  };
}

describe('vault', () => {
  it('makes the data key on first start and opens the same key with the same secret', async () => {
    const dir = await folder();
    const first = await openVault({ folder: dir, protector: secretProtector('correct horse battery') });
    const stored = await readFile(join(dir, DATA_KEY_FILE), 'utf8');
    expect(stored).not.toContain(first.dataKey().toString('base64'));
    const again = await openVault({ folder: dir, protector: secretProtector('correct horse battery') });
    expect(again.dataKey().equals(first.dataKey())).toBe(true);
    expect(again.open(first.seal(Buffer.from('page'), 'x'), 'x').toString()).toBe('page');
  });

  it('refuses a wrong secret clearly and touches nothing', async () => {
    const dir = await folder();
    await openVault({ folder: dir, protector: secretProtector('correct horse battery') });
    const before = await readFile(join(dir, DATA_KEY_FILE));
    const attempt = openVault({ folder: dir, protector: secretProtector('wrong horse battery!') });
    await expect(attempt).rejects.toThrow(VaultError);
    await expect(attempt).rejects.toMatchObject({ problem: 'wrongSecret', message: expect.stringContaining('nothing was changed') });
    expect((await readFile(join(dir, DATA_KEY_FILE))).equals(before)).toBe(true);
    expect(await readdir(dir)).toEqual([DATA_KEY_FILE]);
  });

  it('refuses a short secret, a damaged key file and a change of protector', async () => {
    expect(() => createSecretKeyProtector('short')).toThrow(expect.objectContaining({ problem: 'secretTooShort' }));
    const dir = await folder();
    await openVault({ folder: dir, protector: secretProtector('correct horse battery') });
    await expect(openVault({ folder: dir, protector: createSafeStorageKeyProtector(fakeSafeStorage(), 'linux') })).rejects.toMatchObject({ problem: 'protectorChanged' });
  });

  it('keeps the key under safeStorage, which only this machine opens', async () => {
    const dir = await folder();
    const vault = await openVault({ folder: dir, protector: createSafeStorageKeyProtector(fakeSafeStorage(), 'linux') });
    const again = await openVault({ folder: dir, protector: createSafeStorageKeyProtector(fakeSafeStorage(), 'linux') });
    expect(again.dataKey().equals(vault.dataKey())).toBe(true);
    await expect(openVault({ folder: dir, protector: createSafeStorageKeyProtector(fakeSafeStorage({ machine: 'pc-2' }), 'linux') })).rejects.toMatchObject({ problem: 'keyRefused' });
  });

  it('refuses safeStorage without real protection: unavailable, or Linux with no keyring', () => {
    expect(() => createSafeStorageKeyProtector(fakeSafeStorage({ available: false }), 'win32')).toThrow(expect.objectContaining({ problem: 'safeStorageUnavailable' }));
    expect(() => createSafeStorageKeyProtector(fakeSafeStorage({ backend: 'basic_text' }), 'linux')).toThrow(/basic_text/);
    expect(createSafeStorageKeyProtector(fakeSafeStorage({ backend: 'basic_text' }), 'darwin').kind).toBe('safeStorage');
  });

  it('production refuses to start unprotected; training generates its own secret, once, and says so', async () => {
    const dir = await folder();
    const log = createHostLog({ dir: await mkdtemp(join(tmpdir(), 'qabyl-vault-log-')) });
    await expect(keyProtectorFor({ kind: 'secret' }, { training: false, vaultFolder: dir, log })).rejects.toMatchObject({ problem: 'noSecret' });
    await expect(keyProtectorFor({ kind: 'safeStorage', safeStorage: fakeSafeStorage({ backend: 'basic_text' }), platform: 'linux' }, { training: false, vaultFolder: dir, log })).rejects.toMatchObject({
      problem: 'safeStorageBasicText',
    });
    expect(await readdir(dir)).toEqual([]);

    const training = await keyProtectorFor({ kind: 'secret' }, { training: true, vaultFolder: dir, log });
    const secret = await readFile(join(dir, TRAINING_SECRET_FILE), 'utf8');
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const vault = await openVault({ folder: dir, protector: training });
    const restarted = await openVault({ folder: dir, protector: await keyProtectorFor({ kind: 'secret' }, { training: true, vaultFolder: dir, log }) });
    expect(restarted.dataKey().equals(vault.dataKey())).toBe(true);
    const logged = (await Promise.all(log.files().map((file) => readFile(file, 'utf8')))).join('');
    expect(logged.match(/vault\.trainingSecretGenerated/g)).toHaveLength(1);
  });

  it('derives field keys deterministically from the data key, and differently per workstation', async () => {
    const a = await openVault({ folder: await folder(), protector: secretProtector('correct horse battery') });
    const b = await openVault({ folder: await folder(), protector: secretProtector('correct horse battery') });
    const keysA = a.fieldKeys();
    expect(keysA.fieldKey).toHaveLength(32);
    expect(keysA.indexKey).toHaveLength(32);
    expect(keysA.fieldKey.equals(keysA.indexKey)).toBe(false);
    expect(a.fieldKeys().fieldKey.equals(keysA.fieldKey)).toBe(true);
    expect(keysA.fieldKey.equals(deriveKey(a.dataKey(), FIELD_KEY_INFO))).toBe(true);
    expect(b.fieldKeys().fieldKey.equals(keysA.fieldKey)).toBe(false);
    expect(b.fieldKeys().indexKey.equals(keysA.indexKey)).toBe(false);
    // The audit log's login key is one more key apart from both, also per workstation.
    expect(a.auditLoginKey().equals(deriveKey(a.dataKey(), AUDIT_LOGIN_KEY_INFO))).toBe(true);
    expect([keysA.fieldKey, keysA.indexKey, b.auditLoginKey()].some((other) => other.equals(a.auditLoginKey()))).toBe(false);
  });

  it('takes over a restored data key: re-wrapped by this machine, used from then on, kept across a restart', async () => {
    const dir = await folder();
    const vault = await openVault({ folder: dir, protector: secretProtector('correct horse battery') });
    const restored = randomBytes(32);
    const sealedElsewhere = (await openVault({ folder: await folder(), protector: secretProtector('another office secret') })).seal(Buffer.from('x'), 'l');
    await vault.replaceDataKey(restored);
    expect(vault.dataKey().equals(restored)).toBe(true);
    const restarted = await openVault({ folder: dir, protector: secretProtector('correct horse battery') });
    expect(restarted.dataKey().equals(restored)).toBe(true);
    expect(() => restarted.open(sealedElsewhere, 'l')).toThrow(/another workstation/);
    await expect(vault.replaceDataKey(Buffer.alloc(16))).rejects.toThrow(RangeError);
  });
});

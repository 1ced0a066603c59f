/**
 * A KeyProtector keeps the workstation's data key usable only on this machine (Electron safeStorage: the OS
 * keychain / DPAPI / libsecret) or only with the administrator's secret (browser mode). The vault stores
 * nothing but the wrapped key on disk.
 */
export interface KeyProtector {
  kind: 'safeStorage' | 'secret';
  wrap(key: Buffer): Promise<Buffer>;
  /** Throws VaultError('wrongSecret' | 'keyRefused') when this protector cannot open the blob. */
  unwrap(blob: Buffer): Promise<Buffer>;
}

export type VaultProblem =
  | 'noSecret'
  | 'secretTooShort'
  | 'wrongSecret'
  | 'safeStorageUnavailable'
  | 'safeStorageBasicText'
  | 'keyRefused'
  | 'protectorChanged'
  | 'keyFileDamaged';

/** Start-up refusals: an administrator reads them in the console or the error box, before any window opens. */
const problemText: Record<VaultProblem, string> = {
  noSecret:
    'production in browser mode needs the administrator\'s data secret: set QABYL_DATA_SECRET or pass --secret-file PATH (the same secret on every start; without it the stored data cannot be opened)',
  secretTooShort: 'the data secret is too short: use at least 16 characters',
  wrongSecret: 'the data secret does not open this workstation\'s data key (vault/data-key.json); nothing was changed. Start again with the secret this workstation was set up with',
  safeStorageUnavailable: 'the operating system offers no protected key storage (Electron safeStorage is unavailable), so citizens\' data cannot be encrypted at rest; Qabyl will not start in production',
  safeStorageBasicText:
    'the operating system keyring is missing (safeStorage backend is basic_text: the key would be kept in plain text); install and unlock GNOME Keyring or KWallet, then start again',
  keyRefused: 'the operating system refused to unwrap this workstation\'s data key (another user account or another machine?); nothing was changed',
  protectorChanged: 'this workstation\'s data key was protected another way (see vault/data-key.json); start it the same way as before, or restore it from a backup',
  keyFileDamaged: 'vault/data-key.json is damaged; restore the workstation from a backup',
};

export class VaultError extends Error {
  constructor(
    readonly problem: VaultProblem,
    detail?: string,
  ) {
    super(detail ? `${problemText[problem]} (${detail})` : problemText[problem]);
    this.name = 'VaultError';
  }
}

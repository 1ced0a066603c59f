/**
 * The automatic backup: once a day, and before a downloaded update is installed, the whole workstation goes into
 * the administrator's folder on another disk or a share, in the same .qbk format as a manual backup; the newest
 * `keep` automatic files stay, older ones are removed. The renderer drives it (only it can read its own store),
 * whenever the host says one is due; the host decides when, where and under which key, so a page can neither
 * choose the folder nor push the good backups out with a burst of new ones.
 *
 * The key: the administrator types a backup passphrase once; only its scrypt output (DerivedBackupKey) is kept,
 * sealed under the data key in the vault folder. Every automatic file opens with that passphrase (restore asks for
 * it), the passphrase itself is stored nowhere, and a copied disk without this PC's key protection reveals nothing.
 *
 * A failure (folder missing, share not mounted, disk full) never reaches the operator: it is logged, kept in
 * the state file and shown to supervisors and administrators, and tried again after a pause.
 */
import { readdir, readFile, rename, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { MIN_PASSPHRASE_LENGTH } from '../../../shared/backup/backupManifest';
import { HostError } from '../../../shared/host/hostError';
import type { SettingsStore } from '../settings/settingsStore';
import { writeFileAtomically } from '../storage/atomicFile';
import type { FileSealer } from '../vault/vault';
import type { HostLog } from '../logging/hostLog';
import { deriveBackupKey, DEFAULT_SCRYPT, type DerivedBackupKey, type ScryptParams } from './backupFile';
import type { BackupResult, WorkstationBackup } from './workstationBackup';

export const AUTOMATIC_BACKUP_KEY_FILE = 'automatic-backup-key.sealed';
const KEY_LABEL = 'automatic-backup-key';
const STATE_FILE = 'automatic-backup.json';
/** After a failure the next try waits this long: a missing share is not asked for every minute. */
export const RETRY_AFTER_MS = 15 * 60_000;
/** An automatic file's name: a manual backup's with `-auto`, so pruning never touches a manual one in the same folder. */
const AUTOMATIC_NAME = /^qabyl-.+-(\d{8}-\d{6})-auto\.qbk$/;

const failureSchema = z.object({ at: z.string(), code: z.string(), detail: z.string().optional() });
const stateSchema = z.object({
  lastSuccessAt: z.string().optional(),
  lastFileName: z.string().optional(),
  lastAttemptAt: z.string().optional(),
  lastFailure: failureSchema.optional(),
});
type State = z.infer<typeof stateSchema>;
export type AutomaticBackupFailure = z.infer<typeof failureSchema>;

const keySchema = z.object({ salt: z.string(), logN: z.number().int(), r: z.number().int(), p: z.number().int(), material: z.string() });

export interface AutomaticBackupOptions {
  dataDir: string;
  settings: SettingsStore;
  /** The vault: the derived key is kept sealed under the data key. */
  sealer: FileSealer;
  /** A backup instance of its own, so an automatic run never drops an administrator's manual backup under way. */
  backup: Pick<WorkstationBackup, 'begin' | 'addRows' | 'finish' | 'abort'>;
  log: Pick<HostLog, 'info' | 'warn'>;
  /** Whether a downloaded update waits to be installed: a backup is then due before it. */
  updatePending?: () => boolean;
  now?: () => Date;
  /** Free bytes on the folder's disk; the real one asks the file system. */
  freeBytes?: (folder: string) => Promise<number>;
  /** Tests only: a cheaper scrypt than a real key's. */
  scrypt?: ScryptParams;
}

/** The workstation's own calendar day: "each day" is the office's day, not UTC's. */
const localDay = (at: Date) => `${at.getFullYear()}-${at.getMonth()}-${at.getDate()}`;

const errnoCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;

/** What went wrong, as the screen names it: a full disk and an unreachable folder each their own, the rest by their code. */
export function failureOf(error: unknown): HostError {
  if (error instanceof HostError) return error;
  const code = errnoCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new HostError('backup.diskFull', code);
  return new HostError('backup.folderUnavailable', code ?? (error instanceof Error ? error.message : 'unknown'));
}

async function bytesUnder(folder: string): Promise<number> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
  const sizes = await Promise.all(entries.filter((entry) => entry.isFile()).map((entry) => stat(join(entry.parentPath, entry.name)).then((info) => info.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

const diskFreeBytes = async (folder: string) => {
  const info = await statfs(folder);
  return info.bavail * info.bsize;
};

export function createAutomaticBackup(options: AutomaticBackupOptions) {
  const now = options.now ?? (() => new Date());
  const freeBytes = options.freeBytes ?? diskFreeBytes;
  const stateFile = join(options.dataDir, STATE_FILE);
  const keyFile = join(options.dataDir, 'vault', AUTOMATIC_BACKUP_KEY_FILE);
  /** When this run first saw a downloaded update waiting: a backup newer than that is the one before it. */
  let updateSeenAt: Date | null = null;
  let running: { backupId: string; startedAt: number } | null = null;
  /** A run whose window closed half-way never finishes; after this long another may start (begin drops its file). */
  const RUN_ABANDONED_MS = 60 * 60_000;
  const isRunning = () => running !== null && now().getTime() - running.startedAt < RUN_ABANDONED_MS;

  /** What the updater's synchronous question needs, kept from the last look at the settings, key and state file. */
  const known = { configured: false, state: {} as State };
  const readState = async (): Promise<State> => {
    const text = await readFile(stateFile, 'utf8').catch(() => null);
    const parsed = text === null ? null : stateSchema.safeParse(JSON.parse(text));
    known.state = parsed?.success ? parsed.data : {};
    return known.state;
  };
  const writeState = async (state: State) => {
    known.state = state;
    await writeFileAtomically(stateFile, `${JSON.stringify(state)}\n`);
  };

  /** The key, or null when none is set or it no longer opens (a restore brought another data key): the administrator sets it again. */
  const readKey = async (): Promise<DerivedBackupKey | null> => {
    const sealed = await readFile(keyFile).catch(() => null);
    if (!sealed) return null;
    try {
      const key = keySchema.parse(JSON.parse(options.sealer.open(sealed, KEY_LABEL).toString('utf8')));
      return { salt: Buffer.from(key.salt, 'base64'), params: { logN: key.logN, r: key.r, p: key.p }, material: Buffer.from(key.material, 'base64') };
    } catch {
      return null;
    }
  };

  const updateWaits = () => {
    if (!options.updatePending?.()) {
      updateSeenAt = null;
      return false;
    }
    updateSeenAt ??= now();
    return true;
  };

  /** Why a backup is due now ('daily' or 'update'), or null. */
  const dueReason = async (): Promise<'daily' | 'update' | null> => {
    const { autoBackup } = await options.settings.load();
    known.configured = autoBackup.enabled && autoBackup.folder.trim() !== '' && (await readKey()) !== null;
    const state = await readState();
    if (!known.configured || isRunning()) return null;
    const at = now();
    if (state.lastAttemptAt && state.lastFailure && state.lastFailure.at >= (state.lastSuccessAt ?? '') && at.getTime() - Date.parse(state.lastAttemptAt) < RETRY_AFTER_MS) return null;
    const last = state.lastSuccessAt ? new Date(state.lastSuccessAt) : null;
    if (updateWaits() && (!last || last < updateSeenAt!)) return 'update';
    return !last || localDay(last) !== localDay(at) ? 'daily' : null;
  };

  const fail = async (error: unknown): Promise<HostError> => {
    const failure = failureOf(error);
    const state = await readState();
    await writeState({ ...state, lastFailure: { at: now().toISOString(), code: failure.code, ...(failure.detail ? { detail: failure.detail } : {}) } });
    options.log.warn('backup.automaticFailed', { code: failure.code, ...(failure.detail ? { reason: failure.detail } : {}) });
    return failure;
  };

  const end = async (backupId: string, error: unknown): Promise<never> => {
    if (running?.backupId === backupId) running = null;
    await options.backup.abort({ backupId });
    throw await fail(error);
  };

  /** Removes the oldest automatic files past `keep`; manual backups and other files in the folder are never touched. */
  const prune = async (folder: string, keep: number) => {
    const names = (await readdir(folder)).filter((name) => AUTOMATIC_NAME.test(name));
    const newestFirst = names.sort((a, b) => AUTOMATIC_NAME.exec(b)![1]!.localeCompare(AUTOMATIC_NAME.exec(a)![1]!));
    const removed = newestFirst.slice(keep);
    for (const name of removed) await rm(join(folder, name), { force: true });
    return removed.length;
  };

  return {
    /**
     * Asked by the updater before it installs (synchronously): a downloaded update waits while a backup is to be
     * made first, until one succeeds or fails after the update came. A failure lets it go: never blocked for good.
     */
    updateWaitsForBackup(): boolean {
      if (!known.configured || !updateWaits()) return false;
      const since = updateSeenAt!.toISOString();
      return (known.state.lastSuccessAt ?? '') < since && (known.state.lastFailure?.at ?? '') < since;
    },

    async setKey({ passphrase }: { passphrase: string }) {
      if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new HostError('backup.weakPassphrase');
      const key = await deriveBackupKey(passphrase, options.scrypt ?? DEFAULT_SCRYPT);
      const json = JSON.stringify({ salt: key.salt.toString('base64'), ...key.params, material: key.material.toString('base64') });
      await writeFileAtomically(keyFile, options.sealer.seal(Buffer.from(json, 'utf8'), KEY_LABEL));
    },

    /** For the renderer's runner: whether to start one now. */
    async due() {
      return { due: (await dueReason()) !== null };
    },

    /** For supervisors and administrators: the settings, whether a key is set, the last success and the last failure. */
    async status() {
      const { autoBackup } = await options.settings.load();
      const state = await readState();
      const failing = state.lastFailure && state.lastFailure.at >= (state.lastSuccessAt ?? '') ? { lastFailure: state.lastFailure } : {};
      return {
        ...autoBackup,
        keySet: (await readKey()) !== null,
        due: (await dueReason()) !== null,
        ...(state.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
        ...(state.lastFileName ? { lastFileName: state.lastFileName } : {}),
        ...failing,
      };
    },

    async begin(): Promise<{ backupId: string }> {
      const reason = await dueReason();
      if (!reason) throw new HostError('backup.notDue');
      const { autoBackup } = await options.settings.load();
      const key = (await readKey())!;
      await writeState({ ...(await readState()), lastAttemptAt: now().toISOString() });
      try {
        // Never created here: a share that is not mounted would otherwise fill the local disk under its mount point.
        const folder = await stat(autoBackup.folder).catch((error: unknown) => {
          throw new HostError('backup.folderUnavailable', errnoCode(error) ?? 'unknown');
        });
        if (!folder.isDirectory()) throw new HostError('backup.folderUnavailable', 'ENOTDIR');
        // The documents are most of a backup: without room for them, fail now rather than leave a full disk.
        const needed = await bytesUnder(join(options.dataDir, 'documents'));
        if ((await freeBytes(autoBackup.folder)) < needed) throw new HostError('backup.diskFull', `${needed}`);
        const { backupId } = await options.backup.begin({ passphrase: key, folder: autoBackup.folder });
        running = { backupId, startedAt: now().getTime() };
        options.log.info('backup.automaticStarted', { reason });
        return { backupId };
      } catch (error) {
        throw await fail(error);
      }
    },

    async addRows(page: { backupId: string; table: string; rowsJson: string }) {
      return options.backup.addRows(page).catch((error: unknown) => end(page.backupId, error));
    },

    async finish({ backupId }: { backupId: string }): Promise<BackupResult & { pruned: number }> {
      const { autoBackup } = await options.settings.load();
      try {
        const made = await options.backup.finish({ backupId });
        const fileName = made.fileName.replace(/\.qbk$/, '-auto.qbk');
        const path = join(autoBackup.folder, fileName);
        await rename(made.path, path);
        const pruned = await prune(autoBackup.folder, autoBackup.keep);
        const state = await readState();
        const { lastFailure: _resolved, ...rest } = state;
        await writeState({ ...rest, lastSuccessAt: now().toISOString(), lastFileName: fileName });
        options.log.info('backup.automaticCreated', { bytes: made.bytes, count: pruned });
        return { ...made, fileName, path, pruned };
      } catch (error) {
        return end(backupId, error);
      } finally {
        if (running?.backupId === backupId) running = null;
      }
    },
  };
}

export type AutomaticBackup = ReturnType<typeof createAutomaticBackup>;

/** The newest automatic backup in `folder` (a restore offers it), by the time in its name; null when there is none. */
export async function newestAutomaticBackup(folder: string): Promise<{ path: string; fileName: string } | null> {
  const names = await readdir(folder).catch(() => []);
  const newest = names
    .filter((name) => AUTOMATIC_NAME.test(name))
    .sort((a, b) => AUTOMATIC_NAME.exec(b)![1]!.localeCompare(AUTOMATIC_NAME.exec(a)![1]!))[0];
  return newest ? { path: join(folder, newest), fileName: newest } : null;
}

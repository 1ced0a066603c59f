/**
 * Backup and restore of a whole workstation, as stored: the renderer's Dexie rows (still field-encrypted), the
 * host's files (documents still sealed), the settings and the data key that opens them, in one file under an
 * administrator's passphrase (backupFile.ts). Because the key travels inside, a restore onto another machine
 * makes everything readable there; the key is then wrapped by that machine's own protector.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { BACKUP_FORMAT, backupManifestSchema, MAX_ROWS_PAGE_CHARS, MIN_PASSPHRASE_LENGTH, type BackupManifest } from '../../../shared/backup/backupManifest';
import { HostError } from '../../../shared/host/hostError';
import { AUDIT_WITNESS_FILE } from '../audit/auditWitnessStore';
import { settingsFileSchema, type SettingsPatch } from '../../../shared/settings/settingsSchema';
import type { SettingsStore } from '../settings/settingsStore';
import { writeFileAtomically } from '../storage/atomicFile';
import type { Vault } from '../vault/vault';
import { createBackupFileWriter, damaged, DEFAULT_SCRYPT, openBackupFile, type BackupFileReader, type BackupFileWriter, type DerivedBackupKey, type ScryptParams } from './backupFile';
import { readRecords, writeRecord, type RecordPlace } from './backupRecords';
import type { ReopenableAuditLog } from './reopenableAuditLog';

/**
 * What of the data folder a backup carries. Not the wrapped key file (it opens only on this machine; the key
 * itself travels instead), nor caches the host fetches again (revocation lists, upload progress, open scan batches).
 * documents-owner.json names the database the documents belong to (startupSweep): the restored rows are that one.
 */
const CARRIED_FILES = ['operators.json', 'documents-owner.json'];
const CARRIED_FOLDERS = ['documents', 'catalogs', 'outgoing', 'audit'];
const DOCUMENTS_FOLDER = 'documents';
const AUDIT_FOLDER = 'audit';
/** The settings live beside the data folders, not in one; they travel as this record. */
const SETTINGS_RECORD = 'settings.json';
/** Present from the first file a restore writes until the renderer has read the last rows page: a restore cut off half-way may run again over its own leftovers. */
export const RESTORING_MARKER = 'restore-in-progress';
/** An unfinished restore's open file is let go after this long. */
const RESTORE_IDLE_MS = 30 * 60_000;

export interface WorkstationBackupOptions {
  dataDir: string;
  settings: SettingsStore;
  appVersion: string;
  training: boolean;
  vault: Pick<Vault, 'dataKey' | 'replaceDataKey'>;
  /** The host's open audit log: closed while a restore replaces its folder, opened again on the restored chain. */
  liveAudit: Pick<ReopenableAuditLog, 'close' | 'reopen' | 'witness'>;
  /** Tests only: a cheaper scrypt than a real backup's. */
  scrypt?: ScryptParams;
  now?: () => Date;
}

export interface BackupResult {
  fileName: string;
  path: string;
  bytes: number;
  documents: number;
  rows: number;
}

interface OpenBackup {
  writer: BackupFileWriter;
  temp: string;
  path: string;
  createdAt: Date;
  tables: Record<string, number>;
  documents: number;
  documentBytes: number;
  /** Once finish runs, no more rows may join. */
  finishing: boolean;
}

const rowsIn = (session: OpenBackup) => Object.values(session.tables).reduce((sum, count) => sum + count, 0);

interface OpenRestore {
  reader: BackupFileReader;
  pages: Map<string, RecordPlace[]>;
  /** Tables whose last page the renderer has not read yet. */
  unread: Set<string>;
  timer: NodeJS.Timeout;
}

async function filesUnder(root: string, folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.tmp'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** A carried path from a backup, as a file under the data folder; anything else in a backup is damage. */
function restoredPath(dataDir: string, path: string): string {
  const parts = path.split('/');
  const carried = parts.length === 1 ? CARRIED_FILES.includes(path) : CARRIED_FOLDERS.includes(parts[0]!) && parts.every((part) => part !== '' && part !== '.' && part !== '..');
  if (!carried || path.includes('\\') || path.includes('\0')) throw damaged(`unexpected path ${path}`);
  return join(dataDir, ...parts);
}

/** The backup's settings, checked before anything is written: a file this version cannot apply changes nothing. */
function settingsOf(body: Buffer): SettingsPatch {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw damaged('settings');
  }
  const settings = settingsFileSchema.safeParse(parsed);
  if (!settings.success) throw new HostError('settings.invalid', settings.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  return settings.data;
}

const backupFileName = (office: string, at: Date) => `qabyl-${office}-${at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.qbk`;

export function createWorkstationBackup(options: WorkstationBackupOptions) {
  const backups = new Map<string, OpenBackup>();
  const restores = new Map<string, OpenRestore>();
  const now = options.now ?? (() => new Date());

  const sessionOf = (backupId: string) => {
    const session = backups.get(backupId);
    if (!session) throw new HostError('backup.unknownSession');
    return session;
  };

  const closeRestore = async (restoreId: string) => {
    const session = restores.get(restoreId);
    if (!session) return;
    restores.delete(restoreId);
    clearTimeout(session.timer);
    await session.reader.close();
    if (session.unread.size === 0) await rm(join(options.dataDir, RESTORING_MARKER), { force: true });
  };

  const openChecked = async (path: string, passphrase: string) => {
    const reader = await openBackupFile(path, passphrase);
    const manifest = backupManifestSchema.safeParse(reader.manifest);
    if (!manifest.success) {
      await reader.close();
      throw damaged('manifest');
    }
    return { reader, manifest: manifest.data };
  };

  /** A restore replaces what is here; only a workstation that holds no documents yet (or a restore's leftovers) may take one. */
  const assertFresh = async () => {
    const restoring = await stat(join(options.dataDir, RESTORING_MARKER)).catch(() => null);
    if (!restoring && (await filesUnder(options.dataDir, DOCUMENTS_FOLDER)).length > 0) throw new HostError('backup.notEmpty');
  };

  /** Lets an unfinished backup go, its partial file too (on a full disk it would only take more room). */
  const drop = async (backupId: string) => {
    const left = backups.get(backupId);
    if (!left) return;
    backups.delete(backupId);
    await left.writer.abort().catch(() => undefined);
    await rm(left.temp, { force: true });
  };

  return {
    abort: ({ backupId }: { backupId: string }) => drop(backupId),

    /** Starts a backup into `folder` (the administrator's backup folder, e.g. a USB stick); the automatic one passes its derived key. */
    async begin({ passphrase, folder }: { passphrase: string | DerivedBackupKey; folder: string }) {
      if (typeof passphrase === 'string' && passphrase.length < MIN_PASSPHRASE_LENGTH) throw new HostError('backup.weakPassphrase');
      // One backup at a time: a new one drops any left unfinished (a closed window, a reload), file and all.
      for (const backupId of backups.keys()) await drop(backupId);
      const createdAt = now();
      const { office } = await options.settings.load();
      try {
        await mkdir(folder, { recursive: true });
      } catch (error) {
        throw new HostError('backup.folderUnavailable', (error as NodeJS.ErrnoException).code);
      }
      const path = join(folder, backupFileName(office.code, createdAt));
      const temp = `${path}.${randomUUID().slice(0, 8)}.tmp`;
      const writer = await createBackupFileWriter(temp, passphrase, options.scrypt ?? DEFAULT_SCRYPT).catch((error: NodeJS.ErrnoException) => {
        throw new HostError('backup.folderUnavailable', error.code);
      });
      const backupId = randomUUID();
      backups.set(backupId, { writer, temp, path, createdAt, tables: {}, documents: 0, documentBytes: 0, finishing: false });
      return { backupId };
    },

    async addRows({ backupId, table, rowsJson }: { backupId: string; table: string; rowsJson: string }) {
      const session = sessionOf(backupId);
      if (session.finishing) throw new HostError('backup.unknownSession');
      if (rowsJson.length > MAX_ROWS_PAGE_CHARS) throw new HostError('bridge.badRequest', 'rows page too large');
      let rows: unknown;
      try {
        rows = JSON.parse(rowsJson);
      } catch {
        rows = null;
      }
      if (!Array.isArray(rows)) throw new HostError('bridge.badRequest', 'rowsJson is not a JSON array');
      const body = Buffer.from(rowsJson, 'utf8');
      await writeRecord(session.writer, { type: 'rows', table, count: rows.length, bytes: body.byteLength }, body);
      session.tables[table] = (session.tables[table] ?? 0) + rows.length;
      return { rows: session.tables[table] };
    },

    /** Adds the host's part (files, settings, key), writes the manifest and puts the file in place. */
    async finish({ backupId }: { backupId: string }): Promise<BackupResult> {
      const session = sessionOf(backupId);
      if (session.finishing) throw new HostError('backup.unknownSession');
      session.finishing = true;
      // Taken before the audit folder is copied, so the copied log always reaches it.
      const auditWitness = options.liveAudit.witness();
      try {
        const settings = await options.settings.load();
        const settingsBody = Buffer.from(JSON.stringify(settings), 'utf8');
        await writeRecord(session.writer, { type: 'file', path: SETTINGS_RECORD, bytes: settingsBody.byteLength }, settingsBody);
        // The key before the files it opens: a restore cut off half-way never leaves sealed files under a key this machine lacks.
        await writeRecord(session.writer, { type: 'dataKey', bytes: 32 }, options.vault.dataKey());
        const carried = [...CARRIED_FILES, ...(await Promise.all(CARRIED_FOLDERS.map((folder) => filesUnder(options.dataDir, folder)))).flat()];
        for (const path of carried) {
          const body = await readFile(join(options.dataDir, path)).catch((error: NodeJS.ErrnoException) => {
            // A file gone since the listing (operators.json before the first account) is simply not carried.
            if (error.code === 'ENOENT') return null;
            throw error;
          });
          if (!body) continue;
          await writeRecord(session.writer, { type: 'file', path, bytes: body.byteLength }, body);
          if (path.startsWith(`${DOCUMENTS_FOLDER}/`)) {
            session.documents += 1;
            session.documentBytes += body.byteLength;
          }
        }
        const manifest: BackupManifest = {
          format: BACKUP_FORMAT,
          appVersion: options.appVersion,
          office: settings.office,
          training: options.training,
          createdAt: session.createdAt.toISOString(),
          tables: session.tables,
          documents: session.documents,
          documentBytes: session.documentBytes,
          ...(auditWitness ? { auditWitness } : {}),
        };
        const bytes = await session.writer.finish(manifest);
        await rename(session.temp, session.path);
        return { fileName: basename(session.path), path: session.path, bytes, documents: session.documents, rows: rowsIn(session) };
      } catch (error) {
        await session.writer.abort().catch(() => undefined);
        await rm(session.temp, { force: true });
        throw error;
      } finally {
        backups.delete(backupId);
      }
    },

    /** How far a backup has come, for the screen to show while finish adds the documents. */
    async status({ backupId }: { backupId: string }) {
      const session = sessionOf(backupId);
      return { rows: rowsIn(session), documents: session.documents, documentBytes: session.documentBytes };
    },

    async inspect({ path, passphrase }: { path: string; passphrase: string }): Promise<BackupManifest> {
      const { reader, manifest } = await openChecked(path, passphrase);
      await reader.close();
      return manifest;
    },

    /**
     * Checks the whole file before it changes anything, then puts the host's part in place; the renderer then
     * fetches the rows page by page (readRows) and writes them into its own store.
     */
    async restore({ path, passphrase }: { path: string; passphrase: string }) {
      await assertFresh();
      const { reader, manifest } = await openChecked(path, passphrase);
      try {
        if (manifest.training !== options.training) throw new HostError('backup.otherMode', manifest.training ? 'training' : 'production');
        const pages = new Map<string, RecordPlace[]>();
        const rowCounts: Record<string, number> = {};
        let settings: SettingsPatch | undefined;
        for await (const { header, body, place } of readRecords(reader)) {
          if (header.type === 'file' && header.path === SETTINGS_RECORD) settings = settingsOf(body);
          else if (header.type === 'file') restoredPath(options.dataDir, header.path);
          if (header.type !== 'rows') continue;
          pages.set(header.table, [...(pages.get(header.table) ?? []), place]);
          rowCounts[header.table] = (rowCounts[header.table] ?? 0) + header.count;
        }
        const counted = Object.entries(manifest.tables).every(([table, count]) => (rowCounts[table] ?? 0) === count);
        if (!counted || Object.keys(rowCounts).some((table) => !(table in manifest.tables))) throw damaged('row counts differ from the manifest');

        await writeFileAtomically(join(options.dataDir, RESTORING_MARKER), manifest.createdAt);
        if (settings) await options.settings.apply(settings);
        await options.liveAudit.close();
        try {
          // This workstation's own short trail (its start, a failed login) is kept aside, never deleted; the backup's chain continues.
          await rename(join(options.dataDir, AUDIT_FOLDER), join(options.dataDir, `${AUDIT_FOLDER}-before-restore-${now().toISOString().replace(/[:.]/g, '-')}`)).catch((error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error;
          });
          for await (const { header, body } of readRecords(reader)) {
            if (header.type === 'dataKey') await options.vault.replaceDataKey(body);
            else if (header.type === 'file' && header.path !== SETTINGS_RECORD) await writeFileAtomically(restoredPath(options.dataDir, header.path), body);
          }
          // The backup's witness goes with the backup's chain; this workstation's own (of the log kept aside) would not fit it.
          const witnessFile = join(options.dataDir, 'vault', AUDIT_WITNESS_FILE);
          if (manifest.auditWitness) await writeFileAtomically(witnessFile, `${JSON.stringify(manifest.auditWitness)}\n`);
          else await rm(witnessFile, { force: true });
        } finally {
          await options.liveAudit.reopen();
        }
        const restoreId = randomUUID();
        restores.set(restoreId, { reader, pages, unread: new Set(pages.keys()), timer: setTimeout(() => void closeRestore(restoreId), RESTORE_IDLE_MS).unref() });
        if (pages.size === 0) await closeRestore(restoreId);
        return { restoreId, manifest };
      } catch (error) {
        await reader.close();
        throw error;
      }
    },

    /** One page of one table's rows, as the backup holds them; the file is let go after the last page of the last table. */
    async readRows({ restoreId, table, page }: { restoreId: string; table: string; page: number }) {
      const session = restores.get(restoreId);
      if (!session) throw new HostError('backup.unknownSession');
      const places = session.pages.get(table) ?? [];
      if (places.length === 0) return { rowsJson: '[]', done: true };
      const place = places[page];
      if (!place) throw new HostError('bridge.badRequest', 'no such page');
      const first = await readRecords(session.reader, place).next();
      if (first.done || first.value.header.type !== 'rows' || first.value.header.table !== table) throw damaged('rows page moved');
      const done = page === places.length - 1;
      if (done) session.unread.delete(table);
      if (session.unread.size === 0) await closeRestore(restoreId);
      return { rowsJson: first.value.body.toString('utf8'), done };
    },

    async close() {
      await Promise.all([...restores.keys()].map(closeRestore));
      for (const session of backups.values()) await session.writer.abort().catch(() => undefined);
    },
  };
}

export type WorkstationBackup = ReturnType<typeof createWorkstationBackup>;
